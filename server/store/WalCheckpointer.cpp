#include "WalCheckpointer.h"

#include "Database.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcCheckpoint, "conversa.server.checkpoint")

using namespace Qt::StringLiterals;

WalCheckpointer::WalCheckpointer(Database &db, int intervalMs) : m_db(db), m_intervalMs(intervalMs)
{
    m_thread.setObjectName(u"checkpoint"_s);
}

WalCheckpointer::~WalCheckpointer()
{
    stop();
}

void WalCheckpointer::start()
{
    m_anchor = new QObject;
    m_anchor->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_anchor, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_anchor, [this] {
        auto *timer = new QTimer(m_anchor);
        timer->setInterval(m_intervalMs);
        connect(timer, &QTimer::timeout, m_anchor, [this] { checkpoint(); });
        timer->start();
    });
}

void WalCheckpointer::stop()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(m_anchor, [this] {
        m_db.closeThreadConnection();
        QThread::currentThread()->quit();
    });
    m_thread.wait();
}

void WalCheckpointer::checkpoint()
{
    QSqlQuery q(m_db.connection());
    const bool done = q.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s);
    // Busy while a restore copies into the database: said once, not five times a second.
    if (!done && !m_failing)
        qCWarning(lcCheckpoint) << "checkpoint failed:" << q.lastError().text();
    m_failing = !done;
    if (done)
        m_checkpoints.fetchAndAddRelaxed(1);
}

}   // namespace Conversa::Server
