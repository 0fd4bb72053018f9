#include "Permissions.h"

namespace Conversa::Server {

const QStringList &Permissions::all()
{
    static const QStringList names = {
        kUsersRead,        kUsersCreate,     kUsersUpdate,         kUsersDelete,
        kUsersAgentStatus, kRolesRead,       kCampaignsRead,       kCampaignsCreate,
        kCampaignsUpdate,  kCampaignsDelete, kWhatsappNumbersRead, kWhatsappNumbersManage,
        kChatsRead,        kChatsReadAll,    kChatsUpdate,         kChatsAssign,
        kChatsTransfer,    kChatsClose,      kMessagesRead,        kMessagesCreate,
        kClientsRead,      kClientsCreate,   kClientsUpdate,       kClientsDelete,
        kClientsImport,    kClientsExport,   kTasksRead,           kTasksReadAll,
        kTasksCreate,      kTasksUpdate,     kTasksDelete,         kBotFlowsRead,
        kBotFlowsManage,   kReportsRead,     kReportsExport,       kAnalyticsRead,
        kAuditRead,        kAuditExport,     kBackupsRead,         kBackupsCreate,
        kBackupsRestore,   kBackupsDelete,   kFilesRead,           kFilesCreate,
        kFilesDelete,
        kRolesUpdate,   // appended: a permission's id is its place in this list
    };
    return names;
}

}   // namespace Conversa::Server
