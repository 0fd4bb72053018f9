#pragma once

#include "Json.h"

namespace Conversa {

// POST /v1/auth/2fa/verify (activation) and /v1/auth/2fa/disable answer.
struct TwoFactorStatusDto {
    bool enabled = false;
    WireKeys wireKeys;

    static TwoFactorStatusDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
