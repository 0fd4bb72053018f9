#pragma once

#include <QString>
#include <QStringList>

namespace Conversa::Server {

class Validator;

// Reading a number's provider settings from a create or update body, the same way for every provider.
namespace NumberFields {
constexpr int kSecretLength = 4096;

bool isHttpUrl(const QString &s);
// A required text: on create it must be sent; on update, if sent, it must have a value.
void requiredText(Validator &v, const QString &field, int maxLength, bool creating, QString &target);
// Secrets: a required one as above; an optional one sent as null or "" is cleared. Each sent
// name goes to `sent`.
void requiredSecret(Validator &v, const QString &field, bool creating, QString &target, QStringList &sent);
void optionalSecret(Validator &v, const QString &field, QString &target, QStringList &sent);
}   // namespace NumberFields

}   // namespace Conversa::Server
