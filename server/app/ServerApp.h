#pragma once

#include "config/ServerConfig.h"
#include "core/Result.h"

#include <QList>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include "domain/RoutingTrigger.h"
#include "providers/ProviderRegistry.h"

#include <memory>

class RouteModule;
using ApiModule = RouteModule;   // api/ApiModule.h
class AuditStore;
class AuthService;
class Database;
class HttpRouter;
class Metrics;
class HealthThread;
class LiveAnalytics;
class MemoryTrimmer;
class RealtimeRelay;
class RoutingThread;
class MediaThread;
class OutboundThread;
class QThread;
class RateLimiter;
class RealtimeBus;
class ReminderScheduler;
class RoleStore;
struct ServerContext;

// The whole server: database, services, router and one QHttpServer per HTTP thread, all on the
// same port. Tests run it in-process; main() runs it until SIGTERM/SIGINT.
class ServerApp final : public QObject {
    Q_OBJECT
public:
    explicit ServerApp(ServerConfig config, QObject *parent = nullptr);
    ~ServerApp() override;

    // Data dir, database, migrations and seeds; no sockets. Enough for `migrate`/`create-admin`.
    Result<Ok> prepare();
    // prepare() plus the first admin (if configured), routes and listening sockets.
    Result<Ok> start();
    // Stops accepting, lets in-flight requests finish, closes the database.
    void stop();

    quint16 port() const { return m_port; }
    const ServerConfig &config() const { return m_config; }
    Database &database() { return *m_db; }
    HttpRouter &router() { return *m_router; }
    AuthService &auth() { return *m_auth; }
    RoleStore &roles() { return *m_roles; }
    RealtimeBus &realtime() { return *m_realtime; }   // after prepare()
    ReminderScheduler *reminders() { return m_reminders.get(); }   // null before start()
    OutboundThread *outbound() { return m_outbound.get(); }         // null before start() or with polling off
    MediaThread *media() { return m_media.get(); }                  // null before start() or with polling off
    HealthThread *health() { return m_health.get(); }               // null before start() or with checks off
    RoutingThread *routing() { return m_routing.get(); }            // null before start() or with routing off
    RoutingTrigger &routingTrigger() { return m_routingTrigger; }
    RealtimeRelay *relay() { return m_relay.get(); }                // null on SQLite and before start()

    // Adds a module before start() (tests add probe routes this way); the server owns it.
    void addModule(ApiModule *module) { m_extraModules.append(module); }

    // Creates an admin user (used by `create-admin` and by first start with CONVERSA_ADMIN_*).
    Result<qint64> createAdmin(const QString &email, const QString &password, const QString &firstName);
    qint64 userCount();

private:
    void registerModules();
    Result<Ok> bootstrapAdmin();

    ServerConfig m_config;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<RateLimiter> m_limiter;
    QThreadPool m_workers;
    std::unique_ptr<RoleStore> m_roles;
    std::unique_ptr<AuditStore> m_audit;
    std::unique_ptr<AuthService> m_auth;
    RoutingTrigger m_routingTrigger;   // outlives the routing thread and the API modules
    ProviderRegistry m_providers;      // the WhatsApp providers, by name (server/providers)
    std::unique_ptr<LiveAnalytics> m_analytics;
    QTimer m_analyticsPush;
    std::unique_ptr<MemoryTrimmer> m_memoryTrimmer;
    static constexpr int kMemoryTrimCheckMs = 5000;
    static constexpr int kMemoryTrimSockets = 100;   // connected or gone since the last trim
    std::unique_ptr<RealtimeBus> m_realtime;
    std::unique_ptr<ServerContext> m_context;
    std::unique_ptr<HttpRouter> m_router;
    QList<ApiModule *> m_modules;
    QList<ApiModule *> m_extraModules;
    struct HttpThread;
    QList<HttpThread *> m_threads;
    quint16 m_port = 0;
    bool m_prepared = false;
    std::unique_ptr<ReminderScheduler> m_reminders;   // last: goes before the database
    std::unique_ptr<OutboundThread> m_outbound;
    std::unique_ptr<MediaThread> m_media;
    std::unique_ptr<HealthThread> m_health;
    std::unique_ptr<RoutingThread> m_routing;
    std::unique_ptr<RealtimeRelay> m_relay;   // PostgreSQL only
};
