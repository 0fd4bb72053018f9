// The bot-flow editor in the real app window against the real server, by mouse and keys: an
// administrator opens the workspace's "Bot flows" page, opens a flow from the list, adds a node
// from the palette, drags it, connects its port to another node, undoes and redoes that, writes
// its text in the inspector, saves, publishes and restores the published version; a screenshot of
// the editor lands in build/<preset>/artifacts/. Then the canvas's panning, zoom, fit, rubber band
// and shortcuts, the problems list; the search (Ctrl+F) zooming to its match, the shortcuts' list
// (F1), the simulator answering a menu's button and a typed answer with the path lit on the canvas,
// and started at a selected node (a screenshot of it too), a menu's form in the inspector (and its
// screenshot), Ctrl+S and Ctrl+Enter; the 409 banner with its reload; a
// supervisor only looks, an agent has no such page.
#include "DesktopHarness.h"
#include "FlowEditorController.h"
#include "QmlModules.h"
#include "TestServer.h"
#include "WindowProbe.h"
#include "tst_flow_samples.h"

#include <QClipboard>
#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>

using namespace Qt::StringLiterals;
using namespace FlowSamples;

class tst_FlowEditor : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void editAndPublish();
    void canvasMouseAndKeys();
    void searchHelpAndSimulator();
    void conflictInTheBanner();
    void supervisorOnlySees();
    void agentHasNoEditor();

private:
    QQuickWindow *window() const { return qobject_cast<QQuickWindow *>(m_engine->rootObjects().value(0)); }
    // By the visual tree: what a Repeater makes (palette, nodes, ports) has no QObject parent to find.
    QQuickItem *item(const QString &name) const { return findItem(window()->contentItem(), name); }
    QPoint centre(QQuickItem *i) const { return i->mapToScene(QPointF(i->width() / 2, i->height() / 2)).toPoint(); }
    void click(QQuickItem *i) { QTest::mouseClick(window(), Qt::LeftButton, {}, centre(i)); }
    void drag(QPoint from, QPoint to)
    {
        QTest::mousePress(window(), Qt::LeftButton, {}, from);
        for (int step = 1; step <= 8; ++step)
            QTest::mouseMove(window(), from + (to - from) * step / 8);
        QTest::mouseRelease(window(), Qt::LeftButton, {}, to);
    }
    bool hasEdge(const FlowDocument *doc, const QString &from, const QString &to) const
    {
        for (const FlowEdge &e : doc->graph().edges()) {
            if (e.from == from && e.to == to)
                return true;
        }
        return false;
    }
    void screenshot(const QString &name);
    void wheel(QPoint at, int delta, Qt::KeyboardModifiers modifiers)
    {
        QWheelEvent e(at, window()->mapToGlobal(at), QPoint(), QPoint(0, delta), Qt::NoButton, modifiers,
                      Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(window(), &e);
    }
    void typeText(const QString &text)   // QTest::keyClicks takes no QWindow on Qt 6.4
    {
        for (const QChar c : text)
            QTest::keyClick(window(), char(c.toLatin1()));
    }
    qreal real(QQuickItem *i, const char *name) const { return i->property(name).toReal(); }
    QStringList selection() const { return item(u"flowCanvas"_s)->property("selection").toStringList(); }
    void signInAs(const QString &email, const QString &password)
    {
        if (item(u"workspacePage"_s)) {
            m_app->session()->logout();
            QTRY_VERIFY(!item(u"workspacePage"_s));
        }
        QVERIFY(signIn(*m_app, m_server.baseUrl(), email, password));
        QTRY_VERIFY(item(u"workspacePage"_s));
    }
    FlowEditorController *controller() const
    {
        QQuickItem *page = item(u"flowEditorPage"_s);
        return page ? qobject_cast<FlowEditorController *>(page->property("controller").value<QObject *>()) : nullptr;
    }

    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_app;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    qint64 m_flowId = 0;
};

void tst_FlowEditor::initTestCase()
{
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    QVERIFY(m_server.start());
    m_server.createUser(u"lienzo@example.com"_s, u"correct horse 1"_s, u"admin"_s, u"active"_s, u"Lía"_s, u"Enzo"_s);
    m_server.createUser(u"agente@example.com"_s, u"correct horse 2"_s, u"agent"_s);
    m_server.createUser(u"super@example.com"_s, u"correct horse 3"_s, u"supervisor"_s);
    const QByteArray admin = m_server.tokenFor(u"admin"_s);
    QJsonObject flow{{u"name"_s, u"Bienvenida"_s},
                     {u"start_node_id"_s, u"welcome"_s},
                     {u"nodes"_s,
                      QJsonArray{node(u"welcome"_s, u"message"_s, {{u"content"_s, u"¡Hola!"_s}, {u"next"_s, u"bye"_s}},
                                      0, 0),
                                 node(u"bye"_s, u"end"_s, {{u"content"_s, u"Adiós"_s}}, 320, 0)}}};
    const ApiResponse created = m_server.request("POST", u"/v1/bot-flows"_s, flow, admin);
    QCOMPARE(created.status, 201);
    m_flowId = created.value(u"id"_s).toInteger();

    QVERIFY(m_dir.isValid());
    m_app = makeContext(m_dir.filePath(u"settings.ini"_s), uniqueService());
    m_app->setLanguage(u"en"_s);
    m_engine = loadMainWindow(m_app.get());
    QVERIFY(window());
    window()->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(window()));
}

void tst_FlowEditor::cleanupTestCase()
{
    m_engine.reset();
    m_app.reset();
    m_server.stop();
}

void tst_FlowEditor::screenshot(const QString &name)
{
    QString why;
    QVERIFY2(saveScreenshot(window(), QStringLiteral(CONVERSA_ARTIFACTS_DIR),
                            u"desktop-%1-%2"_s.arg(name, TestServer::engine()), &why),
             qPrintable(why));
}

void tst_FlowEditor::editAndPublish()
{
    signInAs(u"lienzo@example.com"_s, u"correct horse 1"_s);
    QTRY_VERIFY(item(u"flowsTab"_s) && item(u"flowsTab"_s)->isVisible());
    click(item(u"flowsTab"_s));
    QTRY_VERIFY(item(u"flowEditorPage"_s));
    auto *controller =
        qobject_cast<FlowEditorController *>(item(u"flowEditorPage"_s)->property("controller").value<QObject *>());
    QVERIFY(controller);
    FlowDocument *doc = controller->document();

    // The flow, from the list.
    QQuickItem *list = item(u"flowList"_s);
    QTRY_COMPARE(list->property("count").toInt(), 1);
    QTest::mouseClick(window(), Qt::LeftButton, {}, list->mapToScene(QPointF(list->width() / 2, 15)).toPoint());
    QTRY_COMPARE(controller->flowId(), m_flowId);
    QTRY_COMPARE(doc->nodes()->rowCount(), 2);
    QTRY_VERIFY(item(u"node_bye"_s));

    // A message from the palette, selected, then dragged below the others.
    click(item(u"palette_message"_s));
    QTRY_COMPARE(doc->nodes()->rowCount(), 3);
    QQuickItem *canvas = item(u"flowCanvas"_s);
    const QStringList selection = canvas->property("selection").toStringList();
    QCOMPARE(selection.size(), 1);
    const QString added = selection.first();
    QCOMPARE(added, u"message"_s);
    QTRY_VERIFY(item(u"node_"_s + added));
    QQuickItem *addedItem = item(u"node_"_s + added);
    const QPointF before = addedItem->position();
    const QPoint grip = addedItem->mapToScene(QPointF(40, 10)).toPoint();
    drag(grip, grip + QPoint(0, 160));
    QTRY_VERIFY(addedItem->position().y() > before.y() + 60);
    QCOMPARE(doc->undoText(), u"Move node message"_s);
    QTest::keyClick(window(), Qt::Key_F);   // everything in view

    // Its port onto "bye": connected.
    QTRY_VERIFY(item(u"port_%1_0"_s.arg(added)));
    QQuickItem *port = item(u"port_%1_0"_s.arg(added));
    const QPoint portDot = port->mapToScene(QPointF(port->width(), port->height() / 2)).toPoint();
    QVERIFY(QRect(QPoint(), window()->size()).contains(portDot));
    drag(portDot, centre(item(u"node_bye"_s)));
    QTRY_VERIFY(hasEdge(doc, added, u"bye"_s));

    // Undo and redo, by keys on the canvas.
    QVERIFY(canvas->hasActiveFocus());
    QTest::keyClick(window(), Qt::Key_Z, Qt::ControlModifier);
    QTRY_VERIFY(!hasEdge(doc, added, u"bye"_s));
    QTest::keyClick(window(), Qt::Key_Y, Qt::ControlModifier);
    QTRY_VERIFY(hasEdge(doc, added, u"bye"_s));

    // Its text, in the inspector; leaving the field is the edit.
    QQuickItem *content = item(u"inspectorContent"_s);
    QVERIFY(content && content->isVisible());
    click(content);
    QTRY_VERIFY(content->hasActiveFocus());
    for (const char c : QByteArray("Hola"))
        QTest::keyClick(window(), c);
    QTest::mouseClick(window(), Qt::LeftButton, {}, canvas->mapToScene(QPointF(6, 6)).toPoint());
    QTRY_COMPARE(doc->graph().node(doc->graph().indexOf(added)).config.value(u"content"_s).toString(), u"Hola"_s);

    // Saved, then published.
    QVERIFY(doc->isModified());
    click(item(u"saveButton"_s));
    QTRY_VERIFY(!doc->isModified());
    QCOMPARE(controller->revision(), 2);
    click(item(u"publishButton"_s));
    QTRY_COMPARE_WITH_TIMEOUT(controller->version(), 1, 10000);
    QCOMPARE(item(u"flowBanner"_s)->property("text").toString(), u"Published as version 1"_s);
    const ApiResponse fetched =
        m_server.request("GET", u"/v1/bot-flows/%1"_s.arg(m_flowId), {}, m_server.tokenFor(u"admin"_s));
    QCOMPARE(fetched.value(u"version"_s).toInt(), 1);
    QCOMPARE(fetched.value(u"nodes"_s).toArray().size(), 3);

    // Its versions: the one published, restored as the draft (the same nodes, a new revision).
    const qint64 published = controller->revision();
    click(item(u"versionsButton"_s));
    QTRY_COMPARE(controller->versions().size(), 1);
    QObject *dialog = window()->findChild<QObject *>(u"versionsDialog"_s);   // a popup, in the overlay
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->property("opened").toBool());
    QQuickItem *restore = nullptr;
    QTRY_VERIFY((restore = item(u"restoreVersion_1"_s)));
    QTRY_VERIFY(restore->isVisible() && restore->height() > 0);
    click(restore);
    QTRY_COMPARE(controller->revision(), published + 1);
    QCOMPARE(doc->nodes()->rowCount(), 3);
    QTRY_VERIFY(!dialog->property("visible").toBool());

    // F fits the flow in the view.
    canvas->forceActiveFocus();
    QTest::keyClick(window(), Qt::Key_F);
    screenshot(u"flow-editor"_s);
}

void tst_FlowEditor::canvasMouseAndKeys()
{
    FlowEditorController *ctl = controller();
    QVERIFY(ctl);
    FlowDocument *doc = ctl->document();
    QQuickItem *canvas = item(u"flowCanvas"_s);
    const int nodes = doc->nodes()->rowCount();
    QCOMPARE(nodes, 3);

    // Panned by a drag on the empty plane and by the arrows.
    QTest::keyClick(window(), Qt::Key_F);
    const qreal panX = real(canvas, "panX"), panY = real(canvas, "panY");
    const QPoint corner = canvas->mapToScene(QPointF(8, 8)).toPoint();
    drag(corner, corner + QPoint(48, 24));
    QTRY_COMPARE(real(canvas, "panX"), panX + 48);
    QCOMPARE(real(canvas, "panY"), panY + 24);
    QTest::keyClick(window(), Qt::Key_Left);
    QCOMPARE(real(canvas, "panX"), panX + 88);
    QTest::keyClick(window(), Qt::Key_Up);
    QCOMPARE(real(canvas, "panY"), panY + 64);
    // The wheel scrolls; Ctrl+wheel zooms around the cursor: what is under it stays there.
    const QPoint at = canvas->mapToScene(QPointF(canvas->width() / 3, canvas->height() / 3)).toPoint();
    wheel(at, -120, Qt::NoModifier);
    QCOMPARE(real(canvas, "panY"), panY + 4);
    const qreal zoom = real(canvas, "zoom");
    const QPointF local = canvas->mapFromScene(at);
    const QPointF planeBefore((local.x() - real(canvas, "panX")) / zoom, (local.y() - real(canvas, "panY")) / zoom);
    wheel(at, 120, Qt::ControlModifier);
    QVERIFY(real(canvas, "zoom") > zoom);
    const QPointF planeAfter((local.x() - real(canvas, "panX")) / real(canvas, "zoom"),
                             (local.y() - real(canvas, "panY")) / real(canvas, "zoom"));
    QVERIFY(qAbs(planeAfter.x() - planeBefore.x()) < 0.5 && qAbs(planeAfter.y() - planeBefore.y()) < 0.5);

    // F fits everything; a rubber band (Shift+drag) around it all selects every node.
    QTest::keyClick(window(), Qt::Key_F);
    const QPoint a = canvas->mapToScene(QPointF(3, 3)).toPoint();
    const QPoint b = canvas->mapToScene(QPointF(canvas->width() - 3, canvas->height() - 3)).toPoint();
    QTest::mousePress(window(), Qt::LeftButton, Qt::ShiftModifier, a);
    for (int step = 1; step <= 4; ++step)
        QTest::mouseMove(window(), a + (b - a) * step / 4);
    QTest::mouseRelease(window(), Qt::LeftButton, Qt::ShiftModifier, b);
    QTRY_COMPARE(selection().size(), nodes);

    // One node: Ctrl+D duplicates it, Delete removes the copy; Ctrl+C, Ctrl+V, Ctrl+Z.
    QQuickItem *bye = item(u"node_bye"_s);
    QTest::mouseClick(window(), Qt::LeftButton, {}, bye->mapToScene(QPointF(30, 10)).toPoint());
    QTRY_COMPARE(selection(), QStringList{u"bye"_s});
    QTest::keyClick(window(), Qt::Key_D, Qt::ControlModifier);
    QTRY_COMPARE(doc->nodes()->rowCount(), nodes + 1);
    QCOMPARE(selection(), QStringList{u"bye_2"_s});
    QTest::keyClick(window(), Qt::Key_Delete);
    QTRY_COMPARE(doc->nodes()->rowCount(), nodes);
    QCOMPARE(doc->graph().indexOf(u"bye_2"_s), -1);
    QTest::mouseClick(window(), Qt::LeftButton, {}, bye->mapToScene(QPointF(30, 10)).toPoint());
    QTest::keyClick(window(), Qt::Key_C, Qt::ControlModifier);
    QVERIFY(QGuiApplication::clipboard()->text().contains(u"bye"_s));   // the system's clipboard
    QTest::keyClick(window(), Qt::Key_V, Qt::ControlModifier);
    QTRY_COMPARE(doc->nodes()->rowCount(), nodes + 1);
    QTest::keyClick(window(), Qt::Key_Z, Qt::ControlModifier);
    QTRY_COMPARE(doc->nodes()->rowCount(), nodes);

    // A problem clicked selects its node and brings it to the middle of the view.
    QQuickItem *problems = item(u"problemList"_s);
    QTRY_VERIFY(problems->property("count").toInt() > 0);
    const QString key = doc->problemList().first().toMap().value(u"nodeKey"_s).toString();
    QVERIFY(!key.isEmpty());
    QTest::mouseClick(window(), Qt::LeftButton, {}, problems->mapToScene(QPointF(problems->width() / 2, 10)).toPoint());
    QTRY_COMPARE(selection(), QStringList{key});
    QQuickItem *node = item(u"node_"_s + key);
    const QPointF middle = node->mapToItem(canvas, QPointF(node->width() / 2, node->height() / 2));
    QVERIFY2(qAbs(middle.x() - canvas->width() / 2) < 2 && qAbs(middle.y() - canvas->height() / 2) < 2,
             qPrintable(u"%1,%2"_s.arg(middle.x()).arg(middle.y())));

    // Nodes far from the view are not built; back in view, they are again.
    canvas->setProperty("selection", QStringList());
    QVERIFY(findItem(item(u"node_bye"_s), u"nodeDrag"_s));
    canvas->setProperty("panX", -100000);
    QTRY_VERIFY(!findItem(item(u"node_bye"_s), u"nodeDrag"_s));
    QTest::keyClick(window(), Qt::Key_F);
    QTRY_VERIFY(findItem(item(u"node_bye"_s), u"nodeDrag"_s));
}

void tst_FlowEditor::searchHelpAndSimulator()
{
    FlowEditorController *ctl = controller();
    QVERIFY(ctl);
    FlowDocument *doc = ctl->document();
    QQuickItem *canvas = item(u"flowCanvas"_s);
    const QJsonObject flow{
        {u"name"_s, u"Pedidos"_s},
        {u"start_node_id"_s, u"welcome"_s},
        {u"nodes"_s,
         QJsonArray{node(u"welcome"_s, u"message"_s, {{u"content"_s, u"¡Hola!"_s}, {u"next"_s, u"menu"_s}}, 0, 0),
                    node(u"menu"_s, u"menu"_s,
                         {{u"content"_s, u"¿Qué necesitas?"_s},
                          {u"options"_s, QJsonArray{option(u"Ventas"_s, u"sales"_s), option(u"Soporte"_s, u"ask"_s)}}},
                         300, 0),
                    node(u"sales"_s, u"transfer"_s, {{u"target_type"_s, u"queue"_s}}, 600, -200),
                    node(u"ask"_s, u"input"_s,
                         {{u"content"_s, u"¿Tu número de pedido?"_s},
                          {u"variable"_s, u"order"_s},
                          {u"validation"_s, u"number"_s},
                          {u"next"_s, u"bye"_s}},
                         600, 200),
                    node(u"bye"_s, u"end"_s, {{u"content"_s, u"Gracias, revisamos el {{order}}"_s}}, 900, 200)}}};
    const ApiResponse created = m_server.request("POST", u"/v1/bot-flows"_s, flow, m_server.tokenFor(u"admin"_s));
    QCOMPARE(created.status, 201);
    doc->markSaved();   // the earlier tests' edits are not kept
    ctl->open(created.value(u"id"_s).toInteger());
    QTRY_COMPARE(doc->nodes()->rowCount(), 5);
    QTest::qWait(50);
    canvas->forceActiveFocus();
    QTest::keyClick(window(), Qt::Key_F);

    // Ctrl+F: the match selected and brought to the middle of the view, at a readable zoom.
    QTest::keyClick(window(), Qt::Key_F, Qt::ControlModifier);
    QQuickItem *field = item(u"flowSearchField"_s);
    QTRY_VERIFY(field && field->hasActiveFocus());
    typeText(u"pedido"_s);
    QTRY_COMPARE(selection(), QStringList{u"ask"_s});
    QCOMPARE(item(u"flowSearchCount"_s)->property("text").toString(), u"1 of 1"_s);
    QVERIFY(real(canvas, "zoom") >= 1);
    QQuickItem *ask = item(u"node_ask"_s);
    QTRY_VERIFY(ask);
    const QPointF middle = ask->mapToItem(canvas, QPointF(ask->width() / 2, ask->height() / 2));
    QVERIFY2(qAbs(middle.x() - canvas->width() / 2) < 2 && qAbs(middle.y() - canvas->height() / 2) < 2,
             qPrintable(u"%1,%2"_s.arg(middle.x()).arg(middle.y())));
    // Another search: by key, Enter steps to the next match.
    field->setProperty("text", QString());
    typeText(u"e"_s);   // keys with e first (welcome, menu, sales, bye), then texts
    QTRY_COMPARE(selection(), QStringList{u"welcome"_s});
    QTest::keyClick(window(), Qt::Key_Return);
    QTRY_COMPARE(selection(), QStringList{u"menu"_s});
    QTest::keyClick(window(), Qt::Key_Return, Qt::ShiftModifier);
    QTRY_COMPARE(selection(), QStringList{u"welcome"_s});
    screenshot(u"flow-search"_s);
    QTest::keyClick(window(), Qt::Key_Escape);
    QTRY_VERIFY(!item(u"flowSearchBar"_s)->isVisible());
    QTRY_VERIFY(canvas->hasActiveFocus());

    // F1 lists the shortcuts.
    QObject *help = window()->findChild<QObject *>(u"flowShortcutsHelp"_s);
    QVERIFY(help);
    QTest::keyClick(window(), Qt::Key_F1);
    QTRY_VERIFY(help->property("opened").toBool());
    QTest::keyClick(window(), Qt::Key_Escape);
    QTRY_VERIFY(!help->property("visible").toBool());

    // The simulator: from the start, a menu's button, then a typed answer; the path lit.
    click(item(u"simulatorTab"_s));
    QTRY_VERIFY(item(u"simulateFromStart"_s) && item(u"simulateFromStart"_s)->isVisible());
    click(item(u"simulateFromStart"_s));
    QQuickItem *transcript = item(u"simulatorTranscript"_s);
    QTRY_COMPARE(transcript->property("count").toInt(), 2);   // the greeting and the menu
    QTRY_VERIFY(item(u"simulatorChoice_1"_s));
    QCOMPARE(item(u"simulatorChoice_1"_s)->property("text").toString(), u"Soporte"_s);
    click(item(u"simulatorChoice_1"_s));
    QTRY_COMPARE(transcript->property("count").toInt(), 4);   // the tap and the question
    QQuickItem *answer = item(u"simulatorAnswer"_s);
    QTRY_VERIFY(answer->isEnabled());
    click(answer);
    QTRY_VERIFY(answer->hasActiveFocus());
    typeText(u"4521"_s);
    QTest::keyClick(window(), Qt::Key_Return);
    QTRY_COMPARE(item(u"simulatorStatus"_s)->property("text").toString(), u"Completed at bye"_s);
    QTRY_COMPARE(canvas->property("litNodes").toStringList(),
                 (QStringList{u"welcome"_s, u"menu"_s, u"ask"_s, u"bye"_s}));
    QCOMPARE(canvas->property("litEdges").toList().size(), 3);
    QVERIFY(item(u"simulatorVariablesOut"_s)->property("text").toString().contains(u"order = \"4521\""_s));
    QVERIFY(QMetaObject::invokeMethod(canvas, "fit"));   // the whole path in the picture
    screenshot(u"flow-simulator"_s);

    // From the selected node: the session starts there.
    QVERIFY(QMetaObject::invokeMethod(canvas, "fit"));
    QTest::mouseClick(window(), Qt::LeftButton, {}, item(u"node_ask"_s)->mapToScene(QPointF(30, 10)).toPoint());
    QTRY_COMPARE(selection(), QStringList{u"ask"_s});
    click(item(u"simulateFromSelected"_s));
    QTRY_COMPARE(canvas->property("litNodes").toStringList(), QStringList{u"ask"_s});
    QTRY_COMPARE(transcript->property("count").toInt(), 1);
    click(item(u"simulateReset"_s));
    QTRY_COMPARE(canvas->property("litNodes").toStringList(), QStringList{});

    // The menu's form: its option rows, each with where it leads.
    click(item(u"inspectorTab"_s));
    QTest::mouseClick(window(), Qt::LeftButton, {}, item(u"node_menu"_s)->mapToScene(QPointF(30, 10)).toPoint());
    QTRY_COMPARE(selection(), QStringList{u"menu"_s});
    QTRY_VERIFY(item(u"optionLabel_1"_s) && item(u"optionLabel_1"_s)->isVisible());
    QCOMPARE(item(u"optionLabel_1"_s)->property("text").toString(), u"Soporte"_s);
    QCOMPARE(item(u"optionNext_1"_s)->property("currentText").toString(), u"ask"_s);
    screenshot(u"flow-inspector"_s);

    // Ctrl+S saves, Ctrl+Enter publishes.
    doc->moveNode(u"bye"_s, 900, 260);
    doc->finishMove();
    QVERIFY(doc->isModified());
    QTest::keyClick(window(), Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY(!doc->isModified());
    QTest::keyClick(window(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(ctl->version(), 1, 10000);

    // The next tests work on the first flow, alone in the list.
    const qint64 id = created.value(u"id"_s).toInteger();
    QCOMPARE(m_server.request("DELETE", u"/v1/bot-flows/%1"_s.arg(id), {}, m_server.tokenFor(u"admin"_s)).status, 204);
    ctl->open(m_flowId);
    QTRY_COMPARE(ctl->flowId(), m_flowId);
    QTRY_COMPARE(doc->nodes()->rowCount(), 3);
}

void tst_FlowEditor::conflictInTheBanner()
{
    FlowEditorController *ctl = controller();
    FlowDocument *doc = ctl->document();
    // Someone else saves the draft meanwhile; this window's save is refused and says who.
    const ApiResponse theirs = m_server.request("PUT", u"/v1/bot-flows/%1"_s.arg(m_flowId),
                                                {{u"description"_s, u"Cambiado"_s}}, m_server.tokenFor(u"admin"_s));
    QCOMPARE(theirs.status, 200);
    doc->moveNode(u"bye"_s, 500, 500);
    doc->finishMove();
    click(item(u"saveButton"_s));
    QQuickItem *reload = item(u"reloadButton"_s);
    QTRY_VERIFY(reload->isVisible());
    QVERIFY(item(u"flowBanner"_s)->property("text").toString().contains(u"saved revision"_s));
    QVERIFY(doc->isModified());
    click(reload);
    QTRY_COMPARE_WITH_TIMEOUT(ctl->revision(), theirs.value(u"revision"_s).toInteger(), 15000);   // slow under load
    QVERIFY(!doc->isModified());
    QTRY_VERIFY(!reload->isVisible());
}

void tst_FlowEditor::supervisorOnlySees()
{
    signInAs(u"super@example.com"_s, u"correct horse 3"_s);
    QTRY_VERIFY(item(u"flowsTab"_s) && item(u"flowsTab"_s)->isVisible());
    click(item(u"flowsTab"_s));
    QTRY_VERIFY(controller());
    QQuickItem *list = item(u"flowList"_s);
    QTRY_COMPARE(list->property("count").toInt(), 1);
    QTest::mouseClick(window(), Qt::LeftButton, {}, list->mapToScene(QPointF(list->width() / 2, 15)).toPoint());
    QTRY_COMPARE(controller()->document()->nodes()->rowCount(), 3);
    QVERIFY(!item(u"saveButton"_s)->isVisible());
    QVERIFY(!item(u"publishButton"_s)->isVisible());
    QVERIFY(!item(u"newFlowButton"_s)->isVisible());
    QVERIFY(!item(u"palette_message"_s) || !item(u"palette_message"_s)->isVisible());
    // Keys change nothing.
    item(u"flowCanvas"_s)->forceActiveFocus();
    QTest::keyClick(window(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(window(), Qt::Key_Delete);
    QTest::keyClick(window(), Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(controller()->document()->nodes()->rowCount(), 3);
    QVERIFY(!controller()->document()->isModified());
}

void tst_FlowEditor::agentHasNoEditor()
{
    signInAs(u"agente@example.com"_s, u"correct horse 2"_s);
    QVERIFY(item(u"flowsTab"_s));
    QVERIFY(!item(u"flowsTab"_s)->isVisible());
    QVERIFY(!item(u"flowEditorPage"_s));
}

QTEST_MAIN(tst_FlowEditor)
#include "tst_flow_editor.moc"
