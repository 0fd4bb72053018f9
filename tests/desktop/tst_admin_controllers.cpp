// The admin screens' models and controllers against the real server (SQLite and PostgreSQL),
// signed in through the app's own session: a REST collection as a paged, searchable, filtered
// list model (under QAbstractItemModelTester); users created, edited (only what changed is sent),
// refused with each 422 landing on its field, suspended, reactivated and deleted; campaigns
// created with business hours, refused with the day's error on the day, given agents, deleted;
// and what a supervisor's and an agent's permissions hide (an agent's sidebar has their clients and tasks only).
#include "AdminSections.h"
#include "CampaignsController.h"
#include "DesktopHarness.h"
#include "FakeWppConnect.h"
#include "NumbersController.h"
#include "TestServer.h"
#include "UsersController.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

class tst_AdminControllers : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void listModelPagesSearchesFilters();
    void formErrorsByField();
    void statusHistoryFromTheAudit();
    void userCreateEditDelete();
    void userRefused_data();
    void userRefused();
    void roleRequiresTwoFactor();
    void campaignCreateEditDelete();
    void campaignRefused_data();
    void campaignRefused();
    void numberCreateConnectDelete();
    void wppConnectNumberShowsItsQr();
    void supervisorSeesLess();
    void agentHasClientsAndTasksOnly();

private:
    bool idle(ResourceController &c)
    {
        return QTest::qWaitFor([&] { return !c.busy(); }, 10000);
    }
    static QVariantMap newUser(const QString &email)
    {
        return {{u"first_name"_s, u"Ana"_s},      {u"last_name"_s, u"Gómez"_s},          {u"email"_s, email},
                {u"phone"_s, u"+573001234567"_s}, {u"password"_s, u"correct horse 9"_s}, {u"role_id"_s, 3},
                {u"max_concurrent_chats"_s, 4},   {u"auto_assign_enabled"_s, false}};
    }
    static QVariantMap newCampaign(const QString &code)
    {
        return {{u"name"_s, QString(u"Ventas "_s + code)},
                {u"code"_s, code},
                {u"status"_s, u"active"_s},
                {u"timezone"_s, u"America/Bogota"_s},
                {u"business_hours"_s,
                 QVariantMap{{u"monday"_s, QVariantMap{{u"start"_s, u"08:00"_s}, {u"end"_s, u"18:00"_s}}},
                             {u"saturday"_s, QVariant()}}},
                {u"sla_first_response_seconds"_s, 120},
                {u"sla_resolution_seconds"_s, 3600},
                {u"routing_strategy"_s, u"least_busy"_s},
                {u"welcome_message"_s, u"¡Hola!"_s},
                {u"offline_message"_s, u""_s},
                {u"bot_enabled"_s, false},
                {u"bot_flow_id"_s, 0}};
    }

    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_app;
    QByteArray m_adminToken;
};

void tst_AdminControllers::initTestCase()
{
    QVERIFY(m_server.start());
    m_server.createUser(u"jefa@example.com"_s, u"correct horse 1"_s, u"admin"_s, u"active"_s, u"Jefa"_s, u"Admin"_s);
    m_server.createUser(u"super@example.com"_s, u"correct horse 2"_s, u"supervisor"_s, u"active"_s, u"Sara"_s,
                        u"Super"_s);
    m_server.createUser(u"agente@example.com"_s, u"correct horse 3"_s, u"agent"_s, u"active"_s, u"Águeda"_s,
                        u"Agente"_s);
    m_adminToken = m_server.login(u"jefa@example.com"_s, u"correct horse 1"_s);
    QVERIFY(!m_adminToken.isEmpty());
    QVERIFY(m_dir.isValid());
    m_app = makeContext(m_dir.filePath(u"settings.ini"_s), uniqueService());
    m_app->setLanguage(u"en"_s);
    QVERIFY(signIn(*m_app, m_server.baseUrl(), u"jefa@example.com"_s, u"correct horse 1"_s));
}

void tst_AdminControllers::cleanupTestCase()
{
    m_app.reset();
    m_server.stop();
}

void tst_AdminControllers::listModelPagesSearchesFilters()
{
    ResourceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &ResourceListModel::loaded);
    model.setPageSize(2);
    model.setPath(u"/v1/users"_s);
    model.setApp(m_app.get());
    QTRY_COMPARE(loaded.size(), 1);
    QVERIFY(model.errorMessage().isEmpty());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.total(), 3);
    QCOMPARE(model.totalPages(), 2);
    QCOMPARE(model.page(), 1);
    QCOMPARE(model.data(model.index(0), ResourceListModel::ItemRole).toMap().value(u"email"_s).toString(),
             u"jefa@example.com"_s);
    QCOMPARE(model.roleNames().value(ResourceListModel::ItemIdRole), QByteArray("itemId"));

    model.nextPage();
    QTRY_COMPARE(loaded.size(), 2);
    QCOMPARE(model.page(), 2);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.get(0).value(u"email"_s).toString(), u"agente@example.com"_s);
    model.nextPage();   // there is no third page: the last one again
    QTRY_COMPARE(loaded.size(), 3);
    QCOMPARE(model.page(), 2);

    // Searching goes back to page 1; accents and case do not matter to the server.
    model.setSearch(u"agueda"_s);
    QTRY_COMPARE(loaded.size(), 4);
    QCOMPARE(model.page(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.get(0).value(u"first_name"_s).toString(), u"Águeda"_s);

    model.setSearch({});
    QTRY_COMPARE(loaded.size(), 5);
    QCOMPARE(model.total(), 3);
    // Only the newest request's answer counts.
    model.setFilters({{u"role"_s, u"agent"_s}});
    model.setFilters({{u"role"_s, u"supervisor"_s}, {u"status"_s, QString()}});
    QTRY_COMPARE(loaded.size(), 6);
    QVERIFY(!model.busy());
    QCOMPARE(model.rowCount(), 1);
    const qint64 supervisorId = model.data(model.index(0), ResourceListModel::ItemIdRole).toLongLong();
    QCOMPARE(model.rowOf(supervisorId), 0);

    // A row changed here is updated in place; a deleted one goes.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.replace(QJsonObject{{u"id"_s, supervisorId}, {u"first_name"_s, u"Sarita"_s}});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.get(0).value(u"first_name"_s).toString(), u"Sarita"_s);
    QCOMPARE(model.get(0).value(u"email"_s).toString(), u"super@example.com"_s);
    model.removeId(supervisorId);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.total(), 0);

    // A filter the server refuses: its message, and the rows of before stay.
    model.setFilters({{u"role"_s, u"king"_s}});
    QTRY_VERIFY(!model.errorMessage().isEmpty());
}

void tst_AdminControllers::formErrorsByField()
{
    FormErrors errors;
    QVERIFY(errors.isEmpty());
    Conversa::ApiError e;
    e.httpStatus = 422;
    e.code = u"VALIDATION_ERROR"_s;
    e.message = u"Invalid data"_s;
    e.details = {{u"email"_s, u"Not an email"_s},
                 {u"business_hours.monday.start"_s, u"Use HH:MM"_s},
                 {u"email"_s, u"Second message"_s}};
    errors.set(e);
    QCOMPARE(errors.of(u"email"_s), u"Not an email"_s);
    QCOMPARE(errors.of(u"phone"_s), QString());
    QCOMPARE(errors.under(u"business_hours.monday"_s), u"Use HH:MM"_s);
    QCOMPARE(errors.under(u"business_hours.mon"_s), QString());
    QCOMPARE(errors.message(), u"Invalid data"_s);
    errors.clear();
    QVERIFY(errors.isEmpty());
    // No answer at all: why, in the banner.
    errors.set(Conversa::ApiError::network({}));
    QVERIFY(errors.fields().isEmpty());
    QVERIFY(errors.message().contains(u"cannot be reached"_s));
}

// The user form's status history: the same list model over the audit log, filtered to one user's
// agent-status changes.
void tst_AdminControllers::statusHistoryFromTheAudit()
{
    const qint64 id = m_server.createUser(u"estados@example.com"_s, u"correct horse 6"_s, u"agent"_s);
    for (const QString &status : {u"busy"_s, u"paused"_s}) {
        QCOMPARE(m_server
                     .request("POST", u"/v1/users/%1/agent-status"_s.arg(id), {{u"agent_status"_s, status}},
                              m_adminToken)
                     .status,
                 200);
    }
    ResourceListModel history;
    QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
    history.setPath(u"/v1/audit-logs"_s);
    history.setFilters(
        {{u"entity_type"_s, u"User"_s}, {u"entity_id"_s, QString::number(id)}, {u"action"_s, u"user.agent_status"_s}});
    history.setApp(m_app.get());
    QTRY_COMPARE(history.rowCount(), 2);
    QVERIFY(history.errorMessage().isEmpty());
    const QVariantMap newest = history.get(0).value(u"changes"_s).toMap().value(u"agent_status"_s).toMap();
    QCOMPARE(newest.value(u"from"_s).toString(), u"busy"_s);
    QCOMPARE(newest.value(u"to"_s).toString(), u"paused"_s);
    QVERIFY(m_server.request("DELETE", u"/v1/users/%1"_s.arg(id), {}, m_adminToken).status == 204);
}

void tst_AdminControllers::userCreateEditDelete()
{
    UsersController users;
    users.setApp(m_app.get());
    QVERIFY(users.canCreate() && users.canUpdate() && users.canDelete());
    QTRY_COMPARE(users.roles().size(), 3);
    QTRY_COMPARE(users.model()->total(), 3);

    // Create: the form then shows the whole user, and the list has them.
    QSignalSpy saved(&users, &ResourceController::saved);
    users.startNew();
    users.save(newUser(u"ana@example.com"_s));
    QTRY_COMPARE(saved.size(), 1);
    const qint64 id = saved.at(0).at(0).toLongLong();
    QVERIFY(id > 0);
    QTRY_COMPARE(users.itemId(), id);
    QVERIFY(idle(users));
    QCOMPARE(users.notice(), u"Created"_s);
    QCOMPARE(users.item().value(u"max_concurrent_chats"_s).toInt(), 4);
    QCOMPARE(users.item().value(u"auto_assign_enabled"_s).toBool(), false);
    QCOMPARE(users.item().value(u"role"_s).toMap().value(u"name"_s).toString(), u"agent"_s);
    QTRY_COMPARE(users.model()->total(), 4);
    QVERIFY(m_server.login(u"ana@example.com"_s, u"correct horse 9"_s).size() > 0);

    // Edit: only what changed goes to the server (its audit row names only that).
    QVariantMap form = newUser(u"ana@example.com"_s);
    form.remove(u"password"_s);
    form.insert(u"first_name"_s, u"Anabel"_s);
    qint64 mark = m_server.auditMark();
    users.save(form);
    QTRY_COMPARE(saved.size(), 2);
    QVERIFY(idle(users));
    QCOMPARE(users.notice(), u"Saved"_s);
    QCOMPARE(users.item().value(u"first_name"_s).toString(), u"Anabel"_s);
    QList<QJsonObject> audit = m_server.auditRowsSince(u"user.update"_s, mark);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.at(0).value(u"changes"_s).toObject().keys(), QStringList{u"first_name"_s});
    const int row = users.model()->rowOf(id);
    if (row >= 0)
        QCOMPARE(users.model()->get(row).value(u"first_name"_s).toString(), u"Anabel"_s);

    // A 422: on its field, nothing saved, the form keeps the item.
    form.insert(u"max_concurrent_chats"_s, 0);
    users.save(form);
    QTRY_VERIFY(!users.errors()->isEmpty());
    QVERIFY(!users.errors()->of(u"max_concurrent_chats"_s).isEmpty());
    QVERIFY(!users.errorMessage().isEmpty());
    QCOMPARE(saved.size(), 2);
    QCOMPARE(
        m_server.request("GET", u"/v1/users/%1"_s.arg(id), {}, m_adminToken).value(u"max_concurrent_chats"_s).toInt(),
        4);

    // Suspend and reactivate.
    users.setStatus(id, u"suspended"_s);
    QTRY_COMPARE(users.item().value(u"status"_s).toString(), u"suspended"_s);
    QVERIFY(users.errors()->isEmpty());
    QCOMPARE(users.notice(), u"User suspended"_s);
    QVERIFY(m_server.login(u"ana@example.com"_s, u"correct horse 9"_s).isEmpty());
    users.setStatus(id, u"active"_s);
    QTRY_COMPARE(users.item().value(u"status"_s).toString(), u"active"_s);
    QVERIFY(idle(users));

    mark = m_server.auditMark();
    users.unlockLogin(id);
    QTRY_COMPARE(users.notice(), u"Login unlocked"_s);
    QCOMPARE(m_server.auditRowsSince(u"user.unlock_login"_s, mark).size(), 1);

    // Delete.
    QSignalSpy removed(&users, &ResourceController::removed);
    users.remove(id);
    QTRY_COMPARE(removed.size(), 1);
    QCOMPARE(users.itemId(), 0);
    QCOMPARE(users.model()->rowOf(id), -1);
    QCOMPARE(m_server.request("GET", u"/v1/users/%1"_s.arg(id), {}, m_adminToken).status, 404);
    QTRY_COMPARE(users.model()->total(), 3);
}

void tst_AdminControllers::roleRequiresTwoFactor()
{
    UsersController users;
    users.setApp(m_app.get());
    QVERIFY(users.canEditRoles());
    QTRY_COMPARE(users.roles().size(), 3);
    qint64 agentRole = 0;
    for (const QVariant &role : users.roles()) {
        QVERIFY(!role.toMap().value(u"require_two_factor"_s).toBool());
        if (role.toMap().value(u"name"_s).toString() == u"agent"_s)
            agentRole = role.toMap().value(u"id"_s).toLongLong();
    }
    QVERIFY(agentRole > 0);
    const auto agentRequires = [&] {
        for (const QJsonValue &role :
             m_server.request("GET", u"/v1/roles"_s, {}, m_adminToken).value(u"data"_s).toArray())
            if (role[u"id"_s].toInteger() == agentRole)
                return role[u"require_two_factor"_s].toBool();
        return false;
    };

    QSignalSpy changed(&users, &UsersController::rolesChanged);
    const qint64 mark = m_server.auditMark();
    users.setRoleRequiresTwoFactor(agentRole, true);
    QTRY_COMPARE(changed.size(), 1);
    QVERIFY(idle(users));
    QCOMPARE(users.notice(), u"Two-factor authentication is now required for this role"_s);
    for (const QVariant &role : users.roles())
        QCOMPARE(role.toMap().value(u"require_two_factor"_s).toBool(),
                 role.toMap().value(u"id"_s).toLongLong() == agentRole);
    QVERIFY(agentRequires());
    QCOMPARE(m_server.auditRowsSince(u"role.update"_s, mark).size(), 1);

    users.setRoleRequiresTwoFactor(agentRole, false);   // the other tests' agents sign in without it
    QTRY_COMPARE(changed.size(), 2);
    QVERIFY(!agentRequires());

    // No such role: the server's 404, nothing changed here.
    users.setRoleRequiresTwoFactor(999, true);
    QTRY_VERIFY(!users.errorMessage().isEmpty());
    QCOMPARE(changed.size(), 2);
}

void tst_AdminControllers::userRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QVariant>("value");
    QTest::addRow("email") << u"email"_s << QVariant(u"not-an-email"_s);
    QTest::addRow("short-password") << u"password"_s << QVariant(u"short"_s);
    QTest::addRow("phone") << u"phone"_s << QVariant(u"12ab"_s);
    QTest::addRow("capacity") << u"max_concurrent_chats"_s << QVariant(101);
    QTest::addRow("role") << u"role_id"_s << QVariant(99);
    QTest::addRow("no-first-name") << u"first_name"_s << QVariant(u""_s);
}

void tst_AdminControllers::userRefused()
{
    QFETCH(QString, field);
    QFETCH(QVariant, value);
    UsersController users;
    users.setApp(m_app.get());
    users.startNew();
    QVariantMap form = newUser(u"refused@example.com"_s);
    form.insert(field, value);
    users.save(form);
    QTRY_VERIFY(!users.errors()->isEmpty());
    QVERIFY2(!users.errors()->of(field).isEmpty(), qPrintable(users.errors()->fields().keys().join(u',')));
    QCOMPARE(users.itemId(), 0);
    QCOMPARE(m_server.count(u"users"_s, u"email = 'refused@example.com'"_s), 0);
}

void tst_AdminControllers::campaignCreateEditDelete()
{
    CampaignsController campaigns;
    campaigns.setApp(m_app.get());
    QVERIFY(campaigns.canCreate() && campaigns.canUpdate() && campaigns.canDelete());
    QVERIFY(campaigns.timeZones().contains(u"America/Bogota"_s));
    QVERIFY(campaigns.timeZones().contains(u"UTC"_s));

    QSignalSpy saved(&campaigns, &ResourceController::saved);
    campaigns.startNew();
    campaigns.save(newCampaign(u"VENTAS"_s));
    QTRY_COMPARE(saved.size(), 1);
    const qint64 id = saved.at(0).at(0).toLongLong();
    QTRY_COMPARE(campaigns.itemId(), id);
    QVERIFY(idle(campaigns));
    const QVariantMap item = campaigns.item();
    QCOMPARE(item.value(u"timezone"_s).toString(), u"America/Bogota"_s);
    QCOMPARE(item.value(u"routing_strategy"_s).toString(), u"least_busy"_s);
    QCOMPARE(item.value(u"sla_first_response_seconds"_s).toInt(), 120);
    QVERIFY(item.value(u"offline_message"_s).isNull());   // empty: none
    const QVariantMap hours = item.value(u"business_hours"_s).toMap();
    QCOMPARE(hours.value(u"monday"_s).toMap().value(u"end"_s).toString(), u"18:00"_s);
    QVERIFY(hours.value(u"saturday"_s).isNull());
    QTRY_COMPARE(campaigns.model()->total(), 1);

    // Edit: the week is sent again only when it changed.
    QVariantMap form = newCampaign(u"VENTAS"_s);
    form.insert(u"business_hours"_s, item.value(u"business_hours"_s));
    form.insert(u"offline_message"_s, u"Volvemos a las 8"_s);
    qint64 mark = m_server.auditMark();
    campaigns.save(form);
    QTRY_COMPARE(saved.size(), 2);
    QVERIFY(idle(campaigns));
    QCOMPARE(campaigns.item().value(u"offline_message"_s).toString(), u"Volvemos a las 8"_s);
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"campaign.update"_s, mark);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.at(0).value(u"changes"_s).toObject().keys(), QStringList{u"offline_message"_s});

    // A day's error lands on that day.
    QVariantMap week = item.value(u"business_hours"_s).toMap();
    week.insert(u"tuesday"_s, QVariantMap{{u"start"_s, u"18:00"_s}, {u"end"_s, u"08:00"_s}});
    form.insert(u"business_hours"_s, week);
    campaigns.save(form);
    QTRY_VERIFY(!campaigns.errors()->isEmpty());
    QVERIFY2(!campaigns.errors()->under(u"business_hours.tuesday"_s).isEmpty(),
             qPrintable(campaigns.errors()->fields().keys().join(u',')));
    QVERIFY(campaigns.errors()->under(u"business_hours.monday"_s).isEmpty());

    // Its agents.
    const qint64 agentId = m_server.createUser(u"vendedor@example.com"_s, u"correct horse 4"_s, u"agent"_s);
    campaigns.setAgents({QVariantMap{{u"user_id"_s, agentId},
                                     {u"max_concurrent_chats"_s, 3},
                                     {u"priority"_s, 7},
                                     {u"skills"_s, QStringList{u"ventas"_s}}}});
    QTRY_COMPARE(campaigns.item().value(u"agents"_s).toList().size(), 1);
    const QVariantMap agent = campaigns.item().value(u"agents"_s).toList().at(0).toMap();
    QCOMPARE(agent.value(u"priority"_s).toInt(), 7);
    QCOMPARE(agent.value(u"skills"_s).toStringList(), QStringList{u"ventas"_s});
    QCOMPARE(campaigns.notice(), u"Agents saved"_s);

    // One more, one changed, one taken out: the others stay.
    const qint64 otherId = m_server.createUser(u"vendedora@example.com"_s, u"correct horse 5"_s, u"agent"_s);
    campaigns.addAgent(otherId, 2, 1, u" ventas , inglés ,"_s);
    QTRY_COMPARE(campaigns.item().value(u"agents"_s).toList().size(), 2);
    QVERIFY(idle(campaigns));
    campaigns.addAgent(agentId, 9, 7, u"ventas"_s);
    QTRY_VERIFY(idle(campaigns));
    QTRY_COMPARE(campaigns.item().value(u"agents"_s).toList().at(0).toMap().value(u"max_concurrent_chats"_s).toInt(),
                 9);
    QCOMPARE(campaigns.item().value(u"agents"_s).toList().size(), 2);
    campaigns.removeAgent(agentId);
    QTRY_COMPARE(campaigns.item().value(u"agents"_s).toList().size(), 1);
    const QVariantMap other = campaigns.item().value(u"agents"_s).toList().at(0).toMap();
    QCOMPARE(other.value(u"user_id"_s).toLongLong(), otherId);
    QCOMPARE(other.value(u"skills"_s).toStringList(), (QStringList{u"ventas"_s, u"inglés"_s}));
    QVERIFY(idle(campaigns));

    // Its numbers: the first is the primary one until another is added as primary.
    auto number = [&](const QString &phone, const QString &metaId) {
        const ApiResponse r = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                               {{u"phone_number"_s, phone},
                                                {u"provider"_s, u"meta"_s},
                                                {u"meta_phone_number_id"_s, metaId},
                                                {u"meta_access_token"_s, u"EAA-token"_s}},
                                               m_adminToken);
        return r.status == 201 ? r.value(u"id"_s).toInteger() : 0;
    };
    const qint64 first = number(u"+573001110001"_s, u"9001"_s);
    const qint64 second = number(u"+573001110002"_s, u"9002"_s);
    QVERIFY(first > 0 && second > 0);
    auto primary = [&] {
        for (const QVariant &n : campaigns.item().value(u"whatsapp_numbers"_s).toList()) {
            if (n.toMap().value(u"is_primary"_s).toBool())
                return n.toMap().value(u"id"_s).toLongLong();
        }
        return qint64(0);
    };
    campaigns.addNumber(first, false);
    QTRY_COMPARE(campaigns.item().value(u"whatsapp_numbers"_s).toList().size(), 1);
    QCOMPARE(primary(), first);
    QVERIFY(idle(campaigns));
    campaigns.addNumber(second, true);
    QTRY_COMPARE(campaigns.item().value(u"whatsapp_numbers"_s).toList().size(), 2);
    QTRY_COMPARE(primary(), second);
    QVERIFY(idle(campaigns));
    campaigns.removeNumber(second);
    QTRY_COMPARE(campaigns.item().value(u"whatsapp_numbers"_s).toList().size(), 1);
    QCOMPARE(primary(), first);
    QCOMPARE(campaigns.notice(), u"Numbers saved"_s);
    QVERIFY(idle(campaigns));

    QSignalSpy removed(&campaigns, &ResourceController::removed);
    campaigns.remove(id);
    QTRY_COMPARE(removed.size(), 1);
    QCOMPARE(m_server.request("GET", u"/v1/campaigns/%1"_s.arg(id), {}, m_adminToken).status, 404);
    QTRY_COMPARE(campaigns.model()->total(), 0);
}

void tst_AdminControllers::campaignRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("error");
    QTest::addRow("code") << u"code"_s << QVariant(u"con espacios"_s) << u"code"_s;
    QTest::addRow("timezone") << u"timezone"_s << QVariant(u"Mars/Olympus"_s) << u"timezone"_s;
    QTest::addRow("sla") << u"sla_first_response_seconds"_s << QVariant(0) << u"sla_first_response_seconds"_s;
    QTest::addRow("hour") << u"business_hours"_s
                          << QVariant(QVariantMap{
                                 {u"friday"_s, QVariantMap{{u"start"_s, u"25:00"_s}, {u"end"_s, u"26:00"_s}}}})
                          << u"business_hours.friday.start"_s;
    QTest::addRow("bot-flow") << u"bot_flow_id"_s << QVariant(999) << u"bot_flow_id"_s;
}

void tst_AdminControllers::campaignRefused()
{
    QFETCH(QString, field);
    QFETCH(QVariant, value);
    QFETCH(QString, error);
    CampaignsController campaigns;
    campaigns.setApp(m_app.get());
    campaigns.startNew();
    QVariantMap form = newCampaign(u"REFUSED"_s);
    form.insert(field, value);
    campaigns.save(form);
    QTRY_VERIFY(!campaigns.errors()->isEmpty());
    QVERIFY2(!campaigns.errors()->of(error).isEmpty(), qPrintable(campaigns.errors()->fields().keys().join(u',')));
    QCOMPARE(campaigns.itemId(), 0);
}

void tst_AdminControllers::numberCreateConnectDelete()
{
    NumbersController numbers;
    numbers.setApp(m_app.get());
    QVERIFY(numbers.canCreate() && numbers.canUpdate() && numbers.canDelete());
    QSignalSpy saved(&numbers, &ResourceController::saved);
    const QVariantMap form{{u"provider"_s, u"meta"_s},
                           {u"phone_number"_s, u"+573005550001"_s},
                           {u"display_name"_s, u"Ventas"_s},
                           {u"daily_message_limit"_s, 500},
                           {u"rate_limit_per_minute"_s, 30},
                           {u"meta_phone_number_id"_s, u"555000111"_s},
                           {u"meta_business_account_id"_s, u""_s},
                           {u"meta_access_token"_s, u""_s},
                           {u"webhook_verify_token"_s, u"verificame"_s},
                           {u"wppconnect_server_url"_s, u"http://ignored.example"_s}};

    // A Meta number needs its access token: the 422 names it.
    numbers.startNew();
    numbers.save(form);
    QTRY_VERIFY(!numbers.errors()->isEmpty());
    QVERIFY2(!numbers.errors()->of(u"meta_access_token"_s).isEmpty(),
             qPrintable(numbers.errors()->fields().keys().join(u',')));
    QCOMPARE(numbers.itemId(), 0);

    QVariantMap withToken = form;
    withToken.insert(u"meta_access_token"_s, u"EAA-secret-token"_s);
    numbers.save(withToken);
    QTRY_COMPARE(saved.size(), 1);
    const qint64 id = saved.at(0).at(0).toLongLong();
    QTRY_COMPARE(numbers.itemId(), id);
    QVERIFY(idle(numbers));
    QVariantMap item = numbers.item();
    QCOMPARE(item.value(u"provider"_s).toString(), u"meta"_s);
    QCOMPARE(item.value(u"daily_message_limit"_s).toInt(), 500);
    QVERIFY(item.value(u"has_meta_access_token"_s).toBool());
    QVERIFY(item.value(u"has_webhook_verify_token"_s).toBool());
    QVERIFY(item.value(u"wppconnect_server_url"_s).isNull());   // the other provider's fields are not sent
    QVERIFY(item.value(u"webhook_url"_s).toString().endsWith(u"/v1/webhooks/whatsapp/meta/%1"_s.arg(id)));
    QTRY_COMPARE(numbers.connection().value(u"id"_s).toLongLong(), id);
    QCOMPARE(numbers.connection().value(u"connection_status"_s).toString(), u"disconnected"_s);

    // An edit without the secrets keeps them; only the name is sent.
    QVariantMap edit = form;
    edit.insert(u"display_name"_s, u"Ventas Norte"_s);
    edit.insert(u"status"_s, u"active"_s);
    const qint64 mark = m_server.auditMark();
    numbers.save(edit);
    QTRY_COMPARE(saved.size(), 2);
    QVERIFY(idle(numbers));
    QCOMPARE(numbers.item().value(u"display_name"_s).toString(), u"Ventas Norte"_s);
    QVERIFY(numbers.item().value(u"has_meta_access_token"_s).toBool());
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"whatsapp_number.update"_s, mark);
    QCOMPARE(audit.size(), 1);
    QVERIFY(audit.at(0).value(u"changes"_s).toObject().contains(u"display_name"_s));
    QVERIFY(!audit.at(0).value(u"changes"_s).toObject().contains(u"meta_access_token"_s));

    // Connect and disconnect: the connection and the list follow.
    numbers.reconnect();
    QTRY_COMPARE(numbers.connection().value(u"connection_status"_s).toString(), u"connected"_s);
    QTRY_COMPARE(numbers.item().value(u"connection_status"_s).toString(), u"connected"_s);
    QVERIFY(idle(numbers));
    numbers.disconnectNumber();
    QTRY_COMPARE(numbers.connection().value(u"connection_status"_s).toString(), u"disconnected"_s);
    QVERIFY(idle(numbers));
    numbers.loadConnection();
    QTRY_VERIFY(numbers.connection().value(u"history"_s).toList().size() >= 2);

    QSignalSpy removed(&numbers, &ResourceController::removed);
    numbers.remove(id);
    QTRY_COMPARE(removed.size(), 1);
    QCOMPARE(numbers.connection(), QVariantMap());
    QCOMPARE(m_server.request("GET", u"/v1/whatsapp-numbers/%1"_s.arg(id), {}, m_adminToken).status, 404);
}

void tst_AdminControllers::wppConnectNumberShowsItsQr()
{
    FakeWppConnect wpp;
    QVERIFY(wpp.listen());
    NumbersController numbers;
    numbers.setApp(m_app.get());
    numbers.startNew();
    numbers.save({{u"provider"_s, u"wppconnect"_s},
                  {u"phone_number"_s, u"+573005550009"_s},
                  {u"display_name"_s, u"Tienda"_s},
                  {u"wppconnect_server_url"_s, wpp.baseUrl()},
                  {u"wppconnect_session_name"_s, u"tienda"_s},
                  {u"wppconnect_api_key"_s, wpp.secretKey()},
                  {u"meta_access_token"_s, u"ignored"_s}});
    QTRY_VERIFY(numbers.itemId() > 0);
    QVERIFY(idle(numbers));
    QVERIFY(numbers.item().value(u"has_wppconnect_api_key"_s).toBool());
    QVERIFY(!numbers.item().value(u"has_meta_access_token"_s).toBool());
    QVERIFY(numbers.qrCode().isEmpty());

    // Connecting starts the session; its QR comes to the form.
    numbers.reconnect();
    const QString expected = u"data:image/png;base64,"_s + QString::fromLatin1(FakeWppConnect::qrPng().toBase64());
    QTRY_COMPARE(numbers.qrCode(), expected);
    QVERIFY(idle(numbers));

    // Another number: the QR goes.
    numbers.startNew();
    QVERIFY(numbers.qrCode().isEmpty());
}

void tst_AdminControllers::supervisorSeesLess()
{
    QTemporaryDir dir;
    auto app = makeContext(dir.filePath(u"settings.ini"_s), uniqueService());
    app->setLanguage(u"en"_s);
    QVERIFY(signIn(*app, m_server.baseUrl(), u"super@example.com"_s, u"correct horse 2"_s));

    UsersController users;
    users.setApp(app.get());
    QVERIFY(!users.canCreate());
    QVERIFY(!users.canUpdate());
    QVERIFY(!users.canDelete());
    QVERIFY(!users.canEditRoles());             // which roles require 2FA is the admins' choice
    QTRY_VERIFY(users.model()->total() >= 3);   // but reads them

    CampaignsController campaigns;
    campaigns.setApp(app.get());
    QVERIFY(!campaigns.canCreate());
    QVERIFY(campaigns.canUpdate());
    QVERIFY(!campaigns.canDelete());

    AdminSections sections;
    QSignalSpy changed(&sections, &AdminSections::sectionsChanged);
    sections.setApp(app.get());
    QStringList keys;
    for (const QVariant &s : sections.sections())
        keys.append(s.toMap().value(u"key"_s).toString());
    QCOMPARE(keys, (QStringList{u"users"_s, u"campaigns"_s, u"numbers"_s, u"clients"_s, u"tasks"_s, u"audit"_s}));
    NumbersController numbers;
    numbers.setApp(app.get());
    QVERIFY(!numbers.canCreate() && !numbers.canUpdate() && !numbers.canDelete());
    QCOMPARE(sections.sections().at(1).toMap().value(u"title"_s).toString(), u"Campaigns"_s);

    // Had the QML shown it anyway, the server refuses: the error, nothing created.
    users.startNew();
    users.save(newUser(u"colado@example.com"_s));
    QTRY_VERIFY(!users.errorMessage().isEmpty());
    QCOMPARE(m_server.count(u"users"_s, u"email = 'colado@example.com'"_s), 0);

    // Signed out: nothing is allowed any more.
    app->session()->logout();
    QTRY_VERIFY(sections.sections().isEmpty());
    QVERIFY(!campaigns.canUpdate());
}

// An agent configures nothing: only the clients they serve and their tasks.
void tst_AdminControllers::agentHasClientsAndTasksOnly()
{
    QTemporaryDir dir;
    auto app = makeContext(dir.filePath(u"settings.ini"_s), uniqueService());
    QVERIFY(signIn(*app, m_server.baseUrl(), u"agente@example.com"_s, u"correct horse 3"_s));
    QCOMPARE(AdminSections::keysFor(app->session()->permissions()), (QStringList{u"clients"_s, u"tasks"_s}));
    AdminSections sections;
    sections.setApp(app.get());
    QCOMPARE(sections.sections().size(), 2);
}

QTEST_MAIN(tst_AdminControllers)
#include "tst_admin_controllers.moc"
