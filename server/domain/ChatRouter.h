#pragma once

#include "core/Result.h"
#include "domain/ChatService.h"
#include "store/RoutingStore.h"

#include <QList>
#include <QString>

#include <optional>

namespace Conversa::Server {

class Database;

// One chat the router gave to an agent.
struct RoutedChat {
    qint64 chatId = 0;
    qint64 agentId = 0;
    qint64 campaignId = 0;
};

// Routing (docs/ROUTING.md, issue 5): a campaign's queued chats go, in priority then age order, to
// its agents who are available, have auto-assign on and room under both limits, chosen by the
// campaign's strategy:
//   round_robin  the agent whose last routed chat is the oldest (never first), then the lowest id;
//   least_busy   the fewest open chats relative to the overall limit;
//   priority     the highest campaign priority, then least busy;
//   skills       the most of the chat's skills (its tags, the skill its bot collected) among the
//                agents' skills, then least busy; with no agent sharing any, least busy.
// Nothing is routed for a campaign that is not active or is outside its business hours: the
// chats wait. A chat taken back from an agent for not answering (sla_reassign_enabled) does not
// go to that agent again. Each assignment is its own transaction (RoutingStore::assign).
class ChatRouter {
public:
    explicit ChatRouter(Database &db) : m_db(db), m_store(db), m_chats(db) {}

    static std::optional<qint64> pick(const QString &strategy, const QList<RoutingAgent> &agents,
                                      const QueuedChat &chat);

    // Routes the campaign's queue until no chat waits, nobody has room, or `max` chats went.
    Result<QList<RoutedChat>> drain(qint64 campaignId, qint64 now, int max = 200);
    // Takes back the chats whose agent has not answered in time (campaigns with
    // sla_reassign_enabled) through ChatService, each in its own transaction; the chats taken back.
    // Their queues are for the caller to drain.
    Result<QList<ReassignedChat>> reassignUnanswered(qint64 now);

    RoutingStore &store() { return m_store; }

private:
    Database &m_db;
    RoutingStore m_store;
    ChatService m_chats;
};

}   // namespace Conversa::Server
