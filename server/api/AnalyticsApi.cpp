#include "AnalyticsApi.h"

#include "core/Permissions.h"
#include "domain/LiveAnalytics.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

void AnalyticsApi::registerRoutes(HttpRouter &router)
{
    const QString read = Permissions::kAnalyticsRead;
    router.get(u"/v1/analytics/live"_s,
               {.permission = read, .action = u"analytics.live"_s, .entityType = u"Analytics"_s},
               [this](RequestContext &) -> Result<HttpReply> {
                   const Result<QByteArray> body = m_analytics.live(QDateTime::currentMSecsSinceEpoch());
                   if (!body)
                       return body.error();
                   return HttpReply::json(*body);
               });
    router.get(u"/v1/analytics/queues/{id}"_s,
               {.permission = read, .action = u"analytics.queue"_s, .entityType = u"Campaign"_s},
               [this](RequestContext &ctx) -> Result<HttpReply> {
                   const Result<QByteArray> body =
                       m_analytics.queue(ctx.idParam(), QDateTime::currentMSecsSinceEpoch());
                   if (!body)
                       return body.error();
                   return HttpReply::json(*body);
               });
}

}   // namespace Conversa::Server
