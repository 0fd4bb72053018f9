#include "PhoneNumbers.h"

#include <phonenumbers/phonenumberutil.h>

#include <set>
#include <string>

namespace Conversa::Server {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace PhoneNumbers {

std::optional<QString> toE164(const QString &input, const QString &defaultRegion)
{
    const QString trimmed = input.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 40)
        return std::nullopt;
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();   // thread-safe singleton
    PhoneNumber number;
    if (util->Parse(trimmed.toStdString(), defaultRegion.toUpper().toStdString(), &number) !=
            PhoneNumberUtil::NO_PARSING_ERROR ||
        !util->IsValidNumber(number)) {
        return std::nullopt;
    }
    std::string e164;
    util->Format(number, PhoneNumberUtil::E164, &e164);
    return QString::fromStdString(e164);
}

bool isValidRegion(const QString &region)
{
    std::set<std::string> regions;
    PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
    return regions.count(region.toUpper().toStdString()) > 0;
}

}   // namespace PhoneNumbers

}   // namespace Conversa::Server
