#pragma once

#include "ApiModule.h"
#include "http/HttpRouter.h"
#include "store/ChatStore.h"
#include "store/FileStore.h"
#include "store/MessageStore.h"

class JsonWriter;
struct ServerContext;

// /v1/messages (the OpenAPI document, docs/PROVIDERS.md): agents' outbound messages, stored pending for the delivery
// worker; one message, read receipts for inbound ones, retry of failed ones.
class MessagesApi final : public ApiModule {
public:
    explicit MessagesApi(ServerContext &context);
    void registerRoutes(HttpRouter &router) override;

private:
    Result<HttpReply> create(RequestContext &ctx);
    Result<HttpReply> show(RequestContext &ctx);
    Result<HttpReply> markRead(RequestContext &ctx);
    Result<HttpReply> retry(RequestContext &ctx);

    Result<Message> visibleMessage(const RequestContext &ctx);   // its chat visible, else 404
    static HttpReply messageReply(const Message &m, int status = 200);

    ServerContext &m_context;
    ChatStore m_chats;
    MessageStore m_messages;
    FileStore m_files;
};
