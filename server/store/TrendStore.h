#pragma once

#include "core/Result.h"

#include <QList>

namespace Conversa::Server {

class Database;

// Messages created in one quarter of an hour ([start, start + 900), epoch seconds). Every time
// zone's offset is a whole number of quarters, so quarters fold into any zone's hours and days.
struct QuarterCount {
    qint64 start = 0;
    qint64 count = 0;
};

// A stretch an agent was available or busy.
struct WorkingSpan {
    qint64 userId = 0;
    qint64 from = 0;
    qint64 to = 0;   // 0 while it lasts
};

// What the trends (GET /v1/analytics/trends; docs/REPORTS.md#trends) read besides the
// conversations (ReportStore::opened), overall or for one campaign (campaignId 0), over [from, to).
class TrendStore {
public:
    explicit TrendStore(Database &db) : m_db(db) {}

    // Messages, both directions, per quarter hour, in order.
    Result<QList<QuarterCount>> messages(qint64 campaignId, qint64 from, qint64 to);
    // Conversations opened, per quarter hour, in order.
    Result<QList<QuarterCount>> chatsOpened(qint64 campaignId, qint64 from, qint64 to);
    // Agents' available and busy stretches overlapping the period (a campaign's agents only).
    Result<QList<WorkingSpan>> working(qint64 campaignId, qint64 from, qint64 to);

private:
    Database &m_db;
};

}   // namespace Conversa::Server
