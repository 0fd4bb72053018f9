// The live dashboard's controller against the real server (SQLite and PostgreSQL), signed in as a
// supervisor through the app's own session and socket (over a relay that can cut the connection):
// the first fetch fills the tiles, queues and agents; a scripted `analytics.update` is applied at
// once, without a fetch; an agent who pauses for lunch and a client whose signed webhook leaves a
// chat waiting in the queue change the models through the server's own pushes, without a fetch;
// a cut connection is ConnectionLost (the figures stay) and the reconnection fetches everything
// again; an agent (no analytics.read) gets Failed with the server's reason.
#include "DashboardController.h"
#include "DesktopHarness.h"
#include "Fixtures.h"
#include "TcpRelay.h"
#include "TestServer.h"

#include "crypto/WebhookSignature.h"
#include "store/Database.h"

#include <QJsonArray>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kAppSecret = "dashboard-app-secret";
const QString kMetaId = u"555000318"_s;

}   // namespace

class tst_DashboardController : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void initialFetch();
    void scriptedEventAppliedWithoutFetch();
    void agentPausesLive();
    void webhookQueuesChatLive();
    void connectionLostThenRefetch();
    void refusedWithoutAnalytics();

private:
    QModelIndex agentIndex(qint64 id) const
    {
        const DashboardAgentModel *m = m_controller->agents();
        return m->index(m->rowOf(id));
    }
    QModelIndex queueIndex(qint64 id) const
    {
        const DashboardQueueModel *m = m_controller->queues();
        return m->index(m->rowOf(id));
    }

    TestServer m_server;
    std::unique_ptr<TcpRelay> m_relay;
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_app;
    std::unique_ptr<DashboardController> m_controller;
    qint64 m_agent = 0;
    qint64 m_campaign = 0;
    qint64 m_number = 0;
};

void tst_DashboardController::initTestCase()
{
    // The test server pushes no analytics.update unless asked: once a second, as in production.
    QVERIFY(
        m_server.start({{u"CONVERSA_ROUTING_SWEEP_MS"_s, u"3600000"_s}, {u"CONVERSA_ANALYTICS_PUSH_MS"_s, u"1000"_s}}));
    m_relay = std::make_unique<TcpRelay>(m_server.port());
    QVERIFY(m_relay->listen());

    const QByteArray admin = m_server.tokenFor(u"admin"_s);
    const ApiResponse n = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                           {{u"phone_number"_s, u"+573000000318"_s},
                                            {u"provider"_s, u"meta"_s},
                                            {u"meta_phone_number_id"_s, kMetaId},
                                            {u"meta_access_token"_s, u"EAAB-dashboard"_s},
                                            {u"meta_app_secret"_s, QString::fromUtf8(kAppSecret)}},
                                           admin);
    QCOMPARE(n.status, 201);
    m_number = n.value(u"id"_s).toInteger();
    m_campaign = campaignWithNumber(m_server.db(), u"Cobranza"_s, u"COBRA"_s, m_number);
    QVERIFY(m_campaign > 0);
    const qint64 now = nowSeconds();
    // The campaign's one agent is offline: a new chat stays in the queue.
    m_agent = m_server.createUser(u"marta@example.com"_s, u"correct horse 1"_s, u"agent"_s, u"active"_s, u"Marta"_s,
                                  u"Gil"_s);
    SqlQuery join(m_server.db(), "INSERT INTO campaign_agents (campaign_id, user_id, created_at) VALUES (?, ?, ?)",
                  {m_campaign, m_agent, now});
    QVERIFY(join.exec());
    m_server.createUser(u"sofia@example.com"_s, u"correct horse 2"_s, u"supervisor"_s, u"active"_s, u"Sofía"_s,
                        u"Ruiz"_s);

    QVERIFY(m_dir.isValid());
    m_app = makeContext(m_dir.filePath(u"settings.ini"_s), uniqueService());
    m_app->setLanguage(u"en"_s);
    QVERIFY(signIn(*m_app, m_relay->url(), u"sofia@example.com"_s, u"correct horse 2"_s));
}

void tst_DashboardController::cleanupTestCase()
{
    m_controller.reset();
    m_app.reset();
    m_server.stop();
}

void tst_DashboardController::initialFetch()
{
    m_controller = std::make_unique<DashboardController>();
    QCOMPARE(m_controller->state(), DashboardController::Idle);
    m_controller->setApp(m_app.get());
    QCOMPARE(m_controller->state(), DashboardController::Loading);
    QTRY_COMPARE(m_controller->state(), DashboardController::Live);
    QCOMPARE(m_controller->fetchCount(), 1);

    QVERIFY(queueIndex(m_campaign).isValid());
    QCOMPARE(queueIndex(m_campaign).data(DashboardQueueModel::NameRole).toString(), u"Cobranza"_s);
    QCOMPARE(queueIndex(m_campaign).data(DashboardQueueModel::WaitingRole).toInt(), 0);
    QVERIFY(agentIndex(m_agent).isValid());
    QCOMPARE(agentIndex(m_agent).data(DashboardAgentModel::NameRole).toString(), u"Marta Gil"_s);
    QCOMPARE(agentIndex(m_agent).data(DashboardAgentModel::StatusRole).toString(), u"offline"_s);
    // Her timeline (offline since midnight) and handled chats (none) follow from the reports API.
    QTRY_COMPARE(agentIndex(m_agent).data(DashboardAgentModel::HandledTodayRole).toInt(), 0);
    QTRY_VERIFY(!agentIndex(m_agent).data(DashboardAgentModel::IntervalsRole).toList().isEmpty());
    const DashboardTileModel *tiles = m_controller->tiles();
    QCOMPARE(tiles->value(u"waiting"_s).toInt(), 0);
    QVERIFY(tiles->value(u"agents_offline"_s).toInt() >= 1);
    // The server's samples reach the tiles: no first response yet is "no value, n = 0", not -1.
    QVERIFY(tiles->value(u"avg_first_response"_s).isNull());
    QCOMPARE(tiles->index(tiles->rowOf(u"avg_first_response"_s)).data(DashboardTileModel::SampleRole).toInt(), 0);
    QCOMPARE(tiles->index(tiles->rowOf(u"avg_wait"_s)).data(DashboardTileModel::SampleRole).toInt(), 0);
    QCOMPARE(tiles->value(u"sla_breached"_s).toInt(), 0);
    // The chart: a point per hour of today (so far, at least), and of the same day last week.
    QTRY_VERIFY(!m_controller->todayTrend().isEmpty());
    QTRY_COMPARE(m_controller->lastWeekTrend().size(), 24);
    QCOMPARE(m_controller->lastWeekTrend().first().toMap().value(u"sample"_s).toInt(), 0);
    // Today's first response and SLA compliance by hour: nothing measured yet, sample 0.
    QTRY_VERIFY(!m_controller->firstResponseTrend().isEmpty());
    QTRY_VERIFY(!m_controller->slaTrend().isEmpty());
    QCOMPARE(m_controller->slaTrend().first().toMap().value(u"sample"_s).toInt(), 0);
}

void tst_DashboardController::scriptedEventAppliedWithoutFetch()
{
    const QJsonObject live =
        {{u"timestamp"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
         {u"agents"_s,
          QJsonObject{{u"total"_s, 1},
                      {u"offline"_s, 1},
                      {u"list"_s,
                       QJsonArray{QJsonObject{{u"id"_s, m_agent},
                                              {u"first_name"_s, u"Marta"_s},
                                              {u"last_name"_s, u"Gil"_s},
                                              {u"agent_status"_s, u"offline"_s},
                                              {u"active_chats"_s, 0},
                                              {u"max_chats"_s, 5}}}}}},
         {u"chats"_s, QJsonObject{{u"active"_s, 0}, {u"queued"_s, 7}, {u"in_bot"_s, 3}, {u"closed_today"_s, 0}}},
         {u"queues"_s,
          QJsonArray{QJsonObject{{u"id"_s, m_campaign},
                                 {u"name"_s, u"Cobranza"_s},
                                 {u"routing_strategy"_s, u"round_robin"_s},
                                 {u"waiting"_s, 7},
                                 {u"oldest_waiting_seconds"_s, 120},
                                 {u"assigned_today"_s, 0}}}},
         {u"messages"_s, QJsonObject{{u"sent_last_hour"_s, 0}, {u"received_last_hour"_s, 0}}},
         {u"sla"_s,
          QJsonObject{{u"first_response_compliance"_s, QJsonValue::Null},
                      {u"resolution_compliance"_s, QJsonValue::Null},
                      {u"breached"_s, 2}}}};
    const int fetches = m_controller->fetchCount();
    m_app->events().dispatch(u"analytics.update"_s, live);
    // Applied on the spot, no fetch.
    QCOMPARE(m_controller->tiles()->value(u"waiting"_s).toInt(), 7);
    QCOMPARE(m_controller->tiles()->value(u"in_bot"_s).toInt(), 3);
    QCOMPARE(m_controller->tiles()->value(u"sla_breached"_s).toInt(), 2);
    QCOMPARE(queueIndex(m_campaign).data(DashboardQueueModel::WaitingRole).toInt(), 7);
    QCOMPARE(queueIndex(m_campaign).data(DashboardQueueModel::OldestWaitRole).toInt(), 120);
    QCOMPARE(m_controller->state(), DashboardController::Live);
    QCOMPARE(m_controller->fetchCount(), fetches);
    // The server's next push (every second) has the truth again.
    QTRY_COMPARE(m_controller->tiles()->value(u"waiting"_s).toInt(), 0);
    QCOMPARE(m_controller->tiles()->value(u"in_bot"_s).toInt(), 0);
    QCOMPARE(m_controller->tiles()->value(u"sla_breached"_s).toInt(), 0);
    QCOMPARE(m_controller->fetchCount(), fetches);
}

void tst_DashboardController::agentPausesLive()
{
    const int fetches = m_controller->fetchCount();
    const QByteArray marta = m_server.login(u"marta@example.com"_s, u"correct horse 1"_s);
    QVERIFY(!marta.isEmpty());
    QCOMPARE(m_server
                 .request("POST", u"/v1/users/%1/agent-status"_s.arg(m_agent),
                          {{u"agent_status"_s, u"paused"_s}, {u"agent_status_reason"_s, u"almuerzo"_s}}, marta)
                 .status,
             200);
    QTRY_COMPARE(agentIndex(m_agent).data(DashboardAgentModel::StatusRole).toString(), u"paused"_s);
    // The reason comes with her timeline, fetched for her alone; the pause is its last interval.
    QTRY_COMPARE(agentIndex(m_agent).data(DashboardAgentModel::ReasonRole).toString(), u"almuerzo"_s);
    const QVariantList intervals = agentIndex(m_agent).data(DashboardAgentModel::IntervalsRole).toList();
    QCOMPARE(intervals.last().toMap().value(u"status"_s).toString(), u"paused"_s);
    QCOMPARE(intervals.last().toMap().value(u"to"_s).toLongLong(), 0);
    QTRY_COMPARE(m_controller->tiles()->value(u"agents_paused"_s).toInt(), 1);
    QCOMPARE(m_controller->fetchCount(), fetches);
}

void tst_DashboardController::webhookQueuesChatLive()
{
    const int fetches = m_controller->fetchCount();
    const QByteArray body =
        metaTextWebhook(kMetaId, u"573000000318"_s, u"573115550001"_s, u"Julián"_s, u"wamid.dash-1"_s, u"Hola"_s);
    const ApiResponse r =
        m_server.requestRaw("POST", u"/v1/webhooks/whatsapp/meta/%1"_s.arg(m_number), body, "application/json", {},
                            {{"X-Hub-Signature-256", "sha256=" + WebhookSignature::hmacSha256Hex(kAppSecret, body)}});
    QCOMPARE(r.status, 200);
    QTRY_COMPARE(queueIndex(m_campaign).data(DashboardQueueModel::WaitingRole).toInt(), 1);
    QTRY_COMPARE(m_controller->tiles()->value(u"waiting"_s).toInt(), 1);
    QVERIFY(!queueIndex(m_campaign).data(DashboardQueueModel::OldestWaitRole).isNull());
    QCOMPARE(m_controller->fetchCount(), fetches);
}

void tst_DashboardController::connectionLostThenRefetch()
{
    const int fetches = m_controller->fetchCount();
    m_relay->cut();
    QTRY_COMPARE_WITH_TIMEOUT(m_controller->state(), DashboardController::ConnectionLost, 10000);
    // The last figures stay.
    QCOMPARE(queueIndex(m_campaign).data(DashboardQueueModel::WaitingRole).toInt(), 1);
    QVERIFY(m_relay->restore());
    QTRY_COMPARE_WITH_TIMEOUT(m_controller->fetchCount(), fetches + 1, 15000);
    QTRY_COMPARE(m_controller->state(), DashboardController::Live);
    QCOMPARE(queueIndex(m_campaign).data(DashboardQueueModel::WaitingRole).toInt(), 1);
}

void tst_DashboardController::refusedWithoutAnalytics()
{
    QTemporaryDir dir;
    std::unique_ptr<AppContext> agentApp = makeContext(dir.filePath(u"settings.ini"_s), uniqueService());
    agentApp->setLanguage(u"en"_s);
    QVERIFY(signIn(*agentApp, m_server.baseUrl(), u"marta@example.com"_s, u"correct horse 1"_s));
    DashboardController controller;
    controller.setApp(agentApp.get());
    QTRY_COMPARE(controller.state(), DashboardController::Failed);
    QVERIFY(!controller.errorMessage().isEmpty());
    QCOMPARE(controller.agents()->rowCount(), 0);
}

QTEST_MAIN(tst_DashboardController)
#include "tst_dashboard_controller.moc"
