#pragma once

#include "ApiModule.h"
#include "http/HttpRouter.h"
#include "store/AgentStatusStore.h"
#include "store/CampaignStore.h"
#include "store/UserStore.h"

#include <QByteArray>
#include <QHash>

namespace Conversa::Server {

class AuthService;
class Database;
class RealtimeBus;
class RoleStore;
class RoutingTrigger;

// /v1/users (OpenAPI tag users): the user directory, accounts, agent status and the caller's own
// profile.
class UsersApi final : public ApiModule {
public:
    UsersApi(Database &db, const RoleStore &roles, AuthService &auth, RoutingTrigger &routing, RealtimeBus &realtime);
    void registerRoutes(HttpRouter &router) override;

private:
    Result<HttpReply> list(RequestContext &ctx);
    Result<HttpReply> show(RequestContext &ctx);
    Result<HttpReply> me(RequestContext &ctx);
    Result<Deferred> create(RequestContext &ctx);
    Result<HttpReply> update(RequestContext &ctx);
    Result<HttpReply> updateMe(RequestContext &ctx);
    Result<HttpReply> remove(RequestContext &ctx);
    Result<HttpReply> unlockLogin(RequestContext &ctx);
    Result<HttpReply> resetTwoFactor(RequestContext &ctx);
    Result<HttpReply> statusHistory(RequestContext &ctx);
    Result<HttpReply> setAgentStatus(RequestContext &ctx);

    // 409 when the change would leave no active admin: `before` was one and no longer is.
    Result<Ok> keepAnActiveAdmin(const AuthUser &before, bool stillActiveAdmin);
    // As the OpenAPI document shows a user; withCampaigns adds the user's campaigns (one query).
    // Without them it is the caller's own profile (/users/me), which also says whether the
    // caller's role requires 2FA they have not enabled yet.
    Result<HttpReply> userReply(const AuthUser &user, bool withCampaigns = true);

    // Roles never change after start, so their JSON is written once.
    struct RoleJson {
        QByteArray ref;           // {"id","name","display_name"}
        QByteArray permissions;   // ["users.read", …]
    };
    const RoleJson &roleJson(qint64 roleId) const;

    const RoleStore &m_roles;
    AuthService &m_auth;         // loads users as the router does
    RoutingTrigger &m_routing;   // an agent who may take chats now
    RealtimeBus &m_realtime;     // disconnects suspended and deleted users
    UserStore m_users;
    CampaignStore m_campaigns;
    AgentStatusStore m_statuses;
    QHash<qint64, RoleJson> m_roleJson;
    qint64 m_adminRoleId = 0;
};

}   // namespace Conversa::Server
