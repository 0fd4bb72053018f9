#pragma once

#include "Json.h"

namespace Conversa {

// A person named inside another entity: a chat's agent, a message's or note's author, an audit row's user,
// a task's assignee. Which fields come depends on the place (agent_status only on a chat's agent).
struct UserRefDto {
    qint64 id = 0;
    QString firstName;
    QString lastName;
    QString agentStatus;
    WireKeys wireKeys;

    static UserRefDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
