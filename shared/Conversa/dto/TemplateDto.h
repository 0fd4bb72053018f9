#pragma once

#include "Json.h"

namespace Conversa {

// A message template an agent may send on a chat (GET /v1/chats/{id}/templates): its body text
// and the names of its variables, the keys of template_variables when it is sent.
struct MessageTemplateDto {
    QString name;
    QString language;
    QString category;
    std::optional<QString> header;
    QString body;
    std::optional<QString> footer;
    QStringList variables;
    WireKeys wireKeys;

    static MessageTemplateDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// The answer: {"data": [...]}.
struct MessageTemplateListDto {
    QList<MessageTemplateDto> data;
    WireKeys wireKeys;

    static MessageTemplateListDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
