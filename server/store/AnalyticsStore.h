#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>

#include <optional>

namespace Conversa::Server {

class Database;

struct LiveAgent {
    qint64 id = 0;
    QString firstName;
    QString lastName;
    QString agentStatus;
    qint64 activeChats = 0;   // assigned, active and pending
    qint64 maxChats = 0;
};

struct LiveQueue {
    qint64 id = 0;   // the campaign's: each campaign has one queue
    QString name;
    QString strategy;
    qint64 waiting = 0;
    qint64 oldestQueuedAt = 0;     // 0: nobody waits
    qint64 assignedToday = 0;      // routed or assigned out of the queue since `dayStart`
    qint64 waitSecondsToday = 0;   // their waits, summed
};

// A chat waiting in a queue, for the queue's page.
struct WaitingChat {
    qint64 id = 0;
    QString priority;
    qint64 queuedAt = 0;
    qint64 clientId = 0;
    QString clientFirstName;
    QString clientLastName;
    QString clientPhone;
};

// Shares of today's chats within their campaign's SLA (docs/REPORTS.md), and the open chats
// (queued or with an agent) whose SLA is breached or at risk now.
struct LiveSla {
    qint64 handled = 0;
    qint64 respondedInTime = 0;
    qint64 closed = 0;
    qint64 closedInTime = 0;
    qint64 atRisk = 0;   // not breached yet
    qint64 breached = 0;
};

// First responses given since a moment: first assigned → first agent message (docs/REPORTS.md).
struct LiveFirstResponses {
    qint64 count = 0;
    qint64 secondsSum = 0;
};

// The aggregate reads behind GET /analytics/live and /analytics/queues/:id (the OpenAPI document). Every one
// walks an index: chat_counts for the open chats, chats_queue for the waiting, chat_events by
// time for today's assignments, chats_closed and chats_created for today, and the per-number
// message indexes for the last hour.
class AnalyticsStore {
public:
    explicit AnalyticsStore(Database &db) : m_db(db) {}

    // Users who take chats (role agent, or on a campaign's agents), with their open chats.
    Result<QList<LiveAgent>> agents(qint64 campaignId = 0);
    Result<qint64> openChats();   // assigned, active, pending
    Result<qint64> closedSince(qint64 since);
    // Closed since then without an agent message, and not resolved by the bot (docs/REPORTS.md).
    Result<qint64> abandonedSince(qint64 since);
    Result<qint64> inBot();
    Result<LiveFirstResponses> firstResponsesSince(qint64 since);
    // One queue (campaignId) or every live campaign's.
    Result<QList<LiveQueue>> queues(qint64 dayStart, qint64 campaignId = 0);
    Result<std::pair<qint64, qint64>> messagesSince(qint64 since);   // sent, received
    Result<LiveSla> sla(qint64 dayStart, qint64 now, qint64 campaignId = 0);
    // The first `limit` chats of a campaign's queue, in routing order.
    Result<QList<WaitingChat>> waiting(qint64 campaignId, int limit);

private:
    Database &m_db;
};

}   // namespace Conversa::Server
