#include "ChatStore.h"

#include "ChatStatusSql.h"
#include "Database.h"
#include "SearchText.h"
#include "core/AuthUser.h"
#include "core/Permissions.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

// The joins the column lists below need (after "FROM chats c").
constexpr auto kJoins =
    " JOIN clients cl ON cl.id = c.client_id JOIN campaigns cp ON cp.id = c.campaign_id "
    "JOIN whatsapp_numbers n ON n.id = c.whatsapp_number_id LEFT JOIN users u ON u.id = c.assigned_agent_id "
    "LEFT JOIN messages m ON m.id = c.last_message_id"_L1;

// What an agent sees (docs/API.md): its own chats, and the queued chats of its campaigns and those
// a bot is talking to (to follow them and take one over).
constexpr auto kVisible = " AND (c.assigned_agent_id = ? OR (c.status IN ('queued', 'bot') AND c.campaign_id IN "
                          "(SELECT campaign_id FROM campaign_agents WHERE user_id = ?)))"_L1;
// The same rule as two disjoint halves, each served by one index in the list's order (also on
// chat_counts, where an unassigned chat has agent 0).
constexpr auto kOwnChats = " AND c.assigned_agent_id = ?"_L1;
constexpr auto kCampaignQueues =
    " AND c.status IN ('queued', 'bot') AND c.campaign_id IN (SELECT campaign_id FROM campaign_agents WHERE user_id = ?) "
    "AND (c.assigned_agent_id IS NULL OR c.assigned_agent_id <> ?)"_L1;

// What a page of the list shows (ChatJson::writeListItem), read by readListChat(), in order: a
// page reads no more than it answers (a bot's context, closing notes and the like stay behind).
constexpr auto kListColumns =
    "SELECT c.id, cl.id, cl.first_name, cl.last_name, cl.phone_number, c.campaign_id, cp.name, "
    "c.whatsapp_number_id, n.phone_number, u.id, u.first_name, u.last_name, c.status, c.priority, c.created_at, "
    "c.last_message_at, c.message_count, c.unread_count, m.id, m.content, m.direction, m.created_at "_L1;

Chat readListChat(const SqlQuery &q)
{
    Chat c;
    int i = 0;
    c.id = q.integer(i++);
    c.client.id = q.integer(i++);
    c.client.firstName = q.string(i++);
    c.client.lastName = q.string(i++);
    c.client.phoneNumber = q.string(i++);
    c.campaignId = q.integer(i++);
    c.campaignName = q.string(i++);
    c.numberId = q.integer(i++);
    c.numberPhone = q.string(i++);
    c.agent.id = q.integer(i++);
    c.agent.firstName = q.string(i++);
    c.agent.lastName = q.string(i++);
    c.status = q.string(i++);
    c.priority = q.string(i++);
    c.createdAt = q.integer(i++);
    c.lastMessageAt = q.integer(i++);
    c.messageCount = q.integer(i++);
    c.unreadCount = q.integer(i++);
    c.lastMessageId = q.integer(i++);
    c.lastMessageContent = q.string(i++);
    c.lastMessageDirection = q.string(i++);
    c.lastMessageCreatedAt = q.integer(i++);
    return c;
}

// The rest of a whole chat, after kListColumns, read by readChat().
constexpr auto kRestColumns =
    ", u.agent_status, c.bot_context, c.queued_at, c.assigned_at, c.first_response_at, "
    "c.closed_at, c.close_reason, c.outcome, c.outcome_value, c.close_notes, c.csat_score "_L1;
constexpr int kListColumnCount = 22;

Chat readChat(const SqlQuery &q)
{
    Chat c = readListChat(q);
    int i = kListColumnCount;
    c.agent.agentStatus = q.string(i++);
    c.botContext = q.string(i++);
    c.queuedAt = q.integer(i++);
    c.assignedAt = q.integer(i++);
    c.firstResponseAt = q.integer(i++);
    c.closedAt = q.integer(i++);
    c.closeReason = q.string(i++);
    c.outcome = q.string(i++);
    if (!q.isNull(i))
        c.outcomeValue = q.integer(i);
    ++i;
    c.closeNotes = q.string(i++);
    c.csatScore = int(q.integer(i++));
    return c;
}

// A piece of SQL and the values of its placeholders, in order.
struct Sql {
    QString text;
    QVariantList values;

    Sql &add(QLatin1StringView sql, std::initializer_list<QVariant> bound = {})
    {
        text += sql;
        values.append(QVariantList(bound));
        return *this;
    }
    Sql &add(const Sql &other)
    {
        text += other.text;
        values.append(other.values);
        return *this;
    }
};

// The filters that are columns of both chats and chat_counts.
void addStateConditions(const ChatFilter &f, Sql &sql)
{
    if (!f.status.isEmpty())
        sql.add(" AND c.status = ?"_L1, {f.status});
    if (f.agentId > 0)
        sql.add(" AND c.assigned_agent_id = ?"_L1, {f.agentId});
    if (f.campaignId > 0)
        sql.add(" AND c.campaign_id = ?"_L1, {f.campaignId});
    if (!f.priority.isEmpty())
        sql.add(" AND c.priority = ?"_L1, {f.priority});
}

// How a client search is matched. ChatRow tests the chat's copy of its client's search text
// (cheap while walking a page in order, and along an agent's indexes, which hold the copy);
// SearchIndex asks the search index for the matching clients first (cheap when few match, and
// for counting many).
enum class SearchBy { ChatRow, SearchIndex };

// "FROM chats c WHERE …" for every filter but the agent's visibility.
Sql chatsWhere(const ChatFilter &f, SearchBy by, SqlDialect dialect)
{
    Sql sql;
    sql.add(" FROM chats c WHERE 1 = 1"_L1);
    addStateConditions(f, sql);
    if (!f.search.isEmpty()) {
        // search_text: the normalised name, phone, email and company of a live client (migration 0011).
        if (by == SearchBy::ChatRow || (dialect == SqlDialect::Sqlite && !SearchText::trigramSearchable(f.search)))
            sql.add(" AND c.search_text LIKE ? ESCAPE '\\'"_L1, {SearchText::containsPattern(f.search)});
        else if (dialect == SqlDialect::Sqlite)
            sql.add(" AND c.client_id IN (SELECT rowid FROM clients_fts WHERE clients_fts MATCH ?)"_L1,
                    {SearchText::ftsPhrase(f.search)});
        else
            sql.add(" AND c.client_id IN (SELECT id FROM clients WHERE deleted_at IS NULL "
                    "AND search_text LIKE ? ESCAPE '\\')"_L1,
                    {SearchText::containsPattern(f.search)});
    }
    if (f.from)
        sql.add(" AND c.created_at >= ?"_L1, {*f.from});
    if (f.to)
        sql.add(" AND c.created_at <= ?"_L1, {*f.to});
    return sql;
}

constexpr auto kListOrder = " ORDER BY c.last_activity_at DESC, c.id DESC"_L1;

}   // namespace

const QStringList &ChatStore::priorities()
{
    static const QStringList all{u"low"_s, u"normal"_s, u"high"_s, u"urgent"_s};
    return all;
}

Result<qint64> ChatStore::count(const ChatFilter &f)
{
    Sql sql;
    if (f.search.isEmpty() && !f.from && !f.to) {
        // Kept exact by triggers (migration 0011): no chats row is read. An agent's two halves
        // are summed apart, each along an index of chat_counts.
        Sql counts;
        counts.add(" FROM chat_counts c WHERE 1 = 1"_L1);
        addStateConditions(f, counts);
        if (f.visibleTo > 0) {
            sql.add("SELECT CAST((SELECT COALESCE(SUM(c.n), 0)"_L1).add(counts).add(kOwnChats, {f.visibleTo});
            sql.add(") + (SELECT COALESCE(SUM(c.n), 0)"_L1).add(counts);
            sql.add(kCampaignQueues, {f.visibleTo, f.visibleTo}).add(") AS BIGINT)"_L1);
        } else {
            sql.add("SELECT CAST(COALESCE(SUM(c.n), 0) AS BIGINT)"_L1).add(counts);
        }
    } else if (f.visibleTo > 0) {
        // An agent's chats are few: count each half of its view along its own index.
        sql.add("SELECT (SELECT COUNT(*)"_L1).add(chatsWhere(f, SearchBy::ChatRow, m_db.dialect()));
        sql.add(kOwnChats, {f.visibleTo}).add(") + (SELECT COUNT(*)"_L1);
        sql.add(chatsWhere(f, SearchBy::ChatRow, m_db.dialect()));
        sql.add(kCampaignQueues, {f.visibleTo, f.visibleTo}).add(")"_L1);
    } else {
        sql.add("SELECT COUNT(*)"_L1).add(chatsWhere(f, SearchBy::SearchIndex, m_db.dialect()));
    }
    return queryInteger(m_db, sql.text, sql.values);
}

Result<ChatPage> ChatStore::list(const ChatFilter &filter)
{
    ChatPage page;
    const Result<qint64> total = count(filter);
    if (!total)
        return total.error();
    page.total = *total;
    if (page.total <= filter.offset)
        return page;

    // First the page's ids along an index in the list's order, then their rows by primary key:
    // two statements that PostgreSQL plans once each, where one statement joining the page to
    // six tables was planned again on every request (its LIMIT made the generic plan look dear).
    Sql ids;
    constexpr auto kIdColumns = "SELECT c.id AS id, c.last_activity_at AS activity"_L1;
    if (filter.visibleTo > 0) {
        // Each half of the agent's view gives its first offset + limit; the merge cuts the page.
        const qint64 window = filter.offset + filter.limit;
        ids.add("SELECT * FROM ("_L1).add(kIdColumns).add(chatsWhere(filter, SearchBy::ChatRow, m_db.dialect()));
        ids.add(kOwnChats, {filter.visibleTo})
            .add(kListOrder)
            .add(" LIMIT ?) own UNION ALL SELECT * FROM ("_L1, {window});
        ids.add(kIdColumns).add(chatsWhere(filter, SearchBy::ChatRow, m_db.dialect()));
        ids.add(kCampaignQueues, {filter.visibleTo, filter.visibleTo}).add(kListOrder);
        ids.add(" LIMIT ?) queue ORDER BY activity DESC, id DESC"_L1, {window});
    } else {
        const SearchBy by =
            page.total <= SearchText::kIndexedPageMaxMatches ? SearchBy::SearchIndex : SearchBy::ChatRow;
        ids.add(kIdColumns).add(chatsWhere(filter, by, m_db.dialect())).add(kListOrder);
    }
    ids.add(" LIMIT ? OFFSET ?"_L1, {filter.limit, filter.offset});
    SqlQuery idQuery(m_db, ids.text, ids.values);
    if (!idQuery.exec())
        return idQuery.failure();
    QList<qint64> order;
    QStringList idTexts;
    while (idQuery.next()) {
        order.append(idQuery.integer(0));
        idTexts.append(QString::number(order.last()));
    }
    if (order.isEmpty())
        return page;

    // The ids travel as one array value, so the statement is the same for every page.
    const bool sqlite = m_db.dialect() == SqlDialect::Sqlite;
    const QString idList = sqlite ? u'[' + idTexts.join(u',') + u']' : u'{' + idTexts.join(u',') + u'}';
    // On PostgreSQL the page's ids are a set to join from: with "c.id = ANY(?)" the generic plan
    // expected many chats and hashed the whole users table for each page.
    SqlQuery q(m_db,
               sqlite
                   ? QString(kListColumns + u"FROM chats c"_s + kJoins +
                             u" WHERE c.id IN (SELECT value FROM json_each(?))"_s)
                   : QString(kListColumns +
                             u"FROM unnest(CAST(? AS BIGINT[])) AS page(id) JOIN chats c ON c.id = page.id"_s + kJoins),
               {idList});
    if (!q.exec())
        return q.failure();
    QHash<qint64, Chat> byId;
    while (q.next()) {
        Chat chat = readListChat(q);
        byId.insert(chat.id, std::move(chat));
    }
    for (const qint64 id : std::as_const(order)) {
        if (const auto it = byId.constFind(id); it != byId.cend())
            page.rows.append(*it);
    }
    return page;
}

Result<Chat> ChatStore::find(qint64 id)
{
    SqlQuery q(m_db, kListColumns + kRestColumns + u"FROM chats c"_s + kJoins + u" WHERE c.id = ?"_s, {id});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    return readChat(q);
}

Result<Chat> ChatStore::findVisible(qint64 id, const AuthUser &user)
{
    return findVisible(id, user.id, user.can(Permissions::kChatsReadAll));
}

Result<Chat> ChatStore::findVisible(qint64 id, qint64 userId, bool readAll)
{
    Result<Chat> chat = find(id);
    if (!chat)
        return chat;
    const Result<bool> visible = visibleTo(*chat, userId, readAll);
    if (!visible)
        return visible.error();
    return *visible ? chat : Result<Chat>(ApiError::notFound());
}

Result<bool> ChatStore::visibleTo(const Chat &chat, qint64 userId, bool readAll)
{
    if (readAll || chat.agent.id == userId)
        return true;
    // kVisible's rule: a campaign's agents follow its queued chats and those its bot talks to.
    if (chat.status == "queued"_L1 || chat.status == "bot"_L1)
        return isCampaignAgent(chat.campaignId, userId);
    return false;
}

Result<QList<ChatBrief>> ChatStore::ofClient(qint64 clientId, const AuthUser &user, int limit)
{
    QVariantList values{clientId};
    QString sql = u"SELECT c.id, c.status, c.created_at FROM chats c WHERE c.client_id = ?"_s;
    if (!user.can(Permissions::kChatsReadAll)) {
        sql += kVisible;
        values << user.id << user.id;
    }
    values.append(limit);
    SqlQuery q(m_db, sql + u" ORDER BY c.created_at DESC, c.id DESC LIMIT ?"_s, values);
    if (!q.exec())
        return q.failure();
    QList<ChatBrief> out;
    while (q.next())
        out.append({q.integer(0), q.string(1), q.integer(2)});
    return out;
}

Result<bool> ChatStore::fileOnVisibleChat(qint64 fileId, const AuthUser &user)
{
    QVariantList values{fileId};
    QString sql = u"SELECT 1 FROM messages m JOIN chats c ON c.id = m.chat_id WHERE m.media_file_id = ?"_s;
    if (!user.can(Permissions::kChatsReadAll)) {
        sql += kVisible;
        values << user.id << user.id;
    }
    SqlQuery q(m_db, sql + u" LIMIT 1"_s, values);
    if (!q.exec())
        return q.failure();
    return q.next();
}

Result<bool> ChatStore::isCampaignAgent(qint64 campaignId, qint64 userId)
{
    SqlQuery q(m_db, "SELECT 1 FROM campaign_agents WHERE campaign_id = ? AND user_id = ?", {campaignId, userId});
    if (!q.exec())
        return q.failure();
    return q.next();
}

Result<ChatPerson> ChatStore::activeUser(qint64 userId)
{
    SqlQuery q(m_db,
               "SELECT id, first_name, last_name, agent_status FROM users "
               "WHERE id = ? AND deleted_at IS NULL AND status = 'active'",
               {userId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    return ChatPerson{q.integer(0), q.string(1), q.string(2), {}, q.string(3)};
}

Result<bool> ChatStore::campaignExists(qint64 campaignId)
{
    SqlQuery q(m_db, "SELECT 1 FROM campaigns WHERE id = ? AND deleted_at IS NULL", {campaignId});
    if (!q.exec())
        return q.failure();
    return q.next();
}

Result<std::pair<qint64, qint64>> ChatStore::slaTargets(qint64 campaignId)
{
    SqlQuery q(m_db, "SELECT sla_first_response_seconds, sla_resolution_seconds FROM campaigns WHERE id = ?",
               {campaignId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    return std::pair<qint64, qint64>(q.integer(0), q.integer(1));
}

Result<bool> ChatStore::otherOpenChat(const Chat &chat)
{
    SqlQuery q(m_db,
               "SELECT 1 FROM chats WHERE client_id = ? AND whatsapp_number_id = ? AND status <> 'closed' AND id <> ?",
               {chat.client.id, chat.numberId, chat.id});
    if (!q.exec())
        return q.failure();
    return q.next();
}

Result<QStringList> ChatStore::tags(qint64 chatId)
{
    SqlQuery q(m_db, "SELECT tag FROM chat_tags WHERE chat_id = ? ORDER BY tag", {chatId});
    if (!q.exec())
        return q.failure();
    QStringList out;
    while (q.next())
        out.append(q.string(0));
    return out;
}

Result<QList<ChatNote>> ChatStore::notes(qint64 chatId)
{
    SqlQuery q(m_db,
               "SELECT n.id, n.user_id, u.first_name, u.last_name, n.content, n.created_at FROM chat_notes n "
               "LEFT JOIN users u ON u.id = n.user_id WHERE n.chat_id = ? ORDER BY n.id",
               {chatId});
    if (!q.exec())
        return q.failure();
    QList<ChatNote> out;
    while (q.next())
        out.append({q.integer(0), {q.integer(1), q.string(2), q.string(3), {}, {}}, q.string(4), q.integer(5)});
    return out;
}

Result<QJsonObject> ChatStore::clientDetails(qint64 clientId)
{
    SqlQuery q(m_db,
               "SELECT id, first_name, last_name, phone_number, email, lead_status, notes, custom_fields "
               "FROM clients WHERE id = ?",
               {clientId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    const auto text = [&q](int i) { return q.isNull(i) ? QJsonValue() : QJsonValue(q.string(i)); };
    QJsonObject client{{u"id"_s, q.integer(0)},
                       {u"first_name"_s, text(1)},
                       {u"last_name"_s, text(2)},
                       {u"phone_number"_s, q.string(3)},
                       {u"email"_s, text(4)},
                       {u"lead_status"_s, q.string(5)},
                       {u"notes"_s, text(6)},
                       {u"custom_fields"_s, QJsonDocument::fromJson(q.string(7).toUtf8()).object()}};
    SqlQuery tags(m_db, "SELECT tag FROM client_tags WHERE client_id = ? ORDER BY tag", {clientId});
    if (!tags.exec())
        return tags.failure();
    QJsonArray list;
    while (tags.next())
        list.append(tags.string(0));
    client.insert(u"tags"_s, list);
    return client;
}

Result<Ok> ChatStore::assign(qint64 chatId, qint64 agentId, const QString &status, qint64 now)
{
    SqlQuery q(m_db,
               "UPDATE chats SET assigned_agent_id = ?, status = ?, assigned_at = ?, "
               "first_assigned_at = COALESCE(first_assigned_at, ?) WHERE id = ?",
               {agentId, status, now, now, chatId});
    return q.run();
}

Result<bool> ChatStore::take(qint64 chatId, qint64 agentId, const QString &fromStatus, const QString &status,
                             qint64 now)
{
    SqlQuery q(m_db,
               "UPDATE chats SET assigned_agent_id = ?, status = ?, assigned_at = ?, "
               "first_assigned_at = COALESCE(first_assigned_at, ?) "
               "WHERE id = ? AND status = ? AND assigned_agent_id IS NULL",
               {agentId, status, now, now, chatId, fromStatus});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() == 1;
}

Result<bool> ChatStore::atChatLimit(qint64 agentId, qint64 campaignId)
{
    SqlQuery q(m_db,
               u"SELECT u.max_concurrent_chats, ca.max_concurrent_chats, "
               "(SELECT COUNT(*) FROM chats c WHERE c.assigned_agent_id = u.id AND c.status IN %1), "
               "(SELECT COUNT(*) FROM chats c WHERE c.assigned_agent_id = u.id AND c.campaign_id = ca.campaign_id "
               "AND c.status IN %1) "
               "FROM users u JOIN campaign_agents ca ON ca.user_id = u.id AND ca.campaign_id = ? WHERE u.id = ?"_s.arg(
                   QLatin1StringView(kHeldChatStatusesSql)),
               {campaignId, agentId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return true;   // not an agent of the campaign: no room there
    return q.integer(2) >= q.integer(0) || q.integer(3) >= q.integer(1);
}

Result<Ok> ChatStore::requeue(qint64 chatId, qint64 campaignId, qint64 now)
{
    SqlQuery q(m_db,
               "UPDATE chats SET assigned_agent_id = NULL, status = 'queued', campaign_id = ?, queued_at = ?, "
               "assigned_at = NULL, first_queued_at = COALESCE(first_queued_at, ?) WHERE id = ?",
               {campaignId, now, now, chatId});
    return q.run();
}

Result<bool> ChatStore::takeBackUnanswered(qint64 chatId, qint64 agentId)
{
    SqlQuery q(m_db,
               "UPDATE chats SET status = 'queued', assigned_agent_id = NULL, assigned_at = NULL, "
               "routing_skip_agent_id = ? WHERE id = ? AND status = 'assigned' AND first_response_at IS NULL "
               "AND assigned_agent_id = ?",
               {agentId, chatId, agentId});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() == 1;
}

Result<Ok> ChatStore::close(const Chat &c, qint64 now)
{
    SqlQuery q(m_db,
               "UPDATE chats SET status = 'closed', closed_at = ?, close_reason = ?, outcome = ?, outcome_value = ?, "
               "close_notes = ? WHERE id = ?",
               {now, nullIfEmpty(c.closeReason), nullIfEmpty(c.outcome),
                c.outcomeValue ? QVariant(*c.outcomeValue) : nullIfZero(0), nullIfEmpty(c.closeNotes), c.id});
    return q.run();
}

Result<Ok> ChatStore::reopen(qint64 chatId, qint64 agentId, const QString &status, qint64 now)
{
    // The close fields stay for history in chat_events; the chat itself is open again.
    SqlQuery q(m_db,
               "UPDATE chats SET status = ?, assigned_agent_id = ?, queued_at = ?, assigned_at = ?, closed_at = NULL, "
               "close_reason = NULL, outcome = NULL, outcome_value = NULL, close_notes = NULL, "
               "first_queued_at = COALESCE(first_queued_at, ?), first_assigned_at = COALESCE(first_assigned_at, ?) "
               "WHERE id = ?",
               {status, nullIfZero(agentId), nullIfZero(agentId ? 0 : now), nullIfZero(agentId ? now : 0),
                nullIfZero(status == "queued"_L1 ? now : 0), nullIfZero(agentId ? now : 0), chatId});
    if (!q.exec()) {
        if (q.isUniqueViolation())
            return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "The client already has an open chat on this number"));
        return q.failure();
    }
    return Ok{};
}

Result<Ok> ChatStore::setPriority(qint64 chatId, const QString &priority)
{
    SqlQuery q(m_db, "UPDATE chats SET priority = ? WHERE id = ?", {priority, chatId});
    return q.run();
}

Result<bool> ChatStore::addTag(qint64 chatId, const QString &tag, qint64 now)
{
    SqlQuery q(m_db, "INSERT INTO chat_tags (chat_id, tag, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
               {chatId, tag, now});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() > 0;
}

Result<bool> ChatStore::removeTag(qint64 chatId, const QString &tag)
{
    SqlQuery q(m_db, "DELETE FROM chat_tags WHERE chat_id = ? AND tag = ?", {chatId, tag});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() > 0;
}

Result<QList<TransferAgent>> ChatStore::transferAgents(qint64 campaignId, qint64 exceptAgentId)
{
    SqlQuery q(m_db,
               u"SELECT u.id, u.first_name, u.last_name, u.agent_status, "
               "(SELECT COUNT(*) FROM chats c WHERE c.assigned_agent_id = u.id AND c.status IN %1), "
               "ca.max_concurrent_chats FROM campaign_agents ca JOIN users u ON u.id = ca.user_id "
               "WHERE ca.campaign_id = ? AND u.id <> ? AND u.status = 'active' AND u.deleted_at IS NULL "
               "ORDER BY CASE WHEN u.agent_status = 'available' THEN 0 ELSE 1 END, u.first_name, u.last_name, u.id"_s
                   .arg(QLatin1StringView(kHeldChatStatusesSql)),
               {campaignId, exceptAgentId});
    if (!q.exec())
        return q.failure();
    QList<TransferAgent> out;
    while (q.next())
        out.append({q.integer(0), q.string(1), q.string(2), q.string(3), q.integer(4), int(q.integer(5))});
    return out;
}

Result<QList<TransferCampaign>> ChatStore::transferCampaigns(qint64 exceptCampaignId)
{
    SqlQuery
        q(m_db,
          "SELECT id, name FROM campaigns WHERE status = 'active' AND deleted_at IS NULL AND id <> ? ORDER BY name, id",
          {exceptCampaignId});
    if (!q.exec())
        return q.failure();
    QList<TransferCampaign> out;
    while (q.next())
        out.append({q.integer(0), q.string(1)});
    return out;
}

Result<qint64> ChatStore::addNote(qint64 chatId, qint64 userId, const QString &content, qint64 now)
{
    SqlQuery q(m_db, "INSERT INTO chat_notes (chat_id, user_id, content, created_at) VALUES (?, ?, ?, ?) RETURNING id",
               {chatId, nullIfZero(userId), content, now});
    if (!q.exec() || !q.next())
        return q.failure();
    return q.integer(0);
}

Result<Ok> ChatStore::addEvent(qint64 chatId, const ChatEvent &e, qint64 now)
{
    SqlQuery
        q(m_db,
          "INSERT INTO chat_events (chat_id, event, from_status, to_status, from_agent_id, to_agent_id, "
          "from_campaign_id, to_campaign_id, reason, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {chatId, e.event, nullIfEmpty(e.fromStatus), nullIfEmpty(e.toStatus), nullIfZero(e.fromAgentId),
           nullIfZero(e.toAgentId), nullIfZero(e.fromCampaignId), nullIfZero(e.toCampaignId), nullIfEmpty(e.reason),
           nullIfZero(e.userId), now});
    return q.run();
}

Result<Ok> ChatStore::recordOutbound(qint64 chatId, qint64 messageId, const QString &status, qint64 agentId, qint64 now)
{
    // SET reads the row as it was: the agent is recorded with the first response, and only then.
    SqlQuery q(m_db,
               "UPDATE chats SET message_count = message_count + 1, last_message_id = ?, last_message_at = ?, "
               "last_activity_at = ?, status = ?, first_response_agent_id = CASE WHEN first_response_at IS NULL "
               "THEN ? ELSE first_response_agent_id END, first_response_at = COALESCE(first_response_at, ?) "
               "WHERE id = ?",
               {messageId, now, now, status, agentId, now, chatId});
    return q.run();
}

Result<Ok> ChatStore::decrementUnread(qint64 chatId)
{
    SqlQuery q(m_db, "UPDATE chats SET unread_count = unread_count - 1 WHERE id = ? AND unread_count > 0", {chatId});
    return q.run();
}

}   // namespace Conversa::Server
