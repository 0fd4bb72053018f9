#include "TrendDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

TrendPointDto TrendPointDto::fromJson(const QJsonObject &json)
{
    TrendPointDto x;
    const Json::Reader r(json, x.wireKeys);
    x.timestamp = r.time(u"timestamp"_s);
    x.value = r.optNumber(u"value"_s).value_or(0);
    x.sample = r.optInteger(u"sample"_s).value_or(0);
    return x;
}

QJsonObject TrendPointDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"timestamp"_s, timestamp);
    w.put(u"value"_s, QJsonValue(value));
    w.put(u"sample"_s, sample);
    return w.result();
}

TrendDto TrendDto::fromJson(const QJsonObject &json)
{
    TrendDto x;
    const Json::Reader r(json, x.wireKeys);
    x.metric = r.string(u"metric"_s);
    x.period = r.string(u"period"_s);
    x.data = r.list<TrendPointDto>(u"data"_s);
    return x;
}

QJsonObject TrendDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"metric"_s, metric);
    w.put(u"period"_s, period);
    w.putList(u"data"_s, data);
    return w.result();
}

}   // namespace Conversa
