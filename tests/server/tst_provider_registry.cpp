// The WhatsApp provider registry and each provider's side of the interface, against the Graph API
// and WPPConnect stand-ins: names, capabilities written out here (not read back from the code),
// the exact requests a send and a health check make, and webhooks read into neutral records.

#include "FakeMetaGraph.h"
#include "FakeWppConnect.h"

#include "crypto/WebhookSignature.h"
#include "providers/ProviderRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

const QString kPhoneNumberId = u"106540352242922"_s;
const QString kToken = u"EAAG-registry-token"_s;
const QString kSession = u"registry_session"_s;

ProviderCapabilities caps(bool templates, bool buttons, bool lists, bool qr, bool sessions, bool window,
                          bool mediaFetch, bool handshake)
{
    ProviderCapabilities c;
    c.templates = templates;
    c.interactiveButtons = buttons;
    c.interactiveLists = lists;
    c.qrPairing = qr;
    c.sessions = sessions;
    c.customerServiceWindow = window;
    c.mediaFetch = mediaFetch;
    c.webhookHandshake = handshake;
    return c;
}

QList<bool> flags(const ProviderCapabilities &c)
{
    return {c.templates, c.interactiveButtons,    c.interactiveLists, c.qrPairing,
            c.sessions,  c.customerServiceWindow, c.mediaFetch,       c.webhookHandshake};
}

}   // namespace

class tst_ProviderRegistry : public QObject {
    Q_OBJECT

private slots:
    void names();
    void capabilities_data();
    void capabilities();
    void webhookUrls();
    void uniqueKeys();

    void metaSendText();
    void metaRefusals();
    void metaHealth_data();
    void metaHealth();
    void metaWebhook();
    void metaReplyIds_data();
    void metaReplyIds();

    void wppSendText();
    void wppRefusals();
    void wppHealth_data();
    void wppHealth();
    void wppWebhook();

private:
    template <typename T>
    static T waitFor(const std::function<void(std::function<void(const T &)>)> &start)
    {
        T result;
        bool done = false;
        start([&](const T &r) {
            result = r;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 10000))
            qWarning("no answer");
        return result;
    }

    const ProviderRegistry m_registry;
};

void tst_ProviderRegistry::names()
{
    QCOMPARE(m_registry.names(), (QStringList{u"meta"_s, u"wppconnect"_s}));
    QCOMPARE(m_registry.find(u"meta"_s)->name(), u"meta"_s);
    QCOMPARE(m_registry.find(u"wppconnect"_s)->name(), u"wppconnect"_s);
    QCOMPARE(m_registry.find(u"twilio"_s), nullptr);
    QCOMPARE(m_registry.find(QString()), nullptr);
    QCOMPARE(m_registry.find(u"Meta"_s), nullptr);   // names are exact, as stored
    QCOMPARE(m_registry.all().size(), 2);
    QCOMPARE(ProviderRegistry::builtIn().names(), m_registry.names());
    QCOMPARE(m_registry.namesWith(&ProviderCapabilities::customerServiceWindow), QStringList{u"meta"_s});
    QCOMPARE(m_registry.namesWith(&ProviderCapabilities::mediaFetch), QStringList{u"meta"_s});
    QCOMPARE(m_registry.namesWith(&ProviderCapabilities::qrPairing), QStringList{u"wppconnect"_s});
}

void tst_ProviderRegistry::capabilities_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QList<bool>>("expected");
    QTest::addColumn<qint64>("qrLifetime");
    // templates, buttons, lists, qr, sessions, 24-hour window, media by id, GET handshake
    QTest::addRow("meta") << u"meta"_s << flags(caps(true, true, true, false, false, true, true, true)) << qint64(0);
    QTest::addRow("wppconnect") << u"wppconnect"_s << flags(caps(false, false, false, true, true, false, false, false))
                                << qint64(60);
}

void tst_ProviderRegistry::capabilities()
{
    QFETCH(QString, provider);
    QFETCH(QList<bool>, expected);
    QFETCH(qint64, qrLifetime);
    const WhatsAppProvider *p = m_registry.find(provider);
    QVERIFY(p);
    QCOMPARE(flags(p->capabilities()), expected);
    QCOMPARE(p->qrLifetimeSeconds(), qrLifetime);
}

void tst_ProviderRegistry::webhookUrls()
{
    QCOMPARE(m_registry.find(u"meta"_s)->webhookUrl(u"https://crm.example.com/"_s, 7, u"s3cr/t"_s),
             u"https://crm.example.com/v1/webhooks/whatsapp/meta/7"_s);
    QCOMPARE(m_registry.find(u"wppconnect"_s)->webhookUrl(u"https://crm.example.com"_s, 8, u"s3cr/t"_s),
             u"https://crm.example.com/v1/webhooks/whatsapp/wppconnect/8?token=s3cr%2Ft"_s);
}

void tst_ProviderRegistry::uniqueKeys()
{
    WhatsAppNumber n;
    n.metaPhoneNumberId = kPhoneNumberId;
    n.wppconnectServerUrl = u"http://wpp:21465"_s;
    n.wppconnectSessionName = kSession;
    const auto meta = m_registry.find(u"meta"_s)->uniqueKeys(n);
    QCOMPARE(meta.size(), 1);
    QCOMPARE(meta.first().columns.size(), 1);
    QCOMPARE(QByteArray(meta.first().columns.first().first), "meta_phone_number_id");
    QCOMPARE(meta.first().columns.first().second, kPhoneNumberId);
    const auto wpp = m_registry.find(u"wppconnect"_s)->uniqueKeys(n);
    QCOMPARE(wpp.size(), 1);
    QCOMPARE(wpp.first().columns.size(), 2);
    QCOMPARE(QByteArray(wpp.first().columns.at(0).first), "wppconnect_server_url");
    QCOMPARE(QByteArray(wpp.first().columns.at(1).first), "wppconnect_session_name");
    QCOMPARE(wpp.first().columns.at(1).second, kSession);
}

// ---- Meta ----

void tst_ProviderRegistry::metaSendText()
{
    FakeMetaGraph graph;
    QVERIFY(graph.listen());
    ProviderSettings settings;
    settings.metaGraphUrl = graph.baseUrl();
    settings.timeoutMs = 5000;
    const std::unique_ptr<ProviderClient> client = m_registry.find(u"meta"_s)->client(settings);
    ProviderAccount account;
    account.metaPhoneNumberId = kPhoneNumberId;
    account.secrets.metaAccessToken = kToken;
    OutboundRequest m;
    m.to = u"+573001234567"_s;
    m.type = u"text"_s;
    m.content = u"Hola Carlos, ¿en qué puedo ayudarte?"_s;
    const GraphResult r = waitFor<GraphResult>([&](auto done) { QVERIFY(!client->send(account, m, done)); });
    QCOMPARE(int(r.outcome), int(GraphResult::Outcome::Sent));

    // The request tst_outbound expects of the outbound worker, byte for byte in its JSON.
    const QList<FakeMetaGraph::Request> sends = graph.messageRequests();
    QCOMPARE(sends.size(), 1);
    QCOMPARE(sends.first().path, "/v21.0/" + kPhoneNumberId.toLatin1() + "/messages");
    QCOMPARE(sends.first().authorization, "Bearer " + kToken.toLatin1());
    QVERIFY(sends.first().contentType.startsWith("application/json"));
    const QJsonObject expected{{u"messaging_product"_s, u"whatsapp"_s},
                               {u"recipient_type"_s, u"individual"_s},
                               {u"to"_s, m.to},
                               {u"type"_s, u"text"_s},
                               {u"text"_s, QJsonObject{{u"body"_s, m.content}}}};
    QCOMPARE(sends.first().json, expected);
    QCOMPARE(r.providerMessageId, sends.first().answeredId);
}

void tst_ProviderRegistry::metaRefusals()
{
    FakeMetaGraph graph;
    QVERIFY(graph.listen());
    ProviderSettings settings;
    settings.metaGraphUrl = graph.baseUrl();
    const std::unique_ptr<ProviderClient> client = m_registry.find(u"meta"_s)->client(settings);
    OutboundRequest m;
    m.to = u"+573001234567"_s;
    m.type = u"text"_s;
    m.content = u"hola"_s;
    bool called = false;
    auto never = [&called](const GraphResult &) { called = true; };

    ProviderAccount account;
    account.metaPhoneNumberId = kPhoneNumberId;   // no token
    std::optional<ProviderRefusal> refused = client->send(account, m, never);
    QVERIFY(refused);
    QCOMPARE(refused->code, u"number_not_configured"_s);

    account.secrets.metaAccessToken = kToken;
    m.type = u"poll"_s;
    refused = client->send(account, m, never);
    QVERIFY(refused);
    QCOMPARE(refused->code, u"unsupported_type"_s);
    // A menu over Meta's limits (a 21-character button title) is refused before anything is sent.
    m.type = u"interactive"_s;
    m.interactive = {{u"type"_s, u"button"_s},
                     {u"options"_s, QJsonArray{QJsonObject{{u"id"_s, u"menu#1"_s}, {u"title"_s, QString(21, u'a')}}}}};
    refused = client->send(account, m, never);
    QVERIFY(refused);
    QCOMPARE(refused->code, u"invalid_interactive"_s);
    QCOMPARE(refused->text,
             u"The reply button 1 has a title of 21 characters (\"%1\"); WhatsApp takes 1 to 20"_s.arg(
                 QString(21, u'a')));
    QCOMPARE(m_registry.find(u"meta"_s)->checkConfigured(ProviderAccount{}).error().status(), 422);
    QVERIFY(m_registry.find(u"meta"_s)->checkConfigured(account));
    QTest::qWait(50);
    QVERIFY(!called);
    QCOMPARE(graph.requests().size(), 0);
}

void tst_ProviderRegistry::metaHealth_data()
{
    QTest::addColumn<QString>("graphStatus");
    QTest::addColumn<bool>("healthy");
    QTest::addColumn<QString>("connection");
    QTest::addColumn<QString>("error");
    QTest::addRow("connected") << u"CONNECTED"_s << true << u"connected"_s << QString();
    QTest::addRow("flagged") << u"FLAGGED"_s << false << u"error"_s << u"WhatsApp reports the number as FLAGGED"_s;
    QTest::addRow("disconnected") << u"DISCONNECTED"_s << false << u"disconnected"_s
                                  << u"WhatsApp reports the number as DISCONNECTED"_s;
}

void tst_ProviderRegistry::metaHealth()
{
    QFETCH(QString, graphStatus);
    QFETCH(bool, healthy);
    QFETCH(QString, connection);
    QFETCH(QString, error);
    FakeMetaGraph graph;
    QVERIFY(graph.listen());
    graph.addPhoneNumber(kPhoneNumberId, graphStatus, kToken);
    ProviderSettings settings;
    settings.metaGraphUrl = graph.baseUrl();
    const std::unique_ptr<ProviderClient> client = m_registry.find(u"meta"_s)->client(settings);
    ProviderAccount account;
    account.metaPhoneNumberId = kPhoneNumberId;
    account.secrets.metaAccessToken = kToken;
    const HealthReport r = waitFor<HealthReport>([&](auto done) { client->checkHealth(account, done); });
    QVERIFY(r.contacted);
    QCOMPARE(r.healthy, healthy);
    QCOMPARE(r.providerStatus, graphStatus);
    QCOMPARE(r.connection, connection);
    QCOMPARE(r.error, error);
    const QList<FakeMetaGraph::Request> lookups = graph.phoneNumberLookups(kPhoneNumberId);
    QCOMPARE(lookups.size(), 1);
    QCOMPARE(lookups.first().method, "GET");
    QCOMPARE(lookups.first().authorization, "Bearer " + kToken.toLatin1());

    // Without a token nothing is asked.
    account.secrets.metaAccessToken.clear();
    const HealthReport unconfigured = waitFor<HealthReport>([&](auto done) { client->checkHealth(account, done); });
    QVERIFY(!unconfigured.contacted);
    QCOMPARE(unconfigured.error, u"The number has no Meta phone number id or access token"_s);
    QCOMPARE(graph.phoneNumberLookups(kPhoneNumberId).size(), 1);
}

void tst_ProviderRegistry::metaWebhook()
{
    const WhatsAppProvider *meta = m_registry.find(u"meta"_s);
    const QByteArray body = FakeMetaGraph::sample(u"webhook-text.json"_s);
    NumberSecrets secrets;
    secrets.metaAppSecret = u"app-secret"_s;
    secrets.webhookVerifyToken = u"verify-me"_s;
    WebhookRequest request;
    request.rawBody = body;
    QHash<QString, QString> query;
    request.query = [&query](const QString &name) { return query.value(name); };
    QCOMPARE(meta->verifyWebhook(request, secrets, {}).error().status(), 401);
    request.headers.insert("x-hub-signature-256", "sha256=" + WebhookSignature::hmacSha256Hex("app-secret", body));
    QVERIFY(meta->verifyWebhook(request, secrets, {}));
    // The server-wide app secret signs for numbers without their own.
    QCOMPARE(meta->verifyWebhook(request, NumberSecrets{}, {}).error().status(), 401);
    ProviderSettings settings;
    settings.metaAppSecret = u"app-secret"_s;
    QVERIFY(meta->verifyWebhook(request, NumberSecrets{}, settings));

    query = {{u"hub.mode"_s, u"subscribe"_s},
             {u"hub.verify_token"_s, u"verify-me"_s},
             {u"hub.challenge"_s, u"1158201444"_s}};
    QCOMPARE(*meta->verifyHandshake(request, secrets), "1158201444");
    query.insert(u"hub.verify_token"_s, u"wrong"_s);
    QCOMPARE(meta->verifyHandshake(request, secrets).error().status(), 403);

    ProviderAccount account;
    account.metaPhoneNumberId = kPhoneNumberId;
    WebhookContent content = meta->parseWebhook(account, body);
    QVERIFY(!content.connection);
    QCOMPARE(content.items.size(), 1);
    const auto *d = std::get_if<InboundDelivery>(&content.items.first());
    QVERIFY(d);
    QCOMPARE(d->from, u"16505551234"_s);
    QCOMPARE(d->profileName, u"Sheena Nelson"_s);
    QCOMPARE(d->type, u"text"_s);
    QCOMPARE(d->content, u"Does it come in another color?"_s);
    QCOMPARE(d->at, qint64(1749416383));

    // Another number's delivery is a note, as is a body that is not JSON.
    account.metaPhoneNumberId = u"999"_s;
    content = meta->parseWebhook(account, body);
    QCOMPARE(content.items.size(), 1);
    QCOMPARE(std::get<WebhookNote>(content.items.first()).text,
             u"phone_number_id 106540352242922 is not this number's"_s);
    content = meta->parseWebhook(account, "not json");
    QCOMPARE(std::get<WebhookNote>(content.items.first()).text, u"body is not a JSON object"_s);

    content = meta->parseWebhook(ProviderAccount{}, FakeMetaGraph::sample(u"webhook-status-read.json"_s));
    QCOMPARE(content.items.size(), 1);
    QCOMPARE(std::get<StatusUpdate>(content.items.first()).status, u"read"_s);
}

void tst_ProviderRegistry::metaReplyIds_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("replyId");

    // Meta's samples of a tapped reply button and list row.
    QTest::addRow("button-reply") << FakeMetaGraph::sample(u"webhook-interactive-button-reply.json"_s) << u"Change"_s
                                  << u"change-button"_s;
    QTest::addRow("list-reply") << FakeMetaGraph::sample(u"webhook-interactive-list-reply.json"_s)
                                << u"Priority Mail Express"_s << u"priority_express"_s;
    // A template's quick-reply button: its payload is the id; without a text the payload is shown.
    const auto message = [](const QJsonObject &m) {
        QJsonObject full{{u"from"_s, u"16505551234"_s},
                         {u"id"_s, u"wamid.registry-reply"_s},
                         {u"timestamp"_s, u"1714510003"_s}};
        for (auto it = m.begin(); it != m.end(); ++it)
            full.insert(it.key(), it.value());
        const QJsonObject value{{u"messaging_product"_s, u"whatsapp"_s},
                                {u"metadata"_s,
                                 QJsonObject{{u"display_phone_number"_s, u"15550783881"_s},
                                             {u"phone_number_id"_s, kPhoneNumberId}}},
                                {u"messages"_s, QJsonArray{full}}};
        const QJsonObject doc{{u"object"_s, u"whatsapp_business_account"_s},
                              {u"entry"_s,
                               QJsonArray{QJsonObject{{u"id"_s, u"102290129340398"_s},
                                                      {u"changes"_s,
                                                       QJsonArray{QJsonObject{{u"field"_s, u"messages"_s},
                                                                              {u"value"_s, value}}}}}}}};
        return QJsonDocument(doc).toJson(QJsonDocument::Compact);
    };
    QTest::addRow("template-button")
        << message(
               {{u"type"_s, u"button"_s},
                {u"context"_s, QJsonObject{{u"id"_s, u"wamid.THE_TEMPLATE_WE_SENT"_s}}},
                {u"button"_s, QJsonObject{{u"payload"_s, u"Unsubscribe"_s}, {u"text"_s, u"Cancelar suscripción"_s}}}})
        << u"Cancelar suscripción"_s << u"Unsubscribe"_s;
    QTest::addRow("template-button-payload-only")
        << message({{u"type"_s, u"button"_s}, {u"button"_s, QJsonObject{{u"payload"_s, u"menu#2"_s}}}}) << u"menu#2"_s
        << u"menu#2"_s;
    // A WhatsApp Flow's answer and plain text carry no reply id.
    QTest::addRow("flow-answer") << message({{u"type"_s, u"interactive"_s},
                                             {u"interactive"_s,
                                              QJsonObject{{u"type"_s, u"nfm_reply"_s},
                                                          {u"nfm_reply"_s,
                                                           QJsonObject{{u"body"_s, u"Sent"_s},
                                                                       {u"name"_s, u"flow"_s},
                                                                       {u"response_json"_s, u"{}"_s}}}}}})
                                 << u"Sent"_s << QString();
    QTest::addRow("text") << message({{u"type"_s, u"text"_s}, {u"text"_s, QJsonObject{{u"body"_s, u"menu#1"_s}}}})
                          << u"menu#1"_s << QString();
}

void tst_ProviderRegistry::metaReplyIds()
{
    // A tap on one of our buttons or list rows carries its id (InboundDelivery::replyId), which
    // the bot matches a menu option by; the content stays the title the client saw.
    QFETCH(QByteArray, body);
    QFETCH(QString, content);
    QFETCH(QString, replyId);
    ProviderAccount account;
    account.metaPhoneNumberId = kPhoneNumberId;
    const WebhookContent parsed = m_registry.find(u"meta"_s)->parseWebhook(account, body);
    QCOMPARE(parsed.items.size(), 1);
    const auto *d = std::get_if<InboundDelivery>(&parsed.items.first());
    QVERIFY(d);
    QCOMPARE(d->type, qstrcmp(QTest::currentDataTag(), "text") == 0 ? u"text"_s : u"interactive"_s);
    QCOMPARE(d->content, content);
    QCOMPARE(d->replyId, replyId);
}

// ---- WPPConnect ----

void tst_ProviderRegistry::wppSendText()
{
    FakeWppConnect wpp;
    QVERIFY(wpp.listen());
    wpp.setSessionState(kSession, u"CONNECTED"_s);
    ProviderSettings settings;
    settings.timeoutMs = 5000;
    const std::unique_ptr<ProviderClient> client = m_registry.find(u"wppconnect"_s)->client(settings);
    ProviderAccount account;
    account.wppconnectServerUrl = wpp.baseUrl();
    account.wppconnectSessionName = kSession;
    account.secrets.wppconnectApiKey = wpp.secretKey();
    OutboundRequest m;
    m.to = u"+573001234567"_s;
    m.type = u"text"_s;
    m.content = u"Hola Carlos, ¿en qué puedo ayudarte?"_s;
    const GraphResult r = waitFor<GraphResult>([&](auto done) { QVERIFY(!client->send(account, m, done)); });
    QCOMPARE(int(r.outcome), int(GraphResult::Outcome::Sent));

    // What tst_wppconnect expects of a text send.
    const QList<FakeWppConnect::Request> sends = wpp.requests(u"send-message"_s);
    QCOMPARE(sends.size(), 1);
    const FakeWppConnect::Request &s = sends.first();
    QCOMPARE(s.method, "POST");
    QCOMPARE(s.path, "/api/" + kSession.toUtf8() + "/send-message");
    QCOMPARE(s.contentType, "application/json");
    QVERIFY(s.authorization.startsWith("Bearer "));
    QCOMPARE(s.json.value(u"phone"_s).toString(), u"573001234567"_s);
    QCOMPARE(s.json.value(u"message"_s).toString(), m.content);
    QCOMPARE(s.json.value(u"isGroup"_s).toBool(true), false);
    QCOMPARE(r.providerMessageId, s.answeredId);
}

void tst_ProviderRegistry::wppRefusals()
{
    FakeWppConnect wpp;
    QVERIFY(wpp.listen());
    const std::unique_ptr<ProviderClient> client = m_registry.find(u"wppconnect"_s)->client({});
    ProviderAccount account;
    account.wppconnectServerUrl = wpp.baseUrl();
    account.wppconnectSessionName = kSession;   // no secret key
    OutboundRequest m;
    m.to = u"+573001234567"_s;
    m.type = u"text"_s;
    m.content = u"hola"_s;
    auto never = [](const GraphResult &) { QFAIL("a refused send must not answer"); };
    std::optional<ProviderRefusal> refused = client->send(account, m, never);
    QVERIFY(refused);
    QCOMPARE(refused->code, u"number_not_configured"_s);
    QCOMPARE(m_registry.find(u"wppconnect"_s)->checkConfigured(account).error().status(), 422);

    account.secrets.wppconnectApiKey = wpp.secretKey();
    m.type = u"template"_s;   // templates are not WPPConnect's
    refused = client->send(account, m, never);
    QVERIFY(refused);
    QCOMPARE(refused->code, u"unsupported_type"_s);
    m.type = u"image"_s;   // a media type without its file
    QCOMPARE(client->send(account, m, never)->code, u"unsupported_type"_s);

    // No media by id: refused without a request.
    const std::optional<ProviderRefusal> media =
        client->fetchMedia(account, u"id"_s, u"image"_s, 1000, [](const GraphResult &, const QByteArray &) {});
    QVERIFY(media);
    QCOMPARE(media->code, u"media_unsupported"_s);
    QTest::qWait(50);
    QCOMPARE(wpp.requests().size(), 0);
}

void tst_ProviderRegistry::wppHealth_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<bool>("healthy");
    QTest::addColumn<QString>("connection");
    QTest::addRow("connected") << u"CONNECTED"_s << true << u"connected"_s;
    QTest::addRow("closed") << u"CLOSED"_s << false << u"disconnected"_s;
    QTest::addRow("qr") << u"QRCODE"_s << false << u"qr_pending"_s;
}

void tst_ProviderRegistry::wppHealth()
{
    QFETCH(QString, state);
    QFETCH(bool, healthy);
    QFETCH(QString, connection);
    FakeWppConnect wpp;
    QVERIFY(wpp.listen());
    wpp.setSessionState(kSession, state);
    const std::unique_ptr<ProviderClient> client = m_registry.find(u"wppconnect"_s)->client({});
    ProviderAccount account;
    account.wppconnectServerUrl = wpp.baseUrl();
    account.wppconnectSessionName = kSession;
    account.secrets.wppconnectApiKey = wpp.secretKey();
    const HealthReport r = waitFor<HealthReport>([&](auto done) { client->checkHealth(account, done); });
    QVERIFY(r.contacted);
    QCOMPARE(r.healthy, healthy);
    QCOMPARE(r.providerStatus, state);
    QCOMPARE(r.connection, connection);
    QCOMPARE(r.error.isEmpty(), healthy);
    QCOMPARE(wpp.requests(u"status-session"_s).size(), 1);
    QCOMPARE(wpp.requests(u"status-session"_s).first().method, "GET");
}

void tst_ProviderRegistry::wppWebhook()
{
    const WhatsAppProvider *wpp = m_registry.find(u"wppconnect"_s);
    NumberSecrets secrets;
    secrets.webhookSecret = u"hook-secret"_s;
    QHash<QString, QString> query{{u"token"_s, u"wrong"_s}};
    WebhookRequest request;
    request.query = [&query](const QString &name) { return query.value(name); };
    QCOMPARE(wpp->verifyWebhook(request, secrets, {}).error().status(), 401);
    query.insert(u"token"_s, u"hook-secret"_s);
    QVERIFY(wpp->verifyWebhook(request, secrets, {}));
    QCOMPARE(wpp->verifyWebhook(request, NumberSecrets{}, {}).error().status(), 401);
    QCOMPARE(wpp->verifyHandshake(request, secrets).error().status(), 403);   // no GET handshake

    ProviderAccount account;
    account.wppconnectSessionName = u"362_98062"_s;
    WebhookContent content = wpp->parseWebhook(account, FakeWppConnect::sample(u"webhook-onmessage-chat.json"_s));
    QVERIFY(!content.connection);
    QCOMPARE(content.items.size(), 1);
    const auto *d = std::get_if<InboundDelivery>(&content.items.first());
    QVERIFY(d);
    QCOMPARE(d->from, u"5548900000001"_s);
    QCOMPARE(d->profileName, u"Test Customer"_s);
    QCOMPARE(d->type, u"text"_s);
    QCOMPARE(d->content, u"Eu quero ser um cliente Clube Cash Farma!"_s);
    QVERIFY(!d->mediaInline);

    // A list or button answer is its title; WPPConnect's documented webhook carries no id of ours.
    content =
        wpp->parseWebhook(account,
                          R"({"event":"onmessage","session":"362_98062","id":"false_5548900000001@c.us_L1",)"
                          R"("type":"list_response","from":"5548900000001@c.us","body":"Ventas","t":1714510003})");
    QCOMPARE(content.items.size(), 1);
    d = std::get_if<InboundDelivery>(&content.items.first());
    QVERIFY(d);
    QCOMPARE(d->type, u"interactive"_s);
    QCOMPARE(d->content, u"Ventas"_s);
    QVERIFY(d->replyId.isEmpty());

    // Session events are connection changes, not messages.
    content = wpp->parseWebhook(account, R"({"event":"status-find","session":"362_98062","status":"inChat"})");
    QVERIFY(content.connection);
    QCOMPARE(content.connection->status, u"connected"_s);
    QCOMPARE(content.connection->detail, u"inChat"_s);
    QVERIFY(content.items.isEmpty());
    content = wpp->parseWebhook(account, R"({"event":"qrcode","session":"362_98062","qrcode":"iVBORw0KGgo"})");
    QVERIFY(content.connection);
    QCOMPARE(content.connection->qrDataUrl, u"data:image/png;base64,iVBORw0KGgo"_s);

    // Another session's event is kept as a note; an ack is a status at the moment it arrived.
    content = wpp->parseWebhook(account, R"({"event":"status-find","session":"other","status":"inChat"})");
    QVERIFY(!content.connection);
    QCOMPARE(std::get<WebhookNote>(content.items.first()).text, u"session other is not this number's"_s);
    content = wpp->parseWebhook(account, R"({"event":"onack","session":"362_98062","id":"true_1@c.us_AB","ack":-1})");
    const StatusUpdate ack = std::get<StatusUpdate>(content.items.first());
    QCOMPARE(ack.providerMessageId, u"true_1@c.us_AB"_s);
    QCOMPARE(ack.status, u"failed"_s);
    QCOMPARE(ack.at, StatusUpdate::kReceived);
    QCOMPARE(ack.errorCode, u"ack_-1"_s);
}

QTEST_GUILESS_MAIN(tst_ProviderRegistry)
#include "tst_provider_registry.moc"
