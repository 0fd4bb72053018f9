#pragma once

#include <QString>
#include <QStringList>

// What each seeded role is and may do, written out here instead of read back from the server's
// own role table, so that a change to that table fails the tests that check roles. Permissions
// are sorted, as the API lists them.
namespace ExpectedRoles {

struct Role {
    qint64 id;
    QString name;
    QString displayName;
    QStringList permissions;
};

// Everything.
inline const Role &admin()
{
    static const Role role{1,
                           QStringLiteral("admin"),
                           QStringLiteral("Administrador"),
                           {QStringLiteral("analytics.read"),       QStringLiteral("audit.export"),
                            QStringLiteral("audit.read"),           QStringLiteral("backups.create"),
                            QStringLiteral("backups.delete"),       QStringLiteral("backups.read"),
                            QStringLiteral("backups.restore"),      QStringLiteral("bot_flows.manage"),
                            QStringLiteral("bot_flows.read"),       QStringLiteral("campaigns.create"),
                            QStringLiteral("campaigns.delete"),     QStringLiteral("campaigns.read"),
                            QStringLiteral("campaigns.update"),     QStringLiteral("chats.assign"),
                            QStringLiteral("chats.close"),          QStringLiteral("chats.read"),
                            QStringLiteral("chats.read_all"),       QStringLiteral("chats.transfer"),
                            QStringLiteral("chats.update"),         QStringLiteral("clients.create"),
                            QStringLiteral("clients.delete"),       QStringLiteral("clients.export"),
                            QStringLiteral("clients.import"),       QStringLiteral("clients.read"),
                            QStringLiteral("clients.update"),       QStringLiteral("files.create"),
                            QStringLiteral("files.delete"),         QStringLiteral("files.read"),
                            QStringLiteral("messages.create"),      QStringLiteral("messages.read"),
                            QStringLiteral("reports.export"),       QStringLiteral("reports.read"),
                            QStringLiteral("roles.read"),           QStringLiteral("roles.update"),
                            QStringLiteral("tasks.create"),         QStringLiteral("tasks.delete"),
                            QStringLiteral("tasks.read"),           QStringLiteral("tasks.read_all"),
                            QStringLiteral("tasks.update"),         QStringLiteral("users.agent_status"),
                            QStringLiteral("users.create"),         QStringLiteral("users.delete"),
                            QStringLiteral("users.read"),           QStringLiteral("users.update"),
                            QStringLiteral("whatsapp.numbers.manage"), QStringLiteral("whatsapp.numbers.read")}};
    return role;
}

// Runs the floor: all of chats, messages, files, clients, tasks, reports and analytics; reads the
// audit log, users, roles, numbers and bot flows; edits campaigns (neither creates nor deletes
// them); sets agents' status. No user management, number management, backups or audit export.
inline const Role &supervisor()
{
    static const Role role{2,
                           QStringLiteral("supervisor"),
                           QStringLiteral("Supervisor"),
                           {QStringLiteral("analytics.read"),       QStringLiteral("audit.read"),
                            QStringLiteral("bot_flows.read"),       QStringLiteral("campaigns.read"),
                            QStringLiteral("campaigns.update"),     QStringLiteral("chats.assign"),
                            QStringLiteral("chats.close"),          QStringLiteral("chats.read"),
                            QStringLiteral("chats.read_all"),       QStringLiteral("chats.transfer"),
                            QStringLiteral("chats.update"),         QStringLiteral("clients.create"),
                            QStringLiteral("clients.delete"),       QStringLiteral("clients.export"),
                            QStringLiteral("clients.import"),       QStringLiteral("clients.read"),
                            QStringLiteral("clients.update"),       QStringLiteral("files.create"),
                            QStringLiteral("files.delete"),         QStringLiteral("files.read"),
                            QStringLiteral("messages.create"),      QStringLiteral("messages.read"),
                            QStringLiteral("reports.export"),       QStringLiteral("reports.read"),
                            QStringLiteral("roles.read"),           QStringLiteral("tasks.create"),
                            QStringLiteral("tasks.delete"),         QStringLiteral("tasks.read"),
                            QStringLiteral("tasks.read_all"),       QStringLiteral("tasks.update"),
                            QStringLiteral("users.agent_status"),   QStringLiteral("users.read"),
                            QStringLiteral("whatsapp.numbers.read")}};
    return role;
}

// Works its own chats: reads, updates, transfers and closes them, reads and sends their messages
// and files (its campaigns' queue it sees, and acts on a chat of it once it takes it); clients without delete, import or export; its own tasks
// without deleting them. Never all chats, assignment, users, campaigns, reports or analytics.
inline const Role &agent()
{
    static const Role role{3,
                           QStringLiteral("agent"),
                           QStringLiteral("Agente"),
                           {QStringLiteral("chats.close"), QStringLiteral("chats.read"),
                            QStringLiteral("chats.transfer"), QStringLiteral("chats.update"),
                            QStringLiteral("clients.create"), QStringLiteral("clients.read"),
                            QStringLiteral("clients.update"), QStringLiteral("files.create"),
                            QStringLiteral("files.read"), QStringLiteral("messages.create"),
                            QStringLiteral("messages.read"), QStringLiteral("tasks.create"),
                            QStringLiteral("tasks.read"), QStringLiteral("tasks.update")}};
    return role;
}

inline const Role *byName(const QString &name)
{
    for (const Role *role : {&admin(), &supervisor(), &agent()}) {
        if (role->name == name)
            return role;
    }
    return nullptr;
}

}   // namespace ExpectedRoles
