#include "NumberFields.h"

#include "core/Validator.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace NumberFields {

bool isHttpUrl(const QString &s)
{
    const QUrl url(s, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == "http"_L1 || url.scheme() == "https"_L1) && !url.host().isEmpty();
}

void requiredText(Validator &v, const QString &field, int maxLength, bool creating, QString &target)
{
    if (creating || v.has(field)) {
        if (const auto s = v.string(field, true, maxLength))
            target = *s;
    }
}

void requiredSecret(Validator &v, const QString &field, bool creating, QString &target, QStringList &sent)
{
    if (creating || v.has(field)) {
        if (const auto value = v.string(field, true, kSecretLength)) {
            target = *value;
            sent.append(field);
        }
    }
}

void optionalSecret(Validator &v, const QString &field, QString &target, QStringList &sent)
{
    if (!v.has(field))
        return;
    if (v.clears(field)) {
        target.clear();
        sent.append(field);
    } else if (const auto value = v.string(field, false, kSecretLength)) {
        target = *value;
        sent.append(field);
    }
}

}   // namespace NumberFields

}   // namespace Conversa::Server
