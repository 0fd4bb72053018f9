#pragma once

#include "Json.h"
#include "ClientDto.h"
#include "IdNameDto.h"
#include "UserRefDto.h"

namespace Conversa {

// The WhatsApp number a chat is on.
struct ChatNumberRefDto {
    qint64 id = 0;
    QString phoneNumber;
    WireKeys wireKeys;

    static ChatNumberRefDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// The newest message of a chat, in the list.
struct ChatLastMessageDto {
    qint64 id = 0;
    std::optional<QString> content;
    QString direction;
    QDateTime createdAt;
    WireKeys wireKeys;

    static ChatLastMessageDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// An internal note (chat_id only in the POST answer).
struct ChatNoteDto {
    qint64 id = 0;
    qint64 chatId = 0;
    std::optional<UserRefDto> user;
    QString content;
    QDateTime createdAt;
    WireKeys wireKeys;

    static ChatNoteDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// The campaign's SLA for a chat.
struct ChatSlaDto {
    QDateTime firstResponseDueAt;
    bool firstResponseBreached = false;
    QDateTime resolutionDueAt;
    bool resolutionBreached = false;
    WireKeys wireKeys;

    static ChatSlaDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// Seconds, null until known.
struct ChatMetricsDto {
    std::optional<qint64> waitTimeSeconds;
    std::optional<qint64> firstResponseTimeSeconds;
    std::optional<qint64> handlingTimeSeconds;
    WireKeys wireKeys;

    static ChatMetricsDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// Meta's 24-hour customer service window.
struct WhatsAppWindowDto {
    bool open = false;
    QDateTime expiresAt;
    WireKeys wireKeys;

    static WhatsAppWindowDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A chat: a list item, the detail, or the short answers of assign and close. status new, bot, queued,
// assigned, active, pending or closed; priority low, normal, high or urgent.
struct ChatDto {
    qint64 id = 0;
    ClientDto client;
    std::optional<IdNameDto> campaign;
    std::optional<ChatNumberRefDto> whatsappNumber;
    std::optional<UserRefDto> assignedAgent;
    QString status;
    QString priority;
    ChatSlaDto sla;
    std::optional<qint64> queuePosition;   // 1 = next to be routed; null unless queued
    QStringList tags;
    QList<ChatNoteDto> notes;
    QJsonObject botContext;
    ChatMetricsDto metrics;
    qint64 messageCount = 0;
    qint64 unreadCount = 0;
    std::optional<ChatLastMessageDto> lastMessage;
    QDateTime createdAt;
    QDateTime queuedAt;
    QDateTime assignedAt;
    QDateTime firstResponseAt;
    QDateTime lastMessageAt;
    QDateTime closedAt;
    std::optional<QString> closeReason;
    std::optional<QString> outcome;
    std::optional<qint64> outcomeValue;
    std::optional<QString> closeNotes;
    std::optional<qint64> csatScore;   // the satisfaction survey's answer, 1-5
    WhatsAppWindowDto whatsappWindow;
    WireKeys wireKeys;

    static ChatDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
