#include "AnalyticsStore.h"

#include "Database.h"
#include "RoutingStore.h"
#include "ChatStatusSql.h"
#include "core/SlaPolicy.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

Result<QList<LiveAgent>> AnalyticsStore::agents(qint64 campaignId)
{
    const QString who = campaignId > 0
        ? u"EXISTS (SELECT 1 FROM campaign_agents ca WHERE ca.user_id = u.id AND ca.campaign_id = ?)"_s
        : u"(r.name = 'agent' OR EXISTS (SELECT 1 FROM campaign_agents ca WHERE ca.user_id = u.id))"_s;
    SqlQuery
        q(m_db,
          u"SELECT u.id, u.first_name, u.last_name, u.agent_status, u.max_concurrent_chats, "
          "COALESCE((SELECT SUM(cc.n) FROM chat_counts cc WHERE cc.assigned_agent_id = u.id AND cc.status IN %1), 0) "
          "FROM users u JOIN roles r ON r.id = u.role_id "
          "WHERE u.deleted_at IS NULL AND u.status = 'active' AND %2 ORDER BY u.first_name, u.last_name, u.id"_s
              .arg(QLatin1StringView(kHeldChatStatusesSql), who),
          campaignId > 0 ? QVariantList{campaignId} : QVariantList{});
    if (!q.exec())
        return q.failure();
    QList<LiveAgent> out;
    while (q.next()) {
        LiveAgent a;
        a.id = q.integer(0);
        a.firstName = q.string(1);
        a.lastName = q.string(2);
        a.agentStatus = q.string(3);
        a.maxChats = q.integer(4);
        a.activeChats = q.integer(5);
        out.append(a);
    }
    return out;
}

Result<qint64> AnalyticsStore::openChats()
{
    return queryInteger(m_db,
                        u"SELECT COALESCE(SUM(n), 0) FROM chat_counts WHERE status IN %1"_s.arg(
                            QLatin1StringView(kHeldChatStatusesSql)),
                        {});
}

Result<qint64> AnalyticsStore::closedSince(qint64 since)
{
    return queryInteger(m_db, u"SELECT COUNT(*) FROM chats WHERE status = 'closed' AND closed_at >= ?"_s, {since});
}

Result<qint64> AnalyticsStore::abandonedSince(qint64 since)
{
    // Resolved by the bot: a bot talked to it and it never reached a queue, a person or an answer.
    return queryInteger(m_db,
                        u"SELECT COUNT(*) FROM chats WHERE status = 'closed' AND closed_at >= ? "
                        "AND first_response_at IS NULL AND NOT (bot_started_at IS NOT NULL "
                        "AND first_queued_at IS NULL AND first_assigned_at IS NULL)"_s,
                        {since});
}

Result<qint64> AnalyticsStore::inBot()
{
    return queryInteger(m_db, u"SELECT COALESCE(SUM(n), 0) FROM chat_counts WHERE status = 'bot'"_s, {});
}

Result<LiveFirstResponses> AnalyticsStore::firstResponsesSince(qint64 since)
{
    // A time that went backwards gives no value (docs/REPORTS.md).
    SqlQuery q(m_db,
               "SELECT COUNT(*), COALESCE(SUM(first_response_at - first_assigned_at), 0) FROM chats "
               "WHERE first_response_at >= ? AND first_assigned_at IS NOT NULL "
               "AND first_response_at >= first_assigned_at",
               {since});
    if (!q.exec() || !q.next())
        return q.failure();
    return LiveFirstResponses{q.integer(0), q.integer(1)};
}

Result<QList<LiveQueue>> AnalyticsStore::queues(qint64 dayStart, qint64 campaignId)
{
    QList<LiveQueue> out;
    {
        SqlQuery q(
            m_db,
            u"SELECT c.id, c.name, c.routing_strategy, "
            "COALESCE((SELECT SUM(cc.n) FROM chat_counts cc WHERE cc.status = 'queued' AND cc.campaign_id = c.id), 0), "
            "COALESCE((SELECT MIN(w.queued_at) FROM chats w WHERE w.campaign_id = c.id AND w.status = 'queued'), 0) "
            "FROM campaigns c WHERE c.deleted_at IS NULL %1 ORDER BY c.name, c.id"_s.arg(
                campaignId > 0 ? u"AND c.id = ?"_s : QString()),
            campaignId > 0 ? QVariantList{campaignId} : QVariantList{});
        if (!q.exec())
            return q.failure();
        while (q.next()) {
            LiveQueue l;
            l.id = q.integer(0);
            l.name = q.string(1);
            l.strategy = q.string(2);
            l.waiting = q.integer(3);
            l.oldestQueuedAt = q.integer(4);
            out.append(l);
        }
    }
    // Today's chats taken out of a queue (routing, or a person), with how long each had waited.
    SqlQuery q(m_db,
               u"SELECT ch.campaign_id, COUNT(*), SUM(CASE WHEN e.created_at > COALESCE(ch.queued_at, ch.created_at) "
               "THEN e.created_at - COALESCE(ch.queued_at, ch.created_at) ELSE 0 END) "
               "FROM chat_events e JOIN chats ch ON ch.id = e.chat_id "
               "WHERE e.event IN ('assign', 'transfer') AND e.created_at >= ? AND e.from_status = 'queued' "
               "AND e.to_agent_id IS NOT NULL %1 GROUP BY ch.campaign_id"_s.arg(
                   campaignId > 0 ? u"AND ch.campaign_id = ?"_s : QString()),
               campaignId > 0 ? QVariantList{dayStart, campaignId} : QVariantList{dayStart});
    if (!q.exec())
        return q.failure();
    QHash<qint64, LiveQueue *> byId;
    for (LiveQueue &l : out)
        byId.insert(l.id, &l);
    while (q.next()) {
        if (LiveQueue *l = byId.value(q.integer(0))) {
            l->assignedToday = q.integer(1);
            l->waitSecondsToday = q.integer(2);
        }
    }
    return out;
}

Result<std::pair<qint64, qint64>> AnalyticsStore::messagesSince(qint64 since)
{
    // Per number, along the per-number indexes of sends and inbound messages.
    SqlQuery q(m_db,
               "SELECT COALESCE(SUM((SELECT COUNT(*) FROM messages m WHERE m.whatsapp_number_id = w.id "
               "AND m.direction = 'outbound' AND m.sent_at IS NOT NULL AND m.sent_at >= ?)), 0), "
               "COALESCE(SUM((SELECT COUNT(*) FROM messages m WHERE m.whatsapp_number_id = w.id "
               "AND m.direction = 'inbound' AND m.created_at >= ?)), 0) FROM whatsapp_numbers w",
               {since, since});
    if (!q.exec() || !q.next())
        return q.failure();
    return std::pair<qint64, qint64>(q.integer(0), q.integer(1));
}

Result<LiveSla> AnalyticsStore::sla(qint64 dayStart, qint64 now, qint64 campaignId)
{
    const QString campaign = campaignId > 0 ? u"AND ch.campaign_id = ?"_s : QString();
    LiveSla s;
    {
        // Chats created today that an agent answered, and those answered in time (SlaPolicy).
        SqlQuery q(m_db,
                   u"SELECT COUNT(*), COALESCE(SUM(CASE WHEN %1 THEN 1 ELSE 0 END), 0) "
                   "FROM chats ch JOIN campaigns c ON c.id = ch.campaign_id "
                   "WHERE ch.created_at >= ? AND ch.first_response_at IS NOT NULL %2"_s
                       .arg(SlaPolicy::respondedInTimeSql(u"ch"_s, u"c"_s), campaign),
                   campaignId > 0 ? QVariantList{dayStart, campaignId} : QVariantList{dayStart});
        if (!q.exec() || !q.next())
            return q.failure();
        s.handled = q.integer(0);
        s.respondedInTime = q.integer(1);
    }
    // Chats closed today, and those closed in time (SlaPolicy).
    SqlQuery q(m_db,
               u"SELECT COUNT(*), COALESCE(SUM(CASE WHEN %1 THEN 1 ELSE 0 END), 0) "
               "FROM chats ch JOIN campaigns c ON c.id = ch.campaign_id "
               "WHERE ch.status = 'closed' AND ch.closed_at >= ? %2"_s.arg(SlaPolicy::resolvedInTimeSql(u"ch"_s,
                                                                                                        u"c"_s),
                                                                           campaign),
               campaignId > 0 ? QVariantList{dayStart, campaignId} : QVariantList{dayStart});
    if (!q.exec() || !q.next())
        return q.failure();
    s.closed = q.integer(0);
    s.closedInTime = q.integer(1);

    // Open chats waiting for or held by a person, along chats_status; the bot's are not counted.
    SqlQuery open(m_db,
                  u"SELECT COALESCE(SUM(CASE WHEN %1 THEN 1 ELSE 0 END), 0), "
                  "COALESCE(SUM(CASE WHEN %1 THEN 0 WHEN %2 THEN 1 ELSE 0 END), 0) "
                  "FROM chats ch JOIN campaigns c ON c.id = ch.campaign_id "
                  "WHERE ch.status IN ('queued', 'assigned', 'active', 'pending') %3"_s
                      .arg(SlaPolicy::openBreachedSql(u"ch"_s, u"c"_s), SlaPolicy::openAtRiskSql(u"ch"_s, u"c"_s),
                           campaign),
                  campaignId > 0 ? QVariantList{now, now, now, now, now, now, campaignId}
                                 : QVariantList{now, now, now, now, now, now});
    if (!open.exec() || !open.next())
        return open.failure();
    s.breached = open.integer(0);
    s.atRisk = open.integer(1);
    return s;
}

Result<QList<WaitingChat>> AnalyticsStore::waiting(qint64 campaignId, int limit)
{
    SqlQuery q(m_db,
               u"SELECT ch.id, ch.priority, COALESCE(ch.queued_at, ch.created_at), c.id, c.first_name, c.last_name, "
               "c.phone_number FROM chats ch JOIN clients c ON c.id = ch.client_id "
               "WHERE ch.campaign_id = ? AND ch.status = 'queued' ORDER BY %1 LIMIT ?"_s.arg(
                   RoutingStore::queueOrder("ch.")),
               {campaignId, limit});
    if (!q.exec())
        return q.failure();
    QList<WaitingChat> out;
    while (q.next()) {
        WaitingChat w;
        w.id = q.integer(0);
        w.priority = q.string(1);
        w.queuedAt = q.integer(2);
        w.clientId = q.integer(3);
        w.clientFirstName = q.string(4);
        w.clientLastName = q.string(5);
        w.clientPhone = q.string(6);
        out.append(w);
    }
    return out;
}

}   // namespace Conversa::Server
