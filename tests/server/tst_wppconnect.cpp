// WPPConnect end to end (issue 4, docs/PROVIDERS.md, the OpenAPI document): the bearer token and the
// session start with our webhook URL, the QR, sends checked on the WPPConnect stand-in's side
// (route, bearer token, body), the ?token= webhook (onmessage with text and inline base64 media,
// onack that only moves forward, qrcode, status-find, unknown events kept), and the numbers'
// status / qr / disconnect / reconnect routes with their permissions and audit rows.
// SQLite and PostgreSQL.
#include "FakeWppConnect.h"
#include "Fixtures.h"
#include "TestServer.h"

#include "providers/WppConnectClient.h"
#include "store/Database.h"
#include "store/SearchText.h"

#include <Conversa/realtime/SocketIoClient.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

const QByteArray kBoundary = "----conversa-wpp-7MA4YWxk";

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

}   // namespace

class tst_WppConnect : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }
    void init() { m_fake.clear(); }

    void classifySend_data();
    void classifySend();
    void createStartsSessionWithQr();
    void createWhenWppConnectFails();
    void reconnectStartsSessionWithWebhook();
    void qrFromProviderThenFromWebhook();
    void qrRefusedForMeta();
    void sendTextAndImage();
    void quotedReplies();
    void menuSentAsNumberedText_data();
    void menuSentAsNumberedText();
    void sendOnClosedSessionRetries();
    void revokedTokenIsRenewed();
    void wrongSecretKeyFails();
    void webhookTokenChecked_data();
    void webhookTokenChecked();
    void onmessageCreatesClientChatMessage();
    void onmessageMediaStoredAsFile();
    void onackMovesForwardOnly();
    void statusFindUpdatesConnection();
    void unknownEventsKept();
    void disconnectClosesSession();
    void statusShowsHealth();
    void qrAndStatusPushedToAdmins();
    void connectionRoutesPermissions_data();
    void connectionRoutesPermissions();

private:
    struct Number {
        qint64 id = 0;
        QString session;
        QString webhookToken;
        QString webhookUrl;
    };
    Number createNumber()
    {
        const int n = ++m_seq;
        Number out;
        out.session = u"conversa_%1"_s.arg(n);
        const ApiResponse r = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                               {{u"phone_number"_s, u"+5730055%1"_s.arg(n, 5, 10, QChar(u'0'))},
                                                {u"provider"_s, u"wppconnect"_s},
                                                {u"wppconnect_session_name"_s, out.session},
                                                {u"wppconnect_server_url"_s, m_fake.baseUrl()},
                                                {u"wppconnect_api_key"_s, m_fake.secretKey()}},
                                               m_admin);
        if (r.status != 201)
            qWarning("POST /v1/whatsapp-numbers: %d %s", r.status, r.body.constData());
        out.id = r.value(u"id"_s).toInteger();
        out.webhookUrl = r.value(u"webhook_url"_s).toString();
        out.webhookToken = QUrlQuery(QUrl(out.webhookUrl).query()).queryItemValue(u"token"_s, QUrl::FullyDecoded);
        // A campaign has one primary number: each number gets its own.
        const qint64 now = nowSeconds();
        const qint64 campaign = n == 1 ? m_campaign
                                       : insertReturningId(m_server.db(),
                                                           "INSERT INTO campaigns (name, code, created_at, updated_at) "
                                                           "VALUES (?, ?, ?, ?) RETURNING id",
                                                           {u"Ventas %1"_s.arg(n), u"VENTAS%1"_s.arg(n), now, now});
        SqlQuery
            q(m_server.db(),
              "INSERT INTO campaign_numbers (campaign_id, number_id, is_primary, created_at) VALUES (?, ?, TRUE, ?)",
              {campaign, out.id, now});
        if (!q.exec())
            qWarning("campaign_numbers insert failed");
        // Creating started the session (createStartsSessionWithQr): the other tests start from a
        // number whose session WPPConnect does not know yet.
        m_fake.clear();
        m_fake.setSessionState(out.session, QString());
        SqlQuery reset(m_server.db(),
                       "UPDATE whatsapp_numbers SET connection_status = 'disconnected', qr_code = NULL, "
                       "qr_expires_at = NULL WHERE id = ?",
                       {out.id});
        SqlQuery history(m_server.db(), "DELETE FROM whatsapp_number_connections WHERE whatsapp_number_id = ?",
                         {out.id});
        if (!reset.exec() || !history.exec())
            qWarning("could not reset the new number's connection");
        return out;
    }
    // A socket of a user of that role, with every event it gets.
    struct Listener {
        Conversa::SocketIoClient client;
        QList<std::pair<QString, QJsonObject>> events;
        QJsonObject last(const QString &name) const
        {
            for (auto it = events.crbegin(); it != events.crend(); ++it) {
                if (it->first == name)
                    return it->second;
            }
            return {};
        }
        qsizetype count(const QString &name) const
        {
            return std::count_if(events.cbegin(), events.cend(), [&](const auto &e) { return e.first == name; });
        }
    };
    std::unique_ptr<Listener> listen(const QByteArray &token)
    {
        auto l = std::make_unique<Listener>();
        Listener *raw = l.get();
        QObject::connect(&l->client, &Conversa::SocketIoClient::event, &l->client,
                         [raw](const QString &name, const QJsonValue &p) {
                             raw->events.append({name, p.toObject()});
                         });
        QSignalSpy up(&l->client, &Conversa::SocketIoClient::connected);
        l->client.open(m_server.baseUrl(), token);
        if (!up.wait(5000))
            qWarning("the socket did not connect");
        return l;
    }
    ApiResponse hook(const Number &n, const QByteArray &body) { return hook(n, body, n.webhookToken); }
    ApiResponse hook(const Number &n, const QByteArray &body, const QString &token)
    {
        return m_server.requestRaw("POST",
                                   u"/v1/webhooks/whatsapp/wppconnect/%1?token=%2"_s.arg(n.id).arg(
                                       QString::fromLatin1(QUrl::toPercentEncoding(token))),
                                   body, "application/json");
    }
    // A sample with its session set to the number's.
    QByteArray sample(const QString &name, const Number &n, const QJsonObject &overrides = {})
    {
        QJsonObject o = QJsonDocument::fromJson(FakeWppConnect::sample(name)).object();
        o.insert(u"session"_s, n.session);
        for (auto it = overrides.begin(); it != overrides.end(); ++it)
            o.insert(it.key(), it.value());
        return json(o);
    }
    QVariant scalar(const QString &sql, std::initializer_list<QVariant> values)
    {
        SqlQuery q(m_server.db(), sql.toUtf8().constData(), values);
        return q.exec() && q.next() ? q.value(0) : QVariant();
    }
    qint64 chat(qint64 numberId, QString *phone)
    {
        const qint64 now = nowSeconds();
        *phone = u"+57311%1"_s.arg(++m_seq, 7, 10, QChar(u'0'));
        const qint64 client =
            insertReturningId(m_server.db(),
                              "INSERT INTO clients (phone_number, first_name, search_text, created_at, "
                              "updated_at) VALUES (?, 'Carlos', ?, ?, ?) RETURNING id",
                              {*phone, SearchText::of({u"Carlos"_s, *phone}), now, now});
        return insertReturningId(m_server.db(),
                                 "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, "
                                 "status, created_at, assigned_at, last_activity_at, last_inbound_at) "
                                 "VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?) RETURNING id",
                                 {client, m_campaign, numberId, m_agentId, now - 60, now - 30, now - 60, now - 60});
    }
    qint64 postMessage(const QJsonObject &body)
    {
        const ApiResponse r = m_server.request("POST", u"/v1/messages"_s, body, m_agent);
        if (r.status != 201)
            qWarning("POST /v1/messages: %d %s", r.status, r.body.constData());
        return r.value(u"id"_s).toInteger();
    }
    QString messageStatus(qint64 id) { return scalar(u"SELECT status FROM messages WHERE id = ?"_s, {id}).toString(); }
    QString connection(qint64 numberId)
    {
        return scalar(u"SELECT connection_status FROM whatsapp_numbers WHERE id = ?"_s, {numberId}).toString();
    }
    bool tokenValid(const FakeWppConnect::Request &r, const QString &session)
    {
        // The bearer is a token generate-token gave this session (not the "full" value).
        for (const QString &t : m_fake.issuedTokens(session)) {
            if (r.authorization == "Bearer " + t.toUtf8())
                return true;
        }
        return false;
    }

    FakeWppConnect m_fake;
    TestServer m_server;
    QByteArray m_admin;
    QByteArray m_agent;
    qint64 m_agentId = 0;
    qint64 m_campaign = 0;
    Number m_number;
    int m_seq = 0;
};

void tst_WppConnect::initTestCase()
{
    QVERIFY(m_fake.listen());
    QVERIFY(m_server.start({{u"CONVERSA_OUTBOUND_POLL_MS"_s, u"50"_s},
                            {u"CONVERSA_OUTBOUND_TIMEOUT_MS"_s, u"5000"_s},
                            {u"CONVERSA_PUBLIC_URL"_s, u"https://crm.example.test"_s}}));
    m_admin = m_server.tokenFor(u"admin"_s);
    m_agent = m_server.tokenFor(u"agent"_s, &m_agentId);
    QVERIFY(!m_admin.isEmpty() && !m_agent.isEmpty());
    const qint64 now = nowSeconds();
    m_campaign = insertReturningId(m_server.db(),
                                   "INSERT INTO campaigns (name, code, welcome_message, created_at, updated_at) "
                                   "VALUES ('Ventas', 'VENTAS', NULL, ?, ?) RETURNING id",
                                   {now, now});
    QVERIFY(m_campaign);
    m_number = createNumber();
    QVERIFY(m_number.id > 0);
    QVERIFY(!m_number.webhookToken.isEmpty());
}

void tst_WppConnect::classifySend_data()
{
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("id");
    using O = GraphResult::Outcome;
    QTest::addRow("send-file") << 201 << FakeWppConnect::sample(u"send-file-response.CONSTRUCTED.json"_s)
                               << int(O::Sent) << QString() << u"true_5521999999999@c.us_3EB0B56D66FE04DAF32FB8"_s;
    QTest::addRow("id-object") << 201
                               << QByteArray(
                                      R"({"status":"success","response":[{"id":{"_serialized":"true_1@c.us_X"}}]})")
                               << int(O::Sent) << QString() << u"true_1@c.us_X"_s;
    QTest::addRow("no-id") << 201 << QByteArray(R"({"status":"success","response":[]})") << int(O::Permanent)
                           << u"invalid_response"_s << QString();
    QTest::addRow("session-not-active") << 404 << FakeWppConnect::sample(u"error-session-not-active.json"_s)
                                        << int(O::Transient) << u"session_disconnected"_s << QString();
    QTest::addRow("number-does-not-exist") << 400 << FakeWppConnect::sample(u"error-number-does-not-exist.json"_s)
                                           << int(O::Permanent) << u"number_not_on_whatsapp"_s << QString();
    QTest::addRow("bad-token") << 401 << FakeWppConnect::sample(u"error-bad-token.json"_s) << int(O::Permanent)
                               << u"unauthorized"_s << QString();
    QTest::addRow("empty-file") << 500 << QByteArray(R"({"status":"Error","error":{"code":"empty_file"}})")
                                << int(O::Permanent) << u"empty_file"_s << QString();
    QTest::addRow("5xx") << 502 << QByteArray("<html>") << int(O::Transient) << u"http_502"_s << QString();
}

void tst_WppConnect::classifySend()
{
    QFETCH(int, httpStatus);
    QFETCH(QByteArray, body);
    QFETCH(int, outcome);
    QFETCH(QString, code);
    QFETCH(QString, id);
    const GraphResult r = WppConnectClient::classifySend(httpStatus, QNetworkReply::NoError, {}, body, true);
    QCOMPARE(int(r.outcome), outcome);
    QCOMPARE(r.errorCode, code);
    QCOMPARE(r.providerMessageId, id);
}

void tst_WppConnect::createStartsSessionWithQr()
{
    const QString session = u"conversa_new_%1"_s.arg(++m_seq);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                           {{u"phone_number"_s, u"+5730066%1"_s.arg(m_seq, 5, 10, QChar(u'0'))},
                                            {u"provider"_s, u"wppconnect"_s},
                                            {u"wppconnect_session_name"_s, session},
                                            {u"wppconnect_server_url"_s, m_fake.baseUrl()},
                                            {u"wppconnect_api_key"_s, m_fake.secretKey()}},
                                           m_admin);
    QCOMPARE(r.status, 201);
    const qint64 id = r.value(u"id"_s).toInteger();
    QVERIFY(id > 0);

    // The session starts with our webhook; WPPConnect shows its first QR, which the answer carries.
    // The token first (secret key in the path, no auth), then start-session with it.
    const QList<FakeWppConnect::Request> all = m_fake.requests();
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.at(0).route, u"generate-token"_s);
    QCOMPARE(all.at(0).path, "/api/" + session.toUtf8() + "/" + m_fake.secretKey().toUtf8() + "/generate-token");
    QCOMPARE(all.at(0).status, 201);
    QCOMPARE(all.at(1).route, u"start-session"_s);
    QVERIFY(tokenValid(all.at(1), session));
    QCOMPARE(all.at(1).json.value(u"waitQrCode"_s).toBool(true), false);
    QCOMPARE(all.at(1).json.value(u"webhook"_s).toString(), r.value(u"webhook_url"_s).toString());
    QCOMPARE(all.at(2).route, u"qrcode-session"_s);
    const QString expected = u"data:image/png;base64,"_s + QString::fromLatin1(FakeWppConnect::qrPng().toBase64());
    QCOMPARE(r.value(u"wppconnect_qr_code"_s).toString(), expected);
    QCOMPARE(r.value(u"message"_s).toString(), u"Escanea el código QR con WhatsApp"_s);
    QCOMPARE(r.value(u"status"_s).toString(), u"pending"_s);
    QCOMPARE(r.value(u"connection_status"_s).toString(), u"qr_pending"_s);
    QCOMPARE(m_server.count(u"whatsapp_number_connections"_s, u"whatsapp_number_id = %1"_s.arg(id)), 2);

    // GET …/qr answers the kept QR without asking WPPConnect again.
    m_fake.clear();
    const ApiResponse qr = m_server.request("GET", u"/v1/whatsapp-numbers/%1/qr"_s.arg(id), {}, m_admin);
    QCOMPARE(qr.status, 200);
    QCOMPARE(qr.value(u"qr_code"_s).toString(), expected);
    QCOMPARE(m_fake.requests().size(), 0);

    // One audit row, written with the number.
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"whatsapp_number.create"_s, mark);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(audit.first().value(u"success"_s).toBool(), true);
    QCOMPARE(audit.first().value(u"status_code"_s).toInt(), 201);
    QCOMPARE(audit.first().value(u"changes"_s).toObject().value(u"wppconnect_api_key"_s).toObject().value(u"to"_s),
             QJsonValue(u"***"_s));

    // In English too.
    const ApiResponse en = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                            {{u"phone_number"_s, u"+5730067%1"_s.arg(m_seq, 5, 10, QChar(u'0'))},
                                             {u"provider"_s, u"wppconnect"_s},
                                             {u"wppconnect_session_name"_s, QString(session + u"_en"_s)},
                                             {u"wppconnect_server_url"_s, m_fake.baseUrl()},
                                             {u"wppconnect_api_key"_s, m_fake.secretKey()}},
                                            m_admin, {{"Accept-Language", "en"}});
    QCOMPARE(en.status, 201);
    QCOMPARE(en.value(u"message"_s).toString(), u"Scan the QR code with WhatsApp"_s);
}

void tst_WppConnect::createWhenWppConnectFails()
{
    // WPPConnect refuses the start: the number exists all the same, showing the error; no QR.
    m_fake.failNext(u"start-session"_s, 500, R"({"status":"error","message":"Error starting session"})");
    const ApiResponse r = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                           {{u"phone_number"_s, u"+5730068%1"_s.arg(++m_seq, 5, 10, QChar(u'0'))},
                                            {u"provider"_s, u"wppconnect"_s},
                                            {u"wppconnect_session_name"_s, u"conversa_down_%1"_s.arg(m_seq)},
                                            {u"wppconnect_server_url"_s, m_fake.baseUrl()},
                                            {u"wppconnect_api_key"_s, m_fake.secretKey()}},
                                           m_admin);
    QCOMPARE(r.status, 201);
    QVERIFY(r.object().contains(u"wppconnect_qr_code"_s));
    QVERIFY(r.value(u"wppconnect_qr_code"_s).isNull());
    QVERIFY(!r.object().contains(u"message"_s));
    QCOMPARE(r.value(u"connection_status"_s).toString(), u"error"_s);
    QVERIFY(r.value(u"last_error"_s).toString().contains(u"Error starting session"_s));
    QCOMPARE(m_fake.requests(u"qrcode-session"_s).size(), 0);

    // A refused create (a duplicate session) asks WPPConnect nothing and leaves a failed audit row.
    m_fake.clear();
    const qint64 mark = m_server.auditMark();
    const ApiResponse dup = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                             {{u"phone_number"_s, u"+5730069%1"_s.arg(m_seq, 5, 10, QChar(u'0'))},
                                              {u"provider"_s, u"wppconnect"_s},
                                              {u"wppconnect_session_name"_s, u"conversa_down_%1"_s.arg(m_seq)},
                                              {u"wppconnect_server_url"_s, m_fake.baseUrl()},
                                              {u"wppconnect_api_key"_s, m_fake.secretKey()}},
                                             m_admin);
    QCOMPARE(dup.status, 409);
    QCOMPARE(m_fake.requests().size(), 0);
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"whatsapp_number.create"_s, mark);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().value(u"success"_s).toBool(), false);
    QCOMPARE(audit.first().value(u"status_code"_s).toInt(), 409);
}

void tst_WppConnect::reconnectStartsSessionWithWebhook()
{
    const Number n = createNumber();
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.request("POST", u"/v1/whatsapp-numbers/%1/reconnect"_s.arg(n.id), {}, m_admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"connection_status"_s).toString(), u"connecting"_s);

    // start-session with the token creating the number obtained (createStartsSessionWithQr).
    const QList<FakeWppConnect::Request> all = m_fake.requests();
    QCOMPARE(all.size(), 1);
    const FakeWppConnect::Request &start = all.at(0);
    QCOMPARE(start.route, u"start-session"_s);
    QCOMPARE(start.method, "POST");
    QVERIFY(start.authorization.startsWith("Bearer $2b$10$FAKE"));
    QVERIFY(tokenValid(start, n.session));
    QCOMPARE(start.status, 200);
    QCOMPARE(start.json.value(u"webhook"_s).toString(), n.webhookUrl);
    QVERIFY(n.webhookUrl.startsWith(u"https://crm.example.test/v1/webhooks/whatsapp/wppconnect/%1?token="_s.arg(n.id)));
    QCOMPARE(start.json.value(u"waitQrCode"_s).toBool(true), false);
    QCOMPARE(m_fake.webhookOf(n.session), n.webhookUrl);

    QCOMPARE(connection(n.id), u"connecting"_s);
    QCOMPARE(m_server.count(u"whatsapp_number_connections"_s,
                            u"whatsapp_number_id = %1 AND status = 'connecting'"_s.arg(n.id)),
             1);
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"whatsapp_number.reconnect"_s, mark);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().value(u"entity_id"_s).toInteger(), n.id);
    QCOMPARE(audit.first().value(u"success"_s).toBool(), true);
    QCOMPARE(
        audit.first().value(u"changes"_s).toObject().value(u"connection_status"_s).toObject().value(u"to"_s).toString(),
        u"connecting"_s);

    // A second call reuses the token.
    m_fake.clear();
    QCOMPARE(m_server.request("POST", u"/v1/whatsapp-numbers/%1/reconnect"_s.arg(n.id), {}, m_admin).status, 200);
    QCOMPARE(m_fake.requests(u"generate-token"_s).size(), 0);
    QCOMPARE(m_fake.requests(u"start-session"_s).size(), 1);
}

void tst_WppConnect::qrFromProviderThenFromWebhook()
{
    const Number n = createNumber();
    QCOMPARE(m_server.request("POST", u"/v1/whatsapp-numbers/%1/reconnect"_s.arg(n.id), {}, m_admin).status, 200);
    QCOMPARE(m_fake.sessionState(n.session), u"QRCODE"_s);
    m_fake.clear();

    // No QR from a webhook yet: WPPConnect's qrcode-session (a PNG) as a data URL.
    ApiResponse r = m_server.request("GET", u"/v1/whatsapp-numbers/%1/qr"_s.arg(n.id), {}, m_admin);
    QCOMPARE(r.status, 200);
    const QString expected = u"data:image/png;base64,"_s + QString::fromLatin1(FakeWppConnect::qrPng().toBase64());
    QCOMPARE(r.value(u"qr_code"_s).toString(), expected);
    QVERIFY(!r.value(u"expires_at"_s).toString().isEmpty());
    QCOMPARE(m_fake.requests(u"qrcode-session"_s).size(), 1);

    // The qrcode webhook (base64 PNG without the data: prefix) is kept and answered from then on.
    const QByteArray png = pngBytes();
    QCOMPARE(hook(n,
                  sample(u"webhook-qrcode.CONSTRUCTED.json"_s, n, {{u"qrcode"_s, QString::fromLatin1(png.toBase64())}}))
                 .status,
             200);
    QCOMPARE(connection(n.id), u"qr_pending"_s);
    m_fake.clear();
    r = m_server.request("GET", u"/v1/whatsapp-numbers/%1/qr"_s.arg(n.id), {}, m_admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"qr_code"_s).toString(), u"data:image/png;base64,"_s + QString::fromLatin1(png.toBase64()));
    const QDateTime expires = QDateTime::fromString(r.value(u"expires_at"_s).toString(), Qt::ISODate);
    QVERIFY(expires > QDateTime::currentDateTimeUtc());
    QCOMPARE(r.value(u"connection_status"_s).toString(), u"qr_pending"_s);
    QCOMPARE(m_fake.requests().size(), 0);
    QCOMPARE(m_server.count(u"webhook_events"_s, u"whatsapp_number_id = %1"_s.arg(n.id)), 0);
}

void tst_WppConnect::qrRefusedForMeta()
{
    const qint64 now = nowSeconds();
    const qint64 meta = insertReturningId(m_server.db(),
                                          "INSERT INTO whatsapp_numbers (phone_number, provider, status, created_at, "
                                          "updated_at) VALUES ('+573009990001', 'meta', 'active', ?, ?) RETURNING id",
                                          {now, now});
    const ApiResponse r = m_server.request("GET", u"/v1/whatsapp-numbers/%1/qr"_s.arg(meta), {}, m_admin);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), "VALIDATION_ERROR");
    QCOMPARE(r.errorFields(), QStringList{u"provider"_s});
    // The Meta webhook route does not take WPPConnect posts either.
    QCOMPARE(m_server
                 .requestRaw("POST", u"/v1/webhooks/whatsapp/wppconnect/%1?token=x"_s.arg(meta), "{}",
                             "application/json")
                 .status,
             404);
}

void tst_WppConnect::sendTextAndImage()
{
    m_fake.setSessionState(m_number.session, u"CONNECTED"_s);
    QString phone;
    const qint64 chatId = chat(m_number.id, &phone);
    const qint64 text = postMessage({{u"chat_id"_s, chatId},
                                     {u"message_type"_s, u"text"_s},
                                     {u"content"_s, u"Hola Carlos, ¿en qué puedo ayudarte?"_s}});
    QVERIFY(text > 0);
    QTRY_COMPARE_WITH_TIMEOUT(messageStatus(text), u"sent"_s, 10000);
    const QList<FakeWppConnect::Request> sends = m_fake.requests(u"send-message"_s);
    QCOMPARE(sends.size(), 1);
    const FakeWppConnect::Request &s = sends.first();
    QCOMPARE(s.path, "/api/" + m_number.session.toUtf8() + "/send-message");
    QVERIFY(tokenValid(s, m_number.session));
    QCOMPARE(s.contentType, "application/json");
    QString digits = phone;
    digits.remove(u'+');
    QCOMPARE(s.json.value(u"phone"_s).toString(), digits);
    QCOMPARE(s.json.value(u"message"_s).toString(), u"Hola Carlos, ¿en qué puedo ayudarte?"_s);
    QCOMPARE(s.json.value(u"isGroup"_s).toBool(true), false);
    QCOMPARE(scalar(u"SELECT provider_message_id FROM messages WHERE id = ?"_s, {text}).toString(), s.answeredId);
    QCOMPARE(m_server.count(u"whatsapp_numbers"_s, u"id = %1 AND total_messages_sent >= 1"_s.arg(m_number.id)), 1);

    // An image goes as a data URI through send-image.
    const QByteArray png = pngBytes();
    const ApiResponse up = uploadFile(m_server, m_agent, kBoundary, "suculenta.png", "image/png", png);
    QCOMPARE(up.status, 201);
    const qint64 image = postMessage({{u"chat_id"_s, chatId},
                                      {u"message_type"_s, u"image"_s},
                                      {u"media_file_id"_s, up.value(u"id"_s).toInteger()},
                                      {u"content"_s, u"The best succulent ever?"_s}});
    QVERIFY(image > 0);
    QTRY_COMPARE_WITH_TIMEOUT(messageStatus(image), u"sent"_s, 10000);
    const QList<FakeWppConnect::Request> images = m_fake.requests(u"send-image"_s);
    QCOMPARE(images.size(), 1);
    const FakeWppConnect::Request &i = images.first();
    QVERIFY(tokenValid(i, m_number.session));
    QCOMPARE(i.json.value(u"phone"_s).toString(), digits);
    QCOMPARE(i.json.value(u"base64"_s).toString(), u"data:image/png;base64,"_s + QString::fromLatin1(png.toBase64()));
    QCOMPARE(i.json.value(u"filename"_s).toString(), u"suculenta.png"_s);
    QCOMPARE(i.json.value(u"caption"_s).toString(), u"The best succulent ever?"_s);
    QCOMPARE(scalar(u"SELECT provider_message_id FROM messages WHERE id = ?"_s, {image}).toString(), i.answeredId);
}

void tst_WppConnect::quotedReplies()
{
    // Our reply quotes the client's message (options.quotedMsg); the client's reply quotes ours
    // (quotedMsgId) and points at it.
    const Number number = createNumber();   // its own received count
    m_fake.setSessionState(number.session, u"CONNECTED"_s);
    QString phone;
    const qint64 chatId = chat(number.id, &phone);
    QString digits = phone;
    digits.remove(u'+');
    const QString theirs = u"false_%1@c.us_QUESTION01"_s.arg(digits);
    const qint64 question =
        insertReturningId(m_server.db(),
                          "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, "
                          "content, status, provider_message_id, created_at) VALUES "
                          "(?, ?, 'inbound', 'text', '¿Tienen envío?', 'delivered', ?, ?) RETURNING id",
                          {chatId, number.id, theirs, nowSeconds()});
    const qint64 answer = postMessage({{u"chat_id"_s, chatId},
                                       {u"message_type"_s, u"text"_s},
                                       {u"content"_s, u"Sí, a todo el país"_s},
                                       {u"reply_to_message_id"_s, question}});
    QTRY_COMPARE_WITH_TIMEOUT(messageStatus(answer), u"sent"_s, 10000);
    const QList<FakeWppConnect::Request> sends = m_fake.requests(u"send-message"_s);
    QCOMPARE(sends.size(), 1);
    QCOMPARE(sends.first().json.value(u"options"_s).toObject(), QJsonObject({{u"quotedMsg"_s, theirs}}));

    const QString ours = scalar(u"SELECT provider_message_id FROM messages WHERE id = ?"_s, {answer}).toString();
    QVERIFY(!ours.isEmpty());
    const QString replyId = u"false_%1@c.us_REPLY0001"_s.arg(digits);
    QCOMPARE(hook(number,
                  sample(u"webhook-onmessage-chat.json"_s, number,
                         {{u"id"_s, replyId},
                          {u"from"_s, QString(digits + u"@c.us"_s)},
                          {u"body"_s, u"¡Gracias!"_s},
                          {u"quotedMsgId"_s, ours}}))
                 .status,
             200);
    const qint64 reply = scalar(u"SELECT id FROM messages WHERE provider_message_id = ?"_s, {replyId}).toLongLong();
    QVERIFY(reply > 0);
    const QJsonObject shown = m_server.request("GET", u"/v1/messages/%1"_s.arg(reply), {}, m_agent).object();
    QCOMPARE(shown.value(u"chat_id"_s).toInteger(), chatId);
    QCOMPARE(shown.value(u"reply_to"_s).toObject().value(u"id"_s).toInteger(), answer);
    QCOMPARE(shown.value(u"reply_to"_s).toObject().value(u"content"_s).toString(), u"Sí, a todo el país"_s);
}

void tst_WppConnect::menuSentAsNumberedText_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QJsonObject>("menu");
    QTest::addColumn<QString>("text");   // what send-message carries

    const auto option = [](const QString &id, const QString &title) {
        return QJsonObject{{u"id"_s, id}, {u"title"_s, title}};
    };
    QTest::addRow("buttons")
        << u"¿En qué te ayudamos?"_s
        << QJsonObject{{u"type"_s, u"button"_s},
                       {u"options"_s, QJsonArray{option(u"menu#1"_s, u"Ventas"_s), option(u"menu#2"_s, u"Soporte"_s)}}}
        << u"¿En qué te ayudamos?\n\n1. Ventas\n2. Soporte"_s;
    QTest::addRow("list") << u"Elige una sede"_s
                          << QJsonObject{{u"type"_s, u"list"_s},
                                         {u"button"_s, u"Sedes"_s},
                                         {u"options"_s,
                                          QJsonArray{option(u"sede#1"_s, u"Bogotá"_s),
                                                     option(u"sede#2"_s, u"Medellín"_s),
                                                     option(u"sede#3"_s, u"Cali"_s)}}}
                          << u"Elige una sede\n\n1. Bogotá\n2. Medellín\n3. Cali"_s;
    QTest::addRow("no-body") << QString()
                             << QJsonObject{{u"type"_s, u"button"_s},
                                            {u"options"_s, QJsonArray{option(u"menu#1"_s, u"Sí"_s)}}}
                             << u"1. Sí"_s;
}

void tst_WppConnect::menuSentAsNumberedText()
{
    // WPPConnect has no interactive messages: a menu queued for the number (before it changed
    // provider, say) goes out as its body and numbered options, not lost (docs/PROVIDERS.md).
    QFETCH(QString, body);
    QFETCH(QJsonObject, menu);
    QFETCH(QString, text);
    m_fake.setSessionState(m_number.session, u"CONNECTED"_s);
    QString phone;
    const qint64 chatId = chat(m_number.id, &phone);
    const qint64 id = insertReturningId(
        m_server.db(),
        "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, interactive, status, "
        "is_bot_message, created_at) VALUES (?, ?, 'outbound', 'interactive', ?, ?, 'pending', TRUE, ?) RETURNING id",
        {chatId, m_number.id, body.isEmpty() ? QVariant() : QVariant(body), QString::fromUtf8(json(menu)),
         nowSeconds()});
    QVERIFY(id > 0);
    QTRY_COMPARE_WITH_TIMEOUT(messageStatus(id), u"sent"_s, 10000);
    const QList<FakeWppConnect::Request> sends = m_fake.requests(u"send-message"_s);
    QCOMPARE(sends.size(), 1);
    QString digits = phone;
    digits.remove(u'+');
    QCOMPARE(sends.first().json.value(u"phone"_s).toString(), digits);
    QCOMPARE(sends.first().json.value(u"message"_s).toString(), text);
    QVERIFY(tokenValid(sends.first(), m_number.session));
    QCOMPARE(scalar(u"SELECT provider_message_id FROM messages WHERE id = ?"_s, {id}).toString(),
             sends.first().answeredId);
    // Stored as it was queued: the chat shows the menu.
    const QJsonObject shown = m_server.request("GET", u"/v1/messages/%1"_s.arg(id), {}, m_agent).object();
    QCOMPARE(shown.value(u"message_type"_s).toString(), u"interactive"_s);
    QCOMPARE(shown.value(u"interactive"_s).toObject(), menu);
}

void tst_WppConnect::sendOnClosedSessionRetries()
{
    // A session that is not running answers 404 Disconnected: transient, back to the queue.
    const Number n = createNumber();
    m_fake.setSessionState(n.session, u"CLOSED"_s);
    QString phone;
    const qint64 id =
        postMessage({{u"chat_id"_s, chat(n.id, &phone)}, {u"message_type"_s, u"text"_s}, {u"content"_s, u"later"_s}});
    QTRY_VERIFY_WITH_TIMEOUT(m_fake.requests(u"send-message"_s).size() >= 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(scalar(u"SELECT next_attempt_at FROM messages WHERE id = ?"_s, {id}).toLongLong() > 0,
                             5000);
    QCOMPARE(messageStatus(id), u"pending"_s);
    QCOMPARE(m_fake.requests(u"send-message"_s).first().status, 404);
    // Once connected, it goes.
    m_fake.setSessionState(n.session, u"CONNECTED"_s);
    SqlQuery q(m_server.db(), "UPDATE messages SET next_attempt_at = NULL WHERE id = ?", {id});
    QVERIFY(q.exec());
    QTRY_COMPARE_WITH_TIMEOUT(messageStatus(id), u"sent"_s, 10000);
}

void tst_WppConnect::revokedTokenIsRenewed()
{
    // A token from before a SECRET_KEY change answers 401: a new one is asked once, then the send.
    m_fake.setSessionState(m_number.session, u"CONNECTED"_s);
    m_fake.revokeTokens();
    QString phone;
    const qint64 id = postMessage({{u"chat_id"_s, chat(m_number.id, &phone)},
                                   {u"message_type"_s, u"text"_s},
                                   {u"content"_s, u"after a secret change"_s}});
    QTRY_COMPARE_WITH_TIMEOUT(messageStatus(id), u"sent"_s, 10000);
    const QList<FakeWppConnect::Request> sends = m_fake.requests(u"send-message"_s);
    QCOMPARE(sends.size(), 2);
    QCOMPARE(sends.at(0).status, 401);
    QCOMPARE(sends.at(1).status, 201);
    QCOMPARE(m_fake.requests(u"generate-token"_s).size(), 1);
    QVERIFY(tokenValid(sends.at(1), m_number.session));
}

void tst_WppConnect::wrongSecretKeyFails()
{
    // generate-token refuses the secret key (400): the message fails, nothing is sent.
    const Number n = createNumber();
    m_fake.setSessionState(n.session, u"CONNECTED"_s);
    const ApiResponse put = m_server.request("PUT", u"/v1/whatsapp-numbers/%1"_s.arg(n.id),
                                             {{u"wppconnect_api_key"_s, u"not-the-secret"_s}}, m_admin);
    QCOMPARE(put.status, 200);
    QString phone;
    const qint64 id = postMessage(
        {{u"chat_id"_s, chat(n.id, &phone)}, {u"message_type"_s, u"text"_s}, {u"content"_s, u"never sent"_s}});
    QTRY_COMPARE_WITH_TIMEOUT(messageStatus(id), u"failed"_s, 10000);
    QCOMPARE(scalar(u"SELECT error_code FROM messages WHERE id = ?"_s, {id}).toString(), u"unauthorized"_s);
    QCOMPARE(scalar(u"SELECT error_message FROM messages WHERE id = ?"_s, {id}).toString(),
             u"The SECRET_KEY is incorrect"_s);
    QCOMPARE(m_fake.requests(u"generate-token"_s).size(), 1);
    QCOMPARE(m_fake.requests(u"generate-token"_s).first().status, 400);
    QCOMPARE(m_fake.requests(u"send-message"_s).size(), 0);
}

void tst_WppConnect::webhookTokenChecked_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("otherNumber");
    QTest::addColumn<int>("status");
    QTest::addRow("right") << u"<own>"_s << false << 200;
    QTest::addRow("wrong") << u"not-the-token"_s << false << 401;
    QTest::addRow("empty") << u"<none>"_s << false << 401;
    QTest::addRow("unknown-number") << u"<own>"_s << true << 404;
    QTest::addRow("header") << u"header:<own>"_s << false << 200;
    QTest::addRow("wrong header, right query") << u"header:wrong+<own>"_s << false << 401;
}

void tst_WppConnect::webhookTokenChecked()
{
    QFETCH(QString, token);
    QFETCH(bool, otherNumber);
    QFETCH(int, status);
    Number n = m_number;
    if (otherNumber)
        n.id = 999999;
    const qint64 before = m_server.count(u"webhook_events"_s);
    const QByteArray body = sample(u"webhook-onpresencechanged.CONSTRUCTED.json"_s, m_number);
    ApiResponse r;
    if (token.startsWith(u"header:"_s)) {
        // X-Webhook-Token instead of ?token= (or beside it: the header decides).
        const bool wrong = token.contains(u"wrong"_s);
        r = m_server.requestRaw(
            "POST",
            u"/v1/webhooks/whatsapp/wppconnect/%1"_s.arg(n.id) +
                (wrong ? u"?token="_s + QString::fromLatin1(QUrl::toPercentEncoding(m_number.webhookToken)) : QString()),
            body, "application/json", {},
            {{"X-Webhook-Token", wrong ? QByteArray("not-the-token") : m_number.webhookToken.toUtf8()}});
    } else {
        const QString given =
            token == "<own>"_L1 ? m_number.webhookToken : token == "<none>"_L1 ? u"x"_s.left(0) : token;
        r = hook(n, body, given);
    }
    QCOMPARE(r.status, status);
    QCOMPARE(m_server.count(u"webhook_events"_s), before + (status == 200 ? 1 : 0));
    QCOMPARE(m_server.auditRows(u"webhook.wppconnect"_s).size(), 0);   // never audited
}

void tst_WppConnect::onmessageCreatesClientChatMessage()
{
    const QByteArray body = sample(u"webhook-onmessage-chat.json"_s, m_number);
    const ApiResponse r = hook(m_number, body);
    QCOMPARE(r.status, 200);
    const qint64 client = scalar(u"SELECT id FROM clients WHERE phone_number = '+5548900000001'"_s, {}).toLongLong();
    QVERIFY(client > 0);
    QCOMPARE(scalar(u"SELECT first_name FROM clients WHERE id = ?"_s, {client}).toString(), u"Test"_s);
    QCOMPARE(scalar(u"SELECT last_name FROM clients WHERE id = ?"_s, {client}).toString(), u"Customer"_s);
    const qint64 chatId =
        scalar(u"SELECT id FROM chats WHERE client_id = ? AND whatsapp_number_id = ?"_s, {client, m_number.id})
            .toLongLong();
    QVERIFY(chatId > 0);
    QCOMPARE(scalar(u"SELECT status FROM chats WHERE id = ?"_s, {chatId}).toString(), u"queued"_s);
    QCOMPARE(scalar(u"SELECT unread_count FROM chats WHERE id = ?"_s, {chatId}).toInt(), 1);
    const QString id = u"false_5548900000001@c.us_9C5C3ECFC0EE9FD6DAA911DC25097AD4"_s;
    QCOMPARE(scalar(u"SELECT content FROM messages WHERE provider_message_id = ?"_s, {id}).toString(),
             u"Eu quero ser um cliente Clube Cash Farma!"_s);
    QCOMPARE(scalar(u"SELECT message_type FROM messages WHERE provider_message_id = ?"_s, {id}).toString(), u"text"_s);
    QCOMPARE(scalar(u"SELECT created_at FROM messages WHERE provider_message_id = ?"_s, {id}).toLongLong(), 1701717487);

    // The same delivery again stores nothing.
    QCOMPARE(hook(m_number, body).status, 200);
    QCOMPARE(m_server.count(u"messages"_s, u"chat_id = %1 AND direction = 'inbound'"_s.arg(chatId)), 1);
    QCOMPARE(m_server.count(u"whatsapp_numbers"_s, u"id = %1 AND total_messages_received = 1"_s.arg(m_number.id)), 1);

    // Our own messages, groups and @lid senders are not clients' messages: kept for inspection.
    const qint64 events = m_server.count(u"webhook_events"_s);
    QCOMPARE(hook(m_number,
                  sample(u"webhook-onmessage-chat.json"_s, m_number,
                         {{u"id"_s, u"false_x@g.us_1"_s},
                          {u"from"_s, u"120363114877578141@g.us"_s},
                          {u"isGroupMsg"_s, true}}))
                 .status,
             200);
    QCOMPARE(m_server.count(u"webhook_events"_s), events + 1);
}

void tst_WppConnect::onmessageMediaStoredAsFile()
{
    const QByteArray png = pngBytes();
    const QString id = u"false_5548900000077@c.us_IMG0001"_s;
    const QByteArray body = sample(u"webhook-onmessage-chat.json"_s, m_number,
                                   {{u"id"_s, id},
                                    {u"from"_s, u"5548900000077@c.us"_s},
                                    {u"type"_s, u"image"_s},
                                    {u"mimetype"_s, u"image/jpeg"_s},   // what it claims; the content decides
                                    {u"caption"_s, u"mi planta"_s},
                                    {u"body"_s, QString::fromLatin1(png.toBase64())}});
    QCOMPARE(hook(m_number, body).status, 200);
    QCOMPARE(scalar(u"SELECT message_type FROM messages WHERE provider_message_id = ?"_s, {id}).toString(), u"image"_s);
    QCOMPARE(scalar(u"SELECT content FROM messages WHERE provider_message_id = ?"_s, {id}).toString(), u"mi planta"_s);
    const qint64 fileId =
        scalar(u"SELECT media_file_id FROM messages WHERE provider_message_id = ?"_s, {id}).toLongLong();
    QVERIFY(fileId > 0);
    QCOMPARE(scalar(u"SELECT mime_type FROM files WHERE id = ?"_s, {fileId}).toString(), u"image/png"_s);
    QCOMPARE(scalar(u"SELECT size_bytes FROM files WHERE id = ?"_s, {fileId}).toLongLong(), png.size());
    QFile stored(m_server.dataDir() + u'/' +
                 scalar(u"SELECT storage_path FROM files WHERE id = ?"_s, {fileId}).toString());
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.readAll(), png);

    // A duplicate delivery stores no second file.
    const qint64 files = m_server.count(u"files"_s);
    QCOMPARE(hook(m_number, body).status, 200);
    QCOMPARE(m_server.count(u"files"_s), files);
}

void tst_WppConnect::onackMovesForwardOnly()
{
    QString phone;
    const qint64 chatId = chat(m_number.id, &phone);
    const qint64 now = nowSeconds();
    const QString providerId = u"true_%1@c.us_3EB0ACK%2"_s.arg(phone.mid(1)).arg(++m_seq);
    const qint64 id = insertReturningId(m_server.db(),
                                        "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, "
                                        "content, status, provider_message_id, created_at, sent_at) "
                                        "VALUES (?, ?, 'outbound', 'text', 'hola', 'sent', ?, ?, ?) RETURNING id",
                                        {chatId, m_number.id, providerId, now, now});
    QVERIFY(id > 0);
    const auto ack = [&](int level) {
        QJsonObject o = QJsonDocument::fromJson(FakeWppConnect::sample(u"webhook-onack-minimal.json"_s)).object();
        o.insert(u"session"_s, m_number.session);
        o.insert(u"ack"_s, level);
        QJsonObject idObject = o.value(u"id"_s).toObject();
        idObject.insert(u"_serialized"_s, providerId);
        o.insert(u"id"_s, idObject);
        return hook(m_number, json(o)).status;
    };
    QCOMPARE(ack(2), 200);
    QCOMPARE(messageStatus(id), u"delivered"_s);
    QCOMPARE(ack(3), 200);
    QCOMPARE(messageStatus(id), u"read"_s);
    QVERIFY(scalar(u"SELECT read_at FROM messages WHERE id = ?"_s, {id}).toLongLong() > 0);
    QCOMPARE(ack(1), 200);   // late: never backwards
    QCOMPARE(messageStatus(id), u"read"_s);
    QCOMPARE(ack(-1), 200);
    QCOMPARE(messageStatus(id), u"read"_s);

    // An ack for a message we do not know is kept for inspection.
    const qint64 events = m_server.count(u"webhook_events"_s);
    QCOMPARE(hook(m_number, sample(u"webhook-onack.json"_s, m_number)).status, 200);
    QCOMPARE(m_server.count(u"webhook_events"_s), events + 1);
}

void tst_WppConnect::statusFindUpdatesConnection()
{
    const Number n = createNumber();
    QCOMPARE(hook(n, sample(u"webhook-status-find.json"_s, n)).status, 200);   // inChat
    QCOMPARE(connection(n.id), u"connected"_s);
    QVERIFY(scalar(u"SELECT last_connected_at FROM whatsapp_numbers WHERE id = ?"_s, {n.id}).toLongLong() > 0);
    QCOMPARE(m_server.count(u"whatsapp_number_connections"_s,
                            u"whatsapp_number_id = %1 AND status = 'connected' AND detail = 'inChat'"_s.arg(n.id)),
             1);
    QCOMPARE(hook(n, sample(u"webhook-status-find.json"_s, n, {{u"status"_s, u"qrReadFail"_s}})).status, 200);
    QCOMPARE(connection(n.id), u"error"_s);
    QCOMPARE(scalar(u"SELECT last_error FROM whatsapp_numbers WHERE id = ?"_s, {n.id}).toString(), u"qrReadFail"_s);
    QCOMPARE(hook(n, sample(u"webhook-status-find.json"_s, n, {{u"status"_s, u"disconnectedMobile"_s}})).status, 200);
    QCOMPARE(connection(n.id), u"disconnected"_s);
    QCOMPARE(m_server.count(u"whatsapp_number_connections"_s, u"whatsapp_number_id = %1"_s.arg(n.id)), 3);

    // The status route shows the history, newest first.
    const ApiResponse r = m_server.request("GET", u"/v1/whatsapp-numbers/%1/status"_s.arg(n.id), {}, m_admin);
    QCOMPARE(r.status, 200);
    const QJsonArray history = r.value(u"history"_s).toArray();
    QCOMPARE(history.size(), 3);
    QCOMPARE(history.at(0).toObject().value(u"detail"_s).toString(), u"disconnectedMobile"_s);
}

void tst_WppConnect::unknownEventsKept()
{
    const qint64 events = m_server.count(u"webhook_events"_s, u"provider = 'wppconnect'"_s);
    QCOMPARE(hook(m_number, sample(u"webhook-onpresencechanged.CONSTRUCTED.json"_s, m_number)).status, 200);
    QCOMPARE(hook(m_number, "not json at all").status, 200);
    QCOMPARE(hook(m_number, sample(u"webhook-status-find.json"_s, m_number, {{u"status"_s, u"somethingNew"_s}})).status,
             200);
    QCOMPARE(m_server.count(u"webhook_events"_s, u"provider = 'wppconnect'"_s), events + 3);
}

void tst_WppConnect::disconnectClosesSession()
{
    const Number n = createNumber();
    m_fake.setSessionState(n.session, u"CONNECTED"_s);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.request("POST", u"/v1/whatsapp-numbers/%1/disconnect"_s.arg(n.id), {}, m_admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"connection_status"_s).toString(), u"disconnected"_s);
    const QList<FakeWppConnect::Request> closes = m_fake.requests(u"close-session"_s);
    QCOMPARE(closes.size(), 1);
    QVERIFY(tokenValid(closes.first(), n.session));
    QCOMPARE(m_fake.sessionState(n.session), u"CLOSED"_s);
    QCOMPARE(m_server.count(u"whatsapp_number_connections"_s,
                            u"whatsapp_number_id = %1 AND status = 'disconnected'"_s.arg(n.id)),
             1);
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"whatsapp_number.disconnect"_s, mark);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().value(u"entity_id"_s).toInteger(), n.id);

    // WPPConnect down: the number shows the error.
    m_fake.failNext(u"close-session"_s, 500, R"({"status":false,"message":"Error closing session"})");
    const ApiResponse failed = m_server.request("POST", u"/v1/whatsapp-numbers/%1/disconnect"_s.arg(n.id), {}, m_admin);
    QCOMPARE(failed.status, 200);
    QCOMPARE(failed.value(u"connection_status"_s).toString(), u"error"_s);
    QVERIFY(failed.value(u"last_error"_s).toString().contains(u"Error closing session"_s));

    // Meta numbers are only marked.
    const qint64 now = nowSeconds();
    const qint64 meta = insertReturningId(m_server.db(),
                                          "INSERT INTO whatsapp_numbers (phone_number, provider, status, "
                                          "connection_status, created_at, updated_at) "
                                          "VALUES ('+573009990002', 'meta', 'active', 'connected', ?, ?) RETURNING id",
                                          {now, now});
    const ApiResponse m = m_server.request("POST", u"/v1/whatsapp-numbers/%1/disconnect"_s.arg(meta), {}, m_admin);
    QCOMPARE(m.status, 200);
    QCOMPARE(connection(meta), u"disconnected"_s);
    // Reconnecting a Meta number without its token is refused.
    const ApiResponse again = m_server.request("POST", u"/v1/whatsapp-numbers/%1/reconnect"_s.arg(meta), {}, m_admin);
    QCOMPARE(again.status, 422);
    QCOMPARE(again.errorFields(), QStringList{u"meta_access_token"_s});
}

void tst_WppConnect::statusShowsHealth()
{
    // GET …/status answers from the database: it asks WPPConnect nothing (the periodic health
    // check does, tst_number_health), and shows no health before the first check.
    m_fake.setSessionState(m_number.session, u"CONNECTED"_s);
    const ApiResponse r = m_server.request("GET", u"/v1/whatsapp-numbers/%1/status"_s.arg(m_number.id), {}, m_admin);
    QCOMPARE(r.status, 200);
    QVERIFY(r.object().contains(u"health"_s));
    QVERIFY(r.value(u"health"_s).isNull());
    QCOMPARE(m_fake.requests(u"status-session"_s).size(), 0);
    QVERIFY(r.object().contains(u"last_error"_s));
    QVERIFY(r.object().contains(u"last_connected_at"_s));
}

void tst_WppConnect::qrAndStatusPushedToAdmins()
{
    // number.qr and number.status reach the sockets of those who manage numbers, and nobody else's.
    const Number n = createNumber();
    const std::unique_ptr<Listener> admin = listen(m_admin);
    const std::unique_ptr<Listener> supervisor = listen(m_server.tokenFor(u"supervisor"_s));
    const std::unique_ptr<Listener> agent = listen(m_agent);

    // A QR by webhook: both events.
    const QByteArray png = pngBytes();
    QCOMPARE(hook(n,
                  sample(u"webhook-qrcode.CONSTRUCTED.json"_s, n, {{u"qrcode"_s, QString::fromLatin1(png.toBase64())}}))
                 .status,
             200);
    QTRY_COMPARE_WITH_TIMEOUT(admin->count(u"number.qr"_s), 1, 5000);
    const QJsonObject qr = admin->last(u"number.qr"_s);
    QCOMPARE(qr.value(u"number_id"_s).toInteger(), n.id);
    QCOMPARE(qr.value(u"qr_code"_s).toString(), u"data:image/png;base64,"_s + QString::fromLatin1(png.toBase64()));
    QVERIFY(!qr.value(u"expires_at"_s).toString().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(admin->last(u"number.status"_s).value(u"connection_status"_s).toString(), u"qr_pending"_s,
                              5000);

    // The phone pairs (status-find inChat): number.status connected.
    QCOMPARE(hook(n, sample(u"webhook-status-find.json"_s, n)).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(admin->last(u"number.status"_s).value(u"connection_status"_s).toString(), u"connected"_s,
                              5000);
    const QJsonObject status = admin->last(u"number.status"_s);
    QCOMPARE(status.value(u"number_id"_s).toInteger(), n.id);
    QCOMPARE(status.value(u"status"_s).toString(), u"pending"_s);
    QCOMPARE(status.value(u"detail"_s).toString(), u"inChat"_s);
    QVERIFY(!status.value(u"last_connected_at"_s).toString().isEmpty());
    QVERIFY(status.contains(u"last_error"_s));

    // A user's disconnect is pushed too.
    m_fake.setSessionState(n.session, u"CONNECTED"_s);
    QCOMPARE(m_server.request("POST", u"/v1/whatsapp-numbers/%1/disconnect"_s.arg(n.id), {}, m_admin).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(admin->last(u"number.status"_s).value(u"connection_status"_s).toString(),
                              u"disconnected"_s, 5000);

    // Nothing reached the others, whose sockets are still up.
    QTest::qWait(200);
    for (const Listener *other : {supervisor.get(), agent.get()}) {
        QCOMPARE(other->count(u"number.qr"_s), 0);
        QCOMPARE(other->count(u"number.status"_s), 0);
        QVERIFY(other->client.state() == Conversa::SocketIoClient::State::Connected);
    }
}

void tst_WppConnect::connectionRoutesPermissions_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("route");
    QTest::addColumn<QString>("who");
    QTest::addColumn<bool>("unknownId");
    QTest::addColumn<int>("status");
    for (const auto &[method, route] : {std::pair<QByteArray, QString>{"GET", u"status"_s},
                                        {"GET", u"qr"_s},
                                        {"POST", u"disconnect"_s},
                                        {"POST", u"reconnect"_s}}) {
        QTest::addRow("%s-no-token", qPrintable(route)) << method << route << u"none"_s << false << 401;
        QTest::addRow("%s-unknown", qPrintable(route)) << method << route << u"admin"_s << true << 404;
        QTest::addRow("%s-agent", qPrintable(route)) << method << route << u"agent"_s << false << 403;
    }
}

void tst_WppConnect::connectionRoutesPermissions()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, route);
    QFETCH(QString, who);
    QFETCH(bool, unknownId);
    QFETCH(int, status);
    const QByteArray token = who == "admin"_L1 ? m_admin : who == "agent"_L1 ? m_agent : QByteArray();
    const qint64 id = unknownId ? 999999 : m_number.id;
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.request(method, u"/v1/whatsapp-numbers/%1/%2"_s.arg(id).arg(route), {}, token);
    QCOMPARE(r.status, status);
    if (status == 403) {
        const QList<QJsonObject> audit = m_server.auditRowsSince(u"whatsapp_number.%1"_s.arg(route), mark);
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.first().value(u"success"_s).toBool(), false);
        QCOMPARE(audit.first().value(u"status_code"_s).toInt(), 403);
    }
    QCOMPARE(m_fake.requests().size(), 0);
}

QTEST_MAIN(tst_WppConnect)
#include "tst_wppconnect.moc"
