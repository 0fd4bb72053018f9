#include "FlowCommands.h"

#include "FlowDocument.h"

#include <algorithm>

using namespace Qt::StringLiterals;

AddNodesCommand::AddNodesCommand(FlowDocument &doc, const QList<FlowNode> &nodes, const QString &text)
    : QUndoCommand(text), m_doc(doc), m_nodes(nodes)
{}

void AddNodesCommand::redo()
{
    for (const FlowNode &n : std::as_const(m_nodes))
        m_doc.insertNode(m_doc.graph().size(), n);
}

void AddNodesCommand::undo()
{
    for (auto it = m_nodes.crbegin(); it != m_nodes.crend(); ++it)
        m_doc.removeNode(m_doc.graph().indexOf(it->key));
}

RemoveNodesCommand::RemoveNodesCommand(FlowDocument &doc, const QStringList &keys, const QString &text)
    : QUndoCommand(text), m_doc(doc)
{
    const FlowGraph &g = doc.graph();
    for (const QString &key : keys) {
        const int row = g.indexOf(key);
        if (row >= 0 &&
            std::none_of(m_removed.begin(), m_removed.end(), [row](const auto &r) { return r.first == row; }))
            m_removed.append({row, g.node(row)});
    }
    std::sort(m_removed.begin(), m_removed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const FlowNode &n : g.nodes()) {
        if (std::any_of(m_removed.begin(), m_removed.end(), [&n](const auto &r) { return r.second.key == n.key; }))
            continue;
        QJsonObject config = n.config;
        for (const auto &r : std::as_const(m_removed))
            config = FlowGraph::withoutTargets(config, n.type, r.second.key);
        if (config != n.config) {
            m_oldConfigs.append({n.key, n.config});
            m_newConfigs.append({n.key, config});
        }
    }
}

void RemoveNodesCommand::redo()
{
    for (const auto &[key, config] : std::as_const(m_newConfigs))
        m_doc.setNodeConfig(m_doc.graph().indexOf(key), config);
    for (auto it = m_removed.crbegin(); it != m_removed.crend(); ++it)
        m_doc.removeNode(it->first);
}

void RemoveNodesCommand::undo()
{
    for (const auto &[row, node] : std::as_const(m_removed))
        m_doc.insertNode(row, node);
    for (const auto &[key, config] : std::as_const(m_oldConfigs))
        m_doc.setNodeConfig(m_doc.graph().indexOf(key), config);
}

MoveNodesCommand::MoveNodesCommand(FlowDocument &doc, const QHash<QString, QPointF> &from,
                                   const QHash<QString, QPointF> &to, const QString &text, bool dragging)
    : QUndoCommand(text), m_doc(doc), m_from(from), m_to(to), m_dragging(dragging), m_mergeable(dragging)
{
    setObsolete(from == to);   // nothing moved: QUndoStack::push() drops it
}

void MoveNodesCommand::redo()
{
    for (auto it = m_to.cbegin(); it != m_to.cend(); ++it)
        m_doc.setNodePosition(m_doc.graph().indexOf(it.key()), it.value());
}

void MoveNodesCommand::undo()
{
    m_dragging = false;   // a drag undone is over: a later step starts a new command
    for (auto it = m_from.cbegin(); it != m_from.cend(); ++it)
        m_doc.setNodePosition(m_doc.graph().indexOf(it.key()), it.value());
}

bool MoveNodesCommand::mergeWith(const QUndoCommand *other)
{
    const auto *move = static_cast<const MoveNodesCommand *>(other);
    QStringList mine = m_to.keys(), theirs = move->m_to.keys();
    mine.sort();
    theirs.sort();
    if (!m_dragging || mine != theirs) {
        m_dragging = false;   // another drag started: this one is over
        return false;
    }
    m_to = move->m_to;
    m_dragging = move->m_dragging;
    setObsolete(m_to == m_from);
    return true;
}

SetConfigCommand::SetConfigCommand(FlowDocument &doc, const QString &key, const QJsonObject &config,
                                   const QString &text)
    : QUndoCommand(text),
      m_doc(doc),
      m_key(key),
      m_old(doc.graph().node(doc.graph().indexOf(key)).config),
      m_new(config)
{}

void SetConfigCommand::redo()
{
    m_doc.setNodeConfig(m_doc.graph().indexOf(m_key), m_new);
}

void SetConfigCommand::undo()
{
    m_doc.setNodeConfig(m_doc.graph().indexOf(m_key), m_old);
}

RenameNodeCommand::RenameNodeCommand(FlowDocument &doc, const QString &key, const QString &newKey, const QString &text)
    : QUndoCommand(text), m_doc(doc), m_old(key), m_new(newKey), m_oldSettings(doc.graph().settings())
{
    m_newSettings = m_oldSettings;
    for (const QString &setting : {u"start_node_id"_s, u"fallback_node_id"_s}) {
        if (m_newSettings.value(setting).toString() == key)
            m_newSettings.insert(setting, newKey);
    }
    for (const FlowNode &n : doc.graph().nodes()) {
        const QJsonObject config = FlowGraph::withRenamedTargets(n.config, n.type, key, newKey);
        if (config != n.config) {
            m_oldConfigs.append({n.key, n.config});
            m_newConfigs.append({n.key == key ? newKey : n.key, config});
        }
    }
}

void RenameNodeCommand::redo()
{
    m_doc.setNodeKey(m_doc.graph().indexOf(m_old), m_new);
    for (const auto &[key, config] : std::as_const(m_newConfigs))
        m_doc.setNodeConfig(m_doc.graph().indexOf(key), config);
    m_doc.setSettings(m_newSettings);
}

void RenameNodeCommand::undo()
{
    m_doc.setNodeKey(m_doc.graph().indexOf(m_new), m_old);
    for (const auto &[key, config] : std::as_const(m_oldConfigs))
        m_doc.setNodeConfig(m_doc.graph().indexOf(key), config);
    m_doc.setSettings(m_oldSettings);
}

SetSettingsCommand::SetSettingsCommand(FlowDocument &doc, const QJsonObject &settings, const QString &text)
    : QUndoCommand(text), m_doc(doc), m_old(doc.graph().settings()), m_new(settings)
{}

void SetSettingsCommand::redo()
{
    m_doc.setSettings(m_new);
}

void SetSettingsCommand::undo()
{
    m_doc.setSettings(m_old);
}
