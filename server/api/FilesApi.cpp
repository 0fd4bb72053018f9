#include "FilesApi.h"

#include "config/ServerConfig.h"
#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "domain/Multipart.h"
#include "store/AuditStore.h"
#include "store/Database.h"

#include <QFile>
#include <QLoggingCategory>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcFiles, "conversa.server.files")

using namespace Qt::StringLiterals;

namespace {

const QStringList kEntityTypes = {u"message"_s, u"client"_s, u"task"_s, u"chat"_s};

// attachment; filename="ascii"; filename*=UTF-8''… (RFC 6266 / RFC 5987) for non-ASCII names.
QByteArray contentDisposition(const QString &name)
{
    QByteArray ascii;
    bool plainAscii = true;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool printable = u >= 0x20 && u < 0x7f;
        plainAscii = plainAscii && printable;
        ascii += printable && u != '"' && u != '\\' ? char(u) : '_';
    }
    QByteArray out = "attachment; filename=\"" + ascii + '"';
    if (!plainAscii)
        out += "; filename*=UTF-8''" + QUrl::toPercentEncoding(name);
    return out;
}

void removeStored(const QString &dataDir, const QString &storagePath, const QString &thumbnailPath)
{
    FileStorage::remove(dataDir, storagePath, thumbnailPath);
}

// What the worker hands back to the request. Bytes no row has claimed go with it: when the insert
// fails, and when the client left before finish could run (the router then skips finish).
struct Upload {
    enum class Outcome { Stored, Refused, Failed } outcome = Outcome::Failed;
    FileRecord record;
    QString dataDir;
    bool claimed = false;

    explicit Upload(QString dir) : dataDir(std::move(dir)) {}
    Upload(const Upload &) = delete;
    Upload &operator=(const Upload &) = delete;
    ~Upload()
    {
        if (outcome == Outcome::Stored && !claimed)
            removeStored(dataDir, record.storagePath, record.thumbnailPath);
    }
};

// Runs on a worker: FileStorage types, previews, hashes and writes the bytes.
void store(Upload &up, const QByteArray &bytes, const QString &originalName)
{
    switch (FileStorage::write(up.dataDir, bytes, originalName, up.record)) {
    case FileStorage::Outcome::Stored: up.outcome = Upload::Outcome::Stored; break;
    case FileStorage::Outcome::Refused: up.outcome = Upload::Outcome::Refused; break;
    case FileStorage::Outcome::Failed: up.outcome = Upload::Outcome::Failed; break;
    }
}

// The fields the audit log records: never the bytes.
QJsonObject auditFields(const FileRecord &f)
{
    QJsonObject o{{u"original_filename"_s, f.originalFilename},
                  {u"filename"_s, f.filename},
                  {u"mime_type"_s, f.mimeType},
                  {u"size_bytes"_s, f.sizeBytes},
                  {u"sha256"_s, f.sha256}};
    if (!f.relatedEntityType.isEmpty()) {
        o.insert(u"related_entity_type"_s, f.relatedEntityType);
        o.insert(u"related_entity_id"_s, f.relatedEntityId);
    }
    return o;
}

}   // namespace

FilesApi::FilesApi(Database &db, const ServerConfig &config) : m_config(config), m_files(db), m_chats(db) {}

void FilesApi::registerRoutes(HttpRouter &router)
{
    const QString file = u"File"_s;
    router.addDeferred("POST", u"/v1/files"_s,
                       {.permission = Permissions::kFilesCreate,
                        .action = u"file.upload"_s,
                        .entityType = file,
                        .rawBody = true},
                       [this](RequestContext &ctx) { return upload(ctx); });
    router.get(u"/v1/files/{id}"_s,
               {.permission = Permissions::kFilesRead, .action = u"file.read"_s, .entityType = file},
               [this](RequestContext &ctx) { return show(ctx); });
    router.get(u"/v1/files/{id}/download"_s,
               {.permission = Permissions::kFilesRead, .action = u"file.download"_s, .entityType = file},
               [this](RequestContext &ctx) { return download(ctx); });
    router.get(u"/v1/files/{id}/thumbnail"_s,
               {.permission = Permissions::kFilesRead, .action = u"file.thumbnail"_s, .entityType = file},
               [this](RequestContext &ctx) { return thumbnail(ctx); });
    router.del(u"/v1/files/{id}"_s,
               {.permission = Permissions::kFilesDelete, .action = u"file.delete"_s, .entityType = file},
               [this](RequestContext &ctx) { return remove(ctx); });
}

bool FilesApi::canSee(const AuthUser &user, const FileRecord &file)
{
    if (!user.can(Permissions::kFilesRead))
        return false;
    return file.uploadedBy == user.id || user.can(Permissions::kChatsReadAll);
}

Result<FileRecord> FilesApi::visibleFile(const RequestContext &ctx, bool throughChats)
{
    Result<FileRecord> file = m_files.live(ctx.idParam());
    if (!file)
        return file.error();
    if (!ctx.user)
        return ApiError::notFound();
    if (canSee(*ctx.user, *file))
        return file;
    if (!throughChats || !ctx.user->can(Permissions::kFilesRead))
        return ApiError::notFound();
    const Result<bool> onChat = m_chats.fileOnVisibleChat(file->id, *ctx.user);
    if (!onChat)
        return onChat.error();
    if (!*onChat)
        return ApiError::notFound();
    return file;
}

QByteArray FilesApi::fileJson(const FileRecord &f) const
{
    const QString base = m_config.publicUrl + u"/v1/files/"_s + QString::number(f.id);
    JsonWriter w(768);
    w.beginObject();
    w.field("id", f.id).field("filename", f.filename).field("original_filename", f.originalFilename);
    w.field("mime_type", f.mimeType).field("size_bytes", f.sizeBytes).field("sha256", f.sha256);
    w.field("file_path", base + u"/download"_s);
    w.stringOrNull("thumbnail_path", f.thumbnailPath.isEmpty() ? QString() : base + u"/thumbnail"_s);
    w.key("width");
    f.width > 0 ? w.value(f.width) : w.null();
    w.key("height");
    f.height > 0 ? w.value(f.height) : w.null();
    w.stringOrNull("related_entity_type", f.relatedEntityType.isEmpty() ? QString() : f.relatedEntityType);
    w.key("related_entity_id");
    f.relatedEntityId > 0 ? w.value(f.relatedEntityId) : w.null();
    w.key("uploaded_by");
    f.uploadedBy > 0 ? w.value(f.uploadedBy) : w.null();
    w.timeOrNull("created_at", f.createdAt);
    w.endObject();
    return w.take();
}

void FilesApi::removeUnlessLive(const QString &storagePath, const QString &thumbnailPath)
{
    // Queued on this thread: it runs once the router has committed or rolled back.
    QTimer::singleShot(0, [this, storagePath, thumbnailPath] {
        const Result<bool> live = m_files.storagePathLive(storagePath);
        if (live && !*live)
            removeStored(m_config.dataDir, storagePath, thumbnailPath);
    });
}

Result<Deferred> FilesApi::upload(RequestContext &ctx)
{
    // The listener refuses bodies over max(upload, JSON) limits; the upload limit itself is here.
    if (ctx.rawBody.size() > m_config.maxUploadBytes)
        return ApiError::payloadTooLarge();
    const std::optional<QByteArray> boundary = Multipart::boundaryOf(ctx.header("content-type"));
    if (!boundary)
        return ApiError::badRequest(QT_TRANSLATE_NOOP("Api", "The body must be multipart/form-data with a boundary"));
    const std::optional<QList<Multipart::Part>> parts = Multipart::parse(ctx.rawBody, *boundary);
    if (!parts)
        return ApiError::badRequest(QT_TRANSLATE_NOOP("Api", "The multipart body is malformed"));

    const Multipart::Part *filePart = nullptr;
    std::optional<QString> entityType;
    std::optional<QString> entityIdText;
    for (const Multipart::Part &part : *parts) {
        if (part.name == "file"_L1 && !filePart)
            filePart = &part;
        else if (part.name == "related_entity_type"_L1)
            entityType = QString::fromUtf8(part.body).trimmed();
        else if (part.name == "related_entity_id"_L1)
            entityIdText = QString::fromUtf8(part.body).trimmed();
    }

    QList<FieldError> errors;
    if (!filePart || !filePart->hasFilename)
        errors.append({u"file"_s, QT_TRANSLATE_NOOP("Api", "A file is required"), {}});
    else if (filePart->body.isEmpty())
        errors.append({u"file"_s, QT_TRANSLATE_NOOP("Api", "The file is empty"), {}});
    // An empty related_entity_* part counts as absent (HTML forms send empty inputs).
    if (entityType && entityType->isEmpty())
        entityType.reset();
    if (entityIdText && entityIdText->isEmpty())
        entityIdText.reset();
    if (entityType && !kEntityTypes.contains(*entityType))
        errors.append(
            {u"related_entity_type"_s, QT_TRANSLATE_NOOP("Api", "Must be one of: %1"), {kEntityTypes.join(u", "_s)}});
    qint64 entityId = 0;
    if (entityIdText) {
        bool isNumber = false;
        entityId = entityIdText->toLongLong(&isNumber);
        if (!isNumber || entityId <= 0)
            errors.append({u"related_entity_id"_s, QT_TRANSLATE_NOOP("Api", "Must be a positive whole number"), {}});
    }
    if (entityType && !entityIdText)
        errors.append({u"related_entity_id"_s, QT_TRANSLATE_NOOP("Api", "This field is required"), {}});
    if (entityIdText && !entityType)
        errors.append({u"related_entity_type"_s, QT_TRANSLATE_NOOP("Api", "This field is required"), {}});
    if (!errors.isEmpty())
        return ApiError::validation(errors);

    // The worker may not touch ctx: it gets copies, and leaves its result here for finish.
    auto result = std::make_shared<Upload>(m_config.dataDir);
    Deferred deferred;
    deferred.work = [result, bytes = filePart->body, name = Multipart::displayName(filePart->filename)] {
        store(*result, bytes, name);
        return QVariant();
    };
    deferred.finish = [this, result, entityType = entityType.value_or(QString()), entityId,
                       uploader = ctx.userId()](RequestContext &ctx, const QVariant &) -> Result<HttpReply> {
        if (result->outcome == Upload::Outcome::Refused) {
            return ApiError::validation(u"file"_s, QT_TRANSLATE_NOOP("Api", "This file type is not accepted"));
        }
        if (result->outcome == Upload::Outcome::Failed)
            return ApiError::internal();
        FileRecord f = result->record;
        f.relatedEntityType = entityType;
        f.relatedEntityId = entityId;
        f.uploadedBy = uploader;
        f.createdAt = nowSeconds();
        const Result<qint64> id = m_files.insert(f, f.createdAt);
        if (!id)
            return id.error();   // the unclaimed bytes go with `result`
        f.id = *id;
        result->claimed = true;
        // Should the commit still fail, no live row will point at the bytes: removed then.
        removeUnlessLive(f.storagePath, f.thumbnailPath);
        ctx.audit.entityId = f.id;
        ctx.audit.changes = AuditStore::diff({}, auditFields(f));
        return HttpReply::json(fileJson(f), 201);
    };
    return deferred;
}

Result<HttpReply> FilesApi::show(RequestContext &ctx)
{
    const Result<FileRecord> file = visibleFile(ctx, true);
    if (!file)
        return file.error();
    return HttpReply::json(fileJson(*file));
}

Result<HttpReply> FilesApi::download(RequestContext &ctx)
{
    const Result<FileRecord> file = visibleFile(ctx, true);
    if (!file)
        return file.error();
    // Uploads are at most maxUploadBytes (16 MiB by default): read whole for now; a streamed
    // reply can replace this when larger files are allowed.
    QFile stored(m_config.dataDir + u'/' + file->storagePath);
    if (!stored.open(QIODevice::ReadOnly)) {
        qCWarning(lcFiles) << "file" << file->id << "has no bytes at" << file->storagePath;
        return ApiError::notFound();
    }
    HttpReply reply = HttpReply::bytes(stored.readAll(), file->mimeType.toLatin1());
    reply.withHeader("Content-Disposition", contentDisposition(file->originalFilename));
    reply.withHeader("Cache-Control", "private, no-store");
    return reply;
}

Result<HttpReply> FilesApi::thumbnail(RequestContext &ctx)
{
    const Result<FileRecord> file = visibleFile(ctx, true);
    if (!file)
        return file.error();
    if (file->thumbnailPath.isEmpty())
        return ApiError::notFound();
    QFile stored(m_config.dataDir + u'/' + file->thumbnailPath);
    if (!stored.open(QIODevice::ReadOnly))
        return ApiError::notFound();
    HttpReply reply = HttpReply::bytes(stored.readAll(), "image/jpeg");
    reply.withHeader("Cache-Control", "private, no-store");
    return reply;
}

Result<HttpReply> FilesApi::remove(RequestContext &ctx)
{
    // Seeing a file through a chat does not make it yours to delete.
    const Result<FileRecord> file = visibleFile(ctx, false);
    if (!file)
        return file.error();
    const qint64 now = nowSeconds();
    CONVERSA_TRY(m_files.softDelete(file->id, now));
    // The bytes go once the soft delete is committed; a rolled-back delete keeps them.
    removeUnlessLive(file->storagePath, file->thumbnailPath);
    ctx.audit.changes = {{u"deleted_at"_s, QJsonObject{{u"from"_s, QJsonValue()}, {u"to"_s, isoTime(now)}}}};
    return HttpReply::noContent();
}

}   // namespace Conversa::Server
