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

// The seeded roles and their permissions. Roles are not editable through the API, so the whole
// catalog is written at start-up (idempotently) and then served from memory.
class RoleStore {
public:
    explicit RoleStore(Database &db);

    Result<Ok> seedAndLoad();

    const Role *byId(qint64 id) const;
    const Role *byName(const QString &name) const;
    const QList<Role> &all() const { return m_roles; }

    static QStringList allPermissions();

private:
    Database &m_db;
    QList<Role> m_roles;
};

}   // namespace Conversa::Server
