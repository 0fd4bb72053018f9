#include "AuditEntryDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

AuditEntryDto AuditEntryDto::fromJson(const QJsonObject &json)
{
    AuditEntryDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.user = r.nested<UserRefDto>(u"user"_s);
    x.action = r.string(u"action"_s);
    x.entityType = r.optString(u"entity_type"_s);
    x.entityId = r.optInteger(u"entity_id"_s);
    x.changes = r.optObject(u"changes"_s);
    x.ipAddress = r.optString(u"ip_address"_s);
    x.userAgent = r.optString(u"user_agent"_s);
    x.success = r.boolean(u"success"_s);
    x.createdAt = r.time(u"created_at"_s);
    return x;
}

QJsonObject AuditEntryDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.putNested(u"user"_s, user);
    w.put(u"action"_s, action);
    w.put(u"entity_type"_s, entityType);
    w.put(u"entity_id"_s, entityId);
    w.put(u"changes"_s, changes);
    w.put(u"ip_address"_s, ipAddress);
    w.put(u"user_agent"_s, userAgent);
    w.put(u"success"_s, success);
    w.put(u"created_at"_s, createdAt);
    return w.result();
}

}   // namespace Conversa
