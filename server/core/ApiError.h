#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Conversa::Server {

// One failure in the contract's error shape. Messages are English source strings marked with
// QT_TRANSLATE_NOOP("Api", …); they are translated when the response is written, per request.
struct FieldError {
    QString field;
    const char *message = nullptr;   // QT_TRANSLATE_NOOP("Api", "...") with %1.. placeholders
    QStringList args;
};

class ApiError {
public:
    ApiError() = default;
    ApiError(int status, QByteArray code, const char *message, QStringList args = {})
        : m_status(status), m_code(std::move(code)), m_message(message), m_args(std::move(args))
    {}

    static ApiError badRequest(const char *message);
    static ApiError unauthenticated(const char *message = nullptr);
    static ApiError forbidden();
    // 403 for a user whose role requires 2FA and who has not enabled it yet (docs/API.md).
    static ApiError twoFactorSetupRequired();
    static ApiError notFound();
    static ApiError methodNotAllowed();
    static ApiError conflict(const char *message, QStringList args = {});
    static ApiError payloadTooLarge();
    static ApiError validation(QList<FieldError> details);
    static ApiError validation(const QString &field, const char *message, QStringList args = {});
    static ApiError rateLimited(int retryAfterSeconds);
    static ApiError internal();
    static ApiError unavailable(const char *message);

    int status() const { return m_status; }
    const QByteArray &code() const { return m_code; }
    const char *message() const { return m_message; }
    const QStringList &args() const { return m_args; }
    const QList<FieldError> &details() const { return m_details; }
    const QList<QPair<QByteArray, QByteArray>> &headers() const { return m_headers; }

    ApiError &withDetails(QList<FieldError> details)
    {
        m_details = std::move(details);
        return *this;
    }
    ApiError &withHeader(QByteArray name, QByteArray value)
    {
        m_headers.append({std::move(name), std::move(value)});
        return *this;
    }

private:
    int m_status = 500;
    QByteArray m_code = "INTERNAL_ERROR";
    const char *m_message = nullptr;
    QStringList m_args;
    QList<FieldError> m_details;
    QList<QPair<QByteArray, QByteArray>> m_headers;
};

}   // namespace Conversa::Server
