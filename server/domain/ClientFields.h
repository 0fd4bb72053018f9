#pragma once

#include "store/ClientStore.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Conversa::Server {

class Validator;

// A client's editable fields as a request (POST/PUT /v1/clients, the OpenAPI Client schema) or a
// bot's update_client node (docs/BOT_FLOWS.md) writes them: one set of rules for both.
namespace ClientFields {

constexpr int kMaxTag = 50;

// Applies the body's fields to `c`, failures into `v`; on create phone_number is required.
// Numbers are read in `region` when national. A `tags` list comes back apart (nullopt: none given).
std::optional<QStringList> apply(Validator &v, const QJsonObject &body, Client &c, bool creating,
                                 const QString &region);

// A tag from a request (clients' and chats'): normalised, or empty after a validation failure.
QString readTag(Validator &v, const QString &field, const QString &raw);

}   // namespace ClientFields

}   // namespace Conversa::Server
