#pragma once

#include "ApiModule.h"
#include "store/AuditQuery.h"

class HttpRouter;
struct ServerContext;

// GET /v1/audit-logs and GET /v1/audit-logs/export (docs/API.md#audit). Read-only: the rows are
// written by the router (AuditStore::record) and no route updates or deletes them.
class AuditApi final : public ApiModule {
public:
    explicit AuditApi(ServerContext &context);
    void registerRoutes(HttpRouter &router) override;

    static constexpr qint64 kExportMaxRows = 100000;

private:
    ServerContext &m_context;
    AuditQuery m_query;
};
