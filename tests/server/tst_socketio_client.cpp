// The stock npm socket.io-client (tests/node, installed by scripts/test with `npm ci`) against the
// real server: connect with the access token, refused auth, a published event, an acknowledged
// chat.join, and reconnection after the server restarts on the same port.
#include "Fixtures.h"
#include "TestServer.h"

#include "realtime/RealtimeBus.h"
#include "store/Database.h"
#include "store/SearchText.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

class tst_SocketIoClient : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void connectAndReceive_data();
    void connectAndReceive();
    void refusedAuth();
    void chatJoinAcknowledged();
    void reconnectAfterRestart();

private:
    void command(const QJsonObject &c);
    // The next report for socket `id` with this event name (others are kept); empty on timeout.
    QJsonObject waitFor(const QString &id, const QString &event, int ms = 10000);
    QString url() const { return u"http://127.0.0.1:%1"_s.arg(m_server.port()); }

    TestServer m_server;
    QProcess m_node;
    QByteArray m_buffer;
    QList<QJsonObject> m_reports;
    QByteArray m_agent;
    qint64 m_agentId = 0;
    int m_seq = 0;
};

void tst_SocketIoClient::initTestCase()
{
    const QString dir = QStringLiteral(CONVERSA_NODE_DIR);
    if (!QFileInfo::exists(dir + u"/node_modules/socket.io-client/package.json"_s))
        QFAIL(
            qPrintable(u"%1/node_modules is missing: run `npm ci --prefix tests/node` (scripts/test does)"_s.arg(dir)));
    QVERIFY(m_server.start());
    m_agent = m_server.tokenFor(u"agent"_s, &m_agentId);
    QVERIFY(!m_agent.isEmpty());
}

void tst_SocketIoClient::init()
{
    m_reports.clear();
    m_buffer.clear();
    m_node.setWorkingDirectory(QStringLiteral(CONVERSA_NODE_DIR));
    m_node.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_node.start(u"node"_s, {u"socketio-driver.mjs"_s});
    QVERIFY2(m_node.waitForStarted(10000), "cannot run node (scripts/install-deps installs nodejs)");
    QVERIFY(!waitFor({}, u"ready"_s).isEmpty());
}

void tst_SocketIoClient::cleanup()
{
    m_node.closeWriteChannel();
    if (!m_node.waitForFinished(5000)) {
        m_node.kill();
        m_node.waitForFinished(5000);
    }
}

void tst_SocketIoClient::command(const QJsonObject &c)
{
    m_node.write(QJsonDocument(c).toJson(QJsonDocument::Compact) + '\n');
}

QJsonObject tst_SocketIoClient::waitFor(const QString &id, const QString &event, int ms)
{
    QJsonObject found;
    (void)QTest::qWaitFor(
        [&] {
            m_buffer += m_node.readAllStandardOutput();
            for (qsizetype nl = m_buffer.indexOf('\n'); nl >= 0; nl = m_buffer.indexOf('\n')) {
                m_reports.append(QJsonDocument::fromJson(m_buffer.left(nl)).object());
                m_buffer.remove(0, nl + 1);
            }
            for (qsizetype i = 0; i < m_reports.size(); ++i) {
                const QJsonObject &r = m_reports.at(i);
                if (r.value(u"event"_s).toString() == event && r.value(u"id"_s).toString() == id) {
                    found = m_reports.takeAt(i);
                    return true;
                }
            }
            return m_node.state() == QProcess::NotRunning;
        },
        ms);
    if (found.isEmpty()) {
        QStringList seen;
        for (const QJsonObject &r : std::as_const(m_reports))
            seen.append(QString::fromUtf8(QJsonDocument(r).toJson(QJsonDocument::Compact)));
        qWarning("no %s report for %s; seen: %s", qPrintable(event), qPrintable(id), qPrintable(seen.join(u' ')));
    }
    return found;
}

void tst_SocketIoClient::connectAndReceive_data()
{
    QTest::addColumn<bool>("bearer");
    QTest::addRow("bearer") << true;
    QTest::addRow("bare-token") << false;
}

void tst_SocketIoClient::connectAndReceive()
{
    QFETCH(bool, bearer);
    command({{u"cmd"_s, u"connect"_s},
             {u"id"_s, u"a"_s},
             {u"url"_s, url()},
             {u"token"_s, QString::fromLatin1((bearer ? "Bearer " : "") + m_agent)}});
    const QJsonObject connected = waitFor(u"a"_s, u"connect"_s);
    QVERIFY(!connected.value(u"sid"_s).toString().isEmpty());
    QCOMPARE(connected.value(u"transport"_s).toString(), u"websocket"_s);

    m_server.app().realtime().publish({u"user:"_s + QString::number(m_agentId)}, u"chat.new"_s,
                                      "{\"chat\":{\"id\":41,\"status\":\"assigned\"}}");
    const QJsonObject event = waitFor(u"a"_s, u"event"_s);
    QCOMPARE(event.value(u"name"_s).toString(), u"chat.new"_s);
    QCOMPARE(event.value(u"args"_s).toArray(),
             (QJsonArray{QJsonObject{{u"chat"_s, QJsonObject{{u"id"_s, 41}, {u"status"_s, u"assigned"_s}}}}}));
}

void tst_SocketIoClient::refusedAuth()
{
    command({{u"cmd"_s, u"connect"_s},
             {u"id"_s, u"bad"_s},
             {u"url"_s, url()},
             {u"token"_s, u"Bearer nope"_s},
             {u"reconnection"_s, true}});
    const QJsonObject error = waitFor(u"bad"_s, u"connect_error"_s);
    QCOMPARE(error.value(u"message"_s).toString(), u"El token de acceso no es válido o ha expirado"_s);
    QCOMPARE(error.value(u"data"_s).toObject().value(u"code"_s).toString(), u"UNAUTHENTICATED"_s);
    QCOMPARE(error.value(u"active"_s).toBool(true), false);   // refused auth: the client gives up

    command({{u"cmd"_s, u"connect"_s},
             {u"id"_s, u"en"_s},
             {u"url"_s, url()},
             {u"token"_s, u"nope"_s},
             {u"lang"_s, u"en"_s}});
    QCOMPARE(waitFor(u"en"_s, u"connect_error"_s).value(u"message"_s).toString(),
             u"The access token is invalid or expired"_s);
    QVERIFY(waitFor(u"bad"_s, u"reconnect_attempt"_s, 1500).isEmpty());
}

void tst_SocketIoClient::chatJoinAcknowledged()
{
    const qint64 now = nowSeconds();
    const qint64 number =
        insertReturningId(m_server.db(),
                          "INSERT INTO whatsapp_numbers (phone_number, provider, created_at, updated_at) "
                          "VALUES ('+573003333333', 'meta', ?, ?) RETURNING id",
                          {now, now});
    const qint64 campaign = insertReturningId(m_server.db(),
                                              "INSERT INTO campaigns (name, code, created_at, updated_at) "
                                              "VALUES ('Cobranza', 'COBRANZA', ?, ?) RETURNING id",
                                              {now, now});
    qint64 otherAgent = 0;
    QVERIFY(!m_server.tokenFor(u"agent"_s, &otherAgent).isEmpty());
    const auto chat = [&](qint64 agentId) {
        const QString phone = u"+5731344444%1"_s.arg(++m_seq, 2, 10, QChar(u'0'));
        const qint64 client =
            insertReturningId(m_server.db(),
                              "INSERT INTO clients (phone_number, first_name, search_text, created_at, "
                              "updated_at) VALUES (?, 'Ana', 'ana', ?, ?) RETURNING id",
                              {phone, now, now});
        return insertReturningId(
            m_server.db(),
            "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, status, "
            "created_at, assigned_at, last_activity_at) VALUES (?, ?, ?, ?, 'assigned', ?, ?, ?) RETURNING id",
            {client, campaign, number, agentId, now, now, now});
    };
    const qint64 mine = chat(m_agentId);
    const qint64 theirs = chat(otherAgent);
    QVERIFY(mine && theirs);

    command({{u"cmd"_s, u"connect"_s},
             {u"id"_s, u"a"_s},
             {u"url"_s, url()},
             {u"token"_s, QString(u"Bearer "_s + QString::fromLatin1(m_agent))}});
    QVERIFY(!waitFor(u"a"_s, u"connect"_s).isEmpty());
    command({{u"cmd"_s, u"emit"_s},
             {u"id"_s, u"a"_s},
             {u"event"_s, u"chat.join"_s},
             {u"arg"_s, QJsonObject{{u"chatId"_s, mine}}},
             {u"seq"_s, 1}});
    QJsonObject ack = waitFor(u"a"_s, u"ack"_s);
    QCOMPARE(ack.value(u"seq"_s).toInt(), 1);
    QCOMPARE(ack.value(u"args"_s).toArray(), (QJsonArray{QJsonObject{{u"ok"_s, true}}}));

    command({{u"cmd"_s, u"emit"_s},
             {u"id"_s, u"a"_s},
             {u"event"_s, u"chat.join"_s},
             {u"arg"_s, QJsonObject{{u"chatId"_s, theirs}}},
             {u"seq"_s, 2}});
    ack = waitFor(u"a"_s, u"ack"_s);
    QCOMPARE(ack.value(u"seq"_s).toInt(), 2);
    const QJsonObject refused = ack.value(u"args"_s).toArray().first().toObject();
    QCOMPARE(refused.value(u"ok"_s).toBool(true), false);
    QCOMPARE(refused.value(u"code"_s).toString(), u"NOT_FOUND"_s);

    // The joined room now carries the chat's events.
    m_server.app().realtime().publish({u"chat:"_s + QString::number(mine)}, u"chat.message"_s,
                                      u"{\"chat_id\":%1,\"message\":{\"id\":5}}"_s.arg(mine).toUtf8());
    const QJsonObject event = waitFor(u"a"_s, u"event"_s);
    QCOMPARE(event.value(u"name"_s).toString(), u"chat.message"_s);
    QCOMPARE(event.value(u"args"_s).toArray().first().toObject().value(u"chat_id"_s).toInteger(), mine);
}

void tst_SocketIoClient::reconnectAfterRestart()
{
    command({{u"cmd"_s, u"connect"_s},
             {u"id"_s, u"r"_s},
             {u"url"_s, url()},
             {u"token"_s, QString(u"Bearer "_s + QString::fromLatin1(m_agent))},
             {u"reconnection"_s, true}});
    const QString firstSid = waitFor(u"r"_s, u"connect"_s).value(u"sid"_s).toString();
    QVERIFY(!firstSid.isEmpty());
    const quint16 port = m_server.port();

    QVERIFY(m_server.restart());
    QCOMPARE(m_server.port(), port);
    QCOMPARE(waitFor(u"r"_s, u"disconnect"_s).value(u"reason"_s).toString(), u"transport close"_s);
    const QJsonObject again = waitFor(u"r"_s, u"connect"_s, 15000);
    QVERIFY(!again.isEmpty());
    QVERIFY(again.value(u"sid"_s).toString() != firstSid);

    // The new server's bus reaches the reconnected socket.
    QTRY_VERIFY(m_server.app().realtime().connectedSockets() == 1);
    m_server.app().realtime().publish({u"user:"_s + QString::number(m_agentId)}, u"notification"_s,
                                      "{\"type\":\"backup_done\"}");
    const QJsonObject event = waitFor(u"r"_s, u"event"_s);
    QCOMPARE(event.value(u"name"_s).toString(), u"notification"_s);
    QCOMPARE(event.value(u"args"_s).toArray().first().toObject().value(u"type"_s).toString(), u"backup_done"_s);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    tst_SocketIoClient test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_socketio_client.moc"
