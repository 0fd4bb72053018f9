#pragma once

#include "QueueThread.h"

#include <QByteArray>
#include <QString>
#include <QTimer>

class Database;
class MetaGraphClient;
class NumberStore;
class WppConnectClient;
struct NumberHealth;

struct HealthSettings {
    QString metaGraphUrl;
    QByteArray secretKey;          // opens the numbers' tokens
    int intervalSeconds = 60;      // how often each number is checked
    int timeoutMs = 15000;         // one provider request
};

// The periodic health check of WhatsApp numbers (seed §4.4 "health", issue 4). Every live,
// not inactive number is checked once per interval, by whichever server claims it first
// (NumberStore::claimHealthChecks): Meta numbers with GET /{phone_number_id} (Graph's own status
// of the number, with the token), WPPConnect numbers with status-session. The outcome, the
// round trip and what the provider said are kept for GET /whatsapp-numbers/:id/status, and a
// connection status the check contradicts is recorded as a connection change. Checks of
// different numbers run side by side; a slow provider delays only its own numbers.
class HealthMonitor final : public QueueWorker {
    Q_OBJECT
public:
    HealthMonitor(Database &db, HealthSettings settings, QObject *parent = nullptr);
    ~HealthMonitor() override;

    void start() override;
    void shutdown() override;

signals:
    void checked(qint64 numberId, bool healthy);

private:
    void poll();
    void check(qint64 numberId);
    // Keeps the outcome; `connection` (empty: unknown) is the connection status it shows.
    void finish(qint64 numberId, NumberHealth health, const QString &connection, const QString &detail);

    Database &m_db;
    HealthSettings m_settings;
    QTimer m_timer;
    MetaGraphClient *m_meta = nullptr;
    WppConnectClient *m_wpp = nullptr;
    NumberStore *m_numbers = nullptr;
    int m_inFlight = 0;
    bool m_stopping = false;
};

// The health monitor on its own thread; stop() lets checks in flight finish.
class HealthThread final : public QueueThread {
public:
    HealthThread(Database &db, const HealthSettings &settings);
    HealthMonitor *monitor() const { return static_cast<HealthMonitor *>(queueWorker()); }
};
