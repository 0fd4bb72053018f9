// The outbound queue (docs/PROVIDERS.md, issue 4): messages created through POST /v1/messages are sent
// by the worker through the Meta Graph API — checked on the Graph stand-in's side (URL, bearer
// token, exact body) — with error codes mapped, transient ones retried, per-number rate limits,
// row locking between two workers, interrupted sends never repeated, and retry. SQLite and PostgreSQL.
#include "FakeMetaGraph.h"
#include "Fixtures.h"
#include "TestServer.h"

#include "delivery/OutboundWorker.h"
#include "providers/MetaGraphClient.h"
#include "store/Database.h"
#include "store/MessageStore.h"
#include "store/NumberStore.h"
#include "store/SearchText.h"

#include <Conversa/dto/MessageDto.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

const QByteArray kBoundary = "----conversa-outbound-7MA4YWxk";
const QString kToken = u"EAAG-test-access-token"_s;

QJsonObject textBody(const QString &to, const QString &text)
{
    return {{u"messaging_product"_s, u"whatsapp"_s},
            {u"recipient_type"_s, u"individual"_s},
            {u"to"_s, to},
            {u"type"_s, u"text"_s},
            {u"text"_s, QJsonObject{{u"body"_s, text}}}};
}

}   // namespace

class tst_Outbound : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }
    void init() { m_graph.clear(); }

    void classify_data();
    void classify();
    void sendText();
    void sendReplyQuotes();
    void sendTemplate_data();
    void sendTemplate();
    void sendImageUploadsThenSendsById();
    void sendInteractive_data();
    void sendInteractive();
    void interactiveOverLimitFails_data();
    void interactiveOverLimitFails();
    void errorCodes_data();
    void errorCodes();
    void rateLimits_data();
    void rateLimits();
    void twoWorkersNeverSendTwice();
    void retrySendsAgainOnce();
    void interruptedSendIsNotRepeated();
    void unconfiguredAndOtherProviders();

private:
    struct Number {
        qint64 id = 0;
        QString phoneNumberId;
    };
    Number number(int perMinute = 0, int perDay = 0, bool withToken = true, const QString &provider = u"meta"_s)
    {
        const qint64 now = nowSeconds();
        const int n = ++m_seq;
        Number out;
        out.phoneNumberId = provider == "meta"_L1 ? u"1065403522%1"_s.arg(n, 5, 10, QChar(u'0')) : QString();
        out.id =
            insertReturningId(m_server.db(),
                              "INSERT INTO whatsapp_numbers (phone_number, provider, status, meta_phone_number_id, "
                              "rate_limit_per_minute, daily_message_limit, created_at, updated_at) "
                              "VALUES (?, ?, 'active', ?, ?, ?, ?, ?) RETURNING id",
                              {u"+5730022%1"_s.arg(n, 5, 10, QChar(u'0')), provider, nullIfEmpty(out.phoneNumberId),
                               perMinute, perDay, now, now});
        if (withToken) {
            NumberStore numbers(m_server.db(), m_server.app().config().secretKey);
            NumberSecrets secrets;
            secrets.metaAccessToken = kToken;
            if (!numbers.writeSecrets(out.id, secrets))
                qWarning("writeSecrets failed");
        }
        return out;
    }
    // An open chat, assigned to the agent, with a new client; the client's phone in *phone.
    qint64 chat(qint64 numberId, QString *phone = nullptr)
    {
        const qint64 now = nowSeconds();
        const QString p = u"+57311%1"_s.arg(++m_seq, 7, 10, QChar(u'0'));
        if (phone)
            *phone = p;
        const qint64 client =
            insertReturningId(m_server.db(),
                              "INSERT INTO clients (phone_number, first_name, search_text, created_at, "
                              "updated_at) VALUES (?, 'Carlos', ?, ?, ?) RETURNING id",
                              {p, SearchText::of({u"Carlos"_s, p}), now, now});
        return insertReturningId(
            m_server.db(),
            "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, "
            "status, created_at, assigned_at, last_activity_at, last_inbound_at) "
            "VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?) RETURNING id",   // the 24-hour window is open
            {client, m_campaign, numberId, m_agentId, now - 60, now - 30, now - 60, now - 60});
    }
    qint64 post(const QJsonObject &body)
    {
        const ApiResponse r = m_server.request("POST", u"/v1/messages"_s, body, m_agent);
        if (r.status != 201)
            qWarning("POST /v1/messages: %d", r.status);
        return r.value(u"id"_s).toInteger();
    }
    qint64 postText(qint64 chatId, const QString &text)
    {
        return post({{u"chat_id"_s, chatId}, {u"message_type"_s, u"text"_s}, {u"content"_s, text}});
    }
    // A menu queued as the bot engine queues it (docs/BOT_FLOWS.md#menus): type interactive, the
    // body text in content, the options in messages.interactive.
    qint64 queueMenu(qint64 chatId, const QString &body, const QJsonObject &interactive)
    {
        Message m;
        m.chatId = chatId;
        m.numberId = m_number.id;
        m.direction = u"outbound"_s;
        m.messageType = u"interactive"_s;
        m.content = body;
        m.interactive = interactive;
        m.isBotMessage = true;
        const Result<qint64> id = MessageStore(m_server.db()).insert(m, nowSeconds());
        return id ? *id : 0;
    }
    QVariant column(qint64 messageId, const char *name)
    {
        SqlQuery q(m_server.db(), u"SELECT %1 FROM messages WHERE id = ?"_s.arg(QLatin1StringView(name)), {messageId});
        return q.exec() && q.next() ? q.value(0) : QVariant();
    }
    QString status(qint64 messageId) { return column(messageId, "status").toString(); }
    QList<FakeMetaGraph::Request> sendsWithText(const QString &text)
    {
        QList<FakeMetaGraph::Request> out;
        for (const FakeMetaGraph::Request &r : m_graph.messageRequests()) {
            if (r.json.value(u"text"_s).toObject().value(u"body"_s).toString() == text)
                out.append(r);
        }
        return out;
    }
    OutboundSettings settings()
    {
        const ServerConfig &c = m_server.app().config();
        OutboundSettings s;
        s.metaGraphUrl = c.metaGraphUrl;
        s.dataDir = c.dataDir;
        s.secretKey = c.secretKey;
        s.pollMs = c.outboundPollMs;
        s.timeoutMs = c.outboundTimeoutMs;
        s.maxAttempts = c.outboundMaxAttempts;
        return s;
    }

    FakeMetaGraph m_graph;
    TestServer m_server;
    QByteArray m_agent;
    qint64 m_agentId = 0;
    qint64 m_campaign = 0;
    Number m_number;
    int m_seq = 0;
};

void tst_Outbound::initTestCase()
{
    QVERIFY(m_graph.listen());
    QVERIFY(m_server.start({{u"CONVERSA_META_GRAPH_URL"_s, m_graph.baseUrl()},
                            {u"CONVERSA_OUTBOUND_POLL_MS"_s, u"50"_s},
                            {u"CONVERSA_OUTBOUND_TIMEOUT_MS"_s, u"5000"_s}}));
    QVERIFY(m_server.app().outbound());
    m_agent = m_server.tokenFor(u"agent"_s, &m_agentId);
    QVERIFY(!m_agent.isEmpty());
    const qint64 now = nowSeconds();
    m_campaign = insertReturningId(m_server.db(),
                                   "INSERT INTO campaigns (name, code, created_at, updated_at) "
                                   "VALUES ('Ventas', 'VENTAS', ?, ?) RETURNING id",
                                   {now, now});
    m_number = number();
    QVERIFY(m_campaign && m_number.id);
}

void tst_Outbound::classify_data()
{
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<int>("networkError");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("requestMayHaveArrived");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<QString>("code");

    using O = GraphResult::Outcome;
    const auto err = [](int code) -> QByteArray {
        return QByteArray(R"j({"error":{"message":"(#)","type":"OAuthException","code":)j") + QByteArray::number(code) +
            "}}";
    };
    const int none = QNetworkReply::NoError;
    const int refused = QNetworkReply::ConnectionRefusedError;
    const int closed = QNetworkReply::RemoteHostClosedError;
    const int canceled = QNetworkReply::OperationCanceledError;
    QTest::addRow("sent") << 200 << none << QByteArray(R"({"messages":[{"id":"wamid.X"}]})") << true << int(O::Sent)
                          << QString();
    QTest::addRow("2xx-without-id") << 200 << none << QByteArray("{}") << true << int(O::Permanent)
                                    << u"invalid_response"_s;
    for (int code : {130429, 131056, 131000})
        QTest::addRow("transient-%d", code)
            << 400 << none << err(code) << true << int(O::Transient) << QString::number(code);
    QTest::addRow("131000-as-500") << 500 << none << err(131000) << true << int(O::Transient) << u"131000"_s;
    for (int code : {131047, 131026, 190, 100, 132000, 132001, 132015, 131049, 131050, 131009})
        QTest::addRow("permanent-%d", code)
            << 400 << none << err(code) << true << int(O::Permanent) << QString::number(code);
    QTest::addRow("permanent-code-in-5xx") << 502 << none << err(131026) << true << int(O::Permanent) << u"131026"_s;
    QTest::addRow("5xx-no-code") << 503 << none << QByteArray("<html>") << true << int(O::Transient) << u"http_503"_s;
    QTest::addRow("4xx-no-code") << 403 << none << QByteArray() << true << int(O::Permanent) << u"http_403"_s;
    QTest::addRow("refused") << 0 << refused << QByteArray() << true << int(O::Transient) << u"network"_s;
    QTest::addRow("closed-mid-send") << 0 << closed << QByteArray() << true << int(O::Unknown) << u"outcome_unknown"_s;
    QTest::addRow("timeout-mid-send") << 0 << canceled << QByteArray() << true << int(O::Unknown)
                                      << u"outcome_unknown"_s;
    QTest::addRow("closed-mid-upload") << 0 << closed << QByteArray() << false << int(O::Transient) << u"network"_s;
}

void tst_Outbound::classify()
{
    QFETCH(int, httpStatus);
    QFETCH(int, networkError);
    QFETCH(QByteArray, body);
    QFETCH(bool, requestMayHaveArrived);
    QFETCH(int, outcome);
    QFETCH(QString, code);
    const GraphResult r = MetaGraphClient::classify(httpStatus, QNetworkReply::NetworkError(networkError), u"boom"_s,
                                                    body, requestMayHaveArrived);
    QCOMPARE(int(r.outcome), outcome);
    QCOMPARE(r.errorCode, code);
}

void tst_Outbound::sendText()
{
    QString phone;
    const qint64 chatId = chat(m_number.id, &phone);
    const qint64 id = postText(chatId, u"Hola Carlos, ¿en qué puedo ayudarte?"_s);
    QVERIFY(id > 0);
    QTRY_COMPARE_WITH_TIMEOUT(status(id), u"sent"_s, 10000);

    const QList<FakeMetaGraph::Request> sends = m_graph.messageRequests();
    QCOMPARE(sends.size(), 1);
    const FakeMetaGraph::Request &r = sends.first();
    QCOMPARE(r.path, "/v21.0/" + m_number.phoneNumberId.toLatin1() + "/messages");
    QCOMPARE(r.authorization, "Bearer " + kToken.toLatin1());
    QVERIFY(r.contentType.startsWith("application/json"));
    QCOMPARE(r.json, textBody(phone, u"Hola Carlos, ¿en qué puedo ayudarte?"_s));

    QCOMPARE(column(id, "provider_message_id").toString(), r.answeredId);
    QVERIFY(column(id, "sent_at").toLongLong() > 0);
    QVERIFY(column(id, "sending_since").isNull());
    QCOMPARE(column(id, "send_attempts").toInt(), 1);
    QCOMPARE(m_server.count(u"whatsapp_numbers"_s, u"id = %1 AND total_messages_sent = 1"_s.arg(m_number.id)), 1);
    // The API shows it sent.
    const ApiResponse shown = m_server.request("GET", u"/v1/messages/%1"_s.arg(id), {}, m_agent);
    QCOMPARE(shown.status, 200);
    QCOMPARE(shown.value(u"status"_s).toString(), u"sent"_s);
    QVERIFY(!shown.value(u"sent_at"_s).toString().isEmpty());
}

void tst_Outbound::sendReplyQuotes()
{
    // A reply carries the quoted message's wamid as context.message_id (docs/PROVIDERS.md).
    QString phone;
    const qint64 chatId = chat(m_number.id, &phone);
    const auto stored = [&](const QString &direction, const QString &status, const QString &wamid) {
        return insertReturningId(m_server.db(),
                                 "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, "
                                 "status, provider_message_id, created_at) VALUES (?, ?, ?, 'text', 'hola', ?, ?, ?) "
                                 "RETURNING id",
                                 {chatId, m_number.id, direction, status, nullIfEmpty(wamid), nowSeconds()});
    };
    const qint64 inbound = stored(u"inbound"_s, u"delivered"_s, u"wamid.client-question"_s);
    const qint64 reply = post({{u"chat_id"_s, chatId},
                               {u"message_type"_s, u"text"_s},
                               {u"content"_s, u"Sí, ese"_s},
                               {u"reply_to_message_id"_s, inbound}});
    QVERIFY(reply > 0);
    QTRY_COMPARE_WITH_TIMEOUT(status(reply), u"sent"_s, 10000);
    QJsonObject expected = textBody(phone, u"Sí, ese"_s);
    expected.insert(u"context"_s, QJsonObject{{u"message_id"_s, u"wamid.client-question"_s}});
    QCOMPARE(sendsWithText(u"Sí, ese"_s).size(), 1);
    QCOMPARE(sendsWithText(u"Sí, ese"_s).first().json, expected);

    // A quoted message that never reached WhatsApp has no wamid: the reply goes out unquoted.
    const qint64 failed = stored(u"outbound"_s, u"failed"_s, QString());
    const qint64 plain = post({{u"chat_id"_s, chatId},
                               {u"message_type"_s, u"text"_s},
                               {u"content"_s, u"Otra vez"_s},
                               {u"reply_to_message_id"_s, failed}});
    QTRY_COMPARE_WITH_TIMEOUT(status(plain), u"sent"_s, 10000);
    QCOMPARE(sendsWithText(u"Otra vez"_s).size(), 1);
    QCOMPARE(sendsWithText(u"Otra vez"_s).first().json, textBody(phone, u"Otra vez"_s));
}

void tst_Outbound::sendTemplate_data()
{
    QTest::addColumn<QJsonObject>("variables");
    QTest::addColumn<QJsonArray>("components");   // empty: no "components" key

    const auto text = [](const QString &t) { return QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, t}}; };
    const auto named = [](const QString &n, const QString &t) {
        return QJsonObject{{u"type"_s, u"text"_s}, {u"parameter_name"_s, n}, {u"text"_s, t}};
    };
    QTest::addRow("positional") << QJsonObject{{u"2"_s, u"25%"_s}, {u"1"_s, u"Carlos"_s}}
                                << QJsonArray{
                                       QJsonObject{{u"type"_s, u"body"_s},
                                                   {u"parameters"_s, QJsonArray{text(u"Carlos"_s), text(u"25%"_s)}}}};
    QJsonObject ten;
    QJsonArray tenParams;
    for (int i = 1; i <= 10; ++i) {
        ten.insert(QString::number(i), u"v%1"_s.arg(i));
        tenParams.append(text(u"v%1"_s.arg(i)));
    }
    QTest::addRow("positional-in-number-order")
        << ten << QJsonArray{QJsonObject{{u"type"_s, u"body"_s}, {u"parameters"_s, tenParams}}};
    QTest::addRow("named") << QJsonObject{{u"first_name"_s, u"Jessica"_s}, {u"discount_code"_s, u"WELCOME25"_s}}
                           << QJsonArray{QJsonObject{{u"type"_s, u"body"_s},
                                                     {u"parameters"_s,
                                                      QJsonArray{named(u"discount_code"_s, u"WELCOME25"_s),
                                                                 named(u"first_name"_s, u"Jessica"_s)}}}};
    QTest::addRow("number-value") << QJsonObject{{u"1"_s, 42}}
                                  << QJsonArray{QJsonObject{{u"type"_s, u"body"_s},
                                                            {u"parameters"_s, QJsonArray{text(u"42"_s)}}}};
    QTest::addRow("no-variables") << QJsonObject{} << QJsonArray{};
}

void tst_Outbound::sendTemplate()
{
    QFETCH(QJsonObject, variables);
    QFETCH(QJsonArray, components);
    QString phone;
    const qint64 chatId = chat(m_number.id, &phone);
    const qint64 id = post({{u"chat_id"_s, chatId},
                            {u"message_type"_s, u"template"_s},
                            {u"template_name"_s, u"welcome_discount"_s},
                            {u"template_language"_s, u"es_CO"_s},
                            {u"template_variables"_s, variables}});
    QVERIFY(id > 0);
    QTRY_COMPARE_WITH_TIMEOUT(status(id), u"sent"_s, 10000);
    const QList<FakeMetaGraph::Request> sends = m_graph.messageRequests();
    QCOMPARE(sends.size(), 1);
    QJsonObject tpl{{u"name"_s, u"welcome_discount"_s}, {u"language"_s, QJsonObject{{u"code"_s, u"es_CO"_s}}}};
    if (!components.isEmpty())
        tpl.insert(u"components"_s, components);
    const QJsonObject expected{{u"messaging_product"_s, u"whatsapp"_s},
                               {u"recipient_type"_s, u"individual"_s},
                               {u"to"_s, phone},
                               {u"type"_s, u"template"_s},
                               {u"template"_s, tpl}};
    QCOMPARE(sends.first().json, expected);
    QCOMPARE(sends.first().authorization, "Bearer " + kToken.toLatin1());
}

void tst_Outbound::sendImageUploadsThenSendsById()
{
    const QByteArray png = pngBytes();
    const ApiResponse up = uploadFile(m_server, m_agent, kBoundary, "suculenta.png", "image/png", png);
    QCOMPARE(up.status, 201);
    const qint64 fileId = up.value(u"id"_s).toInteger();

    QString phone;
    const qint64 chatId = chat(m_number.id, &phone);
    const qint64 id = post({{u"chat_id"_s, chatId},
                            {u"message_type"_s, u"image"_s},
                            {u"media_file_id"_s, fileId},
                            {u"content"_s, u"The best succulent ever?"_s}});
    QVERIFY(id > 0);
    QTRY_COMPARE_WITH_TIMEOUT(status(id), u"sent"_s, 10000);

    const QList<FakeMetaGraph::Request> all = m_graph.requests();
    QCOMPARE(all.size(), 2);
    const FakeMetaGraph::Request &upload = all.at(0);
    QCOMPARE(upload.path, "/v21.0/" + m_number.phoneNumberId.toLatin1() + "/media");
    QCOMPARE(upload.authorization, "Bearer " + kToken.toLatin1());
    QVERIFY(upload.contentType.startsWith("multipart/form-data; boundary="));
    QVERIFY(upload.body.contains("name=\"messaging_product\"\r\n\r\nwhatsapp\r\n"));
    QVERIFY(upload.body.contains("name=\"type\"\r\n\r\nimage/png\r\n"));
    QVERIFY(upload.body.contains("name=\"file\"; filename=\"suculenta.png\""));
    QVERIFY(upload.body.contains(png));
    QVERIFY(!upload.answeredId.isEmpty());

    const FakeMetaGraph::Request &send = all.at(1);
    QCOMPARE(send.path, "/v21.0/" + m_number.phoneNumberId.toLatin1() + "/messages");
    const QJsonObject expected{{u"messaging_product"_s, u"whatsapp"_s},
                               {u"recipient_type"_s, u"individual"_s},
                               {u"to"_s, phone},
                               {u"type"_s, u"image"_s},
                               {u"image"_s,
                                QJsonObject{{u"id"_s, upload.answeredId},
                                            {u"caption"_s, u"The best succulent ever?"_s}}}};
    QCOMPARE(send.json, expected);
    QCOMPARE(column(id, "provider_message_id").toString(), send.answeredId);
}

namespace {

QJsonArray options(const QStringList &titles, const QString &idPrefix = u"menu#"_s)
{
    QJsonArray out;
    for (qsizetype i = 0; i < titles.size(); ++i)
        out.append(QJsonObject{{u"id"_s, QString(idPrefix + QString::number(i + 1))}, {u"title"_s, titles.at(i)}});
    return out;
}

}   // namespace

void tst_Outbound::sendInteractive_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QJsonObject>("menu");          // messages.interactive
    QTest::addColumn<QJsonObject>("interactive");   // what Meta receives

    const auto button = [](const QString &id, const QString &title) {
        return QJsonObject{{u"type"_s, u"reply"_s}, {u"reply"_s, QJsonObject{{u"id"_s, id}, {u"title"_s, title}}}};
    };
    const auto row = [](const QString &id, const QString &title) {
        return QJsonObject{{u"id"_s, id}, {u"title"_s, title}};
    };
    QTest::addRow("buttons")
        << u"¿En qué te ayudamos?"_s
        << QJsonObject{{u"type"_s, u"button"_s}, {u"options"_s, options({u"Ventas"_s, u"Soporte"_s, u"Facturación"_s})}}
        << QJsonObject{{u"type"_s, u"button"_s},
                       {u"body"_s, QJsonObject{{u"text"_s, u"¿En qué te ayudamos?"_s}}},
                       {u"action"_s,
                        QJsonObject{{u"buttons"_s,
                                     QJsonArray{button(u"menu#1"_s, u"Ventas"_s), button(u"menu#2"_s, u"Soporte"_s),
                                                button(u"menu#3"_s, u"Facturación"_s)}}}}};
    QStringList ten;
    QJsonArray tenRows;
    for (int i = 1; i <= 10; ++i) {
        ten.append(u"Opción número %1"_s.arg(i));
        tenRows.append(row(u"menu#%1"_s.arg(i), u"Opción número %1"_s.arg(i)));
    }
    QTest::addRow("list") << u"Elige una opción"_s
                          << QJsonObject{{u"type"_s, u"list"_s},
                                         {u"button"_s, u"Opciones"_s},
                                         {u"options"_s, options(ten)}}
                          << QJsonObject{{u"type"_s, u"list"_s},
                                         {u"body"_s, QJsonObject{{u"text"_s, u"Elige una opción"_s}}},
                                         {u"action"_s,
                                          QJsonObject{{u"button"_s, u"Opciones"_s},
                                                      {u"sections"_s, QJsonArray{QJsonObject{{u"rows"_s, tenRows}}}}}}};
    // At Meta's limits exactly (an emoji counts as one character): still sent.
    const QString title20 = u"Atención al cliente🙂"_s;   // 20 characters, 21 UTF-16 units
    const QString id256(256, u'b');
    const QString body1024(1024, u'x');
    QTest::addRow("buttons-at-limits")
        << body1024
        << QJsonObject{{u"type"_s, u"button"_s},
                       {u"options"_s, QJsonArray{QJsonObject{{u"id"_s, id256}, {u"title"_s, title20}}}}}
        << QJsonObject{{u"type"_s, u"button"_s},
                       {u"body"_s, QJsonObject{{u"text"_s, body1024}}},
                       {u"action"_s, QJsonObject{{u"buttons"_s, QJsonArray{button(id256, title20)}}}}};
    const QString id200(200, u'r');
    const QString title24(24, u't');
    const QString button20(20, u'o');
    QTest::addRow("list-at-limits")
        << u"Menú"_s
        << QJsonObject{{u"type"_s, u"list"_s},
                       {u"button"_s, button20},
                       {u"options"_s, QJsonArray{QJsonObject{{u"id"_s, id200}, {u"title"_s, title24}}}}}
        << QJsonObject{{u"type"_s, u"list"_s},
                       {u"body"_s, QJsonObject{{u"text"_s, u"Menú"_s}}},
                       {u"action"_s,
                        QJsonObject{{u"button"_s, button20},
                                    {u"sections"_s,
                                     QJsonArray{QJsonObject{{u"rows"_s, QJsonArray{row(id200, title24)}}}}}}}};
}

void tst_Outbound::sendInteractive()
{
    // A bot menu queued in the database goes out as Meta's interactive message (docs/PROVIDERS.md).
    QFETCH(QString, body);
    QFETCH(QJsonObject, menu);
    QFETCH(QJsonObject, interactive);
    QString phone;
    const qint64 chatId = chat(m_number.id, &phone);
    const qint64 id = queueMenu(chatId, body, menu);
    QVERIFY(id > 0);
    QTRY_COMPARE_WITH_TIMEOUT(status(id), u"sent"_s, 10000);
    const QList<FakeMetaGraph::Request> sends = m_graph.messageRequests();
    QCOMPARE(sends.size(), 1);
    QCOMPARE(sends.first().path, "/v21.0/" + m_number.phoneNumberId.toLatin1() + "/messages");
    QCOMPARE(sends.first().authorization, "Bearer " + kToken.toLatin1());
    const QJsonObject expected{{u"messaging_product"_s, u"whatsapp"_s},
                               {u"recipient_type"_s, u"individual"_s},
                               {u"to"_s, phone},
                               {u"type"_s, u"interactive"_s},
                               {u"interactive"_s, interactive}};
    QCOMPARE(sends.first().json, expected);
    QCOMPARE(column(id, "provider_message_id").toString(), sends.first().answeredId);

    // Agents see the menu's options in the chat; the protocol library reads them.
    const ApiResponse shown = m_server.request("GET", u"/v1/messages/%1"_s.arg(id), {}, m_agent);
    QCOMPARE(shown.status, 200);
    QCOMPARE(shown.value(u"message_type"_s).toString(), u"interactive"_s);
    QCOMPARE(shown.value(u"content"_s).toString(), body);
    QCOMPARE(shown.value(u"interactive"_s).toObject(), menu);
    const Conversa::MessageDto dto = Conversa::MessageDto::fromJson(shown.object());
    QVERIFY(dto.interactive.has_value());
    QCOMPARE(*dto.interactive, menu);
    QCOMPARE(dto.toJson().value(u"interactive"_s).toObject(), menu);
    const ApiResponse page = m_server.request("GET", u"/v1/chats/%1/messages"_s.arg(chatId), {}, m_agent);
    QCOMPARE(page.status, 200);
    const QJsonArray rows = page.value(u"data"_s).toArray();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().toObject().value(u"interactive"_s).toObject(), menu);

    // Any other message shows null.
    const qint64 text = postText(chatId, u"Y un texto"_s);
    const ApiResponse plain = m_server.request("GET", u"/v1/messages/%1"_s.arg(text), {}, m_agent);
    QVERIFY(plain.object().contains(u"interactive"_s));
    QVERIFY(plain.value(u"interactive"_s).isNull());
    QVERIFY(!Conversa::MessageDto::fromJson(plain.object()).interactive.has_value());
    QTRY_COMPARE_WITH_TIMEOUT(status(text), u"sent"_s, 10000);   // before the next row counts sends
}

void tst_Outbound::interactiveOverLimitFails_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QJsonObject>("menu");
    QTest::addColumn<QString>("message");   // part of error_message

    const auto buttons = [](const QJsonArray &o) { return QJsonObject{{u"type"_s, u"button"_s}, {u"options"_s, o}}; };
    const auto list = [](const QJsonArray &o, const QString &button = u"Opciones"_s) {
        return QJsonObject{{u"type"_s, u"list"_s}, {u"button"_s, button}, {u"options"_s, o}};
    };
    const QJsonArray two = options({u"Ventas"_s, u"Soporte"_s});
    QTest::addRow("four-buttons") << u"Hola"_s << buttons(options({u"a"_s, u"b"_s, u"c"_s, u"d"_s}))
                                  << u"The menu has 4 options; WhatsApp reply buttons take 1 to 3"_s;
    QStringList eleven;
    for (int i = 1; i <= 11; ++i)
        eleven.append(u"Opción %1"_s.arg(i));
    QTest::addRow("eleven-rows") << u"Hola"_s << list(options(eleven))
                                 << u"The menu has 11 options; WhatsApp lists take 1 to 10"_s;
    QTest::addRow("no-options") << u"Hola"_s << buttons({}) << u"The menu has 0 options"_s;
    QTest::addRow("button-title-21") << u"Hola"_s << buttons(options({u"Ventas"_s, QString(21, u'v')}))
                                     << u"The reply button 2 has a title of 21 characters"_s;
    QTest::addRow("button-id-257") << u"Hola"_s << buttons(options({u"Ventas"_s}, QString(257, u'i')))
                                   << u"The reply button 1 has an id of 258 characters; WhatsApp takes 1 to 256"_s;
    QTest::addRow("row-title-25") << u"Hola"_s << list(options({QString(25, u't')}))
                                  << u"The list row 1 has a title of 25 characters"_s;
    QTest::addRow("row-id-201") << u"Hola"_s << list(options({u"Ventas"_s}, QString(200, u'i')))
                                << u"The list row 1 has an id of 201 characters; WhatsApp takes 1 to 200"_s;
    QTest::addRow("list-button-21") << u"Hola"_s << list(two, QString(21, u'o'))
                                    << u"The list's button text has 21 characters"_s;
    QTest::addRow("list-without-button") << u"Hola"_s << list(two, QString())
                                         << u"The list's button text has 0 characters"_s;
    QTest::addRow("body-1025") << QString(1025, u'x') << buttons(two)
                               << u"The menu's body text has 1025 characters; WhatsApp allows 1024"_s;
    QTest::addRow("no-body") << QString() << buttons(two) << u"The menu has no body text"_s;
    QTest::addRow("unknown-type") << u"Hola"_s << QJsonObject{{u"type"_s, u"carousel"_s}, {u"options"_s, two}}
                                  << u"interactive type \"carousel\" is neither button nor list"_s;
    QTest::addRow("no-menu") << u"Hola"_s << QJsonObject{} << u"is neither button nor list"_s;
    QTest::addRow("duplicate-ids") << u"Hola"_s
                                   << buttons(QJsonArray{QJsonObject{{u"id"_s, u"x"_s}, {u"title"_s, u"Uno"_s}},
                                                         QJsonObject{{u"id"_s, u"x"_s}, {u"title"_s, u"Dos"_s}}})
                                   << u"Two options of the menu have the id \"x\""_s;
    QTest::addRow("duplicate-button-titles") << u"Hola"_s << buttons(options({u"Ventas"_s, u"Ventas"_s}))
                                             << u"Two reply buttons of the menu have the title \"Ventas\""_s;
}

void tst_Outbound::interactiveOverLimitFails()
{
    // Over one of Meta's limits a menu would be refused every time: it fails at once, unsent and
    // never retried, with the reason.
    QFETCH(QString, body);
    QFETCH(QJsonObject, menu);
    QFETCH(QString, message);
    const qint64 id = queueMenu(chat(m_number.id), body, menu);
    QVERIFY(id > 0);
    QTRY_COMPARE_WITH_TIMEOUT(status(id), u"failed"_s, 10000);
    QCOMPARE(column(id, "error_code").toString(), u"invalid_interactive"_s);
    const QString error = column(id, "error_message").toString();
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(column(id, "send_attempts").toInt(), 0);   // reset: a retry starts afresh
    QVERIFY(column(id, "next_attempt_at").isNull());
    QCOMPARE(m_graph.requests().size(), 0);
}

void tst_Outbound::errorCodes_data()
{
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("finalStatus");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("errorText");   // part of error_message
    QTest::addColumn<int>("requests");        // POST …/messages seen for it

    // Permanent: failed at once with Meta's code and text, never retried.
    QTest::addRow("131047-window-closed") << 400 << FakeMetaGraph::sample(u"error-response-131047.DERIVED.json"_s)
                                          << u"failed"_s << u"131047"_s << u"Re-engagement message"_s << 1;
    QTest::addRow("131026-undeliverable") << 400 << FakeMetaGraph::sample(u"error-response-131026.DERIVED.json"_s)
                                          << u"failed"_s << u"131026"_s << u"Message undeliverable"_s << 1;
    QTest::addRow("190-token-expired") << 401 << FakeMetaGraph::sample(u"error-response-190-token-expired.json"_s)
                                       << u"failed"_s << u"190"_s << u"Error validating access token"_s << 1;
    QTest::addRow("131009-bad-parameter")
        << 400 << FakeMetaGraph::sample(u"error-response-131009.json"_s) << u"failed"_s << u"131009"_s
        << u"Parameter value is not valid: Please check the parameters"_s << 1;
    QTest::addRow("4xx-without-graph-error")
        << 404 << QByteArray("not found") << u"failed"_s << u"http_404"_s << u"HTTP 404"_s << 1;
    // Transient: back to the queue with backoff, then sent. Classified by code, not HTTP status.
    QTest::addRow("130429-rate-limit") << 429 << FakeMetaGraph::sample(u"error-response-130429-rate-limit.json"_s)
                                       << u"sent"_s << QString() << QString() << 2;
    QTest::addRow("130429-as-400") << 400 << FakeMetaGraph::sample(u"error-response-130429-rate-limit.json"_s)
                                   << u"sent"_s << QString() << QString() << 2;
    QTest::addRow("500-no-body") << 500 << QByteArray() << u"sent"_s << QString() << QString() << 2;
}

void tst_Outbound::errorCodes()
{
    QFETCH(int, httpStatus);
    QFETCH(QByteArray, body);
    QFETCH(QString, finalStatus);
    QFETCH(QString, errorCode);
    QFETCH(QString, errorText);
    QFETCH(int, requests);

    m_graph.failNextMessages(httpStatus, body);
    const QString text = u"error case %1"_s.arg(QString::fromLatin1(QTest::currentDataTag()));
    const qint64 id = postText(chat(m_number.id), text);
    QVERIFY(id > 0);
    QTRY_COMPARE_WITH_TIMEOUT(status(id), finalStatus, 15000);
    QTest::qWait(300);   // nothing more goes out
    QCOMPARE(sendsWithText(text).size(), requests);
    QVERIFY(column(id, "sending_since").isNull());
    if (finalStatus == "failed"_L1) {
        const ApiResponse shown = m_server.request("GET", u"/v1/messages/%1"_s.arg(id), {}, m_agent);
        QCOMPARE(shown.value(u"status"_s).toString(), u"failed"_s);
        QCOMPARE(shown.value(u"error_code"_s).toString(), errorCode);
        QVERIFY2(shown.value(u"error_message"_s).toString().contains(errorText),
                 qPrintable(shown.value(u"error_message"_s).toString()));
    } else {
        QCOMPARE(column(id, "send_attempts").toInt(), 2);
        QVERIFY(column(id, "error_code").isNull());
        QCOMPARE(column(id, "provider_message_id").toString(), sendsWithText(text).last().answeredId);
    }
}

void tst_Outbound::rateLimits_data()
{
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<int>("perDay");
    QTest::addColumn<int>("window");   // seconds the sends must age before the third goes

    QTest::addRow("per-minute") << 2 << 1000 << 60;
    QTest::addRow("per-day") << 60 << 2 << 86400;
}

void tst_Outbound::rateLimits()
{
    QFETCH(int, perMinute);
    QFETCH(int, perDay);
    QFETCH(int, window);

    const Number n = number(perMinute, perDay);
    const qint64 chatId = chat(n.id);
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i)
        ids.append(postText(chatId, u"limited %1 %2"_s.arg(QString::fromLatin1(QTest::currentDataTag())).arg(i)));
    QTRY_COMPARE_WITH_TIMEOUT(status(ids.at(1)), u"sent"_s, 10000);
    QCOMPARE(status(ids.at(0)), u"sent"_s);
    QTest::qWait(1500);
    // The third waits for a free slot: still pending, due when the oldest send leaves the window.
    QCOMPARE(status(ids.at(2)), u"pending"_s);
    QCOMPARE(m_graph.messageRequests().size(), 2);
    const qint64 firstSent = column(ids.at(0), "sent_at").toLongLong();
    QCOMPARE(column(ids.at(2), "next_attempt_at").toLongLong(), firstSent + window);
    QCOMPARE(column(ids.at(2), "send_attempts").toInt(), 0);

    // Time passes: the two sends age out of the window.
    SqlQuery age(m_server.db(),
                 "UPDATE messages SET sent_at = sent_at - ? WHERE whatsapp_number_id = ? AND status = 'sent'",
                 {window, n.id});
    QVERIFY(age.exec());
    SqlQuery due(m_server.db(), "UPDATE messages SET next_attempt_at = NULL WHERE id = ?", {ids.at(2)});
    QVERIFY(due.exec());
    QTRY_COMPARE_WITH_TIMEOUT(status(ids.at(2)), u"sent"_s, 10000);
    QCOMPARE(m_graph.messageRequests().size(), 3);
}

void tst_Outbound::twoWorkersNeverSendTwice()
{
    // A second worker on the same database, as a second server instance would run it.
    OutboundThread second(m_server.db(), settings());
    int bySecond = 0;
    connect(second.worker(), &OutboundWorker::finished, this, [&](qint64, const QString &s) {
        if (s == "sent"_L1)
            ++bySecond;
    });
    second.start();
    m_graph.setDelayMs(20);

    const qint64 chatId = chat(m_number.id);
    constexpr int kCount = 30;
    {
        Transaction tx(m_server.db());
        for (int i = 0; i < kCount; ++i) {
            SqlQuery q(m_server.db(),
                       "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, status, "
                       "created_at) VALUES (?, ?, 'outbound', 'text', ?, 'pending', ?)",
                       {chatId, m_number.id, u"bulk %1"_s.arg(i), nowSeconds()});
            QVERIFY(q.exec());
        }
        QVERIFY(tx.commit());
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_server.count(u"messages"_s, u"chat_id = %1 AND status = 'sent'"_s.arg(chatId)),
                              qint64(kCount), 30000);
    second.stop();
    m_graph.setDelayMs(0);

    QSet<QString> seen;
    for (const FakeMetaGraph::Request &r : m_graph.messageRequests()) {
        const QString body = r.json.value(u"text"_s).toObject().value(u"body"_s).toString();
        QVERIFY2(!seen.contains(body), qPrintable(u"sent twice: "_s + body));
        seen.insert(body);
    }
    QCOMPARE(seen.size(), kCount);
    qInfo("the second worker sent %d of %d", bySecond, kCount);
    QVERIFY(bySecond > 0 && bySecond < kCount);   // both took part
}

void tst_Outbound::retrySendsAgainOnce()
{
    m_graph.failNextMessages(400, FakeMetaGraph::sample(u"error-response-131026.DERIVED.json"_s));
    const QString text = u"retry me"_s;
    const qint64 id = postText(chat(m_number.id), text);
    QTRY_COMPARE_WITH_TIMEOUT(status(id), u"failed"_s, 10000);
    QCOMPARE(column(id, "error_code").toString(), u"131026"_s);

    const ApiResponse r = m_server.request("POST", u"/v1/messages/%1/retry"_s.arg(id), {}, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"pending"_s);
    QTRY_COMPARE_WITH_TIMEOUT(status(id), u"sent"_s, 10000);
    QTest::qWait(300);
    QCOMPARE(sendsWithText(text).size(), 2);   // the refused one and the retry, nothing more
    QCOMPARE(column(id, "send_attempts").toInt(), 1);
    QVERIFY(column(id, "error_code").isNull());
    QCOMPARE(column(id, "provider_message_id").toString(), sendsWithText(text).last().answeredId);
}

void tst_Outbound::interruptedSendIsNotRepeated()
{
    // A claim left by a sender that died mid-send (kill -9: tst_outbound_crash does it for real).
    const qint64 chatId = chat(m_number.id);
    const qint64 now = nowSeconds();
    const qint64 id = insertReturningId(
        m_server.db(),
        "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, "
        "content, status, send_attempts, sending_since, created_at) "
        "VALUES (?, ?, 'outbound', 'text', 'in flight at the crash', 'pending', 1, ?, ?) RETURNING id",
        {chatId, m_number.id, now - 600, now - 600});
    QTRY_COMPARE_WITH_TIMEOUT(status(id), u"failed"_s, 15000);
    QCOMPARE(column(id, "error_code").toString(), u"interrupted"_s);
    QVERIFY(column(id, "error_message").toString().contains("retry"_L1));
    QVERIFY(column(id, "sending_since").isNull());
    QCOMPARE(sendsWithText(u"in flight at the crash"_s).size(), 0);

    // A person decides: retry sends it, once.
    QCOMPARE(m_server.request("POST", u"/v1/messages/%1/retry"_s.arg(id), {}, m_agent).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(status(id), u"sent"_s, 10000);
    QCOMPARE(sendsWithText(u"in flight at the crash"_s).size(), 1);
}

void tst_Outbound::unconfiguredAndOtherProviders()
{
    // A Meta number without an access token: failed, nothing sent.
    const Number noToken = number(0, 0, false);
    const qint64 failing = postText(chat(noToken.id), u"no token"_s);
    QTRY_COMPARE_WITH_TIMEOUT(status(failing), u"failed"_s, 10000);
    QCOMPARE(column(failing, "error_code").toString(), u"number_not_configured"_s);

    // A WPPConnect number without server URL, session or secret key: failed, nothing sent
    // (configured WPPConnect numbers are covered by tst_wppconnect).
    const Number wpp = number(0, 0, false, u"wppconnect"_s);
    const qint64 unconfigured = postText(chat(wpp.id), u"via wppconnect"_s);
    QTRY_COMPARE_WITH_TIMEOUT(status(unconfigured), u"failed"_s, 10000);
    QCOMPARE(column(unconfigured, "error_code").toString(), u"number_not_configured"_s);
    QCOMPARE(m_graph.requests().size(), 0);
}

QTEST_MAIN(tst_Outbound)
#include "tst_outbound.moc"
