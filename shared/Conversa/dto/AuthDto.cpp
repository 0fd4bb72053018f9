#include "AuthDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

AuthTokensDto AuthTokensDto::fromJson(const QJsonObject &json)
{
    AuthTokensDto x;
    const Json::Reader r(json, x.wireKeys);
    x.accessToken = r.string(u"access_token"_s);
    x.refreshToken = r.string(u"refresh_token"_s);
    x.expiresIn = r.integer(u"expires_in"_s);
    return x;
}

QJsonObject AuthTokensDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"access_token"_s, accessToken);
    w.put(u"refresh_token"_s, refreshToken);
    w.put(u"expires_in"_s, expiresIn);
    return w.result();
}

LoginResultDto LoginResultDto::fromJson(const QJsonObject &json)
{
    LoginResultDto x;
    const Json::Reader r(json, x.wireKeys);
    x.accessToken = r.string(u"access_token"_s);
    x.refreshToken = r.string(u"refresh_token"_s);
    x.expiresIn = r.integer(u"expires_in"_s);
    x.user = r.nested<UserDto>(u"user"_s);
    x.twoFactorRequired = r.boolean(u"two_factor_required"_s);
    x.twoFactorSetupRequired = r.boolean(u"two_factor_setup_required"_s);
    x.twoFactorToken = r.string(u"two_factor_token"_s);
    return x;
}

QJsonObject LoginResultDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"access_token"_s, accessToken);
    w.put(u"refresh_token"_s, refreshToken);
    w.put(u"expires_in"_s, expiresIn);
    w.putNested(u"user"_s, user);
    w.put(u"two_factor_required"_s, twoFactorRequired);
    w.put(u"two_factor_setup_required"_s, twoFactorSetupRequired);
    w.put(u"two_factor_token"_s, twoFactorToken);
    return w.result();
}

TwoFactorSetupDto TwoFactorSetupDto::fromJson(const QJsonObject &json)
{
    TwoFactorSetupDto x;
    const Json::Reader r(json, x.wireKeys);
    x.secret = r.string(u"secret"_s);
    x.qrCode = r.string(u"qr_code"_s);
    x.backupCodes = r.strings(u"backup_codes"_s);
    return x;
}

QJsonObject TwoFactorSetupDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"secret"_s, secret);
    w.put(u"qr_code"_s, qrCode);
    w.put(u"backup_codes"_s, backupCodes);
    return w.result();
}

}   // namespace Conversa
