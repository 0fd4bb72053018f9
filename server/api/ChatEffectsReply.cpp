#include "ChatEffectsReply.h"

#include "domain/RoutingTrigger.h"
#include "http/RequestContext.h"
#include "realtime/ChatEvents.h"

namespace Conversa::Server {

void applyEffects(RequestContext &ctx, Database &db, RealtimeBus &realtime, RoutingTrigger &routing,
                  const ChatEffects &effects)
{
    if (!effects.changes.isEmpty())
        ctx.audit.changes = effects.changes;
    QList<DomainEvent> told;
    for (const DomainEvent &event : effects.events) {
        if (const auto *wake = std::get_if<DomainEvents::RoutingNeeded>(&event)) {
            ctx.afterCommit([&routing, wake = *wake] {
                routing.campaigns(wake.campaigns);
                routing.agent(wake.freedAgentId);
            });
        } else {
            told.append(event);
        }
    }
    if (!told.isEmpty())
        ChatEvents::afterCommit(ctx, db, realtime, [told](ChatEvents &events) { events.publish(told); });
}

}   // namespace Conversa::Server
