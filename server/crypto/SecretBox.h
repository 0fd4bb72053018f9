#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace Conversa::Server {

// Authenticated encryption for secrets at rest (TOTP secrets, provider
// tokens): AES-256-GCM with a random 96-bit nonce per message. The sealed form
// is printable, so it fits a TEXT column:
//     "v1:" base64(nonce[12] | ciphertext | tag[16])
// The "v1:" prefix leaves room for a new algorithm or key rotation later.
//
// associatedData, if given, is authenticated but not stored: pass what the
// secret belongs to (e.g. "users.totp_secret:42"), so a sealed value copied
// into another row does not open there. open() must get the same bytes.
//
// Random nonces allow ~2^32 seals per key before the collision risk matters;
// far beyond what secrets at rest need. Thread-safe (const, no shared state).
class SecretBox {
public:
    static constexpr qsizetype KeySize = 32;
    static constexpr qsizetype NonceSize = 12;
    static constexpr qsizetype TagSize = 16;

    // key must be KeySize bytes; otherwise isValid() is false, seal() returns
    // an empty QByteArray and open() nullopt.
    explicit SecretBox(QByteArray key32);

    bool isValid() const { return m_key.size() == KeySize; }

    QByteArray seal(const QByteArray &plain, QByteArrayView associatedData = {}) const;
    // nullopt if the input is malformed, was tampered with, or was sealed with
    // another key or other associated data.
    std::optional<QByteArray> open(const QByteArray &sealed, QByteArrayView associatedData = {}) const;

    // KeySize bytes from the OpenSSL CSPRNG (raw: base64 it for a config file).
    static QByteArray generateKey();

private:
    QByteArray m_key;
};

}   // namespace Conversa::Server
