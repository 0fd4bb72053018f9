#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Conversa::Server {

class Database;

// The account row as the password step of a login needs it.
struct LoginAccount {
    qint64 id = 0;
    QString email;
    QByteArray passwordHash;
    QString status;
    bool twoFactorEnabled = false;
};

// A refresh token looked up by its hash, with the login (session) it belongs to.
struct RefreshTokenRow {
    qint64 id = 0;
    qint64 sessionId = 0;
    qint64 userId = 0;
    bool retired = false;       // used_at is set: presenting it again is reuse
    bool sessionLive = false;   // not revoked and not expired
};

// The user's 2FA columns; secrets stay sealed (SecretBox) here.
struct TwoFactorState {
    bool enabled = false;
    QByteArray sealedSecret;
    QByteArray sealedPending;
    qint64 lastCounter = 0;
};

struct TwoFactorChallenge {
    qint64 id = 0;
    qint64 userId = 0;
    qint64 expiresAt = 0;
    bool used = false;
    int failedAttempts = 0;
};

// SQL for logins: sessions (refresh-token families), refresh tokens, 2FA challenges and backup
// codes, login attempts. Runs inside the caller's transaction; tokens and codes arrive hashed.
class AuthStore {
public:
    explicit AuthStore(Database &db) : m_db(db) {}

    Result<std::optional<LoginAccount>> findAccount(const QString &email);
    Result<std::optional<LoginAccount>> account(qint64 userId);
    Result<Ok> setPasswordHash(qint64 userId, const QByteArray &hash);
    Result<Ok> setLastLogin(qint64 userId);

    // reason: "password", "unknown_email", "inactive", "two_factor", "throttled", "ok", and for
    // the signed-in user's own checks "change_password", "two_factor_enable", "two_factor_disable".
    Result<Ok> recordAttempt(const QString &email, const QString &ip, bool success, const QString &reason);
    // An attempt counted as failed ("pending") before its password hash is queued, so attempts
    // sent at the same moment see each other; settleAttempt() then records how it ended.
    Result<qint64> recordPendingAttempt(const QString &email, const QString &ip);
    Result<Ok> settleAttempt(qint64 attemptId, bool success, const QString &reason);
    // Holds, until the transaction ends, the right to count and add attempts for this email and
    // IP: the check and the pending row of two concurrent attempts cannot interleave. SQLite's one
    // writer already serialises them; PostgreSQL takes transaction advisory locks, email first.
    Result<Ok> lockAttempts(const QString &email, const QString &ip);
    // Epoch second at which `limit` counted failures (throttled refusals don't count) of this
    // email / IP within the last `window` seconds drop below `limit`; 0 when not throttled now.
    // Failures before the email's latest unlock (unlockEmail) do not count.
    Result<qint64> emailThrottledUntil(const QString &email, int limit, int window);
    // An admin's unlock: a marker row ("unlocked") after which the email's failures count again from zero.
    Result<Ok> unlockEmail(const QString &email, const QString &ip);
    // Whether a login of this email passed its second factor from this address since `since`.
    Result<bool> verifiedFrom(const QString &email, const QString &ip, qint64 since);
    // The email's counted failures from this address within the last `window` seconds.
    Result<qint64> failuresFrom(const QString &email, const QString &ip, int window);
    Result<qint64> ipThrottledUntil(const QString &ip, int limit, int window);

    Result<qint64> createSession(qint64 userId, const QString &ip, const QString &userAgent, qint64 expiresAt);
    Result<Ok> touchSession(qint64 sessionId);
    Result<Ok> revokeSession(qint64 sessionId, const QString &reason);
    Result<int> revokeOtherSessions(qint64 userId, qint64 keepSessionId, const QString &reason);

    Result<Ok> addRefreshToken(qint64 sessionId, const QByteArray &tokenHash);
    Result<std::optional<RefreshTokenRow>> findRefreshToken(const QByteArray &tokenHash);
    // false when another request retired it first (concurrent reuse).
    Result<bool> retireRefreshToken(qint64 id);

    Result<TwoFactorState> twoFactor(qint64 userId);
    Result<Ok> setPendingSecret(qint64 userId, const QByteArray &sealed);
    Result<Ok> activateTwoFactor(qint64 userId, qint64 counter);
    Result<Ok> disableTwoFactor(qint64 userId);
    // Moves the last accepted TOTP step forward; false when `counter` is not newer (a replay).
    Result<bool> advanceCounter(qint64 userId, qint64 counter);
    Result<Ok> replaceBackupCodes(qint64 userId, const QList<QByteArray> &codeHashes);
    // Marks an unused backup code used; false when there is none with that hash.
    Result<bool> useBackupCode(qint64 userId, const QByteArray &codeHash);

    Result<Ok> createChallenge(qint64 userId, const QByteArray &tokenHash, qint64 expiresAt, const QString &ip,
                               const QString &userAgent);
    Result<std::optional<TwoFactorChallenge>> findChallenge(const QByteArray &tokenHash);
    Result<Ok> failChallenge(qint64 id);
    // false when another request used it first.
    Result<bool> useChallenge(qint64 id);

private:
    // `sql` binds the window's start (`?` after `keys`) and `limit` last.
    Result<qint64> throttledUntil(const QString &sql, const QVariantList &keys, int limit, int window);

    Database &m_db;
};

}   // namespace Conversa::Server
