#pragma once

#include <QSet>
#include <QString>

namespace Conversa::Server {

// The authenticated caller, loaded once per request by the router (one query).
struct AuthUser {
    qint64 id = 0;
    qint64 sessionId = 0;
    qint64 tokenExpiresAt = 0;   // the access token's exp (seconds since the epoch)
    QString email;
    QString firstName;
    QString lastName;
    QString phone;
    QString avatarUrl;
    qint64 roleId = 0;
    QString roleName;
    QString status;
    QString agentStatus;
    QString agentStatusReason;
    int maxConcurrentChats = 0;
    bool autoAssignEnabled = true;
    bool twoFactorEnabled = false;
    bool twoFactorSetupRequired = false;   // the role requires 2FA and it is off: only enabling it is allowed
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 lastLoginAt = 0;
    const QSet<QString> *permissions = nullptr;   // owned by the role cache

    bool can(const QString &permission) const { return permissions && permissions->contains(permission); }
};

}   // namespace Conversa::Server
