#include "AuthApi.h"

#include "config/ServerConfig.h"
#include "core/Validator.h"
#include "crypto/PasswordHasher.h"
#include "crypto/RandomToken.h"
#include "domain/AuthService.h"
#include "http/RateLimiter.h"
#include "realtime/RealtimeBus.h"
#include "store/AuditStore.h"
#include "store/Database.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

// Passwords are taken exactly as typed, and the login only checks that one was sent: its
// answer must not hint at the password policy.
std::optional<QString> passwordField(Validator &v, const QJsonObject &body, const QString &field)
{
    const QJsonValue value = body.value(field);
    if (value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty())) {
        v.fail(field, QT_TRANSLATE_NOOP("Api", "This field is required"));
        return std::nullopt;
    }
    if (!value.isString()) {
        v.fail(field, QT_TRANSLATE_NOOP("Api", "Must be a text"));
        return std::nullopt;
    }
    if (value.toString().size() > 256) {
        v.fail(field, QT_TRANSLATE_NOOP("Api", "Must be at most %1 characters"), {u"256"_s});
        return std::nullopt;
    }
    return value.toString();
}

}   // namespace

AuthApi::AuthApi(Database &db, AuthService &auth, RateLimiter &limiter, RealtimeBus &realtime,
                 const ServerConfig &config)
    : m_db(db), m_auth(auth), m_store(auth.store()), m_limiter(limiter), m_realtime(realtime), m_config(config)
{}

void AuthApi::registerRoutes(HttpRouter &router)
{
    const QString user = u"User"_s;
    // Public routes that must keep what they write when they refuse (attempts, reuse revocation)
    // manage their own transactions.
    router.addDeferred("POST", u"/v1/auth/login"_s,
                       {.authenticated = false,
                        .action = u"auth.login"_s,
                        .entityType = user,
                        .transactional = false,
                        .limitPerAddress = true},
                       [this](RequestContext &ctx) { return login(ctx); });
    router.post(u"/v1/auth/refresh"_s,
                {.authenticated = false,
                 .action = u"auth.refresh"_s,
                 .entityType = user,
                 .transactional = false,
                 .limitPerAddress = true},
                [this](RequestContext &ctx) { return refresh(ctx); });
    // Logout and the 2FA routes stay open to a user whose role requires 2FA they have not enabled.
    router.post(u"/v1/auth/logout"_s, {.action = u"auth.logout"_s, .entityType = user, .beforeTwoFactor = true},
                [this](RequestContext &ctx) { return logout(ctx); });
    // The signed-in user's own password checks are throttled like logins and keep their failed
    // attempts, so they run in their own transactions too.
    router.addDeferred("PUT", u"/v1/auth/change-password"_s,
                       {.action = u"auth.change_password"_s, .entityType = user, .transactional = false},
                       [this](RequestContext &ctx) { return changePassword(ctx); });
    router.addDeferred("POST", u"/v1/auth/2fa/enable"_s,
                       {.action = u"auth.2fa_enable"_s,
                        .entityType = user,
                        .transactional = false,
                        .beforeTwoFactor = true},
                       [this](RequestContext &ctx) { return enableTwoFactor(ctx); });
    // Public because its second-login-step mode has no access token yet; the activation mode
    // checks the bearer token itself.
    router.post(u"/v1/auth/2fa/verify"_s,
                {.authenticated = false,
                 .action = u"auth.2fa_verify"_s,
                 .entityType = user,
                 .transactional = false,
                 .limitPerAddress = true},
                [this](RequestContext &ctx) { return verifyTwoFactor(ctx); });
    router.addDeferred("POST", u"/v1/auth/2fa/disable"_s,
                       {.action = u"auth.2fa_disable"_s,
                        .entityType = user,
                        .transactional = false,
                        .beforeTwoFactor = true},
                       [this](RequestContext &ctx) { return disableTwoFactor(ctx); });
}

Result<HttpReply> AuthApi::committing(const std::function<Result<HttpReply>()> &body)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The database is not available"));
    Result<HttpReply> result = body();
    if (!result && result.error().status() >= 500)
        return result;   // rolled back by ~Transaction
    if (!tx.commit())
        return ApiError::internal();
    return result;
}

Result<HttpReply> AuthApi::throttled(RequestContext &ctx, const QString &email, int retryAfter)
{
    CONVERSA_TRY(m_store.recordAttempt(email, ctx.ip, false, u"throttled"_s));
    return ApiError::rateLimited(retryAfter);
}

Result<qint64> AuthApi::admitAttempt(RequestContext &ctx, const QString &email)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The database is not available"));
    CONVERSA_TRY(m_store.lockAttempts(email, ctx.ip));
    Result<int> wait = m_auth.loginRetryAfter(email, ctx.ip);
    CONVERSA_TRY(wait);
    if (*wait > 0) {
        const Result<HttpReply> refused = throttled(ctx, email, *wait);
        if (!tx.commit())
            return ApiError::internal();
        return refused.error();   // throttled() never succeeds
    }
    Result<qint64> attempt = m_store.recordPendingAttempt(email, ctx.ip);
    CONVERSA_TRY(attempt);
    if (!tx.commit())
        return ApiError::internal();
    return attempt;
}

Result<HttpReply> AuthApi::signedIn(RequestContext &ctx, const AuthUser &user)
{
    Result<IssuedTokens> tokens = m_auth.openSession(user, ctx.ip, ctx.userAgent);
    CONVERSA_TRY(tokens);
    return HttpReply::json(QJsonObject{{u"access_token"_s, QString::fromLatin1(tokens->accessToken)},
                                       {u"refresh_token"_s, QString::fromLatin1(tokens->refreshToken)},
                                       {u"expires_in"_s, AuthService::kAccessTokenSeconds},
                                       // true: the role requires 2FA and only enabling it is allowed
                                       {u"two_factor_setup_required"_s, user.twoFactorSetupRequired},
                                       {u"user"_s, m_auth.userJson(user)}});
}

// ---- POST /v1/auth/login ----

Result<Deferred> AuthApi::login(RequestContext &ctx)
{
    Validator v(ctx.body);
    const std::optional<QString> email = v.email(u"email"_s, true);
    const std::optional<QString> password = passwordField(v, ctx.body, u"password"_s);
    if (!v.ok())
        return v.error();

    Result<std::optional<LoginAccount>> account = m_store.findAccount(*email);
    CONVERSA_TRY(account);
    if (account->has_value())
        ctx.audit.entityId = ctx.audit.userId = account->value().id;

    // Throttling comes first, so a locked-out email costs no hashing and even the right password
    // waits; the attempt counts from before its hash is queued.
    const Result<qint64> attempt = admitAttempt(ctx, *email);
    CONVERSA_TRY(attempt);

    // An unknown email is checked against a dummy hash so both answers take as long.
    const QByteArray hash = account->has_value() ? account->value().passwordHash : PasswordHasher::dummyHash();
    return Deferred{[hash, password = *password] { return QVariant(PasswordHasher::verify(hash, password)); },
                    [this, known = account.value(), attempt = *attempt](RequestContext &ctx, const QVariant &verified) {
                        return committing([&] { return finishLogin(ctx, attempt, known, verified.toBool()); });
                    }};
}

Result<HttpReply> AuthApi::finishLogin(RequestContext &ctx, qint64 attempt, const std::optional<LoginAccount> &account,
                                       bool passwordOk)
{
    const auto wrong = [] {
        return ApiError::unauthenticated(QT_TRANSLATE_NOOP("Api", "The email or password is incorrect"));
    };
    if (!account || !passwordOk) {
        CONVERSA_TRY(m_store.settleAttempt(attempt, false, account ? u"password"_s : u"unknown_email"_s));
        return wrong();
    }
    Result<AuthUser> user = m_auth.loadUser(account->id);
    if (!user && user.error().status() == 404) {   // deleted while the password was being checked
        CONVERSA_TRY(m_store.settleAttempt(attempt, false, u"unknown_email"_s));
        return wrong();
    }
    CONVERSA_TRY(user);
    if (user->status != "active"_L1) {
        CONVERSA_TRY(m_store.settleAttempt(attempt, false, u"inactive"_s));
        return ApiError::unauthenticated(QT_TRANSLATE_NOOP("Api", "This account is not active"));
    }
    if (user->twoFactorEnabled) {
        Result<QByteArray> challenge = m_auth.openTwoFactorChallenge(user->id, ctx.ip, ctx.userAgent);
        CONVERSA_TRY(challenge);
        CONVERSA_TRY(m_store.settleAttempt(attempt, true, u"password"_s));
        return HttpReply::json(QJsonObject{{u"two_factor_required"_s, true},
                                           {u"two_factor_token"_s, QString::fromLatin1(*challenge)},
                                           {u"expires_in"_s, AuthService::kChallengeSeconds}});
    }
    CONVERSA_TRY(m_store.settleAttempt(attempt, true, u"ok"_s));
    return signedIn(ctx, *user);
}

// ---- POST /v1/auth/refresh ----

Result<HttpReply> AuthApi::refresh(RequestContext &ctx)
{
    Validator v(ctx.body);
    const std::optional<QString> token = v.string(u"refresh_token"_s, true, 512);
    if (!v.ok())
        return v.error();
    return committing([&]() -> Result<HttpReply> {
        qint64 userId = 0;
        Result<IssuedTokens> tokens = m_auth.rotateRefreshToken(*token, &userId);
        ctx.audit.entityId = ctx.audit.userId = userId;
        CONVERSA_TRY(tokens);
        return HttpReply::json(QJsonObject{{u"access_token"_s, QString::fromLatin1(tokens->accessToken)},
                                           {u"refresh_token"_s, QString::fromLatin1(tokens->refreshToken)},
                                           {u"expires_in"_s, AuthService::kAccessTokenSeconds}});
    });
}

// ---- POST /v1/auth/logout ----

Result<HttpReply> AuthApi::logout(RequestContext &ctx)
{
    ctx.audit.entityId = ctx.user->id;
    // Ends the login: its access tokens fail authenticate() at once, its refresh tokens too.
    CONVERSA_TRY(m_store.revokeSession(ctx.user->sessionId, u"logout"_s));
    m_realtime.disconnectSession(ctx.user->sessionId);
    return HttpReply::json(QJsonObject{{u"message"_s, ctx.text(QT_TRANSLATE_NOOP("Api", "Signed out successfully"))}});
}

// ---- PUT /v1/auth/change-password ----

Result<Deferred> AuthApi::changePassword(RequestContext &ctx)
{
    ctx.audit.entityId = ctx.user->id;
    Validator v(ctx.body);
    const std::optional<QString> current = passwordField(v, ctx.body, u"current_password"_s);
    const std::optional<QString> next = v.password(u"new_password"_s, true);
    if (current && next && *current == *next)
        v.fail(u"new_password"_s, QT_TRANSLATE_NOOP("Api", "The new password must be different from the current one"));
    if (!v.ok())
        return v.error();
    // The new hash is made only after the current password matched: a wrong guess costs one hash.
    return passwordChecked(ctx, *current, u"current_password"_s,
                           QT_TRANSLATE_NOOP("Api", "The current password is incorrect"), u"change_password"_s,
                           [this, next = *next](RequestContext &ctx) -> Result<HttpReply> {
                               const QByteArray hash = PasswordHasher::hash(next);
                               if (hash.isEmpty())
                                   return ApiError::internal();
                               CONVERSA_TRY(m_store.setPasswordHash(ctx.user->id, hash));
                               // Whoever else holds a login of this account (maybe with the old password) is out.
                               Result<int> revoked = revokeOtherLogins(ctx, u"password_changed"_s);
                               CONVERSA_TRY(revoked);
                               ctx.audit.changes =
                                   QJsonObject{{u"password"_s, AuditStore::change(u"***"_s, u"***"_s)},
                                               {u"sessions_revoked"_s, AuditStore::change(0, *revoked)}};
                               return HttpReply::json(
                                   QJsonObject{{u"message"_s,
                                                ctx.text(QT_TRANSLATE_NOOP("Api", "Password updated successfully"))}});
                           });
}

Result<Deferred> AuthApi::passwordChecked(RequestContext &ctx, const QString &password, const QString &field,
                                          const char *wrongPassword, const QString &reason,
                                          std::function<Result<HttpReply>(RequestContext &)> onMatch)
{
    Result<std::optional<LoginAccount>> account = m_store.account(ctx.user->id);
    CONVERSA_TRY(account);
    if (!account->has_value())
        return ApiError::unauthenticated();
    const Result<qint64> attempt = admitAttempt(ctx, ctx.user->email);
    CONVERSA_TRY(attempt);
    return Deferred{[hash = account->value().passwordHash, password] {
                        return QVariant(PasswordHasher::verify(hash, password));
                    },
                    [this, field, reason, wrongPassword, attempt = *attempt,
                     onMatch = std::move(onMatch)](RequestContext &ctx, const QVariant &verified) {
                        return committing([&]() -> Result<HttpReply> {
                            if (!verified.toBool()) {
                                CONVERSA_TRY(m_store.settleAttempt(attempt, false, reason));
                                return ApiError::validation(field, wrongPassword);
                            }
                            // A refusal after the password (a wrong 2FA code) fails the attempt too;
                            // `onMatch` changes nothing before its last refusal.
                            Result<HttpReply> done = onMatch(ctx);
                            if (!done && done.error().status() >= 500)
                                return done;
                            CONVERSA_TRY(m_store.settleAttempt(attempt, bool(done), reason));
                            return done;
                        });
                    }};
}

Result<int> AuthApi::revokeOtherLogins(RequestContext &ctx, const QString &reason)
{
    Result<int> revoked = m_store.revokeOtherSessions(ctx.user->id, ctx.user->sessionId, reason);
    if (revoked)
        m_realtime.disconnectUser(ctx.user->id, ctx.user->sessionId);
    return revoked;
}

// ---- POST /v1/auth/2fa/enable ----

Result<Deferred> AuthApi::enableTwoFactor(RequestContext &ctx)
{
    ctx.audit.entityId = ctx.user->id;
    Validator v(ctx.body);
    const std::optional<QString> password = passwordField(v, ctx.body, u"password"_s);
    if (!v.ok())
        return v.error();
    if (ctx.user->twoFactorEnabled)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "Two-factor authentication is already enabled"));
    return passwordChecked(ctx, *password, u"password"_s, QT_TRANSLATE_NOOP("Api", "The password is incorrect"),
                           u"two_factor_enable"_s, [this](RequestContext &ctx) -> Result<HttpReply> {
                               Result<TwoFactorSetup> setup = m_auth.beginTwoFactor(*ctx.user);
                               CONVERSA_TRY(setup);
                               return HttpReply::json(
                                   QJsonObject{{u"secret"_s, QString::fromLatin1(setup->secret)},
                                               {u"qr_code"_s, QString::fromLatin1(setup->qrCode)},
                                               {u"backup_codes"_s, QJsonArray::fromStringList(setup->backupCodes)}});
                           });
}

// ---- POST /v1/auth/2fa/verify ----

Result<HttpReply> AuthApi::verifyTwoFactor(RequestContext &ctx)
{
    const QJsonValue challenge = ctx.body.value(u"two_factor_token"_s);
    if (challenge.isUndefined() || challenge.isNull())
        return activateTwoFactor(ctx);
    Validator v(ctx.body);
    const std::optional<QString> token = v.string(u"two_factor_token"_s, true, 512);
    const std::optional<QString> code = v.string(u"code"_s, true, 64);
    if (!v.ok())
        return v.error();
    return committing([&] { return secondFactorStep(ctx, *token, *code); });
}

Result<HttpReply> AuthApi::activateTwoFactor(RequestContext &ctx)
{
    // Confirming the set-up needs the signed-in user, like the router would check.
    const QByteArray authorization = ctx.header("authorization");
    if (!authorization.startsWith("Bearer ") || authorization.size() <= 7)
        return ApiError::unauthenticated();
    Result<AuthUser> user = m_auth.authenticate(QByteArrayView(authorization).sliced(7).trimmed());
    CONVERSA_TRY(user);
    ctx.user = user.value();
    ctx.audit.entityId = user->id;
    int retryAfter = 0;
    if (!m_limiter.allow(u"user:"_s + QString::number(user->id), m_config.apiRequestsPerMinute, 60, &retryAfter))
        return ApiError::rateLimited(retryAfter);

    Validator v(ctx.body);
    const std::optional<QString> code = v.string(u"code"_s, true, 64);
    if (!v.ok())
        return v.error();
    return committing([&]() -> Result<HttpReply> {
        CONVERSA_TRY(m_auth.activateTwoFactor(user->id, *code));
        // Logins made with the password alone end: from now on a login needs the second factor.
        Result<int> revoked = revokeOtherLogins(ctx, u"two_factor_enabled"_s);
        CONVERSA_TRY(revoked);
        ctx.audit.changes = QJsonObject{{u"two_factor_enabled"_s, AuditStore::change(false, true)},
                                        {u"sessions_revoked"_s, AuditStore::change(0, *revoked)}};
        return HttpReply::json(QJsonObject{{u"enabled"_s, true}});
    });
}

Result<HttpReply> AuthApi::secondFactorStep(RequestContext &ctx, const QString &challengeToken, const QString &code)
{
    const auto dead = [] {
        return ApiError::unauthenticated(
            QT_TRANSLATE_NOOP("Api", "The verification step is invalid or expired, sign in again"));
    };
    Result<std::optional<TwoFactorChallenge>> found =
        m_store.findChallenge(RandomToken::sha256Hex(challengeToken.toUtf8()));
    CONVERSA_TRY(found);
    if (!found->has_value())
        return dead();
    const TwoFactorChallenge challenge = found->value();
    ctx.audit.entityId = ctx.audit.userId = challenge.userId;
    if (challenge.used || challenge.expiresAt <= nowSeconds() ||
        challenge.failedAttempts >= AuthService::kMaxChallengeFailures)
        return dead();
    Result<AuthUser> user = m_auth.loadUser(challenge.userId);
    if (!user && user.error().status() == 404)
        return dead();
    CONVERSA_TRY(user);
    if (user->status != "active"_L1)
        return ApiError::unauthenticated(QT_TRANSLATE_NOOP("Api", "This account is not active"));

    // Wrong codes count as failed logins of the email, across all of its challenges.
    CONVERSA_TRY(m_store.lockAttempts(user->email, ctx.ip));
    Result<int> wait = m_auth.loginRetryAfter(user->email, ctx.ip);
    CONVERSA_TRY(wait);
    if (*wait > 0)
        return throttled(ctx, user->email, *wait);

    Result<bool> accepted = m_auth.consumeSecondFactor(user->id, code);
    CONVERSA_TRY(accepted);
    if (!*accepted) {
        CONVERSA_TRY(m_store.failChallenge(challenge.id));
        CONVERSA_TRY(m_store.recordAttempt(user->email, ctx.ip, false, u"two_factor"_s));
        // To a client signing in, a wrong code is a failed login like a wrong password; the
        // detail on `code` says the step is still open for another code.
        return ApiError::unauthenticated(QT_TRANSLATE_NOOP("Api", "The code is not valid"))
            .withDetails({{u"code"_s, QT_TRANSLATE_NOOP("Api", "The code is not valid")}});
    }
    Result<bool> used = m_store.useChallenge(challenge.id);
    CONVERSA_TRY(used);
    if (!*used)
        return dead();
    CONVERSA_TRY(m_store.recordAttempt(user->email, ctx.ip, true, u"two_factor"_s));
    return signedIn(ctx, *user);
}

// ---- POST /v1/auth/2fa/disable ----

Result<Deferred> AuthApi::disableTwoFactor(RequestContext &ctx)
{
    ctx.audit.entityId = ctx.user->id;
    Validator v(ctx.body);
    const std::optional<QString> password = passwordField(v, ctx.body, u"password"_s);
    const std::optional<QString> code = v.string(u"code"_s, true, 64);
    if (!v.ok())
        return v.error();
    if (!ctx.user->twoFactorEnabled)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "Two-factor authentication is not enabled"));
    return passwordChecked(ctx, *password, u"password"_s, QT_TRANSLATE_NOOP("Api", "The password is incorrect"),
                           u"two_factor_disable"_s, [this, code = *code](RequestContext &ctx) -> Result<HttpReply> {
                               Result<bool> accepted = m_auth.consumeSecondFactor(ctx.user->id, code);
                               CONVERSA_TRY(accepted);
                               if (!*accepted)
                                   return ApiError::validation(u"code"_s,
                                                               QT_TRANSLATE_NOOP("Api", "The code is not valid"));
                               CONVERSA_TRY(m_store.disableTwoFactor(ctx.user->id));
                               Result<int> revoked = revokeOtherLogins(ctx, u"two_factor_disabled"_s);
                               CONVERSA_TRY(revoked);
                               ctx.audit.changes =
                                   QJsonObject{{u"two_factor_enabled"_s, AuditStore::change(true, false)},
                                               {u"sessions_revoked"_s, AuditStore::change(0, *revoked)}};
                               return HttpReply::json(QJsonObject{{u"enabled"_s, false}});
                           });
}

}   // namespace Conversa::Server
