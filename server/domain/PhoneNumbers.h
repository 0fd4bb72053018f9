#pragma once

#include <QString>

#include <optional>

namespace Conversa::Server {

// Phone numbers through libphonenumber: parsed with a default region for national formats
// ("300 123 4567" in CO), checked for validity, and written in E.164 ("+573001234567").
namespace PhoneNumbers {
// The E.164 form of a valid number, or nullopt. defaultRegion is an ISO 3166 code ("CO").
std::optional<QString> toE164(const QString &input, const QString &defaultRegion = QStringLiteral("CO"));
bool isValidRegion(const QString &region);
}   // namespace PhoneNumbers

}   // namespace Conversa::Server
