#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>

#include <optional>

namespace Conversa::Server {

class Database;
struct FileRecord;

// One claimed inbound media download with what fetching it needs (the token is read separately).
struct MediaJob {
    qint64 messageId = 0;
    qint64 numberId = 0;
    qint64 chatId = 0;
    qint64 claimedAt = 0;
    int attempts = 0;      // this one included
    QString messageType;   // image | document | audio | video | sticker
    QString providerMediaId;
    QString mimeType;   // as the webhook announced it
    QString metaPhoneNumberId;
    QString provider;   // the number's provider
};

// SQL of the inbound media queue (migration 0016): inbound messages with a provider_media_id and
// no media_file_id, claimed one by one with a single UPDATE, so two fetchers (threads or server
// instances) never download the same media at the same time; stale claims are taken again.
class MediaStore {
public:
    explicit MediaStore(Database &db) : m_db(db) {}

    // Ids of messages whose media is due at `now` (claims older than `staleBefore` count as
    // free), oldest first.
    // Only numbers of `providers` (names) count: those that fetch media by id.
    Result<QList<qint64>> due(qint64 now, qint64 staleBefore, int limit, const QStringList &providers);

    // Claims one: media_fetching_since = now, media_fetch_attempts + 1. Empty when another
    // fetcher has it or it is no longer due.
    Result<std::optional<MediaJob>> claim(qint64 messageId, qint64 now, qint64 staleBefore);

    // Inserts the file row and sets messages.media_file_id, in one transaction. False (nothing
    // written) when the message got its file meanwhile: the caller removes its bytes.
    Result<bool> attach(const MediaJob &job, FileRecord &file, qint64 now);
    // Releases the claim; due again at `nextAttemptAt`.
    Result<Ok> reschedule(const MediaJob &job, qint64 nextAttemptAt);
    // No more attempts: media_failed_at, and the reason in error_code / error_message.
    Result<Ok> giveUp(const MediaJob &job, const QString &code, const QString &text, qint64 now);

private:
    Database &m_db;
};

}   // namespace Conversa::Server
