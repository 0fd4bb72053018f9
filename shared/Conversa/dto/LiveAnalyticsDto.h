#pragma once

#include "ClientDto.h"
#include "Json.h"

namespace Conversa {

// An agent on the live dashboard.
struct LiveAgentDto {
    qint64 id = 0;
    QString firstName;
    QString lastName;
    QString agentStatus;
    qint64 activeChats = 0;
    qint64 maxChats = 0;
    WireKeys wireKeys;

    static LiveAgentDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// Agents by status.
struct LiveAgentsDto {
    qint64 total = 0;
    qint64 available = 0;
    qint64 busy = 0;
    qint64 paused = 0;
    qint64 offline = 0;
    qint64 withRoom = 0;
    QList<LiveAgentDto> list;
    WireKeys wireKeys;

    static LiveAgentsDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A campaign's queue.
struct LiveQueueDto {
    qint64 id = 0;
    QString name;
    QString routingStrategy;
    qint64 waiting = 0;
    std::optional<qint64> oldestWaitingSeconds;
    std::optional<qint64> avgWaitTimeSeconds;
    qint64 assignedToday = 0;
    WireKeys wireKeys;

    static LiveQueueDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// Chat counts, and today's averages with the number of chats behind each.
struct LiveChatsDto {
    qint64 active = 0;
    qint64 queued = 0;
    qint64 inBot = 0;
    qint64 closedToday = 0;
    qint64 abandonedToday = 0;   // closed without an agent message, not resolved by the bot
    std::optional<qint64> avgWaitTimeSeconds;
    qint64 waitTimeSample = 0;
    std::optional<qint64> avgFirstResponseTimeSeconds;
    qint64 firstResponseSample = 0;
    WireKeys wireKeys;

    static LiveChatsDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// Message counts of the last hour.
struct LiveMessagesDto {
    qint64 sentLastHour = 0;
    qint64 receivedLastHour = 0;
    WireKeys wireKeys;

    static LiveMessagesDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// SLA compliance, a percentage (null without data), the chats each share is over, and the open
// chats whose SLA is breached or at risk (not yet breached) now.
struct LiveSlaDto {
    std::optional<double> firstResponseCompliance;
    std::optional<double> resolutionCompliance;
    qint64 firstResponseSample = 0;
    qint64 resolutionSample = 0;
    qint64 atRisk = 0;
    qint64 breached = 0;
    WireKeys wireKeys;

    static LiveSlaDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// GET /v1/analytics/live: the dashboard, at most a second old.
struct LiveAnalyticsDto {
    QDateTime timestamp;
    LiveAgentsDto agents;
    LiveChatsDto chats;
    QList<LiveQueueDto> queues;
    LiveMessagesDto messages;
    LiveSlaDto sla;
    WireKeys wireKeys;

    static LiveAnalyticsDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A chat waiting in a queue, in routing order.
struct LiveWaitingChatDto {
    qint64 id = 0;
    qint64 position = 0;   // 1 = next to be routed
    QString priority;
    QDateTime queuedAt;
    qint64 waitingSeconds = 0;
    ClientDto client;   // id, names, phone number
    WireKeys wireKeys;

    static LiveWaitingChatDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// GET /v1/analytics/queues/{id}: one queue's figures, its agents, the first waiting chats and
// its SLA compliance today.
struct LiveQueueDetailDto {
    LiveQueueDto queue;   // id, name, strategy, waiting…
    QDateTime timestamp;
    LiveAgentsDto agents;
    QList<LiveWaitingChatDto> waitingChats;
    LiveSlaDto sla;
    WireKeys wireKeys;

    static LiveQueueDetailDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
