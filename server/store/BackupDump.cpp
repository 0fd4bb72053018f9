#include "BackupDump.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QSqlDriver>
#include <QStandardPaths>
#include <QThread>

#include <sqlite3.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <csignal>

using namespace Qt::StringLiterals;

namespace Conversa::Server::BackupDump {

Q_LOGGING_CATEGORY(lcDump, "conversa.server.backups")

namespace {

constexpr int kToolTimeoutMs = 6 * 3600 * 1000;   // a very large database still finishes

// The connection's sqlite3 handle: Qt's driver wraps the system SQLite this file links.
sqlite3 *sqliteHandle(QSqlDatabase &connection)
{
    const QVariant v = connection.driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

// Copies all of `source` into `destination` in one step: one read transaction on the source, so
// the copy is one consistent moment; one write transaction on the destination, so it is atomic.
// A busy destination (another writer) is waited for.
bool copyDatabase(sqlite3 *destination, sqlite3 *source, QString *error)
{
    sqlite3_backup *backup = sqlite3_backup_init(destination, "main", source, "main");
    if (!backup) {
        *error = QString::fromUtf8(sqlite3_errmsg(destination));
        return false;
    }
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 600; ++attempt) {
        rc = sqlite3_backup_step(backup, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
        QThread::msleep(50);
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        *error = QString::fromUtf8(sqlite3_errstr(rc));
        return false;
    }
    return true;
}

struct SqliteFile {
    sqlite3 *db = nullptr;
    ~SqliteFile() { sqlite3_close_v2(db); }
    bool open(const QString &path, int flags, QString *error)
    {
        if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, flags, nullptr) == SQLITE_OK)
            return true;
        *error = db ? QString::fromUtf8(sqlite3_errmsg(db)) : u"cannot open %1"_s.arg(path);
        return false;
    }
    bool exec(const char *sql, QString *error)
    {
        char *message = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK)
            return true;
        *error = QString::fromUtf8(message ? message : "SQLite error");
        sqlite3_free(message);
        return false;
    }
    // The first column of a one-row query, as text.
    QString scalar(const char *sql)
    {
        sqlite3_stmt *statement = nullptr;
        QString out;
        if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW)
            out = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
        sqlite3_finalize(statement);
        return out;
    }
};

// The PostgreSQL tools take the connection from the environment: the password never shows in argv.
QProcessEnvironment pgEnvironment(const DatabaseSettings &s)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PGHOST"_s, s.host);
    env.insert(u"PGPORT"_s, QString::number(s.port));
    env.insert(u"PGUSER"_s, s.user);
    env.insert(u"PGDATABASE"_s, s.name);
    env.insert(u"PGCONNECT_TIMEOUT"_s, u"10"_s);
    env.insert(u"PGOPTIONS"_s, u"-c client_min_messages=warning"_s);   // no NOTICE chatter in the log
    if (!s.password.isEmpty())
        env.insert(u"PGPASSWORD"_s, s.password);
    else
        env.remove(u"PGPASSWORD"_s);
    return env;
}

// Runs a PostgreSQL client tool to the end; the last line of its stderr is the reason on failure.
bool runTool(const QString &program, const QStringList &arguments, const QProcessEnvironment &env, QString *error)
{
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        *error = u"%1 is not installed (postgresql-client)"_s.arg(program);
        return false;
    }
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.setStandardOutputFile(QProcess::nullDevice());
    // The tool dies with the server: a psql left running after a kill -9 could still commit a
    // restore that the next start has already undone (docs/BACKUPS.md#interrupted-backups-and-restores).
    const pid_t server = ::getpid();
    process.setChildProcessModifier([server] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != server)
            ::_exit(127);   // the server was already gone
    });
    process.start(path, arguments);
    if (!process.waitForStarted(10000) || !process.waitForFinished(kToolTimeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        *error = u"%1 did not finish"_s.arg(program);
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QStringList lines = QString::fromUtf8(process.readAllStandardError()).split(u'\n', Qt::SkipEmptyParts);
        *error = u"%1 failed: %2"_s.arg(program,
                                        lines.isEmpty() ? u"exit code %1"_s.arg(process.exitCode())
                                                        : lines.last().trimmed());
        return false;
    }
    return true;
}

// Drops what the migrations create in the public schema (tables, views, sequences, functions; not
// the extensions' own objects), so the dump's script recreates the schema it had.
constexpr const char *kDropPublicSchemaObjects = R"SQL(
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
           ORDER BY c.relkind LOOP
    EXECUTE format(CASE r.relkind WHEN 'v' THEN 'DROP VIEW IF EXISTS public.%I CASCADE'
                                  WHEN 'm' THEN 'DROP MATERIALIZED VIEW IF EXISTS public.%I CASCADE'
                                  WHEN 'S' THEN 'DROP SEQUENCE IF EXISTS public.%I CASCADE'
                                  ELSE 'DROP TABLE IF EXISTS public.%I CASCADE' END, r.relname);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public'
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
    EXECUTE 'DROP FUNCTION IF EXISTS ' || r.signature::text || ' CASCADE';
  END LOOP;
END $$;
)SQL";

}   // namespace

QString engineName(SqlDialect dialect)
{
    return dialect == SqlDialect::Sqlite ? u"sqlite"_s : u"postgresql"_s;
}

QString entryName(SqlDialect dialect)
{
    return dialect == SqlDialect::Sqlite ? u"database/conversa.sqlite3"_s : u"database/conversa.pgdump"_s;
}

int latestSchemaVersion(SqlDialect dialect)
{
    int latest = 0;
    QDirIterator it(dialect == SqlDialect::Sqlite ? u":/migrations/sqlite"_s : u":/migrations/postgresql"_s,
                    {u"*.sql"_s}, QDir::Files);
    while (it.hasNext())
        latest = qMax(latest, QFileInfo(it.next()).fileName().left(4).toInt());
    return latest;
}

bool dump(Database &db, const QString &path, QString *error)
{
    QFile::remove(path);
    if (db.dialect() == SqlDialect::Postgres) {
        return runTool(u"pg_dump"_s, {u"--format=custom"_s, u"--no-owner"_s, u"--no-privileges"_s, u"--file"_s, path},
                       pgEnvironment(db.settings()), error);
    }
    QSqlDatabase connection = db.connection();
    sqlite3 *source = connection.isOpen() ? sqliteHandle(connection) : nullptr;
    if (!source) {
        *error = u"the database connection is not available"_s;
        return false;
    }
    SqliteFile copy;
    if (!copy.open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error) || !copyDatabase(copy.db, source, error))
        return false;
    // A self-contained file: no -wal beside it in the archive.
    return copy.exec("PRAGMA journal_mode=DELETE", error);
}

bool check(SqlDialect dialect, const QString &path, int *schemaVersion, QString *error)
{
    if (dialect == SqlDialect::Postgres)
        return runTool(u"pg_restore"_s, {u"--list"_s, path}, QProcessEnvironment::systemEnvironment(), error);
    SqliteFile file;
    if (!file.open(path, SQLITE_OPEN_READONLY, error))
        return false;
    const QString verdict = file.scalar("PRAGMA quick_check");
    if (verdict != "ok"_L1) {
        *error = u"the database in the archive is damaged"_s;
        return false;
    }
    const QString version = file.scalar("SELECT MAX(version) FROM schema_migrations");
    if (version.isEmpty()) {
        *error = u"the database in the archive has no schema_migrations"_s;
        return false;
    }
    *schemaVersion = version.toInt();
    return true;
}

bool load(Database &db, const QString &path, QString *error)
{
    if (db.dialect() == SqlDialect::Postgres) {
        // pg_restore writes the dump as SQL; psql runs it after the drops, in one transaction.
        const QString dir = QFileInfo(path).absolutePath();
        const QString script = dir + u"/restore.sql"_s;
        const QString prelude = dir + u"/drop.sql"_s;
        QFile drop(prelude);
        if (!drop.open(QIODevice::WriteOnly) || drop.write(kDropPublicSchemaObjects) < 0) {
            *error = u"cannot write %1"_s.arg(prelude);
            return false;
        }
        drop.close();
        const QProcessEnvironment env = pgEnvironment(db.settings());
        const bool ok =
            runTool(u"pg_restore"_s, {u"--no-owner"_s, u"--no-privileges"_s, u"--file"_s, script, path}, env, error) &&
            runTool(u"psql"_s,
                    {u"--no-psqlrc"_s, u"--quiet"_s, u"--set=ON_ERROR_STOP=1"_s, u"--single-transaction"_s, u"--file"_s,
                     prelude, u"--file"_s, script},
                    env, error);
        QFile::remove(script);
        QFile::remove(prelude);
        return ok;
    }
    SqliteFile source;
    SqliteFile live;
    if (!source.open(path, SQLITE_OPEN_READONLY, error) || !live.open(db.settings().path, SQLITE_OPEN_READWRITE, error))
        return false;
    sqlite3_busy_timeout(live.db, 30000);
    return copyDatabase(live.db, source.db, error);
}

}   // namespace Conversa::Server::BackupDump
