// The flow editor's local check (desktop/flows/FlowValidator), one row per kind of problem as
// docs/BOT_FLOWS.md#validation lists them, each attached to its node and port; the server's 422
// details mapped onto the same nodes and ports; the node model showing both; and the messages in
// Spanish.
#include "FlowDocument.h"
#include "tst_flow_samples.h"

#include <QAbstractItemModelTester>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace FlowSamples;

namespace {

QString describe(const FlowProblem &p)
{
    return (p.severity == FlowProblem::Error ? u"E"_s : u"W"_s) + u'|' + p.kind + u'|' + p.nodeKey + u'|' + p.field +
        u'|' + p.port;
}

QStringList describe(const QList<FlowProblem> &problems)
{
    QStringList out;
    for (const FlowProblem &p : problems)
        out.append(describe(p));
    out.sort();
    return out;
}

// The sample with one more node where the delay went (the delay leads to it, it leads to bye):
// reachable, so the only problems are its own.
QJsonArray withExtra(const QString &type, QJsonObject config)
{
    if (FlowGraph::ports(type, config).size() == 1 && FlowGraph::ports(type, config).first().kind == "next"_L1)
        config.insert(u"next"_s, u"bye"_s);
    QJsonArray nodes = withConfig(allTypes(), u"wait"_s, u"next"_s, u"extra"_s);
    nodes.append(node(u"extra"_s, type, config));
    return nodes;
}

QJsonArray options(int count, const QString &label)
{
    QJsonArray out;
    for (int i = 0; i < count; ++i)
        out.append(option(label, u"bye"_s));
    return out;
}

}   // namespace

class tst_FlowValidation : public QObject {
    Q_OBJECT

private slots:
    void check_data();
    void check();
    void serverDetails_data();
    void serverDetails();
    void problemsOnModel();
    void spanish();
};

void tst_FlowValidation::check_data()
{
    QTest::addColumn<QJsonObject>("flow");
    QTest::addColumn<QStringList>("expected");   // severity|kind|node|field|port
    const QJsonArray all = allTypes();
    QTest::addRow("valid") << flow(all) << QStringList{};
    QTest::addRow("missing-start") << flow(all, QString()) << QStringList{u"E|missing_start||start_node_id|"_s};
    QTest::addRow("unknown-start") << flow(all, u"nope"_s) << QStringList{u"E|unknown_start||start_node_id|"_s};
    QJsonObject fallback = flow(all);
    fallback.insert(u"fallback_node_id"_s, u"nope"_s);
    QTest::addRow("unknown-fallback") << fallback << QStringList{u"E|unknown_fallback||fallback_node_id|"_s};
    QTest::addRow("unknown-type") << flow(withExtra(u"teleport"_s, {}))
                                  << QStringList{u"E|unknown_type|extra|node_type|"_s};
    QTest::addRow("dangling-next") << flow(withConfig(all, u"wait"_s, u"next"_s, u"nowhere"_s))
                                   << QStringList{u"E|dangling_next|wait|config.next|config.next"_s};
    QTest::addRow("dangling-on-error") << flow(withConfig(all, u"lookup"_s, u"on_error"_s, u"nowhere"_s))
                                       << QStringList{u"E|dangling_next|lookup|config.on_error|config.on_error"_s};
    QTest::addRow("missing-next") << flow(withConfig(all, u"wait"_s, u"next"_s, QJsonValue::Undefined))
                                  << QStringList{u"W|missing_next|wait|config.next|config.next"_s};
    QJsonArray menuOptions = all.at(1).toObject().value(u"config"_s).toObject().value(u"options"_s).toArray();
    menuOptions.append(option(u"Nuevo"_s, {}));
    QTest::addRow("missing-option-next") << flow(withConfig(all, u"menu"_s, u"options"_s, menuOptions))
                                         << QStringList{
                                                u"E|missing_next|menu|config.options[3].next|config.options[3].next"_s};
    QTest::addRow("missing-rule-next")
        << flow(withExtra(u"condition"_s,
                          {{u"rules"_s, QJsonArray{rule(u"order"_s, u"exists"_s, {}, {})}}, {u"default"_s, u"bye"_s}}))
        << QStringList{u"E|missing_next|extra|config.rules[0].next|config.rules[0].next"_s};
    QTest::addRow("no-options") << flow(withExtra(u"menu"_s, {{u"options"_s, QJsonArray()}}))
                                << QStringList{u"E|no_options|extra|config.options|"_s};
    QTest::addRow("too-many-options") << flow(withExtra(u"menu"_s, {{u"options"_s, options(11, u"Sí"_s)}}))
                                      << QStringList{u"E|too_many_options|extra|config.options|"_s};
    QTest::addRow("ten-options") << flow(withExtra(u"menu"_s, {{u"options"_s, options(10, u"Sí"_s)}})) << QStringList{};
    QTest::addRow("missing-label") << flow(withExtra(u"menu"_s, {{u"options"_s, QJsonArray{option(u" "_s, u"bye"_s)}}}))
                                   << QStringList{
                                          u"E|missing_label|extra|config.options[0].label|config.options[0].next"_s};
    QTest::addRow("button-label-21")
        << flow(withExtra(u"menu"_s, {{u"options"_s, options(3, QString(21, u'a'))}}))
        << QStringList{u"E|label_too_long|extra|config.options[0].label|config.options[0].next"_s,
                       u"E|label_too_long|extra|config.options[1].label|config.options[1].next"_s,
                       u"E|label_too_long|extra|config.options[2].label|config.options[2].next"_s};
    QTest::addRow("button-label-20") << flow(withExtra(u"menu"_s, {{u"options"_s, options(3, QString(20, u'a'))}}))
                                     << QStringList{};
    QTest::addRow("list-label-24") << flow(withExtra(u"menu"_s, {{u"options"_s, options(4, QString(24, u'a'))}}))
                                   << QStringList{};
    QJsonArray listOptions = options(4, u"Sí"_s);
    listOptions.replace(3, option(QString(25, u'a'), u"bye"_s));
    QTest::addRow("list-label-25") << flow(withExtra(u"menu"_s, {{u"options"_s, listOptions}}))
                                   << QStringList{
                                          u"E|label_too_long|extra|config.options[3].label|config.options[3].next"_s};
    // Characters as people count them: 20 emoji are 40 UTF-16 units, and fit.
    QTest::addRow("label-emoji") << flow(withExtra(u"menu"_s,
                                                   {{u"options"_s, options(1, QString(u"😀"_s).repeated(20))}}))
                                 << QStringList{};
    QTest::addRow("empty-condition") << flow(withExtra(u"condition"_s, {}))
                                     << QStringList{u"E|empty_condition|extra|config.rules|"_s};
    QTest::addRow("rule-without-variable")
        << flow(withExtra(u"condition"_s, {{u"rules"_s, QJsonArray{rule(u" "_s, u"exists"_s, {}, u"bye"_s)}}}))
        << QStringList{u"E|missing_variable|extra|config.rules[0].variable|config.rules[0].next"_s};
    QTest::addRow("unknown-operator")
        << flow(withExtra(u"condition"_s, {{u"rules"_s, QJsonArray{rule(u"order"_s, u"like"_s, u"x"_s, u"bye"_s)}}}))
        << QStringList{u"E|unknown_operator|extra|config.rules[0].operator|config.rules[0].next"_s};
    QTest::addRow("matches-invalid")
        << flow(
               withExtra(u"condition"_s, {{u"rules"_s, QJsonArray{rule(u"order"_s, u"matches"_s, u"(a"_s, u"bye"_s)}}}))
        << QStringList{u"E|invalid_pattern|extra|config.rules[0].value|config.rules[0].next"_s};
    QTest::addRow("matches-empty")
        << flow(withExtra(u"condition"_s, {{u"rules"_s, QJsonArray{rule(u"order"_s, u"matches"_s, u""_s, u"bye"_s)}}}))
        << QStringList{u"E|invalid_pattern|extra|config.rules[0].value|config.rules[0].next"_s};
    QTest::addRow("input-validation") << flow(withConfig(all, u"ask"_s, u"validation"_s, u"colour"_s))
                                      << QStringList{u"E|invalid_validation|ask|config.validation|"_s};
    QTest::addRow("input-regex") << flow(withConfig(all, u"ask"_s, u"validation"_s, u"regex:[a-"_s))
                                 << QStringList{u"E|invalid_pattern|ask|config.validation|"_s};
    QTest::addRow("input-regex-ok") << flow(withConfig(all, u"ask"_s, u"validation"_s, u"regex:[A-Z]{3}\\d{3}"_s))
                                    << QStringList{};
    for (const QString &path :
         {u"$"_s, u"status"_s, u"$.data.items[0].price"_s, u"$['order.id']"_s, u"$[\"a b\"][2]"_s, u" data.id "_s})
        QTest::addRow("json-path-%s", qPrintable(path))
            << flow(withConfig(all, u"lookup"_s, u"save"_s, QJsonObject{{u"status"_s, path}})) << QStringList{};
    for (const QString &path : {QString(), u"$..a"_s, u"$.items[*]"_s, u"$.a[1:2]"_s, u"$['a"_s, u"$[]"_s,
                                u"$[10000000]"_s, u"a b"_s, u"$.a.[0]"_s})
        QTest::addRow("bad-json-path-%s", qPrintable(path))
            << flow(withConfig(all, u"lookup"_s, u"save"_s, QJsonObject{{u"status"_s, path}}))
            << QStringList{u"E|invalid_json_path|lookup|config.save.status|"_s};
    QJsonArray orphan = all;
    orphan.append(node(u"orphan"_s, u"message"_s, {{u"next"_s, u"bye"_s}}));
    QTest::addRow("unreachable") << flow(orphan) << QStringList{u"W|unreachable|orphan||"_s};
    QJsonObject viaFallback = flow(orphan);
    viaFallback.insert(u"fallback_node_id"_s, u"orphan"_s);
    QTest::addRow("reached-by-fallback") << viaFallback << QStringList{};
    QTest::addRow("undefined-variable")
        << flow(withConfig(all, u"route"_s, u"rules"_s, QJsonArray{rule(u"colour"_s, u"eq"_s, u"red"_s, u"agent"_s)}))
        << QStringList{u"W|undefined_variable|route|config.rules[0].variable|config.rules[0].next"_s};
    for (const QString &variable : {u"client.first_name"_s, u"company_name"_s, u"greeting"_s, u"status"_s})
        QTest::addRow("defined-%s", qPrintable(variable))
            << flow(withConfig(all, u"route"_s, u"rules"_s, QJsonArray{rule(variable, u"exists"_s, {}, u"agent"_s)}))
            << QStringList{};
    QTest::addRow("busy-loop") << flow(withConfig(all, u"upd"_s, u"next"_s, u"tagit"_s))
                               << QStringList{u"E|busy_loop|setv||"_s, u"E|busy_loop|tagit||"_s, u"E|busy_loop|upd||"_s,
                                              u"W|unreachable|wait||"_s};
    QTest::addRow("self-loop") << flow(withConfig(all, u"setv"_s, u"next"_s, u"setv"_s))
                               << QStringList{u"E|busy_loop|setv||"_s, u"W|unreachable|upd||"_s,
                                              u"W|unreachable|wait||"_s};
    QTest::addRow("loop-that-waits") << flow(withConfig(all, u"wait"_s, u"next"_s, u"welcome"_s)) << QStringList{};
}

void tst_FlowValidation::check()
{
    QFETCH(QJsonObject, flow);
    QFETCH(QStringList, expected);
    const QList<FlowProblem> problems = FlowValidator::check(FlowGraph::fromJson(flow));
    QCOMPARE(describe(problems), expected);
    for (const FlowProblem &p : problems)
        QVERIFY(!p.message.isEmpty() && !p.message.contains(u"%1"_s));
}

void tst_FlowValidation::serverDetails_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("node");
    QTest::addColumn<QString>("nodeField");
    QTest::addColumn<QString>("port");
    QTest::addRow("start") << u"start_node_id"_s << QString() << u"start_node_id"_s << QString();
    QTest::addRow("node") << u"nodes.loop_1"_s << u"loop_1"_s << QString() << QString();
    QTest::addRow("type") << u"nodes.a-b.node_type"_s << u"a-b"_s << u"node_type"_s << QString();
    QTest::addRow("next") << u"nodes.welcome.config.next"_s << u"welcome"_s << u"config.next"_s << u"config.next"_s;
    QTest::addRow("option-label") << u"nodes.menu.config.options[10].label"_s << u"menu"_s
                                  << u"config.options[10].label"_s << u"config.options[10].next"_s;
    QTest::addRow("rule-next") << u"nodes.route.config.rules[0].next"_s << u"route"_s << u"config.rules[0].next"_s
                               << u"config.rules[0].next"_s;
    QTest::addRow("default") << u"nodes.route.config.default"_s << u"route"_s << u"config.default"_s
                             << u"config.default"_s;
    QTest::addRow("on-error") << u"nodes.lookup.config.on_error"_s << u"lookup"_s << u"config.on_error"_s
                              << u"config.on_error"_s;
    QTest::addRow("save-path") << u"nodes.lookup.config.save.status"_s << u"lookup"_s << u"config.save.status"_s
                               << QString();
}

void tst_FlowValidation::serverDetails()
{
    QFETCH(QString, field);
    QFETCH(QString, node);
    QFETCH(QString, nodeField);
    QFETCH(QString, port);
    const QJsonObject body{
        {u"error"_s,
         QJsonObject{{u"code"_s, u"VALIDATION_ERROR"_s},
                     {u"message"_s, u"x"_s},
                     {u"details"_s, QJsonArray{QJsonObject{{u"field"_s, field}, {u"message"_s, u"Mal"_s}}}}}}};
    const QList<FlowProblem> problems = FlowValidator::fromServerError(body);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems[0].severity, FlowProblem::Error);
    QCOMPARE(problems[0].kind, u"server"_s);
    QCOMPARE(problems[0].nodeKey, node);
    QCOMPARE(problems[0].field, nodeField);
    QCOMPARE(problems[0].port, port);
    QCOMPARE(problems[0].message, u"Mal"_s);
}

void tst_FlowValidation::problemsOnModel()
{
    FlowDocument doc;
    doc.load(flow(
        withConfig(allTypes(), u"route"_s, u"rules"_s, QJsonArray{rule(u"colour"_s, u"eq"_s, u"red"_s, u"agent"_s)})));
    QAbstractItemModelTester tester(doc.nodes(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex route = doc.nodes()->index(3);
    QCOMPARE(doc.errorCount(), 0);
    QCOMPARE(doc.warningCount(), 1);
    QCOMPARE(route.data(FlowNodeModel::HasWarningsRole).toBool(), true);
    QCOMPARE(route.data(FlowNodeModel::HasErrorsRole).toBool(), false);
    QCOMPARE(route.data(FlowNodeModel::ProblemsRole).toList().size(), 1);

    // The server refuses a label: it shows on the menu and its option's port until the next edit.
    const QJsonObject body{{u"error"_s,
                            QJsonObject{{u"details"_s,
                                         QJsonArray{QJsonObject{{u"field"_s, u"nodes.menu.config.options[1].label"_s},
                                                                {u"message"_s, u"Demasiado largo"_s}}}}}}};
    doc.setServerError(body);
    const QModelIndex menu = doc.nodes()->index(1);
    QCOMPARE(doc.errorCount(), 1);
    QCOMPARE(menu.data(FlowNodeModel::HasErrorsRole).toBool(), true);
    const QVariantList ports = menu.data(FlowNodeModel::PortsRole).toList();
    QCOMPARE(ports[0].toMap().value(u"hasError"_s).toBool(), false);
    QCOMPARE(ports[1].toMap().value(u"hasError"_s).toBool(), true);
    QCOMPARE(menu.data(FlowNodeModel::ProblemsRole).toList().at(0).toMap().value(u"message"_s).toString(),
             u"Demasiado largo"_s);
    QCOMPARE(doc.problemList().size(), 2);
    doc.moveNode(u"menu"_s, 1, 1);   // a move changes nothing the server judged
    QCOMPARE(doc.errorCount(), 1);
    doc.addMenuOption(u"menu"_s, u"Otro"_s);
    QCOMPARE(menu.data(FlowNodeModel::HasErrorsRole).toBool(), true);   // the new option leads nowhere yet
    QCOMPARE(describe(doc.problemsOf(u"menu"_s)),
             QStringList{u"E|missing_next|menu|config.options[3].next|config.options[3].next"_s});

    // Warnings of a publish that went through.
    doc.setServerWarnings(QJsonArray{QJsonObject{{u"field"_s, u"nodes.bye"_s}, {u"message"_s, u"Inalcanzable"_s}}});
    QCOMPARE(describe(doc.problemsOf(u"bye"_s)), QStringList{u"W|server|bye||"_s});
    doc.clearServerProblems();
    QVERIFY(doc.problemsOf(u"bye"_s).isEmpty());
}

void tst_FlowValidation::spanish()
{
    QTranslator translator;
    QVERIFY(translator.load(u":/i18n/conversa_es.qm"_s));
    QCoreApplication::installTranslator(&translator);
    const QList<FlowProblem> problems = FlowValidator::check(FlowGraph::fromJson(flow(allTypes(), QString())));
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems[0].message, u"Falta el nodo inicial"_s);
}

QTEST_GUILESS_MAIN(tst_FlowValidation)
#include "tst_flow_validation.moc"
