#pragma once

#include "ResourceController.h"

#include <QVariantList>

// The Tasks screen (server/openapi/paths/tasks.yaml), agents' too: the user's tasks by due date
// (the server's order) with the overdue ones marked (`item.is_overdue`), the status filter and, for
// whoever sees everyone's tasks (tasks.read_all), the assignee filter (the user's own by default);
// a task's detail with its comments; create (optionally on a client or a chat), edit, complete,
// comment, delete. Dates are edited as local "yyyy-MM-dd HH:mm" texts and sent in UTC. A
// `task.reminder` on the socket reloads the list and the open task.
class TasksController : public ResourceController {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool canSeeAll READ canSeeAll NOTIFY permissionsChanged)
    // Whom a task may be given to, {id, name}: the users, for whoever may read them; else none.
    Q_PROPERTY(QVariantList assignees READ assignees NOTIFY assigneesChanged)
public:
    explicit TasksController(QObject *parent = nullptr);

    bool canSeeAll() const { return can(QStringLiteral("tasks.read_all")); }
    QVariantList assignees() const { return m_assignees; }

    // Of the open task; notes may be empty.
    Q_INVOKABLE void complete(const QString &notes);
    Q_INVOKABLE void addComment(const QString &content);

    // An ISO 8601 time of the wire as a local "yyyy-MM-dd HH:mm" (empty for none), and back: a text
    // that is no such time is sent as typed, for the server to name the field.
    Q_INVOKABLE static QString localText(const QString &iso);
    static QJsonValue wireTime(const QString &localText);

signals:
    void assigneesChanged();

protected:
    // form: title, description, priority, status, due_date and reminder_date (local texts),
    // assigned_to_user_id, client_id and chat_id (0: none).
    QJsonObject body(const QVariantMap &form, bool creating) const override;
    QJsonValue current(const QString &key) const override;
    void appReady() override;

private:
    void reminded(qint64 taskId);

    QVariantList m_assignees;
};
