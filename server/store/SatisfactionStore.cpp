#include "SatisfactionStore.h"

#include "Database.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

Result<SurveyTarget> SatisfactionStore::target(qint64 chatId)
{
    SqlQuery q(m_db,
               "SELECT c.whatsapp_number_id, n.provider, cp.csat_enabled, cp.csat_message, c.csat_score "
               "FROM chats c JOIN campaigns cp ON cp.id = c.campaign_id "
               "JOIN whatsapp_numbers n ON n.id = c.whatsapp_number_id WHERE c.id = ?",
               {chatId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    SurveyTarget t;
    t.chatId = chatId;
    t.numberId = q.integer(0);
    t.provider = q.string(1);
    t.enabled = q.boolean(2);
    t.message = q.string(3);
    t.answered = !q.isNull(4);
    return t;
}

Result<Ok> SatisfactionStore::markSent(qint64 chatId, qint64 now)
{
    SqlQuery q(m_db, "UPDATE chats SET csat_sent_at = ? WHERE id = ?", {now, chatId});
    return q.run();
}

Result<std::optional<SurveyedChat>> SatisfactionStore::latestClosed(qint64 clientId, qint64 numberId)
{
    SqlQuery q(m_db,
               "SELECT c.id, c.csat_sent_at, c.csat_answered_at, cp.csat_timeout_minutes FROM chats c "
               "JOIN campaigns cp ON cp.id = c.campaign_id "
               "WHERE c.client_id = ? AND c.whatsapp_number_id = ? AND c.status = 'closed' "
               "ORDER BY c.closed_at DESC, c.id DESC LIMIT 1",
               {clientId, numberId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return std::optional<SurveyedChat>();
    SurveyedChat s;
    s.chatId = q.integer(0);
    s.sentAt = q.integer(1);
    s.answeredAt = q.integer(2);
    s.timeoutMinutes = int(q.integer(3));
    return std::optional<SurveyedChat>(s);
}

Result<bool> SatisfactionStore::recordScore(qint64 chatId, int score, qint64 now)
{
    SqlQuery q(m_db,
               "UPDATE chats SET csat_score = ?, csat_answered_at = ? "
               "WHERE id = ? AND status = 'closed' AND csat_score IS NULL",
               {score, now, chatId});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() == 1;
}

}   // namespace Conversa::Server
