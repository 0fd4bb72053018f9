#include "MessageStore.h"

#include "Database.h"

#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

constexpr auto kMessageSelect =
    "SELECT m.id, m.chat_id, m.whatsapp_number_id, m.direction, m.message_type, m.content, m.media_file_id, "
    "m.template_name, m.template_language, m.template_variables, m.status, m.error_code, m.error_message, "
    "m.user_id, u.first_name, u.last_name, m.is_bot_message, m.created_at, m.sent_at, m.delivered_at, m.read_at, "
    "r.id, r.direction, r.message_type, r.content, m.interactive "
    "FROM messages m LEFT JOIN users u ON u.id = m.user_id LEFT JOIN messages r ON r.id = m.reply_to_message_id "_L1;

Message readMessage(const SqlQuery &q)
{
    Message m;
    int i = 0;
    m.id = q.integer(i++);
    m.chatId = q.integer(i++);
    m.numberId = q.integer(i++);
    m.direction = q.string(i++);
    m.messageType = q.string(i++);
    m.content = q.string(i++);
    m.mediaFileId = q.integer(i++);
    m.templateName = q.string(i++);
    m.templateLanguage = q.string(i++);
    m.hasTemplateVariables = !q.isNull(i);
    m.templateVariables = QJsonDocument::fromJson(q.string(i++).toUtf8()).object();
    m.status = q.string(i++);
    m.errorCode = q.string(i++);
    m.errorMessage = q.string(i++);
    m.userId = q.integer(i++);
    m.userFirstName = q.string(i++);
    m.userLastName = q.string(i++);
    m.isBotMessage = q.boolean(i++);
    m.createdAt = q.integer(i++);
    m.sentAt = q.integer(i++);
    m.deliveredAt = q.integer(i++);
    m.readAt = q.integer(i++);
    m.replyToId = q.integer(i++);
    m.replyToDirection = q.string(i++);
    m.replyToType = q.string(i++);
    m.replyToContent = q.string(i++);
    m.interactive = QJsonDocument::fromJson(q.string(i++).toUtf8()).object();
    return m;
}

}   // namespace

const QStringList &MessageStore::types()
{
    static const QStringList all{u"text"_s, u"image"_s, u"document"_s, u"audio"_s, u"video"_s, u"template"_s};
    return all;
}

Result<qint64> MessageStore::insert(const Message &m, qint64 now)
{
    const QVariant variables = m.hasTemplateVariables
        ? QVariant(QString::fromUtf8(QJsonDocument(m.templateVariables).toJson(QJsonDocument::Compact)))
        : nullIfEmpty({});
    const QVariant interactive = m.interactive.isEmpty()
        ? nullIfEmpty({})
        : QVariant(QString::fromUtf8(QJsonDocument(m.interactive).toJson(QJsonDocument::Compact)));
    SqlQuery
        q(m_db,
          "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, media_file_id, "
          "template_name, template_language, template_variables, status, user_id, is_bot_message, created_at, "
          "reply_to_message_id, idempotency_key, interactive) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "RETURNING id",
          {m.chatId, m.numberId, m.direction, m.messageType, nullIfEmpty(m.content), nullIfZero(m.mediaFileId),
           nullIfEmpty(m.templateName), nullIfEmpty(m.templateLanguage), variables, m.status, nullIfZero(m.userId),
           m.isBotMessage, now, nullIfZero(m.replyToId), nullIfEmpty(m.idempotencyKey), interactive});
    if (!q.exec() || !q.next()) {
        // Only a request racing another with the same key gets here: the first one owns the key.
        if (q.isUniqueViolation())
            return ApiError::conflict(
                QT_TRANSLATE_NOOP("Api", "Another request with this Idempotency-Key is being processed"));
        return q.failure();
    }
    return q.integer(0);
}

Result<QList<Message>> MessageStore::select(const QString &where, const QVariantList &values)
{
    SqlQuery q(m_db, QString(kMessageSelect) + where, values);
    if (!q.exec())
        return q.failure();
    QList<Message> out;
    while (q.next())
        out.append(readMessage(q));
    return out;
}

Result<Message> MessageStore::find(qint64 id)
{
    Result<QList<Message>> rows = select(u"WHERE m.id = ?"_s, {id});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return ApiError::notFound();
    return rows->first();
}

Result<Message> MessageStore::findByIdempotencyKey(qint64 userId, const QString &key)
{
    Result<QList<Message>> rows = select(u"WHERE m.user_id = ? AND m.idempotency_key = ?"_s, {userId, key});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return ApiError::notFound();
    return rows->first();
}

Result<MessagePage> MessageStore::page(qint64 chatId, int limit, qint64 offset)
{
    MessagePage page;
    const Result<qint64> total = queryInteger(m_db, u"SELECT COUNT(*) FROM messages WHERE chat_id = ?"_s, {chatId});
    if (!total)
        return total.error();
    page.total = *total;
    if (page.total <= offset)
        return page;
    Result<QList<Message>> rows =
        select(u"WHERE m.chat_id = ? ORDER BY m.id LIMIT ? OFFSET ?"_s, {chatId, limit, offset});
    if (!rows)
        return rows.error();
    page.rows = *rows;
    return page;
}

Result<MessagePage> MessageStore::before(qint64 chatId, qint64 beforeId, int limit)
{
    // One more than asked tells whether older messages remain.
    Result<QList<Message>> rows =
        select(u"WHERE m.chat_id = ? AND m.id < ? ORDER BY m.id DESC LIMIT ?"_s, {chatId, beforeId, limit + 1});
    if (!rows)
        return rows.error();
    MessagePage page;
    page.rows = *rows;
    page.hasMore = page.rows.size() > limit;
    if (page.hasMore)
        page.rows.removeLast();
    std::reverse(page.rows.begin(), page.rows.end());
    const Result<qint64> total = queryInteger(m_db, u"SELECT COUNT(*) FROM messages WHERE chat_id = ?"_s, {chatId});
    if (!total)
        return total.error();
    page.total = *total;
    return page;
}

Result<Ok> MessageStore::markRead(qint64 id, qint64 now)
{
    SqlQuery q(m_db, "UPDATE messages SET read_at = ? WHERE id = ? AND read_at IS NULL", {now, id});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<Ok> MessageStore::requeue(qint64 id)
{
    SqlQuery q(m_db, "UPDATE messages SET status = 'pending', error_code = NULL, error_message = NULL WHERE id = ?",
               {id});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

}   // namespace Conversa::Server
