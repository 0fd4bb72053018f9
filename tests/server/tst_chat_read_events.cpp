// Reading a chat's messages tells the same sockets the same events whichever way it is done:
// POST /v1/messages/:id/read or the socket's chat.read. A supervisor following the inbox gets
// message.updated with the message now read and chat.updated with the lower unread count, in
// that order and in the same shapes, from both paths; an agent with no part in the chat gets
// neither. Each path writes its audit row.
// SQLite and PostgreSQL.
#include "Fixtures.h"
#include "TestServer.h"

#include "store/Database.h"
#include "store/SearchText.h"

#include <Conversa/realtime/SocketIoClient.h>

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

// A connected client and every event it received.
struct Listener {
    Conversa::SocketIoClient client;
    QList<std::pair<QString, QJsonObject>> events;

    Listener()
    {
        QObject::connect(&client, &Conversa::SocketIoClient::event, &client,
                         [this](const QString &n, const QJsonValue &p) {
                             events.append({n, p.toObject()});
                         });
    }
    // The events about `chatId` (chat.* by chat.id, message.* by chat_id).
    QList<std::pair<QString, QJsonObject>> about(qint64 chatId) const
    {
        QList<std::pair<QString, QJsonObject>> out;
        for (const auto &e : events) {
            const qint64 id = e.second.contains(u"chat"_s)
                ? e.second.value(u"chat"_s).toObject().value(u"id"_s).toInteger()
                : e.second.value(u"chat_id"_s).toInteger();
            if (id == chatId)
                out.append(e);
        }
        return out;
    }
};

}   // namespace

class tst_ChatReadEvents : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }
    void restAndSocketTellTheSame();

private:
    std::unique_ptr<Listener> listen(const QByteArray &token)
    {
        auto l = std::make_unique<Listener>();
        QSignalSpy up(&l->client, &Conversa::SocketIoClient::connected);
        l->client.open(m_server.baseUrl(), token);
        if (!up.wait(5000))
            qWarning("socket did not connect");
        return l;
    }
    qint64 inbound(qint64 chatId)
    {
        return insertReturningId(
            m_server.db(),
            "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, "
            "status, created_at) VALUES (?, ?, 'inbound', 'text', 'hola', 'delivered', ?) RETURNING id",
            {chatId, m_number, nowSeconds()});
    }
    // Waits until `l` has `n` events about the chat, then a little longer for any extra one.
    QList<std::pair<QString, QJsonObject>> settle(const Listener &l, qint64 chatId, int n)
    {
        (void)QTest::qWaitFor([&] { return l.about(chatId).size() >= n; }, 5000);
        QTest::qWait(200);
        return l.about(chatId);
    }

    TestServer m_server;
    QByteArray m_supervisor, m_agent, m_otherAgent;
    qint64 m_agentId = 0, m_otherAgentId = 0;
    qint64 m_number = 0;
    qint64 m_campaign = 0;
};

void tst_ChatReadEvents::initTestCase()
{
    QVERIFY(m_server.start({{u"CONVERSA_ROUTING_SWEEP_MS"_s, u"3600000"_s}}));
    m_supervisor = m_server.tokenFor(u"supervisor"_s);
    m_agent = m_server.tokenFor(u"agent"_s, &m_agentId);
    m_otherAgent = m_server.tokenFor(u"agent"_s, &m_otherAgentId);
    QVERIFY(!m_supervisor.isEmpty() && !m_agent.isEmpty() && !m_otherAgent.isEmpty());
    const qint64 now = nowSeconds();
    m_number = insertReturningId(m_server.db(),
                                 "INSERT INTO whatsapp_numbers (phone_number, provider, created_at, updated_at) "
                                 "VALUES ('+573004444444', 'meta', ?, ?) RETURNING id",
                                 {now, now});
    m_campaign = insertReturningId(m_server.db(),
                                   "INSERT INTO campaigns (name, code, created_at, updated_at) "
                                   "VALUES ('Lectura', 'LECTURA', ?, ?) RETURNING id",
                                   {now, now});
    QVERIFY(m_number && m_campaign);
}

void tst_ChatReadEvents::restAndSocketTellTheSame()
{
    const qint64 now = nowSeconds();
    const QString phone = u"+573125550001"_s;
    const qint64 client = insertReturningId(m_server.db(),
                                            "INSERT INTO clients (phone_number, first_name, search_text, created_at, "
                                            "updated_at) VALUES (?, 'Lucía', ?, ?, ?) RETURNING id",
                                            {phone, SearchText::of({u"Lucía"_s, phone}), now, now});
    const qint64 chat =
        insertReturningId(m_server.db(),
                          "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, "
                          "status, unread_count, created_at, assigned_at, last_activity_at, last_inbound_at) "
                          "VALUES (?, ?, ?, ?, 'assigned', 2, ?, ?, ?, ?) RETURNING id",
                          {client, m_campaign, m_number, m_agentId, now - 60, now - 30, now - 60, now - 60});
    QVERIFY(chat > 0);
    const qint64 first = inbound(chat);
    const qint64 second = inbound(chat);
    QVERIFY(first && second);

    const auto supervisor = listen(m_supervisor);
    const auto agent = listen(m_agent);
    const auto bystander = listen(m_otherAgent);
    QVERIFY(supervisor->client.state() == Conversa::SocketIoClient::State::Connected);
    QVERIFY(agent->client.state() == Conversa::SocketIoClient::State::Connected);
    QVERIFY(bystander->client.state() == Conversa::SocketIoClient::State::Connected);

    // The first message over REST.
    const qsizetype restAudit = m_server.auditRows(u"message.read"_s).size();
    QCOMPARE(m_server.request("POST", u"/v1/messages/%1/read"_s.arg(first), {}, m_agent).status, 200);
    const auto byRest = settle(*supervisor, chat, 2);
    QCOMPARE(m_server.auditRows(u"message.read"_s).size(), restAudit + 1);

    // The second over the socket.
    supervisor->events.clear();
    const qsizetype socketAudit = m_server.auditRows(u"chat.mark_read"_s).size();
    QJsonObject ack;
    agent->client.emitEvent(u"chat.read"_s, QJsonObject{{u"chatId"_s, chat}, {u"messageIds"_s, QJsonArray{second}}},
                            [&](const QJsonValue &v) { ack = v.toObject(); });
    QVERIFY(QTest::qWaitFor([&] { return !ack.isEmpty(); }, 5000));
    QCOMPARE(ack.value(u"read"_s).toArray(), QJsonArray{second});
    const auto bySocket = settle(*supervisor, chat, 2);
    const QList<QJsonObject> rows = m_server.auditRows(u"chat.mark_read"_s);
    QCOMPARE(rows.size(), socketAudit + 1);
    QCOMPARE(rows.first().value(u"entity_id"_s).toInteger(), chat);
    QCOMPARE(rows.first().value(u"user_id"_s).toInteger(), m_agentId);

    // The same events, in the same order, with the same shapes; each about its own message.
    for (const auto &[events, message, unread] : {std::tuple(byRest, first, 1), std::tuple(bySocket, second, 0)}) {
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(0).first, u"message.updated"_s);
        const QJsonObject m = events.at(0).second.value(u"message"_s).toObject();
        QCOMPARE(m.value(u"id"_s).toInteger(), message);
        QVERIFY(!m.value(u"read_at"_s).toString().isEmpty());
        QCOMPARE(events.at(1).first, u"chat.updated"_s);
        QCOMPARE(events.at(1).second.value(u"chat"_s).toObject().value(u"unread_count"_s).toInteger(), unread);
    }
    QCOMPARE(bySocket.at(0).second.keys(), byRest.at(0).second.keys());
    QCOMPARE(bySocket.at(0).second.value(u"message"_s).toObject().keys(),
             byRest.at(0).second.value(u"message"_s).toObject().keys());
    QCOMPARE(bySocket.at(1).second.value(u"chat"_s).toObject().keys(),
             byRest.at(1).second.value(u"chat"_s).toObject().keys());
    // Nothing about a chat that is not theirs reaches another agent.
    QCOMPARE(bystander->about(chat).size(), 0);
}

QTEST_MAIN(tst_ChatReadEvents)
#include "tst_chat_read_events.moc"
