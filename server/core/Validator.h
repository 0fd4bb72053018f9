#pragma once

#include "ApiError.h"

#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <optional>

namespace Conversa::Server {

// Reads fields out of a JSON body and collects one error per bad field, so a client learns
// everything wrong with its request in one 422. Absent optional fields come back empty.
class Validator {
public:
    explicit Validator(const QJsonObject &body) : m_body(body) {}

    bool has(const QString &field) const { return m_body.contains(field); }
    bool isNull(const QString &field) const { return m_body.value(field).isNull(); }

    // Strings are trimmed; `required` also rejects an empty string.
    std::optional<QString> string(const QString &field, bool required, int maxLength = 255, int minLength = 0);
    std::optional<QString> email(const QString &field, bool required);
    std::optional<QString> oneOf(const QString &field, const QStringList &allowed, bool required);
    std::optional<QString> phone(const QString &field, bool required);   // E.164 shape: +digits
    std::optional<QString> password(const QString &field, bool required);
    std::optional<qint64> integer(const QString &field, bool required, qint64 min, qint64 max);
    std::optional<bool> boolean(const QString &field, bool required);
    std::optional<QJsonObject> object(const QString &field, bool required);

    // Null or an empty string clears an optional field.
    bool clears(const QString &field) const;
    // An optional text: sent with a value sets it, sent as null or "" clears it, absent keeps it.
    void optionalText(const QString &field, int maxLength, QString &target);

    void fail(const QString &field, const char *message, QStringList args = {});
    bool ok() const { return m_errors.isEmpty(); }
    bool failed(const QString &field) const;
    ApiError error() const { return ApiError::validation(m_errors); }

    static bool isEmail(const QString &s);

private:
    bool present(const QString &field, bool required);

    const QJsonObject &m_body;
    QList<FieldError> m_errors;
};

}   // namespace Conversa::Server
