// An agent's status timeline and time breakdown (docs/REPORTS.md, agent report): the pure cut of
// agent_status_history into intervals, worked out by hand, then AgentStatusStore's rows for a
// period on each engine.
#include "TestServer.h"

#include "core/Clock.h"
#include "domain/reports/AgentTimeline.h"
#include "store/AgentStatusStore.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QTest>

#include <algorithm>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

// Rows written as "start-end status[/reason]" joined by ", "; "start- status" is a running row.
// Ids follow the order written.
QList<AgentStatusRow> rowsOf(const QString &text)
{
    QList<AgentStatusRow> rows;
    const QStringList items = text.split(u", "_s, Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const QString span = item.section(u' ', 0, 0);
        const QString what = item.section(u' ', 1);
        AgentStatusRow &r = rows.emplace_back();
        r.id = rows.size();
        r.startedAt = span.section(u'-', 0, 0).toLongLong();
        r.endedAt = span.section(u'-', 1).toLongLong();   // "" → 0: running
        r.status = what.section(u'/', 0, 0);
        r.reason = what.section(u'/', 1);
    }
    return rows;
}

// Intervals in the same notation, for comparing with a hand-written expectation.
QString textOf(const QList<AgentTimeline::Interval> &intervals)
{
    QStringList out;
    for (const AgentTimeline::Interval &i : intervals) {
        QString s = u"%1-%2 %3"_s.arg(i.start).arg(i.end).arg(i.status);
        if (!i.reason.isEmpty())
            s += u'/' + i.reason;
        out.append(s);
    }
    return out.join(u", "_s);
}

QString textOf(const QList<AgentStatusRow> &rows)
{
    QStringList out;
    for (const AgentStatusRow &r : rows) {
        QString s = u"%1-%2 %3"_s.arg(r.startedAt).arg(r.endedAt ? QString::number(r.endedAt) : QString(), r.status);
        if (!r.reason.isEmpty())
            s += u'/' + r.reason;
        out.append(s);
    }
    return out.join(u", "_s);
}

}   // namespace

class tst_AgentTimeline : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void timeline_data();
    void timeline();
    void breakdown_data();
    void breakdown();
    void json();

    void storeHistory_data();
    void storeHistory();
    void storeToTimeline();
    void writerOpensARowPerStatusOrReason();

private:
    // Inserts a user's history rows ("start-end status[/reason]", as rowsOf reads them).
    void insertHistory(qint64 userId, const QString &rows);

    TestServer m_server;
    qint64 m_agent = 0;   // 900-1200 busy … 1800- available
    qint64 m_gone = 0;    // one row, closed by a soft delete
    qint64 m_ties = 0;    // a zero-length row in the same second as the next
    qint64 m_never = 0;   // no history at all
};

void tst_AgentTimeline::initTestCase()
{
    QVERIFY(m_server.start());
    m_agent = m_server.createUser(u"timeline-agent@test.conversa"_s, u"password-123"_s, u"agent"_s);
    m_gone = m_server.createUser(u"timeline-gone@test.conversa"_s, u"password-123"_s, u"agent"_s);
    m_ties = m_server.createUser(u"timeline-ties@test.conversa"_s, u"password-123"_s, u"agent"_s);
    m_never = m_server.createUser(u"timeline-never@test.conversa"_s, u"password-123"_s, u"agent"_s);
    QVERIFY(m_agent && m_gone && m_ties && m_never);
    // Interleaved by time with the others' rows, which must never show up in m_agent's history.
    insertHistory(m_agent,
                  u"100-200 available, 200-900 paused/Almuerzo, 900-1200 busy, 1200-1200 available, "
                  "1200-1800 paused/Reunión, 1800- available"_s);
    insertHistory(m_gone, u"100-300 busy"_s);
    insertHistory(m_ties, u"500-700 available, 700-700 busy, 700- paused/Baño"_s);
}

void tst_AgentTimeline::insertHistory(qint64 userId, const QString &rows)
{
    for (const AgentStatusRow &r : rowsOf(rows)) {
        SqlQuery q(m_server.db(),
                   "INSERT INTO agent_status_history (user_id, agent_status, reason, changed_by, started_at, ended_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   {userId, r.status, nullIfEmpty(r.reason), userId, r.startedAt, nullIfZero(r.endedAt)});
        QVERIFY2(q.exec(), qPrintable(q.raw().lastError().text()));
    }
}

// Period [1000, 2000) unless the row says otherwise; now after it unless the case is about now.
void tst_AgentTimeline::timeline_data()
{
    QTest::addColumn<QString>("rows");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<QString>("expected");

    const qint64 later = 5000;
    QTest::addRow("no-history") << QString() << 1000LL << 2000LL << later << u"1000-2000 offline"_s;
    QTest::addRow("clipped-at-both-ends") << u"500-1500 available, 1500-2500 busy"_s << 1000LL << 2000LL << later
                                          << u"1000-1500 available, 1500-2000 busy"_s;
    QTest::addRow("one-row-over-the-period") << u"500-2500 busy"_s << 1000LL << 2000LL << later << u"1000-2000 busy"_s;
    QTest::addRow("running-row-ends-at-now")
        << u"800- paused/Almuerzo"_s << 1000LL << 2000LL << 1600LL << u"1000-1600 paused/Almuerzo"_s;
    QTest::addRow("running-row-ends-at-to")
        << u"800- available"_s << 1000LL << 2000LL << later << u"1000-2000 available"_s;
    QTest::addRow("closed-row-clipped-at-now")
        << u"1000-1900 busy, 1900- available"_s << 1000LL << 2000LL << 1500LL << u"1000-1500 busy"_s;
    QTest::addRow("nothing-after-now-not-even-offline")
        << QString() << 1000LL << 2000LL << 1300LL << u"1000-1300 offline"_s;
    QTest::addRow("period-not-begun") << u"800- available"_s << 1000LL << 2000LL << 900LL << QString();
    QTest::addRow("period-begins-now") << u"800- available"_s << 1000LL << 2000LL << 1000LL << QString();
    QTest::addRow("offline-before-the-first-row") << u"1300-1700 available, 1700- busy"_s << 1000LL << 2000LL << later
                                                  << u"1000-1300 offline, 1300-1700 available, 1700-2000 busy"_s;
    // A soft delete closes the open row and opens none: the gap is offline.
    QTest::addRow("gaps-are-offline") << u"900-1200 available, 1500-1800 busy"_s << 1000LL << 2000LL << later
                                      << u"1000-1200 available, 1200-1500 offline, 1500-1800 busy, 1800-2000 offline"_s;
    QTest::addRow("offline-row-and-gap-merge")
        << u"1000-1200 offline, 1300-1500 available"_s << 1000LL << 2000LL << later
        << u"1000-1300 offline, 1300-1500 available, 1500-2000 offline"_s;
    QTest::addRow("same-status-and-reason-merge")
        << u"1000-1200 paused/Almuerzo, 1200-1400 paused/Almuerzo, 1400- available"_s << 1000LL << 2000LL << later
        << u"1000-1400 paused/Almuerzo, 1400-2000 available"_s;
    QTest::addRow("reason-change-splits")
        << u"1000-1200 paused/Almuerzo, 1200-1400 paused/Baño, 1400- available"_s << 1000LL << 2000LL << later
        << u"1000-1200 paused/Almuerzo, 1200-1400 paused/Baño, 1400-2000 available"_s;
    QTest::addRow("reason-from-none-splits")
        << u"1000-1200 paused, 1200-1400 paused/Reunión"_s << 1000LL << 2000LL << later
        << u"1000-1200 paused, 1200-1400 paused/Reunión, 1400-2000 offline"_s;
    QTest::addRow("status-change-splits") << u"1000-1500 available, 1500- busy"_s << 1000LL << 2000LL << later
                                          << u"1000-1500 available, 1500-2000 busy"_s;
    QTest::addRow("zero-length-row-in-the-same-second")
        << u"1000-1100 available, 1100-1100 busy, 1100- paused/Almuerzo"_s << 1000LL << 2000LL << later
        << u"1000-1100 available, 1100-2000 paused/Almuerzo"_s;
    QTest::addRow("row-ended-at-from") << u"500-1000 busy, 1000- available"_s << 1000LL << 2000LL << later
                                       << u"1000-2000 available"_s;
    QTest::addRow("row-started-at-to") << u"1000-2000 busy, 2000- available"_s << 1000LL << 2000LL << later
                                       << u"1000-2000 busy"_s;
    QTest::addRow("rows-in-any-order") << u"1500-2000 busy, 1000-1500 available"_s << 1000LL << 2000LL << later
                                       << u"1000-1500 available, 1500-2000 busy"_s;
    // Not written by UserStore (it closes before it opens), but a status lasts until the next change.
    QTest::addRow("two-running-rows-later-wins")
        << u"1000- available, 1500- busy"_s << 1000LL << 2000LL << later << u"1000-1500 available, 1500-2000 busy"_s;
    QTest::addRow("row-starting-after-now") << u"1000-1200 available, 1300- busy"_s << 1000LL << 2000LL << 1250LL
                                            << u"1000-1200 available, 1200-1250 offline"_s;
}

void tst_AgentTimeline::timeline()
{
    QFETCH(QString, rows);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(qint64, now);
    QFETCH(QString, expected);

    const QList<AgentTimeline::Interval> intervals = AgentTimeline::timeline(rowsOf(rows), from, to, now);
    QCOMPARE(textOf(intervals), expected);

    // Whatever the rows: consecutive, no two neighbours alike, the breakdown sums to the period.
    const qint64 end = std::min(to, now);
    for (qsizetype i = 0; i < intervals.size(); ++i) {
        QVERIFY(intervals.at(i).seconds() > 0);
        QCOMPARE(intervals.at(i).start, i == 0 ? from : intervals.at(i - 1).end);
        if (i > 0)
            QVERIFY(intervals.at(i).status != intervals.at(i - 1).status ||
                    intervals.at(i).reason != intervals.at(i - 1).reason);
    }
    if (!intervals.isEmpty())
        QCOMPARE(intervals.last().end, end);
    QCOMPARE(AgentTimeline::breakdown(intervals).totalSeconds(), std::max<qint64>(0, end - from));
}

void tst_AgentTimeline::breakdown_data()
{
    QTest::addColumn<QString>("rows");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<AgentTimeline::Breakdown>("expected");   // available, busy, paused, offline

    // A day [0, 86400): 8 h available, 1 h paused in two reasons, 30 min busy, the rest offline.
    QTest::addRow("a-working-day")
        << u"28800-43200 available, 43200-45000 paused/Almuerzo, 45000-46800 paused/Reunión, "
           "46800-48600 busy, 48600-63000 available, 63000- offline"_s
        << 100000LL << AgentTimeline::Breakdown{28800, 1800, 3600, 52200};
    QTest::addRow("still-working-now") << u"28800- available"_s << 36000LL
                                       << AgentTimeline::Breakdown{7200, 0, 0, 28800};
    QTest::addRow("never-seen") << QString() << 100000LL << AgentTimeline::Breakdown{0, 0, 0, 86400};
    // The history column has no CHECK: a status outside the four counts as offline.
    QTest::addRow("unknown-status") << u"0-43200 lunch, 43200-86400 busy"_s << 100000LL
                                    << AgentTimeline::Breakdown{0, 43200, 0, 43200};
}

void tst_AgentTimeline::breakdown()
{
    QFETCH(QString, rows);
    QFETCH(qint64, now);
    QFETCH(AgentTimeline::Breakdown, expected);

    const AgentTimeline::Breakdown b = AgentTimeline::breakdown(AgentTimeline::timeline(rowsOf(rows), 0, 86400, now));
    QCOMPARE(b.availableSeconds, expected.availableSeconds);
    QCOMPARE(b.busySeconds, expected.busySeconds);
    QCOMPARE(b.pausedSeconds, expected.pausedSeconds);
    QCOMPARE(b.offlineSeconds, expected.offlineSeconds);
    QCOMPARE(b.totalSeconds(), std::min<qint64>(now, 86400));
    QCOMPARE(b.workingSeconds(), expected.availableSeconds + expected.busySeconds);
}

void tst_AgentTimeline::json()
{
    const struct {
        qint64 from = 1763078400;   // 2025-11-14T00:00:00Z
        qint64 to = 1763164800;
    } day;
    const qint64 h = 3600;
    QList<AgentStatusRow> rows = rowsOf(u"0-0 available, 0-0 paused/Almuerzo, 0- available"_s);
    rows[0].startedAt = day.from - h;   // from yesterday
    rows[0].endedAt = day.from + 9 * h;
    rows[1].startedAt = day.from + 9 * h;
    rows[1].endedAt = day.from + 10 * h;
    rows[2].startedAt = day.from + 10 * h;
    const QByteArray body =
        AgentTimeline::timelineJson(7, QDate(2025, 11, 14),
                                    AgentTimeline::timeline(rows, day.from, day.to, day.from + 12 * h));

    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(body, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray expectedIntervals{
        QJsonObject{{u"status"_s, u"available"_s},
                    {u"reason"_s, QJsonValue()},
                    {u"from"_s, u"2025-11-14T00:00:00Z"_s},
                    {u"to"_s, u"2025-11-14T09:00:00Z"_s},
                    {u"seconds"_s, 9 * h}},
        QJsonObject{{u"status"_s, u"paused"_s},
                    {u"reason"_s, u"Almuerzo"_s},
                    {u"from"_s, u"2025-11-14T09:00:00Z"_s},
                    {u"to"_s, u"2025-11-14T10:00:00Z"_s},
                    {u"seconds"_s, h}},
        QJsonObject{{u"status"_s, u"available"_s},
                    {u"reason"_s, QJsonValue()},
                    {u"from"_s, u"2025-11-14T10:00:00Z"_s},
                    {u"to"_s, u"2025-11-14T12:00:00Z"_s},
                    {u"seconds"_s, 2 * h}},
    };
    const QJsonObject expected{
        {u"agent_id"_s, 7},
        {u"date"_s, u"2025-11-14"_s},
        {u"intervals"_s, expectedIntervals},
        {u"time_breakdown"_s,
         QJsonObject{{u"available_seconds"_s, 11 * h},
                     {u"busy_seconds"_s, 0},
                     {u"paused_seconds"_s, h},
                     {u"offline_seconds"_s, 0}}},
    };
    QCOMPARE(o, expected);
}

// m_agent: 100-200 available, 200-900 paused/Almuerzo, 900-1200 busy, 1200-1200 available,
//          1200-1800 paused/Reunión, 1800- available
void tst_AgentTimeline::storeHistory_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<QString>("expected");

    QTest::addRow("started-before-the-period") << u"agent"_s << 1000LL << 2000LL
                                               << u"900-1200 busy, 1200-1200 available, 1200-1800 paused/Reunión, "
                                                  "1800- available"_s;
    QTest::addRow("ended-before-to") << u"agent"_s << 1000LL << 1500LL
                                     << u"900-1200 busy, 1200-1200 available, 1200-1800 paused/Reunión"_s;
    QTest::addRow("running-row-only") << u"agent"_s << 2000LL << 3000LL << u"1800- available"_s;
    QTest::addRow("row-ended-at-from-left-out") << u"agent"_s << 1200LL << 1300LL << u"1200-1800 paused/Reunión"_s;
    QTest::addRow("row-started-at-to-left-out") << u"agent"_s << 1300LL << 1800LL << u"1200-1800 paused/Reunión"_s;
    QTest::addRow("whole-history") << u"agent"_s << 0LL << 10000LL
                                   << u"100-200 available, 200-900 paused/Almuerzo, 900-1200 busy, "
                                      "1200-1200 available, 1200-1800 paused/Reunión, 1800- available"_s;
    QTest::addRow("before-any-row") << u"agent"_s << 0LL << 100LL << QString();
    QTest::addRow("closed-row-overlapping") << u"gone"_s << 200LL << 600LL << u"100-300 busy"_s;
    QTest::addRow("closed-row-before") << u"gone"_s << 500LL << 600LL << QString();
    // The last row before `from` is one of two in the same second: the running one is found.
    QTest::addRow("tie-at-the-last-start") << u"ties"_s << 1000LL << 2000LL << u"700- paused/Baño"_s;
    QTest::addRow("no-history") << u"never"_s << 0LL << 10000LL << QString();
}

void tst_AgentTimeline::storeHistory()
{
    QFETCH(QString, user);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(QString, expected);
    const QHash<QString, qint64> users{{u"agent"_s, m_agent},
                                       {u"gone"_s, m_gone},
                                       {u"ties"_s, m_ties},
                                       {u"never"_s, m_never}};

    AgentStatusStore store(m_server.db());
    const Result<QList<AgentStatusRow>> rows = store.history(users.value(user), from, to);
    QVERIFY(rows.ok());
    QCOMPARE(textOf(*rows), expected);
    for (const AgentStatusRow &r : *rows)
        QCOMPARE(r.changedBy, users.value(user));
}

void tst_AgentTimeline::storeToTimeline()
{
    AgentStatusStore store(m_server.db());
    const Result<QList<AgentStatusRow>> rows = store.history(m_agent, 1000, 2000);
    QVERIFY(rows.ok());
    const QList<AgentTimeline::Interval> intervals = AgentTimeline::timeline(*rows, 1000, 2000, 1900);
    QCOMPARE(textOf(intervals), u"1000-1200 busy, 1200-1800 paused/Reunión, 1800-1900 available"_s);
    QCOMPARE(AgentTimeline::breakdown(intervals), (AgentTimeline::Breakdown{100, 200, 600, 0}));
}

// What UserStore::setAgentStatus writes (through the API): a row per change of status or of reason,
// none when neither changes, so the timeline splits where the reason changes.
void tst_AgentTimeline::writerOpensARowPerStatusOrReason()
{
    qint64 id = 0;
    const QByteArray token = m_server.tokenFor(u"agent"_s, &id);
    QVERIFY(!token.isEmpty());
    const QString path = u"/v1/users/%1/agent-status"_s.arg(id);
    const auto set = [&](const QString &status, const QString &reason) {
        QJsonObject body{{u"agent_status"_s, status}};
        if (!reason.isEmpty())
            body.insert(u"agent_status_reason"_s, reason);
        return m_server.request("POST", path, body, token).status;
    };
    const qint64 before = nowSeconds();
    QCOMPARE(set(u"available"_s, QString()), 200);
    QCOMPARE(set(u"paused"_s, u"Almuerzo"_s), 200);
    QCOMPARE(set(u"paused"_s, u"Baño"_s), 200);   // the reason alone: a new row
    QCOMPARE(set(u"paused"_s, u"Baño"_s), 200);   // neither: none

    AgentStatusStore store(m_server.db());
    const Result<QList<AgentStatusRow>> rows =
        store.history(id, before - 1, nowSeconds() + 1);   // the first rows may last 0 s
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), 3);
    QCOMPARE(rows->at(0).status, u"available"_s);
    QCOMPARE(rows->at(0).endedAt, rows->at(1).startedAt);
    QCOMPARE(rows->at(1).status, u"paused"_s);
    QCOMPARE(rows->at(1).reason, u"Almuerzo"_s);
    QCOMPARE(rows->at(1).endedAt, rows->at(2).startedAt);
    QCOMPARE(rows->at(2).status, u"paused"_s);
    QCOMPARE(rows->at(2).reason, u"Baño"_s);
    QCOMPARE(rows->at(2).endedAt, 0LL);
}

QTEST_MAIN(tst_AgentTimeline)
#include "tst_agent_timeline.moc"
