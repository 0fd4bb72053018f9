#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <variant>

namespace Conversa::Server {

// What a domain service did, to be told once its transaction has committed: realtime turns the
// chat and message events into socket events (ChatEvents::publish), the caller wakes routing on
// RoutingNeeded. The events carry ids, not payloads: the payload is read after the commit.
namespace DomainEvents {

// The chat changed (status, tags, notes, priority, unread count…); previousAgentId, when set,
// is an agent it left, who hears of it too.
struct ChatUpdated {
    qint64 chatId = 0;
    qint64 previousAgentId = 0;
};
// The chat went to an agent (assign, transfer to an agent, routing).
struct ChatAssigned {
    qint64 chatId = 0;
    qint64 previousAgentId = 0;
};
// The chat was transferred: where from and where to, as the wire event carries them.
struct ChatTransferred {
    qint64 chatId = 0;
    qint64 previousAgentId = 0;
    QJsonObject from;
    QJsonObject to;
    QString reason;
};
struct MessageCreated {
    qint64 messageId = 0;
};
struct MessageUpdated {
    qint64 messageId = 0;
};
// Queued chats of these campaigns, or of the campaigns of an agent who has room again, may go to
// an agent now.
struct RoutingNeeded {
    QList<qint64> campaigns;
    qint64 freedAgentId = 0;
};

}   // namespace DomainEvents

using DomainEvent =
    std::variant<DomainEvents::ChatUpdated, DomainEvents::ChatAssigned, DomainEvents::ChatTransferred,
                 DomainEvents::MessageCreated, DomainEvents::MessageUpdated, DomainEvents::RoutingNeeded>;

}   // namespace Conversa::Server
