#pragma once

#include "ApiModule.h"
#include "domain/ChatService.h"
#include "http/HttpRouter.h"
#include "store/ChatStore.h"
#include "store/FileStore.h"
#include "store/MessageStore.h"

namespace Conversa::Server {

class Database;
class JsonWriter;
class ProviderRegistry;
class RealtimeBus;
class RoutingTrigger;

// /v1/messages (the OpenAPI document, docs/PROVIDERS.md): agents' outbound messages, stored pending for the delivery
// worker; one message, read receipts for inbound ones, retry of failed ones.
class MessagesApi final : public ApiModule {
public:
    MessagesApi(Database &db, RoutingTrigger &routing, RealtimeBus &realtime, const ProviderRegistry &providers);
    void registerRoutes(HttpRouter &router) override;

private:
    Result<HttpReply> create(RequestContext &ctx);
    Result<HttpReply> show(RequestContext &ctx);
    Result<HttpReply> markRead(RequestContext &ctx);
    Result<HttpReply> retry(RequestContext &ctx);

    Result<Message> visibleMessage(const RequestContext &ctx);   // its chat visible, else 404
    static HttpReply messageReply(const Message &m, int status = 200);

    Database &m_db;
    RoutingTrigger &m_routing;
    RealtimeBus &m_realtime;
    const ProviderRegistry &m_providers;
    ChatStore m_chats;
    MessageStore m_messages;
    FileStore m_files;
    ChatService m_service;   // who may write to which chat
};

}   // namespace Conversa::Server
