#include "PageMetaDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

PageMetaDto PageMetaDto::fromJson(const QJsonObject &json)
{
    PageMetaDto x;
    const Json::Reader r(json, x.wireKeys);
    x.currentPage = r.integer(u"current_page"_s);
    x.perPage = r.integer(u"per_page"_s);
    x.total = r.integer(u"total"_s);
    x.totalPages = r.integer(u"total_pages"_s);
    x.hasMore = r.boolean(u"has_more"_s);
    return x;
}

QJsonObject PageMetaDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"current_page"_s, currentPage);
    w.put(u"per_page"_s, perPage);
    w.put(u"total"_s, total);
    w.put(u"total_pages"_s, totalPages);
    w.put(u"has_more"_s, hasMore);
    return w.result();
}

}   // namespace Conversa
