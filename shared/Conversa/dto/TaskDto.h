#pragma once

#include "Json.h"
#include "ClientDto.h"
#include "UserRefDto.h"

namespace Conversa {

// A comment on a task.
struct TaskCommentDto {
    qint64 id = 0;
    qint64 taskId = 0;
    qint64 userId = 0;
    std::optional<UserRefDto> user;
    QString content;
    QDateTime createdAt;
    WireKeys wireKeys;

    static TaskCommentDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A task (comments in the detail only). priority low, medium, high or urgent; status pending,
// in_progress, completed or cancelled.
struct TaskDto {
    qint64 id = 0;
    std::optional<qint64> clientId;
    std::optional<ClientDto> client;
    std::optional<qint64> chatId;
    qint64 assignedToUserId = 0;
    std::optional<UserRefDto> assignedTo;
    qint64 createdByUserId = 0;
    QString title;
    std::optional<QString> description;
    QDateTime dueDate;
    QDateTime reminderDate;
    QDateTime reminderFiredAt;
    QString priority;
    QString status;
    bool isOverdue = false;
    QDateTime completedAt;
    std::optional<QString> completionNotes;
    QDateTime createdAt;
    QDateTime updatedAt;
    QList<TaskCommentDto> comments;
    WireKeys wireKeys;

    static TaskDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
