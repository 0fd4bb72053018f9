#include "TestServer.h"

#include "crypto/PasswordHasher.h"
#include "store/Database.h"
#include "store/RoleStore.h"
#include "store/SearchText.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

TestServer::TestServer()
{
    m_dataDirPath = m_dataDir.path();
}

TestServer::~TestServer()
{
    stop();
}

QString TestServer::engine()
{
    return qEnvironmentVariable("CONVERSA_TEST_ENGINE", u"sqlite"_s);
}

bool TestServer::start(const QHash<QString, QString> &settings, const std::function<void(ServerApp &)> &beforeStart)
{
    QHash<QString, QString>
        env{{u"CONVERSA_LISTEN"_s, u"127.0.0.1:0"_s},
            {u"CONVERSA_DATA_DIR"_s, m_dataDirPath},
            {u"CONVERSA_LOG_LEVEL"_s, qEnvironmentVariable("CONVERSA_TEST_LOG_LEVEL", u"warning"_s)},
            {u"CONVERSA_HTTP_THREADS"_s, u"2"_s},
            {u"CONVERSA_WORKER_THREADS"_s, u"2"_s},
            // No outbound sender unless a test asks for one (tst_outbound):
            // other suites assert on messages left 'pending'.
            {u"CONVERSA_OUTBOUND_POLL_MS"_s, u"0"_s},
            // Nor a media fetcher (tst_media_fetch turns it on).
            {u"CONVERSA_MEDIA_POLL_MS"_s, u"0"_s},
            {u"CONVERSA_HEALTH_CHECK_SECONDS"_s, u"0"_s},
            // Nor routing: suites assert on chats left 'queued' (tst_routing turns it on).
            {u"CONVERSA_ROUTING_SWEEP_MS"_s, u"0"_s},
            // Nor analytics.update: socket suites read exact frames (tst_realtime_events turns it on).
            {u"CONVERSA_ANALYTICS_PUSH_MS"_s, u"0"_s}};
    if (engine() == "postgresql"_L1) {
        m_pgAdminUrl = qEnvironmentVariable("CONVERSA_TEST_PG_URL");
        if (m_pgAdminUrl.isEmpty()) {
            qWarning("CONVERSA_TEST_ENGINE=postgresql needs CONVERSA_TEST_PG_URL (scripts/test sets it)");
            return false;
        }
        const Result<DatabaseSettings> admin = DatabaseSettings::fromUrl(m_pgAdminUrl);
        if (!admin)
            return false;
        m_pgDatabase = u"conversa_t_"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"test-admin"_s);
            db.setHostName(admin->host);
            db.setPort(admin->port);
            db.setUserName(admin->user);
            db.setPassword(admin->password);
            db.setDatabaseName(admin->name);
            if (!db.open()) {
                qWarning("cannot reach the test PostgreSQL: %s", qPrintable(db.lastError().text()));
                return false;
            }
            QSqlQuery q(db);
            if (!q.exec(u"CREATE DATABASE "_s + m_pgDatabase)) {
                qWarning("CREATE DATABASE failed: %s", qPrintable(q.lastError().text()));
                return false;
            }
        }
        QSqlDatabase::removeDatabase(u"test-admin"_s);
        QString url = m_pgAdminUrl;
        url.truncate(url.lastIndexOf(u'/') + 1);
        env.insert(u"CONVERSA_DATABASE_URL"_s, url + m_pgDatabase);
    } else {
        env.insert(u"CONVERSA_DATABASE_URL"_s, u"sqlite:"_s + m_dataDirPath + u"/conversa.db"_s);
    }
    for (auto it = settings.begin(); it != settings.end(); ++it)
        env.insert(it.key(), it.value());
    m_env = env;
    return startApp(beforeStart);
}

bool TestServer::startApp(const std::function<void(ServerApp &)> &beforeStart)
{
    Result<ServerConfig> config = ServerConfig::load({}, m_env);
    if (!config) {
        qWarning("bad test config");
        return false;
    }
    config->applyLogLevel();
    m_app = std::make_unique<ServerApp>(config.value());
    if (beforeStart)
        beforeStart(*m_app);
    const Result<Ok> started = m_app->start();
    if (!started) {
        qWarning("server did not start: %s / %s", started.error().code().constData(),
                 started.error().details().isEmpty() ? ""
                                                     : qPrintable(started.error().details().first().args.join(u' ')));
        return false;
    }
    m_client.setBaseUrl(baseUrl());
    return true;
}

void TestServer::stop()
{
    if (!m_app)
        return;
    m_app->stop();
    m_app->database().closeThreadConnection();
    m_app.reset();
    if (!m_pgDatabase.isEmpty()) {
        const Result<DatabaseSettings> admin = DatabaseSettings::fromUrl(m_pgAdminUrl);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"test-admin"_s);
            db.setHostName(admin->host);
            db.setPort(admin->port);
            db.setUserName(admin->user);
            db.setPassword(admin->password);
            db.setDatabaseName(admin->name);
            if (db.open())
                QSqlQuery(db).exec(u"DROP DATABASE IF EXISTS "_s + m_pgDatabase + u" WITH (FORCE)"_s);
        }
        QSqlDatabase::removeDatabase(u"test-admin"_s);
        m_pgDatabase.clear();
    }
}

bool TestServer::restart()
{
    if (!m_app)
        return false;
    const quint16 port = m_app->port();
    m_app->stop();
    m_app->database().closeThreadConnection();
    m_app.reset();
    m_env.insert(u"CONVERSA_LISTEN"_s, u"127.0.0.1:"_s + QString::number(port));
    return startApp({});
}

QUrl TestServer::baseUrl() const
{
    return QUrl(u"http://127.0.0.1:"_s + QString::number(m_app->port()));
}

ApiResponse TestServer::request(const QByteArray &method, const QString &path, const QJsonObject &body,
                                const QByteArray &token, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return requestRaw(method, path, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact),
                      "application/json", token, headers);
}

ApiResponse TestServer::requestRaw(const QByteArray &method, const QString &path, const QByteArray &body,
                                   const QByteArray &contentType, const QByteArray &token,
                                   const QList<QPair<QByteArray, QByteArray>> &headers)
{
    m_client.setAccessToken(token);
    QNetworkReply *reply = m_client.send(method, path, body, contentType, headers);
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(30000))
            qWarning("request %s %s timed out", method.constData(), qPrintable(path));
    }
    ApiResponse r = Conversa::ApiClient::read(reply);
    reply->deleteLater();
    return r;
}

qint64 TestServer::createUser(const QString &email, const QString &password, const QString &role, const QString &status,
                              const QString &firstName, const QString &lastName)
{
    const Role *r = m_app->roles().byName(role);
    if (!r)
        return 0;
    const qint64 now = nowSeconds();
    SqlQuery q(db(),
               "INSERT INTO users (email, password_hash, first_name, last_name, role_id, status, search_text, "
               "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {email.toLower(), QString::fromLatin1(PasswordHasher::hash(password)), firstName, lastName, r->id,
                status, SearchText::of({firstName, lastName, email}), now, now});
    if (!q.exec() || !q.next()) {
        qWarning("createUser failed: %s", qPrintable(q.raw().lastError().text()));
        return 0;
    }
    return q.integer(0);
}

QByteArray TestServer::login(const QString &email, const QString &password)
{
    const ApiResponse r = request("POST", u"/v1/auth/login"_s, {{u"email"_s, email}, {u"password"_s, password}});
    return r.value(u"access_token"_s).toString().toLatin1();
}

QByteArray TestServer::tokenFor(const QString &role, qint64 *userId)
{
    const QString email = u"%1%2@test.conversa"_s.arg(role).arg(++m_userSeq);
    const qint64 id = createUser(email, u"password-123"_s, role);
    if (userId)
        *userId = id;
    return login(email, u"password-123"_s);
}

QList<QJsonObject> TestServer::auditRows(const QString &action)
{
    return auditRowsSince(action, 0);
}

qint64 TestServer::auditMark()
{
    SqlQuery q(db(), "SELECT COALESCE(MAX(id), 0) FROM audit_logs");
    if (!q.exec() || !q.next()) {
        qWarning("auditMark failed: %s", qPrintable(q.raw().lastError().text()));
        return -1;
    }
    return q.integer(0);
}

QList<QJsonObject> TestServer::auditRowsSince(const QString &action, qint64 mark)
{
    QList<QJsonObject> rows;
    if (mark < 0)
        return rows;
    SqlQuery q(db(),
               "SELECT user_id, action, entity_type, entity_id, success, status_code, changes FROM audit_logs "
               "WHERE action = ? AND id > ? ORDER BY id DESC",
               {action, mark});
    if (!q.exec())
        return rows;
    while (q.next()) {
        rows.append(QJsonObject{{u"user_id"_s, q.integer(0)},
                                {u"action"_s, q.string(1)},
                                {u"entity_type"_s, q.string(2)},
                                {u"entity_id"_s, q.integer(3)},
                                {u"success"_s, q.boolean(4)},
                                {u"status_code"_s, q.integer(5)},
                                {u"changes"_s, QJsonDocument::fromJson(q.string(6).toUtf8()).object()}});
    }
    return rows;
}

qint64 TestServer::count(const QString &table, const QString &where)
{
    // Test-only helper: table and condition come from test code, never from input.
    QSqlQuery q(db().connection());
    q.exec(u"SELECT COUNT(*) FROM "_s + table + (where.isEmpty() ? QString() : u" WHERE "_s + where));
    return q.next() ? q.value(0).toLongLong() : -1;
}
