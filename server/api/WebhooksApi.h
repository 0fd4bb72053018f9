#pragma once

#include "ApiModule.h"
#include "domain/BotEngine.h"
#include "domain/InboundPipeline.h"
#include "http/HttpRouter.h"
#include "store/InboundStore.h"
#include "store/NumberStore.h"

namespace Conversa::Server {

class Database;
class ProviderRegistry;
class RealtimeBus;
class RoutingTrigger;
class WhatsAppProvider;
struct ServerConfig;

// /v1/webhooks/whatsapp/{provider}/{number_id}, one pair of routes per provider (the OpenAPI document):
// the provider's notification POSTs and, for providers that verify the URL first (Meta), its
// verification GET. No bearer token: the provider proves each request its own way (Meta signs
// the raw body with X-Hub-Signature-256, WPPConnect carries the number's webhook secret in the
// URL), 401 otherwise. Neither writes an audit row (one per inbound message would flood
// audit_logs); a POST stores its delivery in one transaction and is answered 200 only after it committed.
class WebhooksApi final : public ApiModule {
public:
    WebhooksApi(Database &db, const ServerConfig &config, RoutingTrigger &routing, RealtimeBus &realtime,
                const ProviderRegistry &providers);
    void registerRoutes(HttpRouter &router) override;

private:
    Result<HttpReply> verify(const WhatsAppProvider &provider, RequestContext &ctx);
    Result<HttpReply> receive(const WhatsAppProvider &provider, RequestContext &ctx);
    // The number of the URL with its secrets: live and the provider's, else 404.
    Result<NumberStore::WebhookAccount> account(const WhatsAppProvider &provider, const RequestContext &ctx);
    // Once the delivery is committed: routing looks at new chats, and the realtime events go out.
    void afterCommit(RequestContext &ctx, const InboundSummary &summary);

    Database &m_db;
    const ServerConfig &m_config;
    RoutingTrigger &m_routing;
    RealtimeBus &m_realtime;
    const ProviderRegistry &m_providers;
    NumberStore m_numbers;
    BotEngine m_bot;
    InboundPipeline m_pipeline;
};

}   // namespace Conversa::Server
