#pragma once

#include "core/Actor.h"
#include "core/Result.h"
#include "domain/DomainEvents.h"
#include "store/BotSessionStore.h"
#include "domain/SatisfactionSurvey.h"
#include "store/ChatStore.h"
#include "store/MessageStore.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Conversa::Server {

class Database;

// What every chat action returns besides its own answer: the audit changes
// ({"field": {"from", "to"}}) and the events to publish once the caller's transaction commits.
struct ChatEffects {
    QJsonObject changes;
    QList<DomainEvent> events;
};

// An action whose answer is the chat as it is afterwards (the caller reads it back).
struct ChatOutcome : ChatEffects {
    qint64 chatId = 0;
    QString status;   // reopen: the status it reopened in
};

struct AssignChat {
    qint64 chatId = 0;
    qint64 agentId = 0;
    QString reason;
};
struct Assigned : ChatEffects {
    qint64 chatId = 0;
    ChatPerson agent;
    QString status;
    qint64 assignedAt = 0;
};

enum class TransferTarget { Agent, Campaign, Queue };
struct TransferChat {
    qint64 chatId = 0;
    TransferTarget target = TransferTarget::Queue;
    qint64 targetId = 0;   // the agent or the campaign; unused for the queue
    QString reason;
};

struct CloseChat {
    qint64 chatId = 0;
    QString closeReason;
    QString outcome;
    std::optional<qint64> outcomeValue;
    QString notes;
};
struct Closed : ChatEffects {
    qint64 chatId = 0;
    QString status;
    qint64 closedAt = 0;
    QString closeReason;
    QString outcome;
    std::optional<qint64> outcomeValue;
};

struct TakenBack : ChatEffects {
    bool done = false;   // false: answered, moved or taken back meanwhile; nothing written
};

struct NoteAdded : ChatEffects {
    qint64 chatId = 0;
    qint64 noteId = 0;
    QString content;
    qint64 createdAt = 0;
};

struct MessageRead : ChatEffects {
    Message message;   // as it is afterwards
};
struct MessagesRead : ChatEffects {
    QList<qint64> read;   // the ids that were unread inbound messages of the chat, now read
};

// The chat aggregate's rules: who may do what to a chat, which status it moves to
// (ChatStateMachine), what is written (the chat, its chat_events row) and what is told afterwards.
// REST handlers, the socket's client events and background workers call it; none re-implements
// a rule. It runs inside the caller's transaction and never commits: the caller commits, writes
// the audit row with `changes` and publishes `events` only once committed.
// A chat the actor may not see is 404 (an agent sees its own chats and the queued chats of its
// campaigns); a move the state machine refuses is 409. An agent acts on a chat (writes to it,
// closes, transfers, tags, notes, prioritises it) only once it is assigned to them: a queued or bot
// chat it sees is 403 until it takes it, by transferring it to itself (docs/API.md).
class ChatService {
public:
    using Clock = std::function<qint64()>;
    // `customerLanguage` and `providers`: what closing needs to send the satisfaction survey
    // (SatisfactionSurvey): the language of its texts (CONVERSA_CUSTOMER_LANGUAGE) and the
    // providers' capabilities.
    explicit ChatService(Database &db, Clock clock = {}, Language customerLanguage = Language::Spanish,
                         const ProviderRegistry &providers = ProviderRegistry::builtIn());

    Result<Assigned> assign(const Actor &actor, const AssignChat &in);
    Result<ChatOutcome> transfer(const Actor &actor, const TransferChat &in);
    // Closing also queues the campaign's satisfaction survey (docs/ROUTING.md#satisfaction-survey);
    // its message is told as chat.message.
    Result<Closed> close(const Actor &actor, const CloseChat &in);
    // `botRuns`: the chat's campaign runs a bot flow, which takes a chat its agent cannot (the
    // caller, BotEngine::reopen, starts it).
    Result<ChatOutcome> reopen(const Actor &actor, qint64 chatId, bool botRuns = false);
    // Routing's SLA reassignment, for a chat SlaPolicy::agentAnswerOverdue chose: back to its
    // campaign's queue, and not to that agent again. Checks nothing changed since it was chosen
    // (another server may be sweeping too).
    Result<TakenBack> takeBackUnanswered(const Actor &actor, qint64 chatId, qint64 agentId, qint64 campaignId);
    Result<ChatOutcome> addTag(const Actor &actor, qint64 chatId, const QString &tag);      // normalised
    Result<ChatOutcome> removeTag(const Actor &actor, qint64 chatId, const QString &tag);   // 404 if absent
    Result<NoteAdded> addNote(const Actor &actor, qint64 chatId, const QString &content);
    Result<ChatOutcome> setPriority(const Actor &actor, qint64 chatId, const QString &priority);

    // POST /messages/:id/read: an inbound message of a chat the actor sees (else 404; an outbound
    // one is 409); one already read changes nothing and tells nothing.
    Result<MessageRead> markMessageRead(const Actor &actor, qint64 messageId);
    // The socket's chat.read: the same rule for each id, those that are not unread inbound
    // messages of the chat left out. Events: message.updated for each, then chat.updated once.
    Result<MessagesRead> markChatRead(const Actor &actor, qint64 chatId, const QList<qint64> &messageIds);

    // The chat, if the actor may see it (the rule above), else 404.
    Result<Chat> visibleChat(const Actor &actor, qint64 chatId);
    // The chat, if the actor holds `permission` (else 403) and may act on it: one it sees (else
    // 404) and, without chats.read_all, one assigned to it (else 403: take it first).
    Result<Chat> workableChat(const Actor &actor, const QString &permission, qint64 chatId);

    static QString targetName(TransferTarget target);   // "agent", "campaign", "queue"

private:
    Result<Chat> permittedChat(const Actor &actor, const QString &permission, qint64 chatId);
    Result<bool> readOne(const Message &m, qint64 at);   // false: nothing to do
    // A chat leaving the `bot` status by someone else's hand ends its bot session as interrupted.
    Result<Ok> leaveBot(const Chat &chat, const Actor &actor, const char *action);
    qint64 now() const;

    ChatStore m_chats;
    MessageStore m_messages;
    BotSessionStore m_bots;
    Clock m_clock;
    SatisfactionSurvey m_survey;
};

}   // namespace Conversa::Server
