// The migration runner (Database::migrate) on a migrated database, as an upgrade finds it: a new
// migration that fails half-way leaves the database exactly as it was, the error names the file
// and the driver's reason, the migrations before it stay applied, and a corrected file applies
// on the next run. The migrations come from a directory: the built-in ones plus the new ones.
#include "TestServer.h"

#include "core/Translator.h"
#include "store/Database.h"

#include <QDirIterator>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

bool tableExists(Database &db, const QString &table)
{
    QSqlQuery q(db.connection());
    return q.exec(u"SELECT 1 FROM %1 WHERE 1 = 0"_s.arg(table));
}

QStringList columnsOf(Database &db, const QString &table)
{
    QSqlQuery q(db.connection());
    if (!q.exec(u"SELECT * FROM %1 WHERE 1 = 0"_s.arg(table)))
        return {};
    QStringList out;
    for (int i = 0; i < q.record().count(); ++i)
        out.append(q.record().fieldName(i));
    return out;
}

QStringList appliedMigrations(Database &db)
{
    QSqlQuery q(db.connection());
    q.exec(u"SELECT version, name FROM schema_migrations ORDER BY version"_s);
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString() + u' ' + q.value(1).toString());
    return out;
}

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

}   // namespace

class TestMigrations : public QObject {
    Q_OBJECT

private slots:
    void failedMigrationChangesNothing();
};

void TestMigrations::failedMigrationChangesNothing()
{
    TestServer server;
    QVERIFY(server.start());
    Database &db = server.db();

    // The built-in migrations of this engine, then two new ones: 9000 is fine; 9001 creates a
    // table, fills it, adds a column to users and deletes the migrations' record, then fails.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString builtIn =
        db.dialect() == SqlDialect::Sqlite ? u":/migrations/sqlite"_s : u":/migrations/postgresql"_s;
    int builtInCount = 0;
    for (QDirIterator it(builtIn, {u"*.sql"_s}, QDir::Files); it.hasNext(); ++builtInCount) {
        const QString path = it.next();
        QVERIFY(QFile::copy(path, dir.filePath(QFileInfo(path).fileName())));
    }
    QVERIFY(builtInCount > 20);
    QVERIFY(writeFile(dir.filePath(u"9000_fine.sql"_s), "CREATE TABLE upgrade_fine (id INTEGER PRIMARY KEY);\n"));
    const QByteArray broken = "CREATE TABLE upgrade_probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL);\n"
                              "INSERT INTO upgrade_probe (id, note) VALUES (1, 'half-way');\n"
                              "ALTER TABLE users ADD COLUMN upgrade_column INTEGER;\n"
                              "DELETE FROM schema_migrations WHERE version < 9000;\n"
                              "INSERT INTO no_such_table (id) VALUES (1);\n"
                              "CREATE TABLE upgrade_after (id INTEGER PRIMARY KEY);\n";
    QVERIFY(writeFile(dir.filePath(u"9001_broken.sql"_s), broken));

    const QStringList appliedBefore = appliedMigrations(db);
    QCOMPARE(appliedBefore.size(), builtInCount);
    const QStringList userColumns = columnsOf(db, u"users"_s);
    QVERIFY(!userColumns.isEmpty());

    const Result<int> failed = db.migrate(dir.path());
    QVERIFY(!failed.ok());
    const QString message = translated(Language::English, "Api", failed.error().message(), failed.error().args());
    QVERIFY2(message.startsWith(u"migration 9001_broken.sql failed and was rolled back"_s), qPrintable(message));
    QVERIFY2(message.contains(u"no_such_table"_s), qPrintable(message));

    // 9000 committed on its own; nothing of 9001 stayed, its deleted rows included.
    QCOMPARE(appliedMigrations(db), appliedBefore + QStringList{u"9000 9000_fine"_s});
    QVERIFY(tableExists(db, u"upgrade_fine"_s));
    QVERIFY(!tableExists(db, u"upgrade_probe"_s));
    QVERIFY(!tableExists(db, u"upgrade_after"_s));
    QCOMPARE(columnsOf(db, u"users"_s), userColumns);

    // The server still answers, and signs in, on the database as it was.
    server.createUser(u"after.failure@example.com"_s, u"password-123"_s, u"admin"_s);
    QVERIFY(!server.login(u"after.failure@example.com"_s, u"password-123"_s).isEmpty());

    // The corrected migration applies on the next run, and only it.
    QVERIFY(writeFile(dir.filePath(u"9001_broken.sql"_s),
                      "CREATE TABLE upgrade_probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL);\n"
                      "ALTER TABLE users ADD COLUMN upgrade_column INTEGER;\n"));
    const Result<int> fixed = db.migrate(dir.path());
    QVERIFY(fixed.ok());
    QCOMPARE(*fixed, 1);
    QVERIFY(tableExists(db, u"upgrade_probe"_s));
    QVERIFY(columnsOf(db, u"users"_s).contains(u"upgrade_column"_s));
    QCOMPARE(appliedMigrations(db).size(), builtInCount + 2);
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
