#include "BackupWriterLocks.h"

#include "Database.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcWriterLocks, "conversa.server.backups")

BackupWriterLocks::BackupWriterLocks(Database &db) : m_db(db)
{
    m_thread.setObjectName(u"backup-locks"_s);
}

BackupWriterLocks::~BackupWriterLocks()
{
    if (!m_thread.isRunning())
        return;
    // Closing the connection releases whatever is still held.
    QMetaObject::invokeMethod(m_anchor, [this] {
        m_db.closeThreadConnection();
        QThread::currentThread()->quit();
    });
    m_thread.wait();
}

bool BackupWriterLocks::onLockThread(const std::function<bool()> &call)
{
    {
        QMutexLocker locked(&m_starting);
        if (!m_anchor) {
            m_anchor = new QObject;
            m_anchor->moveToThread(&m_thread);
            QObject::connect(&m_thread, &QThread::finished, m_anchor, &QObject::deleteLater);
            m_thread.start();
        }
    }
    bool ok = false;
    QMetaObject::invokeMethod(
        m_anchor, [&] { ok = call(); }, Qt::BlockingQueuedConnection);
    return ok;
}

bool BackupWriterLocks::lock(int lockClass, int key)
{
    if (m_db.dialect() != SqlDialect::Postgres)
        return true;
    const bool held = onLockThread([&] {
        SqlQuery q(m_db, "SELECT pg_try_advisory_lock(?, ?)", {lockClass, key});
        return q.exec() && q.next() && q.boolean(0);
    });
    if (!held)
        qCWarning(lcWriterLocks) << "cannot take the writer lock" << lockClass << key;
    return held;
}

void BackupWriterLocks::unlock(int lockClass, int key)
{
    if (m_db.dialect() != SqlDialect::Postgres)
        return;
    onLockThread([&] {
        SqlQuery q(m_db, "SELECT pg_advisory_unlock(?, ?)", {lockClass, key});
        return q.exec();
    });
}

}   // namespace Conversa::Server
