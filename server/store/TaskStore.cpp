#include "TaskStore.h"

#include "Database.h"
#include "core/JsonWriter.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

const char *const kTaskSelect =
    "SELECT t.id, t.client_id, t.chat_id, t.assigned_to_user_id, t.created_by_user_id, t.title, t.description, "
    "t.due_date, t.reminder_date, t.reminder_fired_at, t.priority, t.status, t.completed_at, t.completion_notes, "
    "t.created_at, t.updated_at, u.first_name, u.last_name, c.first_name, c.last_name, c.phone_number "
    "FROM tasks t JOIN users u ON u.id = t.assigned_to_user_id LEFT JOIN clients c ON c.id = t.client_id";

Task readTask(const SqlQuery &q)
{
    Task t;
    t.id = q.integer(0);
    t.clientId = q.integer(1);
    t.chatId = q.integer(2);
    t.assignedToUserId = q.integer(3);
    t.createdByUserId = q.integer(4);
    t.title = q.string(5);
    t.description = q.string(6);
    t.dueDate = q.integer(7);
    t.reminderDate = q.integer(8);
    t.reminderFiredAt = q.integer(9);
    t.priority = q.string(10);
    t.status = q.string(11);
    t.completedAt = q.integer(12);
    t.completionNotes = q.string(13);
    t.createdAt = q.integer(14);
    t.updatedAt = q.integer(15);
    t.assigneeFirstName = q.string(16);
    t.assigneeLastName = q.string(17);
    t.clientFirstName = q.string(18);
    t.clientLastName = q.string(19);
    t.clientPhone = q.string(20);
    return t;
}

QString conditionsOf(const TaskFilter &f, QVariantList &values)
{
    QString sql;
    if (f.visibleTo) {
        sql += u" AND (t.assigned_to_user_id = ? OR t.created_by_user_id = ?)"_s;
        values << f.visibleTo << f.visibleTo;
    }
    if (f.assignedToUserId) {
        sql += u" AND t.assigned_to_user_id = ?"_s;
        values << f.assignedToUserId;
    }
    if (f.clientId) {
        sql += u" AND t.client_id = ?"_s;
        values << f.clientId;
    }
    if (!f.status.isEmpty()) {
        sql += u" AND t.status = ?"_s;
        values << f.status;
    }
    if (!f.priority.isEmpty()) {
        sql += u" AND t.priority = ?"_s;
        values << f.priority;
    }
    if (f.dueFrom) {
        sql += u" AND t.due_date >= ?"_s;
        values << *f.dueFrom;
    }
    if (f.dueTo) {
        sql += u" AND t.due_date <= ?"_s;
        values << *f.dueTo;
    }
    if (f.overdueAt) {
        sql += u" AND t.due_date < ? AND t.status IN ('pending', 'in_progress')"_s;
        values << f.overdueAt;
    }
    return sql;
}

QVariantList taskValues(const Task &t)
{
    return {nullIfZero(t.clientId),
            nullIfZero(t.chatId),
            t.assignedToUserId,
            t.title,
            nullIfEmpty(t.description),
            nullIfZero(t.dueDate),
            nullIfZero(t.reminderDate),
            nullIfZero(t.reminderFiredAt),
            t.priority,
            t.status,
            nullIfZero(t.completedAt),
            nullIfEmpty(t.completionNotes)};
}

}   // namespace

const QStringList &TaskStore::priorities()
{
    static const QStringList values{u"low"_s, u"medium"_s, u"high"_s, u"urgent"_s};
    return values;
}

const QStringList &TaskStore::statuses()
{
    static const QStringList values{u"pending"_s, u"in_progress"_s, u"completed"_s, u"cancelled"_s};
    return values;
}

bool TaskStore::isOpen(const QString &status)
{
    return status == "pending"_L1 || status == "in_progress"_L1;
}

QJsonObject TaskStore::auditFields(const Task &t)
{
    const auto id = [](qint64 n) { return n ? QJsonValue(n) : QJsonValue(); };
    const auto time = [](qint64 n) { return n ? QJsonValue(isoTime(n)) : QJsonValue(); };
    const auto text = [](const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    return {{u"client_id"_s, id(t.clientId)},
            {u"chat_id"_s, id(t.chatId)},
            {u"assigned_to_user_id"_s, id(t.assignedToUserId)},
            {u"title"_s, t.title},
            {u"description"_s, text(t.description)},
            {u"due_date"_s, time(t.dueDate)},
            {u"reminder_date"_s, time(t.reminderDate)},
            {u"priority"_s, t.priority},
            {u"status"_s, t.status},
            {u"completed_at"_s, time(t.completedAt)},
            {u"completion_notes"_s, text(t.completionNotes)}};
}

Result<TaskPage> TaskStore::list(const TaskFilter &filter)
{
    QVariantList values;
    const QString where = u" WHERE t.deleted_at IS NULL"_s + conditionsOf(filter, values);
    TaskPage page;
    const Result<qint64> total = queryInteger(m_db, u"SELECT COUNT(*) FROM tasks t"_s + where, values);
    if (!total)
        return total.error();
    page.total = *total;
    if (page.total <= filter.offset)
        return page;
    values << filter.limit << filter.offset;
    SqlQuery q(m_db,
               QLatin1StringView(kTaskSelect) + where +
                   u" ORDER BY CASE WHEN t.due_date IS NULL THEN 1 ELSE 0 END, t.due_date, t.id LIMIT ? OFFSET ?"_s,
               values);
    if (!q.exec())
        return q.failure();
    while (q.next())
        page.rows.append(readTask(q));
    return page;
}

Result<Task> TaskStore::find(qint64 id, qint64 visibleTo)
{
    QVariantList values{id};
    QString sql = QLatin1StringView(kTaskSelect) + u" WHERE t.id = ? AND t.deleted_at IS NULL"_s;
    if (visibleTo) {
        sql += u" AND (t.assigned_to_user_id = ? OR t.created_by_user_id = ?)"_s;
        values << visibleTo << visibleTo;
    }
    SqlQuery q(m_db, sql, values);
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    return readTask(q);
}

Result<QList<TaskComment>> TaskStore::comments(qint64 taskId)
{
    SqlQuery q(m_db,
               "SELECT m.id, m.task_id, m.user_id, u.first_name, u.last_name, m.content, m.created_at "
               "FROM task_comments m JOIN users u ON u.id = m.user_id WHERE m.task_id = ? ORDER BY m.id",
               {taskId});
    if (!q.exec())
        return q.failure();
    QList<TaskComment> out;
    while (q.next())
        out.append({q.integer(0), q.integer(1), q.integer(2), q.string(3), q.string(4), q.string(5), q.integer(6)});
    return out;
}

Result<qint64> TaskStore::insert(const Task &task, qint64 now)
{
    QVariantList values = taskValues(task);
    values << task.createdByUserId << now << now;
    SqlQuery q(m_db,
               u"INSERT INTO tasks (client_id, chat_id, assigned_to_user_id, title, description, due_date, "
               "reminder_date, reminder_fired_at, priority, status, completed_at, completion_notes, "
               "created_by_user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
               "RETURNING id"_s,
               values);
    if (!q.exec() || !q.next())
        return q.failure();
    return q.integer(0);
}

Result<Ok> TaskStore::update(const Task &task, qint64 now)
{
    QVariantList values = taskValues(task);
    values << now << task.id;
    SqlQuery q(m_db,
               u"UPDATE tasks SET client_id = ?, chat_id = ?, assigned_to_user_id = ?, title = ?, description = ?, "
               "due_date = ?, reminder_date = ?, reminder_fired_at = ?, priority = ?, status = ?, completed_at = ?, "
               "completion_notes = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL"_s,
               values);
    if (!q.exec())
        return q.failure();
    if (q.numRowsAffected() == 0)
        return ApiError::notFound();
    return Ok{};
}

Result<Ok> TaskStore::softDelete(qint64 id, qint64 now)
{
    SqlQuery q(m_db, "UPDATE tasks SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
               {now, now, id});
    if (!q.exec())
        return q.failure();
    if (q.numRowsAffected() == 0)
        return ApiError::notFound();
    return Ok{};
}

Result<qint64> TaskStore::addComment(qint64 taskId, qint64 userId, const QString &content, qint64 now)
{
    SqlQuery q(m_db,
               "INSERT INTO task_comments (task_id, user_id, content, created_at) VALUES (?, ?, ?, ?) RETURNING id",
               {taskId, userId, content, now});
    if (!q.exec() || !q.next())
        return q.failure();
    return q.integer(0);
}

Result<bool> TaskStore::liveUser(qint64 userId)
{
    SqlQuery q(m_db, "SELECT 1 FROM users WHERE id = ? AND deleted_at IS NULL", {userId});
    if (!q.exec())
        return q.failure();
    return q.next();
}

Result<bool> TaskStore::liveClient(qint64 clientId)
{
    SqlQuery q(m_db, "SELECT 1 FROM clients WHERE id = ? AND deleted_at IS NULL", {clientId});
    if (!q.exec())
        return q.failure();
    return q.next();
}

Result<QList<ClientTask>> TaskStore::tasksOfClient(qint64 clientId, qint64 onlyForUserId, int limit)
{
    // Without tasks.read_all a caller sees the tasks assigned to or created by them (the list's rule).
    SqlQuery q(m_db,
               QString::fromLatin1(
                   onlyForUserId > 0
                       ? "SELECT id, title, due_date, status FROM tasks WHERE client_id = ? AND deleted_at IS NULL "
                         "AND (assigned_to_user_id = ? OR created_by_user_id = ?) "
                         "ORDER BY CASE WHEN due_date IS NULL THEN 1 ELSE 0 END, due_date, id LIMIT ?"
                       : "SELECT id, title, due_date, status FROM tasks WHERE client_id = ? AND deleted_at IS NULL "
                         "ORDER BY CASE WHEN due_date IS NULL THEN 1 ELSE 0 END, due_date, id LIMIT ?"),
               onlyForUserId > 0 ? QVariantList{clientId, onlyForUserId, onlyForUserId, limit}
                                 : QVariantList{clientId, limit});
    if (!q.exec())
        return q.failure();
    QList<ClientTask> out;
    while (q.next())
        out.append({q.integer(0), q.string(1), q.integer(2), q.string(3)});
    return out;
}

Result<QList<DueReminder>> TaskStore::dueReminders(qint64 now, int limit)
{
    SqlQuery q(m_db,
               "SELECT id, assigned_to_user_id FROM tasks WHERE reminder_fired_at IS NULL AND deleted_at IS NULL "
               "AND reminder_date <= ? AND status IN ('pending', 'in_progress') ORDER BY reminder_date, id LIMIT ?",
               {now, limit});
    if (!q.exec())
        return q.failure();
    QList<DueReminder> out;
    while (q.next())
        out.append({q.integer(0), q.integer(1)});
    return out;
}

Result<bool> TaskStore::claimReminder(qint64 taskId, qint64 now)
{
    // The condition on reminder_fired_at makes the claim atomic: of several schedulers (threads,
    // processes, hosts on one PostgreSQL) exactly one sees a changed row.
    SqlQuery q(m_db, "UPDATE tasks SET reminder_fired_at = ? WHERE id = ? AND reminder_fired_at IS NULL",
               {now, taskId});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() == 1;
}

}   // namespace Conversa::Server
