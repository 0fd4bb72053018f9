#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Conversa::Server {

// RFC 6238 time-based one-time passwords as authenticator apps expect them:
// HMAC-SHA-1, 6 digits, 30 s steps from the Unix epoch. Secrets travel and are
// stored as unpadded upper-case base32 (seal them with SecretBox at rest).
class Totp {
public:
    static constexpr int Digits = 6;
    static constexpr int StepSeconds = 30;
    static constexpr int WindowSteps = 1;   // accept the previous and next step too

    // 20 random bytes (RFC 4226's recommended 160 bits), base32 without '='.
    static QByteArray generateSecret();

    // Returns the time-step counter (floor(t / 30)) the code belongs to, or
    // nullopt if the code matches no step within now ± WindowSteps. Store the
    // counter and refuse any code whose counter is <= the last one used, so a
    // code works only once. Spaces in code are ignored ("123 456").
    static std::optional<qint64> validate(const QByteArray &base32Secret, const QString &code, qint64 now);

    // The code for the step containing now; empty if the secret is not base32.
    static QString codeAt(const QByteArray &base32Secret, qint64 now);

    // otpauth://totp/Conversa:<email>?secret=<secret>&issuer=Conversa, for QrCode.
    static QString provisioningUri(const QString &email, const QByteArray &secret);
};

}   // namespace Conversa::Server
