#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Conversa::Server {

class Database;

// What routing needs of a campaign.
struct RoutingCampaign {
    qint64 id = 0;
    QString status;          // only 'active' campaigns route
    QString strategy;        // round_robin | least_busy | priority | skills
    QString businessHours;   // JSON text; empty: always open
    QString timezone;
};

// A campaign agent who may take a chat now: active user, available, auto-assign on, with room
// under both limits (overall and in this campaign).
struct RoutingAgent {
    qint64 id = 0;
    int maxOverall = 0;    // users.max_concurrent_chats
    int maxHere = 0;       // campaign_agents.max_concurrent_chats
    int openOverall = 0;   // assigned, active and pending chats
    int openHere = 0;
    int priority = 0;        // campaign_agents.priority: higher first
    QStringList skills;      // lower case
    qint64 routedTurn = 0;   // the campaign's routed-chat count at this agent's last; 0: never
};

// A chat waiting in a campaign's queue, with the skills it asks for (its tags and the skill its
// bot collected), lower case.
struct QueuedChat {
    qint64 id = 0;
    QStringList skills;
    qint64 skipAgentId = 0;   // the agent it was taken from for not answering: not them again
};

// A chat taken back from an agent who did not answer in time.
struct ReassignedChat {
    qint64 chatId = 0;
    qint64 fromAgentId = 0;
    qint64 campaignId = 0;
};

// SQL for routing (domain/ChatRouter). assign() is the only write: it runs in its own short
// transaction that locks the agent (PostgreSQL: FOR UPDATE; SQLite: one writer) and checks the
// limits again, so no chat goes to two agents and no agent goes over a limit, whoever else is
// routing at the same time (other threads, other servers on the same PostgreSQL).
class RoutingStore {
public:
    explicit RoutingStore(Database &db) : m_db(db) {}

    // The queue's ORDER BY over chats aliased `alias` (e.g. "ch."): priority, then time queued, then id.
    static QString queueOrder(const char *alias);

    Result<std::optional<RoutingCampaign>> campaign(qint64 id);
    // Campaigns with chats waiting.
    Result<QList<qint64>> campaignsWithQueue();
    // Campaigns `userId` works on.
    Result<QList<qint64>> campaignsOfAgent(qint64 userId);
    Result<QList<RoutingAgent>> eligibleAgents(qint64 campaignId);
    // The first `limit` chats of the campaign's queue: priority (urgent, high, normal, low), then
    // the longest waiting.
    Result<QList<QueuedChat>> queue(qint64 campaignId, int limit);
    // Gives the queued chat to the agent if it is still queued in this campaign and the agent is
    // still eligible with room; false (nothing written) otherwise.
    Result<bool> assign(qint64 chatId, qint64 campaignId, qint64 agentId, qint64 now);
    // With the campaign's sla_reassign_enabled: chats whose agent has not answered in time
    // (SlaPolicy::agentAnswerOverdue), oldest assignment first, at most 200. ChatService takes
    // each back.
    Result<QList<ReassignedChat>> unansweredDue(qint64 now);
    // 1 for the next chat to be routed; nullopt when the chat is not queued.
    Result<std::optional<qint64>> queuePosition(qint64 chatId);

private:
    Database &m_db;
};

}   // namespace Conversa::Server
