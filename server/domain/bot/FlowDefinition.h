#pragma once

#include "ReplyMatcher.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <variant>

namespace Conversa::Server {

// A bot flow as the engine and the publish check see it (docs/BOT_FLOWS.md): the flow's settings
// and its nodes, each node's config typed by its node_type. Read from the JSON of
// GET /v1/bot-flows/{id} (or of a frozen version, which has the same keys); a key of the wrong
// type reads as absent, and the check reports what that leaves missing.
namespace BotFlow {

using MenuOption = Bot::MenuOption;   // label, value, next

struct ConditionRule {
    QString variable;
    QString op;   // "operator" on the wire
    QJsonValue value;
    QString next;
};

struct MessageConfig {
    QString content;
    qint64 mediaFileId = 0;
    QString next;
};
struct MenuConfig {
    QString content;
    QList<MenuOption> options;
    QString invalidMessage;
};
struct InputConfig {
    QString content;
    QString variable;
    QString validation;   // text, number, email, phone, date or regex:<pattern>; empty = text
    QString invalidMessage;
    QString next;
};
struct ConditionConfig {
    QList<ConditionRule> rules;
    QString defaultNext;   // "default"
};
struct SetVariableConfig {
    QList<QPair<QString, QString>> assign;   // name, template
    QString next;
};
struct HttpRequestConfig {
    QString method;
    QString url;
    QJsonObject headers;
    QJsonValue body;
    qint64 timeoutMs = 0;
    QList<QPair<QString, QString>> save;   // name, JSON path
    QString next;
    QString onError;
};
struct TagConfig {
    QStringList chatTags;
    QStringList clientTags;
    QString next;
};
struct UpdateClientConfig {
    QJsonObject fields;
    QString next;
};
struct TransferConfig {
    QString targetType;   // queue, campaign or agent
    qint64 targetId = 0;
    QStringList skills;
    QString content;
};
struct DelayConfig {
    qint64 seconds = 0;
    QString next;
};
struct EndConfig {
    QString content;
    bool close = false;
    QString closeReason;
    QString outcome;
};
struct UnknownConfig {};

using NodeConfig =
    std::variant<UnknownConfig, MessageConfig, MenuConfig, InputConfig, ConditionConfig, SetVariableConfig,
                 HttpRequestConfig, TagConfig, UpdateClientConfig, TransferConfig, DelayConfig, EndConfig>;

// Where a node leads: the config field ("config.next", "config.options[1].next", …) and the node key.
struct Edge {
    QString field;
    QString target;
};

struct Node {
    qint64 id = 0;
    QString key;
    QString type;
    NodeConfig config;
    QJsonObject rawConfig;   // as stored, kept for what the typed config does not hold
    QString nextNodeKey;
    qint64 positionX = 0;
    qint64 positionY = 0;

    // Every edge the node's config names, in wire order; empty targets included.
    QList<Edge> edges() const;
    // Menus, inputs, delays, transfers and ends stop the engine's run of steps (they wait for the
    // customer or the clock, or end the session); the other types go on at once.
    bool waits() const;
};

struct Definition {
    qint64 id = 0;
    QString name;
    QString description;
    QString startNode;
    QString fallbackNode;
    QJsonObject variables;
    qint64 timeoutSeconds = 300;
    qint64 maxInvalidAttempts = 3;
    QList<Node> nodes;

    static Definition fromJson(const QJsonObject &json);
    const Node *node(const QString &key) const;
};

// The node types, in docs/BOT_FLOWS.md's order.
const QStringList &nodeTypes();
NodeConfig parseConfig(const QString &type, const QJsonObject &config);

// Meta's limits on a menu sent as interactive message: reply buttons up to 3, with titles up to
// 20 characters; a list up to 10 rows, with titles up to 24.
constexpr int kMaxButtons = 3;
constexpr int kMaxButtonLabel = 20;
constexpr int kMaxOptions = 10;
constexpr int kMaxListLabel = 24;

// One problem found by checkFlow(): the node (empty for the flow's own settings), the field as the
// 422's details name it ("nodes.<node_key>.config.options[0].label", "start_node_id"), and a
// message marked with QT_TRANSLATE_NOOP("Api", …) with its %1.. arguments.
struct Issue {
    QString nodeKey;
    QString field;
    const char *message = nullptr;
    QStringList args;
};

struct CheckResult {
    QList<Issue> errors;     // publishing is refused while there is one
    QList<Issue> warnings;   // told, not refused
};

// What publishing checks (docs/BOT_FLOWS.md#validation), in the flow's node order.
CheckResult checkFlow(const Definition &flow);

}   // namespace BotFlow

}   // namespace Conversa::Server
