#include "TrendService.h"

#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "reports/ReportPeriod.h"
#include "reports/ReportTally.h"

#include <QSet>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

// A point: its value and how many things it is worked out from.
struct TrendPoint {
    double value = 0;
    qint64 sample = 0;
};

double perHour(qint64 count, const ReportBucket &b)
{
    const double hours = double(b.end - b.start) / 3600.0;
    return hours > 0 ? std::round(100.0 * double(count) / hours) / 100.0 : 0;
}

}   // namespace

const QStringList &TrendService::metrics()
{
    static const QStringList names{u"chats_per_hour"_s, u"messages_per_hour"_s,
                                   u"avg_wait_time"_s,  u"avg_first_response_time"_s,
                                   u"sla_compliance"_s, u"csat"_s,
                                   u"active_agents"_s};
    return names;
}

Result<QByteArray> TrendService::trend(const Actor &actor, const QString &metric, qint64 campaignId,
                                       const ReportPeriod &period, qint64 now)
{
    if (!actor.can(Permissions::kAnalyticsRead))
        return ApiError::forbidden();
    if (campaignId)
        CONVERSA_TRY(orNotFound(m_reports.campaignName(campaignId)));
    const QList<ReportBucket> &buckets = period.buckets();
    QList<TrendPoint> points(buckets.size());

    if (metric == "messages_per_hour"_L1 || metric == "chats_per_hour"_L1) {
        const Result<QList<QuarterCount>> quarters = metric == "messages_per_hour"_L1
            ? m_trends.messages(campaignId, period.fromUtc(), period.toUtc())
            : m_trends.chatsOpened(campaignId, period.fromUtc(), period.toUtc());
        if (!quarters)
            return quarters.error();
        for (const QuarterCount &q : *quarters) {
            const int i = period.bucketOf(q.start);
            if (i >= 0)
                points[i].sample += q.count;
        }
        for (qsizetype i = 0; i < points.size(); ++i)
            points[i].value = perHour(points[i].sample, buckets.at(i));
    } else if (metric == "active_agents"_L1) {
        const Result<QList<WorkingSpan>> spans = m_trends.working(campaignId, period.fromUtc(), period.toUtc());
        if (!spans)
            return spans.error();
        // An agent is active in a bucket it was available or busy in at some moment.
        QList<QSet<qint64>> agents(buckets.size());
        for (const WorkingSpan &s : *spans) {
            const qint64 end = s.to ? s.to : now;
            for (qsizetype i = qMax(0, period.bucketOf(s.from)); i < buckets.size() && buckets.at(i).start < end; ++i) {
                if (buckets.at(i).end > s.from)
                    agents[i].insert(s.userId);
            }
        }
        for (qsizetype i = 0; i < points.size(); ++i)
            points[i] = {double(agents.at(i).size()), qint64(agents.at(i).size())};
    } else {
        QList<ConversationTally> tallies(buckets.size());
        const ConversationScope scope = campaignId ? ConversationScope::Campaign : ConversationScope::All;
        CONVERSA_TRY(m_reports.opened(scope, campaignId, period.fromUtc(), period.toUtc(), FactDetail::Moments,
                                      [&](const ConversationFacts &c) {
                                          const int i = period.bucketOf(c.openedAt);
                                          if (i >= 0)
                                              tallies[i].add(c);
                                          return true;
                                      }));
        for (qsizetype i = 0; i < points.size(); ++i) {
            const ConversationTally &t = tallies.at(i);
            TrendPoint &p = points[i];
            if (metric == "avg_wait_time"_L1) {
                p = {double(t.wait.mean().value_or(0)), t.wait.count};
            } else if (metric == "avg_first_response_time"_L1) {
                p = {double(t.firstResponse.mean().value_or(0)), t.firstResponse.count};
            } else if (metric == "sla_compliance"_L1) {
                p = {t.slaFirstResponse.percent().value_or(0), t.slaFirstResponse.count};
            } else {   // csat
                p = {t.closing.averageRating().value_or(0), t.closing.totalRatings()};
            }
        }
    }

    JsonWriter w(256 + 96 * points.size());
    w.beginObject()
        .field("metric", metric)
        .field("period", period.label())
        .field("timezone", period.timeZone())
        .field("granularity", period.granularity())
        .key("campaign_id");
    campaignId ? w.value(campaignId) : w.null();
    w.key("data").beginArray();
    for (qsizetype i = 0; i < points.size(); ++i) {
        const TrendPoint &p = points.at(i);
        w.beginObject().field("timestamp", ReportPeriod::isoUtc(buckets.at(i).start));
        // Counts stay integers; rates and averages keep their decimals.
        if (p.value == std::floor(p.value) && std::abs(p.value) < 1e15)
            w.field("value", qint64(p.value));
        else
            w.field("value", p.value);
        w.field("sample", p.sample).endObject();
    }
    w.endArray().endObject();
    return w.take();
}

}   // namespace Conversa::Server
