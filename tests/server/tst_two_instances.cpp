// Two real conversa-server processes on one database behave as one (issue 5, "Several
// instances"): routing stays atomic while both route the same queue and agents come back
// through either server, the outbound queue sends every message once while both servers send,
// and each task reminder fires once while both look for due ones. SQLite (one file, two
// processes) and PostgreSQL.
#include "FakeMetaGraph.h"
#include "ServerProcess.h"
#include "TestServer.h"

#include "store/Database.h"
#include "store/NumberStore.h"
#include "store/SearchText.h"

#include <Conversa/api/ApiClient.h>
#include <Conversa/realtime/SocketIoClient.h>

#include <QHash>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {
const QString kSecretKey = u"8899aabbccddeeff00112233445566778899aabbccddeeff0011223344556677"_s;
const QString kToken = u"EAAG-two-instances"_s;
const QString kAdminEmail = u"admin@contacto-sur.example.com"_s;
const QString kAdminPassword = u"Admin-Passw0rd-2024"_s;
// How often each server routes every queue and looks for due reminders here.
constexpr int kRoutingSweepMs = 200;
constexpr int kReminderPassMs = 250;
}   // namespace

class tst_TwoInstances : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void routingStaysAtomic();
    void outboundSendsEachMessageOnce();
    void eventsReachTheOtherServer();
    void remindersFireOnce();

private:
    // Requests sent to both servers at once; waits for every answer.
    QList<ApiResponse> all(const QList<std::tuple<int, QByteArray, QString, QJsonObject>> &requests)
    {
        QList<QNetworkReply *> replies;
        for (const auto &[server, method, path, body] : requests)
            replies.append(m_clients[server]->sendJson(method, path, body));
        QList<ApiResponse> out;
        for (QNetworkReply *reply : replies) {
            if (!reply->isFinished()) {
                QSignalSpy finished(reply, &QNetworkReply::finished);
                finished.wait(30000);
            }
            out.append(Conversa::ApiClient::read(reply));
            reply->deleteLater();
        }
        return out;
    }
    ApiResponse one(int server, const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        return all({{server, method, path, body}}).first();
    }
    qint64 insert(const char *sql, std::initializer_list<QVariant> values)
    {
        SqlQuery q(*m_db, sql, values);
        return q.exec() && q.next() ? q.integer(0) : 0;
    }
    qint64 scalar(const QString &sql)
    {
        const Result<qint64> n = queryInteger(*m_db, sql, {});
        return n ? *n : -1;
    }

    FakeMetaGraph m_graph;
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    ServerProcess m_a{QStringLiteral(CONVERSA_SERVER_BINARY)};
    ServerProcess m_b{QStringLiteral(CONVERSA_SERVER_BINARY)};
    QNetworkAccessManager m_network;
    std::unique_ptr<Conversa::ApiClient> m_clients[2];
    qint64 m_number = 0;
    int m_seq = 0;
};

void tst_TwoInstances::initTestCase()
{
    if (TestServer::engine() == "postgresql"_L1)
        QVERIFY2(!qEnvironmentVariableIsEmpty("CONVERSA_TEST_PG_URL"), "CONVERSA_TEST_PG_URL is required");
    QVERIFY(m_graph.listen());
    const QString url =
        ServerProcess::freshDatabaseUrl(m_dir.path(), u"conversa_two_%1"_s.arg(QCoreApplication::applicationPid()));
    QVERIFY(!url.isEmpty());
    QHash<QString, QString> settings{{u"CONVERSA_DATA_DIR"_s, m_dir.path()},   // shared, as a shared volume would be
                                     {u"CONVERSA_DATABASE_URL"_s, url},
                                     {u"CONVERSA_HTTP_THREADS"_s, u"2"_s},
                                     {u"CONVERSA_SECRET_KEY"_s, kSecretKey},
                                     {u"CONVERSA_JWT_SECRET"_s, u"two-instances-jwt-secret-0123456789abcdef"_s},
                                     {u"CONVERSA_META_GRAPH_URL"_s, m_graph.baseUrl()},
                                     {u"CONVERSA_OUTBOUND_POLL_MS"_s, u"20"_s},
                                     {u"CONVERSA_ROUTING_SWEEP_MS"_s, QString::number(kRoutingSweepMs)},
                                     {u"CONVERSA_REMINDER_INTERVAL_MS"_s, QString::number(kReminderPassMs)},
                                     {u"CONVERSA_HEALTH_CHECK_SECONDS"_s, u"0"_s},
                                     {u"CONVERSA_LOG_LEVEL"_s, u"warning"_s}};
    QVERIFY(m_a.run(ServerProcess::environment(settings), {u"migrate"_s}));
    QVERIFY(m_a.run(ServerProcess::environment(settings),
                    {u"create-admin"_s, u"--email"_s, kAdminEmail, u"--password"_s, kAdminPassword}));
    ServerProcess *servers[] = {&m_a, &m_b};
    for (int i = 0; i < 2; ++i) {
        const quint16 port = ServerProcess::freePort();
        settings.insert(u"CONVERSA_LISTEN"_s, u"127.0.0.1:%1"_s.arg(port));
        QVERIFY(servers[i]->start(ServerProcess::environment(settings)));
        m_clients[i] = std::make_unique<Conversa::ApiClient>(&m_network);
        m_clients[i]->setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
    }
    // One login, valid on both servers.
    const ApiResponse login =
        one(0, "POST", u"/v1/auth/login"_s, {{u"email"_s, kAdminEmail}, {u"password"_s, kAdminPassword}});
    QCOMPARE(login.status, 200);
    for (auto &client : m_clients)
        client->setAccessToken(login.value(u"access_token"_s).toString().toUtf8());
    QCOMPARE(one(1, "GET", u"/v1/users/me"_s).status, 200);

    const Result<DatabaseSettings> db = DatabaseSettings::fromUrl(url);
    QVERIFY(db);
    m_db = std::make_unique<Database>(*db);
    const qint64 now = nowSeconds();
    m_number = insert("INSERT INTO whatsapp_numbers (phone_number, provider, status, meta_phone_number_id, "
                      "rate_limit_per_minute, daily_message_limit, created_at, updated_at) "
                      "VALUES ('+573009990001', 'meta', 'active', '777000222', 0, 0, ?, ?) RETURNING id",
                      {now, now});
    QVERIFY(m_number > 0);
    NumberSecrets secrets;
    secrets.metaAccessToken = kToken;
    QVERIFY(NumberStore(*m_db, QByteArray::fromHex(kSecretKey.toLatin1())).writeSecrets(m_number, secrets));
}

void tst_TwoInstances::cleanupTestCase()
{
    QCOMPARE(m_a.stop(), 0);
    QCOMPARE(m_b.stop(), 0);
    if (m_db)
        m_db->closeThreadConnection();
}

void tst_TwoInstances::routingStaysAtomic()
{
    // A paused campaign with 50 chats waiting and 8 offline agents (limits 3 or 4 here, 4 overall).
    const qint64 now = nowSeconds();
    const qint64 campaign =
        insert("INSERT INTO campaigns (name, code, status, routing_strategy, created_at, updated_at) "
               "VALUES ('Dos', 'DOS', 'paused', 'least_busy', ?, ?) RETURNING id",
               {now, now});
    QVERIFY(campaign > 0);
    QList<qint64> agents;
    qint64 capacity = 0;
    for (int i = 0; i < 8; ++i) {
        const ApiResponse r = one(i % 2, "POST", u"/v1/users"_s,
                                  {{u"email"_s, u"agente%1@contacto-sur.example.com"_s.arg(i)},
                                   {u"password"_s, u"Agente-Passw0rd-1"_s},
                                   {u"first_name"_s, u"Agente"_s},
                                   {u"last_name"_s, QString::number(i)},
                                   {u"role_id"_s, 3},
                                   {u"max_concurrent_chats"_s, 4}});
        QCOMPARE(r.status, 201);
        agents.append(r.value(u"id"_s).toInteger());
        const int here = 3 + i % 2;
        QVERIFY(insert("INSERT INTO campaign_agents (campaign_id, user_id, max_concurrent_chats, created_at) "
                       "VALUES (?, ?, ?, ?) RETURNING user_id",
                       {campaign, agents.last(), here, now}) > 0);
        capacity += here;
    }
    for (int i = 0; i < 50; ++i) {
        const QString phone = u"+57317%1"_s.arg(++m_seq, 7, 10, QChar(u'0'));
        const qint64 client = insert("INSERT INTO clients (phone_number, search_text, created_at, updated_at) "
                                     "VALUES (?, ?, ?, ?) RETURNING id",
                                     {phone, SearchText::of({phone}), now, now});
        QVERIFY(insert("INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, status, created_at, queued_at, "
                       "last_activity_at) VALUES (?, ?, ?, 'queued', ?, ?, ?) RETURNING id",
                       {client, campaign, m_number, now - 100 + i, now - 100 + i, now}) > 0);
    }

    // The campaign opens on A while the agents come back, half through A and half through B, at once.
    QList<std::tuple<int, QByteArray, QString, QJsonObject>> requests{
        {0, "PUT", u"/v1/campaigns/%1"_s.arg(campaign), {{u"status"_s, u"active"_s}}}};
    for (int i = 0; i < agents.size(); ++i)
        requests.append(
            {i % 2, "POST", u"/v1/users/%1/agent-status"_s.arg(agents[i]), {{u"agent_status"_s, u"available"_s}}});
    for (const ApiResponse &r : all(requests))
        QCOMPARE(r.status, 200);

    const QString assigned =
        u"SELECT COUNT(*) FROM chats WHERE campaign_id = %1 AND status = 'assigned'"_s.arg(campaign);
    QTRY_COMPARE_WITH_TIMEOUT(scalar(assigned), capacity, 20000);
    QTest::qWait(3 * kRoutingSweepMs);   // both servers sweep again: nothing more may move
    QCOMPARE(scalar(assigned), capacity);
    for (int i = 0; i < agents.size(); ++i) {
        QCOMPARE(
            scalar(
                u"SELECT COUNT(*) FROM chats WHERE assigned_agent_id = %1 AND status IN ('assigned', 'active', 'pending')"_s
                    .arg(agents[i])),
            3 + i % 2);
    }
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM chat_events e JOIN chats c ON c.id = e.chat_id WHERE c.campaign_id = %1 "
                    "AND e.event = 'assign'"_s.arg(campaign)),
             capacity);
}

void tst_TwoInstances::outboundSendsEachMessageOnce()
{
    const qint64 now = nowSeconds();
    const qint64 campaign =
        insert("INSERT INTO campaigns (name, code, created_at, updated_at) VALUES ('Envios', 'ENVIOS', ?, ?) "
               "RETURNING id",
               {now, now});
    const qint64 client = insert("INSERT INTO clients (phone_number, first_name, search_text, created_at, updated_at) "
                                 "VALUES ('+573118880000', 'Ana', 'ana', ?, ?) RETURNING id",
                                 {now, now});
    const qint64 chat = insert("INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, status, created_at, "
                               "last_activity_at, last_inbound_at) VALUES (?, ?, ?, 'active', ?, ?, ?) RETURNING id",
                               {client, campaign, m_number, now, now, now});
    QVERIFY(chat > 0);
    // 40 messages through both servers at once; both send.
    QList<std::tuple<int, QByteArray, QString, QJsonObject>> requests;
    for (int i = 0; i < 40; ++i) {
        requests.append(
            {i % 2,
             "POST",
             u"/v1/messages"_s,
             {{u"chat_id"_s, chat}, {u"message_type"_s, u"text"_s}, {u"content"_s, u"mensaje %1"_s.arg(i)}}});
    }
    for (const ApiResponse &r : all(requests))
        QCOMPARE(r.status, 201);
    const QString pending = u"SELECT COUNT(*) FROM messages WHERE chat_id = %1 AND status <> 'sent'"_s.arg(chat);
    QTRY_COMPARE_WITH_TIMEOUT(scalar(pending), 0, 30000);
    QHash<QString, int> sends;
    for (const FakeMetaGraph::Request &r : m_graph.messageRequests())
        ++sends[r.json.value(u"text"_s).toObject().value(u"body"_s).toString()];
    for (int i = 0; i < 40; ++i)
        QCOMPARE(sends.value(u"mensaje %1"_s.arg(i)), 1);
    QCOMPARE(scalar(u"SELECT total_messages_sent FROM whatsapp_numbers WHERE id = %1"_s.arg(m_number)), 40);
}

void tst_TwoInstances::eventsReachTheOtherServer()
{
    if (TestServer::engine() != "postgresql"_L1)
        QSKIP("servers pass events to each other through PostgreSQL's LISTEN/NOTIFY");
    // A supervisor's socket on B hears what happens through A: a small event (NOTIFY), a large
    // one (through realtime_events), again after the listening connections were cut, and a
    // suspension through A ends the socket on B.
    const ApiResponse created = one(0, "POST", u"/v1/users"_s,
                                    {{u"email"_s, u"supervisora@contacto-sur.example.com"_s},
                                     {u"password"_s, u"Super-Passw0rd-1"_s},
                                     {u"first_name"_s, u"Sara"_s},
                                     {u"last_name"_s, u"Ruiz"_s},
                                     {u"role_id"_s, 2}});
    QCOMPARE(created.status, 201);
    const qint64 supervisor = created.value(u"id"_s).toInteger();
    Conversa::ApiClient viaB(&m_network);
    viaB.setBaseUrl(m_clients[1]->baseUrl());
    QNetworkReply *loginReply = viaB.sendJson("POST", u"/v1/auth/login"_s,
                                              {{u"email"_s, u"supervisora@contacto-sur.example.com"_s},
                                               {u"password"_s, u"Super-Passw0rd-1"_s}});
    QSignalSpy loggedIn(loginReply, &QNetworkReply::finished);
    QVERIFY(loginReply->isFinished() || loggedIn.wait(30000));
    const ApiResponse login = Conversa::ApiClient::read(loginReply);
    loginReply->deleteLater();
    QCOMPARE(login.status, 200);

    Conversa::SocketIoClient socket;
    QList<std::pair<QString, QJsonObject>> events;
    connect(&socket, &Conversa::SocketIoClient::event, &socket, [&](const QString &name, const QJsonValue &payload) {
        events.append({name, payload.toObject()});
    });
    QSignalSpy up(&socket, &Conversa::SocketIoClient::connected);
    socket.open(viaB.baseUrl(), login.value(u"access_token"_s).toString().toUtf8());
    QVERIFY(up.wait(10000));

    const qint64 now = nowSeconds();
    const qint64 campaign =
        insert("INSERT INTO campaigns (name, code, created_at, updated_at) VALUES ('Relevo', 'RELEVO', ?, ?) "
               "RETURNING id",
               {now, now});
    const qint64 client = insert("INSERT INTO clients (phone_number, search_text, created_at, updated_at) "
                                 "VALUES ('+573118880099', 'x', ?, ?) RETURNING id",
                                 {now, now});
    const qint64 chat = insert("INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, status, created_at, "
                               "last_activity_at) VALUES (?, ?, ?, 'active', ?, ?) RETURNING id",
                               {client, campaign, m_number, now, now});
    const auto updated = [&](const std::function<bool(const QJsonObject &)> &match) {
        return QTest::qWaitFor(
            [&] {
                return std::any_of(events.begin(), events.end(), [&](const auto &e) {
                    return e.first == "chat.updated"_L1 &&
                        e.second.value(u"chat"_s).toObject().value(u"id"_s).toInteger() == chat &&
                        match(e.second.value(u"chat"_s).toObject());
                });
            },
            10000);
    };
    QCOMPARE(one(0, "PUT", u"/v1/chats/%1/priority"_s.arg(chat), {{u"priority"_s, u"urgent"_s}}).status, 200);
    QVERIFY(updated([](const QJsonObject &c) { return c.value(u"priority"_s).toString() == "urgent"_L1; }));

    // Five long notes make the chat's JSON larger than NOTIFY carries.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(one(0, "POST", u"/v1/chats/%1/notes"_s.arg(chat), {{u"content"_s, QString(1900, QChar(u'a' + i))}})
                     .status,
                 201);
    QVERIFY(updated([](const QJsonObject &c) { return c.value(u"notes"_s).toArray().size() == 5; }));
    QVERIFY(scalar(u"SELECT COUNT(*) FROM realtime_events"_s) >= 1);

    // Both servers' listening connections are cut; they listen again within a few seconds.
    const QString listeners = u"FROM pg_stat_activity WHERE query LIKE 'SELECT 1 AS conversa_relay_alive%'"_s;
    QTRY_VERIFY_WITH_TIMEOUT(scalar(u"SELECT COUNT(*) "_s + listeners) >= 2, 5000);
    QStringList cut;
    SqlQuery pids(*m_db, u"SELECT pid "_s + listeners, {});
    QVERIFY(pids.exec());
    while (pids.next())
        cut.append(QString::number(pids.integer(0)));
    QVERIFY(cut.size() >= 2);
    QVERIFY(scalar(u"SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) "_s + listeners + u") t"_s) >= 2);
    // Each listens again on a new connection, where it runs its keep-alive query only once LISTEN is in.
    QTRY_VERIFY_WITH_TIMEOUT(scalar(u"SELECT COUNT(*) "_s + listeners + u" AND pid NOT IN ("_s + cut.join(u',') +
                                    u')') >= 2,
                             10000);
    QCOMPARE(one(0, "PUT", u"/v1/chats/%1/priority"_s.arg(chat), {{u"priority"_s, u"low"_s}}).status, 200);
    QVERIFY(updated([](const QJsonObject &c) { return c.value(u"priority"_s).toString() == "low"_L1; }));

    // Suspended through A: the socket on B is ended.
    QSignalSpy down(&socket, &Conversa::SocketIoClient::disconnected);
    QCOMPARE(one(0, "PUT", u"/v1/users/%1"_s.arg(supervisor), {{u"status"_s, u"suspended"_s}}).status, 200);
    QVERIFY(down.count() > 0 || down.wait(10000));
}

void tst_TwoInstances::remindersFireOnce()
{
    // An agent with a socket on each server; 20 reminders fall due while both servers look for
    // due ones (every 250 ms here). Each fires once: on PostgreSQL both sockets hear each reminder once (the
    // relay), on SQLite (no relay) the two sockets together hear each once.
    const ApiResponse created = one(0, "POST", u"/v1/users"_s,
                                    {{u"email"_s, u"agente.recordatorios@contacto-sur.example.com"_s},
                                     {u"password"_s, u"Agente-Passw0rd-1"_s},
                                     {u"first_name"_s, u"Ana"_s},
                                     {u"last_name"_s, u"Mora"_s},
                                     {u"role_id"_s, 3}});
    QCOMPARE(created.status, 201);
    const qint64 agent = created.value(u"id"_s).toInteger();
    const ApiResponse login = one(1, "POST", u"/v1/auth/login"_s,
                                  {{u"email"_s, u"agente.recordatorios@contacto-sur.example.com"_s},
                                   {u"password"_s, u"Agente-Passw0rd-1"_s}});
    QCOMPARE(login.status, 200);
    const QByteArray token = login.value(u"access_token"_s).toString().toUtf8();

    Conversa::SocketIoClient sockets[2];
    QHash<qint64, int> heard[2];   // task id → reminders heard, per socket
    for (int i = 0; i < 2; ++i) {
        connect(&sockets[i], &Conversa::SocketIoClient::event, &sockets[i],
                [&heard, i](const QString &name, const QJsonValue &payload) {
                    if (name == "task.reminder"_L1)
                        ++heard[i][payload.toObject().value(u"task"_s).toObject().value(u"id"_s).toInteger()];
                });
        QSignalSpy up(&sockets[i], &Conversa::SocketIoClient::connected);
        sockets[i].open(m_clients[i]->baseUrl(), token);
        QVERIFY(up.wait(10000));
    }

    const qint64 now = nowSeconds();
    QSet<qint64> tasks;
    for (int i = 0; i < 20; ++i) {
        tasks.insert(
            insert("INSERT INTO tasks (assigned_to_user_id, created_by_user_id, title, reminder_date, created_at, "
                   "updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                   {agent, agent, u"Llamar a cliente %1"_s.arg(i), now - 1, now, now}));
    }
    QVERIFY(!tasks.contains(0));
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(u"SELECT COUNT(*) FROM tasks WHERE reminder_fired_at IS NOT NULL AND assigned_to_user_id = %1"_s.arg(
            agent)),
        qint64(20), 15000);
    const bool relayed = TestServer::engine() == "postgresql"_L1;
    const auto heardInAll = [&heard] {
        int n = 0;
        for (const auto &perSocket : heard) {
            for (const int times : perSocket)
                n += times;
        }
        return n;
    };
    QTRY_COMPARE_WITH_TIMEOUT(heardInAll(), relayed ? 40 : 20, 10000);
    QTest::qWait(4 * kReminderPassMs);   // each server passes at least twice more: nothing fires again
    QCOMPARE(heardInAll(), relayed ? 40 : 20);
    for (const qint64 task : tasks) {
        if (relayed) {
            QCOMPARE(heard[0].value(task), 1);
            QCOMPARE(heard[1].value(task), 1);
        } else {
            QCOMPARE(heard[0].value(task) + heard[1].value(task), 1);
        }
    }
    QCOMPARE(heard[0].size() + heard[1].size(), relayed ? 40 : 20);
}

QTEST_MAIN(tst_TwoInstances)
#include "tst_two_instances.moc"
