#include "SystemApi.h"

#include "http/HttpRouter.h"
#include "http/Metrics.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QFile>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

SystemApi::SystemApi(Database &db, const Metrics &metrics, const HttpRouter &router)
    : m_db(db), m_metrics(metrics), m_router(router)
{
    QFile file(u":/openapi/openapi.json"_s);
    if (file.open(QIODevice::ReadOnly))
        m_openApi = file.readAll();
}

void SystemApi::registerRoutes(HttpRouter &router)
{
    const RouteOptions open{.authenticated = false};

    router.get(u"/health"_s, open, [this](RequestContext &) -> Result<HttpReply> {
        QString why;
        const bool dbOk = m_db.ping(&why);
        const QJsonObject body{{u"status"_s, dbOk ? u"ok"_s : u"degraded"_s},
                               {u"database"_s, dbOk ? u"ok"_s : u"unreachable"_s},
                               {u"version"_s, QCoreApplication::applicationVersion()}};
        return HttpReply::json(body, dbOk ? 200 : 503);
    });

    router.get(u"/metrics"_s, open, [this](RequestContext &) -> Result<HttpReply> {
        return HttpReply::bytes(m_metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
    });

    router.get(u"/v1/openapi.json"_s, open,
               [this](RequestContext &) -> Result<HttpReply> { return HttpReply::json(m_openApi); });
}

}   // namespace Conversa::Server
