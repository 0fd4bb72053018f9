#include "RateLimiter.h"

#include <QDateTime>
#include <QMutexLocker>

namespace Conversa::Server {

bool RateLimiter::allow(const QString &key, int limit, int windowSeconds, int *retryAfter)
{
    if (limit <= 0)
        return true;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QMutexLocker lock(&m_mutex);
    if (now - m_lastSweep > 300) {   // forget idle keys so the table doesn't grow forever
        m_windows.removeIf([&](auto it) { return now - it.value().start > 3600; });
        m_lastSweep = now;
    }
    Window &w = m_windows[key];
    if (now - w.start >= windowSeconds) {
        w.start = now;
        w.count = 0;
    }
    if (w.count >= limit) {
        if (retryAfter)
            *retryAfter = int(w.start + windowSeconds - now);
        return false;
    }
    ++w.count;
    return true;
}

}   // namespace Conversa::Server
