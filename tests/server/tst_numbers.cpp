// WhatsApp numbers (the OpenAPI document, CRUD part): create per provider, list filters, read, partial update,
// soft delete, permissions, audit — and provider secrets that never leave the database unsealed.
#include "TestServer.h"

#include "config/ServerConfig.h"
#include "crypto/SecretBox.h"
#include "store/Database.h"
#include "store/NumberStore.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

const QString kPublicUrl = u"https://api.example.test/"_s;   // the trailing slash must not double

QSet<QString> keysOf(const QJsonObject &o)
{
    const QStringList keys = o.keys();
    return QSet<QString>(keys.begin(), keys.end());
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

}   // namespace

class tst_Numbers : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void createMeta();
    void createWppconnect();
    void createNormalisesPhone();
    void createValidation_data();
    void createValidation();
    void createConflicts();
    void permissions_data();
    void permissions();
    void getNumber();
    void updateNumber();
    void updateSecrets();
    void updateErrors_data();
    void updateErrors();
    void deleteNumber();
    void listFiltersAndPagination();
    void listValidation();
    void secretsNowhere();

private:
    // A fresh, valid Colombian mobile number in E.164.
    QString nextPhone() { return u"+57300%1"_s.arg(1000000 + ++m_seq); }
    QJsonObject metaBody(const QString &phone, const QString &token = u"EAAmeta-token"_s);
    QJsonObject wppBody(const QString &phone, const QString &apiKey = u"wpp-api-key"_s);
    qint64 createNumber(const QJsonObject &body);
    QString column(qint64 id, const QString &name);
    QString opened(qint64 id, const char *column);
    ApiResponse call(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                     const QByteArray &token = {});

    TestServer m_server;
    QByteArray m_admin, m_supervisor, m_agent;
    qint64 m_adminId = 0;
    int m_seq = 0;
    QList<QByteArray> m_bodies;   // every response body, for secretsNowhere()
};

void tst_Numbers::initTestCase()
{
    QVERIFY(m_server.start({{u"CONVERSA_PUBLIC_URL"_s, kPublicUrl}}));
    m_admin = m_server.tokenFor(u"admin"_s, &m_adminId);
    m_supervisor = m_server.tokenFor(u"supervisor"_s);
    m_agent = m_server.tokenFor(u"agent"_s);
    QVERIFY(!m_admin.isEmpty() && !m_supervisor.isEmpty() && !m_agent.isEmpty());
}

ApiResponse tst_Numbers::call(const QByteArray &method, const QString &path, const QJsonObject &body,
                              const QByteArray &token)
{
    ApiResponse r = m_server.request(method, path, body, token);
    m_bodies.append(r.body);
    return r;
}

QJsonObject tst_Numbers::metaBody(const QString &phone, const QString &token)
{
    return {{u"phone_number"_s, phone},
            {u"display_name"_s, u"Ventas Principal"_s},
            {u"provider"_s, u"meta"_s},
            {u"meta_phone_number_id"_s, u"1029%1"_s.arg(++m_seq)},
            {u"meta_business_account_id"_s, u"123456789"_s},
            {u"meta_access_token"_s, token},
            {u"webhook_verify_token"_s, QString(u"verify-"_s + token)},
            {u"daily_message_limit"_s, 1000},
            {u"rate_limit_per_minute"_s, 60}};
}

QJsonObject tst_Numbers::wppBody(const QString &phone, const QString &apiKey)
{
    return {{u"phone_number"_s, phone},
            {u"display_name"_s, u"Soporte WPP"_s},
            {u"provider"_s, u"wppconnect"_s},
            {u"wppconnect_session_name"_s, u"session_%1"_s.arg(++m_seq)},
            {u"wppconnect_server_url"_s, u"http://localhost:21465"_s},
            {u"wppconnect_api_key"_s, apiKey},
            {u"daily_message_limit"_s, 500}};
}

qint64 tst_Numbers::createNumber(const QJsonObject &body)
{
    const ApiResponse r = call("POST", u"/v1/whatsapp-numbers"_s, body, m_admin);
    if (r.status != 201)
        qWarning() << r.status << r.body;
    return r.status == 201 ? r.value(u"id"_s).toInteger() : 0;
}

QString tst_Numbers::column(qint64 id, const QString &name)
{
    // Test-only: the column name comes from test code.
    SqlQuery q(m_server.db(), u"SELECT "_s + name + u" FROM whatsapp_numbers WHERE id = ?"_s, {id});
    return q.exec() && q.next() ? q.string(0) : QString();
}

QString tst_Numbers::opened(qint64 id, const char *name)
{
    const QString sealed = column(id, QString::fromLatin1(name));
    if (!sealed.startsWith(u"v1:"_s))
        return {};
    const SecretBox box(m_server.app().config().secretKey);
    const auto plain = box.open(sealed.toLatin1(), NumberStore::associatedData(name, id));
    return plain ? QString::fromUtf8(*plain) : QString();
}

// ---- POST /v1/whatsapp-numbers ----

void tst_Numbers::createMeta()
{
    const QString phone = nextPhone();
    const QString token = u"EAAcreate-meta-secret"_s;
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = call("POST", u"/v1/whatsapp-numbers"_s, metaBody(phone, token), m_admin);
    QCOMPARE(r.status, 201);
    const qint64 id = r.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(r.value(u"phone_number"_s).toString(), phone);
    QCOMPARE(r.value(u"provider"_s).toString(), u"meta"_s);
    QCOMPARE(r.value(u"status"_s).toString(), u"pending"_s);
    QCOMPARE(r.value(u"connection_status"_s).toString(), u"disconnected"_s);
    QCOMPARE(r.value(u"webhook_url"_s).toString(), u"https://api.example.test/v1/webhooks/whatsapp/meta/%1"_s.arg(id));
    QVERIFY(r.value(u"created_at"_s).toString().endsWith(u'Z'));
    QCOMPARE(r.value(u"display_name"_s).toString(), u"Ventas Principal"_s);
    QCOMPARE(r.value(u"daily_message_limit"_s).toInt(), 1000);
    QCOMPARE(r.value(u"rate_limit_per_minute"_s).toInt(), 60);
    QCOMPARE(r.value(u"total_messages_sent"_s).toInt(), 0);
    QCOMPARE(r.value(u"meta_business_account_id"_s).toString(), u"123456789"_s);
    QCOMPARE(r.value(u"has_meta_access_token"_s).toBool(), true);
    QCOMPARE(r.value(u"has_webhook_verify_token"_s).toBool(), true);
    QCOMPARE(r.value(u"has_meta_app_secret"_s).toBool(), false);
    QVERIFY(r.value(u"campaigns"_s).toArray().isEmpty());
    QVERIFY(!r.object().contains(u"meta_access_token"_s));
    QVERIFY(!r.body.contains(token.toUtf8()));

    // Sealed at rest, and they open back to what was sent.
    QVERIFY(column(id, u"meta_access_token"_s).startsWith(u"v1:"_s));
    QCOMPARE(opened(id, "meta_access_token"), token);
    QCOMPARE(opened(id, "webhook_verify_token"), u"verify-"_s + token);
    QVERIFY(!column(id, u"webhook_secret"_s).isEmpty());

    const QList<QJsonObject> rows = m_server.auditRowsSince(u"whatsapp_number.create"_s, mark);
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first();
    QCOMPARE(row.value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(row.value(u"entity_type"_s).toString(), u"WhatsAppNumber"_s);
    QCOMPARE(row.value(u"user_id"_s).toInteger(), m_adminId);
    QCOMPARE(row.value(u"success"_s).toBool(), true);
    const QJsonObject changes = row.value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"phone_number"_s).toObject().value(u"to"_s).toString(), phone);
    QCOMPARE(changes.value(u"meta_access_token"_s).toObject().value(u"to"_s).toString(), u"***"_s);
    QCOMPARE(changes.value(u"webhook_verify_token"_s).toObject().value(u"to"_s).toString(), u"***"_s);
}

void tst_Numbers::createWppconnect()
{
    const QString key = u"wpp-create-api-key"_s;
    QJsonObject body = wppBody(nextPhone(), key);
    body.insert(u"wppconnect_server_url"_s, u"http://localhost:21465/"_s);
    const ApiResponse r = call("POST", u"/v1/whatsapp-numbers"_s, body, m_admin);
    QCOMPARE(r.status, 201);
    const qint64 id = r.value(u"id"_s).toInteger();
    QCOMPARE(r.value(u"provider"_s).toString(), u"wppconnect"_s);
    QCOMPARE(r.value(u"status"_s).toString(), u"pending"_s);
    QCOMPARE(r.value(u"wppconnect_server_url"_s).toString(), u"http://localhost:21465"_s);
    QCOMPARE(r.value(u"has_wppconnect_api_key"_s).toBool(), true);
    QCOMPARE(r.value(u"rate_limit_per_minute"_s).toInt(), 60);   // the default
    // Its session is started at once (tst_wppconnect); nothing answers at that URL here.
    QVERIFY(r.object().contains(u"wppconnect_qr_code"_s));
    QVERIFY(r.value(u"wppconnect_qr_code"_s).isNull());
    QCOMPARE(r.value(u"connection_status"_s).toString(), u"error"_s);
    QVERIFY(!r.body.contains(key.toUtf8()));

    const QString secret = opened(id, "webhook_secret");
    QVERIFY(secret.size() >= 40);
    QCOMPARE(r.value(u"webhook_url"_s).toString(),
             u"https://api.example.test/v1/webhooks/whatsapp/wppconnect/%1?token=%2"_s.arg(id).arg(secret));
    QCOMPARE(opened(id, "wppconnect_api_key"), key);
    QVERIFY(column(id, u"meta_access_token"_s).isEmpty());
}

void tst_Numbers::createNormalisesPhone()
{
    QJsonObject body = metaBody(u"300 555 0101"_s);   // national format, default region CO
    body.remove(u"display_name"_s);
    const ApiResponse r = call("POST", u"/v1/whatsapp-numbers"_s, body, m_admin);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.value(u"phone_number"_s).toString(), u"+573005550101"_s);
    QCOMPARE(r.value(u"display_name"_s).toString(), u"+573005550101"_s);   // defaults to the number
}

void tst_Numbers::createValidation_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QStringList>("fields");

    QTest::addRow("empty") << QJsonObject{} << QStringList{u"phone_number"_s, u"provider"_s};
    QJsonObject b = metaBody(u"+573001230000"_s);
    b.insert(u"provider"_s, u"twilio"_s);
    QTest::addRow("unknown-provider") << b << QStringList{u"provider"_s};
    b = metaBody(u"+573001230000"_s);
    b.remove(u"meta_phone_number_id"_s);
    b.remove(u"meta_access_token"_s);
    QTest::addRow("meta-required") << b << QStringList{u"meta_access_token"_s, u"meta_phone_number_id"_s};
    b = wppBody(u"+573001230000"_s);
    b.remove(u"wppconnect_session_name"_s);
    b.remove(u"wppconnect_server_url"_s);
    b.remove(u"wppconnect_api_key"_s);
    QTest::addRow("wpp-required") << b
                                  << QStringList{u"wppconnect_api_key"_s, u"wppconnect_server_url"_s,
                                                 u"wppconnect_session_name"_s};
    b = wppBody(u"+573001230000"_s);
    b.insert(u"wppconnect_server_url"_s, u"ftp://localhost:21465"_s);
    QTest::addRow("wpp-url-scheme") << b << QStringList{u"wppconnect_server_url"_s};
    b = wppBody(u"+573001230000"_s);
    b.insert(u"wppconnect_session_name"_s, u"../admin"_s);
    QTest::addRow("wpp-session-name") << b << QStringList{u"wppconnect_session_name"_s};
    b = metaBody(u"12345"_s);
    QTest::addRow("bad-phone") << b << QStringList{u"phone_number"_s};
    b = metaBody(u"+573001230000"_s);
    b.insert(u"daily_message_limit"_s, 0);
    b.insert(u"rate_limit_per_minute"_s, u"sixty"_s);
    b.insert(u"display_name"_s, 5);
    QTest::addRow("types-and-ranges") << b
                                      << QStringList{u"daily_message_limit"_s, u"display_name"_s,
                                                     u"rate_limit_per_minute"_s};
    b = metaBody(u"+573001230000"_s);
    b.insert(u"meta_access_token"_s, u""_s);
    QTest::addRow("empty-secret") << b << QStringList{u"meta_access_token"_s};
}

void tst_Numbers::createValidation()
{
    QFETCH(QJsonObject, body);
    QFETCH(QStringList, fields);
    const qint64 before = m_server.count(u"whatsapp_numbers"_s);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = call("POST", u"/v1/whatsapp-numbers"_s, body, m_admin);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QCOMPARE(sorted(r.errorFields()), fields);
    QCOMPARE(m_server.count(u"whatsapp_numbers"_s), before);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"whatsapp_number.create"_s, mark);
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first();
    QCOMPARE(row.value(u"success"_s).toBool(), false);
    QCOMPARE(row.value(u"status_code"_s).toInt(), 422);
}

void tst_Numbers::createConflicts()
{
    const QString phone = nextPhone();
    QJsonObject first = metaBody(phone);
    const qint64 id = createNumber(first);
    QVERIFY(id);

    // The same number written nationally is the same number.
    ApiResponse r = call("POST", u"/v1/whatsapp-numbers"_s, wppBody(phone.mid(3)), m_admin);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QByteArray("CONFLICT"));

    QJsonObject sameMetaId = metaBody(nextPhone());
    sameMetaId.insert(u"meta_phone_number_id"_s, first.value(u"meta_phone_number_id"_s));
    r = call("POST", u"/v1/whatsapp-numbers"_s, sameMetaId, m_admin);
    QCOMPARE(r.status, 409);

    QJsonObject wpp = wppBody(nextPhone());
    QVERIFY(createNumber(wpp));
    QJsonObject sameSession = wppBody(nextPhone());
    sameSession.insert(u"wppconnect_session_name"_s, wpp.value(u"wppconnect_session_name"_s));
    const qint64 mark = m_server.auditMark();
    r = call("POST", u"/v1/whatsapp-numbers"_s, sameSession, m_admin);
    QCOMPARE(r.status, 409);
    const QList<QJsonObject> refused = m_server.auditRowsSince(u"whatsapp_number.create"_s, mark);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().value(u"success"_s).toBool(), false);
    QCOMPARE(refused.first().value(u"status_code"_s).toInt(), 409);

    // A deleted number frees its phone.
    QCOMPARE(call("DELETE", u"/v1/whatsapp-numbers/%1"_s.arg(id), {}, m_admin).status, 204);
    QVERIFY(createNumber(metaBody(phone)));
}

// ---- permissions ----

void tst_Numbers::permissions_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("role");
    QTest::addColumn<int>("status");

    const QString one = u"/v1/whatsapp-numbers/1"_s, all = u"/v1/whatsapp-numbers"_s;
    QTest::addRow("no-token-list") << QByteArray("GET") << all << QString() << 401;
    QTest::addRow("no-token-create") << QByteArray("POST") << all << QString() << 401;
    QTest::addRow("agent-list") << QByteArray("GET") << all << u"agent"_s << 403;
    QTest::addRow("agent-get") << QByteArray("GET") << one << u"agent"_s << 403;
    QTest::addRow("agent-create") << QByteArray("POST") << all << u"agent"_s << 403;
    QTest::addRow("supervisor-create") << QByteArray("POST") << all << u"supervisor"_s << 403;
    QTest::addRow("supervisor-update") << QByteArray("PUT") << one << u"supervisor"_s << 403;
    QTest::addRow("supervisor-delete") << QByteArray("DELETE") << one << u"supervisor"_s << 403;
    QTest::addRow("supervisor-list") << QByteArray("GET") << all << u"supervisor"_s << 200;
}

void tst_Numbers::permissions()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, role);
    QFETCH(int, status);
    const QByteArray token = role.isEmpty() ? QByteArray() : role == "agent"_L1 ? m_agent : m_supervisor;
    const QJsonObject body = method == "GET" ? QJsonObject() : metaBody(nextPhone());
    const qint64 numbers = m_server.count(u"whatsapp_numbers"_s, u"deleted_at IS NULL"_s);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = call(method, path, body, token);
    QCOMPARE(r.status, status);
    QCOMPARE(m_server.count(u"whatsapp_numbers"_s, u"deleted_at IS NULL"_s), numbers);
    if (status >= 400 && method != "GET") {
        const QString action = method == "POST" ? u"whatsapp_number.create"_s
            : method == "PUT"                   ? u"whatsapp_number.update"_s
                                                : u"whatsapp_number.delete"_s;
        const QList<QJsonObject> rows = m_server.auditRowsSince(action, mark);
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first();
        QCOMPARE(row.value(u"success"_s).toBool(), false);
        QCOMPARE(row.value(u"status_code"_s).toInt(), status);
    }
}

// ---- GET /v1/whatsapp-numbers/{id} ----

void tst_Numbers::getNumber()
{
    const qint64 id = createNumber(wppBody(nextPhone()));
    QVERIFY(id);
    ApiResponse r = call("GET", u"/v1/whatsapp-numbers/%1"_s.arg(id), {}, m_admin);
    QCOMPARE(r.status, 200);
    const QSet<QString> expected{u"id"_s,
                                 u"phone_number"_s,
                                 u"display_name"_s,
                                 u"provider"_s,
                                 u"status"_s,
                                 u"connection_status"_s,
                                 u"last_connected_at"_s,
                                 u"last_error"_s,
                                 u"daily_message_limit"_s,
                                 u"rate_limit_per_minute"_s,
                                 u"total_messages_sent"_s,
                                 u"total_messages_received"_s,
                                 u"meta_phone_number_id"_s,
                                 u"meta_business_account_id"_s,
                                 u"wppconnect_session_name"_s,
                                 u"wppconnect_server_url"_s,
                                 u"has_meta_access_token"_s,
                                 u"has_meta_app_secret"_s,
                                 u"has_webhook_verify_token"_s,
                                 u"has_wppconnect_api_key"_s,
                                 u"webhook_url"_s,
                                 u"campaigns"_s,
                                 u"created_at"_s,
                                 u"updated_at"_s};
    QCOMPARE(keysOf(r.object()), expected);
    QVERIFY(r.value(u"webhook_url"_s).toString().contains(u"?token="_s));
    QVERIFY(r.value(u"last_connected_at"_s).isNull());

    // A reader who cannot manage numbers does not get the webhook secret.
    r = call("GET", u"/v1/whatsapp-numbers/%1"_s.arg(id), {}, m_supervisor);
    QCOMPARE(r.status, 200);
    QVERIFY(r.value(u"webhook_url"_s).isNull());

    QCOMPARE(call("GET", u"/v1/whatsapp-numbers/999999"_s, {}, m_admin).status, 404);
    QCOMPARE(call("GET", u"/v1/whatsapp-numbers/abc"_s, {}, m_admin).status, 404);
}

// ---- PUT /v1/whatsapp-numbers/{id} ----

void tst_Numbers::updateNumber()
{
    const qint64 id = createNumber(metaBody(nextPhone()));
    QVERIFY(id);
    const qint64 mark = m_server.auditMark();
    ApiResponse r =
        call("PUT", u"/v1/whatsapp-numbers/%1"_s.arg(id),
             {{u"display_name"_s, u"Ventas Norte"_s}, {u"daily_message_limit"_s, 250}, {u"status"_s, u"inactive"_s}},
             m_admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"display_name"_s).toString(), u"Ventas Norte"_s);
    QCOMPARE(r.value(u"daily_message_limit"_s).toInt(), 250);
    QCOMPARE(r.value(u"status"_s).toString(), u"inactive"_s);
    QCOMPARE(r.value(u"rate_limit_per_minute"_s).toInt(), 60);   // untouched
    QCOMPARE(r.value(u"has_meta_access_token"_s).toBool(), true);

    const QList<QJsonObject> rows = m_server.auditRowsSince(u"whatsapp_number.update"_s, mark);
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first();
    QCOMPARE(row.value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(row.value(u"success"_s).toBool(), true);
    const QJsonObject changes = row.value(u"changes"_s).toObject();
    QCOMPARE(keysOf(changes), (QSet<QString>{u"display_name"_s, u"daily_message_limit"_s, u"status"_s}));
    QCOMPARE(changes.value(u"display_name"_s).toObject(),
             (QJsonObject{{u"from"_s, u"Ventas Principal"_s}, {u"to"_s, u"Ventas Norte"_s}}));

    r = call("GET", u"/v1/whatsapp-numbers/%1"_s.arg(id), {}, m_admin);
    QCOMPARE(r.value(u"display_name"_s).toString(), u"Ventas Norte"_s);
}

void tst_Numbers::updateSecrets()
{
    const qint64 id = createNumber(metaBody(nextPhone(), u"EAAold-token"_s));
    QVERIFY(id);
    const QString sealedBefore = column(id, u"meta_access_token"_s);
    const QString webhookSecret = opened(id, "webhook_secret");

    const qint64 mark = m_server.auditMark();
    ApiResponse r =
        call("PUT", u"/v1/whatsapp-numbers/%1"_s.arg(id),
             {{u"meta_access_token"_s, u"EAAnew-rotated-token"_s}, {u"meta_app_secret"_s, u"app-secret-1"_s}}, m_admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"has_meta_app_secret"_s).toBool(), true);
    QVERIFY(!r.body.contains("EAAnew-rotated-token"));
    QVERIFY(column(id, u"meta_access_token"_s) != sealedBefore);
    QCOMPARE(opened(id, "meta_access_token"), u"EAAnew-rotated-token"_s);
    QCOMPARE(opened(id, "meta_app_secret"), u"app-secret-1"_s);
    QCOMPARE(opened(id, "webhook_secret"), webhookSecret);   // ours: kept
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"whatsapp_number.update"_s, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"entity_id"_s).toInteger(), id);
    const QJsonObject changes = rows.first().value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"meta_access_token"_s).toObject().value(u"to"_s).toString(), u"***"_s);
    QCOMPARE(changes.value(u"meta_app_secret"_s).toObject().value(u"to"_s).toString(), u"***"_s);

    // An optional secret may be cleared; a required one may not.
    r = call("PUT", u"/v1/whatsapp-numbers/%1"_s.arg(id), {{u"meta_app_secret"_s, QJsonValue()}}, m_admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"has_meta_app_secret"_s).toBool(), false);
    QVERIFY(column(id, u"meta_app_secret"_s).isEmpty());
    r = call("PUT", u"/v1/whatsapp-numbers/%1"_s.arg(id), {{u"meta_access_token"_s, QJsonValue()}}, m_admin);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"meta_access_token"_s});
    QCOMPARE(opened(id, "meta_access_token"), u"EAAnew-rotated-token"_s);
}

void tst_Numbers::updateErrors_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("fields");
    QTest::addRow("provider-change") << QJsonObject{{u"provider"_s, u"wppconnect"_s}} << 422
                                     << QStringList{u"provider"_s};
    QTest::addRow("pending-not-settable")
        << QJsonObject{{u"status"_s, u"pending"_s}} << 422 << QStringList{u"status"_s};
    QTest::addRow("bad-phone") << QJsonObject{{u"phone_number"_s, u"abc"_s}} << 422 << QStringList{u"phone_number"_s};
    QTest::addRow("empty-meta-id") << QJsonObject{{u"meta_phone_number_id"_s, u""_s}} << 422
                                   << QStringList{u"meta_phone_number_id"_s};
    QTest::addRow("limit-type") << QJsonObject{{u"rate_limit_per_minute"_s, 1.5}} << 422
                                << QStringList{u"rate_limit_per_minute"_s};
    QTest::addRow("phone-taken") << QJsonObject{{u"phone_number"_s, u"TAKEN"_s}} << 409 << QStringList{};
}

void tst_Numbers::updateErrors()
{
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    QFETCH(QStringList, fields);
    const QString takenPhone = nextPhone();
    QVERIFY(createNumber(wppBody(takenPhone)));
    const qint64 id = createNumber(metaBody(nextPhone()));
    QVERIFY(id);
    if (body.value(u"phone_number"_s).toString() == "TAKEN"_L1)
        body.insert(u"phone_number"_s, takenPhone);
    const QString before = column(id, u"updated_at"_s) + column(id, u"phone_number"_s) + column(id, u"status"_s);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = call("PUT", u"/v1/whatsapp-numbers/%1"_s.arg(id), body, m_admin);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorFields(), fields);
    QCOMPARE(column(id, u"updated_at"_s) + column(id, u"phone_number"_s) + column(id, u"status"_s), before);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"whatsapp_number.update"_s, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"success"_s).toBool(), false);
    QCOMPARE(call("PUT", u"/v1/whatsapp-numbers/999999"_s, {{u"display_name"_s, u"x"_s}}, m_admin).status, 404);
}

// ---- DELETE /v1/whatsapp-numbers/{id} ----

void tst_Numbers::deleteNumber()
{
    const qint64 id = createNumber(metaBody(nextPhone()));
    QVERIFY(id);
    ApiResponse r =
        call("POST", u"/v1/campaigns"_s, {{u"name"_s, u"Con número"_s}, {u"code"_s, u"NUM_DEL"_s}}, m_admin);
    QCOMPARE(r.status, 201);
    const qint64 campaign = r.value(u"id"_s).toInteger();
    r = call("POST", u"/v1/campaigns/%1/numbers"_s.arg(campaign), {{u"whatsapp_number_ids"_s, QJsonArray{id}}},
             m_admin);
    QCOMPARE(r.status, 200);
    r = call("GET", u"/v1/whatsapp-numbers/%1"_s.arg(id), {}, m_admin);
    QCOMPARE(r.value(u"campaigns"_s).toArray(),
             (QJsonArray{QJsonObject{{u"id"_s, campaign}, {u"name"_s, u"Con número"_s}}}));

    const qint64 mark = m_server.auditMark();
    r = call("DELETE", u"/v1/whatsapp-numbers/%1"_s.arg(id), {}, m_admin);
    QCOMPARE(r.status, 204);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(call("GET", u"/v1/whatsapp-numbers/%1"_s.arg(id), {}, m_admin).status, 404);
    QCOMPARE(call("DELETE", u"/v1/whatsapp-numbers/%1"_s.arg(id), {}, m_admin).status, 404);
    QCOMPARE(m_server.count(u"whatsapp_numbers"_s, u"id = %1 AND deleted_at IS NOT NULL"_s.arg(id)), 1);
    QCOMPARE(m_server.count(u"campaign_numbers"_s, u"number_id = %1"_s.arg(id)), 0);
    r = call("GET", u"/v1/campaigns/%1"_s.arg(campaign), {}, m_admin);
    QVERIFY(r.value(u"whatsapp_numbers"_s).toArray().isEmpty());

    const QList<QJsonObject> rows = m_server.auditRowsSince(u"whatsapp_number.delete"_s, mark);
    QCOMPARE(rows.size(), 2);   // this delete, then the second one's 404
    QCOMPARE(rows.at(0).value(u"status_code"_s).toInt(), 404);
    QCOMPARE(rows.at(1).value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(rows.at(1).value(u"success"_s).toBool(), true);
}

// ---- GET /v1/whatsapp-numbers ----

void tst_Numbers::listFiltersAndPagination()
{
    // A server of its own, so the totals are exact.
    TestServer server;
    QVERIFY(server.start());
    const QByteArray admin = server.tokenFor(u"admin"_s);
    QList<qint64> ids;
    for (int i = 0; i < 5; ++i) {
        const QJsonObject body = i % 2 ? wppBody(nextPhone()) : metaBody(nextPhone());
        const ApiResponse r = server.request("POST", u"/v1/whatsapp-numbers"_s, body, admin);
        QCOMPARE(r.status, 201);
        ids.append(r.value(u"id"_s).toInteger());
    }
    // meta: 0, 2, 4; wppconnect: 1, 3. Number 2 and 3 inactive.
    for (int i : {2, 3})
        QCOMPARE(server.request("PUT", u"/v1/whatsapp-numbers/%1"_s.arg(ids[i]), {{u"status"_s, u"inactive"_s}}, admin)
                     .status,
                 200);
    QCOMPARE(server.request("DELETE", u"/v1/whatsapp-numbers/%1"_s.arg(ids[4]), {}, admin).status, 204);
    ApiResponse c = server.request("POST", u"/v1/campaigns"_s, {{u"name"_s, u"Ventas"_s}, {u"code"_s, u"V1"_s}}, admin);
    const qint64 campaign = c.value(u"id"_s).toInteger();
    QCOMPARE(server
                 .request("POST", u"/v1/campaigns/%1/numbers"_s.arg(campaign),
                          {{u"whatsapp_number_ids"_s, QJsonArray{ids[0], ids[3]}}}, admin)
                 .status,
             200);

    auto idsOf = [&](const QString &query) {
        const ApiResponse r = server.request("GET", u"/v1/whatsapp-numbers"_s + query, {}, admin);
        QList<qint64> out;
        for (const QJsonValue &v : r.value(u"data"_s).toArray())
            out.append(v.toObject().value(u"id"_s).toInteger());
        return out;
    };
    QCOMPARE(idsOf({}), (QList<qint64>{ids[0], ids[1], ids[2], ids[3]}));
    QCOMPARE(idsOf(u"?provider=meta"_s), (QList<qint64>{ids[0], ids[2]}));
    QCOMPARE(idsOf(u"?status=inactive"_s), (QList<qint64>{ids[2], ids[3]}));
    QCOMPARE(idsOf(u"?status=inactive&provider=wppconnect"_s), (QList<qint64>{ids[3]}));
    QCOMPARE(idsOf(u"?status=active"_s), QList<qint64>{});
    QCOMPARE(idsOf(u"?limit=3&page=2"_s), (QList<qint64>{ids[3]}));

    ApiResponse r = server.request("GET", u"/v1/whatsapp-numbers?limit=3&page=2"_s, {}, admin);
    QCOMPARE(r.value(u"meta"_s).toObject(),
             (QJsonObject{{u"current_page"_s, 2}, {u"per_page"_s, 3}, {u"total"_s, 4}, {u"total_pages"_s, 2}}));

    r = server.request("GET", u"/v1/whatsapp-numbers?provider=meta"_s, {}, server.tokenFor(u"supervisor"_s));
    QCOMPARE(r.status, 200);
    const QJsonObject item = r.value(u"data"_s).toArray().first().toObject();
    const QSet<QString> expected{u"id"_s,
                                 u"phone_number"_s,
                                 u"display_name"_s,
                                 u"provider"_s,
                                 u"status"_s,
                                 u"connection_status"_s,
                                 u"last_connected_at"_s,
                                 u"daily_message_limit"_s,
                                 u"total_messages_sent"_s,
                                 u"total_messages_received"_s,
                                 u"campaigns"_s,
                                 u"created_at"_s};
    QCOMPARE(keysOf(item), expected);
    QCOMPARE(item.value(u"campaigns"_s).toArray(),
             (QJsonArray{QJsonObject{{u"id"_s, campaign}, {u"name"_s, u"Ventas"_s}}}));
    const QJsonArray data = r.value(u"data"_s).toArray();
    QVERIFY(data.at(1).toObject().value(u"campaigns"_s).toArray().isEmpty());
    server.stop();
}

void tst_Numbers::listValidation()
{
    ApiResponse r = call("GET", u"/v1/whatsapp-numbers?status=deleted&provider=twilio&limit=500"_s, {}, m_admin);
    QCOMPARE(r.status, 422);
    QCOMPARE(sorted(r.errorFields()), (QStringList{u"limit"_s, u"provider"_s, u"status"_s}));
}

// Runs last: every secret sent so far must be absent from every response and audit row, and
// every stored secret must be sealed.
void tst_Numbers::secretsNowhere()
{
    const QList<QByteArray> secrets = {"EAAcreate-meta-secret", "wpp-create-api-key", "EAAnew-rotated-token",
                                       "app-secret-1",          "EAAmeta-token",      "wpp-api-key",
                                       "EAAold-token"};
    for (const QByteArray &body : std::as_const(m_bodies)) {
        for (const QByteArray &s : secrets)
            QVERIFY2(!body.contains(s), body.constData());
    }
    QSqlQuery audit(m_server.db().connection());
    QVERIFY(audit.exec(u"SELECT COALESCE(changes, '') FROM audit_logs"_s));
    int rows = 0;
    while (audit.next()) {
        ++rows;
        for (const QByteArray &s : secrets)
            QVERIFY(!audit.value(0).toString().toUtf8().contains(s));
    }
    QVERIFY(rows > 10);
    QSqlQuery stored(m_server.db().connection());
    QVERIFY(stored.exec(u"SELECT meta_access_token, meta_app_secret, webhook_verify_token, wppconnect_api_key, "
                        "webhook_secret FROM whatsapp_numbers"_s));
    int sealed = 0;
    while (stored.next()) {
        for (int i = 0; i < 5; ++i) {
            if (stored.isNull(i))
                continue;
            QVERIFY(stored.value(i).toString().startsWith(u"v1:"_s));
            for (const QByteArray &s : secrets)
                QVERIFY(!stored.value(i).toString().toUtf8().contains(s));
            ++sealed;
        }
    }
    QVERIFY(sealed > 10);
}

QTEST_MAIN(tst_Numbers)
#include "tst_numbers.moc"
