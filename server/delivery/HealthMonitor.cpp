#include "HealthMonitor.h"

#include "providers/MetaGraphClient.h"
#include "providers/WppConnectClient.h"
#include "store/Database.h"
#include "store/NumberStore.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcHealth, "conversa.server.health")

using namespace Qt::StringLiterals;

namespace {
constexpr int kBatch = 20;
}

HealthMonitor::HealthMonitor(Database &db, HealthSettings settings, QObject *parent)
    : QueueWorker(parent), m_db(db), m_settings(std::move(settings)), m_timer(this)
{
    // Due checks are found within a few seconds of falling due, without polling a long interval's worth.
    m_timer.setInterval(qBound(200, m_settings.intervalSeconds * 1000 / 4, 5000));
    connect(&m_timer, &QTimer::timeout, this, &HealthMonitor::poll);
}

HealthMonitor::~HealthMonitor()
{
    delete m_meta;
    delete m_wpp;
    delete m_numbers;
    if (m_numbers)   // it ran on this thread: its connection goes with it
        m_db.closeThreadConnection();
}

void HealthMonitor::start()
{
    if (!m_numbers) {
        m_meta = new MetaGraphClient(m_settings.metaGraphUrl, m_settings.timeoutMs);
        m_wpp = new WppConnectClient(m_settings.timeoutMs);
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
    const Result<QList<qint64>> claimed = m_numbers->claimHealthChecks(now, now - m_settings.intervalSeconds, kBatch);
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
    NumberHealth h;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    ++m_inFlight;
    if (n->provider == "meta"_L1) {
        if (n->metaPhoneNumberId.isEmpty() || secrets->metaAccessToken.isEmpty()) {
            h.error = u"The number has no Meta phone number id or access token"_s;
            return finish(numberId, h, {}, {});
        }
        m_meta->phoneNumberStatus(n->metaPhoneNumberId, secrets->metaAccessToken,
                                  [this, numberId, timer](const GraphResult &r, const QString &status) {
            NumberHealth h;
            h.responseTimeMs = timer->elapsed();
            h.providerStatus = status;
            QString connection;
            if (r.outcome == GraphResult::Outcome::Sent) {
                // Graph's own word on the number; no status at all still means it answers.
                const QString s = status.toUpper();
                h.healthy = s.isEmpty() || s == "CONNECTED"_L1;
                connection = h.healthy ? u"connected"_s : s == "DISCONNECTED"_L1 ? u"disconnected"_s : u"error"_s;
                if (!h.healthy)
                    h.error = u"WhatsApp reports the number as %1"_s.arg(status);
            } else {
                h.error = r.errorCode.isEmpty() ? r.errorMessage : r.errorCode + u": "_s + r.errorMessage;
                // A refused token or number cannot send until someone acts; a network blip says nothing.
                if (r.outcome == GraphResult::Outcome::Permanent)
                    connection = u"error"_s;
            }
            finish(numberId, h, connection, h.error);
        });
    } else {
        if (n->wppconnectServerUrl.isEmpty() || n->wppconnectSessionName.isEmpty() || secrets->wppconnectApiKey.isEmpty()) {
            h.error = u"The number has no WPPConnect server URL, session name or secret key"_s;
            return finish(numberId, h, {}, {});
        }
        const WppConnection c{n->wppconnectServerUrl, n->wppconnectSessionName, secrets->wppconnectApiKey};
        m_wpp->statusSession(c, [this, numberId, timer](const WppReply &r) {
            NumberHealth h;
            h.responseTimeMs = timer->elapsed();
            h.providerStatus = r.status;
            QString connection;
            if (r.ok) {
                connection = WppConnectClient::connectionStatus(r.status);
                h.healthy = connection == "connected"_L1;
                if (!h.healthy)
                    h.error = u"The WPPConnect session is %1"_s.arg(r.status.isEmpty() ? u"closed"_s : r.status);
            } else {
                h.error = r.errorCode.isEmpty() ? r.errorMessage : r.errorCode + u": "_s + r.errorMessage;
            }
            finish(numberId, h, connection, h.error);
        });
    }
}

void HealthMonitor::finish(qint64 numberId, NumberHealth health, const QString &connection, const QString &detail)
{
    health.checkedAt = nowSeconds();
    const Result<Ok> kept = m_numbers->recordHealth(numberId, health, connection, detail);
    if (!kept && kept.error().status() != 404)
        qCWarning(lcHealth) << "could not keep the health check of number" << numberId << kept.error().code();
    emit checked(numberId, health.healthy);
    if (--m_inFlight == 0 && m_stopping)
        emit idle();
}

HealthThread::HealthThread(Database &db, const HealthSettings &settings)
    : QueueThread(new HealthMonitor(db, settings), u"health"_s, settings.timeoutMs * 2 + 5000)
{
}
