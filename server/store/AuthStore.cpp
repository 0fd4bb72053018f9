#include "AuthStore.h"

#include "Database.h"

namespace Conversa::Server {

namespace {
// An email's failures count from its latest unlock (an admin's, AuthStore::unlockEmail) on; binds the email.
constexpr QLatin1StringView kSinceUnlock{
    "AND id > COALESCE((SELECT MAX(id) FROM login_attempts WHERE email = ? AND reason = 'unlocked'), 0) "};
}   // namespace

namespace {

QString text(const QByteArray &ascii)
{
    return QString::fromLatin1(ascii);
}

QVariant nullIfEmptyBytes(const QByteArray &ascii)
{
    return nullIfEmpty(text(ascii));
}

}   // namespace

Result<std::optional<LoginAccount>> AuthStore::findAccount(const QString &email)
{
    SqlQuery q(m_db,
               "SELECT id, email, password_hash, status, two_factor_enabled FROM users "
               "WHERE email = ? AND deleted_at IS NULL",
               {email});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return std::optional<LoginAccount>();
    return std::optional<LoginAccount>(
        LoginAccount{q.integer(0), q.string(1), q.string(2).toLatin1(), q.string(3), q.boolean(4)});
}

Result<std::optional<LoginAccount>> AuthStore::account(qint64 userId)
{
    SqlQuery q(m_db,
               "SELECT id, email, password_hash, status, two_factor_enabled FROM users "
               "WHERE id = ? AND deleted_at IS NULL",
               {userId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return std::optional<LoginAccount>();
    return std::optional<LoginAccount>(
        LoginAccount{q.integer(0), q.string(1), q.string(2).toLatin1(), q.string(3), q.boolean(4)});
}

Result<Ok> AuthStore::setPasswordHash(qint64 userId, const QByteArray &hash)
{
    const qint64 now = nowSeconds();
    SqlQuery q(m_db, "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", {text(hash), now, userId});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<Ok> AuthStore::setLastLogin(qint64 userId)
{
    SqlQuery q(m_db, "UPDATE users SET last_login_at = ? WHERE id = ?", {nowSeconds(), userId});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<Ok> AuthStore::recordAttempt(const QString &email, const QString &ip, bool success, const QString &reason)
{
    SqlQuery q(m_db,
               "INSERT INTO login_attempts (email, ip_address, success, created_at, reason) VALUES (?, ?, ?, ?, ?)",
               {email, ip, success, nowSeconds(), reason});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<qint64> AuthStore::recordPendingAttempt(const QString &email, const QString &ip)
{
    SqlQuery q(m_db,
               "INSERT INTO login_attempts (email, ip_address, success, created_at, reason) "
               "VALUES (?, ?, FALSE, ?, 'pending') RETURNING id",
               {email, ip, nowSeconds()});
    if (!q.exec() || !q.next())
        return q.failure();
    return q.integer(0);
}

Result<Ok> AuthStore::settleAttempt(qint64 attemptId, bool success, const QString &reason)
{
    return SqlQuery(m_db, "UPDATE login_attempts SET success = ?, reason = ? WHERE id = ?",
                    {success, reason, attemptId})
        .run();
}

Result<Ok> AuthStore::lockAttempts(const QString &email, const QString &ip)
{
    if (m_db.dialect() != SqlDialect::Postgres)
        return Ok{};
    // Two-key advisory locks: a class (email or IP) and the value's hash. Always email, then IP,
    // so two transactions never wait on each other in a circle.
    SqlQuery byEmail(m_db, "SELECT pg_advisory_xact_lock(7101, hashtext(?))", {email});
    if (!byEmail.exec())
        return byEmail.failure();
    SqlQuery byIp(m_db, "SELECT pg_advisory_xact_lock(7102, hashtext(?))", {ip});
    if (!byIp.exec())
        return byIp.failure();
    return Ok{};
}

Result<qint64> AuthStore::throttledUntil(const QString &sql, const QVariantList &keys, int limit, int window)
{
    // The newest `limit` failures: the oldest of them is the one whose leaving the window lifts the lock.
    QVariantList values = keys;
    values << nowSeconds() - window << limit;
    SqlQuery q(m_db, sql, values);
    if (!q.exec())
        return q.failure();
    int rows = 0;
    qint64 oldest = 0;
    while (q.next()) {
        ++rows;
        oldest = q.integer(0);
    }
    if (rows < limit)
        return qint64(0);
    return oldest + window;
}

Result<qint64> AuthStore::emailThrottledUntil(const QString &email, int limit, int window)
{
    return throttledUntil(u"SELECT created_at FROM login_attempts WHERE email = ? "_s + kSinceUnlock +
                              u"AND created_at > ? AND success = FALSE AND (reason IS NULL OR reason <> 'throttled') "
                              "ORDER BY created_at DESC LIMIT ?"_s,
                          {email, email}, limit, window);
}

Result<Ok> AuthStore::unlockEmail(const QString &email, const QString &ip)
{
    return recordAttempt(email, ip, true, u"unlocked"_s);
}

Result<bool> AuthStore::verifiedFrom(const QString &email, const QString &ip, qint64 since)
{
    SqlQuery q(m_db,
               "SELECT 1 FROM login_attempts WHERE email = ? AND ip_address = ? AND success = TRUE "
               "AND reason = 'two_factor' AND created_at > ? LIMIT 1",
               {email, ip, since});
    if (!q.exec())
        return q.failure();
    return q.next();
}

Result<qint64> AuthStore::failuresFrom(const QString &email, const QString &ip, int window)
{
    return queryInteger(m_db,
                        u"SELECT COUNT(*) FROM login_attempts WHERE email = ? "_s + kSinceUnlock +
                            u"AND ip_address = ? AND created_at > ? AND success = FALSE "
                            "AND (reason IS NULL OR reason <> 'throttled')"_s,
                        {email, email, ip, nowSeconds() - window});
}

Result<qint64> AuthStore::ipThrottledUntil(const QString &ip, int limit, int window)
{
    return throttledUntil(u"SELECT created_at FROM login_attempts WHERE ip_address = ? AND created_at > ? "
                          "AND success = FALSE AND (reason IS NULL OR reason <> 'throttled') "
                          "ORDER BY created_at DESC LIMIT ?"_s,
                          {ip}, limit, window);
}

Result<qint64> AuthStore::createSession(qint64 userId, const QString &ip, const QString &userAgent, qint64 expiresAt)
{
    const qint64 now = nowSeconds();
    SqlQuery q(m_db,
               "INSERT INTO auth_sessions (user_id, created_at, last_used_at, expires_at, ip_address, user_agent) "
               "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
               {userId, now, now, expiresAt, nullIfEmpty(ip), nullIfEmpty(userAgent)});
    if (!q.exec() || !q.next())
        return q.failure();
    return q.integer(0);
}

Result<Ok> AuthStore::touchSession(qint64 sessionId)
{
    SqlQuery q(m_db, "UPDATE auth_sessions SET last_used_at = ? WHERE id = ?", {nowSeconds(), sessionId});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<Ok> AuthStore::revokeSession(qint64 sessionId, const QString &reason)
{
    SqlQuery q(m_db, "UPDATE auth_sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL",
               {nowSeconds(), reason, sessionId});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<int> AuthStore::revokeOtherSessions(qint64 userId, qint64 keepSessionId, const QString &reason)
{
    SqlQuery q(m_db,
               "UPDATE auth_sessions SET revoked_at = ?, revoked_reason = ? "
               "WHERE user_id = ? AND id <> ? AND revoked_at IS NULL",
               {nowSeconds(), reason, userId, keepSessionId});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected();
}

Result<Ok> AuthStore::addRefreshToken(qint64 sessionId, const QByteArray &tokenHash)
{
    SqlQuery q(m_db, "INSERT INTO refresh_tokens (session_id, token_hash, created_at) VALUES (?, ?, ?)",
               {sessionId, text(tokenHash), nowSeconds()});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<std::optional<RefreshTokenRow>> AuthStore::findRefreshToken(const QByteArray &tokenHash)
{
    SqlQuery q(m_db,
               "SELECT t.id, t.session_id, s.user_id, t.used_at, s.revoked_at, s.expires_at "
               "FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id WHERE t.token_hash = ?",
               {text(tokenHash)});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return std::optional<RefreshTokenRow>();
    RefreshTokenRow row;
    row.id = q.integer(0);
    row.sessionId = q.integer(1);
    row.userId = q.integer(2);
    row.retired = !q.isNull(3);
    row.sessionLive = q.isNull(4) && q.integer(5) > nowSeconds();
    return std::optional<RefreshTokenRow>(row);
}

Result<bool> AuthStore::retireRefreshToken(qint64 id)
{
    SqlQuery q(m_db, "UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL", {nowSeconds(), id});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() == 1;
}

Result<TwoFactorState> AuthStore::twoFactor(qint64 userId)
{
    SqlQuery q(m_db,
               "SELECT two_factor_enabled, two_factor_secret, two_factor_pending_secret, two_factor_last_counter "
               "FROM users WHERE id = ?",
               {userId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    return TwoFactorState{q.boolean(0), q.string(1).toLatin1(), q.string(2).toLatin1(), q.integer(3)};
}

Result<Ok> AuthStore::setPendingSecret(qint64 userId, const QByteArray &sealed)
{
    SqlQuery q(m_db, "UPDATE users SET two_factor_pending_secret = ?, updated_at = ? WHERE id = ?",
               {nullIfEmptyBytes(sealed), nowSeconds(), userId});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<Ok> AuthStore::activateTwoFactor(qint64 userId, qint64 counter)
{
    // The pending secret was sealed for this user's row, so it moves across as it is.
    SqlQuery q(m_db,
               "UPDATE users SET two_factor_secret = two_factor_pending_secret, two_factor_pending_secret = NULL, "
               "two_factor_enabled = TRUE, two_factor_last_counter = ?, updated_at = ? WHERE id = ?",
               {counter, nowSeconds(), userId});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<Ok> AuthStore::disableTwoFactor(qint64 userId)
{
    // The last accepted step belongs to the secret that goes: a new one starts afresh (else a
    // code of the new secret in the same 30 s step as the old one's last would be refused).
    SqlQuery q(m_db,
               "UPDATE users SET two_factor_enabled = FALSE, two_factor_secret = NULL, "
               "two_factor_pending_secret = NULL, two_factor_last_counter = 0, updated_at = ? WHERE id = ?",
               {nowSeconds(), userId});
    if (!q.exec())
        return q.failure();
    return replaceBackupCodes(userId, {});
}

Result<bool> AuthStore::advanceCounter(qint64 userId, qint64 counter)
{
    SqlQuery q(m_db, "UPDATE users SET two_factor_last_counter = ? WHERE id = ? AND two_factor_last_counter < ?",
               {counter, userId, counter});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() == 1;
}

Result<Ok> AuthStore::replaceBackupCodes(qint64 userId, const QList<QByteArray> &codeHashes)
{
    SqlQuery del(m_db, "DELETE FROM user_backup_codes WHERE user_id = ?", {userId});
    if (!del.exec())
        return del.failure();
    for (const QByteArray &hash : codeHashes) {
        SqlQuery q(m_db, "INSERT INTO user_backup_codes (user_id, code_hash) VALUES (?, ?)", {userId, text(hash)});
        if (!q.exec())
            return q.failure();
    }
    return Ok{};
}

Result<bool> AuthStore::useBackupCode(qint64 userId, const QByteArray &codeHash)
{
    // One row at most: codes of a user are distinct (RandomToken::backupCodes).
    SqlQuery q(m_db, "UPDATE user_backup_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
               {nowSeconds(), userId, text(codeHash)});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() > 0;
}

Result<Ok> AuthStore::createChallenge(qint64 userId, const QByteArray &tokenHash, qint64 expiresAt, const QString &ip,
                                      const QString &userAgent)
{
    SqlQuery
        q(m_db,
          "INSERT INTO two_factor_challenges (user_id, token_hash, created_at, expires_at, ip_address, user_agent) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {userId, text(tokenHash), nowSeconds(), expiresAt, nullIfEmpty(ip), nullIfEmpty(userAgent)});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<std::optional<TwoFactorChallenge>> AuthStore::findChallenge(const QByteArray &tokenHash)
{
    SqlQuery
        q(m_db,
          "SELECT id, user_id, expires_at, used_at, failed_attempts FROM two_factor_challenges WHERE token_hash = ?",
          {text(tokenHash)});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return std::optional<TwoFactorChallenge>();
    return std::optional<TwoFactorChallenge>(
        TwoFactorChallenge{q.integer(0), q.integer(1), q.integer(2), !q.isNull(3), int(q.integer(4))});
}

Result<Ok> AuthStore::failChallenge(qint64 id)
{
    SqlQuery q(m_db, "UPDATE two_factor_challenges SET failed_attempts = failed_attempts + 1 WHERE id = ?", {id});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<bool> AuthStore::useChallenge(qint64 id)
{
    SqlQuery q(m_db, "UPDATE two_factor_challenges SET used_at = ? WHERE id = ? AND used_at IS NULL",
               {nowSeconds(), id});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() == 1;
}

}   // namespace Conversa::Server
