#include "ReportStore.h"

#include "Database.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

// The facts of a conversation; with FactDetail::Figures the names are NULL and their joins left out.
QString factsSelect(FactDetail detail)
{
    const bool names = detail == FactDetail::Names;
    return u"SELECT c.id, c.campaign_id, cp.name, c.whatsapp_number_id, c.client_id, %1, c.status, c.created_at, "
           "c.first_queued_at, c.first_assigned_at, c.first_response_at, c.first_response_agent_id, c.closed_at, "
           "c.assigned_agent_id, %2, c.outcome, c.outcome_value, c.csat_score, c.message_count, %3, "
           "cp.sla_first_response_seconds, cp.sla_resolution_seconds "
           "FROM chats c JOIN campaigns cp ON cp.id = c.campaign_id %4WHERE "_s
               .arg(names ? u"cl.first_name, cl.last_name, cl.phone_number"_s : u"NULL, NULL, NULL"_s,
                    names ? u"u.first_name, u.last_name"_s : u"NULL, NULL"_s,
                    detail == FactDetail::Moments ? u"0"_s : u"CASE WHEN c.bot_started_at IS NULL THEN 0 ELSE 1 END"_s,
                    names ? u"JOIN clients cl ON cl.id = c.client_id LEFT JOIN users u ON u.id = c.assigned_agent_id "_s
                          : QString());
}

ConversationFacts readFacts(const SqlQuery &q)
{
    ConversationFacts f;
    int i = 0;
    f.chatId = q.integer(i++);
    f.campaignId = q.integer(i++);
    f.campaignName = q.string(i++);
    f.numberId = q.integer(i++);
    f.clientId = q.integer(i++);
    const QString clientFirst = q.string(i++);
    f.clientName = personName(clientFirst, q.string(i++));
    f.clientPhone = q.string(i++);
    f.status = q.string(i++);
    f.openedAt = q.integer(i++);
    f.firstQueuedAt = q.integer(i++);
    f.firstAssignedAt = q.integer(i++);
    f.firstResponseAt = q.integer(i++);
    f.firstResponseAgentId = q.integer(i++);
    f.closedAt = q.integer(i++);
    f.agentId = q.integer(i++);
    const QString agentFirst = q.string(i++);
    f.agentName = personName(agentFirst, q.string(i++));
    f.outcome = q.string(i++);
    if (!q.isNull(i))
        f.outcomeValue = q.integer(i);
    ++i;
    f.csatScore = int(q.integer(i++));
    f.messageCount = q.integer(i++);
    f.hadBot = q.integer(i++) != 0;
    f.slaFirstResponseSeconds = q.integer(i++);
    f.slaResolutionSeconds = q.integer(i++);
    return f;
}

}   // namespace

QString personName(const QString &first, const QString &last)
{
    if (first.isEmpty())
        return last;
    return last.isEmpty() ? first : first + u' ' + last;
}

QString conversationScopeSql(ConversationScope scope, qint64 id, QVariantList &values)
{
    switch (scope) {
    case ConversationScope::Campaign: values << id; return u"c.campaign_id = ? AND "_s;
    case ConversationScope::Number: values << id; return u"c.whatsapp_number_id = ? AND "_s;
    case ConversationScope::All: break;
    }
    return {};
}

Result<Ok> ReportStore::opened(ConversationScope scope, qint64 id, qint64 from, qint64 to, FactDetail detail,
                               const std::function<bool(const ConversationFacts &)> &each)
{
    QVariantList values;
    const QString where = conversationScopeSql(scope, id, values);
    values << from << to;
    SqlQuery q(m_db,
               factsSelect(detail) + where + u"c.created_at >= ? AND c.created_at < ? ORDER BY c.created_at, c.id"_s,
               values);
    if (!q.exec())
        return q.failure();
    while (q.next()) {
        if (!each(readFacts(q)))
            break;
    }
    return Ok{};
}

Result<QList<ConversationFacts>> ReportStore::facts(const QString &where, const QVariantList &values)
{
    SqlQuery q(m_db, factsSelect(FactDetail::Names) + where, values);
    if (!q.exec())
        return q.failure();
    QList<ConversationFacts> out;
    while (q.next())
        out.append(readFacts(q));
    return out;
}

Result<QList<ConversationFacts>> ReportStore::closedBy(qint64 agentId, qint64 from, qint64 to)
{
    return facts(u"c.assigned_agent_id = ? AND c.closed_at >= ? AND c.closed_at < ? ORDER BY c.closed_at, c.id"_s,
                 {agentId, from, to});
}

Result<QList<ConversationFacts>> ReportStore::firstAnsweredBy(qint64 agentId, qint64 from, qint64 to)
{
    return facts(u"c.first_response_agent_id = ? AND c.first_response_at >= ? AND c.first_response_at < ? "
                 "ORDER BY c.first_response_at, c.id"_s,
                 {agentId, from, to});
}

Result<QList<AgentMessage>> ReportStore::messagesBy(qint64 agentId, qint64 from, qint64 to)
{
    SqlQuery q(m_db,
               "SELECT chat_id, created_at FROM messages WHERE user_id = ? AND created_at >= ? AND created_at < ? "
               "AND direction = 'outbound'",
               {agentId, from, to});
    if (!q.exec())
        return q.failure();
    QList<AgentMessage> out;
    while (q.next())
        out.append({q.integer(0), q.integer(1)});
    return out;
}

Result<QList<qint64>> ReportStore::transfersFrom(qint64 agentId, qint64 from, qint64 to)
{
    SqlQuery q(m_db,
               "SELECT created_at FROM chat_events WHERE event = 'transfer' AND created_at >= ? AND created_at < ? "
               "AND from_agent_id = ?",
               {from, to, agentId});
    if (!q.exec())
        return q.failure();
    QList<qint64> out;
    while (q.next())
        out.append(q.integer(0));
    return out;
}

Result<QList<NumberMessageCount>> ReportStore::numberMessages(qint64 numberId, qint64 from, qint64 to)
{
    SqlQuery q(m_db,
               "SELECT quarter, direction, status, SUM(n) FROM ("
               "SELECT quarter, direction, status, n FROM message_tallies "
               "WHERE whatsapp_number_id = ? AND quarter >= ? AND quarter < ? UNION ALL "
               "SELECT quarter, direction, status, delta FROM message_tally_log "
               "WHERE whatsapp_number_id = ? AND quarter >= ? AND quarter < ?) t "
               "GROUP BY quarter, direction, status HAVING SUM(n) <> 0",
               {numberId, quarterOf(from), quarterOf(to), numberId, quarterOf(from), quarterOf(to)});
    if (!q.exec())
        return q.failure();
    QList<NumberMessageCount> out;
    while (q.next())
        out.append({q.integer(0), q.string(1) == "outbound"_L1, q.string(2), q.integer(3)});
    return out;
}

Result<QList<DeliveryDelayCount>> ReportStore::deliveryDelays(qint64 numberId, qint64 from, qint64 to)
{
    SqlQuery q(m_db,
               "SELECT seconds, SUM(n) FROM ("
               "SELECT seconds, n FROM message_delay_tallies WHERE whatsapp_number_id = ? AND quarter >= ? "
               "AND quarter < ? UNION ALL "
               "SELECT delay_seconds, delta FROM message_tally_log WHERE whatsapp_number_id = ? AND quarter >= ? "
               "AND quarter < ? AND delay_seconds IS NOT NULL) t GROUP BY seconds HAVING SUM(n) <> 0",
               {numberId, quarterOf(from), quarterOf(to), numberId, quarterOf(from), quarterOf(to)});
    if (!q.exec())
        return q.failure();
    QList<DeliveryDelayCount> out;
    while (q.next())
        out.append({q.integer(0), q.integer(1)});
    return out;
}

Result<QList<ConnectionSpan>> ReportStore::connectionChanges(qint64 numberId, qint64 from, qint64 to)
{
    QList<ConnectionSpan> out;
    {
        SqlQuery q(m_db,
                   "SELECT status, created_at FROM whatsapp_number_connections WHERE whatsapp_number_id = ? "
                   "AND created_at < ? ORDER BY created_at DESC, id DESC LIMIT 1",
                   {numberId, from});
        if (!q.exec())
            return q.failure();
        if (q.next())
            out.append({q.string(0), from});
    }
    SqlQuery q(m_db,
               "SELECT status, created_at FROM whatsapp_number_connections WHERE whatsapp_number_id = ? "
               "AND created_at >= ? AND created_at < ? ORDER BY created_at, id",
               {numberId, from, to});
    if (!q.exec())
        return q.failure();
    while (q.next())
        out.append({q.string(0), q.integer(1)});
    return out;
}

Result<std::optional<QString>> ReportStore::campaignName(qint64 id)
{
    SqlQuery q(m_db, "SELECT name FROM campaigns WHERE id = ?", {id});
    if (!q.exec())
        return q.failure();
    return q.next() ? std::optional<QString>(q.string(0)) : std::nullopt;
}

Result<std::optional<NumberHeading>> ReportStore::number(qint64 id)
{
    SqlQuery q(m_db, "SELECT phone_number, display_name FROM whatsapp_numbers WHERE id = ?", {id});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return std::optional<NumberHeading>();
    return std::optional<NumberHeading>(NumberHeading{q.string(0), q.string(1)});
}

Result<std::optional<ReportStore::Person>> ReportStore::agent(qint64 id)
{
    SqlQuery q(m_db, "SELECT first_name, last_name FROM users WHERE id = ?", {id});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return std::optional<Person>();
    return std::optional<Person>(Person{q.string(0), q.string(1)});
}

}   // namespace Conversa::Server
