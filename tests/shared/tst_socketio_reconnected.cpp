// SocketIoClient::reconnected() (issue 6) against the real server: not on the first CONNECT, once
// after the server restarted, and the owner's pattern it is for — a message sent while the socket
// was down never arrives as an event, so on reconnected() it is fetched through ApiClient; the
// re-joined room carries the next one. SQLite and PostgreSQL.
#include "Fixtures.h"
#include "TestServer.h"

#include "realtime/RealtimeBus.h"
#include "store/Database.h"

#include <Conversa/api/ApiClient.h>
#include <Conversa/realtime/SocketIoClient.h>

#include <QSignalSpy>
#include <QTest>

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
        const ApiResponse r = m_server.request("POST", u"/v1/messages"_s,
                                               {{u"chat_id"_s, m_chat}, {u"message_type"_s, u"text"_s},
                                                {u"content"_s, text}}, m_agent);
        return r.status == 201 ? r.value(u"id"_s).toInteger() : 0;
    }

    TestServer m_server;
    QByteArray m_agent;
    qint64 m_agentId = 0;
    qint64 m_chat = 0;
};

void tst_SocketIoReconnected::initTestCase()
{
    QVERIFY(m_server.start());
    m_agent = m_server.tokenFor(u"agent"_s, &m_agentId);
    const qint64 now = nowSeconds();
    const qint64 number = insertReturningId(m_server.db(),
                                            "INSERT INTO whatsapp_numbers (phone_number, provider, created_at, "
                                            "updated_at) VALUES ('+573001111111', 'wppconnect', ?, ?) RETURNING id",
                                            {now, now});
    const qint64 campaign = insertReturningId(m_server.db(),
                                              "INSERT INTO campaigns (name, code, created_at, updated_at) "
                                              "VALUES ('Ventas', 'VENTAS', ?, ?) RETURNING id", {now, now});
    const qint64 client = insertReturningId(m_server.db(),
                                            "INSERT INTO clients (phone_number, created_at, updated_at) "
                                            "VALUES ('+573009999999', ?, ?) RETURNING id", {now, now});
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
    QStringList contents;   // of chat.message events
    connect(&socket, &Conversa::SocketIoClient::event, this, [&contents](const QString &name, const QJsonValue &p) {
        if (name == "chat.message"_L1)
            contents.append(p.toObject().value(u"message"_s).toObject().value(u"content"_s).toString());
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

    // The room was joined again: the next message arrives as an event.
    QTRY_VERIFY(m_server.app().realtime().connectedSockets() == 1);
    QTest::qWait(300);   // the re-join is on its way right after the CONNECT
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
    QTest::qWait(100);
    QCOMPARE(reconnected.size(), 0);   // the owner closed it: nothing was missed unknowingly
}

QTEST_GUILESS_MAIN(tst_SocketIoReconnected)
#include "tst_socketio_reconnected.moc"
