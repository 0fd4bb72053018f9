#pragma once

#include "Json.h"
#include "PageMetaDto.h"

namespace Conversa {

// A list answer: {"data":[…],"meta":{…}} ("meta" is absent where the server does not page, e.g. roles).
template <class T>
struct Page {
    QList<T> data;
    PageMetaDto meta;
    WireKeys wireKeys;

    static Page fromJson(const QJsonObject &json)
    {
        Page p;
        const Json::Reader r(json, p.wireKeys);
        p.data = r.list<T>(QStringLiteral("data"));
        p.meta = r.nested<PageMetaDto>(QStringLiteral("meta")).value_or(PageMetaDto{});
        return p;
    }
    QJsonObject toJson() const
    {
        Json::Writer w(wireKeys);
        w.putList(QStringLiteral("data"), data);
        w.put(QStringLiteral("meta"), meta.toJson());
        return w.result();
    }
};

}   // namespace Conversa
