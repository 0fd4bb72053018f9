#include "AuthService.h"

#include "crypto/Jwt.h"
#include "crypto/RandomToken.h"
#include "crypto/Totp.h"
#include "domain/QrCode.h"
#include "store/Database.h"
#include "store/RoleStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcAuth, "conversa.server.auth")

using namespace Qt::StringLiterals;

namespace {

// Columns read into AuthUser, in readUser()'s order; "r" is the user's role row, read with the user
// so that its 2FA requirement holds on every server as soon as an admin changes it.
constexpr const char *kUserColumns =
    "u.id, u.email, u.first_name, u.last_name, u.phone, u.avatar_url, u.role_id, u.status, "
    "u.agent_status, u.agent_status_reason, u.max_concurrent_chats, u.auto_assign_enabled, "
    "u.two_factor_enabled, u.created_at, u.updated_at, u.last_login_at, r.require_two_factor";

AuthUser readUser(const SqlQuery &q, const RoleStore &roles)
{
    AuthUser u;
    u.id = q.integer(0);
    u.email = q.string(1);
    u.firstName = q.string(2);
    u.lastName = q.string(3);
    u.phone = q.string(4);
    u.avatarUrl = q.string(5);
    u.roleId = q.integer(6);
    u.status = q.string(7);
    u.agentStatus = q.string(8);
    u.agentStatusReason = q.string(9);
    u.maxConcurrentChats = int(q.integer(10));
    u.autoAssignEnabled = q.boolean(11);
    u.twoFactorEnabled = q.boolean(12);
    u.createdAt = q.integer(13);
    u.updatedAt = q.integer(14);
    u.lastLoginAt = q.integer(15);
    u.twoFactorSetupRequired = q.boolean(16) && !u.twoFactorEnabled;
    if (const Role *role = roles.byId(u.roleId)) {
        u.roleName = role->name;
        u.permissions = &role->permissionSet;
    }
    return u;
}

}   // namespace

AuthService::AuthService(const AuthSettings &settings, Database &db, RoleStore &roles)
    : m_jwtKey(settings.jwtSecret),
      m_secretBox(settings.secretKey),
      m_backupCodeKey(settings.secretKey),
      m_loginFailuresPerIp(settings.loginAttemptsPerIpPer15Min),
      m_db(db),
      m_roles(roles),
      m_store(db)
{}

QByteArray AuthService::issueAccessToken(qint64 userId, const QString &roleName, qint64 sessionId) const
{
    const qint64 now = nowSeconds();
    const QJsonObject claims{{u"sub"_s, QString::number(userId)},
                             {u"role"_s, roleName},
                             {u"sid"_s, sessionId},
                             {u"jti"_s, QString::fromLatin1(RandomToken::urlSafe(16))},
                             {u"iat"_s, now},
                             {u"exp"_s, now + kAccessTokenSeconds}};
    return Jwt::sign(claims, m_jwtKey);
}

Result<AuthUser> AuthService::authenticate(QByteArrayView token) const
{
    const std::optional<QJsonObject> claims = Jwt::verify(token, m_jwtKey, nowSeconds());
    if (!claims)
        return ApiError::unauthenticated(QT_TRANSLATE_NOOP("Api", "The access token is invalid or expired"));
    const qint64 userId = claims->value(u"sub"_s).toString().toLongLong();
    const qint64 sessionId = claims->value(u"sid"_s).toInteger();
    if (userId <= 0 || sessionId <= 0)
        return ApiError::unauthenticated(QT_TRANSLATE_NOOP("Api", "The access token is invalid or expired"));

    static const QString sql = u"SELECT "_s + QLatin1StringView(kUserColumns) +
        u" FROM users u JOIN roles r ON r.id = u.role_id JOIN auth_sessions s ON s.user_id = u.id "
        "WHERE u.id = ? AND s.id = ? AND s.revoked_at IS NULL AND u.deleted_at IS NULL"_s;
    SqlQuery q(m_db, sql, {userId, sessionId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::unauthenticated(QT_TRANSLATE_NOOP("Api", "The session has ended, sign in again"));
    AuthUser user = readUser(q, m_roles);
    if (user.status != "active"_L1)
        return ApiError::unauthenticated(QT_TRANSLATE_NOOP("Api", "This account is not active"));
    user.sessionId = sessionId;
    user.tokenExpiresAt = claims->value(u"exp"_s).toInteger();
    return user;
}

Result<AuthUser> AuthService::loadUser(qint64 userId) const
{
    static const QString sql = u"SELECT "_s + QLatin1StringView(kUserColumns) +
        u" FROM users u JOIN roles r ON r.id = u.role_id "
        "WHERE u.id = ? AND u.deleted_at IS NULL"_s;
    SqlQuery q(m_db, sql, {userId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    return readUser(q, m_roles);
}

// ---- Logins ----

Result<int> AuthService::loginRetryAfter(const QString &email, const QString &ip)
{
    Result<qint64> emailUntil = m_store.emailThrottledUntil(email, kMaxFailuresPerEmail, kLoginWindowSeconds);
    CONVERSA_TRY(emailUntil);
    if (*emailUntil > 0) {
        Result<bool> exempt = knownAddressExempt(email, ip);
        CONVERSA_TRY(exempt);
        if (*exempt)
            emailUntil = qint64(0);
    }
    Result<qint64> ipUntil = m_store.ipThrottledUntil(ip, m_loginFailuresPerIp, kLoginWindowSeconds);
    CONVERSA_TRY(ipUntil);
    const qint64 until = qMax(*emailUntil, *ipUntil);
    return until == 0 ? 0 : int(qMax<qint64>(1, until - nowSeconds()));
}

Result<IssuedTokens> AuthService::openSession(const AuthUser &user, const QString &ip, const QString &userAgent)
{
    Result<qint64> session = m_store.createSession(user.id, ip, userAgent, nowSeconds() + kSessionSeconds);
    CONVERSA_TRY(session);
    IssuedTokens tokens{*session, issueAccessToken(user.id, user.roleName, *session), RandomToken::urlSafe(32)};
    CONVERSA_TRY(m_store.addRefreshToken(*session, RandomToken::sha256Hex(tokens.refreshToken)));
    CONVERSA_TRY(m_store.setLastLogin(user.id));
    return tokens;
}

Result<IssuedTokens> AuthService::rotateRefreshToken(const QString &refreshToken, qint64 *userId)
{
    const auto invalid = [] {
        return ApiError::unauthenticated(QT_TRANSLATE_NOOP("Api", "The refresh token is invalid or expired"));
    };
    const auto reused = [] {
        return ApiError::unauthenticated(QT_TRANSLATE_NOOP("Api", "The refresh token was already used; sign in again"));
    };
    Result<std::optional<RefreshTokenRow>> found =
        m_store.findRefreshToken(RandomToken::sha256Hex(refreshToken.toUtf8()));
    CONVERSA_TRY(found);
    if (!found->has_value())
        return invalid();
    const RefreshTokenRow row = found->value();
    *userId = row.userId;
    if (!row.sessionLive)
        return invalid();
    // A retired token coming back means two parties hold the family: end it for both.
    if (row.retired) {
        qCWarning(lcAuth) << "refresh token reuse: revoking session" << row.sessionId << "of user" << row.userId;
        CONVERSA_TRY(m_store.revokeSession(row.sessionId, QStringLiteral("refresh_reuse")));
        if (m_sessionRevoked)
            m_sessionRevoked(row.sessionId);
        return reused();
    }
    Result<AuthUser> user = loadUser(row.userId);
    if (!user)
        return user.error().status() == 404 ? invalid() : user.error();
    if (user->status != "active"_L1)
        return ApiError::unauthenticated(QT_TRANSLATE_NOOP("Api", "This account is not active"));
    Result<bool> retired = m_store.retireRefreshToken(row.id);
    CONVERSA_TRY(retired);
    if (!*retired) {   // a concurrent request retired it first: same as reuse
        CONVERSA_TRY(m_store.revokeSession(row.sessionId, QStringLiteral("refresh_reuse")));
        if (m_sessionRevoked)
            m_sessionRevoked(row.sessionId);
        return reused();
    }
    IssuedTokens tokens{row.sessionId, issueAccessToken(user->id, user->roleName, row.sessionId),
                        RandomToken::urlSafe(32)};
    CONVERSA_TRY(m_store.addRefreshToken(row.sessionId, RandomToken::sha256Hex(tokens.refreshToken)));
    CONVERSA_TRY(m_store.touchSession(row.sessionId));
    return tokens;
}

Result<QByteArray> AuthService::openTwoFactorChallenge(qint64 userId, const QString &ip, const QString &userAgent)
{
    const QByteArray token = RandomToken::urlSafe(32);
    CONVERSA_TRY(m_store.createChallenge(userId, RandomToken::sha256Hex(token), nowSeconds() + kChallengeSeconds, ip,
                                         userAgent));
    return token;
}

QJsonObject AuthService::userJson(const AuthUser &user) const
{
    const Role *role = m_roles.byId(user.roleId);
    return QJsonObject{
        {u"id"_s, user.id},
        {u"email"_s, user.email},
        {u"first_name"_s, user.firstName},
        {u"last_name"_s, user.lastName},
        {u"role"_s,
         QJsonObject{{u"id"_s, user.roleId},
                     {u"name"_s, role ? role->name : QString()},
                     {u"display_name"_s, role ? role->displayName : QString()}}},
        {u"permissions"_s, QJsonArray::fromStringList(role ? role->permissions : QStringList())},
    };
}

Result<bool> AuthService::knownAddressExempt(const QString &email, const QString &ip)
{
    Result<std::optional<LoginAccount>> account = m_store.findAccount(email);
    CONVERSA_TRY(account);
    if (!account->has_value() || !account->value().twoFactorEnabled)
        return false;
    Result<bool> known = m_store.verifiedFrom(email, ip, nowSeconds() - kKnownAddressSeconds);
    CONVERSA_TRY(known);
    if (!*known)
        return false;
    // The lock must come from elsewhere: this address's own failures still lock it.
    Result<qint64> own = m_store.failuresFrom(email, ip, kLoginWindowSeconds);
    CONVERSA_TRY(own);
    return *own < kMaxFailuresPerEmail;
}

Result<Ok> AuthService::unlockLogins(qint64 userId, const QString &byIp)
{
    Result<std::optional<LoginAccount>> account = m_store.account(userId);
    CONVERSA_TRY(account);
    if (!account->has_value())
        return ApiError::notFound();
    return m_store.unlockEmail(account->value().email, byIp);
}

// ---- Two-factor authentication ----

QByteArray AuthService::twoFactorAssociatedData(qint64 userId) const
{
    // Binds the sealed secret to its row: copied into another user's row it does not open.
    return "users.two_factor:" + QByteArray::number(userId);
}

Result<TwoFactorSetup> AuthService::beginTwoFactor(const AuthUser &user)
{
    if (user.twoFactorEnabled)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "Two-factor authentication is already enabled"));
    TwoFactorSetup setup;
    setup.secret = Totp::generateSecret();
    setup.qrCode = QrCode::pngDataUrl(Totp::provisioningUri(user.email, setup.secret).toUtf8());
    setup.backupCodes = RandomToken::backupCodes(10);
    const QByteArray sealed = m_secretBox.seal(setup.secret, twoFactorAssociatedData(user.id));
    if (sealed.isEmpty() || setup.qrCode.isEmpty())
        return ApiError::internal();
    CONVERSA_TRY(m_store.setPendingSecret(user.id, sealed));
    QList<QByteArray> hashes;
    for (const QString &code : std::as_const(setup.backupCodes))
        hashes.append(RandomToken::hashBackupCode(m_backupCodeKey, code));
    CONVERSA_TRY(m_store.replaceBackupCodes(user.id, hashes));
    return setup;
}

Result<Ok> AuthService::activateTwoFactor(qint64 userId, const QString &code)
{
    Result<TwoFactorState> state = m_store.twoFactor(userId);
    CONVERSA_TRY(state);
    if (state->enabled)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "Two-factor authentication is already enabled"));
    if (state->sealedPending.isEmpty())
        return ApiError::conflict(
            QT_TRANSLATE_NOOP("Api", "There is no two-factor setup to confirm; call /auth/2fa/enable first"));
    const std::optional<QByteArray> secret = m_secretBox.open(state->sealedPending, twoFactorAssociatedData(userId));
    if (!secret) {
        qCWarning(lcAuth) << "the pending 2FA secret of user" << userId << "does not open with this key";
        return ApiError::internal();
    }
    const std::optional<qint64> counter = Totp::validate(*secret, code, nowSeconds());
    if (!counter || *counter <= state->lastCounter)
        return ApiError::validation(u"code"_s, QT_TRANSLATE_NOOP("Api", "The code is not valid"));
    CONVERSA_TRY(m_store.activateTwoFactor(userId, *counter));
    return Ok{};
}

Result<bool> AuthService::consumeSecondFactor(qint64 userId, const QString &code)
{
    Result<TwoFactorState> state = m_store.twoFactor(userId);
    CONVERSA_TRY(state);
    if (!state->enabled)
        return false;
    const std::optional<QByteArray> secret = m_secretBox.open(state->sealedSecret, twoFactorAssociatedData(userId));
    if (!secret) {
        qCWarning(lcAuth) << "the 2FA secret of user" << userId << "does not open with this key";
        return ApiError::internal();
    }
    // The step counter only moves forward, so a code (even one still inside the window) works once.
    if (const std::optional<qint64> counter = Totp::validate(*secret, code, nowSeconds()))
        return m_store.advanceCounter(userId, *counter);
    Result<bool> used = m_store.useBackupCode(userId, RandomToken::hashBackupCode(m_backupCodeKey, code));
    if (!used || *used)
        return used;
    return m_store.useBackupCode(userId, RandomToken::legacyBackupCodeHash(code));
}

}   // namespace Conversa::Server
