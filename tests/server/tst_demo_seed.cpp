// `conversa-server seed-demo` (docs/CONFIGURATION.md): the demo data set, written once through the stores,
// against SQLite and PostgreSQL.
#include "TestServer.h"

#include "app/DemoSeeder.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

class tst_DemoSeed : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { m_server.stop(); }

    void skipsWhenCampaignsExist();
    void seedsOnce();
    void chatsAsAnAgentSeesThem();

private:
    Result<DemoSeeder::Summary> seed(bool onlyIfNoCampaigns = false)
    {
        DemoSeeder seeder(m_server.db(), m_server.app().roles(), m_server.app().config().secretKey);
        return seeder.run(onlyIfNoCampaigns);
    }
    QHash<QString, qint64> counts()
    {
        QHash<QString, qint64> out;
        for (const QString &table :
             {u"users"_s, u"whatsapp_numbers"_s, u"campaigns"_s, u"campaign_numbers"_s, u"campaign_agents"_s,
              u"clients"_s, u"client_tags"_s, u"tasks"_s, u"chats"_s, u"messages"_s, u"chat_events"_s, u"audit_logs"_s})
            out.insert(table, m_server.count(table));
        return out;
    }

    TestServer m_server;
    QByteArray m_admin;
    qint64 m_realCampaign = 0;
    DemoSeeder::Summary m_seeded;
};

void tst_DemoSeed::skipsWhenCampaignsExist()
{
    // --if-empty leaves an installation that already has campaigns alone.
    m_admin = m_server.tokenFor(u"admin"_s);
    const ApiResponse r =
        m_server.request("POST", u"/v1/campaigns"_s, {{u"name"_s, u"Real"_s}, {u"code"_s, u"REAL"_s}}, m_admin);
    QCOMPARE(r.status, 201);
    m_realCampaign = r.value(u"id"_s).toInteger();
    const QHash<QString, qint64> before = counts();
    const Result<DemoSeeder::Summary> s = seed(true);
    QVERIFY(s.ok());
    QVERIFY(!s->created);
    QVERIFY(!s->alreadyPresent);
    QVERIFY(s->password.isEmpty());
    QCOMPARE(counts(), before);
}

void tst_DemoSeed::seedsOnce()
{
    const QHash<QString, qint64> start = counts();
    Result<DemoSeeder::Summary> s = seed();
    QVERIFY2(s.ok(), s.ok() ? "" : s.error().code().constData());
    QVERIFY(s->created);
    QCOMPARE(s->emails.size(), 5);
    QCOMPARE(s->numbers, 2);
    QCOMPARE(s->campaigns, 2);
    QCOMPARE(s->clients, 30);
    QVERIFY(s->tasks >= 3);
    QVERIFY2(s->chats >= 12 && s->chats <= 20, qPrintable(QString::number(s->chats)));
    QVERIFY(s->messages >= 2 * s->chats && s->messages <= 8 * s->chats);
    QVERIFY(s->password.size() >= 12);

    const QString demoUsers = u"email LIKE '%@demo.conversa.local'"_s;
    QCOMPARE(m_server.count(u"users"_s, demoUsers), 5);
    QCOMPARE(m_server.count(u"users"_s,
                            demoUsers + u" AND role_id = (SELECT id FROM roles WHERE name = 'supervisor')"_s),
             1);
    QCOMPARE(m_server.count(u"users"_s, demoUsers + u" AND role_id = (SELECT id FROM roles WHERE name = 'agent')"_s),
             4);
    QCOMPARE(m_server.count(u"whatsapp_numbers"_s, u"provider = 'meta'"_s), 1);
    QCOMPARE(m_server.count(u"whatsapp_numbers"_s, u"provider = 'wppconnect'"_s), 1);
    QCOMPARE(m_server.count(u"campaigns"_s, u"code LIKE 'DEMO-%'"_s), 2);
    QCOMPARE(m_server.count(u"campaign_numbers"_s) - start.value(u"campaign_numbers"_s), 2);
    QCOMPARE(m_server.count(u"campaign_agents"_s) - start.value(u"campaign_agents"_s), 5);
    QCOMPARE(m_server.count(u"clients"_s) - start.value(u"clients"_s), 30);
    QVERIFY(m_server.count(u"client_tags"_s) - start.value(u"client_tags"_s) >= 30);
    QCOMPARE(m_server.count(u"clients"_s, u"custom_fields LIKE '%plan%'"_s), 30);
    QCOMPARE(m_server.count(u"tasks"_s), qint64(s->tasks));
    QCOMPARE(m_server.count(u"chats"_s), qint64(s->chats));
    QCOMPARE(m_server.count(u"messages"_s), qint64(s->messages));

    // Chats in every status, assigned where the status says so, to an agent of the chat's campaign.
    for (const QString &status : {u"queued"_s, u"assigned"_s, u"active"_s, u"pending"_s, u"closed"_s})
        QVERIFY2(m_server.count(u"chats"_s, u"status = '%1'"_s.arg(status)) >= 2, qPrintable(status));
    QCOMPARE(m_server.count(u"chats"_s, u"status = 'queued' AND assigned_agent_id IS NOT NULL"_s), 0);
    QCOMPARE(m_server.count(u"chats"_s, u"status <> 'queued' AND assigned_agent_id IS NULL"_s), 0);
    QCOMPARE(m_server.count(u"chats"_s,
                            u"assigned_agent_id IS NOT NULL AND assigned_agent_id NOT IN "
                            "(SELECT ca.user_id FROM campaign_agents ca WHERE ca.campaign_id = chats.campaign_id)"_s),
             0);
    QCOMPARE(m_server.count(u"chats"_s,
                            u"whatsapp_number_id NOT IN (SELECT cn.number_id FROM campaign_numbers cn "
                            "WHERE cn.campaign_id = chats.campaign_id)"_s),
             0);
    QCOMPARE(m_server.count(u"chats"_s,
                            u"status = 'closed' AND (closed_at IS NULL OR close_reason IS NULL OR outcome IS NULL)"_s),
             0);
    QCOMPARE(m_server.count(u"chats"_s, u"status <> 'closed' AND closed_at IS NOT NULL"_s), 0);
    QVERIFY(m_server.count(u"chats"_s, u"outcome = 'sale' AND outcome_value > 0"_s) >= 1);
    // 2-8 messages each, alternating sides; agents' messages name the agent, with a delivery status.
    QCOMPARE(m_server.count(u"chats"_s, u"message_count < 2 OR message_count > 8"_s), 0);
    QCOMPARE(m_server.count(u"messages m"_s,
                            u"EXISTS (SELECT 1 FROM messages p WHERE p.chat_id = m.chat_id "
                            "AND p.direction = m.direction AND p.id = (SELECT MAX(q.id) FROM messages q "
                            "WHERE q.chat_id = m.chat_id AND q.id < m.id))"_s),
             0);
    QCOMPARE(m_server.count(u"messages m"_s,
                            u"direction = 'outbound' AND is_bot_message = FALSE AND (user_id IS NULL OR "
                            "user_id <> (SELECT c.assigned_agent_id FROM chats c WHERE c.id = m.chat_id))"_s),
             0);
    QCOMPARE(m_server.count(u"messages"_s, u"direction = 'outbound' AND status NOT IN ('sent', 'delivered', 'read')"_s),
             0);
    QCOMPARE(m_server.count(u"messages"_s, u"direction = 'inbound' AND user_id IS NOT NULL"_s), 0);
    QCOMPARE(m_server.count(u"messages"_s, u"message_type <> 'text' OR content IS NULL OR content = ''"_s), 0);
    // Times over the last days, in order: created, then messages, then closed.
    const qint64 now = nowSeconds();
    QCOMPARE(m_server.count(u"messages"_s, u"created_at > %1 OR created_at < %2"_s.arg(now).arg(now - 8 * 86400)), 0);
    QVERIFY(m_server.count(u"messages"_s, u"created_at < %1"_s.arg(now - 3 * 86400)) > 0);
    QCOMPARE(m_server.count(u"chats c"_s,
                            u"EXISTS (SELECT 1 FROM messages m WHERE m.chat_id = c.id AND "
                            "(m.created_at < c.created_at OR m.created_at > COALESCE(c.closed_at, %1)))"_s.arg(now)),
             0);
    // The counters ChatStore keeps as messages come and go.
    QCOMPARE(m_server.count(u"chats c"_s,
                            u"message_count <> (SELECT COUNT(*) FROM messages m WHERE m.chat_id = c.id)"_s),
             0);
    QCOMPARE(m_server.count(u"chats c"_s,
                            u"last_message_id IS NULL OR last_message_id <> "
                            "(SELECT MAX(m.id) FROM messages m WHERE m.chat_id = c.id)"_s),
             0);
    QCOMPARE(m_server.count(u"chats c"_s,
                            u"last_message_at <> (SELECT m.created_at FROM messages m WHERE m.id = c.last_message_id) "
                            "OR last_activity_at <> last_message_at"_s),
             0);
    QCOMPARE(m_server.count(u"chats c"_s,
                            u"unread_count <> (SELECT COUNT(*) FROM messages m WHERE m.chat_id = c.id AND "
                            "m.direction = 'inbound' AND m.id > COALESCE((SELECT MAX(o.id) FROM messages o "
                            "WHERE o.chat_id = c.id AND o.direction = 'outbound'), 0))"_s),
             0);
    QVERIFY(m_server.count(u"chats"_s, u"unread_count > 0"_s) >= 3);
    QCOMPARE(m_server.count(u"chats c"_s,
                            u"COALESCE(first_response_at, 0) <> COALESCE((SELECT MIN(m.created_at) FROM messages m "
                            "WHERE m.chat_id = c.id AND m.direction = 'outbound' AND m.is_bot_message = FALSE), 0)"_s),
             0);
    QCOMPARE(m_server.count(u"chats"_s, u"status IN ('active', 'pending', 'closed') AND first_response_at IS NULL"_s),
             0);
    // The events the API writes on assign and close.
    QCOMPARE(m_server.count(u"chat_events"_s, u"event = 'assign'"_s),
             m_server.count(u"chats"_s, u"assigned_agent_id IS NOT NULL"_s));
    QCOMPARE(m_server.count(u"chat_events e"_s,
                            u"event = 'assign' AND (to_status <> 'assigned' OR to_agent_id <> "
                            "(SELECT c.assigned_agent_id FROM chats c WHERE c.id = e.chat_id) OR "
                            "created_at <> (SELECT c.assigned_at FROM chats c WHERE c.id = e.chat_id))"_s),
             0);
    QCOMPARE(m_server.count(u"chat_events"_s, u"event = 'close'"_s),
             m_server.count(u"chats"_s, u"status = 'closed'"_s));
    QCOMPARE(m_server.count(u"chat_events e"_s,
                            u"event = 'close' AND (to_status <> 'closed' OR reason <> "
                            "(SELECT c.close_reason FROM chats c WHERE c.id = e.chat_id) OR created_at <> "
                            "(SELECT c.closed_at FROM chats c WHERE c.id = e.chat_id))"_s),
             0);

    // Secrets are sealed like any number's: the fake values are not stored in clear.
    QCOMPARE(m_server.count(u"whatsapp_numbers"_s,
                            u"meta_access_token LIKE '%not-real%' OR wppconnect_api_key LIKE '%not-real%'"_s),
             0);

    // The demo users log in with the printed password; the data reads back through the API.
    const QByteArray supervisor = m_server.login(s->emails.first(), s->password);
    QVERIFY(!supervisor.isEmpty());
    const QByteArray agent = m_server.login(s->emails.last(), s->password);
    QVERIFY(!agent.isEmpty());
    ApiResponse r = m_server.request("GET", u"/v1/campaigns?search=demo"_s, {}, m_admin);
    QCOMPARE(r.status, 200);
    const QJsonArray campaigns = r.value(u"data"_s).toArray();
    QCOMPARE(campaigns.size(), 2);
    r = m_server.request("GET", u"/v1/campaigns/%1"_s.arg(campaigns[0].toObject().value(u"id"_s).toInteger()), {},
                         m_admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"business_hours"_s).toObject().value(u"monday"_s).toObject().value(u"start"_s).toString(),
             u"08:00"_s);
    QVERIFY(!r.value(u"whatsapp_numbers"_s).toArray().isEmpty());
    QVERIFY(!r.value(u"agents"_s).toArray().isEmpty());
    r = m_server.request("GET", u"/v1/clients?search=jose"_s, {}, m_admin);   // "José Martínez"
    QCOMPARE(r.status, 200);
    QVERIFY(r.value(u"meta"_s).toObject().value(u"total"_s).toInteger() >= 1);
    r = m_server.request("GET", u"/v1/tasks"_s, {}, agent);   // the agent sees only its own tasks
    QCOMPARE(r.status, 200);
    const qint64 agentTasks = r.value(u"meta"_s).toObject().value(u"total"_s).toInteger();
    QVERIFY(agentTasks >= 1 && agentTasks < s->tasks);
    m_seeded = *s;

    // A second run finds the marker and changes nothing.
    const QHash<QString, qint64> after = counts();
    s = seed();
    QVERIFY(s.ok());
    QVERIFY(s->alreadyPresent);
    QVERIFY(!s->created);
    QVERIFY(s->password.isEmpty());
    QCOMPARE(counts(), after);
    s = seed(true);
    QVERIFY(s.ok() && s->alreadyPresent);
    QCOMPARE(counts(), after);
}

void tst_DemoSeed::chatsAsAnAgentSeesThem()
{
    // Each demo agent lists its own chats and the queued chats of its campaigns (docs/API.md),
    // and each list item's last message is the last one of GET /v1/chats/{id}/messages.
    QVERIFY(m_seeded.created);
    for (int i = 1; i < m_seeded.emails.size(); ++i) {
        const QString &email = m_seeded.emails[i];
        const QByteArray token = m_server.login(email, m_seeded.password);
        QVERIFY(!token.isEmpty());
        SqlQuery who(m_server.db(), "SELECT id FROM users WHERE email = ?", {email});
        QVERIFY(who.exec() && who.next());
        const qint64 agentId = who.integer(0);
        const QString visible = u"assigned_agent_id = %1 OR (status = 'queued' AND campaign_id IN "
                                "(SELECT campaign_id FROM campaign_agents WHERE user_id = %1))"_s.arg(agentId);
        const qint64 expected = m_server.count(u"chats"_s, visible);
        QVERIFY2(m_server.count(u"chats"_s, u"assigned_agent_id = %1"_s.arg(agentId)) >= 1, qPrintable(email));

        const ApiResponse r = m_server.request("GET", u"/v1/chats?limit=100"_s, {}, token);
        QCOMPARE(r.status, 200);
        const QJsonArray chats = r.value(u"data"_s).toArray();
        QCOMPARE(r.value(u"meta"_s).toObject().value(u"total"_s).toInteger(), expected);
        QCOMPARE(qint64(chats.size()), expected);
        bool queued = false;
        for (const QJsonValue &value : chats) {
            const QJsonObject chat = value.toObject();
            const qint64 id = chat.value(u"id"_s).toInteger();
            const QString status = chat.value(u"status"_s).toString();
            queued = queued || status == "queued"_L1;
            if (status == "queued"_L1)
                QVERIFY(chat.value(u"assigned_agent"_s).isNull());
            else
                QCOMPARE(chat.value(u"assigned_agent"_s).toObject().value(u"id"_s).toInteger(), agentId);

            const ApiResponse m = m_server.request("GET", u"/v1/chats/%1/messages?limit=100"_s.arg(id), {}, token);
            QCOMPARE(m.status, 200);
            const QJsonArray messages = m.value(u"data"_s).toArray();
            QCOMPARE(qint64(messages.size()), chat.value(u"message_count"_s).toInteger());
            const QJsonObject last = chat.value(u"last_message"_s).toObject();
            const QJsonObject newest = messages.last().toObject();
            QCOMPARE(last.value(u"id"_s).toInteger(), newest.value(u"id"_s).toInteger());
            QCOMPARE(last.value(u"content"_s).toString(), newest.value(u"content"_s).toString());
            QCOMPARE(last.value(u"direction"_s).toString(), newest.value(u"direction"_s).toString());
            QCOMPARE(last.value(u"created_at"_s).toString(), newest.value(u"created_at"_s).toString());
            QCOMPARE(chat.value(u"last_message_at"_s).toString(), newest.value(u"created_at"_s).toString());
            qint64 unread = 0;
            for (const QJsonValue &message : messages)
                unread = message.toObject().value(u"direction"_s).toString() == "inbound"_L1 ? unread + 1 : 0;
            QCOMPARE(chat.value(u"unread_count"_s).toInteger(), unread);
        }
        QVERIFY2(queued, qPrintable(email));   // every campaign has chats waiting
    }
}

QTEST_GUILESS_MAIN(tst_DemoSeed)
#include "tst_demo_seed.moc"
