#pragma once

#include "AppContext.h"

#include <QObject>
#include <QPointer>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

// The `task.reminder` socket events (docs/REALTIME.md) of the signed-in user, for the workspace's
// in-app notification: `latest` is the task of the newest one (as GET /v1/tasks/{id} answers it).
// Clicking the notification asks for the task to be opened (openTask): whichever Tasks screen
// exists, or is built next, takes the request (takeRequest) and shows it.
class TaskReminders : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(AppContext *app READ app WRITE setApp NOTIFY appChanged)
    Q_PROPERTY(QVariantMap latest READ latest NOTIFY reminded)
    Q_PROPERTY(qint64 requestedTaskId READ requestedTaskId NOTIFY openRequested)
public:
    explicit TaskReminders(QObject *parent = nullptr);

    AppContext *app() const { return m_app; }
    void setApp(AppContext *app);
    QVariantMap latest() const { return m_latest; }
    qint64 requestedTaskId() const { return m_requested; }

    Q_INVOKABLE void openTask(qint64 taskId);
    // The task asked for (0: none), now handled.
    Q_INVOKABLE qint64 takeRequest();

signals:
    void appChanged();
    void reminded();
    void openRequested();

private:
    QPointer<AppContext> m_app;
    QVariantMap m_latest;
    qint64 m_requested = 0;
};
