#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

namespace Conversa::Server {

// Fixed-window request counters in memory, per key (a user id, an IP). Per process: with several
// instances each enforces its own share; login throttling, which must hold across instances,
// counts attempts in the database instead.
class RateLimiter {
public:
    // Counts one request for `key`; false (and the seconds to wait) when over `limit` per `window`.
    bool allow(const QString &key, int limit, int windowSeconds, int *retryAfter);

private:
    struct Window {
        qint64 start = 0;
        int count = 0;
    };
    QMutex m_mutex;
    QHash<QString, Window> m_windows;
    qint64 m_lastSweep = 0;
};

}   // namespace Conversa::Server
