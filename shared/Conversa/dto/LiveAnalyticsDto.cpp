#include "LiveAnalyticsDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

LiveAgentDto LiveAgentDto::fromJson(const QJsonObject &json)
{
    LiveAgentDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.firstName = r.string(u"first_name"_s);
    x.lastName = r.string(u"last_name"_s);
    x.agentStatus = r.string(u"agent_status"_s);
    x.activeChats = r.integer(u"active_chats"_s);
    x.maxChats = r.integer(u"max_chats"_s);
    return x;
}

QJsonObject LiveAgentDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"first_name"_s, firstName);
    w.put(u"last_name"_s, lastName);
    w.put(u"agent_status"_s, agentStatus);
    w.put(u"active_chats"_s, activeChats);
    w.put(u"max_chats"_s, maxChats);
    return w.result();
}

LiveAgentsDto LiveAgentsDto::fromJson(const QJsonObject &json)
{
    LiveAgentsDto x;
    const Json::Reader r(json, x.wireKeys);
    x.total = r.integer(u"total"_s);
    x.available = r.integer(u"available"_s);
    x.busy = r.integer(u"busy"_s);
    x.paused = r.integer(u"paused"_s);
    x.offline = r.integer(u"offline"_s);
    x.withRoom = r.integer(u"with_room"_s);
    x.list = r.list<LiveAgentDto>(u"list"_s);
    return x;
}

QJsonObject LiveAgentsDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"total"_s, total);
    w.put(u"available"_s, available);
    w.put(u"busy"_s, busy);
    w.put(u"paused"_s, paused);
    w.put(u"offline"_s, offline);
    w.put(u"with_room"_s, withRoom);
    w.putList(u"list"_s, list);
    return w.result();
}

LiveQueueDto LiveQueueDto::fromJson(const QJsonObject &json)
{
    LiveQueueDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.name = r.string(u"name"_s);
    x.routingStrategy = r.string(u"routing_strategy"_s);
    x.waiting = r.integer(u"waiting"_s);
    x.oldestWaitingSeconds = r.optInteger(u"oldest_waiting_seconds"_s);
    x.avgWaitTimeSeconds = r.optInteger(u"avg_wait_time_seconds"_s);
    x.assignedToday = r.integer(u"assigned_today"_s);
    return x;
}

QJsonObject LiveQueueDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"name"_s, name);
    w.put(u"routing_strategy"_s, routingStrategy);
    w.put(u"waiting"_s, waiting);
    w.put(u"oldest_waiting_seconds"_s, oldestWaitingSeconds);
    w.put(u"avg_wait_time_seconds"_s, avgWaitTimeSeconds);
    w.put(u"assigned_today"_s, assignedToday);
    return w.result();
}

LiveChatsDto LiveChatsDto::fromJson(const QJsonObject &json)
{
    LiveChatsDto x;
    const Json::Reader r(json, x.wireKeys);
    x.active = r.integer(u"active"_s);
    x.queued = r.integer(u"queued"_s);
    x.inBot = r.integer(u"in_bot"_s);
    x.closedToday = r.integer(u"closed_today"_s);
    x.abandonedToday = r.integer(u"abandoned_today"_s);
    x.avgWaitTimeSeconds = r.optInteger(u"avg_wait_time_seconds"_s);
    x.waitTimeSample = r.integer(u"wait_time_sample"_s);
    x.avgFirstResponseTimeSeconds = r.optInteger(u"avg_first_response_time_seconds"_s);
    x.firstResponseSample = r.integer(u"first_response_sample"_s);
    return x;
}

QJsonObject LiveChatsDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"active"_s, active);
    w.put(u"queued"_s, queued);
    w.put(u"in_bot"_s, inBot);
    w.put(u"closed_today"_s, closedToday);
    w.put(u"abandoned_today"_s, abandonedToday);
    w.put(u"avg_wait_time_seconds"_s, avgWaitTimeSeconds);
    w.put(u"wait_time_sample"_s, waitTimeSample);
    w.put(u"avg_first_response_time_seconds"_s, avgFirstResponseTimeSeconds);
    w.put(u"first_response_sample"_s, firstResponseSample);
    return w.result();
}

LiveMessagesDto LiveMessagesDto::fromJson(const QJsonObject &json)
{
    LiveMessagesDto x;
    const Json::Reader r(json, x.wireKeys);
    x.sentLastHour = r.integer(u"sent_last_hour"_s);
    x.receivedLastHour = r.integer(u"received_last_hour"_s);
    return x;
}

QJsonObject LiveMessagesDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"sent_last_hour"_s, sentLastHour);
    w.put(u"received_last_hour"_s, receivedLastHour);
    return w.result();
}

LiveSlaDto LiveSlaDto::fromJson(const QJsonObject &json)
{
    LiveSlaDto x;
    const Json::Reader r(json, x.wireKeys);
    x.firstResponseCompliance = r.optNumber(u"first_response_compliance"_s);
    x.resolutionCompliance = r.optNumber(u"resolution_compliance"_s);
    x.firstResponseSample = r.integer(u"first_response_sample"_s);
    x.resolutionSample = r.integer(u"resolution_sample"_s);
    x.atRisk = r.integer(u"at_risk"_s);
    x.breached = r.integer(u"breached"_s);
    return x;
}

QJsonObject LiveSlaDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"first_response_compliance"_s, firstResponseCompliance);
    w.put(u"resolution_compliance"_s, resolutionCompliance);
    w.put(u"first_response_sample"_s, firstResponseSample);
    w.put(u"resolution_sample"_s, resolutionSample);
    w.put(u"at_risk"_s, atRisk);
    w.put(u"breached"_s, breached);
    return w.result();
}

LiveAnalyticsDto LiveAnalyticsDto::fromJson(const QJsonObject &json)
{
    LiveAnalyticsDto x;
    const Json::Reader r(json, x.wireKeys);
    x.timestamp = r.time(u"timestamp"_s);
    x.agents = r.nested<LiveAgentsDto>(u"agents"_s).value_or(LiveAgentsDto{});
    x.chats = r.nested<LiveChatsDto>(u"chats"_s).value_or(LiveChatsDto{});
    x.queues = r.list<LiveQueueDto>(u"queues"_s);
    x.messages = r.nested<LiveMessagesDto>(u"messages"_s).value_or(LiveMessagesDto{});
    x.sla = r.nested<LiveSlaDto>(u"sla"_s).value_or(LiveSlaDto{});
    return x;
}

QJsonObject LiveAnalyticsDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"timestamp"_s, timestamp);
    w.put(u"agents"_s, agents.toJson());
    w.put(u"chats"_s, chats.toJson());
    w.putList(u"queues"_s, queues);
    w.put(u"messages"_s, messages.toJson());
    w.put(u"sla"_s, sla.toJson());
    return w.result();
}

LiveWaitingChatDto LiveWaitingChatDto::fromJson(const QJsonObject &json)
{
    LiveWaitingChatDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.position = r.integer(u"position"_s);
    x.priority = r.string(u"priority"_s);
    x.queuedAt = r.time(u"queued_at"_s);
    x.waitingSeconds = r.integer(u"waiting_seconds"_s);
    x.client = r.nested<ClientDto>(u"client"_s).value_or(ClientDto{});
    return x;
}

QJsonObject LiveWaitingChatDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"position"_s, position);
    w.put(u"priority"_s, priority);
    w.put(u"queued_at"_s, queuedAt);
    w.put(u"waiting_seconds"_s, waitingSeconds);
    w.put(u"client"_s, client.toJson());
    return w.result();
}

LiveQueueDetailDto LiveQueueDetailDto::fromJson(const QJsonObject &json)
{
    LiveQueueDetailDto x;
    x.queue = LiveQueueDto::fromJson(json);   // the queue's own keys, at the same level
    const Json::Reader r(json, x.wireKeys);
    x.timestamp = r.time(u"timestamp"_s);
    x.agents = r.nested<LiveAgentsDto>(u"agents"_s).value_or(LiveAgentsDto{});
    x.waitingChats = r.list<LiveWaitingChatDto>(u"waiting_chats"_s);
    x.sla = r.nested<LiveSlaDto>(u"sla"_s).value_or(LiveSlaDto{});
    return x;
}

QJsonObject LiveQueueDetailDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"timestamp"_s, timestamp);
    w.put(u"agents"_s, agents.toJson());
    w.putList(u"waiting_chats"_s, waitingChats);
    w.put(u"sla"_s, sla.toJson());
    QJsonObject out = queue.toJson();
    const QJsonObject rest = w.result();
    for (auto it = rest.begin(); it != rest.end(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

}   // namespace Conversa
