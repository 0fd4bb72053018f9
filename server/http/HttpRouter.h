#pragma once

#include "HttpReply.h"
#include "RequestContext.h"
#include "core/Result.h"
#include "core/TrustedProxies.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <atomic>
#include <functional>

class QHttpServerRequest;
class QHttpServerResponder;
class QThreadPool;
namespace Conversa::Server {

class Database;
class Metrics;
class RateLimiter;

// What a route requires and how it is audited.
struct RouteOptions {
    bool authenticated = true;
    QString permission;          // checked after authentication; empty = any signed-in user
    QString action;              // audit action ("user.create"); required on mutating routes
    QString entityType;          // audit entity type ("User")
    bool rawBody = false;        // the handler reads ctx.rawBody itself (multipart, webhooks)
    bool transactional = true;   // mutating routes run in one transaction (webhooks may opt out)
    bool auditRead = false;      // a read audited when it succeeds, in its transaction (exports)
    bool limitPerAddress = false;   // public routes that cost work (login): counted per client address first
    bool beforeTwoFactor = false;   // open to a user whose role requires 2FA before they enable it
};

// Slow work taken off the event loop: `work` runs on the worker pool (never touching ctx; it may
// use the database through the pool thread's own connection), then `finish` runs back on the
// request's thread, inside the request's transaction.
struct Deferred {
    std::function<QVariant()> work;
    std::function<Result<HttpReply>(RequestContext &, const QVariant &)> finish;
};

using Handler = std::function<Result<HttpReply>(RequestContext &)>;
using DeferredHandler = std::function<Result<Deferred>(RequestContext &)>;
using Authenticator = std::function<Result<AuthUser>(RequestContext &, QByteArrayView token)>;
using AuditSink = std::function<void(const RequestContext &, bool success, int status)>;

struct RouterSettings {
    qint64 maxJsonBodyBytes = 1 << 20;
    QStringList corsOrigins;           // exact origins allowed to call from a browser
    int apiRequestsPerMinute = 3000;   // per user; 0 = unlimited
    int addressRequestsPerMinute = 300;   // per client address on limitPerAddress routes; 0 = unlimited
    int maxPendingDeferred = 64;          // deferred jobs queued or running; beyond: 503
    int anonymousAuditPerMinute = 600;    // audit rows of refused anonymous requests per client address; 0 = all
    TrustedProxies trustedProxies;        // who may say who the client is
};

// The one place where every request is checked: route match (404/405), CORS, body parsing
// (400/413), token and permission (401/403), per-user rate limit (429), transaction, audit row,
// metrics and access log. Routes are registered before the server starts and never change, so
// dispatch() may run on every HTTP thread at once.
class HttpRouter {
public:
    struct RouteInfo {
        QByteArray method;
        QString pattern;   // "/v1/users/{id}"
        RouteOptions options;
    };

    HttpRouter(Database &db, Metrics &metrics, RateLimiter &limiter, QThreadPool &workers, RouterSettings settings);
    ~HttpRouter();

    void setAuthenticator(Authenticator authenticator) { m_authenticate = std::move(authenticator); }
    void setAuditSink(AuditSink sink) { m_audit = std::move(sink); }

    void get(const QString &pattern, RouteOptions options, Handler handler);
    void post(const QString &pattern, RouteOptions options, Handler handler);
    void put(const QString &pattern, RouteOptions options, Handler handler);
    void patch(const QString &pattern, RouteOptions options, Handler handler);
    void del(const QString &pattern, RouteOptions options, Handler handler);
    void add(const QByteArray &method, const QString &pattern, RouteOptions options, Handler handler);
    void addDeferred(const QByteArray &method, const QString &pattern, RouteOptions options, DeferredHandler handler);

    QList<RouteInfo> routes() const;
    int pendingDeferred() const { return m_pendingDeferred.load(); }
    int inFlight() const { return m_inFlight.load(); }   // requests received and not yet answered
    // Refused anonymous requests over an address's share, counted instead of audited.
    quint64 auditRowsDropped() const { return m_auditRowsDropped.load(); }
    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder) const;

    // Writes the contract's error body, translated for the request's language.
    static HttpReply errorReply(const ApiError &error, Language language);

private:
    struct Route;
    struct Pending;
    const Route *match(const QStringList &segments, const QByteArray &method, RequestContext &ctx,
                       bool *pathExists) const;
    Result<HttpReply> prepare(const Route &route, RequestContext &ctx) const;
    Result<HttpReply> runInTransaction(const Route &route, RequestContext &ctx,
                                       const std::function<Result<HttpReply>()> &body) const;
    void finishRequest(const Route *route, RequestContext &ctx, const Result<HttpReply> &result,
                       QHttpServerResponder &responder, qint64 startedNs) const;
    void runDeferred(const Route &route, std::shared_ptr<RequestContext> ctx, Deferred deferred,
                     QHttpServerResponder &&responder, qint64 startedNs, std::shared_ptr<void> inFlight) const;

    Database &m_db;
    Metrics &m_metrics;
    RateLimiter &m_limiter;
    QThreadPool &m_workers;
    RouterSettings m_settings;
    Authenticator m_authenticate;
    AuditSink m_audit;
    QList<Route *> m_routes;
    mutable std::atomic<int> m_pendingDeferred{0};
    mutable std::atomic<int> m_inFlight{0};
    mutable std::atomic<quint64> m_auditRowsDropped{0};
};

}   // namespace Conversa::Server
