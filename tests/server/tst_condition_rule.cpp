// ConditionRule (docs/BOT_FLOWS.md#condition-operators): each operator on numbers, texts and unset
// variables; the first rule that holds wins, else the default; what a flow may be published with.
// No server.
#include "domain/bot/ConditionRule.h"

#include <QTest>

using namespace Conversa::Server;
using namespace Conversa::Server::Bot;

using namespace Qt::StringLiterals;

namespace {
const QString kUnset = u"<unset>"_s;
}   // namespace

class tst_ConditionRule : public QObject {
    Q_OBJECT

private slots:
    void holds_data();
    void holds();
    void choose_data();
    void choose();
    void problem_data();
    void problem();
};

void tst_ConditionRule::holds_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("actual");   // kUnset: the variable is not set
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("expected");

    const QString unset = kUnset;
    QTest::addRow("eq-text") << u"eq"_s << u"sales"_s << u"sales"_s << true;
    QTest::addRow("eq-text-case") << u"eq"_s << u"Sales"_s << u"SALES"_s << true;
    QTest::addRow("eq-text-accents") << u"eq"_s << u"Sí"_s << u"si"_s << true;
    QTest::addRow("eq-text-spaces") << u"eq"_s << u" sales "_s << u"sales"_s << true;
    QTest::addRow("eq-text-differs") << u"eq"_s << u"sales"_s << u"support"_s << false;
    QTest::addRow("eq-number") << u"eq"_s << u"5"_s << u"5.0"_s << true;
    QTest::addRow("eq-number-comma") << u"eq"_s << u"3,5"_s << u"3.5"_s << true;
    QTest::addRow("eq-number-zeros") << u"eq"_s << u"007"_s << u"7"_s << true;
    QTest::addRow("eq-number-text") << u"eq"_s << u"5"_s << u"cinco"_s << false;
    QTest::addRow("eq-empty") << u"eq"_s << QString() << QString() << true;
    QTest::addRow("eq-unset") << u"eq"_s << unset << QString() << false;
    QTest::addRow("neq-text") << u"neq"_s << u"sales"_s << u"support"_s << true;
    QTest::addRow("neq-same-case") << u"neq"_s << u"SALES"_s << u"sales"_s << false;
    QTest::addRow("neq-number") << u"neq"_s << u"5"_s << u"5.00"_s << false;
    QTest::addRow("neq-unset") << u"neq"_s << unset << u"x"_s << true;
    QTest::addRow("contains") << u"contains"_s << u"Quiero hablar con un agente"_s << u"AGENTE"_s << true;
    QTest::addRow("contains-accents") << u"contains"_s << u"Atención al cliente"_s << u"atencion"_s << true;
    QTest::addRow("contains-not") << u"contains"_s << u"hola"_s << u"adiós"_s << false;
    QTest::addRow("contains-unset") << u"contains"_s << unset << u"a"_s << false;
    QTest::addRow("gt-numbers") << u"gt"_s << u"10"_s << u"9"_s << true;
    QTest::addRow("gt-numbers-not-text-order") << u"gt"_s << u"9"_s << u"10"_s << false;
    QTest::addRow("gt-equal") << u"gt"_s << u"5"_s << u"5"_s << false;
    QTest::addRow("gt-decimal") << u"gt"_s << u"2,5"_s << u"2.25"_s << true;
    QTest::addRow("gt-negative") << u"gt"_s << u"-1"_s << u"-2"_s << true;
    QTest::addRow("gt-text") << u"gt"_s << u"b"_s << u"A"_s << true;
    QTest::addRow("gt-iso-dates") << u"gt"_s << u"2025-11-14"_s << u"2025-02-01"_s << true;
    QTest::addRow("gt-mixed-is-text") << u"gt"_s << u"abc"_s << u"5"_s << true;
    QTest::addRow("gt-unset") << u"gt"_s << unset << u"0"_s << false;
    QTest::addRow("lt-numbers") << u"lt"_s << u"9"_s << u"10"_s << true;
    QTest::addRow("lt-equal") << u"lt"_s << u"10"_s << u"10.0"_s << false;
    QTest::addRow("lt-text") << u"lt"_s << u"Ana"_s << u"beto"_s << true;
    QTest::addRow("lt-unset") << u"lt"_s << unset << u"0"_s << false;
    QTest::addRow("exists") << u"exists"_s << u"x"_s << QString() << true;
    QTest::addRow("exists-empty") << u"exists"_s << QString() << QString() << false;
    QTest::addRow("exists-blank") << u"exists"_s << u"  "_s << QString() << false;
    QTest::addRow("exists-unset") << u"exists"_s << unset << QString() << false;
    QTest::addRow("matches-anywhere") << u"matches"_s << u"pedido 12345 urgente"_s << u"\\d{5}"_s << true;
    QTest::addRow("matches-anchored") << u"matches"_s << u"pedido 12345"_s << u"^\\d{5}$"_s << false;
    QTest::addRow("matches-case-sensitive") << u"matches"_s << u"VIP"_s << u"vip"_s << false;
    QTest::addRow("matches-case-flag") << u"matches"_s << u"VIP"_s << u"(?i)vip"_s << true;
    QTest::addRow("matches-invalid") << u"matches"_s << u"abc"_s << u"(a"_s << false;
    QTest::addRow("matches-empty-pattern") << u"matches"_s << u"abc"_s << QString() << false;
    QTest::addRow("matches-unset") << u"matches"_s << unset << u".*"_s << false;
    QTest::addRow("unknown-operator") << u"like"_s << u"a"_s << u"a"_s << false;
    QTest::addRow("unknown-operator-unset") << u"like"_s << unset << u"a"_s << false;
}

void tst_ConditionRule::holds()
{
    QFETCH(QString, op);
    QFETCH(QString, actual);
    QFETCH(QString, value);
    QFETCH(bool, expected);
    const ConditionRuleSpec rule{.variable = u"v"_s, .op = op, .value = value, .next = u"n"_s};
    const std::optional<QString> a = actual == kUnset ? std::nullopt : std::optional<QString>(actual);
    QCOMPARE(ConditionRule::holds(rule, a), expected);
}

void tst_ConditionRule::choose_data()
{
    QTest::addColumn<QJsonObject>("collected");
    QTest::addColumn<QString>("next");
    QTest::addColumn<int>("ruleIndex");

    // Rules: age >= 18 by "gt 17" -> adult; interest eq "premium" -> premium; client VIP segment -> vip.
    QTest::addRow("first-wins") << QJsonObject{{u"edad"_s, 30}, {u"interes"_s, u"premium"_s}} << u"node_adult"_s << 0;
    QTest::addRow("second") << QJsonObject{{u"edad"_s, u"15"_s}, {u"interes"_s, u"Premium"_s}} << u"node_premium"_s
                            << 1;
    QTest::addRow("client-field") << QJsonObject{{u"edad"_s, 10}} << u"node_vip"_s << 2;
    QTest::addRow("default") << QJsonObject{} << u"node_default"_s << -1;
}

void tst_ConditionRule::choose()
{
    QFETCH(QJsonObject, collected);
    QFETCH(QString, next);
    QFETCH(int, ruleIndex);
    const QList<ConditionRuleSpec> rules{
        {.variable = u"edad"_s, .op = u"gt"_s, .value = u"17"_s, .next = u"node_adult"_s},
        {.variable = u"interes"_s, .op = u"eq"_s, .value = u"premium"_s, .next = u"node_premium"_s},
        {.variable = u"client.segment"_s, .op = u"eq"_s, .value = u"vip"_s, .next = u"node_vip"_s},
    };
    TemplateContext context;
    context.collected = collected;
    if (ruleIndex == 2)
        context.client = QJsonObject{{u"segment"_s, u"VIP"_s}};
    const ConditionRule::Choice choice = ConditionRule::choose(rules, context, u"node_default"_s);
    QCOMPARE(choice.next, next);
    QCOMPARE(int(choice.ruleIndex), ruleIndex);
}

void tst_ConditionRule::problem_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("value");
    QTest::addColumn<ConditionRule::Problem>("expected");

    using P = ConditionRule::Problem;
    for (const QString &op : {u"eq"_s, u"neq"_s, u"contains"_s, u"gt"_s, u"lt"_s, u"exists"_s})
        QTest::addRow("%s", qPrintable(op)) << u"v"_s << op << u"x"_s << P::None;
    QTest::addRow("matches") << u"v"_s << u"matches"_s << u"^\\d+$"_s << P::None;
    QTest::addRow("matches-invalid") << u"v"_s << u"matches"_s << u"(a"_s << P::InvalidPattern;
    QTest::addRow("matches-empty") << u"v"_s << u"matches"_s << QString() << P::InvalidPattern;
    QTest::addRow("unknown-operator") << u"v"_s << u"like"_s << u"x"_s << P::UnknownOperator;
    QTest::addRow("operator-case") << u"v"_s << u"EQ"_s << u"x"_s << P::UnknownOperator;
    QTest::addRow("no-variable") << u" "_s << u"eq"_s << u"x"_s << P::NoVariable;
}

void tst_ConditionRule::problem()
{
    QFETCH(QString, variable);
    QFETCH(QString, op);
    QFETCH(QString, value);
    QFETCH(ConditionRule::Problem, expected);
    QCOMPARE(ConditionRule::problem({.variable = variable, .op = op, .value = value}), expected);
}

QTEST_APPLESS_MAIN(tst_ConditionRule)
#include "tst_condition_rule.moc"
