#include "QueueThread.h"

#include <QLoggingCategory>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcQueue, "conversa.server.queue")

QueueThread::QueueThread(QueueWorker *worker, const QString &name, int stopWaitMs)
    : m_worker(worker), m_stopWaitMs(stopWaitMs)
{
    m_thread.setObjectName(name);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    QObject::connect(
        m_worker, &QueueWorker::idle, m_worker, [] { QThread::currentThread()->quit(); }, Qt::DirectConnection);
}

QueueThread::~QueueThread()
{
    stop();
    if (m_worker && !m_thread.isFinished())
        delete m_worker;   // never started
}

void QueueThread::start()
{
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &QueueWorker::start, Qt::QueuedConnection);
}

void QueueThread::stop()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(m_worker, &QueueWorker::shutdown, Qt::QueuedConnection);
    if (!m_thread.wait(m_stopWaitMs)) {
        qCWarning(lcQueue).noquote() << "the" << m_thread.objectName() << "thread did not stop in time";
        m_thread.quit();
        m_thread.wait();
    }
    m_worker = nullptr;   // deleted on its thread as it finished
}

}   // namespace Conversa::Server
