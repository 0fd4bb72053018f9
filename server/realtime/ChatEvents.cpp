#include "ChatEvents.h"

#include "RealtimeBus.h"
#include "core/JsonWriter.h"
#include "http/RequestContext.h"
#include "serialize/ChatJson.h"
#include "serialize/MessageJson.h"
#include "serialize/TaskJson.h"
#include "store/Database.h"
#include "store/MessageStore.h"

#include <QJsonDocument>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

void ChatEvents::afterCommit(RequestContext &ctx, Database &db, RealtimeBus &bus,
                             std::function<void(ChatEvents &)> send)
{
    ctx.afterCommit([&db, &bus, send = std::move(send)] { soon(db, bus, send); });
}

void ChatEvents::soon(Database &db, RealtimeBus &bus, std::function<void(ChatEvents &)> send)
{
    QTimer::singleShot(0, [&db, &bus, send = std::move(send)] {
        ChatEvents events(db, bus);
        send(events);
    });
}

void ChatEvents::publish(const QList<DomainEvent> &events, qint64 exceptUserId)
{
    using namespace DomainEvents;
    m_exceptUserId = exceptUserId;
    for (const DomainEvent &event : events) {
        if (const auto *e = std::get_if<ChatUpdated>(&event))
            chatUpdated(e->chatId, e->previousAgentId);
        else if (const auto *e = std::get_if<ChatAssigned>(&event))
            chatAssigned(e->chatId, e->previousAgentId);
        else if (const auto *e = std::get_if<ChatTransferred>(&event))
            chatTransferred(e->chatId, e->previousAgentId, e->from, e->to, e->reason);
        else if (const auto *e = std::get_if<MessageCreated>(&event))
            chatMessage(e->messageId);
        else if (const auto *e = std::get_if<MessageUpdated>(&event))
            messageUpdated(e->messageId);
    }
    m_exceptUserId = 0;
}

QStringList ChatEvents::rooms(qint64 chatId, qint64 agentId, qint64 previousAgentId)
{
    QStringList out{u"chat:%1"_s.arg(chatId), u"supervisors"_s};
    if (agentId > 0)
        out.append(u"user:%1"_s.arg(agentId));
    if (previousAgentId > 0 && previousAgentId != agentId)
        out.append(u"user:%1"_s.arg(previousAgentId));
    return out;
}

qint64 ChatEvents::agentOf(qint64 chatId)
{
    const Result<qint64> agent =
        queryInteger(m_db, u"SELECT COALESCE(MAX(assigned_agent_id), 0) FROM chats WHERE id = ?"_s, {chatId});
    return agent ? *agent : 0;
}

void ChatEvents::chatNew(qint64 chatId)
{
    const Result<QByteArray> chat = ChatJson::chatJson(m_db, chatId);
    if (!chat)
        return;
    // Its agent, if routing already found one, hears of it through chatAssigned().
    m_bus.publish({u"supervisors"_s}, u"chat.new"_s, "{\"chat\":" + *chat + '}', m_exceptUserId);
}

void ChatEvents::chatUpdated(qint64 chatId, qint64 previousAgentId)
{
    m_bus.revisitChat(chatId);   // before the event: the rooms as the chat is now
    const Result<QByteArray> chat = ChatJson::chatJson(m_db, chatId);
    if (!chat)
        return;
    m_bus.publish(rooms(chatId, agentOf(chatId), previousAgentId), u"chat.updated"_s, "{\"chat\":" + *chat + '}',
                  m_exceptUserId);
}

void ChatEvents::chatAssigned(qint64 chatId, qint64 previousAgentId)
{
    m_bus.revisitChat(chatId);
    const Result<QByteArray> chat = ChatJson::chatJson(m_db, chatId);
    if (!chat)
        return;
    const QByteArray payload = "{\"chat\":" + *chat + '}';
    const qint64 agent = agentOf(chatId);
    if (agent > 0)
        m_bus.publish({u"user:%1"_s.arg(agent)}, u"chat.new"_s, payload, m_exceptUserId);
    QStringList others = rooms(chatId, 0, previousAgentId);
    m_bus.publish(others, u"chat.updated"_s, payload, m_exceptUserId);
}

void ChatEvents::chatTransferred(qint64 chatId, qint64 previousAgentId, const QJsonObject &from, const QJsonObject &to,
                                 const QString &reason)
{
    m_bus.revisitChat(chatId);
    JsonWriter w(256);
    w.beginObject().field("chat_id", chatId).key("from").json(from).key("to").json(to);
    w.stringOrNull("reason", reason).endObject();
    m_bus.publish(rooms(chatId, agentOf(chatId), previousAgentId), u"chat.transferred"_s, w.take(), m_exceptUserId);
}

void ChatEvents::messageEvent(qint64 messageId, const char *event)
{
    const Result<Message> m = MessageStore(m_db).find(messageId);
    if (!m)
        return;
    publishMessage(*m, agentOf(m->chatId), event);
}

void ChatEvents::publishMessage(const Message &m, qint64 agentId, const char *event)
{
    JsonWriter w(768);
    w.beginObject().field("chat_id", m.chatId).key("message");
    MessageJson::writeMessage(w, m);
    w.endObject();
    m_bus.publish(rooms(m.chatId, agentId), QString::fromLatin1(event), w.take(), m_exceptUserId);
}

void ChatEvents::taskReminder(qint64 taskId, qint64 userId)
{
    const Result<QByteArray> task = TaskJson::taskJsonOf(m_db, taskId);
    if (!task || userId <= 0)
        return;
    m_bus.publish({u"user:%1"_s.arg(userId)}, u"task.reminder"_s, "{\"task\":" + *task + '}');
}

}   // namespace Conversa::Server
