#pragma once

#include "Json.h"
#include "IdNameDto.h"
#include "UserRefDto.h"

#include <QMap>

namespace Conversa {

// Counts by a key on the wire as a JSON object: outcomes ({"sale": 234}), a rating distribution
// ({"1": 5}).
using CountMap = QMap<QString, qint64>;

namespace Json {
CountMap counts(const QJsonObject &object);
QJsonObject countsObject(const CountMap &counts);
}   // namespace Json

// A report's period, inclusive (UTC unless a timezone was asked for).
struct ReportPeriodDto {
    QDateTime from;
    QDateTime to;
    WireKeys wireKeys;

    static ReportPeriodDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// CSAT answers (1-5) collected after close.
struct SatisfactionDto {
    std::optional<double> avgRating;
    qint64 totalRatings = 0;
    CountMap ratingDistribution;   // "1".."5" → answers
    WireKeys wireKeys;

    static SatisfactionDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A campaign report's numbers (docs/REPORTS.md). Percentages 0..100 with one decimal; averages and
// percentages null without data; revenue in the account's currency units.
struct CampaignReportMetricsDto {
    qint64 totalChats = 0;
    qint64 chatsHandled = 0;
    qint64 chatsAbandoned = 0;
    std::optional<qint64> avgWaitTimeSeconds;
    std::optional<qint64> avgFirstResponseTimeSeconds;
    std::optional<qint64> avgHandlingTimeSeconds;
    std::optional<double> slaFirstResponseCompliance;
    std::optional<double> slaResolutionCompliance;
    qint64 totalMessages = 0;
    std::optional<double> avgMessagesPerChat;
    SatisfactionDto satisfaction;
    CountMap outcomes;
    qint64 totalRevenue = 0;
    WireKeys wireKeys;

    static CampaignReportMetricsDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// GET /reports/campaigns/:campaign_id (docs/REPORTS.md, campaign report).
struct CampaignReportDto {
    IdNameDto campaign;
    ReportPeriodDto period;
    CampaignReportMetricsDto metrics;
    WireKeys wireKeys;

    static CampaignReportDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// An agent's time by status, from the status history clipped to the period.
struct AgentTimeBreakdownDto {
    qint64 availableSeconds = 0;
    qint64 busySeconds = 0;
    qint64 pausedSeconds = 0;
    qint64 offlineSeconds = 0;
    WireKeys wireKeys;

    static AgentTimeBreakdownDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// An agent report's numbers. chats_per_hour = handled chats / (available + busy hours).
struct AgentReportMetricsDto {
    qint64 chatsHandled = 0;
    qint64 chatsTransferred = 0;
    qint64 chatsClosed = 0;
    qint64 messagesSent = 0;
    std::optional<qint64> avgHandlingTimeSeconds;
    std::optional<qint64> avgFirstResponseTimeSeconds;
    std::optional<double> chatsPerHour;
    std::optional<double> slaCompliance;
    std::optional<double> avgCsatScore;
    AgentTimeBreakdownDto timeBreakdown;
    CountMap outcomes;
    qint64 revenueGenerated = 0;
    WireKeys wireKeys;

    static AgentReportMetricsDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// GET /reports/agents/:agent_id (docs/REPORTS.md, agent report).
struct AgentReportDto {
    UserRefDto agent;
    ReportPeriodDto period;
    AgentReportMetricsDto metrics;
    WireKeys wireKeys;

    static AgentReportDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
