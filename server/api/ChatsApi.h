#pragma once

#include "ApiModule.h"
#include "domain/BotEngine.h"
#include "domain/ChatService.h"
#include "http/HttpRouter.h"
#include "store/ChatStore.h"
#include "store/MessageStore.h"

namespace Conversa::Server {

class Database;
class ProviderRegistry;
class RealtimeBus;
class RoutingTrigger;

// /v1/chats (the OpenAPI document, docs/ROUTING.md): the inbox list, one chat, and what agents and supervisors do
// to it: each parses the request, calls ChatService (which holds the rules) and writes the answer.
class ChatsApi final : public ApiModule {
public:
    ChatsApi(Database &db, RoutingTrigger &routing, RealtimeBus &realtime, const ProviderRegistry &providers,
             BotEngineSettings bot);
    void registerRoutes(HttpRouter &router) override;

private:
    Result<HttpReply> list(RequestContext &ctx);
    Result<HttpReply> show(RequestContext &ctx);
    Result<HttpReply> assign(RequestContext &ctx);
    Result<HttpReply> transfer(RequestContext &ctx);
    Result<HttpReply> close(RequestContext &ctx);
    Result<HttpReply> reopen(RequestContext &ctx);
    Result<HttpReply> addTag(RequestContext &ctx);
    Result<HttpReply> removeTag(RequestContext &ctx);
    Result<HttpReply> transferOptions(RequestContext &ctx);
    Result<HttpReply> addNote(RequestContext &ctx);
    Result<HttpReply> setPriority(RequestContext &ctx);
    Result<HttpReply> messages(RequestContext &ctx);

    static Actor chatActor(RequestContext &ctx);   // the caller; also names the audit entity
    Result<HttpReply> detail(qint64 chatId);       // the OpenAPI document, read back after a change

    Database &m_db;
    RoutingTrigger &m_routing;
    RealtimeBus &m_realtime;
    ChatStore m_chats;
    MessageStore m_messages;
    ChatService m_service;
    BotEngine m_bot;   // a reopened chat its agent cannot take goes back to the campaign's bot
};

}   // namespace Conversa::Server
