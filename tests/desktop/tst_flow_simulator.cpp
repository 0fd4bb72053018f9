// The flow editor's simulator (desktop/flows/FlowSimulator) against the real server's simulate
// route (SQLite and PostgreSQL), signed in as an administrator through the app's own session: a
// session from the start node answered by a menu's button and typed answers (an invalid one
// first) up to a transfer, with the path lit step by step; one from a selected node with
// variables, client fields and a mocked http_request answer up to the end; silence past the
// timeout; unsaved edits saved before the run; bad mocks, an unknown start node and a refused turn
// told (the refused turn is not kept).
#include "DesktopHarness.h"
#include "FlowEditorController.h"
#include "FlowSimulator.h"
#include "TestServer.h"
#include "tst_flow_samples.h"

#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace FlowSamples;

class tst_FlowSimulator : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void fromTheStart();
    void fromASelectedNode();
    void silence();
    void savesEditsFirst();
    void errors();
    void parseAssignments();

private:
    bool idle()
    {
        return QTest::qWaitFor([&] { return !m_sim->busy() && !m_controller->busy(); }, 10000);
    }
    QStringList types() const
    {
        QStringList out;
        for (const QVariant &e : m_sim->transcript())
            out.append(e.toMap().value(u"type"_s).toString());
        return out;
    }

    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_app;
    std::unique_ptr<FlowEditorController> m_controller;
    std::unique_ptr<FlowSimulator> m_sim;
    qint64 m_flowId = 0;
};

void tst_FlowSimulator::initTestCase()
{
    QVERIFY(m_server.start());
    m_server.createUser(u"simula@example.com"_s, u"correct horse 1"_s, u"admin"_s, u"active"_s, u"Sim"_s, u"Ula"_s);
    const ApiResponse created =
        m_server.request("POST", u"/v1/bot-flows"_s, flow(allTypes()), m_server.tokenFor(u"admin"_s));
    QCOMPARE(created.status, 201);
    m_flowId = created.value(u"id"_s).toInteger();
    QVERIFY(m_dir.isValid());
    m_app = makeContext(m_dir.filePath(u"settings.ini"_s), uniqueService());
    m_app->setLanguage(u"en"_s);
    QVERIFY(signIn(*m_app, m_server.baseUrl(), u"simula@example.com"_s, u"correct horse 1"_s));
    m_controller = std::make_unique<FlowEditorController>();
    m_controller->setApp(m_app.get());
    m_sim = std::make_unique<FlowSimulator>();
    m_sim->setController(m_controller.get());
}

void tst_FlowSimulator::cleanupTestCase()
{
    m_sim.reset();
    m_controller.reset();
    m_app.reset();
    m_server.stop();
}

// Each test opens the flow as the server has it; opening clears the simulator.
void tst_FlowSimulator::init()
{
    QSignalSpy opened(m_controller.get(), &FlowEditorController::opened);
    m_controller->open(m_flowId);
    QTRY_COMPARE(opened.size(), 1);
    QVERIFY(idle());
    QVERIFY(m_sim->status().isEmpty());
    QVERIFY(m_sim->transcript().isEmpty());
}

void tst_FlowSimulator::fromTheStart()
{
    m_sim->setStepInterval(10);
    QVERIFY(m_sim->start({}));
    QVERIFY(idle());
    QCOMPARE(m_sim->errorMessage(), QString());
    QCOMPARE(m_sim->status(), u"waiting"_s);
    QCOMPARE(m_sim->nodeKey(), u"menu"_s);
    QCOMPARE(types(), (QStringList{u"message"_s, u"menu"_s}));
    QCOMPARE(m_sim->transcript().first().toMap().value(u"text"_s).toString(), u"¡Hola! Bienvenido a MiEmpresa"_s);
    // The menu's options are buttons, with their reply ids.
    QCOMPARE(m_sim->choices().size(), 3);
    const QVariantMap support = m_sim->choices().at(1).toMap();
    QCOMPARE(support.value(u"label"_s).toString(), u"Soporte"_s);
    QCOMPARE(support.value(u"replyId"_s).toString(), u"menu#2"_s);
    // The path lights up one step at a time.
    QTRY_COMPARE(m_sim->litNodes(), (QStringList{u"welcome"_s, u"menu"_s}));

    m_sim->choose(support.value(u"replyId"_s).toString(), support.value(u"label"_s).toString());
    QVERIFY(idle());
    QCOMPARE(m_sim->nodeKey(), u"ask"_s);
    QVERIFY(m_sim->choices().isEmpty());
    m_sim->say(u"muchos"_s);   // not a number: asked again
    QVERIFY(idle());
    QCOMPARE(m_sim->status(), u"waiting"_s);
    QCOMPARE(m_sim->nodeKey(), u"ask"_s);
    m_sim->say(u"150"_s);
    QVERIFY(idle());
    QCOMPARE(m_sim->status(), u"transferred"_s);
    QCOMPARE(m_sim->nodeKey(), u"agent"_s);
    QVERIFY(!m_sim->waiting());
    QCOMPARE(m_sim->variables().value(u"order"_s).toString(), u"150"_s);
    QVERIFY(m_sim->statusText().contains(u"agent"_s));
    QTRY_VERIFY(m_sim->litNodes().endsWith(u"agent"_s));
    QStringList lit = m_sim->litNodes();
    lit.removeDuplicates();   // an invalid answer may count its node again
    QCOMPARE(lit, (QStringList{u"welcome"_s, u"menu"_s, u"ask"_s, u"route"_s, u"agent"_s}));
    const QVariantList edges = m_sim->litEdges();
    QVERIFY(edges.contains(
        QVariantMap{{u"from"_s, u"menu"_s}, {u"field"_s, u"config.options[1].next"_s}, {u"to"_s, u"ask"_s}}));
    QVERIFY(edges.contains(
        QVariantMap{{u"from"_s, u"route"_s}, {u"field"_s, u"config.rules[0].next"_s}, {u"to"_s, u"agent"_s}}));
    // The session is over: the customer can say no more.
    m_sim->say(u"hola"_s);
    QVERIFY(!m_sim->busy());
}

void tst_FlowSimulator::fromASelectedNode()
{
    m_sim->setStepInterval(0);
    QVERIFY(m_sim->start(u"lookup"_s, u"order = 77\nvip = true"_s, u"first_name = Ana"_s,
                         uR"({"lookup": {"status": "shipped"}})"_s));
    QVERIFY(idle());
    QCOMPARE(m_sim->errorMessage(), QString());
    QCOMPARE(m_sim->status(), u"completed"_s);
    QCOMPARE(m_sim->nodeKey(), u"bye"_s);
    QCOMPARE(m_sim->litNodes(), (QStringList{u"lookup"_s, u"tagit"_s, u"setv"_s, u"upd"_s, u"wait"_s, u"bye"_s}));
    const QVariantMap vars = m_sim->variables();
    QCOMPARE(vars.value(u"status"_s).toString(), u"shipped"_s);
    QCOMPARE(vars.value(u"greeting"_s).toString(), u"Hola Ana"_s);
    QCOMPARE(vars.value(u"order"_s).toInt(), 77);
    const QVariantMap call = m_sim->transcript().first().toMap();
    QCOMPARE(call.value(u"type"_s).toString(), u"http_request"_s);
    QCOMPARE(call.value(u"url"_s).toString(), u"https://crm.example.com/orders/77"_s);
    QCOMPARE(call.value(u"result"_s).toString(), u"mocked"_s);
    QVERIFY(types().contains(u"delay"_s));
    QCOMPARE(types().last(), u"end"_s);
}

void tst_FlowSimulator::silence()
{
    m_sim->setStepInterval(0);
    QVERIFY(m_sim->start({}));
    QVERIFY(idle());
    m_sim->stayQuiet();
    QVERIFY(idle());
    QCOMPARE(m_sim->status(), u"timed_out"_s);
    QVERIFY(types().contains(u"timeout"_s));
}

// The server simulates the saved draft: the editor's edits are saved first.
void tst_FlowSimulator::savesEditsFirst()
{
    FlowDocument *doc = m_controller->document();
    QJsonObject config = doc->graph().node(doc->graph().indexOf(u"welcome"_s)).config;
    config.insert(u"content"_s, u"Hola, {{client.first_name}}"_s);
    QVERIFY(doc->setConfig(u"welcome"_s, config));
    QVERIFY(doc->isModified());
    const qint64 revision = m_controller->revision();
    m_sim->setStepInterval(0);
    QVERIFY(m_sim->start({}, {}, u"first_name = Eva"_s));
    QVERIFY(idle());
    QVERIFY(!doc->isModified());
    QCOMPARE(m_controller->revision(), revision + 1);
    QCOMPARE(m_sim->transcript().first().toMap().value(u"text"_s).toString(), u"Hola, Eva"_s);
}

void tst_FlowSimulator::errors()
{
    QSignalSpy errors(m_sim.get(), &FlowSimulator::errorChanged);
    QVERIFY(!m_sim->start({}, {}, {}, u"[1, 2"_s));
    QVERIFY(!m_sim->errorMessage().isEmpty());
    QVERIFY(!m_sim->busy());

    QVERIFY(m_sim->start(u"nowhere"_s));
    QVERIFY(idle());
    QVERIFY(!m_sim->errorMessage().isEmpty());   // the server's 422
    QVERIFY(m_sim->status().isEmpty());
    QVERIFY(errors.size() >= 2);

    // A turn the server refuses (an answer over 4 KiB) is not kept: the next one goes on from before it.
    QVERIFY(m_sim->start({}));
    QVERIFY(idle());
    QCOMPARE(m_sim->nodeKey(), u"menu"_s);
    m_sim->say(QString(5000, u'x'));
    QVERIFY(idle());
    QVERIFY(!m_sim->errorMessage().isEmpty());
    QCOMPARE(m_sim->nodeKey(), u"menu"_s);
    QCOMPARE(m_sim->transcript().size(), 2);
    m_sim->say(u"2"_s);
    QVERIFY(idle());
    QCOMPARE(m_sim->errorMessage(), QString());
    QCOMPARE(m_sim->nodeKey(), u"ask"_s);
}

void tst_FlowSimulator::parseAssignments()
{
    const QJsonObject o =
        FlowSimulator::parseAssignments(u" a = 1\nb=texto con = signo\n\nc = false\n = x\nsin valor"_s);
    QCOMPARE(o, (QJsonObject{{u"a"_s, 1}, {u"b"_s, u"texto con = signo"_s}, {u"c"_s, false}}));
}

QTEST_MAIN(tst_FlowSimulator)
#include "tst_flow_simulator.moc"
