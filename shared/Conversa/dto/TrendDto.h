#pragma once

#include "Json.h"

namespace Conversa {

// A point of a trend: the hour or day it starts, the metric's value (0 where there was none) and
// the count it stands on.
struct TrendPointDto {
    QDateTime timestamp;
    double value = 0;
    qint64 sample = 0;   // the count behind the value: 0 with sample 0 is "nothing happened"
    WireKeys wireKeys;

    static TrendPointDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// GET /analytics/trends (docs/REPORTS.md#trends-not-implemented-yet). metric chats_per_hour,
// messages_per_hour, avg_wait_time, avg_first_response_time, sla_compliance, csat or active_agents;
// period is a label for people ("2025-11-01 to 2025-11-14"), not a parsed range.
struct TrendDto {
    QString metric;
    QString period;
    QList<TrendPointDto> data;
    WireKeys wireKeys;

    static TrendDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
