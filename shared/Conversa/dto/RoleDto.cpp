#include "RoleDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

RoleRefDto RoleRefDto::fromJson(const QJsonObject &json)
{
    RoleRefDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.name = r.string(u"name"_s);
    x.displayName = r.string(u"display_name"_s);
    return x;
}

QJsonObject RoleRefDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"name"_s, name);
    w.put(u"display_name"_s, displayName);
    return w.result();
}

RoleDto RoleDto::fromJson(const QJsonObject &json)
{
    RoleDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.name = r.string(u"name"_s);
    x.displayName = r.string(u"display_name"_s);
    x.description = r.string(u"description"_s);
    x.requireTwoFactor = r.boolean(u"require_two_factor"_s);
    x.permissions = r.strings(u"permissions"_s);
    return x;
}

QJsonObject RoleDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"name"_s, name);
    w.put(u"display_name"_s, displayName);
    w.put(u"description"_s, description);
    w.put(u"require_two_factor"_s, requireTwoFactor);
    w.put(u"permissions"_s, permissions);
    return w.result();
}

}   // namespace Conversa
