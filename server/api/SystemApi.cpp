#include "SystemApi.h"

#include "crypto/WebhookSignature.h"
#include "http/HttpRouter.h"
#include "http/Metrics.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

// The last database check of this HTTP thread, and when it was made (a probe answers from it for a second).
struct DatabaseCheck {
    qint64 atMs = -1;
    bool ok = false;
};
thread_local DatabaseCheck lastCheck;
constexpr qint64 kCheckEveryMs = 1000;

}   // namespace

SystemApi::SystemApi(Database &db, const Metrics &metrics, const HttpRouter &router, MetricsAccess metricsAccess)
    : m_db(db), m_metrics(metrics), m_router(router), m_metricsAccess(std::move(metricsAccess))
{
    QFile file(u":/openapi/openapi.json"_s);
    if (file.open(QIODevice::ReadOnly))
        m_openApi = file.readAll();
}

void SystemApi::registerRoutes(HttpRouter &router)
{
    const RouteOptions open{.authenticated = false};

    router.get(u"/health"_s, open, [this](RequestContext &) -> Result<HttpReply> {
        const qint64 now = QDeadlineTimer::current().deadline();
        if (lastCheck.atMs < 0 || now - lastCheck.atMs >= kCheckEveryMs) {
            QString why;
            lastCheck = {now, m_db.ping(&why)};
        }
        const bool dbOk = lastCheck.ok;
        const QJsonObject body{{u"status"_s, dbOk ? u"ok"_s : u"degraded"_s},
                               {u"database"_s, dbOk ? u"ok"_s : u"unreachable"_s},
                               {u"version"_s, QCoreApplication::applicationVersion()}};
        return HttpReply::json(body, dbOk ? 200 : 503);
    });
    router.get(u"/health/live"_s, open, [](RequestContext &) -> Result<HttpReply> {
        return HttpReply::json(QJsonObject{{u"status"_s, u"ok"_s}, {u"version"_s, QCoreApplication::applicationVersion()}});
    });

    router.get(u"/metrics"_s, open, [this](RequestContext &ctx) -> Result<HttpReply> {
        const QByteArray authorization = ctx.header("authorization");
        const bool tokenOk = !m_metricsAccess.token.isEmpty() && authorization.startsWith("Bearer ") &&
            WebhookSignature::constantTimeEquals(authorization.sliced(7).trimmed(), m_metricsAccess.token);
        if (!tokenOk && !m_metricsAccess.addresses.trusts(QHostAddress(ctx.ip)))
            return ApiError::forbidden();
        return HttpReply::bytes(m_metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
    });

    router.get(u"/v1/openapi.json"_s, open,
               [this](RequestContext &) -> Result<HttpReply> { return HttpReply::json(m_openApi); });
}

}   // namespace Conversa::Server
