#pragma once

#include "RequestGuard.h"
#include "core/TrustedProxies.h"

#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QSet>
#include <QTcpServer>
#include <QTimer>

#include <memory>

namespace Conversa::Server {

// Open connections per client address, shared by every HTTP thread's listener.
class ConnectionCounts {
public:
    ConnectionCounts(int maxPerAddress, TrustedProxies exempt) : m_max(maxPerAddress), m_exempt(std::move(exempt)) {}
    // Counts one more from `address`; false when it already has the most allowed (0: no cap).
    // Trusted proxies are not capped: the clients behind them are the proxy's to limit.
    bool admit(const QHostAddress &address);
    void release(const QHostAddress &address);

private:
    const int m_max;
    const TrustedProxies m_exempt;
    QMutex m_mutex;
    QHash<QHostAddress, int> m_open;
};

// A listening socket for one HTTP thread: SO_REUSEPORT so every thread accepts on the same port
// (the kernel spreads connections), a deep backlog (QTcpServer::listen's 50 drops SYNs in bursts),
// a RequestGuard on every connection, and a sweep that closes the connections whose phase ran out
// (docs/CONFIGURATION.md#connections).
class HttpListener final : public QTcpServer {
    Q_OBJECT
public:
    explicit HttpListener(const ConnectionLimits &limits, std::shared_ptr<ConnectionCounts> counts = {},
                          QObject *parent = nullptr);

    // Opens address:port (port 0 picks one), with SO_REUSEPORT when asked; false and the reason
    // on failure. Opening once without it first tells whether anyone else holds the port.
    bool open(const QHostAddress &address, quint16 port, bool reusePort, QString *errorText);

protected:
    void incomingConnection(qintptr handle) override;

private:
    void sweep();

    ConnectionLimits m_limits;
    std::shared_ptr<ConnectionCounts> m_counts;
    QSet<QObject *> m_guards;
    QTimer m_sweep;
};

}   // namespace Conversa::Server
