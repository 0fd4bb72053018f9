#include "ChatDto.h"

#include "WireKeyNames.h"

namespace Conversa {

ChatNumberRefDto ChatNumberRefDto::fromJson(const QJsonObject &json)
{
    ChatNumberRefDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(ChatKeys::id);
    x.phoneNumber = r.string(ChatKeys::phoneNumber);
    return x;
}

QJsonObject ChatNumberRefDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(ChatKeys::id, id);
    w.put(ChatKeys::phoneNumber, phoneNumber);
    return w.result();
}

ChatLastMessageDto ChatLastMessageDto::fromJson(const QJsonObject &json)
{
    ChatLastMessageDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(ChatKeys::id);
    x.content = r.optString(ChatKeys::content);
    x.direction = r.string(ChatKeys::direction);
    x.createdAt = r.time(ChatKeys::createdAt);
    return x;
}

QJsonObject ChatLastMessageDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(ChatKeys::id, id);
    w.put(ChatKeys::content, content);
    w.put(ChatKeys::direction, direction);
    w.put(ChatKeys::createdAt, createdAt);
    return w.result();
}

ChatNoteDto ChatNoteDto::fromJson(const QJsonObject &json)
{
    ChatNoteDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(ChatKeys::id);
    x.chatId = r.integer(ChatKeys::chatId);
    x.user = r.nested<UserRefDto>(ChatKeys::user);
    x.content = r.string(ChatKeys::content);
    x.createdAt = r.time(ChatKeys::createdAt);
    return x;
}

QJsonObject ChatNoteDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(ChatKeys::id, id);
    w.put(ChatKeys::chatId, chatId);
    w.putNested(ChatKeys::user, user);
    w.put(ChatKeys::content, content);
    w.put(ChatKeys::createdAt, createdAt);
    return w.result();
}

ChatSlaDto ChatSlaDto::fromJson(const QJsonObject &json)
{
    ChatSlaDto x;
    const Json::Reader r(json, x.wireKeys);
    x.firstResponseDueAt = r.time(ChatKeys::firstResponseDueAt);
    x.firstResponseBreached = r.boolean(ChatKeys::firstResponseBreached);
    x.resolutionDueAt = r.time(ChatKeys::resolutionDueAt);
    x.resolutionBreached = r.boolean(ChatKeys::resolutionBreached);
    return x;
}

QJsonObject ChatSlaDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(ChatKeys::firstResponseDueAt, firstResponseDueAt);
    w.put(ChatKeys::firstResponseBreached, firstResponseBreached);
    w.put(ChatKeys::resolutionDueAt, resolutionDueAt);
    w.put(ChatKeys::resolutionBreached, resolutionBreached);
    return w.result();
}

ChatMetricsDto ChatMetricsDto::fromJson(const QJsonObject &json)
{
    ChatMetricsDto x;
    const Json::Reader r(json, x.wireKeys);
    x.waitTimeSeconds = r.optInteger(ChatKeys::waitTimeSeconds);
    x.firstResponseTimeSeconds = r.optInteger(ChatKeys::firstResponseTimeSeconds);
    x.handlingTimeSeconds = r.optInteger(ChatKeys::handlingTimeSeconds);
    return x;
}

QJsonObject ChatMetricsDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(ChatKeys::waitTimeSeconds, waitTimeSeconds);
    w.put(ChatKeys::firstResponseTimeSeconds, firstResponseTimeSeconds);
    w.put(ChatKeys::handlingTimeSeconds, handlingTimeSeconds);
    return w.result();
}

WhatsAppWindowDto WhatsAppWindowDto::fromJson(const QJsonObject &json)
{
    WhatsAppWindowDto x;
    const Json::Reader r(json, x.wireKeys);
    x.open = r.boolean(ChatKeys::open);
    x.expiresAt = r.time(ChatKeys::expiresAt);
    return x;
}

QJsonObject WhatsAppWindowDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(ChatKeys::open, open);
    w.put(ChatKeys::expiresAt, expiresAt);
    return w.result();
}

ChatDto ChatDto::fromJson(const QJsonObject &json)
{
    ChatDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(ChatKeys::id);
    x.client = r.nested<ClientDto>(ChatKeys::client).value_or(ClientDto{});
    x.campaign = r.nested<IdNameDto>(ChatKeys::campaign);
    x.whatsappNumber = r.nested<ChatNumberRefDto>(ChatKeys::whatsappNumber);
    x.assignedAgent = r.nested<UserRefDto>(ChatKeys::assignedAgent);
    x.status = r.string(ChatKeys::status);
    x.priority = r.string(ChatKeys::priority);
    x.sla = r.nested<ChatSlaDto>(ChatKeys::sla).value_or(ChatSlaDto{});
    x.queuePosition = r.optInteger(ChatKeys::queuePosition);
    x.tags = r.strings(ChatKeys::tags);
    x.notes = r.list<ChatNoteDto>(ChatKeys::notes);
    x.botContext = r.object(ChatKeys::botContext);
    x.metrics = r.nested<ChatMetricsDto>(ChatKeys::metrics).value_or(ChatMetricsDto{});
    x.messageCount = r.integer(ChatKeys::messageCount);
    x.unreadCount = r.integer(ChatKeys::unreadCount);
    x.lastMessage = r.nested<ChatLastMessageDto>(ChatKeys::lastMessage);
    x.createdAt = r.time(ChatKeys::createdAt);
    x.queuedAt = r.time(ChatKeys::queuedAt);
    x.assignedAt = r.time(ChatKeys::assignedAt);
    x.firstResponseAt = r.time(ChatKeys::firstResponseAt);
    x.lastMessageAt = r.time(ChatKeys::lastMessageAt);
    x.closedAt = r.time(ChatKeys::closedAt);
    x.closeReason = r.optString(ChatKeys::closeReason);
    x.outcome = r.optString(ChatKeys::outcome);
    x.outcomeValue = r.optInteger(ChatKeys::outcomeValue);
    x.csatScore = r.optInteger(ChatKeys::csatScore);
    x.closeNotes = r.optString(ChatKeys::closeNotes);
    x.whatsappWindow = r.nested<WhatsAppWindowDto>(ChatKeys::whatsappWindow).value_or(WhatsAppWindowDto{});
    return x;
}

QJsonObject ChatDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(ChatKeys::id, id);
    w.put(ChatKeys::client, client.toJson());
    w.putNested(ChatKeys::campaign, campaign);
    w.putNested(ChatKeys::whatsappNumber, whatsappNumber);
    w.putNested(ChatKeys::assignedAgent, assignedAgent);
    w.put(ChatKeys::status, status);
    w.put(ChatKeys::priority, priority);
    w.put(ChatKeys::sla, sla.toJson());
    w.put(ChatKeys::queuePosition, queuePosition);
    w.put(ChatKeys::tags, tags);
    w.putList(ChatKeys::notes, notes);
    w.put(ChatKeys::botContext, botContext);
    w.put(ChatKeys::metrics, metrics.toJson());
    w.put(ChatKeys::messageCount, messageCount);
    w.put(ChatKeys::unreadCount, unreadCount);
    w.putNested(ChatKeys::lastMessage, lastMessage);
    w.put(ChatKeys::createdAt, createdAt);
    w.put(ChatKeys::queuedAt, queuedAt);
    w.put(ChatKeys::assignedAt, assignedAt);
    w.put(ChatKeys::firstResponseAt, firstResponseAt);
    w.put(ChatKeys::lastMessageAt, lastMessageAt);
    w.put(ChatKeys::closedAt, closedAt);
    w.put(ChatKeys::closeReason, closeReason);
    w.put(ChatKeys::outcome, outcome);
    w.put(ChatKeys::outcomeValue, outcomeValue);
    w.put(ChatKeys::csatScore, csatScore);
    w.put(ChatKeys::closeNotes, closeNotes);
    w.put(ChatKeys::whatsappWindow, whatsappWindow.toJson());
    return w.result();
}

}   // namespace Conversa
