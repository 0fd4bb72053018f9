#include "InboundStore.h"

#include "Database.h"
#include "SearchText.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

// Inbound messages are delivered when they reach us; read_at is the agent's (POST …/read). Bound
// with inboundValues(); a macro so that it joins other literals into one statement.
#define INSERT_INBOUND                                                                                                 \
    "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, status, "                    \
    "provider_message_id, provider_media_id, media_mime_type, media_file_id, is_bot_message, created_at, "             \
    "delivered_at, reply_to_message_id) VALUES (?, ?, 'inbound', ?, ?, 'delivered', ?, ?, ?, ?, FALSE, ?, ?, "         \
    "(SELECT id FROM messages WHERE whatsapp_number_id = ? AND provider_message_id = ?)) "                             \
    "ON CONFLICT DO NOTHING RETURNING id"

namespace Conversa::Server {

namespace {

QVariantList inboundValues(const InboundMessage &m)
{
    return {m.chatId,
            m.numberId,
            m.messageType,
            nullIfEmpty(m.content),
            nullIfEmpty(m.providerMessageId),
            nullIfEmpty(m.providerMediaId),
            nullIfEmpty(m.mediaMimeType),
            nullIfZero(m.mediaFileId),
            m.at,
            m.at,
            m.numberId,
            nullIfEmpty(m.replyToProviderId)};
}

}   // namespace

Result<Ok> InboundStore::recordEvent(const QString &provider, qint64 numberId, const QByteArray &payload,
                                     const QString &note, qint64 now)
{
    // Kept as text: a body that is not UTF-8 keeps its bytes readable as Latin-1 rather than lost.
    QString text = QString::fromUtf8(payload);
    if (text.toUtf8() != payload)
        text = QString::fromLatin1(payload);
    SqlQuery q(
        m_db,
        "INSERT INTO webhook_events (provider, whatsapp_number_id, received_at, payload, note) VALUES (?, ?, ?, ?, ?)",
        {provider, nullIfZero(numberId), now, text, note});
    return q.run();
}

Result<qint64> InboundStore::findClient(const QString &phone)
{
    SqlQuery q(m_db, "SELECT id FROM clients WHERE phone_number = ? AND deleted_at IS NULL", {phone});
    if (!q.exec())
        return q.failure();
    return q.next() ? q.integer(0) : qint64(0);
}

Result<qint64> InboundStore::createClient(const QString &phone, const QString &firstName, const QString &lastName,
                                          qint64 now)
{
    // The search text as ClientStore writes it (names, phone, e-mail, company).
    const QString searchText = SearchText::of({firstName, lastName, phone, QString(), QString()});
    // Another delivery may create the same client at the same moment: then nothing is inserted
    // here and the look that follows finds theirs.
    SqlQuery q(m_db,
               "INSERT INTO clients (phone_number, first_name, last_name, search_text, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
               {phone, nullIfEmpty(firstName), nullIfEmpty(lastName), searchText, now, now});
    if (!q.exec())
        return q.failure();
    if (q.next())
        return q.integer(0);
    Result<qint64> other = findClient(phone);
    if (!other)
        return other;
    if (*other == 0)
        return ApiError::internal();
    return other;
}

Result<std::optional<InboundCampaign>> InboundStore::campaignOf(qint64 numberId)
{
    // The number's primary campaign, else its first one; live campaigns only.
    SqlQuery q(m_db,
               "SELECT c.id, c.business_hours, c.timezone, c.welcome_message, c.offline_message "
               "FROM campaign_numbers cn JOIN campaigns c ON c.id = cn.campaign_id AND c.deleted_at IS NULL "
               "WHERE cn.number_id = ? ORDER BY cn.is_primary DESC, c.id LIMIT 1",
               {numberId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return std::optional<InboundCampaign>();
    return std::optional<InboundCampaign>(
        InboundCampaign{q.integer(0), q.string(1), q.string(2), q.string(3), q.string(4)});
}

Result<std::optional<InboundChat>> InboundStore::openChat(qint64 clientId, qint64 numberId)
{
    SqlQuery q(
        m_db,
        "SELECT id, campaign_id, status FROM chats WHERE client_id = ? AND whatsapp_number_id = ? AND status <> 'closed'",
        {clientId, numberId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return std::optional<InboundChat>();
    return std::optional<InboundChat>(InboundChat{q.integer(0), q.integer(1), false, q.string(2)});
}

Result<InboundChat> InboundStore::openNewChat(qint64 clientId, qint64 numberId, qint64 campaignId, qint64 now, bool bot)
{
    const QString status = bot ? u"bot"_s : u"queued"_s;
    // chats_one_open allows one open chat per client and number: a concurrent delivery that
    // opened it first wins, and this message joins that chat.
    SqlQuery q(m_db,
               "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, status, created_at, queued_at, "
               "first_queued_at, last_activity_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
               {clientId, campaignId, numberId, status, now, bot ? nullIfZero(0) : QVariant(now),
                bot ? nullIfZero(0) : QVariant(now), now});
    if (!q.exec())
        return q.failure();
    if (!q.next()) {
        Result<std::optional<InboundChat>> other = openChat(clientId, numberId);
        if (!other)
            return other.error();
        if (!*other)
            return ApiError::internal();
        return **other;
    }
    const qint64 chatId = q.integer(0);
    SqlQuery e(m_db,
               "INSERT INTO chat_events (chat_id, event, to_status, to_campaign_id, created_at) "
               "VALUES (?, 'created', ?, ?, ?)",
               {chatId, status, campaignId, now});
    CONVERSA_TRY(e.run());
    return InboundChat{chatId, campaignId, true, status};
}

Result<bool> InboundStore::hasMessage(qint64 numberId, const QString &providerMessageId)
{
    SqlQuery q(m_db, "SELECT 1 FROM messages WHERE whatsapp_number_id = ? AND provider_message_id = ?",
               {numberId, providerMessageId});
    if (!q.exec())
        return q.failure();
    return q.next();
}

Result<InboundLookup> InboundStore::lookup(qint64 numberId, const QString &providerMessageId, const QString &phone)
{
    SqlQuery q(m_db,
               "SELECT EXISTS (SELECT 1 FROM messages WHERE whatsapp_number_id = ? AND provider_message_id = ?), "
               "cl.id, ch.id, ch.campaign_id, ch.status FROM (SELECT 1 AS one) one "
               "LEFT JOIN clients cl ON cl.phone_number = ? AND cl.deleted_at IS NULL "
               "LEFT JOIN chats ch ON ch.client_id = cl.id AND ch.whatsapp_number_id = ? AND ch.status <> 'closed'",
               {numberId, nullIfEmpty(providerMessageId), phone, numberId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::internal();
    InboundLookup found;
    found.seen = q.boolean(0);
    found.clientId = q.integer(1);
    if (!q.isNull(2))
        found.open = InboundChat{q.integer(2), q.integer(3), false, q.string(4)};
    return found;
}

Result<qint64> InboundStore::insertInbound(const InboundMessage &m)
{
    static const QString sql = QString::fromUtf8(INSERT_INBOUND);
    SqlQuery q(m_db, sql, inboundValues(m));
    if (!q.exec())
        return q.failure();
    return q.next() ? q.integer(0) : qint64(0);
}

Result<InboundStore::Stored> InboundStore::storeInbound(const InboundMessage &m, qint64 clientId)
{
    if (m_db.dialect() == SqlDialect::Sqlite) {   // in process: statements cost no round trip
        Result<qint64> id = insertInbound(m);
        if (!id)
            return id.error();
        if (*id == 0)
            return Stored{};
        Result<qint64> agent = countInbound(m.chatId, m.numberId, clientId, *id, m.at);
        if (!agent)
            return agent.error();
        return Stored{*id, *agent};
    }
    // One round trip for the five writes of countInbound(): each UPDATE joins the inserted row, so
    // a duplicate (no row) counts nothing; the number's hot row is locked last.
    static const QString sql = QString::fromUtf8(
        "WITH m AS (" INSERT_INBOUND "), "
        "c AS (UPDATE chats SET message_count = message_count + 1, unread_count = unread_count + 1, "
        "last_message_id = m.id, last_message_at = CASE WHEN last_message_at IS NULL OR last_message_at < ? "
        "THEN ? ELSE last_message_at END, last_activity_at = CASE WHEN last_activity_at < ? THEN ? "
        "ELSE last_activity_at END FROM m WHERE chats.id = ? RETURNING chats.assigned_agent_id), "
        "cl AS (UPDATE clients SET last_contact_at = ? FROM m WHERE clients.id = ? "
        "AND (last_contact_at IS NULL OR last_contact_at < ?) RETURNING clients.id), "
        "n AS (UPDATE whatsapp_numbers SET total_messages_received = total_messages_received + 1 FROM m "
        "WHERE whatsapp_numbers.id = ? RETURNING whatsapp_numbers.id) "
        "SELECT m.id, (SELECT assigned_agent_id FROM c) FROM m");
    SqlQuery q(m_db, sql,
               inboundValues(m) << m.at << m.at << m.at << m.at << m.chatId << m.at << clientId << m.at << m.numberId);
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return Stored{};
    return Stored{q.integer(0), q.integer(1)};
}

Result<qint64> InboundStore::countInbound(qint64 chatId, qint64 numberId, qint64 clientId, qint64 messageId, qint64 at)
{
    qint64 agentId = 0;
    {
        // A message that arrives late (older than the last one) does not move the chat back in time.
        SqlQuery q(m_db,
                   "UPDATE chats SET message_count = message_count + 1, unread_count = unread_count + 1, "
                   "last_message_id = ?, last_message_at = CASE WHEN last_message_at IS NULL OR last_message_at < ? "
                   "THEN ? ELSE last_message_at END, last_activity_at = CASE WHEN last_activity_at < ? THEN ? "
                   "ELSE last_activity_at END WHERE id = ? RETURNING assigned_agent_id",
                   {messageId, at, at, at, at, chatId});
        if (!q.exec())
            return q.failure();
        if (q.next())
            agentId = q.integer(0);
    }
    {
        SqlQuery q(
            m_db,
            "UPDATE clients SET last_contact_at = ? WHERE id = ? AND (last_contact_at IS NULL OR last_contact_at < ?)",
            {at, clientId, at});
        CONVERSA_TRY(q.run());
    }
    // Last: every delivery to the number updates this row, and holds its lock until the commit.
    SqlQuery q(m_db, "UPDATE whatsapp_numbers SET total_messages_received = total_messages_received + 1 WHERE id = ?",
               {numberId});
    CONVERSA_TRY(q.run());
    return agentId;
}

Result<qint64> InboundStore::insertBotText(qint64 chatId, qint64 numberId, const QString &text, qint64 now)
{
    return insertBotMessage({.chatId = chatId, .numberId = numberId, .content = text, .at = now});
}

Result<qint64> InboundStore::insertBotMessage(const BotOutbound &m)
{
    const QVariant interactive = m.interactive.isEmpty()
        ? QVariant(QMetaType::fromType<QString>())
        : QVariant(QString::fromUtf8(QJsonDocument(m.interactive).toJson(QJsonDocument::Compact)));
    SqlQuery q(m_db,
               "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, media_file_id, "
               "interactive, status, is_bot_message, created_at) "
               "VALUES (?, ?, 'outbound', ?, ?, ?, ?, 'pending', TRUE, ?) RETURNING id",
               {m.chatId, m.numberId, m.type, nullIfEmpty(m.content), nullIfZero(m.mediaFileId), interactive, m.at});
    if (!q.exec() || !q.next())
        return q.failure();
    const qint64 id = q.integer(0);
    SqlQuery c(m_db,
               "UPDATE chats SET message_count = message_count + 1, last_message_id = ?, last_message_at = ?, "
               "last_activity_at = ? WHERE id = ?",
               {id, m.at, m.at, m.chatId});
    CONVERSA_TRY(c.run());
    return id;
}

Result<std::optional<OutboundRef>> InboundStore::outboundByProviderId(qint64 numberId, const QString &providerMessageId)
{
    SqlQuery q(m_db,
               "SELECT id, status, sent_at, delivered_at, read_at FROM messages "
               "WHERE whatsapp_number_id = ? AND provider_message_id = ? AND direction = 'outbound'",
               {numberId, providerMessageId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return std::optional<OutboundRef>();
    return std::optional<OutboundRef>(OutboundRef{q.integer(0), q.string(1), q.integer(2), q.integer(3), q.integer(4)});
}

Result<Ok> InboundStore::updateStatus(qint64 messageId, const QString &status, qint64 sentAt, qint64 deliveredAt,
                                      qint64 readAt, const QString &errorCode, const QString &errorMessage,
                                      bool setError)
{
    if (setError) {
        SqlQuery q(m_db,
                   "UPDATE messages SET status = ?, sent_at = ?, delivered_at = ?, read_at = ?, error_code = ?, "
                   "error_message = ? WHERE id = ?",
                   {status, nullIfZero(sentAt), nullIfZero(deliveredAt), nullIfZero(readAt), nullIfEmpty(errorCode),
                    nullIfEmpty(errorMessage), messageId});
        return q.run();
    }
    SqlQuery q(m_db, "UPDATE messages SET status = ?, sent_at = ?, delivered_at = ?, read_at = ? WHERE id = ?",
               {status, nullIfZero(sentAt), nullIfZero(deliveredAt), nullIfZero(readAt), messageId});
    return q.run();
}

Result<WhatsAppWindow> InboundStore::window(qint64 chatId, qint64 now, const QStringList &providersWithWindow)
{
    SqlQuery
        q(m_db,
          "SELECT n.provider, c.last_inbound_at FROM chats c JOIN whatsapp_numbers n ON n.id = c.whatsapp_number_id "
          "WHERE c.id = ?",
          {chatId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    if (!providersWithWindow.contains(q.string(0)))
        return WhatsAppWindow{};
    if (q.isNull(1))
        return WhatsAppWindow{false, 0};
    const qint64 expires = q.integer(1) + kWindowSeconds;
    return WhatsAppWindow{now < expires, expires};
}

}   // namespace Conversa::Server
