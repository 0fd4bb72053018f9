#include "ConditionRule.h"

#include "InputValidation.h"
#include "ReplyMatcher.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Conversa::Server::Bot {

namespace {

// Longest text a `matches` pattern is run over: bounds the time a pattern can take.
constexpr qsizetype kConditionMaxRegexSubject = 4096;

std::optional<double> conditionNumber(const QString &text)
{
    const auto normalised = InputValidation::normaliseNumber(text);
    if (!normalised)
        return std::nullopt;
    bool ok = false;
    const double d = normalised->toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return d;
}

// <0, 0, >0 as `actual` compares with `expected`: numerically when both are numbers.
int conditionCompare(const QString &actual, const QString &expected)
{
    const auto a = conditionNumber(actual);
    const auto b = conditionNumber(expected);
    if (a && b)
        return *a < *b ? -1 : (*a > *b ? 1 : 0);
    const QString fa = ReplyMatcher::fold(actual.trimmed());
    const QString fb = ReplyMatcher::fold(expected.trimmed());
    return fa.compare(fb);
}

}   // namespace

namespace ConditionRule {

const QStringList &operators()
{
    static const QStringList ops{u"eq"_s, u"neq"_s, u"contains"_s, u"gt"_s, u"lt"_s, u"exists"_s, u"matches"_s};
    return ops;
}

bool isKnownOperator(const QString &op)
{
    return operators().contains(op);
}

Problem problem(const ConditionRuleSpec &rule)
{
    if (rule.variable.trimmed().isEmpty())
        return Problem::NoVariable;
    if (!isKnownOperator(rule.op))
        return Problem::UnknownOperator;
    if (rule.op == u"matches"_s && (rule.value.isEmpty() || !QRegularExpression(rule.value).isValid()))
        return Problem::InvalidPattern;
    return Problem::None;
}

bool holds(const ConditionRuleSpec &rule, const std::optional<QString> &actual)
{
    const QString &op = rule.op;
    if (!actual)
        return op == u"neq"_s;
    const QString value = actual->trimmed();
    if (op == u"exists"_s)
        return !value.isEmpty();
    if (op == u"eq"_s)
        return conditionCompare(value, rule.value) == 0;
    if (op == u"neq"_s)
        return conditionCompare(value, rule.value) != 0;
    if (op == u"gt"_s)
        return conditionCompare(value, rule.value) > 0;
    if (op == u"lt"_s)
        return conditionCompare(value, rule.value) < 0;
    if (op == u"contains"_s)
        return ReplyMatcher::fold(value).contains(ReplyMatcher::fold(rule.value.trimmed()));
    if (op == u"matches"_s) {
        if (value.size() > kConditionMaxRegexSubject)
            return false;
        const QRegularExpression re(rule.value);
        return re.isValid() && !rule.value.isEmpty() && re.match(value).hasMatch();
    }
    return false;
}

Choice choose(const QList<ConditionRuleSpec> &rules, const TemplateContext &context, const QString &defaultNext)
{
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const ConditionRuleSpec &rule = rules.at(i);
        if (holds(rule, BotTemplate::lookup(rule.variable, context)))
            return {.next = rule.next, .ruleIndex = i};
    }
    return {.next = defaultNext, .ruleIndex = -1};
}

}   // namespace ConditionRule

}   // namespace Conversa::Server::Bot
