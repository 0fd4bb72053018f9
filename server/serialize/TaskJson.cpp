#include "TaskJson.h"

#include "core/JsonWriter.h"
#include "store/Database.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

void TaskJson::writeTask(JsonWriter &w, const Task &t, qint64 now)
{
    w.beginObject().field("id", t.id);
    w.key("client_id");
    if (t.clientId)
        w.value(t.clientId);
    else
        w.null();
    w.key("client");
    if (t.clientId) {
        w.beginObject().field("id", t.clientId);
        w.textOrNull("first_name", t.clientFirstName);
        w.textOrNull("last_name", t.clientLastName);
        w.field("phone_number", t.clientPhone).endObject();
    } else {
        w.null();
    }
    w.key("chat_id");
    if (t.chatId)
        w.value(t.chatId);
    else
        w.null();
    w.field("assigned_to_user_id", t.assignedToUserId);
    w.key("assigned_to").beginObject().field("id", t.assignedToUserId).field("first_name", t.assigneeFirstName);
    w.field("last_name", t.assigneeLastName).endObject();
    w.field("created_by_user_id", t.createdByUserId).field("title", t.title);
    w.textOrNull("description", t.description);
    w.timeOrNull("due_date", t.dueDate).timeOrNull("reminder_date", t.reminderDate);
    w.timeOrNull("reminder_fired_at", t.reminderFiredAt);
    w.field("priority", t.priority).field("status", t.status);
    w.field("is_overdue", t.dueDate && t.dueDate < now && TaskStore::isOpen(t.status));
    w.timeOrNull("completed_at", t.completedAt);
    w.textOrNull("completion_notes", t.completionNotes);
    w.timeOrNull("created_at", t.createdAt).timeOrNull("updated_at", t.updatedAt);
}

void TaskJson::writeComment(JsonWriter &w, const TaskComment &c)
{
    w.beginObject().field("id", c.id).field("task_id", c.taskId).field("user_id", c.userId);
    w.key("user").beginObject().field("id", c.userId).field("first_name", c.userFirstName);
    w.field("last_name", c.userLastName).endObject();
    w.field("content", c.content).timeOrNull("created_at", c.createdAt).endObject();
}

QByteArray TaskJson::taskJson(const Task &t, const QList<TaskComment> *comments)
{
    JsonWriter w(1024);
    writeTask(w, t, nowSeconds());
    if (comments) {
        w.key("comments").beginArray();
        for (const TaskComment &c : *comments)
            writeComment(w, c);
        w.endArray();
    }
    w.endObject();
    return w.take();
}

Result<QByteArray> TaskJson::taskJsonOf(Database &db, qint64 taskId)
{
    TaskStore tasks(db);
    const Result<Task> t = tasks.find(taskId);
    if (!t)
        return t.error();
    const Result<QList<TaskComment>> comments = tasks.comments(taskId);
    if (!comments)
        return comments.error();
    return taskJson(*t, &*comments);
}

}   // namespace Conversa::Server
