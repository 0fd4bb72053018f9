#include "TasksController.h"

#include "AppContext.h"
#include "SessionController.h"

#include <QDateTime>
#include <QJsonArray>

using namespace Qt::StringLiterals;
using Conversa::ApiResult;

namespace {
const QString kLocalFormat = u"yyyy-MM-dd HH:mm"_s;
}

TasksController::TasksController(QObject *parent)
    : ResourceController(u"/v1/tasks"_s, {u"tasks.create"_s, u"tasks.update"_s, u"tasks.delete"_s}, parent)
{}

QString TasksController::localText(const QString &iso)
{
    const QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return t.isValid() ? t.toLocalTime().toString(kLocalFormat) : QString();
}

QJsonValue TasksController::wireTime(const QString &localText)
{
    const QString text = localText.trimmed();
    if (text.isEmpty())
        return QJsonValue::Null;
    QDateTime t = QDateTime::fromString(text, kLocalFormat);
    if (!t.isValid())
        t = QDateTime::fromString(text, u"yyyy-MM-dd"_s);
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODate)) : QJsonValue(text);
}

void TasksController::appReady()
{
    // Connected once: appReady runs again after a change of app.
    disconnect(&app()->events(), nullptr, this, nullptr);
    connect(&app()->events(), &Conversa::RealtimeEvents::taskReminder, this,
            [this](const Conversa::TaskReminderEventDto &e) { reminded(e.task.id); });
    // Whoever sees everyone's tasks starts with their own.
    if (canSeeAll() && !model()->filters().contains(u"assigned_to_user_id"_s))
        model()->setFilters({{u"assigned_to_user_id"_s, QString::number(app()->session()->userId())}});
    if (!can(u"users.read"_s))
        return;
    app()->api().getResource(
        u"/v1/users"_s, {{u"limit"_s, u"100"_s}, {u"status"_s, u"active"_s}}, this,
        [this](const ApiResult<QJsonObject> &r) {
            if (!r)
                return;
            m_assignees.clear();
            for (const QJsonValue &v : r->value(u"data"_s).toArray()) {
                const QJsonObject u = v.toObject();
                const QString name =
                    QString(u.value(u"first_name"_s).toString() + u' ' + u.value(u"last_name"_s).toString()).trimmed();
                m_assignees.append(QVariantMap{{u"id"_s, u.value(u"id"_s).toInteger()}, {u"name"_s, name}});
            }
            emit assigneesChanged();
        });
}

void TasksController::reminded(qint64 taskId)
{
    model()->refresh();
    if (taskId == itemId())
        open(taskId);
}

QJsonObject TasksController::body(const QVariantMap &form, bool creating) const
{
    QJsonObject out;
    for (const QString &key : {u"title"_s, u"priority"_s, u"status"_s}) {
        if (form.contains(key))
            out.insert(key, form.value(key).toString().trimmed());
    }
    if (form.contains(u"description"_s)) {
        const QString text = form.value(u"description"_s).toString().trimmed();
        out.insert(u"description"_s, text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text));
    }
    for (const QString &key : {u"due_date"_s, u"reminder_date"_s}) {
        if (form.contains(key))
            out.insert(key, wireTime(form.value(key).toString()));
    }
    // 0: the caller (on create), else left as it is.
    if (form.value(u"assigned_to_user_id"_s).toLongLong() > 0)
        out.insert(u"assigned_to_user_id"_s, form.value(u"assigned_to_user_id"_s).toLongLong());
    for (const QString &key : {u"client_id"_s, u"chat_id"_s}) {
        if (!form.contains(key))
            continue;
        const qint64 id = form.value(key).toLongLong();
        if (id > 0)
            out.insert(key, id);
        else if (!creating)
            out.insert(key, QJsonValue::Null);
    }
    return out;
}

QJsonValue TasksController::current(const QString &key) const
{
    // The same instant may be written differently (milliseconds, an offset): compared as times.
    if (key == "due_date"_L1 || key == "reminder_date"_L1) {
        const QDateTime t = QDateTime::fromString(currentItem().value(key).toString(), Qt::ISODateWithMs);
        return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
    }
    return ResourceController::current(key);
}

void TasksController::complete(const QString &notes)
{
    const qint64 id = itemId();
    if (id == 0)
        return;
    QJsonObject body;
    if (!notes.trimmed().isEmpty())
        body.insert(u"completion_notes"_s, notes.trimmed());
    call("POST", itemPath(id) + u"/complete"_s, body, [this](const QJsonObject &answer) {
        setItem(answer);
        model()->replace(answer);
        setMessages({}, tr("Task completed"));
    });
}

void TasksController::addComment(const QString &content)
{
    const qint64 id = itemId();
    if (id == 0)
        return;
    call("POST", itemPath(id) + u"/comments"_s, {{u"content"_s, content.trimmed()}},
         [this, id](const QJsonObject &comment) {
             if (itemId() != id)
                 return;
             QJsonObject task = currentItem();
             QJsonArray comments = task.value(u"comments"_s).toArray();
             comments.append(comment);
             task.insert(u"comments"_s, comments);
             setItem(task);
             setMessages({}, tr("Comment added"));
         });
}
