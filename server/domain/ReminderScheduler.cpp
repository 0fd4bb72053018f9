#include "ReminderScheduler.h"

#include "store/Database.h"
#include "store/TaskStore.h"

#include <QLoggingCategory>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcReminders, "conversa.server.tasks.reminders")

namespace {
constexpr int kBatch = 100;
}

ReminderScheduler::ReminderScheduler(Database &db, QObject *parent) : QObject(parent), m_db(db)
{
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { fireDue(nowSeconds()); });
}

void ReminderScheduler::setInterval(int milliseconds)
{
    m_timer.setInterval(qMax(1, milliseconds));
}

void ReminderScheduler::start()
{
    m_timer.start();
    QTimer::singleShot(0, this, [this] {
        if (m_timer.isActive())
            fireDue(nowSeconds());
    });
}

void ReminderScheduler::stop()
{
    m_timer.stop();
}

int ReminderScheduler::fireDue(qint64 now)
{
    TaskStore tasks(m_db);
    int fired = 0;
    for (;;) {
        const Result<QList<DueReminder>> due = tasks.dueReminders(now, kBatch);
        if (!due)
            return fired;   // logged by the store; the next pass tries again
        for (const DueReminder &r : *due) {
            const Result<bool> won = tasks.claimReminder(r.taskId, now);
            if (!won)
                return fired;
            if (!*won)
                continue;   // another scheduler fired it
            ++fired;
            qCInfo(lcReminders) << "reminder for task" << r.taskId << "to user" << r.userId;
            emit reminderFired(r.taskId, r.userId);
        }
        // Every row seen is claimed now (by us or another), so a full batch means there may be more.
        if (due->size() < kBatch)
            return fired;
    }
}

}   // namespace Conversa::Server
