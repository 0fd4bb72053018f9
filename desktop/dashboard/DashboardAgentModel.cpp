#include "DashboardAgentModel.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

DashboardAgentModel::DashboardAgentModel(QObject *parent) : QAbstractListModel(parent) {}

int DashboardAgentModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_agents.size());
}

QVariant DashboardAgentModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Agent &a = m_agents.at(index.row());
    switch (role) {
    case AgentIdRole: return a.live.id;
    case Qt::DisplayRole:
    case NameRole: return QString(a.live.firstName + u' ' + a.live.lastName).trimmed();
    case StatusRole: return a.live.agentStatus;
    case ReasonRole: return a.reason;
    case StatusSinceRole: return a.since;
    case ActiveChatsRole: return a.live.activeChats;
    case MaxChatsRole: return a.live.maxChats;
    case HandledTodayRole: return a.handledToday;
    case IntervalsRole: return intervalList(a.intervals);
    default: return {};
    }
}

QHash<int, QByteArray> DashboardAgentModel::roleNames() const
{
    return {{AgentIdRole, "agentId"},         {NameRole, "name"},
            {StatusRole, "status"},           {ReasonRole, "reason"},
            {StatusSinceRole, "statusSince"}, {ActiveChatsRole, "activeChats"},
            {MaxChatsRole, "maxChats"},       {HandledTodayRole, "handledToday"},
            {IntervalsRole, "intervals"}};
}

QList<qint64> DashboardAgentModel::setAgents(const QList<Conversa::LiveAgentDto> &agents, const QDateTime &now)
{
    QSet<qint64> present;
    for (const Conversa::LiveAgentDto &a : agents)
        present.insert(a.id);
    for (int row = int(m_agents.size()) - 1; row >= 0; --row) {
        if (!present.contains(m_agents.at(row).live.id)) {
            beginRemoveRows({}, row, row);
            m_agents.removeAt(row);
            endRemoveRows();
        }
    }
    QList<qint64> changed;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    for (int i = 0; i < agents.size(); ++i) {
        const Conversa::LiveAgentDto &live = agents.at(i);
        const int row = rowOf(live.id);
        if (row < 0) {
            const int at = std::min(i, int(m_agents.size()));
            beginInsertRows({}, at, at);
            m_agents.insert(at, Agent{live, {}, {}, -1, {}});
            endInsertRows();
            continue;
        }
        Agent &a = m_agents[row];
        QList<int> roles;
        if (a.live.firstName != live.firstName || a.live.lastName != live.lastName)
            roles.append({Qt::DisplayRole, NameRole});
        if (a.live.activeChats != live.activeChats)
            roles.append(ActiveChatsRole);
        if (a.live.maxChats != live.maxChats)
            roles.append(MaxChatsRole);
        if (a.live.agentStatus != live.agentStatus) {
            // The new status shows now; its reason follows with the agent's timeline.
            if (!a.intervals.isEmpty() && a.intervals.last().to == 0)
                a.intervals.last().to = nowMs;
            a.intervals.append({live.agentStatus, {}, nowMs, 0});
            a.reason.clear();
            a.since = now;
            roles.append({StatusRole, ReasonRole, StatusSinceRole, IntervalsRole});
            changed.append(live.id);
        }
        a.live = live;
        if (!roles.isEmpty())
            emit dataChanged(index(row), index(row), roles);
    }
    return changed;
}

void DashboardAgentModel::setTimeline(qint64 agentId, const QJsonObject &timeline)
{
    const int row = rowOf(agentId);
    if (row < 0)
        return;
    Agent &a = m_agents[row];
    QList<Interval> intervals;
    for (const QJsonValue &v : timeline.value(u"intervals"_s).toArray()) {
        const QJsonObject o = v.toObject();
        intervals.append({o.value(u"status"_s).toString(), o.value(u"reason"_s).toString(),
                          QDateTime::fromString(o.value(u"from"_s).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch(),
                          QDateTime::fromString(o.value(u"to"_s).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch()});
    }
    // The last interval runs until now (the server cuts it at the time it answered): it stays open
    // when it is the status the agent still has.
    if (!intervals.isEmpty() && intervals.last().status == a.live.agentStatus) {
        intervals.last().to = 0;
        a.reason = intervals.last().reason;
        a.since = QDateTime::fromMSecsSinceEpoch(intervals.last().from, Qt::UTC);
    }
    a.intervals = intervals;
    emit dataChanged(index(row), index(row), {ReasonRole, StatusSinceRole, IntervalsRole});
}

void DashboardAgentModel::setHandledToday(qint64 agentId, qint64 handled)
{
    const int row = rowOf(agentId);
    if (row < 0 || m_agents.at(row).handledToday == handled)
        return;
    m_agents[row].handledToday = handled;
    emit dataChanged(index(row), index(row), {HandledTodayRole});
}

int DashboardAgentModel::rowOf(qint64 agentId) const
{
    for (int row = 0; row < m_agents.size(); ++row) {
        if (m_agents.at(row).live.id == agentId)
            return row;
    }
    return -1;
}

QVariantList DashboardAgentModel::intervalList(const QList<Interval> &intervals)
{
    QVariantList list;
    list.reserve(intervals.size());
    for (const Interval &i : intervals) {
        list.append(
            QVariantMap{{u"status"_s, i.status}, {u"reason"_s, i.reason}, {u"from"_s, i.from}, {u"to"_s, i.to}});
    }
    return list;
}
