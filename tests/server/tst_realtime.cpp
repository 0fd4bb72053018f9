// Socket.IO over raw WebSocket frames against the real server on loopback (providers/socketio.md):
// the Engine.IO session, CONNECT with the access token, rooms and fan-out from the RealtimeBus
// across both HTTP threads, the client events, and the ways a socket is ended.
#include "Fixtures.h"
#include "TestServer.h"

#include "crypto/Jwt.h"
#include "domain/AuthService.h"
#include "realtime/RealtimeBus.h"
#include "store/Database.h"
#include "store/RoleStore.h"
#include "store/SearchText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QWebSocket>

#include <memory>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

constexpr int kPingIntervalMs = 500;
constexpr int kPingTimeoutMs = 1000;

// A WebSocket that records frames; Engine.IO pings are answered at once unless told otherwise.
class RawSocket : public QObject {
public:
    explicit RawSocket(const QUrl &url, const QByteArray &acceptLanguage = {})
    {
        connect(&ws, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            if (text == "2"_L1) {
                ++pings;
                if (answerPings)
                    ws.sendTextMessage(u"3"_s);
                return;
            }
            frames.append(text);
        });
        connect(&ws, &QWebSocket::disconnected, this, [this] { closed = true; });
        QNetworkRequest request(url);
        if (!acceptLanguage.isEmpty())
            request.setRawHeader("Accept-Language", acceptLanguage);
        ws.open(request);
    }

    // The next frame other than a ping; empty after `ms` or once closed with nothing queued.
    QString next(int ms = 5000)
    {
        (void)QTest::qWaitFor([this] { return !frames.isEmpty() || closed; }, ms);
        return frames.isEmpty() ? QString() : frames.takeFirst();
    }
    bool waitClosed(int ms = 5000)
    {
        return QTest::qWaitFor([this] { return closed; }, ms);
    }
    void send(const QString &frame) { ws.sendTextMessage(frame); }

    QWebSocket ws;
    QStringList frames;
    int pings = 0;
    bool answerPings = true;
    bool closed = false;
};

QJsonObject jsonAfter(const QString &frame, qsizetype prefix)
{
    return QJsonDocument::fromJson(frame.mid(prefix).toUtf8()).object();
}

QJsonArray arrayAfter(const QString &frame, qsizetype prefix)
{
    return QJsonDocument::fromJson(frame.mid(prefix).toUtf8()).array();
}

}   // namespace

class tst_Realtime : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void openPacket();
    void connectWithToken_data();
    void connectWithToken();
    void tokenExpiryDisconnects();
    void pingPong();
    void pongTimeoutCloses();
    void connectTimeoutCloses();
    void protocolViolationsClose_data();
    void protocolViolationsClose();
    void binaryAndOversizeFramesClose();
    void upgradeRequestChecked_data();
    void upgradeRequestChecked();
    void pollingRefused();
    void userAndSupervisorRooms();
    void chatJoin();
    void chatTyping();
    void chatRead();
    void roomsFollowVisibility();
    void badPayloads();
    void suspensionDisconnects();
    void deletionDisconnects();
    void logoutEndsOnlyThatLogin();
    void refreshReuseEndsThatLogin();
    void roleChangeDisconnects();
    void bothThreadsReceive();
    void slowConsumerCutOff();
    void eventsShareTheRateLimit();
    void metrics();

private:
    QUrl socketUrl(const QString &query = u"EIO=4&transport=websocket"_s) const
    {
        return QUrl(u"ws://127.0.0.1:%1/socket.io/?%2"_s.arg(m_server.port()).arg(query));
    }
    // Opened, open packet read, CONNECT answered with a sid; null on failure (with a QWARN).
    std::unique_ptr<RawSocket> connectAs(const QByteArray &token);
    // Sends an event with an acknowledgement id and returns the acknowledgement's argument.
    QJsonObject ask(RawSocket &s, const QString &event, const QJsonValue &arg);
    // Publishes a marker to these rooms; true when `s` reads it as its next frame (nothing before it).
    bool nextIsMarker(RawSocket &s, const QString &room);
    QByteArray tokenWithExpiry(const QByteArray &token, qint64 exp) const;
    qint64 chat(qint64 agentId);
    qint64 message(qint64 chatId, const QString &direction);

    TestServer m_server;
    QByteArray m_admin;
    QByteArray m_supervisor;
    QByteArray m_agent;
    QByteArray m_agent2;
    qint64 m_supervisorId = 0;
    qint64 m_agentId = 0;
    qint64 m_agent2Id = 0;
    qint64 m_number = 0;
    qint64 m_campaign = 0;
    int m_seq = 0;
    int m_ackId = 0;
};

std::unique_ptr<RawSocket> tst_Realtime::connectAs(const QByteArray &token)
{
    auto s = std::make_unique<RawSocket>(socketUrl());
    const QString open = s->next();
    if (!open.startsWith(u'0')) {
        qWarning("no open packet: %s", qPrintable(open));
        return nullptr;
    }
    s->send(u"40"_s +
            QString::fromUtf8(
                QJsonDocument(QJsonObject{{u"token"_s, QString::fromLatin1(token)}}).toJson(QJsonDocument::Compact)));
    const QString reply = s->next();
    if (!reply.startsWith("40{"_L1) || jsonAfter(reply, 2).value(u"sid"_s).toString().isEmpty()) {
        qWarning("CONNECT refused: %s", qPrintable(reply));
        return nullptr;
    }
    return s;
}

QJsonObject tst_Realtime::ask(RawSocket &s, const QString &event, const QJsonValue &arg)
{
    const int id = ++m_ackId;
    const QJsonArray args{event, arg};
    s.send(u"42"_s + QString::number(id) + QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Compact)));
    const QString reply = s.next();
    const QString prefix = u"43"_s + QString::number(id) + u'[';
    if (!reply.startsWith(prefix)) {
        qWarning("not the acknowledgement: %s", qPrintable(reply));
        return {};
    }
    return arrayAfter(reply, prefix.size() - 1).first().toObject();
}

bool tst_Realtime::nextIsMarker(RawSocket &s, const QString &room)
{
    const QString marker = u"marker-"_s + QString::number(++m_seq);
    m_server.app().realtime().publish({room}, u"marker"_s,
                                      QJsonDocument(QJsonObject{{u"m"_s, marker}}).toJson(QJsonDocument::Compact));
    const QString frame = s.next();
    if (frame != u"42[\"marker\",{\"m\":\"%1\"}]"_s.arg(marker)) {
        qWarning("expected the marker, got: %s", qPrintable(frame));
        return false;
    }
    return true;
}

QByteArray tst_Realtime::tokenWithExpiry(const QByteArray &token, qint64 exp) const
{
    QJsonObject claims =
        QJsonDocument::fromJson(QByteArray::fromBase64(token.split('.').value(1),
                                                       QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
            .object();
    claims.insert(u"exp"_s, exp);
    return Jwt::sign(claims, const_cast<TestServer &>(m_server).app().auth().jwtKey());
}

qint64 tst_Realtime::chat(qint64 agentId)
{
    const qint64 now = nowSeconds();
    const QString phone = u"+57312%1"_s.arg(++m_seq, 7, 10, QChar(u'0'));
    const qint64 client = insertReturningId(m_server.db(),
                                            "INSERT INTO clients (phone_number, first_name, search_text, created_at, "
                                            "updated_at) VALUES (?, 'Lucía', ?, ?, ?) RETURNING id",
                                            {phone, SearchText::of({u"Lucía"_s, phone}), now, now});
    return insertReturningId(m_server.db(),
                             "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, "
                             "status, created_at, assigned_at, last_activity_at, last_inbound_at) "
                             "VALUES (?, ?, ?, ?, 'assigned', ?, ?, ?, ?) RETURNING id",
                             {client, m_campaign, m_number, agentId, now - 60, now - 30, now - 60, now - 60});
}

qint64 tst_Realtime::message(qint64 chatId, const QString &direction)
{
    return insertReturningId(m_server.db(),
                             "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, "
                             "status, created_at) VALUES (?, ?, ?, 'text', 'hola', 'delivered', ?) RETURNING id",
                             {chatId, m_number, direction, nowSeconds()});
}

void tst_Realtime::initTestCase()
{
    QVERIFY(m_server.start({{u"CONVERSA_SOCKET_PING_INTERVAL_MS"_s, QString::number(kPingIntervalMs)},
                            {u"CONVERSA_SOCKET_PING_TIMEOUT_MS"_s, QString::number(kPingTimeoutMs)}}));
    m_admin = m_server.tokenFor(u"admin"_s);
    m_supervisor = m_server.tokenFor(u"supervisor"_s, &m_supervisorId);
    m_agent = m_server.tokenFor(u"agent"_s, &m_agentId);
    m_agent2 = m_server.tokenFor(u"agent"_s, &m_agent2Id);
    QVERIFY(!m_admin.isEmpty() && !m_supervisor.isEmpty() && !m_agent.isEmpty() && !m_agent2.isEmpty());
    const qint64 now = nowSeconds();
    m_number = insertReturningId(m_server.db(),
                                 "INSERT INTO whatsapp_numbers (phone_number, provider, created_at, updated_at) "
                                 "VALUES ('+573002222222', 'meta', ?, ?) RETURNING id",
                                 {now, now});
    m_campaign = insertReturningId(m_server.db(),
                                   "INSERT INTO campaigns (name, code, created_at, updated_at) "
                                   "VALUES ('Soporte', 'SOPORTE', ?, ?) RETURNING id",
                                   {now, now});
    QVERIFY(m_number && m_campaign);
}

void tst_Realtime::openPacket()
{
    RawSocket s(socketUrl(u"agent=alice&EIO=4&transport=websocket"_s));   // the client's own query first
    const QString open = s.next();
    QVERIFY2(open.startsWith(u'0'), qPrintable(open));
    const QJsonObject o = jsonAfter(open, 1);
    QCOMPARE(o.keys(), (QStringList{u"maxPayload"_s, u"pingInterval"_s, u"pingTimeout"_s, u"sid"_s, u"upgrades"_s}));
    QVERIFY(!o.value(u"sid"_s).toString().isEmpty());
    QCOMPARE(o.value(u"upgrades"_s).toArray(), QJsonArray());
    QCOMPARE(o.value(u"pingInterval"_s).toInt(), kPingIntervalMs);
    QCOMPARE(o.value(u"pingTimeout"_s).toInt(), kPingTimeoutMs);
    QCOMPARE(o.value(u"maxPayload"_s).toInt(), 64 * 1024);

    RawSocket other(socketUrl());
    QVERIFY(jsonAfter(other.next(), 1).value(u"sid"_s).toString() != o.value(u"sid"_s).toString());
}

void tst_Realtime::connectWithToken_data()
{
    QTest::addColumn<QString>("token");   // "<agent>" stands for a valid access token
    QTest::addColumn<QString>("lang");    // auth.lang
    QTest::addColumn<QByteArray>("acceptLanguage");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("message");

    QTest::addRow("bearer") << u"Bearer <agent>"_s << QString() << QByteArray() << true << QString();
    QTest::addRow("bearer-lowercase") << u"bearer <agent>"_s << QString() << QByteArray() << true << QString();
    QTest::addRow("bare-token") << u"<agent>"_s << QString() << QByteArray() << true << QString();
    QTest::addRow("garbage") << u"Bearer nope"_s << QString() << QByteArray() << false
                             << u"El token de acceso no es válido o ha expirado"_s;
    QTest::addRow("expired") << u"<expired>"_s << QString() << QByteArray() << false
                             << u"El token de acceso no es válido o ha expirado"_s;
    QTest::addRow("wrong-key") << u"<forged>"_s << QString() << QByteArray() << false
                               << u"El token de acceso no es válido o ha expirado"_s;
    QTest::addRow("missing") << QString() << QString() << QByteArray() << false << u"Se requiere autenticación"_s;
    QTest::addRow("english-auth-lang") << u"Bearer nope"_s << u"en"_s << QByteArray() << false
                                       << u"The access token is invalid or expired"_s;
    QTest::addRow("english-header") << u"nope"_s << QString() << QByteArray("en-US,en;q=0.9") << false
                                    << u"The access token is invalid or expired"_s;
}

void tst_Realtime::connectWithToken()
{
    QFETCH(QString, token);
    QFETCH(QString, lang);
    QFETCH(QByteArray, acceptLanguage);
    QFETCH(bool, accepted);
    QFETCH(QString, message);
    token.replace(u"<agent>"_s, QString::fromLatin1(m_agent));
    token.replace(u"<expired>"_s, QString::fromLatin1(tokenWithExpiry(m_agent, nowSeconds() - 5)));
    token.replace(u"<forged>"_s,
                  QString::fromLatin1(Jwt::sign(QJsonObject{{u"sub"_s, QString::number(m_agentId)},
                                                            {u"sid"_s, 1},
                                                            {u"exp"_s, nowSeconds() + 600}},
                                                QByteArray(48, 'k'))));

    RawSocket s(socketUrl(), acceptLanguage);
    QVERIFY(s.next().startsWith(u'0'));
    QJsonObject auth;
    if (!token.isEmpty())
        auth.insert(u"token"_s, token);
    if (!lang.isEmpty())
        auth.insert(u"lang"_s, lang);
    s.send(auth.isEmpty() ? u"40"_s : u"40"_s + QString::fromUtf8(QJsonDocument(auth).toJson(QJsonDocument::Compact)));
    const QString reply = s.next();
    if (accepted) {
        QVERIFY2(reply.startsWith("40{"_L1), qPrintable(reply));
        QVERIFY(!jsonAfter(reply, 2).value(u"sid"_s).toString().isEmpty());
        QVERIFY(nextIsMarker(s, u"user:"_s + QString::number(m_agentId)));
        return;
    }
    QVERIFY2(reply.startsWith("44{"_L1), qPrintable(reply));
    const QJsonObject error = jsonAfter(reply, 2);
    QCOMPARE(error.value(u"message"_s).toString(), message);
    QCOMPARE(error.value(u"data"_s).toObject().value(u"code"_s).toString(), u"UNAUTHENTICATED"_s);
    QVERIFY(s.waitClosed());
}

void tst_Realtime::tokenExpiryDisconnects()
{
    const auto s = connectAs(tokenWithExpiry(m_agent, nowSeconds() + 2));
    QVERIFY(s);
    QVERIFY(!s->closed);
    QCOMPARE(s->next(5000), u"41"_s);   // Socket.IO DISCONNECT first: the stock client will not reconnect
    QVERIFY(s->waitClosed());
}

void tst_Realtime::pingPong()
{
    const auto s = connectAs(m_agent);
    QVERIFY(s);
    // Four pings: past the first one's timeout, so the pongs are what kept the socket open.
    static_assert(4 * kPingIntervalMs > kPingIntervalMs + kPingTimeoutMs);
    QTRY_VERIFY2_WITH_TIMEOUT(s->pings >= 4, qPrintable(QString::number(s->pings)), kPingIntervalMs * 20);
    QVERIFY(!s->closed);
    QVERIFY(nextIsMarker(*s, u"user:"_s + QString::number(m_agentId)));
}

void tst_Realtime::pongTimeoutCloses()
{
    const auto s = connectAs(m_agent);
    QVERIFY(s);
    s->answerPings = false;
    QElapsedTimer t;
    t.start();
    QVERIFY(s->waitClosed(kPingIntervalMs + kPingTimeoutMs + 3000));
    QVERIFY(s->pings >= 1);
    QVERIFY2(t.elapsed() >= kPingTimeoutMs, qPrintable(QString::number(t.elapsed())));
}

void tst_Realtime::connectTimeoutCloses()
{
    // Pings answered but no CONNECT: closed after pingInterval + pingTimeout.
    RawSocket s(socketUrl());
    QVERIFY(s.next().startsWith(u'0'));
    QElapsedTimer t;
    t.start();
    QVERIFY(s.waitClosed(kPingIntervalMs + kPingTimeoutMs + 3000));
    QVERIFY2(t.elapsed() >= kPingIntervalMs + kPingTimeoutMs - 100, qPrintable(QString::number(t.elapsed())));
}

void tst_Realtime::protocolViolationsClose_data()
{
    QTest::addColumn<bool>("connectFirst");
    QTest::addColumn<QString>("frame");
    QTest::addColumn<QString>("lastFrame");   // what the server says before closing; empty: nothing

    QTest::addRow("event-before-connect") << false << u"42[\"chat.join\",{\"chatId\":1}]"_s << u"44{"_s;
    QTest::addRow("unknown-namespace")
        << false << u"40/admin,{\"token\":\"x\"}"_s
        << u"44/admin,{\"data\":{\"code\":\"NOT_FOUND\"},\"message\":\"Espacio de nombres no válido\"}"_s;
    QTest::addRow("engine-garbage") << true << u"x"_s << QString();
    QTest::addRow("socket-garbage") << true << u"4abc"_s << QString();
    QTest::addRow("event-object") << true << u"42{}"_s << QString();
    QTest::addRow("bad-ack-id") << true << u"42abc[\"chat.join\",{}]"_s << QString();
    QTest::addRow("event-other-namespace") << true << u"42/admin,[\"chat.join\",{}]"_s << QString();
    QTest::addRow("second-connect") << true << u"40"_s << QString();
    QTest::addRow("binary-event-header") << true << u"451-[\"upload\",{\"_placeholder\":true,\"num\":0}]"_s << u"41"_s;
    QTest::addRow("engine-close") << true << u"1"_s << QString();
}

void tst_Realtime::protocolViolationsClose()
{
    QFETCH(bool, connectFirst);
    QFETCH(QString, frame);
    QFETCH(QString, lastFrame);
    std::unique_ptr<RawSocket> s;
    if (connectFirst) {
        s = connectAs(m_agent);
        QVERIFY(s);
    } else {
        s = std::make_unique<RawSocket>(socketUrl());
        QVERIFY(s->next().startsWith(u'0'));
    }
    s->send(frame);
    if (!lastFrame.isEmpty())
        QVERIFY(s->next().startsWith(lastFrame));
    QVERIFY(s->waitClosed());
    QVERIFY2(s->frames.isEmpty(), qPrintable(s->frames.join(u' ')));
}

void tst_Realtime::binaryAndOversizeFramesClose()
{
    auto s = connectAs(m_agent);
    QVERIFY(s);
    s->ws.sendBinaryMessage(QByteArray("\x01\x02\x03", 3));
    QCOMPARE(s->next(), u"41"_s);
    QVERIFY(s->waitClosed());

    s = connectAs(m_agent);
    QVERIFY(s);
    const QString big = u"42[\"chat.typing\",{\"pad\":\""_s + QString(70 * 1024, u'x') + u"\"}]"_s;
    s->send(big);
    QVERIFY(s->waitClosed());
    QCOMPARE(s->ws.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);

    // Just under the limit is fine.
    s = connectAs(m_agent);
    QVERIFY(s);
    const QJsonObject ack =
        ask(*s, u"chat.leave"_s, QJsonObject{{u"chatId"_s, 1}, {u"pad"_s, QString(60 * 1024, u'x')}});
    QCOMPARE(ack.value(u"ok"_s).toBool(), true);
}

void tst_Realtime::upgradeRequestChecked_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("status");

    QTest::addRow("accepted") << QByteArray("/socket.io/?EIO=4&transport=websocket") << QByteArray("101");
    QTest::addRow("client-query-first") << QByteArray("/socket.io/?agent=a&EIO=4&transport=websocket")
                                        << QByteArray("101");
    QTest::addRow("eio-3") << QByteArray("/socket.io/?EIO=3&transport=websocket") << QByteArray("400");
    QTest::addRow("no-eio") << QByteArray("/socket.io/?transport=websocket") << QByteArray("400");
    QTest::addRow("polling") << QByteArray("/socket.io/?EIO=4&transport=polling") << QByteArray("400");
    QTest::addRow("with-sid") << QByteArray("/socket.io/?EIO=4&transport=websocket&sid=abc") << QByteArray("400");
    QTest::addRow("no-query") << QByteArray("/socket.io/") << QByteArray("400");
    QTest::addRow("other-path") << QByteArray("/v1/socket?EIO=4&transport=websocket") << QByteArray("404");
}

void tst_Realtime::upgradeRequestChecked()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, status);
    QTcpSocket tcp;
    tcp.connectToHost(QHostAddress::LocalHost, m_server.port());
    QVERIFY(tcp.waitForConnected(5000));
    tcp.write("GET " + target +
              " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    QByteArray answer;
    QVERIFY(QTest::qWaitFor(
        [&] {
            answer += tcp.readAll();
            return answer.contains("\r\n\r\n") && (status == "101" || answer.contains("}}"));
        },
        5000));
    QVERIFY2(answer.startsWith(QByteArray(QByteArray("HTTP/1.1 ") + status)), answer.constData());
    if (status == "400") {
        const QJsonObject error =
            QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4)).object().value(u"error"_s).toObject();
        QCOMPARE(error.value(u"code"_s).toString(), u"BAD_REQUEST"_s);
        QVERIFY(!error.value(u"message"_s).toString().isEmpty());
    }
}

void tst_Realtime::pollingRefused()
{
    ApiResponse r =
        m_server.request("GET", u"/socket.io/?EIO=4&transport=polling"_s, {}, {}, {{"Accept-Language", "en"}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.object().value(u"error"_s).toObject().value(u"code"_s).toString(), u"BAD_REQUEST"_s);
    QVERIFY(r.object().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"long-polling"_s));
    r = m_server.request("GET", u"/socket.io/?EIO=4&transport=websocket"_s);   // no Upgrade header
    QCOMPARE(r.status, 400);
    QVERIFY(r.object().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"WebSocket"_s));
    r = m_server.request("POST", u"/socket.io/?EIO=4&transport=polling"_s, {{u"a"_s, 1}});
    QCOMPARE(r.status, 405);
}

void tst_Realtime::userAndSupervisorRooms()
{
    const auto agent = connectAs(m_agent);
    const auto agent2 = connectAs(m_agent2);
    const auto supervisor = connectAs(m_supervisor);
    const auto admin = connectAs(m_admin);
    QVERIFY(agent && agent2 && supervisor && admin);
    RealtimeBus &bus = m_server.app().realtime();

    bus.publish({u"user:"_s + QString::number(m_agentId)}, u"chat.new"_s, "{\"chat\":{\"id\":7}}");
    QCOMPARE(agent->next(), u"42[\"chat.new\",{\"chat\":{\"id\":7}}]"_s);
    QVERIFY(nextIsMarker(*agent2, u"user:"_s + QString::number(m_agent2Id)));
    QVERIFY(nextIsMarker(*supervisor, u"user:"_s + QString::number(m_supervisorId)));

    // Supervisors and admins (chats.read_all) are in "supervisors"; agents are not.
    bus.publish({u"supervisors"_s}, u"chat.updated"_s, "{\"chat\":{\"id\":8}}");
    QCOMPARE(supervisor->next(), u"42[\"chat.updated\",{\"chat\":{\"id\":8}}]"_s);
    QCOMPARE(admin->next(), u"42[\"chat.updated\",{\"chat\":{\"id\":8}}]"_s);
    QVERIFY(nextIsMarker(*agent, u"user:"_s + QString::number(m_agentId)));
    QVERIFY(nextIsMarker(*agent2, u"user:"_s + QString::number(m_agent2Id)));

    // analytics.read (supervisors, admins) is the "analytics" room.
    bus.publish({u"analytics"_s}, u"analytics.update"_s, "{\"queued\":2}");
    QCOMPARE(supervisor->next(), u"42[\"analytics.update\",{\"queued\":2}]"_s);
    QCOMPARE(admin->next(), u"42[\"analytics.update\",{\"queued\":2}]"_s);
    QVERIFY(nextIsMarker(*agent, u"user:"_s + QString::number(m_agentId)));

    // Several rooms, one socket in two of them: written once.
    bus.publish({u"supervisors"_s, u"user:"_s + QString::number(m_supervisorId)}, u"notification"_s,
                "{\"type\":\"x\"}");
    QCOMPARE(supervisor->next(), u"42[\"notification\",{\"type\":\"x\"}]"_s);
    QVERIFY(nextIsMarker(*supervisor, u"supervisors"_s));

    // Every socket of the user, and the sender's own skipped when asked.
    const auto agentAgain = connectAs(m_agent);
    QVERIFY(agentAgain);
    bus.publish({u"user:"_s + QString::number(m_agentId)}, u"task.reminder"_s, "{\"task\":{\"id\":1}}");
    QCOMPARE(agent->next(), u"42[\"task.reminder\",{\"task\":{\"id\":1}}]"_s);
    QCOMPARE(agentAgain->next(), u"42[\"task.reminder\",{\"task\":{\"id\":1}}]"_s);
    bus.publish({u"user:"_s + QString::number(m_agentId)}, u"skipped"_s, "{}", m_agentId);
    QVERIFY(nextIsMarker(*agent, u"user:"_s + QString::number(m_agentId)));
}

void tst_Realtime::chatJoin()
{
    const qint64 mine = chat(m_agentId);
    const qint64 theirs = chat(m_agent2Id);
    const auto agent = connectAs(m_agent);
    const auto agent2 = connectAs(m_agent2);
    const auto supervisor = connectAs(m_supervisor);
    QVERIFY(agent && agent2 && supervisor);

    QCOMPARE(ask(*agent, u"chat.join"_s, QJsonObject{{u"chatId"_s, mine}}), (QJsonObject{{u"ok"_s, true}}));
    QJsonObject refused = ask(*agent, u"chat.join"_s, QJsonObject{{u"chatId"_s, theirs}});
    QCOMPARE(refused.value(u"ok"_s).toBool(true), false);
    QCOMPARE(refused.value(u"code"_s).toString(), u"NOT_FOUND"_s);
    QVERIFY(!refused.value(u"error"_s).toString().isEmpty());
    refused = ask(*agent, u"chat.join"_s, QJsonObject{{u"chatId"_s, 999999}});
    QCOMPARE(refused.value(u"code"_s).toString(), u"NOT_FOUND"_s);
    QCOMPARE(ask(*supervisor, u"chat.join"_s, QJsonObject{{u"chatId"_s, theirs}}).value(u"ok"_s).toBool(), true);

    // chat:<id> reaches who joined it, not the others, and not after leaving.
    const QString room = u"chat:"_s + QString::number(mine);
    m_server.app().realtime().publish({room}, u"chat.message"_s, u"{\"chat_id\":%1}"_s.arg(mine).toUtf8());
    QCOMPARE(agent->next(), u"42[\"chat.message\",{\"chat_id\":%1}]"_s.arg(mine));
    QVERIFY(nextIsMarker(*agent2, u"user:"_s + QString::number(m_agent2Id)));
    QVERIFY(nextIsMarker(*supervisor, u"supervisors"_s));
    QCOMPARE(ask(*agent, u"chat.leave"_s, QJsonObject{{u"chatId"_s, mine}}), (QJsonObject{{u"ok"_s, true}}));
    m_server.app().realtime().publish({room}, u"chat.message"_s, "{}");
    QVERIFY(nextIsMarker(*agent, u"user:"_s + QString::number(m_agentId)));
}

void tst_Realtime::chatTyping()
{
    const qint64 mine = chat(m_agentId);
    const auto agent = connectAs(m_agent);
    const auto supervisor = connectAs(m_supervisor);
    const auto agent2 = connectAs(m_agent2);
    QVERIFY(agent && supervisor && agent2);

    // Not joined: refused, nothing sent.
    QJsonObject ack = ask(*agent, u"chat.typing"_s, QJsonObject{{u"chatId"_s, mine}});
    QCOMPARE(ack.value(u"ok"_s).toBool(true), false);
    QVERIFY(nextIsMarker(*supervisor, u"supervisors"_s));

    QCOMPARE(ask(*agent, u"chat.join"_s, QJsonObject{{u"chatId"_s, mine}}).value(u"ok"_s).toBool(), true);
    QCOMPARE(ask(*supervisor, u"chat.join"_s, QJsonObject{{u"chatId"_s, mine}}).value(u"ok"_s).toBool(), true);
    ack = ask(*agent, u"chat.typing"_s, QJsonObject{{u"chatId"_s, mine}});
    QCOMPARE(ack.value(u"ok"_s).toBool(), true);
    // The supervisor is in the chat room and in "supervisors": one event.
    const QString typing = supervisor->next();
    QVERIFY2(typing.startsWith("42[\"agent.typing\","_L1), qPrintable(typing));
    const QJsonObject payload = arrayAfter(typing, 2).at(1).toObject();
    QCOMPARE(payload.value(u"chat_id"_s).toInteger(), mine);
    QCOMPARE(payload.value(u"agent"_s).toObject().value(u"id"_s).toInteger(), m_agentId);
    QCOMPARE(payload.value(u"agent"_s).toObject().value(u"first_name"_s).toString(), u"Test"_s);
    QCOMPARE(payload.value(u"agent"_s).toObject().value(u"last_name"_s).toString(), u"User"_s);
    QVERIFY(nextIsMarker(*supervisor, u"supervisors"_s));
    // Not to the typist, nor to an agent outside the chat.
    QVERIFY(nextIsMarker(*agent, u"user:"_s + QString::number(m_agentId)));
    QVERIFY(nextIsMarker(*agent2, u"user:"_s + QString::number(m_agent2Id)));

    // Without an acknowledgement asked, it still goes out.
    agent->send(u"42[\"chat.typing\",{\"chatId\":%1}]"_s.arg(mine));
    QVERIFY(supervisor->next().startsWith("42[\"agent.typing\","_L1));
}

void tst_Realtime::chatRead()
{
    const qint64 mine = chat(m_agentId);
    const qint64 other = chat(m_agent2Id);
    const qint64 in1 = message(mine, u"inbound"_s);
    const qint64 in2 = message(mine, u"inbound"_s);
    const qint64 in3 = message(mine, u"inbound"_s);
    const qint64 out = message(mine, u"outbound"_s);
    const qint64 foreign = message(other, u"inbound"_s);
    SqlQuery q(m_server.db(), "UPDATE chats SET unread_count = 3 WHERE id IN (?, ?)", {mine, other});
    QVERIFY(q.exec());

    const auto agent = connectAs(m_agent);
    QVERIFY(agent);
    const qint64 mark = m_server.auditMark();
    QJsonObject ack =
        ask(*agent, u"chat.read"_s,
            QJsonObject{{u"chatId"_s, mine}, {u"messageIds"_s, QJsonArray{in1, in2, out, foreign, 999999}}});
    QCOMPARE(ack.value(u"ok"_s).toBool(), true);
    QCOMPARE(ack.value(u"read"_s).toArray(), (QJsonArray{in1, in2}));

    const auto chatJson = [&](qint64 id) {
        return m_server.request("GET", u"/v1/chats/%1"_s.arg(id), {}, m_admin).object();
    };
    QCOMPARE(chatJson(mine).value(u"unread_count"_s).toInteger(), 1);
    QCOMPARE(chatJson(other).value(u"unread_count"_s).toInteger(), 3);
    for (const qint64 id : {in1, in2}) {
        const ApiResponse m = m_server.request("GET", u"/v1/messages/%1"_s.arg(id), {}, m_admin);
        QVERIFY(!m.value(u"read_at"_s).toString().isEmpty());
    }
    QVERIFY(m_server.request("GET", u"/v1/messages/%1"_s.arg(in3), {}, m_admin).value(u"read_at"_s).isNull());
    QVERIFY(m_server.request("GET", u"/v1/messages/%1"_s.arg(foreign), {}, m_admin).value(u"read_at"_s).isNull());

    // Read again: nothing left to mark, the count does not move.
    ack = ask(*agent, u"chat.read"_s, QJsonObject{{u"chatId"_s, mine}, {u"messageIds"_s, QJsonArray{in1, in2}}});
    QCOMPARE(ack.value(u"read"_s).toArray(), QJsonArray());
    QCOMPARE(chatJson(mine).value(u"unread_count"_s).toInteger(), 1);
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"chat.mark_read"_s, mark);
    QVERIFY(!audit.isEmpty());
    for (const QJsonObject &row : audit) {
        QCOMPARE(row.value(u"entity_id"_s).toInteger(), mine);
        QCOMPARE(row.value(u"user_id"_s).toInteger(), m_agentId);
    }
    QCOMPARE(
        audit.last().value(u"changes"_s).toObject().value(u"read_message_ids"_s).toObject().value(u"to"_s).toArray(),
        (QJsonArray{in1, in2}));

    // Someone else's chat: refused, nothing marked.
    ack = ask(*agent, u"chat.read"_s, QJsonObject{{u"chatId"_s, other}, {u"messageIds"_s, QJsonArray{foreign}}});
    QCOMPARE(ack.value(u"code"_s).toString(), u"NOT_FOUND"_s);
    QVERIFY(m_server.request("GET", u"/v1/messages/%1"_s.arg(foreign), {}, m_admin).value(u"read_at"_s).isNull());
}

// Rooms follow visibility: a socket that joined chat:<id> leaves it as soon as its user may no
// longer see the chat (transferred to someone else, or the agent left the chat's campaign), so
// nothing published to the chat afterwards reaches it; one that still may see it stays.
void tst_Realtime::roomsFollowVisibility()
{
    // Publishes a message to chat:<id>, then a marker to the user's own room; reads the socket up to
    // the marker (other events of the change may come in between, in any order) and says whether
    // the chat's message was among them.
    const auto reaches = [this](RawSocket &s, qint64 chatId, qint64 userId) {
        const QString marker = u"after-"_s + QString::number(++m_seq);
        m_server.app().realtime().publish({u"chat:%1"_s.arg(chatId)}, u"chat.message"_s,
                                          u"{\"chat_id\":%1}"_s.arg(chatId).toUtf8());
        m_server.app().realtime().publish({u"user:%1"_s.arg(userId)}, u"marker"_s,
                                          u"{\"m\":\"%1\"}"_s.arg(marker).toUtf8());
        bool heard = false;
        for (int i = 0; i < 30; ++i) {
            const QString frame = s.next();
            if (frame.isEmpty() || frame.contains(marker))
                break;
            heard = heard || frame == u"42[\"chat.message\",{\"chat_id\":%1}]"_s.arg(chatId);
        }
        return heard;
    };
    // Chat events go out on the event loop's next turn after the answer (ChatEvents::soon), and
    // the room check is queued just before them: once a socket read the event, what is published
    // later comes after the check.
    const auto announced = [](RawSocket &s, const QString &event) {
        for (int i = 0; i < 20; ++i) {
            if (s.next().startsWith(u"42[\""_s + event + u'"'))
                return true;
        }
        return false;
    };

    // Transferred to another agent of the campaign: the first agent's socket is out of the room,
    // the supervisor's stays.
    QCOMPARE(m_server
                 .request("POST", u"/v1/campaigns/%1/agents"_s.arg(m_campaign),
                          {{u"agents"_s, QJsonArray{QJsonObject{{u"user_id"_s, m_agent2Id}}}}}, m_admin)
                 .status,
             200);
    const qint64 transferred = chat(m_agentId);
    const auto agent = connectAs(m_agent);
    const auto supervisor = connectAs(m_supervisor);
    QVERIFY(agent && supervisor);
    QCOMPARE(ask(*agent, u"chat.join"_s, QJsonObject{{u"chatId"_s, transferred}}).value(u"ok"_s).toBool(), true);
    QCOMPARE(ask(*supervisor, u"chat.join"_s, QJsonObject{{u"chatId"_s, transferred}}).value(u"ok"_s).toBool(), true);
    QVERIFY(reaches(*agent, transferred, m_agentId));
    QVERIFY(reaches(*supervisor, transferred, m_supervisorId));
    const ApiResponse t = m_server.request("POST", u"/v1/chats/%1/transfer"_s.arg(transferred),
                                           {{u"target_type"_s, u"agent"_s}, {u"target_id"_s, m_agent2Id}},
                                           m_supervisor);
    QVERIFY2(t.status == 200, t.body.constData());
    QVERIFY(announced(*agent, u"chat.transferred"_s));   // to the previous agent's user room
    QVERIFY(announced(*supervisor, u"chat.transferred"_s));
    QVERIFY(!reaches(*agent, transferred, m_agentId));
    QVERIFY(reaches(*supervisor, transferred, m_supervisorId));

    // An agent removed from the campaign of a queued chat it was following (the check is queued
    // before the answer: the campaign route has no event of its own).
    const ApiResponse created = m_server.request(
        "POST", u"/v1/campaigns"_s, {{u"name"_s, u"Ventas %1"_s.arg(++m_seq)}, {u"code"_s, u"V%1"_s.arg(m_seq)}},
        m_admin);
    QCOMPARE(created.status, 201);
    const qint64 campaign = created.value(u"id"_s).toInteger();
    const QString agentsPath = u"/v1/campaigns/%1/agents"_s.arg(campaign);
    QCOMPARE(m_server.request("POST", agentsPath, {{u"agents"_s, QJsonArray{QJsonObject{{u"user_id"_s, m_agentId}}}}},
                              m_admin)
                 .status,
             200);
    const qint64 queued = chat(m_agentId);   // then back in the queue of the new campaign
    QVERIFY(SqlQuery(m_server.db(), "UPDATE chats SET campaign_id = ?, status = 'queued', assigned_agent_id = NULL, "
                                    "queued_at = ? WHERE id = ?",
                     {campaign, nowSeconds(), queued})
                .exec());
    QCOMPARE(ask(*agent, u"chat.join"_s, QJsonObject{{u"chatId"_s, queued}}).value(u"ok"_s).toBool(), true);
    QVERIFY(reaches(*agent, queued, m_agentId));
    QCOMPARE(m_server.request("POST", agentsPath, {{u"agents"_s, QJsonArray()}}, m_admin).status, 200);
    QVERIFY(!reaches(*agent, queued, m_agentId));
    // Joining again is refused now, as for any chat it may not see.
    QCOMPARE(ask(*agent, u"chat.join"_s, QJsonObject{{u"chatId"_s, queued}}).value(u"code"_s).toString(),
             u"NOT_FOUND"_s);
}

void tst_Realtime::badPayloads()
{
    const auto agent = connectAs(m_agent);
    QVERIFY(agent);
    const QList<std::pair<QString, QJsonValue>> cases{
        {u"chat.join"_s, QJsonValue(u"7"_s)},
        {u"chat.join"_s, QJsonObject{{u"chatId"_s, u"7"_s}}},
        {u"chat.join"_s, QJsonObject{{u"chatId"_s, 1.5}}},
        {u"chat.join"_s, QJsonObject{{u"chatId"_s, -3}}},
        {u"chat.join"_s, QJsonObject{{u"chatId"_s, 1e300}}},
        {u"chat.join"_s, QJsonObject{}},
        {u"chat.leave"_s, QJsonArray{1}},
        {u"chat.typing"_s, QJsonValue()},
        {u"chat.read"_s, QJsonObject{{u"chatId"_s, 1}}},
        {u"chat.read"_s, QJsonObject{{u"chatId"_s, 1}, {u"messageIds"_s, QJsonArray()}}},
        {u"chat.read"_s, QJsonObject{{u"chatId"_s, 1}, {u"messageIds"_s, QJsonArray{u"1"_s}}}},
        {u"chat.read"_s, QJsonObject{{u"chatId"_s, 1}, {u"messageIds"_s, QJsonArray{0}}}},
        {u"chat.read"_s,
         QJsonObject{{u"chatId"_s, 1}, {u"messageIds"_s, QJsonArray::fromVariantList(QVariantList(101, 1))}}},
        {u"no.such.event"_s, QJsonObject{}},
    };
    for (const auto &[event, arg] : cases) {
        const QJsonObject ack = ask(*agent, event, arg);
        QVERIFY2(ack.value(u"ok"_s) == QJsonValue(false),
                 qPrintable(event + u' ' + QString::fromUtf8(QJsonDocument(QJsonArray{arg}).toJson())));
        QVERIFY(!ack.value(u"error"_s).toString().isEmpty());
    }
    QCOMPARE(ask(*agent, u"chat.join"_s, QJsonObject{{u"chatId"_s, u"x"_s}}).value(u"error"_s).toString(),
             u"chatId: Debe ser un número entero"_s);
    // Without an acknowledgement asked, a bad payload is dropped quietly and the socket lives on.
    agent->send(u"42[\"chat.join\",\"x\"]"_s);
    agent->send(u"42[\"chat.read\",{\"chatId\":[],\"messageIds\":{}}]"_s);
    agent->send(u"42[7]"_s);
    QVERIFY(nextIsMarker(*agent, u"user:"_s + QString::number(m_agentId)));
    QVERIFY(!agent->closed);
}

void tst_Realtime::suspensionDisconnects()
{
    qint64 id = 0;
    const QByteArray token = m_server.tokenFor(u"agent"_s, &id);
    const auto s = connectAs(token);
    const auto bystander = connectAs(m_agent);
    QVERIFY(s && bystander);
    const ApiResponse r = m_server.request("PUT", u"/v1/users/%1"_s.arg(id), {{u"status"_s, u"suspended"_s}}, m_admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(s->next(), u"41"_s);
    QVERIFY(s->waitClosed());
    QVERIFY(nextIsMarker(*bystander, u"user:"_s + QString::number(m_agentId)));
    // And the token no longer connects.
    RawSocket again(socketUrl());
    QVERIFY(again.next().startsWith(u'0'));
    again.send(u"40{\"token\":\"%1\"}"_s.arg(QString::fromLatin1(token)));
    QVERIFY(again.next().startsWith("44{"_L1));
}

void tst_Realtime::deletionDisconnects()
{
    qint64 id = 0;
    const QByteArray token = m_server.tokenFor(u"agent"_s, &id);
    const auto s = connectAs(token);
    QVERIFY(s);
    QCOMPARE(m_server.request("DELETE", u"/v1/users/%1"_s.arg(id), {}, m_admin).status, 204);
    QCOMPARE(s->next(), u"41"_s);
    QVERIFY(s->waitClosed());
}

void tst_Realtime::logoutEndsOnlyThatLogin()
{
    const qint64 id = m_server.createUser(u"two-logins@test.conversa"_s, u"password-123"_s, u"agent"_s);
    const QByteArray first = m_server.login(u"two-logins@test.conversa"_s, u"password-123"_s);
    const QByteArray second = m_server.login(u"two-logins@test.conversa"_s, u"password-123"_s);
    QVERIFY(id && !first.isEmpty() && !second.isEmpty());
    const auto a = connectAs(first);
    const auto b = connectAs(second);
    QVERIFY(a && b);
    QCOMPARE(m_server.request("POST", u"/v1/auth/logout"_s, {}, first).status, 200);
    QCOMPARE(a->next(), u"41"_s);
    QVERIFY(a->waitClosed());
    QVERIFY(nextIsMarker(*b, u"user:"_s + QString::number(id)));
}

void tst_Realtime::refreshReuseEndsThatLogin()
{
    const qint64 id = m_server.createUser(u"refresher@test.conversa"_s, u"password-123"_s, u"agent"_s);
    const ApiResponse login =
        m_server.request("POST", u"/v1/auth/login"_s,
                         {{u"email"_s, u"refresher@test.conversa"_s}, {u"password"_s, u"password-123"_s}});
    const QByteArray access = login.value(u"access_token"_s).toString().toLatin1();
    const QString refresh = login.value(u"refresh_token"_s).toString();
    const QByteArray other = m_server.login(u"refresher@test.conversa"_s, u"password-123"_s);
    QVERIFY(id && !access.isEmpty() && !refresh.isEmpty() && !other.isEmpty());
    const auto s = connectAs(access);
    const auto otherLogin = connectAs(other);
    QVERIFY(s && otherLogin);
    QCOMPARE(m_server.request("POST", u"/v1/auth/refresh"_s, {{u"refresh_token"_s, refresh}}).status, 200);
    QVERIFY(nextIsMarker(*s, u"user:"_s + QString::number(id)));   // a normal refresh ends nothing
    QVERIFY(otherLogin->next().startsWith("42[\"marker\""_L1));    // the same marker
    // The retired token again: the login is revoked, and so are its sockets.
    QCOMPARE(m_server.request("POST", u"/v1/auth/refresh"_s, {{u"refresh_token"_s, refresh}}).status, 401);
    QCOMPARE(s->next(), u"41"_s);
    QVERIFY(s->waitClosed());
    QVERIFY(nextIsMarker(*otherLogin, u"user:"_s + QString::number(id)));
}

void tst_Realtime::roleChangeDisconnects()
{
    qint64 id = 0;
    const QByteArray token = m_server.tokenFor(u"supervisor"_s, &id);
    auto s = connectAs(token);
    QVERIFY(s);
    const qint64 agentRole = m_server.app().roles().byName(u"agent"_s)->id;
    QCOMPARE(m_server.request("PUT", u"/v1/users/%1"_s.arg(id), {{u"role_id"_s, agentRole}}, m_admin).status, 200);
    QCOMPARE(s->next(), u"41"_s);
    QVERIFY(s->waitClosed());
    // Connecting again, the rooms follow the new role: no longer in "supervisors".
    s = connectAs(token);
    QVERIFY(s);
    m_server.app().realtime().publish({u"supervisors"_s}, u"chat.updated"_s, "{}");
    QVERIFY(nextIsMarker(*s, u"user:"_s + QString::number(id)));
}

void tst_Realtime::bothThreadsReceive()
{
    RealtimeBus &bus = m_server.app().realtime();
    QCOMPARE(bus.socketsPerHub().size(), 2);   // TestServer runs two HTTP threads
    std::vector<std::unique_ptr<RawSocket>> sockets;
    for (int i = 0; i < 24; ++i) {
        sockets.push_back(connectAs(m_supervisor));
        QVERIFY(sockets.back());
    }
    const QList<int> perHub = bus.socketsPerHub();
    QVERIFY2(perHub.at(0) > 0 && perHub.at(1) > 0, qPrintable(u"%1 / %2"_s.arg(perHub.at(0)).arg(perHub.at(1))));
    bus.publish({u"supervisors"_s}, u"analytics.update"_s, "{\"agents_online\":3}");
    for (const auto &s : sockets)
        QCOMPARE(s->next(), u"42[\"analytics.update\",{\"agents_online\":3}]"_s);
}

void tst_Realtime::slowConsumerCutOff()
{
    const auto reader = connectAs(m_agent2);
    auto stalled = connectAs(m_agent);
    QVERIFY(reader && stalled);
    RealtimeBus &bus = m_server.app().realtime();
    const quint64 before = bus.slowConsumers();
    const QByteArray big = "{\"pad\":\"" + QByteArray(50 * 1024, 'x') + "\"}";
    const int events = 300;   // 15 MB: more than loopback's socket buffers hold
    for (int i = 0; i < events; ++i)
        bus.publish({u"user:"_s + QString::number(m_agentId)}, u"flood"_s, big);
    // This thread reads nothing for a while (shorter than the ping timeout): the backlog grows.
    QThread::msleep(700);
    QVERIFY(QTest::qWaitFor([&] { return bus.slowConsumers() > before; }, 10000));
    QVERIFY(stalled->waitClosed(10000));
    QVERIFY2(stalled->frames.size() < events, qPrintable(QString::number(stalled->frames.size())));
    // Others are not held up by it.
    QVERIFY(nextIsMarker(*reader, u"user:"_s + QString::number(m_agent2Id)));
}

void tst_Realtime::eventsShareTheRateLimit()
{
    TestServer limited;
    QVERIFY(limited.start({{u"CONVERSA_API_RATE_LIMIT"_s, u"4"_s}}));
    qint64 id = 0;
    const QByteArray token = limited.tokenFor(u"agent"_s, &id);   // the login is not counted (no token yet)
    QVERIFY(!token.isEmpty());
    RawSocket s(QUrl(u"ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket"_s.arg(limited.port())));
    QVERIFY(s.next().startsWith(u'0'));
    s.send(u"40{\"token\":\"%1\"}"_s.arg(QString::fromLatin1(token)));
    QVERIFY(s.next().startsWith("40{"_L1));
    QCOMPARE(limited.request("GET", u"/v1/users/me"_s, {}, token).status, 200);   // 1 of 4
    for (int i = 0; i < 3; ++i) {                                                 // 2, 3, 4
        s.send(u"42%1[\"chat.leave\",{\"chatId\":1}]"_s.arg(i));
        QCOMPARE(s.next(), u"43%1[{\"ok\":true}]"_s.arg(i));
    }
    s.send(u"427[\"chat.leave\",{\"chatId\":1}]"_s);
    const QString refused = s.next();
    QVERIFY2(refused.startsWith("437["_L1), qPrintable(refused));
    QCOMPARE(arrayAfter(refused, 3).first().toObject().value(u"code"_s).toString(), u"RATE_LIMITED"_s);
    QCOMPARE(limited.request("GET", u"/v1/users/me"_s, {}, token).status, 429);
}

void tst_Realtime::metrics()
{
    QTRY_COMPARE(m_server.app().realtime().openSockets(), 0);   // every earlier socket is gone
    const auto a = connectAs(m_agent);
    RawSocket unauthenticated(socketUrl());
    QVERIFY(a && unauthenticated.next().startsWith(u'0'));
    const QByteArray text = m_server.request("GET", u"/metrics"_s).body;
    QVERIFY2(text.contains("\nconversa_socket_connections 2\n"), text.constData());
    QVERIFY(text.contains("\nconversa_socket_connections_authenticated 1\n"));
    QVERIFY(
        text.contains("\n# TYPE conversa_socket_slow_consumer_closes gauge\nconversa_socket_slow_consumer_closes "));
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    tst_Realtime test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_realtime.moc"
