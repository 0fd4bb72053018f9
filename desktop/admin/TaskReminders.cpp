#include "TaskReminders.h"

TaskReminders::TaskReminders(QObject *parent) : QObject(parent) {}

void TaskReminders::setApp(AppContext *app)
{
    if (m_app == app)
        return;
    if (m_app)
        disconnect(&m_app->events(), nullptr, this, nullptr);
    m_app = app;
    if (app) {
        connect(&app->events(), &Conversa::RealtimeEvents::taskReminder, this,
                [this](const Conversa::TaskReminderEventDto &e) {
                    m_latest = e.task.toJson().toVariantMap();
                    emit reminded();
                });
    }
    emit appChanged();
}

void TaskReminders::openTask(qint64 taskId)
{
    m_requested = taskId;
    emit openRequested();
}

qint64 TaskReminders::takeRequest()
{
    const qint64 id = m_requested;
    m_requested = 0;
    return id;
}
