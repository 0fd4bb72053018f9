#pragma once

#include "core/Result.h"

#include <QString>

#include <functional>
#include <optional>

namespace Conversa::Server {

class Database;

// What GET /v1/audit-logs and its export filter on; every set field narrows the result.
struct AuditFilter {
    qint64 userId = 0;   // 0 = any
    QString action;      // exact match; empty = any
    QString entityType;
    qint64 entityId = 0;
    std::optional<bool> success;
    std::optional<qint64> fromTime;   // epoch seconds, inclusive
    std::optional<qint64> toTime;     // epoch seconds, inclusive
};

// One audit row with the name of its user (kept even when the user is soft-deleted).
struct AuditRow {
    qint64 id = 0;
    qint64 userId = 0;   // 0: no user (a refused anonymous request)
    QString userFirstName;
    QString userLastName;
    QString action;
    QString entityType;   // null when the row names no entity
    qint64 entityId = 0;
    QString changes;   // the stored JSON text, or null
    QString ipAddress;
    QString userAgent;
    bool success = false;
    qint64 createdAt = 0;
};

// The read side of the audit log: listing and export, newest first (created_at, id descending),
// on the indexes of 0001 (created_at+id, user_id, action, entity_type+entity_id). Safe to use from
// any thread: each thread has its own connection.
class AuditQuery {
public:
    explicit AuditQuery(Database &db) : m_db(db) {}

    Result<qint64> count(const AuditFilter &filter) const;
    // Calls visit for each row in order, at most `limit` rows after skipping `offset`.
    Result<Ok> forEach(const AuditFilter &filter, qint64 limit, qint64 offset,
                       const std::function<void(const AuditRow &)> &visit) const;

private:
    Database &m_db;
};

}   // namespace Conversa::Server
