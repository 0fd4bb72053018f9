// Campaigns (the OpenAPI document): create with business hours and SLAs, list with filters, search and the
// page's numbers and agent counts batched, partial update, soft delete, number and agent
// assignment, permissions and audit.
#include "TestServer.h"

#include "store/CampaignStore.h"
#include "store/Database.h"

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

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QJsonObject hours(const QString &start, const QString &end)
{
    return {{u"start"_s, start}, {u"end"_s, end}};
}

// The bot flow the create body names (initTestCase creates it: a campaign may name only an
// existing flow).
qint64 s_botFlowId = 0;

// The create body of the customer's API design.
QJsonObject seedBody(const QString &code)
{
    const QJsonObject day = hours(u"08:00"_s, u"18:00"_s);
    return {{u"name"_s, u"Campaña Soporte"_s},
            {u"code"_s, code},
            {u"description"_s, u"Atención al cliente"_s},
            {u"status"_s, u"active"_s},
            {u"priority"_s, 5},
            {u"business_hours"_s,
             QJsonObject{{u"monday"_s, day},
                         {u"tuesday"_s, day},
                         {u"wednesday"_s, day},
                         {u"thursday"_s, day},
                         {u"friday"_s, day},
                         {u"saturday"_s, QJsonValue()},
                         {u"sunday"_s, QJsonValue()}}},
            {u"timezone"_s, u"America/Bogota"_s},
            {u"sla_first_response_seconds"_s, 60},
            {u"sla_resolution_seconds"_s, 3600},
            {u"bot_enabled"_s, true},
            {u"bot_flow_id"_s, s_botFlowId},
            {u"routing_strategy"_s, u"least_busy"_s},
            {u"welcome_message"_s, u"¡Hola! Bienvenido a soporte."_s},
            {u"offline_message"_s, u"Estamos fuera de horario. Te contactaremos pronto."_s}};
}

QList<qint64> idsOf(const QJsonArray &array, const QString &key = u"id"_s)
{
    QList<qint64> out;
    for (const QJsonValue &v : array)
        out.append(v.toObject().value(key).toInteger());
    return out;
}

}   // namespace

class tst_Campaigns : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void createCampaign();
    void createDefaults();
    void createValidation_data();
    void createValidation();
    void createConflict();
    void permissions_data();
    void permissions();
    void getCampaign();
    void updateCampaign();
    void updateErrors();
    void satisfactionSettings();
    void deleteCampaign();
    void assignNumbers();
    void assignNumbersErrors_data();
    void assignNumbersErrors();
    void assignAgents();
    void assignAgentsErrors_data();
    void assignAgentsErrors();
    void campaignsOfUser();
    void listFiltersAndSearch_data();
    void listFiltersAndSearch();
    void listValidation();
    void listBatchesNumbersAndAgents();

private:
    qint64 createCampaign(const QJsonObject &body, TestServer *server = nullptr, const QByteArray &token = {});
    qint64 createNumber(const QString &phone, TestServer *server = nullptr, const QByteArray &token = {});
    ApiResponse call(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                     const QByteArray &token = {})
    {
        return m_server.request(method, path, body, token.isEmpty() ? m_admin : token);
    }

    TestServer m_server;
    QByteArray m_admin, m_supervisor, m_agent;
    qint64 m_adminId = 0;
    QList<qint64> m_numbers;   // three live WhatsApp numbers
    qint64 m_deletedNumber = 0;
    int m_seq = 0;
};

void tst_Campaigns::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = m_server.tokenFor(u"admin"_s, &m_adminId);
    m_supervisor = m_server.tokenFor(u"supervisor"_s);
    m_agent = m_server.tokenFor(u"agent"_s);
    QVERIFY(!m_admin.isEmpty() && !m_supervisor.isEmpty() && !m_agent.isEmpty());
    for (int i = 0; i < 4; ++i) {
        const qint64 id = createNumber(u"+57310000000%1"_s.arg(i));
        QVERIFY(id);
        m_numbers.append(id);
    }
    m_deletedNumber = m_numbers.takeLast();
    QCOMPARE(call("DELETE", u"/v1/whatsapp-numbers/%1"_s.arg(m_deletedNumber)).status, 204);
    const ApiResponse flow = call("POST", u"/v1/bot-flows"_s, {{u"name"_s, u"Flujo de Bienvenida"_s}});
    QCOMPARE(flow.status, 201);
    s_botFlowId = flow.value(u"id"_s).toInteger();
    QVERIFY(s_botFlowId > 0);
}

qint64 tst_Campaigns::createCampaign(const QJsonObject &body, TestServer *server, const QByteArray &token)
{
    TestServer &s = server ? *server : m_server;
    const ApiResponse r = s.request("POST", u"/v1/campaigns"_s, body, token.isEmpty() ? m_admin : token);
    if (r.status != 201)
        qWarning() << r.status << r.body;
    return r.status == 201 ? r.value(u"id"_s).toInteger() : 0;
}

qint64 tst_Campaigns::createNumber(const QString &phone, TestServer *server, const QByteArray &token)
{
    TestServer &s = server ? *server : m_server;
    const ApiResponse r = s.request("POST", u"/v1/whatsapp-numbers"_s,
                                    {{u"phone_number"_s, phone},
                                     {u"display_name"_s, QString(u"Línea "_s + phone.right(4))},
                                     {u"provider"_s, u"meta"_s},
                                     {u"meta_phone_number_id"_s, QString(u"pn"_s + phone.mid(1))},
                                     {u"meta_access_token"_s, u"EAAtoken"_s}},
                                    token.isEmpty() ? m_admin : token);
    if (r.status != 201)
        qWarning() << r.status << r.body;
    return r.status == 201 ? r.value(u"id"_s).toInteger() : 0;
}

// ---- POST /v1/campaigns ----

void tst_Campaigns::createCampaign()
{
    const QJsonObject body = seedBody(u"SOPORTE_2025"_s);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = call("POST", u"/v1/campaigns"_s, body);
    QCOMPARE(r.status, 201);
    const QJsonObject c = r.object();
    const qint64 id = c.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    for (const QString &field : body.keys())
        QVERIFY2(c.value(field) == body.value(field), qPrintable(field));
    QVERIFY(c.value(u"whatsapp_numbers"_s).toArray().isEmpty());
    QVERIFY(c.value(u"agents"_s).toArray().isEmpty());
    QCOMPARE(c.value(u"agents_count"_s).toInt(), 0);
    QCOMPARE(c.value(u"active_chats"_s).toInt(), 0);
    QVERIFY(c.value(u"created_at"_s).toString().endsWith(u'Z'));

    const QList<QJsonObject> rows = m_server.auditRowsSince(u"campaign.create"_s, mark);
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first();
    QCOMPARE(row.value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(row.value(u"entity_type"_s).toString(), u"Campaign"_s);
    QCOMPARE(row.value(u"user_id"_s).toInteger(), m_adminId);
    QCOMPARE(row.value(u"success"_s).toBool(), true);
    const QJsonObject changes = row.value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"name"_s).toObject().value(u"to"_s).toString(), u"Campaña Soporte"_s);
    QCOMPARE(changes.value(u"routing_strategy"_s).toObject().value(u"to"_s).toString(), u"least_busy"_s);
    QCOMPARE(changes.value(u"business_hours"_s).toObject().value(u"to"_s), body.value(u"business_hours"_s));
}

void tst_Campaigns::createDefaults()
{
    // Days left out of business_hours are closed (null).
    const ApiResponse r = call("POST", u"/v1/campaigns"_s,
                               {{u"name"_s, u"Mínima"_s},
                                {u"code"_s, u"min-1"_s},
                                {u"business_hours"_s, QJsonObject{{u"monday"_s, hours(u"00:00"_s, u"23:59"_s)}}}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.value(u"status"_s).toString(), u"active"_s);
    QCOMPARE(r.value(u"priority"_s).toInt(), 0);
    QCOMPARE(r.value(u"timezone"_s).toString(), u"UTC"_s);
    QCOMPARE(r.value(u"sla_first_response_seconds"_s).toInt(), 300);
    QCOMPARE(r.value(u"sla_resolution_seconds"_s).toInt(), 86400);
    QCOMPARE(r.value(u"bot_enabled"_s).toBool(), false);
    QVERIFY(r.value(u"bot_flow_id"_s).isNull());
    QCOMPARE(r.value(u"routing_strategy"_s).toString(), u"round_robin"_s);
    QVERIFY(r.value(u"description"_s).isNull());
    QVERIFY(r.value(u"welcome_message"_s).isNull());
    QCOMPARE(r.value(u"csat_enabled"_s).toBool(true), false);
    QVERIFY(r.value(u"csat_message"_s).isNull());
    QCOMPARE(r.value(u"csat_timeout_minutes"_s).toInt(), 60);
    const QJsonObject h = r.value(u"business_hours"_s).toObject();
    QCOMPARE(h.size(), 7);
    QCOMPARE(h.value(u"monday"_s).toObject(), hours(u"00:00"_s, u"23:59"_s));
    QVERIFY(h.value(u"sunday"_s).isNull());
}

void tst_Campaigns::createValidation_data()
{
    QTest::addColumn<QJsonObject>("patch");
    QTest::addColumn<QStringList>("fields");

    auto withHours = [](const QJsonObject &h) { return QJsonObject{{u"business_hours"_s, h}}; };
    QTest::addRow("name-and-code-required")
        << QJsonObject{{u"name"_s, QJsonValue()}, {u"code"_s, u""_s}} << QStringList{u"code"_s, u"name"_s};
    QTest::addRow("code-characters") << QJsonObject{{u"code"_s, u"VENTAS 2025"_s}} << QStringList{u"code"_s};
    QTest::addRow("hours-format") << withHours({{u"monday"_s, hours(u"8:00"_s, u"18:60"_s)}})
                                  << QStringList{u"business_hours.monday.end"_s, u"business_hours.monday.start"_s};
    QTest::addRow("hours-start-after-end")
        << withHours({{u"friday"_s, hours(u"18:00"_s, u"08:00"_s)}}) << QStringList{u"business_hours.friday.end"_s};
    QTest::addRow("hours-equal") << withHours({{u"friday"_s, hours(u"08:00"_s, u"08:00"_s)}})
                                 << QStringList{u"business_hours.friday.end"_s};
    QTest::addRow("hours-unknown-day") << withHours({{u"funday"_s, hours(u"08:00"_s, u"18:00"_s)}})
                                       << QStringList{u"business_hours.funday"_s};
    QTest::addRow("hours-day-not-object")
        << withHours({{u"tuesday"_s, u"08-18"_s}}) << QStringList{u"business_hours.tuesday"_s};
    QTest::addRow("hours-not-object") << QJsonObject{{u"business_hours"_s, u"always"_s}}
                                      << QStringList{u"business_hours"_s};
    QTest::addRow("timezone") << QJsonObject{{u"timezone"_s, u"Mars/Olympus_Mons"_s}} << QStringList{u"timezone"_s};
    QTest::addRow("enums") << QJsonObject{{u"status"_s, u"archived"_s}, {u"routing_strategy"_s, u"random"_s}}
                           << QStringList{u"routing_strategy"_s, u"status"_s};
    QTest::addRow("sla-positive") << QJsonObject{{u"sla_first_response_seconds"_s, 0},
                                                 {u"sla_resolution_seconds"_s, -60}}
                                  << QStringList{u"sla_first_response_seconds"_s, u"sla_resolution_seconds"_s};
    QTest::addRow("sla-type") << QJsonObject{{u"sla_first_response_seconds"_s, u"60"_s}}
                              << QStringList{u"sla_first_response_seconds"_s};
    QTest::addRow("bot-flow-id") << QJsonObject{{u"bot_flow_id"_s, 0}, {u"bot_enabled"_s, u"yes"_s}}
                                 << QStringList{u"bot_enabled"_s, u"bot_flow_id"_s};
    QTest::addRow("bot-flow-unknown") << QJsonObject{{u"bot_flow_id"_s, 999999}} << QStringList{u"bot_flow_id"_s};
    QTest::addRow("sla-reassign") << QJsonObject{{u"sla_reassign_enabled"_s, u"yes"_s}}
                                  << QStringList{u"sla_reassign_enabled"_s};
    QTest::addRow("priority-range") << QJsonObject{{u"priority"_s, 101}} << QStringList{u"priority"_s};
    QTest::addRow("csat-enabled-type") << QJsonObject{{u"csat_enabled"_s, u"yes"_s}} << QStringList{u"csat_enabled"_s};
    QTest::addRow("csat-timeout-zero") << QJsonObject{{u"csat_timeout_minutes"_s, 0}}
                                       << QStringList{u"csat_timeout_minutes"_s};
    QTest::addRow("csat-timeout-over-a-week")
        << QJsonObject{{u"csat_timeout_minutes"_s, 10081}} << QStringList{u"csat_timeout_minutes"_s};
    QTest::addRow("csat-timeout-type") << QJsonObject{{u"csat_timeout_minutes"_s, u"60"_s}}
                                       << QStringList{u"csat_timeout_minutes"_s};
    QTest::addRow("csat-message-too-long")
        << QJsonObject{{u"csat_message"_s, QString(1025, u'x')}} << QStringList{u"csat_message"_s};
    QTest::addRow("csat-message-type") << QJsonObject{{u"csat_message"_s, 5}} << QStringList{u"csat_message"_s};
}

void tst_Campaigns::createValidation()
{
    QFETCH(QJsonObject, patch);
    QFETCH(QStringList, fields);
    QJsonObject body = seedBody(u"INVALID_%1"_s.arg(++m_seq));
    for (auto it = patch.begin(); it != patch.end(); ++it)
        body.insert(it.key(), it.value());
    const qint64 before = m_server.count(u"campaigns"_s);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = call("POST", u"/v1/campaigns"_s, body);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QCOMPARE(sorted(r.errorFields()), fields);
    QCOMPARE(m_server.count(u"campaigns"_s), before);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"campaign.create"_s, mark);
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first();
    QCOMPARE(row.value(u"success"_s).toBool(), false);
    QCOMPARE(row.value(u"status_code"_s).toInt(), 422);
}

void tst_Campaigns::createConflict()
{
    const qint64 id = createCampaign(seedBody(u"DUP_CODE"_s));
    QVERIFY(id);
    const qint64 before = m_server.count(u"campaigns"_s);
    const qint64 mark = m_server.auditMark();
    ApiResponse r = call("POST", u"/v1/campaigns"_s, seedBody(u"dup_code"_s));   // codes ignore case
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QByteArray("CONFLICT"));
    QCOMPARE(m_server.count(u"campaigns"_s), before);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"campaign.create"_s, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"status_code"_s).toInt(), 409);

    QCOMPARE(call("DELETE", u"/v1/campaigns/%1"_s.arg(id)).status, 204);
    QVERIFY(createCampaign(seedBody(u"DUP_CODE"_s)));   // a deleted campaign frees its code
}

// ---- permissions ----

void tst_Campaigns::permissions_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("role");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("action");

    QTest::addRow("no-token-list") << QByteArray("GET") << u"/v1/campaigns"_s << QString() << 401 << u"campaign.list"_s;
    QTest::addRow("no-token-create") << QByteArray("POST") << u"/v1/campaigns"_s << QString() << 401
                                     << u"campaign.create"_s;
    QTest::addRow("agent-list") << QByteArray("GET") << u"/v1/campaigns"_s << u"agent"_s << 403 << u"campaign.list"_s;
    QTest::addRow("agent-get") << QByteArray("GET") << u"/v1/campaigns/{id}"_s << u"agent"_s << 403
                               << u"campaign.read"_s;
    QTest::addRow("agent-update") << QByteArray("PUT") << u"/v1/campaigns/{id}"_s << u"agent"_s << 403
                                  << u"campaign.update"_s;
    QTest::addRow("agent-agents") << QByteArray("POST") << u"/v1/campaigns/{id}/agents"_s << u"agent"_s << 403
                                  << u"campaign.assign_agents"_s;
    QTest::addRow("supervisor-create") << QByteArray("POST") << u"/v1/campaigns"_s << u"supervisor"_s << 403
                                       << u"campaign.create"_s;
    QTest::addRow("supervisor-delete") << QByteArray("DELETE") << u"/v1/campaigns/{id}"_s << u"supervisor"_s << 403
                                       << u"campaign.delete"_s;
    QTest::addRow("supervisor-list") << QByteArray("GET") << u"/v1/campaigns"_s << u"supervisor"_s << 200 << QString();
    QTest::addRow("supervisor-get") << QByteArray("GET") << u"/v1/campaigns/{id}"_s << u"supervisor"_s << 200
                                    << QString();
    QTest::addRow("supervisor-update") << QByteArray("PUT") << u"/v1/campaigns/{id}"_s << u"supervisor"_s << 200
                                       << u"campaign.update"_s;
    QTest::addRow("supervisor-numbers") << QByteArray("POST") << u"/v1/campaigns/{id}/numbers"_s << u"supervisor"_s
                                        << 200 << u"campaign.assign_numbers"_s;
}

void tst_Campaigns::permissions()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, role);
    QFETCH(int, status);
    QFETCH(QString, action);
    const qint64 id = createCampaign(seedBody(u"PERM_%1"_s.arg(++m_seq)));
    QVERIFY(id);
    QJsonObject body;
    if (path.endsWith("/numbers"_L1))
        body = {{u"whatsapp_number_ids"_s, QJsonArray{m_numbers[0]}}};
    else if (path.endsWith("/agents"_L1))
        body = {{u"agents"_s, QJsonArray{}}};
    else if (method != "GET")
        body = {{u"name"_s, u"Permiso"_s}, {u"code"_s, u"PERM_NEW_%1"_s.arg(++m_seq)}};
    const QByteArray token = role.isEmpty() ? QByteArray() : role == "agent"_L1 ? m_agent : m_supervisor;
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.request(method, QString(path).replace(u"{id}"_s, QString::number(id)), body, token);
    QCOMPARE(r.status, status);
    const QList<QJsonObject> rows = action.isEmpty() ? QList<QJsonObject>() : m_server.auditRowsSince(action, mark);
    if (status >= 400) {
        QCOMPARE(m_server.count(u"campaigns"_s, u"deleted_at IS NULL AND name = 'Permiso'"_s), 0);
        QCOMPARE(m_server.count(u"campaigns"_s, u"id = %1 AND deleted_at IS NULL"_s.arg(id)), 1);
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first();
        QCOMPARE(row.value(u"success"_s).toBool(), false);
        QCOMPARE(row.value(u"status_code"_s).toInt(), status);
    } else if (!action.isEmpty()) {
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().value(u"entity_id"_s).toInteger(), id);
    }
}

// ---- GET /v1/campaigns/{id} ----

void tst_Campaigns::getCampaign()
{
    const qint64 id = createCampaign(seedBody(u"GET_ONE"_s));
    QVERIFY(id);
    const ApiResponse r = call("GET", u"/v1/campaigns/%1"_s.arg(id), {}, m_supervisor);
    QCOMPARE(r.status, 200);
    const QSet<QString> expected{u"id"_s,
                                 u"name"_s,
                                 u"code"_s,
                                 u"description"_s,
                                 u"status"_s,
                                 u"priority"_s,
                                 u"business_hours"_s,
                                 u"timezone"_s,
                                 u"sla_first_response_seconds"_s,
                                 u"sla_resolution_seconds"_s,
                                 u"bot_enabled"_s,
                                 u"bot_flow_id"_s,
                                 u"routing_strategy"_s,
                                 u"sla_reassign_enabled"_s,
                                 u"welcome_message"_s,
                                 u"offline_message"_s,
                                 u"csat_enabled"_s,
                                 u"csat_message"_s,
                                 u"csat_timeout_minutes"_s,
                                 u"whatsapp_numbers"_s,
                                 u"agents"_s,
                                 u"agents_count"_s,
                                 u"active_chats"_s,
                                 u"created_at"_s,
                                 u"updated_at"_s};
    QCOMPARE(keysOf(r.object()), expected);
    QCOMPARE(r.value(u"code"_s).toString(), u"GET_ONE"_s);
    QCOMPARE(r.value(u"sla_reassign_enabled"_s).toBool(true), false);
    QCOMPARE(r.value(u"business_hours"_s).toObject().value(u"monday"_s).toObject(), hours(u"08:00"_s, u"18:00"_s));

    QCOMPARE(call("GET", u"/v1/campaigns/999999"_s).status, 404);
    QCOMPARE(call("GET", u"/v1/campaigns/999999"_s).errorCode(), QByteArray("NOT_FOUND"));
}

// ---- PUT /v1/campaigns/{id} ----

void tst_Campaigns::updateCampaign()
{
    const qint64 id = createCampaign(seedBody(u"UPD_1"_s));
    QVERIFY(id);
    const QJsonObject newHours{{u"saturday"_s, hours(u"09:00"_s, u"13:00"_s)}};
    const qint64 mark = m_server.auditMark();
    ApiResponse r = call("PUT", u"/v1/campaigns/%1"_s.arg(id),
                         {{u"priority"_s, 9},
                          {u"status"_s, u"paused"_s},
                          {u"business_hours"_s, newHours},
                          {u"bot_flow_id"_s, QJsonValue()},
                          {u"welcome_message"_s, u""_s}},
                         m_supervisor);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"priority"_s).toInt(), 9);
    QCOMPARE(r.value(u"status"_s).toString(), u"paused"_s);
    QVERIFY(r.value(u"bot_flow_id"_s).isNull());
    QVERIFY(r.value(u"welcome_message"_s).isNull());
    QCOMPARE(r.value(u"business_hours"_s).toObject().value(u"saturday"_s).toObject(), hours(u"09:00"_s, u"13:00"_s));
    QVERIFY(r.value(u"business_hours"_s).toObject().value(u"monday"_s).isNull());
    QCOMPARE(r.value(u"name"_s).toString(), u"Campaña Soporte"_s);   // untouched
    QCOMPARE(r.value(u"timezone"_s).toString(), u"America/Bogota"_s);

    const QList<QJsonObject> rows = m_server.auditRowsSince(u"campaign.update"_s, mark);
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first();
    QCOMPARE(row.value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(row.value(u"success"_s).toBool(), true);
    const QJsonObject changes = row.value(u"changes"_s).toObject();
    QCOMPARE(keysOf(changes),
             (QSet<QString>{u"priority"_s, u"status"_s, u"business_hours"_s, u"bot_flow_id"_s, u"welcome_message"_s}));
    QCOMPARE(changes.value(u"priority"_s).toObject(), (QJsonObject{{u"from"_s, 5}, {u"to"_s, 9}}));

    r = call("GET", u"/v1/campaigns/%1"_s.arg(id));
    QCOMPARE(r.value(u"status"_s).toString(), u"paused"_s);

    // Renaming keeps the search in step.
    QCOMPARE(call("PUT", u"/v1/campaigns/%1"_s.arg(id), {{u"name"_s, u"Renombrada Ñandú"_s}}).status, 200);
    r = call("GET", u"/v1/campaigns?search=nandu"_s);
    QCOMPARE(idsOf(r.value(u"data"_s).toArray()), QList<qint64>{id});
}

void tst_Campaigns::updateErrors()
{
    const qint64 id = createCampaign(seedBody(u"UPD_ERR"_s));
    QVERIFY(createCampaign(seedBody(u"UPD_TAKEN"_s)));
    ApiResponse r = call("PUT", u"/v1/campaigns/%1"_s.arg(id), {{u"code"_s, u"upd_taken"_s}});
    QCOMPARE(r.status, 409);
    const qint64 mark = m_server.auditMark();
    r = call("PUT", u"/v1/campaigns/%1"_s.arg(id),
             {{u"name"_s, u""_s}, {u"timezone"_s, u"Nowhere"_s}, {u"priority"_s, 3}});
    QCOMPARE(r.status, 422);
    QCOMPARE(sorted(r.errorFields()), (QStringList{u"name"_s, u"timezone"_s}));
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"campaign.update"_s, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(rows.first().value(u"success"_s).toBool(), false);
    r = call("GET", u"/v1/campaigns/%1"_s.arg(id));
    QCOMPARE(r.value(u"code"_s).toString(), u"UPD_ERR"_s);
    QCOMPARE(r.value(u"priority"_s).toInt(), 5);   // a failed request changes nothing
    QCOMPARE(call("PUT", u"/v1/campaigns/999999"_s, {{u"priority"_s, 1}}).status, 404);
}

// ---- DELETE /v1/campaigns/{id} ----

// The satisfaction survey's three fields: stored, answered, audited, cleared, and bad values refused
// without changing anything.
void tst_Campaigns::satisfactionSettings()
{
    const qint64 id = createCampaign(seedBody(u"CSAT_1"_s));
    QVERIFY(id);
    const qint64 mark = m_server.auditMark();
    ApiResponse r = call("PUT", u"/v1/campaigns/%1"_s.arg(id),
                         {{u"csat_enabled"_s, true},
                          {u"csat_message"_s, u"¿Cómo te atendimos?"_s},
                          {u"csat_timeout_minutes"_s, 10080}},
                         m_supervisor);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"csat_enabled"_s).toBool(), true);
    QCOMPARE(r.value(u"csat_message"_s).toString(), u"¿Cómo te atendimos?"_s);
    QCOMPARE(r.value(u"csat_timeout_minutes"_s).toInt(), 10080);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"campaign.update"_s, mark);
    QCOMPARE(rows.size(), 1);
    const QJsonObject changes = rows.first().value(u"changes"_s).toObject();
    QCOMPARE(keysOf(changes), (QSet<QString>{u"csat_enabled"_s, u"csat_message"_s, u"csat_timeout_minutes"_s}));
    QCOMPARE(changes.value(u"csat_enabled"_s).toObject(), (QJsonObject{{u"from"_s, false}, {u"to"_s, true}}));
    QCOMPARE(changes.value(u"csat_message"_s).toObject(),
             (QJsonObject{{u"from"_s, QJsonValue()}, {u"to"_s, u"¿Cómo te atendimos?"_s}}));
    QCOMPARE(changes.value(u"csat_timeout_minutes"_s).toObject(), (QJsonObject{{u"from"_s, 60}, {u"to"_s, 10080}}));

    // The list shows them too.
    r = call("GET", u"/v1/campaigns?search=CSAT_1"_s);
    QCOMPARE(r.value(u"data"_s).toArray().first().toObject().value(u"csat_timeout_minutes"_s).toInt(), 10080);

    // A bad value among good ones: 422 naming it, nothing changed.
    r = call("PUT", u"/v1/campaigns/%1"_s.arg(id), {{u"csat_enabled"_s, false}, {u"csat_timeout_minutes"_s, -5}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"csat_timeout_minutes"_s});
    r = call("GET", u"/v1/campaigns/%1"_s.arg(id));
    QCOMPARE(r.value(u"csat_enabled"_s).toBool(), true);
    QCOMPARE(r.value(u"csat_timeout_minutes"_s).toInt(), 10080);

    // null clears the text back to the default; agents may not change it.
    r = call("PUT", u"/v1/campaigns/%1"_s.arg(id), {{u"csat_message"_s, QJsonValue()}, {u"csat_timeout_minutes"_s, 1}});
    QCOMPARE(r.status, 200);
    QVERIFY(r.value(u"csat_message"_s).isNull());
    QCOMPARE(r.value(u"csat_timeout_minutes"_s).toInt(), 1);
    QCOMPARE(call("PUT", u"/v1/campaigns/%1"_s.arg(id), {{u"csat_enabled"_s, false}}, m_agent).status, 403);
    QCOMPARE(call("GET", u"/v1/campaigns/%1"_s.arg(id)).value(u"csat_enabled"_s).toBool(), true);
}

void tst_Campaigns::deleteCampaign()
{
    const qint64 id = createCampaign(seedBody(u"DEL_ME"_s));
    QVERIFY(id);
    qint64 userId = 0;
    m_server.tokenFor(u"agent"_s, &userId);
    QCOMPARE(call("POST", u"/v1/campaigns/%1/numbers"_s.arg(id), {{u"whatsapp_number_ids"_s, QJsonArray{m_numbers[0]}}})
                 .status,
             200);
    QCOMPARE(call("POST", u"/v1/campaigns/%1/agents"_s.arg(id),
                  {{u"agents"_s, QJsonArray{QJsonObject{{u"user_id"_s, userId}}}}})
                 .status,
             200);

    const qint64 mark = m_server.auditMark();
    ApiResponse r = call("DELETE", u"/v1/campaigns/%1"_s.arg(id));
    QCOMPARE(r.status, 204);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(call("GET", u"/v1/campaigns/%1"_s.arg(id)).status, 404);
    QCOMPARE(call("PUT", u"/v1/campaigns/%1"_s.arg(id), {{u"priority"_s, 1}}).status, 404);
    QCOMPARE(call("DELETE", u"/v1/campaigns/%1"_s.arg(id)).status, 404);
    QVERIFY(!idsOf(call("GET", u"/v1/campaigns?search=del_me"_s).value(u"data"_s).toArray()).contains(id));
    QCOMPARE(m_server.count(u"campaigns"_s, u"id = %1 AND deleted_at IS NOT NULL"_s.arg(id)), 1);   // kept for history
    QCOMPARE(m_server.count(u"campaign_numbers"_s, u"campaign_id = %1"_s.arg(id)), 0);
    QCOMPARE(m_server.count(u"campaign_agents"_s, u"campaign_id = %1"_s.arg(id)), 0);

    const QList<QJsonObject> rows = m_server.auditRowsSince(u"campaign.delete"_s, mark);
    QCOMPARE(rows.size(), 2);   // the delete, then the second one's 404
    QCOMPARE(rows.at(1).value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(rows.at(1).value(u"success"_s).toBool(), true);
    QCOMPARE(rows.at(0).value(u"status_code"_s).toInt(), 404);
}

// ---- POST /v1/campaigns/{id}/numbers ----

void tst_Campaigns::assignNumbers()
{
    const qint64 id = createCampaign(seedBody(u"NUMBERS_1"_s));
    QVERIFY(id);
    const qint64 mark = m_server.auditMark();
    ApiResponse r = call("POST", u"/v1/campaigns/%1/numbers"_s.arg(id),
                         {{u"whatsapp_number_ids"_s, QJsonArray{m_numbers[0], m_numbers[1]}},
                          {u"primary_number_id"_s, m_numbers[1]}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"campaign_id"_s).toInteger(), id);
    QJsonArray numbers = r.value(u"whatsapp_numbers"_s).toArray();
    QCOMPARE(idsOf(numbers), (QList<qint64>{m_numbers[1], m_numbers[0]}));   // primary first
    QCOMPARE(numbers.at(0).toObject().value(u"is_primary"_s).toBool(), true);
    QCOMPARE(numbers.at(1).toObject().value(u"is_primary"_s).toBool(), false);
    QCOMPARE(numbers.at(0).toObject().value(u"phone_number"_s).toString(), u"+573100000001"_s);
    QCOMPARE(numbers.at(0).toObject().value(u"display_name"_s).toString(), u"Línea 0001"_s);

    const QList<QJsonObject> rows = m_server.auditRowsSince(u"campaign.assign_numbers"_s, mark);
    QCOMPARE(rows.size(), 1);
    QJsonObject row = rows.first();
    QCOMPARE(row.value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(row.value(u"success"_s).toBool(), true);
    QCOMPARE(row.value(u"changes"_s).toObject().value(u"whatsapp_number_ids"_s).toObject(),
             (QJsonObject{{u"from"_s, QJsonArray{}}, {u"to"_s, QJsonArray{m_numbers[0], m_numbers[1]}}}));
    QCOMPARE(row.value(u"changes"_s).toObject().value(u"primary_number_id"_s).toObject().value(u"to"_s).toInteger(),
             m_numbers[1]);

    // Replaces the set; without primary_number_id the first listed becomes primary.
    r = call("POST", u"/v1/campaigns/%1/numbers"_s.arg(id),
             {{u"whatsapp_number_ids"_s, QJsonArray{m_numbers[2], m_numbers[0]}}}, m_supervisor);
    QCOMPARE(r.status, 200);
    numbers = r.value(u"whatsapp_numbers"_s).toArray();
    QCOMPARE(idsOf(numbers), (QList<qint64>{m_numbers[2], m_numbers[0]}));
    QCOMPARE(numbers.at(0).toObject().value(u"is_primary"_s).toBool(), true);
    QCOMPARE(m_server.count(u"campaign_numbers"_s, u"campaign_id = %1"_s.arg(id)), 2);
    QCOMPARE(m_server.count(u"campaign_numbers"_s, u"campaign_id = %1 AND is_primary"_s.arg(id)), 1);

    r = call("GET", u"/v1/campaigns/%1"_s.arg(id));
    QCOMPARE(r.value(u"whatsapp_numbers"_s).toArray(), numbers);

    r = call("POST", u"/v1/campaigns/%1/numbers"_s.arg(id), {{u"whatsapp_number_ids"_s, QJsonArray{}}});
    QCOMPARE(r.status, 200);
    QVERIFY(r.value(u"whatsapp_numbers"_s).toArray().isEmpty());
    QCOMPARE(m_server.count(u"campaign_numbers"_s, u"campaign_id = %1"_s.arg(id)), 0);
}

void tst_Campaigns::assignNumbersErrors_data()
{
    QTest::addColumn<QString>("body");   // JSON with N0..N2 for live numbers, DEL for a deleted one
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("fields");
    QTest::addRow("missing") << u"{}"_s << 422 << QStringList{u"whatsapp_number_ids"_s};
    QTest::addRow("not-a-list") << u"{\"whatsapp_number_ids\": 5}"_s << 422 << QStringList{u"whatsapp_number_ids"_s};
    QTest::addRow("unknown-id") << u"{\"whatsapp_number_ids\": [N0, 999999]}"_s << 422
                                << QStringList{u"whatsapp_number_ids[1]"_s};
    QTest::addRow("deleted-number") << u"{\"whatsapp_number_ids\": [DEL]}"_s << 422
                                    << QStringList{u"whatsapp_number_ids[0]"_s};
    QTest::addRow("not-an-id") << u"{\"whatsapp_number_ids\": [\"N0\", -1]}"_s << 422
                               << QStringList{u"whatsapp_number_ids[0]"_s, u"whatsapp_number_ids[1]"_s};
    QTest::addRow("duplicate") << u"{\"whatsapp_number_ids\": [N0, N0]}"_s << 422
                               << QStringList{u"whatsapp_number_ids[1]"_s};
    QTest::addRow("primary-not-listed") << u"{\"whatsapp_number_ids\": [N0], \"primary_number_id\": N1}"_s << 422
                                        << QStringList{u"primary_number_id"_s};
    QTest::addRow("unknown-campaign") << u"{\"whatsapp_number_ids\": [N0]}"_s << 404 << QStringList{};
}

void tst_Campaigns::assignNumbersErrors()
{
    QFETCH(QString, body);
    QFETCH(int, status);
    QFETCH(QStringList, fields);
    const qint64 id = createCampaign(seedBody(u"NUMBERS_ERR_%1"_s.arg(++m_seq)));
    QVERIFY(id);
    QCOMPARE(call("POST", u"/v1/campaigns/%1/numbers"_s.arg(id), {{u"whatsapp_number_ids"_s, QJsonArray{m_numbers[2]}}})
                 .status,
             200);
    body.replace(u"\"N0\""_s, u"\"x\""_s)
        .replace(u"N0"_s, QString::number(m_numbers[0]))
        .replace(u"N1"_s, QString::number(m_numbers[1]))
        .replace(u"DEL"_s, QString::number(m_deletedNumber));
    const QString path = u"/v1/campaigns/%1/numbers"_s.arg(status == 404 ? 999999 : id);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.requestRaw("POST", path, body.toUtf8(), "application/json", m_admin);
    QCOMPARE(r.status, status);
    QCOMPARE(sorted(r.errorFields()), fields);
    // Nothing replaced.
    QCOMPARE(m_server.count(u"campaign_numbers"_s, u"campaign_id = %1"_s.arg(id)), 1);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"campaign.assign_numbers"_s, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"success"_s).toBool(), false);
}

// ---- POST /v1/campaigns/{id}/agents ----

void tst_Campaigns::assignAgents()
{
    const qint64 id = createCampaign(seedBody(u"AGENTS_1"_s));
    QVERIFY(id);
    qint64 ana = 0, beto = 0;
    m_server.tokenFor(u"agent"_s, &ana);
    m_server.tokenFor(u"agent"_s, &beto);
    const qint64 mark = m_server.auditMark();
    ApiResponse r = call("POST", u"/v1/campaigns/%1/agents"_s.arg(id),
                         {{u"agents"_s,
                           QJsonArray{QJsonObject{{u"user_id"_s, ana},
                                                  {u"max_concurrent_chats"_s, 5},
                                                  {u"priority"_s, 10},
                                                  {u"skills"_s, QJsonArray{u"ventas"_s, u"ingles"_s}}},
                                      QJsonObject{{u"user_id"_s, beto},
                                                  {u"max_concurrent_chats"_s, 7},
                                                  {u"priority"_s, 5},
                                                  {u"skills"_s, QJsonArray{u"soporte_tecnico"_s}}}}}},
                         m_supervisor);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"campaign_id"_s).toInteger(), id);
    QJsonArray agents = r.value(u"agents"_s).toArray();
    QCOMPARE(idsOf(agents, u"user_id"_s), (QList<qint64>{ana, beto}));   // by priority, highest first
    const QJsonObject first = agents.at(0).toObject();
    QCOMPARE(first.value(u"max_concurrent_chats"_s).toInt(), 5);
    QCOMPARE(first.value(u"priority"_s).toInt(), 10);
    QCOMPARE(first.value(u"skills"_s).toArray(), (QJsonArray{u"ventas"_s, u"ingles"_s}));
    QVERIFY(first.value(u"email"_s).toString().contains(u'@'));
    QCOMPARE(first.value(u"first_name"_s).toString(), u"Test"_s);
    QCOMPARE(agents.at(1).toObject().value(u"max_concurrent_chats"_s).toInt(), 7);

    r = call("GET", u"/v1/campaigns/%1"_s.arg(id));
    QCOMPARE(r.value(u"agents"_s).toArray(), agents);
    QCOMPARE(r.value(u"agents_count"_s).toInt(), 2);

    // The user shows the campaign with their priority in it (GET /v1/users/:id).
    r = call("GET", u"/v1/users/%1"_s.arg(ana));
    QCOMPARE(r.status, 200);
    const QJsonArray campaigns = r.value(u"campaigns"_s).toArray();
    QCOMPARE(campaigns.size(), 1);
    QCOMPARE(campaigns.at(0).toObject().value(u"id"_s).toInteger(), id);
    QCOMPARE(campaigns.at(0).toObject().value(u"priority"_s).toInt(), 10);
    QVERIFY(!campaigns.at(0).toObject().value(u"name"_s).toString().isEmpty());

    const QList<QJsonObject> rows = m_server.auditRowsSince(u"campaign.assign_agents"_s, mark);
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first();
    QCOMPARE(row.value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(row.value(u"success"_s).toBool(), true);
    const QJsonObject to = row.value(u"changes"_s).toObject().value(u"agents"_s).toObject().value(u"to"_s).toObject();
    QCOMPARE(to.value(QString::number(beto)).toObject().value(u"priority"_s).toInt(), 5);

    // Replaces the set; defaults: 5 chats, priority 0, no skills.
    r = call("POST", u"/v1/campaigns/%1/agents"_s.arg(id),
             {{u"agents"_s, QJsonArray{QJsonObject{{u"user_id"_s, beto}}}}});
    QCOMPARE(r.status, 200);
    agents = r.value(u"agents"_s).toArray();
    QCOMPARE(agents.size(), 1);
    QCOMPARE(agents.at(0).toObject().value(u"max_concurrent_chats"_s).toInt(), 5);
    QCOMPARE(agents.at(0).toObject().value(u"priority"_s).toInt(), 0);
    QVERIFY(agents.at(0).toObject().value(u"skills"_s).toArray().isEmpty());
    QCOMPARE(m_server.count(u"campaign_agents"_s, u"campaign_id = %1"_s.arg(id)), 1);
}

void tst_Campaigns::assignAgentsErrors_data()
{
    QTest::addColumn<QString>("body");   // U0, U1: live users; GONE: a deleted user
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("fields");
    QTest::addRow("missing") << u"{}"_s << 422 << QStringList{u"agents"_s};
    QTest::addRow("not-a-list") << u"{\"agents\": {\"user_id\": U0}}"_s << 422 << QStringList{u"agents"_s};
    QTest::addRow("item-not-object") << u"{\"agents\": [U0]}"_s << 422 << QStringList{u"agents[0]"_s};
    QTest::addRow("user-required") << u"{\"agents\": [{\"priority\": 1}]}"_s << 422
                                   << QStringList{u"agents[0].user_id"_s};
    QTest::addRow("unknown-user") << u"{\"agents\": [{\"user_id\": U0}, {\"user_id\": 999999}]}"_s << 422
                                  << QStringList{u"agents[1].user_id"_s};
    QTest::addRow("deleted-user") << u"{\"agents\": [{\"user_id\": GONE}]}"_s << 422
                                  << QStringList{u"agents[0].user_id"_s};
    QTest::addRow("duplicate") << u"{\"agents\": [{\"user_id\": U0}, {\"user_id\": U0}]}"_s << 422
                               << QStringList{u"agents[1].user_id"_s};
    QTest::addRow("ranges-and-skills")
        << u"{\"agents\": [{\"user_id\": U0, \"max_concurrent_chats\": 0, \"priority\": 1000}, {\"user_id\": U1, \"skills\": [\"\"]}]}"_s
        << 422 << QStringList{u"agents[0].max_concurrent_chats"_s, u"agents[0].priority"_s, u"agents[1].skills"_s};
    QTest::addRow("skills-not-list") << u"{\"agents\": [{\"user_id\": U0, \"skills\": \"ventas\"}]}"_s << 422
                                     << QStringList{u"agents[0].skills"_s};
    QTest::addRow("unknown-campaign") << u"{\"agents\": []}"_s << 404 << QStringList{};
}

void tst_Campaigns::assignAgentsErrors()
{
    QFETCH(QString, body);
    QFETCH(int, status);
    QFETCH(QStringList, fields);
    const qint64 id = createCampaign(seedBody(u"AGENTS_ERR_%1"_s.arg(++m_seq)));
    QVERIFY(id);
    qint64 u0 = 0, u1 = 0, gone = 0;
    m_server.tokenFor(u"agent"_s, &u0);
    m_server.tokenFor(u"agent"_s, &u1);
    m_server.tokenFor(u"agent"_s, &gone);
    SqlQuery del(m_server.db(), "UPDATE users SET deleted_at = ? WHERE id = ?", {nowSeconds(), gone});
    QVERIFY(del.exec());
    QCOMPARE(call("POST", u"/v1/campaigns/%1/agents"_s.arg(id),
                  {{u"agents"_s, QJsonArray{QJsonObject{{u"user_id"_s, u1}}}}})
                 .status,
             200);
    body.replace(u"U0"_s, QString::number(u0))
        .replace(u"U1"_s, QString::number(u1))
        .replace(u"GONE"_s, QString::number(gone));
    const QString path = u"/v1/campaigns/%1/agents"_s.arg(status == 404 ? 999999 : id);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.requestRaw("POST", path, body.toUtf8(), "application/json", m_admin);
    QCOMPARE(r.status, status);
    QCOMPARE(sorted(r.errorFields()), fields);
    QCOMPARE(m_server.count(u"campaign_agents"_s, u"campaign_id = %1 AND user_id = %2"_s.arg(id).arg(u1)), 1);
    QCOMPARE(m_server.count(u"campaign_agents"_s, u"campaign_id = %1"_s.arg(id)), 1);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"campaign.assign_agents"_s, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"success"_s).toBool(), false);
}

// ---- CampaignStore::campaignsOfUser (for GET /v1/users/:id) ----

void tst_Campaigns::campaignsOfUser()
{
    qint64 userId = 0;
    m_server.tokenFor(u"agent"_s, &userId);
    QJsonObject a = seedBody(u"MINE_A"_s), b = seedBody(u"MINE_B"_s), c = seedBody(u"MINE_C"_s);
    a.insert(u"name"_s, u"Mía A"_s);
    b.insert(u"name"_s, u"Mía B"_s);
    const qint64 ida = createCampaign(a), idb = createCampaign(b), idc = createCampaign(c);
    QVERIFY(ida && idb && idc);
    for (const auto &[id, priority] : {std::pair{ida, 7}, std::pair{idb, 2}, std::pair{idc, 1}}) {
        QCOMPARE(call("POST", u"/v1/campaigns/%1/agents"_s.arg(id),
                      {{u"agents"_s, QJsonArray{QJsonObject{{u"user_id"_s, userId}, {u"priority"_s, priority}}}}})
                     .status,
                 200);
    }
    QCOMPARE(call("DELETE", u"/v1/campaigns/%1"_s.arg(idc)).status, 204);

    CampaignStore store(m_server.db());
    const Result<QList<UserCampaign>> mine = store.campaignsOfUser(userId);
    QVERIFY(mine.ok());
    QCOMPARE(mine->size(), 2);
    QCOMPARE(mine->at(0).id, ida);
    QCOMPARE(mine->at(0).name, u"Mía A"_s);
    QCOMPARE(mine->at(0).priority, 7);
    QCOMPARE(mine->at(1).id, idb);
    QCOMPARE(mine->at(1).priority, 2);
    QVERIFY(store.campaignsOfUser(m_adminId)->isEmpty());
}

// ---- GET /v1/campaigns ----

void tst_Campaigns::listFiltersAndSearch_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("codes");
    // Fixture (listFiltersAndSearch): codes LST_A.. with names and statuses below.
    QTest::addRow("scope") << u"search=lst_"_s << QStringList{u"LST_A"_s, u"LST_B"_s, u"LST_C"_s, u"LST_D"_s};
    QTest::addRow("status") << u"search=lst_&status=paused"_s << QStringList{u"LST_B"_s, u"LST_D"_s};
    QTest::addRow("status-only-inactive") << u"search=lst_&status=inactive"_s << QStringList{u"LST_C"_s};
    QTest::addRow("unaccented-finds-accented") << u"search=senal"_s << QStringList{u"LST_A"_s, u"LST_B"_s};
    QTest::addRow("upper-finds-accented") << u"search=ATENCION"_s << QStringList{u"LST_C"_s};
    QTest::addRow("accented-term") << u"search="_s + QString::fromLatin1(QUrl::toPercentEncoding(u"SEÑAL"_s))
                                   << QStringList{u"LST_A"_s, u"LST_B"_s};
    QTest::addRow("search-and-status") << u"search=senal&status=paused"_s << QStringList{u"LST_B"_s};
    QTest::addRow("by-code") << u"search=lst_d"_s << QStringList{u"LST_D"_s};
    QTest::addRow("wildcards-literal") << u"search=%25"_s << QStringList{};
}

void tst_Campaigns::listFiltersAndSearch()
{
    QFETCH(QString, query);
    QFETCH(QStringList, codes);
    if (m_server.count(u"campaigns"_s, u"code LIKE 'LST_%'"_s) == 0) {
        const QList<QPair<QString, QString>> fixture = {{u"Señales Norte"_s, u"active"_s},
                                                        {u"Señal Sur"_s, u"paused"_s},
                                                        {u"Atención Clientes"_s, u"inactive"_s},
                                                        {u"Cobranza"_s, u"paused"_s},
                                                        {u"Borrada Señal"_s, u"active"_s}};
        const QStringList fixtureCodes = {u"LST_A"_s, u"LST_B"_s, u"LST_C"_s, u"LST_D"_s, u"LST_E"_s};
        for (qsizetype i = 0; i < fixture.size(); ++i) {
            const qint64 id = createCampaign(
                {{u"name"_s, fixture[i].first}, {u"code"_s, fixtureCodes[i]}, {u"status"_s, fixture[i].second}});
            QVERIFY(id);
            if (i == 4)
                QCOMPARE(call("DELETE", u"/v1/campaigns/%1"_s.arg(id)).status, 204);
        }
    }
    const ApiResponse r = call("GET", u"/v1/campaigns?"_s + query, {}, m_supervisor);
    QCOMPARE(r.status, 200);
    QStringList got;
    for (const QJsonValue &v : r.value(u"data"_s).toArray())
        got.append(v.toObject().value(u"code"_s).toString());
    QCOMPARE(got, codes);
    QCOMPARE(r.value(u"meta"_s).toObject().value(u"total"_s).toInteger(), codes.size());
}

void tst_Campaigns::listValidation()
{
    const ApiResponse r = call("GET", u"/v1/campaigns?status=archived&limit=101&page=0"_s);
    QCOMPARE(r.status, 422);
    QCOMPARE(sorted(r.errorFields()), (QStringList{u"limit"_s, u"page"_s, u"status"_s}));
}

// 25 campaigns with numbers, agents and chats: each list item carries its own numbers, agent count
// and active chats, on every page, read in a fixed number of queries whatever the page size.
void tst_Campaigns::listBatchesNumbersAndAgents()
{
    TestServer server;
    QVERIFY(server.start());
    const QByteArray admin = server.tokenFor(u"admin"_s);
    QList<qint64> numbers, users, campaigns;
    for (int i = 0; i < 6; ++i)
        numbers.append(createNumber(u"+57320000000%1"_s.arg(i), &server, admin));
    for (int i = 0; i < 3; ++i) {
        qint64 id = 0;
        server.tokenFor(u"agent"_s, &id);
        users.append(id);
    }
    QVERIFY(!numbers.contains(0) && !users.contains(0));
    // Campaign i: numbers i%6 and (i+1)%6 (primary the second) unless i%5 == 0 (none); i%4 agents.
    QHash<qint64, QList<qint64>> expectedNumbers;
    QHash<qint64, int> expectedAgents;
    for (int i = 0; i < 25; ++i) {
        const qint64 id =
            createCampaign({{u"name"_s, u"Lote %1"_s.arg(i)}, {u"code"_s, u"BATCH_%1"_s.arg(i)}}, &server, admin);
        QVERIFY(id);
        campaigns.append(id);
        if (i % 5 != 0) {
            const qint64 a = numbers[i % 6], b = numbers[(i + 1) % 6];
            QCOMPARE(server
                         .request("POST", u"/v1/campaigns/%1/numbers"_s.arg(id),
                                  {{u"whatsapp_number_ids"_s, QJsonArray{a, b}}, {u"primary_number_id"_s, b}}, admin)
                         .status,
                     200);
            expectedNumbers.insert(id, {b, a});
        }
        QJsonArray agents;
        for (int k = 0; k < i % 4; ++k)
            agents.append(QJsonObject{{u"user_id"_s, users[k]}});
        QCOMPARE(server.request("POST", u"/v1/campaigns/%1/agents"_s.arg(id), {{u"agents"_s, agents}}, admin).status,
                 200);
        expectedAgents.insert(id, i % 4);
    }
    // Campaign i: i%3 open chats (every open status in turn) and, when i is even, a closed one
    // that active_chats leaves out. Chats arrive with inbound delivery: straight into the database.
    QHash<qint64, int> expectedChats;
    {
        const QStringList open{u"new"_s, u"bot"_s, u"queued"_s, u"assigned"_s, u"active"_s, u"pending"_s};
        const qint64 now = nowSeconds();
        int seq = 0;
        for (int i = 0; i < 25; ++i) {
            QStringList statuses;
            for (int k = 0; k < i % 3; ++k)
                statuses.append(open[seq++ % open.size()]);
            if (i % 2 == 0)
                statuses.append(u"closed"_s);
            for (const QString &status : std::as_const(statuses)) {
                // A client per chat: one open chat per client and number.
                SqlQuery
                    client(server.db(),
                           "INSERT INTO clients (phone_number, search_text, custom_fields, created_at, updated_at) "
                           "VALUES (?, '', '{}', ?, ?) RETURNING id",
                           {u"+57321%1"_s.arg(++seq, 7, 10, QChar(u'0')), now, now});
                QVERIFY(client.exec() && client.next());
                SqlQuery chat(server.db(),
                              "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, status, created_at, "
                              "last_activity_at) VALUES (?, ?, ?, ?, ?, ?)",
                              {client.integer(0), campaigns[i], numbers[0], status, now, now});
                QVERIFY(chat.exec());
            }
            expectedChats.insert(campaigns[i], i % 3);
        }
    }
    // A deleted number and a deleted user drop out of the lists.
    QCOMPARE(server.request("DELETE", u"/v1/whatsapp-numbers/%1"_s.arg(numbers[5]), {}, admin).status, 204);
    {
        SqlQuery del(server.db(), "UPDATE users SET deleted_at = ? WHERE id = ?", {nowSeconds(), users[2]});
        QVERIFY(del.exec());
    }   // the statement must not outlive the server's connection
    for (auto it = expectedNumbers.begin(); it != expectedNumbers.end(); ++it)
        it->removeAll(numbers[5]);
    for (auto it = expectedAgents.begin(); it != expectedAgents.end(); ++it)
        it.value() = qMin(it.value(), 2);

    auto check = [&](const QJsonArray &data) {
        for (const QJsonValue &v : data) {
            const QJsonObject item = v.toObject();
            const qint64 id = item.value(u"id"_s).toInteger();
            const QJsonArray got = item.value(u"whatsapp_numbers"_s).toArray();
            QCOMPARE(idsOf(got), expectedNumbers.value(id));
            for (const QJsonValue &n : got) {
                QCOMPARE(keysOf(n.toObject()), (QSet<QString>{u"id"_s, u"phone_number"_s, u"display_name"_s}));
                QVERIFY(n.toObject().value(u"phone_number"_s).toString().startsWith(u"+5732"_s));
            }
            QCOMPARE(item.value(u"agents_count"_s).toInt(), expectedAgents.value(id));
            QCOMPARE(item.value(u"active_chats"_s).toInt(), expectedChats.value(id));
        }
    };
    ApiResponse r = server.request("GET", u"/v1/campaigns?limit=100"_s, {}, admin);
    QCOMPARE(r.status, 200);
    const QJsonArray all = r.value(u"data"_s).toArray();
    QCOMPARE(idsOf(all), campaigns);
    check(all);
    const QSet<QString> expected{u"id"_s,
                                 u"name"_s,
                                 u"code"_s,
                                 u"description"_s,
                                 u"status"_s,
                                 u"priority"_s,
                                 u"bot_enabled"_s,
                                 u"routing_strategy"_s,
                                 u"csat_enabled"_s,
                                 u"csat_message"_s,
                                 u"csat_timeout_minutes"_s,
                                 u"whatsapp_numbers"_s,
                                 u"agents_count"_s,
                                 u"active_chats"_s,
                                 u"created_at"_s};
    QCOMPARE(keysOf(all.first().toObject()), expected);

    r = server.request("GET", u"/v1/campaigns?limit=10&page=3"_s, {}, admin);
    QCOMPARE(r.value(u"meta"_s).toObject(),
             (QJsonObject{{u"current_page"_s, 3}, {u"per_page"_s, 10}, {u"total"_s, 25}, {u"total_pages"_s, 3}}));
    QCOMPARE(idsOf(r.value(u"data"_s).toArray()), campaigns.mid(20));
    check(r.value(u"data"_s).toArray());
    r = server.request("GET", u"/v1/campaigns?limit=10&page=2"_s, {}, admin);
    QCOMPARE(idsOf(r.value(u"data"_s).toArray()), campaigns.mid(10, 10));
    check(r.value(u"data"_s).toArray());
    // The detail counts the same way.
    for (const int i : {0, 1, 2, 5}) {
        r = server.request("GET", u"/v1/campaigns/%1"_s.arg(campaigns[i]), {}, admin);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value(u"active_chats"_s).toInt(), i % 3);
    }
    server.stop();
}

QTEST_MAIN(tst_Campaigns)
#include "tst_campaigns.moc"
