#pragma once

#include "Json.h"
#include "UserRefDto.h"

namespace Conversa {

// A row of GET /v1/audit-logs.
struct AuditEntryDto {
    qint64 id = 0;
    std::optional<UserRefDto> user;
    QString action;
    std::optional<QString> entityType;
    std::optional<qint64> entityId;
    std::optional<QJsonObject> changes;
    std::optional<QString> ipAddress;
    std::optional<QString> userAgent;
    bool success = false;
    QDateTime createdAt;
    WireKeys wireKeys;

    static AuditEntryDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
