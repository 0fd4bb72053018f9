#pragma once

#include "core/PageRequest.h"
#include "core/Result.h"

#include <QList>
#include <QString>

namespace Conversa::Server {

class Database;

// One archive of the catalog (docs/BACKUPS.md): status in_progress → completed | failed.
struct BackupRecord {
    qint64 id = 0;
    QString backupType = QStringLiteral("full");
    QString storageLocation = QStringLiteral("local");
    QString origin = QStringLiteral("manual");   // manual, scheduled, upload, cli
    QString status = QStringLiteral("in_progress");
    QString fileName;   // inside <data dir>/backups
    qint64 sizeBytes = 0;
    QString sha256;   // of the whole .zip
    QString engine;   // sqlite, postgresql
    int schemaVersion = 0;
    QString error;
    qint64 createdBy = 0;
    qint64 startedAt = 0;
    qint64 finishedAt = 0;
};

// SQL for the backup catalog and the scheduled-run claim.
class BackupStore {
public:
    explicit BackupStore(Database &db) : m_db(db) {}

    Result<qint64> insert(const BackupRecord &record);
    Result<BackupRecord> find(qint64 id);   // 404 when absent
    Result<qint64> count(const QString &status);
    Result<QList<BackupRecord>> list(const QString &status, const PageRequest &page);
    Result<QList<BackupRecord>> all();
    Result<Ok> complete(const BackupRecord &record);   // status, file, size, hashes, engine, schema, finished_at
    Result<Ok> fail(qint64 id, const QString &error, qint64 finishedAt);
    Result<Ok> remove(qint64 id);
    // Puts back the catalog as it was before a restore replaced the database.
    Result<Ok> replaceAll(const QList<BackupRecord> &records);
    // Completed archives beyond the newest `keep`, oldest first (retention).
    Result<QList<BackupRecord>> completedBeyond(int keep);
    // Rows left in_progress by a server that stopped mid-backup, older than `before`: failed.
    Result<int> failStale(qint64 before, const QString &error);
    // PostgreSQL: rows left in_progress whose writer's lock (BackupWriterLocks) is free, i.e. no
    // live server is writing them: failed. Call in a transaction (the probes are transaction locks).
    Result<int> failUnlocked(const QString &error);
    // True when this server takes the scheduled run of `slot` (several servers, one database).
    Result<bool> claimSlot(qint64 slot);

    // PostgreSQL: true when no live server holds that writer lock (BackupWriterLocks); always true
    // on SQLite. Call in a transaction (the probe is a transaction lock).
    Result<bool> writerGone(int lockClass, int key);
    // A restore's mark (docs/BACKUPS.md#interrupted-backups-and-restores): written in the database
    // being replaced, so it is there after a restart exactly when the database is still the old one.
    Result<Ok> markRestore(const QString &name);
    Result<bool> restoreMarked(const QString &name);
    Result<Ok> unmarkRestore(const QString &name);

    // Every login ends (a restore); returns the user ids that had one.
    Result<Ok> revokeAllSessions(const QString &reason, qint64 now);
    Result<QList<qint64>> userIds();

private:
    Database &m_db;
};

}   // namespace Conversa::Server
