#include "UserRefDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

UserRefDto UserRefDto::fromJson(const QJsonObject &json)
{
    UserRefDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.firstName = r.string(u"first_name"_s);
    x.lastName = r.string(u"last_name"_s);
    x.agentStatus = r.string(u"agent_status"_s);
    return x;
}

QJsonObject UserRefDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"first_name"_s, firstName);
    w.put(u"last_name"_s, lastName);
    w.put(u"agent_status"_s, agentStatus);
    return w.result();
}

} // namespace Conversa
