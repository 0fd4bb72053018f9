#pragma once

#include <QObject>
#include <QThread>

namespace Conversa::Server {

class Database;

// Copies SQLite's write-ahead log back into the database file from a thread of its own
// (docs/ARCHITECTURE.md#performance). Left to SQLite, the commit that grows the log past its
// threshold does the copy and its fsync itself, inside the writers' lock, while every other
// writer waits: about a fifth of a webhook's time. The server's connections raise that threshold
// (Database: a safety net for processes without this thread) and this thread checkpoints
// PASSIVE every `intervalMs`, which never waits for readers or writers.
class WalCheckpointer final : public QObject {
    Q_OBJECT
public:
    WalCheckpointer(Database &db, int intervalMs);
    ~WalCheckpointer() override;

    void start();
    void stop();
    int checkpoints() const { return m_checkpoints.loadRelaxed(); }

private:
    void checkpoint();

    Database &m_db;
    int m_intervalMs;
    QThread m_thread;
    QObject *m_anchor = nullptr;   // lives in m_thread: its timer
    QAtomicInt m_checkpoints;
    bool m_failing = false;   // m_thread
};

}   // namespace Conversa::Server
