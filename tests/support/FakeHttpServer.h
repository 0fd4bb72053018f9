#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QTcpServer>

class QTcpSocket;

// The HTTP/1.1 side the test stand-ins (FakeMetaGraph, FakeWppConnect) share: a QTcpServer on
// 127.0.0.1, port 0, a per-socket buffer that cuts keep-alive requests (request line, the
// Content-Length, Authorization and Content-Type headers, the body, the JSON body) and hands each
// to handle(); reply() writes the answer, at once or late.
class FakeHttpServer : public QObject {
    Q_OBJECT
public:
    struct HttpRequest {
        QByteArray method;
        QByteArray path;            // as on the request line, query included
        QByteArray authorization;   // the whole header value
        QByteArray contentType;
        QByteArray body;
        QJsonObject json;   // the parsed body when it is JSON
    };

    explicit FakeHttpServer(QObject *parent = nullptr);
    ~FakeHttpServer() override;

    bool listen();
    quint16 port() const { return m_server.serverPort(); }

protected:
    // One parsed request; answer it with reply().
    virtual void handle(QTcpSocket *socket, HttpRequest request) = 0;
    // "HTTP/1.1 <status> <reason>", Content-Type, Content-Length, extraHeaders (each ending in
    // \r\n), Connection: keep-alive, then the body; after delayMs when it is positive. Nothing is
    // written to a socket that has gone or is no longer connected.
    void reply(QTcpSocket *socket, int status, const QByteArray &reason, const QByteArray &contentType,
               const QByteArray &body, const QByteArray &extraHeaders = {}, int delayMs = 0);

private:
    void onReadyRead(QTcpSocket *socket);

    QHash<QTcpSocket *, QByteArray> m_buffers;
    QTcpServer m_server;   // last: its sockets go first, while m_buffers still exists
};
