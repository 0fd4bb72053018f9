#pragma once

#include <QtGlobal>

namespace Conversa::Server {

// page and limit of a list request: limit defaults to 20, at most 100 (docs/API.md#lists-and-paging).
struct PageRequest {
    int page = 1;
    int limit = 20;
    qint64 offset() const { return qint64(page - 1) * limit; }
};

}   // namespace Conversa::Server
