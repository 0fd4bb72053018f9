#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Conversa::Server {

class Database;

// A number as the webhooks see it (live only).
struct InboundNumber {
    qint64 id = 0;
    QString provider;            // a provider's name (server/providers)
    QString metaPhoneNumberId;   // empty: none
    QString wppconnectSession;   // empty: none
};

// The campaign a new chat of a number opens on, with what the chat is greeted with.
struct InboundCampaign {
    qint64 id = 0;
    QString businessHours;   // JSON text; empty: always open
    QString timezone;
    QString welcomeMessage;
    QString offlineMessage;
};

// An open chat of a client on a number.
struct InboundChat {
    qint64 id = 0;
    qint64 campaignId = 0;
    bool created = false;   // opened by this message
    QString status;
};

// What the database knows of an inbound message before storing it, read in one statement.
struct InboundLookup {
    bool seen = false;                 // the number already has a message with this provider id
    qint64 clientId = 0;               // the live client with the phone; 0: none
    std::optional<InboundChat> open;   // the client's open chat on the number
};

// One inbound message as the provider sent it.
struct InboundMessage {
    qint64 chatId = 0;
    qint64 numberId = 0;
    QString messageType;   // the messages table's types
    QString content;       // empty: null
    QString providerMessageId;
    QString providerMediaId;
    QString mediaMimeType;
    qint64 mediaFileId = 0;      // media that arrived inline, stored as a file; 0: none
    qint64 at = 0;               // the provider's timestamp
    QString replyToProviderId;   // the quoted message's provider id; empty: not a reply
};

// A message the server itself sends on a chat (a greeting, a bot's message), queued pending for the
// outbound worker with is_bot_message set.
struct BotOutbound {
    qint64 chatId = 0;
    qint64 numberId = 0;
    QString type = QStringLiteral("text");   // text, image, document, audio, video or interactive
    QString content;
    qint64 mediaFileId = 0;
    QJsonObject interactive;   // type interactive: OutboundRequest::interactive's shape
    qint64 at = 0;
};

// An outbound message, found by its provider id, for a status update.
struct OutboundRef {
    qint64 id = 0;
    QString status;
    qint64 sentAt = 0;
    qint64 deliveredAt = 0;
    qint64 readAt = 0;
};

// The customer service window of a chat, on providers that have one (Meta): open until the
// client's last inbound message + 24 h; always open, without an end, on other providers.
struct WhatsAppWindow {
    bool open = true;
    qint64 expiresAt = 0;   // 0: none
};

// SQL of the inbound pipeline (webhooks): clients, chats and messages as a provider delivers
// them, the webhook_events kept for inspection, and the 24-hour window read back by the API.
class InboundStore {
public:
    explicit InboundStore(Database &db) : m_db(db) {}

    static constexpr qint64 kWindowSeconds = 24 * 3600;

    Result<Ok> recordEvent(const QString &provider, qint64 numberId, const QByteArray &payload, const QString &note,
                           qint64 now);

    // The live client with this E.164 phone; 0 when there is none.
    Result<qint64> findClient(const QString &phone);
    // A new client named from the profile (or the one another delivery created a moment before).
    Result<qint64> createClient(const QString &phone, const QString &firstName, const QString &lastName, qint64 now);
    Result<std::optional<InboundCampaign>> campaignOf(qint64 numberId);
    Result<std::optional<InboundChat>> openChat(qint64 clientId, qint64 numberId);
    // A new chat on the campaign, `queued` for routing or `bot` for the campaign's bot flow (or
    // the one another delivery opened a moment before: `created` false).
    Result<InboundChat> openNewChat(qint64 clientId, qint64 numberId, qint64 campaignId, qint64 now, bool bot = false);

    // Whether the number already has a message with this provider id.
    Result<bool> hasMessage(qint64 numberId, const QString &providerMessageId);
    // hasMessage(), findClient() and openChat() at once (`providerMessageId` empty: never seen).
    Result<InboundLookup> lookup(qint64 numberId, const QString &providerMessageId, const QString &phone);
    // An inbound message stored with its counts (one statement on PostgreSQL): the message's id
    // (0: a duplicate, nothing counted) and its chat's agent.
    struct Stored {
        qint64 messageId = 0;
        qint64 agentId = 0;
    };
    Result<Stored> storeInbound(const InboundMessage &m, qint64 clientId);
    // A bot text (welcome or offline message) stored pending for the outbound worker.
    Result<qint64> insertBotText(qint64 chatId, qint64 numberId, const QString &text, qint64 now);
    Result<qint64> insertBotMessage(const BotOutbound &m);

    Result<std::optional<OutboundRef>> outboundByProviderId(qint64 numberId, const QString &providerMessageId);
    Result<Ok> updateStatus(qint64 messageId, const QString &status, qint64 sentAt, qint64 deliveredAt, qint64 readAt,
                            const QString &errorCode, const QString &errorMessage, bool setError);

    // `providersWithWindow` names the providers that have the window (ProviderRegistry::namesWith).
    Result<WhatsAppWindow> window(qint64 chatId, qint64 now, const QStringList &providersWithWindow);

private:
    // The message's id, or 0 when the number already has this provider message id (a duplicate).
    Result<qint64> insertInbound(const InboundMessage &m);
    // The counters and last message of the chat, number and client after a new inbound message.
    // The chat's agent as this transaction leaves it (0: none), for the message's event.
    Result<qint64> countInbound(qint64 chatId, qint64 numberId, qint64 clientId, qint64 messageId, qint64 at);

    Database &m_db;
};

}   // namespace Conversa::Server
