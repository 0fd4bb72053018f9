#pragma once

class AuditStore;
class AuthService;
class Database;
class Metrics;
class QThreadPool;
class RateLimiter;
class RealtimeBus;
class RoleStore;
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
    RealtimeBus &realtime;   // server → client events; disconnects users
};
