#include "ServerApp.h"

#include "MemoryTrimmer.h"
#include "api/ApiModule.h"
#include "api/ApiModules.h"
#include "api/ServerContext.h"
#include "api/SystemApi.h"
#include "core/Validator.h"
#include "crypto/PasswordHasher.h"
#include "crypto/RandomToken.h"
#include "delivery/HealthMonitor.h"
#include "delivery/MediaFetcher.h"
#include "delivery/OutboundWorker.h"
#include "delivery/RoutingWorker.h"
#include "domain/AuthService.h"
#include "domain/LiveAnalytics.h"
#include "domain/ReminderScheduler.h"
#include "http/AuditRecordOf.h"
#include "http/HttpListener.h"
#include "http/HttpRouter.h"
#include "http/Metrics.h"
#include "http/RateLimiter.h"
#include "realtime/ChatEvents.h"
#include "realtime/RealtimeApi.h"
#include "realtime/RealtimeBus.h"
#include "realtime/RealtimeHub.h"
#include "realtime/RealtimeRelay.h"
#include "store/AuditStore.h"
#include "store/Database.h"
#include "store/RoleStore.h"
#include "store/SearchText.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHttpServer>
#include <QLoggingCategory>
#include <QThread>

#include <cstdio>

Q_LOGGING_CATEGORY(lcServer, "conversa.server")

using namespace Qt::StringLiterals;

// One event loop with its own QHttpServer, listening socket and database connection.
struct ServerApp::HttpThread {
    QThread thread;
    QObject *anchor = nullptr;          // lives in `thread`; owns the server objects
    QHttpServer *server = nullptr;
    HttpListener *listener = nullptr;
    RealtimeHub *hub = nullptr;         // this thread's Socket.IO sockets
};

ServerApp::ServerApp(ServerConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config))
{
    m_workers.setMaxThreadCount(m_config.workerThreads);
    m_workers.setExpiryTimeout(-1);   // worker threads keep their database connections
}

ServerApp::~ServerApp()
{
    stop();
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
        return ApiError::validation(u"CONVERSA_DATABASE_URL"_s, "database migration failed (see the log)");
    m_roles = std::make_unique<RoleStore>(*m_db);
    CONVERSA_TRY(m_roles->seedAndLoad());
    m_metrics = std::make_unique<Metrics>();
    m_limiter = std::make_unique<RateLimiter>();
    m_audit = std::make_unique<AuditStore>(*m_db);
    m_auth = std::make_unique<AuthService>(
        AuthSettings{m_config.jwtSecret, m_config.secretKey, m_config.loginAttemptsPerIpPer15Min}, *m_db, *m_roles);
    m_realtime = std::make_unique<RealtimeBus>();
    m_auth->setSessionRevoked([bus = m_realtime.get()](qint64 sessionId) { bus->disconnectSession(sessionId); });
    m_prepared = true;
    return Ok{};
}

qint64 ServerApp::userCount()
{
    SqlQuery q(*m_db, "SELECT COUNT(*) FROM users");
    return q.exec() && q.next() ? q.integer(0) : -1;
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

Result<Ok> ServerApp::bootstrapAdmin()
{
    if (m_config.adminEmail.isEmpty() || userCount() != 0)
        return Ok{};
    // Without a configured password one is generated and shown once, on stdout only.
    const bool generated = m_config.adminPassword.isEmpty();
    const QString password = generated ? QString::fromLatin1(RandomToken::urlSafe(12)) : m_config.adminPassword;
    Result<qint64> id = createAdmin(m_config.adminEmail, password, u"Admin"_s);
    if (!id)
        return id.error();
    qCInfo(lcServer).noquote() << "created the first admin" << m_config.adminEmail;
    if (generated) {
        std::printf("\nFirst admin created: %s\nGenerated password (shown only this once): %s\n\n",
                    qPrintable(m_config.adminEmail), qPrintable(password));
        std::fflush(stdout);
    }
    return Ok{};
}

void ServerApp::registerModules()
{
    m_analytics = std::make_unique<LiveAnalytics>(*m_db);
    m_context = std::make_unique<ServerContext>(
        ServerContext{m_config, *m_db, *m_metrics, *m_limiter, m_workers, *m_roles, *m_audit, *m_auth,
                      m_routingTrigger, *m_analytics, *m_realtime});
    RouterSettings settings;
    settings.maxJsonBodyBytes = m_config.maxJsonBodyBytes;
    settings.corsOrigins = m_config.corsOrigins;
    settings.apiRequestsPerMinute = m_config.apiRequestsPerMinute;
    m_router = std::make_unique<HttpRouter>(*m_db, *m_metrics, *m_limiter, m_workers, settings);
    m_router->setAuthenticator([this](RequestContext &, QByteArrayView token) { return m_auth->authenticate(token); });
    m_router->setAuditSink([this](const RequestContext &ctx, bool success, int status) {
        m_audit->record(auditRecordOf(ctx, success, status));
    });

    m_modules.append(new SystemApi(*m_context, *m_router));
    registerApiModules(*m_context, m_providers, m_modules);
    m_modules.append(new RealtimeApi);
    m_modules.append(m_extraModules);
    m_extraModules.clear();
    for (ApiModule *module : std::as_const(m_modules))
        module->registerRoutes(*m_router);

    m_metrics->setGauge("conversa_worker_jobs_pending", [this] { return double(m_router->pendingDeferred()); },
                        "Slow jobs (password hashing, exports) waiting for or running on the worker pool.");
    m_metrics->setGauge("conversa_worker_threads_active", [this] { return double(m_workers.activeThreadCount()); },
                        "Worker pool threads busy now.");
    m_metrics->setGauge("conversa_db_connections", [this] { return double(m_threads.size() + m_workers.maxThreadCount() + 1); },
                        "Database connections the process may hold (one per thread).");
    m_metrics->setGauge("conversa_socket_connections", [this] { return double(m_realtime->openSockets()); },
                        "WebSocket connections open on /socket.io/.");
    m_metrics->setGauge("conversa_socket_connections_authenticated", [this] { return double(m_realtime->connectedSockets()); },
                        "Socket.IO connections signed in with an access token.");
    m_metrics->setGauge("conversa_socket_slow_consumer_closes", [this] { return double(m_realtime->slowConsumers()); },
                        "Sockets closed because more than 1 MiB of events waited unread (since start).");
}

Result<Ok> ServerApp::start()
{
    CONVERSA_TRY(prepare());
    CONVERSA_TRY(bootstrapAdmin());
    registerModules();

    // A port held by anyone else (even another server with SO_REUSEPORT) is refused here.
    if (m_config.listenPort != 0) {
        HttpListener probe(0);
        QString why;
        if (!probe.open(m_config.listenAddress, m_config.listenPort, false, &why))
            return ApiError::validation(u"CONVERSA_LISTEN"_s, "%1", {why});
        probe.close();
    }

    // Servers sharing a PostgreSQL pass their realtime events on to each other.
    if (m_db->dialect() == SqlDialect::Postgres) {
        m_relay = std::make_unique<RealtimeRelay>(*m_db, *m_realtime);
        m_relay->start();
    }

    quint16 port = m_config.listenPort;
    for (int i = 0; i < m_config.httpThreads; ++i) {
        auto *t = new HttpThread;
        m_threads.append(t);
        t->thread.setObjectName(u"http-"_s + QString::number(i));
        t->anchor = new QObject;
        t->anchor->moveToThread(&t->thread);
        t->thread.start();
        QString why;
        bool ok = false;
        QMetaObject::invokeMethod(t->anchor, [&] {
            t->listener = new HttpListener(qMax(m_config.maxUploadBytes, m_config.maxJsonBodyBytes), t->anchor);
            ok = t->listener->open(m_config.listenAddress, port, true, &why);
            if (!ok)
                return;
            t->server = new QHttpServer(t->anchor);
            t->server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
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
            t->hub = new RealtimeHub(*m_realtime, *m_auth, *m_db, *m_audit, *m_limiter, realtime, t->anchor);
            t->server->route<SocketIoUpgradeRule>(u"/socket.io/"_s, [](QHttpServerResponder &&) {});
            QObject::connect(t->server, &QHttpServer::newWebSocketConnection, t->hub, [server = t->server, hub = t->hub] {
                while (server->hasPendingWebSocketConnections())
                    hub->accept(server->nextPendingWebSocketConnection());
            });
            t->server->bind(t->listener);
        }, Qt::BlockingQueuedConnection);
        if (!ok) {
            stop();
            return ApiError::validation(u"CONVERSA_LISTEN"_s, "%1", {why});
        }
        port = t->listener->serverPort();   // threads after the first join the chosen port
    }
    m_port = port;
    m_reminders = std::make_unique<ReminderScheduler>(*m_db);
    m_reminders->setInterval(m_config.reminderIntervalMs);
    connect(m_reminders.get(), &ReminderScheduler::reminderFired, this, [this](qint64 taskId, qint64 userId) {
        ChatEvents(*m_db, *m_realtime).taskReminder(taskId, userId);
    });
    m_reminders->start();
    // analytics.update: the live dashboard at most once a second, while anyone is connected.
    m_analyticsPush.setInterval(qMax(1000, m_config.analyticsPushMs));   // at most once a second
    connect(&m_analyticsPush, &QTimer::timeout, this, [this] {
        if (!m_analytics || m_realtime->connectedSockets() == 0)
            return;
        const Result<QByteArray> live = m_analytics->live(QDateTime::currentMSecsSinceEpoch());
        if (live)
            m_realtime->publishHere({u"analytics"_s}, u"analytics.update"_s, *live);   // each server its own
    });
    if (m_config.analyticsPushMs > 0)
        m_analyticsPush.start();
    m_memoryTrimmer = std::make_unique<MemoryTrimmer>([this] { return m_realtime->connectedSockets(); },
                                                      kMemoryTrimCheckMs, kMemoryTrimSockets);
    m_memoryTrimmer->start();
    if (m_config.outboundPollMs > 0) {
        OutboundSettings outbound;
        outbound.metaGraphUrl = m_config.metaGraphUrl;
        outbound.dataDir = m_config.dataDir;
        outbound.secretKey = m_config.secretKey;
        outbound.pollMs = m_config.outboundPollMs;
        outbound.timeoutMs = m_config.outboundTimeoutMs;
        outbound.maxAttempts = m_config.outboundMaxAttempts;
        m_outbound = std::make_unique<OutboundThread>(*m_db, outbound, m_providers);
        // Realtime events of background work go out from the worker's thread, on its connection.
        connect(m_outbound->worker(), &OutboundWorker::finished, m_outbound->worker(),
                [&db = *m_db, &bus = *m_realtime](qint64 id, const QString &status) {
                    if (status != "pending"_L1)
                        ChatEvents(db, bus).messageUpdated(id);
                }, Qt::DirectConnection);
        m_outbound->start();
    }
    if (m_config.mediaPollMs > 0) {
        MediaSettings media;
        media.metaGraphUrl = m_config.metaGraphUrl;
        media.dataDir = m_config.dataDir;
        media.secretKey = m_config.secretKey;
        media.pollMs = m_config.mediaPollMs;
        media.timeoutMs = m_config.outboundTimeoutMs;
        media.maxBytes = m_config.maxUploadBytes;
        m_media = std::make_unique<MediaThread>(*m_db, media, m_providers);
        connect(m_media->fetcher(), &MediaFetcher::finished, m_media->fetcher(),
                [&db = *m_db, &bus = *m_realtime](qint64 id, const QString &outcome) {
                    if (outcome == "stored"_L1)
                        ChatEvents(db, bus).messageUpdated(id);
                }, Qt::DirectConnection);
        m_media->start();
    }
    if (m_config.routingSweepMs > 0) {
        m_routing = std::make_unique<RoutingThread>(*m_db, m_routingTrigger, m_config.routingSweepMs);
        connect(m_routing->worker(), &RoutingWorker::routed, m_routing->worker(),
                [&db = *m_db, &bus = *m_realtime](qint64 chatId) { ChatEvents(db, bus).chatAssigned(chatId); },
                Qt::DirectConnection);
        connect(m_routing->worker(), &RoutingWorker::reassigned, m_routing->worker(),
                [&db = *m_db, &bus = *m_realtime](qint64 chatId, qint64 from) { ChatEvents(db, bus).chatUpdated(chatId, from); },
                Qt::DirectConnection);
        m_routing->start();
    }
    if (m_config.healthCheckSeconds > 0) {
        HealthSettings health;
        health.metaGraphUrl = m_config.metaGraphUrl;
        health.secretKey = m_config.secretKey;
        health.intervalSeconds = m_config.healthCheckSeconds;
        health.timeoutMs = qBound(1000, m_config.outboundTimeoutMs, 15000);
        m_health = std::make_unique<HealthThread>(*m_db, health, m_providers);
        m_health->start();
    }
    qCInfo(lcServer).noquote() << "listening on" << m_config.listenAddress.toString() + u':' + QString::number(m_port)
                               << "with" << m_config.httpThreads << "HTTP threads," << m_db->settings().describe();
    return Ok{};
}

void ServerApp::stop()
{
    m_analyticsPush.stop();
    if (m_reminders)
        m_reminders->stop();
    m_outbound.reset();   // a send in flight finishes first (bounded by the provider timeout)
    m_media.reset();      // likewise a download in flight
    m_health.reset();     // and a check in flight
    m_routing.reset();
    if (m_threads.isEmpty()) {
        m_relay.reset();
        return;
    }
    // 1. Stop accepting. 2. Let slow jobs finish; their replies are queued to the HTTP threads.
    // 3. Flush each thread's queue, then close its sockets and database connection.
    for (HttpThread *t : std::as_const(m_threads)) {
        if (t->listener)
            QMetaObject::invokeMethod(t->anchor, [t] { t->listener->close(); }, Qt::BlockingQueuedConnection);
    }
    // Requests already on the wire get a moment to be read; then wait (at most 15 s) until every
    // received request is answered.
    QThread::msleep(100);
    for (int waited = 0; m_router->inFlight() > 0 && waited < 15000; waited += 20)
        QThread::msleep(20);
    m_workers.waitForDone(15000);
    for (HttpThread *t : std::as_const(m_threads)) {
        QMetaObject::invokeMethod(t->anchor, [this, t] {
            QCoreApplication::sendPostedEvents();
            delete t->anchor;
            m_db->closeThreadConnection();
        }, Qt::BlockingQueuedConnection);
        t->thread.quit();
        t->thread.wait();
        delete t;
    }
    m_threads.clear();
    m_relay.reset();   // after the last thread that could publish
    qCInfo(lcServer) << "stopped";
}
