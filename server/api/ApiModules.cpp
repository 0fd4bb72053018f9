#include "ApiModules.h"

#include "ApiModule.h"
#include "app/ServerContext.h"

void registerApiModules(ServerContext &context, QList<ApiModule *> &modules)
{
    Q_UNUSED(context);
    Q_UNUSED(modules);
}
