#include "AgentTimeline.h"

#include "core/JsonWriter.h"

#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Conversa::Server::AgentTimeline {

namespace {

const QString kOffline = u"offline"_s;

// Appends [start, end), extending the last interval when it continues it unchanged.
void append(QList<Interval> &out, qint64 start, qint64 end, const QString &status, const QString &reason)
{
    if (end <= start)
        return;
    if (!out.isEmpty()) {
        Interval &last = out.last();
        if (last.end == start && last.status == status && last.reason == reason) {
            last.end = end;
            return;
        }
    }
    out.append(Interval{start, end, status, reason});
}

}   // namespace

QList<Interval> timeline(const QList<AgentStatusRow> &rows, qint64 from, qint64 to, qint64 now)
{
    const qint64 end = std::min(to, now);
    QList<Interval> out;
    if (end <= from)
        return out;

    QList<AgentStatusRow> sorted = rows;
    std::stable_sort(sorted.begin(), sorted.end(), [](const AgentStatusRow &a, const AgentStatusRow &b) {
        return a.startedAt != b.startedAt ? a.startedAt < b.startedAt : a.id < b.id;
    });
    qint64 cursor = from;   // everything before it is in `out`
    for (qsizetype i = 0; i < sorted.size(); ++i) {
        const AgentStatusRow &row = sorted.at(i);
        if (row.startedAt >= end)
            break;
        qint64 rowEnd = row.endedAt > 0 ? row.endedAt : now;
        // A status lasts until the next change at the latest: rows that overlap (not written by
        // UserStore, which closes before it opens) give way to the later one.
        if (i + 1 < sorted.size())
            rowEnd = std::min(rowEnd, sorted.at(i + 1).startedAt);
        rowEnd = std::min(rowEnd, end);
        const qint64 rowStart = std::max(row.startedAt, cursor);
        if (rowEnd <= rowStart)
            continue;
        append(out, cursor, rowStart, kOffline, QString());   // a gap: no status recorded
        append(out, rowStart, rowEnd, row.status, row.reason);
        cursor = rowEnd;
    }
    append(out, cursor, end, kOffline, QString());
    return out;
}

Breakdown breakdown(const QList<Interval> &intervals)
{
    Breakdown b;
    for (const Interval &i : intervals) {
        if (i.status == "available"_L1)
            b.availableSeconds += i.seconds();
        else if (i.status == "busy"_L1)
            b.busySeconds += i.seconds();
        else if (i.status == "paused"_L1)
            b.pausedSeconds += i.seconds();
        else
            b.offlineSeconds += i.seconds();
    }
    return b;
}

void writeBreakdown(JsonWriter &w, const Breakdown &b)
{
    w.beginObject().field("available_seconds", b.availableSeconds).field("busy_seconds", b.busySeconds);
    w.field("paused_seconds", b.pausedSeconds).field("offline_seconds", b.offlineSeconds).endObject();
}

QByteArray timelineJson(qint64 agentId, const QDate &date, const QList<Interval> &intervals)
{
    JsonWriter w(256 + 128 * intervals.size());
    w.beginObject().field("agent_id", agentId).field("date", date.toString(Qt::ISODate));
    w.key("intervals").beginArray();
    for (const Interval &i : intervals) {
        w.beginObject().field("status", i.status);
        w.textOrNull("reason", i.reason);
        w.field("from", isoTime(i.start)).field("to", isoTime(i.end)).field("seconds", i.seconds()).endObject();
    }
    w.endArray();
    w.key("time_breakdown");
    writeBreakdown(w, breakdown(intervals));
    w.endObject();
    return w.take();
}

}   // namespace Conversa::Server::AgentTimeline
