// The flow editor's auto-layout (desktop/flows/FlowLayout): the start node first, every edge but
// those closing a loop pointing to a later layer, the nodes the start does not reach after all the
// others, no two nodes overlapping, in both directions; and a long flow laid out without trouble.
#include "FlowDocument.h"
#include "tst_flow_samples.h"

#include <QRectF>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace FlowSamples;

namespace {

QJsonArray chain(int count)
{
    QJsonArray out;
    for (int i = 0; i < count; ++i) {
        QJsonObject config;
        if (i + 1 < count)
            config.insert(u"next"_s, u"n%1"_s.arg(i + 1));
        out.append(node(u"n%1"_s.arg(i), i + 1 < count ? u"delay"_s : u"end"_s, config));
    }
    return out;
}

}   // namespace

class tst_FlowLayout : public QObject {
    Q_OBJECT

private slots:
    void layout_data();
    void layout();
    void startsAtOrigin();
};

void tst_FlowLayout::layout_data()
{
    QTest::addColumn<QJsonObject>("flow");
    QTest::addColumn<QStringList>("backEdges");     // from>to: the edges that close a loop
    QTest::addColumn<QStringList>("unreachable");   // what the start does not reach
    QTest::addColumn<int>("direction");
    for (int direction : {int(FlowLayout::LeftToRight), int(FlowLayout::TopToBottom)}) {
        const char *d = direction == FlowLayout::LeftToRight ? "ltr" : "ttb";
        QTest::addRow("every-type-%s", d) << flow(allTypes()) << QStringList{} << QStringList{} << direction;
        QTest::addRow("loop-%s", d) << flow(withConfig(allTypes(), u"wait"_s, u"next"_s, u"welcome"_s))
                                    << QStringList{u"wait>welcome"_s} << QStringList{} << direction;
        QJsonArray orphans = allTypes();
        orphans.append(node(u"o1"_s, u"message"_s, {{u"next"_s, u"o2"_s}}));
        orphans.append(node(u"o2"_s, u"message"_s, {{u"next"_s, u"bye"_s}}));
        orphans.append(node(u"o3"_s, u"end"_s, {}));
        orphans.append(node(u"o4"_s, u"delay"_s, {{u"next"_s, u"o5"_s}}));
        orphans.append(node(u"o5"_s, u"delay"_s, {{u"next"_s, u"o4"_s}}));
        QTest::addRow("unreachable-%s", d) << flow(orphans) << QStringList{u"o5>o4"_s}
                                           << QStringList{u"o1"_s, u"o2"_s, u"o3"_s, u"o4"_s, u"o5"_s} << direction;
        QStringList all;
        for (const QJsonValue &n : allTypes())
            all.append(n.toObject().value(u"node_key"_s).toString());
        QTest::addRow("no-start-%s", d) << flow(allTypes(), QString()) << QStringList{} << all << direction;
        QTest::addRow("chain-%s", d) << flow(chain(500), u"n0"_s) << QStringList{} << QStringList{} << direction;
        QTest::addRow("empty-%s", d) << flow({}) << QStringList{} << QStringList{} << direction;
    }
}

void tst_FlowLayout::layout()
{
    QFETCH(QJsonObject, flow);
    QFETCH(QStringList, backEdges);
    QFETCH(QStringList, unreachable);
    QFETCH(int, direction);
    const FlowGraph g = FlowGraph::fromJson(flow);
    FlowLayout::Options options;
    options.direction = FlowLayout::Direction(direction);
    const QHash<QString, QPointF> at = FlowLayout::compute(g, options);
    const QList<int> layer = FlowLayout::layers(g);
    QCOMPARE(at.size(), g.size());

    // Layers along the direction: a node's layer is where it stands along it.
    const bool across = direction == FlowLayout::LeftToRight;
    const double step = across ? options.nodeSize.width() + options.spacing.width()
                               : options.nodeSize.height() + options.spacing.height();
    for (int i = 0; i < g.size(); ++i) {
        const QPointF p = at.value(g.node(i).key);
        QCOMPARE((across ? p.x() : p.y()), layer[i] * step);
        QCOMPARE(p, QPointF(qRound(p.x()), qRound(p.y())));   // whole coordinates, as the server keeps them
    }
    // No two nodes overlap.
    for (int i = 0; i < g.size(); ++i) {
        const QRectF a(at.value(g.node(i).key), options.nodeSize);
        for (int j = i + 1; j < g.size(); ++j)
            QVERIFY2(!a.intersects(QRectF(at.value(g.node(j).key), options.nodeSize)),
                     qPrintable(g.node(i).key + u' ' + g.node(j).key));
    }
    // Edges point forward, but for those that close a loop, and those from a node the start does
    // not reach back to one it reaches.
    for (const FlowEdge &e : g.edges()) {
        const int from = layer[g.indexOf(e.from)], to = layer[g.indexOf(e.to)];
        if (unreachable.contains(e.from) && !unreachable.contains(e.to))
            continue;
        if (backEdges.contains(e.from + u'>' + e.to))
            QVERIFY(to <= from);
        else
            QVERIFY2(to > from, qPrintable(e.from + u'>' + e.to));
    }
    // The start node first; what it does not reach after everything it reaches.
    const int start = g.indexOf(g.startNode());
    if (start >= 0)
        QCOMPARE(layer[start], 0);
    int lastReached = -1, firstUnreached = INT_MAX;
    for (int i = 0; i < g.size(); ++i) {
        if (unreachable.contains(g.node(i).key))
            firstUnreached = std::min(firstUnreached, layer[i]);
        else
            lastReached = std::max(lastReached, layer[i]);
    }
    QVERIFY(firstUnreached > lastReached);
}

void tst_FlowLayout::startsAtOrigin()
{
    // The sample's longest path: welcome, menu, lookup, tagit, setv, upd, wait, bye: 8 layers; the
    // menu's three options in one layer, in the order of its options.
    const FlowGraph g = FlowGraph::fromJson(flow(allTypes()));
    const QHash<QString, QPointF> at = FlowLayout::compute(g);
    QCOMPARE(at.value(u"welcome"_s).x(), 0.0);
    QCOMPARE(FlowLayout::layers(g).at(g.indexOf(u"bye"_s)), 7);
    QVERIFY(at.value(u"sales"_s).y() < at.value(u"ask"_s).y());
    QVERIFY(at.value(u"ask"_s).y() < at.value(u"lookup"_s).y());
}

QTEST_GUILESS_MAIN(tst_FlowLayout)
#include "tst_flow_layout.moc"
