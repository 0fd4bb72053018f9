// Engine.IO v4 / Socket.IO v5 packets (providers/socketio.md): what the stock client sends parses,
// what the server writes is byte for byte what the frame logs show, and malformed input is refused.
#include <Conversa/realtime/SocketIoCodec.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SocketIo;

class tst_SocketIoCodec : public QObject {
    Q_OBJECT
private slots:
    void engine_data();
    void engine();
    void parse_data();
    void parse();
    void refuse_data();
    void refuse();
    void encode();
    void mutatedInput();
};

Q_DECLARE_METATYPE(SocketIo::EngineType)
Q_DECLARE_METATYPE(SocketIo::PacketType)
Q_DECLARE_METATYPE(SocketIo::ParseError)

void tst_SocketIoCodec::engine_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<EngineType>("type");
    QTest::addColumn<QByteArray>("data");

    QTest::addRow("open") << QByteArray("0{\"sid\":\"x\"}") << true << EngineType::Open
                          << QByteArray("{\"sid\":\"x\"}");
    QTest::addRow("close") << QByteArray("1") << true << EngineType::Close << QByteArray();
    QTest::addRow("ping") << QByteArray("2") << true << EngineType::Ping << QByteArray();
    QTest::addRow("ping-probe") << QByteArray("2probe") << true << EngineType::Ping << QByteArray("probe");
    QTest::addRow("pong") << QByteArray("3") << true << EngineType::Pong << QByteArray();
    QTest::addRow("message") << QByteArray("42[\"a\"]") << true << EngineType::Message << QByteArray("2[\"a\"]");
    QTest::addRow("upgrade") << QByteArray("5") << true << EngineType::Upgrade << QByteArray();
    QTest::addRow("noop") << QByteArray("6") << true << EngineType::Noop << QByteArray();
    QTest::addRow("empty") << QByteArray() << false << EngineType::Noop << QByteArray();
    QTest::addRow("type-7") << QByteArray("7") << false << EngineType::Noop << QByteArray();
    QTest::addRow("letter") << QByteArray("x") << false << EngineType::Noop << QByteArray();
    QTest::addRow("base64-binary") << QByteArray("bAQID") << false << EngineType::Noop << QByteArray();
}

void tst_SocketIoCodec::engine()
{
    QFETCH(QByteArray, frame);
    QFETCH(bool, valid);
    const std::optional<EnginePacket> p = parseEngine(frame);
    QCOMPARE(p.has_value(), valid);
    if (!valid)
        return;
    QFETCH(EngineType, type);
    QFETCH(QByteArray, data);
    QCOMPARE(p->type, type);
    QCOMPARE(p->data, data);
}

void tst_SocketIoCodec::parse_data()
{
    QTest::addColumn<QByteArray>("payload");   // inside an Engine.IO message, without the "4"
    QTest::addColumn<PacketType>("type");
    QTest::addColumn<QString>("nsp");
    QTest::addColumn<qint64>("ackId");
    QTest::addColumn<QByteArray>("json");   // the payload re-serialised; empty = none

    QTest::addRow("connect-no-auth") << QByteArray("0") << PacketType::Connect << u"/"_s << qint64(-1) << QByteArray();
    QTest::addRow("connect-auth") << QByteArray("0{\"token\":\"good\"}") << PacketType::Connect << u"/"_s << qint64(-1)
                                  << QByteArray("{\"token\":\"good\"}");
    QTest::addRow("connect-nsp") << QByteArray("0/admin,{\"token\":\"abc\"}") << PacketType::Connect << u"/admin"_s
                                 << qint64(-1) << QByteArray("{\"token\":\"abc\"}");
    QTest::addRow("connect-nsp-bare") << QByteArray("0/custom,") << PacketType::Connect << u"/custom"_s << qint64(-1)
                                      << QByteArray();
    QTest::addRow("disconnect") << QByteArray("1") << PacketType::Disconnect << u"/"_s << qint64(-1) << QByteArray();
    QTest::addRow("disconnect-nsp") << QByteArray("1/admin,") << PacketType::Disconnect << u"/admin"_s << qint64(-1)
                                    << QByteArray();
    QTest::addRow("event") << QByteArray("2[\"hello\",{\"n\":1}]") << PacketType::Event << u"/"_s << qint64(-1)
                           << QByteArray("[\"hello\",{\"n\":1}]");
    QTest::addRow("event-ack-0") << QByteArray("20[\"chat.join\",{\"chatId\":5}]") << PacketType::Event << u"/"_s
                                 << qint64(0) << QByteArray("[\"chat.join\",{\"chatId\":5}]");
    QTest::addRow("event-ack-17") << QByteArray("217[\"x\"]") << PacketType::Event << u"/"_s << qint64(17)
                                  << QByteArray("[\"x\"]");
    QTest::addRow("event-nsp-ack") << QByteArray("2/admin,13[\"bar\"]") << PacketType::Event << u"/admin"_s
                                   << qint64(13) << QByteArray("[\"bar\"]");
    QTest::addRow("event-numeric-name") << QByteArray("2[1,2]") << PacketType::Event << u"/"_s << qint64(-1)
                                        << QByteArray("[1,2]");
    QTest::addRow("event-utf8") << QByteArray("20[\"chat:send\",{\"text\":\"h\xc3\xa9llo \xe2\x9c\x93\"}]")
                                << PacketType::Event << u"/"_s << qint64(0)
                                << QByteArray("[\"chat:send\",{\"text\":\"h\xc3\xa9llo \xe2\x9c\x93\"}]");
    QTest::addRow("event-escaped") << QByteArray("2[\"a\",\"h\\u00e9\"]") << PacketType::Event << u"/"_s << qint64(-1)
                                   << QByteArray("[\"a\",\"h\xc3\xa9\"]");
    QTest::addRow("ack") << QByteArray("317[{\"pong\":true}]") << PacketType::Ack << u"/"_s << qint64(17)
                         << QByteArray("[{\"pong\":true}]");
    QTest::addRow("ack-empty") << QByteArray("30[]") << PacketType::Ack << u"/"_s << qint64(0) << QByteArray("[]");
}

void tst_SocketIoCodec::parse()
{
    QFETCH(QByteArray, payload);
    QFETCH(PacketType, type);
    QFETCH(QString, nsp);
    QFETCH(qint64, ackId);
    QFETCH(QByteArray, json);
    ParseError why = ParseError::BadType;
    const std::optional<Packet> p = parsePacket(payload, &why);
    QVERIFY2(p.has_value(), QByteArray("refused with " + QByteArray::number(int(why))).constData());
    QCOMPARE(why, ParseError::None);
    QCOMPARE(p->type, type);
    QCOMPARE(p->nsp, nsp);
    QCOMPARE(p->ackId, ackId);
    if (json.isEmpty()) {
        QVERIFY(p->data.isUndefined());
    } else {
        const QByteArray actual = p->data.isObject() ? QJsonDocument(p->data.toObject()).toJson(QJsonDocument::Compact)
                                                     : QJsonDocument(p->data.toArray()).toJson(QJsonDocument::Compact);
        QCOMPARE(actual, json);
    }
}

void tst_SocketIoCodec::refuse_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<ParseError>("error");

    QTest::addRow("empty") << QByteArray() << ParseError::Empty;
    QTest::addRow("letters") << QByteArray("abc") << ParseError::BadType;
    QTest::addRow("type-7") << QByteArray("7[\"a\"]") << ParseError::BadType;
    QTest::addRow("binary-event") << QByteArray("51-[\"upload\",{\"_placeholder\":true,\"num\":0}]")
                                  << ParseError::Binary;
    QTest::addRow("binary-ack") << QByteArray("61-15[{\"_placeholder\":true,\"num\":0}]") << ParseError::Binary;
    QTest::addRow("event-object") << QByteArray("2{}") << ParseError::BadPayload;
    QTest::addRow("event-empty-array") << QByteArray("2[]") << ParseError::BadPayload;
    QTest::addRow("event-no-payload") << QByteArray("2") << ParseError::BadPayload;
    QTest::addRow("event-reserved-name") << QByteArray("2[\"connect\"]") << ParseError::BadPayload;
    QTest::addRow("event-disconnect-name") << QByteArray("2[\"disconnect\",1]") << ParseError::BadPayload;
    QTest::addRow("event-object-name") << QByteArray("2[{\"a\":1}]") << ParseError::BadPayload;
    QTest::addRow("event-bad-ack-id") << QByteArray("2abc[\"message-with-ack\",1]") << ParseError::BadJson;
    QTest::addRow("event-huge-ack-id") << QByteArray("21234567890123456[\"a\"]") << ParseError::BadAckId;
    QTest::addRow("event-broken-json") << QByteArray("2[\"a\",") << ParseError::BadJson;
    QTest::addRow("event-trailing-garbage") << QByteArray("2[\"a\"]x") << ParseError::BadJson;
    QTest::addRow("event-scalar") << QByteArray("2\"a\"") << ParseError::BadJson;
    QTest::addRow("ack-without-id") << QByteArray("3[]") << ParseError::BadPayload;
    QTest::addRow("ack-object") << QByteArray("31{}") << ParseError::BadPayload;
    QTest::addRow("connect-array") << QByteArray("0[1]") << ParseError::BadPayload;
    QTest::addRow("connect-ack-id") << QByteArray("05{}") << ParseError::BadAckId;
    QTest::addRow("disconnect-payload") << QByteArray("1{}") << ParseError::BadPayload;
    QTest::addRow("namespace-too-long") << QByteArray("0/" + QByteArray(200, 'a') + ",{}") << ParseError::BadNamespace;
    QTest::addRow("namespace-bad-utf8") << QByteArray("0/\xff\xfe,{}") << ParseError::BadNamespace;
    QTest::addRow("nul-bytes") << QByteArray("2[\"a\"\0]", 7) << ParseError::BadJson;
}

void tst_SocketIoCodec::refuse()
{
    QFETCH(QByteArray, payload);
    QFETCH(ParseError, error);
    ParseError why = ParseError::None;
    QVERIFY(!parsePacket(payload, &why).has_value());
    QCOMPARE(why, error);
}

void tst_SocketIoCodec::encode()
{
    // The frames of the probe logs, byte for byte.
    QCOMPARE(encodeEngine(EngineType::Ping), QByteArray("2"));
    QCOMPARE(encodeEngine(EngineType::Pong, "probe"), QByteArray("3probe"));
    QCOMPARE(encodeEngine(EngineType::Open, "{\"sid\":\"a\"}"), QByteArray("0{\"sid\":\"a\"}"));

    Packet connect{PacketType::Connect};
    connect.data = QJsonObject{{u"sid"_s, u"HRYaN6s"_s}};
    QCOMPARE(encodePacket(connect), QByteArray("40{\"sid\":\"HRYaN6s\"}"));
    connect.nsp = u"/admin"_s;
    QCOMPARE(encodePacket(connect), QByteArray("40/admin,{\"sid\":\"HRYaN6s\"}"));

    Packet error{PacketType::ConnectError};
    error.nsp = u"/random"_s;
    error.data = QJsonObject{{u"message"_s, u"Invalid namespace"_s}};
    QCOMPARE(encodePacket(error), QByteArray("44/random,{\"message\":\"Invalid namespace\"}"));

    QCOMPARE(encodePacket(Packet{PacketType::Disconnect}), QByteArray("41"));

    QCOMPARE(eventFrame(u"hello"_s, "{\"from\":\"python\",\"n\":1}"),
             QByteArray("42[\"hello\",{\"from\":\"python\",\"n\":1}]"));
    QCOMPARE(eventFrame(u"say \"hi\""_s, "1"), QByteArray("42[\"say \\\"hi\\\"\",1]"));
    QCOMPARE(eventFrame(u"bare"_s, {}), QByteArray("42[\"bare\"]"));
    QCOMPARE(ackFrame(0, "{\"ok\":true}"), QByteArray("430[{\"ok\":true}]"));
    QCOMPARE(ackFrame(13, "\"bar\"", u"/admin"_s), QByteArray("43/admin,13[\"bar\"]"));
    QCOMPARE(ackFrame(7, {}), QByteArray("437[]"));

    // What the encoder writes, the parser reads back.
    Packet event{PacketType::Event};
    event.ackId = 42;
    event.data = QJsonArray{u"chat.read"_s, QJsonObject{{u"chatId"_s, 3}, {u"messageIds"_s, QJsonArray{1, 2}}}};
    const QByteArray frame = encodePacket(event);
    const std::optional<EnginePacket> outer = parseEngine(frame);
    QVERIFY(outer && outer->type == EngineType::Message);
    const std::optional<Packet> back = parsePacket(outer->data);
    QVERIFY(back);
    QCOMPARE(back->ackId, 42);
    QCOMPARE(back->data, event.data);
}

void tst_SocketIoCodec::mutatedInput()
{
    // Valid packets with bytes flipped, cut or inserted: whatever parses must survive a round trip.
    const QList<QByteArray> seeds{"0{\"token\":\"Bearer abc\"}",
                                  "0/admin,{\"a\":[1,2]}",
                                  "220[\"chat.read\",{\"chatId\":3,\"messageIds\":[1,2]}]",
                                  "2/x,5[\"e\",\"h\xc3\xa9\"]",
                                  "317[{\"ok\":true}]",
                                  "1",
                                  "451-[\"u\",{\"_placeholder\":true}]"};
    const QByteArray alphabet("0123456789/,[]{}\":-abc\\\x00\xff\xc3", 27);
    QRandomGenerator rng(20261126);
    int parsed = 0;
    for (int i = 0; i < 20000; ++i) {
        QByteArray input = seeds.at(int(rng.bounded(seeds.size())));
        for (int edits = 1 + int(rng.bounded(3)); edits > 0; --edits) {
            const int at = int(rng.bounded(input.size() + 1));
            switch (rng.bounded(3)) {
            case 0:
                if (at < input.size())
                    input[at] = alphabet.at(int(rng.bounded(alphabet.size())));
                break;
            case 1: input.truncate(at); break;
            default: input.insert(at, alphabet.at(int(rng.bounded(alphabet.size())))); break;
            }
        }
        const std::optional<Packet> p = parsePacket(input);
        if (!p)
            continue;
        ++parsed;
        const QByteArray again = encodePacket(*p);
        const std::optional<EnginePacket> outer = parseEngine(again);
        QVERIFY(outer && outer->type == EngineType::Message);
        const std::optional<Packet> back = parsePacket(outer->data);
        QVERIFY2(back, input.toHex().constData());
        QCOMPARE(back->type, p->type);
        QCOMPARE(back->nsp, p->nsp);
        QCOMPARE(back->ackId, p->ackId);
        QCOMPARE(back->data, p->data);
    }
    QVERIFY(parsed > 100);   // the mutations do leave some valid packets to check
}

QTEST_APPLESS_MAIN(tst_SocketIoCodec)
#include "tst_socketio_codec.moc"
