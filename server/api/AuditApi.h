#pragma once

#include "ApiModule.h"
#include "store/AuditQuery.h"

namespace Conversa::Server {

class HttpRouter;
class Database;

// GET /v1/audit-logs and GET /v1/audit-logs/export (docs/API.md#audit). Read-only: the rows are
// written by the router (AuditStore::record) and no route updates or deletes them.
class AuditApi final : public ApiModule {
public:
    explicit AuditApi(Database &db);
    void registerRoutes(HttpRouter &router) override;

    static constexpr qint64 kExportMaxRows = 100000;

private:
    AuditQuery m_query;
};

}   // namespace Conversa::Server
