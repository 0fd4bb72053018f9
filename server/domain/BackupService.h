#pragma once

#include "BackupArchive.h"
#include "AuthService.h"
#include "core/Result.h"
#include "store/BackupStore.h"
#include "store/BackupWriterLocks.h"

#include <QList>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>

namespace Conversa::Server {

class Database;

struct BackupSettings {
    QString dataDir;   // archives go to <dataDir>/backups, uploaded files live in <dataDir>/files
    QString serverVersion;
    ArchiveLimits limits;
};

// Who asked for a restore: their fresh login is opened in the restored database (same email).
struct RestoreActor {
    qint64 userId = 0;
    QString email;
    QString ip;
    QString userAgent;
};

// What a restore leaves: the archive's manifest and, for the admin who asked, a new login.
struct RestoreOutcome {
    BackupManifest manifest;
    int schemaVersion = 0;   // after the migrations
    std::optional<IssuedTokens> tokens;
    std::optional<AuthUser> user;   // the restored account the tokens belong to
};

// Backups and restores (docs/BACKUPS.md). Archives are written by one background thread of
// its own, never by an HTTP thread; restore runs on the caller's (worker) thread. The catalog
// rows, audit rows and notifications say how each run ended.
class BackupService {
public:
    BackupService(Database &db, AuthService &auth, BackupSettings settings);
    ~BackupService();

    const BackupSettings &settings() const { return m_settings; }
    QString backupDir() const;
    QString archivePath(const BackupRecord &record) const;
    QString filesDir() const;

    // A new in_progress row (in the caller's transaction); run() or enqueue() writes its archive.
    Result<BackupRecord> begin(const QString &origin, qint64 createdBy);
    // Queues the archive of a row begun in a committed transaction; `done` runs on the backup
    // thread with the final row (completed or failed).
    void enqueue(qint64 id, std::function<void(const BackupRecord &)> done = {});
    // Writes the archive now, on this thread; the row ends completed, or failed with the reason
    // and no file left. Audits backup.completed / backup.failed.
    BackupRecord run(qint64 id);

    // Reads the whole archive and checks it against this server: engine, schema, every hash.
    Result<BackupManifest> verify(const QString &archivePath) const;
    // Replaces database and files with the archive's, all or nothing, then migrates, ends every
    // login and records backup.restore in the restored audit log. 409 while another runs.
    Result<RestoreOutcome> restore(const QString &archivePath, const RestoreActor &actor);
    bool restoring() const { return m_restoring.load(); }
    bool writing() const { return m_writing.load() > 0; }   // archives queued or being written

    // At start-up, before serving (docs/BACKUPS.md#interrupted-backups-and-restores): removes what
    // a backup killed half-way left in backups/, finishes or undoes a restore killed half-way (by
    // whether the database still holds that restore's mark), and fails the rows of dead writers.
    void recoverInterrupted();
    // Rows in_progress that no live server is writing: failed (SQLite: all of them, PostgreSQL:
    // those whose writer lock is free). At start-up and on every scheduler tick.
    void failAbandoned();

    // Deletes completed archives beyond the newest `keep` (scheduled retention); 0 keeps all.
    void prune(int keep);
    // Waits for queued archives to finish (server stop).
    void stop();

    // Every socket of these users is ended after a restore.
    void setDisconnectUsers(std::function<void(const QList<qint64> &)> hook) { m_disconnectUsers = std::move(hook); }
    // Whatever this server (and the others on the database) cached from it is stale after a restore.
    void setDatabaseReplaced(std::function<void()> hook) { m_databaseReplaced = std::move(hook); }

private:
    Result<Ok> writeArchive(BackupRecord &record);
    Result<Ok> checkAgainstServer(const BackupManifest &manifest) const;
    // The catalog put back and every login ended, once the archive's database is in (the
    // caller's transaction).
    Result<Ok> resetAfterRestore(const QList<BackupRecord> &catalog);
    void recoverRestore(const QString &stage);
    void audit(qint64 userId, const QString &action, qint64 entityId, const QJsonObject &changes, bool success,
               const RestoreActor *actor = nullptr);

    Database &m_db;
    AuthService &m_auth;
    BackupSettings m_settings;
    BackupStore m_store;
    QThreadPool m_thread;   // one: archives are written one after another
    std::atomic<bool> m_restoring{false};
    std::atomic<int> m_writing{0};
    std::function<void(const QList<qint64> &)> m_disconnectUsers;
    std::function<void()> m_databaseReplaced;
    BackupWriterLocks m_writerLocks;
};

}   // namespace Conversa::Server
