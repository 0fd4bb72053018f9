// `conversa-server seed-demo` (CONTRACT §1): the demo data set, written once through the stores,
// against SQLite and PostgreSQL.
#include "TestServer.h"

#include "app/DemoSeeder.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_DemoSeed : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { m_server.stop(); }

    void skipsWhenCampaignsExist();
    void seedsOnce();

private:
    Result<DemoSeeder::Summary> seed(bool onlyIfNoCampaigns = false)
    {
        DemoSeeder seeder(m_server.db(), m_server.app().roles(), m_server.app().config().secretKey);
        return seeder.run(onlyIfNoCampaigns);
    }
    QHash<QString, qint64> counts()
    {
        QHash<QString, qint64> out;
        for (const QString &table : {u"users"_s, u"whatsapp_numbers"_s, u"campaigns"_s, u"campaign_numbers"_s,
                                     u"campaign_agents"_s, u"clients"_s, u"client_tags"_s, u"tasks"_s, u"audit_logs"_s})
            out.insert(table, m_server.count(table));
        return out;
    }

    TestServer m_server;
    QByteArray m_admin;
    qint64 m_realCampaign = 0;
};

void tst_DemoSeed::skipsWhenCampaignsExist()
{
    // --if-empty leaves an installation that already has campaigns alone.
    m_admin = m_server.tokenFor(u"admin"_s);
    const ApiResponse r = m_server.request("POST", u"/v1/campaigns"_s, {{u"name"_s, u"Real"_s}, {u"code"_s, u"REAL"_s}}, m_admin);
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
    QVERIFY(s->password.size() >= 12);

    const QString demoUsers = u"email LIKE '%@demo.conversa.local'"_s;
    QCOMPARE(m_server.count(u"users"_s, demoUsers), 5);
    QCOMPARE(m_server.count(u"users"_s, demoUsers + u" AND role_id = (SELECT id FROM roles WHERE name = 'supervisor')"_s), 1);
    QCOMPARE(m_server.count(u"users"_s, demoUsers + u" AND role_id = (SELECT id FROM roles WHERE name = 'agent')"_s), 4);
    QCOMPARE(m_server.count(u"whatsapp_numbers"_s, u"provider = 'meta'"_s), 1);
    QCOMPARE(m_server.count(u"whatsapp_numbers"_s, u"provider = 'wppconnect'"_s), 1);
    QCOMPARE(m_server.count(u"campaigns"_s, u"code LIKE 'DEMO-%'"_s), 2);
    QCOMPARE(m_server.count(u"campaign_numbers"_s) - start.value(u"campaign_numbers"_s), 2);
    QCOMPARE(m_server.count(u"campaign_agents"_s) - start.value(u"campaign_agents"_s), 5);
    QCOMPARE(m_server.count(u"clients"_s) - start.value(u"clients"_s), 30);
    QVERIFY(m_server.count(u"client_tags"_s) - start.value(u"client_tags"_s) >= 30);
    QCOMPARE(m_server.count(u"clients"_s, u"custom_fields LIKE '%plan%'"_s), 30);
    QCOMPARE(m_server.count(u"tasks"_s), qint64(s->tasks));
    // Secrets are sealed like any number's: the fake values are not stored in clear.
    QCOMPARE(m_server.count(u"whatsapp_numbers"_s, u"meta_access_token LIKE '%not-real%' OR wppconnect_api_key LIKE '%not-real%'"_s), 0);

    // The demo users log in with the printed password; the data reads back through the API.
    const QByteArray supervisor = m_server.login(s->emails.first(), s->password);
    QVERIFY(!supervisor.isEmpty());
    const QByteArray agent = m_server.login(s->emails.last(), s->password);
    QVERIFY(!agent.isEmpty());
    ApiResponse r = m_server.request("GET", u"/v1/campaigns?search=demo"_s, {}, m_admin);
    QCOMPARE(r.status, 200);
    const QJsonArray campaigns = r.value(u"data"_s).toArray();
    QCOMPARE(campaigns.size(), 2);
    r = m_server.request("GET", u"/v1/campaigns/%1"_s.arg(campaigns[0].toObject().value(u"id"_s).toInteger()), {}, m_admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"business_hours"_s).toObject().value(u"monday"_s).toObject().value(u"start"_s).toString(), u"08:00"_s);
    QVERIFY(!r.value(u"whatsapp_numbers"_s).toArray().isEmpty());
    QVERIFY(!r.value(u"agents"_s).toArray().isEmpty());
    r = m_server.request("GET", u"/v1/clients?search=jose"_s, {}, m_admin);   // "José Martínez"
    QCOMPARE(r.status, 200);
    QVERIFY(r.value(u"meta"_s).toObject().value(u"total"_s).toInteger() >= 1);
    r = m_server.request("GET", u"/v1/tasks"_s, {}, agent);   // the agent sees only its own tasks
    QCOMPARE(r.status, 200);
    const qint64 agentTasks = r.value(u"meta"_s).toObject().value(u"total"_s).toInteger();
    QVERIFY(agentTasks >= 1 && agentTasks < s->tasks);

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

QTEST_GUILESS_MAIN(tst_DemoSeed)
#include "tst_demo_seed.moc"
