// /v1/auth over real HTTP: login and its throttling, refresh-token rotation and reuse detection,
// logout, password change, suspension taking effect at once, and TOTP two-factor end to end; the
// password checks of signed-in users throttled like logins, attempts counted before their hash
// (concurrent guesses), and backup codes stored as keyed hashes.
#include "ExpectedRoles.h"
#include "TestServer.h"

#include "crypto/RandomToken.h"
#include "crypto/Totp.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

const QString kPassword = u"password-123"_s;
const QList<QPair<QByteArray, QByteArray>> kEnglish = {{"Accept-Language", "en"}};

QString errorMessage(const ApiResponse &r)
{
    return r.object().value(u"error"_s).toObject().value(u"message"_s).toString();
}

// A six-digit code that is none of the codes valid around now, so a "wrong code" is really wrong.
QString wrongCode(const QByteArray &secret)
{
    const qint64 now = nowSeconds();
    QStringList valid;
    for (qint64 step = -2; step <= 2; ++step)
        valid.append(Totp::codeAt(secret, now + step * Totp::StepSeconds));
    for (int n = 0;; ++n) {
        const QString candidate = QString::number(100000 + n * 7919);
        if (!valid.contains(candidate))
            return candidate;
    }
}

}   // namespace

class tst_Auth : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void loginReturnsTokensAndUser();
    void loginValidation_data();
    void loginValidation();
    void loginMalformedJson();
    void wrongPasswordAndUnknownEmail();
    void throttlingPerEmail();
    void throttlingPerIp();
    void apiRateLimitPerUser();

    void refreshRotatesAndDetectsReuse();
    void refreshRefusals();
    void logoutRevokesTheSession();
    void changePassword();
    void blockedUsersLoseAccessAtOnce_data();
    void blockedUsersLoseAccessAtOnce();

    void twoFactorEndToEnd();
    void twoFactorChallengeDiesAfterFiveWrongCodes();
    void twoFactorRefusals();
    void concurrentGuessesAreAllCounted();
    void ownPasswordChecksAreThrottled();
    void legacyBackupCodesStillWork();
    void publicWorkIsBounded();
    void adminClearsALock();
    void knownAddressIsNotLockedOut();

private:
    QString newEmail(const QString &prefix) { return u"%1%2@auth.test"_s.arg(prefix).arg(++m_seq); }
    ApiResponse login(const QString &email, const QString &password = kPassword,
                      const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return m_server.request("POST", u"/v1/auth/login"_s, {{u"email"_s, email}, {u"password"_s, password}}, {},
                                headers);
    }
    ApiResponse refresh(const QString &refreshToken)
    {
        return m_server.request("POST", u"/v1/auth/refresh"_s, {{u"refresh_token"_s, refreshToken}});
    }
    // 422 when the token is accepted (the empty body fails validation), 401 when it is not.
    int probe(const QByteArray &token, TestServer *server = nullptr)
    {
        return (server ? server : &m_server)->request("PUT", u"/v1/auth/change-password"_s, {}, token).status;
    }
    bool exec(const char *sql, std::initializer_list<QVariant> values)
    {
        SqlQuery q(m_server.db(), sql, values);
        return q.exec();
    }
    // Turns 2FA on for the user behind `token`; returns the secret and fills `backupCodes`.
    QByteArray enableTwoFactor(const QByteArray &token, QStringList *backupCodes);

    TestServer m_server;
    int m_seq = 0;
};

void tst_Auth::initTestCase()
{
    QVERIFY(m_server.start());
}

void tst_Auth::loginReturnsTokensAndUser()
{
    const QString email = newEmail(u"juan"_s);
    const qint64 id = m_server.createUser(email, kPassword, u"agent"_s, u"active"_s, u"Juan"_s, u"Pérez"_s);
    const qint64 before = nowSeconds();
    const qint64 mark = m_server.auditMark();
    // Emails are matched without regard to case.
    const ApiResponse r = login(email.toUpper());
    QCOMPARE(r.status, 200);

    const QByteArray access = r.value(u"access_token"_s).toString().toLatin1();
    const QString refreshToken = r.value(u"refresh_token"_s).toString();
    QCOMPARE(access.count('.'), 2);
    QVERIFY(refreshToken.size() >= 43);   // 256 random bits
    QCOMPARE(r.value(u"expires_in"_s).toInt(), 3600);

    const QJsonObject user = r.value(u"user"_s).toObject();
    QCOMPARE(user.value(u"id"_s).toInteger(), id);
    QCOMPARE(user.value(u"email"_s).toString(), email);
    QCOMPARE(user.value(u"first_name"_s).toString(), u"Juan"_s);
    QCOMPARE(user.value(u"last_name"_s).toString(), u"Pérez"_s);
    const QJsonObject role = user.value(u"role"_s).toObject();
    QCOMPARE(role.value(u"id"_s).toInteger(), ExpectedRoles::agent().id);
    QCOMPARE(role.value(u"name"_s).toString(), u"agent"_s);
    QCOMPARE(role.value(u"display_name"_s).toString(), u"Agente"_s);
    QStringList permissions;
    for (const QJsonValue &p : user.value(u"permissions"_s).toArray())
        permissions.append(p.toString());
    QVERIFY(!permissions.isEmpty());
    QVERIFY(std::is_sorted(permissions.begin(), permissions.end()));
    QCOMPARE(permissions, ExpectedRoles::agent().permissions);

    QCOMPARE(probe(access), 422);

    // The refresh token is stored hashed; the login is a 30-day session with where it came from.
    const QString hash = QString::fromLatin1(RandomToken::sha256Hex(refreshToken.toLatin1()));
    QCOMPARE(m_server.count(u"refresh_tokens"_s, u"token_hash = '%1'"_s.arg(hash)), 1);
    QCOMPARE(m_server.count(u"refresh_tokens"_s, u"token_hash = '%1'"_s.arg(refreshToken)), 0);
    QCOMPARE(m_server
                 .count(u"auth_sessions"_s,
                        u"user_id = %1 AND revoked_at IS NULL AND ip_address = '127.0.0.1' AND user_agent IS NOT NULL "
                        "AND expires_at >= %2"_s.arg(id)
                            .arg(before + 30 * 24 * 3600)),
             1);
    QCOMPARE(m_server.count(u"users"_s, u"id = %1 AND last_login_at >= %2"_s.arg(id).arg(before)), 1);
    QCOMPARE(m_server.count(u"login_attempts"_s, u"email = '%1' AND success = TRUE"_s.arg(email)), 1);

    const QList<QJsonObject> logins = m_server.auditRowsSince(u"auth.login"_s, mark);
    QCOMPARE(logins.size(), 1);
    const QJsonObject audit = logins.first();
    QCOMPARE(audit.value(u"success"_s).toBool(), true);
    QCOMPARE(audit.value(u"user_id"_s).toInteger(), id);
    QCOMPARE(audit.value(u"entity_type"_s).toString(), u"User"_s);
    QCOMPARE(audit.value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(m_server.count(u"audit_logs"_s, u"changes LIKE '%%1%'"_s.arg(kPassword)), 0);
}

void tst_Auth::loginValidation_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QStringList>("fields");

    QTest::addRow("empty") << QJsonObject{} << QStringList{u"email"_s, u"password"_s};
    QTest::addRow("missing-email") << QJsonObject{{u"password"_s, kPassword}} << QStringList{u"email"_s};
    QTest::addRow("invalid-email") << QJsonObject{{u"email"_s, u"not-an-email"_s}, {u"password"_s, kPassword}}
                                   << QStringList{u"email"_s};
    QTest::addRow("email-not-text") << QJsonObject{{u"email"_s, 42}, {u"password"_s, kPassword}}
                                    << QStringList{u"email"_s};
    QTest::addRow("missing-password") << QJsonObject{{u"email"_s, u"someone@auth.test"_s}}
                                      << QStringList{u"password"_s};
    QTest::addRow("empty-password") << QJsonObject{{u"email"_s, u"someone@auth.test"_s}, {u"password"_s, u""_s}}
                                    << QStringList{u"password"_s};
    QTest::addRow("password-not-text") << QJsonObject{{u"email"_s, u"someone@auth.test"_s}, {u"password"_s, true}}
                                       << QStringList{u"password"_s};
}

void tst_Auth::loginValidation()
{
    QFETCH(QJsonObject, body);
    QFETCH(QStringList, fields);
    // An empty object is sent as "{}" so the router parses a body.
    const ApiResponse r = m_server.requestRaw("POST", u"/v1/auth/login"_s,
                                              QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json");
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QCOMPARE(r.errorFields(), fields);
}

void tst_Auth::loginMalformedJson()
{
    const ApiResponse r = m_server.requestRaw("POST", u"/v1/auth/login"_s, "{\"email\":", "application/json");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QByteArray("BAD_REQUEST"));
}

void tst_Auth::wrongPasswordAndUnknownEmail()
{
    const QString email = newEmail(u"wrong"_s);
    const qint64 id = m_server.createUser(email, kPassword, u"agent"_s);

    qint64 mark = m_server.auditMark();
    const ApiResponse wrong = login(email, u"not-the-password"_s, kEnglish);
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.errorCode(), QByteArray("UNAUTHENTICATED"));
    QCOMPARE(errorMessage(wrong), u"The email or password is incorrect"_s);
    QVERIFY(wrong.value(u"access_token"_s).isUndefined());
    QList<QJsonObject> logins = m_server.auditRowsSince(u"auth.login"_s, mark);
    QCOMPARE(logins.size(), 1);
    QJsonObject audit = logins.first();
    QCOMPARE(audit.value(u"success"_s).toBool(), false);
    QCOMPARE(audit.value(u"status_code"_s).toInteger(), 401);
    QCOMPARE(audit.value(u"user_id"_s).toInteger(), id);
    QCOMPARE(audit.value(u"entity_type"_s).toString(), u"User"_s);
    QCOMPARE(audit.value(u"entity_id"_s).toInteger(), id);

    // Same answer for an account that does not exist: nothing tells the two apart.
    mark = m_server.auditMark();
    const ApiResponse unknown = login(newEmail(u"nobody"_s), kPassword, kEnglish);
    QCOMPARE(unknown.status, 401);
    QCOMPARE(unknown.body, wrong.body);
    logins = m_server.auditRowsSince(u"auth.login"_s, mark);
    QCOMPARE(logins.size(), 1);
    audit = logins.first();
    QCOMPARE(audit.value(u"success"_s).toBool(), false);
    QCOMPARE(audit.value(u"user_id"_s).toInteger(), 0);

    QCOMPARE(m_server.count(u"login_attempts"_s, u"email = '%1' AND success = FALSE"_s.arg(email)), 1);
    QCOMPARE(m_server.count(u"audit_logs"_s, u"changes LIKE '%not-the-password%'"_s), 0);
}

void tst_Auth::throttlingPerEmail()
{
    const QString email = newEmail(u"locked"_s);
    const QString other = newEmail(u"free"_s);
    m_server.createUser(email, kPassword, u"agent"_s);
    m_server.createUser(other, kPassword, u"agent"_s);

    for (int i = 0; i < 5; ++i)
        QCOMPARE(login(email, u"guess-%1"_s.arg(i)).status, 401);

    // Locked now, even for the right password, for the rest of the 15-minute window.
    const qint64 mark = m_server.auditMark();
    ApiResponse r = login(email);
    QCOMPARE(r.status, 429);
    QCOMPARE(r.errorCode(), QByteArray("RATE_LIMITED"));
    const int retryAfter = r.header("Retry-After").toInt();
    QVERIFY2(retryAfter > 890 && retryAfter <= 900, r.header("Retry-After").constData());
    const QList<QJsonObject> logins = m_server.auditRowsSince(u"auth.login"_s, mark);
    QCOMPARE(logins.size(), 1);
    const QJsonObject audit = logins.first();
    QCOMPARE(audit.value(u"success"_s).toBool(), false);
    QCOMPARE(audit.value(u"status_code"_s).toInteger(), 429);

    // Another email is not affected.
    QCOMPARE(login(other).status, 200);

    // Hammering a locked email is refused without counting as more failures (checked below).
    for (int i = 0; i < 5; ++i)
        QCOMPARE(login(email).status, 429);

    // Retry-After counts down to the moment the oldest failure leaves the window.
    QVERIFY(exec("UPDATE login_attempts SET created_at = created_at - 880 WHERE email = ? AND reason <> 'throttled'",
                 {email}));
    r = login(email);
    QCOMPARE(r.status, 429);
    QVERIFY2(r.header("Retry-After").toInt() >= 1 && r.header("Retry-After").toInt() <= 20,
             r.header("Retry-After").constData());

    // Once the failures are older than 15 minutes the right password works again: the refused
    // (429) attempts are recorded but do not extend the lock.
    QVERIFY(exec("UPDATE login_attempts SET created_at = created_at - 30 WHERE email = ? AND reason <> 'throttled'",
                 {email}));
    QCOMPARE(m_server.count(u"login_attempts"_s, u"email = '%1' AND reason = 'throttled'"_s.arg(email)), 7);
    QCOMPARE(login(email).status, 200);
}

void tst_Auth::throttlingPerIp()
{
    TestServer server;
    QVERIFY(server.start({{u"CONVERSA_LOGIN_IP_LIMIT"_s, u"8"_s}}));
    QStringList emails;
    for (int i = 0; i < 5; ++i) {
        emails.append(newEmail(u"ip"_s));
        server.createUser(emails.last(), kPassword, u"agent"_s);
    }
    // Two failures per email stay under the per-email limit; eight reach the IP's.
    for (int i = 0; i < 4; ++i) {
        for (int n = 0; n < 2; ++n) {
            const ApiResponse r = server.request("POST", u"/v1/auth/login"_s,
                                                 {{u"email"_s, emails[i]}, {u"password"_s, u"wrong-password"_s}});
            QCOMPARE(r.status, 401);
        }
    }
    const ApiResponse r =
        server.request("POST", u"/v1/auth/login"_s, {{u"email"_s, emails[4]}, {u"password"_s, kPassword}});
    QCOMPARE(r.status, 429);
    QCOMPARE(r.errorCode(), QByteArray("RATE_LIMITED"));
    QVERIFY(r.header("Retry-After").toInt() > 0);
}

void tst_Auth::apiRateLimitPerUser()
{
    TestServer server;
    QVERIFY(server.start({{u"CONVERSA_API_RATE_LIMIT"_s, u"5"_s}}));
    const QByteArray token = server.tokenFor(u"agent"_s);
    QVERIFY(!token.isEmpty());
    for (int i = 0; i < 5; ++i)
        QCOMPARE(probe(token, &server), 422);
    const ApiResponse r = server.request("PUT", u"/v1/auth/change-password"_s, {}, token);
    QCOMPARE(r.status, 429);
    QCOMPARE(r.errorCode(), QByteArray("RATE_LIMITED"));
    const int retryAfter = r.header("Retry-After").toInt();
    QVERIFY2(retryAfter >= 1 && retryAfter <= 60, r.header("Retry-After").constData());
}

void tst_Auth::refreshRotatesAndDetectsReuse()
{
    const QString email = newEmail(u"rotate"_s);
    const qint64 id = m_server.createUser(email, kPassword, u"agent"_s);
    const ApiResponse first = login(email);
    QCOMPARE(first.status, 200);
    const QByteArray access1 = first.value(u"access_token"_s).toString().toLatin1();
    const QString refresh1 = first.value(u"refresh_token"_s).toString();

    qint64 mark = m_server.auditMark();
    const ApiResponse second = refresh(refresh1);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.object().keys(), (QStringList{u"access_token"_s, u"expires_in"_s, u"refresh_token"_s}));
    QCOMPARE(second.value(u"expires_in"_s).toInt(), 3600);
    const QByteArray access2 = second.value(u"access_token"_s).toString().toLatin1();
    const QString refresh2 = second.value(u"refresh_token"_s).toString();
    QVERIFY(access2 != access1);
    QVERIFY(refresh2 != refresh1);
    QCOMPARE(probe(access2), 422);
    QList<QJsonObject> refreshes = m_server.auditRowsSince(u"auth.refresh"_s, mark);
    QCOMPARE(refreshes.size(), 1);
    QJsonObject audit = refreshes.first();
    QCOMPARE(audit.value(u"success"_s).toBool(), true);
    QCOMPARE(audit.value(u"user_id"_s).toInteger(), id);
    QCOMPARE(audit.value(u"entity_id"_s).toInteger(), id);

    // The retired token again: someone else has it, so the whole login ends.
    mark = m_server.auditMark();
    const ApiResponse reuse = refresh(refresh1);
    QCOMPARE(reuse.status, 401);
    QCOMPARE(reuse.errorCode(), QByteArray("UNAUTHENTICATED"));
    QCOMPARE(m_server.count(u"auth_sessions"_s, u"user_id = %1 AND revoked_reason = 'refresh_reuse'"_s.arg(id)), 1);
    refreshes = m_server.auditRowsSince(u"auth.refresh"_s, mark);
    QCOMPARE(refreshes.size(), 1);
    audit = refreshes.first();
    QCOMPARE(audit.value(u"success"_s).toBool(), false);
    QCOMPARE(audit.value(u"user_id"_s).toInteger(), id);

    QCOMPARE(refresh(refresh2).status, 401);
    QCOMPARE(probe(access2), 401);
    QCOMPARE(probe(access1), 401);
    QCOMPARE(m_server.count(u"audit_logs"_s, u"changes LIKE '%%1%'"_s.arg(refresh1)), 0);
}

void tst_Auth::refreshRefusals()
{
    ApiResponse r = m_server.requestRaw("POST", u"/v1/auth/refresh"_s, "{}", "application/json");
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"refresh_token"_s});

    r = refresh(QString::fromLatin1(RandomToken::urlSafe(32)));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), QByteArray("UNAUTHENTICATED"));

    // An expired login cannot be refreshed.
    const QString email = newEmail(u"expired"_s);
    const qint64 id = m_server.createUser(email, kPassword, u"agent"_s);
    const ApiResponse signedIn = login(email);
    QCOMPARE(signedIn.status, 200);
    QVERIFY(exec("UPDATE auth_sessions SET expires_at = ? WHERE user_id = ?", {nowSeconds() - 1, id}));
    QCOMPARE(refresh(signedIn.value(u"refresh_token"_s).toString()).status, 401);
}

void tst_Auth::logoutRevokesTheSession()
{
    const QString email = newEmail(u"logout"_s);
    const qint64 id = m_server.createUser(email, kPassword, u"agent"_s);
    const ApiResponse a = login(email);
    const ApiResponse b = login(email);
    QCOMPARE(a.status, 200);
    QCOMPARE(b.status, 200);
    const QByteArray tokenA = a.value(u"access_token"_s).toString().toLatin1();
    const QByteArray tokenB = b.value(u"access_token"_s).toString().toLatin1();

    qint64 mark = m_server.auditMark();
    ApiResponse r = m_server.request("POST", u"/v1/auth/logout"_s, {}, tokenA, kEnglish);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"message"_s).toString(), u"Signed out successfully"_s);
    QList<QJsonObject> logouts = m_server.auditRowsSince(u"auth.logout"_s, mark);
    QCOMPARE(logouts.size(), 1);
    const QJsonObject audit = logouts.first();
    QCOMPARE(audit.value(u"success"_s).toBool(), true);
    QCOMPARE(audit.value(u"user_id"_s).toInteger(), id);
    QCOMPARE(audit.value(u"entity_type"_s).toString(), u"User"_s);
    QCOMPARE(audit.value(u"entity_id"_s).toInteger(), id);

    // The access token and the refresh token of that login are dead at once; the other login lives.
    QCOMPARE(probe(tokenA), 401);
    mark = m_server.auditMark();
    r = m_server.request("POST", u"/v1/auth/logout"_s, {}, tokenA);
    QCOMPARE(r.status, 401);
    logouts = m_server.auditRowsSince(u"auth.logout"_s, mark);
    QCOMPARE(logouts.size(), 1);
    QCOMPARE(logouts.first().value(u"status_code"_s).toInteger(), 401);
    QCOMPARE(refresh(a.value(u"refresh_token"_s).toString()).status, 401);
    QCOMPARE(probe(tokenB), 422);

    QCOMPARE(m_server.request("POST", u"/v1/auth/logout"_s).status, 401);
}

void tst_Auth::changePassword()
{
    const QString email = newEmail(u"change"_s);
    const qint64 id = m_server.createUser(email, kPassword, u"agent"_s);
    const ApiResponse current = login(email);
    const ApiResponse other = login(email);
    const QByteArray token = current.value(u"access_token"_s).toString().toLatin1();
    const QByteArray otherToken = other.value(u"access_token"_s).toString().toLatin1();
    QVERIFY(!token.isEmpty() && !otherToken.isEmpty());
    const QString newPassword = u"brand-new-secret-9"_s;

    const auto change = [&](const QJsonObject &body) {
        return m_server.request("PUT", u"/v1/auth/change-password"_s, body, token, kEnglish);
    };
    qint64 mark = m_server.auditMark();
    ApiResponse r = change({{u"current_password"_s, u"not-my-password"_s}, {u"new_password"_s, newPassword}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"current_password"_s});
    QList<QJsonObject> changeRows = m_server.auditRowsSince(u"auth.change_password"_s, mark);
    QCOMPARE(changeRows.size(), 1);
    QCOMPARE(changeRows.first().value(u"success"_s).toBool(), false);

    r = change({{u"current_password"_s, kPassword}, {u"new_password"_s, u"short"_s}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"new_password"_s});
    r = change({{u"current_password"_s, kPassword}, {u"new_password"_s, kPassword}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"new_password"_s});
    r = change({});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), (QStringList{u"current_password"_s, u"new_password"_s}));
    QCOMPARE(probe(otherToken), 422);   // nothing changed so far

    mark = m_server.auditMark();
    r = change({{u"current_password"_s, kPassword}, {u"new_password"_s, newPassword}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"message"_s).toString(), u"Password updated successfully"_s);
    changeRows = m_server.auditRowsSince(u"auth.change_password"_s, mark);
    QCOMPARE(changeRows.size(), 1);
    const QJsonObject audit = changeRows.first();
    QCOMPARE(audit.value(u"success"_s).toBool(), true);
    QCOMPARE(audit.value(u"entity_id"_s).toInteger(), id);
    const QByteArray changes = QJsonDocument(audit.value(u"changes"_s).toObject()).toJson();
    QVERIFY(!changes.contains(kPassword.toUtf8()));
    QVERIFY(!changes.contains(newPassword.toUtf8()));

    // The other login is revoked; this one keeps working.
    QCOMPARE(probe(otherToken), 401);
    QCOMPARE(probe(token), 422);
    QCOMPARE(login(email).status, 401);
    QCOMPARE(login(email, newPassword).status, 200);

    QCOMPARE(m_server
                 .request("PUT", u"/v1/auth/change-password"_s,
                          {{u"current_password"_s, newPassword}, {u"new_password"_s, kPassword}})
                 .status,
             401);
}

void tst_Auth::blockedUsersLoseAccessAtOnce_data()
{
    QTest::addColumn<QByteArray>("sql");
    QTest::addColumn<QString>("loginMessage");

    QTest::addRow("suspended") << QByteArray("UPDATE users SET status = 'suspended' WHERE id = ?")
                               << u"This account is not active"_s;
    QTest::addRow("inactive") << QByteArray("UPDATE users SET status = 'inactive' WHERE id = ?")
                              << u"This account is not active"_s;
    QTest::addRow("deleted") << QByteArray("UPDATE users SET deleted_at = 1700000000 WHERE id = ?")
                             << u"The email or password is incorrect"_s;
}

void tst_Auth::blockedUsersLoseAccessAtOnce()
{
    QFETCH(QByteArray, sql);
    QFETCH(QString, loginMessage);
    const QString email = newEmail(u"blocked"_s);
    const qint64 id = m_server.createUser(email, kPassword, u"agent"_s);
    const ApiResponse signedIn = login(email);
    const QByteArray token = signedIn.value(u"access_token"_s).toString().toLatin1();
    QCOMPARE(probe(token), 422);

    SqlQuery q(m_server.db(), sql.constData(), {id});
    QVERIFY(q.exec());

    QCOMPARE(probe(token), 401);
    QCOMPARE(refresh(signedIn.value(u"refresh_token"_s).toString()).status, 401);
    const ApiResponse again = login(email, kPassword, kEnglish);
    QCOMPARE(again.status, 401);
    QCOMPARE(errorMessage(again), loginMessage);
}

QByteArray tst_Auth::enableTwoFactor(const QByteArray &token, QStringList *backupCodes)
{
    const ApiResponse enabled =
        m_server.request("POST", u"/v1/auth/2fa/enable"_s, {{u"password"_s, kPassword}}, token);
    if (enabled.status != 200)
        return {};
    const QByteArray secret = enabled.value(u"secret"_s).toString().toLatin1();
    for (const QJsonValue &c : enabled.value(u"backup_codes"_s).toArray())
        backupCodes->append(c.toString());
    const ApiResponse verified =
        m_server.request("POST", u"/v1/auth/2fa/verify"_s, {{u"code"_s, Totp::codeAt(secret, nowSeconds())}}, token);
    return verified.status == 200 ? secret : QByteArray();
}

void tst_Auth::twoFactorEndToEnd()
{
    const QString email = newEmail(u"totp"_s);
    const qint64 id = m_server.createUser(email, kPassword, u"supervisor"_s);
    const QByteArray token = login(email).value(u"access_token"_s).toString().toLatin1();
    QVERIFY(!token.isEmpty());

    // Enabling needs the current password.
    ApiResponse r = m_server.request("POST", u"/v1/auth/2fa/enable"_s, {}, token);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"password"_s});
    r = m_server.request("POST", u"/v1/auth/2fa/enable"_s, {{u"password"_s, u"not-my-password"_s}}, token);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"password"_s});
    QCOMPARE(m_server.count(u"users"_s, u"id = %1 AND two_factor_pending_secret IS NULL"_s.arg(id)), 1);
    QCOMPARE(m_server.count(u"login_attempts"_s,
                            u"email = '%1' AND reason = 'two_factor_enable' AND success = FALSE"_s.arg(email)),
             1);

    // Enable: the secret, its QR code and ten backup codes; stored sealed and hashed.
    qint64 mark = m_server.auditMark();
    r = m_server.request("POST", u"/v1/auth/2fa/enable"_s, {{u"password"_s, kPassword}}, token);
    QCOMPARE(r.status, 200);
    const QByteArray secret = r.value(u"secret"_s).toString().toLatin1();
    QCOMPARE(secret.size(), 32);
    QVERIFY(r.value(u"qr_code"_s).toString().startsWith(u"data:image/png;base64,"_s));
    QStringList backup;
    for (const QJsonValue &c : r.value(u"backup_codes"_s).toArray())
        backup.append(c.toString());
    QCOMPARE(backup.size(), 10);
    QCOMPARE(QSet<QString>(backup.begin(), backup.end()).size(), 10);
    QCOMPARE(m_server.count(u"user_backup_codes"_s, u"user_id = %1 AND used_at IS NULL"_s.arg(id)), 10);
    QCOMPARE(m_server.count(u"user_backup_codes"_s, u"code_hash = '%1'"_s.arg(backup.first())), 0);
    // Keyed: neither the plain SHA-256 the codes once had, nor anything but "h1:" hashes.
    QCOMPARE(m_server.count(u"user_backup_codes"_s, u"user_id = %1 AND code_hash LIKE 'h1:%'"_s.arg(id)), 10);
    QCOMPARE(m_server.count(u"user_backup_codes"_s,
                            u"code_hash = '%1'"_s.arg(QString::fromLatin1(RandomToken::legacyBackupCodeHash(backup[0])))),
             0);
    QCOMPARE(m_server.count(u"users"_s,
                            u"id = %1 AND two_factor_enabled = FALSE AND two_factor_pending_secret LIKE 'v1:%'"_s.arg(
                                id)),
             1);
    QCOMPARE(m_server.count(u"users"_s, u"two_factor_pending_secret LIKE '%%1%'"_s.arg(QString::fromLatin1(secret))),
             0);
    const QList<QJsonObject> enables = m_server.auditRowsSince(u"auth.2fa_enable"_s, mark);
    QCOMPARE(enables.size(), 1);
    QJsonObject audit = enables.first();
    QCOMPARE(audit.value(u"success"_s).toBool(), true);
    QCOMPARE(audit.value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(m_server.count(u"audit_logs"_s, u"changes LIKE '%%1%'"_s.arg(QString::fromLatin1(secret))), 0);

    // Not active until verified: the password alone still signs in.
    r = login(email);
    QCOMPARE(r.status, 200);
    QVERIFY(r.object().contains(u"access_token"_s));

    r = m_server.request("POST", u"/v1/auth/2fa/verify"_s, {{u"code"_s, wrongCode(secret)}}, token);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"code"_s});
    const ApiResponse otherLogin = login(email);   // with the password alone, before 2FA is on
    const QByteArray otherToken = otherLogin.value(u"access_token"_s).toString().toLatin1();
    QCOMPARE(probe(otherToken), 422);
    mark = m_server.auditMark();
    r = m_server.request("POST", u"/v1/auth/2fa/verify"_s, {{u"code"_s, Totp::codeAt(secret, nowSeconds())}}, token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object(), (QJsonObject{{u"enabled"_s, true}}));
    // Turning it on ends the logins made without it, not the caller's.
    QCOMPARE(probe(otherToken), 401);
    QCOMPARE(probe(token), 422);
    QList<QJsonObject> verifies = m_server.auditRowsSince(u"auth.2fa_verify"_s, mark);
    QCOMPARE(verifies.size(), 1);
    audit = verifies.first();
    QCOMPARE(audit.value(u"success"_s).toBool(), true);
    QCOMPARE(audit.value(u"user_id"_s).toInteger(), id);
    QCOMPARE(m_server.request("POST", u"/v1/auth/2fa/enable"_s, {{u"password"_s, kPassword}}, token).status, 409);

    // Login now stops at the second factor.
    r = login(email);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"two_factor_required"_s).toBool(), true);
    QCOMPARE(r.value(u"expires_in"_s).toInt(), 300);
    QVERIFY(!r.object().contains(u"access_token"_s));
    QVERIFY(!r.object().contains(u"refresh_token"_s));
    const QString challenge = r.value(u"two_factor_token"_s).toString();
    QVERIFY(!challenge.isEmpty());

    const auto step = [&](const QString &challengeToken, const QString &code) {
        return m_server.request("POST", u"/v1/auth/2fa/verify"_s,
                                {{u"two_factor_token"_s, challengeToken}, {u"code"_s, code}});
    };
    // A wrong code is a failed login (401), like a wrong password.
    mark = m_server.auditMark();
    r = step(challenge, wrongCode(secret));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), QByteArray("UNAUTHENTICATED"));
    QCOMPARE(r.errorFields(), QStringList{u"code"_s});   // the step stays open
    verifies = m_server.auditRowsSince(u"auth.2fa_verify"_s, mark);
    QCOMPARE(verifies.size(), 1);
    QCOMPARE(verifies.first().value(u"success"_s).toBool(), false);

    // The activation used the current step, so the next step's code (inside the ±1 window) signs in.
    const QString code = Totp::codeAt(secret, nowSeconds() + Totp::StepSeconds);
    mark = m_server.auditMark();
    r = step(challenge, code);
    QCOMPARE(r.status, 200);
    QVERIFY(!r.value(u"access_token"_s).toString().isEmpty());
    QVERIFY(!r.value(u"refresh_token"_s).toString().isEmpty());
    QCOMPARE(r.value(u"expires_in"_s).toInt(), 3600);
    QCOMPARE(r.value(u"user"_s).toObject().value(u"id"_s).toInteger(), id);
    QCOMPARE(r.value(u"user"_s).toObject().value(u"role"_s).toObject().value(u"name"_s).toString(), u"supervisor"_s);
    QCOMPARE(probe(r.value(u"access_token"_s).toString().toLatin1()), 422);
    verifies = m_server.auditRowsSince(u"auth.2fa_verify"_s, mark);
    QCOMPARE(verifies.size(), 1);
    audit = verifies.first();
    QCOMPARE(audit.value(u"success"_s).toBool(), true);
    QCOMPARE(audit.value(u"user_id"_s).toInteger(), id);
    // A used challenge is dead.
    QCOMPARE(step(challenge, backup[5]).status, 401);

    // The same TOTP code again: refused.
    const QString challenge2 = login(email).value(u"two_factor_token"_s).toString();
    r = step(challenge2, code);
    QCOMPARE(r.status, 401);

    // A backup code works once (in any case and spacing).
    r = step(challenge2, backup[0].toUpper().replace(u'-', u' '));
    QCOMPARE(r.status, 200);
    QVERIFY(!r.value(u"access_token"_s).toString().isEmpty());
    QCOMPARE(m_server.count(u"user_backup_codes"_s, u"user_id = %1 AND used_at IS NOT NULL"_s.arg(id)), 1);
    const QString challenge3 = login(email).value(u"two_factor_token"_s).toString();
    QCOMPARE(step(challenge3, backup[0]).status, 401);
    QCOMPARE(m_server.count(u"audit_logs"_s, u"changes LIKE '%%1%'"_s.arg(backup[0])), 0);

    // Disable needs the password and a code. (The wrong codes above count against the email's
    // logins; let them leave the 15-minute window first.)
    QVERIFY(exec("UPDATE login_attempts SET created_at = created_at - 901 WHERE email = ?", {email}));
    const auto disable = [&](const QJsonObject &body) {
        return m_server.request("POST", u"/v1/auth/2fa/disable"_s, body, token);
    };
    r = disable({{u"password"_s, u"wrong-password"_s}, {u"code"_s, backup[1]}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"password"_s});
    r = disable({{u"password"_s, kPassword}, {u"code"_s, wrongCode(secret)}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"code"_s});
    r = disable({});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), (QStringList{u"password"_s, u"code"_s}));
    // Another login through the second factor; turning 2FA off ends it.
    const QString challenge4 = login(email).value(u"two_factor_token"_s).toString();
    const QByteArray secondToken = step(challenge4, backup[3]).value(u"access_token"_s).toString().toLatin1();
    QCOMPARE(probe(secondToken), 422);
    mark = m_server.auditMark();
    r = disable({{u"password"_s, kPassword}, {u"code"_s, backup[1]}});
    QCOMPARE(r.status, 200);
    QCOMPARE(probe(secondToken), 401);
    QCOMPARE(probe(token), 422);
    QCOMPARE(r.object(), (QJsonObject{{u"enabled"_s, false}}));
    const QList<QJsonObject> disables = m_server.auditRowsSince(u"auth.2fa_disable"_s, mark);
    QCOMPARE(disables.size(), 1);
    audit = disables.first();
    QCOMPARE(audit.value(u"success"_s).toBool(), true);
    QCOMPARE(audit.value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(m_server.count(u"users"_s,
                            u"id = %1 AND two_factor_enabled = FALSE AND two_factor_secret IS NULL"_s.arg(id)),
             1);
    QCOMPARE(m_server.count(u"user_backup_codes"_s, u"user_id = %1"_s.arg(id)), 0);
    QCOMPARE(disable({{u"password"_s, kPassword}, {u"code"_s, backup[2]}}).status, 409);

    r = login(email);
    QCOMPARE(r.status, 200);
    QVERIFY(r.object().contains(u"access_token"_s));
}

void tst_Auth::twoFactorChallengeDiesAfterFiveWrongCodes()
{
    const QString email = newEmail(u"guesser"_s);
    m_server.createUser(email, kPassword, u"agent"_s);
    const QByteArray token = login(email).value(u"access_token"_s).toString().toLatin1();
    QStringList backup;
    const QByteArray secret = enableTwoFactor(token, &backup);
    QVERIFY(!secret.isEmpty());

    const QString challenge = login(email).value(u"two_factor_token"_s).toString();
    QVERIFY(!challenge.isEmpty());
    const qint64 usedBefore = m_server.count(u"user_backup_codes"_s, u"used_at IS NOT NULL"_s);
    for (int i = 0; i < 5; ++i) {
        const ApiResponse r = m_server.request("POST", u"/v1/auth/2fa/verify"_s,
                                               {{u"two_factor_token"_s, challenge}, {u"code"_s, wrongCode(secret)}});
        QCOMPARE(r.status, 401);
    }
    // Dead now, even for a good code; and the wrong codes locked the email's logins.
    const ApiResponse r = m_server.request("POST", u"/v1/auth/2fa/verify"_s,
                                           {{u"two_factor_token"_s, challenge}, {u"code"_s, backup[0]}});
    QCOMPARE(r.status, 401);
    QCOMPARE(m_server.count(u"user_backup_codes"_s, u"used_at IS NOT NULL"_s), usedBefore);
    QCOMPARE(login(email).status, 429);
}

void tst_Auth::twoFactorRefusals()
{
    // Enabling needs a signed-in user; confirming it too.
    QCOMPARE(m_server.request("POST", u"/v1/auth/2fa/enable"_s).status, 401);
    QCOMPARE(m_server.request("POST", u"/v1/auth/2fa/verify"_s, {{u"code"_s, u"123456"_s}}).status, 401);
    qint64 mark = m_server.auditMark();
    QCOMPARE(m_server.request("POST", u"/v1/auth/2fa/verify"_s, {{u"code"_s, u"123456"_s}}, "abc.def.ghi").status, 401);
    const QList<QJsonObject> verifies = m_server.auditRowsSince(u"auth.2fa_verify"_s, mark);
    QCOMPARE(verifies.size(), 1);
    QCOMPARE(verifies.first().value(u"status_code"_s).toInteger(), 401);
    QCOMPARE(m_server.request("POST", u"/v1/auth/2fa/disable"_s, {{u"password"_s, kPassword}, {u"code"_s, u"1"_s}})
                 .status,
             401);

    qint64 id = 0;
    const QByteArray token = m_server.tokenFor(u"agent"_s, &id);
    QVERIFY(!token.isEmpty());
    // Nothing to confirm, nothing to disable.
    ApiResponse r = m_server.request("POST", u"/v1/auth/2fa/verify"_s, {{u"code"_s, u"123456"_s}}, token);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QByteArray("CONFLICT"));
    r = m_server.request("POST", u"/v1/auth/2fa/verify"_s, {}, token);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"code"_s});
    mark = m_server.auditMark();
    r = m_server.request("POST", u"/v1/auth/2fa/disable"_s, {{u"password"_s, kPassword}, {u"code"_s, u"123456"_s}},
                         token);
    QCOMPARE(r.status, 409);
    const QList<QJsonObject> disables = m_server.auditRowsSince(u"auth.2fa_disable"_s, mark);
    QCOMPARE(disables.size(), 1);
    QCOMPARE(disables.first().value(u"success"_s).toBool(), false);

    // Unknown or malformed second-step tokens.
    r = m_server.request("POST", u"/v1/auth/2fa/verify"_s,
                         {{u"two_factor_token"_s, QString::fromLatin1(RandomToken::urlSafe(32))},
                          {u"code"_s, u"123456"_s}});
    QCOMPARE(r.status, 401);
    r = m_server.request("POST", u"/v1/auth/2fa/verify"_s, {{u"two_factor_token"_s, u"x"_s}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"code"_s});

    // An expired challenge is refused.
    const QString email = newEmail(u"late"_s);
    const qint64 lateId = m_server.createUser(email, kPassword, u"agent"_s);
    QStringList backup;
    QVERIFY(!enableTwoFactor(login(email).value(u"access_token"_s).toString().toLatin1(), &backup).isEmpty());
    const QString challenge = login(email).value(u"two_factor_token"_s).toString();
    QVERIFY(exec("UPDATE two_factor_challenges SET expires_at = ? WHERE user_id = ?", {nowSeconds() - 1, lateId}));
    r = m_server.request("POST", u"/v1/auth/2fa/verify"_s,
                         {{u"two_factor_token"_s, challenge}, {u"code"_s, backup[0]}});
    QCOMPARE(r.status, 401);
}

// 40 wrong passwords for one email sent at once (six connections at a time): each attempt is
// counted before its hash is queued, so exactly five are checked and the rest are refused.
void tst_Auth::concurrentGuessesAreAllCounted()
{
    const QString email = newEmail(u"storm"_s);
    m_server.createUser(email, kPassword, u"agent"_s);
    QNetworkAccessManager network;
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 40; ++i) {
        QNetworkRequest request(m_server.baseUrl().resolved(QUrl(u"/v1/auth/login"_s)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        const QJsonObject body{{u"email"_s, email}, {u"password"_s, u"guess-%1"_s.arg(i)}};
        replies.append(network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    }
    QMap<int, int> statuses;
    for (QNetworkReply *reply : std::as_const(replies)) {
        if (!reply->isFinished())
            QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 60000);
        ++statuses[reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()];
        reply->deleteLater();
    }
    QCOMPARE(statuses, (QMap<int, int>{{401, 5}, {429, 35}}));
    QCOMPARE(m_server.count(u"login_attempts"_s, u"email = '%1' AND reason = 'password'"_s.arg(email)), 5);
    QCOMPARE(m_server.count(u"login_attempts"_s, u"email = '%1' AND reason = 'pending'"_s.arg(email)), 0);
    QCOMPARE(login(email).status, 429);
}

// change-password and 2fa/disable count wrong passwords like logins: a stolen access token cannot
// guess the password at the API's rate, and the email's logins lock too.
void tst_Auth::ownPasswordChecksAreThrottled()
{
    const QString email = newEmail(u"stolen"_s);
    const qint64 id = m_server.createUser(email, kPassword, u"agent"_s);
    const QByteArray token = login(email).value(u"access_token"_s).toString().toLatin1();
    QStringList backup;
    QVERIFY(!enableTwoFactor(token, &backup).isEmpty());
    for (int i = 0; i < 3; ++i) {
        const ApiResponse r =
            m_server.request("PUT", u"/v1/auth/change-password"_s,
                             {{u"current_password"_s, u"guess-%1"_s.arg(i)}, {u"new_password"_s, u"new-secret-99"_s}},
                             token);
        QCOMPARE(r.status, 422);
    }
    for (int i = 0; i < 2; ++i) {
        const ApiResponse r = m_server.request(
            "POST", u"/v1/auth/2fa/disable"_s, {{u"password"_s, u"guess-x%1"_s.arg(i)}, {u"code"_s, backup[0]}}, token);
        QCOMPARE(r.status, 422);
    }
    QCOMPARE(m_server.count(u"login_attempts"_s, u"email = '%1' AND success = FALSE"_s.arg(email)), 5);
    // Locked: even the right password is refused now, and so is a login.
    ApiResponse r = m_server.request("PUT", u"/v1/auth/change-password"_s,
                                     {{u"current_password"_s, kPassword}, {u"new_password"_s, u"new-secret-99"_s}}, token);
    QCOMPARE(r.status, 429);
    QVERIFY(r.header("Retry-After").toInt() > 0);
    r = m_server.request("POST", u"/v1/auth/2fa/disable"_s, {{u"password"_s, kPassword}, {u"code"_s, backup[0]}},
                         token);
    QCOMPARE(r.status, 429);
    QCOMPARE(login(email).status, 429);
    QCOMPARE(m_server.count(u"user_backup_codes"_s, u"user_id = %1 AND used_at IS NOT NULL"_s.arg(id)), 0);
    QCOMPARE(m_server.count(u"users"_s, u"id = %1 AND two_factor_enabled = TRUE"_s.arg(id)), 1);
}

// Codes stored before the keyed hash (plain SHA-256) still work, once.
void tst_Auth::legacyBackupCodesStillWork()
{
    const QString email = newEmail(u"legacy"_s);
    const qint64 id = m_server.createUser(email, kPassword, u"agent"_s);
    const QByteArray token = login(email).value(u"access_token"_s).toString().toLatin1();
    QStringList backup;
    QVERIFY(!enableTwoFactor(token, &backup).isEmpty());
    const QString old = u"k7mqa-x3vte"_s;
    QVERIFY(exec("INSERT INTO user_backup_codes (user_id, code_hash) VALUES (?, ?)",
                 {id, QString::fromLatin1(RandomToken::legacyBackupCodeHash(old))}));
    const auto step = [&](const QString &code) {
        const QString challenge = login(email).value(u"two_factor_token"_s).toString();
        return m_server.request("POST", u"/v1/auth/2fa/verify"_s,
                                {{u"two_factor_token"_s, challenge}, {u"code"_s, code}});
    };
    QCOMPARE(step(old).status, 200);
    QCOMPARE(step(old).status, 401);
}

// Public routes that cost a password hash are limited per client address before anything else
// runs (not even an attempt is recorded), and the queue of hashes is bounded: beyond it, 503.
void tst_Auth::publicWorkIsBounded()
{
    TestServer server;
    QVERIFY(server.start({{u"CONVERSA_AUTH_ADDRESS_RATE_LIMIT"_s, u"7"_s},
                          {u"CONVERSA_MAX_PENDING_WORK"_s, u"1"_s},
                          {u"CONVERSA_WORKER_THREADS"_s, u"1"_s}}));
    const QString email = newEmail(u"bounded"_s);
    server.createUser(email, kPassword, u"agent"_s);
    const QByteArray admin = server.tokenFor(u"admin"_s);   // the address's first login of seven

    // Six at once: one hash queued at a time, the others refused with 503 and nothing recorded.
    QNetworkAccessManager network;
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 6; ++i) {
        QNetworkRequest request(server.baseUrl().resolved(QUrl(u"/v1/auth/login"_s)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        const QJsonObject body{{u"email"_s, email}, {u"password"_s, u"guess-%1"_s.arg(i)}};
        replies.append(network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    }
    int refused = 0;
    int checked = 0;
    for (QNetworkReply *reply : std::as_const(replies)) {
        if (!reply->isFinished())
            QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 60000);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 503) {
            ++refused;
            QCOMPARE(reply->rawHeader("Retry-After"), QByteArray("1"));
        } else {
            QCOMPARE(status, 401);
            ++checked;
        }
        reply->deleteLater();
    }
    QVERIFY2(refused >= 1, qPrintable(u"%1 refused, %2 checked"_s.arg(refused).arg(checked)));
    QCOMPARE(server.count(u"login_attempts"_s, u"email = '%1'"_s.arg(email)), checked);

    // Those used up the address's seven requests a minute: refused before any work.
    const qint64 attempts = server.count(u"login_attempts"_s);
    const ApiResponse r =
        server.request("POST", u"/v1/auth/login"_s, {{u"email"_s, email}, {u"password"_s, kPassword}});
    QCOMPARE(r.status, 429);
    QVERIFY(r.header("Retry-After").toInt() > 0);
    QCOMPARE(server.count(u"login_attempts"_s), attempts);
    // Signed-in routes are not counted per address.
    QCOMPARE(server.request("GET", u"/v1/roles"_s, {}, admin).status, 200);
}

// Anyone can lock a known email by failing five times; an admin clears the lock (audited), and
// only an admin may.
void tst_Auth::adminClearsALock()
{
    const QString email = newEmail(u"victim"_s);
    const qint64 id = m_server.createUser(email, kPassword, u"supervisor"_s);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(login(email, u"guess-%1"_s.arg(i)).status, 401);
    QCOMPARE(login(email).status, 429);

    const QString path = u"/v1/users/%1/unlock-login"_s.arg(id);
    QCOMPARE(m_server.request("POST", path).status, 401);
    QCOMPARE(m_server.request("POST", path, {}, m_server.tokenFor(u"supervisor"_s)).status, 403);
    const QByteArray admin = m_server.tokenFor(u"admin"_s);
    QCOMPARE(m_server.request("POST", u"/v1/users/999999/unlock-login"_s, {}, admin).status, 404);
    QCOMPARE(login(email).status, 429);   // nothing cleared by the refusals

    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.request("POST", path, {}, admin, kEnglish);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"message"_s).toString(), u"The user's sign-in lock was cleared"_s);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"user.unlock_login"_s, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(rows.first().value(u"success"_s).toBool(), true);
    QCOMPARE(login(email).status, 200);
    // The count starts again from zero: four more failures do not lock it, a fifth does.
    for (int i = 0; i < 4; ++i)
        QCOMPARE(login(email, u"again-%1"_s.arg(i)).status, 401);
    QCOMPARE(login(email).status, 200);
    QCOMPARE(login(email, u"again-x"_s).status, 401);
    QCOMPARE(login(email).status, 429);
}

// A lock caused from other addresses does not stop a user with 2FA on from an address where they
// passed the second factor before; the password and the code are still checked, and this
// address's own failures still lock it.
void tst_Auth::knownAddressIsNotLockedOut()
{
    const QString email = newEmail(u"admin"_s);
    m_server.createUser(email, kPassword, u"admin"_s);
    const QByteArray token = login(email).value(u"access_token"_s).toString().toLatin1();
    QStringList backup;
    const QByteArray secret = enableTwoFactor(token, &backup);
    QVERIFY(!secret.isEmpty());
    const auto signIn = [&](const QString &password, const QString &code) {
        const ApiResponse first = login(email, password);
        if (first.status != 200)
            return first.status;
        return m_server
            .request("POST", u"/v1/auth/2fa/verify"_s,
                     {{u"two_factor_token"_s, first.value(u"two_factor_token"_s).toString()}, {u"code"_s, code}})
            .status;
    };
    // Someone elsewhere fails five times: the email is locked.
    const auto failElsewhere = [&] {
        for (int i = 0; i < 5; ++i)
            QVERIFY(exec("INSERT INTO login_attempts (email, ip_address, success, created_at, reason) "
                         "VALUES (?, '203.0.113.9', FALSE, ?, 'password')",
                         {email, nowSeconds()}));
    };
    failElsewhere();
    QCOMPARE(login(email).status, 429);   // never verified from this address yet

    // Verified from here once (the lock lifted by an old window), then locked again from elsewhere.
    QVERIFY(exec("UPDATE login_attempts SET created_at = created_at - 901 WHERE email = ?", {email}));
    QCOMPARE(signIn(kPassword, backup[0]), 200);
    failElsewhere();
    QCOMPARE(signIn(kPassword, backup[1]), 200);
    // Still checked: a wrong password or a wrong code is refused.
    QCOMPARE(signIn(u"wrong-password"_s, backup[2]), 401);
    QCOMPARE(signIn(kPassword, wrongCode(secret)), 401);

    // Without 2FA the exemption does not apply.
    const QString plain = newEmail(u"plain"_s);
    m_server.createUser(plain, kPassword, u"agent"_s);
    QCOMPARE(login(plain).status, 200);
    for (int i = 0; i < 5; ++i)
        QVERIFY(exec("INSERT INTO login_attempts (email, ip_address, success, created_at, reason) "
                     "VALUES (?, '203.0.113.9', FALSE, ?, 'password')",
                     {plain, nowSeconds()}));
    QCOMPARE(login(plain).status, 429);

    // This address's own failures lock it like anyone's (two above, three more).
    for (int i = 0; i < 3; ++i)
        QCOMPARE(signIn(u"wrong-%1"_s.arg(i), backup[3]), 401);
    QCOMPARE(login(email).status, 429);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    tst_Auth test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_auth.moc"
