#include "LiveAnalytics.h"

#include "core/JsonWriter.h"
#include "store/AnalyticsStore.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

constexpr qint64 kDay = 86400;
constexpr int kWaitingShown = 50;

qint64 dayStart(qint64 now)
{
    return now - now % kDay;
}

// A share as a percentage with one decimal (docs/REPORTS.md); null when nothing to measure.
void percentOrNull(JsonWriter &w, const char *name, qint64 part, qint64 whole)
{
    w.key(name);
    if (whole <= 0)
        w.null();
    else
        w.value(qRound(1000.0 * double(part) / double(whole)) / 10.0);
}

void averageOrNull(JsonWriter &w, const char *name, qint64 sum, qint64 count)
{
    w.key(name);
    if (count <= 0)
        w.null();
    else
        w.value(qint64(qRound64(double(sum) / double(count))));
}

void writeQueue(JsonWriter &w, const LiveQueue &q, qint64 now)
{
    w.field("id", q.id).field("name", q.name).field("routing_strategy", q.strategy).field("waiting", q.waiting);
    w.key("oldest_waiting_seconds");
    q.oldestQueuedAt > 0 ? w.value(qMax<qint64>(0, now - q.oldestQueuedAt)) : w.null();
    averageOrNull(w, "avg_wait_time_seconds", q.waitSecondsToday, q.assignedToday);
    w.field("assigned_today", q.assignedToday);
}

void writeAgents(JsonWriter &w, const QList<LiveAgent> &agents)
{
    QHash<QString, qint64> byStatus;
    qint64 withRoom = 0;
    for (const LiveAgent &a : agents) {
        ++byStatus[a.agentStatus];
        if (a.agentStatus == "available"_L1 && a.activeChats < a.maxChats)
            ++withRoom;
    }
    w.key("agents").beginObject().field("total", qint64(agents.size()));
    for (const char *status : {"available", "busy", "paused", "offline"})
        w.field(status, byStatus.value(QLatin1StringView(status)));
    w.field("with_room", withRoom);
    w.key("list").beginArray();
    for (const LiveAgent &a : agents) {
        w.beginObject().field("id", a.id).field("first_name", a.firstName).field("last_name", a.lastName);
        w.field("agent_status", a.agentStatus).field("active_chats", a.activeChats).field("max_chats", a.maxChats);
        w.endObject();
    }
    w.endArray().endObject();
}

void writeSla(JsonWriter &w, const LiveSla &s)
{
    w.key("sla").beginObject();
    percentOrNull(w, "first_response_compliance", s.respondedInTime, s.handled);
    percentOrNull(w, "resolution_compliance", s.closedInTime, s.closed);
    w.field("first_response_sample", s.handled).field("resolution_sample", s.closed);
    w.field("at_risk", s.atRisk).field("breached", s.breached);
    w.endObject();
}

}   // namespace

Result<QByteArray> LiveAnalytics::live(qint64 nowMs)
{
    QMutexLocker locked(&m_mutex);
    if (!m_live.body.isEmpty() && nowMs - m_live.atMs < m_maxAgeMs)
        return m_live.body;
    Result<QByteArray> body = computeLive(nowMs / 1000);
    if (body)
        m_live = {*body, nowMs};
    return body;
}

Result<QByteArray> LiveAnalytics::queue(qint64 campaignId, qint64 nowMs)
{
    QMutexLocker locked(&m_mutex);
    const auto it = m_queues.constFind(campaignId);
    if (it != m_queues.cend() && nowMs - it->atMs < m_maxAgeMs)
        return it->body;
    Result<QByteArray> body = computeQueue(campaignId, nowMs / 1000);
    if (body) {
        if (m_queues.size() > 1000)
            m_queues.clear();   // deleted campaigns do not pile up
        m_queues.insert(campaignId, {*body, nowMs});
    }
    return body;
}

Result<QByteArray> LiveAnalytics::computeLive(qint64 now)
{
    AnalyticsStore store(m_db);
    const qint64 today = dayStart(now);
    const Result<QList<LiveAgent>> agents = store.agents();
    if (!agents)
        return agents.error();
    const Result<qint64> open = store.openChats();
    if (!open)
        return open.error();
    const Result<qint64> closedToday = store.closedSince(today);
    if (!closedToday)
        return closedToday.error();
    const Result<QList<LiveQueue>> queues = store.queues(today);
    if (!queues)
        return queues.error();
    const Result<std::pair<qint64, qint64>> messages = store.messagesSince(now - 3600);
    if (!messages)
        return messages.error();
    const Result<LiveSla> sla = store.sla(today, now);
    if (!sla)
        return sla.error();
    const Result<qint64> inBot = store.inBot();
    if (!inBot)
        return inBot.error();
    const Result<qint64> abandonedToday = store.abandonedSince(today);
    if (!abandonedToday)
        return abandonedToday.error();
    const Result<LiveFirstResponses> firstResponses = store.firstResponsesSince(today);
    if (!firstResponses)
        return firstResponses.error();

    qint64 queued = 0, assignedToday = 0, waitToday = 0;
    for (const LiveQueue &q : *queues) {
        queued += q.waiting;
        assignedToday += q.assignedToday;
        waitToday += q.waitSecondsToday;
    }
    JsonWriter w(2048 + 160 * agents->size() + 160 * queues->size());
    w.beginObject().timeOrNull("timestamp", now);
    writeAgents(w, *agents);
    w.key("chats").beginObject().field("active", *open).field("queued", queued).field("in_bot", *inBot);
    w.field("closed_today", *closedToday).field("abandoned_today", *abandonedToday);
    averageOrNull(w, "avg_wait_time_seconds", waitToday, assignedToday);
    w.field("wait_time_sample", assignedToday);
    averageOrNull(w, "avg_first_response_time_seconds", firstResponses->secondsSum, firstResponses->count);
    w.field("first_response_sample", firstResponses->count);
    w.endObject();
    w.key("queues").beginArray();
    for (const LiveQueue &q : *queues) {
        w.beginObject();
        writeQueue(w, q, now);
        w.endObject();
    }
    w.endArray();
    w.key("messages").beginObject().field("sent_last_hour", messages->first);
    w.field("received_last_hour", messages->second).endObject();
    writeSla(w, *sla);
    w.endObject();
    return w.take();
}

Result<QByteArray> LiveAnalytics::computeQueue(qint64 campaignId, qint64 now)
{
    AnalyticsStore store(m_db);
    const qint64 today = dayStart(now);
    const Result<QList<LiveQueue>> queues = store.queues(today, campaignId);
    if (!queues)
        return queues.error();
    if (queues->isEmpty())
        return ApiError::notFound();
    const Result<QList<LiveAgent>> agents = store.agents(campaignId);
    if (!agents)
        return agents.error();
    const Result<QList<WaitingChat>> waiting = store.waiting(campaignId, kWaitingShown);
    if (!waiting)
        return waiting.error();
    const Result<LiveSla> sla = store.sla(today, now, campaignId);
    if (!sla)
        return sla.error();

    JsonWriter w(2048 + 160 * agents->size() + 200 * waiting->size());
    w.beginObject().timeOrNull("timestamp", now);
    writeQueue(w, queues->first(), now);
    writeAgents(w, *agents);
    w.key("waiting_chats").beginArray();
    qint64 position = 0;
    for (const WaitingChat &c : *waiting) {
        w.beginObject().field("id", c.id).field("position", ++position).field("priority", c.priority);
        w.timeOrNull("queued_at", c.queuedAt).field("waiting_seconds", qMax<qint64>(0, now - c.queuedAt));
        w.key("client").beginObject().field("id", c.clientId).stringOrNull("first_name", c.clientFirstName);
        w.stringOrNull("last_name", c.clientLastName).field("phone_number", c.clientPhone).endObject();
        w.endObject();
    }
    w.endArray();
    writeSla(w, *sla);
    w.endObject();
    return w.take();
}

}   // namespace Conversa::Server
