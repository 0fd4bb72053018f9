#pragma once

#include "ApiModule.h"
#include "domain/TrendService.h"
#include "http/HttpRouter.h"

namespace Conversa::Server {

class LiveAnalytics;

// /v1/analytics/live and /v1/analytics/queues/{id} (issue 5): the live dashboard and one
// campaign's queue, from LiveAnalytics (at most a second old; figures defined in
// docs/REPORTS.md#live-dashboard-implemented); /v1/analytics/trends (issue 14): one metric over a
// period, from TrendService. Needs analytics.read.
class AnalyticsApi final : public ApiModule {
public:
    AnalyticsApi(LiveAnalytics &analytics, Database &db) : m_analytics(analytics), m_trends(db) {}
    void registerRoutes(HttpRouter &router) override;

private:
    Result<HttpReply> trends(RequestContext &ctx);

    LiveAnalytics &m_analytics;
    TrendService m_trends;
};

}   // namespace Conversa::Server
