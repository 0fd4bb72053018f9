#pragma once

#include "app/ServerApp.h"

#include <Conversa/api/ApiClient.h>

#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include <functional>
#include <memory>

using Conversa::ApiResponse;

// The real server, in-process, on a free loopback port, against a fresh database of the engine
// named by CONVERSA_TEST_ENGINE (sqlite, the default, or postgresql on the cluster given in
// CONVERSA_TEST_PG_URL, which scripts/test starts).
class TestServer {
public:
    TestServer();
    ~TestServer();

    // Starts with the given extra CONVERSA_* settings; false (and a QWARN) on failure.
    // beforeStart may add modules (probe routes) to the app.
    bool start(const QHash<QString, QString> &settings = {},
               const std::function<void(Conversa::Server::ServerApp &)> &beforeStart = {});
    void stop();
    // Stops the server and starts a new one on the same port, data dir and database (a restart).
    bool restart();

    static QString engine();
    Conversa::Server::ServerApp &app() { return *m_app; }
    Conversa::Server::Database &db() { return m_app->database(); }
    QUrl baseUrl() const;
    quint16 port() const { return m_app->port(); }
    const QString &dataDir() const { return m_dataDirPath; }

    // Synchronous HTTP for tests: token may be empty; language "es" unless given.
    ApiResponse request(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                        const QByteArray &token = {}, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    ApiResponse requestRaw(const QByteArray &method, const QString &path, const QByteArray &body,
                           const QByteArray &contentType, const QByteArray &token = {},
                           const QList<QPair<QByteArray, QByteArray>> &headers = {});

    // A user straight in the database (role: admin, supervisor or agent); returns the id.
    qint64 createUser(const QString &email, const QString &password, const QString &role,
                      const QString &status = QStringLiteral("active"),
                      const QString &firstName = QStringLiteral("Test"),
                      const QString &lastName = QStringLiteral("User"));
    // Logs in through the API; returns the access token (empty on failure).
    QByteArray login(const QString &email, const QString &password);
    // Creates a user of that role and logs in: the token.
    QByteArray tokenFor(const QString &role, qint64 *userId = nullptr);

    // Audit rows for an action, newest first, as {user_id, action, entity_type, entity_id, success, status_code, changes}.
    QList<QJsonObject> auditRows(const QString &action);
    // The newest audit row's id (0 when there is none), taken before a request, so that
    // auditRowsSince() gives the rows it wrote and none an earlier request or test left.
    qint64 auditMark();
    QList<QJsonObject> auditRowsSince(const QString &action, qint64 mark);
    qint64 count(const QString &table, const QString &where = {});

private:
    bool startApp(const std::function<void(Conversa::Server::ServerApp &)> &beforeStart);

    QTemporaryDir m_dataDir;
    QString m_dataDirPath;
    QString m_pgDatabase;
    QString m_pgAdminUrl;
    std::unique_ptr<Conversa::Server::ServerApp> m_app;
    QHash<QString, QString> m_env;   // the settings the server was started with
    QNetworkAccessManager m_network;
    Conversa::ApiClient m_client{&m_network};
    int m_userSeq = 0;
};
