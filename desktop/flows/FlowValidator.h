#pragma once

#include "FlowGraph.h"

#include <QCoreApplication>
#include <QJsonArray>

// A problem of a flow, attached to what the editor draws: a node (empty key for the flow's own
// settings), a field of its config relative to the node ("config.options[0].label", empty for the
// node as a whole) and, when the field belongs to one of the node's ports, that port's field
// ("config.options[0].next"). `kind` names the check for code and tests; `message` is for people,
// in the UI's language.
struct FlowProblem {
    enum Severity { Error, Warning };
    Severity severity = Error;
    QString kind;
    QString nodeKey;
    QString field;
    QString port;
    QString message;

    bool operator==(const FlowProblem &) const = default;
};

// The checks publishing makes (docs/BOT_FLOWS.md#validation), run locally while the flow is edited:
// what the server would refuse are errors, what it would only tell are warnings. The server stays
// the judge: its 422 on publish maps onto the same nodes and ports through fromServerDetails().
class FlowValidator {
    Q_DECLARE_TR_FUNCTIONS(FlowValidator)
public:
    // Meta's limits on a menu (docs/BOT_FLOWS.md#menus).
    static constexpr int kMaxButtons = 3;
    static constexpr int kMaxButtonLabel = 20;
    static constexpr int kMaxOptions = 10;
    static constexpr int kMaxListLabel = 24;

    static QList<FlowProblem> check(const FlowGraph &graph);

    // The details of the server's answer on publish: the 422's `error.details` (errors) or a
    // success's `warnings` (warnings), `[{field, message}]` with fields such as
    // "nodes.<key>.config.options[0].label" or "start_node_id". Their kind is "server".
    static QList<FlowProblem> fromServerDetails(const QJsonArray &details, FlowProblem::Severity severity);
    // The whole error body {"error": {"details": […]}} of a 422.
    static QList<FlowProblem> fromServerError(const QJsonObject &body);

    // The port a node-relative field belongs to ("config.options[2].label" -> "config.options[2].next"),
    // empty when none.
    static QString portOf(const QString &field);
};
