#include "crypto/PasswordHasher.h"

#include <QtGlobal>

#include <sodium.h>

#include <mutex>

namespace Conversa::Server {

static_assert(crypto_pwhash_ALG_DEFAULT == crypto_pwhash_ALG_ARGON2ID13, "crypto_pwhash_str() must produce argon2id");

namespace {

void initSodiumForHashing()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0)
            qFatal("libsodium could not be initialised");
    });
}

// Both hash() and verify() see the same bytes whatever form the client's
// keyboard or IME produced (NIST SP 800-63B 5.1.1.2 suggests NFKC).
QByteArray passwordBytes(const QString &password)
{
    return password.normalized(QString::NormalizationForm_KC).toUtf8();
}

// libsodium reads the hash as a C string: refuse what would be cut short.
bool isPlausibleHash(const QByteArray &hash)
{
    return !hash.isEmpty() && hash.size() < qsizetype(crypto_pwhash_STRBYTES) && !hash.contains('\0');
}

}   // namespace

QByteArray PasswordHasher::hash(const QString &password)
{
    initSodiumForHashing();
    const QByteArray pw = passwordBytes(password);
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pw.constData(), quint64(pw.size()), OpsLimit, MemLimit) != 0)
        return {};
    return QByteArray(out);
}

bool PasswordHasher::verify(const QByteArray &hash, const QString &password)
{
    if (!isPlausibleHash(hash))
        return false;
    initSodiumForHashing();
    const QByteArray pw = passwordBytes(password);
    return crypto_pwhash_str_verify(hash.constData(), pw.constData(), quint64(pw.size())) == 0;
}

bool PasswordHasher::needsRehash(const QByteArray &hash)
{
    if (!isPlausibleHash(hash))
        return true;
    initSodiumForHashing();
    // The argon2id variant, not crypto_pwhash_str_needs_rehash(): that one
    // would call an argon2i hash with the same costs current.
    return crypto_pwhash_argon2id_str_needs_rehash(hash.constData(), OpsLimit, MemLimit) != 0;
}

QByteArray PasswordHasher::dummyHash()
{
    // Made once with crypto_pwhash_str() of 32 random bytes nobody kept. It must carry the
    // current parameters, or the timing would differ; tst_crypto checks that.
    static const QByteArray dummy = QByteArrayLiteral("$argon2id$v=19$m=19456,t=2,p=1$l+ct55OshgFvofQxNmINHw"
                                                      "$7xawsKlsxqJ6AQfKPvDsytgDUyeWt4xrVP1K5A+VoPc");
    return dummy;
}

}   // namespace Conversa::Server
