#pragma once

#include "Json.h"
#include "RoleDto.h"

namespace Conversa {

// A campaign the user is an agent of, with the user's priority in it.
struct UserCampaignDto {
    qint64 id = 0;
    QString name;
    qint64 priority = 0;
    WireKeys wireKeys;

    static UserCampaignDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A user: a list item, the detail (GET /v1/users/{id}, /v1/users/me), the one created, or the "user" of a
// login answer. agent_status is available, busy, paused or offline; status active, inactive or suspended.
struct UserDto {
    qint64 id = 0;
    QString email;
    QString firstName;
    QString lastName;
    std::optional<QString> phone;
    std::optional<QString> avatarUrl;
    RoleRefDto role;
    QString status;
    QString agentStatus;
    std::optional<QString> agentStatusReason;
    qint64 maxConcurrentChats = 0;
    bool autoAssignEnabled = false;
    bool twoFactorEnabled = false;
    bool twoFactorSetupRequired = false;   // GET /v1/users/me only: 2FA required by the role, not on yet
    QList<UserCampaignDto> campaigns;
    QStringList permissions;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime lastLoginAt;
    WireKeys wireKeys;

    static UserDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// POST /v1/users/{id}/agent-status answer.
struct AgentStatusDto {
    qint64 id = 0;
    QString agentStatus;
    std::optional<QString> agentStatusReason;
    QDateTime updatedAt;
    WireKeys wireKeys;

    static AgentStatusDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
