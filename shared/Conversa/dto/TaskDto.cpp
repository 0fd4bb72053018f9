#include "TaskDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

TaskCommentDto TaskCommentDto::fromJson(const QJsonObject &json)
{
    TaskCommentDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.taskId = r.integer(u"task_id"_s);
    x.userId = r.integer(u"user_id"_s);
    x.user = r.nested<UserRefDto>(u"user"_s);
    x.content = r.string(u"content"_s);
    x.createdAt = r.time(u"created_at"_s);
    return x;
}

QJsonObject TaskCommentDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"task_id"_s, taskId);
    w.put(u"user_id"_s, userId);
    w.putNested(u"user"_s, user);
    w.put(u"content"_s, content);
    w.put(u"created_at"_s, createdAt);
    return w.result();
}

TaskDto TaskDto::fromJson(const QJsonObject &json)
{
    TaskDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.clientId = r.optInteger(u"client_id"_s);
    x.client = r.nested<ClientDto>(u"client"_s);
    x.chatId = r.optInteger(u"chat_id"_s);
    x.assignedToUserId = r.integer(u"assigned_to_user_id"_s);
    x.assignedTo = r.nested<UserRefDto>(u"assigned_to"_s);
    x.createdByUserId = r.integer(u"created_by_user_id"_s);
    x.title = r.string(u"title"_s);
    x.description = r.optString(u"description"_s);
    x.dueDate = r.time(u"due_date"_s);
    x.reminderDate = r.time(u"reminder_date"_s);
    x.reminderFiredAt = r.time(u"reminder_fired_at"_s);
    x.priority = r.string(u"priority"_s);
    x.status = r.string(u"status"_s);
    x.isOverdue = r.boolean(u"is_overdue"_s);
    x.completedAt = r.time(u"completed_at"_s);
    x.completionNotes = r.optString(u"completion_notes"_s);
    x.createdAt = r.time(u"created_at"_s);
    x.updatedAt = r.time(u"updated_at"_s);
    x.comments = r.list<TaskCommentDto>(u"comments"_s);
    return x;
}

QJsonObject TaskDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"client_id"_s, clientId);
    w.putNested(u"client"_s, client);
    w.put(u"chat_id"_s, chatId);
    w.put(u"assigned_to_user_id"_s, assignedToUserId);
    w.putNested(u"assigned_to"_s, assignedTo);
    w.put(u"created_by_user_id"_s, createdByUserId);
    w.put(u"title"_s, title);
    w.put(u"description"_s, description);
    w.put(u"due_date"_s, dueDate);
    w.put(u"reminder_date"_s, reminderDate);
    w.put(u"reminder_fired_at"_s, reminderFiredAt);
    w.put(u"priority"_s, priority);
    w.put(u"status"_s, status);
    w.put(u"is_overdue"_s, isOverdue);
    w.put(u"completed_at"_s, completedAt);
    w.put(u"completion_notes"_s, completionNotes);
    w.put(u"created_at"_s, createdAt);
    w.put(u"updated_at"_s, updatedAt);
    w.putList(u"comments"_s, comments);
    return w.result();
}

}   // namespace Conversa
