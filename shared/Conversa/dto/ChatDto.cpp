#include "ChatDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

ChatNumberRefDto ChatNumberRefDto::fromJson(const QJsonObject &json)
{
    ChatNumberRefDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.phoneNumber = r.string(u"phone_number"_s);
    return x;
}

QJsonObject ChatNumberRefDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"phone_number"_s, phoneNumber);
    return w.result();
}

ChatLastMessageDto ChatLastMessageDto::fromJson(const QJsonObject &json)
{
    ChatLastMessageDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.content = r.optString(u"content"_s);
    x.direction = r.string(u"direction"_s);
    x.createdAt = r.time(u"created_at"_s);
    return x;
}

QJsonObject ChatLastMessageDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"content"_s, content);
    w.put(u"direction"_s, direction);
    w.put(u"created_at"_s, createdAt);
    return w.result();
}

ChatNoteDto ChatNoteDto::fromJson(const QJsonObject &json)
{
    ChatNoteDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.chatId = r.integer(u"chat_id"_s);
    x.user = r.nested<UserRefDto>(u"user"_s);
    x.content = r.string(u"content"_s);
    x.createdAt = r.time(u"created_at"_s);
    return x;
}

QJsonObject ChatNoteDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"chat_id"_s, chatId);
    w.putNested(u"user"_s, user);
    w.put(u"content"_s, content);
    w.put(u"created_at"_s, createdAt);
    return w.result();
}

ChatSlaDto ChatSlaDto::fromJson(const QJsonObject &json)
{
    ChatSlaDto x;
    const Json::Reader r(json, x.wireKeys);
    x.firstResponseDueAt = r.time(u"first_response_due_at"_s);
    x.firstResponseBreached = r.boolean(u"first_response_breached"_s);
    x.resolutionDueAt = r.time(u"resolution_due_at"_s);
    x.resolutionBreached = r.boolean(u"resolution_breached"_s);
    return x;
}

QJsonObject ChatSlaDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"first_response_due_at"_s, firstResponseDueAt);
    w.put(u"first_response_breached"_s, firstResponseBreached);
    w.put(u"resolution_due_at"_s, resolutionDueAt);
    w.put(u"resolution_breached"_s, resolutionBreached);
    return w.result();
}

ChatMetricsDto ChatMetricsDto::fromJson(const QJsonObject &json)
{
    ChatMetricsDto x;
    const Json::Reader r(json, x.wireKeys);
    x.waitTimeSeconds = r.optInteger(u"wait_time_seconds"_s);
    x.firstResponseTimeSeconds = r.optInteger(u"first_response_time_seconds"_s);
    x.handlingTimeSeconds = r.optInteger(u"handling_time_seconds"_s);
    return x;
}

QJsonObject ChatMetricsDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"wait_time_seconds"_s, waitTimeSeconds);
    w.put(u"first_response_time_seconds"_s, firstResponseTimeSeconds);
    w.put(u"handling_time_seconds"_s, handlingTimeSeconds);
    return w.result();
}

WhatsAppWindowDto WhatsAppWindowDto::fromJson(const QJsonObject &json)
{
    WhatsAppWindowDto x;
    const Json::Reader r(json, x.wireKeys);
    x.open = r.boolean(u"open"_s);
    x.expiresAt = r.time(u"expires_at"_s);
    return x;
}

QJsonObject WhatsAppWindowDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"open"_s, open);
    w.put(u"expires_at"_s, expiresAt);
    return w.result();
}

ChatDto ChatDto::fromJson(const QJsonObject &json)
{
    ChatDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.client = r.nested<ClientDto>(u"client"_s).value_or(ClientDto{});
    x.campaign = r.nested<IdNameDto>(u"campaign"_s);
    x.whatsappNumber = r.nested<ChatNumberRefDto>(u"whatsapp_number"_s);
    x.assignedAgent = r.nested<UserRefDto>(u"assigned_agent"_s);
    x.status = r.string(u"status"_s);
    x.priority = r.string(u"priority"_s);
    x.sla = r.nested<ChatSlaDto>(u"sla"_s).value_or(ChatSlaDto{});
    x.queuePosition = r.optInteger(u"queue_position"_s);
    x.tags = r.strings(u"tags"_s);
    x.notes = r.list<ChatNoteDto>(u"notes"_s);
    x.botContext = r.object(u"bot_context"_s);
    x.metrics = r.nested<ChatMetricsDto>(u"metrics"_s).value_or(ChatMetricsDto{});
    x.messageCount = r.integer(u"message_count"_s);
    x.unreadCount = r.integer(u"unread_count"_s);
    x.lastMessage = r.nested<ChatLastMessageDto>(u"last_message"_s);
    x.createdAt = r.time(u"created_at"_s);
    x.queuedAt = r.time(u"queued_at"_s);
    x.assignedAt = r.time(u"assigned_at"_s);
    x.firstResponseAt = r.time(u"first_response_at"_s);
    x.lastMessageAt = r.time(u"last_message_at"_s);
    x.closedAt = r.time(u"closed_at"_s);
    x.closeReason = r.optString(u"close_reason"_s);
    x.outcome = r.optString(u"outcome"_s);
    x.outcomeValue = r.optInteger(u"outcome_value"_s);
    x.closeNotes = r.optString(u"close_notes"_s);
    x.whatsappWindow = r.nested<WhatsAppWindowDto>(u"whatsapp_window"_s).value_or(WhatsAppWindowDto{});
    return x;
}

QJsonObject ChatDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"client"_s, client.toJson());
    w.putNested(u"campaign"_s, campaign);
    w.putNested(u"whatsapp_number"_s, whatsappNumber);
    w.putNested(u"assigned_agent"_s, assignedAgent);
    w.put(u"status"_s, status);
    w.put(u"priority"_s, priority);
    w.put(u"sla"_s, sla.toJson());
    w.put(u"queue_position"_s, queuePosition);
    w.put(u"tags"_s, tags);
    w.putList(u"notes"_s, notes);
    w.put(u"bot_context"_s, botContext);
    w.put(u"metrics"_s, metrics.toJson());
    w.put(u"message_count"_s, messageCount);
    w.put(u"unread_count"_s, unreadCount);
    w.putNested(u"last_message"_s, lastMessage);
    w.put(u"created_at"_s, createdAt);
    w.put(u"queued_at"_s, queuedAt);
    w.put(u"assigned_at"_s, assignedAt);
    w.put(u"first_response_at"_s, firstResponseAt);
    w.put(u"last_message_at"_s, lastMessageAt);
    w.put(u"closed_at"_s, closedAt);
    w.put(u"close_reason"_s, closeReason);
    w.put(u"outcome"_s, outcome);
    w.put(u"outcome_value"_s, outcomeValue);
    w.put(u"close_notes"_s, closeNotes);
    w.put(u"whatsapp_window"_s, whatsappWindow.toJson());
    return w.result();
}

} // namespace Conversa
