#include "ApiModules.h"

#include "AnalyticsApi.h"
#include "ApiModule.h"
#include "AuditApi.h"
#include "AuthApi.h"
#include "ClientsApi.h"
#include "CampaignsApi.h"
#include "ChatsApi.h"
#include "MessagesApi.h"
#include "FilesApi.h"
#include "NumbersApi.h"
#include "RolesApi.h"
#include "TasksApi.h"
#include "TemplatesApi.h"
#include "UsersApi.h"
#include "WebhooksApi.h"
#include "api/ServerContext.h"

void registerApiModules(ServerContext &context, const ProviderRegistry &providers, QList<ApiModule *> &modules)
{
    modules.append(new AuthApi(context));
    modules.append(new AuditApi(context));
    modules.append(new UsersApi(context));
    modules.append(new RolesApi(context));
    modules.append(new ClientsApi(context));
    modules.append(new FilesApi(context));
    modules.append(new CampaignsApi(context));
    modules.append(new NumbersApi(context, providers));
    modules.append(new ChatsApi(context));
    modules.append(new MessagesApi(context));
    modules.append(new TemplatesApi(context, providers));
    modules.append(new TasksApi(context));
    modules.append(new WebhooksApi(context, providers));
    modules.append(new AnalyticsApi(context));
}
