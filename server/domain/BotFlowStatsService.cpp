#include "BotFlowStatsService.h"

#include "core/Permissions.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <tuple>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

bool isBotSessionExit(const QString &status)
{
    return status != "active"_L1 && status != "completed"_L1 && status != "transferred"_L1;
}

}   // namespace

const QStringList &botSessionStatuses()
{
    static const QStringList statuses{u"active"_s,          u"completed"_s,  u"transferred"_s, u"timed_out"_s,
                                      u"invalid_answers"_s, u"step_limit"_s, u"failed"_s,      u"interrupted"_s};
    return statuses;
}

Result<BotFlowStats> BotFlowStatsService::stats(const Actor &actor, const BotStatsFilter &filter)
{
    if (!actor.can(Permissions::kBotFlowsRead))
        return ApiError::forbidden();
    CONVERSA_TRY(m_flows.find(filter.flowId));
    const Result<QList<BotFlowNodeRow>> draft = m_flows.nodes(filter.flowId);
    if (!draft)
        return draft.error();
    const Result<BotStatsFigures> figures = m_stats.figures(filter);
    if (!figures)
        return figures.error();

    BotFlowStats out;
    QHash<QString, qsizetype> index;
    const auto nodeAt = [&](const QString &key) -> BotNodeStats & {
        auto it = index.find(key);
        if (it == index.end()) {
            it = index.insert(key, out.nodes.size());
            out.nodes.append({key});
        }
        return out.nodes[*it];
    };
    for (const BotFlowNodeRow &n : *draft)
        nodeAt(n.key);
    const qsizetype draftNodes = out.nodes.size();

    QHash<QString, qint64> outcomes;
    for (const BotStatsStatusCount &c : figures->statuses) {
        out.totalSessions += c.sessions;
        outcomes[c.status] += c.sessions;
        if (c.status == "active"_L1)
            nodeAt(c.nodeKey).waiting += c.sessions;
        else if (isBotSessionExit(c.status))
            nodeAt(c.nodeKey).exits += c.sessions;
    }
    for (const auto &[key, sessions] : figures->visits)
        nodeAt(key).visits = sessions;
    for (const QString &status : botSessionStatuses())
        out.outcomes.append({status, outcomes.value(status)});
    out.totalCompletions = outcomes.value(u"completed"_s) + outcomes.value(u"transferred"_s);
    if (out.totalSessions > 0)
        out.completionRate = std::round(out.totalCompletions * 10000.0 / out.totalSessions) / 100.0;
    if (figures->completedSessions > 0)
        out.avgCompletionTimeSeconds =
            qint64(std::llround(double(figures->completedSeconds) / double(figures->completedSessions)));
    // Nodes the draft no longer has, by key.
    std::sort(out.nodes.begin() + draftNodes, out.nodes.end(),
              [](const BotNodeStats &a, const BotNodeStats &b) { return a.nodeKey < b.nodeKey; });
    // By from, to and edge, the same on both engines (they sort NULL apart).
    out.edges = figures->edges;
    std::sort(out.edges.begin(), out.edges.end(), [](const BotStatsEdgeCount &a, const BotStatsEdgeCount &b) {
        return std::tie(a.from, a.to, a.edge) < std::tie(b.from, b.to, b.edge);
    });
    return out;
}

}   // namespace Conversa::Server
