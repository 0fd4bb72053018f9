#pragma once

#include "BackgroundService.h"
#include "config/ServerConfig.h"
#include "core/Result.h"

#include <QList>
#include <QObject>
#include <QThreadPool>

#include "domain/RoutingTrigger.h"
#include "providers/ProviderRegistry.h"

#include <memory>

class QThread;

namespace Conversa::Server {

class RouteModule;
using ApiModule = RouteModule;   // api/ApiModule.h
class AuditStore;
class AuthService;
class BackupScheduler;
class BackupService;
class Database;
class HttpRouter;
class Metrics;
class BotThread;
class HealthThread;
class LiveAnalytics;
class RealtimeRelay;
class RoutingThread;
class MediaThread;
class OutboundThread;
class RateLimiter;
class RealtimeBus;
class ReminderScheduler;
class RoleStore;

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
    BackupService &backups() { return *m_backups; }                  // after prepare()
    BackupScheduler *backupScheduler() { return m_backupScheduler.get(); }   // null before start()
    RealtimeBus &realtime() { return *m_realtime; }                  // after prepare()
    ReminderScheduler *reminders() { return object(m_reminders); }   // null before start()
    OutboundThread *outbound() { return object(m_outbound); }        // null before start() or with polling off
    MediaThread *media() { return object(m_media); }                 // null before start() or with polling off
    HealthThread *health() { return object(m_health); }              // null before start() or with checks off
    RoutingThread *routing() { return object(m_routing); }           // null before start() or with routing off
    BotThread *bot() { return object(m_bot); }                       // null before start() or with polling off
    RoutingTrigger &routingTrigger() { return m_routingTrigger; }
    RealtimeRelay *relay() { return object(m_relay); }   // null on SQLite and before start()

    // Adds a module before start() (tests add probe routes this way); the server owns it.
    void addModule(ApiModule *module) { m_extraModules.append(module); }

    // Creates an admin user (used by `create-admin` and by first start with CONVERSA_ADMIN_*).
    Result<qint64> createAdmin(const QString &email, const QString &password, const QString &firstName);
    qint64 adminCount();   // users holding the admin role, deleted ones aside

private:
    void registerModules();
    Result<Ok> startHttpThreads();
    void stopHttpThreads();
    template <typename T>
    static T *object(OwnedService<T> *service)
    {
        return service ? service->get() : nullptr;
    }
    Result<Ok> bootstrapAdmin();
    QString serverUrl() const;   // where a client on this machine reaches the configured address

    ServerConfig m_config;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<RateLimiter> m_limiter;
    QThreadPool m_workers;
    std::unique_ptr<RoleStore> m_roles;
    std::unique_ptr<AuditStore> m_audit;
    std::unique_ptr<AuthService> m_auth;
    RoutingTrigger m_routingTrigger;   // outlives the routing thread and the API modules
    // The WhatsApp providers, by name: the process's one registry, the same one the chat JSON's
    // window and the delivery threads' defaults read (server/providers).
    const ProviderRegistry &m_providers = ProviderRegistry::builtIn();
    std::unique_ptr<LiveAnalytics> m_analytics;
    std::unique_ptr<RealtimeBus> m_realtime;
    std::unique_ptr<BackupService> m_backups;
    std::unique_ptr<BackupScheduler> m_backupScheduler;
    std::unique_ptr<HttpRouter> m_router;
    QList<ApiModule *> m_modules;
    QList<ApiModule *> m_extraModules;
    struct HttpThread;
    QList<HttpThread *> m_threads;
    quint16 m_port = 0;
    bool m_prepared = false;
    // Background services in start order (ServerApp::start()); last, so they go before the
    // database and everything else they use. The pointers below are into the list.
    ServiceList m_services;
    OwnedService<RealtimeRelay> *m_relay = nullptr;   // PostgreSQL only
    OwnedService<ReminderScheduler> *m_reminders = nullptr;
    OwnedService<OutboundThread> *m_outbound = nullptr;
    OwnedService<MediaThread> *m_media = nullptr;
    OwnedService<RoutingThread> *m_routing = nullptr;
    OwnedService<HealthThread> *m_health = nullptr;
    OwnedService<BotThread> *m_bot = nullptr;
};

}   // namespace Conversa::Server
