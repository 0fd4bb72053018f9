#include "TrendStore.h"

#include "Database.h"
#include "ReportStore.h"

#include <QMap>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

QList<QuarterCount> countsOf(const QMap<qint64, qint64> &quarters)
{
    QList<QuarterCount> out;
    out.reserve(quarters.size());
    for (auto it = quarters.cbegin(); it != quarters.cend(); ++it)
        out.append({it.key(), it.value()});
    return out;
}

}   // namespace

Result<QList<QuarterCount>> TrendStore::messages(qint64 campaignId, qint64 from, qint64 to)
{
    // Overall, the tallies the writes keep (docs/REPORTS.md#tallies). They have no campaign (a
    // chat may move to another campaign's queue), so a campaign's messages are counted along
    // messages_by_number, one range per number, joining the chat.
    QList<qint64> numbers;
    {
        SqlQuery q(m_db, "SELECT id FROM whatsapp_numbers ORDER BY id");
        if (!q.exec())
            return q.failure();
        while (q.next())
            numbers.append(q.integer(0));
    }
    const QString sql = campaignId
        ? u"SELECT m.created_at - m.created_at % 900, COUNT(*) FROM messages m JOIN chats c ON c.id = m.chat_id "
          "WHERE m.whatsapp_number_id = ? AND m.created_at >= ? AND m.created_at < ? AND c.campaign_id = ? "
          "GROUP BY m.created_at - m.created_at % 900"_s
        : u"SELECT quarter, SUM(n) FROM (SELECT quarter, n FROM message_tallies WHERE whatsapp_number_id = ? "
          "AND quarter >= ? AND quarter < ? UNION ALL SELECT quarter, delta FROM message_tally_log "
          "WHERE whatsapp_number_id = ? AND quarter >= ? AND quarter < ?) t GROUP BY quarter"_s;
    QMap<qint64, qint64> quarters;
    for (qint64 number : std::as_const(numbers)) {
        const QVariantList values = campaignId
            ? QVariantList{number, from, to, campaignId}
            : QVariantList{number, quarterOf(from), quarterOf(to), number, quarterOf(from), quarterOf(to)};
        SqlQuery q(m_db, sql, values);
        if (!q.exec())
            return q.failure();
        while (q.next())
            quarters[q.integer(0)] += q.integer(1);
    }
    return countsOf(quarters);
}

Result<QList<QuarterCount>> TrendStore::chatsOpened(qint64 campaignId, qint64 from, qint64 to)
{
    // Counted in SQL along chats_opened (or chats_opened_by_campaign): a count needs no facts.
    QVariantList values;
    const QString scope =
        conversationScopeSql(campaignId ? ConversationScope::Campaign : ConversationScope::All, campaignId, values);
    values << from << to;
    SqlQuery q(m_db,
               u"SELECT c.created_at - c.created_at % 900, COUNT(*) FROM chats c WHERE "_s + scope
                   + u"c.created_at >= ? AND c.created_at < ? GROUP BY c.created_at - c.created_at % 900"_s,
               values);
    if (!q.exec())
        return q.failure();
    QMap<qint64, qint64> quarters;
    while (q.next())
        quarters[q.integer(0)] += q.integer(1);
    return countsOf(quarters);
}

Result<QList<WorkingSpan>> TrendStore::working(qint64 campaignId, qint64 from, qint64 to)
{
    // Along agent_status_history_time up to the period's end: the history is a few rows per agent
    // and day, so what started before the period and ended before it is cheap to skip.
    QVariantList values{to, from};
    QString sql = u"SELECT h.user_id, h.started_at, h.ended_at FROM agent_status_history h "
                  "WHERE h.started_at < ? AND (h.ended_at IS NULL OR h.ended_at > ?) "
                  "AND h.agent_status IN ('available', 'busy')"_s;
    if (campaignId) {
        sql += u" AND h.user_id IN (SELECT user_id FROM campaign_agents WHERE campaign_id = ?)"_s;
        values << campaignId;
    }
    SqlQuery q(m_db, sql, values);
    if (!q.exec())
        return q.failure();
    QList<WorkingSpan> out;
    while (q.next())
        out.append({q.integer(0), q.integer(1), q.integer(2)});
    return out;
}

}   // namespace Conversa::Server
