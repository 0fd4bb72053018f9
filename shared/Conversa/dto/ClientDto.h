#pragma once

#include "Json.h"

namespace Conversa {

// One of a client's chats in the client detail.
struct ClientChatRefDto {
    qint64 id = 0;
    QString status;
    QDateTime createdAt;
    WireKeys wireKeys;

    static ClientChatRefDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// One of a client's tasks in the client detail.
struct ClientTaskRefDto {
    qint64 id = 0;
    QString title;
    QDateTime dueDate;
    QString status;
    WireKeys wireKeys;

    static ClientTaskRefDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A client: a list item, the detail, or the summary inside a chat or a task. lead_status new, contacted,
// qualified, proposal, negotiation, won or lost.
struct ClientDto {
    qint64 id = 0;
    QString phoneNumber;
    std::optional<QString> firstName;
    std::optional<QString> lastName;
    std::optional<QString> email;
    std::optional<QString> company;
    std::optional<QString> city;
    std::optional<QString> country;
    std::optional<QString> address;
    std::optional<QString> avatarUrl;
    QString leadStatus;
    qint64 leadScore = 0;
    std::optional<QString> segment;
    QStringList tags;
    qint64 totalChats = 0;
    qint64 ltv = 0;
    qint64 totalPurchases = 0;
    QDateTime lastPurchaseAt;
    QJsonObject customFields;
    std::optional<QString> notes;
    bool isBlocked = false;
    bool optIn = false;
    QList<ClientChatRefDto> chats;
    QList<ClientTaskRefDto> tasks;
    QDateTime lastContactAt;
    QDateTime createdAt;
    QDateTime updatedAt;
    WireKeys wireKeys;

    static ClientDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
