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

// A page of a user's rows, newest first, with the name of whoever changed the status.
struct AgentStatusPage {
    struct Row {
        AgentStatusRow row;
        QString changedByFirstName;   // empty with changedBy 0 or a user gone for good
        QString changedByLastName;
    };
    QList<Row> rows;
    qint64 total = 0;
};

// SQL over agent_status_history for reports (docs/REPORTS.md) and a user's status history.
class AgentStatusStore {
public:
    explicit AgentStatusStore(Database &db) : m_db(db) {}

    // The user's rows overlapping [from, to): started before `to` and not ended by `from`
    // (including the row that started before `from` and is still running), ordered by start.
    Result<QList<AgentStatusRow>> history(qint64 userId, qint64 from, qint64 to);
    // GET /v1/users/{id}/status-history: every row of the user, newest first.
    Result<AgentStatusPage> recent(qint64 userId, int limit, qint64 offset);

private:
    Database &m_db;
};

}   // namespace Conversa::Server
