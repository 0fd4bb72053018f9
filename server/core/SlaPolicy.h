#pragma once

#include <QString>

namespace Conversa::Server {

// A campaign's service-level targets, in seconds (campaigns.sla_first_response_seconds,
// campaigns.sla_resolution_seconds).
struct SlaTargets {
    qint64 firstResponseSeconds = 0;
    qint64 resolutionSeconds = 0;
};

// The moments of a chat the SLA looks at, in seconds since the epoch; 0 when they have not happened.
struct SlaChatTimes {
    qint64 createdAt = 0;
    qint64 queuedAt = 0;
    qint64 assignedAt = 0;
    qint64 firstResponseAt = 0;   // the first agent message
    qint64 closedAt = 0;
};

struct SlaStatus {
    qint64 firstResponseDueAt = 0;
    bool firstResponseBreached = false;
    qint64 resolutionDueAt = 0;
    bool resolutionBreached = false;
};

// The one definition of the SLA, in C++ (the chat's `sla` object) and as the SQL it implies
// (live analytics, routing's reassignment, reports), so the two cannot drift:
// - the first agent message is due within the first-response target of queueing (of creation
//   for a chat never queued);
// - the close is due within the resolution target of creation;
// - a due moment is breached once passed without it: an open chat is measured against now, and
//   a chat closed without an agent message breached its first response if it closed after the
//   due moment.
// Separately, routing takes back (sla_reassign_enabled) a chat whose assigned agent has not
// answered within the first-response target of the assignment: the agent's own clock, not the
// chat's due moment, so a chat that waited long in the queue still gives each agent the full target.
// Depends on nothing but Qt, so stores may use its SQL.
namespace SlaPolicy {

qint64 firstResponseStart(const SlaChatTimes &chat);   // queued, else created
SlaStatus evaluate(const SlaChatTimes &chat, const SlaTargets &targets, qint64 now);
// Whether routing takes the chat back from its agent at `now` (an assigned chat, no agent message).
bool agentAnswerOverdue(const SlaChatTimes &chat, const SlaTargets &targets, qint64 now);

// SQL over a chats row aliased `chat` joined to its campaigns row aliased `campaign`.
// The start of the first-response clock.
QString firstResponseStartSql(const QString &chat);
// An answered chat (first_response_at not null) answered within the target: not breached.
QString respondedInTimeSql(const QString &chat, const QString &campaign);
// A closed chat (closed_at not null) closed within the target: not breached.
QString resolvedInTimeSql(const QString &chat, const QString &campaign);
// agentAnswerOverdue() for an assigned, unanswered chat, with `now` as the one bound value.
QString agentAnswerOverdueSql(const QString &chat, const QString &campaign);
// An open chat (not closed) breached at `now`: evaluate()'s first response or resolution. Binds
// `now` twice.
QString openBreachedSql(const QString &chat, const QString &campaign);
// An open chat at risk at `now`: an unanswered first response, or the resolution, has used four
// fifths of its target (whether or not it is breached yet: combine with openBreachedSql()).
// Binds `now` twice.
QString openAtRiskSql(const QString &chat, const QString &campaign);

}   // namespace SlaPolicy

}   // namespace Conversa::Server
