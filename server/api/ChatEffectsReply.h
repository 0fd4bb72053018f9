#pragma once

#include "domain/ChatService.h"

class RequestContext;
struct ServerContext;

// What a REST handler does with a domain service's effects: their changes go into the request's
// audit row, and their events go out once the request's transaction commits (routing woken
// first, then the socket events, after the answer).
void applyEffects(RequestContext &ctx, ServerContext &context, const ChatEffects &effects);
