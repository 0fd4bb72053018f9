#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Conversa::Server {

class Database;

// One claimed outbound message with what sending it needs (secrets are read separately).
struct OutboxMessage {
    qint64 id = 0;
    qint64 numberId = 0;
    qint64 sendingSince = 0;
    int attempts = 0;   // this one included
    QString messageType;
    QString content;
    QString templateName;
    QString templateLanguage;
    QJsonObject templateVariables;
    QJsonObject interactive;   // messages.interactive: a menu (OutboundRequest::interactive); empty: none
    QString to;                // the client's phone number
    QString provider;          // the number's provider (server/providers)
    QString metaPhoneNumberId;
    QString wppconnectServerUrl;
    QString wppconnectSessionName;
    qint64 mediaFileId = 0;
    QString mediaStoragePath;   // relative to the data dir
    QString mediaMimeType;
    QString mediaFilename;
    // The quoted message's provider id; empty when not a reply, or when the quoted message never
    // reached the provider (then it goes out without the quote).
    QString replyToProviderId;
};

// What a claim attempt found.
struct OutboxClaim {
    enum class Kind { Claimed, Skipped, Waiting };
    Kind kind = Kind::Skipped;   // Skipped: another worker has it, or it is no longer due
    qint64 waitUntil = 0;        // Waiting: the number's rate limit frees a slot then
    OutboxMessage message;
};

// SQL of the persistent outbound queue (migration 0014): pending outbound messages on numbers of
// the providers the server speaks, claimed one by one in short transactions (PostgreSQL row locks with SKIP
// LOCKED, SQLite BEGIN IMMEDIATE) that commit before the provider is called.
class OutboxStore {
public:
    explicit OutboxStore(Database &db) : m_db(db) {}

    // Ids of pending outbound messages due at `now` on numbers of `providers` (names), oldest first.
    Result<QList<qint64>> due(qint64 now, int limit, const QStringList &providers);

    // Claims one message: still pending, due and unclaimed, and within its number's
    // rate_limit_per_minute and daily_message_limit (values <= 0: no limit). Over a limit the
    // message waits (next_attempt_at = when a slot frees up). Claiming sets sending_since = now
    // and send_attempts + 1, committed before this returns.
    Result<OutboxClaim> claim(qint64 id, qint64 now);

    // The provider accepted it: 'sent' unless a later status already arrived (never backwards),
    // the wamid stored, the number's total_messages_sent + 1.
    Result<Ok> markSent(const OutboxMessage &m, const QString &providerMessageId, qint64 now);
    // Back to the queue, due at `nextAttemptAt`.
    Result<Ok> reschedule(const OutboxMessage &m, qint64 nextAttemptAt);
    // 'failed' with the code and text; the queue columns are reset so a retry starts afresh.
    Result<Ok> markFailed(const OutboxMessage &m, const QString &code, const QString &text);

    // Messages claimed before `claimedBefore` and still in flight: their sender died (or lost its
    // database) mid-send, so whether WhatsApp got them is unknown. They fail as 'interrupted'
    // and are never sent again on their own. Returns how many.
    Result<int> failInterrupted(qint64 claimedBefore);

    static constexpr const char *kInterrupted = "interrupted";

private:
    Database &m_db;
};

}   // namespace Conversa::Server
