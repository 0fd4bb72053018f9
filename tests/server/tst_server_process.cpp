// conversa-server as a process: sub-commands, start-up refusals with one clear line and a
// non-zero exit, the first admin, and a clean stop on SIGTERM with a request in flight.
#include "TestServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/stat.h>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

class tst_ServerProcess : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void refusesToStart_data();
    void refusesToStart();
    void migrateAndCreateAdmin();
    void firstStartCreatesAdminAndStopsCleanly();
    void firstStartAfterDemoSeedCreatesAdminOnce();

private:
    QProcessEnvironment environment(const QString &dataDir) const;
    static quint16 freePort();
    QString databaseUrl(const QString &dataDir);

    QString m_pgUrl;
    int m_dbSeq = 0;
};

void tst_ServerProcess::initTestCase()
{
    if (TestServer::engine() == "postgresql"_L1) {
        m_pgUrl = qEnvironmentVariable("CONVERSA_TEST_PG_URL");
        QVERIFY2(!m_pgUrl.isEmpty(), "CONVERSA_TEST_PG_URL is required for the postgresql run");
    }
}

quint16 tst_ServerProcess::freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

QString tst_ServerProcess::databaseUrl(const QString &dataDir)
{
    if (m_pgUrl.isEmpty())
        return u"sqlite:"_s + dataDir + u"/conversa.db"_s;
    // A fresh database on the test cluster for each server started here.
    const Result<DatabaseSettings> admin = DatabaseSettings::fromUrl(m_pgUrl);
    const QString name = u"conversa_proc_%1_%2"_s.arg(QCoreApplication::applicationPid()).arg(++m_dbSeq);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"proc-admin"_s);
        db.setHostName(admin->host);
        db.setPort(admin->port);
        db.setUserName(admin->user);
        db.setDatabaseName(admin->name);
        if (db.open())
            QSqlQuery(db).exec(u"CREATE DATABASE "_s + name);
    }
    QSqlDatabase::removeDatabase(u"proc-admin"_s);
    return m_pgUrl.left(m_pgUrl.lastIndexOf(u'/') + 1) + name;
}

QProcessEnvironment tst_ServerProcess::environment(const QString &dataDir) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys()) {
        if (key.startsWith("CONVERSA_"_L1))
            env.remove(key);
    }
    env.insert(u"CONVERSA_DATA_DIR"_s, dataDir);
    env.insert(u"CONVERSA_HTTP_THREADS"_s, u"2"_s);
    return env;
}

void tst_ServerProcess::refusesToStart_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");   // part of the one line on stderr

    QTest::addRow("bad-listen") << u"CONVERSA_LISTEN"_s << u"nowhere"_s << u"CONVERSA_LISTEN"_s;
    QTest::addRow("bad-database-url") << u"CONVERSA_DATABASE_URL"_s << u"mysql://x"_s << u"CONVERSA_DATABASE_URL"_s;
    QTest::addRow("database-unreachable")
        << u"CONVERSA_DATABASE_URL"_s << u"postgresql://nobody@127.0.0.1:%1/none"_s.arg(freePort()) << u"unreachable"_s;
    QTest::addRow("port-in-use") << u"CONVERSA_LISTEN"_s << u"busy"_s << u"Address already in use"_s;
    QTest::addRow("data-dir-not-writable") << u"CONVERSA_DATA_DIR"_s << u"/proc/conversa"_s << u"CONVERSA_DATA_DIR"_s;
}

void tst_ServerProcess::refusesToStart()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, expected);

    QTemporaryDir dir;
    QProcessEnvironment env = environment(dir.path());
    env.insert(u"CONVERSA_DATABASE_URL"_s, databaseUrl(dir.path()));
    QTcpServer holder;
    if (value == "busy"_L1) {
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        value = u"127.0.0.1:"_s + QString::number(holder.serverPort());
    }
    env.insert(variable, value);

    QProcess server;
    server.setProcessEnvironment(env);
    server.start(QStringLiteral(CONVERSA_SERVER_BINARY), {u"serve"_s});
    QVERIFY(server.waitForFinished(20000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QVERIFY(server.exitCode() != 0);
    const QString err = QString::fromUtf8(server.readAllStandardError()).trimmed();
    const QStringList lines = err.split(u'\n');
    QVERIFY2(lines.last().startsWith("conversa-server: "_L1), qPrintable(err));
    QVERIFY2(lines.last().contains(expected), qPrintable(err));
}

void tst_ServerProcess::migrateAndCreateAdmin()
{
    QTemporaryDir dir;
    QProcessEnvironment env = environment(dir.path());
    env.insert(u"CONVERSA_DATABASE_URL"_s, databaseUrl(dir.path()));

    QProcess p;
    p.setProcessEnvironment(env);
    const mode_t umaskBefore = ::umask(022);   // the server inherits a permissive umask
    p.start(QStringLiteral(CONVERSA_SERVER_BINARY), {u"migrate"_s});
    QVERIFY(p.waitForFinished(20000));
    ::umask(umaskBefore);
    QCOMPARE(p.exitCode(), 0);
    // Its files are its own all the same.
    if (TestServer::engine() == u"sqlite"_s) {
        const QFileInfo db(dir.path() + u"/conversa.db"_s);
        QVERIFY2(db.exists(), qPrintable(db.filePath()));
        QCOMPARE(db.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup |
                                     QFileDevice::WriteOther),
                 QFileDevice::Permissions());
    }

    p.start(QStringLiteral(CONVERSA_SERVER_BINARY),
            {u"create-admin"_s, u"--email"_s, u"Boss@Example.com"_s, u"--password"_s, u"long-enough-1"_s});
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(p.readAllStandardOutput().contains("boss@example.com"));

    // The same email again is refused, as is a short password.
    p.start(QStringLiteral(CONVERSA_SERVER_BINARY),
            {u"create-admin"_s, u"--email"_s, u"boss@example.com"_s, u"--password"_s, u"long-enough-1"_s});
    QVERIFY(p.waitForFinished(20000));
    QVERIFY(p.exitCode() != 0);
    p.start(QStringLiteral(CONVERSA_SERVER_BINARY),
            {u"create-admin"_s, u"--email"_s, u"other@example.com"_s, u"--password"_s, u"short"_s});
    QVERIFY(p.waitForFinished(20000));
    QVERIFY(p.exitCode() != 0);
    QVERIFY(p.readAllStandardError().contains("password"));

    // The password from standard input or the environment, out of the process list: each is
    // the one checked (a short one is refused) and used.
    for (const QByteArray &typed : {QByteArray("short\n"), QByteArray("from-stdin-123\n")}) {
        p.start(QStringLiteral(CONVERSA_SERVER_BINARY),
                {u"create-admin"_s, u"--email"_s, u"stdin@example.com"_s, u"--password-stdin"_s});
        QVERIFY(p.waitForStarted(20000));
        p.write(typed);
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode() == 0, typed != "short\n");
    }
    for (const QString &password : {u"short"_s, u"from-env-1234"_s}) {
        QProcessEnvironment withPassword = env;
        withPassword.insert(u"CONVERSA_ADMIN_PASSWORD"_s, password);
        p.setProcessEnvironment(withPassword);
        p.start(QStringLiteral(CONVERSA_SERVER_BINARY), {u"create-admin"_s, u"--email"_s, u"env@example.com"_s});
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode() == 0, password != u"short"_s);
    }
    p.setProcessEnvironment(env);

    p.start(QStringLiteral(CONVERSA_SERVER_BINARY), {u"explode"_s});
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 2);
}

void tst_ServerProcess::firstStartCreatesAdminAndStopsCleanly()
{
    QTemporaryDir dir;
    QProcessEnvironment env = environment(dir.path());
    const quint16 port = freePort();
    env.insert(u"CONVERSA_DATABASE_URL"_s, databaseUrl(dir.path()));
    env.insert(u"CONVERSA_LISTEN"_s, u"127.0.0.1:"_s + QString::number(port));
    env.insert(u"CONVERSA_ADMIN_EMAIL"_s, u"first@example.com"_s);

    QProcess server;
    server.setProcessEnvironment(env);
    server.start(QStringLiteral(CONVERSA_SERVER_BINARY), {});
    QVERIFY(server.waitForStarted());
    QByteArray out;
    QTRY_VERIFY2_WITH_TIMEOUT((out += server.readAllStandardOutput()).contains("Generated password"),
                              qPrintable(QString::fromUtf8(out + server.readAllStandardError())), 20000);

    QNetworkAccessManager network;
    const QUrl health(u"http://127.0.0.1:%1/health"_s.arg(port));
    QNetworkReply *reply = network.get(QNetworkRequest(health));
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

    // A slow request (a login: password hashing on the worker pool) is in flight when SIGTERM
    // arrives: it is answered, then the process exits 0.
    QNetworkRequest login(QUrl(u"http://127.0.0.1:%1/v1/auth/login"_s.arg(port)));
    login.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *inFlight =
        network.post(login, QByteArray(R"({"email":"first@example.com","password":"wrong-password"})"));
    QSignalSpy sent(inFlight, &QNetworkReply::requestSent);
    QSignalSpy answered(inFlight, &QNetworkReply::finished);
    QVERIFY(sent.wait(10000));      // on the wire: the server reads what is on the wire before it stops
    QCOMPARE(answered.size(), 0);   // and it is not answered yet: the hash takes a while
    ::kill(pid_t(server.processId()), SIGTERM);
    QVERIFY(answered.wait(15000) || inFlight->isFinished());
    const int status = inFlight->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QCOMPARE(status, 401);
    QVERIFY(server.waitForFinished(20000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
}

// What `./scripts/run` does on a fresh machine: seed-demo writes the demo staff first, then the
// first start still creates the admin and prints its password once; the next start does neither.
void tst_ServerProcess::firstStartAfterDemoSeedCreatesAdminOnce()
{
    QTemporaryDir dir;
    QProcessEnvironment env = environment(dir.path());
    const quint16 port = freePort();
    env.insert(u"CONVERSA_DATABASE_URL"_s, databaseUrl(dir.path()));
    env.insert(u"CONVERSA_LISTEN"_s, u"127.0.0.1:"_s + QString::number(port));
    env.insert(u"CONVERSA_ADMIN_EMAIL"_s, u"owner@example.com"_s);

    QProcess seed;
    seed.setProcessEnvironment(env);
    seed.start(QStringLiteral(CONVERSA_SERVER_BINARY), {u"seed-demo"_s, u"--if-empty"_s});
    QVERIFY(seed.waitForFinished(60000));
    QCOMPARE(seed.exitCode(), 0);
    QVERIFY2(seed.readAllStandardOutput().contains("Demo data created"),
             qPrintable(QString::fromUtf8(seed.readAllStandardError())));

    QNetworkAccessManager network;
    const auto post = [&](const QString &path, const QJsonObject &body) {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        return network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    };
    const auto get = [&](const QString &path, const QByteArray &token) {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(path)));
        request.setRawHeader("Authorization", "Bearer " + token);
        return network.get(request);
    };
    const auto answer = [](QNetworkReply *reply) {
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            done.wait(15000);
        return std::pair{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                         QJsonDocument::fromJson(reply->readAll()).object()};
    };
    const auto stop = [](QProcess &server) {
        ::kill(pid_t(server.processId()), SIGTERM);
        return server.waitForFinished(20000) && server.exitCode() == 0;
    };

    QProcess first;
    first.setProcessEnvironment(env);
    first.start(QStringLiteral(CONVERSA_SERVER_BINARY), {u"serve"_s});
    QByteArray out;
    QTRY_VERIFY2_WITH_TIMEOUT((out += first.readAllStandardOutput()).contains("conversa-desktop --server"),
                              qPrintable(QString::fromUtf8(out + first.readAllStandardError())), 30000);
    const QRegularExpression passwordLine(u"Generated password \\(shown only this once\\): (\\S+)"_s);
    const QRegularExpressionMatch password = passwordLine.match(QString::fromUtf8(out));
    QVERIFY2(password.hasMatch(), out.constData());
    QVERIFY2(out.contains("owner@example.com"), out.constData());
    QVERIFY2(out.contains(QByteArray("http://127.0.0.1:" + QByteArray::number(port))), out.constData());

    const QJsonObject credentials{{u"email"_s, u"owner@example.com"_s}, {u"password"_s, password.captured(1)}};
    QTRY_VERIFY_WITH_TIMEOUT(answer(post(u"/v1/auth/login"_s, credentials)).first == 200, 15000);
    auto [status, login] = answer(post(u"/v1/auth/login"_s, credentials));
    QCOMPARE(status, 200);
    QCOMPARE(login[u"user"_s][u"role"_s][u"name"_s].toString(), u"admin"_s);
    const QByteArray token = login[u"access_token"_s].toString().toUtf8();
    auto [listed, admins] = answer(get(u"/v1/users?role=admin"_s, token));
    QCOMPARE(listed, 200);
    QCOMPARE(admins[u"meta"_s][u"total"_s].toInteger(), 1);
    QVERIFY(stop(first));

    // The second start: the admin exists, so nothing is created and no password is printed.
    QProcess second;
    second.setProcessEnvironment(env);
    second.start(QStringLiteral(CONVERSA_SERVER_BINARY), {u"serve"_s});
    QVERIFY(second.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(answer(post(u"/v1/auth/login"_s, credentials)).first == 200, 30000);
    std::tie(status, login) = answer(post(u"/v1/auth/login"_s, credentials));
    QCOMPARE(status, 200);
    std::tie(listed, admins) = answer(get(u"/v1/users?role=admin"_s, login[u"access_token"_s].toString().toUtf8()));
    QCOMPARE(listed, 200);
    QCOMPARE(admins[u"meta"_s][u"total"_s].toInteger(), 1);
    QVERIFY(stop(second));
    const QByteArray again = second.readAllStandardOutput();
    QVERIFY2(!again.contains("First admin created") && !again.contains("Generated password"), again.constData());
}

QTEST_GUILESS_MAIN(tst_ServerProcess)
#include "tst_server_process.moc"
