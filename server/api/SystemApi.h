#pragma once

#include "ApiModule.h"

#include <QByteArray>

class HttpRouter;
struct ServerContext;

// GET /health, GET /metrics and GET /v1/openapi.json: the server describing itself.
class SystemApi final : public ApiModule {
public:
    SystemApi(ServerContext &context, const HttpRouter &router);
    void registerRoutes(HttpRouter &router) override;

private:
    ServerContext &m_context;
    const HttpRouter &m_router;
    QByteArray m_openApi;
};
