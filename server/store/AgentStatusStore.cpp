#include "AgentStatusStore.h"

#include "Database.h"

namespace Conversa::Server {

Result<QList<AgentStatusRow>> AgentStatusStore::history(qint64 userId, qint64 from, qint64 to)
{
    // One range scan of agent_status_history_user (user_id, started_at). "ended_at > from" alone
    // would bound nothing below; a user's rows do not overlap (each opens as the previous one
    // closes), so the only row started before `from` that can reach into the period is the last
    // one: the scan starts at its started_at, found by the MAX over the same index.
    SqlQuery q(m_db,
               "SELECT id, agent_status, reason, changed_by, started_at, ended_at FROM agent_status_history "
               "WHERE user_id = ? AND started_at >= COALESCE((SELECT MAX(started_at) FROM agent_status_history "
               "WHERE user_id = ? AND started_at < ?), ?) AND started_at < ? AND (ended_at IS NULL OR ended_at > ?) "
               "ORDER BY started_at, id",
               {userId, userId, from, from, to, from});
    if (!q.exec())
        return q.failure();
    QList<AgentStatusRow> rows;
    while (q.next()) {
        AgentStatusRow &r = rows.emplace_back();
        r.id = q.integer(0);
        r.status = q.string(1);
        r.reason = q.string(2);
        r.changedBy = q.integer(3);
        r.startedAt = q.integer(4);
        r.endedAt = q.integer(5);
    }
    return rows;
}

Result<AgentStatusPage> AgentStatusStore::recent(qint64 userId, int limit, qint64 offset)
{
    SqlQuery count(m_db, "SELECT COUNT(*) FROM agent_status_history WHERE user_id = ?", {userId});
    if (!count.exec() || !count.next())
        return count.failure();
    AgentStatusPage page;
    page.total = count.integer(0);
    SqlQuery q(m_db,
               "SELECT h.id, h.agent_status, h.reason, h.changed_by, h.started_at, h.ended_at, u.first_name, "
               "u.last_name FROM agent_status_history h LEFT JOIN users u ON u.id = h.changed_by "
               "WHERE h.user_id = ? ORDER BY h.started_at DESC, h.id DESC LIMIT ? OFFSET ?",
               {userId, limit, offset});
    if (!q.exec())
        return q.failure();
    while (q.next()) {
        AgentStatusPage::Row &r = page.rows.emplace_back();
        r.row.id = q.integer(0);
        r.row.status = q.string(1);
        r.row.reason = q.string(2);
        r.row.changedBy = q.integer(3);
        r.row.startedAt = q.integer(4);
        r.row.endedAt = q.integer(5);
        r.changedByFirstName = q.string(6);
        r.changedByLastName = q.string(7);
    }
    return page;
}

}   // namespace Conversa::Server
