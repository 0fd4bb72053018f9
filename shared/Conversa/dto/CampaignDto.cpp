#include "CampaignDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

CampaignNumberDto CampaignNumberDto::fromJson(const QJsonObject &json)
{
    CampaignNumberDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.phoneNumber = r.string(u"phone_number"_s);
    x.displayName = r.string(u"display_name"_s);
    x.isPrimary = r.boolean(u"is_primary"_s);
    return x;
}

QJsonObject CampaignNumberDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"phone_number"_s, phoneNumber);
    w.put(u"display_name"_s, displayName);
    w.put(u"is_primary"_s, isPrimary);
    return w.result();
}

CampaignAgentDto CampaignAgentDto::fromJson(const QJsonObject &json)
{
    CampaignAgentDto x;
    const Json::Reader r(json, x.wireKeys);
    x.userId = r.integer(u"user_id"_s);
    x.email = r.string(u"email"_s);
    x.firstName = r.string(u"first_name"_s);
    x.lastName = r.string(u"last_name"_s);
    x.maxConcurrentChats = r.integer(u"max_concurrent_chats"_s);
    x.priority = r.integer(u"priority"_s);
    x.skills = r.strings(u"skills"_s);
    return x;
}

QJsonObject CampaignAgentDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"user_id"_s, userId);
    w.put(u"email"_s, email);
    w.put(u"first_name"_s, firstName);
    w.put(u"last_name"_s, lastName);
    w.put(u"max_concurrent_chats"_s, maxConcurrentChats);
    w.put(u"priority"_s, priority);
    w.put(u"skills"_s, skills);
    return w.result();
}

CampaignDto CampaignDto::fromJson(const QJsonObject &json)
{
    CampaignDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.name = r.string(u"name"_s);
    x.code = r.string(u"code"_s);
    x.description = r.optString(u"description"_s);
    x.status = r.string(u"status"_s);
    x.priority = r.integer(u"priority"_s);
    x.businessHours = r.optObject(u"business_hours"_s);
    x.timezone = r.string(u"timezone"_s);
    x.slaFirstResponseSeconds = r.integer(u"sla_first_response_seconds"_s);
    x.slaResolutionSeconds = r.integer(u"sla_resolution_seconds"_s);
    x.botEnabled = r.boolean(u"bot_enabled"_s);
    x.botFlowId = r.optInteger(u"bot_flow_id"_s);
    x.routingStrategy = r.string(u"routing_strategy"_s);
    x.slaReassignEnabled = r.boolean(u"sla_reassign_enabled"_s);
    x.welcomeMessage = r.optString(u"welcome_message"_s);
    x.offlineMessage = r.optString(u"offline_message"_s);
    x.csatEnabled = r.boolean(u"csat_enabled"_s);
    x.csatMessage = r.optString(u"csat_message"_s);
    x.csatTimeoutMinutes = r.integer(u"csat_timeout_minutes"_s);
    x.whatsappNumbers = r.list<CampaignNumberDto>(u"whatsapp_numbers"_s);
    x.agents = r.list<CampaignAgentDto>(u"agents"_s);
    x.agentsCount = r.integer(u"agents_count"_s);
    x.activeChats = r.integer(u"active_chats"_s);
    x.createdAt = r.time(u"created_at"_s);
    x.updatedAt = r.time(u"updated_at"_s);
    return x;
}

QJsonObject CampaignDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"name"_s, name);
    w.put(u"code"_s, code);
    w.put(u"description"_s, description);
    w.put(u"status"_s, status);
    w.put(u"priority"_s, priority);
    w.put(u"business_hours"_s, businessHours);
    w.put(u"timezone"_s, timezone);
    w.put(u"sla_first_response_seconds"_s, slaFirstResponseSeconds);
    w.put(u"sla_resolution_seconds"_s, slaResolutionSeconds);
    w.put(u"bot_enabled"_s, botEnabled);
    w.put(u"bot_flow_id"_s, botFlowId);
    w.put(u"routing_strategy"_s, routingStrategy);
    w.put(u"sla_reassign_enabled"_s, slaReassignEnabled);
    w.put(u"welcome_message"_s, welcomeMessage);
    w.put(u"offline_message"_s, offlineMessage);
    w.put(u"csat_enabled"_s, csatEnabled);
    w.put(u"csat_message"_s, csatMessage);
    w.put(u"csat_timeout_minutes"_s, csatTimeoutMinutes);
    w.putList(u"whatsapp_numbers"_s, whatsappNumbers);
    w.putList(u"agents"_s, agents);
    w.put(u"agents_count"_s, agentsCount);
    w.put(u"active_chats"_s, activeChats);
    w.put(u"created_at"_s, createdAt);
    w.put(u"updated_at"_s, updatedAt);
    return w.result();
}

}   // namespace Conversa
