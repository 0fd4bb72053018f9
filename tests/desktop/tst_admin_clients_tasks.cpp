// The Clients and Tasks screens' controllers against the real server (SQLite and PostgreSQL),
// signed in through the app's own session: clients created (tags, custom fields), edited with only
// what changed sent, refused with the 422 on its field, shown with their chats and tasks, deleted;
// a CSV loaded, its columns mapped, checked by a dry run that names the bad row by its line, saved
// as an errors file, then imported; the list exported; tasks created on a client and a chat,
// refused on the right field, completed, commented on, and a `task.reminder` reloading the list;
// and what an agent's permissions hide.
#include "AdminSections.h"
#include "ClientImport.h"
#include "ClientsController.h"
#include "DesktopHarness.h"
#include "Fixtures.h"
#include "TaskReminders.h"
#include "TasksController.h"
#include "TestServer.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

class tst_AdminClientsTasks : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void clientCreateEditDelete();
    void clientRefused_data();
    void clientRefused();
    void clientListFilters();
    void csvImportDryRunThenImport();
    void csvMapping();
    void exportToFile();
    void taskCreateEditCompleteComment();
    void taskRefused_data();
    void taskRefused();
    void reminderReloadsAndAsksToOpen();
    void agentSeesClientsAndTasksOnly();

private:
    bool idle(ResourceController &c)
    {
        return QTest::qWaitFor([&] { return !c.busy(); }, 10000);
    }
    static QVariantMap newClient(const QString &phone)
    {
        return {{u"phone_number"_s, phone},
                {u"first_name"_s, u"Carlos"_s},
                {u"last_name"_s, u"Rodríguez"_s},
                {u"email"_s, u"carlos@example.com"_s},
                {u"company"_s, u"Acme"_s},
                {u"city"_s, u""_s},
                {u"lead_status"_s, u"contacted"_s},
                {u"segment"_s, u"vip"_s},
                {u"tags"_s, u" VIP, mayorista ,vip"_s},
                {u"opt_in"_s, true},
                {u"custom_fields"_s,
                 QVariantList{QVariantMap{{u"key"_s, u"cargo"_s}, {u"value"_s, u"Gerente"_s}},
                              QVariantMap{{u"key"_s, u" "_s}, {u"value"_s, u"dropped"_s}}}}};
    }
    qint64 clientId(const QString &phone)
    {
        const ApiResponse r = m_server.request("POST", u"/v1/clients"_s, {{u"phone_number"_s, phone}}, m_adminToken);
        return r.status == 201 ? r.value(u"id"_s).toInteger() : 0;
    }
    static QString localIn(int minutes)
    {
        return QDateTime::currentDateTime().addSecs(minutes * 60).toString(u"yyyy-MM-dd HH:mm"_s);
    }

    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_app;
    QByteArray m_adminToken;
    qint64 m_agentId = 0;
    qint64 m_campaignId = 0;
    qint64 m_numberId = 0;
};

void tst_AdminClientsTasks::initTestCase()
{
    // Reminders are looked for often, so that one due fires within the test.
    QVERIFY(m_server.start({{u"CONVERSA_REMINDER_INTERVAL_MS"_s, u"100"_s}}));
    m_server.createUser(u"jefa@example.com"_s, u"correct horse 1"_s, u"admin"_s, u"active"_s, u"Jefa"_s, u"Admin"_s);
    m_agentId = m_server.createUser(u"agente@example.com"_s, u"correct horse 3"_s, u"agent"_s, u"active"_s, u"Águeda"_s,
                                    u"Agente"_s);
    m_adminToken = m_server.login(u"jefa@example.com"_s, u"correct horse 1"_s);
    QVERIFY(!m_adminToken.isEmpty());
    const ApiResponse number = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                                {{u"phone_number"_s, u"+573001110001"_s},
                                                 {u"provider"_s, u"meta"_s},
                                                 {u"meta_phone_number_id"_s, u"9001"_s},
                                                 {u"meta_access_token"_s, u"EAA-token"_s}},
                                                m_adminToken);
    QCOMPARE(number.status, 201);
    m_numberId = number.value(u"id"_s).toInteger();
    m_campaignId = campaignWithNumber(m_server.db(), u"Ventas"_s, u"VENTAS"_s, m_numberId);
    QVERIFY(m_campaignId > 0);
    QVERIFY(m_dir.isValid());
    m_app = makeContext(m_dir.filePath(u"settings.ini"_s), uniqueService());
    m_app->setLanguage(u"en"_s);
    QVERIFY(signIn(*m_app, m_server.baseUrl(), u"jefa@example.com"_s, u"correct horse 1"_s));
}

void tst_AdminClientsTasks::cleanupTestCase()
{
    m_app.reset();
    m_server.stop();
}

void tst_AdminClientsTasks::clientCreateEditDelete()
{
    ClientsController clients;
    QAbstractItemModelTester tester(clients.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    clients.setApp(m_app.get());
    QVERIFY(clients.canCreate() && clients.canUpdate() && clients.canDelete());
    QVERIFY(clients.canImport() && clients.canExport() && clients.canCreateTasks());

    QSignalSpy saved(&clients, &ResourceController::saved);
    clients.startNew();
    qint64 mark = m_server.auditMark();
    clients.save(newClient(u"300 123 4567"_s));
    QTRY_COMPARE(saved.size(), 1);
    const qint64 id = saved.at(0).at(0).toLongLong();
    QTRY_COMPARE(clients.itemId(), id);
    QVERIFY(idle(clients));
    QVariantMap item = clients.item();
    QCOMPARE(item.value(u"phone_number"_s).toString(), u"+573001234567"_s);   // E.164, in the default region
    QCOMPARE(item.value(u"tags"_s).toStringList(), (QStringList{u"mayorista"_s, u"vip"_s}));
    QCOMPARE(item.value(u"custom_fields"_s).toMap(), (QVariantMap{{u"cargo"_s, u"Gerente"_s}}));
    QVERIFY(item.value(u"city"_s).isNull());   // empty: not sent
    QCOMPARE(item.value(u"opt_in"_s).toBool(), true);
    QCOMPARE(item.value(u"chats"_s).toList().size(), 0);
    QCOMPARE(m_server.auditRowsSince(u"client.create"_s, mark).size(), 1);
    QTRY_VERIFY(clients.model()->rowOf(id) >= 0);

    // Edit: only what changed is sent; a custom field added, the city set.
    QVariantMap form = newClient(item.value(u"phone_number"_s).toString());
    form.insert(u"city"_s, u"Bogotá"_s);
    form.insert(u"tags"_s, u"vip, mayorista"_s);
    form.insert(u"custom_fields"_s,
                QVariantList{QVariantMap{{u"key"_s, u"cargo"_s}, {u"value"_s, u"Gerente"_s}},
                             QVariantMap{{u"key"_s, u"nit"_s}, {u"value"_s, u"900123"_s}}});
    mark = m_server.auditMark();
    clients.save(form);
    QTRY_COMPARE(saved.size(), 2);
    QVERIFY(idle(clients));
    QCOMPARE(clients.notice(), u"Saved"_s);
    QCOMPARE(clients.item().value(u"city"_s).toString(), u"Bogotá"_s);
    QCOMPARE(clients.item().value(u"custom_fields"_s).toMap().value(u"nit"_s).toString(), u"900123"_s);
    QList<QJsonObject> audit = m_server.auditRowsSince(u"client.update"_s, mark);
    QCOMPARE(audit.size(), 1);
    QStringList changed = audit.at(0).value(u"changes"_s).toObject().keys();
    changed.sort();
    QCOMPARE(changed, (QStringList{u"city"_s, u"custom_fields"_s}));
    QCOMPARE(clients.model()->get(clients.model()->rowOf(id)).value(u"city"_s).toString(), u"Bogotá"_s);

    // Emptied: cleared.
    form.insert(u"company"_s, u""_s);
    clients.save(form);
    QTRY_COMPARE(saved.size(), 3);
    QVERIFY(clients.item().value(u"company"_s).isNull());

    // A 422 lands on its field; nothing changes.
    form.insert(u"email"_s, u"not-an-email"_s);
    clients.save(form);
    QTRY_VERIFY(!clients.errors()->isEmpty());
    QVERIFY2(!clients.errors()->of(u"email"_s).isEmpty(), qPrintable(clients.errors()->fields().keys().join(u',')));
    QCOMPARE(saved.size(), 3);
    QCOMPARE(m_server.request("GET", u"/v1/clients/%1"_s.arg(id), {}, m_adminToken).value(u"email"_s).toString(),
             u"carlos@example.com"_s);

    // Their chats in the detail.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 chat = insertReturningId(m_server.db(),
                                          "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, status, "
                                          "priority, created_at, last_activity_at) VALUES (?, ?, ?, 'queued', "
                                          "'normal', ?, ?) RETURNING id",
                                          {id, m_campaignId, m_numberId, now, now});
    QVERIFY(chat > 0);
    clients.open(id);
    QTRY_COMPARE(clients.item().value(u"chats"_s).toList().size(), 1);
    QCOMPARE(clients.item().value(u"chats"_s).toList().at(0).toMap().value(u"id"_s).toLongLong(), chat);
    QVERIFY(clients.errors()->isEmpty());

    QSignalSpy removed(&clients, &ResourceController::removed);
    mark = m_server.auditMark();
    clients.remove(id);
    QTRY_COMPARE(removed.size(), 1);
    QCOMPARE(clients.itemId(), 0);
    QCOMPARE(clients.model()->rowOf(id), -1);
    QCOMPARE(m_server.request("GET", u"/v1/clients/%1"_s.arg(id), {}, m_adminToken).status, 404);
    QCOMPARE(m_server.auditRowsSince(u"client.delete"_s, mark).size(), 1);
}

void tst_AdminClientsTasks::clientRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("error");
    QTest::addRow("phone") << u"phone_number"_s << QVariant(u"12ab"_s) << u"phone_number"_s;
    QTest::addRow("email") << u"email"_s << QVariant(u"nope"_s) << u"email"_s;
    QTest::addRow("lead-status") << u"lead_status"_s << QVariant(u"maybe"_s) << u"lead_status"_s;
    QTest::addRow("long-name") << u"first_name"_s << QVariant(QString(101, u'a')) << u"first_name"_s;
    QTest::addRow("tag") << u"tags"_s << QVariant(u"a/b"_s) << u"tags"_s;
}

void tst_AdminClientsTasks::clientRefused()
{
    QFETCH(QString, field);
    QFETCH(QVariant, value);
    QFETCH(QString, error);
    ClientsController clients;
    clients.setApp(m_app.get());
    clients.startNew();
    QVariantMap form = newClient(u"+573009990000"_s);
    form.insert(field, value);
    clients.save(form);
    QTRY_VERIFY(!clients.errors()->isEmpty());
    QVERIFY2(!clients.errors()->under(error).isEmpty(), qPrintable(clients.errors()->fields().keys().join(u',')));
    QCOMPARE(clients.itemId(), 0);
    QCOMPARE(m_server.count(u"clients"_s, u"phone_number = '+573009990000'"_s), 0);
}

void tst_AdminClientsTasks::clientListFilters()
{
    for (const auto &[phone, lead, segment] :
         {std::tuple{u"+573002000001"_s, u"won"_s, u"pyme"_s}, std::tuple{u"+573002000002"_s, u"lost"_s, u"pyme"_s},
          std::tuple{u"+573002000003"_s, u"won"_s, u"vip"_s}}) {
        QCOMPARE(m_server
                     .request("POST", u"/v1/clients"_s,
                              {{u"phone_number"_s, phone},
                               {u"lead_status"_s, lead},
                               {u"segment"_s, segment},
                               {u"tags"_s, QJsonArray{QString(segment + u"-tag"_s)}}},
                              m_adminToken)
                     .status,
                 201);
    }
    ClientsController clients;
    clients.setApp(m_app.get());
    ResourceListModel *model = clients.model();
    QSignalSpy loaded(model, &ResourceListModel::loaded);
    const auto settled = [&] {
        loaded.clear();
        return QTest::qWaitFor([&] { return !loaded.isEmpty() && !model->busy(); }, 10000);
    };
    model->setFilters({{u"lead_status"_s, u"won"_s}, {u"segment"_s, u""_s}, {u"tag"_s, u""_s}});
    QVERIFY(settled());
    QCOMPARE(model->total(), 2);
    model->setFilters({{u"lead_status"_s, u"won"_s}, {u"segment"_s, u"pyme"_s}, {u"tag"_s, u""_s}});
    QVERIFY(settled());
    QCOMPARE(model->total(), 1);
    QCOMPARE(model->get(0).value(u"phone_number"_s).toString(), u"+573002000001"_s);
    model->setFilters({{u"tag"_s, u"VIP-tag"_s}});
    QVERIFY(settled());
    QCOMPARE(model->total(), 1);
    QCOMPARE(model->get(0).value(u"phone_number"_s).toString(), u"+573002000003"_s);
    model->setFilters({});
    QVERIFY(settled());
    model->setSearch(u"3002000002"_s);
    QVERIFY(settled());
    QCOMPARE(model->total(), 1);
    QCOMPARE(model->get(0).value(u"lead_status"_s).toString(), u"lost"_s);
}

void tst_AdminClientsTasks::csvImportDryRunThenImport()
{
    // Semicolons, a BOM, a quoted cell with a line break, a blank line, a bad row (line 5).
    const QByteArray csv = "\xEF\xBB\xBFTel\xC3\xA9"
                           "fono;Nombre;Email;Cargo;id\r\n"
                           "+573004000001;Ana;ana@example.com;Gerente;7\r\n"
                           "+573004000002;\"Luis\r\nMiguel\";luis@example.com;;8\r\n"
                           "\r\n"
                           "not-a-phone;Malo;malo@example.com;;9\r\n";
    ClientImport importer;
    importer.setApp(m_app.get());
    QVERIFY(importer.loadData(csv, u"clientes.csv"_s));
    QCOMPARE(importer.stage(), ClientImport::Loaded);
    QCOMPARE(importer.headers(), (QStringList{u"Teléfono"_s, u"Nombre"_s, u"Email"_s, u"Cargo"_s, u"id"_s}));
    QCOMPARE(importer.recordCount(), 3);
    QCOMPARE(importer.previewRows().at(1).toStringList().at(1), u"Luis\r\nMiguel"_s);
    // Guessed: email by its name, the export's id left out, the others custom fields.
    QCOMPARE(importer.mapping(), (QStringList{u"custom"_s, u"custom"_s, u"email"_s, u"custom"_s, QString()}));

    // Without a phone column the server is not asked.
    importer.check();
    QVERIFY(!importer.errorMessage().isEmpty());
    QCOMPARE(importer.stage(), ClientImport::Loaded);

    importer.setColumnField(0, u"phone_number"_s);
    importer.setColumnField(1, u"first_name"_s);
    QCOMPARE(importer.mapping(), (QStringList{u"phone_number"_s, u"first_name"_s, u"email"_s, u"custom"_s, QString()}));
    const qint64 before = m_server.count(u"clients"_s);
    qint64 mark = m_server.auditMark();
    importer.check();
    QCOMPARE(importer.stage(), ClientImport::Checking);
    QTRY_COMPARE(importer.stage(), ClientImport::Checked);
    QVERIFY2(importer.errorMessage().isEmpty(), qPrintable(importer.errorMessage()));
    QCOMPARE(importer.summary().value(u"dry_run"_s).toBool(), true);
    QCOMPARE(importer.summary().value(u"imported"_s).toInt(), 2);
    QCOMPARE(importer.rowErrors().size(), 1);
    const QVariantMap bad = importer.rowErrors().at(0).toMap();
    QCOMPARE(bad.value(u"row"_s).toInt(), 6);   // the line of the loaded file
    QCOMPARE(bad.value(u"field"_s).toString(), u"phone_number"_s);
    QVERIFY(!bad.value(u"error"_s).toString().isEmpty());
    QCOMPARE(m_server.count(u"clients"_s), before);   // a dry run writes nothing
    QList<QJsonObject> audit = m_server.auditRowsSince(u"client.import"_s, mark);
    QCOMPARE(audit.size(), 1);
    QVERIFY(audit.at(0).value(u"changes"_s).toObject().value(u"dry_run"_s).toBool());

    // The refused rows as CSV: the reason, then the row as it was.
    const QString errorsFile = m_dir.filePath(u"errores.csv"_s);
    QVERIFY(importer.saveErrors(QUrl::fromLocalFile(errorsFile)));
    QFile saved(errorsFile);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray bytes = saved.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));   // a BOM: spreadsheets read it as UTF-8
    const QString text = QString::fromUtf8(bytes.mid(3));
    QVERIFY2(text.startsWith(u"Row,Field,Error,Teléfono,Nombre,Email,Cargo,id\r\n"_s), qPrintable(text));
    QVERIFY2(text.contains(u"6,phone_number,"_s) && text.contains(u"not-a-phone,Malo,malo@example.com,,9\r\n"_s),
             qPrintable(text));

    // The import itself, with the upload's progress.
    QSignalSpy progress(&importer, &ClientImport::progressChanged);
    QSignalSpy imported(&importer, &ClientImport::imported);
    mark = m_server.auditMark();
    importer.run();
    QTRY_COMPARE(importer.stage(), ClientImport::Done);
    QCOMPARE(imported.size(), 1);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(importer.progress(), 1.0);
    QCOMPARE(importer.summary().value(u"dry_run"_s).toBool(), false);
    QCOMPARE(importer.summary().value(u"imported"_s).toInt(), 2);
    QCOMPARE(importer.rowErrors().size(), 1);
    QCOMPARE(m_server.count(u"clients"_s), before + 2);
    QCOMPARE(m_server.auditRowsSince(u"client.import"_s, mark).size(), 1);
    const QJsonArray found =
        m_server.request("GET", u"/v1/clients?search=3004000002"_s, {}, m_adminToken).value(u"data"_s).toArray();
    QCOMPARE(found.size(), 1);
    const QJsonObject luis =
        m_server.request("GET", u"/v1/clients/%1"_s.arg(found.at(0)[u"id"_s].toInteger()), {}, m_adminToken).object();
    QCOMPARE(luis.value(u"first_name"_s).toString(), u"Luis\r\nMiguel"_s);
    const ApiResponse ana =
        m_server.request("GET",
                         u"/v1/clients/%1"_s.arg(
                             m_server.request("GET", u"/v1/clients?search=3004000001"_s, {}, m_adminToken)
                                 .value(u"data"_s)
                                 .toArray()
                                 .at(0)[u"id"_s]
                                 .toInteger()),
                         {}, m_adminToken);
    QCOMPARE(ana.value(u"custom_fields"_s).toObject().value(u"Cargo"_s).toString(), u"Gerente"_s);
    QVERIFY(!ana.value(u"custom_fields"_s).toObject().contains(u"id"_s));

    importer.reset();
    QCOMPARE(importer.stage(), ClientImport::Empty);
    QVERIFY(importer.headers().isEmpty());
}

void tst_AdminClientsTasks::csvMapping()
{
    ClientImport importer;
    QVERIFY(importer.loadData("phone_number,first_name,Phone Number,extra\n1,2,3,4\n", u"x.csv"_s));
    // A field goes to one column: the second "phone number" is left out.
    QCOMPARE(importer.mapping(), (QStringList{u"phone_number"_s, u"first_name"_s, QString(), u"custom"_s}));
    importer.setColumnField(2, u"phone_number"_s);
    QCOMPARE(importer.mapping(), (QStringList{QString(), u"first_name"_s, u"phone_number"_s, u"custom"_s}));
    importer.setColumnField(3, QString());
    QCOMPARE(importer.mappedCsv(), QByteArray("first_name,phone_number\r\n2,3\r\n"));
    QVERIFY(!importer.loadData("", u"empty.csv"_s));
    QVERIFY(!importer.errorMessage().isEmpty());
}

void tst_AdminClientsTasks::exportToFile()
{
    ClientsController clients;
    clients.setApp(m_app.get());
    QSignalSpy exported(&clients, &ClientsController::exported);
    clients.model()->setFilters({{u"segment"_s, u"pyme"_s}});
    const QString file = m_dir.filePath(u"clientes-pyme.csv"_s);
    const qint64 mark = m_server.auditMark();
    clients.exportTo(QUrl::fromLocalFile(file));
    QTRY_COMPARE(exported.size(), 1);
    QVERIFY2(clients.errorMessage().isEmpty(), qPrintable(clients.errorMessage()));
    QCOMPARE(clients.notice(), u"Exported to %1 (clients: 2)"_s.arg(file));
    QFile csv(file);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QByteArray bytes = csv.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBFid,phone_number,"));
    QVERIFY(bytes.contains("'+573002000001"));
    QVERIFY(!bytes.contains("'+573002000003"));
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"client.export"_s, mark);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.at(0).value(u"changes"_s).toObject().value(u"rows"_s).toInt(), 2);

    // A file that cannot be written: said, nothing else.
    clients.exportTo(QUrl::fromLocalFile(m_dir.filePath(u"no/such/dir/x.csv"_s)));
    QTRY_VERIFY(!clients.errorMessage().isEmpty());
    QCOMPARE(exported.size(), 1);
}

void tst_AdminClientsTasks::taskCreateEditCompleteComment()
{
    TasksController tasks;
    QAbstractItemModelTester tester(tasks.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    tasks.setApp(m_app.get());
    QVERIFY(tasks.canCreate() && tasks.canUpdate() && tasks.canDelete());
    QVERIFY(tasks.canSeeAll());
    const qint64 me = m_app->session()->userId();
    // Whoever sees everyone's tasks starts with their own.
    QCOMPARE(tasks.model()->filters().value(u"assigned_to_user_id"_s).toString(), QString::number(me));
    QTRY_COMPARE(tasks.assignees().size(), 2);
    const qint64 client = clientId(u"+573007000001"_s);
    QVERIFY(client > 0);

    QSignalSpy saved(&tasks, &ResourceController::saved);
    const QString due = localIn(24 * 60);
    const QString reminder = localIn(60);
    QVariantMap form{{u"title"_s, u"Llamar para renovación"_s},
                     {u"description"_s, u""_s},
                     {u"priority"_s, u"high"_s},
                     {u"due_date"_s, due},
                     {u"reminder_date"_s, reminder},
                     {u"client_id"_s, client},
                     {u"chat_id"_s, 0},
                     {u"assigned_to_user_id"_s, 0}};
    tasks.startNew();
    qint64 mark = m_server.auditMark();
    tasks.save(form);
    QTRY_COMPARE(saved.size(), 1);
    const qint64 id = saved.at(0).at(0).toLongLong();
    QTRY_COMPARE(tasks.itemId(), id);
    QVERIFY(idle(tasks));
    QCOMPARE(tasks.notice(), u"Created"_s);
    QVariantMap item = tasks.item();
    QCOMPARE(item.value(u"client_id"_s).toLongLong(), client);
    QCOMPARE(item.value(u"assigned_to_user_id"_s).toLongLong(), me);   // the caller by default
    QCOMPARE(item.value(u"priority"_s).toString(), u"high"_s);
    QCOMPARE(item.value(u"status"_s).toString(), u"pending"_s);
    QVERIFY(item.value(u"description"_s).isNull());
    // The local times typed are the instants stored.
    QCOMPARE(TasksController::localText(item.value(u"due_date"_s).toString()), due);
    QCOMPARE(TasksController::localText(item.value(u"reminder_date"_s).toString()), reminder);
    QCOMPARE(m_server.auditRowsSince(u"task.create"_s, mark).size(), 1);
    QTRY_VERIFY(tasks.model()->rowOf(id) >= 0);
    // On the client's detail.
    const QJsonArray onClient =
        m_server.request("GET", u"/v1/clients/%1"_s.arg(client), {}, m_adminToken).value(u"tasks"_s).toArray();
    QCOMPARE(onClient.size(), 1);
    QCOMPARE(onClient.at(0)[u"id"_s].toInteger(), id);

    // Edit: the dates, unchanged, are not sent again.
    form.insert(u"title"_s, u"Llamar para renovar"_s);
    form.insert(u"status"_s, u"in_progress"_s);
    mark = m_server.auditMark();
    tasks.save(form);
    QTRY_COMPARE(saved.size(), 2);
    QVERIFY(idle(tasks));
    QCOMPARE(tasks.item().value(u"title"_s).toString(), u"Llamar para renovar"_s);
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"task.update"_s, mark);
    QCOMPARE(audit.size(), 1);
    QStringList changed = audit.at(0).value(u"changes"_s).toObject().keys();
    changed.sort();
    QCOMPARE(changed, (QStringList{u"status"_s, u"title"_s}));
    QCOMPARE(tasks.model()->get(tasks.model()->rowOf(id)).value(u"title"_s).toString(), u"Llamar para renovar"_s);

    // One overdue: marked, and first (due date first).
    QVariantMap late = form;
    late.insert(u"title"_s, u"Enviar propuesta"_s);
    late.insert(u"due_date"_s, localIn(-120));
    late.insert(u"reminder_date"_s, u""_s);
    late.remove(u"status"_s);
    tasks.startNew();
    tasks.save(late);
    QTRY_COMPARE(saved.size(), 3);
    const qint64 lateId = saved.at(2).at(0).toLongLong();
    QTRY_VERIFY(tasks.model()->rowOf(lateId) >= 0);
    QVERIFY(idle(tasks));
    QCOMPARE(tasks.model()->rowOf(lateId), 0);
    QVERIFY(tasks.model()->get(0).value(u"is_overdue"_s).toBool());
    QVERIFY(!tasks.model()->get(tasks.model()->rowOf(id)).value(u"is_overdue"_s).toBool());

    // Comments.
    tasks.open(id);
    QTRY_COMPARE(tasks.itemId(), id);
    QVERIFY(idle(tasks));
    mark = m_server.auditMark();
    tasks.addComment(u"  Cliente pide llamar el lunes "_s);
    QTRY_COMPARE(tasks.item().value(u"comments"_s).toList().size(), 1);
    QCOMPARE(tasks.notice(), u"Comment added"_s);
    const QVariantMap comment = tasks.item().value(u"comments"_s).toList().at(0).toMap();
    QCOMPARE(comment.value(u"content"_s).toString(), u"Cliente pide llamar el lunes"_s);
    QCOMPARE(comment.value(u"user"_s).toMap().value(u"first_name"_s).toString(), u"Jefa"_s);
    QCOMPARE(m_server.auditRowsSince(u"task.comment"_s, mark).size(), 1);
    tasks.addComment(u""_s);   // refused: on its field
    QTRY_VERIFY(!tasks.errors()->of(u"content"_s).isEmpty());
    QCOMPARE(tasks.item().value(u"comments"_s).toList().size(), 1);

    // Complete, with notes; twice is the server's 409.
    mark = m_server.auditMark();
    tasks.complete(u"Renovó por un año"_s);
    QTRY_COMPARE(tasks.item().value(u"status"_s).toString(), u"completed"_s);
    QVERIFY(idle(tasks));
    QCOMPARE(tasks.notice(), u"Task completed"_s);
    QCOMPARE(tasks.item().value(u"completion_notes"_s).toString(), u"Renovó por un año"_s);
    QVERIFY(!tasks.item().value(u"completed_at"_s).isNull());
    QCOMPARE(tasks.model()->get(tasks.model()->rowOf(id)).value(u"status"_s).toString(), u"completed"_s);
    QCOMPARE(m_server.auditRowsSince(u"task.complete"_s, mark).size(), 1);
    tasks.complete({});
    QTRY_VERIFY(!tasks.errorMessage().isEmpty());

    // The status filter.
    QSignalSpy loaded(tasks.model(), &ResourceListModel::loaded);
    QVariantMap filters = tasks.model()->filters();
    filters.insert(u"status"_s, u"completed"_s);
    tasks.model()->setFilters(filters);
    QTRY_VERIFY(!loaded.isEmpty() && !tasks.model()->busy());
    QCOMPARE(tasks.model()->total(), 1);
    QCOMPARE(tasks.model()->get(0).value(u"id"_s).toLongLong(), id);

    // A task on a chat takes the chat's client.
    const qint64 chatClient = clientId(u"+573007000002"_s);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 chat = insertReturningId(m_server.db(),
                                          "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, status, "
                                          "priority, created_at, last_activity_at) VALUES (?, ?, ?, 'queued', "
                                          "'normal', ?, ?) RETURNING id",
                                          {chatClient, m_campaignId, m_numberId, now, now});
    QVERIFY(chat > 0);
    tasks.startNew();
    tasks.save({{u"title"_s, u"Seguimiento del chat"_s},
                {u"priority"_s, u"medium"_s},
                {u"due_date"_s, u""_s},
                {u"reminder_date"_s, u""_s},
                {u"client_id"_s, 0},
                {u"chat_id"_s, chat}});
    QTRY_COMPARE(saved.size(), 4);
    QTRY_VERIFY(tasks.itemId() > 0);
    QVERIFY(idle(tasks));
    QCOMPARE(tasks.item().value(u"chat_id"_s).toLongLong(), chat);
    QCOMPARE(tasks.item().value(u"client_id"_s).toLongLong(), chatClient);
    QVERIFY(tasks.item().value(u"due_date"_s).isNull());

    // Delete.
    QSignalSpy removed(&tasks, &ResourceController::removed);
    const qint64 chatTask = tasks.itemId();
    tasks.remove(chatTask);
    QTRY_COMPARE(removed.size(), 1);
    QCOMPARE(tasks.itemId(), 0);
    QCOMPARE(m_server.request("GET", u"/v1/tasks/%1"_s.arg(chatTask), {}, m_adminToken).status, 404);
}

void tst_AdminClientsTasks::taskRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("error");
    QTest::addRow("no-title") << u"title"_s << QVariant(u"  "_s) << u"title"_s;
    QTest::addRow("bad-due-date") << u"due_date"_s << QVariant(u"mañana"_s) << u"due_date"_s;
    QTest::addRow("reminder-after-due") << u"reminder_date"_s << QVariant(localIn(3 * 24 * 60)) << u"reminder_date"_s;
    QTest::addRow("bad-priority") << u"priority"_s << QVariant(u"whenever"_s) << u"priority"_s;
    QTest::addRow("unknown-client") << u"client_id"_s << QVariant(999999) << u"client_id"_s;
    QTest::addRow("unknown-chat") << u"chat_id"_s << QVariant(999999) << u"chat_id"_s;
    QTest::addRow("unknown-assignee") << u"assigned_to_user_id"_s << QVariant(999999) << u"assigned_to_user_id"_s;
}

void tst_AdminClientsTasks::taskRefused()
{
    QFETCH(QString, field);
    QFETCH(QVariant, value);
    QFETCH(QString, error);
    TasksController tasks;
    tasks.setApp(m_app.get());
    tasks.startNew();
    QVariantMap form{{u"title"_s, u"Rechazada"_s}, {u"priority"_s, u"low"_s}, {u"due_date"_s, localIn(24 * 60)},
                     {u"reminder_date"_s, u""_s},  {u"client_id"_s, 0},       {u"chat_id"_s, 0}};
    form.insert(field, value);
    const qint64 before = m_server.count(u"tasks"_s);
    tasks.save(form);
    QTRY_VERIFY(!tasks.errors()->isEmpty());
    QVERIFY2(!tasks.errors()->of(error).isEmpty(), qPrintable(tasks.errors()->fields().keys().join(u',')));
    QCOMPARE(tasks.itemId(), 0);
    QCOMPARE(m_server.count(u"tasks"_s), before);
}

// The server's reminder scheduler fires a task's reminder: the list and the open task reload, and
// the notification's object has the task and, when clicked, asks for it to be opened.
void tst_AdminClientsTasks::reminderReloadsAndAsksToOpen()
{
    TaskReminders reminders;
    QSignalSpy reminded(&reminders, &TaskReminders::reminded);
    reminders.setApp(m_app.get());
    TasksController tasks;
    tasks.setApp(m_app.get());
    QTRY_VERIFY(!tasks.model()->busy());
    QSignalSpy loaded(tasks.model(), &ResourceListModel::loaded);

    const QString due = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate);
    const QString past = QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODate);
    const ApiResponse created =
        m_server.request("POST", u"/v1/tasks"_s,
                         {{u"title"_s, u"Recordarme"_s}, {u"due_date"_s, due}, {u"reminder_date"_s, past}},
                         m_adminToken);
    QCOMPARE(created.status, 201);
    const qint64 id = created.value(u"id"_s).toInteger();
    QTRY_VERIFY_WITH_TIMEOUT(reminders.latest().value(u"id"_s).toLongLong() == id, 10000);
    QCOMPARE(reminders.latest().value(u"title"_s).toString(), u"Recordarme"_s);
    QTRY_VERIFY(!loaded.isEmpty());   // the list reloaded
    QTRY_VERIFY(tasks.model()->rowOf(id) >= 0);

    QSignalSpy requested(&reminders, &TaskReminders::openRequested);
    reminders.openTask(id);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(reminders.requestedTaskId(), id);
    QCOMPARE(reminders.takeRequest(), id);
    QCOMPARE(reminders.takeRequest(), 0);
}

void tst_AdminClientsTasks::agentSeesClientsAndTasksOnly()
{
    QTemporaryDir dir;
    auto app = makeContext(dir.filePath(u"settings.ini"_s), uniqueService());
    app->setLanguage(u"en"_s);
    QVERIFY(signIn(*app, m_server.baseUrl(), u"agente@example.com"_s, u"correct horse 3"_s));
    QCOMPARE(AdminSections::keysFor(app->session()->permissions()), (QStringList{u"clients"_s, u"tasks"_s}));

    ClientsController clients;
    clients.setApp(app.get());
    QVERIFY(clients.canCreate() && clients.canUpdate());
    QVERIFY(!clients.canDelete());
    QVERIFY(!clients.canImport());
    QVERIFY(!clients.canExport());
    QTRY_VERIFY(clients.model()->total() > 0);

    // Had the QML shown it anyway, the server refuses.
    const qint64 id = clients.model()->get(0).value(u"id"_s).toLongLong();
    clients.remove(id);
    QTRY_VERIFY(!clients.errorMessage().isEmpty());
    QCOMPARE(m_server.request("GET", u"/v1/clients/%1"_s.arg(id), {}, m_adminToken).status, 200);

    // Their own tasks: created, completed, commented; no assignee filter, nobody else to give one to.
    TasksController tasks;
    tasks.setApp(app.get());
    QVERIFY(tasks.canCreate() && tasks.canUpdate());
    QVERIFY(!tasks.canDelete());
    QVERIFY(!tasks.canSeeAll());
    QVERIFY(!tasks.model()->filters().contains(u"assigned_to_user_id"_s));
    QVERIFY(tasks.assignees().isEmpty());
    QTRY_VERIFY(!tasks.model()->busy());
    QCOMPARE(tasks.model()->total(), 0);   // the admin's tasks are not theirs
    tasks.startNew();
    QVariantMap form{{u"title"_s, u"Mi tarea"_s},
                     {u"priority"_s, u"medium"_s},
                     {u"due_date"_s, localIn(30)},
                     {u"reminder_date"_s, u""_s},
                     {u"client_id"_s, id},
                     {u"chat_id"_s, 0},
                     {u"assigned_to_user_id"_s, m_app->session()->userId()}};
    tasks.save(form);   // to someone else: refused on the field
    QTRY_VERIFY(!tasks.errors()->of(u"assigned_to_user_id"_s).isEmpty());
    form.insert(u"assigned_to_user_id"_s, 0);
    tasks.save(form);
    QTRY_VERIFY(tasks.itemId() > 0);
    QCOMPARE(tasks.item().value(u"assigned_to_user_id"_s).toLongLong(), m_agentId);
    QVERIFY(idle(tasks));
    tasks.addComment(u"Hecho a medias"_s);
    QTRY_COMPARE(tasks.item().value(u"comments"_s).toList().size(), 1);
    QVERIFY(idle(tasks));
    tasks.complete({});
    QTRY_COMPARE(tasks.item().value(u"status"_s).toString(), u"completed"_s);
    QTRY_COMPARE(tasks.model()->total(), 1);
}

QTEST_MAIN(tst_AdminClientsTasks)
#include "tst_admin_clients_tasks.moc"
