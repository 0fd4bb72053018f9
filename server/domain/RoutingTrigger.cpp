#include "RoutingTrigger.h"

namespace Conversa::Server {

void RoutingTrigger::campaigns(const QList<qint64> &ids)
{
    QMutexLocker locked(&m_mutex);
    if (!m_wake)
        return;
    for (const qint64 id : ids) {
        if (id > 0)
            m_pending.campaigns.insert(id);
    }
    notify(locked);
}

void RoutingTrigger::agent(qint64 userId)
{
    QMutexLocker locked(&m_mutex);
    if (!m_wake || userId <= 0)
        return;
    m_pending.agents.insert(userId);
    notify(locked);
}

void RoutingTrigger::notify(QMutexLocker<QMutex> &)
{
    // One wake-up per batch: notices that arrive before the worker takes them ride along.
    if (m_woken)
        return;
    m_woken = true;
    m_wake();
}

void RoutingTrigger::attach(std::function<void()> wake)
{
    QMutexLocker locked(&m_mutex);
    m_wake = std::move(wake);
    m_woken = false;
}

void RoutingTrigger::detach()
{
    QMutexLocker locked(&m_mutex);
    m_wake = nullptr;
    m_pending = {};
}

RoutingTrigger::Pending RoutingTrigger::take()
{
    QMutexLocker locked(&m_mutex);
    Pending out = std::move(m_pending);
    m_pending = {};
    m_woken = false;
    return out;
}

}   // namespace Conversa::Server
