// Routing (issue 5, docs/ROUTING.md): queued chats go to available agents with auto-assign and room,
// by the campaign's strategy, in priority then age order, the moment capacity appears (a new
// chat, an agent back, a chat closed, a campaign's agents or status changed) — and never to two
// agents or over a limit, with several routers at once. The server's sweep is set long, so what
// happens here happens because of those notices; one test runs a sweeping worker of its own.
// SQLite and PostgreSQL.
#include "Fixtures.h"
#include "TestServer.h"

#include "crypto/WebhookSignature.h"
#include "delivery/RoutingWorker.h"
#include "domain/ChatRouter.h"
#include "domain/RoutingTrigger.h"
#include "store/Database.h"
#include "store/SearchText.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <memory>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {
const QString kClosedAllWeek =
    uR"({"monday":null,"tuesday":null,"wednesday":null,"thursday":null,"friday":null,"saturday":null,"sunday":null})"_s;
}

class tst_Routing : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void pickByStrategy_data();
    void pickByStrategy();
    void roundRobinInQueueOrder();
    void limitsAndQueuePosition();
    void onlyAvailableAgentsWithAutoAssign();
    void priorityAndSkills();
    void businessHoursAndPausedCampaigns();
    void newChatFromWebhookIsRouted();
    void sweepRoutesWhatNobodyAnnounced();
    void concurrentRoutersNeverDoubleAssign();
    void slaDueAndBreached();
    void unansweredChatsAreReassigned();

private:
    qint64 campaign(const QString &strategy, const QString &status = u"paused"_s, const QString &hours = {})
    {
        const qint64 now = nowSeconds();
        const int n = ++m_seq;
        return insertReturningId(m_server.db(),
                                 "INSERT INTO campaigns (name, code, status, routing_strategy, business_hours, "
                                 "timezone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'America/Bogota', ?, ?) "
                                 "RETURNING id",
                                 {u"Cola %1"_s.arg(n), u"COLA%1"_s.arg(n), status, strategy, nullIfEmpty(hours), now,
                                  now});
    }
    // An agent (its own user), available with auto-assign unless told otherwise.
    qint64 agent(int maxOverall, const QString &agentStatus = u"available"_s, bool autoAssign = true)
    {
        const qint64 id = m_server.createUser(u"agente%1@contacto-sur.example.com"_s.arg(++m_seq),
                                              u"Agente-Passw0rd-1"_s, u"agent"_s);
        SqlQuery q(m_server.db(),
                   "UPDATE users SET agent_status = ?, auto_assign_enabled = ?, max_concurrent_chats = ? WHERE id = ?",
                   {agentStatus, autoAssign, maxOverall, id});
        if (!q.exec())
            qWarning("agent update failed");
        return id;
    }
    void join(qint64 campaignId, qint64 userId, int maxHere = 10, int priority = 0, const QStringList &skills = {})
    {
        SqlQuery
            q(m_server.db(),
              "INSERT INTO campaign_agents (campaign_id, user_id, max_concurrent_chats, priority, skills, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?)",
              {campaignId, userId, maxHere, priority,
               QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(skills)).toJson(QJsonDocument::Compact)),
               nowSeconds()});
        if (!q.exec())
            qWarning("campaign_agents insert failed");
    }
    // A chat waiting in the campaign's queue since `queuedAt`.
    qint64 queued(qint64 campaignId, qint64 queuedAt, const QString &priority = u"normal"_s,
                  const QStringList &tags = {})
    {
        const QString phone = u"+57315%1"_s.arg(++m_seq, 7, 10, QChar(u'0'));
        const qint64 client =
            insertReturningId(m_server.db(),
                              "INSERT INTO clients (phone_number, search_text, created_at, updated_at) "
                              "VALUES (?, ?, ?, ?) RETURNING id",
                              {phone, SearchText::of({phone}), queuedAt, queuedAt});
        const qint64 id =
            insertReturningId(m_server.db(),
                              "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, status, priority, "
                              "created_at, queued_at, last_activity_at) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?) "
                              "RETURNING id",
                              {client, campaignId, m_number, priority, queuedAt, queuedAt, queuedAt});
        for (const QString &tag : tags) {
            SqlQuery q(m_server.db(), "INSERT INTO chat_tags (chat_id, tag, created_at) VALUES (?, ?, ?)",
                       {id, tag, queuedAt});
            if (!q.exec())
                qWarning("tag insert failed");
        }
        return id;
    }
    // Through the API, so that routing hears of it after the commit.
    void setCampaignStatus(qint64 id, const QString &status)
    {
        const ApiResponse r = m_server.request("PUT", u"/v1/campaigns/%1"_s.arg(id), {{u"status"_s, status}}, m_admin);
        if (r.status != 200)
            qWarning("PUT campaign: %d %s", r.status, r.body.constData());
    }
    qint64 agentOf(qint64 chatId)
    {
        SqlQuery q(m_server.db(), "SELECT COALESCE(assigned_agent_id, 0) FROM chats WHERE id = ?", {chatId});
        return q.exec() && q.next() ? q.integer(0) : -1;
    }
    QString statusOf(qint64 chatId)
    {
        SqlQuery q(m_server.db(), "SELECT status FROM chats WHERE id = ?", {chatId});
        return q.exec() && q.next() ? q.string(0) : QString();
    }
    qint64 openChats(qint64 agentId)
    {
        return m_server.count(u"chats"_s,
                              u"assigned_agent_id = %1 AND status IN ('assigned', 'active', 'pending')"_s.arg(agentId));
    }
    qint64 queuedIn(qint64 campaignId)
    {
        return m_server.count(u"chats"_s, u"campaign_id = %1 AND status = 'queued'"_s.arg(campaignId));
    }
    QJsonValue queuePosition(qint64 chatId)
    {
        return m_server.request("GET", u"/v1/chats/%1"_s.arg(chatId), {}, m_admin).value(u"queue_position"_s);
    }

    TestServer m_server;
    QByteArray m_admin;
    qint64 m_number = 0;
    int m_seq = 0;
};

void tst_Routing::initTestCase()
{
    // A sweep far away: everything below is routed by the notices that follow a commit.
    QVERIFY(m_server.start({{u"CONVERSA_ROUTING_SWEEP_MS"_s, u"3600000"_s}}));
    QVERIFY(m_server.app().routing());
    m_admin = m_server.tokenFor(u"admin"_s);
    QVERIFY(!m_admin.isEmpty());
    const qint64 now = nowSeconds();
    m_number =
        insertReturningId(m_server.db(),
                          "INSERT INTO whatsapp_numbers (phone_number, provider, status, created_at, updated_at) "
                          "VALUES ('+573000000777', 'meta', 'active', ?, ?) RETURNING id",
                          {now, now});
    QVERIFY(m_number > 0);
}

void tst_Routing::pickByStrategy_data()
{
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<QStringList>("chatSkills");
    QTest::addColumn<qint64>("expected");
    // 1: 1 of 5 open, routed long ago, priority 5, skills ventas; 2: 2 of 10, never routed,
    // priority 10, skills ingles+soporte; 3: 0 of 2, routed recently, priority 10, no skills.
    QTest::newRow("round robin: never routed first") << u"round_robin"_s << QStringList() << qint64(2);
    QTest::newRow("least busy: 0 of 2") << u"least_busy"_s << QStringList() << qint64(3);
    QTest::newRow("priority 10, then least busy") << u"priority"_s << QStringList() << qint64(3);
    QTest::newRow("skills: the one who speaks English") << u"skills"_s << QStringList{u"ingles"_s} << qint64(2);
    QTest::newRow("skills: most shared") << u"skills"_s << QStringList{u"ingles"_s, u"soporte"_s, u"ventas"_s}
                                         << qint64(2);
    QTest::newRow("skills: nobody has it, least busy") << u"skills"_s << QStringList{u"frances"_s} << qint64(3);
    QTest::newRow("skills: none asked, least busy") << u"skills"_s << QStringList() << qint64(3);
}

void tst_Routing::pickByStrategy()
{
    QFETCH(QString, strategy);
    QFETCH(QStringList, chatSkills);
    QFETCH(qint64, expected);
    QList<RoutingAgent> agents(3);
    agents[0] = {.id = 1,
                 .maxOverall = 5,
                 .maxHere = 5,
                 .openOverall = 1,
                 .priority = 5,
                 .skills = {u"ventas"_s},
                 .routedTurn = 100};
    agents[1] = {.id = 2,
                 .maxOverall = 10,
                 .maxHere = 10,
                 .openOverall = 2,
                 .priority = 10,
                 .skills = {u"ingles"_s, u"soporte"_s},
                 .routedTurn = 0};
    agents[2] = {.id = 3, .maxOverall = 2, .maxHere = 2, .openOverall = 0, .priority = 10, .routedTurn = 500};
    QueuedChat chat{.id = 9, .skills = chatSkills};
    QCOMPARE(ChatRouter::pick(strategy, agents, chat), std::optional<qint64>(expected));
    QCOMPARE(ChatRouter::pick(strategy, {}, chat), std::optional<qint64>());
}

void tst_Routing::roundRobinInQueueOrder()
{
    const qint64 c = campaign(u"round_robin"_s);
    const qint64 a = agent(5), b = agent(5), d = agent(5);
    for (const qint64 id : {a, b, d})
        join(c, id);
    const qint64 t = nowSeconds() - 600;
    const qint64 oldest = queued(c, t), second = queued(c, t + 10), third = queued(c, t + 20);
    const qint64 fourth = queued(c, t + 30), fifth = queued(c, t + 40);
    const qint64 urgent = queued(c, t + 50, u"urgent"_s);
    QCOMPARE(queuePosition(urgent).toInteger(), 1);
    QCOMPARE(queuePosition(oldest).toInteger(), 2);
    QCOMPARE(queuePosition(fifth).toInteger(), 6);
    QTest::qWait(300);
    QCOMPARE(queuedIn(c), 6);   // a paused campaign routes nothing

    setCampaignStatus(c, u"active"_s);
    QTRY_COMPARE_WITH_TIMEOUT(queuedIn(c), 0, 10000);
    // Urgent first, then the longest waiting; agents in turn.
    QCOMPARE(agentOf(urgent), a);
    QCOMPARE(agentOf(oldest), b);
    QCOMPARE(agentOf(second), d);
    QCOMPARE(agentOf(third), a);
    QCOMPARE(agentOf(fourth), b);
    QCOMPARE(agentOf(fifth), d);
    QCOMPARE(statusOf(fifth), u"assigned"_s);
    QVERIFY(queuePosition(fifth).isNull());
    // Each assignment is one 'assign' event by routing, and the chat shows its agent.
    QCOMPARE(m_server.count(u"chat_events"_s,
                            u"chat_id = %1 AND event = 'assign' AND reason = 'routing' AND "
                            "to_agent_id = %2 AND user_id IS NULL"_s.arg(urgent)
                                .arg(a)),
             1);
    const QJsonObject shown = m_server.request("GET", u"/v1/chats/%1"_s.arg(oldest), {}, m_admin).object();
    QCOMPARE(shown.value(u"assigned_agent"_s).toObject().value(u"id"_s).toInteger(), b);
    QVERIFY(!shown.value(u"assigned_at"_s).isNull());
}

void tst_Routing::limitsAndQueuePosition()
{
    const qint64 c = campaign(u"least_busy"_s);
    const qint64 a = agent(2);   // overall limit 2
    const qint64 b = agent(9);   // limit 1 in this campaign
    join(c, a, 10);
    join(c, b, 1);
    const qint64 t = nowSeconds() - 600;
    QList<qint64> chats;
    for (int i = 0; i < 5; ++i)
        chats.append(queued(c, t + i));
    setCampaignStatus(c, u"active"_s);
    QTRY_COMPARE_WITH_TIMEOUT(queuedIn(c), 2, 10000);
    QTest::qWait(200);
    QCOMPARE(queuedIn(c), 2);
    QCOMPARE(openChats(a), 2);
    QCOMPARE(openChats(b), 1);
    // The two left wait in order.
    QCOMPARE(queuePosition(chats[3]).toInteger(), 1);
    QCOMPARE(queuePosition(chats[4]).toInteger(), 2);

    // A closed chat frees a place: the next in the queue takes it at once.
    const qint64 ofA = agentOf(chats[0]) == a ? chats[0] : chats[1];
    QCOMPARE(agentOf(ofA), a);
    const ApiResponse closed =
        m_server.request("POST", u"/v1/chats/%1/close"_s.arg(ofA), {{u"close_reason"_s, u"resuelto"_s}}, m_admin);
    QCOMPARE(closed.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(agentOf(chats[3]), a, 10000);
    QCOMPARE(queuePosition(chats[4]).toInteger(), 1);

    // More room for b in this campaign (POST /campaigns/:id/agents) lets the last one through.
    const ApiResponse more =
        m_server.request("POST", u"/v1/campaigns/%1/agents"_s.arg(c),
                         {{u"agents"_s,
                           QJsonArray{QJsonObject{{u"user_id"_s, a}, {u"max_concurrent_chats"_s, 10}},
                                      QJsonObject{{u"user_id"_s, b}, {u"max_concurrent_chats"_s, 3}}}}},
                         m_admin);
    QCOMPARE(more.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(agentOf(chats[4]), b, 10000);
    QCOMPARE(openChats(a), 2);
    QCOMPARE(openChats(b), 2);

    // A transfer to the queue puts the chat back; another agent has room, so it is routed again.
    const ApiResponse back =
        m_server.request("POST", u"/v1/chats/%1/transfer"_s.arg(chats[4]), {{u"target_type"_s, u"queue"_s}}, m_admin);
    QCOMPARE(back.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(chats[4]), u"assigned"_s, 10000);
}

void tst_Routing::onlyAvailableAgentsWithAutoAssign()
{
    const qint64 c = campaign(u"round_robin"_s, u"active"_s);
    const qint64 away = agent(5, u"paused"_s);
    const qint64 manual = agent(5, u"available"_s, false);
    const qint64 offline = agent(5, u"offline"_s);
    for (const qint64 id : {away, manual, offline})
        join(c, id);
    const qint64 chat = queued(c, nowSeconds() - 60);
    setCampaignStatus(c, u"active"_s);   // no change, but it is a notice
    QTest::qWait(300);
    QCOMPARE(statusOf(chat), u"queued"_s);

    // The agent comes back: the chat goes to them.
    const ApiResponse r = m_server.request("POST", u"/v1/users/%1/agent-status"_s.arg(offline),
                                           {{u"agent_status"_s, u"available"_s}}, m_admin);
    QCOMPARE(r.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(agentOf(chat), offline, 10000);

    // Auto-assign turned back on through PUT /users/:id takes the next one. The agent that came
    // back is made full first: a chat queued before that could still go to it, as the routing pass
    // its return started may be running.
    QCOMPARE(m_server.request("PUT", u"/v1/users/%1"_s.arg(offline), {{u"max_concurrent_chats"_s, 1}}, m_admin).status,
             200);
    const qint64 next = queued(c, nowSeconds() - 30);
    setCampaignStatus(c, u"active"_s);   // a notice: routing looks at the queue again
    QTest::qWait(300);
    QCOMPARE(statusOf(next), u"queued"_s);   // offline agent is full at 1
    QCOMPARE(m_server.request("PUT", u"/v1/users/%1"_s.arg(manual), {{u"auto_assign_enabled"_s, true}}, m_admin).status,
             200);
    QTRY_COMPARE_WITH_TIMEOUT(agentOf(next), manual, 10000);
}

void tst_Routing::priorityAndSkills()
{
    const qint64 p = campaign(u"priority"_s);
    const qint64 senior = agent(2), junior = agent(5);
    join(p, senior, 10, 10);
    join(p, junior, 10, 5);
    const qint64 t = nowSeconds() - 600;
    QList<qint64> chats;
    for (int i = 0; i < 3; ++i)
        chats.append(queued(p, t + i));
    setCampaignStatus(p, u"active"_s);
    QTRY_COMPARE_WITH_TIMEOUT(queuedIn(p), 0, 10000);
    QCOMPARE(agentOf(chats[0]), senior);
    QCOMPARE(agentOf(chats[1]), senior);
    QCOMPARE(agentOf(chats[2]), junior);   // the senior is full

    const qint64 s = campaign(u"skills"_s);
    const qint64 sales = agent(5), english = agent(5);
    join(s, sales, 10, 0, {u"ventas"_s});
    join(s, english, 10, 0, {u"Ventas"_s, u"Ingles"_s});
    const qint64 busy = queued(s, t, u"normal"_s, {u"ingles"_s});
    const qint64 plain = queued(s, t + 1);
    const qint64 english2 = queued(s, t + 2, u"normal"_s, {u"INGLES"_s, u"ventas"_s});
    // A bot-collected skill counts like a tag.
    const qint64 bot = queued(s, t + 3);
    SqlQuery q(m_server.db(), "UPDATE chats SET bot_context = ? WHERE id = ?", {uR"({"skill":"ventas"})"_s, bot});
    QVERIFY(q.exec());
    setCampaignStatus(s, u"active"_s);
    QTRY_COMPARE_WITH_TIMEOUT(queuedIn(s), 0, 10000);
    QCOMPARE(agentOf(busy), english);
    QCOMPARE(agentOf(plain), sales);        // no skills: the least busy
    QCOMPARE(agentOf(english2), english);   // shares both
    QCOMPARE(agentOf(bot), sales);          // both share ventas: the least busy (1 of 5 vs 2 of 5)
}

void tst_Routing::businessHoursAndPausedCampaigns()
{
    const qint64 c = campaign(u"round_robin"_s, u"paused"_s, kClosedAllWeek);
    const qint64 a = agent(5);
    join(c, a);
    const qint64 chat = queued(c, nowSeconds() - 60);
    setCampaignStatus(c, u"active"_s);
    QTest::qWait(300);
    QCOMPARE(statusOf(chat), u"queued"_s);   // outside business hours the chat waits
    QCOMPARE(queuePosition(chat).toInteger(), 1);
    // Opening hours (always open) route it.
    const ApiResponse r =
        m_server.request("PUT", u"/v1/campaigns/%1"_s.arg(c), {{u"business_hours"_s, QJsonValue()}}, m_admin);
    QCOMPARE(r.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(agentOf(chat), a, 10000);
}

void tst_Routing::newChatFromWebhookIsRouted()
{
    const qint64 c = campaign(u"round_robin"_s, u"active"_s);
    const qint64 a = agent(5);
    join(c, a);
    const QByteArray secret = "routing-app-secret";
    const ApiResponse n = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                           {{u"phone_number"_s, u"+573000000888"_s},
                                            {u"provider"_s, u"meta"_s},
                                            {u"meta_phone_number_id"_s, u"777000111"_s},
                                            {u"meta_access_token"_s, u"EAAB-token"_s},
                                            {u"meta_app_secret"_s, QString::fromUtf8(secret)}},
                                           m_admin);
    QCOMPARE(n.status, 201);
    const qint64 number = n.value(u"id"_s).toInteger();
    SqlQuery
        link(m_server.db(),
             "INSERT INTO campaign_numbers (campaign_id, number_id, is_primary, created_at) VALUES (?, ?, TRUE, ?)",
             {c, number, nowSeconds()});
    QVERIFY(link.exec());
    const QJsonObject message{{u"from"_s, u"573158889999"_s},
                              {u"id"_s, u"wamid.routing-1"_s},
                              {u"timestamp"_s, QString::number(nowSeconds())},
                              {u"type"_s, u"text"_s},
                              {u"text"_s, QJsonObject{{u"body"_s, u"Hola"_s}}}};
    const QJsonObject value{{u"messaging_product"_s, u"whatsapp"_s},
                            {u"metadata"_s,
                             QJsonObject{{u"display_phone_number"_s, u"573000000888"_s},
                                         {u"phone_number_id"_s, u"777000111"_s}}},
                            {u"contacts"_s,
                             QJsonArray{QJsonObject{{u"profile"_s, QJsonObject{{u"name"_s, u"Lucía"_s}}},
                                                    {u"wa_id"_s, u"573158889999"_s}}}},
                            {u"messages"_s, QJsonArray{message}}};
    const QByteArray body =
        QJsonDocument(QJsonObject{{u"object"_s, u"whatsapp_business_account"_s},
                                  {u"entry"_s,
                                   QJsonArray{QJsonObject{{u"id"_s, u"1"_s},
                                                          {u"changes"_s,
                                                           QJsonArray{QJsonObject{{u"value"_s, value},
                                                                                  {u"field"_s, u"messages"_s}}}}}}}})
            .toJson(QJsonDocument::Compact);
    const ApiResponse r =
        m_server.requestRaw("POST", u"/v1/webhooks/whatsapp/meta/%1"_s.arg(number), body, "application/json", {},
                            {{"X-Hub-Signature-256", "sha256=" + WebhookSignature::hmacSha256Hex(secret, body)}});
    QCOMPARE(r.status, 200);
    // (A statement left open would keep this thread's SQLite snapshot from seeing the routing.)
    const qint64 chat = [&] {
        SqlQuery q(m_server.db(), "SELECT id FROM chats WHERE whatsapp_number_id = ?", {number});
        return q.exec() && q.next() ? q.integer(0) : 0;
    }();
    QVERIFY(chat > 0);
    QTRY_COMPARE_WITH_TIMEOUT(agentOf(chat), a, 10000);
    QCOMPARE(statusOf(chat), u"assigned"_s);
}

void tst_Routing::sweepRoutesWhatNobodyAnnounced()
{
    // Written straight into the database: no notice. A worker that sweeps every 100 ms routes it.
    const qint64 c = campaign(u"round_robin"_s, u"active"_s);
    const qint64 a = agent(5);
    join(c, a);
    const qint64 chat = queued(c, nowSeconds() - 60);
    QTest::qWait(300);
    QCOMPARE(statusOf(chat), u"queued"_s);
    RoutingTrigger trigger;
    RoutingThread sweeper(m_server.db(), trigger, 100);
    sweeper.start();
    QTRY_COMPARE_WITH_TIMEOUT(agentOf(chat), a, 10000);
    sweeper.stop();
}

void tst_Routing::concurrentRoutersNeverDoubleAssign()
{
    // Four routers (each its own thread and database connection, as four servers would be)
    // sweeping the same queue every 5 ms while new notices arrive.
    const qint64 c = campaign(u"least_busy"_s);
    QList<qint64> agents;
    for (int i = 0; i < 6; ++i) {
        agents.append(agent(4));
        join(c, agents.last(), 3 + i % 2);   // per-campaign limits 3 or 4
    }
    const qint64 t = nowSeconds() - 3600;
    for (int i = 0; i < 60; ++i)
        queued(c, t + i);
    std::vector<std::unique_ptr<RoutingTrigger>> triggers;
    std::vector<std::unique_ptr<RoutingThread>> routers;
    for (int i = 0; i < 4; ++i) {
        triggers.push_back(std::make_unique<RoutingTrigger>());
        routers.push_back(std::make_unique<RoutingThread>(m_server.db(), *triggers.back(), 5));
        routers.back()->start();
    }
    setCampaignStatus(c, u"active"_s);       // the server's own router joins in
    const qint64 capacity = 3 * 4 + 3 * 3;   // the per-campaign limits are below the overall 4 for half of them
    QTRY_COMPARE_WITH_TIMEOUT(m_server.count(u"chats"_s, u"campaign_id = %1 AND status = 'assigned'"_s.arg(c)),
                              capacity, 20000);
    QTest::qWait(300);
    for (auto &r : routers)
        r->stop();
    QCOMPARE(m_server.count(u"chats"_s, u"campaign_id = %1 AND status = 'assigned'"_s.arg(c)), capacity);
    QCOMPARE(queuedIn(c), 60 - capacity);
    for (int i = 0; i < agents.size(); ++i)
        QCOMPARE(openChats(agents[i]), 3 + i % 2);
    // Every assigned chat was assigned once.
    QCOMPARE(m_server.count(u"chat_events"_s,
                            u"event = 'assign' AND chat_id IN (SELECT id FROM chats WHERE campaign_id = %1)"_s.arg(c)),
             capacity);
}

void tst_Routing::slaDueAndBreached()
{
    // Targets of 300 s (first response, from queueing) and 3,600 s (resolution, from creation).
    const qint64 c = campaign(u"round_robin"_s, u"paused"_s);
    SqlQuery targets(
        m_server.db(),
        "UPDATE campaigns SET sla_first_response_seconds = 300, sla_resolution_seconds = 3600 WHERE id = ?", {c});
    QVERIFY(targets.exec());
    const qint64 now = nowSeconds();
    const auto sla = [&](qint64 chat) {
        return m_server.request("GET", u"/v1/chats/%1"_s.arg(chat), {}, m_admin).value(u"sla"_s).toObject();
    };
    const auto iso = [](qint64 t) { return QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODate); };
    const auto set = [&](qint64 chat, const char *sql, const QVariantList &values) {
        SqlQuery q(m_server.db(), QString::fromLatin1(sql), values + QVariantList{chat});
        QVERIFY(q.exec());
    };

    // Waiting 400 s: first response breached, resolution not yet.
    const qint64 waiting = queued(c, now - 400);
    QJsonObject s = sla(waiting);
    QCOMPARE(s.value(u"first_response_due_at"_s).toString(), iso(now - 100));
    QCOMPARE(s.value(u"first_response_breached"_s).toBool(), true);
    QCOMPARE(s.value(u"resolution_due_at"_s).toString(), iso(now - 400 + 3600));
    QCOMPARE(s.value(u"resolution_breached"_s).toBool(), false);

    // Answered 100 s after queueing, closed after 2 hours: only the resolution breached.
    const qint64 answered = queued(c, now - 7300);
    set(answered, "UPDATE chats SET status = 'closed', first_response_at = ?, closed_at = ? WHERE id = ?",
        {now - 7200, now - 100});
    s = sla(answered);
    QCOMPARE(s.value(u"first_response_breached"_s).toBool(), false);
    QCOMPARE(s.value(u"resolution_breached"_s).toBool(), true);

    // Just queued: nothing breached.
    s = sla(queued(c, now - 5));
    QCOMPARE(s.value(u"first_response_breached"_s).toBool(), false);
    QCOMPARE(s.value(u"resolution_breached"_s).toBool(), false);
}

void tst_Routing::unansweredChatsAreReassigned()
{
    // Two campaigns with sla_reassign_enabled (set through the API) and a 300 s first-response target.
    const qint64 c = campaign(u"round_robin"_s, u"active"_s);
    const qint64 alone = campaign(u"round_robin"_s, u"active"_s);
    const qint64 off = campaign(u"round_robin"_s, u"active"_s);
    for (const qint64 id : {c, alone}) {
        const ApiResponse r =
            m_server.request("PUT", u"/v1/campaigns/%1"_s.arg(id),
                             {{u"sla_reassign_enabled"_s, true}, {u"sla_first_response_seconds"_s, 300}}, m_admin);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value(u"sla_reassign_enabled"_s).toBool(), true);
    }
    QCOMPARE(m_server.request("GET", u"/v1/campaigns/%1"_s.arg(off), {}, m_admin)
                 .value(u"sla_reassign_enabled"_s)
                 .toBool(true),
             false);
    const qint64 a = agent(5), b = agent(5);
    join(c, a);
    join(c, b);
    join(alone, a);
    join(off, a);
    const qint64 now = nowSeconds();
    const auto assigned = [&](qint64 campaignId, qint64 agentId, qint64 since, bool answered) {
        const qint64 chat = queued(campaignId, since - 30);
        SqlQuery
            q(m_server.db(),
              "UPDATE chats SET status = ?, assigned_agent_id = ?, assigned_at = ?, first_response_at = ? WHERE id = ?",
              {answered ? u"active"_s : u"assigned"_s, agentId, since, nullIfZero(answered ? since + 10 : 0), chat});
        return q.exec() ? chat : 0;
    };
    const qint64 late = assigned(c, a, now - 400, false);
    const qint64 recent = assigned(c, a, now - 100, false);
    const qint64 answered = assigned(c, a, now - 400, true);
    const qint64 notHere = assigned(off, a, now - 400, false);
    const qint64 onlyA = assigned(alone, a, now - 400, false);
    const qint64 behind = queued(alone, now - 5);   // waits behind it in the queue
    QVERIFY(late && recent && answered && notHere && onlyA);

    RoutingTrigger trigger;
    RoutingThread sweeper(m_server.db(), trigger, 100);
    sweeper.start();
    QTRY_COMPARE_WITH_TIMEOUT(agentOf(late), b, 10000);     // taken from A, given to B
    QTRY_COMPARE_WITH_TIMEOUT(agentOf(behind), a, 10000);   // not held up by the chat A may not have again
    sweeper.stop();
    QCOMPARE(statusOf(onlyA), u"queued"_s);
    QCOMPARE(agentOf(recent), a);
    QCOMPARE(agentOf(answered), a);
    QCOMPARE(agentOf(notHere), a);
    QCOMPARE(m_server.count(u"chat_events"_s,
                            u"chat_id = %1 AND event = 'reassign' AND reason = 'sla_reassign' "
                            "AND from_agent_id = %2 AND to_status = 'queued'"_s.arg(late)
                                .arg(a)),
             1);
    QCOMPARE(m_server.count(u"chat_events"_s,
                            u"event = 'reassign' AND chat_id IN (%1, %2, %3)"_s.arg(recent).arg(answered).arg(notHere)),
             0);
}

QTEST_GUILESS_MAIN(tst_Routing)
#include "tst_routing.moc"
