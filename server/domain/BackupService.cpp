#include "BackupService.h"

#include "core/Permissions.h"
#include "core/ThreadPriority.h"
#include "core/Translator.h"
#include "store/AuditStore.h"
#include "store/BackupDump.h"
#include "store/Database.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QStorageInfo>
#include <QUuid>

#include <unistd.h>

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

QString interrupted()
{
    return u"interrupted: the server stopped while writing it"_s;
}

// A restore's mark in the database and its journal, both named after its scratch directory.
QString restoreMark(const QString &stage)
{
    return u"restore:"_s + QFileInfo(stage).fileName();
}

QString journalPath(const QString &stage)
{
    return QDir(stage).filePath(u"journal.json"_s);
}

QJsonObject recordJson(const BackupRecord &r)
{
    return {{u"id"_s, r.id},
            {u"backup_type"_s, r.backupType},
            {u"storage_location"_s, r.storageLocation},
            {u"origin"_s, r.origin},
            {u"status"_s, r.status},
            {u"file_name"_s, r.fileName},
            {u"size_bytes"_s, r.sizeBytes},
            {u"sha256"_s, r.sha256},
            {u"engine"_s, r.engine},
            {u"schema_version"_s, r.schemaVersion},
            {u"error"_s, r.error},
            {u"created_by"_s, r.createdBy},
            {u"started_at"_s, r.startedAt},
            {u"finished_at"_s, r.finishedAt}};
}

BackupRecord recordOf(const QJsonObject &o)
{
    BackupRecord r;
    r.id = o.value(u"id"_s).toInteger();
    r.backupType = o.value(u"backup_type"_s).toString();
    r.storageLocation = o.value(u"storage_location"_s).toString();
    r.origin = o.value(u"origin"_s).toString();
    r.status = o.value(u"status"_s).toString();
    r.fileName = o.value(u"file_name"_s).toString();
    r.sizeBytes = o.value(u"size_bytes"_s).toInteger();
    r.sha256 = o.value(u"sha256"_s).toString();
    r.engine = o.value(u"engine"_s).toString();
    r.schemaVersion = o.value(u"schema_version"_s).toInt();
    r.error = o.value(u"error"_s).toString();
    r.createdBy = o.value(u"created_by"_s).toInteger();
    r.startedAt = o.value(u"started_at"_s).toInteger();
    r.finishedAt = o.value(u"finished_at"_s).toInteger();
    return r;
}

// What the audit row of a restore says about it (and the journal keeps for a restart).
QJsonObject restoreSummary(const BackupManifest &manifest, const QString &archiveName, const RestoreActor &actor)
{
    return {{u"archive"_s, archiveName},
            {u"archive_created_at"_s, manifest.createdAt},
            {u"archive_schema_version"_s, manifest.schemaVersion},
            {u"restored_by"_s, actor.email.isEmpty() ? u"cli"_s : actor.email}};
}

// What a restore killed after its database step still has to do, written before the files move.
bool writeJournal(const QString &stage, const QList<BackupRecord> &catalog, const QJsonObject &summary)
{
    QJsonArray rows;
    for (const BackupRecord &r : catalog)
        rows.append(recordJson(r));
    QJsonObject journal{{u"catalog"_s, rows}, {u"summary"_s, summary}};
    QFile file(journalPath(stage));
    return file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(journal).toJson(QJsonDocument::Compact)) > 0 &&
        file.flush() && ::fsync(file.handle()) == 0;
}

}   // namespace

BackupService::BackupService(Database &db, AuthService &auth, BackupSettings settings)
    : m_db(db), m_auth(auth), m_settings(std::move(settings)), m_store(db), m_writerLocks(db)
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
    // Taken before the row is committed: no other server ever sees it in_progress without a writer.
    // (A rolled-back begin leaves the lock of an id nobody uses until this process ends.)
    m_writerLocks.lock(BackupWriterLocks::kBackupClass, BackupWriterLocks::lockKey(record.id));
    return record;
}

void BackupService::enqueue(qint64 id, std::function<void(const BackupRecord &)> done)
{
    ++m_writing;
    m_thread.start([this, id, done = std::move(done)] {
        // Compressing and hashing gigabytes must not slow the requests served meanwhile (pg_dump,
        // started from this thread, inherits it).
        lowerThreadPriority(19);
        const BackupRecord record = run(id);
        --m_writing;
        if (done)
            done(record);
    });
}

BackupRecord BackupService::run(qint64 id)
{
    struct Unlock {
        BackupWriterLocks &locks;
        qint64 id;
        ~Unlock() { locks.unlock(BackupWriterLocks::kBackupClass, BackupWriterLocks::lockKey(id)); }
    } unlock{m_writerLocks, id};
    Result<BackupRecord> found = m_store.find(id);
    if (!found)
        return {};
    BackupRecord record = *found;
    if (record.status != "in_progress"_L1)
        return record;   // already ended (failed by a sweep): never written over
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
    const QString work = scratchDir(backupDir(), u".work-%1-"_s.arg(record.id));
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
    // failure puts the previous files back. From the mark on, a kill -9 is repaired at the next
    // start (recoverInterrupted): the mark is only in the old database, the journal says how to
    // finish with the new one.
    const QString mark = restoreMark(stage);
    const int restoreKey = BackupWriterLocks::restoreKey(QFileInfo(stage).fileName());
    m_writerLocks.lock(BackupWriterLocks::kRestoreClass, restoreKey);   // another server's start leaves it alone
    struct Unlock {
        BackupWriterLocks &locks;
        int key;
        ~Unlock() { locks.unlock(BackupWriterLocks::kRestoreClass, key); }
    } unlock{m_writerLocks, restoreKey};
    {
        Transaction tx(m_db);
        if (!m_store.markRestore(mark) || !tx.commit())
            return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The database could not be restored"));
    }
    const auto unmark = [&] {
        QFile::remove(journalPath(stage));   // first: a journal without the mark means "restored"
        Transaction tx(m_db);
        if (!m_store.unmarkRestore(mark) || !tx.commit())
            qCWarning(lcBackups).noquote() << "cannot remove the mark" << mark;
    };
    QJsonObject summary = restoreSummary(*manifest, QFileInfo(archivePath).fileName(), actor);
    if (!writeJournal(stage, *catalog, summary)) {
        unmark();
        return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The data directory is not writable"));
    }
    const QString live = filesDir();
    const QString previous = QDir(stage).filePath(u"previous-files"_s);
    const QString incoming = QDir(stage).filePath(u"files"_s);
    // The live directory always exists first, so that previous-files tells whether the swap began.
    if (!QDir().mkpath(live) || !QDir().mkpath(incoming) || !QDir().rename(live, previous)) {
        unmark();
        return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The data directory is not writable"));
    }
    if (!QDir().rename(incoming, live)) {
        QDir().rename(previous, live);
        unmark();
        return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The data directory is not writable"));
    }
    if (!BackupDump::load(m_db, dumpPath, &why)) {
        qCWarning(lcBackups).noquote() << "restore failed, nothing changed:" << why;
        QDir().rename(live, incoming);
        QDir().rename(previous, live);
        unmark();
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
    CONVERSA_TRY(resetAfterRestore(*catalog));
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
    summary.insert(u"schema_version"_s, outcome.schemaVersion);
    audit(outcome.user ? restoredUserId : 0, u"backup.restore"_s, 0, summary, true, &actor);
    if (!tx.commit())
        return ApiError::internal();
    QFile::remove(journalPath(stage));   // done: nothing for a restart to finish

    Result<QList<qint64>> usersAfter = m_store.userIds();
    QList<qint64> everyone = *usersBefore;
    if (usersAfter)
        everyone += *usersAfter;
    if (m_databaseReplaced)
        m_databaseReplaced();
    if (m_disconnectUsers)
        m_disconnectUsers(everyone);
    qCInfo(lcBackups).noquote() << "restored" << QFileInfo(archivePath).fileName() << "schema"
                                << manifest->schemaVersion << "->" << outcome.schemaVersion;
    return outcome;
}

Result<Ok> BackupService::resetAfterRestore(const QList<BackupRecord> &catalog)
{
    CONVERSA_TRY(m_store.replaceAll(catalog));
    return m_store.revokeAllSessions(u"restore"_s, nowSeconds());
}

void BackupService::recoverInterrupted()
{
    QDir data(m_settings.dataDir);
    for (const QString &stage : data.entryList({u"restore-*"_s}, QDir::Dirs | QDir::NoDotAndDotDot))
        recoverRestore(data.filePath(stage));
    // SQLite has this one server: nothing it began is being written now.
    if (m_db.dialect() == SqlDialect::Sqlite) {
        Transaction tx(m_db);
        const Result<int> failed = m_store.failStale(nowSeconds() + 1, interrupted());
        if (failed && *failed > 0)
            qCWarning(lcBackups) << *failed << "backups left unfinished by a stopped server marked failed";
        tx.commit();
    }
    failAbandoned();
    // A backup killed half-way: its scratch directory, with the partial archive, goes once its row
    // has failed (a data dir shared with a live server may hold that server's, still in_progress).
    QDir backups(backupDir());
    for (const QString &work : backups.entryList({u".work-*"_s}, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot)) {
        const Result<BackupRecord> row = m_store.find(work.section(u'-', 1, 1).toLongLong());
        if (row && row->status == "in_progress"_L1)
            continue;
        qCWarning(lcBackups).noquote() << "removing the unfinished archive" << work;
        QDir(backups.filePath(work)).removeRecursively();
    }
    // An archive renamed into place whose row was never completed: not in the catalog, so not kept.
    for (const QString &name : backups.entryList({u"conversa-backup-*.zip"_s}, QDir::Files)) {
        const qint64 id = name.section(u'-', -1).section(u'.', 0, 0).toLongLong();
        if (id <= 0)
            continue;
        const Result<BackupRecord> row = m_store.find(id);
        if (row && row->status == "failed"_L1) {
            qCWarning(lcBackups).noquote() << "removing the archive of failed backup" << id;
            QFile::remove(backups.filePath(name));
        }
    }
}

void BackupService::recoverRestore(const QString &stage)
{
    const QString mark = restoreMark(stage);
    {
        Transaction tx(m_db);
        const Result<bool> gone = m_store.writerGone(BackupWriterLocks::kRestoreClass,
                                                     BackupWriterLocks::restoreKey(QFileInfo(stage).fileName()));
        if (!gone || !*gone)
            return;   // another server sharing the data dir is restoring it now
    }
    // PostgreSQL: a killed restore's transaction dropped the table that holds the mark, so this
    // waits until that transaction has ended (rolled back: its psql died with the server).
    const Result<bool> marked = m_store.restoreMarked(mark);
    if (!marked) {
        qCCritical(lcBackups).noquote() << "cannot tell how the interrupted restore" << stage << "ended; left as is";
        return;
    }
    const QString previous = QDir(stage).filePath(u"previous-files"_s);
    QFile journalFile(journalPath(stage));
    if (journalFile.open(QIODevice::ReadOnly)) {
        const QJsonObject journal = QJsonDocument::fromJson(journalFile.readAll()).object();
        journalFile.close();
        if (*marked) {
            // The database is the previous one: so must the files be.
            if (QFileInfo::exists(previous)) {
                const QString restored = QDir(stage).filePath(u"restored-files"_s);
                if ((QFileInfo::exists(filesDir()) && !QDir().rename(filesDir(), restored)) ||
                    !QDir().rename(previous, filesDir())) {
                    qCCritical(lcBackups).noquote() << "cannot put back the files of" << stage << "; left as is";
                    return;
                }
            }
            qCWarning(lcBackups).noquote() << "a restore was interrupted; the previous data is kept";
        } else {
            // The database is the restored one, and so are the files: finish what the restore began.
            QList<BackupRecord> catalog;
            for (const QJsonValue &row : journal.value(u"catalog"_s).toArray())
                catalog.append(recordOf(row.toObject()));
            QJsonObject summary = journal.value(u"summary"_s).toObject();
            summary.insert(u"schema_version"_s, m_db.schemaVersion());
            summary.insert(u"recovered"_s, true);
            Transaction tx(m_db);
            if (!resetAfterRestore(catalog)) {
                qCCritical(lcBackups).noquote() << "cannot finish the interrupted restore" << stage << "; left as is";
                return;
            }
            audit(0, u"backup.restore"_s, 0, summary, true);
            if (!tx.commit())
                return;
            qCWarning(lcBackups).noquote() << "a restore was interrupted after its database step; finished";
        }
    }
    if (*marked) {
        Transaction tx(m_db);
        if (!m_store.unmarkRestore(mark) || !tx.commit())
            return;
    }
    QDir(stage).removeRecursively();
}

void BackupService::failAbandoned()
{
    if (m_db.dialect() != SqlDialect::Postgres)
        return;
    Transaction tx(m_db);
    const Result<int> failed = m_store.failUnlocked(interrupted());
    if (failed && *failed > 0)
        qCWarning(lcBackups) << *failed << "backups left unfinished by a server that stopped marked failed";
    tx.commit();
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
