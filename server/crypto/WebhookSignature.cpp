#include "WebhookSignature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace Conversa::Server {

namespace WebhookSignature {

QByteArray hmacSha256Hex(QByteArrayView key, QByteArrayView message)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char *>(message.data()),
              size_t(message.size()), digest, &length))
        return {};
    return QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex();
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

bool verifyMeta(QByteArrayView header, QByteArrayView body, QByteArrayView appSecret)
{
    constexpr QByteArrayView prefix = "sha256=";
    if (appSecret.isEmpty() || !header.startsWith(prefix))
        return false;
    const QByteArray expected = hmacSha256Hex(appSecret, body);
    if (expected.isEmpty())
        return false;
    return constantTimeEquals(header.sliced(prefix.size()).toByteArray().toLower(), expected);
}

}   // namespace WebhookSignature

}   // namespace Conversa::Server
