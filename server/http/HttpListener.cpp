#include "HttpListener.h"

#include <QTcpSocket>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {
constexpr int kBacklog = 4096;
}

bool ConnectionCounts::admit(const QHostAddress &address)
{
    if (m_max <= 0 || m_exempt.trusts(address))
        return true;
    QMutexLocker lock(&m_mutex);
    int &open = m_open[address];
    if (open >= m_max)
        return false;
    ++open;
    return true;
}

void ConnectionCounts::release(const QHostAddress &address)
{
    if (m_max <= 0 || m_exempt.trusts(address))
        return;
    QMutexLocker lock(&m_mutex);
    const auto it = m_open.find(address);
    if (it != m_open.end() && --*it <= 0)
        m_open.erase(it);
}

HttpListener::HttpListener(const ConnectionLimits &limits, std::shared_ptr<ConnectionCounts> counts, QObject *parent)
    : QTcpServer(parent), m_limits(limits), m_counts(std::move(counts))
{
    // A quarter of the shortest timeout, so a connection outlives its limit by at most that.
    const int shortest =
        qMin(qMin(limits.headerTimeoutMs, limits.bodyTimeoutMs), qMin(limits.idleTimeoutMs, limits.sendTimeoutMs));
    m_sweep.setInterval(qBound(50, shortest / 4, 1000));
    connect(&m_sweep, &QTimer::timeout, this, &HttpListener::sweep);
}

bool HttpListener::open(const QHostAddress &address, quint16 port, bool reusePort, QString *errorText)
{
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    auto fail = [&](const char *what) {
        if (errorText)
            *errorText = u"%1 %2:%3: %4"_s.arg(QString::fromLatin1(what), address.toString(), QString::number(port),
                                               QString::fromLocal8Bit(strerror(errno)));
        if (fd >= 0)
            ::close(fd);
        return false;
    };
    if (fd < 0)
        return fail("cannot create a socket for");
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (reusePort)
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    int rc = 0;
    if (v6) {
        sockaddr_in6 sa{};
        sa.sin6_family = AF_INET6;
        sa.sin6_port = htons(port);
        const Q_IPV6ADDR a = address.toIPv6Address();
        memcpy(&sa.sin6_addr, &a, sizeof a);
        rc = ::bind(fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa);
    } else {
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        sa.sin_port = htons(port);
        sa.sin_addr.s_addr = htonl(address.toIPv4Address());
        rc = ::bind(fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa);
    }
    if (rc != 0)
        return fail("cannot listen on");
    if (::listen(fd, kBacklog) != 0)
        return fail("cannot listen on");
    if (!setSocketDescriptor(fd))
        return fail("cannot adopt the socket for");
    m_sweep.start();
    return true;
}

void HttpListener::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    if (m_counts) {
        const QHostAddress peer = TrustedProxies::plain(socket->peerAddress());
        if (!m_counts->admit(peer)) {
            socket->write(RequestGuard::refusal(429, "RATE_LIMITED", "Too many connections from this address"));
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            if (socket->state() == QAbstractSocket::UnconnectedState)
                socket->deleteLater();
            return;   // never handed to QHttpServer
        }
        connect(socket, &QObject::destroyed, [counts = m_counts, peer] { counts->release(peer); });
    }
    auto *guard = new RequestGuard(socket, m_limits);
    m_guards.insert(guard);
    connect(guard, &QObject::destroyed, this, [this](QObject *gone) { m_guards.remove(gone); });
    addPendingConnection(socket);   // QTcpServer emits newConnection() after this returns
}

void HttpListener::sweep()
{
    const qint64 now = RequestGuard::clockMs();
    QList<RequestGuard *> expired;
    for (auto it = m_guards.begin(); it != m_guards.end();) {
        auto *guard = static_cast<RequestGuard *>(*it);
        if (guard->upgraded()) {   // a WebSocket now: Engine.IO's pings watch it
            it = m_guards.erase(it);
            continue;
        }
        const qint64 at = guard->expireAt();
        if (at >= 0 && now >= at)
            expired.append(guard);
        ++it;
    }
    for (RequestGuard *guard : std::as_const(expired))
        guard->expire();
}

}   // namespace Conversa::Server
