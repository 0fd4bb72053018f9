#pragma once

#include "ApiModule.h"
#include "http/HttpRouter.h"
#include "store/BackupStore.h"

namespace Conversa::Server {

class BackupService;
class Database;
class RealtimeBus;
struct ServerConfig;

// /v1/backups (seed §13; docs/BACKUPS.md): the catalog, manual backups written in the
// background (then a `notification` to whoever asked), streamed downloads, uploads of archives
// from another machine, and restores.
class BackupsApi final : public ApiModule {
public:
    BackupsApi(Database &db, BackupService &backups, RealtimeBus &realtime, const ServerConfig &config);
    void registerRoutes(HttpRouter &router) override;

    // The catalog row as the API shows it.
    static QByteArray backupJson(const BackupRecord &record, const QString &message = {});

private:
    Result<HttpReply> list(RequestContext &ctx);
    Result<HttpReply> create(RequestContext &ctx);
    Result<HttpReply> show(RequestContext &ctx);
    Result<HttpReply> download(RequestContext &ctx);
    Result<HttpReply> remove(RequestContext &ctx);
    Result<Deferred> restore(RequestContext &ctx);
    Result<Deferred> upload(RequestContext &ctx);
    // The `notification` event to the user who asked for the backup.
    void notify(const BackupRecord &record);

    BackupStore m_store;
    BackupService &m_backups;
    RealtimeBus &m_realtime;
    const ServerConfig &m_config;
};

}   // namespace Conversa::Server
