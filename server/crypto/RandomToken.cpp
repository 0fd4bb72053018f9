#include "crypto/RandomToken.h"

#include "crypto/WebhookSignature.h"

#include <QCryptographicHash>
#include <QSet>

#include <sodium.h>

#include <mutex>

namespace Conversa::Server {

namespace {

void initSodium()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0)
            qFatal("libsodium could not be initialised");
    });
}

constexpr qsizetype BackupCodeLength = 10;
constexpr qsizetype BackupCodeGroup = 5;
static_assert(RandomToken::BackupCodeAlphabet.size() == 32, "one random byte & 31 picks a symbol without bias");

}   // namespace

namespace RandomToken {

QByteArray bytes(qsizetype count)
{
    Q_ASSERT(count >= 0);
    initSodium();
    QByteArray out(qMax<qsizetype>(count, 0), Qt::Uninitialized);
    randombytes_buf(out.data(), size_t(out.size()));
    return out;
}

QByteArray urlSafe(int count)
{
    return bytes(count).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray sha256Hex(QByteArrayView data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QStringList backupCodes(int n)
{
    QStringList codes;
    codes.reserve(n);
    QSet<QString> seen;
    while (codes.size() < n) {
        const QByteArray random = bytes(BackupCodeLength);
        QString code;
        code.reserve(BackupCodeLength + 1);
        for (qsizetype i = 0; i < BackupCodeLength; ++i) {
            if (i == BackupCodeGroup)
                code.append(u'-');
            code.append(BackupCodeAlphabet[uchar(random[i]) & 31]);
        }
        // A repeat is a 2^-50 event, but one code standing for two is a bug.
        if (!seen.contains(code)) {
            seen.insert(code);
            codes.append(code);
        }
    }
    return codes;
}

namespace {

QByteArray normalisedBackupCode(const QString &code)
{
    QByteArray normalised;
    normalised.reserve(code.size());
    for (QChar c : code) {
        if (c == u'-' || c.isSpace())
            continue;
        // Non-Latin-1 characters cannot be in a code; '?' keeps them from
        // matching anything without special-casing.
        const char latin1 = c.toLower().toLatin1();
        normalised.append(latin1 ? latin1 : '?');
    }
    return normalised;
}

}   // namespace

QByteArray hashBackupCode(QByteArrayView key, const QString &code)
{
    const QByteArray message = "backup-code:" + normalisedBackupCode(code);
    return "h1:" + WebhookSignature::hmacSha256Hex(key, message);
}

QByteArray legacyBackupCodeHash(const QString &code)
{
    return sha256Hex(normalisedBackupCode(code));
}

}   // namespace RandomToken

}   // namespace Conversa::Server
