#pragma once

#include "FlowGraph.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

// The flow's edges, one row per connected port, for the editor's canvas. sync() brings it to the
// graph's edges with the fewest row changes: an edge that stays keeps its row (when a menu option
// before it is removed, its port field changes in place), the others are removed or appended.
class FlowEdgeModel : public QAbstractListModel {
    Q_OBJECT
    QML_ANONYMOUS
public:
    enum Role {
        FromRole = Qt::UserRole + 1,   // QString: the node key the edge leaves
        PortRole,                      // QString: the port's field ("config.options[1].next")
        PortIndexRole,                 // int: the port's place among its node's ports
        ToRole,                        // QString: the node key it leads to
    };
    Q_ENUM(Role)

    explicit FlowEdgeModel(const FlowGraph &graph, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    // A row's roles by name, for QML code that reads rows outside a delegate (the canvas's edges).
    Q_INVOKABLE QVariantMap get(int row) const;

    const QList<FlowEdge> &edges() const { return m_rows; }
    // The graph's edges now; the ports of the nodes in `touched` may have moved (PortIndexRole).
    void sync(const QSet<QString> &touched = {});
    void reload();

private:
    const FlowGraph &m_graph;
    QList<FlowEdge> m_rows;
};
