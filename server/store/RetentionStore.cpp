#include "RetentionStore.h"

#include "Database.h"

namespace Conversa::Server {

Result<int> RetentionStore::deleteBefore(Table table, qint64 cutoff, int batch)
{
    // Table names from this enum only: nothing a caller passes reaches the SQL text.
    const char *sql = table == Table::AuditLogs
        ? "DELETE FROM audit_logs WHERE id IN "
          "(SELECT id FROM audit_logs WHERE created_at < ? ORDER BY created_at, id LIMIT ?)"
        : "DELETE FROM login_attempts WHERE id IN "
          "(SELECT id FROM login_attempts WHERE created_at < ? ORDER BY created_at, id LIMIT ?)";
    Transaction tx(m_db);
    SqlQuery q(m_db, sql, {cutoff, batch});
    if (!q.exec())
        return q.failure();
    const int deleted = q.numRowsAffected();
    if (!tx.commit())
        return ApiError::internal();
    return deleted;
}

Result<qint64> RetentionStore::deleteAllBefore(Table table, qint64 cutoff, int batch, int maxBatches)
{
    qint64 total = 0;
    for (int i = 0; i < maxBatches; ++i) {
        const Result<int> deleted = deleteBefore(table, cutoff, batch);
        if (!deleted)
            return deleted.error();
        total += *deleted;
        if (*deleted < batch)
            break;
    }
    return total;
}

}   // namespace Conversa::Server
