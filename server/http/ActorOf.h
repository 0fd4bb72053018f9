#pragma once

#include "core/Actor.h"
#include "http/RequestContext.h"

namespace Conversa::Server {

// The signed-in caller (REST request or socket) as the domain services see it.
inline Actor actorOf(const AuthUser &user)
{
    return Actor{.userId = user.id, .roleName = user.roleName, .permissions = user.permissions};
}

}   // namespace Conversa::Server
