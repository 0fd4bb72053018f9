#include "ServerApp.h"

#include "BackgroundServices.h"
#include "BackupScheduler.h"
#include "MemoryTrimmer.h"
#include "api/ApiModule.h"
#include "api/ApiModules.h"
#include "api/BackupsApi.h"
#include "api/SystemApi.h"
#include "core/Validator.h"
#include "crypto/PasswordHasher.h"
#include "crypto/RandomToken.h"
#include "delivery/BotWorker.h"
#include "delivery/HealthMonitor.h"
#include "delivery/MediaFetcher.h"
#include "delivery/OutboundWorker.h"
#include "delivery/RoutingWorker.h"
#include "domain/AuthService.h"
#include "domain/BackupService.h"
#include "domain/bot/DefinitionCache.h"
#include "domain/LiveAnalytics.h"
#include "domain/ReminderScheduler.h"
#include "http/AuditRecordOf.h"
#include "http/HttpListener.h"
#include "http/HttpRouter.h"
#include "http/Metrics.h"
#include "http/RateLimiter.h"
#include "realtime/RealtimeApi.h"
#include "realtime/RealtimeBus.h"
#include "realtime/RealtimeHub.h"
#include "realtime/RealtimeRelay.h"
#include "store/AuditStore.h"
#include "store/Database.h"
#include "store/RoleStore.h"
#include "store/SearchText.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QLoggingCategory>
#include <QThread>

#include <cstdio>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcServer, "conversa.server")

using namespace Qt::StringLiterals;

// One event loop with its own QHttpServer, listening socket and database connection.
struct ServerApp::HttpThread {
    QThread thread;
    QObject *anchor = nullptr;   // lives in `thread`; owns the server objects
    QHttpServer *server = nullptr;
    HttpListener *listener = nullptr;
    RealtimeHub *hub = nullptr;   // this thread's Socket.IO sockets
};

ServerApp::ServerApp(ServerConfig config, QObject *parent) : QObject(parent), m_config(std::move(config))
{
    m_workers.setMaxThreadCount(m_config.workerThreads);
    m_workers.setExpiryTimeout(-1);   // worker threads keep their database connections
}

ServerApp::~ServerApp()
{
    stop();
    if (m_backups)
        m_backups->stop();   // a backup queued while the server stopped ends before the modules go
    qDeleteAll(m_modules);
}

Result<Ok> ServerApp::prepare()
{
    if (m_prepared)
        return Ok{};
    CONVERSA_TRY(m_config.prepareDataDir());
    m_db = std::make_unique<Database>(m_config.database);
    QString why;
    if (!m_db->ping(&why)) {
        return ApiError::validation(u"CONVERSA_DATABASE_URL"_s, "database %1 unreachable: %2",
                                    {m_config.database.describe(), why.trimmed()});
    }
    Result<int> migrated = m_db->migrate();
    if (!migrated)
        return migrated.error();   // names the migration and why; the database is as it was
    m_roles = std::make_unique<RoleStore>(*m_db);
    CONVERSA_TRY(m_roles->seedAndLoad());
    m_metrics = std::make_unique<Metrics>();
    m_limiter = std::make_unique<RateLimiter>();
    m_audit = std::make_unique<AuditStore>(*m_db);
    m_auth = std::make_unique<AuthService>(AuthSettings{m_config.jwtSecret, m_config.secretKey,
                                                        m_config.loginAttemptsPerIpPer15Min},
                                           *m_db, *m_roles);
    m_realtime = std::make_unique<RealtimeBus>();
    m_auth->setSessionRevoked([bus = m_realtime.get()](qint64 sessionId) { bus->disconnectSession(sessionId); });
    const QString version = QCoreApplication::applicationVersion();   // empty in tests, which run in-process
    m_backups = std::make_unique<BackupService>(
        *m_db, *m_auth, BackupSettings{m_config.dataDir, version.isEmpty() ? u"unknown"_s : version, {}});
    // After a restore no socket may stay signed in with a login of the replaced database.
    m_backups->setDisconnectUsers([bus = m_realtime.get()](const QList<qint64> &userIds) {
        for (const qint64 id : userIds)
            bus->disconnectUser(id);
    });
    // Caches of database content (parsed bot flows) are stale once a restore replaced it, here or
    // on another server sharing the PostgreSQL database (through the realtime relay).
    m_realtime->setDatabaseReplacedHandler([] { BotFlow::DefinitionCache::forgetAll(); });
    m_backups->setDatabaseReplaced([bus = m_realtime.get()] { bus->databaseReplaced(); });
    m_prepared = true;
    return Ok{};
}

Result<qint64> ServerApp::createAdmin(const QString &email, const QString &password, const QString &firstName)
{
    CONVERSA_TRY(prepare());
    QJsonObject body{{u"email"_s, email}, {u"password"_s, password}};
    Validator v(body);
    const auto validEmail = v.email(u"email"_s, true);
    const auto validPassword = v.password(u"password"_s, true);
    if (!v.ok())
        return v.error();
    const qint64 now = nowSeconds();
    Transaction tx(*m_db);
    SqlQuery q(*m_db,
               "INSERT INTO users (email, password_hash, first_name, last_name, role_id, status, "
               "search_text, created_at, updated_at) VALUES (?, ?, ?, '', ?, 'active', ?, ?, ?) RETURNING id",
               {*validEmail, QString::fromLatin1(PasswordHasher::hash(*validPassword)), firstName,
                m_roles->byName(u"admin"_s)->id, SearchText::of({firstName, *validEmail}), now, now});
    if (!q.exec()) {
        if (q.isUniqueViolation())
            return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A user with this email already exists"));
        return q.failure();
    }
    q.next();
    const qint64 id = q.integer(0);
    if (!tx.commit())
        return ApiError::internal();
    return id;
}

qint64 ServerApp::adminCount()
{
    SqlQuery q(*m_db, "SELECT COUNT(*) FROM users WHERE role_id = ? AND deleted_at IS NULL",
               {m_roles->byName(u"admin"_s)->id});
    return q.exec() && q.next() ? q.integer(0) : -1;
}

QString ServerApp::serverUrl() const
{
    QHostAddress host = m_config.listenAddress;
    if (host == QHostAddress::AnyIPv4 || host == QHostAddress::AnyIPv6 || host == QHostAddress::Any)
        host = QHostAddress::LocalHost;   // listening everywhere: this machine is one of them
    const QString name =
        host.protocol() == QAbstractSocket::IPv6Protocol ? QString(u'[' + host.toString() + u']') : host.toString();
    return u"http://%1:%2"_s.arg(name).arg(m_config.listenPort);
}

Result<Ok> ServerApp::bootstrapAdmin()
{
    // Until someone can administer the installation: other users do not count, so the demo staff
    // that `seed-demo` writes before the first start does not stop the admin from being created.
    if (m_config.adminEmail.isEmpty() || adminCount() != 0)
        return Ok{};
    // Without a configured password one is generated and shown once, on stdout only.
    const bool generated = m_config.adminPassword.isEmpty();
    const QString password = generated ? QString::fromLatin1(RandomToken::urlSafe(12)) : m_config.adminPassword;
    Result<qint64> id = createAdmin(m_config.adminEmail, password, u"Admin"_s);
    if (!id)
        return id.error();
    qCInfo(lcServer).noquote() << "created the first admin" << m_config.adminEmail;
    if (generated) {
        std::printf("\nFirst admin created: %s\nGenerated password (shown only this once): %s\n",
                    qPrintable(m_config.adminEmail), qPrintable(password));
    } else {
        std::printf("\nFirst admin created: %s (password from CONVERSA_ADMIN_PASSWORD)\n",
                    qPrintable(m_config.adminEmail));
    }
    std::printf("Sign in with this email and password in the desktop app: conversa-desktop --server %s\n"
                "(its account menu changes the password).\n\n",
                qPrintable(serverUrl()));
    std::fflush(stdout);
    return Ok{};
}

void ServerApp::registerModules()
{
    m_analytics = std::make_unique<LiveAnalytics>(*m_db);
    RouterSettings settings;
    settings.maxJsonBodyBytes = m_config.maxJsonBodyBytes;
    settings.corsOrigins = m_config.corsOrigins;
    settings.apiRequestsPerMinute = m_config.apiRequestsPerMinute;
    settings.addressRequestsPerMinute = m_config.authRequestsPerAddressPerMinute;
    settings.maxPendingDeferred = m_config.maxPendingWork;
    settings.anonymousAuditPerMinute = m_config.anonymousAuditPerMinute;
    settings.trustedProxies = m_config.trustedProxies;
    m_router = std::make_unique<HttpRouter>(*m_db, *m_metrics, *m_limiter, m_workers, settings);
    m_router->setAuthenticator([this](RequestContext &, QByteArrayView token) { return m_auth->authenticate(token); });
    m_router->setAuditSink([this](const RequestContext &ctx, bool success, int status) {
        m_audit->record(auditRecordOf(ctx, success, status));
    });

    m_modules.append(new SystemApi(*m_db, *m_metrics, *m_router, {m_config.metricsAddresses, m_config.metricsToken}));
    registerApiModules(m_config, *m_db, *m_limiter, *m_roles, *m_audit, *m_auth, m_routingTrigger, *m_analytics,
                       *m_realtime, m_providers, m_modules);
    m_modules.append(new BackupsApi(*m_db, *m_backups, *m_realtime, m_config));
    m_modules.append(new RealtimeApi);
    m_modules.append(m_extraModules);
    m_extraModules.clear();
    for (ApiModule *module : std::as_const(m_modules))
        module->registerRoutes(*m_router);

    m_metrics->setGauge(
        "conversa_worker_jobs_pending", [this] { return double(m_router->pendingDeferred()); },
        "Slow jobs (password hashing, exports) waiting for or running on the worker pool.");
    m_metrics->setGauge(
        "conversa_worker_threads_active", [this] { return double(m_workers.activeThreadCount()); },
        "Worker pool threads busy now.");
    m_metrics->setGauge(
        "conversa_db_connections", [this] { return double(m_threads.size() + m_workers.maxThreadCount() + 1); },
        "Database connections the process may hold (one per thread).");
    m_metrics->setGauge(
        "conversa_socket_connections", [this] { return double(m_realtime->openSockets()); },
        "WebSocket connections open on /socket.io/.");
    m_metrics->setGauge(
        "conversa_socket_connections_authenticated", [this] { return double(m_realtime->connectedSockets()); },
        "Socket.IO connections signed in with an access token.");
    m_metrics->setGauge(
        "conversa_socket_slow_consumer_closes", [this] { return double(m_realtime->slowConsumers()); },
        "Sockets closed because more than 1 MiB of events waited unread (since start).");
    m_metrics->setGauge(
        "conversa_audit_rows_dropped", [this] { return double(m_router->auditRowsDropped()); },
        "Refused anonymous requests past CONVERSA_ANONYMOUS_AUDIT_LIMIT, counted instead of audited (since start).");
}

Result<Ok> ServerApp::start()
{
    CONVERSA_TRY(prepare());
    m_backups->recoverInterrupted();   // what a kill -9 left half-done, before anything else writes
    CONVERSA_TRY(bootstrapAdmin());
    registerModules();

    // A port held by anyone else (even another server with SO_REUSEPORT) is refused here.
    if (m_config.listenPort != 0) {
        HttpListener probe(ConnectionLimits{});
        QString why;
        if (!probe.open(m_config.listenAddress, m_config.listenPort, false, &why))
            return ApiError::validation(u"CONVERSA_LISTEN"_s, "%1", {why});
        probe.close();
    }

    // One line per background service, in start order; they stop in the reverse order. The relay
    // comes before the HTTP threads: it is listening before the first request and stops only after
    // the last thread that could publish. The HTTP threads come before the queue threads and
    // schedulers, which stop (a job in flight finishing first) while the server still serves.
    m_relay = m_services.add(BackgroundServices::realtimeRelay(*m_db, *m_realtime));   // servers sharing a PostgreSQL
    m_services.add(std::make_unique<FunctionService>(
        u"HTTP threads"_s, [this] { return startHttpThreads(); }, [this] { stopHttpThreads(); }));
    m_reminders = m_services.add(BackgroundServices::reminders(m_config, *m_db, *m_realtime));
    m_services.add(BackgroundServices::analyticsPush(m_config, *m_analytics, *m_realtime));
    m_services.add(BackgroundServices::memoryTrimmer(*m_realtime));
    m_services.add(BackgroundServices::tallyFold(*m_db));         // PostgreSQL's message tally log
    m_services.add(BackgroundServices::walCheckpointer(*m_db));   // SQLite's log, off the writers' path
    m_services.add(BackgroundServices::retention(m_config, *m_db));
    m_outbound = m_services.add(BackgroundServices::outbound(m_config, *m_db, *m_realtime, m_providers));
    m_media = m_services.add(BackgroundServices::media(m_config, *m_db, *m_realtime, m_providers));
    m_routing = m_services.add(BackgroundServices::routing(m_config, *m_db, *m_realtime, m_routingTrigger));
    m_health = m_services.add(BackgroundServices::health(m_config, *m_db, *m_realtime, m_providers));
    m_bot = m_services.add(BackgroundServices::bot(m_config, *m_db, *m_realtime, m_routingTrigger, m_providers));
    // Last to start, first to stop: a backup being written finishes while the database is still there.
    m_backupScheduler = std::make_unique<BackupScheduler>(m_config, *m_db, *m_backups);
    m_services.add(std::make_unique<FunctionService>(
        u"backups"_s,
        [this]() -> Result<Ok> {
            m_backupScheduler->start();
            return Ok{};
        },
        [this] {
            m_backupScheduler->stop();
            m_backups->stop();
        }));
    if (Result<Ok> started = m_services.start(); !started) {
        stop();
        return started.error();
    }
    qCInfo(lcServer).noquote() << "listening on" << m_config.listenAddress.toString() + u':' + QString::number(m_port)
                               << "with" << m_config.httpThreads << "HTTP threads," << m_db->settings().describe();
    return Ok{};
}

Result<Ok> ServerApp::startHttpThreads()
{
    quint16 port = m_config.listenPort;
    ConnectionLimits limits;
    limits.maxBodyBytes = qMax(m_config.maxUploadBytes, m_config.maxJsonBodyBytes);
    limits.largeBodyPath = "/v1/backups/upload";
    limits.largeMaxBodyBytes = m_config.maxBackupUploadBytes;
    limits.headerTimeoutMs = m_config.httpHeaderTimeoutMs;
    limits.bodyTimeoutMs = m_config.httpBodyTimeoutMs;
    limits.idleTimeoutMs = m_config.httpIdleTimeoutMs;
    limits.sendTimeoutMs = m_config.httpSendTimeoutMs;
    auto counts = std::make_shared<ConnectionCounts>(m_config.maxConnectionsPerAddress, m_config.trustedProxies);
    for (int i = 0; i < m_config.httpThreads; ++i) {
        auto *t = new HttpThread;
        m_threads.append(t);
        t->thread.setObjectName(u"http-"_s + QString::number(i));
        t->anchor = new QObject;
        t->anchor->moveToThread(&t->thread);
        t->thread.start();
        QString why;
        bool ok = false;
        QMetaObject::invokeMethod(
            t->anchor,
            [&] {
                t->listener = new HttpListener(limits, counts, t->anchor);
                ok = t->listener->open(m_config.listenAddress, port, true, &why);
                if (!ok)
                    return;
                t->server = new QHttpServer(t->anchor);
                t->server->setMissingHandler(
                    [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                        m_router->dispatch(request, std::move(responder));
                    });
                // Socket.IO on the same port: the rule lets QHttpServer upgrade only /socket.io/ requests
                // we accept; the hub takes each socket on this thread.
                RealtimeSettings realtime;
                realtime.pingIntervalMs = m_config.socketPingIntervalMs;
                realtime.pingTimeoutMs = m_config.socketPingTimeoutMs;
                // The reference server's 45 s with the default settings.
                realtime.connectTimeoutMs = m_config.socketPingIntervalMs + m_config.socketPingTimeoutMs;
                realtime.eventsPerMinute = m_config.apiRequestsPerMinute;
                realtime.trustedProxies = m_config.trustedProxies;
                t->hub = new RealtimeHub(*m_realtime, *m_auth, *m_db, *m_audit, *m_limiter, realtime, t->anchor);
                t->server->route<SocketIoUpgradeRule>(u"/socket.io/"_s, [](QHttpServerResponder &&) {});
                QObject::connect(t->server, &QHttpServer::newWebSocketConnection, t->hub,
                                 [server = t->server, hub = t->hub] {
                                     while (server->hasPendingWebSocketConnections())
                                         hub->accept(server->nextPendingWebSocketConnection());
                                 });
                t->server->bind(t->listener);
            },
            Qt::BlockingQueuedConnection);
        if (!ok) {
            stopHttpThreads();
            return ApiError::validation(u"CONVERSA_LISTEN"_s, "%1", {why});
        }
        port = t->listener->serverPort();   // threads after the first join the chosen port
    }
    m_port = port;
    return Ok{};
}

void ServerApp::stopHttpThreads()
{
    // 1. Stop accepting. 2. Let slow jobs finish; their replies are queued to the HTTP threads.
    // 3. Flush each thread's queue, then close its sockets and database connection.
    for (HttpThread *t : std::as_const(m_threads)) {
        if (t->listener)
            QMetaObject::invokeMethod(
                t->anchor, [t] { t->listener->close(); }, Qt::BlockingQueuedConnection);
    }
    // Requests already on the wire get a moment to be read; then wait (at most 15 s) until every
    // received request is answered.
    QThread::msleep(100);
    for (int waited = 0; m_router->inFlight() > 0 && waited < 15000; waited += 20)
        QThread::msleep(20);
    m_workers.waitForDone(15000);
    for (HttpThread *t : std::as_const(m_threads)) {
        QMetaObject::invokeMethod(
            t->anchor,
            [this, t] {
                QCoreApplication::sendPostedEvents();
                delete t->anchor;
                m_db->closeThreadConnection();
            },
            Qt::BlockingQueuedConnection);
        t->thread.quit();
        t->thread.wait();
        delete t;
    }
    m_threads.clear();
    qCInfo(lcServer) << "stopped";
}

void ServerApp::stop()
{
    m_services.stop();
}

}   // namespace Conversa::Server
