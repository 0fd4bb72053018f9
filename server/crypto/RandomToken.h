#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace Conversa::Server {

// Random tokens and the hashes stored in their place. Everything draws from
// libsodium's randombytes_buf (the kernel CSPRNG); all functions are thread-safe.
namespace RandomToken {

// count random bytes, raw.
QByteArray bytes(qsizetype count);

// count random bytes as base64url without padding (32 bytes -> 43 chars):
// refresh tokens, invitation and password-reset links.
QByteArray urlSafe(int count = 32);

// Lower-case hex SHA-256: store this, not the token, so a database leak does
// not hand out live sessions. Tokens carry >= 128 random bits, so no salt.
QByteArray sha256Hex(QByteArrayView data);

// The alphabet of backup codes: lower-case letters and digits without the
// look-alikes 0/o and 1/l. 32 symbols, so 5 bits per character.
inline constexpr QStringView BackupCodeAlphabet = u"abcdefghijkmnpqrstuvwxyz23456789";

// n distinct one-time 2FA backup codes, each 10 characters from
// BackupCodeAlphabet (50 bits) shown as two groups of five: "k7mqa-x3vte".
QStringList backupCodes(int n = 10);

// A backup code as stored: "h1:" and the hex HMAC-SHA256 under the server's key of the code
// lower-cased with dashes and whitespace removed, so "K7MQA X3VTE", "k7mqax3vte" and
// "k7mqa-x3vte" hash alike. Keyed, so a copy of the table cannot be searched offline: 50 bits
// of code are within reach of a fast unkeyed hash.
QByteArray hashBackupCode(QByteArrayView key, const QString &code);
// The unkeyed SHA-256 the codes made before the keyed hash were stored with, still accepted.
QByteArray legacyBackupCodeHash(const QString &code);

}   // namespace RandomToken

}   // namespace Conversa::Server
