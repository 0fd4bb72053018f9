// Clients (the OpenAPI document): CRUD, tags, filters and accent-insensitive search, CSV import and export —
// over real HTTP, against SQLite and PostgreSQL.
#include "TestServer.h"

#include "store/Database.h"
#include "store/SearchText.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>
#include <QTest>
#include <QUrl>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

QSet<QString> keysOf(const QJsonObject &o)
{
    const QStringList keys = o.keys();
    return QSet<QString>(keys.begin(), keys.end());
}

QStringList stringsOf(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &item : v.toArray())
        out.append(item.toString());
    return out;
}

QSet<QString> fieldsOf(const ApiResponse &r)
{
    const QStringList fields = r.errorFields();
    return QSet<QString>(fields.begin(), fields.end());
}

QString encoded(const QString &s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

const QByteArray kBoundary = "----conversa-test-boundary-7MA4YWxkTrZu0gW";

QByteArray multipart(const QByteArray &csv, const QByteArray &partName = "file")
{
    return "--" + kBoundary +
        "\r\n"
        "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
        "ignored field\r\n"
        "--" +
        kBoundary +
        "\r\n"
        "Content-Disposition: form-data; name=\"" +
        partName +
        "\"; filename=\"clientes.csv\"\r\n"
        "Content-Type: text/csv\r\n\r\n" +
        csv + "\r\n--" + kBoundary + "--\r\n";
}

// A valid Colombian mobile number, distinct for each n < 10,000,000.
QString phone(int prefix, int n)
{
    return u"+57%1%2"_s.arg(prefix).arg(n, 7, 10, QChar(u'0'));
}

}   // namespace

class tst_Clients : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void createClient();
    void createNormalisesAndConflicts();
    void createValidation_data();
    void createValidation();
    void createRefusals();

    void getClient();

    void updateClient();
    void updateRefusals();

    void deleteClient();

    void tags();

    void listFilters_data();
    void listFilters();
    void listShapeAndPages();
    void listValidation_data();
    void listValidation();
    void chatsOfClients();

    void importCsv();
    void importRowErrors();
    void importExistingPhone();
    void importDryRun();
    void importFileErrors_data();
    void importFileErrors();
    void importRefusals();
    void importTooLarge();
    void importTenThousandRows();

    void exportCsv();
    void exportRefusals();

    void searchAtScale();

private:
    ApiResponse post(const QString &path, const QJsonObject &body, const QByteArray &token = {})
    {
        return m_server.request("POST", path, body, token.isNull() ? m_admin : token);
    }
    ApiResponse get(const QString &path, const QByteArray &token = {})
    {
        return m_server.request("GET", path, {}, token.isNull() ? m_admin : token);
    }
    ApiResponse importFile(const QByteArray &csv, const QByteArray &token = {})
    {
        return m_server.requestRaw("POST", u"/v1/clients/import"_s, multipart(csv),
                                   "multipart/form-data; boundary=" + kBoundary, token.isNull() ? m_admin : token);
    }
    qint64 createClient(const QJsonObject &body);
    QJsonObject clientByPhone(const QString &phone);
    QList<QJsonObject> auditFor(const QString &action, qint64 entityId);
    qint64 insertId(const char *sql, std::initializer_list<QVariant> values)
    {
        SqlQuery q(m_server.db(), sql, values);
        return q.exec() && q.next() ? q.integer(0) : 0;
    }

    TestServer m_server;
    QByteArray m_admin;
    QByteArray m_supervisor;
    QByteArray m_agent;
    qint64 m_adminId = 0;
    qint64 m_agentId = 0;
    int m_seq = 0;
};

void tst_Clients::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = m_server.tokenFor(u"admin"_s, &m_adminId);
    m_supervisor = m_server.tokenFor(u"supervisor"_s);
    m_agent = m_server.tokenFor(u"agent"_s, &m_agentId);
    QVERIFY(!m_admin.isEmpty() && !m_supervisor.isEmpty() && !m_agent.isEmpty());

    // The list fixture (phones +57320…): filters are checked against these only.
    const QList<QJsonObject> fixture{
        {{u"phone_number"_s, phone(320, 1)},
         {u"first_name"_s, u"José"_s},
         {u"last_name"_s, u"Núñez"_s},
         {u"lead_status"_s, u"contacted"_s},
         {u"segment"_s, u"vip"_s},
         {u"tags"_s, QJsonArray{u"recurrente"_s, u"vip"_s}}},
        {{u"phone_number"_s, phone(320, 2)},
         {u"first_name"_s, u"María"_s},
         {u"last_name"_s, u"Gómez"_s},
         {u"company"_s, u"Acme Corp"_s},
         {u"lead_status"_s, u"new"_s},
         {u"segment"_s, u"regular"_s},
         {u"tags"_s, QJsonArray{u"prospecto"_s}}},
        {{u"phone_number"_s, phone(320, 3)},
         {u"first_name"_s, u"Josefina"_s},
         {u"last_name"_s, u"Ruiz"_s},
         {u"email"_s, u"josefina@fixture.test"_s},
         {u"lead_status"_s, u"contacted"_s},
         {u"segment"_s, u"regular"_s},
         {u"is_blocked"_s, true},
         {u"tags"_s, QJsonArray{u"vip"_s}}},
        {{u"phone_number"_s, phone(320, 4)},
         {u"first_name"_s, u"Pedro"_s},
         {u"last_name"_s, u"Pérez"_s},
         {u"lead_status"_s, u"won"_s},
         {u"segment"_s, u"vip"_s}},
    };
    for (const QJsonObject &c : fixture)
        QVERIFY(createClient(c) > 0);
}

qint64 tst_Clients::createClient(const QJsonObject &body)
{
    const ApiResponse r = post(u"/v1/clients"_s, body);
    if (r.status != 201)
        qWarning("create failed: %d %s", r.status, r.body.constData());
    return r.value(u"id"_s).toInteger();
}

QJsonObject tst_Clients::clientByPhone(const QString &number)
{
    const ApiResponse r = get(u"/v1/clients?search="_s + encoded(number));
    const QJsonArray data = r.value(u"data"_s).toArray();
    for (const QJsonValue &v : data) {
        if (v.toObject().value(u"phone_number"_s).toString() == number)
            return get(u"/v1/clients/%1"_s.arg(v.toObject().value(u"id"_s).toInteger())).object();
    }
    return {};
}

QList<QJsonObject> tst_Clients::auditFor(const QString &action, qint64 entityId)
{
    QList<QJsonObject> out;
    for (const QJsonObject &row : m_server.auditRows(action)) {
        if (row.value(u"entity_id"_s).toInteger() == entityId)
            out.append(row);
    }
    return out;
}

// ---- create ----

void tst_Clients::createClient()
{
    // The create body of the customer's API design.
    const QJsonObject body{{u"phone_number"_s, u"+573009999999"_s},
                           {u"first_name"_s, u"Ana"_s},
                           {u"last_name"_s, u"Martínez"_s},
                           {u"email"_s, u"Ana@Email.com"_s},
                           {u"company"_s, u"Tech Solutions"_s},
                           {u"city"_s, u"Medellín"_s},
                           {u"country"_s, u"Colombia"_s},
                           {u"lead_status"_s, u"new"_s},
                           {u"segment"_s, u"regular"_s},
                           {u"custom_fields"_s,
                            QJsonObject{{u"industria"_s, u"Tecnología"_s}, {u"empleados"_s, u"50-100"_s}}},
                           {u"tags"_s, QJsonArray{u"Prospecto"_s, u" prospecto "_s}}};
    const ApiResponse r = post(u"/v1/clients"_s, body);
    QCOMPARE(r.status, 201);
    const QJsonObject c = r.object();
    const QSet<QString>
        expected{u"id"_s,         u"phone_number"_s,  u"first_name"_s,      u"last_name"_s,        u"email"_s,
                 u"company"_s,    u"city"_s,          u"country"_s,         u"address"_s,          u"lead_status"_s,
                 u"lead_score"_s, u"ltv"_s,           u"total_purchases"_s, u"last_purchase_at"_s, u"segment"_s,
                 u"tags"_s,       u"custom_fields"_s, u"notes"_s,           u"is_blocked"_s,       u"opt_in"_s,
                 u"chats"_s,      u"tasks"_s,         u"created_at"_s,      u"last_contact_at"_s};
    QVERIFY2(keysOf(c).contains(expected), r.body.constData());
    const qint64 id = c.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(c.value(u"phone_number"_s).toString(), u"+573009999999"_s);
    QCOMPARE(c.value(u"last_name"_s).toString(), u"Martínez"_s);
    QCOMPARE(c.value(u"email"_s).toString(), u"ana@email.com"_s);
    QCOMPARE(c.value(u"lead_status"_s).toString(), u"new"_s);
    QCOMPARE(c.value(u"lead_score"_s).toInt(), 0);
    QVERIFY(c.value(u"address"_s).isNull());
    QCOMPARE(stringsOf(c.value(u"tags"_s)), QStringList{u"prospecto"_s});
    QCOMPARE(c.value(u"custom_fields"_s).toObject().value(u"industria"_s).toString(), u"Tecnología"_s);
    QCOMPARE(c.value(u"chats"_s).toArray().size(), 0);
    QCOMPARE(c.value(u"tasks"_s).toArray().size(), 0);
    QCOMPARE(c.value(u"is_blocked"_s).toBool(), false);
    QVERIFY(c.value(u"created_at"_s).toString().endsWith(u'Z'));

    // It is stored: the same on GET.
    const ApiResponse again = get(u"/v1/clients/%1"_s.arg(id));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.object(), c);

    const QList<QJsonObject> audit = auditFor(u"client.create"_s, id);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0].value(u"success"_s).toBool(), true);
    QCOMPARE(audit[0].value(u"entity_type"_s).toString(), u"Client"_s);
    QCOMPARE(audit[0].value(u"user_id"_s).toInteger(), m_adminId);
    const QJsonObject changes = audit[0].value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"phone_number"_s).toObject().value(u"to"_s).toString(), u"+573009999999"_s);
    QCOMPARE(stringsOf(changes.value(u"tags"_s).toObject().value(u"to"_s)), QStringList{u"prospecto"_s});
}

void tst_Clients::createNormalisesAndConflicts()
{
    // A national number is read in the default region (CO).
    const ApiResponse r = post(u"/v1/clients"_s, {{u"phone_number"_s, u"301 555 0101"_s}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.value(u"phone_number"_s).toString(), u"+573015550101"_s);
    const qint64 id = r.value(u"id"_s).toInteger();

    // The same number written differently is the same client.
    const ApiResponse dup = post(u"/v1/clients"_s, {{u"phone_number"_s, u"+57 (301) 555-0101"_s}});
    QCOMPARE(dup.status, 409);
    QCOMPARE(dup.errorCode(), QByteArray("CONFLICT"));
    QCOMPARE(m_server.count(u"clients"_s, u"phone_number = '+573015550101'"_s), 1);

    // Once deleted, the number is free again.
    QCOMPARE(m_server.request("DELETE", u"/v1/clients/%1"_s.arg(id), {}, m_admin).status, 204);
    QCOMPARE(post(u"/v1/clients"_s, {{u"phone_number"_s, u"3015550101"_s}}).status, 201);
}

void tst_Clients::createValidation_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("field");
    const QString ok = u"+573001110000"_s;
    QTest::addRow("missing-phone") << QJsonObject{{u"first_name"_s, u"Ana"_s}} << u"phone_number"_s;
    QTest::addRow("invalid-phone") << QJsonObject{{u"phone_number"_s, u"12345"_s}} << u"phone_number"_s;
    QTest::addRow("phone-not-text") << QJsonObject{{u"phone_number"_s, 573001110000.0}} << u"phone_number"_s;
    QTest::addRow("bad-email") << QJsonObject{{u"phone_number"_s, ok}, {u"email"_s, u"not-an-email"_s}} << u"email"_s;
    QTest::addRow("bad-lead-status") << QJsonObject{{u"phone_number"_s, ok}, {u"lead_status"_s, u"hot"_s}}
                                     << u"lead_status"_s;
    QTest::addRow("lead-score-range") << QJsonObject{{u"phone_number"_s, ok}, {u"lead_score"_s, 101}}
                                      << u"lead_score"_s;
    QTest::addRow("ltv-negative") << QJsonObject{{u"phone_number"_s, ok}, {u"ltv"_s, -1}} << u"ltv"_s;
    QTest::addRow("first-name-long") << QJsonObject{{u"phone_number"_s, ok}, {u"first_name"_s, QString(101, u'a')}}
                                     << u"first_name"_s;
    QTest::addRow("is-blocked-text") << QJsonObject{{u"phone_number"_s, ok}, {u"is_blocked"_s, u"yes"_s}}
                                     << u"is_blocked"_s;
    QTest::addRow("last-purchase-bad") << QJsonObject{{u"phone_number"_s, ok}, {u"last_purchase_at"_s, u"ayer"_s}}
                                       << u"last_purchase_at"_s;
    QTest::addRow("custom-not-object") << QJsonObject{{u"phone_number"_s, ok}, {u"custom_fields"_s, QJsonArray{1}}}
                                       << u"custom_fields"_s;
    QTest::addRow("custom-nested") << QJsonObject{{u"phone_number"_s, ok},
                                                  {u"custom_fields"_s, QJsonObject{{u"a"_s, QJsonObject{}}}}}
                                   << u"custom_fields"_s;
    QJsonObject many;
    for (int i = 0; i < 51; ++i)
        many.insert(u"k%1"_s.arg(i), i);
    QTest::addRow("custom-too-many") << QJsonObject{{u"phone_number"_s, ok}, {u"custom_fields"_s, many}}
                                     << u"custom_fields"_s;
    QTest::addRow("tags-not-array") << QJsonObject{{u"phone_number"_s, ok}, {u"tags"_s, u"vip"_s}} << u"tags"_s;
    QTest::addRow("tag-not-text") << QJsonObject{{u"phone_number"_s, ok}, {u"tags"_s, QJsonArray{1}}} << u"tags"_s;
    QTest::addRow("tag-too-long") << QJsonObject{{u"phone_number"_s, ok}, {u"tags"_s, QJsonArray{QString(51, u'x')}}}
                                  << u"tags"_s;
    QTest::addRow("tag-with-slash") << QJsonObject{{u"phone_number"_s, ok}, {u"tags"_s, QJsonArray{u"a/b"_s}}}
                                    << u"tags"_s;
}

void tst_Clients::createValidation()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, field);
    const qint64 before = m_server.count(u"clients"_s);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = post(u"/v1/clients"_s, body);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QVERIFY2(r.errorFields().contains(field), r.body.constData());
    QCOMPARE(m_server.count(u"clients"_s), before);
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"client.create"_s, mark);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().value(u"success"_s).toBool(), false);
    QCOMPARE(audit.first().value(u"status_code"_s).toInt(), 422);
}

void tst_Clients::createRefusals()
{
    const QJsonObject body{{u"phone_number"_s, u"+573001110001"_s}};
    const qint64 mark = m_server.auditMark();
    QCOMPARE(m_server.request("POST", u"/v1/clients"_s, body).status, 401);
    const QList<QJsonObject> refused = m_server.auditRowsSince(u"client.create"_s, mark);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().value(u"status_code"_s).toInt(), 401);
    // Agents may create clients.
    QCOMPARE(post(u"/v1/clients"_s, body, m_agent).status, 201);
}

// ---- read ----

void tst_Clients::getClient()
{
    const qint64 id = createClient({{u"phone_number"_s, u"+573001110002"_s},
                                    {u"address"_s, u"Calle 123 #45-67"_s},
                                    {u"ltv"_s, 500000},
                                    {u"total_purchases"_s, 3},
                                    {u"last_purchase_at"_s, u"2025-10-01T00:00:00Z"_s},
                                    {u"opt_in"_s, true},
                                    {u"notes"_s, u"Cliente muy importante"_s},
                                    {u"lead_score"_s, 75}});
    QVERIFY(id > 0);
    const ApiResponse r = get(u"/v1/clients/%1"_s.arg(id), m_agent);
    QCOMPARE(r.status, 200);
    const QJsonObject c = r.object();
    QCOMPARE(c.value(u"address"_s).toString(), u"Calle 123 #45-67"_s);
    QCOMPARE(c.value(u"ltv"_s).toInteger(), 500000);
    QCOMPARE(c.value(u"total_purchases"_s).toInt(), 3);
    QCOMPARE(c.value(u"last_purchase_at"_s).toString(), u"2025-10-01T00:00:00Z"_s);
    QCOMPARE(c.value(u"lead_score"_s).toInt(), 75);
    QCOMPARE(c.value(u"opt_in"_s).toBool(), true);
    QVERIFY(c.value(u"last_contact_at"_s).isNull());

    QCOMPARE(get(u"/v1/clients/999999"_s).status, 404);
    QCOMPARE(get(u"/v1/clients/999999"_s).errorCode(), QByteArray("NOT_FOUND"));
    QCOMPARE(m_server.request("GET", u"/v1/clients/%1"_s.arg(id)).status, 401);
}

// ---- update ----

void tst_Clients::updateClient()
{
    const qint64 id = createClient({{u"phone_number"_s, u"+573001110003"_s},
                                    {u"first_name"_s, u"Carlos"_s},
                                    {u"city"_s, u"Bogotá"_s},
                                    {u"segment"_s, u"regular"_s},
                                    {u"custom_fields"_s, QJsonObject{{u"cargo"_s, u"Gerente"_s}}}});
    QVERIFY(id > 0);
    const QString path = u"/v1/clients/%1"_s.arg(id);
    const QString createdUpdatedAt = get(path).value(u"updated_at"_s).toString();

    // Nothing changes: no write, updated_at stays.
    QCOMPARE(m_server.request("PUT", path, {{u"first_name"_s, u"Carlos"_s}}, m_agent).status, 200);
    QCOMPARE(auditFor(u"client.update"_s, id).first().value(u"changes"_s).toObject(), QJsonObject());

    const ApiResponse r = m_server.request("PUT", path,
                                           {{u"last_name"_s, u"Rodríguez"_s},
                                            {u"lead_status"_s, u"contacted"_s},
                                            {u"city"_s, QJsonValue()},
                                            {u"phone_number"_s, u"300 111 0004"_s},
                                            {u"tags"_s, QJsonArray{u"VIP"_s, u"recurrente"_s}}},
                                           m_agent);
    QCOMPARE(r.status, 200);
    const QJsonObject c = r.object();
    QCOMPARE(c.value(u"first_name"_s).toString(), u"Carlos"_s);   // not sent: unchanged
    QCOMPARE(c.value(u"last_name"_s).toString(), u"Rodríguez"_s);
    QCOMPARE(c.value(u"lead_status"_s).toString(), u"contacted"_s);
    QVERIFY(c.value(u"city"_s).isNull());
    QCOMPARE(c.value(u"segment"_s).toString(), u"regular"_s);
    QCOMPARE(c.value(u"phone_number"_s).toString(), u"+573001110004"_s);
    QCOMPARE(stringsOf(c.value(u"tags"_s)), (QStringList{u"recurrente"_s, u"vip"_s}));
    QCOMPARE(c.value(u"custom_fields"_s).toObject().value(u"cargo"_s).toString(), u"Gerente"_s);
    QCOMPARE(get(path).object(), c);
    QVERIFY(c.value(u"updated_at"_s).toString() >= createdUpdatedAt);

    const QJsonObject changes = auditFor(u"client.update"_s, id).first().value(u"changes"_s).toObject();
    QCOMPARE(keysOf(changes),
             (QSet<QString>{u"last_name"_s, u"lead_status"_s, u"city"_s, u"phone_number"_s, u"tags"_s}));
    QCOMPARE(changes.value(u"city"_s).toObject().value(u"from"_s).toString(), u"Bogotá"_s);
    QVERIFY(changes.value(u"city"_s).toObject().value(u"to"_s).isNull());
    QCOMPARE(changes.value(u"lead_status"_s).toObject().value(u"to"_s).toString(), u"contacted"_s);

    // Search follows the change.
    const ApiResponse found = get(u"/v1/clients?search=rodriguez"_s);
    QVERIFY(found.body.contains("+573001110004"));
}

void tst_Clients::updateRefusals()
{
    const qint64 a = createClient({{u"phone_number"_s, u"+573001110005"_s}});
    const qint64 b = createClient({{u"phone_number"_s, u"+573001110006"_s}});
    QVERIFY(a > 0 && b > 0);
    const QString path = u"/v1/clients/%1"_s.arg(b);
    const ApiResponse conflict = m_server.request("PUT", path, {{u"phone_number"_s, u"+573001110005"_s}}, m_admin);
    QCOMPARE(conflict.status, 409);
    const ApiResponse invalid = m_server.request("PUT", path, {{u"lead_score"_s, -3}, {u"email"_s, u"x@"_s}}, m_admin);
    QCOMPARE(invalid.status, 422);
    QCOMPARE(fieldsOf(invalid), (QSet<QString>{u"lead_score"_s, u"email"_s}));
    QCOMPARE(m_server.request("PUT", path, {{u"lead_status"_s, QJsonValue()}}, m_admin).status, 422);
    QCOMPARE(m_server.request("PUT", u"/v1/clients/999999"_s, {{u"first_name"_s, u"X"_s}}, m_admin).status, 404);
    QCOMPARE(m_server.request("PUT", path, {{u"first_name"_s, u"X"_s}}).status, 401);
    QCOMPARE(get(path).value(u"phone_number"_s).toString(), u"+573001110006"_s);
    QVERIFY(get(path).value(u"first_name"_s).isNull());
}

// ---- delete ----

void tst_Clients::deleteClient()
{
    const qint64 id = createClient(
        {{u"phone_number"_s, u"+573001110007"_s}, {u"first_name"_s, u"Borrable"_s}, {u"tags"_s, QJsonArray{u"x"_s}}});
    QVERIFY(id > 0);
    const QString path = u"/v1/clients/%1"_s.arg(id);

    const ApiResponse refused = m_server.request("DELETE", path, {}, m_agent);
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.errorCode(), QByteArray("FORBIDDEN"));
    const QJsonObject refusedRow = auditFor(u"client.delete"_s, id).first();
    QCOMPARE(refusedRow.value(u"success"_s).toBool(), false);
    QCOMPARE(refusedRow.value(u"user_id"_s).toInteger(), m_agentId);
    QCOMPARE(get(path).status, 200);

    QCOMPARE(m_server.request("DELETE", path, {}).status, 401);
    QCOMPARE(m_server.request("DELETE", path, {}, m_supervisor).status, 204);
    QCOMPARE(get(path).status, 404);
    QVERIFY(!get(u"/v1/clients?search=borrable"_s).body.contains("Borrable"));
    QCOMPARE(m_server.request("DELETE", path, {}, m_supervisor).status, 404);
    // Soft: the row and its tags stay for history.
    QCOMPARE(m_server.count(u"clients"_s, u"id = %1 AND deleted_at IS NOT NULL"_s.arg(id)), 1);
    QCOMPARE(m_server.count(u"client_tags"_s, u"client_id = %1"_s.arg(id)), 1);

    const QList<QJsonObject> audit = auditFor(u"client.delete"_s, id);
    QCOMPARE(audit.first().value(u"success"_s).toBool(), false);   // the second delete: 404
    QCOMPARE(audit[1].value(u"success"_s).toBool(), true);
    QVERIFY(audit[1].value(u"changes"_s).toObject().contains(u"deleted_at"_s));
}

// ---- tags ----

void tst_Clients::tags()
{
    const qint64 id = createClient({{u"phone_number"_s, u"+573001110008"_s}});
    QVERIFY(id > 0);
    const QString path = u"/v1/clients/%1/tags"_s.arg(id);

    ApiResponse r = post(path, {{u"tag"_s, u"  VIP "_s}}, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(stringsOf(r.value(u"tags"_s)), QStringList{u"vip"_s});
    QJsonObject changes = auditFor(u"client.tag_add"_s, id).first().value(u"changes"_s).toObject();
    QCOMPARE(stringsOf(changes.value(u"tags"_s).toObject().value(u"to"_s)), QStringList{u"vip"_s});

    // Idempotent.
    r = post(path, {{u"tag"_s, u"vip"_s}}, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(stringsOf(r.value(u"tags"_s)), QStringList{u"vip"_s});
    QCOMPARE(m_server.count(u"client_tags"_s, u"client_id = %1"_s.arg(id)), 1);

    r = post(path, {{u"tag"_s, u"Español"_s}});
    QCOMPARE(stringsOf(r.value(u"tags"_s)), (QStringList{u"español"_s, u"vip"_s}));

    QCOMPARE(post(path, {{u"tag"_s, u"  "_s}}).status, 422);
    QCOMPARE(post(path, {}).errorFields(), QStringList{u"tag"_s});
    QCOMPARE(post(path, {{u"tag"_s, QString(51, u'a')}}).status, 422);
    QCOMPARE(post(u"/v1/clients/999999/tags"_s, {{u"tag"_s, u"vip"_s}}).status, 404);
    QCOMPARE(m_server.request("POST", path, {{u"tag"_s, u"vip"_s}}).status, 401);

    // The path carries the tag percent-encoded (ñ travels as %C3%B1) and any case.
    r = m_server.request("DELETE", path + u"/ESPAÑOL"_s, {}, m_agent);
    QCOMPARE(r.status, 204);
    QCOMPARE(stringsOf(get(u"/v1/clients/%1"_s.arg(id)).value(u"tags"_s)), QStringList{u"vip"_s});
    changes = auditFor(u"client.tag_remove"_s, id).first().value(u"changes"_s).toObject();
    QCOMPARE(stringsOf(changes.value(u"tags"_s).toObject().value(u"from"_s)), (QStringList{u"español"_s, u"vip"_s}));
    QCOMPARE(stringsOf(changes.value(u"tags"_s).toObject().value(u"to"_s)), QStringList{u"vip"_s});

    QCOMPARE(m_server.request("DELETE", path + u"/espa%25C3%25B1ol"_s, {}, m_agent).status,
             404);   // literally "%C3%B1", not there
    QCOMPARE(m_server.request("DELETE", path + u"/español"_s, {}, m_agent).status, 404);   // already removed
    QCOMPARE(m_server.request("DELETE", u"/v1/clients/999999/tags/vip"_s, {}, m_agent).status, 404);
    QCOMPARE(m_server.request("DELETE", path + u"/vip"_s, {}).status, 401);
    QCOMPARE(auditFor(u"client.tag_remove"_s, id).first().value(u"success"_s).toBool(), false);
}

// ---- list ----

void tst_Clients::listFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");   // fixture first names, in answer order (newest first)
    QTest::addRow("search-accent") << u"search=jose"_s << QStringList{u"Josefina"_s, u"José"_s};
    QTest::addRow("search-accented-term") << u"search=%1"_s.arg(encoded(u"NÚÑEZ"_s)) << QStringList{u"José"_s};
    QTest::addRow("search-phone-fragment") << u"search=3200000002"_s << QStringList{u"María"_s};
    QTest::addRow("search-company") << u"search=acme"_s << QStringList{u"María"_s};
    QTest::addRow("search-email") << u"search=josefina@fixture"_s << QStringList{u"Josefina"_s};
    QTest::addRow("lead-status") << u"lead_status=contacted"_s << QStringList{u"Josefina"_s, u"José"_s};
    QTest::addRow("segment") << u"segment=vip"_s << QStringList{u"Pedro"_s, u"José"_s};
    QTest::addRow("tag") << u"tag=vip"_s << QStringList{u"Josefina"_s, u"José"_s};
    QTest::addRow("tag-any-case") << u"tag=Recurrente"_s << QStringList{u"José"_s};
    QTest::addRow("is-blocked") << u"is_blocked=true"_s << QStringList{u"Josefina"_s};
    QTest::addRow("combined") << u"lead_status=contacted&segment=regular&tag=vip&is_blocked=true&search=ruiz"_s
                              << QStringList{u"Josefina"_s};
    QTest::addRow("combined-none") << u"lead_status=won&tag=vip"_s << QStringList{};
}

void tst_Clients::listFilters()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    const ApiResponse r = get(u"/v1/clients?limit=100&"_s + query, m_agent);
    QCOMPARE(r.status, 200);
    QStringList fixtureNames;
    for (const QJsonValue &v : r.value(u"data"_s).toArray()) {
        const QJsonObject c = v.toObject();
        if (c.value(u"phone_number"_s).toString().startsWith(u"+57320000000"_s))
            fixtureNames.append(c.value(u"first_name"_s).toString());
    }
    QCOMPARE(fixtureNames, expected);
}

void tst_Clients::listShapeAndPages()
{
    const ApiResponse r = get(u"/v1/clients?search=3200000001"_s);
    QCOMPARE(r.status, 200);
    const QJsonArray data = r.value(u"data"_s).toArray();
    QCOMPARE(data.size(), 1);
    const QJsonObject item = data.first().toObject();
    const QSet<QString> expected{u"id"_s,          u"phone_number"_s,    u"first_name"_s, u"last_name"_s,
                                 u"email"_s,       u"company"_s,         u"city"_s,       u"country"_s,
                                 u"lead_status"_s, u"lead_score"_s,      u"segment"_s,    u"tags"_s,
                                 u"total_chats"_s, u"last_contact_at"_s, u"created_at"_s};
    QCOMPARE(keysOf(item), expected);
    QCOMPARE(stringsOf(item.value(u"tags"_s)), (QStringList{u"recurrente"_s, u"vip"_s}));
    QCOMPARE(item.value(u"total_chats"_s).toInt(), 0);
    const QJsonObject meta = r.value(u"meta"_s).toObject();
    QCOMPARE(meta.value(u"total"_s).toInt(), 1);
    QCOMPARE(meta.value(u"current_page"_s).toInt(), 1);
    QCOMPARE(meta.value(u"per_page"_s).toInt(), 20);

    // Pages of the fixture (search "+57320" matches its four numbers only).
    const ApiResponse p1 = get(u"/v1/clients?search=57320&limit=3&page=1"_s);
    const ApiResponse p2 = get(u"/v1/clients?search=57320&limit=3&page=2"_s);
    QCOMPARE(p1.value(u"data"_s).toArray().size(), 3);
    QCOMPARE(p2.value(u"data"_s).toArray().size(), 1);
    QCOMPARE(p2.value(u"meta"_s).toObject().value(u"total"_s).toInt(), 4);
    QCOMPARE(p2.value(u"meta"_s).toObject().value(u"total_pages"_s).toInt(), 2);
    QCOMPARE(m_server.request("GET", u"/v1/clients"_s).status, 401);
}

// total_chats in the list (every chat) and chats in the detail (the ones the caller may see,
// newest first, at most 20). Chats arrive with inbound delivery: fixtures go into the database.
void tst_Clients::chatsOfClients()
{
    constexpr qint64 kBase = 1763078400;   // 2025-11-14T00:00:00Z
    const qint64 now = nowSeconds();
    const qint64 many = createClient({{u"phone_number"_s, phone(330, 1)}});
    const qint64 one = createClient({{u"phone_number"_s, phone(330, 2)}});
    const qint64 crowd = createClient({{u"phone_number"_s, phone(330, 3)}});
    const qint64 none = createClient({{u"phone_number"_s, phone(330, 4)}});
    const qint64 campaign = insertId("INSERT INTO campaigns (name, code, search_text, created_at, updated_at) "
                                     "VALUES ('Ventas', 'CLIENT-CHATS', 'ventas', ?, ?) RETURNING id",
                                     {now, now});
    QVERIFY(many && one && crowd && none && campaign);
    QList<qint64> numbers;
    for (int i = 1; i <= 3; ++i) {
        numbers.append(insertId("INSERT INTO whatsapp_numbers (phone_number, provider, created_at, updated_at) "
                                "VALUES (?, 'meta', ?, ?) RETURNING id",
                                {phone(331, i), now, now}));
        QVERIFY(numbers.last());
    }
    SqlQuery member(m_server.db(), "INSERT INTO campaign_agents (campaign_id, user_id, created_at) VALUES (?, ?, ?)",
                    {campaign, m_agentId, now});
    QVERIFY(member.exec());
    const auto chat = [&](qint64 client, qint64 number, const char *status, qint64 agent, qint64 createdAt) {
        return insertId("INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, status, "
                        "created_at, last_activity_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        {client, campaign, number, nullIfZero(agent), QString::fromLatin1(status), createdAt,
                         createdAt});
    };
    // Of `many`'s chats the agent sees its own (active) and the campaign's queued one.
    const qint64 closed = chat(many, numbers[0], "closed", m_adminId, kBase);
    const qint64 own = chat(many, numbers[0], "active", m_agentId, kBase + 100);
    const qint64 queued = chat(many, numbers[1], "queued", 0, kBase + 200);
    const qint64 others = chat(many, numbers[2], "assigned", m_adminId, kBase + 300);
    QVERIFY(closed && own && queued && others);
    QVERIFY(chat(one, numbers[0], "new", 0, kBase));
    for (int i = 0; i < 22; ++i)
        QVERIFY(chat(crowd, numbers[0], "closed", m_adminId, kBase + i));

    // The list: one page with all four clients.
    const ApiResponse list = get(u"/v1/clients?search=57330"_s, m_agent);
    QCOMPARE(list.status, 200);
    QHash<qint64, int> totals;
    for (const QJsonValue &v : list.value(u"data"_s).toArray())
        totals.insert(v.toObject().value(u"id"_s).toInteger(), v.toObject().value(u"total_chats"_s).toInt());
    QCOMPARE(totals, (QHash<qint64, int>{{many, 4}, {one, 1}, {crowd, 22}, {none, 0}}));

    const auto chatIds = [](const QJsonObject &client) {
        QList<qint64> ids;
        for (const QJsonValue &v : client.value(u"chats"_s).toArray())
            ids.append(v.toObject().value(u"id"_s).toInteger());
        return ids;
    };
    ApiResponse r = get(u"/v1/clients/%1"_s.arg(many), m_supervisor);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"total_chats"_s).toInt(), 4);
    QCOMPARE(chatIds(r.object()), (QList<qint64>{others, queued, own, closed}));
    const QJsonObject first = r.value(u"chats"_s).toArray().first().toObject();
    QCOMPARE(keysOf(first), (QSet<QString>{u"id"_s, u"status"_s, u"created_at"_s}));
    QCOMPARE(first.value(u"status"_s).toString(), u"assigned"_s);
    QCOMPARE(first.value(u"created_at"_s).toString(), u"2025-11-14T00:05:00Z"_s);

    r = get(u"/v1/clients/%1"_s.arg(many), m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(chatIds(r.object()), (QList<qint64>{queued, own}));
    QCOMPARE(r.value(u"total_chats"_s).toInt(), 4);

    r = get(u"/v1/clients/%1"_s.arg(crowd));
    QCOMPARE(r.value(u"total_chats"_s).toInt(), 22);
    const QJsonArray newest = r.value(u"chats"_s).toArray();
    QCOMPARE(newest.size(), 20);
    QCOMPARE(newest.first().toObject().value(u"created_at"_s).toString(), u"2025-11-14T00:00:21Z"_s);
    QCOMPARE(newest.last().toObject().value(u"created_at"_s).toString(), u"2025-11-14T00:00:02Z"_s);

    r = get(u"/v1/clients/%1"_s.arg(none));
    QCOMPARE(r.value(u"total_chats"_s).toInt(), 0);
    QCOMPARE(r.value(u"chats"_s).toArray().size(), 0);
    // A deleted client's chats are not shown: the client is gone (404).
    QCOMPARE(m_server.request("DELETE", u"/v1/clients/%1"_s.arg(one), {}, m_admin).status, 204);
    QCOMPARE(get(u"/v1/clients/%1"_s.arg(one)).status, 404);
}

void tst_Clients::listValidation_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::addRow("limit-too-big") << u"limit=101"_s << u"limit"_s;
    QTest::addRow("bad-lead-status") << u"lead_status=hot"_s << u"lead_status"_s;
    QTest::addRow("bad-is-blocked") << u"is_blocked=maybe"_s << u"is_blocked"_s;
    QTest::addRow("tag-too-long") << u"tag=%1"_s.arg(QString(51, u'a')) << u"tag"_s;
}

void tst_Clients::listValidation()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    const ApiResponse r = get(u"/v1/clients?"_s + query);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{field});
}

// ---- import ----

void tst_Clients::importCsv()
{
    // BOM, semicolons, a quoted cell with the separator, a comma, a quote and a line break, tags
    // with both separators, an unknown column that becomes a custom field.
    const QByteArray csv =
        "\xEF\xBB\xBF"
        "Phone Number;First Name;last_name;email;company;lead_status;segment;tags;Industria\r\n"
        "+573101000001;Lucía;\"Pérez; Gómez\";lucia@import.test;\"Acme, \"\"Inc\"\"\";contacted;vip;vip|Recurrente;Tecnología\r\n"
        "3101000002;Andrés;Mejía;;\"Línea 1\nLínea 2\";new;;prospecto;\r\n"
        "\r\n"
        "+573101000003;Sofía;;;;;;;\r\n";
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = importFile(csv, m_supervisor);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"imported"_s).toInt(), 3);
    QCOMPARE(r.value(u"updated"_s).toInt(), 0);
    QCOMPARE(r.value(u"skipped"_s).toInt(), 0);
    QCOMPARE(r.value(u"errors"_s).toArray().size(), 0);

    const QJsonObject lucia = clientByPhone(u"+573101000001"_s);
    QCOMPARE(lucia.value(u"first_name"_s).toString(), u"Lucía"_s);
    QCOMPARE(lucia.value(u"last_name"_s).toString(), u"Pérez; Gómez"_s);
    QCOMPARE(lucia.value(u"company"_s).toString(), u"Acme, \"Inc\""_s);
    QCOMPARE(lucia.value(u"lead_status"_s).toString(), u"contacted"_s);
    QCOMPARE(stringsOf(lucia.value(u"tags"_s)), (QStringList{u"recurrente"_s, u"vip"_s}));
    QCOMPARE(lucia.value(u"custom_fields"_s).toObject(), (QJsonObject{{u"Industria"_s, u"Tecnología"_s}}));
    const QJsonObject andres = clientByPhone(u"+573101000002"_s);
    QCOMPARE(andres.value(u"company"_s).toString(), u"Línea 1\nLínea 2"_s);
    QVERIFY(andres.value(u"email"_s).isNull());
    QCOMPARE(andres.value(u"custom_fields"_s).toObject(), QJsonObject());
    QCOMPARE(clientByPhone(u"+573101000003"_s).value(u"lead_status"_s).toString(), u"new"_s);

    const QList<QJsonObject> imports = m_server.auditRowsSince(u"client.import"_s, mark);
    QCOMPARE(imports.size(), 1);
    const QJsonObject audit = imports.first();
    QCOMPARE(audit.value(u"success"_s).toBool(), true);
    QCOMPARE(audit.value(u"entity_type"_s).toString(), u"Client"_s);
    QCOMPARE(audit.value(u"changes"_s).toObject(),
             (QJsonObject{{u"rows"_s, 3}, {u"imported"_s, 3}, {u"updated"_s, 0}, {u"skipped"_s, 0}, {u"errors"_s, 0}}));

    // text/csv works as well.
    const ApiResponse plain =
        m_server.requestRaw("POST", u"/v1/clients/import"_s, "phone_number,first_name\n+573101000004,Plain\n",
                            "text/csv", m_admin);
    QCOMPARE(plain.status, 200);
    QCOMPARE(plain.value(u"imported"_s).toInt(), 1);
}

void tst_Clients::importRowErrors()
{
    // Line numbers count the header as 1 and follow line breaks inside quoted cells.
    const QByteArray csv = "phone_number,first_name,email,lead_status,notes\n"
                           "+573102000001,Bien,,,\"multi\nline\nnote\"\n"   // lines 2-4
                           "12345,Malo,,,\n"                                // line 5: invalid phone
                           "+573102000003,Correo,no-es-correo,,\n"          // line 6: bad email
                           ",Sin,,,\n"                                      // line 7: no phone
                           "+573102000005,Estado,,caliente,\n"              // line 8: lead status
                           "+573102000006,Bien2,,,\n";
    const ApiResponse r =
        m_server.requestRaw("POST", u"/v1/clients/import"_s, multipart(csv),
                            "multipart/form-data; boundary=" + kBoundary, m_admin, {{"Accept-Language", "en"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"imported"_s).toInt(), 2);
    QCOMPARE(r.value(u"skipped"_s).toInt(), 4);
    const QJsonArray errors = r.value(u"errors"_s).toArray();
    QCOMPARE(errors.size(), 4);
    const QList<QPair<int, QString>> expected{{5, u"phone_number"_s},
                                              {6, u"email"_s},
                                              {7, u"phone_number"_s},
                                              {8, u"lead_status"_s}};
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QJsonObject e = errors[i].toObject();
        QCOMPARE(e.value(u"row"_s).toInt(), expected[i].first);
        QCOMPARE(e.value(u"field"_s).toString(), expected[i].second);
        QVERIFY(!e.value(u"error"_s).toString().isEmpty());
    }
    QCOMPARE(errors[0].toObject().value(u"error"_s).toString(), u"Must be a valid phone number"_s);
    // A bad row leaves nothing of itself.
    QCOMPARE(m_server.count(u"clients"_s, u"phone_number IN ('+573102000003', '+573102000005')"_s), 0);
    QCOMPARE(clientByPhone(u"+573102000001"_s).value(u"notes"_s).toString(), u"multi\nline\nnote"_s);
    QCOMPARE(clientByPhone(u"+573102000006"_s).value(u"first_name"_s).toString(), u"Bien2"_s);
}

void tst_Clients::importDryRun()
{
    // A preview: what the import would do, with its row errors, and nothing written.
    const qint64 existing = createClient({{u"phone_number"_s, u"+573109900001"_s}, {u"first_name"_s, u"Antes"_s}});
    QVERIFY(existing > 0);
    const QByteArray csv = "phone_number,first_name\n"
                           "+573109900001,Despues\n"   // updates the existing client
                           "+573109900002,Nuevo\n"
                           "12345,Malo\n";   // line 4: invalid phone
    const qint64 clients = m_server.count(u"clients"_s);
    const qint64 mark = m_server.auditMark();
    const auto send = [&](const QString &query) {
        return m_server.requestRaw("POST", u"/v1/clients/import"_s + query, multipart(csv),
                                   "multipart/form-data; boundary=" + kBoundary, m_admin);
    };
    const ApiResponse preview = send(u"?dry_run=true"_s);
    QCOMPARE(preview.status, 200);
    QCOMPARE(preview.value(u"dry_run"_s), QJsonValue(true));
    QCOMPARE(preview.value(u"imported"_s).toInt(), 1);
    QCOMPARE(preview.value(u"updated"_s).toInt(), 1);
    QCOMPARE(preview.value(u"skipped"_s).toInt(), 1);
    const QJsonArray errors = preview.value(u"errors"_s).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].toObject().value(u"row"_s).toInt(), 4);
    QCOMPARE(errors[0].toObject().value(u"field"_s).toString(), u"phone_number"_s);
    QCOMPARE(m_server.count(u"clients"_s), clients);
    QCOMPARE(clientByPhone(u"+573109900001"_s).value(u"first_name"_s).toString(), u"Antes"_s);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"client.import"_s, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"changes"_s).toObject().value(u"dry_run"_s), QJsonValue(true));
    QCOMPARE(rows.first().value(u"changes"_s).toObject().value(u"imported"_s).toInt(), 1);

    // A wrong value is a 422; without the flag the same file is imported as previewed.
    const ApiResponse wrong = send(u"?dry_run=maybe"_s);
    QCOMPARE(wrong.status, 422);
    QCOMPARE(wrong.errorFields(), QStringList{u"dry_run"_s});
    const ApiResponse done = send(QString());
    QCOMPARE(done.status, 200);
    QVERIFY(!done.object().contains(u"dry_run"_s));
    QCOMPARE(done.value(u"imported"_s).toInt(), 1);
    QCOMPARE(done.value(u"updated"_s).toInt(), 1);
    QCOMPARE(m_server.count(u"clients"_s), clients + 1);
    QCOMPARE(clientByPhone(u"+573109900001"_s).value(u"first_name"_s).toString(), u"Despues"_s);
}

void tst_Clients::importExistingPhone()
{
    const qint64 id = createClient({{u"phone_number"_s, u"+573103000001"_s},
                                    {u"first_name"_s, u"Original"_s},
                                    {u"last_name"_s, u"Apellido"_s},
                                    {u"city"_s, u"Cali"_s},
                                    {u"custom_fields"_s, QJsonObject{{u"a"_s, u"1"_s}}},
                                    {u"tags"_s, QJsonArray{u"old"_s}}});
    QVERIFY(id > 0);
    const qint64 same = createClient({{u"phone_number"_s, u"+573103000002"_s}, {u"first_name"_s, u"Igual"_s}});
    QVERIFY(same > 0);
    const QByteArray csv = "phone_number,first_name,last_name,city,tags,b\n"
                           "3103000001,Nuevo,,,new,2\n"     // updates: first_name, tag, custom b
                           "+573103000002,Igual,,,,\n"      // nothing new: skipped
                           "+573103000003,Primero,,,,\n"    // created …
                           "+573103000003,,Segundo,,,\n";   // … then updated by the later row
    const ApiResponse r = importFile(csv);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"imported"_s).toInt(), 1);
    QCOMPARE(r.value(u"updated"_s).toInt(), 2);
    QCOMPARE(r.value(u"skipped"_s).toInt(), 1);

    const QJsonObject c = get(u"/v1/clients/%1"_s.arg(id)).object();
    QCOMPARE(c.value(u"first_name"_s).toString(), u"Nuevo"_s);
    QCOMPARE(c.value(u"last_name"_s).toString(), u"Apellido"_s);   // empty cells never erase
    QCOMPARE(c.value(u"city"_s).toString(), u"Cali"_s);
    QCOMPARE(stringsOf(c.value(u"tags"_s)), (QStringList{u"new"_s, u"old"_s}));
    QCOMPARE(c.value(u"custom_fields"_s).toObject(), (QJsonObject{{u"a"_s, u"1"_s}, {u"b"_s, u"2"_s}}));
    QCOMPARE(m_server.count(u"clients"_s, u"phone_number = '+573103000003'"_s), 1);
    const QJsonObject third = clientByPhone(u"+573103000003"_s);
    QCOMPARE(third.value(u"first_name"_s).toString(), u"Primero"_s);
    QCOMPARE(third.value(u"last_name"_s).toString(), u"Segundo"_s);
}

void tst_Clients::importFileErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    const QByteArray mp = "multipart/form-data; boundary=" + kBoundary;
    QTest::addRow("no-phone-column") << multipart("first_name,email\nAna,a@b.co\n") << mp << 422 << u"file"_s;
    QTest::addRow("empty-file") << multipart("") << mp << 422 << u"file"_s;
    QTest::addRow("no-file-part") << multipart("phone_number\n+573104000001\n", "other") << mp << 422 << u"file"_s;
    QTest::addRow("not-utf8") << multipart("phone_number,first_name\n+573104000001,Jos\xe9\n") << mp << 422
                              << u"file"_s;
    QTest::addRow("json-body") << QByteArray("{}") << QByteArray("application/json") << 400 << QString();
    QTest::addRow("no-boundary") << multipart("phone_number\n") << QByteArray("multipart/form-data") << 400
                                 << QString();
}

void tst_Clients::importFileErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, field);
    const qint64 before = m_server.count(u"clients"_s);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.requestRaw("POST", u"/v1/clients/import"_s, body, contentType, m_admin);
    QCOMPARE(r.status, status);
    if (!field.isEmpty())
        QCOMPARE(r.errorFields(), QStringList{field});
    QCOMPARE(m_server.count(u"clients"_s), before);
    const QList<QJsonObject> imports = m_server.auditRowsSince(u"client.import"_s, mark);
    QCOMPARE(imports.size(), 1);
    const QJsonObject audit = imports.first();
    QCOMPARE(audit.value(u"success"_s).toBool(), false);
    QCOMPARE(audit.value(u"status_code"_s).toInt(), status);
}

void tst_Clients::importRefusals()
{
    const QByteArray csv = "phone_number\n+573105000001\n";
    const qint64 mark = m_server.auditMark();
    QCOMPARE(importFile(csv, m_agent).status, 403);
    const QList<QJsonObject> refused = m_server.auditRowsSince(u"client.import"_s, mark);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().value(u"status_code"_s).toInt(), 403);
    QCOMPARE(m_server
                 .requestRaw("POST", u"/v1/clients/import"_s, multipart(csv),
                             "multipart/form-data; boundary=" + kBoundary)
                 .status,
             401);
    QCOMPARE(m_server.count(u"clients"_s, u"phone_number = '+573105000001'"_s), 0);
}

void tst_Clients::importTooLarge()
{
    TestServer small;
    QVERIFY(small.start({{u"CONVERSA_MAX_UPLOAD_BYTES"_s, u"4096"_s}}));
    const QByteArray token = small.tokenFor(u"admin"_s);
    QByteArray csv = "phone_number,notes\n+573107000001," + QByteArray(5000, 'x') + "\n";
    const ApiResponse r = small.requestRaw("POST", u"/v1/clients/import"_s, multipart(csv),
                                           "multipart/form-data; boundary=" + kBoundary, token);
    QCOMPARE(r.status, 413);
    QCOMPARE(r.errorCode(), QByteArray("PAYLOAD_TOO_LARGE"));
    QCOMPARE(small.count(u"clients"_s), 0);
    // Just under the limit is fine.
    csv = "phone_number,notes\n+573107000001," + QByteArray(3000, 'x') + "\n";
    QCOMPARE(small
                 .requestRaw("POST", u"/v1/clients/import"_s, multipart(csv),
                             "multipart/form-data; boundary=" + kBoundary, token)
                 .status,
             200);
    QCOMPARE(small.count(u"clients"_s), 1);
    small.stop();
}

void tst_Clients::importTenThousandRows()
{
    QByteArray csv = "phone_number,first_name,last_name,email,city,lead_status,tags,origen\n";
    csv.reserve(1 << 20);
    for (int i = 0; i < 10000; ++i) {
        csv += phone(311, i).toLatin1() + ",Nombre" + QByteArray::number(i) + ",Apellido,persona" +
            QByteArray::number(i) + "@bulk.test,Bogotá,new,bulk|lote" + QByteArray::number(i % 10) + ",feria\n";
    }
    QElapsedTimer timer;
    timer.start();
    const ApiResponse r = importFile(csv);
    const qint64 ms = timer.elapsed();
    qInfo("10,000-row import on %s: %lld ms", qPrintable(TestServer::engine()), ms);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"imported"_s).toInt(), 10000);
    QCOMPARE(r.value(u"errors"_s).toArray().size(), 0);
    QVERIFY2(ms < 30000, qPrintable(u"took %1 ms"_s.arg(ms)));   // a sanity bound, not the figure
    QCOMPARE(m_server.count(u"clients"_s, u"email LIKE '%@bulk.test' AND deleted_at IS NULL"_s), 10000);
    QCOMPARE(get(u"/v1/clients?tag=lote3&limit=1"_s).value(u"meta"_s).toObject().value(u"total"_s).toInt(), 1000);
}

// ---- export ----

void tst_Clients::exportCsv()
{
    const qint64 id = createClient({{u"phone_number"_s, u"+573106000001"_s},
                                    {u"first_name"_s, u"Exportada"_s},
                                    {u"last_name"_s, u"Díaz, \"La Jefa\""_s},
                                    {u"notes"_s, u"línea 1\nlínea 2"_s},
                                    {u"company"_s, u"=HYPERLINK(\"x\")"_s},
                                    {u"lead_status"_s, u"proposal"_s},
                                    {u"segment"_s, u"export-seg"_s},
                                    {u"tags"_s, QJsonArray{u"b"_s, u"a"_s}},
                                    {u"custom_fields"_s, QJsonObject{{u"k"_s, 1}}}});
    QVERIFY(id > 0);
    QVERIFY(createClient({{u"phone_number"_s, u"+573106000002"_s},
                          {u"first_name"_s, u"Otra"_s},
                          {u"lead_status"_s, u"new"_s},
                          {u"segment"_s, u"export-seg"_s}}) > 0);

    const qint64 mark = m_server.auditMark();
    const ApiResponse r = get(u"/v1/clients/export?format=csv&segment=export-seg&lead_status=proposal"_s, m_supervisor);
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Content-Type").startsWith("text/csv"));
    QVERIFY(r.header("Content-Disposition").startsWith("attachment; filename=\"clients-"));
    QCOMPARE(r.header("X-Export-Rows"), QByteArray("1"));
    QVERIFY(r.body.startsWith("\xEF\xBB\xBF"
                              "id,phone_number,first_name,last_name,email,company,city,country,address,"
                              "lead_status,lead_score,ltv,total_purchases,last_purchase_at,segment,tags,notes,"
                              "is_blocked,opt_in,custom_fields,last_contact_at,created_at\r\n"));
    const QByteArray row = r.body.mid(r.body.indexOf("\r\n") + 2);
    const QByteArray expectedRow = QByteArray::number(id) +
        ",'+573106000001,Exportada,\"Díaz, \"\"La Jefa\"\"\",,"
        "\"'=HYPERLINK(\"\"x\"\")\",,,,proposal,0,0,0,,export-seg,a|b,\"línea 1\nlínea 2\",false,false,"
        "\"{\"\"k\"\":1}\",,";
    QVERIFY2(row.startsWith(expectedRow), row.constData());
    QVERIFY(row.endsWith("Z\r\n"));
    QVERIFY(!r.body.contains("Otra"));

    // Search and tag filters apply too.
    const ApiResponse bySearch = get(u"/v1/clients/export?search=exportada&tag=a"_s, m_supervisor);
    QCOMPARE(bySearch.header("X-Export-Rows"), QByteArray("1"));
    QCOMPARE(get(u"/v1/clients/export?search=exportada&tag=zzz"_s).header("X-Export-Rows"), QByteArray("0"));

    const QList<QJsonObject> exports = m_server.auditRowsSince(u"client.export"_s, mark);
    QCOMPARE(exports.size(), 3);   // this one, then the two filtered ones
    const QJsonObject audit = exports.at(2);
    QCOMPARE(audit.value(u"success"_s).toBool(), true);
    QCOMPARE(audit.value(u"changes"_s).toObject().value(u"rows"_s).toInt(), 1);
    QCOMPARE(audit.value(u"changes"_s).toObject().value(u"filters"_s).toObject(),
             (QJsonObject{{u"segment"_s, u"export-seg"_s}, {u"lead_status"_s, u"proposal"_s}}));

    // What the export writes imports back unchanged (formula guard and JSON custom fields included).
    SqlQuery del(m_server.db(), "UPDATE clients SET deleted_at = ? WHERE id = ?", {nowSeconds(), id});
    QVERIFY(del.exec());
    const ApiResponse back = importFile(r.body);
    QCOMPARE(back.status, 200);
    QCOMPARE(back.value(u"imported"_s).toInt(), 1);
    const QJsonObject again = clientByPhone(u"+573106000001"_s);
    QCOMPARE(again.value(u"last_name"_s).toString(), u"Díaz, \"La Jefa\""_s);
    QCOMPARE(again.value(u"company"_s).toString(), u"=HYPERLINK(\"x\")"_s);
    QCOMPARE(again.value(u"notes"_s).toString(), u"línea 1\nlínea 2"_s);
    QCOMPARE(stringsOf(again.value(u"tags"_s)), (QStringList{u"a"_s, u"b"_s}));
    QCOMPARE(again.value(u"custom_fields"_s).toObject(), (QJsonObject{{u"k"_s, 1}}));
}

void tst_Clients::exportRefusals()
{
    const qint64 mark = m_server.auditMark();
    QCOMPARE(get(u"/v1/clients/export"_s, m_agent).status, 403);
    const QList<QJsonObject> exports = m_server.auditRowsSince(u"client.export"_s, mark);
    QCOMPARE(exports.size(), 1);
    const QJsonObject refused = exports.first();
    QCOMPARE(refused.value(u"success"_s).toBool(), false);
    QCOMPARE(refused.value(u"status_code"_s).toInt(), 403);
    QCOMPARE(m_server.request("GET", u"/v1/clients/export"_s).status, 401);
    const ApiResponse bad = get(u"/v1/clients/export?format=xlsx&lead_status=hot"_s);
    QCOMPARE(bad.status, 422);
    QCOMPARE(fieldsOf(bad), (QSet<QString>{u"format"_s, u"lead_status"_s}));
}

// More matches than a search page is looked up for (then the list walks newest first), and few
// (then the search index answers): same results, totals follow edits and deletes.
void tst_Clients::searchAtScale()
{
    QList<qint64> ids;   // oldest first
    {
        Transaction tx(m_server.db());
        const qint64 now = nowSeconds();
        for (int i = 0; i < 2100; ++i) {
            const QString first = u"Zacarías"_s;
            const QString last = u"Lote %1"_s.arg(i, 4, 10, QChar(u'0'));
            const QString phone = u"+57316%1"_s.arg(i, 7, 10, QChar(u'0'));
            ids.append(
                insertId("INSERT INTO clients (phone_number, first_name, last_name, segment, search_text, "
                         "custom_fields, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '{}', ?, ?) RETURNING id",
                         {phone, first, last, i % 2 ? u"vip"_s : u"regular"_s, SearchText::of({first, last, phone}),
                          now, now}));
            QVERIFY(ids.last());
        }
        QVERIFY(tx.commit());
    }
    const auto idsOf = [](const ApiResponse &r) {
        QList<qint64> out;
        for (const QJsonValue &v : r.value(u"data"_s).toArray())
            out.append(v.toObject().value(u"id"_s).toInteger());
        return out;
    };
    const auto totalOf = [](const ApiResponse &r) {
        return r.value(u"meta"_s).toObject().value(u"total"_s).toInteger();
    };
    const QList<qint64> newest(ids.crbegin(), ids.crend());

    ApiResponse r = get(u"/v1/clients?search=ZACARIAS&limit=25"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(totalOf(r), 2100);
    QCOMPARE(idsOf(r), newest.mid(0, 25));
    r = get(u"/v1/clients?search=zacarias&limit=25&page=84"_s);
    QCOMPARE(idsOf(r), newest.mid(83 * 25, 25));
    r = get(u"/v1/clients?search=zacarias&segment=vip&limit=10"_s);
    QCOMPARE(totalOf(r), 1050);
    QCOMPARE(idsOf(r).first(), newest.first());             // the last one inserted (2099) is odd: vip
    r = get(u"/v1/clients?search=lote%2000&limit=100"_s);   // "lote 00": 0000–0099
    QCOMPARE(totalOf(r), 100);
    QCOMPARE(idsOf(r), newest.mid(2000, 100));
    QCOMPARE(totalOf(get(u"/v1/clients?search=lote%200042"_s)), 1);
    QCOMPARE(totalOf(get(u"/v1/clients?search=lote%200042&segment=vip"_s)), 0);

    // Edits and deletes reach the search at once.
    QCOMPARE(m_server.request("DELETE", u"/v1/clients/%1"_s.arg(ids.at(42)), {}, m_supervisor).status, 204);
    QCOMPARE(totalOf(get(u"/v1/clients?search=lote%200042"_s)), 0);
    QCOMPARE(m_server.request("PUT", u"/v1/clients/%1"_s.arg(ids.at(7)), {{u"first_name"_s, u"Ezequiel"_s}}, m_admin)
                 .status,
             200);
    QCOMPARE(totalOf(get(u"/v1/clients?search=zacarias"_s)), 2098);
    QCOMPARE(idsOf(get(u"/v1/clients?search=ezequiel%20lote"_s)), QList<qint64>{ids.at(7)});
    QCOMPARE(idsOf(get(u"/v1/clients?search=lote%20000&limit=100"_s)),
             (QList<qint64>{ids.at(9), ids.at(8), ids.at(7), ids.at(6), ids.at(5), ids.at(4), ids.at(3), ids.at(2),
                            ids.at(1), ids.at(0)}));
}

QTEST_GUILESS_MAIN(tst_Clients)
#include "tst_clients.moc"
