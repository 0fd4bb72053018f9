// The flow editor's undo history (desktop/flows/FlowCommands): every command undone and redone
// gives back exactly the flow it started from (its JSON, the edge model's rows, the problems),
// deleting nodes takes their edges and undo restores them, and the steps of a drag merge into one
// command.
#include "FlowDocument.h"
#include "tst_flow_samples.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace FlowSamples;

namespace {

QStringList edgeRows(const FlowEdgeModel *m)
{
    QStringList out;
    for (int i = 0; i < m->rowCount(); ++i) {
        const QModelIndex e = m->index(i);
        out.append(e.data(FlowEdgeModel::FromRole).toString() + u'|' + e.data(FlowEdgeModel::PortRole).toString() +
                   u'|' + e.data(FlowEdgeModel::ToRole).toString());
    }
    out.sort();
    return out;
}

QStringList nodeRows(const FlowNodeModel *m)
{
    QStringList out;
    for (int i = 0; i < m->rowCount(); ++i) {
        const QModelIndex n = m->index(i);
        out.append(n.data(FlowNodeModel::KeyRole).toString() + u'@' + n.data(FlowNodeModel::XRole).toString() + u',' +
                   n.data(FlowNodeModel::YRole).toString());
    }
    return out;
}

// One command by name.
void apply(FlowDocument &doc, const QString &action, const QString &clipboard)
{
    if (action == "add"_L1)
        doc.addNode(u"message"_s, 10, 20);
    else if (action == "delete-leaf"_L1)
        doc.removeNodes({u"sales"_s});
    else if (action == "delete-hub"_L1)
        doc.removeNodes({u"bye"_s});
    else if (action == "delete-many"_L1)
        doc.removeNodes({u"menu"_s, u"route"_s, u"wait"_s});
    else if (action == "delete-start"_L1)
        doc.removeNodes({u"welcome"_s});
    else if (action == "move"_L1)
        doc.moveNode(u"ask"_s, 650, 80);
    else if (action == "move-many"_L1)
        doc.moveNodesBy({u"ask"_s, u"route"_s}, 15, -5);
    else if (action == "connect"_L1)
        doc.connectPort(u"route"_s, u"config.rules[0].next"_s, u"bye"_s);
    else if (action == "connect-unconnected"_L1)
        doc.connectPort(u"lookup"_s, u"config.on_error"_s, u"agent"_s);
    else if (action == "disconnect"_L1)
        doc.disconnectPort(u"menu"_s, u"config.options[1].next"_s);
    else if (action == "edit-config"_L1)
        doc.setConfig(u"welcome"_s, QVariantMap{{u"content"_s, u"Buenas"_s}, {u"next"_s, u"menu"_s}});
    else if (action == "add-option"_L1)
        doc.addMenuOption(u"menu"_s, u"Otro"_s);
    else if (action == "remove-option"_L1)
        doc.removeMenuOption(u"menu"_s, 1);
    else if (action == "add-rule"_L1)
        doc.addConditionRule(u"route"_s, u"order"_s);
    else if (action == "remove-rule"_L1)
        doc.removeConditionRule(u"route"_s, 0);
    else if (action == "set-start"_L1)
        doc.setStartNode(u"menu"_s);
    else if (action == "rename"_L1)
        doc.renameNode(u"bye"_s, u"adios"_s);
    else if (action == "rename-start"_L1)
        doc.renameNode(u"welcome"_s, u"inicio"_s);
    else if (action == "set-fallback"_L1)
        doc.setFallbackNode(u"bye"_s);
    else if (action == "paste"_L1)
        doc.paste(clipboard, 30, 30);
    else if (action == "layout"_L1)
        doc.autoLayout(FlowLayout::LeftToRight);
    else if (action == "layout-vertical"_L1)
        doc.autoLayout(FlowLayout::TopToBottom);
    else
        QFAIL("unknown action");
}

// The sample without the http_request's on_error, for a port to connect.
QJsonObject sample()
{
    return flow(withConfig(allTypes(), u"lookup"_s, u"on_error"_s, QJsonValue::Undefined));
}

}   // namespace

class tst_FlowCommands : public QObject {
    Q_OBJECT

private slots:
    void undoRedo_data();
    void undoRedo();
    void deleteTakesEdges();
    void dragMerges();
    void noCommandForNothing();
    void rename();
    void fallback();
    void largeFlow();
};

void tst_FlowCommands::undoRedo_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("text");   // in the undo history
    QTest::addRow("add") << u"add"_s << u"Add node message"_s;
    QTest::addRow("delete-leaf") << u"delete-leaf"_s << u"Delete node sales"_s;
    QTest::addRow("delete-hub") << u"delete-hub"_s << u"Delete node bye"_s;
    QTest::addRow("delete-many") << u"delete-many"_s << u"Delete 3 nodes"_s;
    QTest::addRow("delete-start") << u"delete-start"_s << u"Delete node welcome"_s;
    QTest::addRow("move") << u"move"_s << u"Move node ask"_s;
    QTest::addRow("move-many") << u"move-many"_s << u"Move 2 nodes"_s;
    QTest::addRow("connect") << u"connect"_s << u"Connect route to bye"_s;
    QTest::addRow("connect-unconnected") << u"connect-unconnected"_s << u"Connect lookup to agent"_s;
    QTest::addRow("disconnect") << u"disconnect"_s << u"Disconnect menu from ask"_s;
    QTest::addRow("edit-config") << u"edit-config"_s << u"Edit node welcome"_s;
    QTest::addRow("add-option") << u"add-option"_s << u"Add option to menu"_s;
    QTest::addRow("remove-option") << u"remove-option"_s << u"Remove option from menu"_s;
    QTest::addRow("add-rule") << u"add-rule"_s << u"Add rule to route"_s;
    QTest::addRow("remove-rule") << u"remove-rule"_s << u"Remove rule from route"_s;
    QTest::addRow("set-start") << u"set-start"_s << u"Start the flow at menu"_s;
    QTest::addRow("rename") << u"rename"_s << u"Rename bye to adios"_s;
    QTest::addRow("rename-start") << u"rename-start"_s << u"Rename welcome to inicio"_s;
    QTest::addRow("set-fallback") << u"set-fallback"_s << u"Send timeouts and invalid answers to bye"_s;
    QTest::addRow("paste") << u"paste"_s << u"Paste 2 nodes"_s;
    QTest::addRow("layout") << u"layout"_s << u"Arrange the nodes automatically"_s;
    QTest::addRow("layout-vertical") << u"layout-vertical"_s << u"Arrange the nodes automatically"_s;
}

void tst_FlowCommands::undoRedo()
{
    QFETCH(QString, action);
    QFETCH(QString, text);
    FlowDocument doc;
    doc.load(sample());
    QAbstractItemModelTester nodesTester(doc.nodes(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester edgesTester(doc.edges(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString clipboard = doc.copyNodes({u"ask"_s, u"route"_s});

    const QJsonObject before = doc.toJson();
    const QStringList edgesBefore = edgeRows(doc.edges());
    const QStringList nodesBefore = nodeRows(doc.nodes());
    const QList<FlowProblem> problemsBefore = doc.problems();
    QVERIFY(!doc.isModified());

    apply(doc, action, clipboard);
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.undoText(), text);
    QVERIFY(doc.isModified());
    QVERIFY(doc.canUndo());
    const QJsonObject after = doc.toJson();
    const QStringList edgesAfter = edgeRows(doc.edges());
    const QStringList nodesAfter = nodeRows(doc.nodes());
    const QList<FlowProblem> problemsAfter = doc.problems();
    QVERIFY(after != before);
    // The edge model always holds the graph's edges.
    QStringList graphEdges;
    for (const FlowEdge &e : doc.graph().edges())
        graphEdges.append(e.from + u'|' + e.field + u'|' + e.to);
    graphEdges.sort();
    QCOMPARE(edgesAfter, graphEdges);

    doc.undo();
    QCOMPARE(doc.toJson(), before);
    QCOMPARE(edgeRows(doc.edges()), edgesBefore);
    QCOMPARE(nodeRows(doc.nodes()), nodesBefore);
    QCOMPARE(doc.problems(), problemsBefore);
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.redoText(), text);

    doc.redo();
    QCOMPARE(doc.toJson(), after);
    QCOMPARE(edgeRows(doc.edges()), edgesAfter);
    QCOMPARE(nodeRows(doc.nodes()), nodesAfter);
    QCOMPARE(doc.problems(), problemsAfter);

    // Twice over, the same.
    doc.undo();
    doc.redo();
    QCOMPARE(doc.toJson(), after);
    doc.undo();
    QCOMPARE(doc.toJson(), before);
}

void tst_FlowCommands::deleteTakesEdges()
{
    FlowDocument doc;
    doc.load(sample());
    QAbstractItemModelTester edgesTester(doc.edges(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    // bye is the target of route's default, wait's next; removing it leaves those ports unconnected.
    doc.removeNodes({u"bye"_s});
    for (const FlowEdge &e : doc.graph().edges())
        QVERIFY(e.to != "bye"_L1 && e.from != "bye"_L1);
    const FlowGraph &g = doc.graph();
    QVERIFY(!g.node(g.indexOf(u"route"_s)).config.contains(u"default"_s));
    QVERIFY(!g.node(g.indexOf(u"wait"_s)).config.contains(u"next"_s));
    // The other ports of those nodes stay as they were.
    QCOMPARE(
        g.node(g.indexOf(u"route"_s)).config.value(u"rules"_s).toArray().at(0).toObject().value(u"next"_s).toString(),
        u"agent"_s);
    doc.undo();
    QCOMPARE(g.node(g.indexOf(u"route"_s)).config.value(u"default"_s).toString(), u"bye"_s);
    QCOMPARE(g.node(g.indexOf(u"wait"_s)).config.value(u"next"_s).toString(), u"bye"_s);
    QCOMPARE(g.indexOf(u"bye"_s), 11);   // back in its row
}

void tst_FlowCommands::dragMerges()
{
    FlowDocument doc;
    doc.load(sample());
    const QPointF start = doc.graph().node(2).position;
    for (int step = 1; step <= 10; ++step)
        doc.moveNode(u"ask"_s, start.x() + step * 5, start.y() + step);
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.graph().node(2).position, start + QPointF(50, 10));
    doc.finishMove();
    // A new drag of the same node is a command of its own.
    doc.moveNode(u"ask"_s, 0, 0);
    doc.moveNode(u"ask"_s, 1, 1);
    QCOMPARE(doc.undoStack()->count(), 2);
    doc.finishMove();
    // Dragging a selection by steps merges too; another selection does not.
    doc.moveNodesBy({u"ask"_s, u"route"_s}, 5, 5);
    doc.moveNodesBy({u"ask"_s, u"route"_s}, 5, 5);
    QCOMPARE(doc.undoStack()->count(), 3);
    doc.moveNodesBy({u"route"_s}, 5, 5);
    QCOMPARE(doc.undoStack()->count(), 4);
    doc.undo();
    doc.undo();
    QCOMPARE(doc.graph().node(2).position, QPointF(1, 1));
    doc.undo();
    QCOMPARE(doc.graph().node(2).position, start + QPointF(50, 10));
    doc.undo();
    QCOMPARE(doc.graph().node(2).position, start);
    QCOMPARE(doc.toJson(), sample());
    // A drag that comes back where it started leaves nothing in the history.
    doc.moveNode(u"ask"_s, 1, 2);
    doc.moveNode(u"ask"_s, start.x(), start.y());
    QCOMPARE(doc.undoStack()->count(), 0);
    // Any other command ends a drag: the next drag step does not merge into the one before it.
    doc.moveNode(u"ask"_s, 7, 7);
    doc.connectPort(u"lookup"_s, u"config.on_error"_s, u"bye"_s);
    doc.moveNode(u"ask"_s, 8, 8);
    QCOMPARE(doc.undoStack()->count(), 3);
    // A drag of another node ends the first; undoing the second does not reopen the first.
    doc.moveNode(u"route"_s, 9, 9);
    QCOMPARE(doc.undoStack()->count(), 4);
    doc.undo();
    doc.moveNode(u"ask"_s, 10, 10);
    QCOMPARE(doc.undoStack()->count(), 4);
    doc.undo();
    QCOMPARE(doc.graph().node(2).position, QPointF(8, 8));
}

void tst_FlowCommands::noCommandForNothing()
{
    FlowDocument doc;
    doc.load(sample());
    QCOMPARE(doc.connectPort(u"welcome"_s, u"config.next"_s, u"menu"_s), false);   // already so
    QCOMPARE(doc.connectPort(u"welcome"_s, u"config.next"_s, u"missing"_s), false);
    QCOMPARE(doc.connectPort(u"welcome"_s, u"config.options[0].next"_s, u"bye"_s), false);   // no such port
    QCOMPARE(doc.connectPort(u"bye"_s, u"config.next"_s, u"menu"_s), false);                 // an end has none
    QCOMPARE(doc.disconnectPort(u"lookup"_s, u"config.on_error"_s), false);                  // not connected
    QCOMPARE(doc.removeMenuOption(u"menu"_s, 3), false);
    QCOMPARE(doc.addMenuOption(u"welcome"_s, u"x"_s), false);
    QCOMPARE(doc.setStartNode(u"welcome"_s), false);
    doc.removeNodes({u"missing"_s});
    QVERIFY(doc.addNode(u"teleport"_s, 0, 0).isEmpty());
    doc.moveNode(u"menu"_s, 300, 0);   // where it is
    QCOMPARE(doc.undoStack()->count(), 0);
    doc.autoLayout();
    doc.autoLayout();   // laid out already
    QCOMPARE(doc.undoStack()->count(), 1);
    doc.undo();
    QCOMPARE(doc.toJson(), sample());
}

void tst_FlowCommands::rename()
{
    FlowDocument doc;
    QJsonObject json = sample();
    json.insert(u"fallback_node_id"_s, u"bye"_s);
    doc.load(json);
    QAbstractItemModelTester nodesTester(doc.nodes(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester edgesTester(doc.edges(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(doc.renameNode(u"bye"_s, u"a.b"_s), false);    // not a key
    QCOMPARE(doc.renameNode(u"bye"_s, u"menu"_s), false);   // taken
    QCOMPARE(doc.renameNode(u"bye"_s, u"bye"_s), false);
    QCOMPARE(doc.renameNode(u"nope"_s, u"x"_s), false);
    QCOMPARE(doc.undoStack()->count(), 0);

    QVERIFY(doc.renameNode(u"bye"_s, u"adios"_s));
    const FlowGraph &g = doc.graph();
    QCOMPARE(g.node(11).key, u"adios"_s);
    QCOMPARE(g.fallbackNode(), u"adios"_s);
    QCOMPARE(g.node(g.indexOf(u"route"_s)).config.value(u"default"_s).toString(), u"adios"_s);
    QCOMPARE(g.node(g.indexOf(u"wait"_s)).config.value(u"next"_s).toString(), u"adios"_s);
    QCOMPARE(doc.nodes()->index(11).data(FlowNodeModel::KeyRole).toString(), u"adios"_s);
    QCOMPARE(doc.nodes()->index(11).data(FlowNodeModel::IsFallbackRole).toBool(), true);
    QCOMPARE(doc.errorCount(), 0);
    QStringList edgesTo;
    for (int i = 0; i < doc.edges()->rowCount(); ++i) {
        if (doc.edges()->index(i).data(FlowEdgeModel::ToRole).toString() == "adios"_L1)
            edgesTo.append(doc.edges()->index(i).data(FlowEdgeModel::FromRole).toString());
    }
    edgesTo.sort();
    QCOMPARE(edgesTo, (QStringList{u"route"_s, u"wait"_s}));   // lookup's on_error was cut in sample()

    // A node leading to itself follows its own rename.
    QVERIFY(doc.connectPort(u"wait"_s, u"config.next"_s, u"wait"_s));
    QVERIFY(doc.renameNode(u"wait"_s, u"pausa"_s));
    QCOMPARE(g.node(g.indexOf(u"pausa"_s)).config.value(u"next"_s).toString(), u"pausa"_s);
    doc.undo();
    doc.undo();
    doc.undo();
    QCOMPARE(doc.toJson(), json);
}

void tst_FlowCommands::fallback()
{
    FlowDocument doc;
    doc.load(sample());
    QCOMPARE(doc.setFallbackNode(u"nope"_s), false);
    QCOMPARE(doc.setFallbackNode(QString()), false);   // none already
    QVERIFY(doc.setFallbackNode(u"agent"_s));
    QCOMPARE(doc.fallbackNode(), u"agent"_s);
    QVERIFY(doc.setFallbackNode(QString()));
    QCOMPARE(doc.undoText(), u"Remove the fallback node"_s);
    QVERIFY(doc.toJson().value(u"fallback_node_id"_s).isNull());
    doc.undo();
    QCOMPARE(doc.fallbackNode(), u"agent"_s);
    QCOMPARE(doc.nodes()->index(doc.graph().indexOf(u"agent"_s)).data(FlowNodeModel::IsFallbackRole).toBool(), true);
}

void tst_FlowCommands::largeFlow()
{
    // The server's limit of 500 nodes: a menu fanning out to 499 delays, each leading to the next.
    QJsonArray nodes;
    QJsonArray fan;
    for (int i = 1; i <= 9; ++i)
        fan.append(option(u"Opción %1"_s.arg(i), u"n%1"_s.arg(i)));
    nodes.append(node(u"n0"_s, u"menu"_s, {{u"options"_s, fan}}));
    for (int i = 1; i < 500; ++i) {
        QJsonObject config{{u"seconds"_s, 1}};
        if (i + 1 < 500)
            config.insert(u"next"_s, u"n%1"_s.arg(i + 1));
        nodes.append(node(u"n%1"_s.arg(i), i + 1 < 500 ? u"delay"_s : u"end"_s, config, i * 10, 0));
    }
    const QJsonObject json = flow(nodes, u"n0"_s);
    FlowDocument doc;
    doc.load(json);
    QAbstractItemModelTester edgesTester(doc.edges(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(doc.edges()->rowCount(), 9 + 498);
    QCOMPARE(doc.errorCount(), 0);
    QStringList middle;
    for (int i = 200; i < 300; ++i)
        middle.append(u"n%1"_s.arg(i));
    const QString clipboard = doc.copyNodes(middle.mid(0, 50));
    doc.removeNodes(middle);
    QCOMPARE(doc.graph().size(), 400);
    QCOMPARE(doc.warningCount(), 200 + 1);   // n300.. unreachable, n199 leads nowhere
    const QStringList pasted = doc.paste(clipboard, 0, 100);
    QCOMPARE(pasted, middle.mid(0, 50));   // their keys are free again
    QCOMPARE(doc.graph().size(), 450);
    doc.autoLayout(FlowLayout::LeftToRight);
    for (int i = 0; i < 3; ++i)
        doc.undo();
    QCOMPARE(doc.toJson(), json);
    QCOMPARE(doc.edges()->rowCount(), 9 + 498);
}

QTEST_GUILESS_MAIN(tst_FlowCommands)
#include "tst_flow_commands.moc"
