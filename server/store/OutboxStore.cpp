#include "OutboxStore.h"

#include "Database.h"

#include <QJsonDocument>
#include <QLoggingCategory>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcOutbox, "conversa.server.outbound.store")

using namespace Qt::StringLiterals;

namespace {

// Sends in the window (sent_at > since) and the oldest of them.
struct WindowCount {
    qint64 count = 0;
    qint64 oldest = 0;
};

Result<WindowCount> sentSince(Database &db, qint64 numberId, qint64 since)
{
    SqlQuery q(db,
               "SELECT COUNT(*), MIN(sent_at) FROM messages WHERE whatsapp_number_id = ? AND direction = 'outbound' "
               "AND sent_at IS NOT NULL AND sent_at > ?",
               {numberId, since});
    if (!q.exec() || !q.next())
        return q.failure();
    return WindowCount{q.integer(0), q.isNull(1) ? 0 : q.integer(1)};
}

}   // namespace

Result<QList<qint64>> OutboxStore::due(qint64 now, int limit, const QStringList &providers)
{
    if (providers.isEmpty())
        return QList<qint64>();
    QVariantList values{now};
    for (const QString &p : providers)
        values.append(p);
    const QString in = sqlPlaceholders(providers.size());
    values.append(limit);
    SqlQuery q(m_db,
               u"SELECT m.id FROM messages m JOIN whatsapp_numbers w ON w.id = m.whatsapp_number_id "
               "WHERE m.status = 'pending' AND m.direction = 'outbound' AND m.sending_since IS NULL "
               "AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= ?) AND w.provider IN ("_s +
                   in + u") ORDER BY m.id LIMIT ?"_s,
               values);
    if (!q.exec())
        return q.failure();
    QList<qint64> ids;
    while (q.next())
        ids.append(q.integer(0));
    return ids;
}

Result<OutboxClaim> OutboxStore::claim(qint64 id, qint64 now)
{
    const bool pg = m_db.dialect() == SqlDialect::Postgres;
    Transaction tx(m_db);
    if (!tx.isActive())
        return ApiError::internal();
    OutboxClaim claim;
    qint64 numberId = 0;
    {
        // Another worker holding the row (PostgreSQL) or having claimed it already: skip it.
        SqlQuery q(m_db,
                   pg ? "SELECT whatsapp_number_id, send_attempts FROM messages WHERE id = ? AND status = 'pending' "
                        "AND direction = 'outbound' AND sending_since IS NULL "
                        "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) FOR UPDATE SKIP LOCKED"
                      : "SELECT whatsapp_number_id, send_attempts FROM messages WHERE id = ? AND status = 'pending' "
                        "AND direction = 'outbound' AND sending_since IS NULL "
                        "AND (next_attempt_at IS NULL OR next_attempt_at <= ?)",
                   {id, now});
        if (!q.exec())
            return q.failure();
        if (!q.next())
            return claim;
        numberId = q.integer(0);
        claim.message.attempts = int(q.integer(1)) + 1;
    }
    int perMinute = 0;
    int perDay = 0;
    {
        // Locking the number serialises the rate-limit check of its messages across workers.
        SqlQuery
            q(m_db,
              pg ? "SELECT rate_limit_per_minute, daily_message_limit FROM whatsapp_numbers WHERE id = ? FOR UPDATE"
                 : "SELECT rate_limit_per_minute, daily_message_limit FROM whatsapp_numbers WHERE id = ?",
              {numberId});
        if (!q.exec() || !q.next())
            return q.failure();
        perMinute = int(q.integer(0));
        perDay = int(q.integer(1));
    }
    if (perMinute > 0 || perDay > 0) {
        qint64 inFlight = 0;
        {
            SqlQuery q(m_db,
                       "SELECT COUNT(*) FROM messages WHERE status = 'pending' AND direction = 'outbound' "
                       "AND whatsapp_number_id = ? AND sending_since IS NOT NULL",
                       {numberId});
            if (!q.exec() || !q.next())
                return q.failure();
            inFlight = q.integer(0);
        }
        qint64 waitUntil = 0;
        const struct {
            int limit;
            qint64 window;
        } limits[] = {{perMinute, 60}, {perDay, 86400}};
        for (const auto &l : limits) {
            if (l.limit <= 0)
                continue;
            const Result<WindowCount> sent = sentSince(m_db, numberId, now - l.window);
            if (!sent)
                return sent.error();
            if (sent->count + inFlight >= l.limit)
                waitUntil = qMax(waitUntil, qMax(now + 1, sent->oldest > 0 ? sent->oldest + l.window : now + 1));
        }
        if (waitUntil > 0) {
            SqlQuery q(m_db, "UPDATE messages SET next_attempt_at = ? WHERE id = ?", {waitUntil, id});
            if (!q.exec())
                return q.failure();
            if (!tx.commit())
                return ApiError::internal();
            claim.kind = OutboxClaim::Kind::Waiting;
            claim.waitUntil = waitUntil;
            return claim;
        }
    }
    {
        SqlQuery q(m_db, "UPDATE messages SET sending_since = ?, send_attempts = send_attempts + 1 WHERE id = ?",
                   {now, id});
        if (!q.exec())
            return q.failure();
    }
    {
        SqlQuery q(m_db,
                   "SELECT m.message_type, m.content, m.template_name, m.template_language, m.template_variables, "
                   "m.media_file_id, c.phone_number, w.meta_phone_number_id, f.storage_path, f.mime_type, "
                   "f.original_filename, w.provider, w.wppconnect_server_url, w.wppconnect_session_name, "
                   "quoted.provider_message_id, m.interactive "
                   "FROM messages m JOIN chats ch ON ch.id = m.chat_id "
                   "JOIN clients c ON c.id = ch.client_id JOIN whatsapp_numbers w ON w.id = m.whatsapp_number_id "
                   "LEFT JOIN files f ON f.id = m.media_file_id "
                   "LEFT JOIN messages quoted ON quoted.id = m.reply_to_message_id WHERE m.id = ?",
                   {id});
        if (!q.exec() || !q.next())
            return q.failure();
        OutboxMessage &m = claim.message;
        m.id = id;
        m.numberId = numberId;
        m.sendingSince = now;
        m.messageType = q.string(0);
        m.content = q.string(1);
        m.templateName = q.string(2);
        m.templateLanguage = q.string(3);
        m.templateVariables = QJsonDocument::fromJson(q.string(4).toUtf8()).object();
        m.mediaFileId = q.isNull(5) ? 0 : q.integer(5);
        m.to = q.string(6);
        m.metaPhoneNumberId = q.string(7);
        m.mediaStoragePath = q.string(8);
        m.mediaMimeType = q.string(9);
        m.mediaFilename = q.string(10);
        m.provider = q.string(11);
        m.wppconnectServerUrl = q.string(12);
        m.wppconnectSessionName = q.string(13);
        m.replyToProviderId = q.string(14);
        m.interactive = QJsonDocument::fromJson(q.string(15).toUtf8()).object();
    }
    if (!tx.commit())
        return ApiError::internal();
    claim.kind = OutboxClaim::Kind::Claimed;
    return claim;
}

Result<Ok> OutboxStore::markSent(const OutboxMessage &m, const QString &providerMessageId, qint64 now)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return ApiError::internal();
    {
        // A status webhook may already have moved it on (delivered, read, failed): keep that. A
        // message failed as interrupted while this send was still running was sent after all.
        SqlQuery q(
            m_db,
            "UPDATE messages SET "
            "status = CASE WHEN status = 'pending' OR (status = 'failed' AND error_code = 'interrupted') "
            "THEN 'sent' ELSE status END, "
            "error_code = CASE WHEN status = 'failed' AND error_code = 'interrupted' THEN NULL ELSE error_code END, "
            "error_message = CASE WHEN status = 'failed' AND error_code = 'interrupted' THEN NULL ELSE error_message END, "
            "sent_at = COALESCE(sent_at, ?), provider_message_id = COALESCE(provider_message_id, ?), "
            "sending_since = NULL, next_attempt_at = NULL WHERE id = ?",
            {now, providerMessageId, m.id});
        if (!q.exec())
            return q.failure();
    }
    {
        SqlQuery q(m_db, "UPDATE whatsapp_numbers SET total_messages_sent = total_messages_sent + 1 WHERE id = ?",
                   {m.numberId});
        if (!q.exec())
            return q.failure();
    }
    if (!tx.commit())
        return ApiError::internal();
    return Ok{};
}

Result<Ok> OutboxStore::reschedule(const OutboxMessage &m, qint64 nextAttemptAt)
{
    SqlQuery q(m_db,
               "UPDATE messages SET sending_since = NULL, next_attempt_at = ? "
               "WHERE id = ? AND status = 'pending' AND sending_since = ?",
               {nextAttemptAt, m.id, m.sendingSince});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<Ok> OutboxStore::markFailed(const OutboxMessage &m, const QString &code, const QString &text)
{
    SqlQuery q(
        m_db,
        "UPDATE messages SET status = 'failed', error_code = ?, error_message = ?, sending_since = NULL, "
        "next_attempt_at = NULL, send_attempts = 0 "
        "WHERE id = ? AND ((status = 'pending' AND sending_since = ?) OR (status = 'failed' AND error_code = 'interrupted'))",
        {code, text.left(1000), m.id, m.sendingSince});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<int> OutboxStore::failInterrupted(qint64 claimedBefore)
{
    SqlQuery
        q(m_db,
          "UPDATE messages SET status = 'failed', error_code = 'interrupted', "
          "error_message = 'Delivery outcome unknown after a restart; retry to send again', "
          "sending_since = NULL, next_attempt_at = NULL, send_attempts = 0 "
          "WHERE status = 'pending' AND direction = 'outbound' AND sending_since IS NOT NULL AND sending_since < ?",
          {claimedBefore});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected();
}

}   // namespace Conversa::Server
