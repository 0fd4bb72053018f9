#include "AuditQuery.h"

#include "Database.h"

#include <QVariantList>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

struct Where {
    QString sql;
    QVariantList values;

    void add(const QString &condition, const QVariant &value)
    {
        sql += (sql.isEmpty() ? u" WHERE "_s : u" AND "_s) + condition;
        values.append(value);
    }
};

Where whereOf(const AuditFilter &f)
{
    Where w;
    if (f.userId > 0)
        w.add(u"a.user_id = ?"_s, f.userId);
    if (!f.action.isEmpty())
        w.add(u"a.action = ?"_s, f.action);
    if (!f.entityType.isEmpty())
        w.add(u"a.entity_type = ?"_s, f.entityType);
    if (f.entityId > 0)
        w.add(u"a.entity_id = ?"_s, f.entityId);
    if (f.success)
        w.add(u"a.success = ?"_s, *f.success);
    if (f.fromTime)
        w.add(u"a.created_at >= ?"_s, *f.fromTime);
    if (f.toTime)
        w.add(u"a.created_at <= ?"_s, *f.toTime);
    return w;
}

}   // namespace

Result<qint64> AuditQuery::count(const AuditFilter &filter) const
{
    const Where w = whereOf(filter);
    SqlQuery q(m_db, u"SELECT COUNT(*) FROM audit_logs a"_s + w.sql, w.values);
    if (!q.exec() || !q.next())
        return q.failure();
    return q.integer(0);
}

Result<Ok> AuditQuery::forEach(const AuditFilter &filter, qint64 limit, qint64 offset,
                               const std::function<void(const AuditRow &)> &visit) const
{
    Where w = whereOf(filter);
    // LEFT JOIN without deleted_at: the log keeps naming users after they are soft-deleted.
    const QString sql =
        u"SELECT a.id, a.user_id, u.first_name, u.last_name, a.action, a.entity_type, a.entity_id, a.changes, "
        "a.ip_address, a.user_agent, a.success, a.created_at "
        "FROM audit_logs a LEFT JOIN users u ON u.id = a.user_id"_s +
        w.sql + u" ORDER BY a.created_at DESC, a.id DESC LIMIT ? OFFSET ?"_s;
    w.values << limit << offset;
    SqlQuery q(m_db, sql, w.values);
    if (!q.exec())
        return q.failure();
    AuditRow row;
    while (q.next()) {
        row.id = q.integer(0);
        row.userId = q.isNull(1) ? 0 : q.integer(1);
        row.userFirstName = q.isNull(2) ? QString() : q.string(2);
        row.userLastName = q.isNull(3) ? QString() : q.string(3);
        row.action = q.string(4);
        row.entityType = q.isNull(5) ? QString() : q.string(5);
        row.entityId = q.isNull(6) ? 0 : q.integer(6);
        row.changes = q.isNull(7) ? QString() : q.string(7);
        row.ipAddress = q.isNull(8) ? QString() : q.string(8);
        row.userAgent = q.isNull(9) ? QString() : q.string(9);
        row.success = q.boolean(10);
        row.createdAt = q.integer(11);
        visit(row);
    }
    return Ok{};
}

}   // namespace Conversa::Server
