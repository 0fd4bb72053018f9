#pragma once

#include "Json.h"
#include "UserDto.h"

namespace Conversa {

// POST /v1/auth/refresh answer: a new token pair.
struct AuthTokensDto {
    QString accessToken;
    QString refreshToken;
    qint64 expiresIn = 0;   // access token lifetime, seconds
    WireKeys wireKeys;

    static AuthTokensDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// POST /v1/auth/login and the second step of /v1/auth/2fa/verify: tokens and the user, or (login with
// 2FA on) two_factor_required with the token to send with the code.
struct LoginResultDto {
    QString accessToken;
    QString refreshToken;
    qint64 expiresIn = 0;
    std::optional<UserDto> user;
    bool twoFactorRequired = false;
    bool twoFactorSetupRequired = false;   // the role requires 2FA the user has not enabled yet
    QString twoFactorToken;
    WireKeys wireKeys;

    static LoginResultDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

// POST /v1/auth/2fa/enable answer, shown once.
struct TwoFactorSetupDto {
    QString secret;   // base32
    QString qrCode;   // PNG data URL
    QStringList backupCodes;
    WireKeys wireKeys;

    static TwoFactorSetupDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
