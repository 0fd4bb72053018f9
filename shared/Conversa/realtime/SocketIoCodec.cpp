#include "SocketIoCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace SocketIo {

namespace {

constexpr qsizetype kMaxNamespaceBytes = 128;
constexpr int kMaxAckIdDigits = 15;   // well inside a double's exact integers, as JS clients count

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// A JSON string literal, quotes included.
QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QByteArray jsonText(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    if (value.isString())
        return jsonString(value.toString());
    return {};
}

std::optional<Packet> fail(ParseError *error, ParseError why)
{
    if (error)
        *error = why;
    return std::nullopt;
}

// socket.io-parser's isPayloadValid, for what a client may send.
bool payloadValid(const Packet &p)
{
    switch (p.type) {
    case PacketType::Connect: return p.ackId < 0 && (p.data.isUndefined() || p.data.isObject());
    case PacketType::Disconnect: return p.ackId < 0 && p.data.isUndefined();
    case PacketType::Event: {
        if (!p.data.isArray())
            return false;
        const QJsonArray args = p.data.toArray();
        if (args.isEmpty())
            return false;
        const QJsonValue name = args.first();
        return name.isDouble() || (name.isString() && !isReservedEvent(name.toString()));
    }
    case PacketType::Ack: return p.ackId >= 0 && p.data.isArray();
    case PacketType::ConnectError: return p.ackId < 0 && p.data.isObject();
    case PacketType::BinaryEvent:
    case PacketType::BinaryAck: return false;
    }
    return false;
}

}   // namespace

bool isReservedEvent(const QString &name)
{
    static const QStringList reserved{u"connect"_s,       u"connect_error"_s, u"disconnect"_s,
                                      u"disconnecting"_s, u"newListener"_s,   u"removeListener"_s};
    return reserved.contains(name);
}

std::optional<EnginePacket> parseEngine(QByteArrayView frame)
{
    if (frame.isEmpty() || frame.front() < '0' || frame.front() > '6')
        return std::nullopt;
    return EnginePacket{EngineType(frame.front() - '0'), frame.sliced(1).toByteArray()};
}

std::optional<Packet> parsePacket(QByteArrayView payload, ParseError *error)
{
    if (error)
        *error = ParseError::None;
    if (payload.isEmpty())
        return fail(error, ParseError::Empty);
    const char typeChar = payload.front();
    if (typeChar < '0' || typeChar > '6')
        return fail(error, ParseError::BadType);
    Packet p;
    p.type = PacketType(typeChar - '0');
    if (p.type == PacketType::BinaryEvent || p.type == PacketType::BinaryAck)
        return fail(error, ParseError::Binary);
    qsizetype i = 1;

    if (i < payload.size() && payload[i] == '/') {
        qsizetype end = i;
        while (end < payload.size() && payload[end] != ',')
            ++end;
        const QByteArrayView nsp = payload.sliced(i, end - i);
        if (nsp.size() > kMaxNamespaceBytes || !QUtf8StringView(nsp).isValidUtf8())
            return fail(error, ParseError::BadNamespace);
        p.nsp = QString::fromUtf8(nsp);
        i = end < payload.size() ? end + 1 : end;
    }

    const qsizetype digitsStart = i;
    while (i < payload.size() && isDigit(payload[i]))
        ++i;
    if (i > digitsStart) {
        if (i - digitsStart > kMaxAckIdDigits)
            return fail(error, ParseError::BadAckId);
        p.ackId = payload.sliced(digitsStart, i - digitsStart).toLongLong();
    }

    if (i < payload.size()) {
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(payload.sliced(i).toByteArray(), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return fail(error, ParseError::BadJson);
        if (doc.isObject())
            p.data = doc.object();
        else if (doc.isArray())
            p.data = doc.array();
        else
            return fail(error, ParseError::BadJson);
    }
    if (!payloadValid(p))
        return fail(error,
                    (p.ackId >= 0 && p.type != PacketType::Event && p.type != PacketType::Ack)
                        ? ParseError::BadAckId
                        : ParseError::BadPayload);
    return p;
}

QByteArray encodeEngine(EngineType type, QByteArrayView data)
{
    QByteArray out;
    out.reserve(1 + data.size());
    out += char('0' + int(type));
    out += data;
    return out;
}

QByteArray encodePacket(const Packet &packet)
{
    QByteArray out = "4";
    out += char('0' + int(packet.type));
    if (packet.nsp != "/"_L1) {
        out += packet.nsp.toUtf8();
        out += ',';
    }
    if (packet.ackId >= 0)
        out += QByteArray::number(packet.ackId);
    out += jsonText(packet.data);
    return out;
}

QByteArray eventFrame(const QString &event, QByteArrayView jsonArgument)
{
    QByteArray out;
    out.reserve(8 + event.size() + jsonArgument.size());
    out += "42[";
    out += jsonString(event);
    if (!jsonArgument.isEmpty()) {
        out += ',';
        out += jsonArgument;
    }
    out += ']';
    return out;
}

QByteArray ackFrame(qint64 ackId, QByteArrayView jsonArgument, const QString &nsp)
{
    QByteArray out = "43";
    if (nsp != "/"_L1) {
        out += nsp.toUtf8();
        out += ',';
    }
    out += QByteArray::number(ackId);
    out += '[';
    out += jsonArgument;
    out += ']';
    return out;
}

}   // namespace SocketIo
