// The flow editor's model against the real server (SQLite and PostgreSQL): flows created through
// the REST API and fetched back convert to the model and back to the very same JSON; edits made
// in the model and saved with PUT come back as the model wrote them; and what publish refuses or
// warns about maps onto the nodes and fields the local check names.
#include "FlowDocument.h"
#include "TestServer.h"
#include "tst_flow_samples.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace FlowSamples;

namespace {

// (node, field) of each problem of a severity, as "node|field".
QStringList places(const QList<FlowProblem> &problems, FlowProblem::Severity severity, bool skipLoops = false)
{
    QStringList out;
    for (const FlowProblem &p : problems) {
        if (p.severity == severity && !(skipLoops && p.kind == "busy_loop"_L1))
            out.append(p.nodeKey + u'|' + p.field);
    }
    out.sort();
    out.removeDuplicates();
    return out;
}

QHash<QString, QJsonObject> byKey(const QJsonArray &nodes)
{
    QHash<QString, QJsonObject> out;
    for (const QJsonValue &v : nodes)
        out.insert(v.toObject().value(u"node_key"_s).toString(), v.toObject());
    return out;
}

}   // namespace

class tst_FlowServer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void editsSaved();
    void publishProblems_data();
    void publishProblems();
    void publishWarnings();

private:
    ApiResponse send(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        return m_server.request(method, path, body, m_admin, {{"Accept-Language", "en"}});
    }
    // A draft through POST /v1/bot-flows, then as GET /v1/bot-flows/{id} answers it.
    QJsonObject created(const QJsonObject &flowBody);

    TestServer m_server;
    QByteArray m_admin;
    int m_seq = 0;
};

void tst_FlowServer::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = m_server.tokenFor(u"admin"_s);
    QVERIFY(!m_admin.isEmpty());
}

QJsonObject tst_FlowServer::created(const QJsonObject &flowBody)
{
    QJsonObject body = flowBody;
    body.insert(u"name"_s, u"Editor %1"_s.arg(++m_seq));
    const ApiResponse r = send("POST", u"/v1/bot-flows"_s, body);
    if (r.status != 201) {
        qWarning() << r.status << r.body;
        return {};
    }
    const ApiResponse got = send("GET", u"/v1/bot-flows/%1"_s.arg(r.value(u"id"_s).toInteger()));
    return got.status == 200 ? got.object() : QJsonObject();
}

void tst_FlowServer::roundTrip_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addRow("every-type") << flow(allTypes());
    QJsonObject settings = flow(allTypes());
    settings.insert(u"description"_s, u"Con todo"_s);
    settings.insert(u"fallback_node_id"_s, u"bye"_s);
    settings.insert(u"timeout_seconds"_s, 900);
    settings.insert(u"max_invalid_attempts"_s, 5);
    QTest::addRow("settings") << settings;
    QTest::addRow("no-nodes") << QJsonObject{{u"start_node_id"_s, QJsonValue()}};
    // A draft may be anything publishing would refuse: the editor shows it as it is.
    QJsonArray broken{node(u"a"_s, u"teleport"_s, {{u"next"_s, u"b"_s}, {u"beam"_s, 3}}, -200, -50),
                      node(u"b"_s, u"menu"_s, {{u"options"_s, options12()}}, 5, 7),
                      node(u"c"_s, u"message"_s, {{u"next"_s, u"nowhere"_s}}),
                      node(u"d"_s, u"condition"_s, {{u"rules"_s, QJsonArray{QJsonObject{{u"operator"_s, u"??"_s}}}}})};
    QTest::addRow("broken") << flow(broken, u"zz"_s);
    QTest::addRow("unicode") << flow(QJsonArray{node(u"hola"_s, u"end"_s, {{u"content"_s, u"¡Adiós! 👋 ñandú"_s}}, 3,
                                                     4)},
                                     u"hola"_s);
}

void tst_FlowServer::roundTrip()
{
    QFETCH(QJsonObject, body);
    const QJsonObject answer = created(body);
    QVERIFY(!answer.isEmpty());
    QCOMPARE(answer.value(u"nodes"_s).toArray().size(), body.value(u"nodes"_s).toArray().size());
    // The server's answer, to the model and back: the same JSON.
    QCOMPARE(FlowGraph::fromJson(answer).toJson(), answer);
    FlowDocument doc;
    doc.load(answer);
    QCOMPARE(doc.toJson(), answer);
    // Config fields the editor does not know are the server's too, and kept.
    for (const QJsonValue &v : body.value(u"nodes"_s).toArray()) {
        const QJsonObject sent = v.toObject();
        const FlowNode &n = doc.graph().node(doc.graph().indexOf(sent.value(u"node_key"_s).toString()));
        QCOMPARE(n.config, sent.value(u"config"_s).toObject());
        QCOMPARE(n.position, QPointF(sent.value(u"position_x"_s).toInt(), sent.value(u"position_y"_s).toInt()));
    }
}

void tst_FlowServer::editsSaved()
{
    const QJsonObject answer = created(flow(allTypes()));
    QVERIFY(!answer.isEmpty());
    const qint64 id = answer.value(u"id"_s).toInteger();
    FlowDocument doc;
    doc.load(answer);
    const QString added = doc.addNode(u"message"_s, 100, 200);
    QVERIFY(doc.connectPort(added, u"config.next"_s, u"bye"_s));
    QVERIFY(doc.connectPort(u"wait"_s, u"config.next"_s, added));
    doc.removeNodes({u"sales"_s});
    QVERIFY(doc.connectPort(u"menu"_s, u"config.options[0].next"_s, u"agent"_s));
    doc.moveNode(u"ask"_s, 612.4, -33.6);
    doc.finishMove();
    const QStringList pasted = doc.paste(doc.copyNodes({u"tagit"_s, u"setv"_s}), 0, 400);
    QCOMPARE(pasted, (QStringList{u"tagit_2"_s, u"setv_2"_s}));
    QVERIFY(doc.setStartNode(u"menu"_s));
    doc.autoLayout(FlowLayout::TopToBottom);
    QVERIFY(doc.addMenuOption(u"menu"_s, u"Más"_s));

    // Saved as the editor will: the settings and the whole node list, based on the loaded revision.
    const QJsonObject edited = doc.toJson();
    const QJsonObject put{{u"start_node_id"_s, edited.value(u"start_node_id"_s)},
                          {u"nodes"_s, edited.value(u"nodes"_s)},
                          {u"revision"_s, edited.value(u"revision"_s)}};
    const ApiResponse saved = send("PUT", u"/v1/bot-flows/%1"_s.arg(id), put);
    QCOMPARE(saved.status, 200);
    const QJsonObject fetched = send("GET", u"/v1/bot-flows/%1"_s.arg(id)).object();
    QCOMPARE(fetched.value(u"start_node_id"_s).toString(), u"menu"_s);
    const QHash<QString, QJsonObject> mine = byKey(edited.value(u"nodes"_s).toArray());
    const QHash<QString, QJsonObject> theirs = byKey(fetched.value(u"nodes"_s).toArray());
    QCOMPARE(theirs.size(), mine.size());
    for (auto it = mine.begin(); it != mine.end(); ++it) {
        QVERIFY2(theirs.contains(it.key()), qPrintable(it.key()));
        QJsonObject server = theirs.value(it.key());
        QJsonObject local = it.value();
        QVERIFY(server.value(u"id"_s).toInteger() > 0);
        if (local.contains(u"id"_s))   // a node kept its id; new ones got one
            QCOMPARE(server.value(u"id"_s), local.value(u"id"_s));
        server.remove(u"id"_s);
        local.remove(u"id"_s);
        if (!local.contains(u"next_node_key"_s))
            server.remove(u"next_node_key"_s);
        QCOMPARE(server, local);
    }
    // And what the server holds now loads into the same graph.
    FlowDocument again;
    again.load(fetched);
    QCOMPARE(again.toJson(), fetched);
    QStringList a, b;
    for (const FlowEdge &e : again.graph().edges())
        a.append(e.from + e.field + e.to);
    for (const FlowEdge &e : doc.graph().edges())
        b.append(e.from + e.field + e.to);
    a.sort();
    b.sort();
    QCOMPARE(a, b);
}

void tst_FlowServer::publishProblems_data()
{
    QTest::addColumn<QJsonObject>("body");
    const QJsonArray all = allTypes();
    QTest::addRow("missing-start") << flow(all, QString());
    QTest::addRow("unknown-start") << flow(all, u"nope"_s);
    QTest::addRow("dangling-next") << flow(withConfig(all, u"wait"_s, u"next"_s, u"nowhere"_s));
    QJsonArray menuOptions = all.at(1).toObject().value(u"config"_s).toObject().value(u"options"_s).toArray();
    menuOptions.append(option(u"Nuevo"_s, {}));
    menuOptions.append(option(QString(), u"bye"_s));
    menuOptions.append(option(QString(30, u'x'), u"bye"_s));
    QTest::addRow("options") << flow(withConfig(all, u"menu"_s, u"options"_s, menuOptions));
    QTest::addRow("too-many-options") << flow(withConfig(all, u"menu"_s, u"options"_s, options12()));
    QTest::addRow("button-label") << flow(
        withConfig(all, u"menu"_s, u"options"_s, QJsonArray{option(QString(21, u'y'), u"ask"_s)}));
    QTest::addRow("condition") << flow(
        withConfig(withConfig(all, u"route"_s, u"rules"_s,
                              QJsonArray{rule(QString(), u"eq"_s, 1, u"bye"_s),
                                         rule(u"order"_s, u"like"_s, 1, u"bye"_s),
                                         rule(u"order"_s, u"matches"_s, u"(x"_s, u"bye"_s)}),
                   u"ask"_s, u"validation"_s, u"regex:("_s));
    QTest::addRow("empty-condition") << flow(withConfig(withConfig(all, u"route"_s, u"rules"_s, QJsonArray()),
                                                        u"route"_s, u"default"_s, QJsonValue::Undefined));
    QTest::addRow("busy-loop") << flow(withConfig(all, u"upd"_s, u"next"_s, u"tagit"_s));
    QTest::addRow("json-paths") << flow(withConfig(all, u"lookup"_s, u"save"_s,
                                                   QJsonObject{{u"status"_s, u"$..a"_s},
                                                               {u"first"_s, u"$.items[0].id"_s},
                                                               {u"range"_s, u"$.a[1:2]"_s},
                                                               {u"big"_s, u"$[10000000]"_s},
                                                               {u"quoted"_s, u"$['a.b']"_s}}));
    QJsonArray teleport = withConfig(all, u"wait"_s, u"next"_s, u"beam"_s);
    teleport.append(node(u"beam"_s, u"teleport"_s, {}));
    QTest::addRow("unknown-type") << flow(teleport);
}

void tst_FlowServer::publishProblems()
{
    QFETCH(QJsonObject, body);
    const QJsonObject answer = created(body);
    QVERIFY(!answer.isEmpty());
    const ApiResponse r = send("POST", u"/v1/bot-flows/%1/publish"_s.arg(answer.value(u"id"_s).toInteger()));
    QCOMPARE(r.status, 422);
    FlowDocument doc;
    doc.load(answer);
    const QList<FlowProblem> local = doc.problems();
    QVERIFY(doc.errorCount() > 0);
    const QList<FlowProblem> server = FlowValidator::fromServerError(r.object());
    QVERIFY(!server.isEmpty());
    // The server's refusals fall on the nodes and fields the local check names, and the other way round
    // (a loop the server names by its first node, the editor on each of its nodes).
    const QStringList serverPlaces = places(server, FlowProblem::Error);
    QStringList localPlaces = places(local, FlowProblem::Error, true);
    for (const FlowProblem &p : server) {
        const bool loop = p.field.isEmpty() && !p.nodeKey.isEmpty();
        if (loop)
            QVERIFY(std::any_of(local.begin(), local.end(), [&p](const FlowProblem &l) {
                return l.kind == "busy_loop"_L1 && l.nodeKey == p.nodeKey;
            }));
    }
    QStringList serverNoLoops;
    for (const QString &place : serverPlaces) {
        if (!place.endsWith(u'|') || place.startsWith(u'|'))
            serverNoLoops.append(place);
    }
    QCOMPARE(localPlaces, serverNoLoops);
    // Attached in the document, the server's problems land on the ports the local ones do.
    doc.setServerError(r.object());
    for (const FlowProblem &p : server) {
        if (p.port.isEmpty())
            continue;
        QVERIFY2(std::any_of(local.begin(), local.end(),
                             [&p](const FlowProblem &l) { return l.nodeKey == p.nodeKey && l.port == p.port; }),
                 qPrintable(p.nodeKey + u' ' + p.port));
    }
}

void tst_FlowServer::publishWarnings()
{
    QJsonArray nodes =
        withConfig(allTypes(), u"route"_s, u"rules"_s, QJsonArray{rule(u"colour"_s, u"eq"_s, u"red"_s, u"agent"_s)});
    nodes.append(node(u"orphan"_s, u"message"_s, {{u"next"_s, u"bye"_s}}));
    const QJsonObject answer = created(flow(nodes));
    QVERIFY(!answer.isEmpty());
    const ApiResponse r = send("POST", u"/v1/bot-flows/%1/publish"_s.arg(answer.value(u"id"_s).toInteger()));
    QCOMPARE(r.status, 200);
    const QList<FlowProblem> server =
        FlowValidator::fromServerDetails(r.value(u"warnings"_s).toArray(), FlowProblem::Warning);
    FlowDocument doc;
    doc.load(answer);
    QCOMPARE(doc.errorCount(), 0);
    QCOMPARE(places(doc.problems(), FlowProblem::Warning), places(server, FlowProblem::Warning));
    QCOMPARE(places(server, FlowProblem::Warning), (QStringList{u"orphan|"_s, u"route|config.rules[0].variable"_s}));
}

QTEST_GUILESS_MAIN(tst_FlowServer)
#include "tst_flow_server.moc"
