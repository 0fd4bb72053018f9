#pragma once

#include "ApiModule.h"
#include "core/Result.h"

namespace Conversa::Server {

class RoleStore;
struct HttpReply;
class RequestContext;

// /v1/roles: the seeded roles and their permissions (fixed), and the one setting an admin changes
// per role, whether its users must have 2FA (docs/API.md#two-factor-required-by-role).
class RolesApi final : public ApiModule {
public:
    explicit RolesApi(const RoleStore &roles);
    void registerRoutes(HttpRouter &router) override;

    Result<HttpReply> list(RequestContext &ctx);
    Result<HttpReply> update(RequestContext &ctx);

private:
    const RoleStore &m_roles;
};

}   // namespace Conversa::Server
