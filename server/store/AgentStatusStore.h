#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>

namespace Conversa::Server {

class Database;

// One agent_status_history row: a status an agent held from started_at until ended_at (epoch
// seconds). UserStore::setAgentStatus writes them: a change of status closes the open row and
// opens the next at the same moment; so does a change of reason alone.
struct AgentStatusRow {
    qint64 id = 0;
    QString status;         // available, busy, paused or offline
    QString reason;         // empty when none
    qint64 changedBy = 0;   // 0: unknown
    qint64 startedAt = 0;
    qint64 endedAt = 0;   // 0 while it is the current status
};

// SQL over agent_status_history for reports (docs/REPORTS.md).
class AgentStatusStore {
public:
    explicit AgentStatusStore(Database &db) : m_db(db) {}

    // The user's rows overlapping [from, to): started before `to` and not ended by `from`
    // (including the row that started before `from` and is still running), ordered by start.
    Result<QList<AgentStatusRow>> history(qint64 userId, qint64 from, qint64 to);

private:
    Database &m_db;
};

}   // namespace Conversa::Server
