#include "UserStore.h"

#include "Database.h"
#include "SearchText.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

// Measured on 10,000 users (bench/README.md): the trigram index wins from about five characters.
constexpr qsizetype kSelectiveTermLength = 5;

QString searchTextOf(const AuthUser &u)
{
    return SearchText::of({u.firstName, u.lastName, u.email});
}

}   // namespace

Result<UserPage> UserStore::list(const UserFilter &filter)
{
    // Only the filters in use go into the SQL, so each combination is its own cached statement.
    QString from = u" FROM users WHERE deleted_at IS NULL"_s;
    QString orderBy = u" ORDER BY id"_s;
    QString conditions;
    QVariantList values;
    if (!filter.search.isEmpty()) {
        if (m_db.dialect() == SqlDialect::Sqlite && SearchText::trigramSearchable(filter.search) &&
            SearchText::normalize(filter.search).size() >= kSelectiveTermLength) {
            // A longer term matches few users: the trigram index finds them, in id order.
            from =
                u" FROM users_fts f JOIN users ON users.id = f.rowid WHERE f.search_text LIKE ? AND deleted_at IS NULL"_s;
            orderBy = u" ORDER BY f.rowid"_s;
            values.append(QString(u'%' + SearchText::normalize(filter.search) + u'%'));
        } else {
            // A short term matches many: scanning the narrow search_text index is cheaper on
            // SQLite; PostgreSQL's planner uses its trigram index for this LIKE by itself.
            conditions += u" AND search_text LIKE ? ESCAPE '\\'"_s;
            values.append(SearchText::containsPattern(filter.search));
        }
    }
    if (filter.roleId > 0) {
        conditions += u" AND role_id = ?"_s;
        values.append(filter.roleId);
    }
    if (!filter.status.isEmpty()) {
        conditions += u" AND status = ?"_s;
        values.append(filter.status);
    }
    // Without a search the total comes from user_counts, which triggers keep exact (migration 0004).
    const QString countSql = filter.search.isEmpty()
        ? QString(u"SELECT COALESCE(SUM(n), 0) FROM user_counts WHERE 1 = 1"_s + conditions)
        : QString(u"SELECT COUNT(*)"_s + from + conditions);
    const QString where = from + conditions;

    UserPage page;
    const Result<qint64> total = queryInteger(m_db, countSql, values);
    if (!total)
        return total.error();
    page.total = *total;
    if (page.total <= filter.offset)
        return page;

    values.append(filter.limit);
    values.append(filter.offset);
    SqlQuery q(m_db,
               u"SELECT id, email, first_name, last_name, phone, avatar_url, role_id, status, agent_status, "
               "max_concurrent_chats, created_at, last_login_at"_s +
                   where + orderBy + u" LIMIT ? OFFSET ?"_s,
               values);
    if (!q.exec())
        return q.failure();
    page.rows.reserve(filter.limit);
    while (q.next()) {
        UserListItem &u = page.rows.emplace_back();
        u.id = q.integer(0);
        u.email = q.string(1);
        u.firstName = q.string(2);
        u.lastName = q.string(3);
        u.phone = q.string(4);
        u.avatarUrl = q.string(5);
        u.roleId = q.integer(6);
        u.status = q.string(7);
        u.agentStatus = q.string(8);
        u.maxConcurrentChats = int(q.integer(9));
        u.createdAt = q.integer(10);
        u.lastLoginAt = q.integer(11);
    }
    return page;
}

Result<bool> UserStore::emailTaken(const QString &email, qint64 exceptId)
{
    SqlQuery q(m_db, "SELECT 1 FROM users WHERE email = ? AND deleted_at IS NULL AND id <> ?", {email, exceptId});
    if (!q.exec())
        return q.failure();
    return q.next();
}

// An empty QString may bind as NULL, hence COALESCE on last_name (NOT NULL DEFAULT '').
Result<qint64> UserStore::insert(const AuthUser &u, const QByteArray &passwordHash, qint64 now)
{
    SqlQuery q(m_db,
               "INSERT INTO users (email, password_hash, first_name, last_name, phone, avatar_url, role_id, status, "
               "max_concurrent_chats, auto_assign_enabled, search_text, created_at, updated_at) "
               "VALUES (?, ?, ?, COALESCE(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {u.email, QString::fromLatin1(passwordHash), u.firstName, u.lastName, nullIfEmpty(u.phone),
                nullIfEmpty(u.avatarUrl), u.roleId, u.status, u.maxConcurrentChats, u.autoAssignEnabled,
                searchTextOf(u), now, now});
    if (!q.exec()) {
        if (q.isUniqueViolation())
            return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A user with this email already exists"));
        return q.failure();
    }
    if (!q.next())
        return ApiError::internal();
    return q.integer(0);
}

Result<Ok> UserStore::update(const AuthUser &u, qint64 now)
{
    SqlQuery q(
        m_db,
        "UPDATE users SET email = ?, first_name = ?, last_name = COALESCE(?, ''), phone = ?, avatar_url = ?, role_id = ?, "
        "status = ?, max_concurrent_chats = ?, auto_assign_enabled = ?, search_text = ?, updated_at = ? "
        "WHERE id = ? AND deleted_at IS NULL",
        {u.email, u.firstName, u.lastName, nullIfEmpty(u.phone), nullIfEmpty(u.avatarUrl), u.roleId, u.status,
         u.maxConcurrentChats, u.autoAssignEnabled, searchTextOf(u), now, u.id});
    if (!q.exec()) {
        if (q.isUniqueViolation())
            return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A user with this email already exists"));
        return q.failure();
    }
    if (q.numRowsAffected() == 0)
        return ApiError::notFound();
    return Ok{};
}

Result<qint64> UserStore::countActive(qint64 roleId, qint64 exceptId)
{
    SqlQuery q(m_db,
               "SELECT COUNT(*) FROM users WHERE role_id = ? AND status = 'active' AND deleted_at IS NULL AND id <> ?",
               {roleId, exceptId});
    if (!q.exec())
        return q.failure();
    return q.next() ? q.integer(0) : 0;
}

Result<Ok> UserStore::lockAdminChanges()
{
    if (m_db.dialect() != SqlDialect::Postgres)
        return Ok{};
    SqlQuery q(m_db, "SELECT pg_advisory_xact_lock(70422101)");
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<Ok> UserStore::closeAgentStatusHistory(qint64 userId, qint64 now)
{
    SqlQuery q(m_db, "UPDATE agent_status_history SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL",
               {now, userId});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<Ok> UserStore::softDelete(qint64 userId, qint64 now)
{
    SqlQuery q(m_db,
               "UPDATE users SET deleted_at = ?, updated_at = ?, agent_status = 'offline', agent_status_reason = NULL, "
               "agent_status_changed_at = ? WHERE id = ? AND deleted_at IS NULL",
               {now, now, now, userId});
    if (!q.exec())
        return q.failure();
    if (q.numRowsAffected() == 0)
        return ApiError::notFound();
    CONVERSA_TRY(closeAgentStatusHistory(userId, now));
    return revokeSessions(userId, u"user_deleted"_s, now);
}

Result<Ok> UserStore::revokeSessions(qint64 userId, const QString &reason, qint64 now)
{
    SqlQuery q(m_db,
               "UPDATE auth_sessions SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL",
               {now, reason, userId});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<Ok> UserStore::setAgentStatus(qint64 userId, const QString &status, const QString &reason, bool statusChanged,
                                     bool reasonChanged, qint64 changedBy, qint64 now)
{
    // A new reason alone (paused for lunch, then for a meeting) is a new stretch of the agent's
    // timeline too (docs/REPORTS.md); the status's own start stays.
    if (statusChanged || reasonChanged) {
        CONVERSA_TRY(closeAgentStatusHistory(userId, now));
        SqlQuery history(m_db,
                         "INSERT INTO agent_status_history (user_id, agent_status, reason, changed_by, started_at) "
                         "VALUES (?, ?, ?, ?, ?)",
                         {userId, status, nullIfEmpty(reason), nullIfZero(changedBy), now});
        if (!history.exec())
            return history.failure();
    }
    if (statusChanged) {
        SqlQuery q(m_db,
                   "UPDATE users SET agent_status = ?, agent_status_reason = ?, agent_status_changed_at = ?, "
                   "updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                   {status, nullIfEmpty(reason), now, now, userId});
        if (!q.exec())
            return q.failure();
        return Ok{};
    }
    SqlQuery q(m_db, "UPDATE users SET agent_status_reason = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
               {nullIfEmpty(reason), now, userId});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

}   // namespace Conversa::Server
