#pragma once

#include "domain/DomainEvents.h"
#include "store/MessageStore.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace Conversa::Server {

class Database;
class RealtimeBus;
class RequestContext;

// The server → client events of chats, messages and tasks (docs/REALTIME.md) in the REST API's JSON:
//   chat.new {chat}                        supervisors, for a new chat; an agent, for a chat just given to them
//   chat.updated {chat}                    the chat's room, its agent (and the one it left), supervisors
//   chat.transferred {chat_id, from, to, reason}   as chat.updated
//   chat.message {chat_id, message}        the chat's room, its agent, supervisors
//   message.updated {chat_id, message}     likewise
//   task.reminder {task}                   the assignee
// Each reads what it sends on the calling thread's database connection, so it must run after the
// commit that made the change: API handlers use afterCommit(), workers call it after their own
// transaction. Something that is gone by then is not sent.
class ChatEvents {
public:
    ChatEvents(Database &db, RealtimeBus &bus) : m_db(db), m_bus(bus) {}

    // Runs `send` once the request's changes are committed, after its answer has gone out (on the
    // request's thread, at its next turn of the event loop).
    static void afterCommit(RequestContext &ctx, Database &db, RealtimeBus &bus,
                            std::function<void(ChatEvents &)> send);
    // Runs `send` at the next turn of this thread's event loop (after a socket event's answer).
    static void soon(Database &db, RealtimeBus &bus, std::function<void(ChatEvents &)> send);

    // The socket events a domain service's events stand for, in order (RoutingNeeded is not
    // realtime's: the caller wakes routing). `exceptUserId`: a user whose sockets are left out
    // (the one whose socket asked, which has its answer in the acknowledgement).
    void publish(const QList<DomainEvent> &events, qint64 exceptUserId = 0);

    void chatNew(qint64 chatId);   // a chat just opened: supervisors
    void chatUpdated(qint64 chatId, qint64 previousAgentId = 0);
    // A chat that went to an agent (routing, assign, transfer): chat.new to that agent, chat.updated
    // to the chat's room, supervisors and the agent it left.
    void chatAssigned(qint64 chatId, qint64 previousAgentId = 0);
    void chatTransferred(qint64 chatId, qint64 previousAgentId, const QJsonObject &from, const QJsonObject &to,
                         const QString &reason);
    void chatMessage(qint64 messageId) { messageEvent(messageId, "chat.message"); }
    // A message its writer already holds as stored, and its chat's agent: nothing read back.
    void chatMessage(const Message &m, qint64 agentId) { publishMessage(m, agentId, "chat.message"); }
    void messageUpdated(qint64 messageId) { messageEvent(messageId, "message.updated"); }
    void taskReminder(qint64 taskId, qint64 userId);

private:
    void messageEvent(qint64 messageId, const char *event);
    void publishMessage(const Message &m, qint64 agentId, const char *event);
    qint64 agentOf(qint64 chatId);   // 0: none, or no such chat
    static QStringList rooms(qint64 chatId, qint64 agentId, qint64 previousAgentId = 0);

    Database &m_db;
    RealtimeBus &m_bus;
    qint64 m_exceptUserId = 0;   // while publish() runs
};

}   // namespace Conversa::Server
