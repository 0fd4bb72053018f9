#include "RealtimeEventDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

namespace {

QList<qint64> ids(const QJsonValue &v)
{
    QList<qint64> out;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &id : array)
        out.append(id.toInteger());
    return out;
}

QJsonValue idsValue(const QList<qint64> &ids)
{
    QJsonArray array;
    for (const qint64 id : ids)
        array.append(id);
    return array;
}

}   // namespace

ChatEventDto ChatEventDto::fromJson(const QJsonObject &json)
{
    ChatEventDto x;
    const Json::Reader r(json, x.wireKeys);
    x.chat = r.nested<ChatDto>(u"chat"_s).value_or(ChatDto{});
    return x;
}

QJsonObject ChatEventDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"chat"_s, chat.toJson());
    return w.result();
}

ChatMessageEventDto ChatMessageEventDto::fromJson(const QJsonObject &json)
{
    ChatMessageEventDto x;
    const Json::Reader r(json, x.wireKeys);
    x.chatId = r.integer(u"chat_id"_s);
    x.message = r.nested<MessageDto>(u"message"_s).value_or(MessageDto{});
    return x;
}

QJsonObject ChatMessageEventDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"chat_id"_s, chatId);
    w.put(u"message"_s, message.toJson());
    return w.result();
}

ChatTransferEndDto ChatTransferEndDto::fromJson(const QJsonObject &json)
{
    ChatTransferEndDto x;
    const Json::Reader r(json, x.wireKeys);
    x.type = r.optString(u"type"_s);
    x.agentId = r.optInteger(u"agent_id"_s);
    x.campaignId = r.integer(u"campaign_id"_s);
    return x;
}

QJsonObject ChatTransferEndDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"type"_s, type);
    w.put(u"agent_id"_s, agentId);
    w.put(u"campaign_id"_s, campaignId);
    return w.result();
}

ChatTransferredEventDto ChatTransferredEventDto::fromJson(const QJsonObject &json)
{
    ChatTransferredEventDto x;
    const Json::Reader r(json, x.wireKeys);
    x.chatId = r.integer(u"chat_id"_s);
    x.from = r.nested<ChatTransferEndDto>(u"from"_s).value_or(ChatTransferEndDto{});
    x.to = r.nested<ChatTransferEndDto>(u"to"_s).value_or(ChatTransferEndDto{});
    x.reason = r.optString(u"reason"_s);
    return x;
}

QJsonObject ChatTransferredEventDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"chat_id"_s, chatId);
    w.put(u"from"_s, from.toJson());
    w.put(u"to"_s, to.toJson());
    w.put(u"reason"_s, reason);
    return w.result();
}

AgentTypingEventDto AgentTypingEventDto::fromJson(const QJsonObject &json)
{
    AgentTypingEventDto x;
    const Json::Reader r(json, x.wireKeys);
    x.chatId = r.integer(u"chat_id"_s);
    x.agent = r.nested<UserRefDto>(u"agent"_s).value_or(UserRefDto{});
    return x;
}

QJsonObject AgentTypingEventDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"chat_id"_s, chatId);
    w.put(u"agent"_s, agent.toJson());
    return w.result();
}

TaskReminderEventDto TaskReminderEventDto::fromJson(const QJsonObject &json)
{
    TaskReminderEventDto x;
    const Json::Reader r(json, x.wireKeys);
    x.task = r.nested<TaskDto>(u"task"_s).value_or(TaskDto{});
    return x;
}

QJsonObject TaskReminderEventDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"task"_s, task.toJson());
    return w.result();
}

NotificationEventDto NotificationEventDto::fromJson(const QJsonObject &json)
{
    NotificationEventDto x;
    const Json::Reader r(json, x.wireKeys);
    x.type = r.string(u"type"_s);
    x.details = json;
    x.details.remove(u"type"_s);
    return x;
}

QJsonObject NotificationEventDto::toJson() const
{
    // details is written whole: its keys are the wire's by construction.
    QJsonObject out = details;
    Json::Writer w(wireKeys);
    w.put(u"type"_s, type);
    const QJsonObject typed = w.result();
    for (auto it = typed.begin(); it != typed.end(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

ChatRoomRequestDto ChatRoomRequestDto::fromJson(const QJsonObject &json)
{
    ChatRoomRequestDto x;
    const Json::Reader r(json, x.wireKeys);
    x.chatId = r.integer(u"chatId"_s);
    return x;
}

QJsonObject ChatRoomRequestDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"chatId"_s, chatId);
    return w.result();
}

ChatReadRequestDto ChatReadRequestDto::fromJson(const QJsonObject &json)
{
    ChatReadRequestDto x;
    const Json::Reader r(json, x.wireKeys);
    x.chatId = r.integer(u"chatId"_s);
    x.messageIds = ids(r.raw(u"messageIds"_s));
    return x;
}

QJsonObject ChatReadRequestDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"chatId"_s, chatId);
    w.put(u"messageIds"_s, idsValue(messageIds));
    return w.result();
}

SocketAckDto SocketAckDto::fromJson(const QJsonObject &json)
{
    SocketAckDto x;
    const Json::Reader r(json, x.wireKeys);
    x.ok = r.boolean(u"ok"_s);
    x.read = ids(r.raw(u"read"_s));
    x.error = r.optString(u"error"_s);
    x.code = r.optString(u"code"_s);
    return x;
}

QJsonObject SocketAckDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"ok"_s, ok);
    w.put(u"read"_s, idsValue(read));
    w.put(u"error"_s, error);
    w.put(u"code"_s, code);
    return w.result();
}

}   // namespace Conversa
