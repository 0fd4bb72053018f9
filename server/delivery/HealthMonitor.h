#pragma once

#include "QueueThread.h"
#include "providers/ProviderRegistry.h"

#include <QByteArray>
#include <QString>
#include <QTimer>

#include <map>
#include <memory>

namespace Conversa::Server {

class Database;
class NumberStore;
struct NumberHealth;

struct HealthSettings {
    QString metaGraphUrl;       // for the providers (ProviderSettings)
    QByteArray secretKey;       // opens the numbers' tokens
    int intervalSeconds = 60;   // how often each number is checked
    int timeoutMs = 15000;      // one provider request
};

// The periodic health check of WhatsApp numbers (the OpenAPI document, issue 4). Every live,
// not inactive number is checked once per interval, by whichever server claims it first
// (NumberStore::claimHealthChecks) and asked of its provider (Meta: Graph's own status of the
// number; WPPConnect: its session's status). The outcome, the
// round trip and what the provider said are kept for GET /whatsapp-numbers/:id/status, and a
// connection status the check contradicts is recorded as a connection change. Checks of
// different numbers run side by side; a slow provider delays only its own numbers.
class HealthMonitor final : public QueueWorker {
    Q_OBJECT
public:
    HealthMonitor(Database &db, HealthSettings settings, ProviderRegistry providers, QObject *parent = nullptr);
    ~HealthMonitor() override;

    void start() override;
    void shutdown() override;

signals:
    void checked(qint64 numberId, bool healthy);
    // The check showed another connection status, now committed (number.status).
    void connectionChanged(qint64 numberId);

private:
    void poll();
    void check(qint64 numberId);
    // Keeps the outcome; `connection` (empty: unknown) is the connection status it shows.
    void finish(qint64 numberId, NumberHealth health, const QString &connection, const QString &detail);

    Database &m_db;
    HealthSettings m_settings;
    QTimer m_timer;
    ProviderRegistry m_providers;
    std::map<QString, std::unique_ptr<ProviderClient>> m_clients;   // by provider, made on this thread
    NumberStore *m_numbers = nullptr;
    int m_inFlight = 0;
    bool m_stopping = false;
};

// The health monitor on its own thread; stop() lets checks in flight finish.
class HealthThread final : public QueueThread {
public:
    HealthThread(Database &db, const HealthSettings &settings,
                 const ProviderRegistry &providers = ProviderRegistry::builtIn());
    HealthMonitor *monitor() const { return static_cast<HealthMonitor *>(queueWorker()); }
};

}   // namespace Conversa::Server
