// SocketIoClient::reconnected() (issue 6) against the real server: not on the first CONNECT, once
// after the server restarted, and the owner's pattern it is for — a message sent while the socket
// was down never arrives as an event, so on reconnected() it is fetched through ApiClient; the
// client joins its chat rooms again by itself, so another user's typing reaches it (only the chat's
// room carries agent.typing) and the next message arrives as an event. SQLite and PostgreSQL.
#include "Fixtures.h"
#include "TestServer.h"

#include "store/Database.h"

#include <Conversa/api/ApiClient.h>
#include <Conversa/realtime/SocketIoClient.h>

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

class tst_SocketIoReconnected : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }
    void reconnectedAfterRestart();
    void notAfterCloseAndOpen();

private:
    // The new message's id; 0 on failure.
    qint64 sendMessage(const QString &text)
    {
        const ApiResponse r =
            m_server.request("POST", u"/v1/messages"_s,
                             {{u"chat_id"_s, m_chat}, {u"message_type"_s, u"text"_s}, {u"content"_s, text}}, m_agent);
        return r.status == 201 ? r.value(u"id"_s).toInteger() : 0;
    }

    TestServer m_server;
    QByteArray m_agent;
    qint64 m_agentId = 0;
    QByteArray m_supervisor;
    qint64 m_supervisorId = 0;
    qint64 m_chat = 0;
};

void tst_SocketIoReconnected::initTestCase()
{
    QVERIFY(m_server.start());
    m_agent = m_server.tokenFor(u"agent"_s, &m_agentId);
    m_supervisor = m_server.tokenFor(u"supervisor"_s, &m_supervisorId);
    QVERIFY(!m_agent.isEmpty() && !m_supervisor.isEmpty());
    const qint64 now = nowSeconds();
    const qint64 number = insertReturningId(m_server.db(),
                                            "INSERT INTO whatsapp_numbers (phone_number, provider, created_at, "
                                            "updated_at) VALUES ('+573001111111', 'wppconnect', ?, ?) RETURNING id",
                                            {now, now});
    const qint64 campaign = insertReturningId(m_server.db(),
                                              "INSERT INTO campaigns (name, code, created_at, updated_at) "
                                              "VALUES ('Ventas', 'VENTAS', ?, ?) RETURNING id",
                                              {now, now});
    const qint64 client = insertReturningId(m_server.db(),
                                            "INSERT INTO clients (phone_number, created_at, updated_at) "
                                            "VALUES ('+573009999999', ?, ?) RETURNING id",
                                            {now, now});
    m_chat = insertReturningId(m_server.db(),
                               "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, "
                               "status, created_at, assigned_at, last_activity_at, last_inbound_at) "
                               "VALUES (?, ?, ?, ?, 'assigned', ?, ?, ?, ?) RETURNING id",
                               {client, campaign, number, m_agentId, now - 60, now - 30, now - 60, now - 60});
    QVERIFY(number && campaign && client && m_chat);
}

void tst_SocketIoReconnected::reconnectedAfterRestart()
{
    QNetworkAccessManager network;
    Conversa::ApiClient api(&network);
    api.setBaseUrl(m_server.baseUrl());
    api.setAccessToken(m_agent);

    Conversa::SocketIoClient socket;
    // Long enough for a message to go out while the socket is down.
    socket.setReconnectDelaysForTests(1500, 1500);
    QSignalSpy connected(&socket, &Conversa::SocketIoClient::connected);
    QSignalSpy reconnected(&socket, &Conversa::SocketIoClient::reconnected);
    QSignalSpy disconnected(&socket, &Conversa::SocketIoClient::disconnected);
    QStringList contents;    // of chat.message events
    QList<qint64> typists;   // of agent.typing events
    connect(&socket, &Conversa::SocketIoClient::event, this, [&](const QString &name, const QJsonValue &p) {
        if (name == "chat.message"_L1)
            contents.append(p.toObject().value(u"message"_s).toObject().value(u"content"_s).toString());
        else if (name == "agent.typing"_L1)
            typists.append(p.toObject().value(u"agent"_s).toObject().value(u"id"_s).toInteger());
    });

    // What an owner does: on reconnected(), fetch the messages after the last one it has.
    qint64 lastSeenId = 0;
    QList<Conversa::MessageDto> fetched;
    connect(&socket, &Conversa::SocketIoClient::reconnected, this, [&] {
        Conversa::MessageQuery query;
        query.limit = 100;
        api.listMessages(m_chat, query, this, [&](const Conversa::ApiResult<Conversa::Page<Conversa::MessageDto>> &r) {
            QVERIFY(r.isOk());
            for (const Conversa::MessageDto &m : r->data) {
                if (m.id > lastSeenId)
                    fetched.append(m);
            }
        });
    });

    socket.open(m_server.baseUrl(), m_agent);
    QTRY_COMPARE(connected.size(), 1);
    QCOMPARE(reconnected.size(), 0);   // the first CONNECT is no reconnect
    bool joined = false;
    socket.joinChat(m_chat, [&joined](bool ok, const QString &) { joined = ok; });
    QTRY_VERIFY(joined);
    lastSeenId = sendMessage(u"antes"_s);
    QVERIFY(lastSeenId);
    QTRY_COMPARE(contents, QStringList{u"antes"_s});

    QVERIFY(m_server.restart());
    QTRY_COMPARE(disconnected.size(), 1);
    QVERIFY(socket.state() != Conversa::SocketIoClient::State::Connected);
    QVERIFY(sendMessage(u"mientras"_s));   // no socket to tell

    QTRY_COMPARE_WITH_TIMEOUT(reconnected.size(), 1, 10000);
    QCOMPARE(connected.size(), 2);
    QTRY_COMPARE(fetched.size(), 1);
    QCOMPARE(fetched.first().content, u"mientras"_s);
    QCOMPARE(contents, QStringList{u"antes"_s});   // the event itself was lost

    // The room was joined again. The server handles one socket's events in order, so typing sent
    // now is accepted only if the re-join that went right after the CONNECT put it in the room.
    std::optional<QJsonObject> typingAck;
    socket.emitEvent(u"chat.typing"_s, QJsonObject{{u"chatId"_s, m_chat}},
                     [&typingAck](const QJsonValue &ack) { typingAck = ack.toObject(); });
    QTRY_VERIFY(typingAck.has_value());
    QVERIFY2(typingAck->value(u"ok"_s).toBool(), qPrintable(typingAck->value(u"error"_s).toString()));
    // Someone else typing reaches the agent only through the chat's room (its user room and the
    // supervisors' do not carry it).
    Conversa::SocketIoClient supervisor;
    QSignalSpy supervisorUp(&supervisor, &Conversa::SocketIoClient::connected);
    supervisor.open(m_server.baseUrl(), m_supervisor);
    QTRY_COMPARE(supervisorUp.size(), 1);
    bool supervisorJoined = false;
    supervisor.joinChat(m_chat, [&supervisorJoined](bool ok, const QString &) { supervisorJoined = ok; });
    QTRY_VERIFY(supervisorJoined);
    QVERIFY(typists.isEmpty());
    supervisor.emitEvent(u"chat.typing"_s, QJsonObject{{u"chatId"_s, m_chat}});
    QTRY_COMPARE(typists, QList<qint64>{m_supervisorId});
    // And the next message arrives as an event.
    QVERIFY(sendMessage(u"después"_s));
    QTRY_COMPARE(contents, (QStringList{u"antes"_s, u"después"_s}));
    QCOMPARE(reconnected.size(), 1);
}

void tst_SocketIoReconnected::notAfterCloseAndOpen()
{
    Conversa::SocketIoClient socket;
    QSignalSpy connected(&socket, &Conversa::SocketIoClient::connected);
    QSignalSpy reconnected(&socket, &Conversa::SocketIoClient::reconnected);
    socket.open(m_server.baseUrl(), m_agent);
    QTRY_COMPARE(connected.size(), 1);
    socket.close();
    socket.open(m_server.baseUrl(), m_agent);
    QTRY_COMPARE(connected.size(), 2);
    // reconnected() would have come with connected(), from the same CONNECT answer.
    QCOMPARE(reconnected.size(), 0);   // the owner closed it: nothing was missed unknowingly
}

QTEST_GUILESS_MAIN(tst_SocketIoReconnected)
#include "tst_socketio_reconnected.moc"
