// kill -9 in the middle of the outbound queue (issue 4): the real conversa-server sends through
// the Graph stand-in, which answers slowly; the process is killed with a send in flight and
// started again. Then, by the stand-in's own log, no message went out twice, none is left
// pending, and the one whose outcome the crash hid is 'failed' as interrupted. SQLite and PostgreSQL.
#include "FakeMetaGraph.h"
#include "ServerProcess.h"
#include "TestServer.h"

#include "store/Database.h"
#include "store/NumberStore.h"
#include "store/SearchText.h"

#include <QHash>
#include <QTemporaryDir>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

const QString kSecretKey = u"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"_s;
const QString kToken = u"EAAG-crash-token"_s;
constexpr int kMessages = 12;

}   // namespace

class tst_OutboundCrash : public QObject {
    Q_OBJECT

private slots:
    void killNineMidQueue();
};

void tst_OutboundCrash::killNineMidQueue()
{
    if (TestServer::engine() == "postgresql"_L1)
        QVERIFY2(!qEnvironmentVariableIsEmpty("CONVERSA_TEST_PG_URL"), "CONVERSA_TEST_PG_URL is required");
    FakeMetaGraph graph;
    QVERIFY(graph.listen());
    graph.setDelayMs(400);

    QTemporaryDir dir;
    const QString url =
        ServerProcess::freshDatabaseUrl(dir.path(), u"conversa_crash_%1"_s.arg(QCoreApplication::applicationPid()));
    QVERIFY(!url.isEmpty());
    const QProcessEnvironment env =
        ServerProcess::environment({{u"CONVERSA_DATA_DIR"_s, dir.path()},
                                    {u"CONVERSA_DATABASE_URL"_s, url},
                                    {u"CONVERSA_LISTEN"_s, u"127.0.0.1:%1"_s.arg(ServerProcess::freePort())},
                                    {u"CONVERSA_HTTP_THREADS"_s, u"1"_s},
                                    {u"CONVERSA_SECRET_KEY"_s, kSecretKey},
                                    {u"CONVERSA_META_GRAPH_URL"_s, graph.baseUrl()},
                                    {u"CONVERSA_OUTBOUND_POLL_MS"_s, u"50"_s},
                                    {u"CONVERSA_OUTBOUND_TIMEOUT_MS"_s, u"1500"_s},
                                    {u"CONVERSA_LOG_LEVEL"_s, u"warning"_s}});

    // The schema, then the fixture straight into the database: a Meta number with its token,
    // a chat, and kMessages pending outbound messages.
    ServerProcess server(QStringLiteral(CONVERSA_SERVER_BINARY));
    QVERIFY(server.run(env, {u"migrate"_s}));

    const Result<DatabaseSettings> settings = DatabaseSettings::fromUrl(url);
    QVERIFY(settings);
    Database db(*settings);
    const qint64 now = nowSeconds();
    auto insert = [&](const char *sql, std::initializer_list<QVariant> values) -> qint64 {
        SqlQuery q(db, sql, values);
        return q.exec() && q.next() ? q.integer(0) : 0;
    };
    const qint64 number = insert("INSERT INTO whatsapp_numbers (phone_number, provider, status, meta_phone_number_id, "
                                 "rate_limit_per_minute, daily_message_limit, created_at, updated_at) "
                                 "VALUES ('+573009990000', 'meta', 'active', '777000111', 0, 0, ?, ?) RETURNING id",
                                 {now, now});
    QVERIFY(number);
    NumberSecrets secrets;
    secrets.metaAccessToken = kToken;
    QVERIFY(NumberStore(db, QByteArray::fromHex(kSecretKey.toLatin1())).writeSecrets(number, secrets));
    const qint64 campaign =
        insert("INSERT INTO campaigns (name, code, created_at, updated_at) VALUES ('C', 'C', ?, ?) RETURNING id",
               {now, now});
    const qint64 client = insert("INSERT INTO clients (phone_number, first_name, search_text, created_at, updated_at) "
                                 "VALUES ('+573115550000', 'Ana', 'ana', ?, ?) RETURNING id",
                                 {now, now});
    const qint64 chat = insert("INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, status, created_at, "
                               "last_activity_at) VALUES (?, ?, ?, 'active', ?, ?) RETURNING id",
                               {client, campaign, number, now, now});
    QVERIFY(campaign && client && chat);
    QHash<qint64, QString> contents;
    for (int i = 0; i < kMessages; ++i) {
        const QString text = u"queued %1"_s.arg(i);
        const qint64 id = insert("INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, "
                                 "status, created_at) VALUES (?, ?, 'outbound', 'text', ?, 'pending', ?) RETURNING id",
                                 {chat, number, text, now});
        QVERIFY(id);
        contents.insert(id, text);
    }

    // 1. The server sends slowly; it is killed with the fourth send in flight (asked, unanswered).
    QVERIFY(server.start(env));
    QVERIFY(QTest::qWaitFor([&] { return graph.messageRequests().size() >= 4; }, 20000));
    server.kill();
    QCOMPARE(server.process().exitStatus(), QProcess::CrashExit);
    const qsizetype beforeRestart = graph.messageRequests().size();
    QVERIFY(beforeRestart < kMessages);

    // 2. Started again, it finishes the queue.
    graph.setDelayMs(0);
    QVERIFY(server.start(env));
    auto pending = [&] {
        SqlQuery q(db, "SELECT COUNT(*) FROM messages WHERE chat_id = ? AND status = 'pending'", {chat});
        return q.exec() && q.next() ? q.integer(0) : -1;
    };
    QVERIFY2(QTest::qWaitFor([&] { return pending() == 0; }, 30000), "messages left pending");
    QCOMPARE(server.stop(), 0);

    // 3. By the stand-in's log: at most once each; every 'sent' one exactly once with its wamid;
    //    the others failed as interrupted (their outcome died with the process).
    QHash<QString, QList<FakeMetaGraph::Request>> byText;
    for (const FakeMetaGraph::Request &r : graph.messageRequests())
        byText[r.json.value(u"text"_s).toObject().value(u"body"_s).toString()].append(r);
    int sent = 0;
    int interrupted = 0;
    for (auto it = contents.begin(); it != contents.end(); ++it) {
        const QList<FakeMetaGraph::Request> sends = byText.value(it.value());
        QVERIFY2(sends.size() <= 1, qPrintable(it.value() + u" sent "_s + QString::number(sends.size()) + u" times"_s));
        SqlQuery q(db, "SELECT status, error_code, provider_message_id, sending_since FROM messages WHERE id = ?",
                   {it.key()});
        QVERIFY(q.exec() && q.next());
        QVERIFY(q.isNull(3));
        if (q.string(0) == "sent"_L1) {
            ++sent;
            QCOMPARE(sends.size(), 1);
            QCOMPARE(q.string(2), sends.first().answeredId);
        } else {
            ++interrupted;
            QCOMPARE(q.string(0), u"failed"_s);
            QCOMPARE(q.string(1), u"interrupted"_s);
        }
    }
    qInfo("%d sent, %d interrupted, %lld requests before the kill", sent, interrupted, qint64(beforeRestart));
    QVERIFY(interrupted >= 1);   // the send in flight at the kill
    QVERIFY(sent >= kMessages - 2);
    db.closeThreadConnection();
}

QTEST_MAIN(tst_OutboundCrash)
#include "tst_outbound_crash.moc"
