#pragma once

#include <QHashFunctions>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QThread>

#include <functional>

namespace Conversa::Server {

class Database;

// "A live server is writing backup <id>", as a PostgreSQL session-level advisory lock held on a
// connection and a thread of their own from before the in_progress row is committed until the
// archive is done (docs/BACKUPS.md#interrupted-backups-and-restores). A server killed with
// kill -9 loses its connection and so its locks: the next sweep, on any server, marks its rows
// failed (BackupStore::failUnlocked). SQLite has one server, which sweeps at start: no-ops there.
class BackupWriterLocks {
public:
    static constexpr int kBackupClass = 0x0BAC;    // key: the backup's id
    static constexpr int kRestoreClass = 0x0BAD;   // key: restoreKey() of the restore's scratch directory
    static int lockKey(qint64 id) { return int(id & 0x7fffffff); }
    static int restoreKey(const QString &stageName) { return int(qHash(stageName) & 0x7fffffff); }

    explicit BackupWriterLocks(Database &db);
    ~BackupWriterLocks();

    bool lock(int lockClass, int key);
    void unlock(int lockClass, int key);

private:
    bool onLockThread(const std::function<bool()> &call);

    Database &m_db;
    QMutex m_starting;   // the first lock() may come from several HTTP threads at once
    QThread m_thread;
    QObject *m_anchor = nullptr;
};

}   // namespace Conversa::Server
