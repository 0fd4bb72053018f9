#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Conversa::Server {

class Database;

// One task (the OpenAPI Task schema). Times are epoch seconds, 0 when unset; ids 0 when unset.
struct Task {
    qint64 id = 0;
    qint64 clientId = 0;
    qint64 chatId = 0;   // a chat of the task's client (TasksApi checks it)
    qint64 assignedToUserId = 0;
    qint64 createdByUserId = 0;
    QString title;
    QString description;
    qint64 dueDate = 0;
    qint64 reminderDate = 0;
    qint64 reminderFiredAt = 0;
    QString priority = QStringLiteral("medium");
    QString status = QStringLiteral("pending");
    qint64 completedAt = 0;
    QString completionNotes;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    // Read-only, joined for the answer.
    QString assigneeFirstName;
    QString assigneeLastName;
    QString clientFirstName;
    QString clientLastName;
    QString clientPhone;
};

struct TaskComment {
    qint64 id = 0;
    qint64 taskId = 0;
    qint64 userId = 0;
    QString userFirstName;
    QString userLastName;
    QString content;
    qint64 createdAt = 0;
};

struct TaskFilter {
    qint64 visibleTo = 0;   // not 0: only tasks assigned to or created by this user
    qint64 assignedToUserId = 0;
    qint64 clientId = 0;
    QString status;
    QString priority;
    std::optional<qint64> dueFrom;
    std::optional<qint64> dueTo;
    qint64 overdueAt = 0;   // not 0: open tasks due before this time
    int limit = 20;
    qint64 offset = 0;
};

struct TaskPage {
    QList<Task> rows;
    qint64 total = 0;
};

// What GET /v1/clients/:id lists of a client's tasks.
struct ClientTask {
    qint64 id = 0;
    QString title;
    qint64 dueDate = 0;
    QString status;
};

// A reminder the scheduler claimed.
struct DueReminder {
    qint64 taskId = 0;
    qint64 userId = 0;
};

// SQL for tasks and their comments.
class TaskStore {
public:
    explicit TaskStore(Database &db) : m_db(db) {}

    static const QStringList &priorities();
    static const QStringList &statuses();
    static bool isOpen(const QString &status);
    // The editable fields as the audit log records them; also tells what changed.
    static QJsonObject auditFields(const Task &task);

    // Due date first (undated last), then id.
    Result<TaskPage> list(const TaskFilter &filter);
    // 404 when missing or deleted, or when visibleTo is set and the task is neither assigned
    // to nor created by that user.
    Result<Task> find(qint64 id, qint64 visibleTo = 0);
    Result<QList<TaskComment>> comments(qint64 taskId);

    Result<qint64> insert(const Task &task, qint64 now);
    // Every editable column; reminder_fired_at is written as given (the caller re-arms it).
    Result<Ok> update(const Task &task, qint64 now);
    Result<Ok> softDelete(qint64 id, qint64 now);
    Result<qint64> addComment(qint64 taskId, qint64 userId, const QString &content, qint64 now);

    Result<bool> liveUser(qint64 userId);
    Result<bool> liveClient(qint64 clientId);

    // For GET /v1/clients/:id: the client's live tasks, due date first; with onlyForUserId, those
    // assigned to or created by that user.
    Result<QList<ClientTask>> tasksOfClient(qint64 clientId, qint64 onlyForUserId, int limit);

    // Open tasks whose reminder is due at `now` and not fired yet (at most `limit`), oldest first.
    Result<QList<DueReminder>> dueReminders(qint64 now, int limit);
    // Marks the reminder fired unless someone else did first; true when this caller won it.
    Result<bool> claimReminder(qint64 taskId, qint64 now);

private:
    Database &m_db;
};

}   // namespace Conversa::Server
