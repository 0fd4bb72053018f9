#pragma once

#include "ApiModule.h"
#include "http/HttpRouter.h"
#include "store/ChatStore.h"
#include "store/FileStore.h"

namespace Conversa::Server {

class Database;
struct ServerConfig;

// /v1/files (docs/API.md#uploads): uploads stored under generated names in the data dir,
// typed from their content; metadata, download, thumbnail and delete.
class FilesApi final : public ApiModule {
public:
    FilesApi(Database &db, const ServerConfig &config);
    void registerRoutes(HttpRouter &router) override;

    // Whether `user` may see `file` without asking the database: the uploader, and those who may
    // read every chat (supervisors, admins). Callers answer 404 on false
    // (docs/API.md#roles-and-permissions). Reading also lets in whoever may see a chat with a
    // message carrying the file (visibleFile()).
    static bool canSee(const AuthUser &user, const FileRecord &file);

private:
    Result<Deferred> upload(RequestContext &ctx);
    Result<HttpReply> show(RequestContext &ctx);
    Result<HttpReply> download(RequestContext &ctx);
    Result<HttpReply> thumbnail(RequestContext &ctx);
    Result<HttpReply> remove(RequestContext &ctx);

    // Live and canSee(), or with `throughChats` on a message of a chat the user may see; else 404.
    Result<FileRecord> visibleFile(const RequestContext &ctx, bool throughChats);
    QByteArray fileJson(const FileRecord &file) const;   // the OpenAPI File schema
    // Deletes the stored bytes once no live row points at them any more: run after the request's
    // transaction ends, so a rolled-back upload leaves nothing and a rolled-back delete keeps its bytes.
    void removeUnlessLive(const QString &storagePath, const QString &thumbnailPath);

    const ServerConfig &m_config;   // the data dir, the public URL, the upload limit
    FileStore m_files;
    ChatStore m_chats;
};

}   // namespace Conversa::Server
