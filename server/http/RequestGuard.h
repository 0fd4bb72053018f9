#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>

class QTcpSocket;

namespace Conversa::Server {

// What one connection may take (docs/CONFIGURATION.md#connections).
struct ConnectionLimits {
    qint64 maxBodyBytes = 16 << 20;
    QByteArray largeBodyPath;   // requests to exactly this path may carry up to largeMaxBodyBytes
    qint64 largeMaxBodyBytes = 0;
    int headerTimeoutMs = 15000;   // from a request's first byte (or the accept) to its blank line
    int bodyTimeoutMs = 30000;     // a body that receives nothing for this long
    int idleTimeoutMs = 60000;     // a keep-alive connection with nothing to answer
    int sendTimeoutMs = 60000;     // an answer the client does not read for this long
};

// Watches the bytes QHttpServer is about to read. Connected before QHttpServer sees the socket, it
// follows the request boundaries exactly as QHttpServer 6.4 reads them (whitespace before a request
// line skipped, LF or CRLF line ends, Content-Length bodies) and ends the connection, with an answer
// in the contract's shape, before QHttpServer buffers anything it should not: a body over the limit,
// a chunked body (QHttpServer 6.4 misreads chunk trailers, so a length is required), an oversized or
// malformed header block, a request line that never comes. It also tells which phase the
// connection is in, so the listener can close the ones that stall (expireAt()).
//
// QHttpServer reads one request per readyRead and re-emits the signal for a pipelined rest, so the
// guard sees those bytes twice: it keeps the stream offset it has read up to and the ends of the
// requests it has seen, and inspects only bytes it has not.
class RequestGuard final : public QObject {
    Q_OBJECT
public:
    RequestGuard(QTcpSocket *socket, const ConnectionLimits &limits);

    // An answer that ends the connection, in the contract's error shape (also for the listener's refusals).
    static QByteArray refusal(int status, const char *code, const char *message);
    // The monotonic clock expireAt() is measured on.
    static qint64 clockMs();

    // The router wrote the answer to one request on this socket.
    static void answered(QTcpSocket *socket);
    // When the connection's current phase runs out (monotonic ms); -1: no limit now (an answer is
    // being prepared, or the socket became a WebSocket).
    qint64 expireAt() const;
    // Closes the connection: its phase ran out.
    void expire();
    bool upgraded() const { return m_upgraded; }

private:
    enum class Phase { Start, RequestLine, Headers, Body };

    void inspect();
    // Reads new bytes; false once the connection is refused.
    bool consume(QByteArrayView bytes);
    bool headerBlockDone();
    void requestDone();
    void reject(int status, const char *code, const char *message);
    void touch();

    QTcpSocket *m_socket;
    ConnectionLimits m_limits;
    Phase m_phase = Phase::Start;
    QByteArray m_head;             // the request line and header block being read
    qsizetype m_headerStart = 0;   // where the header block begins in m_head
    qsizetype m_leadingBlank = 0;
    qint64 m_bodyRemaining = 0;
    qint64 m_offset = 0;           // stream bytes inspected so far
    qint64 m_consumed = 0;         // stream bytes QHttpServer has read, as far as the guard can tell
    QList<qint64> m_requestEnds;   // stream offsets where requests seen but not yet read end
    int m_unanswered = 0;          // complete requests the router has not answered yet
    bool m_upgraded = false;
    bool m_sawRequest = false;
    qint64 m_phaseStartMs = 0;     // the current request's first byte, or the accept
    qint64 m_lastProgressMs = 0;   // the last byte read or written
};

}   // namespace Conversa::Server
