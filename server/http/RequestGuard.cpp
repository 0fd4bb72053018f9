#include "RequestGuard.h"

#include <QDeadlineTimer>
#include <QTcpSocket>
#include <QtCore/private/qiodevice_p.h>   // Qt 6.4 has no public setter for a socket's buffer chunks

#include <cstring>

namespace Conversa::Server {

namespace {

constexpr qint64 kMaxHeaderBytes = 64 * 1024;
constexpr qsizetype kMaxLeadingBlank = 8;   // stray line ends before a request line (RFC 9112 §2.2)
// Complete requests read from the network that QHttpServer has not reached yet: more means a
// client pipelining without reading its answers.
constexpr qsizetype kMaxUnreadRequests = 16;
constexpr int kWriteChunkBytes = 4096;

qint64 nowMs()
{
    return QDeadlineTimer::current().deadline();
}

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

bool isBlank(char c)
{
    return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v';
}

bool headerIs(QByteArrayView line, QByteArrayView name, QByteArrayView *value)
{
    if (line.size() <= name.size() || line[name.size()] != ':' ||
        qstrnicmp(line.data(), name.size(), name.data(), name.size()) != 0)
        return false;
    *value = line.sliced(name.size() + 1).trimmed();
    return true;
}

bool containsToken(QByteArrayView value, QByteArrayView token)
{
    return value.toByteArray().toLower().contains(token);
}

const char *refusalReason(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    default: return "Request Header Fields Too Large";
    }
}

}   // namespace

QByteArray RequestGuard::refusal(int status, const char *code, const char *message)
{
    const QByteArray body =
        "{\"error\":{\"code\":\"" + QByteArray(code) + "\",\"message\":\"" + QByteArray(message) + "\"}}";
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + refusalReason(status) +
        "\r\nContent-Type: application/json\r\nConnection: close\r\n" + (status == 429 ? "Retry-After: 1\r\n" : "") +
        "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

qint64 RequestGuard::clockMs()
{
    return nowMs();
}

RequestGuard::RequestGuard(QTcpSocket *socket, const ConnectionLimits &limits)
    : QObject(socket), m_socket(socket), m_limits(limits), m_phaseStartMs(nowMs()), m_lastProgressMs(m_phaseStartMs)
{
    connect(socket, &QTcpSocket::readyRead, this, &RequestGuard::inspect);
    connect(socket, &QTcpSocket::bytesWritten, this, [this] { m_lastProgressMs = nowMs(); });
}

void RequestGuard::answered(QTcpSocket *socket)
{
    if (auto *guard = socket->findChild<RequestGuard *>(QString(), Qt::FindDirectChildrenOnly);
        guard && guard->m_unanswered > 0) {
        --guard->m_unanswered;
        guard->m_lastProgressMs = nowMs();
    }
}

qint64 RequestGuard::expireAt() const
{
    if (m_upgraded)
        return -1;
    if (m_socket->bytesToWrite() > 0)   // an answer the client is not reading
        return m_lastProgressMs + m_limits.sendTimeoutMs;
    switch (m_phase) {
    case Phase::RequestLine:
    case Phase::Headers: return m_phaseStartMs + m_limits.headerTimeoutMs;
    case Phase::Body: return m_lastProgressMs + m_limits.bodyTimeoutMs;
    case Phase::Start: break;
    }
    if (m_unanswered > 0)   // the server is still working on an answer
        return -1;
    if (!m_sawRequest)   // a connection that never sent a request gets the header time, not the idle time
        return m_phaseStartMs + m_limits.headerTimeoutMs;
    return m_lastProgressMs + m_limits.idleTimeoutMs;
}

void RequestGuard::expire()
{
    disconnect(m_socket, nullptr, this, nullptr);
    if (m_socket->bytesToWrite() > 0 || m_unanswered > 0) {   // an answer would interleave: cut
        m_socket->abort();
        return;
    }
    // A request cut short is told why; an idle connection just closes, as any keep-alive timeout does.
    if (m_phase != Phase::Start)
        m_socket->write(refusal(408, "BAD_REQUEST", "The request took too long to arrive"));
    m_socket->disconnectFromHost();
}

void RequestGuard::reject(int status, const char *code, const char *message)
{
    m_socket->write(refusal(status, code, message));
    m_socket->flush();
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->readAll();   // nothing more for QHttpServer to parse
    m_socket->disconnectFromHost();
}

void RequestGuard::inspect()
{
    // QHttpServer has read up to m_consumed; the bytes after m_offset are new.
    const qint64 available = m_socket->bytesAvailable();
    const qint64 fresh = m_consumed + available - m_offset;
    if (fresh > 0) {
        const QByteArray data = m_socket->peek(available);
        m_lastProgressMs = nowMs();
        if (!consume(QByteArrayView(data).sliced(data.size() - fresh)))
            return;
    }
    if (m_requestEnds.size() > kMaxUnreadRequests) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
        return;
    }
    // What QHttpServer's slot, next in line, reads now: up to the end of the first complete
    // request, or everything there is.
    m_consumed = m_requestEnds.isEmpty() ? m_offset : m_requestEnds.takeFirst();
}

bool RequestGuard::consume(QByteArrayView rest)
{
    while (!rest.isEmpty()) {
        switch (m_phase) {
        case Phase::Start: {
            // QHttpServer skips whitespace before a request line; a stream of it is refused.
            qsizetype blank = 0;
            while (blank < rest.size() && isBlank(rest[blank]))
                ++blank;
            m_leadingBlank += blank;
            m_offset += blank;
            rest = rest.sliced(blank);
            if (m_leadingBlank > kMaxLeadingBlank) {
                reject(400, "BAD_REQUEST", "Empty request");
                return false;
            }
            if (rest.isEmpty())
                break;
            m_phase = Phase::RequestLine;
            m_phaseStartMs = nowMs();
            m_head.clear();
            m_headerStart = -1;
            break;
        }
        case Phase::RequestLine:
        case Phase::Headers: {
            // Copies up to the next line end; only a line end can finish the block.
            const char *newline = static_cast<const char *>(std::memchr(rest.data(), '\n', size_t(rest.size())));
            const qsizetype take = newline ? newline - rest.data() + 1 : rest.size();
            if (m_head.size() + take > kMaxHeaderBytes) {
                reject(431, "BAD_REQUEST", "The request headers are too large");
                return false;
            }
            m_head.append(rest.first(take));
            m_offset += take;
            rest = rest.sliced(take);
            if (!newline)
                break;
            if (m_phase == Phase::RequestLine) {
                m_phase = Phase::Headers;
                m_headerStart = m_head.size();
                break;
            }
            // As QHttpServer 6.4 reads it: a blank line ends the block, with CRLF or LF alone.
            const QByteArrayView block = QByteArrayView(m_head).sliced(m_headerStart);
            if (block == "\r\n" || block == "\n" || block.endsWith("\n\r\n") || block.endsWith("\n\n")) {
                if (!headerBlockDone())
                    return false;
            }
            break;
        }
        case Phase::Body: {
            const qint64 take = qMin<qint64>(m_bodyRemaining, rest.size());
            m_bodyRemaining -= take;
            m_offset += take;
            rest = rest.sliced(take);
            if (m_bodyRemaining == 0)
                requestDone();
            break;
        }
        }
    }
    return true;
}

bool RequestGuard::headerBlockDone()
{
    const QByteArrayView head(m_head);
    // The request line's path picks the limit: one route (a backup upload) may take more.
    qint64 maxBody = m_limits.maxBodyBytes;
    if (!m_limits.largeBodyPath.isEmpty()) {
        const QByteArrayView requestLine = head.first(m_headerStart).trimmed();
        const qsizetype start = requestLine.indexOf(' ') + 1;
        const qsizetype end = start > 0 ? requestLine.indexOf(' ', start) : -1;
        QByteArrayView target = end > start ? requestLine.sliced(start, end - start) : QByteArrayView();
        if (const qsizetype query = target.indexOf('?'); query >= 0)
            target = target.first(query);
        if (target == m_limits.largeBodyPath)
            maxBody = qMax(maxBody, m_limits.largeMaxBodyBytes);
    }
    qint64 length = 0;
    bool hasLength = false;
    bool expectContinue = false;
    bool connectionUpgrade = false;
    bool websocket = false;
    QByteArrayView rest = head.sliced(m_headerStart);
    while (!rest.isEmpty()) {
        const qsizetype end = rest.indexOf('\n');
        const QByteArrayView line = (end < 0 ? rest : rest.first(end)).trimmed();
        rest = end < 0 ? QByteArrayView() : rest.sliced(end + 1);
        QByteArrayView value;
        if (headerIs(line, "content-length", &value)) {
            bool ok = !hasLength && !value.isEmpty();
            for (const char c : value)
                ok = ok && c >= '0' && c <= '9';
            if (!ok || value.size() > 18) {
                reject(400, "BAD_REQUEST", "Invalid Content-Length");
                return false;
            }
            length = value.toLongLong();
            hasLength = true;
        } else if (headerIs(line, "transfer-encoding", &value)) {
            reject(411, "BAD_REQUEST", "A Content-Length header is required");
            return false;
        } else if (headerIs(line, "expect", &value)) {
            expectContinue = containsToken(value, "100-continue");   // QHttpServer 6.4 ignores it
        } else if (headerIs(line, "connection", &value)) {
            connectionUpgrade = containsToken(value, "upgrade");
        } else if (headerIs(line, "upgrade", &value)) {
            websocket = value.compare("websocket", Qt::CaseInsensitive) == 0;
        }
    }
    if (length > maxBody) {
        reject(413, "PAYLOAD_TOO_LARGE", "The request body is too large");
        return false;
    }
    if (connectionUpgrade && websocket) {
        // QHttpServer either hands the socket to its WebSocket server, which stops every signal the
        // guard listens to, or refuses the upgrade and closes: nothing more to follow either way.
        m_upgraded = true;
        keepSmallBuffers(m_socket);
        return false;
    }
    if (expectContinue && length > 0)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_head.clear();
    m_bodyRemaining = length;
    if (length > 0)
        m_phase = Phase::Body;
    else
        requestDone();
    return true;
}

void RequestGuard::requestDone()
{
    m_phase = Phase::Start;
    m_leadingBlank = 0;
    m_sawRequest = true;
    ++m_unanswered;
    m_requestEnds.append(m_offset);
}

}   // namespace Conversa::Server
