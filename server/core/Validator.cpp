#include "Validator.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QRegularExpression>

namespace Conversa::Server {

bool Validator::present(const QString &field, bool required)
{
    const QJsonValue v = m_body.value(field);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            fail(field, QT_TRANSLATE_NOOP("Api", "This field is required"));
        return false;
    }
    return true;
}

void Validator::fail(const QString &field, const char *message, QStringList args)
{
    if (!failed(field))
        m_errors.append(FieldError{field, message, std::move(args)});
}

bool Validator::failed(const QString &field) const
{
    for (const FieldError &e : m_errors) {
        if (e.field == field)
            return true;
    }
    return false;
}

std::optional<QString> Validator::string(const QString &field, bool required, int maxLength, int minLength)
{
    if (!present(field, required))
        return std::nullopt;
    const QJsonValue v = m_body.value(field);
    if (!v.isString()) {
        fail(field, QT_TRANSLATE_NOOP("Api", "Must be a text"));
        return std::nullopt;
    }
    const QString s = v.toString().trimmed();
    if (required && s.isEmpty()) {
        fail(field, QT_TRANSLATE_NOOP("Api", "This field is required"));
        return std::nullopt;
    }
    if (s.size() > maxLength) {
        fail(field, QT_TRANSLATE_NOOP("Api", "Must be at most %1 characters"), {QString::number(maxLength)});
        return std::nullopt;
    }
    if (s.size() < minLength) {
        fail(field, QT_TRANSLATE_NOOP("Api", "Must be at least %1 characters"), {QString::number(minLength)});
        return std::nullopt;
    }
    return s;
}

bool Validator::isEmail(const QString &s)
{
    static const QRegularExpression re(QStringLiteral(R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)"));
    return s.size() <= 254 && re.match(s).hasMatch();
}

std::optional<QString> Validator::email(const QString &field, bool required)
{
    auto s = string(field, required, 254);
    if (!s)
        return std::nullopt;
    if (!isEmail(*s)) {
        fail(field, QT_TRANSLATE_NOOP("Api", "Must be a valid email address"));
        return std::nullopt;
    }
    return s->toLower();
}

std::optional<QString> Validator::oneOf(const QString &field, const QStringList &allowed, bool required)
{
    auto s = string(field, required, 64);
    if (!s)
        return std::nullopt;
    if (!allowed.contains(*s)) {
        fail(field, QT_TRANSLATE_NOOP("Api", "Must be one of: %1"), {allowed.join(QStringLiteral(", "))});
        return std::nullopt;
    }
    return s;
}

std::optional<QString> Validator::phone(const QString &field, bool required)
{
    auto s = string(field, required, 32);
    if (!s)
        return std::nullopt;
    static const QRegularExpression re(QStringLiteral(R"(^\+[1-9][0-9]{6,14}$)"));
    QString compact = *s;
    compact.remove(QRegularExpression(QStringLiteral(R"([\s\-().])")));
    if (!re.match(compact).hasMatch()) {
        fail(field, QT_TRANSLATE_NOOP("Api", "Must be a phone number in international format, e.g. +573001234567"));
        return std::nullopt;
    }
    return compact;
}

std::optional<QString> Validator::password(const QString &field, bool required)
{
    if (!present(field, required))
        return std::nullopt;
    const QJsonValue v = m_body.value(field);
    if (!v.isString()) {
        fail(field, QT_TRANSLATE_NOOP("Api", "Must be a text"));
        return std::nullopt;
    }
    const QString s = v.toString();   // never trimmed: spaces are part of a password
    if (s.size() < 8) {
        fail(field, QT_TRANSLATE_NOOP("Api", "Must be at least %1 characters"), {QStringLiteral("8")});
        return std::nullopt;
    }
    if (s.size() > 256) {
        fail(field, QT_TRANSLATE_NOOP("Api", "Must be at most %1 characters"), {QStringLiteral("256")});
        return std::nullopt;
    }
    return s;
}

std::optional<qint64> Validator::integer(const QString &field, bool required, qint64 min, qint64 max)
{
    if (!present(field, required))
        return std::nullopt;
    const QJsonValue v = m_body.value(field);
    const double d = v.toDouble();
    if (!v.isDouble() || d != double(qint64(d))) {
        fail(field, QT_TRANSLATE_NOOP("Api", "Must be a whole number"));
        return std::nullopt;
    }
    const auto n = qint64(d);
    if (n < min || n > max) {
        fail(field, QT_TRANSLATE_NOOP("Api", "Must be between %1 and %2"),
             {QString::number(min), QString::number(max)});
        return std::nullopt;
    }
    return n;
}

std::optional<bool> Validator::boolean(const QString &field, bool required)
{
    if (!present(field, required))
        return std::nullopt;
    const QJsonValue v = m_body.value(field);
    if (!v.isBool()) {
        fail(field, QT_TRANSLATE_NOOP("Api", "Must be true or false"));
        return std::nullopt;
    }
    return v.toBool();
}

std::optional<QJsonObject> Validator::object(const QString &field, bool required)
{
    if (!present(field, required))
        return std::nullopt;
    const QJsonValue v = m_body.value(field);
    if (!v.isObject()) {
        fail(field, QT_TRANSLATE_NOOP("Api", "Must be an object"));
        return std::nullopt;
    }
    return v.toObject();
}

bool Validator::clears(const QString &field) const
{
    const QJsonValue v = m_body.value(field);
    return v.isNull() || (v.isString() && v.toString().trimmed().isEmpty());
}

void Validator::optionalText(const QString &field, int maxLength, QString &target)
{
    if (!has(field))
        return;
    if (clears(field))
        target.clear();
    else if (const auto s = string(field, false, maxLength))
        target = *s;
}

}   // namespace Conversa::Server
