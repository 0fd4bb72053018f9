// The Clients and Tasks screens in the real app window against the real server, by mouse and keys:
// an administrator opens Clients, gets the server's 422 under the email field, fixes it and creates
// the client with a custom field, imports a CSV (its preview and mapping, the dry run's refused
// row, then the import), and deletes the client after the confirmation; on Tasks gets the 422 under
// the due date, creates a task, sees an overdue one marked, comments and completes it; from the
// chats, clicks a reminder's notification and lands on its task. An agent sees neither delete nor
// import nor export, nor the assignee filter. Screenshots of each screen land in
// build/<preset>/artifacts/.
#include "ClientImport.h"
#include "ClientsController.h"
#include "DesktopHarness.h"
#include "QmlModules.h"
#include "TasksController.h"
#include "TestServer.h"
#include "WindowProbe.h"

#include <QDateTime>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>

using namespace Qt::StringLiterals;

class tst_AdminClientsTasksUi : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void clientsScreen();
    void clientImport();
    void tasksScreen();
    void taskFromAClient();
    void reminderOpensTheTask();
    void agentSeesNoClientAdmin();

private:
    QQuickWindow *window() const { return qobject_cast<QQuickWindow *>(m_engine->rootObjects().value(0)); }
    QQuickItem *item(const QString &name) const { return findItem(window()->contentItem(), name); }
    // Popups (dialogs) are drawn over the window, outside the page's tree.
    QQuickItem *overlayItem(const QString &name) const
    {
        QQuickItem *overlay = window()->property("overlay").value<QQuickItem *>();
        QQuickItem *found = overlay ? findItem(overlay, name) : nullptr;
        return found ? found : item(name);
    }
    bool shown(const QString &name) const
    {
        QQuickItem *i = overlayItem(name);
        return i && i->isVisible();
    }
    bool hasError(const QString &name) const
    {
        QQuickItem *i = item(name);
        return i && i->isVisible() && !i->property("text").toString().isEmpty();
    }
    void click(const QString &name) { clickItem(window(), overlayItem(name), name); }
    void type(const QString &field, const QString &text) { typeInto(window(), overlayItem(field), field, text); }
    void signInAs(const QString &email, const QString &password)
    {
        if (item(u"workspacePage"_s)) {
            m_app->session()->logout();
            QTRY_VERIFY(!item(u"workspacePage"_s));
        }
        QVERIFY(signIn(*m_app, m_server.baseUrl(), email, password));
        QTRY_VERIFY(item(u"workspacePage"_s));
    }
    void openSection(const QString &section)
    {
        QTRY_VERIFY(shown(u"adminTab"_s));
        click(u"adminTab"_s);
        QTRY_VERIFY(item(u"adminPage"_s));
        QTRY_VERIFY(shown(u"section_"_s + section));
        click(u"section_"_s + section);
    }
    template <class T>
    T *controller(const QString &name) const
    {
        QQuickItem *p = item(name);
        return p ? qobject_cast<T *>(p->property("controller").value<QObject *>()) : nullptr;
    }
    void screenshot(const QString &name)
    {
        QString why;
        QVERIFY2(saveScreenshot(window(), QStringLiteral(CONVERSA_ARTIFACTS_DIR),
                                u"desktop-admin-%1-%2"_s.arg(name, TestServer::engine()), &why),
                 qPrintable(why));
    }

    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_app;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QByteArray m_adminToken;
};

void tst_AdminClientsTasksUi::initTestCase()
{
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    QVERIFY(m_server.start({{u"CONVERSA_REMINDER_INTERVAL_MS"_s, u"100"_s}}));
    m_server.createUser(u"jefa@example.com"_s, u"correct horse 1"_s, u"admin"_s, u"active"_s, u"Jefa"_s, u"Admin"_s);
    m_server.createUser(u"agente@example.com"_s, u"correct horse 3"_s, u"agent"_s, u"active"_s, u"Águeda"_s,
                        u"Agente"_s);
    m_adminToken = m_server.login(u"jefa@example.com"_s, u"correct horse 1"_s);
    QVERIFY(m_dir.isValid());
    m_app = makeContext(m_dir.filePath(u"settings.ini"_s), uniqueService());
    m_app->setLanguage(u"en"_s);
    m_engine = loadMainWindow(m_app.get());
    QVERIFY(window());
    window()->resize(1280, 860);
    window()->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(window()));
}

void tst_AdminClientsTasksUi::cleanupTestCase()
{
    m_engine.reset();
    m_app.reset();
    m_server.stop();
}

void tst_AdminClientsTasksUi::clientsScreen()
{
    signInAs(u"jefa@example.com"_s, u"correct horse 1"_s);
    openSection(u"clients"_s);
    QTRY_VERIFY(item(u"clientsPage"_s));
    auto *clients = controller<ClientsController>(u"clientsPage"_s);
    QVERIFY(clients);
    QVERIFY(shown(u"importClientsButton"_s));
    QVERIFY(shown(u"exportClientsButton"_s));

    // A new one, refused: the message under the email field.
    click(u"newClientButton"_s);
    QTRY_VERIFY(shown(u"clientPhoneField"_s));
    type(u"clientPhoneField"_s, u"+573005551234"_s);
    type(u"clientFirstNameField"_s, u"Marta"_s);
    type(u"clientEmailField"_s, u"marta-at-example.com"_s);
    type(u"clientTagsField"_s, u"vip"_s);
    click(u"addCustomFieldButton"_s);
    QTRY_VERIFY(item(u"customKey_0"_s));
    type(u"customKey_0"_s, u"cargo"_s);
    type(u"customValue_0"_s, u"Gerente"_s);
    click(u"saveClientButton"_s);
    QTRY_VERIFY(hasError(u"clientEmailError"_s));
    QVERIFY(!hasError(u"clientPhoneError"_s));
    QVERIFY(shown(u"clientFormMessage"_s));
    QCOMPARE(clients->itemId(), 0);
    screenshot(u"client-form-error"_s);

    type(u"clientEmailField"_s, u"marta@example.com"_s);
    click(u"saveClientButton"_s);
    QTRY_VERIFY(clients->itemId() > 0);
    QTRY_VERIFY(!hasError(u"clientEmailError"_s));
    QTRY_VERIFY(shown(u"clientRow_+573005551234"_s));
    QCOMPARE(clients->item().value(u"custom_fields"_s).toMap().value(u"cargo"_s).toString(), u"Gerente"_s);
    QCOMPARE(clients->item().value(u"tags"_s).toStringList(), QStringList{u"vip"_s});
    QTRY_COMPARE(item(u"customValue_0"_s)->property("text").toString(), u"Gerente"_s);
    QVERIFY(shown(u"deleteClientButton"_s));
    screenshot(u"clients"_s);

    // Deleted after the confirmation.
    const qint64 id = clients->itemId();
    click(u"deleteClientButton"_s);
    QTRY_VERIFY(shown(u"confirmMessage"_s));
    QVERIFY(overlayItem(u"confirmMessage"_s)->property("text").toString().contains(u"Marta"_s));
    click(u"confirmYes"_s);
    QTRY_COMPARE(clients->itemId(), 0);
    QTRY_VERIFY(!item(u"clientRow_+573005551234"_s));
    QCOMPARE(m_server.request("GET", u"/v1/clients/%1"_s.arg(id), {}, m_adminToken).status, 404);
}

void tst_AdminClientsTasksUi::clientImport()
{
    auto *clients = controller<ClientsController>(u"clientsPage"_s);
    QVERIFY(clients);
    const QString file = m_dir.filePath(u"clientes.csv"_s);
    QFile csv(file);
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("celular,nombre,email\n+573006660001,Rosa,rosa@example.com\nnot-a-phone,Malo,\n");
    csv.close();

    click(u"importClientsButton"_s);
    QTRY_VERIFY(shown(u"chooseImportFileButton"_s));
    auto *importer = qobject_cast<ClientImport *>(item(u"clientsPage"_s)->property("importer").value<QObject *>());
    QVERIFY(importer);
    // The file dialog is the platform's: the file it would give.
    QVERIFY(importer->load(QUrl::fromLocalFile(file)));
    QTRY_VERIFY(shown(u"importMapping_0"_s));
    QCOMPARE(importer->mapping(), (QStringList{u"custom"_s, u"custom"_s, u"email"_s}));
    // The phone and name columns, chosen in their boxes.
    QQuickItem *phoneBox = overlayItem(u"importMapping_0"_s);
    QQuickItem *nameBox = overlayItem(u"importMapping_1"_s);
    int phoneIndex = -1;
    int nameIndex = -1;
    QMetaObject::invokeMethod(phoneBox, "indexOfValue", Q_RETURN_ARG(int, phoneIndex),
                              Q_ARG(QVariant, u"phone_number"_s));
    QMetaObject::invokeMethod(nameBox, "indexOfValue", Q_RETURN_ARG(int, nameIndex), Q_ARG(QVariant, u"first_name"_s));
    QVERIFY(phoneIndex > 0 && nameIndex > 0);
    phoneBox->forceActiveFocus();
    phoneBox->setProperty("currentIndex", phoneIndex);
    QMetaObject::invokeMethod(phoneBox, "activated", Q_ARG(int, phoneIndex));
    nameBox->setProperty("currentIndex", nameIndex);
    QMetaObject::invokeMethod(nameBox, "activated", Q_ARG(int, nameIndex));
    QCOMPARE(importer->mapping(), (QStringList{u"phone_number"_s, u"first_name"_s, u"email"_s}));
    QVERIFY(!overlayItem(u"runImportButton"_s)->isEnabled());   // a check first

    click(u"checkImportButton"_s);
    QTRY_COMPARE(importer->stage(), ClientImport::Checked);
    QTRY_VERIFY(shown(u"importSummary"_s));
    QCOMPARE(importer->rowErrors().size(), 1);
    QCOMPARE(importer->rowErrors().at(0).toMap().value(u"row"_s).toInt(), 3);
    QVERIFY(shown(u"saveImportErrorsButton"_s));
    QCOMPARE(m_server.count(u"clients"_s, u"phone_number = '+573006660001'"_s), 0);
    screenshot(u"client-import"_s);

    click(u"runImportButton"_s);
    QTRY_COMPARE(importer->stage(), ClientImport::Done);
    QCOMPARE(m_server.count(u"clients"_s, u"phone_number = '+573006660001'"_s), 1);
    QTRY_VERIFY(item(u"clientRow_+573006660001"_s));   // the list reloaded
    click(u"closeImportButton"_s);
    QTRY_VERIFY(!shown(u"chooseImportFileButton"_s));
}

void tst_AdminClientsTasksUi::tasksScreen()
{
    click(u"section_tasks"_s);
    QTRY_VERIFY(item(u"tasksPage"_s));
    auto *tasks = controller<TasksController>(u"tasksPage"_s);
    QVERIFY(tasks);
    QVERIFY(shown(u"taskAssigneeFilter"_s));
    QTRY_VERIFY(!tasks->model()->busy());

    // One overdue, given by the API.
    const QString past = QDateTime::currentDateTimeUtc().addSecs(-7200).toString(Qt::ISODate);
    const ApiResponse late =
        m_server.request("POST", u"/v1/tasks"_s, {{u"title"_s, u"Enviar propuesta"_s}, {u"due_date"_s, past}},
                         m_adminToken);
    QCOMPARE(late.status, 201);
    const qint64 lateId = late.value(u"id"_s).toInteger();
    tasks->model()->refresh();
    QTRY_VERIFY(shown(u"taskOverdue_%1"_s.arg(lateId)));

    // A new one, refused: the message under the due date.
    click(u"newTaskButton"_s);
    QTRY_VERIFY(shown(u"taskTitleField"_s));
    type(u"taskTitleField"_s, u"Llamar a Rosa"_s);
    type(u"taskDueField"_s, u"tomorrow"_s);
    click(u"saveTaskButton"_s);
    QTRY_VERIFY(hasError(u"taskDueError"_s));
    QVERIFY(!hasError(u"taskTitleError"_s));
    QCOMPARE(tasks->itemId(), 0);
    screenshot(u"task-form-error"_s);

    const QString due = QDateTime::currentDateTime().addDays(1).toString(u"yyyy-MM-dd HH:mm"_s);
    type(u"taskDueField"_s, due);
    click(u"saveTaskButton"_s);
    QTRY_VERIFY(tasks->itemId() > 0);
    const qint64 id = tasks->itemId();
    QTRY_VERIFY(!hasError(u"taskDueError"_s));
    QTRY_VERIFY(shown(u"taskRow_%1"_s.arg(id)));
    QVERIFY(!shown(u"taskOverdue_%1"_s.arg(id)));
    QCOMPARE(TasksController::localText(tasks->item().value(u"due_date"_s).toString()), due);

    // A comment, then completed.
    type(u"taskCommentField"_s, u"Sin respuesta"_s);
    click(u"addCommentButton"_s);
    QTRY_COMPARE(tasks->item().value(u"comments"_s).toList().size(), 1);
    QTRY_VERIFY(item(u"taskComment_%1"_s.arg(
        tasks->item().value(u"comments"_s).toList().at(0).toMap().value(u"id"_s).toLongLong())));
    screenshot(u"tasks"_s);
    type(u"taskCompletionNotes"_s, u"Confirmado"_s);
    click(u"completeTaskButton"_s);
    QTRY_COMPARE(tasks->item().value(u"status"_s).toString(), u"completed"_s);
    QTRY_VERIFY(!shown(u"completeTaskButton"_s));
    QVERIFY(shown(u"deleteTaskButton"_s));
}

// A client's detail: a new task on them, and their tasks open on the Tasks screen.
void tst_AdminClientsTasksUi::taskFromAClient()
{
    click(u"section_clients"_s);
    QTRY_VERIFY(shown(u"clientRow_+573006660001"_s));
    click(u"clientRow_+573006660001"_s);
    auto *clients = controller<ClientsController>(u"clientsPage"_s);
    QTRY_COMPARE(clients->item().value(u"phone_number"_s).toString(), u"+573006660001"_s);
    const qint64 clientId = clients->itemId();
    click(u"newTaskForClientButton"_s);
    QTRY_VERIFY(shown(u"tasksPage"_s));
    auto *tasks = controller<TasksController>(u"tasksPage"_s);
    QTRY_COMPARE(tasks->itemId(), 0);
    QVERIFY(item(u"taskClientSearch"_s)->property("placeholderText").toString().contains(u"Rosa"_s));
    type(u"taskTitleField"_s, u"Visitar a Rosa"_s);
    click(u"saveTaskButton"_s);
    QTRY_VERIFY(tasks->itemId() > 0);
    const qint64 taskId = tasks->itemId();
    QCOMPARE(tasks->item().value(u"client_id"_s).toLongLong(), clientId);

    click(u"section_clients"_s);
    click(u"clientRow_+573006660001"_s);
    QTRY_VERIFY(shown(u"clientTask_%1"_s.arg(taskId)));
    screenshot(u"client-tasks"_s);
    tasks->startNew();
    click(u"clientTask_%1"_s.arg(taskId));
    QTRY_VERIFY(shown(u"tasksPage"_s));
    QTRY_COMPARE(tasks->itemId(), taskId);
}

void tst_AdminClientsTasksUi::reminderOpensTheTask()
{
    click(u"chatsTab"_s);
    const QString due = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate);
    const QString past = QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODate);
    const ApiResponse created =
        m_server.request("POST", u"/v1/tasks"_s,
                         {{u"title"_s, u"Devolver la llamada"_s}, {u"due_date"_s, due}, {u"reminder_date"_s, past}},
                         m_adminToken);
    QCOMPARE(created.status, 201);
    const qint64 id = created.value(u"id"_s).toInteger();
    // The notification, over the chats.
    QTRY_VERIFY_WITH_TIMEOUT(shown(u"openReminderTaskButton"_s), 10000);
    QCOMPARE(overlayItem(u"taskReminderTitle"_s)->property("text").toString(), u"Devolver la llamada"_s);
    screenshot(u"task-reminder"_s);
    click(u"openReminderTaskButton"_s);
    QTRY_VERIFY(!shown(u"openReminderTaskButton"_s));
    QTRY_VERIFY(shown(u"tasksPage"_s));
    auto *tasks = controller<TasksController>(u"tasksPage"_s);
    QVERIFY(tasks);
    QTRY_COMPARE(tasks->itemId(), id);
    QTRY_COMPARE(item(u"taskTitleField"_s)->property("text").toString(), u"Devolver la llamada"_s);
}

void tst_AdminClientsTasksUi::agentSeesNoClientAdmin()
{
    signInAs(u"agente@example.com"_s, u"correct horse 3"_s);
    openSection(u"clients"_s);
    QTRY_VERIFY(item(u"clientsPage"_s));
    QTRY_VERIFY(shown(u"clientRow_+573006660001"_s));
    QVERIFY(shown(u"newClientButton"_s));
    QVERIFY(!shown(u"importClientsButton"_s));
    QVERIFY(!shown(u"exportClientsButton"_s));
    click(u"clientRow_+573006660001"_s);
    QTRY_COMPARE(item(u"clientPhoneField"_s)->property("text").toString(), u"+573006660001"_s);
    QVERIFY(shown(u"saveClientButton"_s));
    QVERIFY(!shown(u"deleteClientButton"_s));
    screenshot(u"clients-agent"_s);

    // Their tasks: no one else's, no assignee filter, no delete.
    click(u"section_tasks"_s);
    QTRY_VERIFY(item(u"tasksPage"_s));
    QVERIFY(!shown(u"taskAssigneeFilter"_s));
    click(u"newTaskButton"_s);
    QTRY_VERIFY(shown(u"taskTitleField"_s));
    QVERIFY(!shown(u"taskAssigneeField"_s));
    type(u"taskTitleField"_s, u"Mi tarea"_s);
    click(u"saveTaskButton"_s);
    auto *tasks = controller<TasksController>(u"tasksPage"_s);
    QTRY_VERIFY(tasks->itemId() > 0);
    QTRY_VERIFY(shown(u"taskRow_%1"_s.arg(tasks->itemId())));
    QVERIFY(shown(u"completeTaskButton"_s));
    QVERIFY(!shown(u"deleteTaskButton"_s));
    QCOMPARE(tasks->model()->total(), 1);
    screenshot(u"tasks-agent"_s);
}

QTEST_MAIN(tst_AdminClientsTasksUi)
#include "tst_admin_clients_tasks_ui.moc"
