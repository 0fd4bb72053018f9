#include "FlowEdgeModel.h"

#include <QHash>
#include <QSet>

FlowEdgeModel::FlowEdgeModel(const FlowGraph &graph, QObject *parent) : QAbstractListModel(parent), m_graph(graph) {}

int FlowEdgeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant FlowEdgeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FlowEdge &e = m_rows[index.row()];
    switch (role) {
    case FromRole: return e.from;
    case PortRole: return e.field;
    case PortIndexRole: {
        const int row = m_graph.indexOf(e.from);
        if (row < 0)
            return -1;
        const QList<FlowPort> ports = FlowGraph::ports(m_graph.node(row));
        for (int i = 0; i < ports.size(); ++i) {
            if (ports[i].field == e.field)
                return i;
        }
        return -1;
    }
    case ToRole: return e.to;
    default: return {};
    }
}

QHash<int, QByteArray> FlowEdgeModel::roleNames() const
{
    return {{FromRole, "from"}, {PortRole, "port"}, {PortIndexRole, "portIndex"}, {ToRole, "to"}};
}

void FlowEdgeModel::reload()
{
    beginResetModel();
    m_rows = m_graph.edges();
    endResetModel();
}

void FlowEdgeModel::sync(const QSet<QString> &touched)
{
    const QList<FlowEdge> wanted = m_graph.edges();
    QList<bool> kept(m_rows.size(), false);
    QList<bool> placed(wanted.size(), false);
    // The wanted edges by what identifies them, each list in order, so that matching stays linear.
    const auto exact = [](const FlowEdge &e) -> QString { return e.from + u'\x1f' + e.field + u'\x1f' + e.to; };
    const auto between = [](const FlowEdge &e) -> QString { return e.from + u'\x1f' + e.to; };
    QHash<QString, QList<int>> byExact, byNodes;
    for (int j = 0; j < wanted.size(); ++j) {
        byExact[exact(wanted[j])].append(j);
        byNodes[between(wanted[j])].append(j);
    }
    const auto take = [&placed](QList<int> &candidates) {
        while (!candidates.isEmpty()) {
            const int j = candidates.takeFirst();
            if (!placed[j])
                return j;
        }
        return -1;
    };
    // The same edge: kept as it is.
    for (int i = 0; i < m_rows.size(); ++i) {
        const auto it = byExact.find(exact(m_rows[i]));
        if (it == byExact.end())
            continue;
        const int j = take(*it);
        if (j >= 0)
            kept[i] = placed[j] = true;
    }
    // The same two nodes by another port of the node (an option before it came or went): changed in place.
    for (int i = 0; i < m_rows.size(); ++i) {
        if (kept[i])
            continue;
        const auto it = byNodes.find(between(m_rows[i]));
        const int j = it == byNodes.end() ? -1 : take(*it);
        if (j < 0)
            continue;
        kept[i] = placed[j] = true;
        m_rows[i].field = wanted[j].field;
        emit dataChanged(index(i), index(i), {PortRole, PortIndexRole});
    }
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (kept[i])
            continue;
        beginRemoveRows({}, i, i);
        m_rows.removeAt(i);
        endRemoveRows();
    }
    QList<FlowEdge> added;
    for (int j = 0; j < wanted.size(); ++j) {
        if (!placed[j])
            added.append(wanted[j]);
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
        m_rows.append(added);
        endInsertRows();
    }
    // A port's place may move without its field changing (a condition's default when rules come and go).
    for (int i = 0; i < m_rows.size(); ++i) {
        if (touched.contains(m_rows[i].from))
            emit dataChanged(index(i), index(i), {PortIndexRole});
    }
}

QVariantMap FlowEdgeModel::get(int row) const
{
    QVariantMap out;
    const QModelIndex i = index(row);
    if (!i.isValid())
        return out;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        out.insert(QString::fromLatin1(it.value()), data(i, it.key()));
    return out;
}
