// SessionController against the real server: sign-in with and without the second factor (TOTP
// and backup code), wrong passwords, an unreachable server, "remember me" with the OS keychain
// (under dbus-run-session with gnome-keyring, CONVERSA_TEST_KEYCHAIN=1) and without one (the app
// says so and does not remember), auto-login, logout (the server refuses the old token), change
// of password, turning 2FA on with its QR code (also when the user's role requires it: held at the
// set-up until done, then signed in with the socket), and the agent's status.
#include "DesktopHarness.h"
#include "InboxController.h"
#include "TestServer.h"
#include "TokenStore.h"

#include "crypto/Jwt.h"
#include "crypto/Totp.h"
#include "domain/AuthService.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

class tst_Session : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void signIn_data();
    void signIn();
    void unreachableServer();
    void twoFactor();
    void rememberWithoutKeychain();
    void rememberWithKeychain();
    void logoutRevokes();
    void changePassword();
    void enableTwoFactor();
    void requiredTwoFactorSetup();
    void agentStatus();
    void expiredTokenRefreshedOnce();
    void refusedRefreshBackToLogin();

private:
    bool keychainExpected() const { return qEnvironmentVariableIntValue("CONVERSA_TEST_KEYCHAIN") == 1; }
    QString settingsFile() const { return m_dir.filePath(u"settings-%1.ini"_s.arg(m_seq)); }

    TestServer m_server;
    QTemporaryDir m_dir;
    QString m_service;
    int m_seq = 0;
};

namespace {

// The same access token, expired a moment ago (the server's own key signs it).
// What the keychain holds under `key` for this test's service, empty when nothing (read through
// the app's own TokenStore, waiting for its answer).
QByteArray keychainSecretOf(const QString &service, const QString &key)
{
    TokenStore store(service);
    QByteArray secret;
    bool answered = false;
    store.load(key, [&](bool ok, const QByteArray &value, const QString &) {
        secret = ok ? value : QByteArray();
        answered = true;
    });
    if (!QTest::qWaitFor([&] { return answered; }, 5000))
        return "no answer from the keychain";
    return secret;
}

QByteArray expiredCopy(TestServer &server, const QByteArray &token)
{
    const QByteArray payload = token.split('.').value(1);
    QJsonObject claims =
        QJsonDocument::fromJson(
            QByteArray::fromBase64(payload, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
            .object();
    claims.insert(u"iat"_s, nowSeconds() - AuthService::kAccessTokenSeconds - 5);
    claims.insert(u"exp"_s, nowSeconds() - 5);
    return Jwt::sign(claims, server.app().auth().jwtKey());
}

}   // namespace

void tst_Session::initTestCase()
{
    QVERIFY(m_server.start());
    QVERIFY(m_dir.isValid());
}

void tst_Session::init()
{
    ++m_seq;
    m_service = uniqueService();
}

void tst_Session::signIn_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("ok");
    QTest::addRow("right-password") << u"correct horse 1"_s << true;
    QTest::addRow("wrong-password") << u"wrong horse 1"_s << false;
}

void tst_Session::signIn()
{
    QFETCH(QString, password);
    QFETCH(bool, ok);
    const QString email = u"login%1@example.com"_s.arg(m_seq);
    const qint64 id = m_server.createUser(email, u"correct horse 1"_s, u"agent"_s, u"active"_s, u"Ana"_s, u"Ruiz"_s);
    auto ctx = makeContext(settingsFile(), m_service);
    SessionController *s = ctx->session();
    ctx->session()->login(m_server.baseUrl().toString(), email, password, false);
    QTRY_VERIFY_WITH_TIMEOUT(!s->busy(), 10000);
    if (!ok) {
        QCOMPARE(s->stage(), SessionController::SignedOut);
        QVERIFY2(!s->errorMessage().isEmpty(), "the page shows why");
        QVERIFY(ctx->online());
        return;
    }
    QCOMPARE(s->stage(), SessionController::SignedIn);
    QCOMPARE(s->userId(), id);
    QCOMPARE(s->userName(), u"Ana Ruiz"_s);
    QCOMPARE(s->role(), u"agent"_s);
    QVERIFY(!s->isSupervisor());
    QVERIFY(s->errorMessage().isEmpty());
    // The socket is opened with the new token.
    QTRY_VERIFY_WITH_TIMEOUT(ctx->socket().state() == Conversa::SocketIoClient::State::Connected, 10000);
    // The server URL and email are kept for next time, the password never.
    QSettings saved(settingsFile(), QSettings::IniFormat);
    QCOMPARE(saved.value(u"session/email"_s).toString(), email);
    QCOMPARE(QUrl(saved.value(u"session/server_url"_s).toString()).port(), m_server.port());
    QFile raw(settingsFile());
    QVERIFY(raw.open(QIODevice::ReadOnly));
    QVERIFY(!raw.readAll().contains("correct horse"));
}

void tst_Session::unreachableServer()
{
    auto ctx = makeContext(settingsFile(), m_service);
    // A port nothing listens on: the port of a server that was started and stopped.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    ctx->session()->login(u"http://127.0.0.1:%1"_s.arg(port), u"x@example.com"_s, u"whatever1"_s, false);
    QTRY_VERIFY_WITH_TIMEOUT(!ctx->session()->busy(), 10000);
    QCOMPARE(ctx->session()->stage(), SessionController::SignedOut);
    QCOMPARE(ctx->session()->errorMessage(), AppContext::errorText(Conversa::ApiError::network({})));
    QVERIFY(!ctx->online());
}

void tst_Session::twoFactor()
{
    const QString email = u"twofa%1@example.com"_s.arg(m_seq);
    m_server.createUser(email, u"correct horse 1"_s, u"agent"_s);
    const QByteArray token = m_server.login(email, u"correct horse 1"_s);
    const ApiResponse enable =
        m_server.request("POST", u"/v1/auth/2fa/enable"_s, {{u"password"_s, u"correct horse 1"_s}}, token);
    QCOMPARE(enable.status, 200);
    const QByteArray secret = enable.value(u"secret"_s).toString().toLatin1();
    const QString backup = enable.value(u"backup_codes"_s).toArray().first().toString();
    QCOMPARE(m_server
                 .request("POST", u"/v1/auth/2fa/verify"_s, {{u"code"_s, Totp::codeAt(secret, nowSeconds())}}, token)
                 .status,
             200);

    for (const bool useBackup : {false, true}) {
        auto ctx = makeContext(settingsFile(), m_service);
        SessionController *s = ctx->session();
        s->login(m_server.baseUrl().toString(), email, u"correct horse 1"_s, false);
        QTRY_COMPARE_WITH_TIMEOUT(s->stage(), SessionController::TwoFactorRequired, 10000);
        QVERIFY(ctx->api().accessToken().isEmpty());
        // A wrong code keeps the second step open and says why.
        s->verifyTwoFactor(u"000000"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!s->errorMessage().isEmpty(), 10000);
        QCOMPARE(s->stage(), SessionController::TwoFactorRequired);
        // The next step's code (the current one was spent turning 2FA on), or a backup code.
        s->verifyTwoFactor(useBackup ? backup : Totp::codeAt(secret, nowSeconds() + Totp::StepSeconds));
        QTRY_COMPARE_WITH_TIMEOUT(s->stage(), SessionController::SignedIn, 10000);
        QVERIFY(s->errorMessage().isEmpty());
        QVERIFY(s->twoFactorEnabled() || QTest::qWaitFor([&] { return s->twoFactorEnabled(); }, 5000));
    }
}

void tst_Session::rememberWithoutKeychain()
{
    if (keychainExpected())
        QSKIP("runs without a keychain (tst_desktop_session_*)");
    const QString email = u"nokeychain%1@example.com"_s.arg(m_seq);
    m_server.createUser(email, u"correct horse 1"_s, u"agent"_s);
    auto ctx = makeContext(settingsFile(), m_service);
    QVERIFY(::signIn(*ctx, m_server.baseUrl(), email, u"correct horse 1"_s, true));
    // Signed in all the same; told plainly that the login is not remembered.
    QTRY_VERIFY_WITH_TIMEOUT(!ctx->session()->notice().isEmpty(), 10000);
    QVERIFY(!ctx->session()->remembered());
    QVERIFY(!ctx->session()->rememberMe());
    // Nothing on disk to sign in with, and no auto-login next time.
    QFile raw(settingsFile());
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray saved = raw.readAll();
    QVERIFY(!saved.contains("refresh"));
    ctx.reset();
    auto next = makeContext(settingsFile(), m_service);
    QVERIFY(!next->session()->tryAutoLogin());
    QCOMPARE(next->session()->stage(), SessionController::SignedOut);
}

void tst_Session::rememberWithKeychain()
{
    if (!keychainExpected())
        QSKIP("needs a keychain: tst_desktop_session_keychain runs it under dbus-run-session and gnome-keyring");
    const QString email = u"keychain%1@example.com"_s.arg(m_seq);
    const qint64 id = m_server.createUser(email, u"correct horse 1"_s, u"agent"_s);
    {
        auto ctx = makeContext(settingsFile(), m_service);
        QVERIFY(::signIn(*ctx, m_server.baseUrl(), email, u"correct horse 1"_s, true));
        QTRY_VERIFY_WITH_TIMEOUT(ctx->session()->remembered(), 10000);
        QVERIFY2(ctx->session()->notice().isEmpty(), qPrintable(ctx->session()->notice()));
    }
    // The refresh token is not in the settings file: only in the keychain.
    QFile raw(settingsFile());
    QVERIFY(raw.open(QIODevice::ReadOnly));
    QVERIFY(!raw.readAll().contains("refresh"));
    raw.close();

    // The app starts again and signs in by itself.
    auto again = makeContext(settingsFile(), m_service);
    QSignalSpy finished(again->session(), &SessionController::autoLoginFinished);
    QVERIFY(again->session()->tryAutoLogin());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(again->session()->stage(), SessionController::SignedIn);
    QTRY_COMPARE_WITH_TIMEOUT(again->session()->userId(), id, 5000);
    // The rotated refresh token was stored again: once more works.
    QTRY_VERIFY_WITH_TIMEOUT(again->session()->remembered(), 5000);
    const QString key = again->session()->keychainKey();
    QVERIFY(!again->api().refreshToken().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(keychainSecretOf(m_service, key), again->api().refreshToken(), 5000);
    {
        auto third = makeContext(settingsFile(), m_service);
        QSignalSpy done(third->session(), &SessionController::autoLoginFinished);
        QVERIFY(third->session()->tryAutoLogin());
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().first().toBool(), true);
        // Logging out forgets it.
        third->session()->logout();
        QTRY_VERIFY_WITH_TIMEOUT(!third->session()->remembered(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(keychainSecretOf(m_service, key).isEmpty(), 5000);   // removed from the keychain
    }
    auto fourth = makeContext(settingsFile(), m_service);
    QVERIFY(!fourth->session()->tryAutoLogin());
}

void tst_Session::logoutRevokes()
{
    const QString email = u"logout%1@example.com"_s.arg(m_seq);
    m_server.createUser(email, u"correct horse 1"_s, u"agent"_s);
    auto ctx = makeContext(settingsFile(), m_service);
    QVERIFY(::signIn(*ctx, m_server.baseUrl(), email, u"correct horse 1"_s));
    const QByteArray token = ctx->session()->accessToken();
    QCOMPARE(m_server.request("GET", u"/v1/users/me"_s, {}, token).status, 200);
    QSignalSpy out(ctx->session(), &SessionController::signedOut);
    ctx->session()->logout();
    QCOMPARE(out.size(), 1);
    QCOMPARE(ctx->session()->stage(), SessionController::SignedOut);
    QCOMPARE(ctx->socket().state(), Conversa::SocketIoClient::State::Closed);
    QTRY_COMPARE_WITH_TIMEOUT(m_server.request("GET", u"/v1/users/me"_s, {}, token).status, 401, 5000);
}

void tst_Session::changePassword()
{
    const QString email = u"passwd%1@example.com"_s.arg(m_seq);
    m_server.createUser(email, u"correct horse 1"_s, u"agent"_s);
    auto ctx = makeContext(settingsFile(), m_service);
    QVERIFY(::signIn(*ctx, m_server.baseUrl(), email, u"correct horse 1"_s));
    SessionController *s = ctx->session();
    s->changePassword(u"not the password"_s, u"battery staple 2"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!s->errorMessage().isEmpty(), 5000);
    QSignalSpy changed(s, &SessionController::passwordChanged);
    s->changePassword(u"correct horse 1"_s, u"battery staple 2"_s);
    QVERIFY(changed.wait(10000));
    QVERIFY(s->errorMessage().isEmpty());
    QVERIFY(!m_server.login(email, u"battery staple 2"_s).isEmpty());
}

void tst_Session::enableTwoFactor()
{
    const QString email = u"enable%1@example.com"_s.arg(m_seq);
    m_server.createUser(email, u"correct horse 1"_s, u"agent"_s);
    auto ctx = makeContext(settingsFile(), m_service);
    QVERIFY(::signIn(*ctx, m_server.baseUrl(), email, u"correct horse 1"_s));
    SessionController *s = ctx->session();
    QTRY_VERIFY_WITH_TIMEOUT(!s->userName().isEmpty(), 5000);
    QVERIFY(!s->twoFactorEnabled());
    s->beginTwoFactorSetup(u"wrong password"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!s->errorMessage().isEmpty(), 5000);   // the server's 422
    QVERIFY(s->twoFactorQrCode().isEmpty());
    s->beginTwoFactorSetup(u"correct horse 1"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!s->twoFactorQrCode().isEmpty(), 5000);
    QVERIFY(s->twoFactorQrCode().startsWith(u"data:image/png;base64,"_s));
    QCOMPARE(s->twoFactorBackupCodes().size(), 10);
    QSignalSpy on(s, &SessionController::twoFactorEnabledNow);
    s->confirmTwoFactorSetup(Totp::codeAt(s->twoFactorSecret().toLatin1(), nowSeconds()));
    QVERIFY(on.wait(5000));
    QVERIFY(s->twoFactorEnabled());
    // The server agrees: the next login asks for the second factor.
    const ApiResponse login =
        m_server.request("POST", u"/v1/auth/login"_s, {{u"email"_s, email}, {u"password"_s, u"correct horse 1"_s}});
    QVERIFY(login.value(u"two_factor_required"_s).toBool());
}

void tst_Session::requiredTwoFactorSetup()
{
    const QByteArray admin = m_server.tokenFor(u"admin"_s);
    qint64 agentRole = 0;
    for (const QJsonValue &role : m_server.request("GET", u"/v1/roles"_s, {}, admin).object()[u"data"_s].toArray())
        if (role[u"name"_s].toString() == u"agent"_s)
            agentRole = role[u"id"_s].toInteger();
    QVERIFY(agentRole > 0);
    const auto requireForAgents = [&](bool required) {
        return m_server.request("PUT", u"/v1/roles/%1"_s.arg(agentRole), {{u"require_two_factor"_s, required}}, admin)
            .status;
    };
    QCOMPARE(requireForAgents(true), 200);
    // The other tests sign agents in without 2FA.
    const auto restore = qScopeGuard([&] { requireForAgents(false); });

    const QString email = u"required%1@example.com"_s.arg(m_seq);
    m_server.createUser(email, u"correct horse 1"_s, u"agent"_s, u"active"_s, u"Eva"_s, u"Gil"_s);
    auto ctx = makeContext(settingsFile(), m_service);
    SessionController *s = ctx->session();
    QSignalSpy signedIn(s, &SessionController::signedIn);
    s->login(m_server.baseUrl().toString(), email, u"correct horse 1"_s, false);
    QTRY_COMPARE_WITH_TIMEOUT(s->stage(), SessionController::TwoFactorSetupRequired, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!s->busy(), 5000);
    QCOMPARE(s->userName(), u"Eva Gil"_s);   // the profile is in, the workspace is not
    QCOMPARE(signedIn.count(), 0);
    QCOMPARE(ctx->socket().state(), Conversa::SocketIoClient::State::Closed);   // the server would refuse it

    s->beginTwoFactorSetup(u"correct horse 1"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!s->twoFactorQrCode().isEmpty(), 5000);
    const QByteArray secret = s->twoFactorSecret().toLatin1();
    s->confirmTwoFactorSetup(u"000000"_s == Totp::codeAt(secret, nowSeconds()) ? u"111111"_s : u"000000"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!s->errorMessage().isEmpty(), 5000);   // a wrong code: still held
    QCOMPARE(s->stage(), SessionController::TwoFactorSetupRequired);

    s->confirmTwoFactorSetup(Totp::codeAt(secret, nowSeconds()));
    QTRY_COMPARE_WITH_TIMEOUT(s->stage(), SessionController::SignedIn, 5000);
    QCOMPARE(signedIn.count(), 1);
    QVERIFY(s->twoFactorEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(ctx->socket().state() == Conversa::SocketIoClient::State::Connected, 10000);
    // The same session's token now opens the rest of the API.
    QCOMPARE(m_server.request("GET", u"/v1/chats"_s, {}, s->accessToken()).status, 200);
}

void tst_Session::agentStatus()
{
    const QString email = u"status%1@example.com"_s.arg(m_seq);
    const qint64 id = m_server.createUser(email, u"correct horse 1"_s, u"agent"_s);
    auto ctx = makeContext(settingsFile(), m_service);
    QVERIFY(::signIn(*ctx, m_server.baseUrl(), email, u"correct horse 1"_s));
    SessionController *s = ctx->session();
    s->setAgentStatus(u"paused"_s, u"Almuerzo"_s);
    QTRY_COMPARE_WITH_TIMEOUT(s->agentStatus(), u"paused"_s, 5000);
    QCOMPARE(s->agentStatusReason(), u"Almuerzo"_s);
    const QByteArray token = s->accessToken();
    const ApiResponse user = m_server.request("GET", u"/v1/users/%1"_s.arg(id), {}, token);
    QCOMPARE(user.value(u"agent_status"_s).toString(), u"paused"_s);
    s->setAgentStatus(u"available"_s);
    QTRY_COMPARE_WITH_TIMEOUT(s->agentStatus(), u"available"_s, 5000);
    QVERIFY(s->agentStatusReason().isEmpty());
}

QTEST_MAIN(tst_Session)
void tst_Session::expiredTokenRefreshedOnce()
{
    const QString email = u"expired%1@example.com"_s.arg(m_seq);
    m_server.createUser(email, u"correct horse 1"_s, u"agent"_s);
    auto ctx = makeContext(settingsFile(), m_service);
    QVERIFY(::signIn(*ctx, m_server.baseUrl(), email, u"correct horse 1"_s));
    SessionController *s = ctx->session();
    const QByteArray expired = expiredCopy(m_server, s->accessToken());
    QCOMPARE(m_server.request("GET", u"/v1/users/me"_s, {}, expired).status, 401);
    ctx->api().setTokens(expired, ctx->api().refreshToken());
    const qsizetype refreshes = m_server.auditRows(u"auth.refresh"_s).size();

    // Two calls at once with the dead token: one refresh, both done, still signed in.
    s->setAgentStatus(u"busy"_s);
    ctx->inbox()->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(s->agentStatus(), u"busy"_s, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!ctx->inbox()->busy(), 10000);
    QVERIFY2(ctx->inbox()->errorMessage().isEmpty(), qPrintable(ctx->inbox()->errorMessage()));
    QCOMPARE(m_server.auditRows(u"auth.refresh"_s).size(), refreshes + 1);
    QCOMPARE(s->stage(), SessionController::SignedIn);
    QVERIFY(s->errorMessage().isEmpty());
    QVERIFY(s->accessToken() != expired);
    QCOMPARE(m_server.request("GET", u"/v1/users/me"_s, {}, s->accessToken()).status, 200);
}

void tst_Session::refusedRefreshBackToLogin()
{
    const QString email = u"ended%1@example.com"_s.arg(m_seq);
    m_server.createUser(email, u"correct horse 1"_s, u"agent"_s);
    auto ctx = makeContext(settingsFile(), m_service);
    QVERIFY(::signIn(*ctx, m_server.baseUrl(), email, u"correct horse 1"_s));
    SessionController *s = ctx->session();
    QSignalSpy out(s, &SessionController::signedOut);
    ctx->api().setTokens(expiredCopy(m_server, s->accessToken()), "not-a-refresh-token");
    s->setAgentStatus(u"busy"_s);
    // The refresh is refused: back on the login page, saying why, the socket closed.
    QTRY_COMPARE_WITH_TIMEOUT(s->stage(), SessionController::SignedOut, 10000);
    QCOMPARE(out.size(), 1);
    QCOMPARE(s->errorMessage(), SessionController::tr("Your session has ended. Sign in again."));
    QCOMPARE(ctx->socket().state(), Conversa::SocketIoClient::State::Closed);
    QVERIFY(s->accessToken().isEmpty());
}

#include "tst_session.moc"
