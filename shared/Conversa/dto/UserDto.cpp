#include "UserDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

UserCampaignDto UserCampaignDto::fromJson(const QJsonObject &json)
{
    UserCampaignDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.name = r.string(u"name"_s);
    x.priority = r.integer(u"priority"_s);
    return x;
}

QJsonObject UserCampaignDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"name"_s, name);
    w.put(u"priority"_s, priority);
    return w.result();
}

UserDto UserDto::fromJson(const QJsonObject &json)
{
    UserDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.email = r.string(u"email"_s);
    x.firstName = r.string(u"first_name"_s);
    x.lastName = r.string(u"last_name"_s);
    x.phone = r.optString(u"phone"_s);
    x.avatarUrl = r.optString(u"avatar_url"_s);
    x.role = r.nested<RoleRefDto>(u"role"_s).value_or(RoleRefDto{});
    x.status = r.string(u"status"_s);
    x.agentStatus = r.string(u"agent_status"_s);
    x.agentStatusReason = r.optString(u"agent_status_reason"_s);
    x.maxConcurrentChats = r.integer(u"max_concurrent_chats"_s);
    x.autoAssignEnabled = r.boolean(u"auto_assign_enabled"_s);
    x.twoFactorEnabled = r.boolean(u"two_factor_enabled"_s);
    x.twoFactorSetupRequired = r.boolean(u"two_factor_setup_required"_s);
    x.campaigns = r.list<UserCampaignDto>(u"campaigns"_s);
    x.permissions = r.strings(u"permissions"_s);
    x.createdAt = r.time(u"created_at"_s);
    x.updatedAt = r.time(u"updated_at"_s);
    x.lastLoginAt = r.time(u"last_login_at"_s);
    return x;
}

QJsonObject UserDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"email"_s, email);
    w.put(u"first_name"_s, firstName);
    w.put(u"last_name"_s, lastName);
    w.put(u"phone"_s, phone);
    w.put(u"avatar_url"_s, avatarUrl);
    w.put(u"role"_s, role.toJson());
    w.put(u"status"_s, status);
    w.put(u"agent_status"_s, agentStatus);
    w.put(u"agent_status_reason"_s, agentStatusReason);
    w.put(u"max_concurrent_chats"_s, maxConcurrentChats);
    w.put(u"auto_assign_enabled"_s, autoAssignEnabled);
    w.put(u"two_factor_enabled"_s, twoFactorEnabled);
    w.put(u"two_factor_setup_required"_s, twoFactorSetupRequired);
    w.putList(u"campaigns"_s, campaigns);
    w.put(u"permissions"_s, permissions);
    w.put(u"created_at"_s, createdAt);
    w.put(u"updated_at"_s, updatedAt);
    w.put(u"last_login_at"_s, lastLoginAt);
    return w.result();
}

AgentStatusDto AgentStatusDto::fromJson(const QJsonObject &json)
{
    AgentStatusDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.agentStatus = r.string(u"agent_status"_s);
    x.agentStatusReason = r.optString(u"agent_status_reason"_s);
    x.updatedAt = r.time(u"updated_at"_s);
    return x;
}

QJsonObject AgentStatusDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"agent_status"_s, agentStatus);
    w.put(u"agent_status_reason"_s, agentStatusReason);
    w.put(u"updated_at"_s, updatedAt);
    return w.result();
}

}   // namespace Conversa
