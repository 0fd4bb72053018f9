#pragma once

#include <QSet>
#include <QString>

namespace Conversa::Server {

// Who does something to the domain: a signed-in user (with their role's permissions) or the
// server itself (routing, the SLA sweep, later the bot engine), which may do anything. Domain
// services take an Actor instead of the HTTP request, so REST handlers, socket events and
// background workers call them alike.
struct Actor {
    qint64 userId = 0;   // 0: the server itself
    QString roleName;
    const QSet<QString> *permissions = nullptr;   // owned by the role cache
    bool system = false;

    static Actor server() { return Actor{.system = true}; }

    bool can(const QString &permission) const { return system || (permissions && permissions->contains(permission)); }
};

}   // namespace Conversa::Server
