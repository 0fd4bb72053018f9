#include "ApiError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Conversa {

namespace {

QString codeForStatus(int status)
{
    switch (status) {
    case 400: return u"BAD_REQUEST"_s;
    case 401: return u"UNAUTHENTICATED"_s;
    case 403: return u"FORBIDDEN"_s;
    case 404: return u"NOT_FOUND"_s;
    case 405: return u"METHOD_NOT_ALLOWED"_s;
    case 409: return u"CONFLICT"_s;
    case 413: return u"PAYLOAD_TOO_LARGE"_s;
    case 422: return u"VALIDATION_ERROR"_s;
    case 429: return u"RATE_LIMITED"_s;
    case 503: return u"SERVICE_UNAVAILABLE"_s;
    default: return u"INTERNAL_ERROR"_s;
    }
}

}   // namespace

QStringList ApiError::fields() const
{
    QStringList out;
    for (const FieldError &d : details)
        out.append(d.field);
    return out;
}

QString ApiError::messageFor(const QString &field) const
{
    for (const FieldError &d : details) {
        if (d.field == field)
            return d.message;
    }
    return {};
}

ApiError ApiError::fromHttp(int httpStatus, const QByteArray &body, const QByteArray &retryAfter)
{
    ApiError e;
    e.httpStatus = httpStatus;
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(u"error"_s).toObject();
    e.code = error.value(u"code"_s).toString();
    if (e.code.isEmpty())
        e.code = codeForStatus(httpStatus);
    e.message = error.value(u"message"_s).toString();
    const QJsonArray details = error.value(u"details"_s).toArray();
    for (const QJsonValue &d : details) {
        const QJsonObject o = d.toObject();
        e.details.append({o.value(u"field"_s).toString(), o.value(u"message"_s).toString()});
    }
    bool ok = false;
    const int seconds = retryAfter.trimmed().toInt(&ok);
    e.retryAfterSeconds = ok && seconds > 0 ? seconds : 0;
    return e;
}

ApiError ApiError::network(const QString &message)
{
    ApiError e;
    e.code = u"NETWORK_ERROR"_s;
    e.message = message;
    return e;
}

}   // namespace Conversa
