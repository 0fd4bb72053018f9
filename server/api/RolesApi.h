#pragma once

#include "ApiModule.h"

#include <QByteArray>

namespace Conversa::Server {

class RoleStore;

// GET /v1/roles: the seeded roles and their permissions (roles are not editable).
class RolesApi final : public ApiModule {
public:
    explicit RolesApi(const RoleStore &roles);
    void registerRoutes(HttpRouter &router) override;

private:
    QByteArray m_body;   // the roles never change after start: written once
};

}   // namespace Conversa::Server
