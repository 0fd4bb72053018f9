#pragma once

#include "AppContext.h"
#include "DashboardAgentModel.h"
#include "DashboardQueueModel.h"
#include "DashboardTileModel.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

// The supervisor's live dashboard (docs/REPORTS.md, live dashboard; docs/REALTIME.md): one fetch
// of GET /v1/analytics/live when it starts, then every `analytics.update` the socket pushes applied
// to the tiles, queues and agents in place — no polling, no reload. Each agent's timeline and
// handled chats of today come from the reports API, fetched for all agents with the live figures
// and for one agent again when its status changes. When the socket drops, `state` is
// ConnectionLost (the page shows a banner and keeps the last figures); when it is back, everything
// is fetched again, since the events sent meanwhile are lost. The charts (chats per hour today and
// the same day last week, today's first response and SLA compliance) come from
// GET /v1/analytics/trends, fetched again on a live event once the last fetch is a minute old. "Today" is the UTC day, as the server's live figures.
// Built in QML with the app: DashboardController { app: … }.
class DashboardController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(AppContext *app READ app WRITE setApp NOTIFY appChanged)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(DashboardTileModel *tiles READ tiles CONSTANT)
    Q_PROPERTY(DashboardQueueModel *queues READ queues CONSTANT)
    Q_PROPERTY(DashboardAgentModel *agents READ agents CONSTANT)
    Q_PROPERTY(QDateTime now READ now NOTIFY nowChanged)   // the last figures' time (the server's)
    // Chats per hour, [{hour, value, sample}] for each hour of today (UTC) and of the same day last week.
    Q_PROPERTY(QVariantList todayTrend READ todayTrend NOTIFY trendsChanged)
    Q_PROPERTY(QVariantList lastWeekTrend READ lastWeekTrend NOTIFY trendsChanged)
    // Today's average first response (seconds) and first-response SLA compliance (%) by hour, alike.
    Q_PROPERTY(QVariantList firstResponseTrend READ firstResponseTrend NOTIFY trendsChanged)
    Q_PROPERTY(QVariantList slaTrend READ slaTrend NOTIFY trendsChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
    Q_PROPERTY(int fetchCount READ fetchCount NOTIFY stateChanged)   // full fetches so far
public:
    enum State {
        Idle,             // no app yet
        Loading,          // fetching the live figures
        Live,             // following the socket
        ConnectionLost,   // the socket dropped: the last figures stay, a banner shows
        Failed,           // the server refused (e.g. no analytics.read): errorMessage says why
    };
    Q_ENUM(State)

    explicit DashboardController(QObject *parent = nullptr);

    AppContext *app() const { return m_app; }
    void setApp(AppContext *app);   // starts: the first fetch
    State state() const { return m_state; }
    DashboardTileModel *tiles() { return &m_tiles; }
    DashboardQueueModel *queues() { return &m_queues; }
    DashboardAgentModel *agents() { return &m_agents; }
    QDateTime now() const { return m_now; }
    QVariantList todayTrend() const { return m_todayTrend; }
    QVariantList lastWeekTrend() const { return m_lastWeekTrend; }
    QVariantList firstResponseTrend() const { return m_firstResponseTrend; }
    QVariantList slaTrend() const { return m_slaTrend; }
    QString errorMessage() const { return m_error; }
    int fetchCount() const { return m_fetchCount; }

    Q_INVOKABLE void refresh();   // everything again, as after a reconnection
    // Drill-down: the inbox set to the chats waiting in that campaign's queue.
    Q_INVOKABLE void showQueueInInbox(qint64 queueId);

signals:
    void appChanged();
    void stateChanged();
    void nowChanged();
    void trendsChanged();
    void errorMessageChanged();
    void tileTurnedRed(const QString &key);

private:
    void apply(const Conversa::LiveAnalyticsDto &live);
    void fetchAgent(qint64 agentId);   // its timeline and handled chats of today
    void fetchTrends();
    void fetchTrend(const QString &metric, QDate day, QVariantList DashboardController::*into);
    void setState(State state);
    void setError(const QString &error);
    QDate today() const;

    QPointer<AppContext> m_app;
    State m_state = Idle;
    DashboardTileModel m_tiles;
    DashboardQueueModel m_queues;
    DashboardAgentModel m_agents;
    QDateTime m_now;
    QVariantList m_todayTrend;
    QVariantList m_lastWeekTrend;
    QVariantList m_firstResponseTrend;
    QVariantList m_slaTrend;
    QElapsedTimer m_sinceTrends;
    QString m_error;
    int m_fetchCount = 0;
    int m_generation = 0;   // answers to an older fetch are dropped
};
