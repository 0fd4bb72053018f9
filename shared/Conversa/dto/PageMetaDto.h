#pragma once

#include "Json.h"

namespace Conversa {

// The "meta" of a list. Scrolling back through messages (before_id) gives per_page, total and has_more.
struct PageMetaDto {
    qint64 currentPage = 0;
    qint64 perPage = 0;
    qint64 total = 0;
    qint64 totalPages = 0;
    bool hasMore = false;
    WireKeys wireKeys;

    static PageMetaDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
