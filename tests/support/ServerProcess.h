#pragma once

#include <QHash>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>

// A real conversa-server process, for tests that need what one in-process TestServer cannot
// give: kill -9, or several servers on one database. The engine is TestServer's
// (CONVERSA_TEST_ENGINE); the caller's own CONVERSA_* variables never leak into the child.
class ServerProcess {
public:
    explicit ServerProcess(QString binary) : m_binary(std::move(binary)) {}
    ~ServerProcess() { kill(); }

    // A fresh database: a file in dataDir (SQLite), or a new database `name` on the cluster of
    // CONVERSA_TEST_PG_URL (dropped first if it exists). Empty on failure.
    static QString freshDatabaseUrl(const QString &dataDir, const QString &name);
    // The process environment without CONVERSA_* plus `settings`.
    static QProcessEnvironment environment(const QHash<QString, QString> &settings);

    // Runs a sub-command to its end (migrate, create-admin …); true on exit code 0.
    bool run(const QProcessEnvironment &env, const QStringList &arguments, int timeoutMs = 30000);
    // `serve`, until its port (CONVERSA_LISTEN) accepts connections.
    bool start(const QProcessEnvironment &env);
    // SIGTERM, then the exit code (-1 if it had to be killed).
    int stop(int timeoutMs = 20000);
    void kill();   // SIGKILL, and waits
    QProcess &process() { return m_process; }

    static quint16 freePort();

private:
    QString m_binary;
    QProcess m_process;
};
