#pragma once

#include "core/Actor.h"
#include "core/Result.h"
#include "store/ReportStore.h"
#include "store/TrendStore.h"

#include <QByteArray>
#include <QStringList>

namespace Conversa::Server {

class Database;
class ReportPeriod;

// GET /v1/analytics/trends (seed §11.3; docs/REPORTS.md#trends): one metric per hour or day of a
// period, overall or for one campaign, each point with the count behind it and gaps as 0. The
// figures are the reports' (ReportTally), placed by when the conversation opened, the message was
// created or the agent worked. Needs analytics.read.
class TrendService {
public:
    explicit TrendService(Database &db) : m_trends(db), m_reports(db) {}

    static const QStringList &metrics();

    // `campaignId` 0: every campaign; an unknown one is 404.
    Result<QByteArray> trend(const Actor &actor, const QString &metric, qint64 campaignId, const ReportPeriod &period,
                             qint64 now);

private:
    TrendStore m_trends;
    ReportStore m_reports;
};

}   // namespace Conversa::Server
