#pragma once

#include "core/Actor.h"
#include "core/Result.h"
#include "store/BotFlowStore.h"
#include "store/BotStatsStore.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Conversa::Server {

class Database;

// One node's figures: sessions that entered it, that ended there without completing, and that wait
// there now.
struct BotNodeStats {
    QString nodeKey;
    qint64 visits = 0;
    qint64 exits = 0;
    qint64 waiting = 0;
};

// GET /v1/bot-flows/{id}/stats (docs/BOT_FLOWS.md#statistics).
struct BotFlowStats {
    qint64 totalSessions = 0;
    qint64 totalCompletions = 0;   // completed or transferred
    double completionRate = 0;     // a percentage with two decimals; 0 without sessions
    qint64 avgCompletionTimeSeconds = 0;
    QList<BotNodeStats> nodes;   // the draft's nodes in its order, then nodes only sessions know
    QList<BotStatsEdgeCount> edges;
    QList<QPair<QString, qint64>> outcomes;   // every session status, in botSessionStatuses() order
};

// The statuses a bot session can have (migration 0025), active first.
const QStringList &botSessionStatuses();

// A flow's usage figures from its sessions and their steps. Needs bot_flows.read; a missing or
// deleted flow is 404.
class BotFlowStatsService {
public:
    explicit BotFlowStatsService(Database &db) : m_flows(db), m_stats(db) {}

    Result<BotFlowStats> stats(const Actor &actor, const BotStatsFilter &filter);

private:
    BotFlowStore m_flows;
    BotStatsStore m_stats;
};

}   // namespace Conversa::Server
