// The flow editor's graph (desktop/flows): ports by node type, edges, the flow's JSON back and
// forth with fields the editor does not know, ports that come and go with menu options and rules
// (the other edges stay), paste within a flow and across flows, and the node and edge models
// under QAbstractItemModelTester.
#include "FlowDocument.h"
#include "tst_flow_samples.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace FlowSamples;

namespace {

QStringList fieldsOf(const QList<FlowPort> &ports)
{
    QStringList out;
    for (const FlowPort &p : ports)
        out.append(p.field + u'>' + p.target);
    return out;
}

QStringList edgesOf(const QList<FlowEdge> &edges)
{
    QStringList out;
    for (const FlowEdge &e : edges)
        out.append(e.from + u'|' + e.field + u'|' + e.to);
    out.sort();
    return out;
}

// The sample as the server answers it: ids, next_node_key mirroring config.next, the flow's own fields.
QJsonObject serverLike(const QJsonArray &nodes)
{
    QJsonArray out;
    int id = 100;
    for (const QJsonValue &v : nodes) {
        QJsonObject n = v.toObject();
        n.insert(u"id"_s, ++id);
        const QJsonValue next = n.value(u"config"_s).toObject().value(u"next"_s);
        n.insert(u"next_node_key"_s, next.isString() ? next : QJsonValue());
        out.append(n);
    }
    QJsonObject f = flow(out);
    f.insert(u"id"_s, 7);
    f.insert(u"revision"_s, 3);
    f.insert(u"fallback_node_id"_s, QJsonValue());
    f.insert(u"saved_by"_s, QJsonObject{{u"id"_s, 1}, {u"name"_s, u"Ana"_s}});
    return f;
}

struct Models {
    explicit Models(FlowDocument &doc)
        : nodes(doc.nodes(), QAbstractItemModelTester::FailureReportingMode::QtTest),
          edges(doc.edges(), QAbstractItemModelTester::FailureReportingMode::QtTest)
    {}
    QAbstractItemModelTester nodes;
    QAbstractItemModelTester edges;
};

}   // namespace

class tst_FlowModel : public QObject {
    Q_OBJECT

private slots:
    void ports_data();
    void ports();
    void edges();
    void jsonRoundTrip();
    void unknownFieldsKept();
    void withTarget_data();
    void withTarget();
    void uniqueKey_data();
    void uniqueKey();
    void dynamicPorts_data();
    void dynamicPorts();
    void nodeRoles();
    void paste_data();
    void paste();
    void pasteIgnoresOtherText();
};

void tst_FlowModel::ports_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("config");
    QTest::addColumn<QStringList>("expected");   // field>target
    for (const QString &t : {u"message"_s, u"input"_s, u"set_variable"_s, u"tag"_s, u"update_client"_s, u"delay"_s})
        QTest::addRow("%s", qPrintable(t)) << t << QJsonObject{{u"next"_s, u"b"_s}} << QStringList{u"config.next>b"_s};
    QTest::addRow("message-unconnected") << u"message"_s << QJsonObject{} << QStringList{u"config.next>"_s};
    QTest::addRow("menu")
        << u"menu"_s
        << QJsonObject{{u"options"_s, QJsonArray{option(u"A"_s, u"a"_s), option(u"B"_s, {}), option(u"C"_s, u"c"_s)}}}
        << QStringList{u"config.options[0].next>a"_s, u"config.options[1].next>"_s, u"config.options[2].next>c"_s};
    QTest::addRow("menu-empty") << u"menu"_s << QJsonObject{} << QStringList{};
    QTest::addRow("condition")
        << u"condition"_s
        << QJsonObject{{u"rules"_s,
                        QJsonArray{rule(u"x"_s, u"eq"_s, 1, u"a"_s), rule(u"y"_s, u"exists"_s, {}, u"b"_s)}},
                       {u"default"_s, u"c"_s}}
        << QStringList{u"config.rules[0].next>a"_s, u"config.rules[1].next>b"_s, u"config.default>c"_s};
    QTest::addRow("condition-no-default") << u"condition"_s << QJsonObject{} << QStringList{u"config.default>"_s};
    QTest::addRow("http_request") << u"http_request"_s << QJsonObject{{u"next"_s, u"a"_s}, {u"on_error"_s, u"b"_s}}
                                  << QStringList{u"config.next>a"_s, u"config.on_error>b"_s};
    QTest::addRow("transfer") << u"transfer"_s << QJsonObject{{u"next"_s, u"a"_s}} << QStringList{};
    QTest::addRow("end") << u"end"_s << QJsonObject{{u"next"_s, u"a"_s}} << QStringList{};
    QTest::addRow("unknown-type") << u"teleport"_s << QJsonObject{{u"next"_s, u"a"_s}} << QStringList{};
}

void tst_FlowModel::ports()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, config);
    QFETCH(QStringList, expected);
    QCOMPARE(fieldsOf(FlowGraph::ports(type, config)), expected);
}

void tst_FlowModel::edges()
{
    // A reference to a node that does not exist is a problem, not an edge.
    const FlowGraph g = FlowGraph::fromJson(flow(withConfig(allTypes(), u"wait"_s, u"next"_s, u"nowhere"_s)));
    QCOMPARE(edgesOf(g.edges()),
             (QStringList{u"ask|config.next|route"_s, u"lookup|config.next|tagit"_s, u"lookup|config.on_error|bye"_s,
                          u"menu|config.options[0].next|sales"_s, u"menu|config.options[1].next|ask"_s,
                          u"menu|config.options[2].next|lookup"_s, u"route|config.default|bye"_s,
                          u"route|config.rules[0].next|agent"_s, u"setv|config.next|upd"_s, u"tagit|config.next|setv"_s,
                          u"upd|config.next|wait"_s, u"welcome|config.next|menu"_s}));
}

void tst_FlowModel::jsonRoundTrip()
{
    const QJsonObject json = serverLike(allTypes());
    const FlowGraph g = FlowGraph::fromJson(json);
    QCOMPARE(g.size(), 12);
    QCOMPARE(g.startNode(), u"welcome"_s);
    QCOMPARE(g.node(1).position, QPointF(300, 0));
    QCOMPARE(g.toJson(), json);
}

void tst_FlowModel::unknownFieldsKept()
{
    FlowDocument doc;
    doc.load(serverLike(allTypes()));
    QVERIFY(doc.disconnectPort(u"welcome"_s, u"config.next"_s));
    QVERIFY(doc.connectPort(u"route"_s, u"config.rules[0].next"_s, u"bye"_s));
    const QJsonObject out = doc.toJson();
    const QJsonArray nodes = out.value(u"nodes"_s).toArray();
    const QJsonObject welcome = nodes.at(0).toObject();
    QCOMPARE(welcome.value(u"config"_s).toObject().value(u"x_editor"_s).toObject().value(u"color"_s).toString(),
             u"#ffcc00"_s);
    QVERIFY(!welcome.value(u"config"_s).toObject().contains(u"next"_s));
    QVERIFY(welcome.value(u"next_node_key"_s).isNull());   // the mirror follows config.next
    QCOMPARE(welcome.value(u"id"_s).toInt(), 101);
    const QJsonObject route = nodes.at(3).toObject().value(u"config"_s).toObject();
    QCOMPARE(route.value(u"rules"_s).toArray().at(0).toObject().value(u"note"_s).toString(), u"big orders"_s);
    QCOMPARE(route.value(u"rules"_s).toArray().at(0).toObject().value(u"next"_s).toString(), u"bye"_s);
    QCOMPARE(out.value(u"saved_by"_s).toObject().value(u"name"_s).toString(), u"Ana"_s);
    doc.undo();
    doc.undo();
    QCOMPARE(doc.toJson(), serverLike(allTypes()));
}

void tst_FlowModel::withTarget_data()
{
    QTest::addColumn<QJsonObject>("config");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QJsonObject>("expected");
    const QJsonObject menu{{u"options"_s, QJsonArray{option(u"A"_s, u"a"_s), option(u"B"_s, u"b"_s)}}};
    QTest::addRow("set-next") << QJsonObject{} << u"config.next"_s << u"x"_s << QJsonObject{{u"next"_s, u"x"_s}};
    QTest::addRow("clear-next") << QJsonObject{{u"next"_s, u"x"_s}, {u"content"_s, u"c"_s}} << u"config.next"_s
                                << QString() << QJsonObject{{u"content"_s, u"c"_s}};
    QTest::addRow("option") << menu << u"config.options[1].next"_s << u"x"_s
                            << QJsonObject{{u"options"_s, QJsonArray{option(u"A"_s, u"a"_s), option(u"B"_s, u"x"_s)}}};
    QTest::addRow("clear-option") << menu << u"config.options[0].next"_s << QString()
                                  << QJsonObject{
                                         {u"options"_s, QJsonArray{option(u"A"_s, {}), option(u"B"_s, u"b"_s)}}};
    QTest::addRow("option-out-of-range") << menu << u"config.options[2].next"_s << u"x"_s << menu;
    QTest::addRow("not-a-port") << menu << u"config.content"_s << u"x"_s << menu;
    QTest::addRow("default") << QJsonObject{} << u"config.default"_s << u"d"_s << QJsonObject{{u"default"_s, u"d"_s}};
    QTest::addRow("on-error") << QJsonObject{} << u"config.on_error"_s << u"e"_s
                              << QJsonObject{{u"on_error"_s, u"e"_s}};
}

void tst_FlowModel::withTarget()
{
    QFETCH(QJsonObject, config);
    QFETCH(QString, field);
    QFETCH(QString, target);
    QFETCH(QJsonObject, expected);
    QCOMPARE(FlowGraph::withTarget(config, field, target), expected);
}

void tst_FlowModel::uniqueKey_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QStringList>("taken");
    QTest::addColumn<QString>("expected");
    QTest::addRow("free") << u"menu"_s << QStringList{u"welcome"_s} << u"menu"_s;
    QTest::addRow("taken") << u"menu"_s << QStringList{u"menu"_s} << u"menu_2"_s;
    QTest::addRow("taken-twice") << u"menu"_s << QStringList{u"menu"_s, u"menu_2"_s} << u"menu_3"_s;
    QTest::addRow("long") << QString(64, u'k') << QStringList{QString(64, u'k')} << QString(62, u'k') + u"_2"_s;
}

void tst_FlowModel::uniqueKey()
{
    QFETCH(QString, base);
    QFETCH(QStringList, taken);
    QFETCH(QString, expected);
    const QString key = FlowGraph::uniqueKey(base, taken);
    QCOMPARE(key, expected);
    QVERIFY(FlowGraph::isValidKey(key));
}

void tst_FlowModel::dynamicPorts_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("node");
    QTest::addColumn<int>("index");
    QTest::addColumn<QStringList>("ports");   // the node's ports afterwards
    QTest::addColumn<int>("removedEdges");    // rows the edge model removed
    QTest::addColumn<QStringList>("gone");    // edges no longer there (from|field|to, before)
    QTest::addRow("add-option") << u"addOption"_s << u"menu"_s << -1
                                << QStringList{u"config.options[0].next>sales"_s, u"config.options[1].next>ask"_s,
                                               u"config.options[2].next>lookup"_s, u"config.options[3].next>"_s}
                                << 0 << QStringList{};
    QTest::addRow("remove-first-option") << u"removeOption"_s << u"menu"_s << 0
                                         << QStringList{u"config.options[0].next>ask"_s,
                                                        u"config.options[1].next>lookup"_s}
                                         << 1 << QStringList{u"menu|config.options[0].next|sales"_s};
    QTest::addRow("remove-middle-option")
        << u"removeOption"_s << u"menu"_s << 1
        << QStringList{u"config.options[0].next>sales"_s, u"config.options[1].next>lookup"_s} << 1
        << QStringList{u"menu|config.options[1].next|ask"_s};
    QTest::addRow("remove-last-option") << u"removeOption"_s << u"menu"_s << 2
                                        << QStringList{u"config.options[0].next>sales"_s,
                                                       u"config.options[1].next>ask"_s}
                                        << 1 << QStringList{u"menu|config.options[2].next|lookup"_s};
    QTest::addRow("add-rule") << u"addRule"_s << u"route"_s << -1
                              << QStringList{u"config.rules[0].next>agent"_s, u"config.rules[1].next>"_s,
                                             u"config.default>bye"_s}
                              << 0 << QStringList{};
    QTest::addRow("remove-rule") << u"removeRule"_s << u"route"_s << 0 << QStringList{u"config.default>bye"_s} << 1
                                 << QStringList{u"route|config.rules[0].next|agent"_s};
}

void tst_FlowModel::dynamicPorts()
{
    QFETCH(QString, action);
    QFETCH(QString, node);
    QFETCH(int, index);
    QFETCH(QStringList, ports);
    QFETCH(int, removedEdges);
    QFETCH(QStringList, gone);
    FlowDocument doc;
    doc.load(flow(allTypes()));
    Models testers(doc);
    const QStringList before = edgesOf(doc.edges()->edges());
    QSignalSpy removed(doc.edges(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(doc.edges(), &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(doc.edges(), &QAbstractItemModel::modelReset);
    if (action == "addOption"_L1)
        QVERIFY(doc.addMenuOption(node, u"Nuevo"_s));
    else if (action == "removeOption"_L1)
        QVERIFY(doc.removeMenuOption(node, index));
    else if (action == "addRule"_L1)
        QVERIFY(doc.addConditionRule(node, u"order"_s));
    else
        QVERIFY(doc.removeConditionRule(node, index));
    const int row = doc.graph().indexOf(node);
    QCOMPARE(fieldsOf(FlowGraph::ports(doc.graph().node(row))), ports);
    QCOMPARE(doc.nodes()->data(doc.nodes()->index(row), FlowNodeModel::PortsRole).toList().size(), ports.size());
    QCOMPARE(removed.size(), removedEdges);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(reset.size(), 0);
    // The model holds the graph's edges; every edge other than the removed one is still there
    // (between the same nodes), and the model's rows say where it leaves now.
    QCOMPARE(edgesOf(doc.edges()->edges()), edgesOf(doc.graph().edges()));
    QCOMPARE(doc.graph().edges().size(), before.size() - gone.size());
    const auto between = [](const QStringList &edges) {
        QStringList out;
        for (const QString &e : edges)
            out.append(e.section(u'|', 0, 0) + u'>' + e.section(u'|', 2, 2));
        out.sort();
        return out;
    };
    QStringList expected = between(before);
    for (const QString &g : gone)
        expected.removeOne(between({g}).first());
    QCOMPARE(between(edgesOf(doc.graph().edges())), expected);
    for (int i = 0; i < doc.edges()->rowCount(); ++i) {
        const QModelIndex e = doc.edges()->index(i);
        const QString port = e.data(FlowEdgeModel::PortRole).toString();
        const int portIndex = e.data(FlowEdgeModel::PortIndexRole).toInt();
        const QString from = e.data(FlowEdgeModel::FromRole).toString();
        QCOMPARE(FlowGraph::ports(doc.graph().node(doc.graph().indexOf(from))).at(portIndex).field, port);
    }
    // Undo gives the ports and edges back.
    doc.undo();
    QCOMPARE(edgesOf(doc.edges()->edges()), before);
    QCOMPARE(doc.toJson(), flow(allTypes()));
}

void tst_FlowModel::nodeRoles()
{
    FlowDocument doc;
    doc.load(flow(allTypes()));
    Models testers(doc);
    FlowNodeModel *m = doc.nodes();
    QCOMPARE(m->rowCount(), 12);
    QCOMPARE(m->rowOf(u"route"_s), 3);
    QCOMPARE(m->rowOf(u"nope"_s), -1);
    const QHash<int, QByteArray> names = m->roleNames();
    for (const char *name :
         {"key", "type", "config", "x", "y", "ports", "isStart", "problems", "hasErrors", "hasWarnings"})
        QVERIFY2(names.values().contains(QByteArray(name)), name);
    const QModelIndex menu = m->index(1);
    QCOMPARE(menu.data(FlowNodeModel::KeyRole).toString(), u"menu"_s);
    QCOMPARE(menu.data(FlowNodeModel::TypeRole).toString(), u"menu"_s);
    QCOMPARE(menu.data(FlowNodeModel::XRole).toDouble(), 300.0);
    QCOMPARE(menu.data(FlowNodeModel::IsStartRole).toBool(), false);
    QCOMPARE(m->index(0).data(FlowNodeModel::IsStartRole).toBool(), true);
    const QVariantList ports = menu.data(FlowNodeModel::PortsRole).toList();
    QCOMPARE(ports.size(), 3);
    QCOMPARE(ports[1].toMap().value(u"label"_s).toString(), u"Soporte"_s);
    QCOMPARE(ports[1].toMap().value(u"target"_s).toString(), u"ask"_s);
    QCOMPARE(ports[1].toMap().value(u"connected"_s).toBool(), true);
    QCOMPARE(menu.data(FlowNodeModel::ConfigRole).toMap().value(u"content"_s).toString(), u"Selecciona una opción:"_s);

    // Role changes come as dataChanged on the row, never as a reset.
    QSignalSpy changed(m, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m, &QAbstractItemModel::modelReset);
    doc.moveNode(u"menu"_s, 310, 20);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed[0][0].toModelIndex().row(), 1);
    QCOMPARE(menu.data(FlowNodeModel::YRole).toDouble(), 20.0);
    QVERIFY(doc.setStartNode(u"menu"_s));
    QCOMPARE(menu.data(FlowNodeModel::IsStartRole).toBool(), true);
    QCOMPARE(m->index(0).data(FlowNodeModel::IsStartRole).toBool(), false);
    QCOMPARE(reset.size(), 0);
}

void tst_FlowModel::paste_data()
{
    QTest::addColumn<QJsonArray>("target");   // the flow pasted into (empty: the same flow)
    QTest::addColumn<QStringList>("copied");
    QTest::addColumn<QStringList>("keys");    // the pasted nodes' keys
    QTest::addColumn<QStringList>("edges");   // edges leaving the pasted nodes
    QTest::addRow("same-flow") << QJsonArray() << QStringList{u"ask"_s, u"route"_s}
                               << QStringList{u"ask_2"_s, u"route_2"_s} << QStringList{u"ask_2|config.next|route_2"_s};
    QTest::addRow("same-flow-chain") << QJsonArray() << QStringList{u"tagit"_s, u"setv"_s, u"upd"_s}
                                     << QStringList{u"tagit_2"_s, u"setv_2"_s, u"upd_2"_s}
                                     << QStringList{u"setv_2|config.next|upd_2"_s, u"tagit_2|config.next|setv_2"_s};
    QTest::addRow("across-flows-clash") << QJsonArray{node(u"welcome"_s, u"message"_s, {{u"content"_s, u"Otro"_s}})}
                                        << QStringList{u"welcome"_s, u"menu"_s, u"sales"_s}
                                        << QStringList{u"welcome_2"_s, u"menu"_s, u"sales"_s}
                                        << QStringList{u"menu|config.options[0].next|sales"_s,
                                                       u"welcome_2|config.next|menu"_s};
    QTest::addRow("across-flows-free") << QJsonArray{node(u"hola"_s, u"end"_s, {})}
                                       << QStringList{u"lookup"_s, u"bye"_s} << QStringList{u"lookup"_s, u"bye"_s}
                                       << QStringList{u"lookup|config.on_error|bye"_s};
}

void tst_FlowModel::paste()
{
    QFETCH(QJsonArray, target);
    QFETCH(QStringList, copied);
    QFETCH(QStringList, keys);
    QFETCH(QStringList, edges);
    FlowDocument source;
    source.load(serverLike(allTypes()));
    FlowDocument other;
    other.load(flow(target, u"hola"_s));
    FlowDocument &doc = target.isEmpty() ? source : other;
    Models testers(doc);
    const QJsonObject before = doc.toJson();
    const int size = doc.graph().size();

    const QString text = source.copyNodes(copied);
    QCOMPARE(doc.paste(text, 40, 50), keys);
    QCOMPARE(doc.graph().size(), size + keys.size());
    QCOMPARE(doc.undoText(),
             keys.size() == 1 ? u"Paste node %1"_s.arg(keys.first()) : u"Paste %1 nodes"_s.arg(keys.size()));
    QStringList leaving;
    for (const FlowEdge &e : doc.graph().edges()) {
        if (keys.contains(e.from))
            leaving.append(e.from + u'|' + e.field + u'|' + e.to);
    }
    leaving.sort();
    QCOMPARE(leaving, edges);
    for (int i = 0; i < keys.size(); ++i) {
        const FlowNode &pasted = doc.graph().node(size + i);
        const FlowNode &original = source.graph().node(source.graph().indexOf(copied[i]));
        QCOMPARE(pasted.key, keys[i]);
        QCOMPARE(pasted.position, original.position + QPointF(40, 50));
        QVERIFY(!pasted.extra.contains(u"id"_s));   // a new node for the server
        // No port leads outside the flow: references outside the copied set are gone.
        for (const FlowPort &p : FlowGraph::ports(pasted))
            QVERIFY2(p.target.isEmpty() || keys.contains(p.target), qPrintable(p.target));
    }
    QVERIFY(doc.errorCount() > 0 || doc.warningCount() > 0);   // the pasted nodes are not reachable
    doc.undo();
    QCOMPARE(doc.toJson(), before);
    doc.redo();
    QCOMPARE(doc.graph().size(), size + keys.size());
}

void tst_FlowModel::pasteIgnoresOtherText()
{
    FlowDocument doc;
    doc.load(flow(allTypes()));
    QVERIFY(doc.paste(u"hola"_s).isEmpty());
    QVERIFY(doc.paste(u"{\"nodes\": []}"_s).isEmpty());
    QVERIFY(doc.copyNodes({u"missing"_s}).isEmpty());
    QCOMPARE(doc.undoStack()->count(), 0);
}

QTEST_GUILESS_MAIN(tst_FlowModel)
#include "tst_flow_model.moc"
