#include "IdNameDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

IdNameDto IdNameDto::fromJson(const QJsonObject &json)
{
    IdNameDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.name = r.string(u"name"_s);
    return x;
}

QJsonObject IdNameDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"name"_s, name);
    return w.result();
}

}   // namespace Conversa
