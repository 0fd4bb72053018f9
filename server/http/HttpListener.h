#pragma once

#include <QHostAddress>
#include <QTcpServer>

namespace Conversa::Server {

// A listening socket for one HTTP thread: SO_REUSEPORT so every thread accepts on the same port
// (the kernel spreads connections), a deep backlog (QTcpServer::listen's 50 drops SYNs in bursts),
// and a guard that refuses oversized requests before QHttpServer buffers their bodies.
class HttpListener final : public QTcpServer {
    Q_OBJECT
public:
    HttpListener(qint64 maxBodyBytes, QObject *parent = nullptr);

    // Opens address:port (port 0 picks one), with SO_REUSEPORT when asked; false and the reason
    // on failure. Opening once without it first tells whether anyone else holds the port.
    bool open(const QHostAddress &address, quint16 port, bool reusePort, QString *errorText);
    // Requests to exactly this path may carry up to `maxBodyBytes` (a backup upload); set before open().
    void allowLargerBody(const QByteArray &path, qint64 maxBodyBytes)
    {
        m_largePath = path;
        m_largeMaxBodyBytes = maxBodyBytes;
    }

protected:
    void incomingConnection(qintptr handle) override;

private:
    qint64 m_maxBodyBytes;
    QByteArray m_largePath;
    qint64 m_largeMaxBodyBytes = 0;
};

}   // namespace Conversa::Server
