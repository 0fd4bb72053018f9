// WalCheckpointer (store/WalCheckpointer.h): on SQLite the server copies the write-ahead log into
// the database file from its own thread, so commits no longer do it inside the writers' lock
// (docs/ARCHITECTURE.md#performance). A commit alone would leave these writes in the log until it
// held 16,000 pages; with the server running, the database file grows within moments. SQLite
// only: PostgreSQL has no such log to tend.
#include "TestServer.h"

#include "store/Database.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QTest>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

class tst_WalCheckpointer : public QObject {
    Q_OBJECT

private slots:
    void writesReachTheDatabaseFile();
};

void tst_WalCheckpointer::writesReachTheDatabaseFile()
{
    TestServer server;
    QVERIFY(server.start());
    QCOMPARE(server.db().dialect(), SqlDialect::Sqlite);
    QSqlQuery create(server.db().connection());
    QVERIFY(create.exec(u"CREATE TABLE checkpoint_probe (body TEXT NOT NULL)"_s));
    const QString file = server.dataDir() + u"/conversa.db"_s;
    // Whatever start-up wrote is in the file before the probe's rows go to the log.
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(file).size() > 0, 5000);
    const qint64 before = QFileInfo(file).size();

    // About 4 MiB in 1,000 pages: far below the 16,000 pages at which a commit checkpoints itself.
    const QString body(4000, u'x');
    for (int i = 0; i < 1000; ++i) {
        Transaction tx(server.db());
        SqlQuery q(server.db(), "INSERT INTO checkpoint_probe (body) VALUES (?)", {body});
        QVERIFY(q.exec());
        QVERIFY(tx.commit());
    }
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(file).size() >= before + 4000 * 1000, 5000);
    const Result<qint64> rows = queryInteger(server.db(), u"SELECT COUNT(*) FROM checkpoint_probe"_s, {});
    QVERIFY(rows);
    QCOMPARE(*rows, 1000);
}

QTEST_GUILESS_MAIN(tst_WalCheckpointer)
#include "tst_wal_checkpointer.moc"
