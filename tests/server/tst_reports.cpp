// The period reports over real HTTP (docs/REPORTS.md), on SQLite and PostgreSQL: a small data set
// written with exact times, whose every figure is worked out by hand below, then the campaign,
// agent, WhatsApp number and summary reports and an agent's timeline, figure by figure; periods in
// a time zone and by the hour; permissions and validation; and the first moments the writes keep
// (first assignment, first response and who gave it) through the chat API; the message tallies the
// writes keep (migration 0029) against the messages themselves, before and after a fold.
#include "Fixtures.h"
#include "ReportDataSet.h"
#include "TestServer.h"

#include "store/Database.h"
#include "store/MessageTallyStore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

namespace {

const QString kPeriod = u"from_date=2026-11-02&to_date=2026-11-03"_s;

using ReportDataSet::kDay;
using ReportDataSet::T;
using ReportDataSet::timeOrNull;

}   // namespace

class tst_Reports : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void campaignReport();
    void campaignInATimeZone();
    void oneDayIsHourly();
    void agentReport();
    void agentTimeline();
    void numberReport();
    void summaryReport();
    void trends_data();
    void trends();
    void trendRefusals();
    void permissions_data();
    void permissions();
    void validation_data();
    void validation();
    void writesKeepTheFirstMoments();
    void talliesFollowTheMessages();

private:
    ApiResponse get(const QString &path, const QByteArray &token = {})
    {
        return m_server.request("GET", path, {}, token.isNull() ? m_supervisor : token);
    }
    void addMessage(qint64 chat, const QString &direction, qint64 user, const QString &status, qint64 at,
                    qint64 sentAt = 0, qint64 deliveredAt = 0, qint64 readAt = 0);
    // The number's messages per quarter, direction and status, and its delay histogram, as the
    // tallies (and their log) hold them and as the messages themselves say.
    QStringList tallied();
    QStringList counted();
    qint64 logRows() { return *queryInteger(m_server.db(), u"SELECT COUNT(*) FROM message_tally_log"_s, {}); }
    void exec(const char *sql, std::initializer_list<QVariant> values)
    {
        SqlQuery q(m_server.db(), sql, values);
        QVERIFY2(q.exec(), sql);
    }

    TestServer m_server;
    QByteArray m_admin;
    QByteArray m_supervisor;
    QByteArray m_agentAToken;
    QByteArray m_agentBToken;
    qint64 m_agentA = 0;
    qint64 m_agentB = 0;
    qint64 m_sales = 0;
    qint64 m_support = 0;
    qint64 m_number = 0;
};

void tst_Reports::addMessage(qint64 chat, const QString &direction, qint64 user, const QString &status, qint64 at,
                             qint64 sentAt, qint64 deliveredAt, qint64 readAt)
{
    exec("INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, status, user_id, "
         "is_bot_message, created_at, sent_at, delivered_at, read_at) VALUES (?, ?, ?, 'text', 'x', ?, ?, FALSE, ?, ?, "
         "?, ?)",
         {chat, m_number, direction, status, timeOrNull(user), at, timeOrNull(sentAt), timeOrNull(deliveredAt),
          timeOrNull(readAt)});
}

// The data set (ReportDataSet, where C1-C8 are described), with what the number, agent and
// timeline figures below also read: the messages, A's status history, the number's connection.
void tst_Reports::initTestCase()
{
    QVERIFY(m_server.start());
    ReportDataSet::World w;
    QVERIFY(ReportDataSet::build(m_server, u"reports.example.com"_s, w));
    m_admin = w.admin;
    m_supervisor = w.supervisor;
    m_agentAToken = w.agentAToken;
    m_agentBToken = w.agentBToken;
    m_agentA = w.agentA;
    m_agentB = w.agentB;
    m_sales = w.sales;
    m_support = w.support;
    m_number = w.number;
    const qint64 c1 = w.chats[1], c2 = w.chats[2], c3 = w.chats[3], c5 = w.chats[5], c8 = w.chats[8];
    const qint64 t1 = w.opened[1], t2 = w.opened[2], t3 = w.opened[3], t5 = w.opened[5], t8 = w.opened[8];

    // Messages, as the number report counts them: A's four (C1 read in 2 s and delivered in 4 s,
    // C5 only sent, C8 failed), B's one (delivered in 6 s), two from customers.
    addMessage(c1, u"inbound"_s, 0, u"read"_s, t1);
    addMessage(c1, u"outbound"_s, m_agentA, u"read"_s, t1 + 50, t1 + 51, t1 + 53, t1 + 60);
    addMessage(c1, u"outbound"_s, m_agentA, u"delivered"_s, t1 + 200, t1 + 201, t1 + 205);
    addMessage(c2, u"outbound"_s, m_agentB, u"delivered"_s, t2 + 190, t2 + 191, t2 + 197);
    addMessage(c3, u"inbound"_s, 0, u"read"_s, t3);
    addMessage(c5, u"outbound"_s, m_agentA, u"sent"_s, t5 + 130, t5 + 131);
    addMessage(c8, u"outbound"_s, m_agentA, u"failed"_s, t8 + 20);

    // A's day on 11-02: offline until 08:00, available until 12:00, paused for lunch until 13:00 and
    // for a meeting until 13:30, busy until 14:30, then offline (still).
    const auto status = [&](const QString &s, const QString &reason, qint64 from, qint64 to) {
        exec("INSERT INTO agent_status_history (user_id, agent_status, reason, started_at, ended_at) "
             "VALUES (?, ?, ?, ?, ?)",
             {m_agentA, s, reason.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(reason), from,
              timeOrNull(to)});
    };
    status(u"available"_s, {}, T + 28800, T + 43200);
    status(u"paused"_s, u"Almuerzo"_s, T + 43200, T + 46800);
    status(u"paused"_s, u"Reunión"_s, T + 46800, T + 48600);
    status(u"busy"_s, {}, T + 48600, T + 52200);
    status(u"offline"_s, {}, T + 52200, 0);

    // The number: connected since the day before, lost 12:00-13:00 on 11-02.
    const auto connection = [&](const QString &s, qint64 at) {
        exec("INSERT INTO whatsapp_number_connections (whatsapp_number_id, status, created_at) VALUES (?, ?, ?)",
             {m_number, s, at});
    };
    connection(u"connected"_s, T - kDay);
    connection(u"disconnected"_s, T + 43200);
    connection(u"connected"_s, T + 46800);
}

void tst_Reports::campaignReport()
{
    const ApiResponse r = get(u"/v1/reports/campaigns/%1?"_s.arg(m_sales) + kPeriod);
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.object();
    QCOMPARE(o[u"campaign"_s].toObject(), (QJsonObject{{u"id"_s, m_sales}, {u"name"_s, u"Ventas"_s}}));
    QCOMPARE(o[u"period"_s][u"from"_s].toString(), u"2026-11-02T00:00:00Z"_s);
    QCOMPARE(o[u"period"_s][u"to"_s].toString(), u"2026-11-03T23:59:59Z"_s);
    QCOMPARE(o[u"period"_s][u"timezone"_s].toString(), u"UTC"_s);
    QCOMPARE(o[u"granularity"_s].toString(), u"day"_s);
    const QJsonObject m = o[u"metrics"_s].toObject();
    const QList<QPair<QString, QJsonValue>> expected{
        {u"total_chats"_s, 5},
        {u"chats_handled"_s, 3},     // C1, C2, C5
        {u"chats_abandoned"_s, 1},   // C3; C4 the bot resolved
        {u"chats_closed"_s, 4},
        {u"avg_wait_time_seconds"_s, 53},   // (30 + 90 + 40) / 3 = 53.3
        {u"wait_time_sample"_s, 3},
        {u"avg_first_response_time_seconds"_s, 50},   // (20 + 100 + 30) / 3
        {u"first_response_sample"_s, 3},
        {u"avg_handling_time_seconds"_s, 2265},   // (620 + 3910) / 2
        {u"handling_time_sample"_s, 2},
        {u"sla_first_response_compliance"_s, 33.3},   // C1 of C1, C2, C5
        {u"sla_first_response_sample"_s, 3},
        {u"sla_resolution_compliance"_s, 75.0},   // C1, C3, C4 of C1-C4
        {u"sla_resolution_sample"_s, 4},
        {u"total_messages"_s, 19},
        {u"avg_messages_per_chat"_s, 3.8},
        {u"total_revenue"_s, 1000},
    };
    for (const auto &[key, value] : expected)
        QVERIFY2(m.value(key) == value, qPrintable(key + u" = "_s + m.value(key).toVariant().toString()));
    QCOMPARE(m[u"satisfaction"_s].toObject(),
             (QJsonObject{{u"avg_rating"_s, 4.0},
                          {u"total_ratings"_s, 2},
                          {u"rating_distribution"_s,
                           QJsonObject{{u"1"_s, 0}, {u"2"_s, 0}, {u"3"_s, 1}, {u"4"_s, 0}, {u"5"_s, 1}}}}));
    QCOMPARE(m[u"outcomes"_s].toObject(), (QJsonObject{{u"sale"_s, 1}, {u"no_sale"_s, 1}}));
    QCOMPARE(m[u"bot"_s].toObject(),
             (QJsonObject{{u"resolved_by_bot"_s, 1},
                          {u"handed_over_by_bot"_s, 1},
                          {u"still_in_bot"_s, 0},
                          {u"handled_by_agents"_s, 3}}));

    // The days add up to the period: 11-02 has C1 and C2 (its last second), 11-03 the other three.
    const QJsonArray daily = o[u"daily"_s].toArray();
    QCOMPARE(daily.size(), 2);
    QCOMPARE(daily[0][u"date"_s].toString(), u"2026-11-02"_s);
    QCOMPARE(daily[0][u"from"_s].toString(), u"2026-11-02T00:00:00Z"_s);
    QCOMPARE(daily[0][u"to"_s].toString(), u"2026-11-03T00:00:00Z"_s);
    QCOMPARE(daily[0][u"total_chats"_s].toInteger(), 2);
    QCOMPARE(daily[0][u"avg_handling_time_seconds"_s].toInteger(), 2265);
    QCOMPARE(daily[0][u"total_revenue"_s].toInteger(), 1000);
    QCOMPARE(daily[1][u"date"_s].toString(), u"2026-11-03"_s);
    QCOMPARE(daily[1][u"total_chats"_s].toInteger(), 3);
    QCOMPARE(daily[1][u"chats_abandoned"_s].toInteger(), 1);
    QCOMPARE(daily[1][u"avg_wait_time_seconds"_s].toInteger(), 40);
    QVERIFY(daily[1][u"avg_handling_time_seconds"_s].isNull());
    QCOMPARE(daily[1][u"handling_time_sample"_s].toInteger(), 0);
}

void tst_Reports::campaignInATimeZone()
{
    // Bogotá is UTC-5: its 11-02 and 11-03 run from 05:00Z to 05:00Z two days later, so C6 (11-04
    // 00:00Z, 11-03 19:00 there) is in, C7 still out, and C2 (18:59 there) stays on 11-02.
    const ApiResponse r = get(u"/v1/reports/campaigns/%1?"_s.arg(m_sales) + kPeriod + u"&timezone=America/Bogota"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"period"_s)[u"from"_s].toString(), u"2026-11-02T00:00:00-05:00"_s);
    QCOMPARE(r.value(u"period"_s)[u"to"_s].toString(), u"2026-11-03T23:59:59-05:00"_s);
    QCOMPARE(r.value(u"metrics"_s)[u"total_chats"_s].toInteger(), 6);
    const QJsonArray daily = r.value(u"daily"_s).toArray();
    QCOMPARE(daily.size(), 2);
    QCOMPARE(daily[0][u"from"_s].toString(), u"2026-11-02T05:00:00Z"_s);
    QCOMPARE(daily[0][u"total_chats"_s].toInteger(), 2);
    QCOMPARE(daily[1][u"total_chats"_s].toInteger(), 4);
}

void tst_Reports::oneDayIsHourly()
{
    const ApiResponse r = get(u"/v1/reports/campaigns/%1?from_date=2026-11-02&to_date=2026-11-02"_s.arg(m_sales));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"granularity"_s).toString(), u"hour"_s);
    const QJsonArray hours = r.value(u"daily"_s).toArray();
    QCOMPARE(hours.size(), 24);
    qint64 total = 0;
    for (const QJsonValue &h : hours)
        total += h[u"total_chats"_s].toInteger();
    QCOMPARE(total, 2);
    QCOMPARE(hours[10][u"hour"_s].toInt(), 10);
    QCOMPARE(hours[10][u"total_chats"_s].toInteger(), 1);   // C1
    QCOMPARE(hours[23][u"total_chats"_s].toInteger(), 1);   // C2, at 23:59:59
    // A day with a DST change in the zone asked for has 25 hours.
    const ApiResponse madrid = get(u"/v1/reports/campaigns/%1?from_date=2026-10-25&to_date=2026-10-25"
                                   "&timezone=Europe/Madrid"_s.arg(m_sales));
    QCOMPARE(madrid.status, 200);
    QCOMPARE(madrid.value(u"daily"_s).toArray().size(), 25);
}

void tst_Reports::agentReport()
{
    // A's own report, read by A. Its messages: C1 twice, C8, C5 (3 chats); a transfer away (C2);
    // closed C1 and C8 (handling 620 and 90); first responses C1, C5, C8 (20, 30, 10 s; in time:
    // C1 and C8, 50 and 20 s after queueing); CSAT 5 on C1; time: available 4 h, busy 1 h,
    // paused 1.5 h, the rest of the two days offline.
    const ApiResponse r = get(u"/v1/reports/agents/%1?"_s.arg(m_agentA) + kPeriod, m_agentAToken);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"agent"_s).toObject(),
             (QJsonObject{{u"id"_s, m_agentA}, {u"first_name"_s, u"Ana"_s}, {u"last_name"_s, u"Arias"_s}}));
    const QJsonObject m = r.value(u"metrics"_s).toObject();
    const QList<QPair<QString, QJsonValue>> expected{
        {u"chats_handled"_s, 3},
        {u"chats_transferred"_s, 1},
        {u"chats_closed"_s, 2},
        {u"messages_sent"_s, 4},
        {u"avg_handling_time_seconds"_s, 355},
        {u"handling_time_sample"_s, 2},
        {u"avg_first_response_time_seconds"_s, 20},
        {u"first_response_sample"_s, 3},
        {u"chats_per_hour"_s, 0.6},   // 3 chats / 5 hours available or busy
        {u"sla_compliance"_s, 66.7},
        {u"sla_sample"_s, 3},
        {u"avg_csat_score"_s, 5.0},
        {u"csat_sample"_s, 1},
        {u"revenue_generated"_s, 1000},
    };
    for (const auto &[key, value] : expected)
        QVERIFY2(m.value(key) == value, qPrintable(key + u" = "_s + m.value(key).toVariant().toString()));
    QCOMPARE(m[u"outcomes"_s].toObject(), (QJsonObject{{u"sale"_s, 1}, {u"information"_s, 1}}));
    QCOMPARE(m[u"time_breakdown"_s].toObject(),
             (QJsonObject{{u"available_seconds"_s, 14400},
                          {u"busy_seconds"_s, 3600},
                          {u"paused_seconds"_s, 5400},
                          {u"offline_seconds"_s, 2 * kDay - 23400}}));
    const QJsonArray daily = r.value(u"daily"_s).toArray();
    QCOMPARE(daily.size(), 2);
    QCOMPARE(daily[0][u"messages_sent"_s].toInteger(), 3);
    QCOMPARE(daily[0][u"chats_handled"_s].toInteger(), 2);
    QCOMPARE(daily[0][u"chats_transferred"_s].toInteger(), 0);
    QCOMPARE(daily[0][u"time_breakdown"_s][u"offline_seconds"_s].toInteger(), kDay - 23400);
    QCOMPARE(daily[1][u"messages_sent"_s].toInteger(), 1);
    QCOMPARE(daily[1][u"chats_transferred"_s].toInteger(), 1);   // 11-03 00:02:29
    QCOMPARE(daily[1][u"time_breakdown"_s][u"offline_seconds"_s].toInteger(), kDay);
    QVERIFY(daily[1][u"chats_per_hour"_s].isNull());   // no hour available or busy that day

    // B: the first response of C2 is B's, though A had it first.
    const ApiResponse b = get(u"/v1/reports/agents/%1?"_s.arg(m_agentB) + kPeriod);
    QCOMPARE(b.status, 200);
    QCOMPARE(b.value(u"metrics"_s)[u"first_response_sample"_s].toInteger(), 1);
    QCOMPARE(b.value(u"metrics"_s)[u"avg_first_response_time_seconds"_s].toInteger(), 100);
    QCOMPARE(b.value(u"metrics"_s)[u"sla_compliance"_s].toDouble(), 0.0);
}

void tst_Reports::agentTimeline()
{
    const ApiResponse r = get(u"/v1/reports/agents/%1/timeline?date=2026-11-02"_s.arg(m_agentA), m_agentAToken);
    QCOMPARE(r.status, 200);
    QStringList seen;
    for (const QJsonValue &i : r.value(u"intervals"_s).toArray()) {
        seen.append(u"%1-%2 %3%4"_s.arg(i[u"from"_s].toString().mid(11, 5), i[u"to"_s].toString().mid(11, 5),
                                        i[u"status"_s].toString(),
                                        i[u"reason"_s].isNull() ? QString() : u'/' + i[u"reason"_s].toString()));
    }
    QCOMPARE(seen,
             (QStringList{u"00:00-08:00 offline"_s, u"08:00-12:00 available"_s, u"12:00-13:00 paused/Almuerzo"_s,
                          u"13:00-13:30 paused/Reunión"_s, u"13:30-14:30 busy"_s, u"14:30-00:00 offline"_s}));
    QCOMPARE(r.value(u"time_breakdown"_s)[u"paused_seconds"_s].toInteger(), 5400);
}

void tst_Reports::numberReport()
{
    const ApiResponse r = get(u"/v1/reports/whatsapp-numbers/%1?"_s.arg(m_number) + kPeriod);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"whatsapp_number"_s)[u"phone_number"_s].toString(), u"+573009990000"_s);
    const QJsonObject m = r.value(u"metrics"_s).toObject();
    const QList<QPair<QString, QJsonValue>> expected{
        {u"messages_sent"_s, 4},   // read, delivered, sent, delivered
        {u"messages_received"_s, 2},      {u"messages_failed"_s, 1},
        {u"messages_pending"_s, 0},       {u"delivery_rate"_s, 75.0},
        {u"read_rate"_s, 25.0},           {u"median_delivery_time_seconds"_s, 4},   // 2, 4, 6
        {u"median_delivery_sample"_s, 3}, {u"chats_opened"_s, 6},                   // C1-C5 and C8
    };
    for (const auto &[key, value] : expected)
        QVERIFY2(m.value(key) == value, qPrintable(key + u" = "_s + m.value(key).toVariant().toString()));
    QCOMPARE(m[u"connection"_s].toObject(),
             (QJsonObject{{u"uptime_seconds"_s, 2 * kDay - 3600},
                          {u"uptime_percent"_s, 97.9},
                          {u"measured_seconds"_s, 2 * kDay},
                          {u"disconnects"_s, 1}}));
    QCOMPARE(m[u"conversations"_s][u"total_chats"_s].toInteger(), 6);
    const QJsonArray daily = r.value(u"daily"_s).toArray();
    QCOMPARE(daily.size(), 2);
    QCOMPARE(daily[0][u"messages_sent"_s].toInteger(), 2);   // C1's two; B's came at 00:03:10 on 11-03
    QCOMPARE(daily[0][u"messages_failed"_s].toInteger(), 1);
    QCOMPARE(daily[0][u"chats_opened"_s].toInteger(), 3);
    QCOMPARE(daily[1][u"messages_sent"_s].toInteger(), 2);
}

void tst_Reports::summaryReport()
{
    const ApiResponse r = get(u"/v1/reports/summary?"_s + kPeriod);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"metrics"_s)[u"total_chats"_s].toInteger(), 6);
    QCOMPARE(r.value(u"metrics"_s)[u"chats_handled"_s].toInteger(), 4);
    QCOMPARE(r.value(u"metrics"_s)[u"outcomes"_s].toObject(),
             (QJsonObject{{u"sale"_s, 1}, {u"no_sale"_s, 1}, {u"information"_s, 1}}));
    const QJsonArray campaigns = r.value(u"campaigns"_s).toArray();
    QCOMPARE(campaigns.size(), 2);
    QCOMPARE(campaigns[0][u"name"_s].toString(), u"Ventas"_s);
    QCOMPARE(campaigns[0][u"total_chats"_s].toInteger(), 5);
    QCOMPARE(campaigns[1][u"name"_s].toString(), u"Soporte"_s);
    QCOMPARE(campaigns[1][u"total_chats"_s].toInteger(), 1);
    QCOMPARE(campaigns[1][u"avg_handling_time_seconds"_s].toInteger(), 90);
}

// One metric per day (or hour) of the data set; "index=value/sample" for the points that are not 0.
void tst_Reports::trends_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("points");
    QTest::addColumn<QStringList>("nonZero");

    const QString day = u"from_date=2026-11-02&to_date=2026-11-02"_s;
    QTest::addRow("chats per hour, a day, overall")
        << u"metric=chats_per_hour&"_s + day << 24 << QStringList{u"10=1/1"_s, u"15=1/1"_s, u"23=1/1"_s};
    QTest::addRow("chats per hour, by day, Ventas") << u"metric=chats_per_hour&campaign_id=%1&"_s +
            kPeriod << 2 << QStringList{u"0=0.08/2"_s, u"1=0.13/3"_s};   // 2 and 3 chats in 24 hours
    QTest::addRow("messages per hour, overall")
        << u"metric=messages_per_hour&"_s + day << 24 << QStringList{u"10=3/3"_s, u"15=1/1"_s};
    QTest::addRow("messages per hour, Soporte")
        << u"metric=messages_per_hour&campaign_id=%2&"_s + day << 24 << QStringList{u"15=1/1"_s};
    QTest::addRow("wait, Ventas") << u"metric=avg_wait_time&campaign_id=%1&"_s + kPeriod << 2
                                  << QStringList{u"0=60/2"_s, u"1=40/1"_s};
    QTest::addRow("first response, Ventas")
        << u"metric=avg_first_response_time&campaign_id=%1&"_s + kPeriod << 2 << QStringList{u"0=60/2"_s, u"1=30/1"_s};
    QTest::addRow("sla, Ventas") << u"metric=sla_compliance&campaign_id=%1&"_s + kPeriod << 2
                                 << QStringList{u"0=50/2"_s, u"1=0/1"_s};
    QTest::addRow("csat, Ventas") << u"metric=csat&campaign_id=%1&"_s + kPeriod << 2 << QStringList{u"0=4/2"_s};
    // A: available 08-12, paused 12-13:30, busy 13:30-14:30.
    QTest::addRow("active agents") << u"metric=active_agents&"_s +
            day << 24 << QStringList{u"8=1/1"_s, u"9=1/1"_s, u"10=1/1"_s, u"11=1/1"_s, u"13=1/1"_s, u"14=1/1"_s};
}

void tst_Reports::trends()
{
    QFETCH(QString, query);
    QFETCH(int, points);
    QFETCH(QStringList, nonZero);
    const ApiResponse r =
        get(u"/v1/analytics/trends?"_s +
            QString(query).replace(u"%1"_s, QString::number(m_sales)).replace(u"%2"_s, QString::number(m_support)));
    QCOMPARE(r.status, 200);
    const QJsonArray data = r.value(u"data"_s).toArray();
    QCOMPARE(data.size(), points);
    QStringList seen;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const QJsonObject p = data.at(i).toObject();
        // Consecutive points, gaps as 0.
        const qint64 step = points == 24 ? 3600 : kDay;
        QCOMPARE(p.value(u"timestamp"_s).toString(),
                 QDateTime::fromSecsSinceEpoch(T + i * step, Qt::UTC).toString(Qt::ISODate));
        if (p.value(u"value"_s).toDouble() != 0 || p.value(u"sample"_s).toInteger() != 0) {
            seen.append(u"%1=%2/%3"_s.arg(i).arg(p.value(u"value"_s).toDouble()).arg(p.value(u"sample"_s).toInteger()));
        }
    }
    QCOMPARE(seen, nonZero);
}

void tst_Reports::trendRefusals()
{
    const QString day = u"from_date=2026-11-02&to_date=2026-11-02"_s;
    ApiResponse r = get(u"/v1/analytics/trends?"_s + day);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"metric"_s});
    r = get(u"/v1/analytics/trends?metric=speed&from_date=2026-11-03&to_date=2026-11-02"_s);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), (QStringList{u"metric"_s, u"to_date"_s}));
    QCOMPARE(get(u"/v1/analytics/trends?metric=csat&campaign_id=999999&"_s + day).status, 404);
    QCOMPARE(get(u"/v1/analytics/trends?metric=csat&"_s + day, m_agentAToken).status, 403);
    QCOMPARE(m_server.request("GET", u"/v1/analytics/trends?metric=csat&"_s + day, {}, QByteArray("")).status, 401);
}

void tst_Reports::permissions_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");

    QTest::addRow("nobody") << u"none"_s << u"campaigns/%1"_s << 401;
    QTest::addRow("agent, campaign") << u"agentA"_s << u"campaigns/%1"_s << 403;
    QTest::addRow("agent, summary") << u"agentA"_s << u"summary"_s << 403;
    QTest::addRow("agent, number") << u"agentA"_s << u"whatsapp-numbers/%3"_s << 403;
    QTest::addRow("agent, own") << u"agentA"_s << u"agents/%2"_s << 200;
    QTest::addRow("agent, another's") << u"agentB"_s << u"agents/%2"_s << 404;
    QTest::addRow("agent, another's timeline") << u"agentB"_s << u"agents/%2/timeline"_s << 404;
    QTest::addRow("supervisor, an agent's") << u"supervisor"_s << u"agents/%2"_s << 200;
    QTest::addRow("admin, summary") << u"admin"_s << u"summary"_s << 200;
    QTest::addRow("unknown campaign") << u"supervisor"_s << u"campaigns/999999"_s << 404;
    QTest::addRow("unknown agent") << u"supervisor"_s << u"agents/999999"_s << 404;
    QTest::addRow("unknown number") << u"supervisor"_s << u"whatsapp-numbers/999999"_s << 404;
}

void tst_Reports::permissions()
{
    QFETCH(QString, who);
    QFETCH(QString, path);
    QFETCH(int, status);
    const QByteArray token = who == "agentA"_L1 ? m_agentAToken
        : who == "agentB"_L1                    ? m_agentBToken
        : who == "admin"_L1                     ? m_admin
        : who == "none"_L1                      ? QByteArray("")
                                                : m_supervisor;
    const QString url = u"/v1/reports/"_s +
        QString(path)
            .replace(u"%1"_s, QString::number(m_sales))
            .replace(u"%2"_s, QString::number(m_agentA))
            .replace(u"%3"_s, QString::number(m_number)) +
        u'?' + kPeriod + u"&date=2026-11-02"_s;
    QCOMPARE(m_server.request("GET", url, {}, token).status, status);
}

void tst_Reports::validation_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");

    QTest::addRow("no dates") << QString() << u"from_date"_s;
    QTest::addRow("no end") << u"from_date=2026-11-02"_s << u"to_date"_s;
    QTest::addRow("not a date") << u"from_date=02/11/2026&to_date=2026-11-03"_s << u"from_date"_s;
    QTest::addRow("impossible") << u"from_date=2026-02-30&to_date=2026-03-03"_s << u"from_date"_s;
    QTest::addRow("reversed") << u"from_date=2026-11-03&to_date=2026-11-02"_s << u"to_date"_s;
    QTest::addRow("over 366 days") << u"from_date=2025-01-01&to_date=2026-01-02"_s << u"to_date"_s;
    QTest::addRow("unknown zone") << kPeriod + u"&timezone=Mars/Olympus"_s << u"timezone"_s;
    QTest::addRow("granularity") << kPeriod + u"&granularity=week"_s << u"granularity"_s;
}

void tst_Reports::validation()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    for (const QString &path : {u"campaigns/%1"_s.arg(m_sales), u"agents/%1"_s.arg(m_agentA),
                                u"whatsapp-numbers/%1"_s.arg(m_number), u"summary"_s}) {
        const ApiResponse r = get(u"/v1/reports/"_s + path + u'?' + query);
        QCOMPARE(r.status, 422);
        QVERIFY2(r.errorFields().contains(field), r.body.constData());
    }
    const ApiResponse noDate = get(u"/v1/reports/agents/%1/timeline"_s.arg(m_agentA));
    QCOMPARE(noDate.status, 422);
    QCOMPARE(noDate.errorFields(), QStringList{u"date"_s});
}

// Through the chat API: A is given a queued chat, transfers it to B without a word, B answers,
// then a supervisor transfers it back to the queue and A takes it again: the first assignment
// stays A's, the first response B's, the first queueing the chat's first.
void tst_Reports::writesKeepTheFirstMoments()
{
    const qint64 now = nowSeconds();
    const qint64 client =
        insertReturningId(m_server.db(),
                          "INSERT INTO clients (phone_number, search_text, custom_fields, created_at, updated_at) "
                          "VALUES ('+573119998877', '', '{}', ?, ?) RETURNING id",
                          {now, now});
    const qint64 chat = insertReturningId(m_server.db(),
                                          "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, status, "
                                          "created_at, queued_at, first_queued_at, last_activity_at, last_inbound_at) "
                                          "VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?) RETURNING id",
                                          {client, m_sales, m_number, now - 100, now - 100, now - 100, now, now});
    QVERIFY(chat);
    const QString path = u"/v1/chats/%1"_s.arg(chat);
    QCOMPARE(m_server.request("POST", path + u"/assign"_s, {{u"agent_id"_s, m_agentA}}, m_supervisor).status, 200);
    QCOMPARE(m_server
                 .request("POST", path + u"/transfer"_s,
                          {{u"target_type"_s, u"agent"_s}, {u"target_id"_s, m_agentB}, {u"reason"_s, u"Soporte"_s}},
                          m_agentAToken)
                 .status,
             200);
    QCOMPARE(m_server
                 .request("POST", u"/v1/messages"_s,
                          {{u"chat_id"_s, chat}, {u"message_type"_s, u"text"_s}, {u"content"_s, u"Hola"_s}},
                          m_agentBToken)
                 .status,
             201);
    QCOMPARE(m_server.request("POST", path + u"/transfer"_s, {{u"target_type"_s, u"queue"_s}}, m_supervisor).status,
             200);
    QCOMPARE(m_server.request("POST", path + u"/assign"_s, {{u"agent_id"_s, m_agentA}}, m_supervisor).status, 200);
    QCOMPARE(m_server
                 .request("POST", u"/v1/messages"_s,
                          {{u"chat_id"_s, chat}, {u"message_type"_s, u"text"_s}, {u"content"_s, u"Sigo yo"_s}},
                          m_agentAToken)
                 .status,
             201);

    SqlQuery q(m_server.db(),
               "SELECT first_queued_at, first_assigned_at, first_response_agent_id, queued_at, assigned_at FROM chats "
               "WHERE id = ?",
               {chat});
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.integer(0), now - 100);
    QVERIFY(q.integer(1) >= now && q.integer(1) <= q.integer(4));   // A's first assignment, not the last
    QCOMPARE(q.integer(2), m_agentB);
    QVERIFY(q.integer(3) >= now);   // the current queueing moved on
}

QStringList tst_Reports::tallied()
{
    QStringList out;
    SqlQuery counts(m_server.db(),
                    "SELECT quarter, direction, status, SUM(n) FROM (SELECT quarter, direction, status, n "
                    "FROM message_tallies WHERE whatsapp_number_id = ? UNION ALL SELECT quarter, direction, status, "
                    "delta FROM message_tally_log WHERE whatsapp_number_id = ?) t GROUP BY quarter, direction, status "
                    "HAVING SUM(n) <> 0 ORDER BY quarter, direction, status",
                    {m_number, m_number});
    if (!counts.exec())
        return {u"query failed"_s};
    while (counts.next())
        out << u"%1 %2 %3 %4"_s.arg(counts.integer(0)).arg(counts.string(1), counts.string(2)).arg(counts.integer(3));
    SqlQuery delays(m_server.db(),
                    "SELECT seconds, SUM(n) FROM (SELECT seconds, n FROM message_delay_tallies WHERE "
                    "whatsapp_number_id = ? UNION ALL SELECT delay_seconds, delta FROM message_tally_log WHERE "
                    "whatsapp_number_id = ? AND delay_seconds IS NOT NULL) t GROUP BY seconds HAVING SUM(n) <> 0 "
                    "ORDER BY seconds",
                    {m_number, m_number});
    if (!delays.exec())
        return {u"query failed"_s};
    while (delays.next())
        out << u"delay %1 %2"_s.arg(delays.integer(0)).arg(delays.integer(1));
    return out;
}

QStringList tst_Reports::counted()
{
    QStringList out;
    SqlQuery counts(m_server.db(),
                    "SELECT created_at - created_at % 900, direction, status, COUNT(*) FROM messages "
                    "WHERE whatsapp_number_id = ? GROUP BY created_at - created_at % 900, direction, status "
                    "ORDER BY created_at - created_at % 900, direction, status",
                    {m_number});
    if (!counts.exec())
        return {u"query failed"_s};
    while (counts.next())
        out << u"%1 %2 %3 %4"_s.arg(counts.integer(0)).arg(counts.string(1), counts.string(2)).arg(counts.integer(3));
    SqlQuery delays(m_server.db(),
                    "SELECT delivered_at - sent_at, COUNT(*) FROM messages WHERE whatsapp_number_id = ? "
                    "AND direction = 'outbound' AND delivered_at >= sent_at GROUP BY delivered_at - sent_at "
                    "ORDER BY delivered_at - sent_at",
                    {m_number});
    if (!delays.exec())
        return {u"query failed"_s};
    while (delays.next())
        out << u"delay %1 %2"_s.arg(delays.integer(0)).arg(delays.integer(1));
    return out;
}

// Every write that changes what a number report counts (a new message, a status or delivery time
// changed, a message deleted) moves the tallies with it; a fold moves PostgreSQL's log into them
// and changes no figure.
void tst_Reports::talliesFollowTheMessages()
{
    QCOMPARE(tallied(), counted());
    const ApiResponse before = get(u"/v1/reports/whatsapp-numbers/%1?"_s.arg(m_number) + kPeriod);
    QCOMPARE(before.status, 200);

    // A new chat now, its messages through the API and straight into the table.
    const qint64 now = nowSeconds();
    const qint64 client =
        insertReturningId(m_server.db(),
                          "INSERT INTO clients (phone_number, search_text, custom_fields, created_at, updated_at) "
                          "VALUES ('+573119998866', '', '{}', ?, ?) RETURNING id",
                          {now, now});
    const qint64 chat = insertReturningId(m_server.db(),
                                          "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, status, "
                                          "assigned_agent_id, created_at, last_activity_at, last_inbound_at) "
                                          "VALUES (?, ?, ?, 'active', ?, ?, ?, ?) RETURNING id",
                                          {client, m_sales, m_number, m_agentA, now - 100, now, now});
    QVERIFY(chat);
    const ApiResponse sent =
        m_server.request("POST", u"/v1/messages"_s,
                         {{u"chat_id"_s, chat}, {u"message_type"_s, u"text"_s}, {u"content"_s, u"Hola"_s}},
                         m_agentAToken);
    QCOMPARE(sent.status, 201);
    addMessage(chat, u"inbound"_s, 0, u"read"_s, now - 50);
    addMessage(chat, u"outbound"_s, m_agentA, u"sent"_s, now - 40, now - 39);
    addMessage(chat, u"outbound"_s, m_agentA, u"delivered"_s, now - 30, now - 29, now - 26);
    QCOMPARE(tallied(), counted());

    // Statuses move on (the provider's receipts), one message goes back to pending, one is deleted.
    exec("UPDATE messages SET status = 'delivered', delivered_at = sent_at + 7 WHERE chat_id = ? AND status = 'sent'",
         {chat});
    exec("UPDATE messages SET status = 'read', read_at = ? WHERE chat_id = ? AND status = 'delivered'", {now, chat});
    exec("UPDATE messages SET delivered_at = sent_at + 1 WHERE chat_id = ? AND created_at = ?", {chat, now - 30});
    exec("UPDATE messages SET status = 'pending', sent_at = NULL, delivered_at = NULL WHERE chat_id = ? "
         "AND created_at = ?",
         {chat, now - 40});
    exec("UPDATE messages SET read_at = ? WHERE chat_id = ?", {now + 1, chat});   // no counted change
    exec("DELETE FROM messages WHERE chat_id = ? AND direction = 'inbound'", {chat});
    QCOMPARE(tallied(), counted());

    // PostgreSQL keeps the changes in the log until a fold; SQLite's triggers write the tallies.
    const bool postgres = m_server.db().dialect() == SqlDialect::Postgres;
    if (!postgres)
        QCOMPARE(logRows(), 0);
    const Result<qint64> folded = MessageTallyStore(m_server.db()).foldAll(3);   // several small folds
    QVERIFY(folded);
    QCOMPARE(logRows(), 0);
    QCOMPARE(tallied(), counted());
    const ApiResponse after = get(u"/v1/reports/whatsapp-numbers/%1?"_s.arg(m_number) + kPeriod);
    QCOMPARE(after.status, 200);
    QCOMPARE(after.value(u"metrics"_s), before.value(u"metrics"_s));   // the period is before `now`
    QCOMPARE(after.value(u"daily"_s), before.value(u"daily"_s));
}

QTEST_MAIN(tst_Reports)
#include "tst_reports.moc"
