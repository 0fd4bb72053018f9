#include "RolesApi.h"

#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "core/Validator.h"
#include "http/HttpRouter.h"
#include "store/AuditStore.h"
#include "store/RoleStore.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

void writeRole(JsonWriter &w, const Role &role, bool requireTwoFactor)
{
    w.beginObject();
    w.field("id", role.id).field("name", role.name).field("display_name", role.displayName);
    w.field("description", role.description);
    w.field("require_two_factor", requireTwoFactor);
    w.key("permissions").beginArray();
    for (const QString &p : role.permissions)
        w.value(p);
    w.endArray().endObject();
}

}   // namespace

RolesApi::RolesApi(const RoleStore &roles) : m_roles(roles) {}

void RolesApi::registerRoutes(HttpRouter &router)
{
    const QString role = u"Role"_s;
    router.get(u"/v1/roles"_s, {.permission = Permissions::kRolesRead, .action = u"role.list"_s, .entityType = role},
               [this](RequestContext &ctx) { return list(ctx); });
    router.put(u"/v1/roles/{id}"_s,
               {.permission = Permissions::kRolesUpdate, .action = u"role.update"_s, .entityType = role},
               [this](RequestContext &ctx) { return update(ctx); });
}

Result<HttpReply> RolesApi::list(RequestContext &)
{
    Result<QHash<qint64, bool>> required = m_roles.twoFactorRequirements();
    CONVERSA_TRY(required);
    JsonWriter w(4096);
    w.beginObject().key("data").beginArray();
    for (const Role &role : m_roles.all())
        writeRole(w, role, required->value(role.id));
    w.endArray().endObject();
    return HttpReply::json(w.take());
}

// PUT /v1/roles/{id} {"require_two_factor": bool}
Result<HttpReply> RolesApi::update(RequestContext &ctx)
{
    const qint64 id = ctx.idParam();
    ctx.audit.entityId = id;
    const Role *role = m_roles.byId(id);
    if (!role)
        return ApiError::notFound();
    Validator v(ctx.body);
    const std::optional<bool> required = v.boolean(u"require_two_factor"_s, true);
    if (!v.ok())
        return v.error();
    Result<bool> was = m_roles.setRequireTwoFactor(id, *required);
    CONVERSA_TRY(was);
    if (*was != *required)
        ctx.audit.changes = QJsonObject{{u"require_two_factor"_s, AuditStore::change(*was, *required)}};
    JsonWriter w(2048);
    writeRole(w, *role, *required);
    return HttpReply::json(w.take());
}

}   // namespace Conversa::Server
