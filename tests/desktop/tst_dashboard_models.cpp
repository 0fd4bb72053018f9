// The live dashboard's models under QAbstractItemModelTester, fed the live body as the server
// sends it (docs/REPORTS.md, live dashboard): tiles with their values, samples and thresholds (kept
// per user in the settings, crossing them colours the tile), queue rows updated in place, inserted
// and removed, agents whose status change opens a new timeline interval at once and whose timeline
// brings the pause reason; never a reset.
#include "AgentTimelineBar.h"
#include "DashboardAgentModel.h"
#include "DashboardQueueModel.h"
#include "DashboardTileModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Conversa::LiveAnalyticsDto;

namespace {

QJsonObject agentJson(qint64 id, const QString &first, const QString &status, int active = 0, int max = 3)
{
    return {{u"id"_s, id},
            {u"first_name"_s, first},
            {u"last_name"_s, u"Pérez"_s},
            {u"agent_status"_s, status},
            {u"active_chats"_s, active},
            {u"max_chats"_s, max}};
}

QJsonObject queueJson(qint64 id, const QString &name, int waiting, const QJsonValue &oldest = QJsonValue::Null)
{
    return {{u"id"_s, id},
            {u"name"_s, name},
            {u"routing_strategy"_s, u"round_robin"_s},
            {u"waiting"_s, waiting},
            {u"oldest_waiting_seconds"_s, oldest},
            {u"avg_wait_time_seconds"_s, QJsonValue::Null},
            {u"assigned_today"_s, 0}};
}

LiveAnalyticsDto live(const QJsonArray &agents, const QJsonArray &queues, int queued = 0,
                      const QJsonValue &firstResponse = QJsonValue::Null)
{
    int available = 0, busy = 0, paused = 0, offline = 0;
    for (const QJsonValue &a : agents) {
        const QString s = a[u"agent_status"_s].toString();
        available += s == u"available";
        busy += s == u"busy";
        paused += s == u"paused";
        offline += s == u"offline";
    }
    return LiveAnalyticsDto::fromJson(
        {{u"timestamp"_s, u"2026-12-07T15:00:00Z"_s},
         {u"agents"_s,
          QJsonObject{{u"total"_s, agents.size()},
                      {u"available"_s, available},
                      {u"busy"_s, busy},
                      {u"paused"_s, paused},
                      {u"offline"_s, offline},
                      {u"with_room"_s, available},
                      {u"list"_s, agents}}},
         {u"chats"_s,
          QJsonObject{{u"active"_s, 4},
                      {u"queued"_s, queued},
                      {u"in_bot"_s, 6},
                      {u"closed_today"_s, 9},
                      {u"abandoned_today"_s, 2},
                      {u"avg_wait_time_seconds"_s, 75},
                      {u"wait_time_sample"_s, 8},
                      {u"avg_first_response_time_seconds"_s, 41},
                      {u"first_response_sample"_s, 7}}},
         {u"queues"_s, queues},
         {u"messages"_s, QJsonObject{{u"sent_last_hour"_s, 12}, {u"received_last_hour"_s, 30}}},
         {u"sla"_s,
          QJsonObject{{u"first_response_compliance"_s, firstResponse},
                      {u"resolution_compliance"_s, QJsonValue::Null},
                      {u"first_response_sample"_s, 16},
                      {u"resolution_sample"_s, 0},
                      {u"at_risk"_s, 5},
                      {u"breached"_s, 3}}}});
}

QDateTime at(const char *time)
{
    return QDateTime::fromString(QString::fromLatin1(time), Qt::ISODate);
}

}   // namespace

class tst_DashboardModels : public QObject {
    Q_OBJECT

private slots:
    void tilesFromLive();
    void thresholds_data();
    void thresholds();
    void thresholdsKeptPerUser();
    void queuesInPlace();
    void agentsStatusAndTimeline();
    void timelineBarHitsIntervals();
};

void tst_DashboardModels::tilesFromLive()
{
    DashboardTileModel tiles;
    QAbstractItemModelTester tester(&tiles, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&tiles, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&tiles, &QAbstractItemModel::dataChanged);

    tiles.setLive(live({agentJson(1, u"Ana"_s, u"available"_s), agentJson(2, u"Luis"_s, u"paused"_s)},
                       {queueJson(10, u"Ventas"_s, 2, 40), queueJson(11, u"Soporte"_s, 1, 95)}, 3, 87.5));
    QCOMPARE(tiles.value(u"waiting"_s).toInt(), 3);
    QCOMPARE(tiles.value(u"longest_wait"_s).toInt(), 95);   // the longest of the queues
    QCOMPARE(tiles.value(u"avg_wait"_s).toInt(), 75);
    QCOMPARE(tiles.value(u"sla_first_response"_s).toDouble(), 87.5);
    QVERIFY(tiles.value(u"sla_resolution"_s).isNull());   // nothing measured: no value, not 0
    QCOMPARE(tiles.value(u"in_bot"_s).toInt(), 6);
    QCOMPARE(tiles.value(u"abandoned_today"_s).toInt(), 2);
    QCOMPARE(tiles.value(u"avg_first_response"_s).toInt(), 41);
    QCOMPARE(tiles.value(u"sla_at_risk"_s).toInt(), 5);
    QCOMPARE(tiles.value(u"sla_breached"_s).toInt(), 3);
    // Averages and shares carry the number of chats behind them ("n = …").
    const auto sample = [&](const QString &key) {
        return tiles.index(tiles.rowOf(key)).data(DashboardTileModel::SampleRole).toInt();
    };
    QCOMPARE(sample(u"avg_wait"_s), 8);
    QCOMPARE(sample(u"avg_first_response"_s), 7);
    QCOMPARE(sample(u"sla_first_response"_s), 16);
    QCOMPARE(sample(u"sla_resolution"_s), 0);
    QCOMPARE(tiles.value(u"agents_paused"_s).toInt(), 1);
    const QModelIndex paused = tiles.index(tiles.rowOf(u"agents_paused"_s));
    QCOMPARE(paused.data(DashboardTileModel::SampleRole).toInt(), 2);   // of 2 agents
    QCOMPARE(tiles.index(tiles.rowOf(u"waiting"_s)).data(DashboardTileModel::SampleRole).toInt(), -1);

    // The same figures again change nothing; one figure changes one row.
    changed.clear();
    tiles.setLive(live({agentJson(1, u"Ana"_s, u"available"_s), agentJson(2, u"Luis"_s, u"paused"_s)},
                       {queueJson(10, u"Ventas"_s, 2, 40), queueJson(11, u"Soporte"_s, 1, 95)}, 3, 87.5));
    QCOMPARE(changed.size(), 0);
    tiles.setLive(live({agentJson(1, u"Ana"_s, u"available"_s), agentJson(2, u"Luis"_s, u"paused"_s)},
                       {queueJson(10, u"Ventas"_s, 2, 40), queueJson(11, u"Soporte"_s, 1, 95)}, 4, 87.5));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), tiles.rowOf(u"waiting"_s));
    QCOMPARE(reset.size(), 0);
}

void tst_DashboardModels::thresholds_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("firstResponse");
    QTest::addColumn<int>("queued");
    QTest::addColumn<QVariant>("amber");
    QTest::addColumn<QVariant>("red");
    QTest::addColumn<QString>("level");
    QTest::addRow("below-amber") << u"waiting"_s << QJsonValue(90) << 2 << QVariant(5) << QVariant(10) << u"normal"_s;
    QTest::addRow("at-amber") << u"waiting"_s << QJsonValue(90) << 5 << QVariant(5) << QVariant(10) << u"amber"_s;
    QTest::addRow("above-red") << u"waiting"_s << QJsonValue(90) << 12 << QVariant(5) << QVariant(10) << u"red"_s;
    QTest::addRow("red-only") << u"waiting"_s << QJsonValue(90) << 12 << QVariant() << QVariant(10) << u"red"_s;
    QTest::addRow("none") << u"waiting"_s << QJsonValue(90) << 12 << QVariant() << QVariant() << u"normal"_s;
    // Compliance: the lower, the worse.
    QTest::addRow("sla-fine") << u"sla_first_response"_s << QJsonValue(95) << 0 << QVariant(90) << QVariant(80)
                              << u"normal"_s;
    QTest::addRow("sla-amber") << u"sla_first_response"_s << QJsonValue(85) << 0 << QVariant(90) << QVariant(80)
                               << u"amber"_s;
    QTest::addRow("sla-red") << u"sla_first_response"_s << QJsonValue(80) << 0 << QVariant(90) << QVariant(80)
                             << u"red"_s;
    QTest::addRow("sla-unmeasured") << u"sla_first_response"_s << QJsonValue(QJsonValue::Null) << 0 << QVariant(90)
                                    << QVariant(80) << u"normal"_s;
}

void tst_DashboardModels::thresholds()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, firstResponse);
    QFETCH(int, queued);
    QFETCH(QVariant, amber);
    QFETCH(QVariant, red);
    QFETCH(QString, level);

    DashboardTileModel tiles;
    QAbstractItemModelTester tester(&tiles, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy turnedRed(&tiles, &DashboardTileModel::turnedRed);
    tiles.setThresholds(key, amber, red);
    tiles.setLive(live({}, {}, queued, firstResponse));
    QCOMPARE(tiles.level(key), level);
    QCOMPARE(tiles.index(tiles.rowOf(key)).data(DashboardTileModel::LevelRole).toString(), level);
    QCOMPARE(turnedRed.size(), level == u"red" ? 1 : 0);
    if (level == u"red")
        QCOMPARE(turnedRed.at(0).at(0).toString(), key);
}

void tst_DashboardModels::thresholdsKeptPerUser()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
    {
        DashboardTileModel tiles;
        tiles.setSettings(&settings, u"dashboard/7/thresholds/"_s);
        tiles.setThresholds(u"longest_wait"_s, 60, 300);
        tiles.setThresholds(u"waiting"_s, 5, QVariant());
    }
    DashboardTileModel again;
    QAbstractItemModelTester tester(&again, QAbstractItemModelTester::FailureReportingMode::QtTest);
    again.setSettings(&settings, u"dashboard/7/thresholds/"_s);
    const QModelIndex longest = again.index(again.rowOf(u"longest_wait"_s));
    QCOMPARE(longest.data(DashboardTileModel::AmberRole).toInt(), 60);
    QCOMPARE(longest.data(DashboardTileModel::RedRole).toInt(), 300);
    QVERIFY(again.index(again.rowOf(u"waiting"_s)).data(DashboardTileModel::RedRole).isNull());
    again.setLive(live({}, {queueJson(1, u"Ventas"_s, 1, 400)}, 1));
    QCOMPARE(again.level(u"longest_wait"_s), u"red"_s);

    // Another user has their own.
    DashboardTileModel other;
    other.setSettings(&settings, u"dashboard/8/thresholds/"_s);
    QVERIFY(other.index(other.rowOf(u"longest_wait"_s)).data(DashboardTileModel::RedRole).isNull());
}

void tst_DashboardModels::queuesInPlace()
{
    DashboardQueueModel queues;
    QAbstractItemModelTester tester(&queues, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&queues, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&queues, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&queues, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&queues, &QAbstractItemModel::dataChanged);

    queues.setQueues(live({}, {queueJson(10, u"Ventas"_s, 0), queueJson(11, u"Soporte"_s, 2, 30)}).queues);
    QCOMPARE(queues.rowCount(), 2);
    QCOMPARE(inserted.size(), 2);
    const QModelIndex soporte = queues.index(1);
    QCOMPARE(soporte.data(DashboardQueueModel::NameRole).toString(), u"Soporte"_s);
    QCOMPARE(soporte.data(DashboardQueueModel::WaitingRole).toInt(), 2);
    QCOMPARE(soporte.data(DashboardQueueModel::OldestWaitRole).toInt(), 30);
    QVERIFY(queues.index(0).data(DashboardQueueModel::OldestWaitRole).isNull());

    // A chat queued in Ventas: its row alone, its changed roles alone.
    queues.setQueues(live({}, {queueJson(10, u"Ventas"_s, 1, 3), queueJson(11, u"Soporte"_s, 2, 30)}).queues);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
    const auto roles = changed.at(0).at(2).value<QList<int>>();
    QCOMPARE(roles, (QList<int>{DashboardQueueModel::WaitingRole, DashboardQueueModel::OldestWaitRole}));

    // A new campaign, one gone.
    queues.setQueues(live({}, {queueJson(11, u"Soporte"_s, 2, 30), queueJson(12, u"Cobranza"_s, 0)}).queues);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(queues.rowCount(), 2);
    QCOMPARE(queues.rowOf(10), -1);
    QCOMPARE(queues.rowOf(12), 1);
    QCOMPARE(reset.size(), 0);
}

void tst_DashboardModels::agentsStatusAndTimeline()
{
    DashboardAgentModel agents;
    QAbstractItemModelTester tester(&agents, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&agents, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&agents, &QAbstractItemModel::dataChanged);

    QList<qint64> statusChanged =
        agents.setAgents(live({agentJson(1, u"Ana"_s, u"available"_s, 1, 3), agentJson(2, u"Luis"_s, u"paused"_s)}, {})
                             .agents.list,
                         at("2026-12-07T15:00:00Z"));
    QVERIFY(statusChanged.isEmpty());   // new rows are not changes
    QCOMPARE(agents.rowCount(), 2);
    const QModelIndex luis = agents.index(agents.rowOf(2));
    QCOMPARE(luis.data(DashboardAgentModel::NameRole).toString(), u"Luis Pérez"_s);
    QCOMPARE(luis.data(DashboardAgentModel::HandledTodayRole).toInt(), -1);

    // The timeline brings the reason, since when, and the day's intervals; the last one runs.
    agents.setTimeline(2,
                       QJsonObject{{u"agent_id"_s, 2},
                                   {u"intervals"_s,
                                    QJsonArray{QJsonObject{{u"status"_s, u"offline"_s},
                                                           {u"reason"_s, QJsonValue::Null},
                                                           {u"from"_s, u"2026-12-07T00:00:00Z"_s},
                                                           {u"to"_s, u"2026-12-07T08:00:00Z"_s}},
                                               QJsonObject{{u"status"_s, u"available"_s},
                                                           {u"reason"_s, QJsonValue::Null},
                                                           {u"from"_s, u"2026-12-07T08:00:00Z"_s},
                                                           {u"to"_s, u"2026-12-07T14:30:00Z"_s}},
                                               QJsonObject{{u"status"_s, u"paused"_s},
                                                           {u"reason"_s, u"almuerzo"_s},
                                                           {u"from"_s, u"2026-12-07T14:30:00Z"_s},
                                                           {u"to"_s, u"2026-12-07T15:00:00Z"_s}}}}});
    QCOMPARE(luis.data(DashboardAgentModel::ReasonRole).toString(), u"almuerzo"_s);
    QCOMPARE(luis.data(DashboardAgentModel::StatusSinceRole).toDateTime(), at("2026-12-07T14:30:00Z"));
    QVariantList intervals = luis.data(DashboardAgentModel::IntervalsRole).toList();
    QCOMPARE(intervals.size(), 3);
    QCOMPARE(intervals.last().toMap().value(u"to"_s).toLongLong(), 0);   // still running
    agents.setHandledToday(2, 6);
    QCOMPARE(luis.data(DashboardAgentModel::HandledTodayRole).toInt(), 6);

    // Back from lunch: the status, a closed pause and an open interval at once, reason cleared.
    changed.clear();
    statusChanged = agents.setAgents(
        live({agentJson(1, u"Ana"_s, u"available"_s, 2, 3), agentJson(2, u"Luis"_s, u"available"_s)}, {}).agents.list,
        at("2026-12-07T15:10:00Z"));
    QCOMPARE(statusChanged, QList<qint64>{2});
    QCOMPARE(luis.data(DashboardAgentModel::StatusRole).toString(), u"available"_s);
    QCOMPARE(luis.data(DashboardAgentModel::ReasonRole).toString(), QString());
    QCOMPARE(luis.data(DashboardAgentModel::StatusSinceRole).toDateTime(), at("2026-12-07T15:10:00Z"));
    intervals = luis.data(DashboardAgentModel::IntervalsRole).toList();
    QCOMPARE(intervals.size(), 4);
    QCOMPARE(intervals.at(2).toMap().value(u"to"_s).toLongLong(), at("2026-12-07T15:10:00Z").toMSecsSinceEpoch());
    QCOMPARE(intervals.at(3).toMap().value(u"status"_s).toString(), u"available"_s);
    QCOMPARE(changed.size(), 2);   // Ana's open chats, Luis's status
    const QModelIndex ana = agents.index(agents.rowOf(1));
    QCOMPARE(ana.data(DashboardAgentModel::ActiveChatsRole).toInt(), 2);

    // Ana leaves the list.
    agents.setAgents(live({agentJson(2, u"Luis"_s, u"available"_s)}, {}).agents.list, at("2026-12-07T15:11:00Z"));
    QCOMPARE(agents.rowCount(), 1);
    QCOMPARE(agents.rowOf(1), -1);
    QCOMPARE(reset.size(), 0);
}

void tst_DashboardModels::timelineBarHitsIntervals()
{
    AgentTimelineBar bar;
    bar.setWidth(2400);   // 100 px an hour
    bar.setHeight(10);
    bar.setNow(at("2026-12-07T15:00:00Z"));
    bar.setIntervals({QVariantMap{{u"status"_s, u"available"_s},
                                  {u"reason"_s, QString()},
                                  {u"from"_s, at("2026-12-07T08:00:00Z").toMSecsSinceEpoch()},
                                  {u"to"_s, at("2026-12-07T14:00:00Z").toMSecsSinceEpoch()}},
                      QVariantMap{{u"status"_s, u"paused"_s},
                                  {u"reason"_s, u"almuerzo"_s},
                                  {u"from"_s, at("2026-12-07T14:00:00Z").toMSecsSinceEpoch()},
                                  {u"to"_s, 0}}});
    QVERIFY(bar.intervalAt(700).isEmpty());   // 07:00: nothing known
    QCOMPARE(bar.intervalAt(900).value(u"status"_s).toString(), u"available"_s);
    QCOMPARE(bar.intervalAt(1450).value(u"reason"_s).toString(), u"almuerzo"_s);   // the running one, up to now
    QVERIFY(bar.intervalAt(1550).isEmpty());                                       // after now
}

QTEST_MAIN(tst_DashboardModels)
#include "tst_dashboard_models.moc"
