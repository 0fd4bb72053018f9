#include "BackupStore.h"

#include "BackupWriterLocks.h"
#include "Database.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

constexpr const char *kBackupColumns =
    "id, backup_type, storage_location, origin, status, file_name, size_bytes, sha256, engine, schema_version, "
    "error, created_by, started_at, finished_at";

BackupRecord readBackup(SqlQuery &q)
{
    BackupRecord r;
    r.id = q.integer(0);
    r.backupType = q.string(1);
    r.storageLocation = q.string(2);
    r.origin = q.string(3);
    r.status = q.string(4);
    r.fileName = q.string(5);
    r.sizeBytes = q.integer(6);
    r.sha256 = q.string(7);
    r.engine = q.string(8);
    r.schemaVersion = int(q.integer(9));
    r.error = q.string(10);
    r.createdBy = q.integer(11);
    r.startedAt = q.integer(12);
    r.finishedAt = q.integer(13);
    return r;
}

Result<QList<BackupRecord>> readAll(SqlQuery &q)
{
    if (!q.exec())
        return q.failure();
    QList<BackupRecord> out;
    while (q.next())
        out.append(readBackup(q));
    return out;
}

}   // namespace

Result<qint64> BackupStore::insert(const BackupRecord &r)
{
    SqlQuery q(m_db,
               "INSERT INTO backups (backup_type, storage_location, origin, status, file_name, size_bytes, sha256, "
               "engine, schema_version, error, created_by, started_at, finished_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {r.backupType, r.storageLocation, r.origin, r.status, nullIfEmpty(r.fileName), nullIfZero(r.sizeBytes),
                nullIfEmpty(r.sha256), nullIfEmpty(r.engine), nullIfZero(r.schemaVersion), nullIfEmpty(r.error),
                nullIfZero(r.createdBy), r.startedAt, nullIfZero(r.finishedAt)});
    if (!q.exec() || !q.next())
        return q.failure();
    return q.integer(0);
}

Result<BackupRecord> BackupStore::find(qint64 id)
{
    SqlQuery q(m_db, u"SELECT "_s + QLatin1StringView(kBackupColumns) + u" FROM backups WHERE id = ?"_s, {id});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    return readBackup(q);
}

Result<qint64> BackupStore::count(const QString &status)
{
    if (status.isEmpty())
        return queryInteger(m_db, u"SELECT COUNT(*) FROM backups"_s, {});
    return queryInteger(m_db, u"SELECT COUNT(*) FROM backups WHERE status = ?"_s, {status});
}

Result<QList<BackupRecord>> BackupStore::list(const QString &status, const PageRequest &page)
{
    QString sql = u"SELECT "_s + QLatin1StringView(kBackupColumns) + u" FROM backups"_s;
    QVariantList values;
    if (!status.isEmpty()) {
        sql += u" WHERE status = ?"_s;
        values.append(status);
    }
    sql += u" ORDER BY id DESC LIMIT ? OFFSET ?"_s;
    values << page.limit << page.offset();
    SqlQuery q(m_db, sql, values);
    return readAll(q);
}

Result<QList<BackupRecord>> BackupStore::all()
{
    SqlQuery q(m_db, u"SELECT "_s + QLatin1StringView(kBackupColumns) + u" FROM backups ORDER BY id"_s, {});
    return readAll(q);
}

Result<Ok> BackupStore::complete(const BackupRecord &r)
{
    SqlQuery q(m_db,
               "UPDATE backups SET status = 'completed', file_name = ?, size_bytes = ?, sha256 = ?, engine = ?, "
               "schema_version = ?, error = NULL, finished_at = ? WHERE id = ?",
               {r.fileName, r.sizeBytes, r.sha256, r.engine, r.schemaVersion, r.finishedAt, r.id});
    return q.run();
}

Result<Ok> BackupStore::fail(qint64 id, const QString &error, qint64 finishedAt)
{
    SqlQuery q(m_db,
               "UPDATE backups SET status = 'failed', error = ?, file_name = NULL, size_bytes = NULL, sha256 = NULL, "
               "finished_at = ? WHERE id = ?",
               {error, finishedAt, id});
    return q.run();
}

Result<Ok> BackupStore::remove(qint64 id)
{
    SqlQuery q(m_db, "DELETE FROM backups WHERE id = ?", {id});
    if (!q.exec())
        return q.failure();
    if (q.numRowsAffected() == 0)
        return ApiError::notFound();
    return Ok{};
}

Result<Ok> BackupStore::replaceAll(const QList<BackupRecord> &records)
{
    CONVERSA_TRY(SqlQuery(m_db, "DELETE FROM backups").run());
    for (const BackupRecord &r : records) {
        SqlQuery q(m_db,
                   "INSERT INTO backups (id, backup_type, storage_location, origin, status, file_name, size_bytes, "
                   "sha256, engine, schema_version, error, created_by, started_at, finished_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {r.id, r.backupType, r.storageLocation, r.origin, r.status, nullIfEmpty(r.fileName),
                    nullIfZero(r.sizeBytes), nullIfEmpty(r.sha256), nullIfEmpty(r.engine), nullIfZero(r.schemaVersion),
                    nullIfEmpty(r.error), nullIfZero(r.createdBy), r.startedAt, nullIfZero(r.finishedAt)});
        CONVERSA_TRY(q.run());
    }
    if (m_db.dialect() == SqlDialect::Postgres) {   // explicit ids leave the sequence behind
        CONVERSA_TRY(SqlQuery(m_db,
                              "SELECT setval(pg_get_serial_sequence('backups', 'id'), "
                              "GREATEST((SELECT MAX(id) FROM backups), 1))")
                         .run());
    }
    return Ok{};
}

Result<QList<BackupRecord>> BackupStore::completedBeyond(int keep)
{
    // SQLite needs a LIMIT before an OFFSET (-1: none); PostgreSQL refuses a negative one.
    const QString limit = m_db.dialect() == SqlDialect::Sqlite ? u" LIMIT -1"_s : QString();
    SqlQuery q(m_db,
               u"SELECT "_s + QLatin1StringView(kBackupColumns) +
                   u" FROM backups WHERE status = 'completed' ORDER BY id DESC"_s + limit + u" OFFSET ?"_s,
               {keep});
    return readAll(q);
}

Result<int> BackupStore::failStale(qint64 before, const QString &error)
{
    SqlQuery q(m_db,
               "UPDATE backups SET status = 'failed', error = ?, finished_at = ? "
               "WHERE status = 'in_progress' AND started_at < ?",
               {error, nowSeconds(), before});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected();
}

Result<int> BackupStore::failUnlocked(const QString &error)
{
    SqlQuery rows(m_db, "SELECT id FROM backups WHERE status = 'in_progress' ORDER BY id");
    if (!rows.exec())
        return rows.failure();
    QList<qint64> ids;
    while (rows.next())
        ids.append(rows.integer(0));
    int failed = 0;
    for (const qint64 id : ids) {
        const Result<bool> gone = writerGone(BackupWriterLocks::kBackupClass, BackupWriterLocks::lockKey(id));
        CONVERSA_TRY(gone);
        if (!*gone)
            continue;
        SqlQuery q(m_db,
                   "UPDATE backups SET status = 'failed', error = ?, finished_at = ? "
                   "WHERE id = ? AND status = 'in_progress'",
                   {error, nowSeconds(), id});
        if (!q.exec())
            return q.failure();
        failed += q.numRowsAffected();
    }
    return failed;
}

Result<bool> BackupStore::writerGone(int lockClass, int key)
{
    if (m_db.dialect() != SqlDialect::Postgres)
        return true;
    // Free only when the server that took it is gone (its connection ended with it).
    SqlQuery probe(m_db, "SELECT pg_try_advisory_xact_lock(?, ?)", {lockClass, key});
    if (!probe.exec() || !probe.next())
        return probe.failure();
    return probe.boolean(0);
}

Result<Ok> BackupStore::markRestore(const QString &name)
{
    // The scheduler's claim table holds it: one more named row, never a schedule's name.
    SqlQuery q(m_db, "INSERT INTO backup_schedule (name, last_slot) VALUES (?, ?)", {name, nowSeconds()});
    return q.run();
}

Result<bool> BackupStore::restoreMarked(const QString &name)
{
    SqlQuery q(m_db, "SELECT COUNT(*) FROM backup_schedule WHERE name = ?", {name});
    if (!q.exec() || !q.next())
        return q.failure();
    return q.integer(0) > 0;
}

Result<Ok> BackupStore::unmarkRestore(const QString &name)
{
    SqlQuery q(m_db, "DELETE FROM backup_schedule WHERE name = ?", {name});
    return q.run();
}

Result<bool> BackupStore::claimSlot(qint64 slot)
{
    SqlQuery q(m_db, "UPDATE backup_schedule SET last_slot = ? WHERE name = 'scheduled' AND last_slot < ?",
               {slot, slot});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() == 1;
}

Result<Ok> BackupStore::revokeAllSessions(const QString &reason, qint64 now)
{
    SqlQuery q(m_db, "UPDATE auth_sessions SET revoked_at = ?, revoked_reason = ? WHERE revoked_at IS NULL",
               {now, reason});
    return q.run();
}

Result<QList<qint64>> BackupStore::userIds()
{
    SqlQuery q(m_db, "SELECT id FROM users");
    if (!q.exec())
        return q.failure();
    QList<qint64> ids;
    while (q.next())
        ids.append(q.integer(0));
    return ids;
}

}   // namespace Conversa::Server
