#pragma once

#include "IdNameDto.h"
#include "Json.h"

namespace Conversa {

// An agent a chat may be transferred to, with its status and load.
struct TransferAgentDto {
    qint64 id = 0;
    QString firstName;
    QString lastName;
    QString agentStatus;   // available | busy | paused | offline
    qint64 openChats = 0;
    qint64 maxConcurrentChats = 0;
    WireKeys wireKeys;

    static TransferAgentDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// GET /v1/chats/{id}/transfer-options: the campaign's other active agents (available first) and
// the other active campaigns.
struct TransferOptionsDto {
    QList<TransferAgentDto> agents;
    QList<IdNameDto> campaigns;
    WireKeys wireKeys;

    static TransferOptionsDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
