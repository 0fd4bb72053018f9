// ReadSnapshot (store/Database.h): on SQLite the statements of one read see one state of the
// database, whatever another connection commits meanwhile; a write or a Transaction on the same
// thread ends the snapshot first and then runs and commits as it would without one. On
// PostgreSQL it changes nothing. The router opens one around every GET (docs/ARCHITECTURE.md#performance).
#include "TestServer.h"

#include "store/Database.h"

#include <QSqlQuery>
#include <QTest>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

namespace {

qint64 countOf(Database &db)
{
    const Result<qint64> n = queryInteger(db, u"SELECT COUNT(*) FROM snapshot_probe"_s, {});
    return n ? *n : -1;
}

bool insertInto(Database &db, int value)
{
    SqlQuery q(db, "INSERT INTO snapshot_probe (value) VALUES (?)", {value});
    return q.exec();
}

}   // namespace

class tst_ReadSnapshot : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void readsOneState();
    void writeEndsTheSnapshot();
    void transactionEndsTheSnapshot();
    void nestedSnapshotsAreOne();
    void getRoutesStillWrite();

private:
    bool sqlite() const { return m_server->db().dialect() == SqlDialect::Sqlite; }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<Database> m_other;   // another connection to the same database
};

void tst_ReadSnapshot::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    QSqlQuery create(m_server->db().connection());   // DDL: not preparable on PostgreSQL
    QVERIFY(create.exec(u"CREATE TABLE snapshot_probe (value INTEGER NOT NULL)"_s));
    m_other = std::make_unique<Database>(m_server->db().settings());
}

void tst_ReadSnapshot::cleanup()
{
    if (m_other)
        m_other->closeThreadConnection();
    m_other.reset();
    m_server.reset();
}

void tst_ReadSnapshot::readsOneState()
{
    QVERIFY(insertInto(m_server->db(), 1));
    {
        ReadSnapshot snapshot(m_server->db());
        QCOMPARE(countOf(m_server->db()), 1);
        QVERIFY(insertInto(*m_other, 2));   // committed by another connection
        QCOMPARE(countOf(*m_other), 2);
        // SQLite: still the state the snapshot began with; PostgreSQL: each statement its own.
        QCOMPARE(countOf(m_server->db()), sqlite() ? 1 : 2);
    }
    QCOMPARE(countOf(m_server->db()), 2);
}

void tst_ReadSnapshot::writeEndsTheSnapshot()
{
    {
        ReadSnapshot snapshot(m_server->db());
        QCOMPARE(countOf(m_server->db()), 0);
        QVERIFY(insertInto(m_server->db(), 1));
        // Committed at once: the other connection sees it while the snapshot object still lives.
        QCOMPARE(countOf(*m_other), 1);
        QVERIFY(insertInto(*m_other, 2));
        QCOMPARE(countOf(m_server->db()), 2);   // no longer in the old state
    }
    QCOMPARE(countOf(*m_other), 2);
}

void tst_ReadSnapshot::transactionEndsTheSnapshot()
{
    ReadSnapshot snapshot(m_server->db());
    QCOMPARE(countOf(m_server->db()), 0);
    {
        Transaction tx(m_server->db());
        QVERIFY(tx.isActive());
        QVERIFY(insertInto(m_server->db(), 1));
        QVERIFY(tx.commit());
    }
    QCOMPARE(countOf(*m_other), 1);
    {
        Transaction rolledBack(m_server->db());
        QVERIFY(rolledBack.isActive());
        QVERIFY(insertInto(m_server->db(), 2));
    }
    QCOMPARE(countOf(*m_other), 1);
}

void tst_ReadSnapshot::nestedSnapshotsAreOne()
{
    ReadSnapshot outer(m_server->db());
    QCOMPARE(countOf(m_server->db()), 0);
    {
        ReadSnapshot inner(m_server->db());
        QVERIFY(insertInto(*m_other, 1));
    }
    // The inner one ended nothing: the outer snapshot still reads its state.
    QCOMPARE(countOf(m_server->db()), sqlite() ? 0 : 1);
}

void tst_ReadSnapshot::getRoutesStillWrite()
{
    // A refused read is audited after the answer is ready: the row is committed, and the next
    // GET reads it (a snapshot left open on the thread would hide it or block the write).
    m_server->createUser(u"admin@example.com"_s, u"Admin-Passw0rd-1"_s, u"admin"_s);
    m_server->createUser(u"agent@example.com"_s, u"Agent-Passw0rd-1"_s, u"agent"_s);
    const QByteArray admin = m_server->login(u"admin@example.com"_s, u"Admin-Passw0rd-1"_s);
    const QByteArray agent = m_server->login(u"agent@example.com"_s, u"Agent-Passw0rd-1"_s);
    const qint64 before = m_server->count(u"audit_logs"_s);
    QCOMPARE(m_server->request("GET", u"/v1/audit-logs"_s, {}, agent).status, 403);
    QCOMPARE(m_server->count(u"audit_logs"_s), before + 1);
    const ApiResponse list = m_server->request("GET", u"/v1/audit-logs?limit=1"_s, {}, admin);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.value(u"meta"_s).toObject().value(u"total"_s).toInteger(), before + 1);
}

QTEST_GUILESS_MAIN(tst_ReadSnapshot)
#include "tst_read_snapshot.moc"
