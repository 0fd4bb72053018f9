#include "PhoneNumbers.h"

#include <QHash>

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
    // Parsing costs a webhook as much as its signature check, and the same clients write again
    // and again: each thread remembers its latest answers (a pure function of its arguments).
    constexpr qsizetype kRemembered = 4096;
    thread_local QHash<QString, std::optional<QString>> remembered;
    const QString key = trimmed + u'\x1f' + defaultRegion;
    if (const auto known = remembered.constFind(key); known != remembered.constEnd())
        return *known;
    if (remembered.size() >= kRemembered)
        remembered.clear();
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();   // thread-safe singleton
    PhoneNumber number;
    std::optional<QString> e164;
    if (util->Parse(trimmed.toStdString(), defaultRegion.toUpper().toStdString(), &number) ==
            PhoneNumberUtil::NO_PARSING_ERROR &&
        util->IsValidNumber(number)) {
        std::string formatted;
        util->Format(number, PhoneNumberUtil::E164, &formatted);
        e164 = QString::fromStdString(formatted);
    }
    remembered.insert(key, e164);
    return e164;
}

bool isValidRegion(const QString &region)
{
    std::set<std::string> regions;
    PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
    return regions.count(region.toUpper().toStdString()) > 0;
}

}   // namespace PhoneNumbers

}   // namespace Conversa::Server
