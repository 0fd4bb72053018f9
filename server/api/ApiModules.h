#pragma once

#include <QList>

namespace Conversa::Server {

class RouteModule;
using ApiModule = RouteModule;   // api/ApiModule.h
class AuditStore;
class AuthService;
class Database;
class LiveAnalytics;
class ProviderRegistry;
class RateLimiter;
class RealtimeBus;
class RoleStore;
class RoutingTrigger;
struct ServerConfig;

// Creates every REST module of /v1 (one line each in ApiModules.cpp), each given the services it
// uses and no others; the services are owned by ServerApp and outlive the modules.
void registerApiModules(const ServerConfig &config, Database &db, RateLimiter &limiter, const RoleStore &roles,
                        AuditStore &audit, AuthService &auth, RoutingTrigger &routing, LiveAnalytics &analytics,
                        RealtimeBus &realtime, const ProviderRegistry &providers, QList<ApiModule *> &modules);

}   // namespace Conversa::Server
