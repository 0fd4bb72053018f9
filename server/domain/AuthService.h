#pragma once

#include "core/AuthUser.h"
#include "core/Result.h"
#include "crypto/SecretBox.h"
#include "store/AuthStore.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

#include <functional>

namespace Conversa::Server {

class Database;
class RoleStore;

// The server settings the service needs (from ServerConfig).
struct AuthSettings {
    QByteArray jwtSecret;
    QByteArray secretKey;   // seals TOTP secrets
    int loginAttemptsPerIpPer15Min = 50;
};

// A new access token and the refresh token of the same login.
struct IssuedTokens {
    qint64 sessionId = 0;
    QByteArray accessToken;
    QByteArray refreshToken;
};

// What POST /auth/2fa/enable hands the user once; only hashes and the sealed secret are kept.
struct TwoFactorSetup {
    QByteArray secret;   // base32
    QByteArray qrCode;   // PNG data URL of the otpauth:// URI
    QStringList backupCodes;
};

// Tokens and the caller's identity. Access tokens are HS256 JWTs (sub, role, jti, sid, exp); "sid"
// is the login (auth_sessions row) they belong to, so revoking a login ends its access tokens too.
// The login methods below run inside the caller's transaction.
class AuthService {
public:
    AuthService(const AuthSettings &settings, Database &db, RoleStore &roles);

    static constexpr int kAccessTokenSeconds = 3600;
    static constexpr int kSessionSeconds = 30 * 24 * 3600;   // a login lives 30 days without re-entering the password
    static constexpr int kChallengeSeconds = 300;            // to type the 2FA code after the password
    static constexpr int kLoginWindowSeconds = 15 * 60;
    static constexpr int kMaxFailuresPerEmail = 5;
    static constexpr int kMaxChallengeFailures = 5;
    static constexpr int kKnownAddressSeconds = 30 * 24 * 3600;

    // The router's authenticator: a valid token of a live login of an active user, or 401.
    Result<AuthUser> authenticate(QByteArrayView token) const;

    // Signs an access token for a login.
    QByteArray issueAccessToken(qint64 userId, const QString &roleName, qint64 sessionId) const;

    // Loads the user row in the shape the router hands to handlers (no session check).
    Result<AuthUser> loadUser(qint64 userId) const;

    // Ends the sockets of a revoked login (refresh-token reuse); unset: nothing to end.
    void setSessionRevoked(std::function<void(qint64 sessionId)> hook) { m_sessionRevoked = std::move(hook); }

    const QByteArray &jwtKey() const { return m_jwtKey; }
    RoleStore &roles() const { return m_roles; }
    AuthStore &store() { return m_store; }

    // Seconds a login for this email / from this IP must wait (429), or 0 when it may proceed.
    // A lock of the email caused from other addresses does not stop a user with 2FA on from an
    // address where they passed the second factor in the last kKnownAddressSeconds: the
    // password and the code are still checked (docs/API.md#authentication).
    Result<int> loginRetryAfter(const QString &email, const QString &ip);
    // An admin clears the email's lock: its earlier failures stop counting.
    Result<Ok> unlockLogins(qint64 userId, const QString &byIp);

    // A new login (auth_sessions row) with its first token pair; sets last_login_at.
    Result<IssuedTokens> openSession(const AuthUser &user, const QString &ip, const QString &userAgent);
    // Retires the refresh token and returns a new pair. A retired token presented again revokes
    // its login (401). *userId names the token's owner when it is known, for the audit row.
    Result<IssuedTokens> rotateRefreshToken(const QString &refreshToken, qint64 *userId);
    // The token for POST /auth/2fa/verify after a correct password.
    Result<QByteArray> openTwoFactorChallenge(qint64 userId, const QString &ip, const QString &userAgent);

    // New pending secret and backup codes; 2FA is active only after activateTwoFactor().
    Result<TwoFactorSetup> beginTwoFactor(const AuthUser &user);
    // Confirms the pending secret with a code from the authenticator (409 without one, 422 on a bad code).
    Result<Ok> activateTwoFactor(qint64 userId, const QString &code);
    // Accepts a TOTP code newer than the last one used, or an unused backup code, and consumes it.
    Result<bool> consumeSecondFactor(qint64 userId, const QString &code);

    // The login answer's "user": id, email, names, role {id, name, display_name}, permissions.
    QJsonObject userJson(const AuthUser &user) const;

private:
    QByteArray twoFactorAssociatedData(qint64 userId) const;
    Result<bool> knownAddressExempt(const QString &email, const QString &ip);

    QByteArray m_jwtKey;
    SecretBox m_secretBox;
    QByteArray m_backupCodeKey;   // the server's secret key: backup codes are HMACs under it
    int m_loginFailuresPerIp;
    Database &m_db;
    RoleStore &m_roles;
    AuthStore m_store;
    std::function<void(qint64 sessionId)> m_sessionRevoked;
};

}   // namespace Conversa::Server
