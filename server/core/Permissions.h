#pragma once

#include <QString>
#include <QStringList>

namespace Conversa::Server {

// Every permission name, defined once: the role seeds (store/RoleStore), what a route requires
// (api/), the socket's rooms (realtime/) and the services' checks (domain/) use these names, never
// string literals. "<module>.<action>", as stored in role_permissions and sent to clients.
namespace Permissions {

inline const QString kUsersRead = QStringLiteral("users.read");
inline const QString kUsersCreate = QStringLiteral("users.create");
inline const QString kUsersUpdate = QStringLiteral("users.update");
inline const QString kUsersDelete = QStringLiteral("users.delete");
inline const QString kUsersAgentStatus = QStringLiteral("users.agent_status");
inline const QString kRolesRead = QStringLiteral("roles.read");
inline const QString kRolesUpdate = QStringLiteral("roles.update");
inline const QString kCampaignsRead = QStringLiteral("campaigns.read");
inline const QString kCampaignsCreate = QStringLiteral("campaigns.create");
inline const QString kCampaignsUpdate = QStringLiteral("campaigns.update");
inline const QString kCampaignsDelete = QStringLiteral("campaigns.delete");
inline const QString kWhatsappNumbersRead = QStringLiteral("whatsapp.numbers.read");
inline const QString kWhatsappNumbersManage = QStringLiteral("whatsapp.numbers.manage");
inline const QString kChatsRead = QStringLiteral("chats.read");
inline const QString kChatsReadAll = QStringLiteral("chats.read_all");
inline const QString kChatsUpdate = QStringLiteral("chats.update");
inline const QString kChatsAssign = QStringLiteral("chats.assign");
inline const QString kChatsTransfer = QStringLiteral("chats.transfer");
inline const QString kChatsClose = QStringLiteral("chats.close");
inline const QString kMessagesRead = QStringLiteral("messages.read");
inline const QString kMessagesCreate = QStringLiteral("messages.create");
inline const QString kClientsRead = QStringLiteral("clients.read");
inline const QString kClientsCreate = QStringLiteral("clients.create");
inline const QString kClientsUpdate = QStringLiteral("clients.update");
inline const QString kClientsDelete = QStringLiteral("clients.delete");
inline const QString kClientsImport = QStringLiteral("clients.import");
inline const QString kClientsExport = QStringLiteral("clients.export");
inline const QString kTasksRead = QStringLiteral("tasks.read");
inline const QString kTasksReadAll = QStringLiteral("tasks.read_all");
inline const QString kTasksCreate = QStringLiteral("tasks.create");
inline const QString kTasksUpdate = QStringLiteral("tasks.update");
inline const QString kTasksDelete = QStringLiteral("tasks.delete");
inline const QString kBotFlowsRead = QStringLiteral("bot_flows.read");
inline const QString kBotFlowsManage = QStringLiteral("bot_flows.manage");
inline const QString kReportsRead = QStringLiteral("reports.read");
inline const QString kReportsExport = QStringLiteral("reports.export");
inline const QString kAnalyticsRead = QStringLiteral("analytics.read");
inline const QString kAuditRead = QStringLiteral("audit.read");
inline const QString kAuditExport = QStringLiteral("audit.export");
inline const QString kBackupsRead = QStringLiteral("backups.read");
inline const QString kBackupsCreate = QStringLiteral("backups.create");
inline const QString kBackupsRestore = QStringLiteral("backups.restore");
inline const QString kBackupsDelete = QStringLiteral("backups.delete");
inline const QString kFilesRead = QStringLiteral("files.read");
inline const QString kFilesCreate = QStringLiteral("files.create");
inline const QString kFilesDelete = QStringLiteral("files.delete");

// All of them, in the order roles list them.
const QStringList &all();

}   // namespace Permissions

}   // namespace Conversa::Server
