#pragma once

#include "Json.h"

namespace Conversa {

// A WhatsApp number of a campaign.
struct CampaignNumberDto {
    qint64 id = 0;
    QString phoneNumber;
    QString displayName;
    bool isPrimary = false;   // detail only
    WireKeys wireKeys;

    static CampaignNumberDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// An agent of a campaign, with the campaign's settings for them.
struct CampaignAgentDto {
    qint64 userId = 0;
    QString email;
    QString firstName;
    QString lastName;
    qint64 maxConcurrentChats = 0;
    qint64 priority = 0;
    QStringList skills;
    WireKeys wireKeys;

    static CampaignAgentDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A campaign: a list item or the detail. status active, inactive or paused; routing_strategy
// round_robin, least_busy, priority or skills. business_hours: null, or monday..sunday each null or {start, end}.
struct CampaignDto {
    qint64 id = 0;
    QString name;
    QString code;
    std::optional<QString> description;
    QString status;
    qint64 priority = 0;
    std::optional<QJsonObject> businessHours;
    QString timezone;
    qint64 slaFirstResponseSeconds = 0;
    qint64 slaResolutionSeconds = 0;
    bool botEnabled = false;
    std::optional<qint64> botFlowId;
    QString routingStrategy;
    bool slaReassignEnabled = false;
    std::optional<QString> welcomeMessage;
    std::optional<QString> offlineMessage;
    bool csatEnabled = false;             // the satisfaction survey after close
    std::optional<QString> csatMessage;   // null: the server's default text
    qint64 csatTimeoutMinutes = 0;        // how long an answer 1-5 counts (server default 60)
    QList<CampaignNumberDto> whatsappNumbers;
    QList<CampaignAgentDto> agents;
    qint64 agentsCount = 0;
    qint64 activeChats = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    WireKeys wireKeys;

    static CampaignDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
