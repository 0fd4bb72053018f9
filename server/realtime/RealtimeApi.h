#pragma once

#include "http/RouteModule.h"

#include <QHttpServerRouterRule>
#include <QUrlQuery>

namespace Conversa::Server {

// The HTTP side of /socket.io/. QHttpServer hands a request to the WebSocket server only when a
// route matches it (Qt 6.4 has no upgrade verifier), so SocketIoUpgradeRule matches exactly the
// upgrades we accept; everything else on the path reaches HttpRouter, where RealtimeApi answers
// 400 in the contract's error shape (HTTP long-polling is not offered).
class SocketIoUpgradeRule final : public QHttpServerRouterRule {
public:
    using QHttpServerRouterRule::QHttpServerRouterRule;

    static bool isSocketIoPath(const QString &path);
    // EIO=4&transport=websocket, wherever they stand among the client's own parameters.
    static bool isWebSocketQuery(const QUrlQuery &query);

protected:
    bool matches(const QHttpServerRequest &request, QRegularExpressionMatch *match) const override;
};

class RealtimeApi final : public RouteModule {
public:
    void registerRoutes(HttpRouter &router) override;
};

}   // namespace Conversa::Server
