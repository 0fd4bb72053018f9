// kill -9 in the middle of a backup and of a restore (issue 15, docs/BACKUPS.md#interrupted-backups-and-restores):
// the real conversa-server is killed while it writes an archive, or while it replaces the database
// (SQLite: during the copy; PostgreSQL: while psql runs the restore's single transaction), and
// started again on the same data dir and database. It serves, the data is the previous data or
// the fully restored data — database and files together, never a mix — the interrupted backup is
// failed with a reason and leaves no archive, and no scratch directory is left. SQLite and PostgreSQL.
#include "ServerProcess.h"
#include "TestServer.h"

#include "store/Database.h"

#include <Conversa/api/ApiClient.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

const QString kAdminEmail = u"crash-admin@example.test"_s;
const QString kAdminPassword = u"Crash-Passw0rd-1"_s;
// Enough data that writing or restoring takes a moment worth catching: rows in the database and
// megabytes of files (stored uncompressed in the archive).
constexpr int kEvents = 60000;
constexpr int kFiles = 40;
constexpr int kFileBytes = 4 << 20;
// realtime_events rows dated in 2100: the PostgreSQL relay's clean-up leaves them alone.
constexpr qint64 kFuture = 4102444800;

// What the data is: one digest per table the tests change, and one of the files directory.
struct State {
    QString events;
    QString campaigns;
    QString files;
    bool operator==(const State &o) const { return events == o.events && campaigns == o.campaigns && files == o.files; }
};

QString tableDigest(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql))
        return u"error"_s;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 rows = 0;
    while (q.next()) {
        ++rows;
        for (int i = 0; i < q.record().count(); ++i)
            hash.addData(QByteArray(q.value(i).toString().toUtf8() + '\x1f'));
        hash.addData(QByteArrayView("\x1e"));
    }
    return QString::number(rows) + u':' + QString::fromLatin1(hash.result().toHex().left(16));
}

QString filesDigest(const QString &dir)
{
    QStringList entries;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (f.open(QIODevice::ReadOnly))
            hash.addData(&f);
        entries.append(QDir(dir).relativeFilePath(path) + u' ' + QString::fromLatin1(hash.result().toHex().left(16)));
    }
    entries.sort();
    return QString::number(entries.size()) + u':' +
        QString::fromLatin1(
               QCryptographicHash::hash(entries.join(u'\n').toUtf8(), QCryptographicHash::Sha256).toHex().left(16));
}

void writeFile(const QString &path, char fill, int bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QByteArray chunk(1 << 20, fill);
    for (int written = 0; written < bytes; written += chunk.size())
        QVERIFY(f.write(chunk.left(qMin<qsizetype>(chunk.size(), bytes - written))) > 0);
}

}   // namespace

class tst_BackupCrash : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void killDuringBackup();
    void killDuringRestore();
    void startFinishesOrUndoesARestore_data();
    void startFinishesOrUndoesARestore();

private:
    // Fresh database and data dir, schema and admin, the data set seeded; not started.
    void prepare(bool bigDataSet);
    bool start();
    ApiResponse call(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    QNetworkReply *send(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    bool signIn();
    State state();
    qint64 scalar(const QString &sql);
    QStringList scratchDirs();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_url;
    QProcessEnvironment m_env;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<Database> m_db;
    QNetworkAccessManager m_network;
    std::unique_ptr<Conversa::ApiClient> m_client;
    int m_run = 0;
};

void tst_BackupCrash::initTestCase()
{
    if (TestServer::engine() == "postgresql"_L1)
        QVERIFY2(!qEnvironmentVariableIsEmpty("CONVERSA_TEST_PG_URL"), "CONVERSA_TEST_PG_URL is required");
}

void tst_BackupCrash::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<ServerProcess>(QStringLiteral(CONVERSA_SERVER_BINARY));
}

void tst_BackupCrash::cleanup()
{
    m_server.reset();   // SIGKILL if still running
    if (m_db)
        m_db->closeThreadConnection();
    m_db.reset();
    m_client.reset();
    m_dir.reset();
}

void tst_BackupCrash::prepare(bool bigDataSet)
{
    m_url = ServerProcess::freshDatabaseUrl(
        m_dir->path(), u"conversa_backup_crash_%1_%2"_s.arg(QCoreApplication::applicationPid()).arg(++m_run));
    QVERIFY(!m_url.isEmpty());
    const quint16 port = ServerProcess::freePort();
    m_env = ServerProcess::environment({{u"CONVERSA_DATA_DIR"_s, m_dir->path()},
                                        {u"CONVERSA_DATABASE_URL"_s, m_url},
                                        {u"CONVERSA_LISTEN"_s, u"127.0.0.1:%1"_s.arg(port)},
                                        {u"CONVERSA_HTTP_THREADS"_s, u"1"_s},
                                        {u"CONVERSA_JWT_SECRET"_s, u"backup-crash-jwt-secret-0123456789abcdef"_s},
                                        {u"CONVERSA_HEALTH_CHECK_SECONDS"_s, u"0"_s},
                                        {u"CONVERSA_LOG_LEVEL"_s, u"warning"_s}});
    QVERIFY(m_server->run(m_env, {u"migrate"_s}));
    QVERIFY(m_server->run(m_env, {u"create-admin"_s, u"--email"_s, kAdminEmail, u"--password"_s, kAdminPassword}));
    m_client = std::make_unique<Conversa::ApiClient>(&m_network);
    m_client->setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));

    const Result<DatabaseSettings> settings = DatabaseSettings::fromUrl(m_url);
    QVERIFY(settings);
    m_db = std::make_unique<Database>(*settings);
    const int events = bigDataSet ? kEvents : 100;
    const QString insertEvents = m_db->dialect() == SqlDialect::Sqlite
        ? u"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
          "INSERT INTO realtime_events (body, created_at) SELECT hex(randomblob(250)), %2 + i FROM n"_s
        : u"INSERT INTO realtime_events (body, created_at) "
          "SELECT md5(i::text) || repeat(md5(random()::text), 15), %2 + i FROM generate_series(1, %1) i"_s;
    QVERIFY(QSqlQuery(m_db->connection()).exec(insertEvents.arg(events).arg(kFuture)));
    const qint64 now = nowSeconds();
    QVERIFY(SqlQuery(*m_db, "INSERT INTO campaigns (name, code, created_at, updated_at) VALUES ('Antes', 'ANT', ?, ?)",
                     {now, now})
                .exec());
    const int files = bigDataSet ? kFiles : 2;
    for (int i = 0; i < files; ++i)
        writeFile(m_dir->filePath(u"files/crash/%1.bin"_s.arg(i, 3, 10, QChar(u'0'))), char('a' + i % 26),
                  bigDataSet ? kFileBytes : 1024);
}

bool tst_BackupCrash::start()
{
    return m_server->start(m_env);
}

QNetworkReply *tst_BackupCrash::send(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    return m_client->sendJson(method, path, body);
}

ApiResponse tst_BackupCrash::call(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    QNetworkReply *reply = send(method, path, body);
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(60000);
    }
    const ApiResponse r = Conversa::ApiClient::read(reply);
    reply->deleteLater();
    return r;
}

bool tst_BackupCrash::signIn()
{
    const ApiResponse r =
        call("POST", u"/v1/auth/login"_s, {{u"email"_s, kAdminEmail}, {u"password"_s, kAdminPassword}});
    if (r.status != 200)
        return false;
    m_client->setAccessToken(r.value(u"access_token"_s).toString().toUtf8());
    return true;
}

State tst_BackupCrash::state()
{
    return {tableDigest(*m_db, u"SELECT id, body, created_at FROM realtime_events ORDER BY id"_s),
            tableDigest(*m_db, u"SELECT id, name, code FROM campaigns ORDER BY id"_s),
            filesDigest(m_dir->filePath(u"files"_s))};
}

qint64 tst_BackupCrash::scalar(const QString &sql)
{
    const Result<qint64> n = queryInteger(*m_db, sql, {});
    return n ? *n : -1;
}

// What a backup or a restore writes beside the data while it runs.
QStringList tst_BackupCrash::scratchDirs()
{
    QStringList out = QDir(m_dir->path()).entryList({u"restore-*"_s}, QDir::Dirs | QDir::NoDotAndDotDot);
    out +=
        QDir(m_dir->filePath(u"backups"_s)).entryList({u".work-*"_s}, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
    return out;
}

void tst_BackupCrash::killDuringBackup()
{
    prepare(true);
    const State before = state();
    QVERIFY(start());
    QVERIFY(signIn());

    const ApiResponse created = call("POST", u"/v1/backups"_s, {{u"backup_type"_s, u"full"_s}});
    QCOMPARE(created.status, 201);
    const qint64 id = created.value(u"id"_s).toInteger();
    // Killed once the archive is being written (the database copied, the zip growing).
    const QDir backups(m_dir->filePath(u"backups"_s));
    auto writing = [&] {
        for (const QString &work : backups.entryList({u".work-%1-*"_s.arg(id)}, QDir::Dirs | QDir::Hidden)) {
            if (QFileInfo(backups.filePath(work + u"/archive.zip"_s)).size() > 0)
                return true;
        }
        return false;
    };
    QVERIFY(QTest::qWaitFor(writing, 60000));
    m_server->kill();
    QCOMPARE(m_server->process().exitStatus(), QProcess::CrashExit);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM backups WHERE id = %1 AND status = 'in_progress'"_s.arg(id)), 1);
    QVERIFY(!scratchDirs().isEmpty());

    // Started again: it serves, the data is as it was, the backup failed with why, nothing left.
    QVERIFY(start());
    QCOMPARE(call("GET", u"/v1/campaigns"_s).status, 200);   // the login outlived the crash
    const ApiResponse row = call("GET", u"/v1/backups/%1"_s.arg(id));
    QCOMPARE(row.status, 200);
    QCOMPARE(row.value(u"status"_s).toString(), u"failed"_s);
    QVERIFY2(row.value(u"error"_s).toString().contains("interrupted"_L1), row.body.constData());
    const ApiResponse completed = call("GET", u"/v1/backups?status=completed"_s);
    QCOMPARE(completed.status, 200);
    QCOMPARE(completed.value(u"data"_s).toArray().size(), 0);
    QCOMPARE(scratchDirs(), QStringList());
    QCOMPARE(backups.entryList({u"*.zip"_s}, QDir::Files), QStringList());
    QVERIFY(state() == before);
    QCOMPARE(m_server->stop(), 0);
}

void tst_BackupCrash::killDuringRestore()
{
    // State A is archived; the data then becomes state B; a restore of A is killed half-way.
    prepare(true);
    QVERIFY(start());
    QVERIFY(signIn());
    const State a = state();
    const ApiResponse created = call("POST", u"/v1/backups"_s, {{u"backup_type"_s, u"full"_s}});
    QCOMPARE(created.status, 201);
    const qint64 id = created.value(u"id"_s).toInteger();
    QVERIFY(QTest::qWaitFor(
        [&] { return call("GET", u"/v1/backups/%1"_s.arg(id)).value(u"status"_s).toString() != "in_progress"_L1; },
        120000));
    QCOMPARE(call("GET", u"/v1/backups/%1"_s.arg(id)).value(u"status"_s).toString(), u"completed"_s);

    QVERIFY(SqlQuery(*m_db, "UPDATE campaigns SET name = 'Despues' WHERE code = 'ANT'").exec());
    QVERIFY(SqlQuery(*m_db, "DELETE FROM realtime_events WHERE id % 3 = 0").exec());
    QFile::remove(m_dir->filePath(u"files/crash/000.bin"_s));
    writeFile(m_dir->filePath(u"files/crash/new.bin"_s), 'z', 4096);
    const State b = state();
    QVERIFY(!(a == b));

    // Killed while the database is being replaced: SQLite once the copy into the live database has
    // begun (its WAL grows), PostgreSQL while psql runs the restore's transaction.
    QNetworkReply *restore = send("POST", u"/v1/backups/%1/restore"_s.arg(id));
    const bool postgres = m_db->dialect() == SqlDialect::Postgres;
    auto replacing = [&] {
        if (postgres) {
            return scalar(u"SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'psql' "
                          "AND datname = current_database()"_s) > 0;
        }
        for (const QString &stage : QDir(m_dir->path()).entryList({u"restore-*"_s}, QDir::Dirs)) {
            if (QFileInfo::exists(m_dir->filePath(stage + u"/previous-files"_s)))
                return true;
        }
        return false;
    };
    QVERIFY(QTest::qWaitFor(replacing, 120000));
    if (!postgres) {
        // The copy writes the archive's pages into the live database's WAL: killed once it has begun.
        const QFileInfo wal(m_dir->filePath(u"conversa.db-wal"_s));
        const QDateTime before = wal.lastModified();
        const qint64 size = wal.size();
        const bool copying = QTest::qWaitFor(
            [&] {
                QFileInfo now(wal.filePath());
                return now.lastModified() != before || now.size() != size;
            },
            10000);
        qInfo("killed %s", copying ? "with the copy under way" : "before the copy wrote anything");
    }
    m_server->kill();
    QCOMPARE(m_server->process().exitStatus(), QProcess::CrashExit);
    restore->abort();
    restore->deleteLater();
    QVERIFY(!scratchDirs().isEmpty());
    if (postgres) {   // psql dies with the server, and its transaction with it
        QVERIFY(QTest::qWaitFor(
            [&] {
                return scalar(u"SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'psql' "
                              "AND datname = current_database()"_s) == 0;
            },
            20000));
    }

    // Started again: one side or the other, database and files together.
    QVERIFY(start());
    const State after = state();
    qInfo("after the restart: %s", after == b ? "the previous data" : after == a ? "the restored data" : "a mix");
    QVERIFY2(after == a || after == b,
             qPrintable(u"events %1 / %2 / %3, campaigns %4 / %5 / %6, files %7 / %8 / %9"_s
                            .arg(after.events, a.events, b.events, after.campaigns, a.campaigns, b.campaigns,
                                 after.files, a.files, b.files)));
    QCOMPARE(scratchDirs(), QStringList());
    QVERIFY(signIn());
    QCOMPARE(call("GET", u"/v1/campaigns"_s).status, 200);
    const ApiResponse row = call("GET", u"/v1/backups/%1"_s.arg(id));   // the catalog survives either way
    QCOMPARE(row.status, 200);
    QCOMPARE(row.value(u"status"_s).toString(), u"completed"_s);
    // And a restore now runs to the end.
    const ApiResponse restored = call("POST", u"/v1/backups/%1/restore"_s.arg(id));
    QCOMPARE(restored.status, 200);
    QVERIFY(state() == a);
    QCOMPARE(scratchDirs(), QStringList());
    QCOMPARE(m_server->stop(), 0);
}

void tst_BackupCrash::startFinishesOrUndoesARestore_data()
{
    // A restore killed between its steps, set up by hand: the files swapped, the journal written,
    // and the database on one side of its single transaction or the other — which the mark says.
    QTest::addColumn<bool>("databaseReplaced");
    QTest::addRow("killed-before-the-database-commit") << false;
    QTest::addRow("killed-after-the-database-commit") << true;
}

void tst_BackupCrash::startFinishesOrUndoesARestore()
{
    QFETCH(bool, databaseReplaced);
    prepare(false);
    QVERIFY(start());
    QVERIFY(signIn());
    QCOMPARE(m_server->stop(), 0);

    const QString stage = m_dir->filePath(u"restore-killed0001"_s);
    const QString live = m_dir->filePath(u"files"_s);
    QVERIFY(QDir().mkpath(stage));
    QVERIFY(QDir().rename(live, stage + u"/previous-files"_s));
    writeFile(live + u"/restored/only-in-the-archive.bin"_s, 'r', 2048);
    const QJsonObject catalogRow{{u"id"_s, 77},
                                 {u"backup_type"_s, u"full"_s},
                                 {u"storage_location"_s, u"local"_s},
                                 {u"origin"_s, u"manual"_s},
                                 {u"status"_s, u"completed"_s},
                                 {u"file_name"_s, u"conversa-backup-x-77.zip"_s},
                                 {u"size_bytes"_s, 10},
                                 {u"started_at"_s, 1},
                                 {u"finished_at"_s, 2}};
    QFile journal(stage + u"/journal.json"_s);
    QVERIFY(journal.open(QIODevice::WriteOnly));
    journal.write(QJsonDocument(QJsonObject{{u"catalog"_s, QJsonArray{catalogRow}},
                                            {u"summary"_s,
                                             QJsonObject{{u"archive"_s, u"conversa-backup-x-77.zip"_s},
                                                         {u"restored_by"_s, kAdminEmail}}}})
                      .toJson());
    journal.close();
    if (!databaseReplaced) {   // the old database holds the restore's mark
        QVERIFY(
            SqlQuery(*m_db, "INSERT INTO backup_schedule (name, last_slot) VALUES ('restore:restore-killed0001', 1)")
                .exec());
    }

    QVERIFY(start());
    QCOMPARE(scratchDirs(), QStringList());
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM backup_schedule WHERE name LIKE 'restore:%'"_s), 0);
    const bool restoredFiles = QFileInfo::exists(live + u"/restored/only-in-the-archive.bin"_s);
    const bool previousFiles = QFileInfo::exists(live + u"/crash/000.bin"_s);
    QCOMPARE(restoredFiles, databaseReplaced);
    QCOMPARE(previousFiles, !databaseReplaced);
    // Finished: the catalog of before, every login ended, the restore audited as recovered.
    const ApiResponse me = call("GET", u"/v1/users/me"_s);
    QCOMPARE(me.status, databaseReplaced ? 401 : 200);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM backups WHERE id = 77"_s), databaseReplaced ? 1 : 0);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM audit_logs WHERE action = 'backup.restore'"_s), databaseReplaced ? 1 : 0);
    QCOMPARE(m_server->stop(), 0);
}

QTEST_GUILESS_MAIN(tst_BackupCrash)
#include "tst_backup_crash.moc"
