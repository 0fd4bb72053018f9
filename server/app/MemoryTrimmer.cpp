#include "MemoryTrimmer.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

#include <cstdlib>
#include <malloc.h>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcMemory, "conversa.server.memory")

MemoryTrimmer::MemoryTrimmer(std::function<int()> sockets, int intervalMs, int threshold, QObject *parent)
    : QObject(parent), m_sockets(std::move(sockets)), m_threshold(threshold)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &MemoryTrimmer::check);
}

void MemoryTrimmer::check()
{
    const int count = m_sockets();
    if (std::abs(count - m_lastCount) < m_threshold)
        return;
    m_lastCount = count;
    QElapsedTimer timer;
    timer.start();
    malloc_trim(0);
    ++m_trims;
    qCDebug(lcMemory, "trimmed the heap after the socket count reached %d, in %lld us", count,
            timer.nsecsElapsed() / 1000);
}

}   // namespace Conversa::Server
