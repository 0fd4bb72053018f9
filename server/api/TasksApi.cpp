#include "TasksApi.h"

#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "core/Validator.h"
#include "http/QueryReader.h"
#include "serialize/TaskJson.h"
#include "store/AuditStore.h"
#include "store/Database.h"

#include <QDateTime>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

constexpr int kMaxTitle = 255;
constexpr int kMaxText = 5000;
constexpr qint64 kMaxJsonId = 9'007'199'254'740'991;   // what a JSON number carries exactly

bool seesAll(const RequestContext &ctx)
{
    return ctx.user->can(Permissions::kTasksReadAll);
}

// An ISO 8601 date and time (UTC when it names no offset), or null to clear: false on a bad value.
bool readTime(Validator &v, const QJsonObject &body, const QString &field, qint64 &out)
{
    static const QRegularExpression stamp(
        u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}(:?\\d{2})?)?$"_s);
    const QJsonValue value = body.value(field);
    if (value.isNull()) {
        out = 0;
        return true;
    }
    const QString s = value.toString().trimmed();
    QDateTime when = stamp.match(s).hasMatch() ? QDateTime::fromString(s, Qt::ISODateWithMs) : QDateTime();
    if (!value.isString() || !when.isValid()) {
        v.fail(field, QT_TRANSLATE_NOOP("Api", "Must be an ISO 8601 date and time"));
        return false;
    }
    if (when.timeSpec() == Qt::LocalTime)
        when.setTimeSpec(Qt::UTC);
    out = when.toSecsSinceEpoch();
    return true;
}

// An optional id: null or absent clears it.
void readOptionalId(Validator &v, const QJsonObject &body, const QString &field, qint64 &out)
{
    if (body.value(field).isNull())
        out = 0;
    else if (const auto n = v.integer(field, true, 1, kMaxJsonId))
        out = *n;
}

void readOptionalText(Validator &v, const QJsonObject &body, const QString &field, QString &out)
{
    const QJsonValue value = body.value(field);
    if (value.isNull() || (value.isString() && value.toString().trimmed().isEmpty()))
        out.clear();
    else if (const auto s = v.string(field, false, kMaxText))
        out = *s;
}

// Applies the body's fields to `t` (the OpenAPI TaskWrite schema); on create title is required.
void applyBody(Validator &v, const QJsonObject &body, Task &t, bool creating)
{
    if (creating || v.has(u"title"_s)) {
        if (const auto s = v.string(u"title"_s, true, kMaxTitle))
            t.title = *s;
    }
    if (v.has(u"description"_s))
        readOptionalText(v, body, u"description"_s, t.description);
    if (v.has(u"client_id"_s))
        readOptionalId(v, body, u"client_id"_s, t.clientId);
    if (v.has(u"chat_id"_s))
        readOptionalId(v, body, u"chat_id"_s, t.chatId);
    if (v.has(u"assigned_to_user_id"_s)) {
        if (const auto n = v.integer(u"assigned_to_user_id"_s, true, 1, kMaxJsonId))
            t.assignedToUserId = *n;
    }
    if (v.has(u"due_date"_s))
        readTime(v, body, u"due_date"_s, t.dueDate);
    if (v.has(u"reminder_date"_s))
        readTime(v, body, u"reminder_date"_s, t.reminderDate);
    if (v.has(u"priority"_s)) {
        if (const auto s = v.oneOf(u"priority"_s, TaskStore::priorities(), true))
            t.priority = *s;
    }
    if (v.has(u"status"_s)) {
        if (const auto s = v.oneOf(u"status"_s, TaskStore::statuses(), true))
            t.status = *s;
    }
    if (v.has(u"completion_notes"_s))
        readOptionalText(v, body, u"completion_notes"_s, t.completionNotes);
}

}   // namespace

TasksApi::TasksApi(Database &db) : m_tasks(db), m_chats(db) {}

void TasksApi::registerRoutes(HttpRouter &router)
{
    const QString task = u"Task"_s;
    router.get(u"/v1/tasks"_s, {.permission = Permissions::kTasksRead, .action = u"task.list"_s, .entityType = task},
               [this](RequestContext &ctx) { return list(ctx); });
    router.post(u"/v1/tasks"_s,
                {.permission = Permissions::kTasksCreate, .action = u"task.create"_s, .entityType = task},
                [this](RequestContext &ctx) { return create(ctx); });
    router.get(u"/v1/tasks/{id}"_s,
               {.permission = Permissions::kTasksRead, .action = u"task.read"_s, .entityType = task},
               [this](RequestContext &ctx) { return show(ctx); });
    router.put(u"/v1/tasks/{id}"_s,
               {.permission = Permissions::kTasksUpdate, .action = u"task.update"_s, .entityType = task},
               [this](RequestContext &ctx) { return update(ctx); });
    router.del(u"/v1/tasks/{id}"_s,
               {.permission = Permissions::kTasksDelete, .action = u"task.delete"_s, .entityType = task},
               [this](RequestContext &ctx) { return remove(ctx); });
    router.post(u"/v1/tasks/{id}/complete"_s,
                {.permission = Permissions::kTasksUpdate, .action = u"task.complete"_s, .entityType = task},
                [this](RequestContext &ctx) { return complete(ctx); });
    router.post(u"/v1/tasks/{id}/comments"_s,
                {.permission = Permissions::kTasksUpdate, .action = u"task.comment"_s, .entityType = task},
                [this](RequestContext &ctx) { return addComment(ctx); });
}

Result<Task> TasksApi::visibleTask(const RequestContext &ctx)
{
    return m_tasks.find(ctx.idParam(), seesAll(ctx) ? 0 : ctx.userId());
}

Result<HttpReply> TasksApi::list(RequestContext &ctx)
{
    QueryReader in(ctx);
    TaskFilter filter;
    filter.assignedToUserId = in.id(u"assigned_to_user_id"_s);
    filter.clientId = in.id(u"client_id"_s);
    filter.status = in.oneOf(u"status"_s, TaskStore::statuses());
    filter.priority = in.oneOf(u"priority"_s, TaskStore::priorities());
    filter.dueFrom = in.time(u"due_from"_s, false);
    filter.dueTo = in.time(u"due_to"_s, true);
    const std::optional<bool> overdue = in.boolean(u"overdue"_s);
    const PageRequest page = in.page();
    if (!in.ok())
        return in.error();
    const qint64 now = nowSeconds();
    if (overdue.value_or(false))
        filter.overdueAt = now;
    if (!seesAll(ctx))
        filter.visibleTo = ctx.userId();
    filter.limit = page.limit;
    filter.offset = page.offset();
    Result<TaskPage> result = m_tasks.list(filter);
    if (!result)
        return result.error();
    JsonWriter w(512 + result->rows.size() * 640);
    w.beginObject().key("data").beginArray();
    for (const Task &t : std::as_const(result->rows)) {
        TaskJson::writeTask(w, t, now);
        w.endObject();
    }
    w.endArray();
    w.pageMeta(page, result->total);
    w.endObject();
    return HttpReply::json(w.take());
}

Result<HttpReply> TasksApi::show(RequestContext &ctx)
{
    Result<Task> t = visibleTask(ctx);
    if (!t)
        return t.error();
    Result<QList<TaskComment>> comments = m_tasks.comments(t->id);
    if (!comments)
        return comments.error();
    return HttpReply::json(TaskJson::taskJson(*t, &*comments));
}

// The checks that need the database, after the body is valid: assignee, client, chat, dates.
// A task on a chat is on the chat's client: a client_id given with it must be that client, and
// without one (absent or null) the task takes the chat's client.
static Result<Ok> checkTask(TaskStore &tasks, ChatStore &chats, const RequestContext &ctx, const Task &before, Task &t)
{
    Validator v(ctx.body);
    if (t.assignedToUserId != before.assignedToUserId) {
        if (t.assignedToUserId != ctx.userId() && !ctx.user->can(Permissions::kTasksReadAll)) {
            v.fail(u"assigned_to_user_id"_s, QT_TRANSLATE_NOOP("Api", "You can only assign tasks to yourself"));
        } else {
            const Result<bool> live = tasks.liveUser(t.assignedToUserId);
            if (!live)
                return live.error();
            if (!*live)
                v.fail(u"assigned_to_user_id"_s, QT_TRANSLATE_NOOP("Api", "Unknown user"));
        }
    }
    if (t.clientId && t.clientId != before.clientId) {
        const Result<bool> live = tasks.liveClient(t.clientId);
        if (!live)
            return live.error();
        if (!*live)
            v.fail(u"client_id"_s, QT_TRANSLATE_NOOP("Api", "Unknown client"));
    }
    if (t.chatId && (t.chatId != before.chatId || t.clientId != before.clientId)) {
        // A chat newly named must be one the caller may see; the one the task is already on
        // need not be (it may have moved to another agent since).
        const bool clientGiven = t.clientId && ctx.body.contains(u"client_id"_s);
        const Result<Chat> chat =
            t.chatId != before.chatId ? chats.findVisible(t.chatId, *ctx.user) : chats.find(t.chatId);
        if (!chat && chat.error().status() != 404)
            return chat.error();
        if (!chat)
            v.fail(u"chat_id"_s, QT_TRANSLATE_NOOP("Api", "Unknown chat"));
        else if (clientGiven && t.clientId != chat->client.id)
            v.fail(u"chat_id"_s, QT_TRANSLATE_NOOP("Api", "The chat belongs to another client"));
        else
            t.clientId = chat->client.id;
    }
    if (t.reminderDate && t.dueDate && t.reminderDate >= t.dueDate)
        v.fail(u"reminder_date"_s, QT_TRANSLATE_NOOP("Api", "Must be before the due date"));
    if (!v.ok())
        return v.error();
    return Ok{};
}

Result<HttpReply> TasksApi::create(RequestContext &ctx)
{
    Task t;
    Validator v(ctx.body);
    applyBody(v, ctx.body, t, true);
    if (!v.ok())
        return v.error();
    if (!t.assignedToUserId)
        t.assignedToUserId = ctx.userId();
    t.createdByUserId = ctx.userId();
    Task before;
    before.assignedToUserId = ctx.userId();   // assigning to oneself needs no check
    CONVERSA_TRY(checkTask(m_tasks, m_chats, ctx, before, t));
    const qint64 now = nowSeconds();
    if (t.status == "completed"_L1)
        t.completedAt = now;
    const Result<qint64> id = m_tasks.insert(t, now);
    if (!id)
        return id.error();
    Result<Task> created = m_tasks.find(*id);
    if (!created)
        return created.error();
    ctx.audit.entityId = *id;
    ctx.audit.changes = AuditStore::diff({}, TaskStore::auditFields(*created));
    const QList<TaskComment> none;
    return HttpReply::json(TaskJson::taskJson(*created, &none), 201);
}

Result<HttpReply> TasksApi::update(RequestContext &ctx)
{
    Result<Task> before = visibleTask(ctx);
    if (!before)
        return before.error();
    Task after = *before;
    Validator v(ctx.body);
    applyBody(v, ctx.body, after, false);
    if (!v.ok())
        return v.error();
    CONVERSA_TRY(checkTask(m_tasks, m_chats, ctx, *before, after));
    const qint64 now = nowSeconds();
    if (after.status != before->status)
        after.completedAt = after.status == "completed"_L1 ? now : 0;
    if (after.reminderDate != before->reminderDate)
        after.reminderFiredAt = 0;   // a new reminder time fires again
    ctx.audit.changes = AuditStore::diff(TaskStore::auditFields(*before), TaskStore::auditFields(after));
    if (!ctx.audit.changes.isEmpty())
        CONVERSA_TRY(m_tasks.update(after, now));
    Result<Task> saved = m_tasks.find(after.id);
    if (!saved)
        return saved.error();
    Result<QList<TaskComment>> comments = m_tasks.comments(after.id);
    if (!comments)
        return comments.error();
    return HttpReply::json(TaskJson::taskJson(*saved, &*comments));
}

Result<HttpReply> TasksApi::remove(RequestContext &ctx)
{
    Result<Task> t = visibleTask(ctx);
    if (!t)
        return t.error();
    const qint64 now = nowSeconds();
    CONVERSA_TRY(m_tasks.softDelete(t->id, now));
    ctx.audit.changes = {{u"deleted_at"_s, QJsonObject{{u"from"_s, QJsonValue()}, {u"to"_s, isoTime(now)}}}};
    return HttpReply::noContent();
}

Result<HttpReply> TasksApi::complete(RequestContext &ctx)
{
    Validator v(ctx.body);
    QString notes;
    if (v.has(u"completion_notes"_s))
        readOptionalText(v, ctx.body, u"completion_notes"_s, notes);
    if (!v.ok())
        return v.error();
    Result<Task> before = visibleTask(ctx);
    if (!before)
        return before.error();
    if (before->status == "completed"_L1)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "The task is already completed"));
    Task after = *before;
    const qint64 now = nowSeconds();
    after.status = u"completed"_s;
    after.completedAt = now;
    after.completionNotes = notes;
    CONVERSA_TRY(m_tasks.update(after, now));
    ctx.audit.changes = AuditStore::diff(TaskStore::auditFields(*before), TaskStore::auditFields(after));
    after.updatedAt = now;
    Result<QList<TaskComment>> comments = m_tasks.comments(after.id);
    if (!comments)
        return comments.error();
    return HttpReply::json(TaskJson::taskJson(after, &*comments));
}

Result<HttpReply> TasksApi::addComment(RequestContext &ctx)
{
    Validator v(ctx.body);
    const std::optional<QString> content = v.string(u"content"_s, true, kMaxText);
    if (!v.ok())
        return v.error();
    Result<Task> t = visibleTask(ctx);
    if (!t)
        return t.error();
    const qint64 now = nowSeconds();
    const Result<qint64> id = m_tasks.addComment(t->id, ctx.userId(), *content, now);
    if (!id)
        return id.error();
    ctx.audit.changes = AuditStore::diff({}, {{u"comment_id"_s, *id}, {u"content"_s, *content}});
    const TaskComment c{*id, t->id, ctx.userId(), ctx.user->firstName, ctx.user->lastName, *content, now};
    JsonWriter w(256 + content->size());
    TaskJson::writeComment(w, c);
    return HttpReply::json(w.take(), 201);
}

}   // namespace Conversa::Server
