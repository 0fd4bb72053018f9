#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

// A loopback TCP relay in front of the test server, so that a test can cut the network (every
// connection dropped, new ones refused) and restore it on the same port, as a flaky link does.
// It forwards bytes only: the app still talks HTTP and WebSocket to the real server.
//
// Given a script, it plays what may sit between a client and the server in production (a proxy,
// a load balancer, a link that drops): it reads the HTTP/1.1 requests that go through, and each
// takes the next step of the script (the last one repeats) — pass it to the server, answer it
// itself with a status (502, 503, 429 with Retry-After…), close the connection before any answer,
// or pass it and cut the server's answer halfway. With a script set it speaks HTTP only (no
// WebSocket upgrades).
class TcpRelay : public QObject {
    Q_OBJECT
public:
    struct Step {
        enum class Kind { Pass, Answer, Drop, CutAnswer };
        Kind kind = Kind::Pass;
        int status = 0;              // Answer: the status line's code
        int retryAfterSeconds = 0;   // Answer: a Retry-After header when positive
    };
    // A request the relay read while a script was set.
    struct Seen {
        QByteArray method;
        QByteArray path;
        QByteArray idempotencyKey;
        qint64 atMs = 0;   // since setScript()
    };

    explicit TcpRelay(quint16 targetPort, QObject *parent = nullptr);

    bool listen(quint16 port = 0);
    quint16 port() const { return m_port; }
    QUrl url() const;

    void cut();
    bool restore() { return listen(m_port); }

    // For the connections opened from now on.
    void setScript(QList<Step> steps);
    const QList<Seen> &seen() const { return m_seen; }

private:
    struct Link;
    void accept();
    void relayBytes(QTcpSocket *client, QTcpSocket *upstream);
    void relayRequests(QTcpSocket *client, QTcpSocket *upstream);
    // The next whole request in the link's buffer, taken out of it; empty while it is incomplete.
    QByteArray takeRequest(Link &link, Seen *seen);
    static QByteArray answer(const Step &step);

    QTcpServer m_server;
    quint16 m_target;
    quint16 m_port = 0;
    QList<QPointer<QTcpSocket>> m_sockets;
    QList<Step> m_script;
    QList<Seen> m_seen;
    QElapsedTimer m_clock;
};
