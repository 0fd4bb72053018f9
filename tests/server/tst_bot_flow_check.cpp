// The bot flow's typed definition and publishing's check (domain/bot/FlowDefinition,
// docs/BOT_FLOWS.md#validation): no database, no socket.
#include "domain/bot/FlowDefinition.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

// A change to the valid flow below, one per data row.
using Edit = std::function<void(QJsonObject &flow)>;
Q_DECLARE_METATYPE(Edit)

namespace {

QJsonObject node(const QString &key, const QString &type, const QJsonObject &config)
{
    return {{u"node_key"_s, key}, {u"node_type"_s, type}, {u"config"_s, config}};
}

QJsonObject option(const QString &label, const QString &next)
{
    return {{u"label"_s, label}, {u"value"_s, label.toLower()}, {u"next"_s, next}};
}

// welcome → menu → (sales | ask → route → (agent | bye)): publishable, no warnings.
QJsonObject validFlow()
{
    const QJsonArray nodes{
        node(u"welcome"_s, u"message"_s, {{u"content"_s, u"Hola {{client.first_name}}"_s}, {u"next"_s, u"menu"_s}}),
        node(u"menu"_s, u"menu"_s,
             {{u"content"_s, u"¿Qué necesitas?"_s},
              {u"options"_s, QJsonArray{option(u"Ventas"_s, u"sales"_s), option(u"Soporte"_s, u"ask"_s)}}}),
        node(u"ask"_s, u"input"_s,
             {{u"content"_s, u"Número de pedido"_s},
              {u"variable"_s, u"order"_s},
              {u"validation"_s, u"number"_s},
              {u"next"_s, u"route"_s}}),
        node(u"route"_s, u"condition"_s,
             {{u"rules"_s,
               QJsonArray{QJsonObject{
                   {u"variable"_s, u"order"_s}, {u"operator"_s, u"gt"_s}, {u"value"_s, 100}, {u"next"_s, u"agent"_s}}}},
              {u"default"_s, u"bye"_s}}),
        node(u"sales"_s, u"transfer"_s, {{u"target_type"_s, u"queue"_s}}),
        node(u"agent"_s, u"transfer"_s, {{u"target_type"_s, u"queue"_s}, {u"skills"_s, QJsonArray{u"vip"_s}}}),
        node(u"bye"_s, u"end"_s, {{u"content"_s, u"¡Gracias!"_s}}),
    };
    return {{u"name"_s, u"Bienvenida"_s}, {u"start_node_id"_s, u"welcome"_s}, {u"nodes"_s, nodes}};
}

// Edits a node's config (or, with key "node_type", the node itself) in place.
void editNode(QJsonObject &flow, const QString &key, const std::function<void(QJsonObject &)> &edit,
              bool wholeNode = false)
{
    QJsonArray nodes = flow.value(u"nodes"_s).toArray();
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        QJsonObject n = nodes.at(i).toObject();
        if (n.value(u"node_key"_s).toString() != key)
            continue;
        if (wholeNode) {
            edit(n);
        } else {
            QJsonObject config = n.value(u"config"_s).toObject();
            edit(config);
            n.insert(u"config"_s, config);
        }
        nodes.replace(i, n);
    }
    flow.insert(u"nodes"_s, nodes);
}

Edit setConfig(const QString &key, const QString &field, const QJsonValue &value)
{
    return [=](QJsonObject &flow) { editNode(flow, key, [&](QJsonObject &c) { c.insert(field, value); }); };
}

Edit addNode(const QJsonObject &n)
{
    return [=](QJsonObject &flow) {
        QJsonArray nodes = flow.value(u"nodes"_s).toArray();
        nodes.append(n);
        flow.insert(u"nodes"_s, nodes);
    };
}

Edit setFlow(const QString &field, const QJsonValue &value)
{
    return [=](QJsonObject &flow) { flow.insert(field, value); };
}

Edit both(const Edit &a, const Edit &b)
{
    return [=](QJsonObject &flow) {
        a(flow);
        b(flow);
    };
}

// Menu options, all leading to bye, with these labels.
QJsonArray optionsWithLabels(const QStringList &labels)
{
    QJsonArray out;
    for (const QString &label : labels)
        out.append(option(label, u"bye"_s));
    return out;
}

QJsonObject rule(const QString &variable, const QString &op, const QJsonValue &value, const QString &next)
{
    return {{u"variable"_s, variable}, {u"operator"_s, op}, {u"value"_s, value}, {u"next"_s, next}};
}

QStringList fieldsOf(const QList<BotFlow::Issue> &issues)
{
    QStringList out;
    for (const BotFlow::Issue &i : issues)
        out.append(i.field);
    return out;
}

}   // namespace

class tst_BotFlowCheck : public QObject {
    Q_OBJECT

private slots:
    void readsTypedConfig();
    void readsSeedExample();
    void errors_data();
    void errors();
    void warnings_data();
    void warnings();
    void issuesNameTheirNode();
};

void tst_BotFlowCheck::readsTypedConfig()
{
    const BotFlow::Definition d = BotFlow::Definition::fromJson(validFlow());
    QCOMPARE(d.startNode, u"welcome"_s);
    QCOMPARE(d.nodes.size(), 7);
    QCOMPARE(d.timeoutSeconds, 300);   // defaults when absent
    QCOMPARE(d.maxInvalidAttempts, 3);
    const auto *menu = std::get_if<BotFlow::MenuConfig>(&d.node(u"menu"_s)->config);
    QVERIFY(menu);
    QCOMPARE(menu->options.size(), 2);
    QCOMPARE(menu->options[1].label, u"Soporte"_s);
    QCOMPARE(menu->options[1].value, u"soporte"_s);
    QCOMPARE(menu->options[1].next, u"ask"_s);
    const auto *input = std::get_if<BotFlow::InputConfig>(&d.node(u"ask"_s)->config);
    QVERIFY(input);
    QCOMPARE(input->variable, u"order"_s);
    QCOMPARE(input->validation, u"number"_s);
    const auto *cond = std::get_if<BotFlow::ConditionConfig>(&d.node(u"route"_s)->config);
    QVERIFY(cond);
    QCOMPARE(cond->rules.size(), 1);
    QCOMPARE(cond->rules[0].op, u"gt"_s);
    QCOMPARE(cond->rules[0].value.toInt(), 100);
    QCOMPARE(cond->defaultNext, u"bye"_s);
    const auto *transfer = std::get_if<BotFlow::TransferConfig>(&d.node(u"agent"_s)->config);
    QVERIFY(transfer);
    QCOMPARE(transfer->skills, QStringList{u"vip"_s});
    QVERIFY(std::holds_alternative<BotFlow::EndConfig>(d.node(u"bye"_s)->config));
    QVERIFY(!d.node(u"nowhere"_s));

    // Edges in wire order, with the field that names each.
    QList<BotFlow::Edge> edges = d.node(u"route"_s)->edges();
    QCOMPARE(edges.size(), 2);
    QCOMPARE(edges[0].field, u"config.rules[0].next"_s);
    QCOMPARE(edges[0].target, u"agent"_s);
    QCOMPARE(edges[1].field, u"config.default"_s);
    QVERIFY(d.node(u"menu"_s)->waits());
    QVERIFY(!d.node(u"route"_s)->waits());
    QVERIFY(!d.node(u"welcome"_s)->waits());

    // A key of the wrong type reads as absent.
    QJsonObject odd = validFlow();
    editNode(odd, u"welcome"_s, [](QJsonObject &c) { c.insert(u"next"_s, 7); });
    QVERIFY(
        std::get<BotFlow::MessageConfig>(BotFlow::Definition::fromJson(odd).node(u"welcome"_s)->config).next.isEmpty());

    const BotFlow::CheckResult check = BotFlow::checkFlow(d);
    QVERIFY2(check.errors.isEmpty(), qPrintable(fieldsOf(check.errors).join(u", "_s)));
    QVERIFY2(check.warnings.isEmpty(), qPrintable(fieldsOf(check.warnings).join(u", "_s)));
}

// The customer's example (GET /bot-flows/:id of the API design): its options lead to nodes the
// example leaves out, and the check says so, option by option.
void tst_BotFlowCheck::readsSeedExample()
{
    QFile file(QStringLiteral(CONVERSA_SEED_DATA_DIR "/bot-flow.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const BotFlow::Definition d = BotFlow::Definition::fromJson(QJsonDocument::fromJson(file.readAll()).object());
    QCOMPARE(d.id, 1);
    QCOMPARE(d.startNode, u"node_welcome"_s);
    QCOMPARE(d.nodes.size(), 2);
    QCOMPARE(d.nodes[0].id, 1);
    QCOMPARE(d.nodes[0].positionY, 100);
    const auto &welcome = std::get<BotFlow::MessageConfig>(d.nodes[0].config);
    QCOMPARE(welcome.content, u"¡Hola! Bienvenido a {{company_name}}"_s);
    QCOMPARE(welcome.next, u"node_menu"_s);
    const auto &menu = std::get<BotFlow::MenuConfig>(d.nodes[1].config);
    QCOMPARE(menu.options.size(), 3);
    QCOMPARE(menu.options[2].value, u"agent"_s);
    const BotFlow::CheckResult check = BotFlow::checkFlow(d);
    QCOMPARE(fieldsOf(check.errors),
             (QStringList{u"nodes.node_menu.config.options[0].next"_s, u"nodes.node_menu.config.options[1].next"_s,
                          u"nodes.node_menu.config.options[2].next"_s}));
    QCOMPARE(check.errors[0].args, QStringList{u"node_sales"_s});
}

void tst_BotFlowCheck::errors_data()
{
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<QStringList>("fields");
    const QString twenty = u"Consultar mi pedido!"_s;   // 20 characters
    QCOMPARE(twenty.size(), 20);
    QString emojis;
    for (int i = 0; i < 20; ++i)
        emojis += u"😀"_s;   // 20 characters, 40 UTF-16 units

    QTest::addRow("valid") << Edit([](QJsonObject &) {}) << QStringList{};
    QTest::addRow("no-start") << setFlow(u"start_node_id"_s, QJsonValue()) << QStringList{u"start_node_id"_s};
    QTest::addRow("missing-start") << setFlow(u"start_node_id"_s, u"nowhere"_s) << QStringList{u"start_node_id"_s};
    QTest::addRow("no-nodes") << setFlow(u"nodes"_s, QJsonArray()) << QStringList{u"start_node_id"_s};
    QTest::addRow("missing-fallback") << setFlow(u"fallback_node_id"_s, u"ghost"_s)
                                      << QStringList{u"fallback_node_id"_s};
    QTest::addRow("next-missing") << setConfig(u"welcome"_s, u"next"_s, u"ghost"_s)
                                  << QStringList{u"nodes.welcome.config.next"_s};
    QTest::addRow("option-next-missing") << setConfig(u"menu"_s, u"options"_s,
                                                      QJsonArray{option(u"Ventas"_s, u"sales"_s),
                                                                 option(u"Soporte"_s, u"ghost"_s)})
                                         << QStringList{u"nodes.menu.config.options[1].next"_s};
    QTest::addRow("option-without-next") << setConfig(u"menu"_s, u"options"_s,
                                                      QJsonArray{option(u"Ventas"_s, u"sales"_s),
                                                                 QJsonObject{{u"label"_s, u"Soporte"_s}}})
                                         << QStringList{u"nodes.menu.config.options[1].next"_s};
    QTest::addRow("rule-next-missing") << setConfig(u"route"_s, u"rules"_s,
                                                    QJsonArray{rule(u"order"_s, u"gt"_s, 100, u"ghost"_s)})
                                       << QStringList{u"nodes.route.config.rules[0].next"_s};
    QTest::addRow("default-missing") << setConfig(u"route"_s, u"default"_s, u"ghost"_s)
                                     << QStringList{u"nodes.route.config.default"_s};
    QTest::addRow("on-error-missing") << both(addNode(node(u"api"_s, u"http_request"_s,
                                                           {{u"method"_s, u"GET"_s},
                                                            {u"url"_s, u"https://example.com/x"_s},
                                                            {u"next"_s, u"bye"_s},
                                                            {u"on_error"_s, u"ghost"_s}})),
                                              setConfig(u"welcome"_s, u"next"_s, u"api"_s))
                                      << QStringList{u"nodes.api.config.on_error"_s};
    for (const auto &[row, path, valid] : {std::tuple{"save-path-nested", u"$.items[0].name"_s, true},
                                           std::tuple{"save-path-unclosed", u"$.items[0"_s, false},
                                           std::tuple{"save-path-wildcard", u"$.items[*]"_s, false}}) {
        QTest::addRow("%s", row) << both(addNode(node(u"api"_s, u"http_request"_s,
                                                      {{u"url"_s, u"https://example.com/x"_s},
                                                       {u"save"_s, QJsonObject{{u"balance"_s, path}}},
                                                       {u"next"_s, u"bye"_s},
                                                       {u"on_error"_s, u"bye"_s}})),
                                         setConfig(u"welcome"_s, u"next"_s, u"api"_s))
                                 << (valid ? QStringList{} : QStringList{u"nodes.api.config.save.balance"_s});
    }
    QTest::addRow("unknown-type") << Edit([](QJsonObject &flow) {
        editNode(
            flow, u"bye"_s, [](QJsonObject &n) { n.insert(u"node_type"_s, u"smoke_signal"_s); }, true);
    }) << QStringList{u"nodes.bye.node_type"_s};
    QTest::addRow("menu-without-options")
        << setConfig(u"menu"_s, u"options"_s, QJsonArray()) << QStringList{u"nodes.menu.config.options"_s};
    QTest::addRow("menu-options-not-a-list")
        << setConfig(u"menu"_s, u"options"_s, u"1. Ventas"_s) << QStringList{u"nodes.menu.config.options"_s};
    QStringList eleven;
    for (int i = 1; i <= 11; ++i)
        eleven.append(u"Opción %1"_s.arg(i));
    QTest::addRow("menu-11-options") << setConfig(u"menu"_s, u"options"_s, optionsWithLabels(eleven))
                                     << QStringList{u"nodes.menu.config.options"_s};
    QTest::addRow("menu-10-options") << setConfig(u"menu"_s, u"options"_s, optionsWithLabels(eleven.mid(0, 10)))
                                     << QStringList{};
    QTest::addRow("button-label-21") << setConfig(u"menu"_s, u"options"_s,
                                                  optionsWithLabels({twenty + u"x"_s, u"Otro"_s}))
                                     << QStringList{u"nodes.menu.config.options[0].label"_s};
    QTest::addRow("button-label-20") << setConfig(u"menu"_s, u"options"_s, optionsWithLabels({twenty, u"Otro"_s}))
                                     << QStringList{};
    QTest::addRow("button-label-20-emoji")
        << setConfig(u"menu"_s, u"options"_s, optionsWithLabels({emojis})) << QStringList{};
    QTest::addRow("button-label-empty") << setConfig(u"menu"_s, u"options"_s, optionsWithLabels({u"Uno"_s, u" "_s}))
                                        << QStringList{u"nodes.menu.config.options[1].label"_s};
    // Four options or more are a list, whose rows take 24 characters.
    QTest::addRow("list-label-24") << setConfig(u"menu"_s, u"options"_s,
                                                optionsWithLabels({u"A"_s, u"B"_s, u"C"_s, twenty + u"1234"_s}))
                                   << QStringList{};
    QTest::addRow("list-label-25") << setConfig(u"menu"_s, u"options"_s,
                                                optionsWithLabels({u"A"_s, u"B"_s, u"C"_s, twenty + u"12345"_s}))
                                   << QStringList{u"nodes.menu.config.options[3].label"_s};
    QTest::addRow("input-bad-regex") << setConfig(u"ask"_s, u"validation"_s, u"regex:([0-9]"_s)
                                     << QStringList{u"nodes.ask.config.validation"_s};
    QTest::addRow("input-empty-regex") << setConfig(u"ask"_s, u"validation"_s, u"regex:"_s)
                                       << QStringList{u"nodes.ask.config.validation"_s};
    QTest::addRow("input-good-regex") << setConfig(u"ask"_s, u"validation"_s, u"regex:^[0-9]{4,8}$"_s) << QStringList{};
    QTest::addRow("input-unknown-validation")
        << setConfig(u"ask"_s, u"validation"_s, u"colour"_s) << QStringList{u"nodes.ask.config.validation"_s};
    QTest::addRow("matches-bad-regex") << setConfig(u"route"_s, u"rules"_s,
                                                    QJsonArray{rule(u"order"_s, u"matches"_s, u"(["_s, u"agent"_s)})
                                       << QStringList{u"nodes.route.config.rules[0].value"_s};
    QTest::addRow("matches-good-regex")
        << setConfig(u"route"_s, u"rules"_s, QJsonArray{rule(u"order"_s, u"matches"_s, u"^9\\d+$"_s, u"agent"_s)})
        << QStringList{};
    QTest::addRow("bad-operator") << setConfig(u"route"_s, u"rules"_s,
                                               QJsonArray{rule(u"order"_s, u"between"_s, 1, u"agent"_s)})
                                  << QStringList{u"nodes.route.config.rules[0].operator"_s};
    QTest::addRow("rule-without-variable")
        << setConfig(u"route"_s, u"rules"_s, QJsonArray{rule(u""_s, u"exists"_s, QJsonValue(), u"agent"_s)})
        << QStringList{u"nodes.route.config.rules[0].variable"_s};
    QTest::addRow("self-loop") << setConfig(u"welcome"_s, u"next"_s, u"welcome"_s) << QStringList{u"nodes.welcome"_s};
    QTest::addRow("busy-loop") << both(setConfig(u"welcome"_s, u"next"_s, u"note"_s),
                                       addNode(node(u"note"_s, u"set_variable"_s,
                                                    {{u"assign"_s, QJsonObject{{u"x"_s, u"1"_s}}},
                                                     {u"next"_s, u"welcome"_s}})))
                               << QStringList{u"nodes.welcome"_s};
    QTest::addRow("busy-loop-through-condition")
        << both(setConfig(u"route"_s, u"default"_s, u"tagger"_s),
                addNode(node(u"tagger"_s, u"tag"_s, {{u"chat_tags"_s, QJsonArray{u"x"_s}}, {u"next"_s, u"route"_s}})))
        << QStringList{u"nodes.route"_s};
    // A loop through a menu, an input or a delay waits for the customer (or the clock) each time.
    QTest::addRow("loop-through-menu") << setConfig(u"route"_s, u"default"_s, u"welcome"_s) << QStringList{};
    QTest::addRow("loop-through-delay") << both(setConfig(u"route"_s, u"default"_s, u"pause"_s),
                                                addNode(node(u"pause"_s, u"delay"_s,
                                                             {{u"seconds"_s, 5}, {u"next"_s, u"route"_s}})))
                                        << QStringList{};
    QTest::addRow("several") << both(setConfig(u"welcome"_s, u"next"_s, u"ghost"_s),
                                     setConfig(u"menu"_s, u"options"_s, QJsonArray()))
                             << QStringList{u"nodes.welcome.config.next"_s, u"nodes.menu.config.options"_s};
}

void tst_BotFlowCheck::errors()
{
    QFETCH(Edit, edit);
    QFETCH(QStringList, fields);
    QJsonObject flow = validFlow();
    edit(flow);
    const BotFlow::CheckResult check = BotFlow::checkFlow(BotFlow::Definition::fromJson(flow));
    QCOMPARE(fieldsOf(check.errors), fields);
    for (const BotFlow::Issue &e : check.errors)
        QVERIFY(e.message && *e.message);
}

void tst_BotFlowCheck::warnings_data()
{
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<QStringList>("fields");
    const Edit orphan = addNode(node(u"orphan"_s, u"message"_s, {{u"content"_s, u"?"_s}, {u"next"_s, u"bye"_s}}));
    QTest::addRow("none") << Edit([](QJsonObject &) {}) << QStringList{};
    QTest::addRow("unreachable") << orphan << QStringList{u"nodes.orphan"_s};
    QTest::addRow("unreachable-chain") << both(orphan,
                                               addNode(node(u"orphan2"_s, u"message"_s, {{u"next"_s, u"orphan"_s}})))
                                       << QStringList{u"nodes.orphan"_s, u"nodes.orphan2"_s};
    QTest::addRow("fallback-is-reachable")
        << both(orphan, setFlow(u"fallback_node_id"_s, u"orphan"_s)) << QStringList{};
    QTest::addRow("variable-nothing-sets")
        << setConfig(u"route"_s, u"rules"_s, QJsonArray{rule(u"colour"_s, u"eq"_s, u"red"_s, u"agent"_s)})
        << QStringList{u"nodes.route.config.rules[0].variable"_s};
    QTest::addRow("variable-of-client") << setConfig(u"route"_s, u"rules"_s,
                                                     QJsonArray{rule(u"client.first_name"_s, u"exists"_s, QJsonValue(),
                                                                     u"agent"_s)})
                                        << QStringList{};
    QTest::addRow("variable-of-flow") << both(setFlow(u"variables"_s, QJsonObject{{u"vip"_s, u"no"_s}}),
                                              setConfig(u"route"_s, u"rules"_s,
                                                        QJsonArray{rule(u"vip"_s, u"eq"_s, u"yes"_s, u"agent"_s)}))
                                      << QStringList{};
    QTest::addRow("variable-set-variable")
        << both(addNode(node(u"score"_s, u"set_variable"_s,
                             {{u"assign"_s, QJsonObject{{u"points"_s, u"{{order}}"_s}}}, {u"next"_s, u"route"_s}})),
                both(setConfig(u"ask"_s, u"next"_s, u"score"_s),
                     setConfig(u"route"_s, u"rules"_s, QJsonArray{rule(u"points"_s, u"gt"_s, 10, u"agent"_s)})))
        << QStringList{};
    QTest::addRow("variable-http-save") << both(addNode(node(u"api"_s, u"http_request"_s,
                                                             {{u"url"_s, u"https://example.com/x"_s},
                                                              {u"save"_s, QJsonObject{{u"balance"_s, u"$.balance"_s}}},
                                                              {u"next"_s, u"route"_s},
                                                              {u"on_error"_s, u"bye"_s}})),
                                                both(setConfig(u"ask"_s, u"next"_s, u"api"_s),
                                                     setConfig(u"route"_s, u"rules"_s,
                                                               QJsonArray{rule(u"balance"_s, u"lt"_s, 0, u"agent"_s)})))
                                        << QStringList{};
}

void tst_BotFlowCheck::warnings()
{
    QFETCH(Edit, edit);
    QFETCH(QStringList, fields);
    QJsonObject flow = validFlow();
    edit(flow);
    const BotFlow::CheckResult check = BotFlow::checkFlow(BotFlow::Definition::fromJson(flow));
    QVERIFY2(check.errors.isEmpty(), qPrintable(fieldsOf(check.errors).join(u", "_s)));
    QCOMPARE(fieldsOf(check.warnings), fields);
}

void tst_BotFlowCheck::issuesNameTheirNode()
{
    QJsonObject flow = validFlow();
    setConfig(u"menu"_s, u"options"_s, QJsonArray())(flow);
    setConfig(u"welcome"_s, u"next"_s, u"welcome"_s)(flow);
    setFlow(u"fallback_node_id"_s, u"ghost"_s)(flow);
    const BotFlow::CheckResult check = BotFlow::checkFlow(BotFlow::Definition::fromJson(flow));
    QStringList nodes;
    for (const BotFlow::Issue &e : check.errors)
        nodes.append(e.nodeKey);
    // The flow's own setting first (no node), then node by node, then loops.
    QCOMPARE(nodes, (QStringList{QString(), u"menu"_s, u"welcome"_s}));
    QCOMPARE(check.errors.last().args, QStringList{u"welcome"_s});
}

QTEST_GUILESS_MAIN(tst_BotFlowCheck)
#include "tst_bot_flow_check.moc"
