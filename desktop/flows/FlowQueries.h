#pragma once

#include "FlowGraph.h"

#include <QStringList>
#include <QVariantMap>

// Questions the editor asks about a flow while it is edited, apart from any view: which variables a
// node's templates may name, which nodes a search finds, and whether a pattern is one the server
// accepts (docs/BOT_FLOWS.md#templates, #input-validations, #condition-operators).
namespace FlowQueries {

// The client fields every template may read ({{client.first_name}} …).
const QStringList &clientFields();

// The variables in scope at a node: the flow's own `variables`, then what the nodes that can lead
// to it set (inputs' answers, set_variable's assignments, http_request's saves), sorted; then the
// client fields. What the node itself sets is not in scope for its own texts.
QStringList variablesInScope(const FlowGraph &graph, const QString &key);

// The nodes whose key or any text of their config contains `text` (ignoring case), in the flow's
// order; nodes whose key matches come first. Empty for an empty text.
QStringList search(const FlowGraph &graph, const QString &text);

// A pattern tried on a sample as the server reads it (PCRE2): `whole` as an input's regex
// validation (the whole answer must match), else as a condition's `matches` (anywhere).
// {valid: bool, error: QString, matched: bool}.
QVariantMap testPattern(const QString &pattern, const QString &sample, bool whole);

}   // namespace FlowQueries
