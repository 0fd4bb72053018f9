#pragma once

namespace Conversa::Server {

// The statuses in which a chat is held by its agent — assigned, active, pending — as an SQL list:
// what counts against an agent's capacity and as open on the live dashboard (docs/ROUTING.md).
inline constexpr char kHeldChatStatusesSql[] = "('assigned', 'active', 'pending')";

}   // namespace Conversa::Server
