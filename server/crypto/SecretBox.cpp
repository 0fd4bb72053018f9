#include "crypto/SecretBox.h"

#include <QtGlobal>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <limits>
#include <utility>
#include <memory>

namespace Conversa::Server {

namespace {

constexpr QByteArrayView Prefix = "v1:";

struct CipherCtxDeleter {
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

auto *u(char *p)
{
    return reinterpret_cast<unsigned char *>(p);
}
auto *u(const char *p)
{
    return reinterpret_cast<const unsigned char *>(p);
}

bool fitsInt(qsizetype n)
{
    return n >= 0 && n <= std::numeric_limits<int>::max() / 2;
}

}   // namespace

SecretBox::SecretBox(QByteArray key32) : m_key(std::move(key32))
{
    // No assert: the key comes from configuration, and the caller reports a
    // bad one through isValid() instead of crashing a debug build.
}

QByteArray SecretBox::seal(const QByteArray &plain, QByteArrayView associatedData) const
{
    if (!isValid() || !fitsInt(plain.size()) || !fitsInt(associatedData.size()))
        return {};

    QByteArray raw(NonceSize + plain.size() + TagSize, Qt::Uninitialized);
    char *nonce = raw.data();
    char *cipher = nonce + NonceSize;
    char *tag = cipher + plain.size();
    if (RAND_bytes(u(nonce), int(NonceSize)) != 1)
        return {};

    const CipherCtx ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    // AES-GCM's default IV length is 12 bytes, so no EVP_CTRL_GCM_SET_IVLEN.
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, u(m_key.constData()), u(nonce)) != 1)
        return {};
    if (!associatedData.isEmpty() &&
        EVP_EncryptUpdate(ctx.get(), nullptr, &len, u(associatedData.data()), int(associatedData.size())) != 1) {
        return {};
    }
    if (EVP_EncryptUpdate(ctx.get(), u(cipher), &len, u(plain.constData()), int(plain.size())) != 1 ||
        len != plain.size()) {
        return {};
    }
    if (EVP_EncryptFinal_ex(ctx.get(), u(cipher + len), &len) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, int(TagSize), tag) != 1) {
        return {};
    }

    return Prefix.toByteArray().append(raw.toBase64());
}

std::optional<QByteArray> SecretBox::open(const QByteArray &sealed, QByteArrayView associatedData) const
{
    if (!isValid() || !sealed.startsWith(Prefix) || !fitsInt(associatedData.size()))
        return std::nullopt;

    const auto decoded =
        QByteArray::fromBase64Encoding(sealed.sliced(Prefix.size()), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QByteArray &raw = decoded.decoded;
    const qsizetype cipherSize = raw.size() - NonceSize - TagSize;
    if (cipherSize < 0 || !fitsInt(cipherSize))
        return std::nullopt;
    const char *nonce = raw.constData();
    const char *cipher = nonce + NonceSize;
    const char *tag = cipher + cipherSize;

    QByteArray plain(cipherSize, Qt::Uninitialized);
    const CipherCtx ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, u(m_key.constData()), u(nonce)) != 1)
        return std::nullopt;
    if (!associatedData.isEmpty() &&
        EVP_DecryptUpdate(ctx.get(), nullptr, &len, u(associatedData.data()), int(associatedData.size())) != 1) {
        return std::nullopt;
    }
    if (EVP_DecryptUpdate(ctx.get(), u(plain.data()), &len, u(cipher), int(cipherSize)) != 1)
        return std::nullopt;
    // The tag is checked in DecryptFinal; a mismatch throws away the plaintext.
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, int(TagSize), const_cast<char *>(tag)) != 1 ||
        EVP_DecryptFinal_ex(ctx.get(), u(plain.data() + len), &len) != 1) {
        return std::nullopt;
    }
    return plain;
}

QByteArray SecretBox::generateKey()
{
    QByteArray key(KeySize, Qt::Uninitialized);
    if (RAND_bytes(u(key.data()), int(KeySize)) != 1)
        qFatal("RAND_bytes failed");
    return key;
}

}   // namespace Conversa::Server
