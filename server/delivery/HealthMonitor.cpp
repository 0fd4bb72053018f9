#include "HealthMonitor.h"

#include "store/Database.h"
#include "store/NumberStore.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcHealth, "conversa.server.health")

using namespace Qt::StringLiterals;

namespace {
constexpr int kHealthBatch = 20;
}

HealthMonitor::HealthMonitor(Database &db, HealthSettings settings, ProviderRegistry providers, QObject *parent)
    : QueueWorker(parent), m_db(db), m_settings(std::move(settings)), m_timer(this), m_providers(std::move(providers))
{
    // Due checks are found within a few seconds of falling due, without polling a long interval's worth.
    m_timer.setInterval(qBound(200, m_settings.intervalSeconds * 1000 / 4, 5000));
    connect(&m_timer, &QTimer::timeout, this, &HealthMonitor::poll);
}

HealthMonitor::~HealthMonitor()
{
    m_clients.clear();
    delete m_numbers;
    if (m_numbers)   // it ran on this thread: its connection goes with it
        m_db.closeThreadConnection();
}

void HealthMonitor::start()
{
    if (!m_numbers) {
        ProviderSettings settings;
        settings.metaGraphUrl = m_settings.metaGraphUrl;
        settings.timeoutMs = m_settings.timeoutMs;
        for (const WhatsAppProvider *p : m_providers.all())
            m_clients[p->name()] = p->client(settings);
        m_numbers = new NumberStore(m_db, m_settings.secretKey);
    }
    m_stopping = false;
    m_timer.start();
    QTimer::singleShot(0, this, &HealthMonitor::poll);
}

void HealthMonitor::shutdown()
{
    m_stopping = true;
    m_timer.stop();
    if (m_inFlight == 0)
        emit idle();
}

void HealthMonitor::poll()
{
    if (m_stopping || !m_numbers)
        return;
    const qint64 now = nowSeconds();
    const Result<QList<qint64>> claimed =
        m_numbers->claimHealthChecks(now, now - m_settings.intervalSeconds, kHealthBatch);
    if (!claimed)
        return;   // logged by the store; the next poll tries again
    for (const qint64 id : *claimed)
        check(id);
}

void HealthMonitor::check(qint64 numberId)
{
    const Result<WhatsAppNumber> n = m_numbers->find(numberId);
    if (!n)
        return;   // deleted meanwhile, or a store error (logged)
    const Result<NumberSecrets> secrets = m_numbers->secrets(numberId);
    if (!secrets)
        return;
    const auto client = m_clients.find(n->provider);
    if (client == m_clients.end())
        return;   // a provider no longer compiled in: nothing to ask
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    ++m_inFlight;
    client->second->checkHealth(ProviderAccount::of(*n, *secrets), [this, numberId, timer](const HealthReport &r) {
        NumberHealth h;
        h.error = r.error;
        if (!r.contacted)   // not configured: nothing was asked
            return finish(numberId, h, {}, {});
        h.responseTimeMs = timer->elapsed();
        h.providerStatus = r.providerStatus;
        h.healthy = r.healthy;
        finish(numberId, h, r.connection, h.error);
    });
}

void HealthMonitor::finish(qint64 numberId, NumberHealth health, const QString &connection, const QString &detail)
{
    health.checkedAt = nowSeconds();
    const Result<bool> kept = m_numbers->recordHealth(numberId, health, connection, detail);
    if (!kept && kept.error().status() != 404)
        qCWarning(lcHealth) << "could not keep the health check of number" << numberId << kept.error().code();
    if (kept && *kept)
        emit connectionChanged(numberId);
    emit checked(numberId, health.healthy);
    if (--m_inFlight == 0 && m_stopping)
        emit idle();
}

HealthThread::HealthThread(Database &db, const HealthSettings &settings, const ProviderRegistry &providers)
    : QueueThread(new HealthMonitor(db, settings, providers), u"health"_s, settings.timeoutMs * 2 + 5000)
{}

}   // namespace Conversa::Server
