#include "TcpRelay.h"

#include <QHostAddress>
#include <QTcpSocket>

#include <memory>
#include <utility>

// One client connection in scripted mode.
struct TcpRelay::Link {
    QByteArray fromClient;    // read, not yet a whole request
    QByteArray toUpstream;    // requests to pass on once the server connection is up
    bool cutAnswer = false;   // the next bytes from the server are cut short
};

TcpRelay::TcpRelay(quint16 targetPort, QObject *parent) : QObject(parent), m_target(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TcpRelay::accept);
}

bool TcpRelay::listen(quint16 port)
{
    if (!m_server.listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server.serverPort();
    return true;
}

QUrl TcpRelay::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void TcpRelay::cut()
{
    m_server.close();
    for (const QPointer<QTcpSocket> &s : std::as_const(m_sockets)) {
        if (s)
            s->abort();
    }
    m_sockets.clear();
}

void TcpRelay::setScript(QList<Step> steps)
{
    m_script = std::move(steps);
    m_seen.clear();
    m_clock.start();
}

void TcpRelay::accept()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto *upstream = new QTcpSocket(client);
        m_sockets.append(client);
        m_sockets.append(upstream);
        if (m_script.isEmpty())
            relayBytes(client, upstream);
        else
            relayRequests(client, upstream);
        connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
        connect(client, &QTcpSocket::disconnected, client, [client, upstream] {
            upstream->disconnectFromHost();
            client->deleteLater();
        });
        upstream->connectToHost(QHostAddress::LocalHost, m_target);
    }
}

void TcpRelay::relayBytes(QTcpSocket *client, QTcpSocket *upstream)
{
    connect(client, &QTcpSocket::readyRead, upstream, [client, upstream] {
        if (upstream->state() == QAbstractSocket::ConnectedState)
            upstream->write(client->readAll());
    });
    connect(upstream, &QTcpSocket::connected, client, [client, upstream] { upstream->write(client->readAll()); });
    connect(upstream, &QTcpSocket::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
}

void TcpRelay::relayRequests(QTcpSocket *client, QTcpSocket *upstream)
{
    auto link = std::make_shared<Link>();
    connect(client, &QTcpSocket::readyRead, upstream, [this, link, client, upstream] {
        link->fromClient += client->readAll();
        for (;;) {
            Seen seen;
            const QByteArray request = takeRequest(*link, &seen);
            if (request.isEmpty())
                return;
            m_seen.append(seen);
            const Step step = m_script.at(qMin(m_seen.size(), m_script.size()) - 1);
            switch (step.kind) {
            case Step::Kind::Drop:   // gone before answering: the server never hears of it
                client->abort();
                return;
            case Step::Kind::Answer: client->write(answer(step)); break;
            case Step::Kind::Pass:
            case Step::Kind::CutAnswer:
                link->cutAnswer = step.kind == Step::Kind::CutAnswer;
                if (upstream->state() == QAbstractSocket::ConnectedState)
                    upstream->write(request);
                else
                    link->toUpstream += request;
                break;
            }
        }
    });
    connect(upstream, &QTcpSocket::connected, client,
            [link, upstream] { upstream->write(std::exchange(link->toUpstream, {})); });
    connect(upstream, &QTcpSocket::readyRead, client, [link, client, upstream] {
        const QByteArray bytes = upstream->readAll();
        if (!std::exchange(link->cutAnswer, false)) {
            client->write(bytes);
            return;
        }
        // The status line and headers and one byte of the body, or half of what came: an answer
        // begun and never finished.
        const qsizetype headerEnd = bytes.indexOf("\r\n\r\n");
        const qsizetype keep = headerEnd >= 0 ? qMin(headerEnd + 5, bytes.size() - 1) : bytes.size() / 2;
        client->write(bytes.left(keep));
        client->flush();
        client->abort();
    });
}

QByteArray TcpRelay::takeRequest(Link &link, Seen *seen)
{
    const qsizetype headerEnd = link.fromClient.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return {};
    const QList<QByteArray> lines = link.fromClient.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    seen->method = requestLine.value(0);
    seen->path = requestLine.value(1);
    qsizetype length = 0;
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length")
            length = value.toLongLong();
        else if (name == "idempotency-key")
            seen->idempotencyKey = value;
    }
    const qsizetype size = headerEnd + 4 + length;
    if (link.fromClient.size() < size)
        return {};
    seen->atMs = m_clock.elapsed();
    const QByteArray request = link.fromClient.left(size);
    link.fromClient.remove(0, size);
    return request;
}

QByteArray TcpRelay::answer(const Step &step)
{
    QByteArray reason = "Error";
    switch (step.status) {
    case 429: reason = "Too Many Requests"; break;
    case 502: reason = "Bad Gateway"; break;
    case 503: reason = "Service Unavailable"; break;
    case 504: reason = "Gateway Timeout"; break;
    default: break;
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(step.status) + ' ' + reason + "\r\nContent-Type: text/plain\r\n" +
        "Content-Length: " + QByteArray::number(reason.size()) + "\r\n";
    if (step.retryAfterSeconds > 0)
        out += "Retry-After: " + QByteArray::number(step.retryAfterSeconds) + "\r\n";
    return out + "\r\n" + reason;
}
