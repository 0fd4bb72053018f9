#pragma once

#include "http/RequestContext.h"
#include "store/AuditStore.h"

namespace Conversa::Server {

// The audit row of a request (REST or socket): what the handler filled in, the caller unless the
// handler named another user, and where the request came from.
inline AuditRecord auditRecordOf(const RequestContext &ctx, bool success, int status)
{
    return AuditRecord{.userId = ctx.audit.userId ? ctx.audit.userId : ctx.userId(),
                       .action = ctx.audit.action,
                       .entityType = ctx.audit.entityType,
                       .entityId = ctx.audit.entityId,
                       .changes = ctx.audit.changes,
                       .ip = ctx.ip,
                       .userAgent = ctx.userAgent,
                       .requestId = ctx.requestId,
                       .success = success,
                       .status = status};
}

}   // namespace Conversa::Server
