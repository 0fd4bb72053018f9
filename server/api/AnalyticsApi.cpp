#include "AnalyticsApi.h"

#include "core/Clock.h"
#include "core/Permissions.h"
#include "domain/LiveAnalytics.h"
#include "domain/reports/ReportPeriod.h"
#include "http/ActorOf.h"
#include "http/QueryReader.h"

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
    router.get(u"/v1/analytics/trends"_s,
               {.permission = read, .action = u"analytics.trends"_s, .entityType = u"Analytics"_s},
               [this](RequestContext &ctx) { return trends(ctx); });
}

Result<HttpReply> AnalyticsApi::trends(RequestContext &ctx)
{
    QueryReader in(ctx);
    const QString metric = in.oneOf(u"metric"_s, TrendService::metrics());
    if (metric.isEmpty() && in.ok())
        in.fail(u"metric"_s, QT_TRANSLATE_NOOP("Api", "This field is required"));
    const qint64 campaignId = in.id(u"campaign_id"_s);
    const Result<ReportPeriod> period = ReportPeriod::parse(ctx.query);
    if (!period) {
        // One 422 with every bad parameter: the period's and the metric's.
        for (const FieldError &e : period.error().details())
            in.fail(e.field, e.message, e.args);
    }
    if (!in.ok())
        return in.error();
    const Result<QByteArray> body = m_trends.trend(actorOf(*ctx.user), metric, campaignId, *period, nowSeconds());
    if (!body)
        return body.error();
    return HttpReply::json(*body);
}

}   // namespace Conversa::Server
