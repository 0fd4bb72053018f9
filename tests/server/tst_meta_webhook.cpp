// Meta Cloud API inbound (issue 4, docs/ROUTING.md, docs/PROVIDERS.md, the OpenAPI document): the verification GET, signed
// notification POSTs carrying Meta's documented sample payloads (tests/data/meta, see its
// README), the inbound pipeline (client, chat, message, greeting),
// status updates in and out of order, what is kept in webhook_events, and the 24-hour window —
// over real HTTP, against SQLite and PostgreSQL.
#include "TestServer.h"

#include "crypto/WebhookSignature.h"
#include "store/Database.h"
#include "store/SearchText.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

const QString kMetaIdA = u"106540352242922"_s;   // the samples' phone_number_id
const QByteArray kSecretA = "secret-A-0123456789";
const QByteArray kGlobalSecret = "global-app-secret";

QByteArray sample(const QString &name)
{
    QFile f(QStringLiteral(CONVERSA_META_SAMPLES) + u'/' + name);
    if (!f.open(QIODevice::ReadOnly)) {
        qWarning("missing sample %s", qPrintable(name));
        return {};
    }
    return f.readAll();
}

QByteArray signatureOf(const QByteArray &body, const QByteArray &secret)
{
    return "sha256=" + WebhookSignature::hmacSha256Hex(secret, body);
}

// A Meta envelope with one inbound message from `from` (digits, no "+") named `name`.
QByteArray envelope(const QString &phoneNumberId, const QString &from, const QString &name, const QJsonObject &message)
{
    QJsonObject msg = message;
    msg.insert(u"from"_s, from);
    const QJsonObject value{
        {u"messaging_product"_s, u"whatsapp"_s},
        {u"metadata"_s,
         QJsonObject{{u"display_phone_number"_s, u"15550783881"_s}, {u"phone_number_id"_s, phoneNumberId}}},
        {u"contacts"_s, QJsonArray{QJsonObject{{u"profile"_s, QJsonObject{{u"name"_s, name}}}, {u"wa_id"_s, from}}}},
        {u"messages"_s, QJsonArray{msg}}};
    const QJsonObject root{{u"object"_s, u"whatsapp_business_account"_s},
                           {u"entry"_s,
                            QJsonArray{QJsonObject{{u"id"_s, u"102290129340398"_s},
                                                   {u"changes"_s,
                                                    QJsonArray{QJsonObject{{u"value"_s, value},
                                                                           {u"field"_s, u"messages"_s}}}}}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QJsonObject textMessage(const QString &wamid, qint64 at, const QString &text)
{
    return {{u"id"_s, wamid},
            {u"timestamp"_s, QString::number(at)},
            {u"type"_s, u"text"_s},
            {u"text"_s, QJsonObject{{u"body"_s, text}}}};
}

// A status envelope for `wamid`.
QByteArray statusEnvelope(const QString &phoneNumberId, const QString &wamid, const QString &status, qint64 at)
{
    const QJsonObject s{{u"id"_s, wamid},
                        {u"status"_s, status},
                        {u"timestamp"_s, QString::number(at)},
                        {u"recipient_id"_s, u"16505551234"_s}};
    const QJsonObject value{{u"messaging_product"_s, u"whatsapp"_s},
                            {u"metadata"_s,
                             QJsonObject{{u"display_phone_number"_s, u"15550783881"_s},
                                         {u"phone_number_id"_s, phoneNumberId}}},
                            {u"statuses"_s, QJsonArray{s}}};
    const QJsonObject root{{u"object"_s, u"whatsapp_business_account"_s},
                           {u"entry"_s,
                            QJsonArray{QJsonObject{{u"id"_s, u"1"_s},
                                                   {u"changes"_s,
                                                    QJsonArray{QJsonObject{{u"value"_s, value},
                                                                           {u"field"_s, u"messages"_s}}}}}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QString isoOf(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

}   // namespace

class tst_MetaWebhook : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void signatureVectors();
    void verification_data();
    void verification();
    void signatureRequired_data();
    void signatureRequired();
    void globalAppSecret();
    void textCreatesClientAndChat();
    void duplicateDelivery();
    void messageTypes_data();
    void messageTypes();
    void quotedReply();
    void existingClientReused();
    void closedChatOpensNew();
    void offlineMessage();
    void noCampaign();
    void statusesInAndOutOfOrder();
    void failedStatus();
    void notUnderstoodKept_data();
    void notUnderstoodKept();
    void window();
    void noAuditRows();

private:
    qint64 createNumber(const QString &phone, const QString &metaId, const QString &appSecret,
                        const QString &verifyToken)
    {
        QJsonObject body{{u"phone_number"_s, phone},
                         {u"display_name"_s, u"Prueba"_s},
                         {u"provider"_s, u"meta"_s},
                         {u"meta_phone_number_id"_s, metaId},
                         {u"meta_access_token"_s, u"EAAB-token"_s}};
        if (!appSecret.isEmpty())
            body.insert(u"meta_app_secret"_s, appSecret);
        if (!verifyToken.isEmpty())
            body.insert(u"webhook_verify_token"_s, verifyToken);
        const ApiResponse r = m_server.request("POST", u"/v1/whatsapp-numbers"_s, body, m_admin);
        if (r.status != 201)
            qWarning("number create failed: %d %s", r.status, r.body.constData());
        return r.value(u"id"_s).toInteger();
    }
    qint64 createCampaign(const QString &code, qint64 numberId, const QVariant &businessHours, const QString &welcome,
                          const QString &offline)
    {
        const qint64 now = nowSeconds();
        SqlQuery q(m_server.db(),
                   "INSERT INTO campaigns (name, code, business_hours, timezone, welcome_message, offline_message, "
                   "created_at, updated_at) VALUES (?, ?, ?, 'America/Bogota', ?, ?, ?, ?) RETURNING id",
                   {code, code, businessHours, nullIfEmpty(welcome), nullIfEmpty(offline), now, now});
        if (!q.exec() || !q.next())
            return 0;
        const qint64 id = q.integer(0);
        SqlQuery
            link(m_server.db(),
                 "INSERT INTO campaign_numbers (campaign_id, number_id, is_primary, created_at) VALUES (?, ?, TRUE, ?)",
                 {id, numberId, now});
        return link.exec() ? id : 0;
    }
    ApiResponse post(qint64 numberId, const QByteArray &body, const QByteArray &secret = kSecretA)
    {
        return m_server.requestRaw("POST", u"/v1/webhooks/whatsapp/meta/%1"_s.arg(numberId), body, "application/json",
                                   {}, {{"X-Hub-Signature-256", signatureOf(body, secret)}});
    }
    QVariant scalar(const QString &sql, const QVariantList &values = {})
    {
        SqlQuery q(m_server.db(), sql, values);
        if (!q.exec() || !q.next())
            return {};
        return q.value(0);
    }
    qint64 integer(const QString &sql, const QVariantList &values = {}) { return scalar(sql, values).toLongLong(); }
    qint64 messageByWamid(const QString &wamid)
    {
        return integer(u"SELECT id FROM messages WHERE provider_message_id = ?"_s, {wamid});
    }
    qint64 outbound(qint64 numberId, const QString &wamid, const QString &status)
    {
        const qint64 now = nowSeconds();
        const QString phone = u"+57312%1"_s.arg(++m_seq, 7, 10, QChar(u'0'));
        const qint64 client = integer(u"INSERT INTO clients (phone_number, search_text, created_at, updated_at) "
                                      "VALUES (?, ?, ?, ?) RETURNING id"_s,
                                      {phone, SearchText::of({phone}), now, now});
        const qint64 campaign = integer(u"SELECT campaign_id FROM campaign_numbers WHERE number_id = ?"_s, {numberId});
        const qint64 chat =
            integer(u"INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, status, created_at, "
                    "last_activity_at) VALUES (?, ?, ?, 'active', ?, ?) RETURNING id"_s,
                    {client, campaign, numberId, now, now});
        return integer(
            u"INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, status, "
            "provider_message_id, created_at, sent_at) VALUES (?, ?, 'outbound', 'text', 'hola', ?, ?, ?, ?) "
            "RETURNING id"_s,
            {chat, numberId, status, wamid, now, nullIfZero(status == "pending"_L1 ? 0 : 1000)});
    }
    QJsonObject chatJson(qint64 id) { return m_server.request("GET", u"/v1/chats/%1"_s.arg(id), {}, m_admin).object(); }

    TestServer m_server;
    QByteArray m_admin;
    qint64 m_adminId = 0;
    qint64 m_numberA = 0;
    qint64 m_campaignA = 0;
    qint64 m_numberClosed = 0;
    qint64 m_numberNoCampaign = 0;
    qint64 m_numberGlobal = 0;
    qint64 m_numberStatus = 0;
    qint64 m_numberWpp = 0;
    qint64 m_numberDeleted = 0;
    int m_seq = 0;
};

void tst_MetaWebhook::initTestCase()
{
    QVERIFY(m_server.start({{u"CONVERSA_META_APP_SECRET"_s, QString::fromLatin1(kGlobalSecret)}}));
    m_admin = m_server.tokenFor(u"admin"_s, &m_adminId);
    QVERIFY(!m_admin.isEmpty());
    m_numberA = createNumber(u"+573001000001"_s, kMetaIdA, QString::fromLatin1(kSecretA), u"verify-A"_s);
    m_numberClosed =
        createNumber(u"+573001000002"_s, u"200000000000002"_s, QString::fromLatin1(kSecretA), u"verify-C"_s);
    m_numberNoCampaign = createNumber(u"+573001000003"_s, u"200000000000003"_s, QString::fromLatin1(kSecretA), {});
    m_numberGlobal = createNumber(u"+573001000004"_s, u"200000000000004"_s, {}, {});
    m_numberStatus = createNumber(u"+573001000005"_s, kMetaIdA + u"5"_s, QString::fromLatin1(kSecretA), {});
    m_numberDeleted =
        createNumber(u"+573001000006"_s, u"200000000000006"_s, QString::fromLatin1(kSecretA), u"verify-D"_s);
    QVERIFY(m_numberA && m_numberClosed && m_numberNoCampaign && m_numberGlobal && m_numberStatus && m_numberDeleted);
    QCOMPARE(m_server.request("DELETE", u"/v1/whatsapp-numbers/%1"_s.arg(m_numberDeleted), {}, m_admin).status / 100,
             2);
    const qint64 now = nowSeconds();
    m_numberWpp = integer(u"INSERT INTO whatsapp_numbers (phone_number, provider, created_at, updated_at) "
                          "VALUES ('+573001000007', 'wppconnect', ?, ?) RETURNING id"_s,
                          {now, now});
    QVERIFY(m_numberWpp);

    m_campaignA = createCampaign(u"VENTAS"_s, m_numberA, QVariant(), u"¡Hola! Un agente te atenderá pronto."_s,
                                 u"Estamos cerrados"_s);
    const QString closedWeek =
        uR"({"monday":null,"tuesday":null,"wednesday":null,"thursday":null,"friday":null,"saturday":null,"sunday":null})"_s;
    QVERIFY(m_campaignA);
    QVERIFY(createCampaign(u"NOCHE"_s, m_numberClosed, closedWeek, u"Bienvenido"_s,
                           u"Nuestro horario terminó; te respondemos mañana."_s));
    QVERIFY(createCampaign(u"GLOBAL"_s, m_numberGlobal, QVariant(), {}, {}));
    QVERIFY(createCampaign(u"ESTADOS"_s, m_numberStatus, QVariant(), {}, {}));
    QVERIFY(createCampaign(u"WPP"_s, m_numberWpp, QVariant(), {}, {}));
}

void tst_MetaWebhook::signatureVectors()
{
    const QJsonArray vectors = QJsonDocument::fromJson(sample(u"signature-test-vectors.json"_s)).array();
    QVERIFY(vectors.size() >= 4);
    // Vector #1 is Meta's own SDK test.
    const QJsonObject first = vectors.first().toObject();
    QCOMPARE(WebhookSignature::hmacSha256Hex("TEST_APP_SECRET", "test"),
             QByteArray("0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221"));
    QCOMPARE(QByteArray("sha256=" +
                        WebhookSignature::hmacSha256Hex(first.value(u"app_secret"_s).toString().toUtf8(),
                                                        first.value(u"raw_body_utf8"_s).toString().toUtf8())),
             first.value(u"x_hub_signature_256"_s).toString().toUtf8());
    for (const QJsonValue &v : vectors) {
        const QJsonObject o = v.toObject();
        const bool valid = o.value(u"expected_valid"_s).toBool(true);
        QCOMPARE(WebhookSignature::verifyMeta(o.value(u"x_hub_signature_256"_s).toString().toUtf8(),
                                              o.value(u"raw_body_utf8"_s).toString().toUtf8(),
                                              o.value(u"app_secret"_s).toString().toUtf8()),
                 valid);
    }
    // Upper-case hex is the same signature; no prefix, a wrong secret or no secret is not.
    const QByteArray hex = WebhookSignature::hmacSha256Hex("k", "body");
    QVERIFY(WebhookSignature::verifyMeta(QByteArray("sha256=" + hex.toUpper()), "body", "k"));
    QVERIFY(!WebhookSignature::verifyMeta(hex, "body", "k"));
    QVERIFY(!WebhookSignature::verifyMeta(QByteArray("sha256=" + hex), "body", "other"));
    QVERIFY(!WebhookSignature::verifyMeta(QByteArray("sha256=" + hex), "body", ""));
    QVERIFY(!WebhookSignature::verifyMeta(QByteArray("sha256=" + hex.left(63)), "body", "k"));
}

void tst_MetaWebhook::verification_data()
{
    QTest::addColumn<QString>("number");   // which fixture
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");

    QTest::addRow("ok") << u"A"_s << u"hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-A"_s << 200;
    QTest::addRow("ok-opaque-challenge")
        << u"A"_s << u"hub.mode=subscribe&hub.challenge=abc%20XYZ-%C3%B1&hub.verify_token=verify-A"_s << 200;
    QTest::addRow("wrong-token") << u"A"_s << u"hub.mode=subscribe&hub.challenge=1&hub.verify_token=verify-B"_s << 403;
    QTest::addRow("token-prefix") << u"A"_s << u"hub.mode=subscribe&hub.challenge=1&hub.verify_token=verify"_s << 403;
    QTest::addRow("no-token") << u"A"_s << u"hub.mode=subscribe&hub.challenge=1"_s << 403;
    QTest::addRow("wrong-mode") << u"A"_s << u"hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=verify-A"_s << 403;
    QTest::addRow("number-without-token") << u"N"_s << u"hub.mode=subscribe&hub.challenge=1&hub.verify_token="_s << 403;
    QTest::addRow("unknown-number") << u"999999"_s << u"hub.mode=subscribe&hub.challenge=1&hub.verify_token=verify-A"_s
                                    << 404;
    QTest::addRow("deleted-number") << u"D"_s << u"hub.mode=subscribe&hub.challenge=1&hub.verify_token=verify-D"_s
                                    << 404;
    QTest::addRow("wppconnect-number") << u"W"_s << u"hub.mode=subscribe&hub.challenge=1&hub.verify_token=x"_s << 404;
    QTest::addRow("not-a-number") << u"abc"_s << u"hub.mode=subscribe&hub.challenge=1&hub.verify_token=verify-A"_s
                                  << 404;
}

void tst_MetaWebhook::verification()
{
    QFETCH(QString, number);
    QFETCH(QString, query);
    QFETCH(int, status);
    const QHash<QString, qint64> ids{{u"A"_s, m_numberA},
                                     {u"N"_s, m_numberNoCampaign},
                                     {u"D"_s, m_numberDeleted},
                                     {u"W"_s, m_numberWpp}};
    const QString id = ids.contains(number) ? QString::number(ids.value(number)) : number;
    const ApiResponse r = m_server.request("GET", u"/v1/webhooks/whatsapp/meta/%1?%2"_s.arg(id, query));
    QCOMPARE(r.status, status);
    if (status == 200) {
        QVERIFY(r.header("content-type").startsWith("text/plain"));
        QCOMPARE(QString::fromUtf8(r.body), QUrlQuery(query).queryItemValue(u"hub.challenge"_s, QUrl::FullyDecoded));
    } else {
        QCOMPARE(r.errorCode(), status == 403 ? QByteArray("FORBIDDEN") : QByteArray("NOT_FOUND"));
    }
}

void tst_MetaWebhook::signatureRequired_data()
{
    QTest::addColumn<QByteArray>("header");   // "-" = no header
    QTest::addColumn<int>("status");

    const QByteArray body = sample(u"webhook-text.json"_s);
    QTest::addRow("missing") << QByteArray("-") << 401;
    QTest::addRow("empty") << QByteArray() << 401;
    QTest::addRow("other-secret") << signatureOf(body, "not-the-secret") << 401;
    QTest::addRow("global-secret-not-used-when-number-has-one") << signatureOf(body, kGlobalSecret) << 401;
    QTest::addRow("sha1-style") << QByteArray("sha1=" + WebhookSignature::hmacSha256Hex(kSecretA, body)) << 401;
    QTest::addRow("bare-hex") << WebhookSignature::hmacSha256Hex(kSecretA, body) << 401;
    QTest::addRow("signature-of-other-body") << signatureOf(QByteArray(body + " "), kSecretA) << 401;
}

void tst_MetaWebhook::signatureRequired()
{
    QFETCH(QByteArray, header);
    QFETCH(int, status);
    const QByteArray body = sample(u"webhook-text.json"_s);
    const qint64 messages = m_server.count(u"messages"_s);
    const qint64 clients = m_server.count(u"clients"_s);
    const qint64 events = m_server.count(u"webhook_events"_s);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (header != "-")
        headers.append({"X-Hub-Signature-256", header});
    const ApiResponse r = m_server.requestRaw("POST", u"/v1/webhooks/whatsapp/meta/%1"_s.arg(m_numberA), body,
                                              "application/json", {}, headers);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), QByteArray("UNAUTHENTICATED"));
    QCOMPARE(r.value(u"error"_s).toObject().value(u"message"_s).toString(),
             u"La firma del webhook falta o no es válida"_s);
    QCOMPARE(m_server.count(u"messages"_s), messages);
    QCOMPARE(m_server.count(u"clients"_s), clients);
    QCOMPARE(m_server.count(u"webhook_events"_s), events);
    // A bearer token changes nothing: the signature is what counts.
    headers.append({"Authorization", "Bearer " + m_admin});
    QCOMPARE(m_server
                 .requestRaw("POST", u"/v1/webhooks/whatsapp/meta/%1"_s.arg(m_numberA), body, "application/json", {},
                             headers)
                 .status,
             401);
}

void tst_MetaWebhook::globalAppSecret()
{
    // A number without its own app secret is checked with CONVERSA_META_APP_SECRET.
    const qint64 now = nowSeconds();
    const QByteArray body = envelope(u"200000000000004"_s, u"573109990001"_s, u"Global Sender"_s,
                                     textMessage(u"wamid.global-1"_s, now, u"hola"_s));
    QCOMPARE(post(m_numberGlobal, body, kSecretA).status, 401);
    QCOMPARE(messageByWamid(u"wamid.global-1"_s), 0);
    QCOMPARE(post(m_numberGlobal, body, kGlobalSecret).status, 200);
    QVERIFY(messageByWamid(u"wamid.global-1"_s) > 0);
    // Unknown number: 404 before anything else.
    QCOMPARE(post(999999, body, kGlobalSecret).status, 404);
}

void tst_MetaWebhook::textCreatesClientAndChat()
{
    const QByteArray body = sample(u"webhook-text.json"_s);
    const ApiResponse r = post(m_numberA, body);
    QCOMPARE(r.status, 200);

    // The client, named from the profile, with the search text ClientStore would write.
    const qint64 client =
        integer(u"SELECT id FROM clients WHERE phone_number = '+16505551234' AND deleted_at IS NULL"_s);
    QVERIFY(client > 0);
    QCOMPARE(scalar(u"SELECT first_name FROM clients WHERE id = ?"_s, {client}).toString(), u"Sheena"_s);
    QCOMPARE(scalar(u"SELECT last_name FROM clients WHERE id = ?"_s, {client}).toString(), u"Nelson"_s);
    QCOMPARE(scalar(u"SELECT search_text FROM clients WHERE id = ?"_s, {client}).toString(),
             SearchText::of({u"Sheena"_s, u"Nelson"_s, u"+16505551234"_s, QString(), QString()}));
    QCOMPARE(integer(u"SELECT last_contact_at FROM clients WHERE id = ?"_s, {client}), 1749416383);

    // One queued chat on the primary campaign, with its 'created' event.
    const qint64 chat =
        integer(u"SELECT id FROM chats WHERE client_id = ? AND whatsapp_number_id = ?"_s, {client, m_numberA});
    QVERIFY(chat > 0);
    QCOMPARE(m_server.count(u"chat_events"_s,
                            u"chat_id = %1 AND event = 'created' AND to_status = 'queued'"_s.arg(chat)),
             1);

    // The message, and the welcome message pending for the outbound worker.
    const qint64 id = messageByWamid(u"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA="_s);
    QVERIFY(id > 0);
    const QJsonObject m = m_server.request("GET", u"/v1/messages/%1"_s.arg(id), {}, m_admin).object();
    QCOMPARE(m.value(u"chat_id"_s).toInteger(), chat);
    QCOMPARE(m.value(u"direction"_s).toString(), u"inbound"_s);
    QCOMPARE(m.value(u"message_type"_s).toString(), u"text"_s);
    QCOMPARE(m.value(u"content"_s).toString(), u"Does it come in another color?"_s);
    QCOMPARE(m.value(u"status"_s).toString(), u"delivered"_s);
    QCOMPARE(m.value(u"created_at"_s).toString(), isoOf(1749416383));
    QVERIFY(m.value(u"user"_s).isNull());
    QCOMPARE(m_server.count(u"messages"_s,
                            u"chat_id = %1 AND direction = 'outbound' AND status = 'pending' AND "
                            "is_bot_message = TRUE AND user_id IS NULL AND content = '¡Hola! Un agente "
                            "te atenderá pronto.'"_s.arg(chat)),
             1);

    const QJsonObject c = chatJson(chat);
    QCOMPARE(c.value(u"status"_s).toString(), u"queued"_s);
    QCOMPARE(c.value(u"campaign"_s).toObject().value(u"id"_s).toInteger(), m_campaignA);
    QCOMPARE(c.value(u"message_count"_s).toInteger(), 2);
    QCOMPARE(c.value(u"unread_count"_s).toInteger(), 1);
    QVERIFY(!c.value(u"queued_at"_s).isNull());
    QCOMPARE(integer(u"SELECT last_inbound_at FROM chats WHERE id = ?"_s, {chat}), 1749416383);
    // Meta's timestamp is long past: the window is closed, and says until when it was open.
    const QJsonObject window = c.value(u"whatsapp_window"_s).toObject();
    QCOMPARE(window.value(u"open"_s).toBool(), false);
    QCOMPARE(window.value(u"expires_at"_s).toString(), isoOf(1749416383 + 86400));
    QCOMPARE(integer(u"SELECT total_messages_received FROM whatsapp_numbers WHERE id = ?"_s, {m_numberA}), 1);
}

void tst_MetaWebhook::duplicateDelivery()
{
    // Meta delivers at least once: the same wamid again stores nothing and counts nothing.
    const QString wamid = u"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA="_s;
    QVERIFY(messageByWamid(wamid) > 0);
    const qint64 chat = integer(u"SELECT chat_id FROM messages WHERE provider_message_id = ?"_s, {wamid});
    const qint64 received =
        integer(u"SELECT total_messages_received FROM whatsapp_numbers WHERE id = ?"_s, {m_numberA});
    const qint64 count = integer(u"SELECT message_count FROM chats WHERE id = ?"_s, {chat});
    const qint64 messages = m_server.count(u"messages"_s);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(post(m_numberA, sample(u"webhook-text.json"_s)).status, 200);
    QCOMPARE(m_server.count(u"messages"_s, u"provider_message_id = '%1'"_s.arg(wamid)), 1);
    QCOMPARE(m_server.count(u"messages"_s), messages);
    QCOMPARE(integer(u"SELECT message_count FROM chats WHERE id = ?"_s, {chat}), count);
    QCOMPARE(integer(u"SELECT unread_count FROM chats WHERE id = ?"_s, {chat}), 1);
    QCOMPARE(integer(u"SELECT total_messages_received FROM whatsapp_numbers WHERE id = ?"_s, {m_numberA}), received);

    // Two copies in one delivery (two entries) store one message.
    const qint64 now = nowSeconds();
    QJsonObject doc = QJsonDocument::fromJson(envelope(kMetaIdA, u"16505551234"_s, u"Sheena Nelson"_s,
                                                       textMessage(u"wamid.twice"_s, now, u"dos veces"_s)))
                          .object();
    QJsonArray entries = doc.value(u"entry"_s).toArray();
    entries.append(entries.first());
    doc.insert(u"entry"_s, entries);
    QCOMPARE(post(m_numberA, QJsonDocument(doc).toJson(QJsonDocument::Compact)).status, 200);
    QCOMPARE(m_server.count(u"messages"_s, u"provider_message_id = 'wamid.twice'"_s), 1);
    QCOMPARE(integer(u"SELECT total_messages_received FROM whatsapp_numbers WHERE id = ?"_s, {m_numberA}),
             received + 1);
}

void tst_MetaWebhook::messageTypes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("wamid");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("mediaId");
    QTest::addColumn<QString>("mime");

    // Meta's samples, each given its own wamid (the image sample reuses the text sample's).
    const auto fromSample = [](const QString &file, const QString &wamid) {
        QByteArray body = sample(file);
        const QJsonObject doc = QJsonDocument::fromJson(body).object();
        const QString original = doc.value(u"entry"_s)
                                     .toArray()
                                     .first()
                                     .toObject()
                                     .value(u"changes"_s)
                                     .toArray()
                                     .first()
                                     .toObject()
                                     .value(u"value"_s)
                                     .toObject()
                                     .value(u"messages"_s)
                                     .toArray()
                                     .first()
                                     .toObject()
                                     .value(u"id"_s)
                                     .toString();
        return body.replace(original.toUtf8(), wamid.toUtf8());
    };
    QTest::addRow("image") << fromSample(u"webhook-image.json"_s, u"wamid.t-image"_s) << u"wamid.t-image"_s
                           << u"image"_s << u"Taj Mahal"_s << u"1003383421387256"_s << u"image/jpeg"_s;
    QTest::addRow("button-reply") << fromSample(u"webhook-interactive-button-reply.json"_s, u"wamid.t-button-reply"_s)
                                  << u"wamid.t-button-reply"_s << u"interactive"_s << u"Change"_s << QString()
                                  << QString();
    QTest::addRow("list-reply") << fromSample(u"webhook-interactive-list-reply.json"_s, u"wamid.t-list-reply"_s)
                                << u"wamid.t-list-reply"_s << u"interactive"_s << u"Priority Mail Express"_s
                                << QString() << QString();
    QTest::addRow("location") << fromSample(u"webhook-location.json"_s, u"wamid.t-location"_s) << u"wamid.t-location"_s
                              << u"location"_s
                              << u"37.44221496582,-122.16165924072 Philz Coffee, 101 Forest Ave, Palo Alto, CA 94301"_s
                              << QString() << QString();

    // The other types, in the shapes of Meta's reference pages.
    const qint64 now = nowSeconds();
    const auto make = [now](const QString &wamid, const QString &type, const QJsonObject &payload,
                            const QString &key = QString()) {
        QJsonObject m{{u"id"_s, wamid}, {u"timestamp"_s, QString::number(now)}, {u"type"_s, type}};
        m.insert(key.isEmpty() ? type : key, payload);
        return envelope(kMetaIdA, u"16505551234"_s, u"Sheena Nelson"_s, m);
    };
    QTest::addRow("document") << make(u"wamid.t-doc"_s, u"document"_s,
                                      {{u"filename"_s, u"factura.pdf"_s},
                                       {u"mime_type"_s, u"application/pdf"_s},
                                       {u"sha256"_s, u"abc="_s},
                                       {u"id"_s, u"2001"_s}})
                              << u"wamid.t-doc"_s << u"document"_s << u"factura.pdf"_s << u"2001"_s
                              << u"application/pdf"_s;
    QTest::addRow("audio-voice") << make(u"wamid.t-audio"_s, u"audio"_s,
                                         {{u"mime_type"_s, u"audio/ogg; codecs=opus"_s},
                                          {u"sha256"_s, u"x"_s},
                                          {u"id"_s, u"2002"_s},
                                          {u"voice"_s, true}})
                                 << u"wamid.t-audio"_s << u"audio"_s << QString() << u"2002"_s
                                 << u"audio/ogg; codecs=opus"_s;
    QTest::addRow("video") << make(u"wamid.t-video"_s, u"video"_s,
                                   {{u"caption"_s, u"Mira esto"_s},
                                    {u"mime_type"_s, u"video/mp4"_s},
                                    {u"id"_s, u"2003"_s}})
                           << u"wamid.t-video"_s << u"video"_s << u"Mira esto"_s << u"2003"_s << u"video/mp4"_s;
    QTest::addRow("sticker") << make(u"wamid.t-sticker"_s, u"sticker"_s,
                                     {{u"mime_type"_s, u"image/webp"_s}, {u"id"_s, u"2004"_s}, {u"animated"_s, false}})
                             << u"wamid.t-sticker"_s << u"sticker"_s << QString() << u"2004"_s << u"image/webp"_s;
    QJsonObject contactsMessage{
        {u"id"_s, u"wamid.t-contacts"_s},
        {u"timestamp"_s, QString::number(now)},
        {u"type"_s, u"contacts"_s},
        {u"contacts"_s,
         QJsonArray{QJsonObject{
             {u"name"_s, QJsonObject{{u"formatted_name"_s, u"María Pérez"_s}, {u"first_name"_s, u"María"_s}}},
             {u"phones"_s, QJsonArray{QJsonObject{{u"phone"_s, u"+57 300 123 4567"_s}, {u"type"_s, u"CELL"_s}}}}}}}};
    QTest::addRow("contacts") << envelope(kMetaIdA, u"16505551234"_s, u"Sheena Nelson"_s, contactsMessage)
                              << u"wamid.t-contacts"_s << u"contact"_s << u"María Pérez +57 300 123 4567"_s << QString()
                              << QString();
    QJsonObject button{{u"id"_s, u"wamid.t-template-button"_s},
                       {u"timestamp"_s, QString::number(now)},
                       {u"type"_s, u"button"_s},
                       {u"context"_s, QJsonObject{{u"id"_s, u"wamid.THE_TEMPLATE_WE_SENT"_s}}},
                       {u"button"_s,
                        QJsonObject{{u"payload"_s, u"Unsubscribe"_s}, {u"text"_s, u"Cancelar suscripción"_s}}}};
    QTest::addRow("template-button") << envelope(kMetaIdA, u"16505551234"_s, u"Sheena Nelson"_s, button)
                                     << u"wamid.t-template-button"_s << u"interactive"_s << u"Cancelar suscripción"_s
                                     << QString() << QString();
    QTest::addRow("reaction") << make(u"wamid.t-reaction"_s, u"reaction"_s,
                                      {{u"message_id"_s, u"wamid.somewhere"_s}, {u"emoji"_s, u"👍"_s}})
                              << u"wamid.t-reaction"_s << u"text"_s << u"👍"_s << QString() << QString();
}

void tst_MetaWebhook::messageTypes()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, wamid);
    QFETCH(QString, type);
    QFETCH(QString, content);
    QFETCH(QString, mediaId);
    QFETCH(QString, mime);
    QVERIFY(!body.isEmpty());
    const qint64 events = m_server.count(u"webhook_events"_s);
    QCOMPARE(post(m_numberA, body).status, 200);
    const qint64 id = messageByWamid(wamid);
    QVERIFY2(id > 0, qPrintable(wamid));
    const QJsonObject m = m_server.request("GET", u"/v1/messages/%1"_s.arg(id), {}, m_admin).object();
    QCOMPARE(m.value(u"message_type"_s).toString(), type);
    QCOMPARE(m.value(u"direction"_s).toString(), u"inbound"_s);
    if (content.isEmpty())
        QVERIFY(m.value(u"content"_s).isNull());
    else
        QCOMPARE(m.value(u"content"_s).toString(), content);
    QCOMPARE(scalar(u"SELECT provider_media_id FROM messages WHERE id = ?"_s, {id}).toString(), mediaId);
    QCOMPARE(scalar(u"SELECT media_mime_type FROM messages WHERE id = ?"_s, {id}).toString(), mime);
    QCOMPARE(m_server.count(u"webhook_events"_s), events);   // fully understood
    // All on the one open chat of the client on this number.
    QCOMPARE(m_server.count(u"chats"_s,
                            u"whatsapp_number_id = %1 AND status <> 'closed' AND client_id = (SELECT id FROM "
                            "clients WHERE phone_number = '+16505551234' AND deleted_at IS NULL)"_s.arg(m_numberA)),
             1);
}

void tst_MetaWebhook::quotedReply()
{
    // The client quotes our message (context.id, docs/PROVIDERS.md): the reply points at it.
    const qint64 ours = outbound(m_numberA, u"wamid.ours-quoted"_s, u"delivered"_s);
    const qint64 chat = integer(u"SELECT chat_id FROM messages WHERE id = ?"_s, {ours});
    const QString phone = scalar(u"SELECT c.phone_number FROM chats ch JOIN clients c ON c.id = ch.client_id "
                                 "WHERE ch.id = ?"_s,
                                 {chat})
                              .toString();
    QJsonObject reply = textMessage(u"wamid.reply-1"_s, nowSeconds(), u"Sí, ese"_s);
    reply.insert(u"context"_s, QJsonObject{{u"from"_s, u"15550783881"_s}, {u"id"_s, u"wamid.ours-quoted"_s}});
    QCOMPARE(post(m_numberA, envelope(kMetaIdA, phone.mid(1), u"Ana"_s, reply)).status, 200);
    const qint64 id = messageByWamid(u"wamid.reply-1"_s);
    QVERIFY(id > 0);
    QCOMPARE(integer(u"SELECT chat_id FROM messages WHERE id = ?"_s, {id}), chat);
    const QJsonObject m = m_server.request("GET", u"/v1/messages/%1"_s.arg(id), {}, m_admin).object();
    const QJsonObject expected{{u"id"_s, ours},
                               {u"direction"_s, u"outbound"_s},
                               {u"message_type"_s, u"text"_s},
                               {u"content"_s, u"hola"_s}};
    QCOMPARE(m.value(u"reply_to"_s).toObject(), expected);

    // A quote of a message this server never had, and a forwarded message (context without id),
    // are stored as plain messages.
    reply = textMessage(u"wamid.reply-2"_s, nowSeconds(), u"¿Y este?"_s);
    reply.insert(u"context"_s, QJsonObject{{u"from"_s, u"15550783881"_s}, {u"id"_s, u"wamid.never-seen"_s}});
    QCOMPARE(post(m_numberA, envelope(kMetaIdA, phone.mid(1), u"Ana"_s, reply)).status, 200);
    reply = textMessage(u"wamid.forwarded"_s, nowSeconds(), u"Mira esto"_s);
    reply.insert(u"context"_s, QJsonObject{{u"forwarded"_s, true}});
    QCOMPARE(post(m_numberA, envelope(kMetaIdA, phone.mid(1), u"Ana"_s, reply)).status, 200);
    for (const QString &wamid : {u"wamid.reply-2"_s, u"wamid.forwarded"_s}) {
        const qint64 plain = messageByWamid(wamid);
        QVERIFY(plain > 0);
        QVERIFY(m_server.request("GET", u"/v1/messages/%1"_s.arg(plain), {}, m_admin).value(u"reply_to"_s).isNull());
    }
}

void tst_MetaWebhook::existingClientReused()
{
    const qint64 now = nowSeconds();
    const qint64 client = integer(u"INSERT INTO clients (phone_number, first_name, last_name, search_text, created_at, "
                                  "updated_at) VALUES ('+573004445566', 'Ana', 'Gómez', ?, ?, ?) RETURNING id"_s,
                                  {SearchText::of({u"Ana"_s, u"Gómez"_s, u"+573004445566"_s}), now, now});
    const qint64 clients = m_server.count(u"clients"_s);
    QCOMPARE(post(m_numberA,
                  envelope(kMetaIdA, u"573004445566"_s, u"Otro Nombre"_s,
                           textMessage(u"wamid.existing-1"_s, now, u"Hola de nuevo"_s)))
                 .status,
             200);
    QCOMPARE(m_server.count(u"clients"_s), clients);
    QCOMPARE(scalar(u"SELECT first_name FROM clients WHERE id = ?"_s, {client}).toString(), u"Ana"_s);
    QCOMPARE(integer(
                 u"SELECT c.client_id FROM messages m JOIN chats c ON c.id = m.chat_id WHERE m.provider_message_id = "
                 "'wamid.existing-1'"_s),
             client);
    QCOMPARE(integer(u"SELECT last_contact_at FROM clients WHERE id = ?"_s, {client}), now);
    // A second message joins the same chat.
    QCOMPARE(post(m_numberA,
                  envelope(kMetaIdA, u"573004445566"_s, u"Otro Nombre"_s,
                           textMessage(u"wamid.existing-2"_s, now + 5, u"¿Siguen ahí?"_s)))
                 .status,
             200);
    const qint64 chat = integer(u"SELECT chat_id FROM messages WHERE provider_message_id = 'wamid.existing-1'"_s);
    QCOMPARE(integer(u"SELECT chat_id FROM messages WHERE provider_message_id = 'wamid.existing-2'"_s), chat);
    QCOMPARE(integer(u"SELECT unread_count FROM chats WHERE id = ?"_s, {chat}), 2);
    QCOMPARE(integer(u"SELECT message_count FROM chats WHERE id = ?"_s, {chat}), 3);   // two inbound and the welcome
    QCOMPARE(integer(u"SELECT last_message_id FROM chats WHERE id = ?"_s, {chat}),
             messageByWamid(u"wamid.existing-2"_s));
    QCOMPARE(m_server.count(u"messages"_s, u"chat_id = %1 AND is_bot_message = TRUE"_s.arg(chat)), 1);   // greeted once
}

void tst_MetaWebhook::closedChatOpensNew()
{
    const qint64 now = nowSeconds();
    QCOMPARE(post(m_numberA,
                  envelope(kMetaIdA, u"573005556677"_s, u"Luis"_s, textMessage(u"wamid.closed-1"_s, now, u"Primera"_s)))
                 .status,
             200);
    const qint64 first = integer(u"SELECT chat_id FROM messages WHERE provider_message_id = 'wamid.closed-1'"_s);
    QVERIFY(first > 0);
    QVERIFY(integer(u"UPDATE chats SET status = 'closed', closed_at = ? WHERE id = ? RETURNING id"_s, {now, first}) >
            0);
    QCOMPARE(post(m_numberA,
                  envelope(kMetaIdA, u"573005556677"_s, u"Luis"_s,
                           textMessage(u"wamid.closed-2"_s, now + 10, u"Otra consulta"_s)))
                 .status,
             200);
    const qint64 second = integer(u"SELECT chat_id FROM messages WHERE provider_message_id = 'wamid.closed-2'"_s);
    QVERIFY(second > 0 && second != first);
    QCOMPARE(chatJson(second).value(u"status"_s).toString(), u"queued"_s);
    QCOMPARE(chatJson(first).value(u"status"_s).toString(), u"closed"_s);
    QCOMPARE(m_server.count(u"chats"_s,
                            u"client_id = (SELECT id FROM clients WHERE phone_number = '+573005556677') AND "
                            "status <> 'closed'"_s),
             1);
    // The closed chat's message, delivered again, stays where it is and opens nothing.
    const qint64 chats = m_server.count(u"chats"_s);
    QCOMPARE(post(m_numberA,
                  envelope(kMetaIdA, u"573005556677"_s, u"Luis"_s, textMessage(u"wamid.closed-1"_s, now, u"Primera"_s)))
                 .status,
             200);
    QCOMPARE(m_server.count(u"chats"_s), chats);
}

void tst_MetaWebhook::offlineMessage()
{
    // Every day closed: the offline message, not the welcome, is queued for sending.
    const qint64 now = nowSeconds();
    QCOMPARE(post(m_numberClosed,
                  envelope(u"200000000000002"_s, u"573006667788"_s, u"Noche"_s,
                           textMessage(u"wamid.night-1"_s, now, u"¿Hay alguien?"_s)))
                 .status,
             200);
    const qint64 chat = integer(u"SELECT chat_id FROM messages WHERE provider_message_id = 'wamid.night-1'"_s);
    QVERIFY(chat > 0);
    QCOMPARE(chatJson(chat).value(u"status"_s).toString(), u"queued"_s);
    QCOMPARE(m_server.count(u"messages"_s,
                            u"chat_id = %1 AND direction = 'outbound' AND status = 'pending' AND "
                            "is_bot_message = TRUE AND content = 'Nuestro horario terminó; te respondemos "
                            "mañana.'"_s.arg(chat)),
             1);
    QCOMPARE(m_server.count(u"messages"_s, u"chat_id = %1 AND content = 'Bienvenido'"_s.arg(chat)), 0);
    // A campaign with neither message greets nobody.
    QCOMPARE(post(m_numberGlobal,
                  envelope(u"200000000000004"_s, u"573006667799"_s, u"Sin saludo"_s,
                           textMessage(u"wamid.quiet-1"_s, now, u"hola"_s)),
                  kGlobalSecret)
                 .status,
             200);
    const qint64 quiet = integer(u"SELECT chat_id FROM messages WHERE provider_message_id = 'wamid.quiet-1'"_s);
    QVERIFY(quiet > 0);
    QCOMPARE(m_server.count(u"messages"_s, u"chat_id = %1"_s.arg(quiet)), 1);
}

void tst_MetaWebhook::noCampaign()
{
    // A number in no campaign has no chat to open: the body is kept, nothing else is written.
    const qint64 now = nowSeconds();
    const qint64 clients = m_server.count(u"clients"_s);
    const qint64 events = m_server.count(u"webhook_events"_s);
    QCOMPARE(post(m_numberNoCampaign,
                  envelope(u"200000000000003"_s, u"573007778899"_s, u"Nadie"_s,
                           textMessage(u"wamid.nocampaign"_s, now, u"hola"_s)))
                 .status,
             200);
    QCOMPARE(messageByWamid(u"wamid.nocampaign"_s), 0);
    QCOMPARE(m_server.count(u"clients"_s), clients);
    QCOMPARE(m_server.count(u"webhook_events"_s), events + 1);
    QVERIFY(
        scalar(u"SELECT note FROM webhook_events ORDER BY id DESC LIMIT 1"_s).toString().contains(u"no campaign"_s));
    QCOMPARE(integer(u"SELECT whatsapp_number_id FROM webhook_events ORDER BY id DESC LIMIT 1"_s), m_numberNoCampaign);
}

void tst_MetaWebhook::statusesInAndOutOfOrder()
{
    const QString metaId = kMetaIdA + u"5"_s;
    const QString wamid = u"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA="_s;
    const qint64 id = outbound(m_numberStatus, wamid, u"pending"_s);
    QVERIFY(id > 0);
    const auto sampleFor = [&](const QString &file) {
        return sample(file).replace(kMetaIdA.toUtf8(), metaId.toUtf8());
    };
    const auto row = [&](const char *column) {
        return scalar(u"SELECT %1 FROM messages WHERE id = ?"_s.arg(QLatin1StringView(column)), {id});
    };

    // Meta's "sent" sample.
    QCOMPARE(post(m_numberStatus, sampleFor(u"webhook-status-sent.json"_s)).status, 200);
    QCOMPARE(row("status").toString(), u"sent"_s);
    QCOMPARE(row("sent_at").toLongLong(), 1750030073);

    // "read" before any "delivered": read implies delivered.
    QCOMPARE(post(m_numberStatus, statusEnvelope(metaId, wamid, u"read"_s, 1750030100)).status, 200);
    QCOMPARE(row("status").toString(), u"read"_s);
    QCOMPARE(row("read_at").toLongLong(), 1750030100);
    QCOMPARE(row("delivered_at").toLongLong(), 1750030100);

    // The late "delivered" does not move it back, but tells when it was really delivered.
    QCOMPARE(post(m_numberStatus, statusEnvelope(metaId, wamid, u"delivered"_s, 1750030080)).status, 200);
    QCOMPARE(row("status").toString(), u"read"_s);
    QCOMPARE(row("delivered_at").toLongLong(), 1750030080);
    QCOMPARE(row("read_at").toLongLong(), 1750030100);
    // A late "sent" and a "failed" change nothing either.
    QCOMPARE(post(m_numberStatus, sampleFor(u"webhook-status-sent.json"_s)).status, 200);
    QCOMPARE(post(m_numberStatus, statusEnvelope(metaId, wamid, u"failed"_s, 1750030200)).status, 200);
    QCOMPARE(row("status").toString(), u"read"_s);
    QVERIFY(row("error_code").isNull());
    QCOMPARE(row("sent_at").toLongLong(), 1750030073);

    // Meta's "read" and "delivered" samples (netflie's, with their placeholders filled) on a second message.
    const QString wamid2 = u"wamid.status-2"_s;
    const qint64 id2 = outbound(m_numberStatus, wamid2, u"sent"_s);
    const QByteArray delivered =
        sampleFor(u"webhook-status-delivered-cbp.json"_s).replace(wamid.toUtf8(), wamid2.toUtf8());
    QCOMPARE(post(m_numberStatus, delivered).status, 200);
    QCOMPARE(scalar(u"SELECT status FROM messages WHERE id = ?"_s, {id2}).toString(), u"delivered"_s);
    QCOMPARE(integer(u"SELECT delivered_at FROM messages WHERE id = ?"_s, {id2}), 1690327464);
    // "played" (a voice message listened to) is read.
    QCOMPARE(post(m_numberStatus, statusEnvelope(metaId, wamid2, u"played"_s, 1690327500)).status, 200);
    QCOMPARE(scalar(u"SELECT status FROM messages WHERE id = ?"_s, {id2}).toString(), u"read"_s);

    // The same status twice is harmless.
    QCOMPARE(post(m_numberStatus, statusEnvelope(metaId, wamid2, u"played"_s, 1690327500)).status, 200);
    QCOMPARE(integer(u"SELECT read_at FROM messages WHERE id = ?"_s, {id2}), 1690327500);

    // The API shows the timestamps.
    const QJsonObject m = m_server.request("GET", u"/v1/messages/%1"_s.arg(id), {}, m_admin).object();
    QCOMPARE(m.value(u"status"_s).toString(), u"read"_s);
    QCOMPARE(m.value(u"delivered_at"_s).toString(), isoOf(1750030080));
}

void tst_MetaWebhook::failedStatus()
{
    const QString metaId = kMetaIdA + u"5"_s;
    const QString wamid = u"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2MjA4NEYyRkExNjMyREUA"_s;
    const qint64 id = outbound(m_numberStatus, wamid, u"sent"_s);
    QVERIFY(id > 0);
    QCOMPARE(post(m_numberStatus,
                  sample(u"webhook-status-failed-131047.json"_s).replace(kMetaIdA.toUtf8(), metaId.toUtf8()))
                 .status,
             200);
    QJsonObject m = m_server.request("GET", u"/v1/messages/%1"_s.arg(id), {}, m_admin).object();
    QCOMPARE(m.value(u"status"_s).toString(), u"failed"_s);
    QCOMPARE(m.value(u"error_code"_s).toString(), u"131047"_s);
    QCOMPARE(m.value(u"error_message"_s).toString(), u"Re-engagement message"_s);
    // Another failure of the same message keeps the first one.
    QCOMPARE(post(m_numberStatus,
                  sample(u"webhook-status-failed-131049.json"_s).replace(kMetaIdA.toUtf8(), metaId.toUtf8()))
                 .status,
             200);
    m = m_server.request("GET", u"/v1/messages/%1"_s.arg(id), {}, m_admin).object();
    QCOMPARE(m.value(u"error_code"_s).toString(), u"131047"_s);
    // A late "sent" does not undo the failure.
    QCOMPARE(post(m_numberStatus, statusEnvelope(metaId, wamid, u"sent"_s, 1751142800)).status, 200);
    QCOMPARE(scalar(u"SELECT status FROM messages WHERE id = ?"_s, {id}).toString(), u"failed"_s);
    // "delivered" after "failed": it did reach the client; the error goes.
    QCOMPARE(post(m_numberStatus, statusEnvelope(metaId, wamid, u"delivered"_s, 1751142900)).status, 200);
    m = m_server.request("GET", u"/v1/messages/%1"_s.arg(id), {}, m_admin).object();
    QCOMPARE(m.value(u"status"_s).toString(), u"delivered"_s);
    QVERIFY(m.value(u"error_code"_s).isNull());
    QVERIFY(m.value(u"error_message"_s).isNull());
}

void tst_MetaWebhook::notUnderstoodKept_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("note");

    const qint64 now = nowSeconds();
    const QString metaId = kMetaIdA;
    QTest::addRow("unknown-wamid-status")
        << statusEnvelope(metaId, u"wamid.nobody"_s, u"delivered"_s, now) << u"unknown message wamid.nobody"_s;
    QJsonObject unsupported{{u"id"_s, u"wamid.unsupported"_s},
                            {u"timestamp"_s, QString::number(now)},
                            {u"type"_s, u"unsupported"_s},
                            {u"errors"_s,
                             QJsonArray{QJsonObject{{u"code"_s, 131051}, {u"title"_s, u"Message type unknown"_s}}}}};
    QTest::addRow("unsupported-type") << envelope(metaId, u"16505551234"_s, u"Sheena Nelson"_s, unsupported)
                                      << u"type unsupported not understood"_s;
    QJsonObject future{{u"id"_s, u"wamid.future"_s},
                       {u"timestamp"_s, QString::number(now)},
                       {u"type"_s, u"hologram"_s},
                       {u"hologram"_s, QJsonObject{{u"id"_s, u"1"_s}}}};
    QTest::addRow("unknown-type") << envelope(metaId, u"16505551234"_s, u"Sheena Nelson"_s, future)
                                  << u"type hologram not understood"_s;
    QJsonObject noFrom = textMessage(u"wamid.bsuid"_s, now, u"hola"_s);
    QByteArray bsuid = envelope(metaId, QString(), u"Anon"_s, noFrom);
    QTest::addRow("no-phone") << bsuid << u"no usable phone number"_s;
    QTest::addRow("not-json") << QByteArray("this is not json{") << u"not a JSON object"_s;
    QTest::addRow("other-field")
        << QByteArray(
               R"({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"account_update","value":{}}]}]})")
        << u"field account_update not handled"_s;
    QTest::addRow("other-phone-number-id")
        << envelope(u"999"_s, u"16505551234"_s, u"X"_s, textMessage(u"wamid.elsewhere"_s, now, u"hola"_s))
        << u"phone_number_id 999"_s;
}

void tst_MetaWebhook::notUnderstoodKept()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, note);
    const qint64 events = m_server.count(u"webhook_events"_s);
    const qint64 messages = m_server.count(u"messages"_s);
    QCOMPARE(post(m_numberA, body).status, 200);
    QCOMPARE(m_server.count(u"webhook_events"_s), events + 1);
    QCOMPARE(m_server.count(u"messages"_s), messages);
    QVERIFY2(scalar(u"SELECT note FROM webhook_events ORDER BY id DESC LIMIT 1"_s).toString().contains(note),
             qPrintable(scalar(u"SELECT note FROM webhook_events ORDER BY id DESC LIMIT 1"_s).toString()));
    QCOMPARE(scalar(u"SELECT payload FROM webhook_events ORDER BY id DESC LIMIT 1"_s).toString().toUtf8(), body);
    QCOMPARE(scalar(u"SELECT provider FROM webhook_events ORDER BY id DESC LIMIT 1"_s).toString(), u"meta"_s);
}

void tst_MetaWebhook::window()
{
    const qint64 now = nowSeconds();
    const auto send = [&](qint64 chat, const QJsonObject &extra) {
        QJsonObject body{{u"chat_id"_s, chat}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        return m_server.request("POST", u"/v1/messages"_s, body, m_admin);
    };
    const QJsonObject text{{u"message_type"_s, u"text"_s}, {u"content"_s, u"Hola, ¿en qué te ayudo?"_s}};
    const QJsonObject templ{{u"message_type"_s, u"template"_s},
                            {u"template_name"_s, u"seguimiento"_s},
                            {u"template_language"_s, u"es"_s},
                            {u"template_variables"_s, QJsonObject{{u"1"_s, u"Carlos"_s}}}};

    // Inside the window: the client wrote an hour ago.
    QCOMPARE(post(m_numberA,
                  envelope(kMetaIdA, u"573008889900"_s, u"Ventana Abierta"_s,
                           textMessage(u"wamid.window-open"_s, now - 3600, u"hola"_s)))
                 .status,
             200);
    const qint64 open = integer(u"SELECT chat_id FROM messages WHERE provider_message_id = 'wamid.window-open'"_s);
    QJsonObject w = chatJson(open).value(u"whatsapp_window"_s).toObject();
    QCOMPARE(w.value(u"open"_s).toBool(), true);
    QCOMPARE(w.value(u"expires_at"_s).toString(), isoOf(now - 3600 + 86400));
    QCOMPARE(send(open, text).status, 201);

    // 25 hours ago: only a template may go.
    QCOMPARE(post(m_numberA,
                  envelope(kMetaIdA, u"573008889911"_s, u"Ventana Cerrada"_s,
                           textMessage(u"wamid.window-closed"_s, now - 25 * 3600, u"hola"_s)))
                 .status,
             200);
    const qint64 closed = integer(u"SELECT chat_id FROM messages WHERE provider_message_id = 'wamid.window-closed'"_s);
    w = chatJson(closed).value(u"whatsapp_window"_s).toObject();
    QCOMPARE(w.value(u"open"_s).toBool(), false);
    QCOMPARE(w.value(u"expires_at"_s).toString(), isoOf(now - 25 * 3600 + 86400));
    const qint64 messages = m_server.count(u"messages"_s, u"chat_id = %1"_s.arg(closed));
    ApiResponse r = send(closed, text);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("WINDOW_CLOSED"));
    QCOMPARE(r.value(u"error"_s).toObject().value(u"message"_s).toString(),
             u"Han pasado más de 24 horas desde el último mensaje del cliente: envía una plantilla"_s);
    QCOMPARE(m_server.count(u"messages"_s, u"chat_id = %1"_s.arg(closed)), messages);
    QCOMPARE(send(closed, templ).status, 201);
    // A new message from the client opens it again.
    QCOMPARE(post(m_numberA,
                  envelope(kMetaIdA, u"573008889911"_s, u"Ventana Cerrada"_s,
                           textMessage(u"wamid.window-reopened"_s, now - 60, u"sigo aquí"_s)))
                 .status,
             200);
    QCOMPARE(chatJson(closed).value(u"whatsapp_window"_s).toObject().value(u"open"_s).toBool(), true);
    QCOMPARE(send(closed, text).status, 201);

    // A Meta chat the client never wrote on: closed, without an end.
    const qint64 silent = integer(u"SELECT chat_id FROM messages WHERE id = ?"_s,
                                  {outbound(m_numberStatus, u"wamid.silent"_s, u"sent"_s)});
    w = chatJson(silent).value(u"whatsapp_window"_s).toObject();
    QCOMPARE(w.value(u"open"_s).toBool(), false);
    QVERIFY(w.value(u"expires_at"_s).isNull());
    QCOMPARE(send(silent, text).errorCode(), QByteArray("WINDOW_CLOSED"));

    // WPPConnect has no such window.
    const qint64 client = integer(u"INSERT INTO clients (phone_number, search_text, created_at, updated_at) "
                                  "VALUES ('+573008889922', '', ?, ?) RETURNING id"_s,
                                  {now, now});
    const qint64 wppChat =
        integer(u"INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, status, created_at, "
                "last_activity_at) VALUES (?, (SELECT campaign_id FROM campaign_numbers WHERE number_id = ?), "
                "?, 'active', ?, ?) RETURNING id"_s,
                {client, m_numberWpp, m_numberWpp, now, now});
    w = chatJson(wppChat).value(u"whatsapp_window"_s).toObject();
    QCOMPARE(w.value(u"open"_s).toBool(), true);
    QVERIFY(w.value(u"expires_at"_s).isNull());
    QCOMPARE(send(wppChat, text).status, 201);

    // Validation still comes first.
    r = send(closed, {{u"message_type"_s, u"text"_s}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QVERIFY(r.errorFields().contains(u"content"_s));
}

void tst_MetaWebhook::noAuditRows()
{
    // Webhooks write no audit rows, whether accepted or refused.
    QCOMPARE(m_server.auditRows(u"webhook.meta"_s).size(), 0);
    QCOMPARE(m_server.count(u"audit_logs"_s, u"action LIKE '%webhooks%'"_s), 0);
    const qint64 before = m_server.count(u"audit_logs"_s);
    QCOMPARE(post(m_numberA, sample(u"webhook-text.json"_s)).status, 200);
    QCOMPARE(post(m_numberA, sample(u"webhook-text.json"_s), "wrong").status, 401);
    QCOMPARE(m_server
                 .request("GET",
                          u"/v1/webhooks/whatsapp/meta/%1?hub.mode=subscribe&hub.verify_token=x"_s.arg(m_numberA))
                 .status,
             403);
    QCOMPARE(m_server.count(u"audit_logs"_s), before);
}

QTEST_MAIN(tst_MetaWebhook)
#include "tst_meta_webhook.moc"
