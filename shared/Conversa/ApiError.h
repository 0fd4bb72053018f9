#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Conversa {

// One failure of an API call, from the contract's error shape
// {"error":{"code","message","details":[{"field","message"}]}} or, when no HTTP answer came, NETWORK_ERROR.
struct ApiError {
    struct FieldError {
        QString field;
        QString message;
        friend bool operator==(const FieldError &, const FieldError &) = default;
    };

    int httpStatus = 0;   // 0 when there was no HTTP answer
    QString code;         // VALIDATION_ERROR, NOT_FOUND, …, NETWORK_ERROR
    QString message;      // in the request's language
    QList<FieldError> details;
    int retryAfterSeconds = 0;   // from Retry-After (429, 503), else 0

    bool isNetworkError() const { return httpStatus == 0; }
    QStringList fields() const;   // the fields named in details, in order
    QString messageFor(const QString &field) const;

    // httpStatus and body of an answer (body may be anything; a non-contract body keeps the status
    // and gets a code from the status). retryAfter is the Retry-After header, if any.
    static ApiError fromHttp(int httpStatus, const QByteArray &body, const QByteArray &retryAfter = {});
    static ApiError network(const QString &message);
};

}   // namespace Conversa
