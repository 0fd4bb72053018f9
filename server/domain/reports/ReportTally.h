#pragma once

#include "store/ReportStore.h"

#include <QMap>
#include <QSet>

#include <array>
#include <optional>

namespace Conversa::Server {

class JsonWriter;

// What a conversation was, by the one definition of each measure (docs/REPORTS.md#per-chat-measures).
// The reports, the trends and each export row read these and nothing else, so they cannot disagree.
struct ConversationMeasures {
    std::optional<qint64> waitSeconds;            // first queued -> first assigned
    std::optional<qint64> firstResponseSeconds;   // first assigned -> first agent message
    std::optional<qint64> handlingSeconds;        // first assigned -> closed
    bool handled = false;                         // an agent wrote
    bool closed = false;
    bool abandoned = false;                // closed, no agent wrote, and the bot did not resolve it
    std::optional<bool> respondedInTime;   // handled: within the SLA's first-response target
    std::optional<bool> resolvedInTime;    // closed: within the SLA's resolution target
    enum class Path { Human, BotResolved, BotHandedOver, InBot } path = Path::Human;
};
ConversationMeasures measure(const ConversationFacts &c);
QString pathName(ConversationMeasures::Path path);   // human, bot_resolved, bot_handed_over, in_bot

// A mean with the number of values behind it, so a reader can tell 4 chats from 4,000.
struct Average {
    qint64 sum = 0;
    qint64 count = 0;
    void add(qint64 v)
    {
        sum += v;
        ++count;
    }
    void add(const std::optional<qint64> &v)
    {
        if (v)
            add(*v);
    }
    std::optional<qint64> mean() const;   // rounded to the second
};

// A share of some count, in percent with one decimal.
struct Share {
    qint64 hits = 0;
    qint64 count = 0;
    void add(const std::optional<bool> &hit)
    {
        if (hit) {
            ++count;
            hits += *hit ? 1 : 0;
        }
    }
    std::optional<double> percent() const;
};

// The closing figures: satisfaction, outcomes, revenue.
struct ClosingTally {
    std::array<qint64, 6> ratings{};   // [1] .. [5]
    QMap<QString, qint64> outcomes;
    qint64 revenue = 0;
    void add(const ConversationFacts &c);
    qint64 totalRatings() const;
    std::optional<double> averageRating() const;   // two decimals
    void writeSatisfaction(JsonWriter &w) const;   // "satisfaction": {...}
    void writeOutcomes(JsonWriter &w) const;       // "outcomes": {...}
};

// The figures of a set of conversations (a campaign's, a number's, all): the campaign report's
// metrics (seed §10.1), for the whole period and for each of its days or hours.
struct ConversationTally {
    qint64 total = 0;
    qint64 handled = 0;
    qint64 abandoned = 0;
    qint64 closed = 0;
    qint64 messages = 0;
    Average wait;
    Average firstResponse;
    Average handling;
    Share slaFirstResponse;
    Share slaResolution;
    ClosingTally closing;
    qint64 botResolved = 0;
    qint64 botHandedOver = 0;
    qint64 inBot = 0;

    void add(const ConversationFacts &c) { add(c, measure(c)); }
    // With its measures worked out once for the period and its day.
    void add(const ConversationFacts &c, const ConversationMeasures &m);
    // The metrics' fields, into the object being written.
    void writeFields(JsonWriter &w) const;
};

// An agent's figures (seed §10.2) for a period or one of its days or hours.
struct AgentTally {
    QSet<qint64> handledChats;   // chats the agent wrote in
    qint64 messagesSent = 0;
    qint64 transferred = 0;
    qint64 closed = 0;
    Average handling;        // of the chats it closed
    Average firstResponse;   // of the first responses it gave
    Share sla;               // of the first responses it gave
    ClosingTally closing;    // of the chats it closed

    void addMessage(const AgentMessage &m);
    void addClosed(const ConversationFacts &c);
    void addFirstResponse(const ConversationFacts &c);
    // `activeSeconds`: available + busy time, for chats_per_hour; 0 writes null.
    void writeFields(JsonWriter &w, qint64 activeSeconds) const;
};

// A number's messages in a period (docs/REPORTS.md#whatsapp-number-report): sent (accepted by the
// provider: sent, delivered or read), failed, still pending, received; delivery and read rates of
// the sent ones; the median time from sent to delivered (for the whole period only).
struct NumberTraffic {
    qint64 sent = 0;
    qint64 delivered = 0;   // delivered or read
    qint64 read = 0;
    qint64 failed = 0;
    qint64 pending = 0;
    qint64 received = 0;
    QList<DeliveryDelayCount> delays;   // ascending

    void add(const NumberMessageCount &m);
    void setDelays(QList<DeliveryDelayCount> histogram);
    qint64 measuredDeliveries() const;           // the histogram's values
    std::optional<qint64> medianDelay() const;   // the middle value, or the mean of the two middle ones
    void writeFields(JsonWriter &w) const;       // the counts and rates, not the median
};

// A number's connection over [from, to) from its status changes (the first one holding the status
// it had at `from`): seconds connected, and how many times a connection was lost.
struct ConnectionUptime {
    bool known = false;   // no change recorded before `to`: nothing to measure
    qint64 connectedSeconds = 0;
    qint64 measuredSeconds = 0;
    qint64 disconnects = 0;

    static ConnectionUptime of(const QList<ConnectionSpan> &changes, qint64 from, qint64 to);
    void writeFields(JsonWriter &w) const;
};

}   // namespace Conversa::Server
