#include "SocketIoClient.h"

#include "SocketIoCodec.h"

#include <QJsonArray>
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
    m_wasConnected = false;
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
    SocketIo::Packet packet;
    packet.data = QJsonArray{event, arg};
    if (ack) {
        packet.ackId = ++m_nextAck;
        m_acks.insert(int(packet.ackId), std::move(ack));
    }
    m_socket.sendTextMessage(QString::fromUtf8(SocketIo::encodePacket(packet)));
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
    const std::optional<SocketIo::EnginePacket> engine = SocketIo::parseEngine(frame.toUtf8());
    if (!engine)
        return;
    if (engine->type == SocketIo::EngineType::Open) {   // now the Socket.IO CONNECT with the token
        QString token = QString::fromUtf8(m_token);
        if (!token.startsWith("Bearer "_L1))
            token.prepend(u"Bearer "_s);
        SocketIo::Packet connect;
        connect.type = SocketIo::PacketType::Connect;
        connect.data = QJsonObject{{u"token"_s, token}};
        m_socket.sendTextMessage(QString::fromUtf8(SocketIo::encodePacket(connect)));
        return;
    }
    if (engine->type == SocketIo::EngineType::Ping) {
        m_socket.sendTextMessage(QString::fromUtf8(SocketIo::encodeEngine(SocketIo::EngineType::Pong)));
        return;
    }
    if (engine->type != SocketIo::EngineType::Message)
        return;
    const std::optional<SocketIo::Packet> packet = SocketIo::parsePacket(engine->data);
    if (!packet)
        return;
    switch (packet->type) {
    case SocketIo::PacketType::Connect: {   // accepted
        m_attempt = 0;
        const bool again = std::exchange(m_wasConnected, true);
        setState(State::Connected);
        emit connected();
        const QSet<qint64> rooms = m_chats;   // joinChat() edits the set
        for (const qint64 chat : rooms)
            joinChat(chat);
        if (again)
            emit reconnected();
        break;
    }
    case SocketIo::PacketType::ConnectError:   // a token problem: retrying would not help
        m_wanted = false;
        emit connectError(packet->data.toObject().value(u"message"_s).toString());
        m_socket.close();
        break;
    case SocketIo::PacketType::Disconnect:   // the server ended the session (signed out, suspended…)
        m_wanted = false;
        m_socket.close();
        break;
    case SocketIo::PacketType::Event: {
        const QJsonArray args = packet->data.toArray();
        if (!args.isEmpty())
            emit event(args.at(0).toString(), args.size() > 1 ? args.at(1) : QJsonValue());
        break;
    }
    case SocketIo::PacketType::Ack:
        if (auto ack = m_acks.take(int(packet->ackId))) {
            const QJsonArray args = packet->data.toArray();
            ack(args.isEmpty() ? QJsonValue() : args.at(0));
        }
        break;
    default: break;
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

}   // namespace Conversa
