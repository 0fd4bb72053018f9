#include "HttpListener.h"

#include <QTcpSocket>
#include <QtCore/private/qiodevice_p.h>   // Qt 6.4 has no public setter for a socket's buffer chunks

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
constexpr qint64 kMaxHeaderBytes = 64 * 1024;
constexpr int kWriteChunkBytes = 4096;

// A Qt socket keeps its emptied buffer chunk for the next use: 32 KB for writes and 16 KB for
// reads, which 10,000 idle WebSockets would hold forever. For a connection that becomes a
// WebSocket, reads get exact-size chunks and writes keep a 4 KB one, so that a frame's header and
// a usual event still leave in one send(); a larger event goes out as two sends, which Nagle would
// hold until the client's (delayed) ACK of the first. Plain HTTP keeps Qt's defaults: measured,
// this costs request/response traffic its tail latency.
void keepSmallBuffers(QTcpSocket *socket)
{
    auto *io = static_cast<QIODevicePrivate *>(QObjectPrivate::get(socket));
    io->readBufferChunkSize = 0;
    io->buffer.setChunkSize(0);
    io->writeBufferChunkSize = kWriteChunkBytes;
    io->writeBuffer.setChunkSize(kWriteChunkBytes);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

// Watches the bytes QHttpServer is about to read. Connected before QHttpServer sees the socket, it
// peeks at each chunk as it arrives (QHttpServer then reads it all) and follows the request
// boundaries: a declared body over the limit, a chunked body growing past it, or an oversized
// header block ends the connection with a 413/431 before QHttpServer buffers the body.
class RequestGuard final : public QObject {
public:
    RequestGuard(QTcpSocket *socket, qint64 maxBody, QByteArray largePath, qint64 largeMaxBody)
        : QObject(socket), m_socket(socket), m_maxBody(maxBody), m_defaultMaxBody(maxBody),
          m_largePath(std::move(largePath)), m_largeMaxBody(largeMaxBody)
    {
        connect(socket, &QTcpSocket::readyRead, this, &RequestGuard::inspect);
    }

private:
    enum class State { Head, Body, Chunked };

    void reject(int status, const char *code, const char *message)
    {
        const QByteArray body =
            "{\"error\":{\"code\":\"" + QByteArray(code) + "\",\"message\":\"" + QByteArray(message) + "\"}}";
        const QByteArray reason = status == 413 ? "Payload Too Large" : "Request Header Fields Too Large";
        m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                        "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                        QByteArray::number(body.size()) + "\r\n\r\n" + body);
        m_socket->flush();
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->readAll();   // nothing more for QHttpServer to parse
        m_socket->disconnectFromHost();
    }

    void inspect()
    {
        const QByteArray chunk = m_socket->peek(m_socket->bytesAvailable());
        QByteArrayView rest(chunk);
        while (!rest.isEmpty()) {
            switch (m_state) {
            case State::Head: {
                const qsizetype before = m_head.size();
                m_head.append(rest.first(qMin<qsizetype>(rest.size(), kMaxHeaderBytes + 4 - before)));
                const qsizetype end = m_head.indexOf("\r\n\r\n");
                if (end < 0) {
                    if (m_head.size() > kMaxHeaderBytes)
                        return reject(431, "BAD_REQUEST", "The request headers are too large");
                    return;
                }
                rest = rest.sliced(end + 4 - before);
                if (!startBody(QByteArrayView(m_head).first(end)))
                    return;
                m_head.clear();
                break;
            }
            case State::Body: {
                const qint64 take = qMin<qint64>(m_remaining, rest.size());
                m_remaining -= take;
                rest = rest.sliced(take);
                if (m_remaining == 0)
                    m_state = State::Head;
                break;
            }
            case State::Chunked:
                m_chunkedBytes += rest.size();
                if (m_chunkedBytes > m_maxBody + kMaxHeaderBytes)
                    return reject(413, "PAYLOAD_TOO_LARGE", "The request body is too large");
                if (rest.endsWith("\r\n0\r\n\r\n") || rest == "0\r\n\r\n")
                    m_state = State::Head;
                rest = {};
                break;
            }
        }
    }

    // Reads the framing headers of a complete header block; false once the connection is refused.
    bool startBody(QByteArrayView head)
    {
        m_state = State::Head;
        // The request line's path picks the limit: one route (a backup upload) may take more.
        m_maxBody = m_defaultMaxBody;
        if (!m_largePath.isEmpty()) {
            const qsizetype lineEnd = head.indexOf('\r');
            const QByteArrayView requestLine = lineEnd >= 0 ? head.first(lineEnd) : head;
            const qsizetype start = requestLine.indexOf(' ') + 1;
            const qsizetype end = start > 0 ? requestLine.indexOf(' ', start) : -1;
            QByteArrayView target = end > start ? requestLine.sliced(start, end - start) : QByteArrayView();
            if (const qsizetype query = target.indexOf('?'); query >= 0)
                target = target.first(query);
            if (target == m_largePath)
                m_maxBody = qMax(m_defaultMaxBody, m_largeMaxBody);
        }
        bool expectContinue = false;
        bool upgrade = false;
        for (const QByteArray &line : head.toByteArray().split('\n')) {
            if (line.size() > 15 && qstrnicmp(line.constData(), "content-length:", 15) == 0) {
                bool ok = false;
                const qint64 length = line.mid(15).trimmed().toLongLong(&ok);
                if (!ok || length > m_maxBody) {
                    reject(413, "PAYLOAD_TOO_LARGE", "The request body is too large");
                    return false;
                }
                m_remaining = length;
                m_state = length > 0 ? State::Body : State::Head;
            } else if (line.size() > 7 && qstrnicmp(line.constData(), "expect:", 7) == 0 &&
                       line.toLower().contains("100-continue")) {
                expectContinue = true;   // QHttpServer 6.4 ignores it; curl would wait a second
            } else if (line.size() > 8 && qstrnicmp(line.constData(), "upgrade:", 8) == 0 &&
                       line.toLower().contains("websocket")) {
                upgrade = true;
            } else if (line.size() > 18 && qstrnicmp(line.constData(), "transfer-encoding:", 18) == 0 &&
                       line.toLower().contains("chunked")) {
                m_state = State::Chunked;
                m_chunkedBytes = 0;
            }
        }
        if (expectContinue && m_state != State::Head)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        if (upgrade)
            keepSmallBuffers(m_socket);
        return true;
    }

    QTcpSocket *m_socket;
    qint64 m_maxBody;
    qint64 m_defaultMaxBody;
    QByteArray m_largePath;
    qint64 m_largeMaxBody;
    State m_state = State::Head;
    QByteArray m_head;
    qint64 m_remaining = 0;
    qint64 m_chunkedBytes = 0;
};

}   // namespace

HttpListener::HttpListener(qint64 maxBodyBytes, QObject *parent) : QTcpServer(parent), m_maxBodyBytes(maxBodyBytes) {}

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
    return true;
}

void HttpListener::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    new RequestGuard(socket, m_maxBodyBytes, m_largePath, m_largeMaxBodyBytes);
    addPendingConnection(socket);   // QTcpServer emits newConnection() after this returns
}

}   // namespace Conversa::Server
