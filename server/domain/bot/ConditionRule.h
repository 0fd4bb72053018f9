#pragma once

#include "BotTemplate.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Conversa::Server::Bot {

// One rule of a condition node: `variable` (a name as templates write it, client.* included),
// `op`erator, the literal `value` it is compared with, and the node that follows when it holds.
struct ConditionRuleSpec {
    QString variable;
    QString op;
    QString value;
    QString next;
};

// docs/BOT_FLOWS.md#condition-operators:
//   eq, neq       equal / not equal: as numbers when both sides read as numbers ("5" eq "5.0",
//                 "3,5" eq "3.5"), else as text with case and accents ignored ("Sí" eq "si")
//   contains      the variable's text holds `value`, case and accents ignored
//   gt, lt        greater / less than: as numbers when both sides read as numbers, else the
//                 texts (case and accents folded) in code-point order
//   exists        the variable is set and not empty (`value` unused)
//   matches       the regular expression `value` is found in the variable (anywhere; anchor it
//                 with ^...$; case-sensitive unless it starts with (?i))
// A variable nobody set holds nothing: every operator is then false except neq, which is true.
// Surrounding spaces of both sides are ignored. Numbers read as InputValidation's `number`.
namespace ConditionRule {

// The operators above, in that order.
const QStringList &operators();
bool isKnownOperator(const QString &op);

// Why a rule cannot be published, for the publish check to report (it words the message).
enum class Problem { None, NoVariable, UnknownOperator, InvalidPattern };
Problem problem(const ConditionRuleSpec &rule);

// Whether the rule holds for the variable's value (nullopt: not set).
bool holds(const ConditionRuleSpec &rule, const std::optional<QString> &actual);

// The `next` of the first rule that holds, with variables looked up as templates look them up,
// else `defaultNext`. Returns the index of that rule too (-1 for the default), for the session's log.
struct Choice {
    QString next;
    qsizetype ruleIndex = -1;
};
Choice choose(const QList<ConditionRuleSpec> &rules, const TemplateContext &context, const QString &defaultNext);

}   // namespace ConditionRule

}   // namespace Conversa::Server::Bot
