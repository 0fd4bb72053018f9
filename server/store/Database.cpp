#include "Database.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlResult>
#include <QThread>
#include <QUrl>
#include <QUuid>

#include <map>
#include <mutex>

#include <sqlite3.h>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcDb, "conversa.server.db")

using namespace Qt::StringLiterals;

QVariant nullIfEmpty(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

QString sqlPlaceholders(qsizetype n)
{
    QString s;
    s.reserve(n * 3);
    for (qsizetype i = 0; i < n; ++i)
        s += i ? u", ?"_s : u"?"_s;
    return s;
}

QVariant nullIfZero(qint64 n)
{
    return n == 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(n);
}

Result<DatabaseSettings> DatabaseSettings::fromUrl(const QString &url)
{
    DatabaseSettings s;
    if (url.startsWith("sqlite:"_L1)) {
        s.dialect = SqlDialect::Sqlite;
        s.path = url.mid(7);
        if (s.path.startsWith("//"_L1))
            s.path = s.path.mid(2);
        if (s.path.isEmpty())
            return ApiError::validation(u"CONVERSA_DATABASE_URL"_s, "sqlite: needs a file path");
        return s;
    }
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || (u.scheme() != "postgresql"_L1 && u.scheme() != "postgres"_L1) || u.path().size() < 2) {
        return ApiError::validation(u"CONVERSA_DATABASE_URL"_s,
                                    "expected sqlite:PATH or postgresql://user:pass@host:port/db");
    }
    s.dialect = SqlDialect::Postgres;
    s.host = u.host().isEmpty() ? u"127.0.0.1"_s : u.host();
    s.port = u.port(5432);
    s.user = u.userName(QUrl::FullyDecoded);
    s.password = u.password(QUrl::FullyDecoded);
    s.name = u.path().mid(1);
    return s;
}

QString DatabaseSettings::describe() const
{
    if (dialect == SqlDialect::Sqlite)
        return u"sqlite:"_s + path;
    return u"postgresql://%1@%2:%3/%4"_s.arg(user, host, QString::number(port), name);
}

namespace {

struct CachedStatement {
    QSqlQuery *query = nullptr;
    bool busy = false;
};

// Prepared statements per thread and connection, keyed by SQL text.
thread_local QHash<QString, QHash<QString, CachedStatement>> t_statements;

// The thread's last connection, so a statement does not take Qt's process-wide lock of named
// connections (QSqlDatabase::database) that every HTTP thread would contend on.
struct ThreadConnection {
    const Database *db = nullptr;
    QString prefix;   // with db: a later Database at the same address is another one
    QSqlDatabase conn;
};
thread_local ThreadConnection t_connection;

// The database whose read snapshot (ReadSnapshot) is open on this thread, if any.
thread_local Database *t_snapshotDb = nullptr;

// Resets the connection's cached statements that still hold a result, which would keep a
// transaction from ending; those a SqlQuery is reading (busy) too, unless `keepBusy`.
void finishStatements(const QSqlDatabase &conn, bool keepBusy)
{
    for (CachedStatement &statement : t_statements[conn.connectionName()]) {
        if (statement.query->isActive() && !(keepBusy && statement.busy))
            statement.query->finish();
    }
}

bool isReadOnly(const QSqlQuery &query)
{
    const QVariant handle = query.result() ? query.result()->handle() : QVariant();
    if (qstrcmp(handle.typeName(), "sqlite3_stmt*") != 0)
        return true;
    auto *statement = *static_cast<sqlite3_stmt *const *>(handle.constData());
    return !statement || sqlite3_stmt_readonly(statement);
}

}   // namespace

Database::Database(DatabaseSettings settings)
    : m_settings(std::move(settings)),
      m_prefix(u"conversa-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8) + u'-')
{
    // SQLite counts every allocation of every connection under one process-wide mutex, for
    // statistics nobody here reads: two HTTP threads reading rows queued on it. It can only be
    // turned off before the library's first use (docs/ARCHITECTURE.md#performance).
    static std::once_flag tuned;
    std::call_once(tuned, [] {
        if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
            qCInfo(lcDb) << "SQLite was already in use: its allocation statistics stay on";
    });
}

QString Database::connectionName() const
{
    return m_prefix + QString::number(quintptr(QThread::currentThread()), 16);
}

QSqlDatabase Database::connection()
{
    if (t_connection.db == this && t_connection.prefix == m_prefix && t_connection.conn.isOpen())
        return t_connection.conn;
    const QString name = connectionName();
    QSqlDatabase db = QSqlDatabase::database(name, false);
    if (db.isValid() && db.isOpen()) {
        t_connection = {this, m_prefix, db};
        return db;
    }
    if (!db.isValid()) {
        if (m_settings.dialect == SqlDialect::Sqlite) {
            db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_settings.path);
            db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
        } else {
            db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
            db.setHostName(m_settings.host);
            db.setPort(m_settings.port);
            db.setUserName(m_settings.user);
            db.setPassword(m_settings.password);
            db.setDatabaseName(m_settings.name);
            db.setConnectOptions(u"connect_timeout=5;application_name=conversa-server"_s);
        }
    }
    if (!db.open()) {
        qCWarning(lcDb) << "cannot open" << m_settings.describe() << ":" << db.lastError().text();
        return db;
    }
    QSqlQuery q(db);
    if (m_settings.dialect == SqlDialect::Sqlite) {
        // Reads through a memory map of the file (its first GiB): a page then costs no pread copy
        // into SQLite's small per-connection cache, which the list routes spent half their time in.
        // A commit checkpoints the log itself only past 16,000 pages (64 MiB): the server's
        // WalCheckpointer keeps it far below that, off the writers' path.
        for (const char *pragma :
             {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
              "PRAGMA temp_store=MEMORY", "PRAGMA mmap_size=1073741824", "PRAGMA wal_autocheckpoint=16000"})
            q.exec(QString::fromLatin1(pragma));
    } else {
        q.exec(u"SET TIME ZONE 'UTC'"_s);
    }
    t_connection = {this, m_prefix, db};
    return db;
}

void Database::closeThreadConnection()
{
    const QString name = connectionName();
    if (t_connection.db == this)
        t_connection = {};
    for (const CachedStatement &statement : t_statements.take(name))
        delete statement.query;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

bool Database::ping(QString *error)
{
    QSqlDatabase db = connection();
    if (!db.isOpen()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    if (!q.exec(u"SELECT 1"_s) || !q.next()) {
        if (error)
            *error = q.lastError().text();
        // A dropped PostgreSQL link stays "open" in Qt: close it so the next call reconnects.
        db.close();
        return false;
    }
    return true;
}

bool Database::isUniqueViolation(const QSqlQuery &query)
{
    const QString code = query.lastError().nativeErrorCode();
    return code == "23505"_L1 || code == "2067"_L1 || code == "1555"_L1 ||
        (code == "19"_L1 && query.lastError().text().contains("UNIQUE"_L1));
}

namespace {

QStringList splitStatements(const QString &script)
{
    // Migrations put one statement per ";" at a line end: a trigger or function body is one line.
    QStringList out;
    const QStringList parts = script.split(QRegularExpression(u";\\s*(\\n|$)"_s));
    for (const QString &part : parts) {
        QString stmt;
        for (const QString &line : part.split(u'\n')) {
            if (!line.trimmed().startsWith("--"_L1))
                stmt += line + u'\n';
        }
        if (!stmt.trimmed().isEmpty())
            out.append(stmt.trimmed());
    }
    return out;
}

// For the operator, at start or `migrate`: never in an HTTP response.
ApiError migrationFailed(const QString &file, const QString &why)
{
    return ApiError(500, "INTERNAL_ERROR", "migration %1 failed and was rolled back, the database is as it was: %2",
                    {file, why.simplified()});
}

}   // namespace

int Database::schemaVersion()
{
    QSqlQuery q(connection());
    if (q.exec(u"SELECT MAX(version) FROM schema_migrations"_s) && q.next())
        return q.value(0).toInt();
    return 0;
}

Result<int> Database::migrate(const QString &directory)
{
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return ApiError::unavailable("database unreachable");

    const QString builtIn =
        m_settings.dialect == SqlDialect::Sqlite ? u":/migrations/sqlite"_s : u":/migrations/postgresql"_s;
    const QString dir = directory.isEmpty() ? builtIn : directory;
    std::map<int, QString> files;
    QDirIterator it(dir, {u"*.sql"_s}, QDir::Files);
    while (it.hasNext()) {
        const QString path = it.next();
        const int version = QFileInfo(path).fileName().left(4).toInt();
        if (version <= 0 || !files.emplace(version, path).second) {
            qCCritical(lcDb) << "migration numbers must be unique and positive:" << path;
            return ApiError::internal();
        }
    }

    QSqlQuery q(db);
    const char *createTable = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                              "name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
    if (!q.exec(QString::fromLatin1(createTable))) {
        qCCritical(lcDb) << "cannot create schema_migrations:" << q.lastError().text();
        return ApiError::internal();
    }

    int applied = 0;
    for (const auto &[version, path] : files) {
        Transaction tx(*this);
        if (!tx.isActive())
            return ApiError::internal();
        if (m_settings.dialect == SqlDialect::Postgres)
            q.exec(u"SELECT pg_advisory_xact_lock(70422001)"_s);   // several instances may start together
        q.prepare(u"SELECT 1 FROM schema_migrations WHERE version = ?"_s);
        q.addBindValue(version);
        if (q.exec() && q.next())
            continue;
        const QString name = QFileInfo(path).fileName();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return migrationFailed(name, file.errorString());
        for (const QString &stmt : splitStatements(QString::fromUtf8(file.readAll()))) {
            if (!q.exec(stmt)) {
                // Returning rolls the transaction back: none of this migration's statements stay.
                qCCritical(lcDb).noquote() << "migration" << name << "failed:" << q.lastError().text() << "\n" << stmt;
                return migrationFailed(name, q.lastError().text());
            }
        }
        q.prepare(u"INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"_s);
        q.addBindValue(version);
        q.addBindValue(QFileInfo(path).completeBaseName());
        q.addBindValue(nowSeconds());
        if (!q.exec() || !tx.commit()) {
            qCCritical(lcDb) << "cannot record migration" << version << q.lastError().text();
            return migrationFailed(name, q.lastError().text());
        }
        ++applied;
        qCInfo(lcDb) << "applied migration" << QFileInfo(path).fileName();
    }
    return applied;
}

// ---- SqlQuery ----

SqlQuery::SqlQuery(Database &db, const char *sql, std::initializer_list<QVariant> values)
{
    prepare(db, QString::fromUtf8(sql));
    for (const QVariant &v : values)
        m_query->addBindValue(v);
}

SqlQuery::SqlQuery(Database &db, const QString &sql, const QVariantList &values)
{
    prepare(db, sql);
    for (const QVariant &v : values)
        m_query->addBindValue(v);
}

void SqlQuery::prepare(Database &db, const QString &sql)
{
    m_sql = sql;
    QSqlDatabase conn = db.connection();
    m_db = &db;
    m_connectionName = conn.connectionName();
    auto &cache = t_statements[m_connectionName];
    auto it = cache.find(sql);
    if (it != cache.end() && !it->busy) {
        it->busy = true;
        m_query = it->query;
        return;
    }
    auto *query = new QSqlQuery(conn);
    query->setForwardOnly(true);   // rows are read once, in order: Qt then skips caching them
    if (!query->prepare(sql))
        qCWarning(lcDb).noquote() << "prepare failed:" << query->lastError().text() << "in" << sql;
    if (it == cache.end() && query->lastError().type() == QSqlError::NoError) {
        cache.insert(sql, CachedStatement{query, true});
    } else {
        m_owned = true;   // the cached one is in use (a nested query): use a private one
    }
    m_query = query;
}

SqlQuery::~SqlQuery()
{
    if (m_owned) {
        delete m_query;
        return;
    }
    m_query->finish();
    auto &cache = t_statements[m_connectionName];
    auto it = cache.find(m_sql);
    if (it != cache.end() && it->query == m_query)
        it->busy = false;
}

SqlQuery &SqlQuery::bind(const QVariant &value)
{
    m_query->addBindValue(value);
    return *this;
}

bool SqlQuery::exec()
{
    // A write ends the thread's read snapshot first: it then runs as it would without one.
    if (t_snapshotDb == m_db && !isReadOnly(*m_query))
        ReadSnapshot::end(*t_snapshotDb);
    return m_query->exec();
}

Result<Ok> SqlQuery::run()
{
    if (!exec())
        return failure();
    return Ok{};
}

ApiError SqlQuery::failure() const
{
    qCWarning(lcDb).noquote() << "query failed:" << m_query->lastError().text() << "in" << m_sql;
    return ApiError::internal();
}

Result<qint64> queryInteger(Database &db, const QString &sql, const QVariantList &values)
{
    SqlQuery q(db, sql, values);
    if (!q.exec())
        return q.failure();
    return q.next() ? q.integer(0) : 0;
}

// ---- Transaction ----

Transaction::Transaction(Database &db) : m_db(db)
{
    if (t_snapshotDb == &db)
        ReadSnapshot::end(db);
    // As long as the busy timeout: past it, BEGIN IMMEDIATE itself waits and reports.
    constexpr int kWriterWaitMs = 10000;
    if (db.dialect() == SqlDialect::Sqlite)
        m_queued = db.m_sqliteWriters.tryLock(kWriterWaitMs);
    QSqlDatabase conn = db.connection();
    QSqlQuery q(conn);
    m_active = q.exec(db.dialect() == SqlDialect::Sqlite ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s);
    if (!m_active) {
        qCWarning(lcDb) << "BEGIN failed:" << q.lastError().text();
        releaseWriters();
    }
}

void Transaction::releaseWriters()
{
    if (m_queued)
        m_db.m_sqliteWriters.unlock();
    m_queued = false;
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    // SQLite refuses COMMIT while a statement still holds a result (e.g. an INSERT … RETURNING
    // whose row was read): reset this connection's cached statements first.
    const QSqlDatabase conn = m_db.connection();
    finishStatements(conn, false);
    QSqlQuery q(conn);
    m_active = false;
    const bool committed = q.exec(u"COMMIT"_s);
    if (!committed) {
        qCWarning(lcDb) << "COMMIT failed:" << q.lastError().text();
        q.exec(u"ROLLBACK"_s);
    }
    releaseWriters();
    return committed;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    QSqlQuery q(m_db.connection());
    q.exec(u"ROLLBACK"_s);
    releaseWriters();
}

// ---- ReadSnapshot ----

ReadSnapshot::ReadSnapshot(Database &db)
{
    if (db.dialect() != SqlDialect::Sqlite || t_snapshotDb)
        return;
    SqlQuery begin(db, "BEGIN");
    if (begin.exec()) {
        t_snapshotDb = &db;
        m_owner = true;
    }
}

ReadSnapshot::~ReadSnapshot()
{
    if (m_owner && t_snapshotDb)
        end(*t_snapshotDb);
}

void ReadSnapshot::end(Database &db)
{
    t_snapshotDb = nullptr;
    // A read statement still holding a row would keep the snapshot open past COMMIT; one being
    // read now stays as it is.
    finishStatements(db.connection(), true);
    SqlQuery commit(db, "COMMIT");
    if (!commit.exec()) {
        qCWarning(lcDb) << "ending a read snapshot failed:" << commit.raw().lastError().text();
        SqlQuery(db, "ROLLBACK").exec();
    }
}

}   // namespace Conversa::Server
