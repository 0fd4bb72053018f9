#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>

namespace Conversa::Server {

class Database;

// The live dashboard (the OpenAPI document; issue 5): GET /analytics/live and
// /analytics/queues/:id, and the analytics.update push. Each body is worked out from the database
// (a dozen aggregate reads along indexes, AnalyticsStore) at most once per `maxAgeMs` and kept
// in memory: however many supervisors poll or watch, the database sees one computation per
// second, and a restarted server shows the same figures at once. "Today" is the UTC day.
class LiveAnalytics {
public:
    explicit LiveAnalytics(Database &db, qint64 maxAgeMs = 1000) : m_db(db), m_maxAgeMs(maxAgeMs) {}

    Result<QByteArray> live(qint64 nowMs);
    // One campaign's queue; 404 for an unknown campaign.
    Result<QByteArray> queue(qint64 campaignId, qint64 nowMs);

private:
    struct Cached {
        QByteArray body;
        qint64 atMs = 0;
    };
    Result<QByteArray> computeLive(qint64 now);
    Result<QByteArray> computeQueue(qint64 campaignId, qint64 now);

    Database &m_db;
    qint64 m_maxAgeMs;
    QMutex m_mutex;   // one computation at a time; the others wait for its result
    Cached m_live;
    QHash<qint64, Cached> m_queues;
};

}   // namespace Conversa::Server
