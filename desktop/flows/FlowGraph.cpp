#include "FlowGraph.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace {

constexpr int kMaxKeyLength = 64;

QString textOf(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString() : QString();
}

// The lists whose items are ports: a menu's options, a condition's rules.
QList<FlowPort> listPorts(const QJsonObject &config, const QString &list, const QString &kind)
{
    QList<FlowPort> out;
    const QJsonArray items = config.value(list).toArray();
    for (qsizetype i = 0; i < items.size(); ++i)
        out.append({u"config."_s + list + u'[' + QString::number(i) + u"].next"_s, kind, int(i),
                    textOf(items.at(i).toObject(), u"next"_s)});
    return out;
}

FlowPort keyPort(const QJsonObject &config, const QString &key)
{
    return {u"config."_s + key, key, -1, textOf(config, key)};
}

}   // namespace

FlowGraph FlowGraph::fromJson(const QJsonObject &flow)
{
    FlowGraph g;
    g.m_settings = flow;
    g.m_settings.remove(u"nodes"_s);
    for (const QJsonValue &v : flow.value(u"nodes"_s).toArray())
        g.m_nodes.append(nodeFromJson(v.toObject()));
    g.reindex();
    return g;
}

QJsonObject FlowGraph::toJson() const
{
    QJsonObject out = m_settings;
    QJsonArray nodes;
    for (const FlowNode &n : m_nodes)
        nodes.append(nodeToJson(n));
    out.insert(u"nodes"_s, nodes);
    return out;
}

FlowNode FlowGraph::nodeFromJson(const QJsonObject &json)
{
    FlowNode n;
    n.key = textOf(json, u"node_key"_s);
    n.type = textOf(json, u"node_type"_s);
    n.config = json.value(u"config"_s).toObject();
    n.position = QPointF(json.value(u"position_x"_s).toDouble(), json.value(u"position_y"_s).toDouble());
    n.extra = json;
    for (const QString &k : {u"node_key"_s, u"node_type"_s, u"config"_s, u"position_x"_s, u"position_y"_s})
        n.extra.remove(k);
    return n;
}

QJsonObject FlowGraph::nodeToJson(const FlowNode &node)
{
    QJsonObject out = node.extra;
    out.insert(u"node_key"_s, node.key);
    out.insert(u"node_type"_s, node.type);
    out.insert(u"config"_s, node.config);
    // The server keeps whole positions.
    out.insert(u"position_x"_s, qRound64(node.position.x()));
    out.insert(u"position_y"_s, qRound64(node.position.y()));
    if (out.contains(u"next_node_key"_s)) {
        const QJsonValue next = node.config.value(u"next"_s);
        out.insert(u"next_node_key"_s, next.isString() ? next : QJsonValue());
    }
    return out;
}

QString FlowGraph::startNode() const
{
    return textOf(m_settings, u"start_node_id"_s);
}

QString FlowGraph::fallbackNode() const
{
    return textOf(m_settings, u"fallback_node_id"_s);
}

int FlowGraph::indexOf(const QString &key) const
{
    return m_rows.value(key, -1);
}

void FlowGraph::reindex()
{
    m_rows.clear();
    for (int i = int(m_nodes.size()) - 1; i >= 0; --i)   // the first of equal keys wins
        m_rows.insert(m_nodes[i].key, i);
}

QStringList FlowGraph::keys() const
{
    QStringList out;
    out.reserve(m_nodes.size());
    for (const FlowNode &n : m_nodes)
        out.append(n.key);
    return out;
}

void FlowGraph::insertNode(int row, const FlowNode &node)
{
    m_nodes.insert(qBound(0, row, size()), node);
    reindex();
}

void FlowGraph::setKey(int row, const QString &key)
{
    m_nodes[row].key = key;
    reindex();
}

FlowNode FlowGraph::takeNode(int row)
{
    FlowNode node = m_nodes.takeAt(row);
    reindex();
    return node;
}

QList<FlowEdge> FlowGraph::edges() const
{
    QList<FlowEdge> out;
    for (const FlowNode &n : m_nodes) {
        for (const FlowPort &p : ports(n)) {
            if (m_rows.contains(p.target))
                out.append({n.key, p.field, p.target});
        }
    }
    return out;
}

const QStringList &FlowGraph::nodeTypes()
{
    static const QStringList types{u"message"_s,      u"menu"_s,         u"input"_s, u"condition"_s,
                                   u"set_variable"_s, u"http_request"_s, u"tag"_s,   u"update_client"_s,
                                   u"transfer"_s,     u"delay"_s,        u"end"_s};
    return types;
}

bool FlowGraph::waits(const QString &type)
{
    return type == "menu"_L1 || type == "input"_L1 || type == "delay"_L1 || type == "transfer"_L1 || type == "end"_L1;
}

QList<FlowPort> FlowGraph::ports(const QString &type, const QJsonObject &config)
{
    if (type == "menu"_L1)
        return listPorts(config, u"options"_s, u"option"_s);
    if (type == "condition"_L1)
        return listPorts(config, u"rules"_s, u"rule"_s) << keyPort(config, u"default"_s);
    if (type == "http_request"_L1)
        return {keyPort(config, u"next"_s), keyPort(config, u"on_error"_s)};
    if (type == "message"_L1 || type == "input"_L1 || type == "set_variable"_L1 || type == "tag"_L1 ||
        type == "update_client"_L1 || type == "delay"_L1)
        return {keyPort(config, u"next"_s)};
    return {};   // transfer, end, and types this editor does not know
}

QJsonObject FlowGraph::withTarget(const QJsonObject &config, const QString &field, const QString &target)
{
    static const QRegularExpression listField(u"^config\\.(options|rules)\\[(\\d+)\\]\\.next$"_s);
    QJsonObject out = config;
    if (field == "config.next"_L1 || field == "config.default"_L1 || field == "config.on_error"_L1) {
        const QString key = field.mid(7);
        if (target.isEmpty())
            out.remove(key);
        else
            out.insert(key, target);
        return out;
    }
    const QRegularExpressionMatch m = listField.match(field);
    if (!m.hasMatch())
        return out;
    QJsonArray items = config.value(m.captured(1)).toArray();
    const qsizetype i = m.captured(2).toLongLong();
    if (i >= items.size())
        return out;
    QJsonObject item = items.at(i).toObject();
    if (target.isEmpty())
        item.remove(u"next"_s);
    else
        item.insert(u"next"_s, target);
    items.replace(i, item);
    out.insert(m.captured(1), items);
    return out;
}

QJsonObject FlowGraph::withoutTargets(const QJsonObject &config, const QString &type, const QString &key)
{
    QJsonObject out = config;
    for (const FlowPort &p : ports(type, config)) {
        if (p.target == key)
            out = withTarget(out, p.field, {});
    }
    return out;
}

QJsonObject FlowGraph::withRenamedTargets(const QJsonObject &config, const QString &type, const QString &from,
                                          const QString &to)
{
    QJsonObject out = config;
    for (const FlowPort &p : ports(type, config)) {
        if (p.target == from)
            out = withTarget(out, p.field, to);
    }
    return out;
}

QJsonObject FlowGraph::defaultConfig(const QString &type)
{
    if (type == "message"_L1)
        return {{u"content"_s, QString()}};
    if (type == "menu"_L1)
        return {{u"content"_s, QString()}, {u"options"_s, QJsonArray()}};
    if (type == "input"_L1)
        return {{u"content"_s, QString()}, {u"variable"_s, QString()}, {u"validation"_s, u"text"_s}};
    if (type == "condition"_L1)
        return {{u"rules"_s, QJsonArray()}};
    if (type == "set_variable"_L1)
        return {{u"assign"_s, QJsonObject()}};
    if (type == "http_request"_L1)
        return {{u"method"_s, u"GET"_s}, {u"url"_s, QString()}};
    if (type == "tag"_L1)
        return {{u"chat_tags"_s, QJsonArray()}, {u"client_tags"_s, QJsonArray()}};
    if (type == "update_client"_L1)
        return {{u"fields"_s, QJsonObject()}};
    if (type == "transfer"_L1)
        return {{u"target_type"_s, u"queue"_s}};
    if (type == "delay"_L1)
        return {{u"seconds"_s, 60}};
    return {};
}

bool FlowGraph::isValidKey(const QString &key)
{
    static const QRegularExpression re(u"^[A-Za-z0-9_-]{1,64}$"_s);
    return re.match(key).hasMatch();
}

QString FlowGraph::uniqueKey(const QString &base, const QStringList &taken)
{
    const QString stem = base.isEmpty() ? u"node"_s : base.left(kMaxKeyLength);
    if (!taken.contains(stem))
        return stem;
    for (int n = 2;; ++n) {
        const QString suffix = u'_' + QString::number(n);
        const QString key = stem.left(kMaxKeyLength - suffix.size()) + suffix;
        if (!taken.contains(key))
            return key;
    }
}

QList<FlowNode> FlowGraph::prepareForPaste(const QList<FlowNode> &copied, const QStringList &taken)
{
    QStringList used = taken;
    QHash<QString, QString> renamed;
    for (const FlowNode &n : copied) {
        const QString key = uniqueKey(n.key, used);
        used.append(key);
        renamed.insert(n.key, key);
    }
    QList<FlowNode> out;
    for (FlowNode n : copied) {
        n.key = renamed.value(n.key);
        for (const FlowPort &p : ports(n)) {
            if (!p.target.isEmpty())
                n.config = withTarget(n.config, p.field, renamed.value(p.target));
        }
        n.extra.remove(u"id"_s);
        out.append(n);
    }
    return out;
}
