#pragma once

#include "ApiModule.h"
#include "http/HttpRouter.h"

namespace Conversa::Server {

class Database;
struct ServerConfig;

// GET /v1/reports/export (seed §10.5; docs/REPORTS.md#exports): a period report as a CSV or an
// .xlsx file. Reads the request, then ReportExporter writes the file on the worker pool; the export
// is audited (report.export) once it succeeded.
class ReportExportsApi final : public ApiModule {
public:
    ReportExportsApi(Database &db, const ServerConfig &config);
    void registerRoutes(HttpRouter &router) override;

    static constexpr qint64 kExportMaxRows = 100000;   // conversation rows in one file

private:
    Result<Deferred> exportReport(RequestContext &ctx);

    Database &m_db;
    const ServerConfig &m_config;
};

}   // namespace Conversa::Server
