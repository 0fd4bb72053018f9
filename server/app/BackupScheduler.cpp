#include "BackupScheduler.h"

#include "config/ServerConfig.h"
#include "domain/BackupService.h"
#include "store/BackupStore.h"
#include "store/Database.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcBackupSchedule, "conversa.server.backups")

BackupScheduler::BackupScheduler(const ServerConfig &config, Database &db, BackupService &backups)
    : m_dailyAtMinute(config.backupDailyAtMinute),
      m_intervalSeconds(config.backupIntervalSeconds),
      m_keep(config.backupKeep),
      m_db(db),
      m_backups(backups)
{
    m_timer.setInterval(20000);
    connect(&m_timer, &QTimer::timeout, this, &BackupScheduler::tick);
}

bool BackupScheduler::enabled() const
{
    return m_dailyAtMinute >= 0 || m_intervalSeconds > 0;
}

void BackupScheduler::start()
{
    // PostgreSQL: each tick also fails the rows of writers that died, on whichever server (what
    // this server left at its last stop was handled before it started serving).
    if (!enabled() && m_db.dialect() != SqlDialect::Postgres)
        return;
    m_timer.start();
    QTimer::singleShot(0, this, &BackupScheduler::tick);
}

void BackupScheduler::stop()
{
    m_timer.stop();
}

qint64 BackupScheduler::dueSlot(qint64 now) const
{
    if (m_intervalSeconds > 0)
        return now - now % m_intervalSeconds;
    if (m_dailyAtMinute >= 0) {
        const qint64 offset = qint64(m_dailyAtMinute) * 60;
        const qint64 day = (now - offset) / 86400;
        return day * 86400 + offset;
    }
    return 0;
}

void BackupScheduler::tick()
{
    m_backups.failAbandoned();
    if (!enabled())
        return;
    const qint64 slot = dueSlot(nowSeconds());
    if (slot <= 0 || m_backups.restoring())   // the moment stays unclaimed until the restore is over
        return;
    Transaction tx(m_db);
    BackupStore store(m_db);
    const Result<bool> claimed = store.claimSlot(slot);
    if (!claimed || !*claimed)
        return;   // not due, or another server took it
    const Result<BackupRecord> record = m_backups.begin(u"scheduled"_s, 0);
    if (!record || !tx.commit()) {
        qCWarning(lcBackupSchedule) << "cannot start the scheduled backup";
        return;
    }
    qCInfo(lcBackupSchedule) << "scheduled backup" << record->id << "started";
    m_backups.enqueue(record->id, [&backups = m_backups, keep = m_keep](const BackupRecord &done) {
        if (done.status == "completed"_L1)
            backups.prune(keep);
    });
}

}   // namespace Conversa::Server
