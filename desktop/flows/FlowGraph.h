#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

// A bot flow as the visual editor sees it (docs/BOT_FLOWS.md#the-graph), plain C++ apart from any
// view: nodes with their key, type, config and position; ports, the node's outgoing connection
// points, derived from its type and config; and edges, the ports connected to a node. The config
// is kept as the server sent it, so the conversion to and from the flow's JSON loses nothing:
// fields this editor does not know stay where they were.

// One port: its config field as the server's publish problems name it ("config.next",
// "config.options[1].next", "config.rules[0].next", "config.default", "config.on_error"), the kind
// of port (next, option, rule, default, on_error), its index among the options or rules, and the
// node it leads to (empty when unconnected).
struct FlowPort {
    QString field;
    QString kind;
    int index = -1;
    QString target;

    bool operator==(const FlowPort &) const = default;
};

// A node: its key (unique in the flow), node_type, config as the server keeps it, and where the
// editor draws it (position_x, position_y).
struct FlowNode {
    QString key;
    QString type;
    QJsonObject config;
    QPointF position;
    QJsonObject extra;   // the node's other keys as the server sent them (id, next_node_key…)

    bool operator==(const FlowNode &) const = default;
};

// A connected port: from a node's port to another node.
struct FlowEdge {
    QString from;
    QString field;
    QString to;

    bool operator==(const FlowEdge &) const = default;
};

// The flow: its settings (every key of the flow's JSON but `nodes`) and its nodes in order.
class FlowGraph {
public:
    // A flow as GET /v1/bot-flows/{id} (or a version) answers it. Settings keep every key but nodes.
    static FlowGraph fromJson(const QJsonObject &flow);
    // The same shape back: the settings, then nodes in order; next_node_key, when the node had it,
    // mirrors config.next as the server does.
    QJsonObject toJson() const;
    static FlowNode nodeFromJson(const QJsonObject &json);
    static QJsonObject nodeToJson(const FlowNode &node);

    const QJsonObject &settings() const { return m_settings; }
    void setSettings(const QJsonObject &settings) { m_settings = settings; }
    QString startNode() const;
    QString fallbackNode() const;

    const QList<FlowNode> &nodes() const { return m_nodes; }
    int size() const { return int(m_nodes.size()); }
    const FlowNode &node(int row) const { return m_nodes[row]; }
    int indexOf(const QString &key) const;
    bool contains(const QString &key) const { return indexOf(key) >= 0; }
    QStringList keys() const;

    void insertNode(int row, const FlowNode &node);
    FlowNode takeNode(int row);
    void setPosition(int row, QPointF position) { m_nodes[row].position = position; }
    void setConfig(int row, const QJsonObject &config) { m_nodes[row].config = config; }
    void setKey(int row, const QString &key);

    // Every connected port, node by node in port order.
    QList<FlowEdge> edges() const;

    // The node types, in docs/BOT_FLOWS.md's order; whether a type waits for the customer or the
    // clock (menu, input, delay) or ends the session (transfer, end).
    static const QStringList &nodeTypes();
    static bool waits(const QString &type);
    // The ports a node of this type and config has, in wire order.
    static QList<FlowPort> ports(const QString &type, const QJsonObject &config);
    static QList<FlowPort> ports(const FlowNode &node) { return ports(node.type, node.config); }
    // The config with the port `field` leading to `target`; an empty target removes the reference.
    // Unchanged when the field names no port of the config.
    static QJsonObject withTarget(const QJsonObject &config, const QString &field, const QString &target);
    // The config with every reference to `key` removed.
    static QJsonObject withoutTargets(const QJsonObject &config, const QString &type, const QString &key);
    // The config with every reference to `from` leading to `to` instead.
    static QJsonObject withRenamedTargets(const QJsonObject &config, const QString &type, const QString &from,
                                          const QString &to);
    // A config for a new node of the type: its required fields, empty.
    static QJsonObject defaultConfig(const QString &type);

    // Node keys: letters, digits, - and _, at most 64 (the server's rule).
    static bool isValidKey(const QString &key);
    // `base` if no node has it, else base_2, base_3… (cut to fit 64 characters).
    static QString uniqueKey(const QString &base, const QStringList &taken);

    // Nodes copied from one flow, ready to be pasted into one whose keys are `taken`: a key that
    // clashes is renamed, references between the copied nodes follow the renames, and references
    // to nodes outside the copied set are dropped. Server ids are dropped too (the pasted nodes are new).
    static QList<FlowNode> prepareForPaste(const QList<FlowNode> &copied, const QStringList &taken);

private:
    void reindex();

    QJsonObject m_settings;
    QList<FlowNode> m_nodes;
    QHash<QString, int> m_rows;   // node key -> row, for the checks and commands that look nodes up by key
};
