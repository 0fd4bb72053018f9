#pragma once

#include <QObject>
#include <QTimer>

namespace Conversa::Server {

class BackupService;
class Database;
struct ServerConfig;

// Scheduled backups (CONVERSA_BACKUP_SCHEDULE, docs/BACKUPS.md#scheduled-backups): every due
// moment, the one server that moves the claim row forward writes an archive, then prunes the
// archives beyond CONVERSA_BACKUP_KEEP. On PostgreSQL every tick also fails the backups whose
// writer died (BackupService::failAbandoned), schedule or not. Runs on the thread that starts it;
// the archive itself is written on BackupService's thread.
class BackupScheduler final : public QObject {
public:
    BackupScheduler(const ServerConfig &config, Database &db, BackupService &backups);

    bool enabled() const;
    void start();
    void stop();
    // The most recent due moment at or before `now` (seconds since the epoch), 0 with no schedule.
    qint64 dueSlot(qint64 now) const;
    void tick();

private:
    int m_dailyAtMinute;
    qint64 m_intervalSeconds;
    int m_keep;
    Database &m_db;
    BackupService &m_backups;
    QTimer m_timer;
};

}   // namespace Conversa::Server
