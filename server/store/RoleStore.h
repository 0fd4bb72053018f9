#pragma once

#include "core/Result.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Conversa::Server {

class Database;

struct Role {
    qint64 id = 0;
    QString name;          // admin, supervisor, agent
    QString displayName;   // Administrador, Supervisor, Agente
    QString description;
    QStringList permissions;   // sorted
    QSet<QString> permissionSet;
};

// The seeded roles and their permissions. Names and permissions are not editable through the API,
// so that catalog is written at start-up (idempotently) and then served from memory; the one
// setting an admin may change, whether a role requires 2FA, stays in the database.
class RoleStore {
public:
    explicit RoleStore(Database &db);

    Result<Ok> seedAndLoad();

    const Role *byId(qint64 id) const;
    const Role *byName(const QString &name) const;
    const QList<Role> &all() const { return m_roles; }

    static QStringList allPermissions();

    // Which roles require their users to have 2FA, read from the database: an admin changes it
    // at run time, maybe on another server (docs/API.md#two-factor-required-by-role).
    Result<QHash<qint64, bool>> twoFactorRequirements() const;
    // Sets a role's requirement (the caller's transaction); returns the previous value.
    Result<bool> setRequireTwoFactor(qint64 roleId, bool required) const;

private:
    Database &m_db;
    QList<Role> m_roles;
};

}   // namespace Conversa::Server
