#pragma once

#include <QObject>
#include <QTimer>

#include <functional>

namespace Conversa::Server {

// Hands memory that bursts of sockets left behind back to the system. glibc keeps freed heap
// memory in its arenas, so after 10,000 sockets connect (TLS-free, but each with a handshake,
// a login check and JSON) or disconnect, the process would keep that RSS for good. malloc_trim
// returns free pages from every arena; it takes a few milliseconds and holds the arenas' locks,
// so it runs only after the socket count has moved by `threshold` since the last trim, checked
// every `intervalMs` on the main thread.
class MemoryTrimmer final : public QObject {
    Q_OBJECT
public:
    MemoryTrimmer(std::function<int()> sockets, int intervalMs, int threshold, QObject *parent = nullptr);

    void start() { m_timer.start(); }
    void stop() { m_timer.stop(); }
    int trims() const { return m_trims; }

private:
    void check();

    std::function<int()> m_sockets;
    QTimer m_timer;
    int m_threshold;
    int m_lastCount = 0;
    int m_trims = 0;
};

}   // namespace Conversa::Server
