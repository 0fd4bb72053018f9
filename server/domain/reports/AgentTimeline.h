#pragma once

#include "store/AgentStatusStore.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>

namespace Conversa::Server {

class JsonWriter;

// An agent's status over a period (docs/REPORTS.md, agent report): the rows of
// agent_status_history cut into consecutive intervals, and the seconds in each status. Plain C++
// over the rows, no database, so every case is unit-tested.
namespace AgentTimeline {

// [start, end) in epoch seconds with one status and reason (empty when none).
struct Interval {
    qint64 start = 0;
    qint64 end = 0;
    QString status;
    QString reason;

    qint64 seconds() const { return end - start; }
    friend bool operator==(const Interval &, const Interval &) = default;
};

// The report's time_breakdown: seconds per status.
struct Breakdown {
    qint64 availableSeconds = 0;
    qint64 busySeconds = 0;
    qint64 pausedSeconds = 0;
    qint64 offlineSeconds = 0;

    qint64 totalSeconds() const { return availableSeconds + busySeconds + pausedSeconds + offlineSeconds; }
    // The hours chats_per_hour divides by: available + busy.
    qint64 workingSeconds() const { return availableSeconds + busySeconds; }
    friend bool operator==(const Breakdown &, const Breakdown &) = default;
};

// The rows (AgentStatusStore::history, any order) as consecutive intervals covering
// [from, min(to, now)) without gaps: each row clipped to it, a running row (ended_at 0) ending at
// `now`, a row cut short where a later one starts; time no row covers (before the first row, after
// a soft delete closed one) is offline; neighbours with the same status and reason merged, so a
// new interval starts whenever the status or the reason changes. Nothing after `now`; empty when
// the period has not begun.
QList<Interval> timeline(const QList<AgentStatusRow> &rows, qint64 from, qint64 to, qint64 now);

// Seconds per status; the four add up to the intervals' length. A status the four do not name
// (the history column has no CHECK) counts as offline, so the sum still covers the period.
Breakdown breakdown(const QList<Interval> &intervals);

// {"available_seconds", "busy_seconds", "paused_seconds", "offline_seconds"}: the value of an
// agent report's "time_breakdown".
void writeBreakdown(JsonWriter &w, const Breakdown &b);
// GET /reports/agents/:agent_id/timeline's body:
// {"agent_id", "date", "intervals": [{"status", "reason", "from", "to", "seconds"}], "time_breakdown"},
// times ISO 8601 UTC, a missing reason null.
QByteArray timelineJson(qint64 agentId, const QDate &date, const QList<Interval> &intervals);

}   // namespace AgentTimeline

}   // namespace Conversa::Server
