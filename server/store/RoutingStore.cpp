#include "RoutingStore.h"

#include "ChatStatusSql.h"
#include "Database.h"
#include "core/SlaPolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

// Queue order: priority first, then the longest waiting. Migration 0033 indexes this very
// expression (chats_queue_order): change both together.
constexpr auto kRank = "CASE %1priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END";

QString rank(const char *alias)
{
    return QString::fromLatin1(kRank).arg(QLatin1StringView(alias));
}

QStringList lowerSkills(const QString &json)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).array()) {
        const QString s = v.toString().trimmed().toLower();
        if (!s.isEmpty())
            out.append(s);
    }
    return out;
}

Result<QList<qint64>> ids(SqlQuery &q)
{
    if (!q.exec())
        return q.failure();
    QList<qint64> out;
    while (q.next())
        out.append(q.integer(0));
    return out;
}

}   // namespace

QString RoutingStore::queueOrder(const char *alias)
{
    return u"%1, COALESCE(%2queued_at, %2created_at), %2id"_s.arg(rank(alias), QLatin1StringView(alias));
}

Result<std::optional<RoutingCampaign>> RoutingStore::campaign(qint64 id)
{
    SqlQuery q(m_db,
               "SELECT id, status, routing_strategy, business_hours, timezone FROM campaigns "
               "WHERE id = ? AND deleted_at IS NULL",
               {id});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return std::optional<RoutingCampaign>();
    RoutingCampaign c;
    c.id = q.integer(0);
    c.status = q.string(1);
    c.strategy = q.string(2);
    c.businessHours = q.string(3);
    c.timezone = q.string(4);
    return std::optional<RoutingCampaign>(c);
}

Result<QList<qint64>> RoutingStore::campaignsWithQueue()
{
    SqlQuery q(m_db, "SELECT DISTINCT campaign_id FROM chats WHERE status = 'queued' ORDER BY campaign_id");
    return ids(q);
}

Result<QList<qint64>> RoutingStore::campaignsOfAgent(qint64 userId)
{
    SqlQuery q(m_db, "SELECT campaign_id FROM campaign_agents WHERE user_id = ? ORDER BY campaign_id", {userId});
    return ids(q);
}

Result<QList<RoutingAgent>> RoutingStore::eligibleAgents(qint64 campaignId)
{
    const QString sql =
        u"SELECT u.id, u.max_concurrent_chats, ca.max_concurrent_chats, ca.priority, ca.skills, "
        "ca.routed_turn, "
        "(SELECT COUNT(*) FROM chats c WHERE c.assigned_agent_id = u.id AND c.status IN %1), "
        "(SELECT COUNT(*) FROM chats c WHERE c.assigned_agent_id = u.id AND c.campaign_id = ca.campaign_id "
        "AND c.status IN %1) "
        "FROM campaign_agents ca JOIN users u ON u.id = ca.user_id "
        "WHERE ca.campaign_id = ? AND u.deleted_at IS NULL AND u.status = 'active' "
        "AND u.agent_status = 'available' AND u.auto_assign_enabled = TRUE ORDER BY u.id"_s.arg(
            QLatin1StringView(kHeldChatStatusesSql));
    SqlQuery q(m_db, sql, {campaignId});
    if (!q.exec())
        return q.failure();
    QList<RoutingAgent> out;
    while (q.next()) {
        RoutingAgent a;
        a.id = q.integer(0);
        a.maxOverall = int(q.integer(1));
        a.maxHere = int(q.integer(2));
        a.priority = int(q.integer(3));
        a.skills = lowerSkills(q.string(4));
        a.routedTurn = q.integer(5);
        a.openOverall = int(q.integer(6));
        a.openHere = int(q.integer(7));
        if (a.openOverall < a.maxOverall && a.openHere < a.maxHere)
            out.append(a);
    }
    return out;
}

Result<QList<QueuedChat>> RoutingStore::queue(qint64 campaignId, int limit)
{
    SqlQuery q(m_db,
               u"SELECT c.id, c.bot_context, COALESCE(c.routing_skip_agent_id, 0) FROM chats c "
               "WHERE c.campaign_id = ? AND c.status = 'queued' ORDER BY %1 LIMIT ?"_s.arg(queueOrder("c.")),
               {campaignId, limit});
    if (!q.exec())
        return q.failure();
    QList<QueuedChat> out;
    while (q.next()) {
        QueuedChat chat;
        chat.id = q.integer(0);
        chat.skipAgentId = q.integer(2);
        // A bot may collect the skill the client needs ("skill" in its context), or a transfer
        // node name the skills it wants ("skills", docs/BOT_FLOWS.md).
        const QJsonObject context = QJsonDocument::fromJson(q.string(1).toUtf8()).object();
        QStringList wanted{context.value(u"skill"_s).toString()};
        for (const QJsonValue &v : context.value(u"skills"_s).toArray())
            wanted.append(v.toString());
        for (const QString &skill : wanted) {
            if (!skill.trimmed().isEmpty() && !chat.skills.contains(skill.trimmed().toLower()))
                chat.skills.append(skill.trimmed().toLower());
        }
        out.append(chat);
    }
    for (QueuedChat &chat : out) {
        SqlQuery tags(m_db, "SELECT tag FROM chat_tags WHERE chat_id = ? ORDER BY tag", {chat.id});
        if (!tags.exec())
            return tags.failure();
        while (tags.next()) {
            const QString tag = tags.string(0).trimmed().toLower();
            if (!chat.skills.contains(tag))
                chat.skills.append(tag);
        }
    }
    return out;
}

Result<bool> RoutingStore::assign(qint64 chatId, qint64 campaignId, qint64 agentId, qint64 now)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return ApiError::internal();
    const bool pg = m_db.dialect() == SqlDialect::Postgres;
    {
        // The agent's row lock serialises everyone routing to this agent; then the limits again.
        SqlQuery q(m_db,
                   QString::fromLatin1("SELECT u.max_concurrent_chats, ca.max_concurrent_chats FROM users u "
                                       "JOIN campaign_agents ca ON ca.user_id = u.id AND ca.campaign_id = ? "
                                       "WHERE u.id = ? AND u.deleted_at IS NULL AND u.status = 'active' "
                                       "AND u.agent_status = 'available' AND u.auto_assign_enabled = TRUE") +
                       (pg ? u" FOR UPDATE OF u"_s : QString()),
                   {campaignId, agentId});
        if (!q.exec())
            return q.failure();
        if (!q.next())
            return false;
        const qint64 maxOverall = q.integer(0);
        const qint64 maxHere = q.integer(1);
        const Result<qint64> overall =
            queryInteger(m_db,
                         u"SELECT COUNT(*) FROM chats WHERE assigned_agent_id = ? AND status IN %1"_s.arg(
                             QLatin1StringView(kHeldChatStatusesSql)),
                         {agentId});
        if (!overall)
            return overall.error();
        const Result<qint64> here = queryInteger(
            m_db,
            u"SELECT COUNT(*) FROM chats WHERE assigned_agent_id = ? AND campaign_id = ? AND status IN %1"_s.arg(
                QLatin1StringView(kHeldChatStatusesSql)),
            {agentId, campaignId});
        if (!here)
            return here.error();
        if (*overall >= maxOverall || *here >= maxHere)
            return false;
    }
    SqlQuery take(m_db,
                  "UPDATE chats SET assigned_agent_id = ?, status = 'assigned', assigned_at = ?, "
                  "first_assigned_at = COALESCE(first_assigned_at, ?), routing_skip_agent_id = NULL "
                  "WHERE id = ? AND status = 'queued' AND campaign_id = ?",
                  {agentId, now, now, chatId, campaignId});
    if (!take.exec())
        return take.failure();
    if (take.numRowsAffected() != 1)
        return false;   // someone else took it, or it left the queue
    SqlQuery event(m_db,
                   "INSERT INTO chat_events (chat_id, event, from_status, to_status, to_agent_id, to_campaign_id, "
                   "reason, created_at) VALUES (?, 'assign', 'queued', 'assigned', ?, ?, 'routing', ?)",
                   {chatId, agentId, campaignId, now});
    if (!event.exec())
        return event.failure();
    SqlQuery routed(m_db,
                    "UPDATE campaign_agents SET routed_turn = (SELECT MAX(routed_turn) + 1 FROM campaign_agents "
                    "WHERE campaign_id = ?) WHERE campaign_id = ? AND user_id = ?",
                    {campaignId, campaignId, agentId});
    if (!routed.exec())
        return routed.failure();
    if (!tx.commit())
        return ApiError::internal();
    return true;
}

Result<QList<ReassignedChat>> RoutingStore::unansweredDue(qint64 now)
{
    SqlQuery q(m_db,
               u"SELECT ch.id, ch.assigned_agent_id, ch.campaign_id FROM chats ch "
               "JOIN campaigns c ON c.id = ch.campaign_id WHERE ch.status = 'assigned' "
               "AND c.sla_reassign_enabled = TRUE AND %1 ORDER BY ch.assigned_at LIMIT 200"_s.arg(
                   SlaPolicy::agentAnswerOverdueSql(u"ch"_s, u"c"_s)),
               {now});
    if (!q.exec())
        return q.failure();
    QList<ReassignedChat> due;
    while (q.next())
        due.append({q.integer(0), q.integer(1), q.integer(2)});
    return due;
}

Result<std::optional<qint64>> RoutingStore::queuePosition(qint64 chatId)
{
    SqlQuery c(
        m_db,
        u"SELECT campaign_id, %1, COALESCE(queued_at, created_at) FROM chats WHERE id = ? AND status = 'queued'"_s.arg(
            rank("")),
        {chatId});
    if (!c.exec())
        return c.failure();
    if (!c.next())
        return std::optional<qint64>();
    const qint64 campaign = c.integer(0);
    const qint64 r = c.integer(1);
    const qint64 at = c.integer(2);
    const Result<qint64> ahead = queryInteger(
        m_db,
        u"SELECT COUNT(*) FROM chats WHERE campaign_id = ? AND status = 'queued' AND (%1 < ? OR (%1 = ? AND "
        "(COALESCE(queued_at, created_at) < ? OR (COALESCE(queued_at, created_at) = ? AND id < ?))))"_s.arg(rank("")),
        {campaign, r, r, at, at, chatId});
    if (!ahead)
        return ahead.error();
    return std::optional<qint64>(*ahead + 1);
}

}   // namespace Conversa::Server
