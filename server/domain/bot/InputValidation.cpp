#include "InputValidation.h"

#include "core/Validator.h"
#include "domain/PhoneNumbers.h"

#include <QDate>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Conversa::Server::Bot {

namespace {

const QString kRegexValidationPrefix = u"regex:"_s;

std::optional<QString> validateInputDate(const QString &answer)
{
    static const QRegularExpression iso(uR"(^(\d{4})-(\d{1,2})-(\d{1,2})$)"_s);
    static const QRegularExpression dayFirst(uR"(^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$)"_s);
    QDate date;
    const QRegularExpressionMatch isoMatch = iso.match(answer);
    const QRegularExpressionMatch dayMatch = dayFirst.match(answer);
    if (isoMatch.hasMatch())
        date = QDate(isoMatch.captured(1).toInt(), isoMatch.captured(2).toInt(), isoMatch.captured(3).toInt());
    else if (dayMatch.hasMatch())
        date = QDate(dayMatch.captured(4).toInt(), dayMatch.captured(3).toInt(), dayMatch.captured(1).toInt());
    if (!date.isValid())
        return std::nullopt;
    return date.toString(Qt::ISODate);
}

std::optional<QString> validateInputRegex(const QString &pattern, const QString &answer)
{
    if (answer.size() > InputValidation::kMaxRegexAnswerChars)
        return std::nullopt;
    const QRegularExpression re(QRegularExpression::anchoredPattern(pattern));
    if (!re.isValid())
        return std::nullopt;
    // PCRE2's match limit ends a runaway backtracking pattern; Qt reports that as no match.
    if (!re.match(answer).hasMatch())
        return std::nullopt;
    return answer;
}

}   // namespace

namespace InputValidation {

const QStringList &plainValidations()
{
    static const QStringList plain{u"text"_s, u"number"_s, u"email"_s, u"phone"_s, u"date"_s};
    return plain;
}

bool isValid(const QString &validation)
{
    if (validation.isEmpty() || plainValidations().contains(validation))
        return true;
    if (!validation.startsWith(kRegexValidationPrefix))
        return false;
    const QString pattern = validation.mid(kRegexValidationPrefix.size());
    return !pattern.isEmpty() && QRegularExpression(pattern).isValid();
}

std::optional<QString> normaliseNumber(const QString &answer)
{
    static const QRegularExpression number(uR"(^([+-]?)(\d{1,30})(?:[.,](\d{1,30}))?$)"_s);
    const QRegularExpressionMatch m = number.match(answer.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    QString integer = m.captured(2);
    qsizetype zeros = 0;
    while (zeros < integer.size() - 1 && integer.at(zeros) == u'0')
        ++zeros;
    integer.remove(0, zeros);
    QString out = m.captured(1) == u"-"_s ? u"-"_s + integer : integer;
    if (m.hasCaptured(3))
        out += u'.' + m.captured(3);
    return out;
}

std::optional<QString> validate(const QString &validation, const QString &answer, const QString &defaultRegion)
{
    if (answer.size() > kMaxAnswerChars)
        return std::nullopt;
    const QString trimmed = answer.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    if (validation.isEmpty() || validation == u"text"_s)
        return trimmed;
    if (validation == u"number"_s)
        return normaliseNumber(trimmed);
    if (validation == u"email"_s) {
        if (!Validator::isEmail(trimmed))
            return std::nullopt;
        return trimmed.toLower();
    }
    if (validation == u"phone"_s)
        return PhoneNumbers::toE164(trimmed, defaultRegion);
    if (validation == u"date"_s)
        return validateInputDate(trimmed);
    if (validation.startsWith(kRegexValidationPrefix)) {
        const QString pattern = validation.mid(kRegexValidationPrefix.size());
        if (pattern.isEmpty())
            return std::nullopt;
        return validateInputRegex(pattern, trimmed);
    }
    return std::nullopt;
}

}   // namespace InputValidation

}   // namespace Conversa::Server::Bot
