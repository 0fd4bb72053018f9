#pragma once

#include "core/Result.h"

namespace Conversa::Server {

class Database;

// Rows kept only for a while (docs/CONFIGURATION.md#retention): the audit log, when the operator
// sets a retention, and the login attempts, which throttling and the known-address rule read for
// 30 days at most. Never through the API: the audit log cannot be edited from outside.
class RetentionStore {
public:
    enum class Table { AuditLogs, LoginAttempts };

    explicit RetentionStore(Database &db) : m_db(db) {}

    // Deletes up to `batch` of the oldest rows created before `cutoff` (epoch seconds), in one
    // short transaction; returns how many went.
    Result<int> deleteBefore(Table table, qint64 cutoff, int batch);
    // Batches until none is left or `maxBatches` ran (the rest waits for the next sweep).
    Result<qint64> deleteAllBefore(Table table, qint64 cutoff, int batch = 1000, int maxBatches = 50);

private:
    Database &m_db;
};

}   // namespace Conversa::Server
