#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>
#include <QVariant>

#include <functional>
#include <optional>

namespace Conversa::Server {

class Database;

// One conversation as the reports see it (docs/REPORTS.md#per-chat-measures): its first moments,
// kept by the writes that make them (chats.first_*), and how it ended. Times are epoch seconds,
// 0 when they have not happened.
struct ConversationFacts {
    qint64 chatId = 0;
    qint64 campaignId = 0;
    QString campaignName;
    qint64 numberId = 0;
    qint64 clientId = 0;
    QString clientName;
    QString clientPhone;
    QString status;
    qint64 openedAt = 0;
    qint64 firstQueuedAt = 0;
    qint64 firstAssignedAt = 0;
    qint64 firstResponseAt = 0;
    qint64 firstResponseAgentId = 0;
    qint64 closedAt = 0;
    qint64 agentId = 0;   // the agent it is (or was, when closed) assigned to
    QString agentName;
    QString outcome;
    std::optional<qint64> outcomeValue;
    int csatScore = 0;   // 1-5, 0 unanswered
    qint64 messageCount = 0;
    bool hadBot = false;   // a bot flow talked to it
    qint64 slaFirstResponseSeconds = 0;
    qint64 slaResolutionSeconds = 0;
};

struct NumberHeading {
    QString phoneNumber;
    QString displayName;
};

// The conversations one report covers.
enum class ConversationScope { All, Campaign, Number };
// The condition (over chats aliased `c`, ending in AND) that keeps a scope's conversations, its
// value appended to `values`; empty for every conversation.
QString conversationScopeSql(ConversationScope scope, qint64 id, QVariantList &values);
// "first last", either part possibly empty.
QString personName(const QString &first, const QString &last);

// What is read of each: its moments and SLA targets only (hadBot left false: no bot_sessions probe),
// every figure (campaign names included), or also the client's and the agent's names an export writes.
enum class FactDetail { Moments, Figures, Names };

// The quarter hour (900 s) a moment falls in. Periods start and end on local days or hours, and
// every zone's offset is whole quarters, so a period is whole quarters: the tallies of migration 0029
// count by quarter (docs/REPORTS.md#tallies).
constexpr qint64 quarterOf(qint64 t)
{
    return t - t % 900;
}

// A number's messages of one quarter of an hour ([quarter, quarter + 900)) with one direction
// and status, for its delivery figures.
struct NumberMessageCount {
    qint64 quarter = 0;
    bool outbound = false;
    QString status;
    qint64 count = 0;
};

// How many of a number's sent messages took `seconds` from sent to delivered.
struct DeliveryDelayCount {
    qint64 seconds = 0;
    qint64 count = 0;
};

// An agent's message: which chat, when.
struct AgentMessage {
    qint64 chatId = 0;
    qint64 createdAt = 0;
};

// A number's connection status from `at` on (whatsapp_number_connections).
struct ConnectionSpan {
    QString status;
    qint64 at = 0;
};

// What the period reports read (issue 14), along the indexes of migration 0028: never a scan of all
// chats or messages. Periods are [from, to) in epoch seconds.
class ReportStore {
public:
    explicit ReportStore(Database &db) : m_db(db) {}

    // The conversations opened in the period, oldest first, one at a time (an export streams them);
    // `each` returns false to stop.
    Result<Ok> opened(ConversationScope scope, qint64 id, qint64 from, qint64 to, FactDetail detail,
                      const std::function<bool(const ConversationFacts &)> &each);
    // The conversations an agent closed, and those whose first response it gave, in the period.
    Result<QList<ConversationFacts>> closedBy(qint64 agentId, qint64 from, qint64 to);
    Result<QList<ConversationFacts>> firstAnsweredBy(qint64 agentId, qint64 from, qint64 to);
    Result<QList<AgentMessage>> messagesBy(qint64 agentId, qint64 from, qint64 to);
    // When the agent transferred a chat away.
    Result<QList<qint64>> transfersFrom(qint64 agentId, qint64 from, qint64 to);

    // A number's messages per quarter, direction and status, and the delays from sent to delivered
    // as a histogram (the median is exact), from the tallies the writes keep (a busy number has
    // hundreds of thousands of messages a month).
    Result<QList<NumberMessageCount>> numberMessages(qint64 numberId, qint64 from, qint64 to);
    Result<QList<DeliveryDelayCount>> deliveryDelays(qint64 numberId, qint64 from, qint64 to);
    // The number's status changes in the period, led by the status it had at `from` (if any).
    Result<QList<ConnectionSpan>> connectionChanges(qint64 numberId, qint64 from, qint64 to);

    // Names for the answer's heading; nullopt when there is no such row (deleted ones included).
    Result<std::optional<QString>> campaignName(qint64 id);
    Result<std::optional<NumberHeading>> number(qint64 id);
    struct Person {
        QString firstName;
        QString lastName;
    };
    Result<std::optional<Person>> agent(qint64 id);

private:
    Result<QList<ConversationFacts>> facts(const QString &where, const QVariantList &values);

    Database &m_db;
};

}   // namespace Conversa::Server
