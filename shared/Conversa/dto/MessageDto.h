#pragma once

#include "Json.h"
#include "UserRefDto.h"

namespace Conversa {

// The message a reply quotes.
struct MessageQuoteDto {
    qint64 id = 0;
    QString direction;
    QString messageType;
    std::optional<QString> content;
    WireKeys wireKeys;

    static MessageQuoteDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// A chat message. direction inbound or outbound; message_type text, image, document, audio, video,
// template, interactive, …; status pending, sent, delivered, read or failed (then error_code, error_message).
struct MessageDto {
    qint64 id = 0;
    qint64 chatId = 0;
    QString direction;
    QString messageType;
    std::optional<QString> content;
    QString status;
    std::optional<qint64> mediaFileId;
    std::optional<QString> templateName;
    std::optional<QString> templateLanguage;
    std::optional<QJsonObject> templateVariables;
    // A bot menu sent as an interactive message: {"type": "button" | "list", "button"?: the list's
    // button text, "options": [{"id", "title"}…]}; nullopt: none.
    std::optional<QJsonObject> interactive;
    std::optional<QString> errorCode;
    std::optional<QString> errorMessage;
    std::optional<UserRefDto> user;
    bool isBotMessage = false;
    QDateTime createdAt;
    QDateTime sentAt;
    QDateTime deliveredAt;
    QDateTime readAt;
    std::optional<MessageQuoteDto> replyTo;
    WireKeys wireKeys;

    static MessageDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
