// Tasks (the OpenAPI document) over real HTTP, and the reminder scheduler — against SQLite and PostgreSQL.
#include "Fixtures.h"
#include "TestServer.h"

#include "core/JsonWriter.h"
#include "domain/ReminderScheduler.h"
#include "store/Database.h"
#include "store/TaskStore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QMutex>
#include <QSemaphore>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlRecord>
#include <QTest>
#include <QThread>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

QSet<QString> fieldsOf(const ApiResponse &r)
{
    const QStringList fields = r.errorFields();
    return QSet<QString>(fields.begin(), fields.end());
}

QStringList titlesOf(const ApiResponse &r)
{
    QStringList out;
    for (const QJsonValue &v : r.value(u"data"_s).toArray())
        out.append(v.toObject().value(u"title"_s).toString());
    return out;
}

// Every row of a query, one "a|b|c" string each: a snapshot to compare.
QStringList rowsOf(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql))
        qWarning("snapshot failed: %s", qPrintable(q.lastError().text()));
    QStringList out;
    while (q.next()) {
        QStringList columns;
        for (int i = 0; i < q.record().count(); ++i)
            columns.append(q.isNull(i) ? u"NULL"_s : q.value(i).toString());
        out.append(columns.join(u'|'));
    }
    return out;
}

// How often a task's id was reported by a reminderFired spy.
int firedCount(const QSignalSpy &spy, qint64 taskId)
{
    int n = 0;
    for (const QList<QVariant> &args : spy) {
        if (args.value(0).toLongLong() == taskId)
            ++n;
    }
    return n;
}

// The running scheduler passes every 50 ms here (initTestCase): a reminder that is due fires
// within a pass, and this leaves two hundred of them of margin.
constexpr int kFiresWithinMs = 10000;

}   // namespace

class tst_Tasks : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void createTask();
    void createDefaults();
    void createValidation_data();
    void createValidation();
    void agentAssignsOnlyThemselves();

    void refusals_data();
    void refusals();

    void getTaskVisibility();

    void listFilters_data();
    void listFilters();
    void listValidation_data();
    void listValidation();

    void updateTask();
    void updateValidation();

    void chatRules_data();
    void chatRules();
    void updateChat();
    void chatReferenceEnforced();
    void chatReferenceMigration();

    void deleteTask();
    void completeTask();
    void comments();
    void tasksOfClient();

    void reminderFiresOnce();
    void reminderRearmed();
    void reminderAcrossRestart();
    void reminderRace();

private:
    ApiResponse send(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                     const QByteArray &token = {})
    {
        return m_server.request(method, path, body, token.isNull() ? m_admin : token);
    }
    qint64 createTask(const QJsonObject &body, const QByteArray &token = {});
    qint64 insertDueReminder(const QString &title);
    QList<QJsonObject> auditFor(const QString &action, qint64 entityId);
    qint64 newClient();
    // A chat straight in the database (docs/API.md visibility: the agent's own, or queued in its campaign).
    qint64 newChat(qint64 clientId, qint64 campaignId, const QString &status, qint64 agentId);

    TestServer m_server;
    QByteArray m_admin;
    QByteArray m_supervisor;
    QByteArray m_agent;
    QByteArray m_agent2;
    qint64 m_adminId = 0;
    qint64 m_supervisorId = 0;
    qint64 m_agentId = 0;
    qint64 m_agent2Id = 0;
    qint64 m_clientId = 0;
    int m_phoneSeq = 0;
    // Chats: the agent is an agent of m_campaign only.
    qint64 m_number = 0;
    qint64 m_campaign = 0;
    qint64 m_otherCampaign = 0;
    qint64 m_chatId = 0;   // m_clientId's, assigned to the agent
    qint64 m_otherClientId = 0;
    qint64 m_agent2ChatId = 0;   // m_otherClientId's, assigned to agent 2
    qint64 m_queuedClientId = 0;
    qint64 m_queuedChatId = 0;    // queued in m_campaign: the agent sees it
    qint64 m_foreignChatId = 0;   // queued in m_otherCampaign: the agent does not
};

void tst_Tasks::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = m_server.tokenFor(u"admin"_s, &m_adminId);
    m_supervisor = m_server.tokenFor(u"supervisor"_s, &m_supervisorId);
    m_agent = m_server.tokenFor(u"agent"_s, &m_agentId);
    m_agent2 = m_server.tokenFor(u"agent"_s, &m_agent2Id);
    QVERIFY(!m_admin.isEmpty() && !m_supervisor.isEmpty() && !m_agent.isEmpty() && !m_agent2.isEmpty());
    m_clientId = newClient();
    QVERIFY(m_clientId > 0);

    const qint64 now = nowSeconds();
    m_number = insertReturningId(m_server.db(),
                                 "INSERT INTO whatsapp_numbers (phone_number, provider, created_at, updated_at) "
                                 "VALUES (?, 'meta', ?, ?) RETURNING id",
                                 {u"+573009990001"_s, now, now});
    const auto campaign = [&](const QString &name, const QString &code) {
        return insertReturningId(m_server.db(),
                                 "INSERT INTO campaigns (name, code, search_text, created_at, updated_at) "
                                 "VALUES (?, ?, ?, ?, ?) RETURNING id",
                                 {name, code, name.toLower(), now, now});
    };
    m_campaign = campaign(u"Ventas"_s, u"VENTAS"_s);
    m_otherCampaign = campaign(u"Soporte"_s, u"SOPORTE"_s);
    QVERIFY(m_number && m_campaign && m_otherCampaign);
    SqlQuery member(m_server.db(), "INSERT INTO campaign_agents (campaign_id, user_id, created_at) VALUES (?, ?, ?)",
                    {m_campaign, m_agentId, now});
    QVERIFY(member.exec());
    m_otherClientId = newClient();
    m_queuedClientId = newClient();
    const qint64 foreignClient = newClient();
    m_chatId = newChat(m_clientId, m_campaign, u"active"_s, m_agentId);
    m_agent2ChatId = newChat(m_otherClientId, m_campaign, u"active"_s, m_agent2Id);
    m_queuedChatId = newChat(m_queuedClientId, m_campaign, u"queued"_s, 0);
    m_foreignChatId = newChat(foreignClient, m_otherCampaign, u"queued"_s, 0);
    QVERIFY(m_chatId && m_agent2ChatId && m_queuedChatId && m_foreignChatId);
    QVERIFY(m_server.app().reminders());
    QCOMPARE(m_server.app().reminders()->interval(), ReminderScheduler::kDefaultIntervalMs);
    m_server.app().reminders()->setInterval(50);
    QCOMPARE(m_server.app().reminders()->interval(), 50);
}

qint64 tst_Tasks::newClient()
{
    const ApiResponse r = send("POST", u"/v1/clients"_s,
                               {{u"phone_number"_s, u"+57311444%1"_s.arg(++m_phoneSeq, 4, 10, QChar(u'0'))},
                                {u"first_name"_s, u"Ana"_s},
                                {u"last_name"_s, u"Martínez"_s}});
    if (r.status != 201)
        qWarning("client create failed: %d %s", r.status, r.body.constData());
    return r.value(u"id"_s).toInteger();
}

qint64 tst_Tasks::newChat(qint64 clientId, qint64 campaignId, const QString &status, qint64 agentId)
{
    const qint64 now = nowSeconds();
    return insertReturningId(
        m_server.db(),
        "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, status, "
        "created_at, queued_at, assigned_at, last_activity_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        {clientId, campaignId, m_number, nullIfZero(agentId), status, now, now, nullIfZero(agentId ? now : 0), now});
}

qint64 tst_Tasks::createTask(const QJsonObject &body, const QByteArray &token)
{
    const ApiResponse r = send("POST", u"/v1/tasks"_s, body, token);
    if (r.status != 201)
        qWarning("task create failed: %d %s", r.status, r.body.constData());
    return r.value(u"id"_s).toInteger();
}

// A task whose reminder is already due, written straight to the database (as if created while
// no scheduler ran).
qint64 tst_Tasks::insertDueReminder(const QString &title)
{
    Task t;
    t.title = title;
    t.assignedToUserId = m_agentId;
    t.createdByUserId = m_agentId;
    const qint64 now = nowSeconds();
    t.dueDate = now + 3600;
    t.reminderDate = now - 60;
    const Result<qint64> id = TaskStore(m_server.db()).insert(t, now);
    return id ? *id : 0;
}

QList<QJsonObject> tst_Tasks::auditFor(const QString &action, qint64 entityId)
{
    QList<QJsonObject> out;
    for (const QJsonObject &row : m_server.auditRows(action)) {
        if (row.value(u"entity_id"_s).toInteger() == entityId)
            out.append(row);
    }
    return out;
}

// ---- create ----

void tst_Tasks::createTask()
{
    // The create body of the customer's API design.
    const QJsonObject body{{u"client_id"_s, m_clientId},
                           {u"chat_id"_s, m_chatId},
                           {u"assigned_to_user_id"_s, m_agentId},
                           {u"title"_s, u"Llamar para renovación de contrato"_s},
                           {u"description"_s, u"Cliente está por vencer su plan anual"_s},
                           {u"due_date"_s, u"2035-11-15T10:00:00Z"_s},
                           {u"reminder_date"_s, u"2035-11-15T04:00:00-05:00"_s},
                           {u"priority"_s, u"high"_s}};
    const ApiResponse r = send("POST", u"/v1/tasks"_s, body);
    QCOMPARE(r.status, 201);
    const QJsonObject t = r.object();
    const qint64 id = t.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(t.value(u"client_id"_s).toInteger(), m_clientId);
    QCOMPARE(t.value(u"client"_s).toObject().value(u"first_name"_s).toString(), u"Ana"_s);
    QCOMPARE(t.value(u"chat_id"_s).toInteger(), m_chatId);
    QCOMPARE(t.value(u"assigned_to_user_id"_s).toInteger(), m_agentId);
    QCOMPARE(t.value(u"assigned_to"_s).toObject().value(u"id"_s).toInteger(), m_agentId);
    QCOMPARE(t.value(u"created_by_user_id"_s).toInteger(), m_adminId);
    QCOMPARE(t.value(u"title"_s).toString(), u"Llamar para renovación de contrato"_s);
    QCOMPARE(t.value(u"description"_s).toString(), u"Cliente está por vencer su plan anual"_s);
    QCOMPARE(t.value(u"due_date"_s).toString(), u"2035-11-15T10:00:00Z"_s);
    QCOMPARE(t.value(u"reminder_date"_s).toString(), u"2035-11-15T09:00:00Z"_s);   // offset applied
    QVERIFY(t.value(u"reminder_fired_at"_s).isNull());
    QCOMPARE(t.value(u"priority"_s).toString(), u"high"_s);
    QCOMPARE(t.value(u"status"_s).toString(), u"pending"_s);
    QCOMPARE(t.value(u"is_overdue"_s).toBool(), false);
    QVERIFY(t.value(u"completed_at"_s).isNull());
    QVERIFY(t.value(u"completion_notes"_s).isNull());
    QVERIFY(t.value(u"comments"_s).toArray().isEmpty());
    QVERIFY(!t.value(u"created_at"_s).toString().isEmpty());

    const QList<QJsonObject> audit = auditFor(u"task.create"_s, id);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0].value(u"success"_s).toBool(), true);
    QCOMPARE(audit[0].value(u"entity_type"_s).toString(), u"Task"_s);
    QCOMPARE(audit[0].value(u"user_id"_s).toInteger(), m_adminId);
    const QJsonObject changes = audit[0].value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"title"_s).toObject().value(u"to"_s).toString(), u"Llamar para renovación de contrato"_s);
    QCOMPARE(changes.value(u"priority"_s).toObject().value(u"to"_s).toString(), u"high"_s);
}

void tst_Tasks::createDefaults()
{
    const ApiResponse r = send("POST", u"/v1/tasks"_s, {{u"title"_s, u"Solo título"_s}}, m_agent);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.value(u"assigned_to_user_id"_s).toInteger(), m_agentId);
    QCOMPARE(r.value(u"created_by_user_id"_s).toInteger(), m_agentId);
    QCOMPARE(r.value(u"priority"_s).toString(), u"medium"_s);
    QCOMPARE(r.value(u"status"_s).toString(), u"pending"_s);
    QVERIFY(r.value(u"client_id"_s).isNull());
    QVERIFY(r.value(u"client"_s).isNull());
    QVERIFY(r.value(u"chat_id"_s).isNull());
    QVERIFY(r.value(u"due_date"_s).isNull());
}

void tst_Tasks::createValidation_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QSet<QString>>("fields");
    const QJsonObject ok{{u"title"_s, u"Tarea"_s}};
    const auto with = [&](const QString &k, const QJsonValue &v) {
        QJsonObject o = ok;
        o.insert(k, v);
        return o;
    };
    QTest::addRow("missing-title") << QJsonObject{{u"priority"_s, u"low"_s}} << QSet<QString>{u"title"_s};
    QTest::addRow("blank-title") << with(u"title"_s, u"   "_s) << QSet<QString>{u"title"_s};
    QTest::addRow("long-title") << with(u"title"_s, QString(256, u'x')) << QSet<QString>{u"title"_s};
    QTest::addRow("bad-priority") << with(u"priority"_s, u"critical"_s) << QSet<QString>{u"priority"_s};
    QTest::addRow("bad-status") << with(u"status"_s, u"done"_s) << QSet<QString>{u"status"_s};
    QTest::addRow("bad-due-date") << with(u"due_date"_s, u"mañana"_s) << QSet<QString>{u"due_date"_s};
    QTest::addRow("numeric-due-date") << with(u"due_date"_s, 1700000000) << QSet<QString>{u"due_date"_s};
    QTest::addRow("bad-reminder") << with(u"reminder_date"_s, u"2035-13-40T10:00:00Z"_s)
                                  << QSet<QString>{u"reminder_date"_s};
    QJsonObject late = ok;
    late.insert(u"due_date"_s, u"2035-11-15T10:00:00Z"_s);
    late.insert(u"reminder_date"_s, u"2035-11-15T10:00:00Z"_s);
    QTest::addRow("reminder-not-before-due") << late << QSet<QString>{u"reminder_date"_s};
    QTest::addRow("unknown-client") << with(u"client_id"_s, 999999) << QSet<QString>{u"client_id"_s};
    QTest::addRow("unknown-assignee") << with(u"assigned_to_user_id"_s, 999999)
                                      << QSet<QString>{u"assigned_to_user_id"_s};
    QTest::addRow("bad-chat-id") << with(u"chat_id"_s, u"x"_s) << QSet<QString>{u"chat_id"_s};
    QTest::addRow("unknown-chat") << with(u"chat_id"_s, 999999) << QSet<QString>{u"chat_id"_s};
    QTest::addRow("long-description") << with(u"description"_s, QString(5001, u'x')) << QSet<QString>{u"description"_s};
    QTest::addRow("several") << QJsonObject{{u"priority"_s, u"x"_s}, {u"due_date"_s, u"x"_s}}
                             << QSet<QString>{u"title"_s, u"priority"_s, u"due_date"_s};
}

void tst_Tasks::createValidation()
{
    QFETCH(QJsonObject, body);
    QFETCH(QSet<QString>, fields);
    const qint64 before = m_server.count(u"tasks"_s);
    const ApiResponse r = send("POST", u"/v1/tasks"_s, body);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QCOMPARE(fieldsOf(r), fields);
    QCOMPARE(m_server.count(u"tasks"_s), before);
}

void tst_Tasks::agentAssignsOnlyThemselves()
{
    ApiResponse r =
        send("POST", u"/v1/tasks"_s, {{u"title"_s, u"Para otro"_s}, {u"assigned_to_user_id"_s, m_agent2Id}}, m_agent);
    QCOMPARE(r.status, 422);
    QCOMPARE(fieldsOf(r), QSet<QString>{u"assigned_to_user_id"_s});
    r = send("POST", u"/v1/tasks"_s, {{u"title"_s, u"Para mí"_s}, {u"assigned_to_user_id"_s, m_agentId}}, m_agent);
    QCOMPARE(r.status, 201);
    r = send("POST", u"/v1/tasks"_s, {{u"title"_s, u"Del supervisor"_s}, {u"assigned_to_user_id"_s, m_agent2Id}},
             m_supervisor);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.value(u"assigned_to_user_id"_s).toInteger(), m_agent2Id);
}

// ---- 401 / 403 ----

void tst_Tasks::refusals_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("role");   // empty: no token
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("action");
    QTest::addRow("list-no-token") << QByteArray("GET") << u"/v1/tasks"_s << QString() << 401 << u"task.list"_s;
    QTest::addRow("create-no-token") << QByteArray("POST") << u"/v1/tasks"_s << QString() << 401 << u"task.create"_s;
    QTest::addRow("get-no-token") << QByteArray("GET") << u"/v1/tasks/1"_s << QString() << 401 << u"task.read"_s;
    QTest::addRow("update-no-token") << QByteArray("PUT") << u"/v1/tasks/1"_s << QString() << 401 << u"task.update"_s;
    QTest::addRow("delete-no-token") << QByteArray("DELETE") << u"/v1/tasks/1"_s << QString() << 401
                                     << u"task.delete"_s;
    QTest::addRow("complete-no-token") << QByteArray("POST") << u"/v1/tasks/1/complete"_s << QString() << 401
                                       << u"task.complete"_s;
    QTest::addRow("comment-no-token") << QByteArray("POST") << u"/v1/tasks/1/comments"_s << QString() << 401
                                      << u"task.comment"_s;
    QTest::addRow("agent-delete") << QByteArray("DELETE") << u"/v1/tasks/1"_s << u"agent"_s << 403 << u"task.delete"_s;
}

void tst_Tasks::refusals()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, role);
    QFETCH(int, status);
    QFETCH(QString, action);
    const qint64 before = m_server.count(u"audit_logs"_s, u"action = '%1' AND success = %2"_s.arg(action, u"FALSE"_s));
    const QByteArray token = role.isEmpty() ? QByteArray("") : m_agent;
    const ApiResponse r = m_server.request(method, path, {{u"title"_s, u"x"_s}, {u"content"_s, u"x"_s}}, token);
    QCOMPARE(r.status, status);
    const QList<QJsonObject> rows = m_server.auditRows(action);
    QCOMPARE(m_server.count(u"audit_logs"_s, u"action = '%1' AND success = %2"_s.arg(action, u"FALSE"_s)), before + 1);
    QCOMPARE(rows.first().value(u"status_code"_s).toInteger(), status);
    QCOMPARE(rows.first().value(u"success"_s).toBool(), false);
}

// ---- get ----

void tst_Tasks::getTaskVisibility()
{
    // Created by the agent for themselves, then handed to agent 2 by a supervisor: the agent
    // still sees it as its creator; a task of agent 2 alone is a 404 for the agent.
    const qint64 mine = createTask({{u"title"_s, u"Creada por agente"_s}}, m_agent);
    QCOMPARE(send("PUT", u"/v1/tasks/%1"_s.arg(mine), {{u"assigned_to_user_id"_s, m_agent2Id}}, m_supervisor).status,
             200);
    const qint64 theirs = createTask({{u"title"_s, u"De agente 2"_s}}, m_agent2);
    QVERIFY(mine > 0 && theirs > 0);

    ApiResponse r = send("GET", u"/v1/tasks/%1"_s.arg(mine), {}, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"assigned_to_user_id"_s).toInteger(), m_agent2Id);
    QVERIFY(r.value(u"comments"_s).isArray());
    QCOMPARE(send("GET", u"/v1/tasks/%1"_s.arg(mine), {}, m_agent2).status, 200);
    r = send("GET", u"/v1/tasks/%1"_s.arg(theirs), {}, m_agent);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), QByteArray("NOT_FOUND"));
    QVERIFY(!r.body.contains("De agente 2"));
    QCOMPARE(send("GET", u"/v1/tasks/%1"_s.arg(theirs), {}, m_supervisor).status, 200);
    QCOMPARE(send("GET", u"/v1/tasks/999999"_s).status, 404);
    // Nor may the agent change, complete or comment on it.
    QCOMPARE(send("PUT", u"/v1/tasks/%1"_s.arg(theirs), {{u"title"_s, u"x"_s}}, m_agent).status, 404);
    QCOMPARE(send("POST", u"/v1/tasks/%1/complete"_s.arg(theirs), {}, m_agent).status, 404);
    QCOMPARE(send("POST", u"/v1/tasks/%1/comments"_s.arg(theirs), {{u"content"_s, u"x"_s}}, m_agent).status, 404);
}

// ---- list ----

void tst_Tasks::listFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QStringList>("titles");
    // Fixture (one client of its own): A agent pending high 2030-01-10; B agent2 in_progress low
    // 2030-02-10; C agent completed 2020-01-01; D agent pending 2020-01-01 (overdue); E agent2
    // pending, undated. All created by the admin.
    QTest::addRow("all") << QString() << u"admin"_s << QStringList{u"C"_s, u"D"_s, u"A"_s, u"B"_s, u"E"_s};
    QTest::addRow("status") << u"status=pending"_s << u"admin"_s << QStringList{u"D"_s, u"A"_s, u"E"_s};
    QTest::addRow("priority") << u"priority=high"_s << u"admin"_s << QStringList{u"A"_s};
    QTest::addRow("assignee") << u"assigned_to_user_id=AGENT2"_s << u"admin"_s << QStringList{u"B"_s, u"E"_s};
    QTest::addRow("due-range") << u"due_from=2030-01-01&due_to=2030-01-31"_s << u"admin"_s << QStringList{u"A"_s};
    QTest::addRow("due-to-day-end") << u"due_to=2030-01-10"_s << u"admin"_s << QStringList{u"C"_s, u"D"_s, u"A"_s};
    QTest::addRow("overdue") << u"overdue=true"_s << u"admin"_s << QStringList{u"D"_s};
    QTest::addRow("page-2") << u"limit=2&page=2"_s << u"admin"_s << QStringList{u"A"_s, u"B"_s};
    QTest::addRow("supervisor") << QString() << u"supervisor"_s << QStringList{u"C"_s, u"D"_s, u"A"_s, u"B"_s, u"E"_s};
    QTest::addRow("agent-own") << QString() << u"agent"_s << QStringList{u"C"_s, u"D"_s, u"A"_s};
    QTest::addRow("agent2-own") << QString() << u"agent2"_s << QStringList{u"B"_s, u"E"_s};
    QTest::addRow("agent-asks-other") << u"assigned_to_user_id=AGENT2"_s << u"agent"_s << QStringList{};
}

void tst_Tasks::listFilters()
{
    QFETCH(QString, query);
    QFETCH(QString, role);
    QFETCH(QStringList, titles);
    static qint64 client = 0;
    if (!client) {
        client = newClient();
        QVERIFY(client > 0);
        const auto make = [&](const QString &title, qint64 user, const QString &status, const QString &priority,
                              const QJsonValue &due) {
            QJsonObject body{{u"title"_s, title},
                             {u"client_id"_s, client},
                             {u"assigned_to_user_id"_s, user},
                             {u"status"_s, status},
                             {u"priority"_s, priority}};
            if (!due.isNull())
                body.insert(u"due_date"_s, due);
            return createTask(body) > 0;
        };
        QVERIFY(make(u"A"_s, m_agentId, u"pending"_s, u"high"_s, u"2030-01-10T12:00:00Z"_s));
        QVERIFY(make(u"B"_s, m_agent2Id, u"in_progress"_s, u"low"_s, u"2030-02-10T12:00:00Z"_s));
        QVERIFY(make(u"C"_s, m_agentId, u"completed"_s, u"medium"_s, u"2020-01-01T12:00:00Z"_s));
        QVERIFY(make(u"D"_s, m_agentId, u"pending"_s, u"medium"_s, u"2020-01-01T12:00:00Z"_s));
        QVERIFY(make(u"E"_s, m_agent2Id, u"pending"_s, u"medium"_s, QJsonValue()));
    }
    const QByteArray token = role == "admin"_L1 ? m_admin
        : role == "supervisor"_L1               ? m_supervisor
        : role == "agent"_L1                    ? m_agent
                                                : m_agent2;
    QString q = u"/v1/tasks?client_id=%1"_s.arg(client);
    if (!query.isEmpty())
        q += u'&' + QString(query).replace(u"AGENT2"_s, QString::number(m_agent2Id));
    const ApiResponse r = send("GET", q, {}, token);
    QCOMPARE(r.status, 200);
    QCOMPARE(titlesOf(r), titles);
    const QJsonObject meta = r.value(u"meta"_s).toObject();
    if (query.startsWith(u"limit=2"_s)) {
        QCOMPARE(meta.value(u"total"_s).toInteger(), 5);
        QCOMPARE(meta.value(u"current_page"_s).toInteger(), 2);
    }
    if (!titles.isEmpty() && titles.first() == "D"_L1 && query == "overdue=true"_L1)
        QCOMPARE(r.value(u"data"_s).toArray().first().toObject().value(u"is_overdue"_s).toBool(), true);
}

void tst_Tasks::listValidation_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::addRow("status") << u"status=done"_s << u"status"_s;
    QTest::addRow("priority") << u"priority=critical"_s << u"priority"_s;
    QTest::addRow("due-from") << u"due_from=yesterday"_s << u"due_from"_s;
    QTest::addRow("overdue") << u"overdue=maybe"_s << u"overdue"_s;
    QTest::addRow("client") << u"client_id=abc"_s << u"client_id"_s;
}

void tst_Tasks::listValidation()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    const ApiResponse r = send("GET", u"/v1/tasks?"_s + query);
    QCOMPARE(r.status, 422);
    QCOMPARE(fieldsOf(r), QSet<QString>{field});
}

// ---- update ----

void tst_Tasks::updateTask()
{
    const qint64 id = createTask({{u"title"_s, u"Original"_s},
                                  {u"description"_s, u"Sin cambios"_s},
                                  {u"due_date"_s, u"2035-01-01T10:00:00Z"_s}},
                                 m_agent);
    QVERIFY(id > 0);
    ApiResponse r =
        send("PUT", u"/v1/tasks/%1"_s.arg(id), {{u"title"_s, u"Cambiada"_s}, {u"priority"_s, u"urgent"_s}}, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"title"_s).toString(), u"Cambiada"_s);
    QCOMPARE(r.value(u"priority"_s).toString(), u"urgent"_s);
    QCOMPARE(r.value(u"description"_s).toString(), u"Sin cambios"_s);
    QCOMPARE(r.value(u"due_date"_s).toString(), u"2035-01-01T10:00:00Z"_s);
    QList<QJsonObject> audit = auditFor(u"task.update"_s, id);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0].value(u"success"_s).toBool(), true);
    QCOMPARE(audit[0].value(u"entity_type"_s).toString(), u"Task"_s);
    QJsonObject changes = audit[0].value(u"changes"_s).toObject();
    const QStringList changed = changes.keys();
    QCOMPARE(QSet<QString>(changed.begin(), changed.end()), (QSet<QString>{u"title"_s, u"priority"_s}));
    QCOMPARE(changes.value(u"title"_s).toObject().value(u"from"_s).toString(), u"Original"_s);

    // null clears an optional field; status completed stamps completed_at, reopening clears it.
    r = send("PUT", u"/v1/tasks/%1"_s.arg(id), {{u"description"_s, QJsonValue()}, {u"status"_s, u"completed"_s}},
             m_agent);
    QCOMPARE(r.status, 200);
    QVERIFY(r.value(u"description"_s).isNull());
    QVERIFY(!r.value(u"completed_at"_s).toString().isEmpty());
    r = send("PUT", u"/v1/tasks/%1"_s.arg(id), {{u"status"_s, u"in_progress"_s}}, m_agent);
    QCOMPARE(r.status, 200);
    QVERIFY(r.value(u"completed_at"_s).isNull());
    QCOMPARE(send("PUT", u"/v1/tasks/999999"_s, {{u"title"_s, u"x"_s}}).status, 404);
}

void tst_Tasks::updateValidation()
{
    const qint64 id = createTask({{u"title"_s, u"Con fecha"_s}, {u"due_date"_s, u"2035-01-01T10:00:00Z"_s}}, m_agent);
    ApiResponse r = send("PUT", u"/v1/tasks/%1"_s.arg(id), {{u"reminder_date"_s, u"2035-01-02T10:00:00Z"_s}}, m_agent);
    QCOMPARE(r.status, 422);
    QCOMPARE(fieldsOf(r), QSet<QString>{u"reminder_date"_s});
    r = send("PUT", u"/v1/tasks/%1"_s.arg(id), {{u"assigned_to_user_id"_s, m_agent2Id}}, m_agent);
    QCOMPARE(r.status, 422);
    QCOMPARE(fieldsOf(r), QSet<QString>{u"assigned_to_user_id"_s});
    r = send("PUT", u"/v1/tasks/%1"_s.arg(id), {{u"title"_s, u""_s}, {u"priority"_s, u"x"_s}}, m_agent);
    QCOMPARE(r.status, 422);
    QCOMPARE(fieldsOf(r), (QSet<QString>{u"title"_s, u"priority"_s}));
    r = send("GET", u"/v1/tasks/%1"_s.arg(id), {}, m_agent);
    QCOMPARE(r.value(u"title"_s).toString(), u"Con fecha"_s);
    QVERIFY(r.value(u"reminder_date"_s).isNull());
}

// ---- the task's chat ----

void tst_Tasks::chatRules_data()
{
    // A chat_id on create: a chat the caller may see, of the client_id when one is given.
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("chat");     // fixture name
    QTest::addColumn<QString>("client");   // "", "own" (the chat's client), "other", "null"
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");   // the Spanish error on chat_id, when 422
    QTest::addRow("admin-chat-only") << u"admin"_s << u"agent"_s << QString() << 201 << QString();
    QTest::addRow("admin-chat-and-its-client") << u"admin"_s << u"agent"_s << u"own"_s << 201 << QString();
    QTest::addRow("admin-null-client") << u"admin"_s << u"agent"_s << u"null"_s << 201 << QString();
    QTest::addRow("admin-other-client") << u"admin"_s << u"agent"_s << u"other"_s << 422
                                        << u"El chat pertenece a otro cliente"_s;
    QTest::addRow("admin-unknown-chat") << u"admin"_s << u"missing"_s << QString() << 422 << u"Chat desconocido"_s;
    QTest::addRow("supervisor-any-chat") << u"supervisor"_s << u"agent2"_s << QString() << 201 << QString();
    QTest::addRow("agent-own-chat") << u"agent"_s << u"agent"_s << QString() << 201 << QString();
    QTest::addRow("agent-queued-in-campaign") << u"agent"_s << u"queued"_s << QString() << 201 << QString();
    QTest::addRow("agent-chat-of-other-agent")
        << u"agent"_s << u"agent2"_s << QString() << 422 << u"Chat desconocido"_s;
    QTest::addRow("agent-queued-elsewhere") << u"agent"_s << u"foreign"_s << QString() << 422 << u"Chat desconocido"_s;
}

void tst_Tasks::chatRules()
{
    QFETCH(QString, role);
    QFETCH(QString, chat);
    QFETCH(QString, client);
    QFETCH(int, status);
    QFETCH(QString, message);
    const QHash<QString, qint64> chats{{u"agent"_s, m_chatId},
                                       {u"agent2"_s, m_agent2ChatId},
                                       {u"queued"_s, m_queuedChatId},
                                       {u"foreign"_s, m_foreignChatId},
                                       {u"missing"_s, 999999}};
    const QHash<qint64, qint64> clientOf{{m_chatId, m_clientId},
                                         {m_agent2ChatId, m_otherClientId},
                                         {m_queuedChatId, m_queuedClientId}};
    const qint64 chatId = chats.value(chat);
    QJsonObject body{{u"title"_s, u"Sobre el chat"_s}, {u"chat_id"_s, chatId}};
    if (client == "own"_L1)
        body.insert(u"client_id"_s, clientOf.value(chatId));
    else if (client == "other"_L1)
        body.insert(u"client_id"_s, m_otherClientId);
    else if (client == "null"_L1)
        body.insert(u"client_id"_s, QJsonValue());
    const QByteArray token = role == "admin"_L1 ? m_admin : role == "supervisor"_L1 ? m_supervisor : m_agent;
    const qint64 before = m_server.count(u"tasks"_s);
    const ApiResponse r = send("POST", u"/v1/tasks"_s, body, token);
    QCOMPARE(r.status, status);
    if (status == 201) {
        // The task is on the chat's client, whether or not the body named it.
        QCOMPARE(r.value(u"chat_id"_s).toInteger(), chatId);
        QCOMPARE(r.value(u"client_id"_s).toInteger(), clientOf.value(chatId));
        QCOMPARE(r.value(u"client"_s).toObject().value(u"id"_s).toInteger(), clientOf.value(chatId));
        const QList<QJsonObject> audit = auditFor(u"task.create"_s, r.value(u"id"_s).toInteger());
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit[0].value(u"changes"_s).toObject().value(u"client_id"_s).toObject().value(u"to"_s).toInteger(),
                 clientOf.value(chatId));
        return;
    }
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QCOMPARE(fieldsOf(r), QSet<QString>{u"chat_id"_s});
    QVERIFY2(QString::fromUtf8(r.body).contains(message), r.body.constData());
    QCOMPARE(m_server.count(u"tasks"_s), before);
    const QList<QJsonObject> audit = m_server.auditRows(u"task.create"_s);
    QCOMPARE(audit.first().value(u"status_code"_s).toInteger(), 422);
    QCOMPARE(audit.first().value(u"success"_s).toBool(), false);
}

void tst_Tasks::updateChat()
{
    // Naming a chat moves the task to the chat's client; another client_id is refused.
    const qint64 id = createTask({{u"title"_s, u"Mover al chat"_s}, {u"client_id"_s, m_otherClientId}}, m_agent);
    QVERIFY(id > 0);
    const QString path = u"/v1/tasks/%1"_s.arg(id);
    ApiResponse r = send("PUT", path, {{u"chat_id"_s, m_chatId}}, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"chat_id"_s).toInteger(), m_chatId);
    QCOMPARE(r.value(u"client_id"_s).toInteger(), m_clientId);
    QList<QJsonObject> audit = auditFor(u"task.update"_s, id);
    QCOMPARE(audit.size(), 1);
    const QJsonObject changes = audit[0].value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"client_id"_s).toObject().value(u"from"_s).toInteger(), m_otherClientId);
    QCOMPARE(changes.value(u"client_id"_s).toObject().value(u"to"_s).toInteger(), m_clientId);

    r = send("PUT", path, {{u"client_id"_s, m_otherClientId}}, m_agent);   // the chat stays: its client must too
    QCOMPARE(r.status, 422);
    QCOMPARE(fieldsOf(r), QSet<QString>{u"chat_id"_s});
    QVERIFY(QString::fromUtf8(r.body).contains(u"El chat pertenece a otro cliente"_s));
    r = send("PUT", path, {{u"chat_id"_s, m_agent2ChatId}}, m_agent);   // not the agent's chat
    QCOMPARE(r.status, 422);
    QCOMPARE(fieldsOf(r), QSet<QString>{u"chat_id"_s});
    r = send("PUT", path, {{u"chat_id"_s, 999999}, {u"title"_s, u""_s}}, m_agent);
    QCOMPARE(r.status, 422);
    QCOMPARE(fieldsOf(r), QSet<QString>{u"title"_s});   // the body first; then the database checks
    r = send("GET", path, {}, m_agent);
    QCOMPARE(r.value(u"chat_id"_s).toInteger(), m_chatId);
    QCOMPARE(r.value(u"client_id"_s).toInteger(), m_clientId);

    // The chat moves to agent 2: the agent may still edit the task on it, but not name it again.
    SqlQuery move(m_server.db(), "UPDATE chats SET assigned_agent_id = ? WHERE id = ?", {m_agent2Id, m_chatId});
    QVERIFY(move.exec());
    r = send("PUT", path, {{u"title"_s, u"Sigue en el chat"_s}, {u"chat_id"_s, m_chatId}}, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"title"_s).toString(), u"Sigue en el chat"_s);
    SqlQuery back(m_server.db(), "UPDATE chats SET assigned_agent_id = ? WHERE id = ?", {m_agentId, m_chatId});
    QVERIFY(back.exec());

    // null takes the task off the chat and leaves the client.
    r = send("PUT", path, {{u"chat_id"_s, QJsonValue()}}, m_agent);
    QCOMPARE(r.status, 200);
    QVERIFY(r.value(u"chat_id"_s).isNull());
    QCOMPARE(r.value(u"client_id"_s).toInteger(), m_clientId);
    // A queued chat of the agent's campaign with its own client_id.
    r = send("PUT", path, {{u"chat_id"_s, m_queuedChatId}, {u"client_id"_s, m_queuedClientId}}, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"client_id"_s).toInteger(), m_queuedClientId);
}

void tst_Tasks::chatReferenceEnforced()
{
    // Migration 0012: tasks.chat_id references chats on both engines.
    const qint64 now = nowSeconds();
    SqlQuery bad(m_server.db(),
                 "INSERT INTO tasks (chat_id, assigned_to_user_id, created_by_user_id, title, created_at, updated_at) "
                 "VALUES (?, ?, ?, 'x', ?, ?)",
                 {987654, m_agentId, m_agentId, now, now});
    QVERIFY(!bad.exec());
    SqlQuery good(m_server.db(),
                  "INSERT INTO tasks (chat_id, assigned_to_user_id, created_by_user_id, title, created_at, updated_at) "
                  "VALUES (?, ?, ?, 'Con chat', ?, ?) RETURNING id",
                  {m_chatId, m_agentId, m_agentId, now, now});
    QVERIFY(good.exec() && good.next());
    SqlQuery orphan(m_server.db(), "UPDATE tasks SET chat_id = ? WHERE id = ?", {987654, good.integer(0)});
    QVERIFY(!orphan.exec());
}

void tst_Tasks::chatReferenceMigration()
{
    // Migration 0012 replayed on this suite's data, as on an installation upgraded from 0011: on
    // SQLite it rebuilds tasks inside the migration's transaction, with foreign keys on (the
    // danger: dropping tasks cascades to task_comments). Tasks, comments and ids stay; a chat_id
    // naming no chat is cleared; ids of tasks removed for good are not handed out again.
    ReminderScheduler *running = m_server.app().reminders();
    running->stop();
    const auto restart = qScopeGuard([running] { running->start(); });
    Database &db = m_server.db();
    const bool sqlite = TestServer::engine() == "sqlite"_L1;
    const qint64 onChat = createTask({{u"title"_s, u"Con comentario"_s}, {u"chat_id"_s, m_chatId}}, m_agent);
    QVERIFY(onChat > 0);
    ApiResponse r = send("POST", u"/v1/tasks/%1/comments"_s.arg(onChat), {{u"content"_s, u"Sigue en pie"_s}}, m_agent);
    QCOMPARE(r.status, 201);
    const qint64 commentId = r.value(u"id"_s).toInteger();

    // A chat_id without a chat, as 0009 allowed: written with the reference off.
    {
        QSqlQuery raw(db.connection());
        QVERIFY(raw.exec(sqlite ? u"PRAGMA foreign_keys=OFF"_s
                                : u"ALTER TABLE tasks DROP CONSTRAINT tasks_chat_id_fkey"_s));
    }
    const qint64 now = nowSeconds();
    const qint64 orphan =
        insertReturningId(db,
                          "INSERT INTO tasks (chat_id, assigned_to_user_id, created_by_user_id, title, "
                          "created_at, updated_at) VALUES (?, ?, ?, 'Huérfana', ?, ?) RETURNING id",
                          {987654, m_agentId, m_agentId, now, now});
    const qint64 gone =
        insertReturningId(db,
                          "INSERT INTO tasks (assigned_to_user_id, created_by_user_id, title, created_at, "
                          "updated_at) VALUES (?, ?, 'Borrada del todo', ?, ?) RETURNING id",
                          {m_agentId, m_agentId, now, now});
    QVERIFY(orphan > 0 && gone > orphan);
    {
        QSqlQuery raw(db.connection());
        if (sqlite)
            QVERIFY(raw.exec(u"PRAGMA foreign_keys=ON"_s));
        QVERIFY(raw.exec(u"DELETE FROM tasks WHERE id = %1"_s.arg(gone)));
        QVERIFY(raw.exec(u"DELETE FROM schema_migrations WHERE version = 12"_s));
    }
    const QString taskRows =
        u"SELECT id, client_id, chat_id, assigned_to_user_id, created_by_user_id, title, description, "
        "due_date, reminder_date, reminder_fired_at, priority, status, completed_at, completion_notes, "
        "created_at, updated_at, deleted_at FROM tasks ORDER BY id"_s;
    const QString commentRows = u"SELECT id, task_id, user_id, content, created_at FROM task_comments ORDER BY id"_s;
    QStringList tasksBefore = rowsOf(db, taskRows);
    const QStringList commentsBefore = rowsOf(db, commentRows);
    QVERIFY(tasksBefore.size() > 10);
    QVERIFY(!commentsBefore.isEmpty());

    const Result<int> applied = db.migrate();
    QVERIFY(applied.ok());
    QCOMPARE(*applied, 1);

    // The orphan's chat_id is cleared; everything else is as it was.
    for (QString &row : tasksBefore) {
        QStringList columns = row.split(u'|');
        if (columns.first().toLongLong() == orphan) {
            QCOMPARE(columns[2], u"987654"_s);
            columns[2] = u"NULL"_s;
            row = columns.join(u'|');
        }
    }
    QCOMPARE(rowsOf(db, taskRows), tasksBefore);
    QCOMPARE(rowsOf(db, commentRows), commentsBefore);
    r = send("GET", u"/v1/tasks/%1"_s.arg(onChat), {}, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"chat_id"_s).toInteger(), m_chatId);
    QCOMPARE(r.value(u"comments"_s).toArray().size(), 1);
    QCOMPARE(r.value(u"comments"_s).toArray().first().toObject().value(u"id"_s).toInteger(), commentId);

    // The reference holds again, and a new task gets a new id.
    SqlQuery bad(db,
                 "INSERT INTO tasks (chat_id, assigned_to_user_id, created_by_user_id, title, created_at, updated_at) "
                 "VALUES (?, ?, ?, 'x', ?, ?)",
                 {987654, m_agentId, m_agentId, now, now});
    QVERIFY(!bad.exec());
    const qint64 next = createTask({{u"title"_s, u"Después de 0012"_s}}, m_agent);
    QVERIFY2(next > gone, qPrintable(u"%1 after %2"_s.arg(next).arg(gone)));
    // The indexes of 0009 are back, and no reference points nowhere.
    if (sqlite) {
        QCOMPARE(rowsOf(db,
                        u"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tasks' ORDER BY name"_s),
                 (QStringList{u"tasks_assignee"_s, u"tasks_client"_s, u"tasks_creator"_s, u"tasks_due"_s,
                              u"tasks_reminders_armed"_s}));
        QVERIFY(rowsOf(db, u"PRAGMA foreign_key_check"_s).isEmpty());
    }
}

// ---- delete, complete, comments ----

void tst_Tasks::deleteTask()
{
    const qint64 id = createTask({{u"title"_s, u"Borrar"_s}}, m_agent);
    QCOMPARE(send("DELETE", u"/v1/tasks/%1"_s.arg(id), {}, m_agent).status, 403);
    QCOMPARE(send("DELETE", u"/v1/tasks/%1"_s.arg(id), {}, m_supervisor).status, 204);
    QCOMPARE(send("GET", u"/v1/tasks/%1"_s.arg(id)).status, 404);
    QCOMPARE(send("DELETE", u"/v1/tasks/%1"_s.arg(id), {}, m_supervisor).status, 404);
    QCOMPARE(m_server.count(u"tasks"_s, u"id = %1 AND deleted_at IS NOT NULL"_s.arg(id)), 1);
    const QList<QJsonObject> audit = auditFor(u"task.delete"_s, id);
    QCOMPARE(audit.size(), 3);   // 403, 204, 404: newest first
    QCOMPARE(audit[1].value(u"success"_s).toBool(), true);
    QCOMPARE(audit[1].value(u"user_id"_s).toInteger(), m_supervisorId);
    QVERIFY(audit[1].value(u"changes"_s).toObject().contains(u"deleted_at"_s));
    QCOMPARE(audit[0].value(u"success"_s).toBool(), false);
}

void tst_Tasks::completeTask()
{
    const qint64 id = createTask({{u"title"_s, u"Completar"_s}}, m_agent);
    ApiResponse r = send("POST", u"/v1/tasks/%1/complete"_s.arg(id),
                         {{u"completion_notes"_s, u"Cliente renovó contrato por 1 año más"_s}}, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"completed"_s);
    QVERIFY(!r.value(u"completed_at"_s).toString().isEmpty());
    QCOMPARE(r.value(u"completion_notes"_s).toString(), u"Cliente renovó contrato por 1 año más"_s);
    const QList<QJsonObject> audit = auditFor(u"task.complete"_s, id);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0].value(u"success"_s).toBool(), true);
    QCOMPARE(audit[0].value(u"changes"_s).toObject().value(u"status"_s).toObject().value(u"to"_s).toString(),
             u"completed"_s);

    r = send("POST", u"/v1/tasks/%1/complete"_s.arg(id), {}, m_agent);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QByteArray("CONFLICT"));
    r = send("POST", u"/v1/tasks/%1/complete"_s.arg(id), {{u"completion_notes"_s, 5}}, m_agent);
    QCOMPARE(r.status, 422);
    QCOMPARE(fieldsOf(r), QSet<QString>{u"completion_notes"_s});
    QCOMPARE(send("POST", u"/v1/tasks/999999/complete"_s).status, 404);
}

void tst_Tasks::comments()
{
    const qint64 id = createTask({{u"title"_s, u"Comentar"_s}}, m_agent);
    ApiResponse r =
        send("POST", u"/v1/tasks/%1/comments"_s.arg(id), {{u"content"_s, u"Llamé, no contestó"_s}}, m_agent);
    QCOMPARE(r.status, 201);
    const qint64 commentId = r.value(u"id"_s).toInteger();
    QVERIFY(commentId > 0);
    QCOMPARE(r.value(u"task_id"_s).toInteger(), id);
    QCOMPARE(r.value(u"user_id"_s).toInteger(), m_agentId);
    QCOMPARE(r.value(u"content"_s).toString(), u"Llamé, no contestó"_s);
    QCOMPARE(send("POST", u"/v1/tasks/%1/comments"_s.arg(id), {{u"content"_s, u"Segundo"_s}}, m_supervisor).status,
             201);

    r = send("GET", u"/v1/tasks/%1"_s.arg(id), {}, m_agent);
    const QJsonArray list = r.value(u"comments"_s).toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list[0].toObject().value(u"id"_s).toInteger(), commentId);
    QCOMPARE(list[1].toObject().value(u"user_id"_s).toInteger(), m_supervisorId);
    QCOMPARE(list[1].toObject().value(u"user"_s).toObject().value(u"first_name"_s).toString(), u"Test"_s);

    r = send("POST", u"/v1/tasks/%1/comments"_s.arg(id), {{u"content"_s, u"  "_s}}, m_agent);
    QCOMPARE(r.status, 422);
    QCOMPARE(fieldsOf(r), QSet<QString>{u"content"_s});
    QCOMPARE(send("POST", u"/v1/tasks/999999/comments"_s, {{u"content"_s, u"x"_s}}).status, 404);

    const QList<QJsonObject> audit = auditFor(u"task.comment"_s, id);
    QCOMPARE(audit.size(), 3);   // two comments, one refused
    const QJsonObject first = audit[2];
    QCOMPARE(first.value(u"success"_s).toBool(), true);
    QCOMPARE(first.value(u"changes"_s).toObject().value(u"content"_s).toObject().value(u"to"_s).toString(),
             u"Llamé, no contestó"_s);
    QCOMPARE(audit[0].value(u"success"_s).toBool(), false);
}

void tst_Tasks::tasksOfClient()
{
    const qint64 client = newClient();
    const qint64 later =
        createTask({{u"title"_s, u"Después"_s}, {u"client_id"_s, client}, {u"due_date"_s, u"2036-01-01T00:00:00Z"_s}});
    const qint64 sooner =
        createTask({{u"title"_s, u"Antes"_s}, {u"client_id"_s, client}, {u"due_date"_s, u"2035-01-01T00:00:00Z"_s}});
    const qint64 gone = createTask({{u"title"_s, u"Borrada"_s}, {u"client_id"_s, client}});
    QVERIFY(later > 0 && sooner > 0 && gone > 0);
    QCOMPARE(send("DELETE", u"/v1/tasks/%1"_s.arg(gone)).status, 204);
    // GET /v1/clients/:id lists the client's live tasks, due date first.
    ApiResponse r = send("GET", u"/v1/clients/%1"_s.arg(client));
    QCOMPARE(r.status, 200);
    QJsonArray tasks = r.value(u"tasks"_s).toArray();
    QCOMPARE(tasks.size(), 2);
    QCOMPARE(tasks.at(0).toObject().value(u"id"_s).toInteger(), sooner);
    QCOMPARE(tasks.at(0).toObject().value(u"title"_s).toString(), u"Antes"_s);
    QCOMPARE(tasks.at(0).toObject().value(u"due_date"_s).toString(), u"2035-01-01T00:00:00Z"_s);
    QCOMPARE(tasks.at(0).toObject().value(u"status"_s).toString(), u"pending"_s);
    QCOMPARE(tasks.at(1).toObject().value(u"id"_s).toInteger(), later);

    // An agent sees only its own tasks there, as in GET /v1/tasks.
    const qint64 own = createTask({{u"title"_s, u"Mía"_s}, {u"client_id"_s, client}}, m_agent);
    QVERIFY(own > 0);
    r = send("GET", u"/v1/clients/%1"_s.arg(client), {}, m_agent);
    QCOMPARE(r.status, 200);
    tasks = r.value(u"tasks"_s).toArray();
    QCOMPARE(tasks.size(), 1);
    QCOMPARE(tasks.at(0).toObject().value(u"id"_s).toInteger(), own);
}

// ---- reminders ----

void tst_Tasks::reminderFiresOnce()
{
    QSignalSpy spy(m_server.app().reminders(), &ReminderScheduler::reminderFired);
    const qint64 id = createTask({{u"title"_s, u"Recordar"_s},
                                  {u"reminder_date"_s, u"2020-01-01T09:00:00Z"_s},
                                  {u"due_date"_s, u"2036-01-01T09:00:00Z"_s}},
                                 m_agent);
    // A reminder on a completed task does not fire.
    const qint64 done = createTask(
        {{u"title"_s, u"Hecha"_s}, {u"status"_s, u"completed"_s}, {u"reminder_date"_s, u"2020-01-01T09:00:00Z"_s}});
    QVERIFY(id > 0 && done > 0);
    QTRY_COMPARE_WITH_TIMEOUT(firedCount(spy, id), 1, kFiresWithinMs);
    // Several more passes, run here so that they surely happen before the checks.
    for (int pass = 0; pass < 3; ++pass)
        m_server.app().reminders()->fireDue(nowSeconds());
    QCOMPARE(firedCount(spy, id), 1);
    QCOMPARE(firedCount(spy, done), 0);
    for (const QList<QVariant> &args : spy) {
        if (args.value(0).toLongLong() == id)
            QCOMPARE(args.value(1).toLongLong(), m_agentId);
    }
    const ApiResponse r = send("GET", u"/v1/tasks/%1"_s.arg(id), {}, m_agent);
    QVERIFY(!r.value(u"reminder_fired_at"_s).toString().isEmpty());
}

void tst_Tasks::reminderRearmed()
{
    QSignalSpy spy(m_server.app().reminders(), &ReminderScheduler::reminderFired);
    const qint64 id =
        createTask({{u"title"_s, u"Rearmar"_s}, {u"reminder_date"_s, u"2020-01-01T09:00:00Z"_s}}, m_agent);
    ReminderScheduler *scheduler = m_server.app().reminders();
    QTRY_COMPARE_WITH_TIMEOUT(firedCount(spy, id), 1, kFiresWithinMs);
    // Another change leaves the fired reminder alone (a pass run here, so that one surely runs).
    QCOMPARE(send("PUT", u"/v1/tasks/%1"_s.arg(id), {{u"title"_s, u"Rearmar (2)"_s}}, m_agent).status, 200);
    scheduler->fireDue(nowSeconds());
    QCOMPARE(firedCount(spy, id), 1);
    // A new reminder time fires again.
    const ApiResponse r =
        send("PUT", u"/v1/tasks/%1"_s.arg(id), {{u"reminder_date"_s, u"2020-01-02T09:00:00Z"_s}}, m_agent);
    QCOMPARE(r.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(firedCount(spy, id), 2, kFiresWithinMs);
    // One in the future waits: neither a pass now nor one a minute before its time fires it…
    const qint64 inAnHour = nowSeconds() + 3600;
    QCOMPARE(send("PUT", u"/v1/tasks/%1"_s.arg(id), {{u"reminder_date"_s, isoTime(inAnHour)}}, m_agent).status, 200);
    scheduler->fireDue(nowSeconds());
    scheduler->fireDue(inAnHour - 60);
    QCOMPARE(firedCount(spy, id), 2);
    // …a pass at its time does.
    scheduler->fireDue(inAnHour);
    QCOMPARE(firedCount(spy, id), 3);
}

void tst_Tasks::reminderAcrossRestart()
{
    // "Server down": the running scheduler stops; a reminder falls due meanwhile.
    ReminderScheduler *running = m_server.app().reminders();
    QSignalSpy before(running, &ReminderScheduler::reminderFired);
    const qint64 fired =
        createTask({{u"title"_s, u"Ya disparada"_s}, {u"reminder_date"_s, u"2020-01-01T09:00:00Z"_s}}, m_agent);
    QTRY_COMPARE_WITH_TIMEOUT(firedCount(before, fired), 1, kFiresWithinMs);
    running->stop();
    const qint64 missed = insertDueReminder(u"Vencida con el servidor apagado"_s);
    QVERIFY(missed > 0);

    // A second server on the same database fires the missed one at start, and only it.
    for (int round = 0; round < 2; ++round) {
        ServerApp other(m_server.app().config());
        QVERIFY(other.start().ok());
        QVERIFY(other.reminders());
        QSignalSpy spy(other.reminders(), &ReminderScheduler::reminderFired);
        // Its first pass is queued at start (a zero-delay call on its thread, this one): run it now
        // instead of sleeping, then one more pass by hand (the next would come in 5 s).
        QCOMPARE(spy.size(), 0);
        QCoreApplication::sendPostedEvents(other.reminders(), QEvent::MetaCall);
        QCOMPARE(firedCount(spy, missed), round == 0 ? 1 : 0);
        QCOMPARE(other.reminders()->fireDue(nowSeconds()), 0);
        QCOMPARE(firedCount(spy, fired), 0);
        QCOMPARE(firedCount(spy, missed), round == 0 ? 1 : 0);
        other.stop();
        other.database().closeThreadConnection();
    }
    QCOMPARE(firedCount(before, missed), 0);
    running->start();
}

void tst_Tasks::reminderRace()
{
    ReminderScheduler *running = m_server.app().reminders();
    running->stop();
    running->fireDue(nowSeconds());   // nothing else due: the race below is about these only
    QList<qint64> ids;
    for (int i = 0; i < 40; ++i)
        ids.append(insertDueReminder(u"Carrera %1"_s.arg(i)));
    QVERIFY(!ids.contains(0));

    // Two schedulers, each on its own thread and connection, start the same pass together.
    ReminderScheduler a(m_server.db());
    ReminderScheduler b(m_server.db());
    QMutex lock;
    QList<qint64> firedA;
    QList<qint64> firedB;
    connect(
        &a, &ReminderScheduler::reminderFired, &a,
        [&](qint64 task, qint64) {
            QMutexLocker l(&lock);
            firedA.append(task);
        },
        Qt::DirectConnection);
    connect(
        &b, &ReminderScheduler::reminderFired, &b,
        [&](qint64 task, qint64) {
            QMutexLocker l(&lock);
            firedB.append(task);
        },
        Qt::DirectConnection);
    QSemaphore go;
    const qint64 now = nowSeconds();
    int countA = -1;
    int countB = -1;
    const auto runner = [&](ReminderScheduler *s, int *count) {
        return QThread::create([&, s, count] {
            go.acquire();
            *count = s->fireDue(now);
            m_server.db().closeThreadConnection();
        });
    };
    std::unique_ptr<QThread> ta(runner(&a, &countA));
    std::unique_ptr<QThread> tb(runner(&b, &countB));
    ta->start();
    tb->start();
    go.release(2);
    QVERIFY(ta->wait(30000));
    QVERIFY(tb->wait(30000));

    QCOMPARE(countA + countB, int(ids.size()));
    QCOMPARE(firedA.size() + firedB.size(), int(ids.size()));
    QSet<qint64> all(firedA.begin(), firedA.end());
    for (qint64 id : std::as_const(firedB)) {
        QVERIFY2(!all.contains(id), "a reminder fired twice");
        all.insert(id);
    }
    QCOMPARE(all, QSet<qint64>(ids.begin(), ids.end()));
    QCOMPARE(m_server.count(u"tasks"_s, u"title LIKE 'Carrera %' AND reminder_fired_at IS NULL"_s), 0);
    running->start();
}

QTEST_GUILESS_MAIN(tst_Tasks)
#include "tst_tasks.moc"
