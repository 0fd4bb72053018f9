#include "ApiModules.h"

#include "AnalyticsApi.h"
#include "ApiModule.h"
#include "AuditApi.h"
#include "AuthApi.h"
#include "BotFlowsApi.h"
#include "ClientsApi.h"
#include "CampaignsApi.h"
#include "ChatsApi.h"
#include "MessagesApi.h"
#include "FilesApi.h"
#include "NumbersApi.h"
#include "ReportExportsApi.h"
#include "ReportsApi.h"
#include "RolesApi.h"
#include "TasksApi.h"
#include "TemplatesApi.h"
#include "UsersApi.h"
#include "WebhooksApi.h"
#include "config/ServerConfig.h"

namespace Conversa::Server {

void registerApiModules(const ServerConfig &config, Database &db, RateLimiter &limiter, const RoleStore &roles,
                        AuditStore &audit, AuthService &auth, RoutingTrigger &routing, LiveAnalytics &analytics,
                        RealtimeBus &realtime, const ProviderRegistry &providers, QList<ApiModule *> &modules)
{
    modules.append(new AuthApi(db, auth, limiter, realtime, config));
    modules.append(new AuditApi(db));
    modules.append(new UsersApi(db, roles, auth, routing, realtime));
    modules.append(new RolesApi(roles));
    modules.append(new ClientsApi(db, audit, config));
    modules.append(new FilesApi(db, config));
    modules.append(new CampaignsApi(db, routing, realtime));
    modules.append(new NumbersApi(db, config, providers, realtime));
    modules.append(new ChatsApi(db, routing, realtime, providers, config.botEngineSettings()));
    modules.append(new MessagesApi(db, routing, realtime, providers));
    modules.append(new TemplatesApi(db, config, providers));
    modules.append(new TasksApi(db));
    modules.append(new BotFlowsApi(db, config));
    modules.append(new WebhooksApi(db, config, routing, realtime, providers));
    modules.append(new AnalyticsApi(analytics, db));
    modules.append(new ReportsApi(db));
    modules.append(new ReportExportsApi(db, config));
}

}   // namespace Conversa::Server
