#pragma once

#include "Json.h"

namespace Conversa {

// A reference by id and name: a chat's campaign, a number's campaigns.
struct IdNameDto {
    qint64 id = 0;
    QString name;
    WireKeys wireKeys;

    static IdNameDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
