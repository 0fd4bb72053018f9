#include "FakeHttpServer.h"

#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

FakeHttpServer::FakeHttpServer(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_buffers.remove(socket);
                socket->deleteLater();
            });
        }
    });
}

FakeHttpServer::~FakeHttpServer()
{
    // The derived stand-in's state is gone by now: no socket may reach handle() any more. The
    // sockets themselves go with m_server, before m_buffers.
    const QList<QTcpSocket *> sockets = m_server.findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets)
        disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
}

bool FakeHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void FakeHttpServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        HttpRequest r;
        r.method = requestLine.value(0);
        r.path = requestLine.value(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length")
                length = value.toLongLong();
            else if (name == "authorization")
                r.authorization = value;
            else if (name == "content-type")
                r.contentType = value;
        }
        if (buffer.size() < headerEnd + 4 + length)
            return;
        r.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        if (r.contentType.startsWith("application/json"))
            r.json = QJsonDocument::fromJson(r.body).object();
        handle(socket, std::move(r));
    }
}

void FakeHttpServer::reply(QTcpSocket *socket, int status, const QByteArray &reason, const QByteArray &contentType,
                           const QByteArray &body, const QByteArray &extraHeaders, int delayMs)
{
    const QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
        "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" +
        extraHeaders + "Connection: keep-alive\r\n\r\n" + body;
    QPointer<QTcpSocket> guard(socket);
    auto write = [guard, response] {
        if (guard && guard->state() == QAbstractSocket::ConnectedState)
            guard->write(response);
    };
    if (delayMs > 0)
        QTimer::singleShot(delayMs, this, write);
    else
        write();
}
