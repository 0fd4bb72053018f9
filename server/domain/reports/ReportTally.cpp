#include "ReportTally.h"

#include "core/JsonWriter.h"
#include "core/SlaPolicy.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

// b - a when both happened and in that order; a clock step backwards is no sample, not a negative one.
std::optional<qint64> between(qint64 a, qint64 b)
{
    if (a <= 0 || b <= 0 || b < a)
        return std::nullopt;
    return b - a;
}

double rounded(double v, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(v * scale) / scale;
}

void writeAverage(JsonWriter &w, const char *avgKey, const char *sampleKey, const Average &a)
{
    const std::optional<qint64> mean = a.mean();
    w.key(avgKey);
    mean ? w.value(*mean) : w.null();
    w.field(sampleKey, a.count);
}

void writeShare(JsonWriter &w, const char *key, const char *sampleKey, const Share &s)
{
    const std::optional<double> p = s.percent();
    w.key(key);
    p ? w.value(*p) : w.null();
    w.field(sampleKey, s.count);
}

}   // namespace

ConversationMeasures measure(const ConversationFacts &c)
{
    ConversationMeasures m;
    m.waitSeconds = between(c.firstQueuedAt, c.firstAssignedAt);
    m.firstResponseSeconds = between(c.firstAssignedAt, c.firstResponseAt);
    m.closed = c.closedAt > 0;
    if (m.closed)
        m.handlingSeconds = between(c.firstAssignedAt, c.closedAt);
    m.handled = c.firstResponseAt > 0;

    const bool reachedPeople = c.firstQueuedAt > 0 || c.firstAssignedAt > 0 || m.handled;
    if (c.hadBot)
        m.path = reachedPeople ? ConversationMeasures::Path::BotHandedOver
            : m.closed         ? ConversationMeasures::Path::BotResolved
                               : ConversationMeasures::Path::InBot;
    m.abandoned = m.closed && !m.handled && m.path != ConversationMeasures::Path::BotResolved;

    // The one SLA policy, on the conversation's first moments.
    const SlaChatTimes times{.createdAt = c.openedAt,
                             .queuedAt = c.firstQueuedAt,
                             .assignedAt = c.firstAssignedAt,
                             .firstResponseAt = c.firstResponseAt,
                             .closedAt = c.closedAt};
    const SlaStatus sla = SlaPolicy::evaluate(times,
                                              {.firstResponseSeconds = c.slaFirstResponseSeconds,
                                               .resolutionSeconds = c.slaResolutionSeconds},
                                              qMax(c.closedAt, c.firstResponseAt));
    if (m.handled)
        m.respondedInTime = !sla.firstResponseBreached;
    if (m.closed)
        m.resolvedInTime = !sla.resolutionBreached;
    return m;
}

QString pathName(ConversationMeasures::Path path)
{
    switch (path) {
    case ConversationMeasures::Path::BotResolved: return u"bot_resolved"_s;
    case ConversationMeasures::Path::BotHandedOver: return u"bot_handed_over"_s;
    case ConversationMeasures::Path::InBot: return u"in_bot"_s;
    case ConversationMeasures::Path::Human: break;
    }
    return u"human"_s;
}

std::optional<qint64> Average::mean() const
{
    if (count == 0)
        return std::nullopt;
    return qint64(std::llround(double(sum) / double(count)));
}

std::optional<double> Share::percent() const
{
    if (count == 0)
        return std::nullopt;
    return rounded(100.0 * double(hits) / double(count), 1);
}

void ClosingTally::add(const ConversationFacts &c)
{
    if (c.csatScore >= 1 && c.csatScore <= 5)
        ++ratings[c.csatScore];
    if (!c.outcome.isEmpty())
        ++outcomes[c.outcome];
    if (c.outcome == "sale"_L1 && c.outcomeValue)
        revenue += *c.outcomeValue;
}

qint64 ClosingTally::totalRatings() const
{
    qint64 n = 0;
    for (int r = 1; r <= 5; ++r)
        n += ratings[r];
    return n;
}

std::optional<double> ClosingTally::averageRating() const
{
    const qint64 n = totalRatings();
    if (n == 0)
        return std::nullopt;
    qint64 sum = 0;
    for (int r = 1; r <= 5; ++r)
        sum += r * ratings[r];
    return rounded(double(sum) / double(n), 2);
}

void ClosingTally::writeSatisfaction(JsonWriter &w) const
{
    const std::optional<double> avg = averageRating();
    w.key("satisfaction").beginObject().key("avg_rating");
    avg ? w.value(*avg) : w.null();
    w.field("total_ratings", totalRatings()).key("rating_distribution").beginObject();
    for (int r = 1; r <= 5; ++r)
        w.field(QByteArray::number(r).constData(), ratings[r]);
    w.endObject().endObject();
}

void ClosingTally::writeOutcomes(JsonWriter &w) const
{
    w.key("outcomes").beginObject();
    for (auto it = outcomes.cbegin(); it != outcomes.cend(); ++it)
        w.field(it.key().toUtf8().constData(), it.value());
    w.endObject();
}

void ConversationTally::add(const ConversationFacts &c, const ConversationMeasures &m)
{
    ++total;
    handled += m.handled ? 1 : 0;
    abandoned += m.abandoned ? 1 : 0;
    closed += m.closed ? 1 : 0;
    messages += c.messageCount;
    wait.add(m.waitSeconds);
    firstResponse.add(m.firstResponseSeconds);
    handling.add(m.handlingSeconds);
    slaFirstResponse.add(m.respondedInTime);
    slaResolution.add(m.resolvedInTime);
    if (m.closed)
        closing.add(c);
    botResolved += m.path == ConversationMeasures::Path::BotResolved ? 1 : 0;
    botHandedOver += m.path == ConversationMeasures::Path::BotHandedOver ? 1 : 0;
    inBot += m.path == ConversationMeasures::Path::InBot ? 1 : 0;
}

void ConversationTally::writeFields(JsonWriter &w) const
{
    w.field("total_chats", total).field("chats_handled", handled).field("chats_abandoned", abandoned);
    w.field("chats_closed", closed);
    writeAverage(w, "avg_wait_time_seconds", "wait_time_sample", wait);
    writeAverage(w, "avg_first_response_time_seconds", "first_response_sample", firstResponse);
    writeAverage(w, "avg_handling_time_seconds", "handling_time_sample", handling);
    writeShare(w, "sla_first_response_compliance", "sla_first_response_sample", slaFirstResponse);
    writeShare(w, "sla_resolution_compliance", "sla_resolution_sample", slaResolution);
    w.field("total_messages", messages).key("avg_messages_per_chat");
    total ? w.value(rounded(double(messages) / double(total), 1)) : w.null();
    closing.writeSatisfaction(w);
    closing.writeOutcomes(w);
    w.field("total_revenue", closing.revenue);
    w.key("bot")
        .beginObject()
        .field("resolved_by_bot", botResolved)
        .field("handed_over_by_bot", botHandedOver)
        .field("still_in_bot", inBot)
        .field("handled_by_agents", handled)
        .endObject();
}

void AgentTally::addMessage(const AgentMessage &m)
{
    handledChats.insert(m.chatId);
    ++messagesSent;
}

void AgentTally::addClosed(const ConversationFacts &c)
{
    ++closed;
    handling.add(measure(c).handlingSeconds);
    closing.add(c);
}

void AgentTally::addFirstResponse(const ConversationFacts &c)
{
    const ConversationMeasures m = measure(c);
    firstResponse.add(m.firstResponseSeconds);
    sla.add(m.respondedInTime);
}

void AgentTally::writeFields(JsonWriter &w, qint64 activeSeconds) const
{
    w.field("chats_handled", qint64(handledChats.size()))
        .field("chats_transferred", transferred)
        .field("chats_closed", closed)
        .field("messages_sent", messagesSent);
    writeAverage(w, "avg_handling_time_seconds", "handling_time_sample", handling);
    writeAverage(w, "avg_first_response_time_seconds", "first_response_sample", firstResponse);
    w.key("chats_per_hour");
    activeSeconds > 0 ? w.value(rounded(double(handledChats.size()) * 3600.0 / double(activeSeconds), 1)) : w.null();
    writeShare(w, "sla_compliance", "sla_sample", sla);
    const std::optional<double> csat = closing.averageRating();
    w.key("avg_csat_score");
    csat ? w.value(*csat) : w.null();
    w.field("csat_sample", closing.totalRatings());
    closing.writeOutcomes(w);
    w.field("revenue_generated", closing.revenue);
}

void NumberTraffic::add(const NumberMessageCount &m)
{
    if (!m.outbound) {
        received += m.count;
    } else if (m.status == "failed"_L1) {
        failed += m.count;
    } else if (m.status == "pending"_L1) {
        pending += m.count;
    } else {
        sent += m.count;
        delivered += m.status == "delivered"_L1 || m.status == "read"_L1 ? m.count : 0;
        read += m.status == "read"_L1 ? m.count : 0;
    }
}

void NumberTraffic::setDelays(QList<DeliveryDelayCount> histogram)
{
    std::sort(histogram.begin(), histogram.end(),
              [](const DeliveryDelayCount &a, const DeliveryDelayCount &b) { return a.seconds < b.seconds; });
    delays = std::move(histogram);
}

qint64 NumberTraffic::measuredDeliveries() const
{
    qint64 n = 0;
    for (const DeliveryDelayCount &d : delays)
        n += d.count;
    return n;
}

std::optional<qint64> NumberTraffic::medianDelay() const
{
    const qint64 n = measuredDeliveries();
    if (n == 0)
        return std::nullopt;
    // The values at positions (n - 1) / 2 and n / 2 of the sorted list, read off the histogram.
    const auto valueAt = [this](qint64 position) {
        for (const DeliveryDelayCount &d : delays) {
            if (position < d.count)
                return d.seconds;
            position -= d.count;
        }
        return delays.last().seconds;
    };
    return qint64(std::llround((valueAt((n - 1) / 2) + valueAt(n / 2)) / 2.0));
}

void NumberTraffic::writeFields(JsonWriter &w) const
{
    w.field("messages_sent", sent)
        .field("messages_received", received)
        .field("messages_failed", failed)
        .field("messages_pending", pending);
    writeShare(w, "delivery_rate", "delivery_rate_sample", Share{delivered, sent});
    writeShare(w, "read_rate", "read_rate_sample", Share{read, sent});
}

ConnectionUptime ConnectionUptime::of(const QList<ConnectionSpan> &changes, qint64 from, qint64 to)
{
    ConnectionUptime u;
    if (changes.isEmpty() || to <= from)
        return u;
    u.known = true;
    // Before the first change known, the status is unknown and not measured.
    const qint64 start = qMax(from, changes.first().at);
    u.measuredSeconds = qMax<qint64>(0, to - start);
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const qint64 begin = qMax(from, changes.at(i).at);
        const qint64 end = i + 1 < changes.size() ? qMin(to, changes.at(i + 1).at) : to;
        const bool connected = changes.at(i).status == "connected"_L1;
        if (connected && end > begin)
            u.connectedSeconds += end - begin;
        if (i > 0 && !connected && changes.at(i - 1).status == "connected"_L1)
            ++u.disconnects;
    }
    return u;
}

void ConnectionUptime::writeFields(JsonWriter &w) const
{
    w.key("connection").beginObject().key("uptime_seconds");
    known ? w.value(connectedSeconds) : w.null();
    w.key("uptime_percent");
    if (known && measuredSeconds > 0)
        w.value(rounded(100.0 * double(connectedSeconds) / double(measuredSeconds), 1));
    else
        w.null();
    w.field("measured_seconds", measuredSeconds).field("disconnects", disconnects).endObject();
}

}   // namespace Conversa::Server
