#pragma once

#include <Conversa/dto/LiveAnalyticsDto.h>

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

// One row per campaign queue of the live dashboard, kept in the server's order and updated in
// place: a changed queue gets a dataChanged of its changed roles, a new one is inserted, a gone one
// removed — never a reset, so the table keeps its scroll and selection.
class DashboardQueueModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by DashboardController")
public:
    enum Role {
        QueueIdRole = Qt::UserRole + 1,   // the campaign's id (one queue per campaign)
        NameRole,
        StrategyRole,        // round_robin, least_busy, priority, skills
        WaitingRole,         // chats waiting
        OldestWaitRole,      // seconds the first of them has waited; null when none waits
        AvgWaitRole,         // mean wait of the chats taken out of it today; null when none
        AssignedTodayRole,   // chats taken out of it today
    };
    Q_ENUM(Role)

    explicit DashboardQueueModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setQueues(const QList<Conversa::LiveQueueDto> &queues);
    int rowOf(qint64 queueId) const;

private:
    static QList<int> changedRoles(const Conversa::LiveQueueDto &a, const Conversa::LiveQueueDto &b);

    QList<Conversa::LiveQueueDto> m_queues;
};
