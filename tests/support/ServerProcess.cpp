#include "ServerProcess.h"

#include "TestServer.h"

#include "store/Database.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <csignal>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

quint16 ServerProcess::freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

QString ServerProcess::freshDatabaseUrl(const QString &dataDir, const QString &name)
{
    if (TestServer::engine() != "postgresql"_L1)
        return u"sqlite:"_s + dataDir + u"/conversa.db"_s;
    const QString pgUrl = qEnvironmentVariable("CONVERSA_TEST_PG_URL");
    const Result<DatabaseSettings> admin = DatabaseSettings::fromUrl(pgUrl);
    if (!admin)
        return {};
    const QString connection = u"fresh-"_s + name;
    bool created = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connection);
        db.setHostName(admin->host);
        db.setPort(admin->port);
        db.setUserName(admin->user);
        db.setPassword(admin->password);
        db.setDatabaseName(admin->name);
        if (db.open()) {
            QSqlQuery(db).exec(u"DROP DATABASE IF EXISTS "_s + name + u" WITH (FORCE)"_s);
            created = QSqlQuery(db).exec(u"CREATE DATABASE "_s + name);
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return created ? pgUrl.left(pgUrl.lastIndexOf(u'/') + 1) + name : QString();
}

QProcessEnvironment ServerProcess::environment(const QHash<QString, QString> &settings)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys()) {
        if (key.startsWith("CONVERSA_"_L1))
            env.remove(key);
    }
    for (auto it = settings.begin(); it != settings.end(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

bool ServerProcess::run(const QProcessEnvironment &env, const QStringList &arguments, int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    p.start(m_binary, arguments);
    return p.waitForFinished(timeoutMs) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

bool ServerProcess::start(const QProcessEnvironment &env)
{
    m_process.setProcessEnvironment(env);
    m_process.setProcessChannelMode(QProcess::ForwardedChannels);
    m_process.start(m_binary, {u"serve"_s});
    if (!m_process.waitForStarted())
        return false;
    const quint16 port = quint16(env.value(u"CONVERSA_LISTEN"_s).section(u':', -1).toUInt());
    return QTest::qWaitFor(
               [&] {
                   if (m_process.state() != QProcess::Running)
                       return true;
                   QTcpSocket probe;
                   probe.connectToHost(QHostAddress::LocalHost, port);
                   return probe.waitForConnected(200);
               },
               20000) &&
        m_process.state() == QProcess::Running;
}

int ServerProcess::stop(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitCode();
    m_process.terminate();
    if (!m_process.waitForFinished(timeoutMs)) {
        kill();
        return -1;
    }
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void ServerProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_process.processId()), SIGKILL);
    m_process.waitForFinished(10000);
}
