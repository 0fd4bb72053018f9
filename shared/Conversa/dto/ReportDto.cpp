#include "ReportDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

CountMap Json::counts(const QJsonObject &object)
{
    CountMap out;
    for (auto it = object.begin(); it != object.end(); ++it)
        out.insert(it.key(), it.value().toInteger());
    return out;
}

QJsonObject Json::countsObject(const CountMap &counts)
{
    QJsonObject out;
    for (auto it = counts.begin(); it != counts.end(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

ReportPeriodDto ReportPeriodDto::fromJson(const QJsonObject &json)
{
    ReportPeriodDto x;
    const Json::Reader r(json, x.wireKeys);
    x.from = r.time(u"from"_s);
    x.to = r.time(u"to"_s);
    return x;
}

QJsonObject ReportPeriodDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"from"_s, from);
    w.put(u"to"_s, to);
    return w.result();
}

SatisfactionDto SatisfactionDto::fromJson(const QJsonObject &json)
{
    SatisfactionDto x;
    const Json::Reader r(json, x.wireKeys);
    x.avgRating = r.optNumber(u"avg_rating"_s);
    x.totalRatings = r.integer(u"total_ratings"_s);
    x.ratingDistribution = Json::counts(r.object(u"rating_distribution"_s));
    return x;
}

QJsonObject SatisfactionDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"avg_rating"_s, avgRating);
    w.put(u"total_ratings"_s, totalRatings);
    w.put(u"rating_distribution"_s, Json::countsObject(ratingDistribution));
    return w.result();
}

CampaignReportMetricsDto CampaignReportMetricsDto::fromJson(const QJsonObject &json)
{
    CampaignReportMetricsDto x;
    const Json::Reader r(json, x.wireKeys);
    x.totalChats = r.integer(u"total_chats"_s);
    x.chatsHandled = r.integer(u"chats_handled"_s);
    x.chatsAbandoned = r.integer(u"chats_abandoned"_s);
    x.avgWaitTimeSeconds = r.optInteger(u"avg_wait_time_seconds"_s);
    x.avgFirstResponseTimeSeconds = r.optInteger(u"avg_first_response_time_seconds"_s);
    x.avgHandlingTimeSeconds = r.optInteger(u"avg_handling_time_seconds"_s);
    x.slaFirstResponseCompliance = r.optNumber(u"sla_first_response_compliance"_s);
    x.slaResolutionCompliance = r.optNumber(u"sla_resolution_compliance"_s);
    x.totalMessages = r.integer(u"total_messages"_s);
    x.avgMessagesPerChat = r.optNumber(u"avg_messages_per_chat"_s);
    x.satisfaction = r.nested<SatisfactionDto>(u"satisfaction"_s).value_or(SatisfactionDto{});
    x.outcomes = Json::counts(r.object(u"outcomes"_s));
    x.totalRevenue = r.integer(u"total_revenue"_s);
    return x;
}

QJsonObject CampaignReportMetricsDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"total_chats"_s, totalChats);
    w.put(u"chats_handled"_s, chatsHandled);
    w.put(u"chats_abandoned"_s, chatsAbandoned);
    w.put(u"avg_wait_time_seconds"_s, avgWaitTimeSeconds);
    w.put(u"avg_first_response_time_seconds"_s, avgFirstResponseTimeSeconds);
    w.put(u"avg_handling_time_seconds"_s, avgHandlingTimeSeconds);
    w.put(u"sla_first_response_compliance"_s, slaFirstResponseCompliance);
    w.put(u"sla_resolution_compliance"_s, slaResolutionCompliance);
    w.put(u"total_messages"_s, totalMessages);
    w.put(u"avg_messages_per_chat"_s, avgMessagesPerChat);
    w.put(u"satisfaction"_s, satisfaction.toJson());
    w.put(u"outcomes"_s, Json::countsObject(outcomes));
    w.put(u"total_revenue"_s, totalRevenue);
    return w.result();
}

CampaignReportDto CampaignReportDto::fromJson(const QJsonObject &json)
{
    CampaignReportDto x;
    const Json::Reader r(json, x.wireKeys);
    x.campaign = r.nested<IdNameDto>(u"campaign"_s).value_or(IdNameDto{});
    x.period = r.nested<ReportPeriodDto>(u"period"_s).value_or(ReportPeriodDto{});
    x.metrics = r.nested<CampaignReportMetricsDto>(u"metrics"_s).value_or(CampaignReportMetricsDto{});
    return x;
}

QJsonObject CampaignReportDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"campaign"_s, campaign.toJson());
    w.put(u"period"_s, period.toJson());
    w.put(u"metrics"_s, metrics.toJson());
    return w.result();
}

AgentTimeBreakdownDto AgentTimeBreakdownDto::fromJson(const QJsonObject &json)
{
    AgentTimeBreakdownDto x;
    const Json::Reader r(json, x.wireKeys);
    x.availableSeconds = r.integer(u"available_seconds"_s);
    x.busySeconds = r.integer(u"busy_seconds"_s);
    x.pausedSeconds = r.integer(u"paused_seconds"_s);
    x.offlineSeconds = r.integer(u"offline_seconds"_s);
    return x;
}

QJsonObject AgentTimeBreakdownDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"available_seconds"_s, availableSeconds);
    w.put(u"busy_seconds"_s, busySeconds);
    w.put(u"paused_seconds"_s, pausedSeconds);
    w.put(u"offline_seconds"_s, offlineSeconds);
    return w.result();
}

AgentReportMetricsDto AgentReportMetricsDto::fromJson(const QJsonObject &json)
{
    AgentReportMetricsDto x;
    const Json::Reader r(json, x.wireKeys);
    x.chatsHandled = r.integer(u"chats_handled"_s);
    x.chatsTransferred = r.integer(u"chats_transferred"_s);
    x.chatsClosed = r.integer(u"chats_closed"_s);
    x.messagesSent = r.integer(u"messages_sent"_s);
    x.avgHandlingTimeSeconds = r.optInteger(u"avg_handling_time_seconds"_s);
    x.avgFirstResponseTimeSeconds = r.optInteger(u"avg_first_response_time_seconds"_s);
    x.chatsPerHour = r.optNumber(u"chats_per_hour"_s);
    x.slaCompliance = r.optNumber(u"sla_compliance"_s);
    x.avgCsatScore = r.optNumber(u"avg_csat_score"_s);
    x.timeBreakdown = r.nested<AgentTimeBreakdownDto>(u"time_breakdown"_s).value_or(AgentTimeBreakdownDto{});
    x.outcomes = Json::counts(r.object(u"outcomes"_s));
    x.revenueGenerated = r.integer(u"revenue_generated"_s);
    return x;
}

QJsonObject AgentReportMetricsDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"chats_handled"_s, chatsHandled);
    w.put(u"chats_transferred"_s, chatsTransferred);
    w.put(u"chats_closed"_s, chatsClosed);
    w.put(u"messages_sent"_s, messagesSent);
    w.put(u"avg_handling_time_seconds"_s, avgHandlingTimeSeconds);
    w.put(u"avg_first_response_time_seconds"_s, avgFirstResponseTimeSeconds);
    w.put(u"chats_per_hour"_s, chatsPerHour);
    w.put(u"sla_compliance"_s, slaCompliance);
    w.put(u"avg_csat_score"_s, avgCsatScore);
    w.put(u"time_breakdown"_s, timeBreakdown.toJson());
    w.put(u"outcomes"_s, Json::countsObject(outcomes));
    w.put(u"revenue_generated"_s, revenueGenerated);
    return w.result();
}

AgentReportDto AgentReportDto::fromJson(const QJsonObject &json)
{
    AgentReportDto x;
    const Json::Reader r(json, x.wireKeys);
    x.agent = r.nested<UserRefDto>(u"agent"_s).value_or(UserRefDto{});
    x.period = r.nested<ReportPeriodDto>(u"period"_s).value_or(ReportPeriodDto{});
    x.metrics = r.nested<AgentReportMetricsDto>(u"metrics"_s).value_or(AgentReportMetricsDto{});
    return x;
}

QJsonObject AgentReportDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"agent"_s, agent.toJson());
    w.put(u"period"_s, period.toJson());
    w.put(u"metrics"_s, metrics.toJson());
    return w.result();
}

}   // namespace Conversa
