#pragma once

namespace Conversa::Server {

class HttpRouter;

// One HTTP module (AuthApi, UsersApi, RealtimeApi, …): registers all of its routes in one place.
class RouteModule {
public:
    virtual ~RouteModule() = default;
    virtual void registerRoutes(HttpRouter &router) = 0;
};

}   // namespace Conversa::Server
