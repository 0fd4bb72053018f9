#include "ApiError.h"

#include <QCoreApplication>

namespace Conversa::Server {

ApiError ApiError::badRequest(const char *message)
{
    return {400, "BAD_REQUEST", message};
}

ApiError ApiError::unauthenticated(const char *message)
{
    return {401, "UNAUTHENTICATED", message ? message : QT_TRANSLATE_NOOP("Api", "Authentication is required")};
}

ApiError ApiError::forbidden()
{
    return {403, "FORBIDDEN", QT_TRANSLATE_NOOP("Api", "You do not have permission to do this")};
}

ApiError ApiError::twoFactorSetupRequired()
{
    return {403, "TWO_FACTOR_SETUP_REQUIRED",
            QT_TRANSLATE_NOOP("Api", "Your role requires two-factor authentication: enable it to continue")};
}

ApiError ApiError::notFound()
{
    return {404, "NOT_FOUND", QT_TRANSLATE_NOOP("Api", "The resource was not found")};
}

ApiError ApiError::methodNotAllowed()
{
    return {405, "METHOD_NOT_ALLOWED", QT_TRANSLATE_NOOP("Api", "This method is not allowed here")};
}

ApiError ApiError::conflict(const char *message, QStringList args)
{
    return {409, "CONFLICT", message, std::move(args)};
}

ApiError ApiError::payloadTooLarge()
{
    return {413, "PAYLOAD_TOO_LARGE", QT_TRANSLATE_NOOP("Api", "The request body is too large")};
}

ApiError ApiError::validation(QList<FieldError> details)
{
    ApiError e{422, "VALIDATION_ERROR", QT_TRANSLATE_NOOP("Api", "The data sent is not valid")};
    e.m_details = std::move(details);
    return e;
}

ApiError ApiError::validation(const QString &field, const char *message, QStringList args)
{
    return validation({FieldError{field, message, std::move(args)}});
}

ApiError ApiError::rateLimited(int retryAfterSeconds)
{
    ApiError e{429, "RATE_LIMITED", QT_TRANSLATE_NOOP("Api", "Too many requests, try again later")};
    e.withHeader("Retry-After", QByteArray::number(qMax(1, retryAfterSeconds)));
    return e;
}

ApiError ApiError::internal()
{
    return {500, "INTERNAL_ERROR", QT_TRANSLATE_NOOP("Api", "An internal error occurred")};
}

ApiError ApiError::unavailable(const char *message)
{
    return {503, "SERVICE_UNAVAILABLE", message};
}

}   // namespace Conversa::Server
