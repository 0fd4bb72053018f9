#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace Conversa::Server {

class Database;
struct AuthUser;

// A person a chat names (client, agent, note author); empty id when absent.
struct ChatPerson {
    qint64 id = 0;
    QString firstName;
    QString lastName;
    QString phoneNumber;   // clients only
    QString agentStatus;   // agents only
};

struct ChatNote {
    qint64 id = 0;
    ChatPerson user;
    QString content;
    qint64 createdAt = 0;
};

// One chats row with the names the API shows next to it (one joined query).
struct Chat {
    qint64 id = 0;
    ChatPerson client;
    qint64 campaignId = 0;
    QString campaignName;
    qint64 numberId = 0;
    QString numberPhone;
    ChatPerson agent;   // id 0: unassigned
    QString status;
    QString priority;
    QString botContext;   // JSON object text
    qint64 createdAt = 0;
    qint64 queuedAt = 0;
    qint64 assignedAt = 0;
    qint64 firstResponseAt = 0;
    qint64 lastMessageAt = 0;
    qint64 closedAt = 0;
    QString closeReason;
    QString outcome;
    std::optional<qint64> outcomeValue;
    QString closeNotes;
    int csatScore = 0;   // the satisfaction survey's answer, 1-5; 0: none
    qint64 messageCount = 0;
    qint64 unreadCount = 0;
    // The last message (list items): id 0 when there is none.
    qint64 lastMessageId = 0;
    QString lastMessageContent;
    QString lastMessageDirection;
    qint64 lastMessageCreatedAt = 0;
};

struct ChatFilter {
    QString status;
    qint64 agentId = 0;
    qint64 campaignId = 0;
    QString priority;
    QString search;               // client name or phone; any case and accents
    std::optional<qint64> from;   // created_at bounds, inclusive
    std::optional<qint64> to;
    qint64 visibleTo = 0;   // non-zero: only chats this agent may see (docs/API.md)
    int limit = 20;
    qint64 offset = 0;
};

// What the client detail lists of each chat (the OpenAPI document).
struct ChatBrief {
    qint64 id = 0;
    QString status;
    qint64 createdAt = 0;
};

struct ChatPage {
    QList<Chat> rows;
    qint64 total = 0;
};

// A row of chat_events: what happened, from/to, why and by whom.
struct ChatEvent {
    QString event;
    QString fromStatus;
    QString toStatus;
    qint64 fromAgentId = 0;
    qint64 toAgentId = 0;
    qint64 fromCampaignId = 0;
    qint64 toCampaignId = 0;
    QString reason;
    qint64 userId = 0;
};

// Where a chat can be transferred (GET /chats/:id/transfer-options).
struct TransferAgent {
    qint64 id = 0;
    QString firstName;
    QString lastName;
    QString agentStatus;          // available | busy | paused | offline
    qint64 openChats = 0;         // assigned, active and pending
    int maxConcurrentChats = 0;   // on this campaign
};
struct TransferCampaign {
    qint64 id = 0;
    QString name;
};

// SQL for the chat aggregate: chats, chat_tags, chat_notes, chat_events.
class ChatStore {
public:
    explicit ChatStore(Database &db) : m_db(db) {}

    static const QStringList &priorities();

    // A page's rows carry what a list item shows (ChatJson::writeListItem), not the whole chat.
    Result<ChatPage> list(const ChatFilter &filter);
    Result<qint64> count(const ChatFilter &filter);   // list()'s total
    Result<Chat> find(qint64 id);                     // 404 when missing
    // find(), but 404 too when `user` may not see the chat: without chats.read_all, only their
    // own assigned chats and the queued chats of campaigns they are an agent of.
    Result<Chat> findVisible(qint64 id, const AuthUser &user);
    Result<Chat> findVisible(qint64 id, qint64 userId, bool readAll);   // readAll: chats.read_all
    // The findVisible() rule on a chat already read: several users checked with one lookup.
    Result<bool> visibleTo(const Chat &chat, qint64 userId, bool readAll);
    Result<bool> isCampaignAgent(qint64 campaignId, qint64 userId);
    // A client's chats that `user` may see (the findVisible() rule), newest first.
    Result<QList<ChatBrief>> ofClient(qint64 clientId, const AuthUser &user, int limit);
    // Whether a message carrying the file belongs to a chat `user` may see (the findVisible() rule).
    Result<bool> fileOnVisibleChat(qint64 fileId, const AuthUser &user);
    // A live, active user (an agent to assign), or 404.
    Result<ChatPerson> activeUser(qint64 userId);
    Result<bool> campaignExists(qint64 campaignId);   // live
    // The campaign's SLA targets in seconds: first response, resolution (docs/ROUTING.md).
    Result<std::pair<qint64, qint64>> slaTargets(qint64 campaignId);
    // Another open chat for the same client and number.
    Result<bool> otherOpenChat(const Chat &chat);

    Result<QStringList> tags(qint64 chatId);
    Result<QList<ChatNote>> notes(qint64 chatId);
    Result<QJsonObject> clientDetails(qint64 clientId);   // the OpenAPI document (deleted ones too)

    // Writes. Each changes the row as the API decided; the caller checked the transition.
    Result<Ok> assign(qint64 chatId, qint64 agentId, const QString &status, qint64 now);
    // An agent taking an unassigned chat still in `fromStatus`; false when someone (another agent,
    // routing) took or moved it first.
    Result<bool> take(qint64 chatId, qint64 agentId, const QString &fromStatus, const QString &status, qint64 now);
    // Whether the agent holds as many open chats (assigned, active, pending) as its limit allows,
    // overall (users) or on the campaign (campaign_agents).
    Result<bool> atChatLimit(qint64 agentId, qint64 campaignId);
    Result<Ok> requeue(qint64 chatId, qint64 campaignId, qint64 now);
    // Routing's SLA reassignment: back to the queue (keeping its place), routing to skip `agentId`
    // for it, only while it is still assigned to that agent and unanswered; false (nothing
    // written) when not: answered, moved, or taken back by another server meanwhile.
    Result<bool> takeBackUnanswered(qint64 chatId, qint64 agentId);
    Result<Ok> close(const Chat &closed, qint64 now);
    Result<Ok> reopen(qint64 chatId, qint64 agentId, const QString &status, qint64 now);
    Result<Ok> setPriority(qint64 chatId, const QString &priority);
    Result<bool> addTag(qint64 chatId, const QString &tag, qint64 now);   // false: already there
    Result<bool> removeTag(qint64 chatId, const QString &tag);            // false: not there
    // The campaign's active agents but `exceptAgentId`, available ones first; active campaigns but `exceptCampaignId`.
    Result<QList<TransferAgent>> transferAgents(qint64 campaignId, qint64 exceptAgentId);
    Result<QList<TransferCampaign>> transferCampaigns(qint64 exceptCampaignId);
    Result<qint64> addNote(qint64 chatId, qint64 userId, const QString &content, qint64 now);
    Result<Ok> addEvent(qint64 chatId, const ChatEvent &event, qint64 now);
    // After an outbound agent message: counters, last message, status, and the first response
    // (when and by whom) if this is it.
    Result<Ok> recordOutbound(qint64 chatId, qint64 messageId, const QString &status, qint64 agentId, qint64 now);
    Result<Ok> decrementUnread(qint64 chatId);

private:
    Database &m_db;
};

}   // namespace Conversa::Server
