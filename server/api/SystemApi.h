#pragma once

#include "ApiModule.h"
#include "core/TrustedProxies.h"

#include <QByteArray>

namespace Conversa::Server {

class Database;
class HttpRouter;
class Metrics;

// Who may read /metrics: client addresses in a list, or whoever sends the token (when one is set).
struct MetricsAccess {
    TrustedProxies addresses;   // address ranges (the CIDR list type the proxies setting uses)
    QByteArray token;
};

// GET /health, /health/live, /metrics and /v1/openapi.json: the server describing itself.
class SystemApi final : public ApiModule {
public:
    SystemApi(Database &db, const Metrics &metrics, const HttpRouter &router, MetricsAccess metricsAccess);
    void registerRoutes(HttpRouter &router) override;

private:
    Database &m_db;
    const Metrics &m_metrics;
    const HttpRouter &m_router;
    MetricsAccess m_metricsAccess;
    QByteArray m_openApi;
};

}   // namespace Conversa::Server
