#include "BackupService.h"

#include "core/Permissions.h"
#include "core/Translator.h"
#include "store/AuditStore.h"
#include "store/BackupDump.h"
#include "store/Database.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStorageInfo>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcBackups, "conversa.server.backups")

namespace {

QString englishMessage(const ApiError &error)
{
    QString text = translated(Language::English, "Api", error.message(), error.args());
    for (const FieldError &d : error.details())
        text = translated(Language::English, "Api", d.message, d.args);
    return text;
}

// A scratch directory inside the data dir (same file system: the final renames are atomic).
QString scratchDir(const QString &parent, const QString &prefix)
{
    return QDir(parent).filePath(prefix + QUuid::createUuid().toString(QUuid::Id128).left(12));
}

// Regular files under dir (no links), relative to it, in a stable order.
QStringList regularFilesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!it.fileInfo().isSymLink())
            out.append(QDir(dir).relativeFilePath(path));
    }
    out.sort();
    return out;
}

}   // namespace

BackupService::BackupService(Database &db, AuthService &auth, BackupSettings settings)
    : m_db(db), m_auth(auth), m_settings(std::move(settings)), m_store(db)
{
    m_thread.setMaxThreadCount(1);
    m_thread.setExpiryTimeout(-1);   // keeps its database connection
}

BackupService::~BackupService()
{
    stop();
}

void BackupService::stop()
{
    m_thread.waitForDone();
}

QString BackupService::backupDir() const
{
    return QDir(m_settings.dataDir).filePath(u"backups"_s);
}

QString BackupService::archivePath(const BackupRecord &record) const
{
    return QDir(backupDir()).filePath(record.fileName);
}

QString BackupService::filesDir() const
{
    return QDir(m_settings.dataDir).filePath(u"files"_s);
}

Result<BackupRecord> BackupService::begin(const QString &origin, qint64 createdBy)
{
    BackupRecord record;
    record.origin = origin;
    record.createdBy = createdBy;
    record.startedAt = nowSeconds();
    record.engine = BackupDump::engineName(m_db.dialect());
    Result<qint64> id = m_store.insert(record);
    if (!id)
        return id.error();
    record.id = *id;
    return record;
}

void BackupService::enqueue(qint64 id, std::function<void(const BackupRecord &)> done)
{
    ++m_writing;
    m_thread.start([this, id, done = std::move(done)] {
        const BackupRecord record = run(id);
        --m_writing;
        if (done)
            done(record);
    });
}

BackupRecord BackupService::run(qint64 id)
{
    Result<BackupRecord> found = m_store.find(id);
    if (!found)
        return {};
    BackupRecord record = *found;
    const Result<Ok> written = writeArchive(record);
    record.finishedAt = nowSeconds();
    Transaction tx(m_db);
    if (written) {
        record.status = u"completed"_s;
        record.error.clear();
        if (m_store.complete(record))
            audit(record.createdBy, u"backup.completed"_s, record.id,
                  {{u"file_name"_s, record.fileName},
                   {u"size_bytes"_s, record.sizeBytes},
                   {u"sha256"_s, record.sha256},
                   {u"schema_version"_s, record.schemaVersion}},
                  true);
    } else {
        record.status = u"failed"_s;
        record.error = englishMessage(written.error());
        QFile::remove(archivePath(record));
        record.fileName.clear();
        record.sizeBytes = 0;
        record.sha256.clear();
        if (m_store.fail(record.id, record.error, record.finishedAt))
            audit(record.createdBy, u"backup.failed"_s, record.id, {{u"error"_s, record.error}}, false);
    }
    if (!tx.commit())
        qCWarning(lcBackups) << "cannot record the end of backup" << record.id;
    qCInfo(lcBackups).noquote() << "backup" << record.id << record.status
                                << (record.error.isEmpty() ? record.fileName : record.error);
    return record;
}

Result<Ok> BackupService::writeArchive(BackupRecord &record)
{
    if (m_restoring.load())
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A restore is running; try again when it has finished"));
    if (!QDir().mkpath(backupDir()))
        return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The backup directory is not writable"));
    // Archives hold every password hash and message: for the server's user only.
    QFile::setPermissions(backupDir(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QString work = scratchDir(backupDir(), u".work-"_s);
    if (!QDir().mkpath(work))
        return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The backup directory is not writable"));
    // Whatever happens below, the scratch directory and the partial archive go.
    const QString partial = work + u"/archive.zip"_s;
    struct Cleanup {
        QString dir;
        ~Cleanup() { QDir(dir).removeRecursively(); }
    } cleanup{work};

    BackupManifest manifest;
    manifest.engine = BackupDump::engineName(m_db.dialect());
    manifest.schemaVersion = m_db.schemaVersion();
    manifest.serverVersion = m_settings.serverVersion;
    manifest.createdAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);

    // The database first: the files it names were written before it (uploads store bytes, then the row).
    const QString dumpPath = work + u"/database"_s;
    QString why;
    if (!BackupDump::dump(m_db, dumpPath, &why)) {
        qCWarning(lcBackups).noquote() << "database dump failed:" << why;
        return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The database could not be copied"));
    }
    QList<BackupArchive::Source> sources{{BackupDump::entryName(m_db.dialect()), dumpPath, true}};
    for (const QString &relative : regularFilesUnder(filesDir())) {
        const QString entry = u"files/"_s + relative;
        if (!BackupArchive::safeEntryName(entry)) {   // a restore would refuse the whole archive
            qCWarning(lcBackups).noquote() << "not backed up, unsafe name:" << relative;
            continue;
        }
        sources.append({entry, QDir(filesDir()).filePath(relative), false});
    }

    CONVERSA_TRY(BackupArchive::write(partial, manifest, sources));
    // Read back what was written, every hash, before the archive counts as a backup.
    CONVERSA_TRY(BackupArchive::read(partial, m_settings.limits));

    const QString name =
        u"conversa-backup-%1-%2.zip"_s.arg(QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s),
                                           QString::number(record.id));
    const QString final = QDir(backupDir()).filePath(name);
    QFile::remove(final);
    if (!QFile::rename(partial, final))
        return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The backup directory is not writable"));
    QFile::setPermissions(final, QFile::ReadOwner | QFile::WriteOwner);
    record.fileName = name;
    record.sizeBytes = QFileInfo(final).size();
    record.sha256 = QString::fromLatin1(BackupArchive::fileSha256(final));
    record.engine = manifest.engine;
    record.schemaVersion = manifest.schemaVersion;
    return Ok{};
}

Result<Ok> BackupService::checkAgainstServer(const BackupManifest &manifest) const
{
    const QString engine = BackupDump::engineName(m_db.dialect());
    if (manifest.engine != engine) {
        return ApiError::validation(u"archive"_s,
                                    QT_TRANSLATE_NOOP("Api", "The archive holds a %1 database; this server uses %2"),
                                    {manifest.engine, engine});
    }
    const int latest = BackupDump::latestSchemaVersion(m_db.dialect());
    if (manifest.schemaVersion > latest) {
        return ApiError::validation(
            u"archive"_s,
            QT_TRANSLATE_NOOP("Api", "The archive has schema version %1, newer than this server's %2: upgrade first"),
            {QString::number(manifest.schemaVersion), QString::number(latest)});
    }
    bool hasDatabase = false;
    for (const BackupManifest::Entry &e : manifest.entries)
        hasDatabase = hasDatabase || e.path == BackupDump::entryName(m_db.dialect());
    if (!hasDatabase)
        return ApiError::validation(u"archive"_s, QT_TRANSLATE_NOOP("Api", "The archive holds no database"));
    return Ok{};
}

Result<BackupManifest> BackupService::verify(const QString &archivePath) const
{
    Result<BackupManifest> manifest = BackupArchive::read(archivePath, m_settings.limits);
    if (!manifest)
        return manifest;
    CONVERSA_TRY(checkAgainstServer(*manifest));
    return manifest;
}

Result<RestoreOutcome> BackupService::restore(const QString &archivePath, const RestoreActor &actor)
{
    bool expected = false;
    if (!m_restoring.compare_exchange_strong(expected, true))
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A restore is already running"));
    struct Release {
        std::atomic<bool> &flag;
        ~Release() { flag = false; }
    } release{m_restoring};
    // An archive being written would copy half of the old data and half of the new.
    if (writing())
        return ApiError::conflict(
            QT_TRANSLATE_NOOP("Api", "A backup is being written; try again when it has finished"));

    // 1. The whole archive checked before anything is touched.
    Result<BackupManifest> manifest = verify(archivePath);
    if (!manifest)
        return manifest.error();
    const QStorageInfo disk(m_settings.dataDir);
    if (disk.isValid() && disk.bytesAvailable() < manifest->totalSize() + (qint64(64) << 20))
        return ApiError::validation(u"archive"_s,
                                    QT_TRANSLATE_NOOP("Api", "Not enough free disk space to restore this archive"));

    // 2. Unpacked beside the live data, each entry hashed again as it is written.
    const QString stage = scratchDir(m_settings.dataDir, u"restore-"_s);
    struct Cleanup {
        QString dir;
        ~Cleanup() { QDir(dir).removeRecursively(); }
    } cleanup{stage};
    Result<BackupManifest> unpacked = BackupArchive::read(archivePath, m_settings.limits, stage);
    if (!unpacked)
        return unpacked.error();
    const QString dumpPath = QDir(stage).filePath(BackupDump::entryName(m_db.dialect()));
    int dumpSchema = manifest->schemaVersion;
    QString why;
    if (!BackupDump::check(m_db.dialect(), dumpPath, &dumpSchema, &why) || dumpSchema != manifest->schemaVersion) {
        qCWarning(lcBackups).noquote() << "restore refused:" << why << "schema" << dumpSchema;
        return ApiError::validation(u"archive"_s, QT_TRANSLATE_NOOP("Api", "The backup archive is damaged: %1"),
                                    {u"database"_s});
    }

    // What survives the restore: this installation's archive catalog, and whose sockets to end.
    Result<QList<BackupRecord>> catalog = m_store.all();
    Result<QList<qint64>> usersBefore = m_store.userIds();
    if (!catalog || !usersBefore)
        return ApiError::internal();

    // 3. Files swapped by renames, then the database replaced in one transaction; a database
    // failure puts the previous files back.
    const QString live = filesDir();
    const QString previous = QDir(stage).filePath(u"previous-files"_s);
    const QString incoming = QDir(stage).filePath(u"files"_s);
    if (!QDir().mkpath(incoming) || (QFileInfo::exists(live) && !QDir().rename(live, previous)))
        return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The data directory is not writable"));
    if (!QDir().rename(incoming, live)) {
        QDir().rename(previous, live);
        return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The data directory is not writable"));
    }
    if (!BackupDump::load(m_db, dumpPath, &why)) {
        qCWarning(lcBackups).noquote() << "restore failed, nothing changed:" << why;
        QDir().rename(live, incoming);
        QDir().rename(previous, live);
        return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The database could not be restored"));
    }

    // 4. The restored database brought up to this server's schema, its logins ended, the
    // catalog put back, the restore audited in it and the admin signed in again.
    RestoreOutcome outcome;
    outcome.manifest = *manifest;
    if (!m_db.migrate())
        qCCritical(lcBackups) << "the restored database could not be migrated";
    outcome.schemaVersion = m_db.schemaVersion();
    Transaction tx(m_db);
    const qint64 now = nowSeconds();
    CONVERSA_TRY(m_store.replaceAll(*catalog));
    CONVERSA_TRY(m_store.revokeAllSessions(u"restore"_s, now));
    qint64 restoredUserId = 0;
    if (!actor.email.isEmpty()) {
        SqlQuery q(m_db, "SELECT id FROM users WHERE LOWER(email) = LOWER(?) AND deleted_at IS NULL", {actor.email});
        if (q.exec() && q.next())
            restoredUserId = q.integer(0);
    }
    if (restoredUserId > 0) {
        Result<AuthUser> user = m_auth.loadUser(restoredUserId);
        if (user && user->status == "active"_L1 && user->can(Permissions::kBackupsRestore)) {
            Result<IssuedTokens> tokens = m_auth.openSession(*user, actor.ip, actor.userAgent);
            if (tokens) {
                outcome.tokens = *tokens;
                outcome.user = *user;
            }
        }
    }
    audit(outcome.user ? restoredUserId : 0, u"backup.restore"_s, 0,
          {{u"archive"_s, QFileInfo(archivePath).fileName()},
           {u"archive_created_at"_s, manifest->createdAt},
           {u"archive_schema_version"_s, manifest->schemaVersion},
           {u"schema_version"_s, outcome.schemaVersion},
           {u"restored_by"_s, actor.email.isEmpty() ? u"cli"_s : actor.email}},
          true, &actor);
    if (!tx.commit())
        return ApiError::internal();

    Result<QList<qint64>> usersAfter = m_store.userIds();
    QList<qint64> everyone = *usersBefore;
    if (usersAfter)
        everyone += *usersAfter;
    if (m_disconnectUsers)
        m_disconnectUsers(everyone);
    qCInfo(lcBackups).noquote() << "restored" << QFileInfo(archivePath).fileName() << "schema"
                                << manifest->schemaVersion << "->" << outcome.schemaVersion;
    return outcome;
}

void BackupService::prune(int keep)
{
    if (keep <= 0)
        return;
    const Result<QList<BackupRecord>> old = m_store.completedBeyond(keep);
    if (!old)
        return;
    for (const BackupRecord &r : *old) {
        Transaction tx(m_db);
        if (!m_store.remove(r.id))
            continue;
        audit(0, u"backup.delete"_s, r.id, {{u"file_name"_s, r.fileName}, {u"reason"_s, u"retention"_s}}, true);
        if (tx.commit())
            QFile::remove(archivePath(r));
    }
}

void BackupService::audit(qint64 userId, const QString &action, qint64 entityId, const QJsonObject &changes,
                          bool success, const RestoreActor *actor)
{
    AuditRecord row;
    row.userId = userId;
    row.action = action;
    row.entityType = u"Backup"_s;
    row.entityId = entityId;
    row.changes = changes;
    row.success = success;
    row.status = success ? 200 : 500;
    if (actor) {
        row.ip = actor->ip;
        row.userAgent = actor->userAgent;
    }
    AuditStore(m_db).record(row);
}

}   // namespace Conversa::Server
