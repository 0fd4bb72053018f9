#pragma once

#include "ApiModule.h"
#include "http/HttpRouter.h"
#include "store/BotFlowStore.h"
#include "store/CampaignStore.h"

namespace Conversa::Server {

class Database;
class RealtimeBus;
class RoutingTrigger;

// /v1/campaigns (OpenAPI tag campaigns): campaigns, their WhatsApp numbers and their agents; what
// routing does with them is in docs/ROUTING.md.
class CampaignsApi final : public ApiModule {
public:
    CampaignsApi(Database &db, RoutingTrigger &routing, RealtimeBus &realtime);
    void registerRoutes(HttpRouter &router) override;

private:
    Result<HttpReply> list(RequestContext &ctx);
    Result<HttpReply> show(RequestContext &ctx);
    Result<HttpReply> create(RequestContext &ctx);
    Result<HttpReply> update(RequestContext &ctx);
    Result<HttpReply> remove(RequestContext &ctx);
    Result<HttpReply> assignNumbers(RequestContext &ctx);
    Result<HttpReply> assignAgents(RequestContext &ctx);

    // The full campaign (GET /:id, POST, PUT): hours, numbers with is_primary, agents.
    Result<HttpReply> detailReply(const Campaign &c, int status = 200);
    // A bot_flow_id given (and changed) must name a live bot flow: 422 otherwise.
    Result<Ok> checkBotFlow(const Campaign &c, qint64 before);
    // After the commit, routing looks at the campaign's queue.
    // After the commit, the chat rooms of these users' sockets checked again (they left a campaign).
    void revisitAfterCommit(RequestContext &ctx, const QList<qint64> &userIds);
    void routeAfterCommit(RequestContext &ctx, qint64 campaignId);

    RoutingTrigger &m_routing;
    RealtimeBus &m_realtime;   // agents who leave a campaign leave its chats' rooms
    CampaignStore m_campaigns;
    BotFlowStore m_botFlows;
};

}   // namespace Conversa::Server
