// Two-factor authentication required per role (docs/API.md#two-factor-required-by-role), over
// real HTTP: the admin's setting on /v1/roles/{id} (validation, 401/403/404, its audit row), the
// login answer and /users/me of a user held back, the 403 TWO_FACTOR_SETUP_REQUIRED on every
// other route and on the socket, the routes left open (2FA, /users/me, logout, refresh), and
// everything open again once 2FA is on. SQLite and PostgreSQL.
#include "TestServer.h"

#include "crypto/Totp.h"

#include <Conversa/realtime/SocketIoClient.h>

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

const QString kPassword = u"password-123"_s;
constexpr qint64 kAgentRole = 3;

QString errorField(const ApiResponse &r)
{
    const QJsonArray details = r.object().value(u"error"_s).toObject().value(u"details"_s).toArray();
    return details.isEmpty() ? QString() : details.first().toObject().value(u"field"_s).toString();
}

}   // namespace

class tst_RoleTwoFactor : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }
    void cleanup();   // every test starts with no role requiring 2FA

    void rolesListTheSetting();
    void updateSetting_data();
    void updateSetting();
    void settingIsAudited();

    void userWithoutTwoFactorIsHeldBack();
    void openRoutesStayOpen();
    void socketIsRefusedUntilEnabled();
    void enablingTwoFactorOpensEverything();
    void otherRolesAndLiftedRequirementAreFree();

    void adminResetsTwoFactor_data();
    void adminResetsTwoFactor();

private:
    QString newEmail() { return u"role2fa%1@auth.test"_s.arg(++m_seq); }
    ApiResponse login(const QString &email)
    {
        return m_server.request("POST", u"/v1/auth/login"_s, {{u"email"_s, email}, {u"password"_s, kPassword}});
    }
    ApiResponse requireForAgents(bool required)
    {
        return m_server.request("PUT", u"/v1/roles/%1"_s.arg(kAgentRole), {{u"require_two_factor"_s, required}},
                                m_admin);
    }

    // Turns 2FA on for the user behind `token`; false on failure.
    bool enableTwoFactor(const QByteArray &token)
    {
        const ApiResponse enabled =
            m_server.request("POST", u"/v1/auth/2fa/enable"_s, {{u"password"_s, kPassword}}, token);
        const QByteArray secret = enabled.value(u"secret"_s).toString().toLatin1();
        return enabled.status == 200 &&
            m_server.request("POST", u"/v1/auth/2fa/verify"_s, {{u"code"_s, Totp::codeAt(secret, nowSeconds())}}, token)
                .status == 200;
    }

    TestServer m_server;
    QByteArray m_admin;
    int m_seq = 0;
};

void tst_RoleTwoFactor::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = m_server.tokenFor(u"admin"_s);
    QVERIFY(!m_admin.isEmpty());
}

void tst_RoleTwoFactor::cleanup()
{
    for (qint64 role = 1; role <= 3; ++role)
        m_server.request("PUT", u"/v1/roles/%1"_s.arg(role), {{u"require_two_factor"_s, false}}, m_admin);
}

void tst_RoleTwoFactor::rolesListTheSetting()
{
    QCOMPARE(requireForAgents(true).status, 200);
    const ApiResponse r = m_server.request("GET", u"/v1/roles"_s, {}, m_admin);
    QCOMPARE(r.status, 200);
    QHash<QString, bool> required;
    for (const QJsonValue &role : r.value(u"data"_s).toArray())
        required.insert(role[u"name"_s].toString(), role[u"require_two_factor"_s].toBool(true));
    QCOMPARE(required, (QHash<QString, bool>{{u"admin"_s, false}, {u"supervisor"_s, false}, {u"agent"_s, true}}));
}

void tst_RoleTwoFactor::updateSetting_data()
{
    QTest::addColumn<QString>("caller");   // admin, supervisor, agent or "" (no token)
    QTest::addColumn<qint64>("roleId");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("field");

    const QJsonObject on{{u"require_two_factor"_s, true}};
    QTest::addRow("admin-sets") << u"admin"_s << kAgentRole << on << 200 << QString() << QString();
    QTest::addRow("admin-clears") << u"admin"_s << kAgentRole << QJsonObject{{u"require_two_factor"_s, false}} << 200
                                  << QString() << QString();
    QTest::addRow("missing-field") << u"admin"_s << kAgentRole << QJsonObject{} << 422 << u"VALIDATION_ERROR"_s
                                   << u"require_two_factor"_s;
    QTest::addRow("wrong-type") << u"admin"_s << kAgentRole << QJsonObject{{u"require_two_factor"_s, u"yes"_s}} << 422
                                << u"VALIDATION_ERROR"_s << u"require_two_factor"_s;
    QTest::addRow("unknown-role") << u"admin"_s << qint64(99) << on << 404 << u"NOT_FOUND"_s << QString();
    QTest::addRow("supervisor") << u"supervisor"_s << kAgentRole << on << 403 << u"FORBIDDEN"_s << QString();
    QTest::addRow("agent") << u"agent"_s << kAgentRole << on << 403 << u"FORBIDDEN"_s << QString();
    QTest::addRow("no-token") << QString() << kAgentRole << on << 401 << u"UNAUTHENTICATED"_s << QString();
}

void tst_RoleTwoFactor::updateSetting()
{
    QFETCH(QString, caller);
    QFETCH(qint64, roleId);
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    QFETCH(QString, errorCode);
    QFETCH(QString, field);

    const QByteArray token = caller.isEmpty() ? QByteArray() : m_server.tokenFor(caller);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.request("PUT", u"/v1/roles/%1"_s.arg(roleId), body, token);
    QCOMPARE(r.status, status);
    QCOMPARE(QString::fromLatin1(r.errorCode()), errorCode);
    QCOMPARE(errorField(r), field);
    if (status == 200) {
        QCOMPARE(r.value(u"id"_s).toInteger(), roleId);
        QCOMPARE(r.value(u"name"_s).toString(), u"agent"_s);
        QCOMPARE(r.value(u"require_two_factor"_s).toBool(), body.value(u"require_two_factor"_s).toBool());
        QVERIFY(r.value(u"permissions"_s).toArray().contains(u"chats.read"_s));
    }
    // Every attempt leaves its row, refused ones too.
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"role.update"_s, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"success"_s).toBool(), status == 200);
    QCOMPARE(rows.first().value(u"status_code"_s).toInt(), status);
}

void tst_RoleTwoFactor::settingIsAudited()
{
    qint64 adminId = 0;
    const QByteArray admin = m_server.tokenFor(u"admin"_s, &adminId);
    const qint64 mark = m_server.auditMark();
    QCOMPARE(m_server.request("PUT", u"/v1/roles/2"_s, {{u"require_two_factor"_s, true}}, admin).status, 200);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"role.update"_s, mark);
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first();
    QCOMPARE(row.value(u"user_id"_s).toInteger(), adminId);
    QCOMPARE(row.value(u"entity_type"_s).toString(), u"Role"_s);
    QCOMPARE(row.value(u"entity_id"_s).toInteger(), 2);
    QCOMPARE(row.value(u"changes"_s).toObject(),
             (QJsonObject{{u"require_two_factor"_s, QJsonObject{{u"from"_s, false}, {u"to"_s, true}}}}));
}

void tst_RoleTwoFactor::userWithoutTwoFactorIsHeldBack()
{
    const QString email = newEmail();
    m_server.createUser(email, kPassword, u"agent"_s);
    QCOMPARE(requireForAgents(true).status, 200);

    // The login succeeds and says what is left to do.
    const ApiResponse signedIn = login(email);
    QCOMPARE(signedIn.status, 200);
    QCOMPARE(signedIn.value(u"two_factor_setup_required"_s), QJsonValue(true));
    const QByteArray token = signedIn.value(u"access_token"_s).toString().toLatin1();
    QVERIFY(!token.isEmpty());

    // Everything else, even what the role may do, answers 403 with its own code, and is audited.
    const qint64 mark = m_server.auditMark();
    for (const auto &[method, path] : QList<std::pair<QByteArray, QString>>{{"GET", u"/v1/chats"_s},
                                                                            {"GET", u"/v1/clients"_s},
                                                                            {"GET", u"/v1/tasks"_s},
                                                                            {"PUT", u"/v1/users/me"_s},
                                                                            {"POST", u"/v1/clients"_s}}) {
        const ApiResponse r = m_server.request(method, path, {}, token);
        QVERIFY2(r.status == 403, qPrintable(path));
        QCOMPARE(r.errorCode(), QByteArray("TWO_FACTOR_SETUP_REQUIRED"));
        QVERIFY(!r.object().value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
    }
    const QList<QJsonObject> refused = m_server.auditRowsSince(u"client.create"_s, mark);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().value(u"status_code"_s).toInt(), 403);
    QCOMPARE(refused.first().value(u"success"_s).toBool(), false);
}

void tst_RoleTwoFactor::openRoutesStayOpen()
{
    const QString email = newEmail();
    m_server.createUser(email, kPassword, u"agent"_s);
    QCOMPARE(requireForAgents(true).status, 200);
    const ApiResponse signedIn = login(email);
    const QByteArray token = signedIn.value(u"access_token"_s).toString().toLatin1();

    const ApiResponse me = m_server.request("GET", u"/v1/users/me"_s, {}, token);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.value(u"two_factor_setup_required"_s), QJsonValue(true));
    QCOMPARE(me.value(u"two_factor_enabled"_s), QJsonValue(false));

    const ApiResponse refreshed =
        m_server.request("POST", u"/v1/auth/refresh"_s,
                         {{u"refresh_token"_s, signedIn.value(u"refresh_token"_s).toString()}});
    QCOMPARE(refreshed.status, 200);
    const QByteArray fresh = refreshed.value(u"access_token"_s).toString().toLatin1();
    QCOMPARE(m_server.request("GET", u"/v1/chats"_s, {}, fresh).status, 403);

    // disable: reached (not held back), refused because there is nothing to turn off yet.
    const ApiResponse disable = m_server.request("POST", u"/v1/auth/2fa/disable"_s,
                                                 {{u"password"_s, kPassword}, {u"code"_s, u"123456"_s}}, fresh);
    QVERIFY(disable.errorCode() != "TWO_FACTOR_SETUP_REQUIRED");

    QCOMPARE(m_server.request("POST", u"/v1/auth/logout"_s, {}, fresh).status, 200);
    QCOMPARE(m_server.request("GET", u"/v1/users/me"_s, {}, fresh).status, 401);
}

void tst_RoleTwoFactor::socketIsRefusedUntilEnabled()
{
    const QString email = newEmail();
    m_server.createUser(email, kPassword, u"agent"_s);
    QCOMPARE(requireForAgents(true).status, 200);
    const QByteArray token = login(email).value(u"access_token"_s).toString().toLatin1();

    Conversa::SocketIoClient client;
    QSignalSpy refused(&client, &Conversa::SocketIoClient::connectError);
    QSignalSpy up(&client, &Conversa::SocketIoClient::connected);
    client.open(m_server.baseUrl(), token);
    QVERIFY(refused.wait(5000));
    QCOMPARE(up.count(), 0);
    client.close();
}

void tst_RoleTwoFactor::enablingTwoFactorOpensEverything()
{
    const QString email = newEmail();
    m_server.createUser(email, kPassword, u"agent"_s);
    QCOMPARE(requireForAgents(true).status, 200);
    const QByteArray token = login(email).value(u"access_token"_s).toString().toLatin1();

    const ApiResponse enabled = m_server.request("POST", u"/v1/auth/2fa/enable"_s, {{u"password"_s, kPassword}}, token);
    QCOMPARE(enabled.status, 200);
    const QByteArray secret = enabled.value(u"secret"_s).toString().toLatin1();
    QVERIFY(!secret.isEmpty());
    const ApiResponse verified =
        m_server.request("POST", u"/v1/auth/2fa/verify"_s, {{u"code"_s, Totp::codeAt(secret, nowSeconds())}}, token);
    QCOMPARE(verified.status, 200);

    // The same access token now reaches everything the role may do.
    QCOMPARE(m_server.request("GET", u"/v1/chats"_s, {}, token).status, 200);
    const ApiResponse me = m_server.request("GET", u"/v1/users/me"_s, {}, token);
    QCOMPARE(me.value(u"two_factor_setup_required"_s), QJsonValue(false));
    QCOMPARE(me.value(u"two_factor_enabled"_s), QJsonValue(true));
    Conversa::SocketIoClient client;
    QSignalSpy up(&client, &Conversa::SocketIoClient::connected);
    client.open(m_server.baseUrl(), token);
    QVERIFY(up.wait(5000));
    client.close();

    // The next login asks for the code, as for anyone with 2FA.
    QCOMPARE(login(email).value(u"two_factor_required"_s), QJsonValue(true));
}

void tst_RoleTwoFactor::otherRolesAndLiftedRequirementAreFree()
{
    const QString agent = newEmail();
    const QString supervisor = newEmail();
    m_server.createUser(agent, kPassword, u"agent"_s);
    m_server.createUser(supervisor, kPassword, u"supervisor"_s);
    QCOMPARE(requireForAgents(true).status, 200);

    const ApiResponse boss = login(supervisor);
    QCOMPARE(boss.value(u"two_factor_setup_required"_s), QJsonValue(false));
    QCOMPARE(m_server.request("GET", u"/v1/chats"_s, {}, boss.value(u"access_token"_s).toString().toLatin1()).status,
             200);

    // Lifting the requirement frees a held-back user's current token at once.
    const QByteArray token = login(agent).value(u"access_token"_s).toString().toLatin1();
    QCOMPARE(m_server.request("GET", u"/v1/chats"_s, {}, token).status, 403);
    QCOMPARE(requireForAgents(false).status, 200);
    QCOMPARE(m_server.request("GET", u"/v1/chats"_s, {}, token).status, 200);
    QCOMPARE(login(agent).value(u"two_factor_setup_required"_s), QJsonValue(false));
}

void tst_RoleTwoFactor::adminResetsTwoFactor_data()
{
    QTest::addColumn<QString>("caller");   // admin, supervisor, agent (the user themself) or "" (no token)
    QTest::addColumn<bool>("twoFactorOn");
    QTest::addColumn<bool>("unknownUser");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorCode");

    QTest::addRow("admin") << u"admin"_s << true << false << 200 << QString();
    QTest::addRow("not-enabled") << u"admin"_s << false << false << 409 << u"CONFLICT"_s;
    QTest::addRow("unknown-user") << u"admin"_s << true << true << 404 << u"NOT_FOUND"_s;
    QTest::addRow("supervisor") << u"supervisor"_s << true << false << 403 << u"FORBIDDEN"_s;
    QTest::addRow("the-user-themself") << u"agent"_s << true << false << 403 << u"FORBIDDEN"_s;
    QTest::addRow("no-token") << QString() << true << false << 401 << u"UNAUTHENTICATED"_s;
}

void tst_RoleTwoFactor::adminResetsTwoFactor()
{
    QFETCH(QString, caller);
    QFETCH(bool, twoFactorOn);
    QFETCH(bool, unknownUser);
    QFETCH(int, status);
    QFETCH(QString, errorCode);

    const QString email = newEmail();
    const qint64 userId = m_server.createUser(email, kPassword, u"agent"_s);
    const QByteArray userToken = login(email).value(u"access_token"_s).toString().toLatin1();
    if (twoFactorOn)
        QVERIFY(enableTwoFactor(userToken));
    // 2FA on ended the user's other logins, not this one.
    const QByteArray token = caller == "agent"_L1 ? userToken
        : caller.isEmpty()                        ? QByteArray()
                                                  : m_server.tokenFor(caller);
    const qint64 target = unknownUser ? 999999 : userId;

    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.request("POST", u"/v1/users/%1/reset-2fa"_s.arg(target), {}, token);
    QCOMPARE(r.status, status);
    QCOMPARE(QString::fromLatin1(r.errorCode()), errorCode);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"user.reset_2fa"_s, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"status_code"_s).toInt(), status);
    QCOMPARE(rows.first().value(u"entity_id"_s).toInteger(), target);
    if (status != 200) {
        QCOMPARE(rows.first().value(u"success"_s).toBool(), false);
        if (twoFactorOn && !unknownUser)   // still on: the next login asks for the code
            QCOMPARE(login(email).value(u"two_factor_required"_s), QJsonValue(true));
        return;
    }
    QCOMPARE(r.value(u"id"_s).toInteger(), userId);
    QCOMPARE(r.value(u"two_factor_enabled"_s), QJsonValue(false));
    QCOMPARE(rows.first().value(u"success"_s).toBool(), true);
    QCOMPARE(rows.first().value(u"changes"_s).toObject(),
             (QJsonObject{{u"two_factor_enabled"_s, QJsonObject{{u"from"_s, true}, {u"to"_s, false}}}}));

    // The user's logins ended; the password alone signs in again, and 2FA can be set up anew.
    QCOMPARE(m_server.request("GET", u"/v1/users/me"_s, {}, userToken).status, 401);
    const ApiResponse again = login(email);
    QCOMPARE(again.status, 200);
    QVERIFY(!again.value(u"access_token"_s).toString().isEmpty());
    QCOMPARE(again.value(u"two_factor_setup_required"_s), QJsonValue(false));
    QVERIFY(enableTwoFactor(again.value(u"access_token"_s).toString().toLatin1()));
}

QTEST_GUILESS_MAIN(tst_RoleTwoFactor)
#include "tst_role_two_factor.moc"
