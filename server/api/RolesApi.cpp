#include "RolesApi.h"

#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "http/HttpRouter.h"
#include "store/RoleStore.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

RolesApi::RolesApi(const RoleStore &roles)
{
    JsonWriter w(4096);
    w.beginObject().key("data").beginArray();
    for (const Role &role : roles.all()) {
        w.beginObject();
        w.field("id", role.id).field("name", role.name).field("display_name", role.displayName);
        w.field("description", role.description);
        w.key("permissions").beginArray();
        for (const QString &p : role.permissions)
            w.value(p);
        w.endArray().endObject();
    }
    w.endArray().endObject();
    m_body = w.take();
}

void RolesApi::registerRoutes(HttpRouter &router)
{
    router.get(u"/v1/roles"_s,
               {.permission = Permissions::kRolesRead, .action = u"role.list"_s, .entityType = u"Role"_s},
               [this](RequestContext &) -> Result<HttpReply> { return HttpReply::json(m_body); });
}

}   // namespace Conversa::Server
