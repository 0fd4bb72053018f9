#include "DashboardController.h"

#include "InboxController.h"

#include <QJsonArray>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDashboard, "conversa.desktop.dashboard")

namespace {

constexpr qint64 kTrendRefreshMs = 60 * 1000;

QVariantList hourly(const Conversa::TrendDto &trend)
{
    QVariantList points;
    for (const Conversa::TrendPointDto &p : trend.data) {
        points.append(QVariantMap{{u"hour"_s, p.timestamp.toUTC().time().hour()},
                                  {u"value"_s, p.value},
                                  {u"sample"_s, p.sample}});
    }
    return points;
}

}   // namespace

DashboardController::DashboardController(QObject *parent) : QObject(parent)
{
    connect(&m_tiles, &DashboardTileModel::turnedRed, this, &DashboardController::tileTurnedRed);
}

void DashboardController::setApp(AppContext *app)
{
    if (m_app == app)
        return;
    if (m_app) {
        m_app->events().disconnect(this);
        m_app->socket().disconnect(this);
    }
    m_app = app;
    emit appChanged();
    if (!app)
        return setState(Idle);
    // Thresholds are the user's own.
    m_tiles.setSettings(&app->settings(), u"dashboard/%1/thresholds/"_s.arg(app->api().userId()));
    connect(&app->events(), &Conversa::RealtimeEvents::analyticsUpdate, this, [this](const auto &live) {
        if (m_state == Idle || m_state == Failed)
            return;
        apply(live);
        if (m_state == Loading)
            return;   // the fetch in flight settles the state
        setState(Live);
        if (!m_sinceTrends.isValid() || m_sinceTrends.elapsed() > kTrendRefreshMs)
            fetchTrends();
    });
    connect(&app->socket(), &Conversa::SocketIoClient::disconnected, this, [this] {
        if (m_state != Idle && m_state != Failed)
            setState(ConnectionLost);
    });
    // Whatever was pushed while the socket was down is lost: everything again.
    connect(&app->socket(), &Conversa::SocketIoClient::reconnected, this, &DashboardController::refresh);
    refresh();
}

void DashboardController::refresh()
{
    if (!m_app)
        return;
    const int generation = ++m_generation;
    ++m_fetchCount;
    setState(Loading);
    m_app->api().liveAnalytics(this, [this, generation](const Conversa::ApiResult<Conversa::LiveAnalyticsDto> &r) {
        if (generation != m_generation)
            return;
        if (!r) {
            setError(AppContext::errorText(r.error()));
            return setState(r.error().isNetworkError() ? ConnectionLost : Failed);
        }
        setError({});
        apply(*r);
        for (const Conversa::LiveAgentDto &agent : r->agents.list)
            fetchAgent(agent.id);
        fetchTrends();
        setState(Live);
    });
}

void DashboardController::showQueueInInbox(qint64 queueId)
{
    if (!m_app)
        return;
    m_app->inbox()->setTab(InboxController::Queued);
    m_app->inbox()->setCampaignFilter(queueId);
}

void DashboardController::apply(const Conversa::LiveAnalyticsDto &live)
{
    if (live.timestamp.isValid() && live.timestamp != m_now) {
        m_now = live.timestamp;
        emit nowChanged();
    }
    m_tiles.setLive(live);
    m_queues.setQueues(live.queues);
    const QList<qint64> changed =
        m_agents.setAgents(live.agents.list, m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc());
    for (qint64 id : changed)
        fetchAgent(id);
}

void DashboardController::fetchAgent(qint64 agentId)
{
    m_app->api().agentTimeline(agentId, today(), {}, this, [this, agentId](const Conversa::ApiResult<QJsonObject> &r) {
        if (r)
            m_agents.setTimeline(agentId, *r);
        else
            qCWarning(lcDashboard) << "timeline of agent" << agentId << r.error().message;
    });
    m_app->api()
        .agentReport(agentId, today(), today(), {}, this, [this, agentId](const Conversa::ApiResult<QJsonObject> &r) {
            if (r)
                m_agents.setHandledToday(agentId,
                                         r->value(u"metrics"_s).toObject().value(u"chats_handled"_s).toInteger());
        });
}

void DashboardController::fetchTrends()
{
    m_sinceTrends.start();
    const QDate day = today();
    fetchTrend(u"chats_per_hour"_s, day, &DashboardController::m_todayTrend);
    fetchTrend(u"chats_per_hour"_s, day.addDays(-7), &DashboardController::m_lastWeekTrend);
    fetchTrend(u"avg_first_response_time"_s, day, &DashboardController::m_firstResponseTrend);
    fetchTrend(u"sla_compliance"_s, day, &DashboardController::m_slaTrend);
}

void DashboardController::fetchTrend(const QString &metric, QDate day, QVariantList DashboardController::*into)
{
    m_app->api().trend(metric, day, day, {}, this, [this, into](const Conversa::ApiResult<Conversa::TrendDto> &r) {
        if (!r)
            return;
        this->*into = hourly(*r);
        emit trendsChanged();
    });
}

void DashboardController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged();
}

void DashboardController::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorMessageChanged();
}

QDate DashboardController::today() const
{
    return (m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc()).toUTC().date();
}
