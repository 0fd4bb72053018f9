#pragma once

#include "FlowGraph.h"

#include <QHash>
#include <QUndoCommand>

class FlowDocument;

// The editor's changes as QUndoStack commands. Each names nodes by key (rows move as nodes come
// and go) and keeps what it needs to undo exactly, including the references other nodes had to
// nodes it removes.

// Nodes added at the end of the flow: a new node, or pasted ones.
class AddNodesCommand : public QUndoCommand {
public:
    AddNodesCommand(FlowDocument &doc, const QList<FlowNode> &nodes, const QString &text);
    void redo() override;
    void undo() override;

private:
    FlowDocument &m_doc;
    QList<FlowNode> m_nodes;
};

// Nodes removed with every edge into them: the ports that led to them are left unconnected, and
// undo gives those ports back.
class RemoveNodesCommand : public QUndoCommand {
public:
    RemoveNodesCommand(FlowDocument &doc, const QStringList &keys, const QString &text);
    void redo() override;
    void undo() override;

private:
    FlowDocument &m_doc;
    QList<QPair<int, FlowNode>> m_removed;             // by row, ascending
    QList<QPair<QString, QJsonObject>> m_oldConfigs;   // of the nodes that led to them
    QList<QPair<QString, QJsonObject>> m_newConfigs;
};

// Nodes moved. While a drag goes on, each step merges into the same command (same id, same nodes),
// so one undo takes the whole drag back; finish() ends the merging.
class MoveNodesCommand : public QUndoCommand {
public:
    static constexpr int kId = 1;
    MoveNodesCommand(FlowDocument &doc, const QHash<QString, QPointF> &from, const QHash<QString, QPointF> &to,
                     const QString &text, bool dragging);
    void redo() override;
    void undo() override;
    int id() const override { return m_mergeable ? kId : -1; }
    bool mergeWith(const QUndoCommand *other) override;
    void finish() { m_dragging = false; }
    bool dragging() const { return m_dragging; }

private:
    FlowDocument &m_doc;
    QHash<QString, QPointF> m_from;
    QHash<QString, QPointF> m_to;
    bool m_dragging = false;
    bool m_mergeable = false;   // a drag's step; a layout or a keyboard move stands alone
};

// A node's config replaced: an edit of its fields, a port connected or disconnected, a menu
// option or condition rule added or removed.
class SetConfigCommand : public QUndoCommand {
public:
    SetConfigCommand(FlowDocument &doc, const QString &key, const QJsonObject &config, const QString &text);
    void redo() override;
    void undo() override;

private:
    FlowDocument &m_doc;
    QString m_key;
    QJsonObject m_old;
    QJsonObject m_new;
};

// A node's key changed, with every reference to it: other nodes' ports, the start and fallback.
class RenameNodeCommand : public QUndoCommand {
public:
    RenameNodeCommand(FlowDocument &doc, const QString &key, const QString &newKey, const QString &text);
    void redo() override;
    void undo() override;

private:
    FlowDocument &m_doc;
    QString m_old;
    QString m_new;
    QJsonObject m_oldSettings;
    QJsonObject m_newSettings;
    QList<QPair<QString, QJsonObject>> m_oldConfigs;   // by the node's key before the rename
    QList<QPair<QString, QJsonObject>> m_newConfigs;   // by its key after
};

// The flow's settings replaced (its start or fallback node).
class SetSettingsCommand : public QUndoCommand {
public:
    SetSettingsCommand(FlowDocument &doc, const QJsonObject &settings, const QString &text);
    void redo() override;
    void undo() override;

private:
    FlowDocument &m_doc;
    QJsonObject m_old;
    QJsonObject m_new;
};
