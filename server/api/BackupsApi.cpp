#include "BackupsApi.h"

#include "config/ServerConfig.h"
#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "core/Translator.h"
#include "core/Validator.h"
#include "domain/AuthService.h"
#include "domain/BackupService.h"
#include "domain/Multipart.h"
#include "http/QueryReader.h"
#include "realtime/RealtimeBus.h"
#include "store/AuditStore.h"
#include "store/Database.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

const QStringList kBackupStatuses = {u"in_progress"_s, u"completed"_s, u"failed"_s};

// The audit log's view of a row: what it is, never where the server keeps it beyond its name.
QJsonObject auditFields(const BackupRecord &r)
{
    QJsonObject o{{u"backup_type"_s, r.backupType},
                  {u"storage_location"_s, r.storageLocation},
                  {u"status"_s, r.status},
                  {u"origin"_s, r.origin}};
    if (!r.fileName.isEmpty())
        o.insert(u"file_name"_s, r.fileName);
    if (r.sizeBytes > 0)
        o.insert(u"size_bytes"_s, r.sizeBytes);
    return o;
}

// What a restore or an upload worker hands back to its request.
struct RestoreResult {
    Result<RestoreOutcome> outcome = ApiError::internal();
};
struct UploadResult {
    Result<BackupManifest> manifest = ApiError::internal();
    QString path;   // the verified archive, still to be claimed by a catalog row
    bool claimed = false;
    ~UploadResult()
    {
        if (!claimed && !path.isEmpty())
            QFile::remove(path);
    }
};

}   // namespace

BackupsApi::BackupsApi(Database &db, BackupService &backups, RealtimeBus &realtime, const ServerConfig &config)
    : m_store(db), m_backups(backups), m_realtime(realtime), m_config(config)
{}

void BackupsApi::registerRoutes(HttpRouter &router)
{
    const QString backup = u"Backup"_s;
    router.get(u"/v1/backups"_s,
               {.permission = Permissions::kBackupsRead, .action = u"backup.list"_s, .entityType = backup},
               [this](RequestContext &ctx) { return list(ctx); });
    router.post(u"/v1/backups"_s,
                {.permission = Permissions::kBackupsCreate, .action = u"backup.create"_s, .entityType = backup},
                [this](RequestContext &ctx) { return create(ctx); });
    router.addDeferred("POST", u"/v1/backups/upload"_s,
                       {.permission = Permissions::kBackupsRestore,
                        .action = u"backup.upload"_s,
                        .entityType = backup,
                        .rawBody = true},
                       [this](RequestContext &ctx) { return upload(ctx); });
    router.get(u"/v1/backups/{id}"_s,
               {.permission = Permissions::kBackupsRead, .action = u"backup.read"_s, .entityType = backup},
               [this](RequestContext &ctx) { return show(ctx); });
    // A download carries every password hash and message: audited when it is handed out.
    router.get(u"/v1/backups/{id}/download"_s,
               {.permission = Permissions::kBackupsRead,
                .action = u"backup.download"_s,
                .entityType = backup,
                .auditRead = true},
               [this](RequestContext &ctx) { return download(ctx); });
    router.addDeferred("POST", u"/v1/backups/{id}/restore"_s,
                       {.permission = Permissions::kBackupsRestore,
                        .action = u"backup.restore"_s,
                        .entityType = backup,
                        .transactional = false},
                       [this](RequestContext &ctx) { return restore(ctx); });
    router.del(u"/v1/backups/{id}"_s,
               {.permission = Permissions::kBackupsDelete, .action = u"backup.delete"_s, .entityType = backup},
               [this](RequestContext &ctx) { return remove(ctx); });
}

QByteArray BackupsApi::backupJson(const BackupRecord &r, const QString &message)
{
    JsonWriter w(512);
    w.beginObject();
    w.field("id", r.id).field("backup_type", r.backupType).field("storage_location", r.storageLocation);
    w.field("status", r.status).field("origin", r.origin);
    w.stringOrNull("file_name", r.fileName);
    w.key("size_bytes");
    r.sizeBytes > 0 ? w.value(r.sizeBytes) : w.null();
    w.stringOrNull("sha256", r.sha256).stringOrNull("engine", r.engine);
    w.key("schema_version");
    r.schemaVersion > 0 ? w.value(r.schemaVersion) : w.null();
    w.stringOrNull("error", r.error);
    w.key("created_by");
    r.createdBy > 0 ? w.value(r.createdBy) : w.null();
    w.timeOrNull("started_at", r.startedAt).timeOrNull("finished_at", r.finishedAt);
    w.stringOrNull("download_url", r.status == "completed"_L1 ? u"/v1/backups/%1/download"_s.arg(r.id) : QString());
    if (!message.isEmpty())
        w.field("message", message);
    w.endObject();
    return w.take();
}

Result<HttpReply> BackupsApi::list(RequestContext &ctx)
{
    QueryReader in(ctx);
    const QString status = in.oneOf(u"status"_s, kBackupStatuses);
    const PageRequest page = in.page();
    if (!in.ok())
        return in.error();
    const Result<qint64> total = m_store.count(status);
    CONVERSA_TRY(total);
    const Result<QList<BackupRecord>> rows = m_store.list(status, page);
    CONVERSA_TRY(rows);
    JsonWriter json(256 + rows->size() * 512);
    json.beginObject().key("data").beginArray();
    for (const BackupRecord &r : *rows)
        json.raw(backupJson(r));
    json.endArray();
    json.pageMeta(page, *total);
    json.endObject();
    return HttpReply::json(json.take());
}

Result<HttpReply> BackupsApi::create(RequestContext &ctx)
{
    Validator v(ctx.body);
    const std::optional<QString> type = v.oneOf(u"backup_type"_s, {u"full"_s}, false);
    const std::optional<QString> location = v.oneOf(u"storage_location"_s, {u"local"_s}, false);
    if (!v.ok())
        return v.error();
    Q_UNUSED(type);
    Q_UNUSED(location);
    if (m_backups.restoring())
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A restore is running; try again when it has finished"));
    Result<BackupRecord> record = m_backups.begin(u"manual"_s, ctx.userId());
    CONVERSA_TRY(record);
    ctx.audit.entityId = record->id;
    ctx.audit.changes = AuditStore::diff({}, auditFields(*record));
    // The archive is written once the row is committed, on the backup thread.
    ctx.afterCommit(
        [this, id = record->id] { m_backups.enqueue(id, [this](const BackupRecord &done) { notify(done); }); });
    return HttpReply::json(
        backupJson(*record,
                   ctx.text(QT_TRANSLATE_NOOP("Api", "Backup started. You will get a notification when it finishes."))),
        201);
}

void BackupsApi::notify(const BackupRecord &record)
{
    if (record.createdBy <= 0)
        return;
    const bool ok = record.status == "completed"_L1;
    // The receiver's language is unknown here: the event carries both.
    const char *message =
        ok ? QT_TRANSLATE_NOOP("Api", "The backup has finished.") : QT_TRANSLATE_NOOP("Api", "The backup failed.");
    JsonWriter w(768);
    w.beginObject()
        .field("type", ok ? u"backup.completed"_s : u"backup.failed"_s)
        .field("backup_id", record.id)
        .field("status", record.status)
        .field("message", translated(Language::Spanish, "Api", message))
        .field("message_en", translated(Language::English, "Api", message))
        .key("backup")
        .raw(backupJson(record))
        .endObject();
    m_realtime.publish({u"user:"_s + QString::number(record.createdBy)}, u"notification"_s, w.take());
}

Result<HttpReply> BackupsApi::show(RequestContext &ctx)
{
    const Result<BackupRecord> record = m_store.find(ctx.idParam());
    CONVERSA_TRY(record);
    return HttpReply::json(backupJson(*record));
}

Result<HttpReply> BackupsApi::download(RequestContext &ctx)
{
    const Result<BackupRecord> record = m_store.find(ctx.idParam());
    CONVERSA_TRY(record);
    const QString path = m_backups.archivePath(*record);
    if (record->status != "completed"_L1 || record->fileName.isEmpty() || !QFileInfo::exists(path))
        return ApiError::notFound();
    ctx.audit.changes = {{u"file_name"_s, record->fileName}, {u"size_bytes"_s, record->sizeBytes}};
    return HttpReply::file(path, "application/zip", record->fileName)
        .withHeader("X-Backup-SHA256", record->sha256.toLatin1());
}

Result<HttpReply> BackupsApi::remove(RequestContext &ctx)
{
    const Result<BackupRecord> record = m_store.find(ctx.idParam());
    CONVERSA_TRY(record);
    if (record->status == "in_progress"_L1)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "The backup is still being written"));
    CONVERSA_TRY(m_store.remove(record->id));
    ctx.audit.changes = AuditStore::diff(auditFields(*record), {});
    // The file goes once the delete is committed; a rolled-back delete keeps it.
    if (!record->fileName.isEmpty())
        ctx.afterCommit([path = m_backups.archivePath(*record)] { QFile::remove(path); });
    return HttpReply::noContent();
}

Result<Deferred> BackupsApi::restore(RequestContext &ctx)
{
    const Result<BackupRecord> record = m_store.find(ctx.idParam());
    CONVERSA_TRY(record);
    const QString path = m_backups.archivePath(*record);
    if (record->status != "completed"_L1 || record->fileName.isEmpty() || !QFileInfo::exists(path))
        return ApiError::validation(u"id"_s, QT_TRANSLATE_NOOP("Api", "Only a completed backup can be restored"));
    if (m_backups.restoring())
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A restore is already running"));
    if (m_backups.writing())
        return ApiError::conflict(
            QT_TRANSLATE_NOOP("Api", "A backup is being written; try again when it has finished"));
    RestoreActor actor{ctx.userId(), ctx.user ? ctx.user->email : QString(), ctx.ip, ctx.userAgent};
    auto result = std::make_shared<RestoreResult>();
    Deferred deferred;
    // On a worker: checks, unpacks and swaps; the restore's audit row goes into the restored log.
    deferred.work = [this, result, path, actor] {
        result->outcome = m_backups.restore(path, actor);
        return QVariant();
    };
    deferred.finish = [result, id = record->id](RequestContext &ctx, const QVariant &) -> Result<HttpReply> {
        if (!result->outcome)
            return result->outcome.error();
        ctx.audit.skip = true;   // written by the restore itself, in the restored database
        const RestoreOutcome &done = *result->outcome;
        QJsonObject body{{u"restored"_s, true},
                         {u"backup_id"_s, id},
                         {u"archive_created_at"_s, done.manifest.createdAt},
                         {u"archive_schema_version"_s, done.manifest.schemaVersion},
                         {u"schema_version"_s, done.schemaVersion}};
        if (done.tokens) {
            body.insert(u"access_token"_s, QString::fromLatin1(done.tokens->accessToken));
            body.insert(u"refresh_token"_s, QString::fromLatin1(done.tokens->refreshToken));
            body.insert(u"expires_in"_s, AuthService::kAccessTokenSeconds);
        }
        return HttpReply::json(body);
    };
    return deferred;
}

Result<Deferred> BackupsApi::upload(RequestContext &ctx)
{
    if (ctx.rawBody.size() > m_config.maxBackupUploadBytes)
        return ApiError::payloadTooLarge();
    const std::optional<QByteArray> boundary = Multipart::boundaryOf(ctx.header("content-type"));
    if (!boundary)
        return ApiError::badRequest(QT_TRANSLATE_NOOP("Api", "The body must be multipart/form-data with a boundary"));
    const std::optional<QList<Multipart::Part>> parts = Multipart::parse(ctx.rawBody, *boundary);
    if (!parts)
        return ApiError::badRequest(QT_TRANSLATE_NOOP("Api", "The multipart body is malformed"));
    const Multipart::Part *filePart = nullptr;
    for (const Multipart::Part &part : *parts) {
        if (part.name == "file"_L1 && part.hasFilename && !filePart)
            filePart = &part;
    }
    if (!filePart || filePart->body.isEmpty())
        return ApiError::validation(u"file"_s, QT_TRANSLATE_NOOP("Api", "A file is required"));

    auto result = std::make_shared<UploadResult>();
    const QString dir = m_backups.backupDir();
    Deferred deferred;
    deferred.work = [this, result, dir, bytes = filePart->body] {
        QDir().mkpath(dir);
        QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        result->path = QDir(dir).filePath(u".upload-"_s + QUuid::createUuid().toString(QUuid::Id128) + u".zip"_s);
        QFile file(result->path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly) || file.write(bytes) != bytes.size() ||
            !file.flush()) {
            result->manifest = ApiError::internal();
            return QVariant();
        }
        file.close();
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);   // as the archives written here
        result->manifest = m_backups.verify(result->path);
        if (!result->manifest) {   // refused: not kept a moment longer
            QFile::remove(result->path);
            result->path.clear();
        }
        return QVariant();
    };
    deferred.finish = [this, result](RequestContext &ctx, const QVariant &) -> Result<HttpReply> {
        if (!result->manifest)
            return result->manifest.error();
        Result<BackupRecord> record = m_backups.begin(u"upload"_s, ctx.userId());
        CONVERSA_TRY(record);
        record->status = u"completed"_s;
        record->fileName =
            u"conversa-backup-upload-%1-%2.zip"_s.arg(QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s),
                                                      QString::number(record->id));
        record->sizeBytes = QFileInfo(result->path).size();
        record->sha256 = QString::fromLatin1(BackupArchive::fileSha256(result->path));
        record->engine = result->manifest->engine;
        record->schemaVersion = result->manifest->schemaVersion;
        record->finishedAt = nowSeconds();
        CONVERSA_TRY(m_store.complete(*record));
        if (!QFile::rename(result->path, m_backups.archivePath(*record)))
            return ApiError::internal();
        result->claimed = true;
        ctx.audit.entityId = record->id;
        ctx.audit.changes = AuditStore::diff({}, auditFields(*record));
        return HttpReply::json(backupJson(*record), 201);
    };
    return deferred;
}

}   // namespace Conversa::Server
