#pragma once

#include "core/Result.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Conversa::Server {

class Database;

// Which sessions of a flow the statistics count: started within [from, to] (epoch seconds,
// inclusive), of one published version.
struct BotStatsFilter {
    qint64 flowId = 0;
    std::optional<qint64> from;
    std::optional<qint64> to;
    std::optional<qint64> version;
};

// Sessions at one node with one status (bot_sessions.node_key is where a session waits, or where
// it ended).
struct BotStatsStatusCount {
    QString nodeKey;
    QString status;
    qint64 sessions = 0;
};

// Steps from one node to another by one edge (the config field that led there).
struct BotStatsEdgeCount {
    QString from;
    QString to;
    QString edge;
    qint64 steps = 0;
};

// What the statistics read, aggregated in SQL (docs/BOT_FLOWS.md#statistics).
struct BotStatsFigures {
    QList<BotStatsStatusCount> statuses;    // by node and status
    QList<QPair<QString, qint64>> visits;   // node key, distinct sessions that entered it
    QList<BotStatsEdgeCount> edges;
    qint64 completedSessions = 0;   // completed or transferred, with ended_at
    qint64 completedSeconds = 0;    // their ended_at - started_at, summed
};

// SQL over bot_sessions and bot_session_steps (migration 0025) for a flow's statistics.
class BotStatsStore {
public:
    explicit BotStatsStore(Database &db) : m_db(db) {}

    Result<BotStatsFigures> figures(const BotStatsFilter &filter);

private:
    Database &m_db;
};

}   // namespace Conversa::Server
