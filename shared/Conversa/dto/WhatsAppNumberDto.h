#pragma once

#include "Json.h"
#include "IdNameDto.h"

namespace Conversa {

// A WhatsApp number (list item or detail). Secrets never come back: only has_* flags. provider meta or
// wppconnect; status pending, active or inactive; connection_status disconnected, connecting, qr_pending,
// connected or error.
struct WhatsAppNumberDto {
    qint64 id = 0;
    QString phoneNumber;
    QString displayName;
    QString provider;
    QString status;
    QString connectionStatus;
    QDateTime lastConnectedAt;
    std::optional<QString> lastError;
    qint64 dailyMessageLimit = 0;
    qint64 rateLimitPerMinute = 0;
    qint64 totalMessagesSent = 0;
    qint64 totalMessagesReceived = 0;
    std::optional<QString> metaPhoneNumberId;
    std::optional<QString> metaBusinessAccountId;
    std::optional<QString> wppconnectSessionName;
    std::optional<QString> wppconnectServerUrl;
    bool hasMetaAccessToken = false;
    bool hasMetaAppSecret = false;
    bool hasWebhookVerifyToken = false;
    bool hasWppconnectApiKey = false;
    std::optional<QString> webhookUrl;
    QList<IdNameDto> campaigns;
    QDateTime createdAt;
    QDateTime updatedAt;
    WireKeys wireKeys;

    static WhatsAppNumberDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
