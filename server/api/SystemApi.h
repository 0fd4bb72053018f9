#pragma once

#include "ApiModule.h"

#include <QByteArray>

namespace Conversa::Server {

class Database;
class HttpRouter;
class Metrics;

// GET /health, GET /metrics and GET /v1/openapi.json: the server describing itself.
class SystemApi final : public ApiModule {
public:
    SystemApi(Database &db, const Metrics &metrics, const HttpRouter &router);
    void registerRoutes(HttpRouter &router) override;

private:
    Database &m_db;
    const Metrics &m_metrics;
    const HttpRouter &m_router;
    QByteArray m_openApi;
};

}   // namespace Conversa::Server
