#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QString>

#include <optional>

// Engine.IO v4 and Socket.IO v5 text packets over WebSocket (providers/socketio.md): one Engine.IO
// packet per WebSocket frame, a Socket.IO packet inside each Engine.IO "message". Pure functions:
// parsing never trusts its input and reports malformed packets instead of guessing.
namespace SocketIo {

enum class EngineType { Open = 0, Close = 1, Ping = 2, Pong = 3, Message = 4, Upgrade = 5, Noop = 6 };
enum class PacketType {
    Connect = 0,
    Disconnect = 1,
    Event = 2,
    Ack = 3,
    ConnectError = 4,
    BinaryEvent = 5,
    BinaryAck = 6
};

struct EnginePacket {
    EngineType type = EngineType::Noop;
    QByteArray data;   // what follows the type digit
};

struct Packet {
    PacketType type = PacketType::Event;
    QString nsp = QStringLiteral("/");
    qint64 ackId = -1;                        // -1: none
    QJsonValue data{QJsonValue::Undefined};   // Undefined when the packet carries no payload
};

// Why a packet was refused; the connection that sent it is closed.
enum class ParseError { None, Empty, BadType, Binary, BadNamespace, BadAckId, BadJson, BadPayload };

std::optional<EnginePacket> parseEngine(QByteArrayView frame);
std::optional<Packet> parsePacket(QByteArrayView payload, ParseError *error = nullptr);

// Encoders return whole WebSocket text frames, Engine.IO type included.
QByteArray encodeEngine(EngineType type, QByteArrayView data = {});
QByteArray encodePacket(const Packet &packet);
// `42["event",<json>]` with an already serialised JSON argument (fan-out writes it once).
QByteArray eventFrame(const QString &event, QByteArrayView jsonArgument);
// `43<id>[<json>]`.
QByteArray ackFrame(qint64 ackId, QByteArrayView jsonArgument, const QString &nsp = QStringLiteral("/"));

// EVENT names a client may not use (socket.io-parser RESERVED_EVENTS).
bool isReservedEvent(const QString &name);

}   // namespace SocketIo
