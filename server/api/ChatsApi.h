#pragma once

#include "ApiModule.h"
#include "http/HttpRouter.h"
#include "store/ChatStore.h"
#include "store/MessageStore.h"

class Database;
struct ServerContext;

// /v1/chats (seed §5, CONTRACT §4): the inbox list, one chat, and what agents and supervisors do
// to it. Moves between statuses are ChatStateMachine's; a chat the caller may not see is 404.
class ChatsApi final : public ApiModule {
public:
    explicit ChatsApi(ServerContext &context);
    void registerRoutes(HttpRouter &router) override;

    // GET /chats/:id's body (seed §5.2), also the `chat` of realtime events.
    static Result<QByteArray> chatJson(Database &db, qint64 chatId);

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

    Result<Chat> visibleChat(RequestContext &ctx);   // also names the audit entity
    Result<HttpReply> detail(qint64 chatId);         // seed §5.2, read back after a change
    // After the commit, routing looks at these campaigns and at the campaigns of the agent who
    // has room again (0: none).
    void routeAfterCommit(RequestContext &ctx, const QList<qint64> &campaigns, qint64 freedAgentId);
    void chatUpdatedAfterCommit(RequestContext &ctx, qint64 chatId);   // chat.updated once committed

    ServerContext &m_context;
    ChatStore m_chats;
    MessageStore m_messages;
};
