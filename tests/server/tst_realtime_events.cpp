// The server → client events of docs/REALTIME.md end to end, through the protocol library's
// SocketIoClient against the real server: a signed Meta webhook opens a chat (chat.new to
// supervisors, chat.message) that routing gives to an agent (chat.new to them); the agent's
// reply and its delivery (chat.message, message.updated from the outbound worker and from the
// status webhook); a transfer and a close (chat.transferred, chat.new, chat.updated); a task
// reminder; analytics.update; and a client that reconnects after a restart and is in its chat
// room again (another user's typing, which only the room carries, reaches it). Nobody gets what
// is not theirs. SQLite and PostgreSQL.
#include "FakeMetaGraph.h"
#include "Fixtures.h"
#include "TestServer.h"

#include "crypto/WebhookSignature.h"
#include "domain/ReminderScheduler.h"
#include "store/Database.h"

#include <Conversa/realtime/SocketIoClient.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

const QByteArray kAppSecret = "events-app-secret";
const QString kMetaId = u"555000111"_s;

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
    // The first event `name` matching `match`, waiting up to 5 s; empty if none came.
    QJsonObject waitFor(const QString &name, const std::function<bool(const QJsonObject &)> &match = {})
    {
        QJsonObject found;
        (void)QTest::qWaitFor(
            [&] {
                for (const auto &[n, p] : events) {
                    if (n == name && (!match || match(p))) {
                        found = p;
                        return true;
                    }
                }
                return false;
            },
            5000);
        return found;
    }
    int count(const QString &name) const
    {
        return int(std::count_if(events.begin(), events.end(), [&](const auto &e) { return e.first == name; }));
    }
};

QJsonObject textMessage(const QString &from, const QString &wamid, const QString &text)
{
    return {{u"from"_s, from},
            {u"id"_s, wamid},
            {u"timestamp"_s, QString::number(nowSeconds())},
            {u"type"_s, u"text"_s},
            {u"text"_s, QJsonObject{{u"body"_s, text}}}};
}

QByteArray envelope(const QString &key, const QJsonArray &items)
{
    const QJsonObject value{{u"messaging_product"_s, u"whatsapp"_s},
                            {u"metadata"_s,
                             QJsonObject{{u"display_phone_number"_s, u"573000000555"_s},
                                         {u"phone_number_id"_s, kMetaId}}},
                            {u"contacts"_s,
                             QJsonArray{QJsonObject{{u"profile"_s, QJsonObject{{u"name"_s, u"Marta Gil"_s}}},
                                                    {u"wa_id"_s, u"573159990001"_s}}}},
                            {key, items}};
    return QJsonDocument(QJsonObject{{u"object"_s, u"whatsapp_business_account"_s},
                                     {u"entry"_s,
                                      QJsonArray{QJsonObject{{u"id"_s, u"1"_s},
                                                             {u"changes"_s,
                                                              QJsonArray{QJsonObject{{u"value"_s, value},
                                                                                     {u"field"_s, u"messages"_s}}}}}}}})
        .toJson(QJsonDocument::Compact);
}

}   // namespace

class tst_RealtimeEvents : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void inboundChatAndMessage();
    void replyAndItsDelivery();
    void transferAndClose();
    void taskReminder();
    void analyticsUpdate();
    void reconnectAfterRestart();

private:
    ApiResponse webhook(const QByteArray &body)
    {
        return m_server.requestRaw("POST", u"/v1/webhooks/whatsapp/meta/%1"_s.arg(m_number), body, "application/json",
                                   {},
                                   {{"X-Hub-Signature-256",
                                     "sha256=" + WebhookSignature::hmacSha256Hex(kAppSecret, body)}});
    }
    std::unique_ptr<Listener> listen(const QByteArray &token)
    {
        auto l = std::make_unique<Listener>();
        QSignalSpy up(&l->client, &Conversa::SocketIoClient::connected);
        l->client.open(m_server.baseUrl(), token);
        if (!up.wait(5000))
            qWarning("socket did not connect");
        return l;
    }
    static bool isChat(const QJsonObject &p, qint64 id)
    {
        return p.value(u"chat"_s).toObject().value(u"id"_s).toInteger() == id;
    }

    FakeMetaGraph m_graph;
    TestServer m_server;
    QByteArray m_admin, m_supervisor, m_agentA, m_agentB;
    qint64 m_supervisorId = 0, m_agentAId = 0, m_agentBId = 0;
    qint64 m_number = 0;
    qint64 m_campaign = 0;
    qint64 m_chat = 0;
    std::unique_ptr<Listener> m_sup, m_a, m_b;
};

void tst_RealtimeEvents::initTestCase()
{
    QVERIFY(m_graph.listen());
    QVERIFY(m_server.start({{u"CONVERSA_META_GRAPH_URL"_s, m_graph.baseUrl()},
                            {u"CONVERSA_OUTBOUND_POLL_MS"_s, u"50"_s},
                            {u"CONVERSA_ROUTING_SWEEP_MS"_s, u"3600000"_s},
                            {u"CONVERSA_ANALYTICS_PUSH_MS"_s, u"1000"_s}}));
    m_admin = m_server.tokenFor(u"admin"_s);
    m_supervisor = m_server.tokenFor(u"supervisor"_s, &m_supervisorId);
    m_agentA = m_server.tokenFor(u"agent"_s, &m_agentAId);
    m_agentB = m_server.tokenFor(u"agent"_s, &m_agentBId);
    const ApiResponse n = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                           {{u"phone_number"_s, u"+573000000555"_s},
                                            {u"provider"_s, u"meta"_s},
                                            {u"meta_phone_number_id"_s, kMetaId},
                                            {u"meta_access_token"_s, u"EAAB-events"_s},
                                            {u"meta_app_secret"_s, QString::fromUtf8(kAppSecret)}},
                                           m_admin);
    QCOMPARE(n.status, 201);
    m_number = n.value(u"id"_s).toInteger();
    const qint64 now = nowSeconds();
    m_campaign = insertReturningId(
        m_server.db(),
        "INSERT INTO campaigns (name, code, created_at, updated_at) VALUES ('Eventos', 'EVENTOS', ?, ?) "
        "RETURNING id",
        {now, now});
    SqlQuery
        link(m_server.db(),
             "INSERT INTO campaign_numbers (campaign_id, number_id, is_primary, created_at) VALUES (?, ?, TRUE, ?)",
             {m_campaign, m_number, now});
    QVERIFY(link.exec());
    for (const qint64 agent : {m_agentAId, m_agentBId}) {
        SqlQuery j(m_server.db(), "INSERT INTO campaign_agents (campaign_id, user_id, created_at) VALUES (?, ?, ?)",
                   {m_campaign, agent, now});
        QVERIFY(j.exec());
    }
    // Only A takes chats for now.
    SqlQuery a(m_server.db(), "UPDATE users SET agent_status = 'available' WHERE id = ?", {m_agentAId});
    QVERIFY(a.exec());
    m_sup = listen(m_supervisor);
    m_a = listen(m_agentA);
    m_b = listen(m_agentB);
    QVERIFY(m_sup->client.state() == Conversa::SocketIoClient::State::Connected);
    QVERIFY(m_a->client.state() == Conversa::SocketIoClient::State::Connected);
}

void tst_RealtimeEvents::inboundChatAndMessage()
{
    QCOMPARE(webhook(
                 envelope(u"messages"_s, {textMessage(u"573159990001"_s, u"wamid.ev-1"_s, u"Hola, ¿tienen envíos?"_s)}))
                 .status,
             200);
    // Supervisors hear of the new chat and its message.
    const QJsonObject created = m_sup->waitFor(u"chat.new"_s);
    m_chat = created.value(u"chat"_s).toObject().value(u"id"_s).toInteger();
    QVERIFY(m_chat > 0);
    QCOMPARE(created.value(u"chat"_s).toObject().value(u"client"_s).toObject().value(u"first_name"_s).toString(),
             u"Marta"_s);
    const QJsonObject message = m_sup->waitFor(u"chat.message"_s);
    QCOMPARE(message.value(u"chat_id"_s).toInteger(), m_chat);
    QCOMPARE(message.value(u"message"_s).toObject().value(u"content"_s).toString(), u"Hola, ¿tienen envíos?"_s);
    QCOMPARE(message.value(u"message"_s).toObject().value(u"direction"_s).toString(), u"inbound"_s);
    // Routing gives it to A, who is told with the chat as it now is.
    const QJsonObject mine = m_a->waitFor(u"chat.new"_s, [&](const QJsonObject &p) { return isChat(p, m_chat); });
    QCOMPARE(mine.value(u"chat"_s).toObject().value(u"status"_s).toString(), u"assigned"_s);
    QCOMPARE(mine.value(u"chat"_s).toObject().value(u"assigned_agent"_s).toObject().value(u"id"_s).toInteger(),
             m_agentAId);
    QVERIFY(!m_sup->waitFor(u"chat.updated"_s, [&](const QJsonObject &p) { return isChat(p, m_chat); }).isEmpty());
    QCOMPARE(m_a->count(u"chat.new"_s), 1);   // once, as theirs

    // The next message reaches A (their chat) and supervisors; never B.
    QCOMPARE(webhook(envelope(u"messages"_s, {textMessage(u"573159990001"_s, u"wamid.ev-2"_s, u"¿Y a Cali?"_s)}))
                 .status,
             200);
    const auto second = [](const QJsonObject &p) {
        return p.value(u"message"_s).toObject().value(u"content"_s).toString() == u"¿Y a Cali?"_s;
    };
    const QJsonObject heard = m_a->waitFor(u"chat.message"_s, second);
    QVERIFY(!heard.isEmpty());
    QVERIFY(!m_sup->waitFor(u"chat.message"_s, second).isEmpty());
    // The webhook's events carry what it stored without reading it back: each is the message the
    // API then answers, field for field.
    const QJsonArray stored = m_server.request("GET", u"/v1/chats/%1/messages"_s.arg(m_chat), {}, m_supervisor)
                                  .object()[u"data"_s]
                                  .toArray();
    QCOMPARE(stored.size(), 2);
    QCOMPARE(message.value(u"message"_s).toObject(), stored.at(0).toObject());
    QCOMPARE(heard.value(u"message"_s).toObject(), stored.at(1).toObject());
    QTest::qWait(200);
    QCOMPARE(m_b->count(u"chat.message"_s), 0);
    QCOMPARE(m_b->count(u"chat.new"_s), 0);
}

void tst_RealtimeEvents::replyAndItsDelivery()
{
    QVERIFY(m_chat > 0);
    const ApiResponse r = m_server.request("POST", u"/v1/messages"_s,
                                           {{u"chat_id"_s, m_chat},
                                            {u"message_type"_s, u"text"_s},
                                            {u"content"_s, u"Sí, a todo el país"_s}},
                                           m_agentA);
    QCOMPARE(r.status, 201);
    const qint64 id = r.value(u"id"_s).toInteger();
    const auto thisOne = [id](const QJsonObject &p) {
        return p.value(u"message"_s).toObject().value(u"id"_s).toInteger() == id;
    };
    QCOMPARE(m_sup->waitFor(u"chat.message"_s, thisOne).value(u"message"_s).toObject().value(u"status"_s).toString(),
             u"pending"_s);
    // The first reply makes the chat active.
    QVERIFY(!m_a->waitFor(u"chat.updated"_s,
                          [&](const QJsonObject &p) {
                              return isChat(p, m_chat) &&
                                  p.value(u"chat"_s).toObject().value(u"status"_s).toString() == "active"_L1;
                          })
                 .isEmpty());
    // The outbound worker sends it: message.updated 'sent'; Meta reports it delivered: 'delivered'.
    const auto status = [&](const QString &s) {
        return [&, s](const QJsonObject &p) {
            return thisOne(p) && p.value(u"message"_s).toObject().value(u"status"_s).toString() == s;
        };
    };
    QVERIFY(!m_a->waitFor(u"message.updated"_s, status(u"sent"_s)).isEmpty());
    QTRY_VERIFY(!m_graph.messageRequests().isEmpty());
    const QString wamid = m_graph.messageRequests().last().answeredId;
    const QJsonObject delivered{{u"id"_s, wamid},
                                {u"status"_s, u"delivered"_s},
                                {u"timestamp"_s, QString::number(nowSeconds())},
                                {u"recipient_id"_s, u"573159990001"_s}};
    QCOMPARE(webhook(envelope(u"statuses"_s, {delivered})).status, 200);
    QVERIFY(!m_sup->waitFor(u"message.updated"_s, status(u"delivered"_s)).isEmpty());
}

void tst_RealtimeEvents::transferAndClose()
{
    QVERIFY(m_chat > 0);
    const ApiResponse t =
        m_server.request("POST", u"/v1/chats/%1/transfer"_s.arg(m_chat),
                         {{u"target_type"_s, u"agent"_s}, {u"target_id"_s, m_agentBId}, {u"reason"_s, u"Turno"_s}},
                         m_supervisor);
    QCOMPARE(t.status, 200);
    const QJsonObject moved = m_a->waitFor(u"chat.transferred"_s);
    QCOMPARE(moved.value(u"chat_id"_s).toInteger(), m_chat);
    QCOMPARE(moved.value(u"from"_s).toObject().value(u"agent_id"_s).toInteger(), m_agentAId);
    QCOMPARE(moved.value(u"to"_s).toObject().value(u"agent_id"_s).toInteger(), m_agentBId);
    QCOMPARE(moved.value(u"reason"_s).toString(), u"Turno"_s);
    QVERIFY(!m_b->waitFor(u"chat.new"_s, [&](const QJsonObject &p) { return isChat(p, m_chat); }).isEmpty());
    // A, who lost it, sees it as it now is.
    QVERIFY(!m_a->waitFor(u"chat.updated"_s,
                          [&](const QJsonObject &p) {
                              return isChat(p, m_chat) &&
                                  p.value(u"chat"_s)
                                      .toObject()
                                      .value(u"assigned_agent"_s)
                                      .toObject()
                                      .value(u"id"_s)
                                      .toInteger() == m_agentBId;
                          })
                 .isEmpty());

    QCOMPARE(m_server
                 .request("POST", u"/v1/chats/%1/close"_s.arg(m_chat), {{u"close_reason"_s, u"resuelto"_s}}, m_agentB)
                 .status,
             200);
    QVERIFY(!m_b->waitFor(u"chat.updated"_s,
                          [&](const QJsonObject &p) {
                              return isChat(p, m_chat) &&
                                  p.value(u"chat"_s).toObject().value(u"status"_s).toString() == "closed"_L1;
                          })
                 .isEmpty());
}

void tst_RealtimeEvents::taskReminder()
{
    const qint64 now = nowSeconds();
    const qint64 task =
        insertReturningId(m_server.db(),
                          "INSERT INTO tasks (assigned_to_user_id, created_by_user_id, title, reminder_date, "
                          "created_at, updated_at) VALUES (?, ?, 'Llamar a Marta', ?, ?, ?) RETURNING id",
                          {m_agentAId, m_agentAId, now - 5, now - 60, now - 60});
    QVERIFY(task > 0);
    QCOMPARE(m_server.app().reminders()->fireDue(now), 1);
    const QJsonObject r = m_a->waitFor(u"task.reminder"_s);
    QCOMPARE(r.value(u"task"_s).toObject().value(u"id"_s).toInteger(), task);
    QCOMPARE(r.value(u"task"_s).toObject().value(u"title"_s).toString(), u"Llamar a Marta"_s);
    QCOMPARE(m_b->count(u"task.reminder"_s), 0);
}

void tst_RealtimeEvents::analyticsUpdate()
{
    // Supervisors (analytics.read) get the live dashboard about once a second; agents never.
    const int before = m_sup->count(u"analytics.update"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_sup->count(u"analytics.update"_s) >= before + 2, 5000);
    const QJsonObject live = m_sup->waitFor(u"analytics.update"_s);
    QVERIFY(live.contains(u"agents"_s) && live.contains(u"queues"_s) && live.contains(u"sla"_s));
    QCOMPARE(m_a->count(u"analytics.update"_s), 0);
}

void tst_RealtimeEvents::reconnectAfterRestart()
{
    // B joins the chat's room; the server restarts; the client reconnects by itself, joins again, and
    // hears the chat's events: a supervisor's typing, which only the room carries (B's user room
    // does not), and a change to the chat.
    const ApiResponse reopened = m_server.request("POST", u"/v1/chats/%1/reopen"_s.arg(m_chat), {}, m_supervisor);
    QCOMPARE(reopened.status, 200);
    m_b->client.setReconnectDelaysForTests(100, 400);
    bool joined = false;
    m_b->client.joinChat(m_chat, [&](bool ok, const QString &) { joined = ok; });
    QTRY_VERIFY(joined);
    QSignalSpy down(&m_b->client, &Conversa::SocketIoClient::disconnected);
    QSignalSpy up(&m_b->client, &Conversa::SocketIoClient::connected);
    QVERIFY(m_server.restart());
    QVERIFY(down.count() >= 1 || down.wait(5000));
    QVERIFY(up.wait(10000));
    m_b->events.clear();
    // One socket's events are handled in order: B's typing is accepted only if the re-join sent
    // right after the CONNECT put it back in the room.
    std::optional<QJsonObject> typingAck;
    m_b->client.emitEvent(u"chat.typing"_s, QJsonObject{{u"chatId"_s, m_chat}},
                          [&typingAck](const QJsonValue &ack) { typingAck = ack.toObject(); });
    QTRY_VERIFY(typingAck.has_value());
    QVERIFY2(typingAck->value(u"ok"_s).toBool(), qPrintable(typingAck->value(u"error"_s).toString()));
    const std::unique_ptr<Listener> supervisor = listen(m_supervisor);
    bool supervisorJoined = false;
    supervisor->client.joinChat(m_chat, [&](bool ok, const QString &) { supervisorJoined = ok; });
    QTRY_VERIFY(supervisorJoined);
    supervisor->client.emitEvent(u"chat.typing"_s, QJsonObject{{u"chatId"_s, m_chat}});
    const QJsonObject typing = m_b->waitFor(u"agent.typing"_s);
    QCOMPARE(typing.value(u"chat_id"_s).toInteger(), m_chat);
    QCOMPARE(typing.value(u"agent"_s).toObject().value(u"id"_s).toInteger(), m_supervisorId);

    SqlQuery p(m_server.db(), "UPDATE chats SET priority = 'normal' WHERE id = ?", {m_chat});
    QVERIFY(p.exec());
    QCOMPARE(m_server
                 .request("PUT", u"/v1/chats/%1/priority"_s.arg(m_chat), {{u"priority"_s, u"urgent"_s}}, m_supervisor)
                 .status,
             200);
    QVERIFY(!m_b->waitFor(u"chat.updated"_s,
                          [&](const QJsonObject &pl) {
                              return isChat(pl, m_chat) &&
                                  pl.value(u"chat"_s).toObject().value(u"priority"_s).toString() == "urgent"_L1;
                          })
                 .isEmpty());
}

QTEST_GUILESS_MAIN(tst_RealtimeEvents)
#include "tst_realtime_events.moc"
