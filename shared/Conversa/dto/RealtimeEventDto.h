#pragma once

#include "Json.h"
#include "ChatDto.h"
#include "MessageDto.h"
#include "TaskDto.h"
#include "UserRefDto.h"

namespace Conversa {

// Socket.IO payloads (the OpenAPI document, docs/REALTIME.md) that are not plain REST entities; analytics.update is
// a LiveAnalyticsDto. Server → client keys are snake_case like the REST API; client → server keys
// are camelCase (chatId, messageIds) as the seed has them.

// chat.new, chat.updated: {chat}.
struct ChatEventDto {
    ChatDto chat;
    WireKeys wireKeys;

    static ChatEventDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// chat.message, message.updated: {chat_id, message}.
struct ChatMessageEventDto {
    qint64 chatId = 0;
    MessageDto message;
    WireKeys wireKeys;

    static ChatMessageEventDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// Where a transferred chat came from or went to. type (on "to" only) agent, campaign or queue;
// agent_id null when no agent had it or it went to a queue.
struct ChatTransferEndDto {
    std::optional<QString> type;
    std::optional<qint64> agentId;
    qint64 campaignId = 0;
    WireKeys wireKeys;

    static ChatTransferEndDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// chat.transferred: {chat_id, from, to, reason}; reason null when none was given.
struct ChatTransferredEventDto {
    qint64 chatId = 0;
    ChatTransferEndDto from;
    ChatTransferEndDto to;
    std::optional<QString> reason;
    WireKeys wireKeys;

    static ChatTransferredEventDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// agent.typing: {chat_id, agent: {id, first_name, last_name}}.
struct AgentTypingEventDto {
    qint64 chatId = 0;
    UserRefDto agent;
    WireKeys wireKeys;

    static AgentTypingEventDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// task.reminder: {task}.
struct TaskReminderEventDto {
    TaskDto task;
    WireKeys wireKeys;

    static TaskReminderEventDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// notification: {type, …}. The other keys depend on the type (a finished backup, a finished
// import), so they are kept as they came.
struct NotificationEventDto {
    QString type;
    QJsonObject details;   // every key but type
    WireKeys wireKeys;

    static NotificationEventDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// chat.join, chat.leave, chat.typing: {chatId}.
struct ChatRoomRequestDto {
    qint64 chatId = 0;
    WireKeys wireKeys;

    static ChatRoomRequestDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// chat.read: {chatId, messageIds} (1-100 ids).
struct ChatReadRequestDto {
    qint64 chatId = 0;
    QList<qint64> messageIds;
    WireKeys wireKeys;

    static ChatReadRequestDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A client event's acknowledgement: {ok:true} (chat.read adds read: the ids actually marked) or
// {ok:false, error, code}.
struct SocketAckDto {
    bool ok = false;
    QList<qint64> read;
    std::optional<QString> error;
    std::optional<QString> code;
    WireKeys wireKeys;

    static SocketAckDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
