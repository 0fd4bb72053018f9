#pragma once

#include <QByteArray>
#include <QString>

namespace Conversa::Server {

// Argon2id password hashing (libsodium crypto_pwhash_str, OWASP minimum cost:
// t=2, m=19 MiB, p=1). Hashes are self-describing PHC strings
// ("$argon2id$v=19$m=19456,t=2,p=1$salt$hash"), so the cost can be raised
// later and old hashes upgraded on login through needsRehash().
//
// Each call costs ~19 MiB and tens of milliseconds: run it on a worker pool,
// never on the event loop thread. All functions are thread-safe.
class PasswordHasher {
public:
    static constexpr unsigned long long OpsLimit = 2;
    static constexpr size_t MemLimit = 19u * 1024u * 1024u;

    // Returns an empty QByteArray only if libsodium cannot allocate the memory.
    static QByteArray hash(const QString &password);
    static bool verify(const QByteArray &hash, const QString &password);
    // True when the hash was made with other parameters (or is not a valid hash).
    static bool needsRehash(const QByteArray &hash);
    // A valid hash of a random password with the current parameters: verify
    // against it when the account does not exist, so both paths take as long.
    static QByteArray dummyHash();
};

}   // namespace Conversa::Server
