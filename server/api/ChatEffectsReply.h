#pragma once

#include "domain/ChatService.h"

namespace Conversa::Server {

class Database;
class RealtimeBus;
class RequestContext;
class RoutingTrigger;

// What a REST handler does with a domain service's effects: their changes go into the request's
// audit row, and their events go out once the request's transaction commits (routing woken
// first, then the socket events, after the answer).
void applyEffects(RequestContext &ctx, Database &db, RealtimeBus &realtime, RoutingTrigger &routing,
                  const ChatEffects &effects);

}   // namespace Conversa::Server
