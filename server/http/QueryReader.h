#pragma once

#include "core/ApiError.h"
#include "core/PageRequest.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Conversa::Server {

class RequestContext;

// Query-string parameters, checked one by one; every bad one is reported in the same 422.
// Absent and empty parameters both mean "not given".
class QueryReader {
public:
    explicit QueryReader(const RequestContext &ctx) : m_ctx(ctx) {}

    QString text(const QString &name, int maxLength = 100);
    std::optional<qint64> integer(const QString &name, qint64 min, qint64 max);
    qint64 id(const QString &name);   // a positive id, or 0 when absent
    std::optional<bool> boolean(const QString &name);
    QString oneOf(const QString &name, const QStringList &allowed);   // empty when absent
    // "YYYY-MM-DD" is a whole UTC day: its first second, or with endOfDay its last one. A full
    // ISO 8601 timestamp is taken as given (UTC when it has no offset).
    std::optional<qint64> time(const QString &name, bool endOfDay);
    PageRequest page();
    // An export's `format`: absent or "csv", the only one there is.
    void csvFormat();
    // The parameters among `names` that were given, as given (an export's audit row names them).
    QJsonObject given(const QStringList &names) const;

    void fail(const QString &field, const char *message, QStringList args = {});
    bool ok() const { return m_errors.isEmpty(); }
    ApiError error() const { return ApiError::validation(m_errors); }

private:
    const RequestContext &m_ctx;
    QList<FieldError> m_errors;
};

}   // namespace Conversa::Server
