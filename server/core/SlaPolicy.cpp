#include "SlaPolicy.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace SlaPolicy {

qint64 firstResponseStart(const SlaChatTimes &chat)
{
    return chat.queuedAt > 0 ? chat.queuedAt : chat.createdAt;
}

SlaStatus evaluate(const SlaChatTimes &chat, const SlaTargets &targets, qint64 now)
{
    SlaStatus s;
    s.firstResponseDueAt = firstResponseStart(chat) + targets.firstResponseSeconds;
    const qint64 responded = chat.firstResponseAt > 0 ? chat.firstResponseAt : chat.closedAt > 0 ? chat.closedAt : now;
    s.firstResponseBreached = responded > s.firstResponseDueAt;
    s.resolutionDueAt = chat.createdAt + targets.resolutionSeconds;
    const qint64 resolved = chat.closedAt > 0 ? chat.closedAt : now;
    s.resolutionBreached = resolved > s.resolutionDueAt;
    return s;
}

bool agentAnswerOverdue(const SlaChatTimes &chat, const SlaTargets &targets, qint64 now)
{
    return chat.assignedAt > 0 && chat.firstResponseAt == 0 && chat.assignedAt + targets.firstResponseSeconds < now;
}

QString firstResponseStartSql(const QString &chat)
{
    return u"COALESCE(%1.queued_at, %1.created_at)"_s.arg(chat);
}

QString respondedInTimeSql(const QString &chat, const QString &campaign)
{
    return u"%1.first_response_at - %2 <= %3.sla_first_response_seconds"_s.arg(chat, firstResponseStartSql(chat),
                                                                               campaign);
}

QString resolvedInTimeSql(const QString &chat, const QString &campaign)
{
    return u"%1.closed_at - %1.created_at <= %2.sla_resolution_seconds"_s.arg(chat, campaign);
}

QString agentAnswerOverdueSql(const QString &chat, const QString &campaign)
{
    return u"%1.first_response_at IS NULL AND %1.assigned_at + %2.sla_first_response_seconds < ?"_s.arg(chat, campaign);
}

QString openBreachedSql(const QString &chat, const QString &campaign)
{
    return u"((%1.first_response_at IS NULL AND ? > %2 + %3.sla_first_response_seconds) "
           "OR ? > %1.created_at + %3.sla_resolution_seconds)"_s.arg(chat, firstResponseStartSql(chat), campaign);
}

QString openAtRiskSql(const QString &chat, const QString &campaign)
{
    // In integers: elapsed * 5 >= target * 4, i.e. at least 80 % of the target gone.
    return u"((%1.first_response_at IS NULL AND (? - %2) * 5 >= %3.sla_first_response_seconds * 4) "
           "OR (? - %1.created_at) * 5 >= %3.sla_resolution_seconds * 4)"_s.arg(chat, firstResponseStartSql(chat),
                                                                                campaign);
}

}   // namespace SlaPolicy

}   // namespace Conversa::Server
