#include "ReportService.h"

#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "reports/AgentTimeline.h"
#include "reports/ReportPeriod.h"
#include "reports/ReportTally.h"

#include <QMap>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

void writePeriod(JsonWriter &w, const ReportPeriod &p)
{
    w.key("period")
        .beginObject()
        .field("from", p.isoFrom())
        .field("to", p.isoTo())
        .field("timezone", p.timeZone())
        .endObject()
        .field("granularity", p.granularity());
}

// A daily (or hourly) entry's heading: its local day, its local hour, its bounds in UTC.
void writeBucketHeading(JsonWriter &w, const ReportBucket &b)
{
    w.field("date", b.day.toString(Qt::ISODate));
    if (b.hour >= 0)
        w.field("hour", b.hour);
    w.field("from", isoTime(b.start)).field("to", isoTime(b.end));
}

// The tally of the whole period and of each bucket, for conversations placed by when they opened.
struct Series {
    explicit Series(const ReportPeriod &p) : period(p), buckets(p.buckets().size()) {}
    void add(const ConversationFacts &c)
    {
        const ConversationMeasures m = measure(c);
        whole.add(c, m);
        const int i = period.bucketOf(c.openedAt);
        if (i >= 0)
            buckets[i].add(c, m);
    }
    void writeDaily(JsonWriter &w) const
    {
        w.key("daily").beginArray();
        for (qsizetype i = 0; i < buckets.size(); ++i) {
            w.beginObject();
            writeBucketHeading(w, period.buckets().at(i));
            buckets.at(i).writeFields(w);
            w.endObject();
        }
        w.endArray();
    }

    const ReportPeriod &period;
    ConversationTally whole;
    QList<ConversationTally> buckets;
};

// The conversations `scope` opened in the series' period, tallied.
Result<Ok> tallyOpened(ReportStore &store, ConversationScope scope, qint64 id, Series &series,
                       const ReportService::ConversationSink &each)
{
    // An export writes names; the report alone needs none.
    return store.opened(scope, id, series.period.fromUtc(), series.period.toUtc(),
                        each ? FactDetail::Names : FactDetail::Figures, [&series, &each](const ConversationFacts &c) {
                            series.add(c);
                            if (each)
                                each(c);
                            return true;
                        });
}

// The intervals' seconds that fall in [from, to).
AgentTimeline::Breakdown clippedBreakdown(const QList<AgentTimeline::Interval> &intervals, qint64 from, qint64 to)
{
    QList<AgentTimeline::Interval> inside;
    for (AgentTimeline::Interval i : intervals) {
        i.start = qMax(i.start, from);
        i.end = qMin(i.end, to);
        if (i.end > i.start)
            inside.append(i);
    }
    return AgentTimeline::breakdown(inside);
}

}   // namespace

Result<QByteArray> ReportService::campaign(const Actor &actor, qint64 campaignId, const ReportPeriod &period,
                                           const ConversationSink &each)
{
    if (!actor.can(Permissions::kReportsRead))
        return ApiError::forbidden();
    const Result<QString> name = orNotFound(m_reports.campaignName(campaignId));
    if (!name)
        return name.error();
    Series series(period);
    CONVERSA_TRY(tallyOpened(m_reports, ConversationScope::Campaign, campaignId, series, each));
    JsonWriter w(4096);
    w.beginObject().key("campaign").beginObject().field("id", campaignId).field("name", *name).endObject();
    writePeriod(w, period);
    w.key("metrics").beginObject();
    series.whole.writeFields(w);
    w.endObject();
    series.writeDaily(w);
    w.endObject();
    return w.take();
}

Result<QByteArray> ReportService::summary(const Actor &actor, const ReportPeriod &period, const ConversationSink &each)
{
    if (!actor.can(Permissions::kReportsRead))
        return ApiError::forbidden();
    Series series(period);
    struct PerCampaign {
        QString name;
        ConversationTally tally;
    };
    QMap<qint64, PerCampaign> campaigns;
    CONVERSA_TRY(m_reports.opened(ConversationScope::All, 0, period.fromUtc(), period.toUtc(),
                                  each ? FactDetail::Names : FactDetail::Figures, [&](const ConversationFacts &c) {
                                      series.add(c);
                                      PerCampaign &pc = campaigns[c.campaignId];
                                      pc.name = c.campaignName;
                                      pc.tally.add(c);
                                      if (each)
                                          each(c);
                                      return true;
                                  }));
    JsonWriter w(4096);
    w.beginObject();
    writePeriod(w, period);
    w.key("metrics").beginObject();
    series.whole.writeFields(w);
    w.endObject();
    w.key("campaigns").beginArray();
    for (auto it = campaigns.cbegin(); it != campaigns.cend(); ++it) {
        w.beginObject().field("id", it.key()).field("name", it->name);
        it->tally.writeFields(w);
        w.endObject();
    }
    w.endArray();
    series.writeDaily(w);
    w.endObject();
    return w.take();
}

Result<QByteArray> ReportService::number(const Actor &actor, qint64 numberId, const ReportPeriod &period, qint64 now,
                                         const ConversationSink &each)
{
    if (!actor.can(Permissions::kReportsRead))
        return ApiError::forbidden();
    const Result<NumberHeading> heading = orNotFound(m_reports.number(numberId));
    if (!heading)
        return heading.error();
    Series series(period);
    CONVERSA_TRY(tallyOpened(m_reports, ConversationScope::Number, numberId, series, each));
    const Result<QList<NumberMessageCount>> messages =
        m_reports.numberMessages(numberId, period.fromUtc(), period.toUtc());
    if (!messages)
        return messages.error();
    const Result<QList<DeliveryDelayCount>> delays =
        m_reports.deliveryDelays(numberId, period.fromUtc(), period.toUtc());
    if (!delays)
        return delays.error();
    const Result<QList<ConnectionSpan>> changes =
        m_reports.connectionChanges(numberId, period.fromUtc(), period.toUtc());
    if (!changes)
        return changes.error();

    // The whole period's traffic and each day's, from the quarter-hour counts.
    NumberTraffic traffic;
    QList<NumberTraffic> daily(period.buckets().size());
    for (const NumberMessageCount &m : *messages) {
        traffic.add(m);
        const int i = period.bucketOf(m.quarter);
        if (i >= 0)
            daily[i].add(m);
    }
    traffic.setDelays(*delays);
    const ConnectionUptime uptime = ConnectionUptime::of(*changes, period.fromUtc(), qMin(period.toUtc(), now));

    JsonWriter w(4096);
    w.beginObject()
        .key("whatsapp_number")
        .beginObject()
        .field("id", numberId)
        .field("phone_number", heading->phoneNumber)
        .field("display_name", heading->displayName)
        .endObject();
    writePeriod(w, period);
    w.key("metrics").beginObject();
    traffic.writeFields(w);
    const std::optional<qint64> median = traffic.medianDelay();
    w.key("median_delivery_time_seconds");
    median ? w.value(*median) : w.null();
    w.field("median_delivery_sample", traffic.measuredDeliveries()).field("chats_opened", series.whole.total);
    uptime.writeFields(w);
    w.key("conversations").beginObject();
    series.whole.writeFields(w);
    w.endObject().endObject();
    // Each day: its messages and its conversations.
    w.key("daily").beginArray();
    for (qsizetype i = 0; i < daily.size(); ++i) {
        w.beginObject();
        writeBucketHeading(w, period.buckets().at(i));
        daily.at(i).writeFields(w);
        w.field("chats_opened", series.buckets.at(i).total);
        w.endObject();
    }
    w.endArray().endObject();
    return w.take();
}

Result<Ok> ReportService::mayReadAgent(const Actor &actor, qint64 agentId)
{
    // An agent's own report only: anyone else's is as unknown to it as a missing one.
    if (!actor.can(Permissions::kReportsRead) && actor.userId != agentId)
        return ApiError::notFound();
    return Ok{};
}

Result<QByteArray> ReportService::agent(const Actor &actor, qint64 agentId, const ReportPeriod &period, qint64 now,
                                        const ConversationSink &each)
{
    CONVERSA_TRY(mayReadAgent(actor, agentId));
    const Result<ReportStore::Person> person = orNotFound(m_reports.agent(agentId));
    if (!person)
        return person.error();
    const qint64 from = period.fromUtc();
    const qint64 to = period.toUtc();
    const auto buckets = period.buckets().size();
    AgentTally whole;
    QList<AgentTally> daily(buckets);
    auto inBucket = [&](qint64 at) -> AgentTally * {
        const int i = period.bucketOf(at);
        return i >= 0 ? &daily[i] : nullptr;
    };

    const Result<QList<AgentMessage>> messages = m_reports.messagesBy(agentId, from, to);
    if (!messages)
        return messages.error();
    for (const AgentMessage &m : *messages) {
        whole.addMessage(m);
        if (AgentTally *t = inBucket(m.createdAt))
            t->addMessage(m);
    }
    const Result<QList<qint64>> transfers = m_reports.transfersFrom(agentId, from, to);
    if (!transfers)
        return transfers.error();
    for (qint64 at : *transfers) {
        ++whole.transferred;
        if (AgentTally *t = inBucket(at))
            ++t->transferred;
    }
    const Result<QList<ConversationFacts>> closed = m_reports.closedBy(agentId, from, to);
    if (!closed)
        return closed.error();
    for (const ConversationFacts &c : *closed) {
        whole.addClosed(c);
        if (AgentTally *t = inBucket(c.closedAt))
            t->addClosed(c);
        if (each)
            each(c);
    }
    const Result<QList<ConversationFacts>> answered = m_reports.firstAnsweredBy(agentId, from, to);
    if (!answered)
        return answered.error();
    for (const ConversationFacts &c : *answered) {
        whole.addFirstResponse(c);
        if (AgentTally *t = inBucket(c.firstResponseAt))
            t->addFirstResponse(c);
        if (each)
            each(c);
    }
    const Result<QList<AgentStatusRow>> rows = m_statuses.history(agentId, from, to);
    if (!rows)
        return rows.error();
    const QList<AgentTimeline::Interval> intervals = AgentTimeline::timeline(*rows, from, to, now);
    const AgentTimeline::Breakdown time = AgentTimeline::breakdown(intervals);

    JsonWriter w(4096);
    w.beginObject()
        .key("agent")
        .beginObject()
        .field("id", agentId)
        .field("first_name", person->firstName)
        .field("last_name", person->lastName)
        .endObject();
    writePeriod(w, period);
    w.key("metrics").beginObject();
    whole.writeFields(w, time.workingSeconds());
    w.key("time_breakdown");
    AgentTimeline::writeBreakdown(w, time);
    w.endObject();
    w.key("daily").beginArray();
    for (qsizetype i = 0; i < buckets; ++i) {
        const ReportBucket &b = period.buckets().at(i);
        const AgentTimeline::Breakdown bucketTime = clippedBreakdown(intervals, b.start, b.end);
        w.beginObject();
        writeBucketHeading(w, b);
        daily.at(i).writeFields(w, bucketTime.workingSeconds());
        w.key("time_breakdown");
        AgentTimeline::writeBreakdown(w, bucketTime);
        w.endObject();
    }
    w.endArray().endObject();
    return w.take();
}

Result<QByteArray> ReportService::agentTimeline(const Actor &actor, qint64 agentId, const ReportPeriod &day, qint64 now)
{
    CONVERSA_TRY(mayReadAgent(actor, agentId));
    CONVERSA_TRY(orNotFound(m_reports.agent(agentId)));
    const Result<QList<AgentStatusRow>> rows = m_statuses.history(agentId, day.fromUtc(), day.toUtc());
    if (!rows)
        return rows.error();
    return AgentTimeline::timelineJson(agentId, day.fromDate(),
                                       AgentTimeline::timeline(*rows, day.fromUtc(), day.toUtc(), now));
}

}   // namespace Conversa::Server
