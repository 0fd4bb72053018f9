#include "ChatEffectsReply.h"

#include "api/ServerContext.h"
#include "domain/RoutingTrigger.h"
#include "http/RequestContext.h"
#include "realtime/ChatEvents.h"

void applyEffects(RequestContext &ctx, ServerContext &context, const ChatEffects &effects)
{
    if (!effects.changes.isEmpty())
        ctx.audit.changes = effects.changes;
    QList<DomainEvent> told;
    for (const DomainEvent &event : effects.events) {
        if (const auto *routing = std::get_if<DomainEvents::RoutingNeeded>(&event)) {
            ctx.afterCommit([&trigger = context.routing, wake = *routing] {
                trigger.campaigns(wake.campaigns);
                trigger.agent(wake.freedAgentId);
            });
        } else {
            told.append(event);
        }
    }
    if (!told.isEmpty())
        ChatEvents::afterCommit(ctx, context, [told](ChatEvents &events) { events.publish(told); });
}
