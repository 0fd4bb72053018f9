#include "DashboardQueueModel.h"

#include <QSet>

namespace {

template <class T>
QVariant optional(const std::optional<T> &v)
{
    return v ? QVariant::fromValue(*v) : QVariant();
}

}   // namespace

DashboardQueueModel::DashboardQueueModel(QObject *parent) : QAbstractListModel(parent) {}

int DashboardQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_queues.size());
}

QVariant DashboardQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Conversa::LiveQueueDto &q = m_queues.at(index.row());
    switch (role) {
    case QueueIdRole: return q.id;
    case Qt::DisplayRole:
    case NameRole: return q.name;
    case StrategyRole: return q.routingStrategy;
    case WaitingRole: return q.waiting;
    case OldestWaitRole: return optional(q.oldestWaitingSeconds);
    case AvgWaitRole: return optional(q.avgWaitTimeSeconds);
    case AssignedTodayRole: return q.assignedToday;
    default: return {};
    }
}

QHash<int, QByteArray> DashboardQueueModel::roleNames() const
{
    return {{QueueIdRole, "queueId"},
            {NameRole, "name"},
            {StrategyRole, "strategy"},
            {WaitingRole, "waiting"},
            {OldestWaitRole, "oldestWait"},
            {AvgWaitRole, "avgWait"},
            {AssignedTodayRole, "assignedToday"}};
}

void DashboardQueueModel::setQueues(const QList<Conversa::LiveQueueDto> &queues)
{
    QSet<qint64> present;
    for (const Conversa::LiveQueueDto &q : queues)
        present.insert(q.id);
    for (int row = int(m_queues.size()) - 1; row >= 0; --row) {
        if (!present.contains(m_queues.at(row).id)) {
            beginRemoveRows({}, row, row);
            m_queues.removeAt(row);
            endRemoveRows();
        }
    }
    for (int i = 0; i < queues.size(); ++i) {
        const Conversa::LiveQueueDto &q = queues.at(i);
        const int row = rowOf(q.id);
        if (row < 0) {
            const int at = std::min(i, int(m_queues.size()));
            beginInsertRows({}, at, at);
            m_queues.insert(at, q);
            endInsertRows();
            continue;
        }
        const QList<int> roles = changedRoles(m_queues.at(row), q);
        m_queues[row] = q;
        if (!roles.isEmpty())
            emit dataChanged(index(row), index(row), roles);
    }
}

int DashboardQueueModel::rowOf(qint64 queueId) const
{
    for (int row = 0; row < m_queues.size(); ++row) {
        if (m_queues.at(row).id == queueId)
            return row;
    }
    return -1;
}

QList<int> DashboardQueueModel::changedRoles(const Conversa::LiveQueueDto &a, const Conversa::LiveQueueDto &b)
{
    QList<int> roles;
    if (a.name != b.name)
        roles.append({Qt::DisplayRole, NameRole});
    if (a.routingStrategy != b.routingStrategy)
        roles.append(StrategyRole);
    if (a.waiting != b.waiting)
        roles.append(WaitingRole);
    if (a.oldestWaitingSeconds != b.oldestWaitingSeconds)
        roles.append(OldestWaitRole);
    if (a.avgWaitTimeSeconds != b.avgWaitTimeSeconds)
        roles.append(AvgWaitRole);
    if (a.assignedToday != b.assignedToday)
        roles.append(AssignedTodayRole);
    return roles;
}
