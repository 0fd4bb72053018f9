// Saves of one bot flow at the same time (docs/BOT_FLOWS.md#revisions-two-editors-never-overwrite-each-other):
// another save holds the flow's row (PostgreSQL) or the write lock (SQLite) in a transaction of the
// test's own while a PUT, POST …/nodes or publish comes in over loopback. The request must wait for
// it and then see what it left: when it committed, a request based on the revision the editor read
// is a 409 naming the other save, and one naming no revision comes after it; when it rolled back,
// the request goes through as usual.
#include "TestServer.h"

#include "store/BotFlowStore.h"
#include "store/Database.h"

#include <Conversa/api/ApiClient.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <optional>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

namespace {

const auto kOwnConnection = u"tst_bot_flow_saves"_s;

// How the other save reaches the database.
enum class Writer {
    OwnConnection,    // a connection of the test's own, as another server process would have
    ServerDatabase,   // the server's Database on the test's thread, as another HTTP thread would (SQLite's
                      // writers of one process queue in it before they reach the file's lock)
};

// The other editor's save, left open: the draft one revision on, saved by someone else at a time of
// its own, not committed yet.
class OtherSave {
public:
    OtherSave(TestServer &server, Writer writer) : m_server(server), m_writer(writer) {}
    ~OtherSave()
    {
        end(false);
        if (m_writer == Writer::OwnConnection)
            QSqlDatabase::removeDatabase(kOwnConnection);
    }

    bool begin(qint64 flowId, const QString &name, qint64 userId, qint64 savedAt)
    {
        if (m_writer == Writer::ServerDatabase) {
            m_tx.emplace(m_server.db());
            if (!m_tx->isActive())
                return false;
            SqlQuery q(m_server.db(), updateSql(), {name, userId, savedAt, savedAt, flowId});
            return q.exec() && q.numRowsAffected() == 1;
        }
        const DatabaseSettings &s = m_server.db().settings();
        QSqlDatabase db;
        if (s.dialect == SqlDialect::Sqlite) {
            db = QSqlDatabase::addDatabase(u"QSQLITE"_s, kOwnConnection);
            db.setDatabaseName(s.path);
            db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        } else {
            db = QSqlDatabase::addDatabase(u"QPSQL"_s, kOwnConnection);
            db.setHostName(s.host);
            db.setPort(s.port);
            db.setUserName(s.user);
            db.setPassword(s.password);
            db.setDatabaseName(s.name);
        }
        if (!db.open())
            return failed(db.lastError().text());
        QSqlQuery q(db);
        if (s.dialect == SqlDialect::Postgres) {
            if (!q.exec(u"SELECT pg_backend_pid()"_s) || !q.next())
                return failed(q.lastError().text());
            m_pid = q.value(0).toLongLong();
        }
        // SQLite: the write lock now, as the server's transactions take it.
        if (!q.exec(s.dialect == SqlDialect::Sqlite ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s))
            return failed(q.lastError().text());
        m_open = true;
        q.prepare(updateSql());
        for (const QVariant &v : QVariantList{name, userId, savedAt, savedAt, flowId})
            q.addBindValue(v);
        if (!q.exec())
            return failed(q.lastError().text());
        return q.numRowsAffected() == 1;
    }

    // Commits or rolls back; true when that worked.
    bool end(bool commit)
    {
        if (m_tx) {
            const bool done = commit ? m_tx->commit() : (m_tx->rollback(), true);
            m_tx.reset();
            return done;
        }
        if (!m_open)
            return true;
        m_open = false;
        QSqlQuery q(QSqlDatabase::database(kOwnConnection, false));
        return q.exec(commit ? u"COMMIT"_s : u"ROLLBACK"_s) || failed(q.lastError().text());
    }

    // The server backends (PostgreSQL) waiting for this transaction's locks.
    qint64 waitingForMe()
    {
        if (!m_pid)
            return -1;
        const Result<qint64> n =
            queryInteger(m_server.db(), u"SELECT COUNT(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))"_s,
                         {m_pid});
        return n ? *n : -1;
    }

private:
    static QString updateSql()
    {
        return u"UPDATE bot_flows SET name = ?, revision = revision + 1, saved_by = ?, saved_at = ?, updated_at = ? "
               "WHERE id = ?"_s;
    }
    static bool failed(const QString &why)
    {
        qWarning("other save: %s", qPrintable(why));
        return false;
    }

    TestServer &m_server;
    Writer m_writer;
    std::optional<Transaction> m_tx;
    bool m_open = false;
    qint64 m_pid = 0;
};

QJsonObject flowNode(const QString &key, const QString &type, const QJsonObject &config)
{
    return {{u"node_key"_s, key}, {u"node_type"_s, type}, {u"config"_s, config}};
}

QString nodeContent(const ApiResponse &flow, const QString &key)
{
    for (const QJsonValue &n : flow.value(u"nodes"_s).toArray()) {
        if (n.toObject().value(u"node_key"_s).toString() == key)
            return n.toObject().value(u"config"_s).toObject().value(u"content"_s).toString();
    }
    return {};
}

QString detailMessage(const ApiResponse &r, const QString &field)
{
    for (const QJsonValue &d : r.value(u"error"_s).toObject().value(u"details"_s).toArray()) {
        if (d.toObject().value(u"field"_s).toString() == field)
            return d.toObject().value(u"message"_s).toString();
    }
    return {};
}

}   // namespace

Q_DECLARE_METATYPE(Writer)

class tst_BotFlowSaves : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void saveWaitsForTheOtherSave_data();
    void saveWaitsForTheOtherSave();
    void saveNeedsTheRevisionItWasBasedOn();

private:
    qint64 createFlow(const QString &name);

    TestServer m_server;
    QByteArray m_admin;
    qint64 m_adminId = 0;
    qint64 m_otherId = 0;   // the other editor
    int m_seq = 0;
};

void tst_BotFlowSaves::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = m_server.tokenFor(u"admin"_s, &m_adminId);
    QVERIFY(!m_admin.isEmpty());
    m_otherId = m_server.createUser(u"otra.editora@test.conversa"_s, u"password-123"_s, u"admin"_s, u"active"_s,
                                    u"Otra"_s, u"Editora"_s);
    QVERIFY(m_otherId);
}

qint64 tst_BotFlowSaves::createFlow(const QString &name)
{
    const QJsonArray nodes{flowNode(u"welcome"_s, u"message"_s, {{u"content"_s, u"Hola"_s}, {u"next"_s, u"bye"_s}}),
                           flowNode(u"bye"_s, u"end"_s, {{u"content"_s, u"Adiós"_s}})};
    const ApiResponse r =
        m_server.request("POST", u"/v1/bot-flows"_s,
                         {{u"name"_s, name}, {u"start_node_id"_s, u"welcome"_s}, {u"nodes"_s, nodes}}, m_admin);
    if (r.status != 201)
        qWarning("flow create failed: %d %s", r.status, r.body.constData());
    return r.status == 201 ? r.value(u"id"_s).toInteger() : 0;
}

void tst_BotFlowSaves::saveWaitsForTheOtherSave_data()
{
    QTest::addColumn<Writer>("writer");
    QTest::addColumn<QString>("request");   // PUT, nodes (POST …/nodes) or publish
    QTest::addColumn<bool>("commit");       // the other save commits, or rolls back
    QTest::addColumn<bool>("basedOn");      // the request names the revision the editor read

    const bool sqlite = TestServer::engine() == "sqlite"_L1;
    for (const QString &request : {u"PUT"_s, u"nodes"_s, u"publish"_s}) {
        QList<QPair<QByteArray, Writer>> writers{{"own connection", Writer::OwnConnection}};
        // SQLite's writers of one process queue before the file's lock; on PostgreSQL the server's
        // Database on this thread would be just one more connection.
        if (sqlite && request == "PUT"_L1)
            writers.append({"same process", Writer::ServerDatabase});
        for (const auto &[label, writer] : std::as_const(writers)) {
            const QByteArray name = request.toLatin1() + ", " + label;
            QTest::addRow("%s: committed, based on the old revision", name.constData())
                << writer << request << true << true;
            QTest::addRow("%s: committed, naming no revision", name.constData()) << writer << request << true << false;
            QTest::addRow("%s: rolled back, based on the revision", name.constData())
                << writer << request << false << true;
            QTest::addRow("%s: rolled back, naming no revision", name.constData())
                << writer << request << false << false;
        }
    }
}

void tst_BotFlowSaves::saveWaitsForTheOtherSave()
{
    QFETCH(Writer, writer);
    QFETCH(QString, request);
    QFETCH(bool, commit);
    QFETCH(bool, basedOn);

    const QString flowName = u"Flujo %1"_s.arg(++m_seq);
    const qint64 id = createFlow(flowName);
    QVERIFY(id);
    const QString path = u"/v1/bot-flows/%1"_s.arg(id);
    // The editor reads the draft at revision 1.
    ApiResponse r = m_server.request("GET", path, {}, m_admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"revision"_s).toInteger(), 1);
    const qint64 mark = m_server.auditMark();

    // Meanwhile the other editor saves revision 2, not committed yet.
    const qint64 otherSavedAt = QDateTime(QDate(2026, 1, 15), QTime(9, 30), Qt::UTC).toSecsSinceEpoch();
    OtherSave other(m_server, writer);
    QVERIFY(other.begin(id, u"Guardado por la otra"_s, m_otherId, otherSavedAt));

    // The editor's request must wait for the other save.
    QNetworkAccessManager network;
    Conversa::ApiClient client(&network);
    client.setBaseUrl(m_server.baseUrl());
    client.setAccessToken(m_admin);
    QJsonObject body;
    QString sendPath = path;
    QString action = u"bot_flow.update"_s;
    if (request == "PUT"_L1) {
        body.insert(u"name"_s, u"Guardado por el editor"_s);
    } else if (request == "nodes"_L1) {
        sendPath += u"/nodes"_s;
        action = u"bot_flow.nodes"_s;
        body.insert(u"nodes"_s, QJsonArray{flowNode(u"bye"_s, u"end"_s, {{u"content"_s, u"Hasta pronto"_s}})});
    } else {
        sendPath += u"/publish"_s;
        action = u"bot_flow.publish"_s;
    }
    if (basedOn)
        body.insert(u"revision"_s, 1);
    QNetworkReply *reply =
        client.send(request == "PUT"_L1 ? "PUT" : "POST", sendPath,
                    body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (TestServer::engine() == "postgresql"_L1)   // the server's transaction waits for our row lock
        QTRY_COMPARE_WITH_TIMEOUT(other.waitingForMe(), qint64(1), 5000);
    QTest::qWait(80);
    QVERIFY2(!reply->isFinished(), "the request was answered while the other save was still open");

    QVERIFY(other.end(commit));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    r = Conversa::ApiClient::read(reply);

    const ApiResponse after = m_server.request("GET", path, {}, m_admin);
    QCOMPARE(after.status, 200);
    const QList<QJsonObject> rows = m_server.auditRowsSince(action, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(u"entity_id"_s).toInteger(), id);
    const QString draftName = commit ? u"Guardado por la otra"_s : flowName;
    if (commit && basedOn) {
        // A 409 naming the save that came first: its revision, who made it and when. Nothing changed.
        QCOMPARE(r.status, 409);
        QCOMPARE(r.errorCode(), QByteArray("CONFLICT"));
        QCOMPARE(r.header("ETag"), QByteArray("\"2\""));
        QCOMPARE(r.errorFields(), (QStringList{u"revision"_s, u"saved_by"_s, u"saved_at"_s}));
        const QString when = QDateTime::fromSecsSinceEpoch(otherSavedAt, Qt::UTC).toString(Qt::ISODate);
        QVERIFY2(detailMessage(r, u"revision"_s).contains(u'2'), r.body.constData());
        QVERIFY2(detailMessage(r, u"saved_by"_s).contains(u"Otra Editora"_s), r.body.constData());
        QVERIFY2(detailMessage(r, u"saved_at"_s).contains(when), r.body.constData());
        QCOMPARE(rows[0].value(u"status_code"_s).toInt(), 409);
        QCOMPARE(after.value(u"revision"_s).toInteger(), 2);
        QCOMPARE(after.value(u"name"_s).toString(), draftName);
        QCOMPARE(nodeContent(after, u"bye"_s), u"Adiós"_s);
        QCOMPARE(after.value(u"is_published"_s).toBool(true), false);
        QCOMPARE(m_server.count(u"bot_flow_versions"_s, u"flow_id = %1"_s.arg(id)), 0);
        return;
    }
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(rows[0].value(u"status_code"_s).toInt(), 200);
    const QJsonObject change = rows[0].value(u"changes"_s).toObject().value(u"revision"_s).toObject();
    if (request == "publish"_L1) {
        // Publishes the draft as it is once the other save is done: revision 2 when it committed.
        const qint64 revision = commit ? 2 : 1;
        QCOMPARE(r.value(u"version"_s).toInteger(), 1);
        QCOMPARE(r.value(u"revision"_s).toInteger(), revision);
        QCOMPARE(r.value(u"has_unpublished_changes"_s).toBool(true), false);
        QCOMPARE(change.value(u"to"_s).toInteger(), revision);
        QCOMPARE(after.value(u"revision"_s).toInteger(), revision);
        QCOMPARE(after.value(u"has_unpublished_changes"_s).toBool(true), false);
        const ApiResponse version = m_server.request("GET", path + u"/versions/1"_s, {}, m_admin);
        QCOMPARE(version.status, 200);
        QCOMPARE(version.value(u"name"_s).toString(), draftName);
        return;
    }
    // Saved after the other save (revision 3), or alone when it rolled back (revision 2).
    const qint64 revision = commit ? 3 : 2;
    QCOMPARE(r.value(u"revision"_s).toInteger(), revision);
    QCOMPARE(r.header("ETag"), "\"" + QByteArray::number(revision) + "\"");
    QCOMPARE(r.value(u"saved_by"_s).toObject().value(u"id"_s).toInteger(), m_adminId);
    QCOMPARE(change.value(u"from"_s).toInteger(), revision - 1);
    QCOMPARE(change.value(u"to"_s).toInteger(), revision);
    QCOMPARE(after.value(u"revision"_s).toInteger(), revision);
    if (request == "PUT"_L1) {
        QCOMPARE(after.value(u"name"_s).toString(), u"Guardado por el editor"_s);
    } else {
        QCOMPARE(after.value(u"name"_s).toString(), draftName);   // POST …/nodes keeps the settings
        QCOMPARE(nodeContent(after, u"bye"_s), u"Hasta pronto"_s);
    }
}

// The store's side of it: the settings are written only while the draft is still at the revision the
// save read, so a save that missed the row lock is a 409 and not a lost update.
void tst_BotFlowSaves::saveNeedsTheRevisionItWasBasedOn()
{
    const qint64 id = createFlow(u"Flujo %1"_s.arg(++m_seq));
    QVERIFY(id);
    BotFlowStore store(m_server.db());
    const Result<BotFlowRow> read = store.find(id);
    QVERIFY(read);
    QCOMPARE(read->revision, qint64(1));
    BotFlowRow first = *read;
    first.name = u"Primero"_s;
    Result<bool> saved = store.saveSettings(first, 1, m_otherId, 1000);
    QVERIFY(saved);
    QVERIFY(*saved);

    BotFlowRow second = *read;
    second.name = u"Segundo"_s;
    saved = store.saveSettings(second, 1, m_adminId, 2000);
    QVERIFY(saved);
    QVERIFY(!*saved);
    const Result<BotFlowRow> now = store.find(id);
    QVERIFY(now);
    QCOMPARE(now->revision, qint64(2));
    QCOMPARE(now->name, u"Primero"_s);
    QCOMPARE(now->savedBy, m_otherId);
    QCOMPARE(now->savedAt, qint64(1000));
}

QTEST_GUILESS_MAIN(tst_BotFlowSaves)
#include "tst_bot_flow_saves.moc"
