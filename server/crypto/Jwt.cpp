#include "crypto/Jwt.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

#include <array>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
constexpr qsizetype MacSize = 32;   // SHA-256
// base64url of 32 bytes without padding
constexpr qsizetype EncodedMacSize = (MacSize * 4 + 2) / 3;

// base64url('{"alg":"HS256","typ":"JWT"}'): what sign() always writes, so
// verify() can accept our own tokens with one memcmp instead of a JSON parse.
constexpr QByteArrayView CanonicalHeader = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

using Mac = std::array<unsigned char, MacSize>;

// The thread's HMAC-SHA256 keyed with the last key it used. OpenSSL 3's one-shot HMAC() looks up
// the algorithm in its provider tables on every call, a tenth of a signed-in request's time; a
// copy of a keyed context skips that and the key schedule.
class KeyedMac {
public:
    ~KeyedMac() { EVP_MAC_CTX_free(m_ctx); }

    EVP_MAC_CTX *forKey(const QByteArray &key)
    {
        if (m_ctx && key == m_key)
            return m_ctx;
        EVP_MAC_CTX_free(m_ctx);
        m_ctx = nullptr;
        m_key.clear();
        EVP_MAC *mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
        EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : nullptr;
        EVP_MAC_free(mac);
        char digest[] = "SHA256";
        const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", digest, 0), OSSL_PARAM_construct_end()};
        if (!ctx ||
            !EVP_MAC_init(ctx, reinterpret_cast<const unsigned char *>(key.constData()), size_t(key.size()), params)) {
            EVP_MAC_CTX_free(ctx);
            return nullptr;
        }
        m_ctx = ctx;
        m_key = key;
        return m_ctx;
    }

private:
    EVP_MAC_CTX *m_ctx = nullptr;
    QByteArray m_key;
};

bool hmacSha256(const QByteArray &key, QByteArrayView data, Mac &out)
{
    thread_local KeyedMac keyed;
    EVP_MAC_CTX *base = keyed.forKey(key);
    EVP_MAC_CTX *ctx = base ? EVP_MAC_CTX_dup(base) : nullptr;
    if (!ctx)
        return false;
    size_t len = 0;
    const bool ok = EVP_MAC_update(ctx, reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size())) &&
        EVP_MAC_final(ctx, out.data(), &len, out.size());
    EVP_MAC_CTX_free(ctx);
    return ok && len == MacSize;
}

std::optional<QByteArray> decodeBase64Url(QByteArrayView part)
{
    // fromRawData: no copy of the input, only the decoded output is allocated
    auto result = QByteArray::fromBase64Encoding(QByteArray::fromRawData(part.data(), part.size()),
                                                 Base64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return std::move(result.decoded);
}

std::optional<QJsonObject> decodeJsonObject(QByteArrayView part)
{
    const auto json = decodeBase64Url(part);
    if (!json)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(*json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

bool isAcceptedHeader(QByteArrayView header)
{
    if (header == CanonicalHeader)
        return true;
    // Someone else's encoder may order or space the members differently.
    const auto object = decodeJsonObject(header);
    return object && object->value("alg"_L1).toString() == "HS256"_L1 && object->value("typ"_L1).toString() == "JWT"_L1;
}

}   // namespace

QByteArray Jwt::sign(const QJsonObject &claims, const QByteArray &key)
{
    if (key.isEmpty())
        return {};
    const QByteArray payload = QJsonDocument(claims).toJson(QJsonDocument::Compact).toBase64(Base64Url);

    QByteArray token;
    token.reserve(CanonicalHeader.size() + 1 + payload.size() + 1 + EncodedMacSize);
    token.append(CanonicalHeader).append('.').append(payload);

    Mac mac;
    if (!hmacSha256(key, token, mac))
        return {};
    token.append('.').append(
        QByteArray::fromRawData(reinterpret_cast<const char *>(mac.data()), MacSize).toBase64(Base64Url));
    return token;
}

std::optional<QJsonObject> Jwt::verify(QByteArrayView token, const QByteArray &key, qint64 now)
{
    if (key.isEmpty() || token.isEmpty() || token.size() > MaxTokenSize)
        return std::nullopt;

    const qsizetype dot1 = token.indexOf('.');
    if (dot1 <= 0)
        return std::nullopt;
    const qsizetype dot2 = token.indexOf('.', dot1 + 1);
    if (dot2 <= dot1 + 1 || token.indexOf('.', dot2 + 1) != -1)
        return std::nullopt;

    const QByteArrayView header = token.first(dot1);
    const QByteArrayView signingInput = token.first(dot2);
    const QByteArrayView payload = token.sliced(dot1 + 1, dot2 - dot1 - 1);
    const QByteArrayView signature = token.sliced(dot2 + 1);

    if (!isAcceptedHeader(header))
        return std::nullopt;

    // Compare the encoded forms: it spares decoding, and it also refuses a
    // non-canonical encoding of the right MAC (spare bits in the last char),
    // so a token has exactly one valid spelling.
    if (signature.size() != EncodedMacSize)
        return std::nullopt;
    Mac mac;
    if (!hmacSha256(key, signingInput, mac))
        return std::nullopt;
    const QByteArray expected =
        QByteArray::fromRawData(reinterpret_cast<const char *>(mac.data()), MacSize).toBase64(Base64Url);
    if (expected.size() != EncodedMacSize ||
        CRYPTO_memcmp(expected.constData(), signature.data(), size_t(EncodedMacSize)) != 0) {
        return std::nullopt;
    }

    auto claims = decodeJsonObject(payload);
    if (!claims)
        return std::nullopt;

    const QJsonValue exp = claims->value("exp"_L1);
    if (!exp.isDouble() || !(exp.toDouble() > double(now)))
        return std::nullopt;
    const QJsonValue nbf = claims->value("nbf"_L1);
    if (!nbf.isUndefined() && (!nbf.isDouble() || nbf.toDouble() > double(now)))
        return std::nullopt;

    return claims;
}

}   // namespace Conversa::Server
