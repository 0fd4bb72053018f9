#pragma once

#include "core/Result.h"
#include "domain/DomainEvents.h"
#include "core/Translator.h"
#include "providers/WhatsAppProvider.h"
#include "store/InboundStore.h"
#include "store/MessageStore.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Conversa::Server {

class BotEngine;
class Database;

// A message a delivery stored, for its chat.message event: as written, when the pipeline knows
// all of it (the event then reads nothing back), else only its id.
struct StoredMessage {
    qint64 id = 0;
    std::optional<Message> message;
    qint64 agentId = 0;   // with `message`: the chat's agent as the transaction left it
};

// What one webhook delivery did (for logs and tests).
struct InboundSummary {
    int messagesStored = 0;
    int duplicates = 0;
    int statusesApplied = 0;
    int chatsOpened = 0;
    QList<qint64> queuedCampaigns;   // campaigns whose queue got a new chat: routing follows the commit
    // For the realtime events that follow the commit:
    QList<qint64> openedChats;             // chat.new
    QList<StoredMessage> storedMessages;   // chat.message: inbound messages, and greetings
    QList<qint64> updatedMessages;         // message.updated: outbound messages whose status moved
    QList<qint64> updatedChats;            // chat.updated: closed chats that got a survey answer
    QStringList notes;                     // what was not understood; non-empty: the body went to webhook_events
    QList<DomainEvent> botEvents;          // what bot sessions did (their messages, transfers…)
};

// The inbound side of WhatsApp (docs/ROUTING.md, docs/PROVIDERS.md, issue 4), run inside the webhook's transaction:
// for each inbound message, the phone is normalised, the client found or created (named from
// the profile), the open chat of (client, number) found or opened `queued` on the number's
// primary campaign (docs/BOT_FLOWS.md#sessions: `bot` when the campaign runs a published bot flow,
// which starts at once; else `queued` and greeted with the campaign's welcome message, or its
// offline message outside business hours, stored pending for the outbound worker), the message
// stored once per provider id and, on a chat in the bot, given to its session; status updates move outbound messages forward only. Whatever is not understood
// is kept in webhook_events with a note, never dropped and never an error.
class InboundPipeline {
public:
    // `bot` runs the campaigns' bot flows on their chats; without one every new chat is queued.
    InboundPipeline(Database &db, QString defaultRegion, BotEngine *bot = nullptr);

    // One webhook delivery for `number`, already authenticated and read by its provider: the
    // messages and statuses stored, the notes (and anything the storing could not use) kept with
    // `rawBody` in webhook_events under the provider's name.
    Result<InboundSummary> handle(const WhatsAppProvider &provider, const InboundNumber &number,
                                  const WebhookContent &content, const QByteArray &rawBody, qint64 now);
    // Where inline media are written, and the largest accepted (bytes, decoded).
    void setMediaStorage(const QString &dataDir, qint64 maxBytes);
    // The language of the texts the server writes to customers (CONVERSA_CUSTOMER_LANGUAGE).
    void setCustomerLanguage(Language language) { m_customerLanguage = language; }

    // Order of statuses: a status only ever moves to a higher rank (pending < sent < failed <
    // delivered < read). A failed message that Meta later reports delivered or read did reach
    // the client; a late "sent" never undoes a failure.
    static int statusRank(const QString &status);
    // The messages row of an inbound delivery on `chatId` (`mediaFileId`: its inline media, stored).
    static InboundMessage messageOf(const InboundDelivery &d, qint64 chatId, qint64 numberId, qint64 mediaFileId,
                                    qint64 now);
    // The stored row of `m` as MessageStore would read it back (not for a reply: its quote is read).
    static StoredMessage storedInbound(const InboundMessage &m, qint64 id, qint64 agentId);

private:
    // A message whose file came inside the webhook: the file stored first (not for a duplicate).
    Result<Ok> inlineMessage(const InboundNumber &number, InboundDelivery d, qint64 now, InboundSummary &summary);
    // The provider-neutral core: find or create the client, find or open the chat, store the
    // message once per provider id, count it, greet a new chat.
    Result<Ok> storeMessage(const InboundNumber &number, const InboundDelivery &d, qint64 now, InboundSummary &summary,
                            qint64 mediaFileId = 0);
    // Moves an outbound message forward (never backwards); `at` stamps the moments it implies.
    Result<Ok> applyStatus(const InboundNumber &number, const StatusUpdate &update, qint64 now,
                           InboundSummary &summary);
    // Inline media bytes as a stored file; 0 with a note when they cannot be kept.
    Result<qint64> storeMedia(const QByteArray &bytes, const QString &name, InboundSummary &summary);

    InboundStore m_store;
    QString m_defaultRegion;
    Database &m_db;
    BotEngine *m_bot = nullptr;
    QString m_dataDir;   // empty: inline media are not stored
    qint64 m_maxMediaBytes = 16 << 20;
    Language m_customerLanguage = Language::Spanish;
};

}   // namespace Conversa::Server
