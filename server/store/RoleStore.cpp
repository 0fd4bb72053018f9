#include "RoleStore.h"

#include "Database.h"
#include "core/Permissions.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

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

// Every permission there is (core/Permissions); later modules add theirs there.
const QStringList &permissionCatalog()
{
    return Permissions::all();
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
            granted = QStringList{u"chats"_s,     u"clients"_s,  u"tasks"_s, u"reports"_s,
                                  u"analytics"_s, u"messages"_s, u"files"_s}
                          .contains(module) ||
                QStringList{Permissions::kAuditRead,           Permissions::kCampaignsRead,
                            Permissions::kCampaignsUpdate,     Permissions::kUsersRead,
                            Permissions::kUsersAgentStatus,    Permissions::kRolesRead,
                            Permissions::kWhatsappNumbersRead, Permissions::kBotFlowsRead}
                    .contains(p);
        } else if (role == "agent"_L1) {
            granted = QStringList{Permissions::kChatsRead,   Permissions::kChatsUpdate,   Permissions::kChatsTransfer,
                                  Permissions::kChatsClose,  Permissions::kMessagesRead,  Permissions::kMessagesCreate,
                                  Permissions::kClientsRead, Permissions::kClientsCreate, Permissions::kClientsUpdate,
                                  Permissions::kTasksRead,   Permissions::kTasksCreate,   Permissions::kTasksUpdate,
                                  Permissions::kFilesRead,   Permissions::kFilesCreate}
                          .contains(p);
        }
        if (granted)
            out.append(p);
    }
    return out;
}

}   // namespace

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
        Role role{seed.id,
                  QString::fromLatin1(seed.name),
                  QString::fromUtf8(seed.displayName),
                  QString::fromUtf8(seed.description),
                  permissionsOf(QString::fromLatin1(seed.name)),
                  {}};
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

Result<QHash<qint64, bool>> RoleStore::twoFactorRequirements() const
{
    SqlQuery q(m_db, "SELECT id, require_two_factor FROM roles");
    if (!q.exec())
        return q.failure();
    QHash<qint64, bool> out;
    while (q.next())
        out.insert(q.integer(0), q.boolean(1));
    return out;
}

Result<bool> RoleStore::setRequireTwoFactor(qint64 roleId, bool required) const
{
    SqlQuery before(m_db, "SELECT require_two_factor FROM roles WHERE id = ?", {roleId});
    if (!before.exec())
        return before.failure();
    if (!before.next())
        return ApiError::notFound();
    const bool was = before.boolean(0);
    SqlQuery q(m_db, "UPDATE roles SET require_two_factor = ? WHERE id = ?", {required, roleId});
    if (!q.exec())
        return q.failure();
    return was;
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

}   // namespace Conversa::Server
