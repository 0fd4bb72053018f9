#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>

#include <optional>

namespace Conversa::Server {

// HS256 JSON Web Tokens (RFC 7519), and nothing else: the header is always
// {"alg":"HS256","typ":"JWT"}, so "alg":"none", RS256-with-HMAC-key confusion
// and friends are rejected before any signature work.
class Jwt {
public:
    // Returns the compact form "header.payload.signature", or an empty
    // QByteArray if key is empty. Callers set "exp" (seconds since the epoch);
    // verify() refuses a token without it.
    static QByteArray sign(const QJsonObject &claims, const QByteArray &key);

    // Returns the claims if the token is well formed, signed with key, has a
    // numeric "exp" > now and, if it has "nbf", nbf <= now. now is in seconds
    // since the epoch. The payload is parsed only after the signature matched.
    static std::optional<QJsonObject> verify(QByteArrayView token, const QByteArray &key, qint64 now);

    // Longer tokens are refused without looking at them (bounds the work an
    // unauthenticated request can cause).
    static constexpr qsizetype MaxTokenSize = 8 * 1024;
};

}   // namespace Conversa::Server
