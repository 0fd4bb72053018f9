#include "AuthService.h"

#include "app/ServerConfig.h"
#include "domain/Jwt.h"
#include "domain/RandomToken.h"
#include "store/Database.h"
#include "store/RoleStore.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

// Columns read into AuthUser, in readUser()'s order.
constexpr const char *kUserColumns =
    "u.id, u.email, u.first_name, u.last_name, u.phone, u.avatar_url, u.role_id, u.status, "
    "u.agent_status, u.agent_status_reason, u.max_concurrent_chats, u.auto_assign_enabled, "
    "u.two_factor_enabled, u.created_at, u.updated_at, u.last_login_at";

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
    if (const Role *role = roles.byId(u.roleId)) {
        u.roleName = role->name;
        u.permissions = &role->permissionSet;
    }
    return u;
}

} // namespace

AuthService::AuthService(const ServerConfig &config, Database &db, RoleStore &roles)
    : m_jwtKey(config.jwtSecret), m_db(db), m_roles(roles)
{
}

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

    static const QString sql = u"SELECT "_s + QLatin1StringView(kUserColumns)
        + u" FROM users u JOIN auth_sessions s ON s.user_id = u.id "
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
    return user;
}

Result<AuthUser> AuthService::loadUser(qint64 userId) const
{
    static const QString sql = u"SELECT "_s + QLatin1StringView(kUserColumns)
        + u" FROM users u WHERE u.id = ? AND u.deleted_at IS NULL"_s;
    SqlQuery q(m_db, sql, {userId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    return readUser(q, m_roles);
}
