#include "ChatRouter.h"

#include "BusinessHours.h"
#include "store/Database.h"

#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

constexpr int kLookAhead = 20;

// a before b when a is less busy relative to its overall limit (cross-multiplied: no rounding).
int compareLoad(const RoutingAgent &a, const RoutingAgent &b)
{
    const qint64 left = qint64(a.openOverall) * qMax(1, b.maxOverall);
    const qint64 right = qint64(b.openOverall) * qMax(1, a.maxOverall);
    return left < right ? -1 : left > right ? 1 : 0;
}

bool roundRobinBefore(const RoutingAgent &a, const RoutingAgent &b)
{
    if (a.routedTurn != b.routedTurn)
        return a.routedTurn < b.routedTurn;
    return a.id < b.id;
}

bool leastBusyBefore(const RoutingAgent &a, const RoutingAgent &b)
{
    const int load = compareLoad(a, b);
    return load != 0 ? load < 0 : roundRobinBefore(a, b);
}

int sharedSkills(const RoutingAgent &a, const QueuedChat &chat)
{
    return int(
        std::count_if(chat.skills.begin(), chat.skills.end(), [&a](const QString &s) { return a.skills.contains(s); }));
}

}   // namespace

std::optional<qint64> ChatRouter::pick(const QString &strategy, const QList<RoutingAgent> &agents,
                                       const QueuedChat &chat)
{
    QList<RoutingAgent> candidates = agents;
    candidates.removeIf([&](const RoutingAgent &a) { return a.id == chat.skipAgentId; });
    if (candidates.isEmpty())
        return std::nullopt;
    if (strategy == "skills"_L1 && !chat.skills.isEmpty()) {
        int best = 0;
        for (const RoutingAgent &a : candidates)
            best = qMax(best, sharedSkills(a, chat));
        if (best > 0)
            candidates.removeIf([&](const RoutingAgent &a) { return sharedSkills(a, chat) < best; });
    }
    const auto first = [&](auto before) { return std::min_element(candidates.begin(), candidates.end(), before)->id; };
    if (strategy == "round_robin"_L1)
        return first(roundRobinBefore);
    if (strategy == "priority"_L1) {
        return first([](const RoutingAgent &a, const RoutingAgent &b) {
            return a.priority != b.priority ? a.priority > b.priority : leastBusyBefore(a, b);
        });
    }
    return first(leastBusyBefore);   // least_busy, and skills among the best matches
}

Result<QList<RoutedChat>> ChatRouter::drain(qint64 campaignId, qint64 now, int max)
{
    QList<RoutedChat> routed;
    const Result<std::optional<RoutingCampaign>> campaign = m_store.campaign(campaignId);
    if (!campaign)
        return campaign.error();
    if (!*campaign || (*campaign)->status != "active"_L1)
        return routed;
    const RoutingCampaign &c = **campaign;
    if (!BusinessHours::isOpen(c.businessHours, c.timezone, QDateTime::fromSecsSinceEpoch(now, Qt::UTC)))
        return routed;
    int lost = 0;   // assignments someone else changed first: look again, a few times
    while (routed.size() < max && lost < 8) {
        // Agents first: with nobody free (the usual case when chats queue up) the queue is not read.
        const Result<QList<RoutingAgent>> agents = m_store.eligibleAgents(campaignId);
        if (!agents)
            return agents.error();
        if (agents->isEmpty())
            break;
        // The first waiting chat someone may take (a chat taken back from its only possible
        // agent does not hold up the others).
        const Result<QList<QueuedChat>> head = m_store.queue(campaignId, kLookAhead);
        if (!head)
            return head.error();
        std::optional<qint64> agent;
        qint64 chatId = 0;
        for (const QueuedChat &chat : *head) {
            agent = pick(c.strategy, *agents, chat);
            if (agent) {
                chatId = chat.id;
                break;
            }
        }
        if (!agent)
            break;
        const Result<bool> taken = m_store.assign(chatId, campaignId, *agent, now);
        if (!taken)
            return taken.error();
        if (*taken)
            routed.append({chatId, *agent, campaignId});
        else
            ++lost;
    }
    return routed;
}

Result<QList<ReassignedChat>> ChatRouter::reassignUnanswered(qint64 now)
{
    const Result<QList<ReassignedChat>> due = m_store.unansweredDue(now);
    if (!due)
        return due.error();
    QList<ReassignedChat> done;
    for (const ReassignedChat &r : *due) {
        Transaction tx(m_db);
        if (!tx.isActive())
            return ApiError::internal();
        const Result<TakenBack> back =
            m_chats.takeBackUnanswered(Actor::server(), r.chatId, r.fromAgentId, r.campaignId);
        if (!back)
            return back.error();
        if (!back->done)
            continue;
        if (!tx.commit())
            return ApiError::internal();
        done.append(r);
    }
    return done;
}

}   // namespace Conversa::Server
