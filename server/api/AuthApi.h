#pragma once

#include "ApiModule.h"
#include "http/HttpRouter.h"
#include "store/AuthStore.h"

#include <functional>
#include <optional>

namespace Conversa::Server {

class AuthService;
class Database;
class RateLimiter;
class RealtimeBus;
struct ServerConfig;

// /v1/auth: login (with throttling and the 2FA step), refresh-token rotation, logout, password
// change and TOTP two-factor set-up (docs/API.md#authentication).
class AuthApi final : public ApiModule {
public:
    AuthApi(Database &db, AuthService &auth, RateLimiter &limiter, RealtimeBus &realtime, const ServerConfig &config);
    void registerRoutes(HttpRouter &router) override;

private:
    Result<Deferred> login(RequestContext &ctx);
    Result<HttpReply> finishLogin(RequestContext &ctx, qint64 attempt, const std::optional<LoginAccount> &account,
                                  bool passwordOk);
    Result<HttpReply> refresh(RequestContext &ctx);
    Result<HttpReply> logout(RequestContext &ctx);
    Result<Deferred> changePassword(RequestContext &ctx);
    Result<Deferred> enableTwoFactor(RequestContext &ctx);
    Result<HttpReply> verifyTwoFactor(RequestContext &ctx);
    Result<HttpReply> activateTwoFactor(RequestContext &ctx);
    Result<HttpReply> secondFactorStep(RequestContext &ctx, const QString &challengeToken, const QString &code);
    Result<Deferred> disableTwoFactor(RequestContext &ctx);

    // Throttling (429) for an attempt to check this email's password from the caller's address,
    // then the attempt counted before its hash is queued: the pending attempt's id.
    Result<qint64> admitAttempt(RequestContext &ctx, const QString &email);
    // The signed-in user's password checked like a login (throttled, counted); `onMatch` runs
    // when it matches. A wrong one is a 422 on `field` with `wrongPassword`.
    Result<Deferred> passwordChecked(RequestContext &ctx, const QString &password, const QString &field,
                                     const char *wrongPassword, const QString &reason,
                                     std::function<Result<HttpReply>(RequestContext &)> onMatch);
    // Ends the user's other logins and their sockets; how many were revoked.
    Result<int> revokeOtherLogins(RequestContext &ctx, const QString &reason);
    // Opens a login for the user and answers like a successful POST /auth/login.
    Result<HttpReply> signedIn(RequestContext &ctx, const AuthUser &user);
    // Records a refused attempt (not counted as a failure) and answers 429.
    Result<HttpReply> throttled(RequestContext &ctx, const QString &email, int retryAfter);
    // Runs `body` in its own transaction that is kept when the request is refused (a failed
    // login still records its attempt); only internal errors roll back.
    Result<HttpReply> committing(const std::function<Result<HttpReply>()> &body);

    Database &m_db;
    AuthService &m_auth;
    AuthStore &m_store;
    RateLimiter &m_limiter;    // the per-user request limit, checked here for 2FA activation
    RealtimeBus &m_realtime;   // logout and password changes end sockets
    const ServerConfig &m_config;
};

}   // namespace Conversa::Server
