#include "FlowDocument.h"

#include "FlowCommands.h"
#include "FlowQueries.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

// What copyNodes() writes: a marker, so that paste() ignores other text on the clipboard.
const QString kClipboardFormat = u"conversa-flow-nodes"_s;

}   // namespace

FlowDocument::FlowDocument(QObject *parent)
    : QObject(parent), m_nodes(new FlowNodeModel(m_graph, this)), m_edges(new FlowEdgeModel(m_graph, this))
{
    connect(&m_undo, &QUndoStack::indexChanged, this, &FlowDocument::historyChanged);
    connect(&m_undo, &QUndoStack::cleanChanged, this, &FlowDocument::historyChanged);
}

void FlowDocument::load(const QJsonObject &flow)
{
    m_undo.clear();
    m_nodes->beginLoad();
    m_graph = FlowGraph::fromJson(flow);
    m_nodes->endLoad();
    m_edges->reload();
    m_serverProblems.clear();
    revalidate();
    emit startNodeChanged();
    emit fallbackNodeChanged();
    emit historyChanged();
}

QList<FlowProblem> FlowDocument::problemsOf(const QString &nodeKey) const
{
    QList<FlowProblem> out;
    for (const FlowProblem &p : m_problems) {
        if (p.nodeKey == nodeKey)
            out.append(p);
    }
    return out;
}

QVariantList FlowDocument::problemList() const
{
    QVariantList out;
    for (const FlowProblem &p : m_problems)
        out.append(QVariantMap{{u"severity"_s, p.severity == FlowProblem::Error ? u"error"_s : u"warning"_s},
                               {u"kind"_s, p.kind},
                               {u"nodeKey"_s, p.nodeKey},
                               {u"field"_s, p.field},
                               {u"port"_s, p.port},
                               {u"message"_s, p.message}});
    return out;
}

int FlowDocument::errorCount() const
{
    return int(std::count_if(m_problems.begin(), m_problems.end(),
                             [](const FlowProblem &p) { return p.severity == FlowProblem::Error; }));
}

int FlowDocument::warningCount() const
{
    return int(m_problems.size()) - errorCount();
}

void FlowDocument::setServerError(const QJsonObject &errorBody)
{
    m_serverProblems = FlowValidator::fromServerError(errorBody);
    revalidate();
}

void FlowDocument::setServerWarnings(const QJsonArray &warnings)
{
    m_serverProblems = FlowValidator::fromServerDetails(warnings, FlowProblem::Warning);
    revalidate();
}

void FlowDocument::clearServerProblems()
{
    if (m_serverProblems.isEmpty())
        return;
    m_serverProblems.clear();
    revalidate();
}

// --- commands

QString FlowDocument::addNode(const QString &type, qreal x, qreal y)
{
    closeDrag();
    if (!FlowGraph::nodeTypes().contains(type))
        return {};
    FlowNode n;
    n.key = FlowGraph::uniqueKey(type, m_graph.keys());
    n.type = type;
    n.config = FlowGraph::defaultConfig(type);
    n.position = QPointF(x, y);
    m_undo.push(new AddNodesCommand(*this, {n}, tr("Add node %1").arg(n.key)));
    return n.key;
}

void FlowDocument::removeNodes(const QStringList &keys)
{
    closeDrag();
    QStringList present;
    for (const QString &key : keys) {
        if (m_graph.contains(key) && !present.contains(key))
            present.append(key);
    }
    if (present.isEmpty())
        return;
    const QString text =
        present.size() == 1 ? tr("Delete node %1").arg(present.first()) : tr("Delete %1 nodes").arg(present.size());
    m_undo.push(new RemoveNodesCommand(*this, present, text));
}

void FlowDocument::moveNode(const QString &key, qreal x, qreal y)
{
    const int row = m_graph.indexOf(key);
    if (row < 0)
        return;
    m_undo.push(new MoveNodesCommand(*this, {{key, m_graph.node(row).position}}, {{key, QPointF(x, y)}},
                                     tr("Move node %1").arg(key), true));
}

void FlowDocument::moveNodesBy(const QStringList &keys, qreal dx, qreal dy)
{
    QHash<QString, QPointF> from, to;
    for (const QString &key : keys) {
        const int row = m_graph.indexOf(key);
        if (row < 0)
            continue;
        from.insert(key, m_graph.node(row).position);
        to.insert(key, m_graph.node(row).position + QPointF(dx, dy));
    }
    if (from.isEmpty())
        return;
    const QString text =
        from.size() == 1 ? tr("Move node %1").arg(from.begin().key()) : tr("Move %1 nodes").arg(from.size());
    m_undo.push(new MoveNodesCommand(*this, from, to, text, true));
}

void FlowDocument::finishMove()
{
    closeDrag();
}

void FlowDocument::closeDrag()
{
    // The command on top of the history, when it is a drag still merging its steps.
    if (m_undo.index() == 0 || m_undo.index() != m_undo.count())
        return;
    const QUndoCommand *top = m_undo.command(m_undo.index() - 1);
    if (top->id() == MoveNodesCommand::kId)
        const_cast<MoveNodesCommand *>(static_cast<const MoveNodesCommand *>(top))->finish();
}

bool FlowDocument::connectPort(const QString &from, const QString &port, const QString &to)
{
    const int row = m_graph.indexOf(from);
    if (row < 0 || !m_graph.contains(to))
        return false;
    const FlowNode &n = m_graph.node(row);
    const QList<FlowPort> ports = FlowGraph::ports(n);
    const auto it = std::find_if(ports.begin(), ports.end(), [&port](const FlowPort &p) { return p.field == port; });
    if (it == ports.end() || it->target == to)
        return false;
    return setConfig(from, FlowGraph::withTarget(n.config, port, to), tr("Connect %1 to %2").arg(from, to));
}

bool FlowDocument::disconnectPort(const QString &from, const QString &port)
{
    const int row = m_graph.indexOf(from);
    if (row < 0)
        return false;
    const FlowNode &n = m_graph.node(row);
    const QList<FlowPort> ports = FlowGraph::ports(n);
    const auto it = std::find_if(ports.begin(), ports.end(), [&port](const FlowPort &p) { return p.field == port; });
    if (it == ports.end() || it->target.isEmpty())
        return false;
    return setConfig(from, FlowGraph::withTarget(n.config, port, {}),
                     tr("Disconnect %1 from %2").arg(from, it->target));
}

bool FlowDocument::setConfig(const QString &key, const QVariantMap &config)
{
    return setConfig(key, QJsonObject::fromVariantMap(config));
}

bool FlowDocument::setConfig(const QString &key, const QJsonObject &config, const QString &text)
{
    closeDrag();
    const int row = m_graph.indexOf(key);
    if (row < 0 || m_graph.node(row).config == config)
        return false;
    m_undo.push(new SetConfigCommand(*this, key, config, text.isEmpty() ? tr("Edit node %1").arg(key) : text));
    return true;
}

void FlowDocument::listChanged(const QString &key, const QString &list, const QJsonArray &items, const QString &text)
{
    QJsonObject config = m_graph.node(m_graph.indexOf(key)).config;
    config.insert(list, items);
    setConfig(key, config, text);
}

bool FlowDocument::addMenuOption(const QString &key, const QString &label)
{
    const int row = m_graph.indexOf(key);
    if (row < 0 || m_graph.node(row).type != "menu"_L1)
        return false;
    QJsonArray options = m_graph.node(row).config.value(u"options"_s).toArray();
    options.append(QJsonObject{{u"label"_s, label}, {u"value"_s, label}});
    listChanged(key, u"options"_s, options, tr("Add option to %1").arg(key));
    return true;
}

bool FlowDocument::removeMenuOption(const QString &key, int index)
{
    const int row = m_graph.indexOf(key);
    if (row < 0 || m_graph.node(row).type != "menu"_L1)
        return false;
    QJsonArray options = m_graph.node(row).config.value(u"options"_s).toArray();
    if (index < 0 || index >= options.size())
        return false;
    options.removeAt(index);
    listChanged(key, u"options"_s, options, tr("Remove option from %1").arg(key));
    return true;
}

bool FlowDocument::addConditionRule(const QString &key, const QString &variable)
{
    const int row = m_graph.indexOf(key);
    if (row < 0 || m_graph.node(row).type != "condition"_L1)
        return false;
    QJsonArray rules = m_graph.node(row).config.value(u"rules"_s).toArray();
    rules.append(QJsonObject{{u"variable"_s, variable}, {u"operator"_s, u"exists"_s}});
    listChanged(key, u"rules"_s, rules, tr("Add rule to %1").arg(key));
    return true;
}

bool FlowDocument::removeConditionRule(const QString &key, int index)
{
    const int row = m_graph.indexOf(key);
    if (row < 0 || m_graph.node(row).type != "condition"_L1)
        return false;
    QJsonArray rules = m_graph.node(row).config.value(u"rules"_s).toArray();
    if (index < 0 || index >= rules.size())
        return false;
    rules.removeAt(index);
    listChanged(key, u"rules"_s, rules, tr("Remove rule from %1").arg(key));
    return true;
}

bool FlowDocument::setStartNode(const QString &key)
{
    closeDrag();
    if (!m_graph.contains(key) || m_graph.startNode() == key)
        return false;
    QJsonObject settings = m_graph.settings();
    settings.insert(u"start_node_id"_s, key);
    m_undo.push(new SetSettingsCommand(*this, settings, tr("Start the flow at %1").arg(key)));
    return true;
}

bool FlowDocument::setFallbackNode(const QString &key)
{
    closeDrag();
    if ((!key.isEmpty() && !m_graph.contains(key)) || m_graph.fallbackNode() == key)
        return false;
    QJsonObject settings = m_graph.settings();
    settings.insert(u"fallback_node_id"_s, key.isEmpty() ? QJsonValue() : QJsonValue(key));
    m_undo.push(new SetSettingsCommand(*this, settings,
                                       key.isEmpty() ? tr("Remove the fallback node")
                                                     : tr("Send timeouts and invalid answers to %1").arg(key)));
    return true;
}

bool FlowDocument::renameNode(const QString &key, const QString &newKey)
{
    closeDrag();
    if (!m_graph.contains(key) || key == newKey || !FlowGraph::isValidKey(newKey) || m_graph.contains(newKey))
        return false;
    m_undo.push(new RenameNodeCommand(*this, key, newKey, tr("Rename %1 to %2").arg(key, newKey)));
    return true;
}

QString FlowDocument::copyNodes(const QStringList &keys) const
{
    QJsonArray nodes;
    for (const FlowNode &n : m_graph.nodes()) {
        if (keys.contains(n.key))
            nodes.append(FlowGraph::nodeToJson(n));
    }
    if (nodes.isEmpty())
        return {};
    return QString::fromUtf8(QJsonDocument(QJsonObject{{u"format"_s, kClipboardFormat}, {u"nodes"_s, nodes}})
                                 .toJson(QJsonDocument::Compact));
}

QStringList FlowDocument::paste(const QString &text, qreal dx, qreal dy)
{
    closeDrag();
    const QJsonObject clip = QJsonDocument::fromJson(text.toUtf8()).object();
    if (clip.value(u"format"_s).toString() != kClipboardFormat)
        return {};
    QList<FlowNode> copied;
    for (const QJsonValue &v : clip.value(u"nodes"_s).toArray()) {
        FlowNode n = FlowGraph::nodeFromJson(v.toObject());
        if (FlowGraph::isValidKey(n.key))
            copied.append(n);
    }
    if (copied.isEmpty())
        return {};
    QList<FlowNode> pasted = FlowGraph::prepareForPaste(copied, m_graph.keys());
    QStringList keys;
    for (FlowNode &n : pasted) {
        n.position += QPointF(dx, dy);
        keys.append(n.key);
    }
    m_undo.push(new AddNodesCommand(*this, pasted,
                                    pasted.size() == 1 ? tr("Paste node %1").arg(keys.first())
                                                       : tr("Paste %1 nodes").arg(pasted.size())));
    return keys;
}

void FlowDocument::autoLayout(int direction)
{
    closeDrag();
    FlowLayout::Options options;
    options.direction = direction == FlowLayout::TopToBottom ? FlowLayout::TopToBottom : FlowLayout::LeftToRight;
    const QHash<QString, QPointF> to = FlowLayout::compute(m_graph, options);
    QHash<QString, QPointF> from;
    for (const FlowNode &n : m_graph.nodes())
        from.insert(n.key, n.position);
    if (from == to)
        return;
    m_undo.push(new MoveNodesCommand(*this, from, to, tr("Arrange the nodes automatically"), false));
}

// --- what the commands do

void FlowDocument::insertNode(int row, const FlowNode &node)
{
    row = qBound(0, row, m_graph.size());
    m_nodes->beginInsert(row);
    m_graph.insertNode(row, node);
    m_nodes->endInsert();
    m_serverProblems.clear();
    m_edges->sync();
    revalidate();
    if (node.key == m_graph.startNode())
        emit startNodeChanged();
}

void FlowDocument::removeNode(int row)
{
    if (row < 0 || row >= m_graph.size())
        return;
    m_nodes->beginRemove(row);
    const FlowNode node = m_graph.takeNode(row);
    m_nodes->endRemove();
    m_serverProblems.clear();
    m_edges->sync();
    revalidate();
    if (node.key == m_graph.startNode())
        emit startNodeChanged();
}

void FlowDocument::setNodePosition(int row, QPointF position)
{
    if (row < 0 || row >= m_graph.size() || m_graph.node(row).position == position)
        return;
    m_graph.setPosition(row, position);
    m_nodes->rowChanged(row, {FlowNodeModel::XRole, FlowNodeModel::YRole});
}

void FlowDocument::setNodeConfig(int row, const QJsonObject &config)
{
    if (row < 0 || row >= m_graph.size())
        return;
    m_graph.setConfig(row, config);
    m_nodes->rowChanged(row, {FlowNodeModel::ConfigRole, FlowNodeModel::PortsRole});
    m_serverProblems.clear();
    m_edges->sync({m_graph.node(row).key});
    revalidate();
}

void FlowDocument::setNodeKey(int row, const QString &key)
{
    if (row < 0 || row >= m_graph.size())
        return;
    m_graph.setKey(row, key);
    m_nodes->rowChanged(row,
                        {Qt::DisplayRole, FlowNodeModel::KeyRole, FlowNodeModel::IsStartRole,
                         FlowNodeModel::IsFallbackRole});
    m_serverProblems.clear();
    m_edges->sync();
    revalidate();
}

void FlowDocument::setSettings(const QJsonObject &settings)
{
    const QString oldStart = m_graph.startNode(), oldFallback = m_graph.fallbackNode();
    m_graph.setSettings(settings);
    m_serverProblems.clear();
    for (const QString &key : {oldStart, m_graph.startNode(), oldFallback, m_graph.fallbackNode()}) {
        const int row = m_graph.indexOf(key);
        if (row >= 0)
            m_nodes->rowChanged(row, {FlowNodeModel::IsStartRole, FlowNodeModel::IsFallbackRole});
    }
    revalidate();
    if (oldStart != m_graph.startNode())
        emit startNodeChanged();
    if (oldFallback != m_graph.fallbackNode())
        emit fallbackNodeChanged();
}

void FlowDocument::revalidate()
{
    QList<FlowProblem> problems = FlowValidator::check(m_graph);
    problems.append(m_serverProblems);
    // The flow's own problems first, then node by node in the flow's order.
    std::stable_sort(problems.begin(), problems.end(), [this](const FlowProblem &a, const FlowProblem &b) {
        return m_graph.indexOf(a.nodeKey) < m_graph.indexOf(b.nodeKey);
    });
    QHash<QString, QList<FlowProblem>> byNode;
    for (const FlowProblem &p : std::as_const(problems)) {
        if (!p.nodeKey.isEmpty())
            byNode[p.nodeKey].append(p);
    }
    m_nodes->setProblems(byNode);
    if (problems != m_problems) {
        m_problems = problems;
        emit problemsChanged();
    }
}

QStringList FlowDocument::variablesInScope(const QString &key) const
{
    return FlowQueries::variablesInScope(m_graph, key);
}

QStringList FlowDocument::search(const QString &text) const
{
    return FlowQueries::search(m_graph, text);
}

QVariantMap FlowDocument::testPattern(const QString &pattern, const QString &sample, bool whole) const
{
    return FlowQueries::testPattern(pattern, sample, whole);
}
