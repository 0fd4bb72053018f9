#include "ReportsApi.h"

#include "core/Clock.h"
#include "core/Permissions.h"
#include "domain/reports/ReportPeriod.h"
#include "http/ActorOf.h"
#include "http/QueryReader.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

Result<HttpReply> jsonReply(const Result<QByteArray> &body)
{
    if (!body)
        return body.error();
    return HttpReply::json(*body);
}

}   // namespace

void ReportsApi::registerRoutes(HttpRouter &router)
{
    const QString read = Permissions::kReportsRead;
    const QString entity = u"Report"_s;
    const auto route = [this](Result<HttpReply> (ReportsApi::*member)(RequestContext &)) {
        return [this, member](RequestContext &ctx) { return (this->*member)(ctx); };
    };
    router.get(u"/v1/reports/campaigns/{id}"_s,
               {.permission = read, .action = u"report.campaign"_s, .entityType = entity},
               route(&ReportsApi::campaign));
    // An agent reads its own report without reports.read: ReportService decides.
    router.get(u"/v1/reports/agents/{id}"_s, {.action = u"report.agent"_s, .entityType = entity},
               route(&ReportsApi::agent));
    router.get(u"/v1/reports/agents/{id}/timeline"_s, {.action = u"report.agent_timeline"_s, .entityType = entity},
               route(&ReportsApi::agentTimeline));
    router.get(u"/v1/reports/whatsapp-numbers/{id}"_s,
               {.permission = read, .action = u"report.whatsapp_number"_s, .entityType = entity},
               route(&ReportsApi::number));
    router.get(u"/v1/reports/summary"_s, {.permission = read, .action = u"report.summary"_s, .entityType = entity},
               route(&ReportsApi::summary));
}

Result<HttpReply> ReportsApi::campaign(RequestContext &ctx)
{
    const Result<ReportPeriod> period = ReportPeriod::parse(ctx.query);
    if (!period)
        return period.error();
    return jsonReply(m_service.campaign(actorOf(*ctx.user), ctx.idParam(), *period));
}

Result<HttpReply> ReportsApi::agent(RequestContext &ctx)
{
    const Result<ReportPeriod> period = ReportPeriod::parse(ctx.query);
    if (!period)
        return period.error();
    return jsonReply(m_service.agent(actorOf(*ctx.user), ctx.idParam(), *period, nowSeconds()));
}

Result<HttpReply> ReportsApi::agentTimeline(RequestContext &ctx)
{
    // One local day: the period of from_date = to_date = date.
    QueryReader in(ctx);
    const QString date = in.text(u"date"_s, 10);
    if (date.isEmpty())
        in.fail(u"date"_s, QT_TRANSLATE_NOOP("Api", "This field is required"));
    else if (!QDate::fromString(date, Qt::ISODate).isValid())
        in.fail(u"date"_s, QT_TRANSLATE_NOOP("Api", "Must be a date as YYYY-MM-DD"));
    if (!in.ok())
        return in.error();
    QUrlQuery day = ctx.query;
    day.removeAllQueryItems(u"from_date"_s);
    day.removeAllQueryItems(u"to_date"_s);
    day.addQueryItem(u"from_date"_s, date);
    day.addQueryItem(u"to_date"_s, date);
    const Result<ReportPeriod> period = ReportPeriod::parse(day);
    if (!period)
        return period.error();
    return jsonReply(m_service.agentTimeline(actorOf(*ctx.user), ctx.idParam(), *period, nowSeconds()));
}

Result<HttpReply> ReportsApi::number(RequestContext &ctx)
{
    const Result<ReportPeriod> period = ReportPeriod::parse(ctx.query);
    if (!period)
        return period.error();
    return jsonReply(m_service.number(actorOf(*ctx.user), ctx.idParam(), *period, nowSeconds()));
}

Result<HttpReply> ReportsApi::summary(RequestContext &ctx)
{
    const Result<ReportPeriod> period = ReportPeriod::parse(ctx.query);
    if (!period)
        return period.error();
    return jsonReply(m_service.summary(actorOf(*ctx.user), *period));
}

}   // namespace Conversa::Server
