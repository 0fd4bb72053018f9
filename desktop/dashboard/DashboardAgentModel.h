#pragma once

#include <Conversa/dto/LiveAnalyticsDto.h>

#include <QAbstractListModel>
#include <QDateTime>
#include <QJsonObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

// Every agent of the live dashboard by name: status, pause reason and since when, open chats
// against capacity, today's handled chats, and today's status timeline. Statuses come from each
// `analytics.update` (the server pushes no separate agent event): a change closes the timeline's
// open interval and opens one for the new status right away; the reason, which the live body does
// not carry, comes with the agent's timeline (GET /v1/reports/agents/{id}/timeline), which the
// controller fetches for that agent alone. Rows are updated in place, never reset.
class DashboardAgentModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by DashboardController")
public:
    enum Role {
        AgentIdRole = Qt::UserRole + 1,
        NameRole,           // first and last name
        StatusRole,         // available, busy, paused, offline
        ReasonRole,         // the pause reason ("" when none or not known yet)
        StatusSinceRole,    // when the status (and reason) began, at most today's start; invalid if unknown
        ActiveChatsRole,    // assigned, active and pending chats
        MaxChatsRole,       // capacity
        HandledTodayRole,   // chats the agent wrote in today; -1 until known
        // Today's intervals, oldest first: [{status, reason, from, to}] with times in ms since the
        // epoch; the last one's `to` is 0 while it is still running.
        IntervalsRole,
    };
    Q_ENUM(Role)

    explicit DashboardAgentModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The live list at `now`; returns the agents whose status changed (not those just added).
    QList<qint64> setAgents(const QList<Conversa::LiveAgentDto> &agents, const QDateTime &now);
    // GET /v1/reports/agents/{id}/timeline's answer for today.
    void setTimeline(qint64 agentId, const QJsonObject &timeline);
    void setHandledToday(qint64 agentId, qint64 handled);
    int rowOf(qint64 agentId) const;

private:
    struct Interval {
        QString status;
        QString reason;
        qint64 from = 0;   // ms since the epoch
        qint64 to = 0;     // 0: running
    };
    struct Agent {
        Conversa::LiveAgentDto live;
        QString reason;
        QDateTime since;
        qint64 handledToday = -1;
        QList<Interval> intervals;
    };
    static QVariantList intervalList(const QList<Interval> &intervals);

    QList<Agent> m_agents;
};
