#pragma once

#include "ApiModule.h"
#include "http/HttpRouter.h"
#include "store/ChatStore.h"
#include "store/ClientStore.h"
#include "store/TaskStore.h"

namespace Conversa::Server {

class AuditStore;
class Database;
struct ServerConfig;

// /v1/clients (OpenAPI tag clients): the client directory, tags, CSV import and export.
class Validator;

class ClientsApi final : public ApiModule {
public:
    ClientsApi(Database &db, AuditStore &audit, const ServerConfig &config);
    void registerRoutes(HttpRouter &router) override;

    static constexpr qint64 kExportMaxRows = 100000;

private:
    Result<HttpReply> list(RequestContext &ctx);
    Result<HttpReply> show(RequestContext &ctx);
    Result<HttpReply> create(RequestContext &ctx);
    Result<HttpReply> update(RequestContext &ctx);
    Result<HttpReply> remove(RequestContext &ctx);
    Result<HttpReply> addTag(RequestContext &ctx);
    Result<HttpReply> removeTag(RequestContext &ctx);
    Result<Deferred> importCsv(RequestContext &ctx);
    Result<Deferred> exportCsv(RequestContext &ctx);

    // GET /v1/clients/{id} (OpenAPI document), with the chats the caller may see.
    Result<HttpReply> clientReply(const Client &client, const RequestContext &ctx, int status = 200);

    Database &m_db;
    AuditStore &m_audit;   // the import writes its audit row in its own transaction
    const ServerConfig &m_config;
    ClientStore m_clients;   // stateless over Database: safe on worker threads too
    ChatStore m_chats;
    TaskStore m_tasks;
};

}   // namespace Conversa::Server
