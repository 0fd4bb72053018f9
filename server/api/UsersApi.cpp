#include "UsersApi.h"

#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "core/Validator.h"
#include "crypto/PasswordHasher.h"
#include "domain/AuthService.h"
#include "domain/RoutingTrigger.h"
#include "http/QueryReader.h"
#include "realtime/RealtimeBus.h"
#include "store/AuditStore.h"
#include "store/Database.h"
#include "store/RoleStore.h"

#include <QUrl>

#include <limits>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

const QStringList kUserStatuses = {u"active"_s, u"inactive"_s, u"suspended"_s};
const QStringList kAgentStatuses = {u"available"_s, u"busy"_s, u"paused"_s, u"offline"_s};
constexpr int kNameLength = 100;

// avatar_url links a picture elsewhere: an http or https URL with a host.
bool isAvatarUrl(const QString &s)
{
    const QUrl url(s, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == "http"_L1 || url.scheme() == "https"_L1) && !url.host().isEmpty();
}

// first_name, last_name, phone, avatar_url: what a user may edit on their own profile.
void applyProfile(Validator &v, AuthUser &u, bool creating)
{
    if (creating || v.has(u"first_name"_s)) {
        if (const auto s = v.string(u"first_name"_s, true, kNameLength))
            u.firstName = *s;
    }
    if (v.has(u"last_name"_s)) {
        if (v.isNull(u"last_name"_s))
            u.lastName.clear();
        else if (const auto s = v.string(u"last_name"_s, false, kNameLength))
            u.lastName = *s;
    }
    if (v.has(u"phone"_s)) {
        if (v.clears(u"phone"_s))
            u.phone.clear();
        else if (const auto s = v.phone(u"phone"_s, false))
            u.phone = *s;
    }
    if (v.has(u"avatar_url"_s)) {
        if (v.clears(u"avatar_url"_s)) {
            u.avatarUrl.clear();
        } else if (const auto s = v.string(u"avatar_url"_s, false, 2048)) {
            if (isAvatarUrl(*s))
                u.avatarUrl = *s;
            else
                v.fail(u"avatar_url"_s, QT_TRANSLATE_NOOP("Api", "Must be an http or https URL"));
        }
    }
}

// email, role_id, status, max_concurrent_chats, auto_assign_enabled: what an admin manages.
// A field that is sent must have a value; on create, email and role_id are required.
void applyAccount(Validator &v, AuthUser &u, const RoleStore &roles, bool creating)
{
    if (creating || v.has(u"email"_s)) {
        if (const auto s = v.email(u"email"_s, true))
            u.email = *s;
    }
    if (creating || v.has(u"role_id"_s)) {
        if (const auto id = v.integer(u"role_id"_s, true, 1, std::numeric_limits<int>::max())) {
            if (roles.byId(*id))
                u.roleId = *id;
            else
                v.fail(u"role_id"_s, QT_TRANSLATE_NOOP("Api", "Must be an existing role"));
        }
    }
    if (v.has(u"status"_s)) {
        if (const auto s = v.oneOf(u"status"_s, kUserStatuses, true))
            u.status = *s;
    }
    if (v.has(u"max_concurrent_chats"_s)) {
        if (const auto n = v.integer(u"max_concurrent_chats"_s, true, 1, 100))
            u.maxConcurrentChats = int(*n);
    }
    if (v.has(u"auto_assign_enabled"_s)) {
        if (const auto b = v.boolean(u"auto_assign_enabled"_s, true))
            u.autoAssignEnabled = *b;
    }
}

// The editable columns, as the audit log records them.
QJsonObject auditFields(const AuthUser &u)
{
    return {{u"email"_s, u.email},
            {u"first_name"_s, u.firstName},
            {u"last_name"_s, u.lastName},
            {u"phone"_s, JsonWriter::textOrNullValue(u.phone)},
            {u"avatar_url"_s, JsonWriter::textOrNullValue(u.avatarUrl)},
            {u"role_id"_s, u.roleId},
            {u"status"_s, u.status},
            {u"max_concurrent_chats"_s, u.maxConcurrentChats},
            {u"auto_assign_enabled"_s, u.autoAssignEnabled}};
}

}   // namespace

UsersApi::UsersApi(Database &db, const RoleStore &roles, AuthService &auth, RoutingTrigger &routing,
                   RealtimeBus &realtime)
    : m_roles(roles), m_auth(auth), m_routing(routing), m_realtime(realtime), m_users(db), m_campaigns(db), m_statuses(db)
{
    for (const Role &role : roles.all()) {
        JsonWriter ref(128);
        ref.beginObject()
            .field("id", role.id)
            .field("name", role.name)
            .field("display_name", role.displayName)
            .endObject();
        JsonWriter permissions(1024);
        permissions.beginArray();
        for (const QString &p : role.permissions)
            permissions.value(p);
        permissions.endArray();
        m_roleJson.insert(role.id, RoleJson{ref.take(), permissions.take()});
    }
    if (const Role *admin = roles.byName(u"admin"_s))
        m_adminRoleId = admin->id;
}

void UsersApi::registerRoutes(HttpRouter &router)
{
    const QString user = u"User"_s;
    router.get(u"/v1/users"_s, {.permission = Permissions::kUsersRead, .action = u"user.list"_s, .entityType = user},
               [this](RequestContext &ctx) { return list(ctx); });
    // /me before /{id}: the first matching route wins.
    // Open to a user who must enable 2FA first (docs/API.md#two-factor-required-by-role).
    router.get(u"/v1/users/me"_s, {.action = u"user.read"_s, .entityType = user, .beforeTwoFactor = true},
               [this](RequestContext &ctx) { return me(ctx); });
    router.put(u"/v1/users/me"_s, {.action = u"user.update_profile"_s, .entityType = user},
               [this](RequestContext &ctx) { return updateMe(ctx); });
    // Reading oneself needs no permission: checked in the handler.
    router.get(u"/v1/users/{id}"_s, {.action = u"user.read"_s, .entityType = user},
               [this](RequestContext &ctx) { return show(ctx); });
    router.addDeferred("POST", u"/v1/users"_s,
                       {.permission = Permissions::kUsersCreate, .action = u"user.create"_s, .entityType = user},
                       [this](RequestContext &ctx) { return create(ctx); });
    router.put(u"/v1/users/{id}"_s,
               {.permission = Permissions::kUsersUpdate, .action = u"user.update"_s, .entityType = user},
               [this](RequestContext &ctx) { return update(ctx); });
    router.del(u"/v1/users/{id}"_s,
               {.permission = Permissions::kUsersDelete, .action = u"user.delete"_s, .entityType = user},
               [this](RequestContext &ctx) { return remove(ctx); });
    // A lock of the user's logins (5 failures in 15 minutes, maybe someone else's) cleared by an admin.
    router.post(u"/v1/users/{id}/unlock-login"_s,
                {.permission = Permissions::kUsersUpdate, .action = u"user.unlock_login"_s, .entityType = user},
                [this](RequestContext &ctx) { return unlockLogin(ctx); });
    // A user who lost their second factor: an admin turns it off (and ends their logins).
    router.post(u"/v1/users/{id}/reset-2fa"_s,
                {.permission = Permissions::kUsersUpdate, .action = u"user.reset_2fa"_s, .entityType = user},
                [this](RequestContext &ctx) { return resetTwoFactor(ctx); });
    // One's own history needs no permission; someone else's needs users.read (as GET /users/{id}).
    router.get(u"/v1/users/{id}/status-history"_s, {.action = u"user.status_history"_s, .entityType = user},
               [this](RequestContext &ctx) { return statusHistory(ctx); });
    // One's own status needs no permission; someone else's needs users.agent_status.
    router.post(u"/v1/users/{id}/agent-status"_s, {.action = u"user.agent_status"_s, .entityType = user},
                [this](RequestContext &ctx) { return setAgentStatus(ctx); });
}

const UsersApi::RoleJson &UsersApi::roleJson(qint64 roleId) const
{
    static const RoleJson unknown{"null", "[]"};
    const auto it = m_roleJson.constFind(roleId);
    return it == m_roleJson.cend() ? unknown : *it;
}

Result<HttpReply> UsersApi::userReply(const AuthUser &u, bool withCampaigns)
{
    Result<QList<UserCampaign>> campaigns =
        withCampaigns ? m_campaigns.campaignsOfUser(u.id) : Result<QList<UserCampaign>>(QList<UserCampaign>());
    if (!campaigns)
        return campaigns.error();
    const RoleJson &role = roleJson(u.roleId);
    JsonWriter w(1024 + role.permissions.size());
    w.beginObject();
    w.field("id", u.id).field("email", u.email).field("first_name", u.firstName).field("last_name", u.lastName);
    w.textOrNull("phone", u.phone);
    w.textOrNull("avatar_url", u.avatarUrl);
    w.key("role").raw(role.ref);
    w.field("status", u.status).field("agent_status", u.agentStatus);
    w.textOrNull("agent_status_reason", u.agentStatusReason);
    w.field("max_concurrent_chats", u.maxConcurrentChats).field("auto_assign_enabled", u.autoAssignEnabled);
    w.field("two_factor_enabled", u.twoFactorEnabled);
    if (!withCampaigns)
        w.field("two_factor_setup_required", u.twoFactorSetupRequired);
    if (withCampaigns) {
        w.key("campaigns").beginArray();
        for (const UserCampaign &c : std::as_const(*campaigns))
            w.beginObject().field("id", c.id).field("name", c.name).field("priority", c.priority).endObject();
        w.endArray();
    }
    w.key("permissions").raw(role.permissions);
    w.timeOrNull("created_at", u.createdAt);
    w.timeOrNull("updated_at", u.updatedAt);
    w.timeOrNull("last_login_at", u.lastLoginAt);
    w.endObject();
    return HttpReply::json(w.take());
}

Result<HttpReply> UsersApi::list(RequestContext &ctx)
{
    QueryReader in(ctx);
    const PageRequest page = in.page();
    UserFilter filter;
    QStringList roleNames;
    for (const Role &known : m_roles.all())
        roleNames.append(known.name);
    if (const QString role = in.oneOf(u"role"_s, roleNames); !role.isEmpty())
        filter.roleId = m_roles.byName(role)->id;
    filter.status = in.oneOf(u"status"_s, kUserStatuses);
    filter.search = in.text(u"search"_s);
    if (!in.ok())
        return in.error();
    filter.limit = page.limit;
    filter.offset = page.offset();

    Result<UserPage> result = m_users.list(filter);
    if (!result)
        return result.error();
    JsonWriter w(512 + result->rows.size() * 480);
    w.beginObject().key("data").beginArray();
    for (const UserListItem &u : std::as_const(result->rows)) {
        w.beginObject();
        w.field("id", u.id).field("email", u.email).field("first_name", u.firstName).field("last_name", u.lastName);
        w.textOrNull("phone", u.phone);
        w.textOrNull("avatar_url", u.avatarUrl);
        w.key("role").raw(roleJson(u.roleId).ref);
        w.field("status", u.status).field("agent_status", u.agentStatus);
        w.field("max_concurrent_chats", u.maxConcurrentChats);
        w.timeOrNull("created_at", u.createdAt);
        w.timeOrNull("last_login_at", u.lastLoginAt);
        w.endObject();
    }
    w.endArray();
    w.pageMeta(page, result->total);
    w.endObject();
    return HttpReply::json(w.take());
}

Result<HttpReply> UsersApi::me(RequestContext &ctx)
{
    // The hottest route: answered from the row the authenticator loaded, with no query of its
    // own. A user's campaigns are at GET /v1/users/{own id}.
    return userReply(*ctx.user, false);
}

Result<HttpReply> UsersApi::show(RequestContext &ctx)
{
    const qint64 id = ctx.idParam();
    if (id != ctx.userId() && !ctx.user->can(Permissions::kUsersRead))
        return ApiError::forbidden();
    Result<AuthUser> user = m_auth.loadUser(id);
    if (!user)
        return user.error();
    return userReply(*user);
}

Result<Deferred> UsersApi::create(RequestContext &ctx)
{
    AuthUser user;
    user.status = u"active"_s;
    user.maxConcurrentChats = 5;
    user.autoAssignEnabled = true;
    Validator v(ctx.body);
    applyAccount(v, user, m_roles, true);
    applyProfile(v, user, true);
    const std::optional<QString> password = v.password(u"password"_s, true);
    if (!v.ok())
        return v.error();
    // Refuse a taken email before spending a password hash on it; the insert checks again.
    const Result<bool> taken = m_users.emailTaken(user.email);
    if (!taken)
        return taken.error();
    if (*taken)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A user with this email already exists"));

    Deferred deferred;
    deferred.work = [password = *password] { return QVariant(PasswordHasher::hash(password)); };
    deferred.finish = [this, user](RequestContext &ctx, const QVariant &hash) mutable -> Result<HttpReply> {
        const QByteArray passwordHash = hash.toByteArray();
        if (passwordHash.isEmpty())
            return ApiError::internal();
        const qint64 now = nowSeconds();
        Result<qint64> id = m_users.insert(user, passwordHash, now);
        if (!id)
            return id.error();
        user.id = *id;
        user.createdAt = now;
        ctx.audit.entityId = user.id;
        ctx.audit.changes = AuditStore::diff({}, auditFields(user));

        JsonWriter w(512);
        w.beginObject();
        w.field("id", user.id).field("email", user.email).field("first_name", user.firstName);
        w.field("last_name", user.lastName);
        w.key("role").raw(roleJson(user.roleId).ref);
        w.timeOrNull("created_at", user.createdAt);
        w.endObject();
        return HttpReply::json(w.take(), 201);
    };
    return deferred;
}

Result<Ok> UsersApi::keepAnActiveAdmin(const AuthUser &before, bool stillActiveAdmin)
{
    const bool wasActiveAdmin = before.roleId == m_adminRoleId && before.status == "active"_L1;
    if (!wasActiveAdmin || stillActiveAdmin)
        return Ok{};
    CONVERSA_TRY(m_users.lockAdminChanges());
    const Result<qint64> others = m_users.countActive(m_adminRoleId, before.id);
    if (!others)
        return others.error();
    if (*others == 0)
        return ApiError::conflict(
            QT_TRANSLATE_NOOP("Api", "The last active administrator cannot be demoted, deactivated or deleted"));
    return Ok{};
}

Result<HttpReply> UsersApi::update(RequestContext &ctx)
{
    Result<AuthUser> before = m_auth.loadUser(ctx.idParam());
    if (!before)
        return before.error();
    AuthUser after = *before;
    Validator v(ctx.body);
    applyAccount(v, after, m_roles, false);
    applyProfile(v, after, false);
    if (!v.ok())
        return v.error();
    CONVERSA_TRY(keepAnActiveAdmin(*before, after.roleId == m_adminRoleId && after.status == "active"_L1));
    if (after.email != before->email) {
        const Result<bool> taken = m_users.emailTaken(after.email, after.id);
        if (!taken)
            return taken.error();
        if (*taken)
            return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A user with this email already exists"));
    }

    ctx.audit.changes = AuditStore::diff(auditFields(*before), auditFields(after));
    if (ctx.audit.changes.isEmpty())
        return userReply(*before);   // nothing changed: updated_at stays
    const qint64 now = nowSeconds();
    CONVERSA_TRY(m_users.update(after, now));
    // More room, auto-assign back on, or an account active again may let queued chats through.
    ctx.afterCommit([&routing = m_routing, id = after.id] { routing.agent(id); });
    // Authentication already refuses a user who is not active; revoking too means that
    // reactivating the account later does not bring the old logins back.
    if (after.status != "active"_L1 && before->status == "active"_L1) {
        CONVERSA_TRY(m_users.revokeSessions(after.id, u"user_"_s + after.status, now));
        m_realtime.disconnectUser(after.id);   // and their sockets (queued to every HTTP thread)
    } else if (after.roleId != before->roleId) {
        // A socket's rooms follow the role it connected with ("supervisors"): it reconnects anew.
        m_realtime.disconnectUser(after.id);
    }
    after.updatedAt = now;
    return userReply(after);
}

Result<HttpReply> UsersApi::updateMe(RequestContext &ctx)
{
    ctx.audit.entityId = ctx.userId();
    Result<AuthUser> before = m_auth.loadUser(ctx.userId());
    if (!before)
        return before.error();
    AuthUser after = *before;
    Validator v(ctx.body);
    applyProfile(v, after, false);   // account fields (email, role, status…) are ignored here
    if (!v.ok())
        return v.error();
    ctx.audit.changes = AuditStore::diff(auditFields(*before), auditFields(after));
    if (ctx.audit.changes.isEmpty())
        return userReply(*before, false);
    const qint64 now = nowSeconds();
    CONVERSA_TRY(m_users.update(after, now));
    after.updatedAt = now;
    return userReply(after, false);
}

Result<HttpReply> UsersApi::remove(RequestContext &ctx)
{
    const qint64 id = ctx.idParam();
    if (id == ctx.userId())
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "You cannot delete your own user"));
    Result<AuthUser> before = m_auth.loadUser(id);
    if (!before)
        return before.error();
    CONVERSA_TRY(keepAnActiveAdmin(*before, false));
    const qint64 now = nowSeconds();
    CONVERSA_TRY(m_users.softDelete(id, now));
    m_realtime.disconnectUser(id);
    ctx.audit.changes = {{u"deleted_at"_s, QJsonObject{{u"from"_s, QJsonValue()}, {u"to"_s, isoTime(now)}}}};
    return HttpReply::noContent();
}

Result<HttpReply> UsersApi::unlockLogin(RequestContext &ctx)
{
    CONVERSA_TRY(m_auth.unlockLogins(ctx.idParam(), ctx.ip));
    return HttpReply::json(
        QJsonObject{{u"message"_s, ctx.text(QT_TRANSLATE_NOOP("Api", "The user's sign-in lock was cleared"))}});
}

// POST /v1/users/{id}/reset-2fa: the secret, pending secret and backup codes go; the user's
// logins end (they were opened with the lost factor), and the next login asks for the password
// only (and, when the role requires 2FA, walks the user through enabling it again).
Result<HttpReply> UsersApi::resetTwoFactor(RequestContext &ctx)
{
    Result<AuthUser> user = m_auth.loadUser(ctx.idParam());
    CONVERSA_TRY(user);
    if (!user->twoFactorEnabled)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "Two-factor authentication is not enabled"));
    CONVERSA_TRY(m_auth.store().disableTwoFactor(user->id));
    CONVERSA_TRY(m_users.revokeSessions(user->id, u"two_factor_reset"_s, nowSeconds()));
    ctx.afterCommit([&realtime = m_realtime, id = user->id] { realtime.disconnectUser(id); });
    ctx.audit.changes = QJsonObject{{u"two_factor_enabled"_s, AuditStore::change(true, false)}};
    return HttpReply::json(QJsonObject{{u"id"_s, user->id}, {u"two_factor_enabled"_s, false}});
}

// GET /v1/users/{id}/status-history: the agent_status_history rows, newest first, paged.
Result<HttpReply> UsersApi::statusHistory(RequestContext &ctx)
{
    const qint64 id = ctx.idParam();
    if (id != ctx.userId() && !ctx.user->can(Permissions::kUsersRead))
        return ApiError::forbidden();
    QueryReader in(ctx);
    const PageRequest page = in.page();
    if (!in.ok())
        return in.error();
    CONVERSA_TRY(m_auth.loadUser(id));   // 404 for no such (or a deleted) user
    Result<AgentStatusPage> result = m_statuses.recent(id, page.limit, page.offset());
    CONVERSA_TRY(result);
    const qint64 now = nowSeconds();
    JsonWriter w(256 + result->rows.size() * 200);
    w.beginObject().key("data").beginArray();
    for (const AgentStatusPage::Row &r : std::as_const(result->rows)) {
        w.beginObject().field("id", r.row.id).field("agent_status", r.row.status);
        w.textOrNull("reason", r.row.reason);
        if (r.row.changedBy == 0 || r.changedByFirstName.isEmpty()) {
            w.key("changed_by").null();
        } else {
            w.key("changed_by").beginObject().field("id", r.row.changedBy);
            w.field("first_name", r.changedByFirstName).field("last_name", r.changedByLastName).endObject();
        }
        w.timeOrNull("started_at", r.row.startedAt).timeOrNull("ended_at", r.row.endedAt);
        // The current status counts up to now.
        w.field("duration_seconds", (r.row.endedAt ? r.row.endedAt : now) - r.row.startedAt);
        w.endObject();
    }
    w.endArray();
    w.pageMeta(page, result->total);
    w.endObject();
    return HttpReply::json(w.take());
}

Result<HttpReply> UsersApi::setAgentStatus(RequestContext &ctx)
{
    const qint64 id = ctx.idParam();
    if (id != ctx.userId() && !ctx.user->can(Permissions::kUsersAgentStatus))
        return ApiError::forbidden();
    Validator v(ctx.body);
    const std::optional<QString> status = v.oneOf(u"agent_status"_s, kAgentStatuses, true);
    const std::optional<QString> reason = v.string(u"agent_status_reason"_s, false, 255);
    if (!v.ok())
        return v.error();
    Result<AuthUser> user = m_auth.loadUser(id);
    if (!user)
        return user.error();

    // The reason goes with the status: a change without one clears the previous reason.
    const QString newReason = reason.value_or(QString());
    const bool changed = user->agentStatus != *status;
    const bool reasonChanged = user->agentStatusReason != newReason;
    const qint64 now = nowSeconds();
    CONVERSA_TRY(m_users.setAgentStatus(id, *status, newReason, changed, reasonChanged, ctx.userId(), now));
    if (changed && *status == "available"_L1)
        ctx.afterCommit([&routing = m_routing, id] { routing.agent(id); });
    ctx.audit.changes =
        AuditStore::diff({{u"agent_status"_s, user->agentStatus},
                          {u"agent_status_reason"_s, JsonWriter::textOrNullValue(user->agentStatusReason)}},
                         {{u"agent_status"_s, *status},
                          {u"agent_status_reason"_s, JsonWriter::textOrNullValue(newReason)}});

    JsonWriter w(256);
    w.beginObject().field("id", id).field("agent_status", *status);
    w.textOrNull("agent_status_reason", newReason);
    w.timeOrNull("updated_at", now);
    w.endObject();
    return HttpReply::json(w.take());
}

}   // namespace Conversa::Server
