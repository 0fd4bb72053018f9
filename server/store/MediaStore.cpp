#include "MediaStore.h"

#include "Database.h"
#include "FileStore.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

// Due: media to fetch, not given up, time come, and no claim younger than staleBefore.
constexpr const char *kDue =
    "provider_media_id IS NOT NULL AND media_file_id IS NULL AND media_failed_at IS NULL "
    "AND direction = 'inbound' AND (media_next_attempt_at IS NULL OR media_next_attempt_at <= ?) "
    "AND (media_fetching_since IS NULL OR media_fetching_since < ?)";

}   // namespace

Result<QList<qint64>> MediaStore::due(qint64 now, qint64 staleBefore, int limit, const QStringList &providers)
{
    // Providers that send their media inline have nothing to fetch.
    if (providers.isEmpty())
        return QList<qint64>();
    QVariantList values{now, staleBefore};
    for (const QString &p : providers)
        values.append(p);
    const QString in = sqlPlaceholders(providers.size());
    values.append(limit);
    SqlQuery q(m_db,
               // SQLite's planner prefers walking all messages in id order to the small partial
               // index that holds exactly the due ones (a full scan every poll); named here.
               (m_db.dialect() == SqlDialect::Sqlite ? u"SELECT id FROM messages INDEXED BY messages_media_due WHERE "_s
                                                     : u"SELECT id FROM messages WHERE "_s) +
                   QLatin1StringView(kDue) +
                   u" AND whatsapp_number_id IN (SELECT id FROM whatsapp_numbers WHERE provider IN ("_s + in +
                   u")) ORDER BY id LIMIT ?"_s,
               values);
    if (!q.exec())
        return q.failure();
    QList<qint64> ids;
    while (q.next())
        ids.append(q.integer(0));
    return ids;
}

Result<std::optional<MediaJob>> MediaStore::claim(qint64 messageId, qint64 now, qint64 staleBefore)
{
    {
        // One statement: of two fetchers, only one sees the row still due and updates it.
        SqlQuery q(m_db,
                   u"UPDATE messages SET media_fetching_since = ?, media_fetch_attempts = media_fetch_attempts + 1 "
                   "WHERE id = ? AND "_s +
                       QLatin1StringView(kDue),
                   {now, messageId, now, staleBefore});
        if (!q.exec())
            return q.failure();
        if (q.numRowsAffected() != 1)
            return std::optional<MediaJob>();
    }
    SqlQuery q(m_db,
               "SELECT m.whatsapp_number_id, m.chat_id, m.media_fetch_attempts, m.message_type, m.provider_media_id, "
               "m.media_mime_type, w.meta_phone_number_id, w.provider FROM messages m "
               "JOIN whatsapp_numbers w ON w.id = m.whatsapp_number_id WHERE m.id = ?",
               {messageId});
    if (!q.exec() || !q.next())
        return q.failure();
    MediaJob job;
    job.messageId = messageId;
    job.numberId = q.integer(0);
    job.chatId = q.integer(1);
    job.claimedAt = now;
    job.attempts = int(q.integer(2));
    job.messageType = q.string(3);
    job.providerMediaId = q.string(4);
    job.mimeType = q.string(5);
    job.metaPhoneNumberId = q.string(6);
    job.provider = q.string(7);
    return std::optional<MediaJob>(job);
}

Result<bool> MediaStore::attach(const MediaJob &job, FileRecord &file, qint64 now)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return ApiError::internal();
    file.relatedEntityType = u"message"_s;
    file.relatedEntityId = job.messageId;
    file.uploadedBy = 0;
    file.createdAt = now;
    const Result<qint64> id = FileStore(m_db).insert(file, now);
    if (!id)
        return id.error();
    SqlQuery q(m_db,
               "UPDATE messages SET media_file_id = ?, media_fetching_since = NULL, media_next_attempt_at = NULL "
               "WHERE id = ? AND media_file_id IS NULL",
               {*id, job.messageId});
    if (!q.exec())
        return q.failure();
    if (q.numRowsAffected() != 1)
        return false;   // rolled back: the file row goes, the message keeps the file it has
    if (!tx.commit())
        return ApiError::internal();
    file.id = *id;
    return true;
}

Result<Ok> MediaStore::reschedule(const MediaJob &job, qint64 nextAttemptAt)
{
    SqlQuery q(m_db,
               "UPDATE messages SET media_fetching_since = NULL, media_next_attempt_at = ? "
               "WHERE id = ? AND media_file_id IS NULL AND media_fetching_since = ?",
               {nextAttemptAt, job.messageId, job.claimedAt});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<Ok> MediaStore::giveUp(const MediaJob &job, const QString &code, const QString &text, qint64 now)
{
    SqlQuery q(m_db,
               "UPDATE messages SET media_failed_at = ?, media_fetching_since = NULL, media_next_attempt_at = NULL, "
               "error_code = ?, error_message = ? WHERE id = ? AND media_file_id IS NULL",
               {now, code, text.left(1000), job.messageId});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

}   // namespace Conversa::Server
