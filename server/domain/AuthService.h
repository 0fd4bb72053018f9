#pragma once

#include "http/RequestContext.h"
#include "http/Result.h"

#include <QByteArray>

class Database;
class RoleStore;
struct ServerConfig;

// Tokens and the caller's identity. Access tokens are HS256 JWTs (sub, role, jti, sid, exp); "sid"
// is the login (auth_sessions row) they belong to, so revoking a login ends its access tokens too.
class AuthService {
public:
    AuthService(const ServerConfig &config, Database &db, RoleStore &roles);

    static constexpr int kAccessTokenSeconds = 3600;

    // The router's authenticator: a valid token of a live login of an active user, or 401.
    Result<AuthUser> authenticate(QByteArrayView token) const;

    // Signs an access token for a login.
    QByteArray issueAccessToken(qint64 userId, const QString &roleName, qint64 sessionId) const;

    // Loads the user row in the shape the router hands to handlers (no session check).
    Result<AuthUser> loadUser(qint64 userId) const;

    const QByteArray &jwtKey() const { return m_jwtKey; }
    RoleStore &roles() const { return m_roles; }

private:
    QByteArray m_jwtKey;
    Database &m_db;
    RoleStore &m_roles;
};
