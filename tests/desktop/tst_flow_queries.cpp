// What the flow editor asks of a flow while it is edited (desktop/flows/FlowQueries): the variables
// in scope at a node for the inspector's templating helper, the search by key or text, and the
// pattern tester read as the server reads patterns (docs/BOT_FLOWS.md#input-validations).
#include "FlowDocument.h"
#include "FlowQueries.h"
#include "tst_flow_samples.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace FlowSamples;

class tst_FlowQueries : public QObject {
    Q_OBJECT

private slots:
    void variablesInScope_data();
    void variablesInScope();
    void scopeFollowsEdits();
    void search_data();
    void search();
    void testPattern_data();
    void testPattern();
};

void tst_FlowQueries::variablesInScope_data()
{
    QTest::addColumn<QString>("node");
    QTest::addColumn<QStringList>("variables");   // before the client fields

    // welcome → menu → (sales | ask → route | lookup → tagit → setv → upd → wait → bye).
    QTest::addRow("start: the flow's own") << u"welcome"_s << QStringList{u"company_name"_s};
    QTest::addRow("own answer not yet") << u"ask"_s << QStringList{u"company_name"_s};
    QTest::addRow("after the input") << u"route"_s << QStringList{u"company_name"_s, u"order"_s};
    QTest::addRow("after a save") << u"tagit"_s << QStringList{u"company_name"_s, u"status"_s};
    QTest::addRow("after set_variable") << u"upd"_s << QStringList{u"company_name"_s, u"greeting"_s, u"status"_s};
    QTest::addRow("every path") << u"bye"_s << QStringList{u"company_name"_s, u"greeting"_s, u"order"_s, u"status"_s};
    QTest::addRow("unknown node") << u"nowhere"_s << QStringList{u"company_name"_s};
}

void tst_FlowQueries::variablesInScope()
{
    QFETCH(QString, node);
    QFETCH(QStringList, variables);
    const FlowGraph graph = FlowGraph::fromJson(flow(allTypes()));
    QCOMPARE(FlowQueries::variablesInScope(graph, node), variables + FlowQueries::clientFields());
}

// Through the document, as the inspector asks: a new input before a node brings its variable.
void tst_FlowQueries::scopeFollowsEdits()
{
    FlowDocument doc;
    doc.load(flow(allTypes()));
    QVERIFY(!doc.variablesInScope(u"welcome"_s).contains(u"email"_s));
    const QString ask = doc.addNode(u"input"_s, 0, 200);
    QVERIFY(doc.setConfig(ask, QVariantMap{{u"variable"_s, u"email"_s}, {u"content"_s, u"¿Tu correo?"_s}}));
    QVERIFY(doc.connectPort(ask, u"config.next"_s, u"welcome"_s));
    QVERIFY(doc.variablesInScope(u"welcome"_s).contains(u"email"_s));
    doc.undo();
    QVERIFY(!doc.variablesInScope(u"welcome"_s).contains(u"email"_s));
}

void tst_FlowQueries::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("found");

    QTest::addRow("key first, then references")
        << u"BYE"_s << QStringList{u"bye"_s, u"route"_s, u"lookup"_s, u"wait"_s};
    QTest::addRow("texts, labels and tags") << u"pedido"_s << QStringList{u"menu"_s, u"ask"_s, u"tagit"_s};
    QTest::addRow("a map's names and values") << u"authorization"_s << QStringList{u"lookup"_s};
    QTest::addRow("accents as written") << u"¡gracias"_s << QStringList{u"bye"_s};
    QTest::addRow("spaces around") << u"  upd "_s << QStringList{u"upd"_s, u"setv"_s};
    QTest::addRow("nothing") << u"zzz"_s << QStringList{};
    QTest::addRow("empty") << u""_s << QStringList{};
}

void tst_FlowQueries::search()
{
    QFETCH(QString, text);
    QFETCH(QStringList, found);
    FlowDocument doc;
    doc.load(flow(allTypes()));
    QCOMPARE(doc.search(text), found);
}

void tst_FlowQueries::testPattern_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("sample");
    QTest::addColumn<bool>("whole");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("matched");

    QTest::addRow("validation: whole answer") << uR"([A-Z]{3}\d{3})"_s << u"ABC123"_s << true << true << true;
    QTest::addRow("validation: not a part") << uR"([A-Z]{3}\d{3})"_s << u"xABC123"_s << true << true << false;
    QTest::addRow("matches: anywhere") << uR"([A-Z]{3}\d{3})"_s << u"xABC123"_s << false << true << true;
    QTest::addRow("case-sensitive") << u"abc"_s << u"ABC"_s << true << true << false;
    QTest::addRow("(?i) folds case") << u"(?i)abc"_s << u"ABC"_s << true << true << true;
    QTest::addRow("alternatives whole") << u"si|no"_s << u"sino"_s << true << true << false;
    QTest::addRow("invalid") << u"([a-z"_s << u"a"_s << false << false << false;
    QTest::addRow("empty") << u""_s << u"a"_s << true << false << false;
}

void tst_FlowQueries::testPattern()
{
    QFETCH(QString, pattern);
    QFETCH(QString, sample);
    QFETCH(bool, whole);
    QFETCH(bool, valid);
    QFETCH(bool, matched);
    const QVariantMap r = FlowQueries::testPattern(pattern, sample, whole);
    QCOMPARE(r.value(u"valid"_s).toBool(), valid);
    QCOMPARE(r.value(u"matched"_s).toBool(), matched);
    QCOMPARE(r.value(u"error"_s).toString().isEmpty(), valid);
}

QTEST_GUILESS_MAIN(tst_FlowQueries)
#include "tst_flow_queries.moc"
