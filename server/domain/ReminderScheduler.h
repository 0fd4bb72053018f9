#pragma once

#include <QObject>
#include <QTimer>

namespace Conversa::Server {

class Database;

// Fires task reminders (the OpenAPI document) once each. Every interval it claims the due
// ones with a conditional UPDATE, so with several servers on one database, or across restarts,
// each reminder fires exactly once; one due while no server ran fires at the next start.
// It uses the database connection of the thread it lives on.
class ReminderScheduler final : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 5000;

    explicit ReminderScheduler(Database &db, QObject *parent = nullptr);

    void setInterval(int milliseconds);
    int interval() const { return m_timer.interval(); }
    bool isActive() const { return m_timer.isActive(); }

    void start();   // a first pass at once, then one every interval
    void stop();

    // One pass: claims and fires every reminder due at `now`; returns how many this one fired.
    int fireDue(qint64 now);

signals:
    // For now only logged; the realtime hub will push it to the assignee as task.reminder.
    void reminderFired(qint64 taskId, qint64 userId);

private:
    Database &m_db;
    QTimer m_timer;
};

}   // namespace Conversa::Server
