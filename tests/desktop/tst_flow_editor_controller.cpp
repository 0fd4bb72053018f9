// The flow editor's controller against the real server (SQLite and PostgreSQL), signed in as an
// administrator through the app's own session: flows listed, created (and opened), edited in the
// document and saved based on their revision; a save after someone else's is refused with who
// saved, and reload() brings their draft; publishing saves the edits first, a refused publish puts
// the server's problems on the nodes (once, where the local check names them too), a published
// one tells the version; its versions listed and one restored; rename and delete.
#include "DesktopHarness.h"
#include "FlowEditorController.h"
#include "TestServer.h"
#include "tst_flow_samples.h"

#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace FlowSamples;

class tst_FlowEditorController : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void createEditSave();
    void conflictAndReload();
    void publish();
    void versionsAndRestore();
    void renameAndDelete();

private:
    ApiResponse send(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        return m_server.request(method, path, body, m_otherAdmin, {{"Accept-Language", "en"}});
    }
    bool idle()
    {
        return QTest::qWaitFor([&] { return !m_controller->busy(); }, 10000);
    }
    QStringList flowNames() const
    {
        QStringList names;
        for (const QVariant &f : m_controller->flows())
            names.append(f.toMap().value(u"name"_s).toString());
        return names;
    }

    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_app;
    std::unique_ptr<FlowEditorController> m_controller;
    QByteArray m_otherAdmin;
};

void tst_FlowEditorController::initTestCase()
{
    QVERIFY(m_server.start());
    m_server.createUser(u"flujos@example.com"_s, u"correct horse 1"_s, u"admin"_s, u"active"_s, u"Flor"_s, u"Lujo"_s);
    m_server.createUser(u"otra@example.com"_s, u"correct horse 2"_s, u"admin"_s, u"active"_s, u"Otra"_s, u"Admin"_s);
    m_otherAdmin = m_server.login(u"otra@example.com"_s, u"correct horse 2"_s);
    QVERIFY(!m_otherAdmin.isEmpty());
    QVERIFY(m_dir.isValid());
    m_app = makeContext(m_dir.filePath(u"settings.ini"_s), uniqueService());
    m_app->setLanguage(u"en"_s);
    QVERIFY(signIn(*m_app, m_server.baseUrl(), u"flujos@example.com"_s, u"correct horse 1"_s));
    m_controller = std::make_unique<FlowEditorController>();
    m_controller->setApp(m_app.get());
}

void tst_FlowEditorController::cleanupTestCase()
{
    m_controller.reset();
    m_app.reset();
    m_server.stop();
}

void tst_FlowEditorController::createEditSave()
{
    QSignalSpy opened(m_controller.get(), &FlowEditorController::opened);
    m_controller->createFlow(u"  Bienvenida  "_s);
    QTRY_COMPARE(opened.size(), 1);
    QVERIFY(idle());
    QVERIFY(m_controller->flowId() > 0);
    QCOMPARE(m_controller->flowName(), u"Bienvenida"_s);
    QCOMPARE(m_controller->revision(), 1);
    QCOMPARE(m_controller->version(), 0);
    QTRY_VERIFY(flowNames().contains(u"Bienvenida"_s));

    FlowDocument *doc = m_controller->document();
    QCOMPARE(doc->nodes()->rowCount(), 0);
    const QString hello = doc->addNode(u"message"_s, 0, 0);
    const QString bye = doc->addNode(u"end"_s, 300, 0);
    QVERIFY(doc->setConfig(hello, QVariantMap{{u"content"_s, u"Hola"_s}}));
    QVERIFY(doc->connectPort(hello, u"config.next"_s, bye));
    QVERIFY(doc->setStartNode(hello));
    QVERIFY(doc->isModified());

    QSignalSpy saved(m_controller.get(), &FlowEditorController::saved);
    m_controller->save();
    QTRY_COMPARE(saved.size(), 1);
    QVERIFY(idle());
    QCOMPARE(m_controller->revision(), 2);
    QVERIFY(!doc->isModified());
    QVERIFY(m_controller->errorMessage().isEmpty());
    QCOMPARE(m_controller->notice(), u"Draft saved"_s);
    // The edits kept their history.
    QVERIFY(doc->canUndo());

    const QJsonObject fetched = send("GET", u"/v1/bot-flows/%1"_s.arg(m_controller->flowId())).object();
    QCOMPARE(fetched.value(u"start_node_id"_s).toString(), hello);
    QCOMPARE(fetched.value(u"revision"_s).toInt(), 2);
    const QJsonArray nodes = fetched.value(u"nodes"_s).toArray();
    QCOMPARE(nodes.size(), 2);
    QCOMPARE(nodes.at(0).toObject().value(u"config"_s).toObject(),
             (QJsonObject{{u"content"_s, u"Hola"_s}, {u"next"_s, bye}}));
}

void tst_FlowEditorController::conflictAndReload()
{
    QVERIFY(m_controller->flowId() > 0);
    const qint64 id = m_controller->flowId();
    // Someone else saves meanwhile.
    const ApiResponse theirs = send("PUT", u"/v1/bot-flows/%1"_s.arg(id), {{u"description"_s, u"De otra"_s}});
    QCOMPARE(theirs.status, 200);
    const qint64 theirRevision = theirs.value(u"revision"_s).toInteger();
    QVERIFY(theirRevision > m_controller->revision());

    FlowDocument *doc = m_controller->document();
    doc->addNode(u"delay"_s, 0, 300);
    QSignalSpy saved(m_controller.get(), &FlowEditorController::saved);
    m_controller->save();
    QTRY_VERIFY(!m_controller->conflictText().isEmpty());
    QVERIFY(idle());
    QCOMPARE(saved.size(), 0);
    QVERIFY2(m_controller->conflictText().contains(u"Otra Admin"_s), qPrintable(m_controller->conflictText()));
    QVERIFY(doc->isModified());   // nothing lost until the user reloads

    QSignalSpy opened(m_controller.get(), &FlowEditorController::opened);
    m_controller->reload();
    QTRY_COMPARE(opened.size(), 1);
    QVERIFY(idle());
    QVERIFY(m_controller->conflictText().isEmpty());
    QCOMPARE(m_controller->revision(), theirRevision);
    QCOMPARE(doc->nodes()->rowCount(), 2);
    QVERIFY(!doc->isModified());
    QCOMPARE(doc->toJson().value(u"description"_s).toString(), u"De otra"_s);
}

void tst_FlowEditorController::publish()
{
    FlowDocument *doc = m_controller->document();
    // A menu with an option that leads nowhere: the local check knows, the server refuses.
    const QString menu = doc->addNode(u"menu"_s, 0, 200);
    QVERIFY(doc->setConfig(menu, QVariantMap{{u"content"_s, u"Elige"_s}, {u"options"_s, QVariantList()}}));
    QVERIFY(doc->addMenuOption(menu, u"Ventas"_s));
    QVERIFY(doc->connectPort(m_controller->document()->startNode(), u"config.next"_s, menu));
    QVERIFY(doc->isModified());

    QSignalSpy saved(m_controller.get(), &FlowEditorController::saved);
    QSignalSpy published(m_controller.get(), &FlowEditorController::published);
    m_controller->publish();
    QTRY_VERIFY(!m_controller->errorMessage().isEmpty());
    QVERIFY(idle());
    QCOMPARE(saved.size(), 1);   // the edits were saved first
    QCOMPARE(published.size(), 0);
    QVERIFY(!doc->isModified());
    QCOMPARE(m_controller->version(), 0);
    // On the menu's option, once: the server's detail where the local check found the same.
    QStringList onMenu;
    for (const FlowProblem &p : doc->problemsOf(menu)) {
        if (p.severity == FlowProblem::Error)
            onMenu.append(p.field);
    }
    QCOMPARE(onMenu, QStringList{u"config.options[0].next"_s});

    // Fixed: the option leads to the end.
    const QString bye = doc->nodes()->data(doc->nodes()->index(1), FlowNodeModel::KeyRole).toString();
    QVERIFY(doc->connectPort(menu, u"config.options[0].next"_s, bye));
    m_controller->publish();
    QTRY_COMPARE(published.size(), 1);
    QVERIFY(idle());
    QCOMPARE(published.at(0).at(0).toInt(), 1);
    QCOMPARE(m_controller->version(), 1);
    QVERIFY(m_controller->errorMessage().isEmpty());
    QCOMPARE(m_controller->notice(), u"Published as version 1"_s);
    QCOMPARE(doc->errorCount(), 0);
    const QJsonObject fetched = send("GET", u"/v1/bot-flows/%1"_s.arg(m_controller->flowId())).object();
    QCOMPARE(fetched.value(u"version"_s).toInt(), 1);
    QCOMPARE(fetched.value(u"has_unpublished_changes"_s).toBool(), false);
}

void tst_FlowEditorController::versionsAndRestore()
{
    FlowDocument *doc = m_controller->document();
    const int published = doc->nodes()->rowCount();
    doc->addNode(u"delay"_s, 600, 600);
    QSignalSpy saved(m_controller.get(), &FlowEditorController::saved);
    m_controller->save();
    QTRY_COMPARE(saved.size(), 1);
    QVERIFY(idle());
    const qint64 revision = m_controller->revision();

    m_controller->loadVersions();
    QTRY_COMPARE(m_controller->versions().size(), 1);
    QCOMPARE(m_controller->versions().first().toMap().value(u"version"_s).toInt(), 1);

    QSignalSpy opened(m_controller.get(), &FlowEditorController::opened);
    m_controller->restoreVersion(1);
    QTRY_COMPARE(opened.size(), 1);
    QVERIFY(idle());
    QCOMPARE(m_controller->revision(), revision + 1);
    QCOMPARE(doc->nodes()->rowCount(), published);
    QVERIFY(!doc->canUndo());
    QCOMPARE(m_controller->notice(), u"Version 1 restored as the draft"_s);
}

void tst_FlowEditorController::renameAndDelete()
{
    const qint64 id = m_controller->flowId();
    QVERIFY(id > 0);
    const qint64 revision = m_controller->revision();
    m_controller->renameFlow(id, u"Saludo"_s);
    QTRY_COMPARE(m_controller->flowName(), u"Saludo"_s);
    QVERIFY(idle());
    QCOMPARE(m_controller->revision(), revision + 1);
    QTRY_VERIFY(flowNames().contains(u"Saludo"_s));

    // Another flow, opened from the list.
    const ApiResponse other = send("POST", u"/v1/bot-flows"_s, {{u"name"_s, u"Otro"_s}});
    QCOMPARE(other.status, 201);
    m_controller->refresh();
    QTRY_VERIFY(flowNames().contains(u"Otro"_s));
    m_controller->deleteFlow(other.value(u"id"_s).toInteger());
    QTRY_VERIFY(!flowNames().contains(u"Otro"_s));
    QCOMPARE(m_controller->flowId(), id);   // the open one stays

    m_controller->deleteFlow(id);
    QTRY_COMPARE(m_controller->flowId(), 0);
    QVERIFY(idle());
    QCOMPARE(m_controller->document()->nodes()->rowCount(), 0);
    QTRY_VERIFY(!flowNames().contains(u"Saludo"_s));
    QCOMPARE(send("GET", u"/v1/bot-flows/%1"_s.arg(id)).status, 404);

    // What the server refuses is told.
    m_controller->open(id);
    QTRY_VERIFY(!m_controller->errorMessage().isEmpty());
}

QTEST_MAIN(tst_FlowEditorController)
#include "tst_flow_editor_controller.moc"
