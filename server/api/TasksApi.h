#pragma once

#include "ApiModule.h"
#include "http/HttpRouter.h"
#include "store/ChatStore.h"
#include "store/TaskStore.h"

namespace Conversa::Server {

class Database;

// /v1/tasks (OpenAPI tag tasks): follow-up tasks on clients and chats, with comments. Whoever lacks
// tasks.read_all sees (and may touch) only the tasks assigned to or created by them. A task on a
// chat is on that chat's client.
class TasksApi final : public ApiModule {
public:
    explicit TasksApi(Database &db);
    void registerRoutes(HttpRouter &router) override;

private:
    Result<HttpReply> list(RequestContext &ctx);
    Result<HttpReply> show(RequestContext &ctx);
    Result<HttpReply> create(RequestContext &ctx);
    Result<HttpReply> update(RequestContext &ctx);
    Result<HttpReply> remove(RequestContext &ctx);
    Result<HttpReply> complete(RequestContext &ctx);
    Result<HttpReply> addComment(RequestContext &ctx);

    // The task if the caller may see it; 404 otherwise.
    Result<Task> visibleTask(const RequestContext &ctx);

    TaskStore m_tasks;
    ChatStore m_chats;
};

}   // namespace Conversa::Server
