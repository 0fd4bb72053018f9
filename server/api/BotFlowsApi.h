#pragma once

#include "ApiModule.h"
#include "domain/BotFlowService.h"
#include "domain/BotFlowSimulator.h"
#include "domain/BotFlowStatsService.h"
#include "http/HttpRouter.h"

namespace Conversa::Server {

class Database;
struct ServerConfig;

// /v1/bot-flows (docs/BOT_FLOWS.md, OpenAPI tag bot-flows): drafts, their nodes, publishing,
// versions and restoring one; their statistics and simulations. Each handler parses the request, calls BotFlowService (which holds
// the rules) and writes the answer with serialize/BotFlowJson.
class BotFlowsApi final : public ApiModule {
public:
    BotFlowsApi(Database &db, const ServerConfig &config);
    void registerRoutes(HttpRouter &router) override;

private:
    Result<HttpReply> list(RequestContext &ctx);
    Result<HttpReply> show(RequestContext &ctx);
    Result<HttpReply> create(RequestContext &ctx);
    Result<HttpReply> update(RequestContext &ctx);
    Result<HttpReply> upsertNodes(RequestContext &ctx);
    Result<HttpReply> remove(RequestContext &ctx);
    Result<HttpReply> publish(RequestContext &ctx);
    Result<HttpReply> versions(RequestContext &ctx);
    Result<HttpReply> version(RequestContext &ctx);
    Result<HttpReply> restore(RequestContext &ctx);
    Result<HttpReply> stats(RequestContext &ctx);
    Result<HttpReply> simulate(RequestContext &ctx);

    // The flow's answer after a change: its changes go to the audit row, the draft to the body.
    static HttpReply changedReply(RequestContext &ctx, const BotFlowChanged &done, int status = 200);

    BotFlowService m_service;
    BotFlowStatsService m_stats;
    BotFlowSimulator m_simulator;
    const ServerConfig &m_config;
};

}   // namespace Conversa::Server
