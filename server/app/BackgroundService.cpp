#include "BackgroundService.h"

#include <QLoggingCategory>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcServices, "conversa.server.services", QtInfoMsg)

Result<Ok> ServiceList::start()
{
    for (; m_started < m_services.size(); ++m_started) {
        BackgroundService &service = *m_services[m_started];
        Result<Ok> started = service.start();
        if (!started) {
            qCWarning(lcServices).noquote() << service.name() << "did not start";
            return started;
        }
        qCDebug(lcServices).noquote() << "started" << service.name();
    }
    return Ok{};
}

void ServiceList::stop()
{
    while (m_started > 0) {
        BackgroundService &service = *m_services[--m_started];
        service.stop();
        qCDebug(lcServices).noquote() << "stopped" << service.name();
    }
}

}   // namespace Conversa::Server
