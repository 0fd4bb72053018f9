#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace Conversa::Server::Bot {

// docs/BOT_FLOWS.md#input-validations: an input node's `validation` applied to the customer's answer.
//   text          any answer with something besides spaces; kept trimmed
//   number        an integer or decimal, "." or "," before the decimals ("-12", "3,5"); kept as
//                 "-12", "3.5" (no "+", no leading zeros)
//   email         an address (as the REST API checks it); kept trimmed and in lower case
//   phone         a valid number, national numbers read in the server's default region
//                 (CONVERSA_DEFAULT_REGION); kept in E.164 ("+573001234567")
//   date          yyyy-mm-dd or dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy), a real day;
//                 kept as yyyy-mm-dd
//   regex:<p>     the whole trimmed answer matches the pattern p; kept trimmed. An invalid pattern
//                 accepts nothing.
// An empty `validation` is `text`; an unknown one accepts nothing.
namespace InputValidation {

// Longest answer any validation accepts, in UTF-16 code units (WhatsApp's text limit).
constexpr qsizetype kMaxAnswerChars = 4096;
// Longest answer a regex: validation looks at: bounds the time a pattern can take.
constexpr qsizetype kMaxRegexAnswerChars = 1024;

// The validations above that take no pattern, in that order.
const QStringList &plainValidations();

// Whether `validation` is one of the above, with a pattern that compiles (the publish check).
bool isValid(const QString &validation);

// The answer as stored, or nullopt when it fails the validation.
std::optional<QString> validate(const QString &validation, const QString &answer,
                                const QString &defaultRegion = QStringLiteral("CO"));

// The `number` validation alone, as ConditionRule reads numbers.
std::optional<QString> normaliseNumber(const QString &answer);

}   // namespace InputValidation

}   // namespace Conversa::Server::Bot
