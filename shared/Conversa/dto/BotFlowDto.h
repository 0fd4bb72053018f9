#pragma once

#include "Json.h"
#include "UserRefDto.h"

namespace Conversa {

// A menu node's choice: what the client sees, what it matches, the node it leads to.
struct BotMenuOptionDto {
    QString label;
    QString value;
    QString next;
    WireKeys wireKeys;

    static BotMenuOptionDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A condition node's rule. operator eq, neq, contains, gt, lt, exists or matches; value is whatever
// the rule compares with (string, number), so it stays a JSON value.
struct BotConditionRuleDto {
    QString variable;
    QString op;   // "operator" on the wire
    QJsonValue value;
    QString next;
    WireKeys wireKeys;

    static BotConditionRuleDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// An end node's close of the chat.
struct BotCloseDto {
    QString closeReason;
    std::optional<QString> outcome;
    WireKeys wireKeys;

    static BotCloseDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A node's config: one struct for every node_type (docs/BOT_FLOWS.md#node-types), each type reads
// only its own keys and the WireKeys write back exactly those. The edges are next, options[].next,
// rules[].next, default and on_error.
struct BotNodeConfigDto {
    std::optional<QString> content;          // message, menu, input, transfer, end
    std::optional<qint64> mediaFileId;       // message
    std::optional<QString> next;             // all but menu, condition, transfer, end
    QList<BotMenuOptionDto> options;         // menu
    std::optional<QString> invalidMessage;   // menu, input
    std::optional<QString> variable;         // input
    std::optional<QString> validation;       // input: text, number, email, phone, date, regex:<pattern>
    QList<BotConditionRuleDto> rules;        // condition
    std::optional<QString> defaultNext;      // condition: "default"
    QJsonObject assign;                      // set_variable: {name: template}
    std::optional<QString> method;           // http_request
    std::optional<QString> url;
    QJsonObject headers;
    QJsonValue body;   // an object or a template string
    std::optional<qint64> timeoutMs;
    QJsonObject save;   // {name: json_path}
    std::optional<QString> onError;
    QStringList chatTags;   // tag
    QStringList clientTags;
    QJsonObject fields;                  // update_client
    std::optional<QString> targetType;   // transfer: queue, campaign or agent
    std::optional<qint64> targetId;
    QStringList skills;
    std::optional<qint64> seconds;      // delay
    std::optional<BotCloseDto> close;   // end
    WireKeys wireKeys;

    // The node keys this config leads to, in wire order (duplicates kept).
    QStringList targets() const;

    static BotNodeConfigDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A node of a flow (id absent in an edit body). node_type message, menu, input, condition,
// set_variable, http_request, tag, update_client, transfer, delay or end.
struct BotFlowNodeDto {
    qint64 id = 0;
    QString nodeKey;
    QString nodeType;
    BotNodeConfigDto config;
    std::optional<QString> nextNodeKey;   // the editor's copy of config.next
    std::optional<qint64> positionX;
    std::optional<qint64> positionY;
    WireKeys wireKeys;

    static BotFlowNodeDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A bot flow: the detail (with nodes), or the create/update body. start_node_id and
// fallback_node_id are node keys, not ids.
struct BotFlowDto {
    qint64 id = 0;
    QString name;
    std::optional<QString> description;
    QString startNodeId;
    std::optional<QString> fallbackNodeId;
    QJsonObject variables;
    std::optional<qint64> timeoutSeconds;
    std::optional<qint64> maxInvalidAttempts;
    QList<BotFlowNodeDto> nodes;
    qint64 version = 0;   // the latest published version, 0 before the first publish
    bool isPublished = false;
    // The draft's save count, sent back as `revision` (or If-Match) so that a save based on an
    // older draft is refused (docs/BOT_FLOWS.md); who saved it last and when.
    std::optional<qint64> revision;
    bool hasUnpublishedChanges = false;
    std::optional<UserRefDto> savedBy;
    QDateTime savedAt;
    QDateTime createdAt;
    QDateTime updatedAt;
    WireKeys wireKeys;

    static BotFlowDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// POST /bot-flows/:id/nodes body.
struct BotFlowNodesDto {
    QList<BotFlowNodeDto> nodes;
    WireKeys wireKeys;

    static BotFlowNodesDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A node's share of a flow's sessions: visits entered it, exits ended there without completing,
// waiting are there now.
struct BotNodeStatDto {
    QString nodeKey;
    qint64 visits = 0;
    qint64 exits = 0;
    qint64 waiting = 0;
    WireKeys wireKeys;

    static BotNodeStatDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// How often sessions went from one node to another by one edge (the config field that led there:
// "config.next", "config.options[1].next", "timeout", …).
struct BotEdgeStatDto {
    QString from;
    QString to;
    std::optional<QString> edge;
    qint64 count = 0;
    WireKeys wireKeys;

    static BotEdgeStatDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// GET /bot-flows/:id/stats. completion_rate is a percentage; outcomes counts sessions by status
// (active, completed, transferred, timed_out, invalid_answers, step_limit, failed, interrupted).
struct BotFlowStatsDto {
    qint64 totalSessions = 0;
    qint64 totalCompletions = 0;
    std::optional<double> completionRate;
    std::optional<qint64> avgCompletionTimeSeconds;
    QList<BotNodeStatDto> nodeStats;
    QList<BotEdgeStatDto> edges;
    QJsonObject outcomes;
    WireKeys wireKeys;

    static BotFlowStatsDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// One entry of a simulation's transcript: `type` (customer, timeout, message, menu, tags,
// client_update, transfer, close, http_request, delay, end), the node, and the type's own fields
// as sent (docs/BOT_FLOWS.md#simulation).
struct BotSimulationEntryDto {
    QString type;
    std::optional<QString> nodeKey;
    QJsonObject fields;   // every key but type and node_key

    static BotSimulationEntryDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A node a simulation entered, from which node and by which edge (null for the first).
struct BotSimulationStepDto {
    QString nodeKey;
    QString nodeType;
    std::optional<QString> from;
    std::optional<QString> edge;
    WireKeys wireKeys;

    static BotSimulationStepDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A problem told with an answer (publish, simulate): the field it is about and a message.
struct BotFlowWarningDto {
    QString field;
    QString message;
    WireKeys wireKeys;

    static BotFlowWarningDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// POST /bot-flows/:id/simulate's answer. status: waiting (for a reply at node_key), or how the
// session ended: completed, transferred, timed_out, invalid_answers, step_limit, failed (detail).
struct BotSimulationDto {
    QString status;
    std::optional<QString> waitingFor;
    std::optional<QString> nodeKey;
    std::optional<QString> detail;
    QJsonObject variables;
    QList<BotSimulationEntryDto> transcript;
    QList<BotSimulationStepDto> steps;
    QList<BotFlowWarningDto> warnings;
    WireKeys wireKeys;

    static BotSimulationDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
