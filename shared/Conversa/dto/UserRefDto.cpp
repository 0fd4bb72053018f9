#include "UserRefDto.h"

#include "WireKeyNames.h"

namespace Conversa {

UserRefDto UserRefDto::fromJson(const QJsonObject &json)
{
    UserRefDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(UserRefKeys::id);
    x.firstName = r.string(UserRefKeys::firstName);
    x.lastName = r.string(UserRefKeys::lastName);
    x.agentStatus = r.string(UserRefKeys::agentStatus);
    return x;
}

QJsonObject UserRefDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(UserRefKeys::id, id);
    w.put(UserRefKeys::firstName, firstName);
    w.put(UserRefKeys::lastName, lastName);
    w.put(UserRefKeys::agentStatus, agentStatus);
    return w.result();
}

}   // namespace Conversa
