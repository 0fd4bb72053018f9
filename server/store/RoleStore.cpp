#include "RoleStore.h"

#include "Database.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

struct RoleSeed {
    qint64 id;
    const char *name;
    const char *displayName;
    const char *description;
};

constexpr RoleSeed kRoles[] = {
    {1, "admin", "Administrador", "Full access, including users, numbers, backups and settings"},
    {2, "supervisor", "Supervisor", "Runs the floor: all chats, clients, tasks, reports, analytics and audit"},
    {3, "agent", "Agente", "Works its own chats and the queued chats of its campaigns"},
};

// Permission names follow the seed's dotted style. Later modules use the names already here.
const QStringList &permissionCatalog()
{
    static const QStringList names = {
        u"users.read"_s, u"users.create"_s, u"users.update"_s, u"users.delete"_s, u"users.agent_status"_s,
        u"roles.read"_s,
        u"campaigns.read"_s, u"campaigns.create"_s, u"campaigns.update"_s, u"campaigns.delete"_s,
        u"whatsapp.numbers.read"_s, u"whatsapp.numbers.manage"_s,
        u"chats.read"_s, u"chats.read_all"_s, u"chats.update"_s, u"chats.assign"_s, u"chats.transfer"_s,
        u"chats.close"_s,
        u"messages.read"_s, u"messages.create"_s,
        u"clients.read"_s, u"clients.create"_s, u"clients.update"_s, u"clients.delete"_s,
        u"clients.import"_s, u"clients.export"_s,
        u"tasks.read"_s, u"tasks.read_all"_s, u"tasks.create"_s, u"tasks.update"_s, u"tasks.delete"_s,
        u"bot_flows.read"_s, u"bot_flows.manage"_s,
        u"reports.read"_s, u"reports.export"_s, u"analytics.read"_s,
        u"audit.read"_s, u"audit.export"_s,
        u"backups.read"_s, u"backups.create"_s, u"backups.restore"_s, u"backups.delete"_s,
        u"files.read"_s, u"files.create"_s, u"files.delete"_s,
    };
    return names;
}

QStringList permissionsOf(const QString &role)
{
    const QStringList &all = permissionCatalog();
    if (role == "admin"_L1)
        return all;
    QStringList out;
    for (const QString &p : all) {
        const QString module = p.section(u'.', 0, 0);
        bool granted = false;
        if (role == "supervisor"_L1) {
            granted = QStringList{u"chats"_s, u"clients"_s, u"tasks"_s, u"reports"_s, u"analytics"_s,
                                  u"messages"_s, u"files"_s}.contains(module)
                || QStringList{u"audit.read"_s, u"campaigns.read"_s, u"campaigns.update"_s,
                               u"users.read"_s, u"users.agent_status"_s, u"roles.read"_s,
                               u"whatsapp.numbers.read"_s, u"bot_flows.read"_s}.contains(p);
        } else if (role == "agent"_L1) {
            granted = QStringList{u"chats.read"_s, u"chats.update"_s, u"chats.transfer"_s, u"chats.close"_s,
                                  u"messages.read"_s, u"messages.create"_s,
                                  u"clients.read"_s, u"clients.create"_s, u"clients.update"_s,
                                  u"tasks.read"_s, u"tasks.create"_s, u"tasks.update"_s,
                                  u"files.read"_s, u"files.create"_s}.contains(p);
        }
        if (granted)
            out.append(p);
    }
    return out;
}

} // namespace

RoleStore::RoleStore(Database &db) : m_db(db) {}

QStringList RoleStore::allPermissions()
{
    return permissionCatalog();
}

Result<Ok> RoleStore::seedAndLoad()
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return ApiError::internal();
    const QStringList &catalog = permissionCatalog();
    for (qsizetype i = 0; i < catalog.size(); ++i) {
        SqlQuery q(m_db, "INSERT INTO permissions (id, name) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                   {qint64(i + 1), catalog[i]});
        if (!q.exec())
            return q.failure();
    }
    m_roles.clear();
    for (const RoleSeed &seed : kRoles) {
        SqlQuery q(m_db,
                   "INSERT INTO roles (id, name, display_name, description) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT (id) DO UPDATE SET name = excluded.name, display_name = excluded.display_name, "
                   "description = excluded.description",
                   {seed.id, QString::fromLatin1(seed.name), QString::fromUtf8(seed.displayName),
                    QString::fromUtf8(seed.description)});
        if (!q.exec())
            return q.failure();
        Role role{seed.id, QString::fromLatin1(seed.name), QString::fromUtf8(seed.displayName),
                  QString::fromUtf8(seed.description), permissionsOf(QString::fromLatin1(seed.name)), {}};
        std::sort(role.permissions.begin(), role.permissions.end());
        role.permissionSet = QSet<QString>(role.permissions.begin(), role.permissions.end());
        SqlQuery clear(m_db, "DELETE FROM role_permissions WHERE role_id = ?", {seed.id});
        if (!clear.exec())
            return clear.failure();
        for (const QString &p : role.permissions) {
            SqlQuery link(m_db,
                          "INSERT INTO role_permissions (role_id, permission_id) "
                          "SELECT ?, id FROM permissions WHERE name = ?",
                          {seed.id, p});
            if (!link.exec())
                return link.failure();
        }
        m_roles.append(role);
    }
    if (!tx.commit())
        return ApiError::internal();
    return Ok{};
}

const Role *RoleStore::byId(qint64 id) const
{
    for (const Role &r : m_roles) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

const Role *RoleStore::byName(const QString &name) const
{
    for (const Role &r : m_roles) {
        if (r.name == name)
            return &r;
    }
    return nullptr;
}
