#pragma once

#include "core/Clock.h"
#include "core/Result.h"

#include <QRecursiveMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <initializer_list>

namespace Conversa::Server {

enum class SqlDialect { Sqlite, Postgres };

// Where the data lives, parsed from CONVERSA_DATABASE_URL:
// "sqlite:PATH" or "postgresql://user:pass@host:port/db".
struct DatabaseSettings {
    SqlDialect dialect = SqlDialect::Sqlite;
    QString path;   // SQLite file
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString name;

    static Result<DatabaseSettings> fromUrl(const QString &url);
    QString describe() const;   // for logs: never includes the password
};

// One connection per thread (a QSqlDatabase must not cross threads), opened on first use with
// the engine's settings: SQLite in WAL mode with foreign keys and a busy timeout.
class Database {
public:
    explicit Database(DatabaseSettings settings);

    SqlDialect dialect() const { return m_settings.dialect; }
    const DatabaseSettings &settings() const { return m_settings; }

    // The calling thread's connection; invalid (with the reason in lastError) when it can't open.
    QSqlDatabase connection();
    void closeThreadConnection();
    bool ping(QString *error);

    // Applies the numbered migrations not yet recorded in schema_migrations, each in a transaction:
    // one that fails leaves the database as it was and the error names it and the driver's reason.
    // Returns how many were applied. `directory` holds the NNNN_name.sql files; by default the
    // ones built in for this engine (tests pass their own).
    Result<int> migrate(const QString &directory = {});
    int schemaVersion();

    static bool isUniqueViolation(const QSqlQuery &query);

private:
    friend class Transaction;
    QString connectionName() const;

    DatabaseSettings m_settings;
    QString m_prefix;
    // SQLite has one writer at a time: this process's writers queue here, woken the moment the
    // lock is free, rather than in SQLite's busy handler, which sleeps in 1–100 ms steps.
    QRecursiveMutex m_sqliteWriters;
};

// A prepared statement from the thread's cache, bound positionally (?).
//   SqlQuery q(db, "SELECT id FROM users WHERE email = ?", {email});
//   if (!q.exec()) return q.failure();
class SqlQuery {
public:
    SqlQuery(Database &db, const char *sql, std::initializer_list<QVariant> values = {});
    SqlQuery(Database &db, const QString &sql, const QVariantList &values);
    ~SqlQuery();
    SqlQuery(const SqlQuery &) = delete;
    SqlQuery &operator=(const SqlQuery &) = delete;

    SqlQuery &bind(const QVariant &value);
    bool exec();
    // exec() as a Result, for statements whose rows nobody reads.
    Result<Ok> run();
    bool next() { return m_query->next(); }
    QVariant value(int i) const { return m_query->value(i); }
    QString string(int i) const { return m_query->value(i).toString(); }
    qint64 integer(int i) const { return m_query->value(i).toLongLong(); }
    bool boolean(int i) const { return m_query->value(i).toBool(); }
    bool isNull(int i) const { return m_query->isNull(i); }
    int numRowsAffected() const { return m_query->numRowsAffected(); }
    bool isUniqueViolation() const { return Database::isUniqueViolation(*m_query); }
    QSqlQuery &raw() { return *m_query; }

    // Logs the database error (not the bound values) and returns the 500 to send.
    ApiError failure() const;

private:
    void prepare(Database &db, const QString &sql);

    Database *m_db = nullptr;
    QSqlQuery *m_query = nullptr;
    bool m_owned = false;
    QString m_sql;
    QString m_connectionName;
};

// The first column of the first row as an integer, 0 without a row: a COUNT(*) or a SUM.
Result<qint64> queryInteger(Database &db, const QString &sql, const QVariantList &values);

// One database transaction; rolls back unless commit() was called. SQLite takes the write
// lock up front (BEGIN IMMEDIATE) so two writers wait instead of failing: first in the
// process's queue of writers, then (another process holding the file) on the busy timeout.
class Transaction {
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    bool commit();
    void rollback();

private:
    void releaseWriters();

    Database &m_db;
    bool m_active = false;
    bool m_queued = false;   // holds m_db.m_sqliteWriters
};

// One SQLite read transaction around several statements (a list's total and its page): they
// read one state of the database, and take the WAL read lock, which SQLite guards with a
// process-wide mutex, once instead of once per statement. Nested ones are no-ops; a write or a
// Transaction on the thread ends it first. Nothing on PostgreSQL, where each statement is its
// own round trip either way.
class ReadSnapshot {
public:
    explicit ReadSnapshot(Database &db);
    ~ReadSnapshot();
    ReadSnapshot(const ReadSnapshot &) = delete;
    ReadSnapshot &operator=(const ReadSnapshot &) = delete;

    static void end(Database &db);

private:
    bool m_owner = false;
};

QVariant nullIfEmpty(const QString &s);
// "?, ?, ?": the placeholders of an IN (…) list of n values.
QString sqlPlaceholders(qsizetype n);
QVariant nullIfZero(qint64 n);

}   // namespace Conversa::Server
