#pragma once

#include "ApiModule.h"
#include "http/HttpRouter.h"

namespace Conversa::Server {

class LiveAnalytics;

// /v1/analytics/live and /v1/analytics/queues/{id} (issue 5): the live dashboard and one
// campaign's queue, from LiveAnalytics (at most a second old; figures defined in
// docs/REPORTS.md#live-dashboard-implemented). Needs analytics.read.
class AnalyticsApi final : public ApiModule {
public:
    explicit AnalyticsApi(LiveAnalytics &analytics) : m_analytics(analytics) {}
    void registerRoutes(HttpRouter &router) override;

private:
    LiveAnalytics &m_analytics;
};

}   // namespace Conversa::Server
