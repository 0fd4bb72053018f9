#include "ClientFields.h"

#include "PhoneNumbers.h"
#include "core/Validator.h"

#include <QDateTime>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Conversa::Server::ClientFields {

namespace {

constexpr int kMaxCustomFields = 50;
constexpr int kMaxCustomKey = 100;
constexpr int kMaxCustomValue = 1000;

struct TextField {
    const char *name;
    int maxLength;
    QString Client::*member;
};
const TextField kTextFields[] = {
    {"first_name", 100, &Client::firstName}, {"last_name", 100, &Client::lastName},
    {"company", 150, &Client::company},      {"city", 100, &Client::city},
    {"country", 100, &Client::country},      {"address", 255, &Client::address},
    {"segment", 50, &Client::segment},       {"notes", 5000, &Client::notes},
};

void clientCustomFields(Validator &v, const QJsonObject &body, Client &c)
{
    const QString field = u"custom_fields"_s;
    if (body.value(field).isNull()) {
        c.customFields = {};
        return;
    }
    const std::optional<QJsonObject> object = v.object(field, false);
    if (!object)
        return;
    if (object->size() > kMaxCustomFields) {
        v.fail(field, QT_TRANSLATE_NOOP("Api", "At most %1 custom fields"), {QString::number(kMaxCustomFields)});
        return;
    }
    for (auto it = object->begin(); it != object->end(); ++it) {
        const QJsonValue value = it.value();
        if (it.key().trimmed().isEmpty() || it.key().size() > kMaxCustomKey || value.isObject() || value.isArray() ||
            (value.isString() && value.toString().size() > kMaxCustomValue)) {
            v.fail(
                field,
                QT_TRANSLATE_NOOP(
                    "Api",
                    "Must map names (up to %1 characters) to text (up to %2 characters), numbers, true/false or null"),
                {QString::number(kMaxCustomKey), QString::number(kMaxCustomValue)});
            return;
        }
    }
    c.customFields = *object;
}

std::optional<QStringList> clientTags(Validator &v, const QJsonObject &body)
{
    const QString field = u"tags"_s;
    const QJsonValue value = body.value(field);
    if (value.isNull())
        return QStringList();
    if (!value.isArray()) {
        v.fail(field, QT_TRANSLATE_NOOP("Api", "Must be a list of texts"));
        return std::nullopt;
    }
    QStringList tags;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString()) {
            v.fail(field, QT_TRANSLATE_NOOP("Api", "Must be a list of texts"));
            return std::nullopt;
        }
        const QString tag = readTag(v, field, item.toString());
        if (tag.isEmpty())
            return std::nullopt;
        if (!tags.contains(tag))
            tags.append(tag);
    }
    tags.sort();
    return tags;
}

}   // namespace

QString readTag(Validator &v, const QString &field, const QString &raw)
{
    const QString tag = ClientStore::normalizeTag(raw);
    if (tag.isEmpty())
        v.fail(field, QT_TRANSLATE_NOOP("Api", "This field is required"));
    else if (tag.size() > kMaxTag)
        v.fail(field, QT_TRANSLATE_NOOP("Api", "Must be at most %1 characters"), {QString::number(kMaxTag)});
    else if (tag.contains(u'/'))   // it could not be named in DELETE …/tags/{tag}
        v.fail(field, QT_TRANSLATE_NOOP("Api", "A tag must not contain a slash"));
    else
        return tag;
    return {};
}

std::optional<QStringList> apply(Validator &v, const QJsonObject &body, Client &c, bool creating, const QString &region)
{
    if (creating || v.has(u"phone_number"_s)) {
        if (const auto s = v.string(u"phone_number"_s, true, 32)) {
            if (const auto e164 = PhoneNumbers::toE164(*s, region))
                c.phoneNumber = *e164;
            else
                v.fail(u"phone_number"_s, QT_TRANSLATE_NOOP("Api", "Must be a valid phone number"));
        }
    }
    for (const TextField &f : kTextFields) {
        const QString name = QLatin1StringView(f.name);
        if (!v.has(name))
            continue;
        if (v.clears(name))
            (c.*f.member).clear();
        else if (const auto s = v.string(name, false, f.maxLength))
            c.*f.member = *s;
    }
    if (v.has(u"email"_s)) {
        if (v.clears(u"email"_s))
            c.email.clear();
        else if (const auto s = v.email(u"email"_s, false))
            c.email = *s;
    }
    if (v.has(u"lead_status"_s)) {
        if (const auto s = v.oneOf(u"lead_status"_s, ClientStore::leadStatuses(), true))
            c.leadStatus = *s;
    }
    if (v.has(u"lead_score"_s)) {
        if (const auto n = v.integer(u"lead_score"_s, true, 0, 100))
            c.leadScore = int(*n);
    }
    if (v.has(u"ltv"_s)) {
        if (const auto n = v.integer(u"ltv"_s, true, 0, 1'000'000'000'000'000))
            c.ltv = *n;
    }
    if (v.has(u"total_purchases"_s)) {
        if (const auto n = v.integer(u"total_purchases"_s, true, 0, 1'000'000'000))
            c.totalPurchases = int(*n);
    }
    if (v.has(u"last_purchase_at"_s)) {
        const QJsonValue value = body.value(u"last_purchase_at"_s);
        const QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODate);
        if (value.isNull())
            c.lastPurchaseAt = 0;
        else if (value.isString() && t.isValid())
            c.lastPurchaseAt = t.toSecsSinceEpoch();
        else
            v.fail(u"last_purchase_at"_s, QT_TRANSLATE_NOOP("Api", "Must be an ISO 8601 date and time"));
    }
    if (v.has(u"is_blocked"_s)) {
        if (const auto b = v.boolean(u"is_blocked"_s, true))
            c.isBlocked = *b;
    }
    if (v.has(u"opt_in"_s)) {
        if (const auto b = v.boolean(u"opt_in"_s, true))
            c.optIn = *b;
    }
    if (v.has(u"custom_fields"_s))
        clientCustomFields(v, body, c);
    if (v.has(u"tags"_s))
        return clientTags(v, body);
    return std::nullopt;
}

}   // namespace Conversa::Server::ClientFields
