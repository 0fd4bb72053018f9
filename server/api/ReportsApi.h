#pragma once

#include "ApiModule.h"
#include "domain/ReportService.h"
#include "http/HttpRouter.h"

namespace Conversa::Server {

// /v1/reports/… (seed §10; docs/REPORTS.md): the campaign, agent, WhatsApp number and summary
// reports for a period, and an agent's status timeline for a day. Parses the period, calls
// ReportService, answers its JSON.
class ReportsApi final : public ApiModule {
public:
    explicit ReportsApi(Database &db) : m_service(db) {}
    void registerRoutes(HttpRouter &router) override;

private:
    Result<HttpReply> campaign(RequestContext &ctx);
    Result<HttpReply> agent(RequestContext &ctx);
    Result<HttpReply> agentTimeline(RequestContext &ctx);
    Result<HttpReply> number(RequestContext &ctx);
    Result<HttpReply> summary(RequestContext &ctx);

    ReportService m_service;
};

}   // namespace Conversa::Server
