#pragma once

#include "FlowGraph.h"
#include "FlowValidator.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

// The flow's nodes, one row per node in the flow's order, for the editor's canvas. The rows are
// the document's graph (FlowDocument changes it and tells this model row by row); the problems
// are the document's too. Never reset except for a fresh load.
class FlowNodeModel : public QAbstractListModel {
    Q_OBJECT
    QML_ANONYMOUS
public:
    enum Role {
        KeyRole = Qt::UserRole + 1,   // QString: node_key
        TypeRole,                     // QString: node_type
        ConfigRole,                   // QVariantMap: the config as the server keeps it
        XRole,                        // qreal: position_x
        YRole,                        // qreal: position_y
        PortsRole,         // QVariantList of {field, kind, index, label, target, connected, hasError}, in wire order
        IsStartRole,       // bool: the flow's start node
        IsFallbackRole,    // bool: where timeouts and invalid answers go
        ProblemsRole,      // QVariantList of {severity ("error"/"warning"), kind, field, port, message}
        HasErrorsRole,     // bool: a problem that stops publishing
        HasWarningsRole,   // bool
    };
    Q_ENUM(Role)

    explicit FlowNodeModel(const FlowGraph &graph, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    // A row's roles by name, for QML code that reads rows outside a delegate (the canvas's edges).
    Q_INVOKABLE QVariantMap get(int row) const;
    // The row of a node by key (-1 when none): where an edge's ends are drawn.
    Q_INVOKABLE int rowOf(const QString &key) const { return m_graph.indexOf(key); }

    // How a port is labelled on the canvas: an option's label, a rule as "variable operator value",
    // "Next", "Otherwise", "On error".
    static QString portLabel(const FlowNode &node, const FlowPort &port);

    // Called by FlowDocument around its changes of the graph.
    void beginLoad() { beginResetModel(); }
    void endLoad() { endResetModel(); }
    void beginInsert(int row) { beginInsertRows({}, row, row); }
    void endInsert() { endInsertRows(); }
    void beginRemove(int row) { beginRemoveRows({}, row, row); }
    void endRemove() { endRemoveRows(); }
    void rowChanged(int row, const QList<int> &roles);
    void setProblems(const QHash<QString, QList<FlowProblem>> &byNode);

private:
    const FlowGraph &m_graph;
    QHash<QString, QList<FlowProblem>> m_problems;   // by node key
};
