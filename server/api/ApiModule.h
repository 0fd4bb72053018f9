#pragma once

class HttpRouter;

// One HTTP module (AuthApi, UsersApi, …): registers all of its routes in one place.
class ApiModule {
public:
    virtual ~ApiModule() = default;
    virtual void registerRoutes(HttpRouter &router) = 0;
};
