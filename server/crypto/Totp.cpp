#include "crypto/Totp.h"

#include "crypto/RandomToken.h"

#include <QUrl>

#include <liboath/oath.h>
#include <openssl/crypto.h>

#include <cstdlib>
#include <cstring>
#include <mutex>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

void initOath()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (oath_init() != OATH_OK)
            qFatal("liboath could not be initialised");
    });
}

// liboath hands out malloc()ed buffers; wipe (secrets) and free() them.
struct OathBuffer {
    char *data = nullptr;
    size_t size = 0;
    ~OathBuffer()
    {
        if (data) {
            OPENSSL_cleanse(data, size);
            std::free(data);
        }
    }
};

bool decodeSecret(const QByteArray &base32Secret, OathBuffer &out)
{
    if (base32Secret.isEmpty())
        return false;
    initOath();
    return oath_base32_decode(base32Secret.constData(), size_t(base32Secret.size()), &out.data, &out.size) == OATH_OK &&
        out.size > 0;
}

// liboath compares with strcmp by default; this callback compares in constant time.
int compareOtp(void *handle, const char *candidate)
{
    const char *expected = static_cast<const char *>(handle);
    if (std::strlen(candidate) != size_t(Totp::Digits))
        return 1;
    return CRYPTO_memcmp(expected, candidate, size_t(Totp::Digits)) == 0 ? 0 : 1;
}

}   // namespace

QByteArray Totp::generateSecret()
{
    const QByteArray raw = RandomToken::bytes(20);
    initOath();
    OathBuffer encoded;
    if (oath_base32_encode(raw.constData(), size_t(raw.size()), &encoded.data, &encoded.size) != OATH_OK)
        qFatal("oath_base32_encode failed");
    QByteArray secret(encoded.data, qsizetype(encoded.size));
    // 20 bytes encode to exactly 32 characters, so there is no padding to drop;
    // keep the trim in case the length ever changes.
    while (secret.endsWith('='))
        secret.chop(1);
    return secret;
}

std::optional<qint64> Totp::validate(const QByteArray &base32Secret, const QString &code, qint64 now)
{
    // Normalise to exactly Digits ASCII digits, without allocating.
    char otp[Digits + 1] = {};
    int n = 0;
    for (QChar c : code) {
        if (c.isSpace())
            continue;
        if (c < u'0' || c > u'9' || n == Digits)
            return std::nullopt;
        otp[n++] = char(c.unicode());
    }
    if (n != Digits || now < 0)
        return std::nullopt;

    OathBuffer secret;
    if (!decodeSecret(base32Secret, secret))
        return std::nullopt;

    uint64_t counter = 0;
    const int rc =
        oath_totp_validate4_callback(secret.data, secret.size, time_t(now), StepSeconds, OATH_TOTP_DEFAULT_START_TIME,
                                     Digits, WindowSteps, nullptr, &counter, 0, compareOtp, otp);
    if (rc < 0)
        return std::nullopt;
    return qint64(counter);
}

QString Totp::codeAt(const QByteArray &base32Secret, qint64 now)
{
    OathBuffer secret;
    if (now < 0 || !decodeSecret(base32Secret, secret))
        return {};
    char otp[Digits + 1] = {};
    if (oath_totp_generate(secret.data, secret.size, time_t(now), StepSeconds, OATH_TOTP_DEFAULT_START_TIME, Digits,
                           otp) != OATH_OK) {
        return {};
    }
    return QString::fromLatin1(otp, Digits);
}

QString Totp::provisioningUri(const QString &email, const QByteArray &secret)
{
    // Key URI format (google-authenticator wiki): the label is "issuer:account",
    // the account percent-encoded ('@' becomes %40, which every app accepts).
    return u"otpauth://totp/Conversa:"_s + QString::fromLatin1(QUrl::toPercentEncoding(email)) + u"?secret="_s +
        QString::fromLatin1(secret) + u"&issuer=Conversa"_s;
}

}   // namespace Conversa::Server
