#include "HttpRouter.h"

#include "Metrics.h"
#include "RateLimiter.h"
#include "RequestGuard.h"
#include "core/ThreadPriority.h"
#include "store/Database.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <memory>
#include <optional>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcAccess, "conversa.server.access")
Q_LOGGING_CATEGORY(lcRouter, "conversa.server.router")

using namespace Qt::StringLiterals;

struct HttpRouter::Route {
    QByteArray method;
    QString pattern;
    QStringList segments;   // "{name}" marks a parameter
    RouteOptions options;
    Handler handler;
    DeferredHandler deferred;
};

namespace {

// Unsent answers a connection may hold before the next one cuts it off; the same cap as a socket's (RealtimeHub).
constexpr qint64 kMaxOutputBacklog = 1 << 20;

qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    default: return "UNKNOWN";
    }
}

bool isMutating(const QByteArray &method)
{
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

QByteArray newRequestId()
{
    const quint64 n = QRandomGenerator::global()->generate64();
    return QByteArray::number(n, 36).rightJustified(13, '0');
}

bool sane(const QByteArray &id)
{
    if (id.isEmpty() || id.size() > 64)
        return false;
    for (const char c : id) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
            return false;
    }
    return true;
}

// Slow work (password hashing) must not take CPU from the event loops: worker threads run at
// nice 10, so under load a login waits rather than every other request.
void lowerWorkerPriority()
{
    lowerThreadPriority(10);
}

// The continuation of deferred work must run on the request's thread. Its context is a
// long-lived object of that thread, not the socket: Qt 6.4 asserts when a continuation's context
// is destroyed first (a client gone mid-request); the socket is checked inside instead.
QObject *threadContext()
{
    thread_local std::unique_ptr<QObject> context = std::make_unique<QObject>();
    return context.get();
}

// The part of a file a "Range: bytes=…" header asks for. Only a single range is honoured; several
// ranges, another unit or a malformed header mean the whole file (RFC 9110 lets a server ignore Range).
struct ByteRange {
    qint64 first = 0;
    qint64 length = 0;
    bool partial = false;
    bool satisfiable = true;
};

ByteRange byteRange(const QByteArray &header, qint64 size)
{
    ByteRange whole{0, size, false, true};
    const QByteArray spec = header.trimmed();
    if (!spec.startsWith("bytes=") || spec.contains(','))
        return whole;
    const QByteArray value = spec.mid(6).trimmed();
    const qsizetype dash = value.indexOf('-');
    if (dash < 0)
        return whole;
    const QByteArray from = value.left(dash).trimmed();
    const QByteArray to = value.mid(dash + 1).trimmed();
    bool okFrom = false;
    bool okTo = false;
    if (from.isEmpty()) {   // "-n": the last n bytes
        const qint64 n = to.toLongLong(&okTo);
        if (!okTo || n < 0)
            return whole;
        if (n == 0 || size == 0)
            return {0, 0, true, false};
        const qint64 length = qMin(n, size);
        return {size - length, length, true, true};
    }
    const qint64 first = from.toLongLong(&okFrom);
    if (!okFrom || first < 0)
        return whole;
    qint64 last = size - 1;
    if (!to.isEmpty()) {
        last = to.toLongLong(&okTo);
        if (!okTo || last < first)
            return whole;
        last = qMin(last, size - 1);
    }
    if (first >= size)
        return {0, 0, true, false};
    return {first, last - first + 1, true, true};
}

// Writes `length` bytes of a file from `first` to a socket, a chunk at a time as the socket drains,
// so a multi-gigabyte backup costs a few chunks of memory. A child of the socket: when the client
// goes away the socket's deletion ends the transfer too. A temporary file goes with the sender.
// A client that pipelines another request behind a download would get its answer in the middle of
// the file (QHttpServer 6.4 answers each request as it arrives); browsers and HTTP libraries don't.
class FileSender final : public QObject {
public:
    static constexpr qint64 kChunk = 64 * 1024;

    FileSender(QTcpSocket *socket, std::unique_ptr<QFile> file, qint64 first, qint64 length, bool deleteFile,
               bool closeAfter)
        : QObject(socket),
          m_socket(socket),
          m_file(std::move(file)),
          m_remaining(length),
          m_deleteFile(deleteFile),
          m_closeAfter(closeAfter)
    {
        m_file->seek(first);
        connect(socket, &QTcpSocket::bytesWritten, this, &FileSender::pump);
        connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
        pump();
    }
    ~FileSender() override
    {
        if (m_deleteFile)
            m_file->remove();
    }

private:
    void pump()
    {
        if (m_done || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        // Two chunks in flight keep the socket busy without holding the file in memory.
        while (m_remaining > 0 && m_socket->bytesToWrite() < 2 * kChunk) {
            const QByteArray chunk = m_file->read(qMin(kChunk, m_remaining));
            if (chunk.isEmpty()) {   // the file shrank or failed: the client sees a short body
                qCWarning(lcRouter) << "streamed file ended early:" << m_file->fileName();
                m_socket->abort();
                return;
            }
            m_remaining -= chunk.size();
            m_socket->write(chunk);
        }
        if (m_remaining == 0) {
            m_done = true;
            if (m_closeAfter)
                m_socket->disconnectFromHost();
            deleteLater();
        }
    }

    QPointer<QTcpSocket> m_socket;
    std::unique_ptr<QFile> m_file;
    qint64 m_remaining;
    bool m_deleteFile;
    bool m_closeAfter;
    bool m_done = false;
};

}   // namespace

HttpRouter::HttpRouter(Database &db, Metrics &metrics, RateLimiter &limiter, QThreadPool &workers,
                       RouterSettings settings)
    : m_db(db), m_metrics(metrics), m_limiter(limiter), m_workers(workers), m_settings(std::move(settings))
{}

HttpRouter::~HttpRouter()
{
    qDeleteAll(m_routes);
}

void HttpRouter::get(const QString &pattern, RouteOptions options, Handler handler)
{
    add("GET", pattern, std::move(options), std::move(handler));
}

void HttpRouter::post(const QString &pattern, RouteOptions options, Handler handler)
{
    add("POST", pattern, std::move(options), std::move(handler));
}

void HttpRouter::put(const QString &pattern, RouteOptions options, Handler handler)
{
    add("PUT", pattern, std::move(options), std::move(handler));
}

void HttpRouter::patch(const QString &pattern, RouteOptions options, Handler handler)
{
    add("PATCH", pattern, std::move(options), std::move(handler));
}

void HttpRouter::del(const QString &pattern, RouteOptions options, Handler handler)
{
    add("DELETE", pattern, std::move(options), std::move(handler));
}

void HttpRouter::add(const QByteArray &method, const QString &pattern, RouteOptions options, Handler handler)
{
    Q_ASSERT_X(!isMutating(method) || !options.action.isEmpty(), "HttpRouter::add",
               "mutating routes need an audit action");
    auto *route =
        new Route{method, pattern, pattern.split(u'/', Qt::SkipEmptyParts), std::move(options), std::move(handler), {}};
    m_routes.append(route);
}

void HttpRouter::addDeferred(const QByteArray &method, const QString &pattern, RouteOptions options,
                             DeferredHandler handler)
{
    add(method, pattern, std::move(options), {});
    m_routes.last()->deferred = std::move(handler);
}

QList<HttpRouter::RouteInfo> HttpRouter::routes() const
{
    QList<RouteInfo> out;
    for (const Route *r : m_routes)
        out.append({r->method, r->pattern, r->options});
    return out;
}

const HttpRouter::Route *HttpRouter::match(const QStringList &segments, const QByteArray &method, RequestContext &ctx,
                                           bool *pathExists) const
{
    *pathExists = false;
    for (const Route *r : m_routes) {
        if (r->segments.size() != segments.size())
            continue;
        bool ok = true;
        for (qsizetype i = 0; i < segments.size() && ok; ++i) {
            const QString &p = r->segments[i];
            if (p.startsWith(u'{')) {
                // "{id}" and "{…_id}" take positive integers only; other names take any segment.
                if (p == "{id}"_L1 || p.endsWith("_id}"_L1)) {
                    bool isNumber = false;
                    ok = segments[i].toLongLong(&isNumber) > 0 && isNumber;
                }
            } else {
                ok = p == segments[i];
            }
        }
        if (!ok)
            continue;
        *pathExists = true;
        if (r->method != method && !(method == "HEAD" && r->method == "GET"))
            continue;
        for (qsizetype i = 0; i < segments.size(); ++i) {
            const QString &p = r->segments[i];
            if (p.startsWith(u'{'))
                ctx.params.insert(p.mid(1, p.size() - 2), segments[i]);
        }
        return r;
    }
    return nullptr;
}

HttpReply HttpRouter::errorReply(const ApiError &error, Language language)
{
    QJsonObject e{{u"code"_s, QString::fromLatin1(error.code())},
                  {u"message"_s, translated(language, "Api", error.message(), error.args())}};
    if (!error.details().isEmpty()) {
        QJsonArray details;
        for (const FieldError &d : error.details()) {
            details.append(
                QJsonObject{{u"field"_s, d.field}, {u"message"_s, translated(language, "Api", d.message, d.args)}});
        }
        e.insert(u"details"_s, details);
    }
    HttpReply reply = HttpReply::json(QJsonObject{{u"error"_s, e}}, error.status());
    for (const auto &h : error.headers())
        reply.headers.append(h);
    return reply;
}

// Everything before the handler: CORS, body, token, permission, rate limit.
Result<HttpReply> HttpRouter::prepare(const Route &route, RequestContext &ctx) const
{
    // Before any work, even parsing the body: a public route that costs a password hash.
    if (route.options.limitPerAddress && m_settings.addressRequestsPerMinute > 0) {
        int retryAfter = 0;
        if (!m_limiter.allow(u"address:"_s + ctx.ip, m_settings.addressRequestsPerMinute, 60, &retryAfter))
            return ApiError::rateLimited(retryAfter);
    }
    if (!route.options.rawBody && !ctx.rawBody.isEmpty()) {
        if (ctx.rawBody.size() > m_settings.maxJsonBodyBytes)
            return ApiError::payloadTooLarge();
        const QByteArray type = ctx.header("content-type").toLower();
        if (!type.startsWith("application/json"))
            return ApiError::badRequest(
                QT_TRANSLATE_NOOP("Api", "The body must be JSON (Content-Type: application/json)"));
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(ctx.rawBody, &err);
        if (err.error != QJsonParseError::NoError)
            return ApiError::badRequest(QT_TRANSLATE_NOOP("Api", "The body is not valid JSON"));
        if (!doc.isObject())
            return ApiError::badRequest(QT_TRANSLATE_NOOP("Api", "The body must be a JSON object"));
        ctx.body = doc.object();
    }

    if (route.options.authenticated) {
        const QByteArray authorization = ctx.header("authorization");
        if (!authorization.startsWith("Bearer ") || authorization.size() <= 7)
            return ApiError::unauthenticated();
        if (!m_authenticate)
            return ApiError::internal();
        Result<AuthUser> user = m_authenticate(ctx, QByteArrayView(authorization).sliced(7).trimmed());
        if (!user)
            return user.error();
        ctx.user = std::move(user.value());
        // A role that requires 2FA: until its user enables it, only the routes that get them
        // there answer (docs/API.md#two-factor-required-by-role).
        if (ctx.user->twoFactorSetupRequired && !route.options.beforeTwoFactor)
            return ApiError::twoFactorSetupRequired();
        if (!route.options.permission.isEmpty() && !ctx.user->can(route.options.permission))
            return ApiError::forbidden();
        int retryAfter = 0;
        if (!m_limiter.allow(u"user:"_s + QString::number(ctx.user->id), m_settings.apiRequestsPerMinute, 60,
                             &retryAfter))
            return ApiError::rateLimited(retryAfter);
    }
    return HttpReply{};
}

Result<HttpReply> HttpRouter::runInTransaction(const Route &route, RequestContext &ctx,
                                               const std::function<Result<HttpReply>()> &body) const
{
    const bool audited = isMutating(route.method) || route.options.auditRead;
    if (!audited || !route.options.transactional) {
        Result<HttpReply> result = body();
        if (result)
            ctx.runAfterCommit();
        return result;
    }
    Transaction tx(m_db);
    if (!tx.isActive())
        return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The database is not available"));
    Result<HttpReply> result = body();
    if (!result)
        return result;   // rolled back by ~Transaction
    if (m_audit && !ctx.audit.skip)
        m_audit(ctx, true, result->status);   // same transaction: the change and its audit row land together
    if (!tx.commit())
        return ApiError::internal();
    ctx.audit.skip = true;   // already written
    ctx.runAfterCommit();
    return result;
}

void HttpRouter::dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder) const
{
    const qint64 started = monotonicNs();
    // Counts the request until it is answered or dropped, wherever that happens (ServerApp::stop waits for it).
    ++m_inFlight;
    std::shared_ptr<void> inFlight(nullptr, [this](void *) { --m_inFlight; });
    auto ctx = std::make_shared<RequestContext>();
    ctx->method = methodName(request.method());
    const QUrl url = request.url();
    ctx->path = url.path();
    ctx->query = request.query();
    for (const auto &[name, value] : request.headers())
        ctx->headers.insert(name.toLower(), value);
    ctx->rawBody = request.body();
    const QHostAddress peer = request.remoteAddress();
    ctx->ip = m_settings.trustedProxies.clientAddress(peer, ctx->header("x-forwarded-for"), ctx->header("x-real-ip"));
    ctx->scheme = m_settings.trustedProxies.scheme(peer, ctx->header("x-forwarded-proto"), u"http"_s);
    ctx->userAgent = QString::fromUtf8(ctx->header("user-agent").left(512));
    ctx->language = languageFromHeader(ctx->header("accept-language"));
    const QByteArray incomingId = ctx->header("x-request-id");
    ctx->requestId = sane(incomingId) ? incomingId : newRequestId();

    // CORS preflight for configured origins.
    if (ctx->method == "OPTIONS") {
        HttpReply reply = HttpReply::noContent();
        finishRequest(nullptr, *ctx, reply, responder, started);
        return;
    }

    bool pathExists = false;
    const Route *route = match(ctx->path.split(u'/', Qt::SkipEmptyParts), ctx->method, *ctx, &pathExists);
    if (!route) {
        finishRequest(nullptr, *ctx, pathExists ? ApiError::methodNotAllowed() : ApiError::notFound(), responder,
                      started);
        return;
    }
    ctx->audit.action = route->options.action;
    ctx->audit.entityType = route->options.entityType;
    ctx->audit.entityId = ctx->params.value(u"id"_s).toLongLong();

    // A read answers from one state of the database, its session check included; it ends
    // before the answer is written (and before any write: see ReadSnapshot).
    std::optional<ReadSnapshot> snapshot;
    if (route->method == "GET")
        snapshot.emplace(m_db);
    Result<HttpReply> ready = prepare(*route, *ctx);
    if (!ready) {
        snapshot.reset();
        finishRequest(route, *ctx, ready, responder, started);
        return;
    }
    if (route->deferred) {
        snapshot.reset();
        // A bounded queue: thousands of logins would otherwise queue thousands of Argon2 hashes
        // (19 MiB each when they run) and everyone's answer behind them.
        if (m_pendingDeferred.load() >= m_settings.maxPendingDeferred) {
            finishRequest(route, *ctx,
                          ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The server is busy, try again shortly"))
                              .withHeader("Retry-After", "1"),
                          responder, started);
            return;
        }
        Result<Deferred> deferred = route->deferred(*ctx);
        if (!deferred) {
            finishRequest(route, *ctx, deferred.error(), responder, started);
            return;
        }
        runDeferred(*route, ctx, std::move(deferred.value()), std::move(responder), started, std::move(inFlight));
        return;
    }
    const Result<HttpReply> result = runInTransaction(*route, *ctx, [&] { return route->handler(*ctx); });
    snapshot.reset();
    finishRequest(route, *ctx, result, responder, started);
}

void HttpRouter::runDeferred(const Route &route, std::shared_ptr<RequestContext> ctx, Deferred deferred,
                             QHttpServerResponder &&responder, qint64 startedNs, std::shared_ptr<void> inFlight) const
{
    // Qt 6.4 crashes when a QFuture response outlives its socket; keep the responder ourselves and
    // write only if the socket is still there.
    auto heldResponder = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket = heldResponder->socket();
    auto finish = std::make_shared<decltype(deferred.finish)>(std::move(deferred.finish));
    ++m_pendingDeferred;
    auto work = [this, work = std::move(deferred.work)] {
        lowerWorkerPriority();
        QVariant value = work();
        --m_pendingDeferred;
        return value;
    };
    QtConcurrent::run(&m_workers, std::move(work))
        .then(threadContext(),
              [this, &route, ctx, heldResponder, socket, finish, startedNs, inFlight](const QVariant &value) {
                  if (!socket || socket->state() != QAbstractSocket::ConnectedState)
                      return;
                  const Result<HttpReply> result =
                      runInTransaction(route, *ctx, [&] { return (*finish)(*ctx, value); });
                  finishRequest(&route, *ctx, result, *heldResponder, startedNs);
              });
}

void HttpRouter::finishRequest(const Route *route, RequestContext &ctx, const Result<HttpReply> &result,
                               QHttpServerResponder &responder, qint64 startedNs) const
{
    HttpReply reply = result ? result.value() : errorReply(result.error(), ctx.language);
    // A file body: opened here, so a missing file is still a proper error; then sized and ranged.
    std::unique_ptr<QFile> file;
    ByteRange range;
    if (reply.isFile()) {
        file = std::make_unique<QFile>(reply.filePath);
        if (!file->open(QIODevice::ReadOnly)) {
            qCWarning(lcRouter) << "cannot open the file to send:" << reply.filePath << file->errorString();
            if (reply.deleteFileAfter)
                QFile::remove(reply.filePath);
            file.reset();
            reply = errorReply(ApiError::internal(), ctx.language);
        } else {
            const qint64 size = file->size();
            range = reply.status == 200 && ctx.header("range").size() > 0 ? byteRange(ctx.header("range"), size)
                                                                          : ByteRange{0, size, false, true};
            reply.withHeader("Accept-Ranges", "bytes");
            if (!range.satisfiable) {
                reply.status = 416;
                reply.withHeader("Content-Range", "bytes */" + QByteArray::number(size));
                range = {};
            } else if (range.partial) {
                reply.status = 206;
                reply.withHeader("Content-Range",
                                 "bytes " + QByteArray::number(range.first) + '-' +
                                     QByteArray::number(range.first + range.length - 1) + '/' +
                                     QByteArray::number(size));
            }
        }
    }
    const int status = reply.status;

    // Audit what changed nothing but still matters: failed mutations, refused reads.
    if (!ctx.audit.skip && m_audit && route &&
        (isMutating(route->method) || (route->options.auditRead && status < 400) || status == 401 || status == 403)) {
        if (ctx.audit.action.isEmpty())
            ctx.audit.action = route->pattern;
        // A flood of refused requests from nobody signed in would write a row each: past the
        // address's share per minute they are counted, not written.
        int retryAfter = 0;
        if (!ctx.user && status >= 400 && m_settings.anonymousAuditPerMinute > 0 &&
            !m_limiter.allow(u"audit:"_s + ctx.ip, m_settings.anonymousAuditPerMinute, 60, &retryAfter)) {
            ++m_auditRowsDropped;
        } else {
            Transaction tx(m_db);
            m_audit(ctx, status < 400, status);
            tx.commit();
        }
    }

    QByteArray out;
    out.reserve(reply.body.size() + 512);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!reply.contentType.isEmpty())
        out += "Content-Type: " + reply.contentType + "\r\n";
    const qint64 bodySize = file ? range.length : reply.body.size();
    out += "Content-Length: " + QByteArray::number(ctx.method == "HEAD" && !file ? 0 : bodySize) + "\r\n";
    out += "X-Request-Id: " + ctx.requestId +
        "\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        "X-Frame-Options: DENY\r\n"
        "Referrer-Policy: no-referrer\r\n";
    if (reply.contentType.startsWith("application/json"))
        out += "Cache-Control: no-store\r\nContent-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n";
    const QByteArray origin = ctx.header("origin");
    if (!origin.isEmpty() && m_settings.corsOrigins.contains(QString::fromUtf8(origin))) {
        out += "Access-Control-Allow-Origin: " + origin +
            "\r\nVary: Origin\r\n"
            "Access-Control-Expose-Headers: X-Request-Id, Retry-After, Content-Disposition\r\n";
        if (ctx.method == "OPTIONS") {
            out +=
                "Access-Control-Allow-Methods: GET, POST, PUT, PATCH, DELETE\r\n"
                "Access-Control-Allow-Headers: Authorization, Content-Type, Accept-Language, X-Request-Id, Idempotency-Key\r\n"
                "Access-Control-Max-Age: 600\r\n";
        }
    }
    for (const auto &[name, value] : reply.headers)
        out += name + ": " + value + "\r\n";
    const bool close = ctx.header("connection").toLower() == "close";
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (ctx.method != "HEAD")
        out += reply.body;

    QTcpSocket *socket = responder.socket();
    if (socket && socket->state() == QAbstractSocket::ConnectedState)
        RequestGuard::answered(socket);
    // A client that pipelines requests without reading the answers is cut off once a backlog of
    // them waits (one answer of any size still goes out whole).
    if (socket && socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() > kMaxOutputBacklog) {
        qCInfo(lcRouter) << "closing a connection that does not read its answers:" << ctx.ip;
        socket->abort();
    } else if (socket && socket->state() == QAbstractSocket::ConnectedState) {
        socket->write(out);
        if (file && ctx.method != "HEAD" && range.length > 0) {
            new FileSender(socket, std::move(file), range.first, range.length, reply.deleteFileAfter, close);
        } else {
            socket->flush();
            if (close)
                socket->disconnectFromHost();
        }
    }
    if (file && reply.deleteFileAfter)   // not handed to a sender: nobody else will remove it
        file->remove();

    const double seconds = double(monotonicNs() - startedNs) / 1e9;
    // Route patterns only: a label per raw path would let any client grow the series without end.
    const QString routeLabel = route ? route->pattern : ctx.method == "OPTIONS" ? u"preflight"_s : u"unmatched"_s;
    m_metrics.recordRequest(routeLabel, ctx.method, status, seconds);
    // One string, streamed once: QDebug's spacing and conversions per part cost more than the line.
    if (lcAccess().isInfoEnabled()) {
        const QString line = QLatin1StringView(ctx.requestId) + u' ' + ctx.ip + u' ' + QLatin1StringView(ctx.method) +
            u' ' + ctx.path + u' ' + QString::number(status) + u' ' + QString::number(seconds * 1000.0, 'f', 2) +
            u"ms "_s + (ctx.user ? u"user="_s + QString::number(ctx.user->id) : u"-"_s);
        qCInfo(lcAccess).noquote() << line;
    }
}

}   // namespace Conversa::Server
