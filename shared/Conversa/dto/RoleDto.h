#pragma once

#include "Json.h"

namespace Conversa {

// A user's role inside a user: {id, name, display_name}.
struct RoleRefDto {
    qint64 id = 0;
    QString name;   // admin, supervisor, agent
    QString displayName;
    WireKeys wireKeys;

    static RoleRefDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// GET /v1/roles: a role and its permissions.
struct RoleDto {
    qint64 id = 0;
    QString name;
    QString displayName;
    QString description;
    bool requireTwoFactor = false;   // its users must enable 2FA before anything else
    QStringList permissions;
    WireKeys wireKeys;

    static RoleDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
