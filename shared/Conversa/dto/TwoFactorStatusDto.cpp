#include "TwoFactorStatusDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

TwoFactorStatusDto TwoFactorStatusDto::fromJson(const QJsonObject &json)
{
    TwoFactorStatusDto x;
    const Json::Reader r(json, x.wireKeys);
    x.enabled = r.boolean(u"enabled"_s);
    return x;
}

QJsonObject TwoFactorStatusDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"enabled"_s, enabled);
    return w.result();
}

}   // namespace Conversa
