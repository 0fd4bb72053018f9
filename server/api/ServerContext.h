#pragma once

class AuditStore;
class AuthService;
class Database;
class LiveAnalytics;
class Metrics;
class QThreadPool;
class RateLimiter;
class RealtimeBus;
class RoleStore;
class RoutingTrigger;
struct ServerConfig;

// The long-lived services every API module may use; owned by ServerApp.
struct ServerContext {
    const ServerConfig &config;
    Database &db;
    Metrics &metrics;
    RateLimiter &limiter;
    QThreadPool &workers;
    RoleStore &roles;
    AuditStore &audit;
    AuthService &auth;
    RoutingTrigger &routing;    // after a commit that may let a queued chat go to an agent
    LiveAnalytics &analytics;   // the live dashboard, kept at most a second old
    RealtimeBus &realtime;      // server → client events; disconnects users
};
