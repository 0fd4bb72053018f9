#include "SocketIoClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Conversa {

SocketIoClient::SocketIoClient(QObject *parent) : QObject(parent)
{
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &SocketIoClient::connectSocket);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &SocketIoClient::onText);
    connect(&m_socket, &QWebSocket::disconnected, this, &SocketIoClient::onClosed);
}

SocketIoClient::~SocketIoClient()
{
    // The socket's destructor may still report the close: not to this half-destroyed object.
    m_socket.disconnect(this);
    m_socket.abort();
}

void SocketIoClient::open(const QUrl &baseUrl, const QByteArray &accessToken)
{
    m_url = baseUrl;
    m_url.setScheme(baseUrl.scheme() == "https"_L1 ? u"wss"_s : u"ws"_s);
    m_url.setPath(u"/socket.io/"_s);
    m_url.setQuery(u"EIO=4&transport=websocket"_s);
    m_token = accessToken;
    m_wanted = true;
    m_attempt = 0;
    connectSocket();
}

void SocketIoClient::close()
{
    m_wanted = false;
    m_reconnect.stop();
    if (m_socket.state() != QAbstractSocket::UnconnectedState) {
        if (m_state == State::Connected)
            m_socket.sendTextMessage(u"41"_s);   // Socket.IO DISCONNECT
        m_socket.close();
    }
    setState(State::Closed);
}

void SocketIoClient::connectSocket()
{
    if (!m_wanted)
        return;
    setState(State::Connecting);
    m_socket.abort();
    m_socket.open(m_url);
}

void SocketIoClient::emitEvent(const QString &event, const QJsonValue &arg, std::function<void(const QJsonValue &)> ack)
{
    if (m_state != State::Connected)
        return;
    QString frame = u"42"_s;
    if (ack) {
        const int id = ++m_nextAck;
        m_acks.insert(id, std::move(ack));
        frame += QString::number(id);
    }
    frame += QString::fromUtf8(QJsonDocument(QJsonArray{event, arg}).toJson(QJsonDocument::Compact));
    m_socket.sendTextMessage(frame);
}

void SocketIoClient::joinChat(qint64 chatId, std::function<void(bool, const QString &)> done)
{
    m_chats.insert(chatId);
    emitEvent(u"chat.join"_s, QJsonObject{{u"chatId"_s, chatId}}, [this, chatId, done](const QJsonValue &v) {
        const bool ok = v.toObject().value(u"ok"_s).toBool();
        if (!ok)
            m_chats.remove(chatId);
        if (done)
            done(ok, v.toObject().value(u"error"_s).toString());
    });
}

void SocketIoClient::leaveChat(qint64 chatId)
{
    m_chats.remove(chatId);
    emitEvent(u"chat.leave"_s, QJsonObject{{u"chatId"_s, chatId}});
}

void SocketIoClient::onText(const QString &frame)
{
    if (frame.isEmpty())
        return;
    const QChar engine = frame.at(0);
    if (engine == u'0') {   // Engine.IO open: now the Socket.IO CONNECT with the token
        QString token = QString::fromUtf8(m_token);
        if (!token.startsWith("Bearer "_L1))
            token.prepend(u"Bearer "_s);
        m_socket.sendTextMessage(u"40"_s + QString::fromUtf8(QJsonDocument(QJsonObject{{u"token"_s, token}})
                                                                  .toJson(QJsonDocument::Compact)));
        return;
    }
    if (engine == u'2') {   // ping
        m_socket.sendTextMessage(u"3"_s);
        return;
    }
    if (engine != u'4' || frame.size() < 2)
        return;
    const QChar type = frame.at(1);
    QString rest = frame.mid(2);
    if (type == u'0') {   // CONNECT accepted
        m_attempt = 0;
        setState(State::Connected);
        emit connected();
        const QSet<qint64> rooms = m_chats;   // joinChat() edits the set
        for (const qint64 chat : rooms)
            joinChat(chat);
        return;
    }
    if (type == u'4') {   // CONNECT_ERROR: a token problem; retrying would not help
        m_wanted = false;
        emit connectError(QJsonDocument::fromJson(rest.toUtf8()).object().value(u"message"_s).toString());
        m_socket.close();
        return;
    }
    if (type == u'1') {   // the server ended the session (user signed out, suspended…)
        m_wanted = false;
        m_socket.close();
        return;
    }
    qsizetype digits = 0;
    while (digits < rest.size() && rest.at(digits).isDigit())
        ++digits;
    const int id = digits > 0 ? rest.left(digits).toInt() : -1;
    const QJsonArray args = QJsonDocument::fromJson(rest.mid(digits).toUtf8()).array();
    if (type == u'2' && !args.isEmpty()) {
        emit event(args.at(0).toString(), args.size() > 1 ? args.at(1) : QJsonValue());
    } else if (type == u'3') {
        if (auto ack = m_acks.take(id))
            ack(args.isEmpty() ? QJsonValue() : args.at(0));
    }
}

void SocketIoClient::onClosed()
{
    const bool wasConnected = m_state == State::Connected;
    m_acks.clear();
    if (!m_wanted) {
        setState(State::Closed);
        if (wasConnected)
            emit disconnected();
        return;
    }
    setState(State::Connecting);
    if (wasConnected)
        emit disconnected();
    scheduleReconnect();
}

void SocketIoClient::scheduleReconnect()
{
    const int shift = qMin(m_attempt++, 16);
    m_reconnect.start(qMin(m_maxDelayMs, m_firstDelayMs << shift));
}

void SocketIoClient::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    emit stateChanged(s);
}

} // namespace Conversa
