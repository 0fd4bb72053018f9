#pragma once

#include <QObject>
#include <QString>
#include <QThread>

namespace Conversa::Server {

// A worker of a persistent queue (the outbound sender, the media fetcher): polls the database on
// its own thread, claims one job at a time, and can be asked to stop between jobs.
class QueueWorker : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void start() = 0;      // on the worker's thread
    virtual void shutdown() = 0;   // no new claims; emits idle() once no job is in flight

signals:
    void idle();
};

// Runs one QueueWorker on a thread of its own (with its own database connection and network
// access); ServerApp starts one per queue, tests may start more against the same database.
class QueueThread {
public:
    // Takes `worker` (parentless). stop() waits up to `stopWaitMs` for a job in flight.
    QueueThread(QueueWorker *worker, const QString &name, int stopWaitMs);
    ~QueueThread();
    QueueThread(const QueueThread &) = delete;
    QueueThread &operator=(const QueueThread &) = delete;

    void start();
    // Lets a job in flight finish (bounded by stopWaitMs), then ends the thread.
    void stop();

protected:
    QueueWorker *queueWorker() const { return m_worker; }

private:
    QThread m_thread;
    QueueWorker *m_worker = nullptr;
    int m_stopWaitMs;
};

}   // namespace Conversa::Server
