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
class OutboxStore;
struct OutboxMessage;
struct GraphResult;

struct OutboundSettings {
    QString metaGraphUrl;   // for the providers (ProviderSettings)
    QString dataDir;        // stored files are relative to it
    QByteArray secretKey;   // opens the numbers' access tokens
    int pollMs = 500;
    int timeoutMs = 30000;   // one Graph request (a media upload, a send)
    int maxAttempts = 8;     // transient failures before the message fails
    int maxBackoffSeconds = 300;
};

// The persistent outbound queue's sender (docs/PROVIDERS.md). Every poll it looks for pending outbound
// messages due now on numbers of the registry's providers, oldest first, claims one in its own short
// transaction (OutboxStore::claim: row locks, so two workers or two servers never send the same
// message), sends it through its number's provider (WhatsAppProvider's client) and
// records the outcome: 'sent' with the provider's message id, back to the queue with exponential
// backoff (transient errors), or 'failed' with the provider's code and text.
// A message claimed by a sender that died is never sent again on its own: once its claim is older
// than the longest a send can take it fails as 'interrupted' (POST /messages/:id/retry re-queues).
//
// Lives on its own thread (OutboundThread, a QueueThread) with its own database connection and network access.
class OutboundWorker final : public QueueWorker {
    Q_OBJECT
public:
    OutboundWorker(Database &db, OutboundSettings settings, ProviderRegistry providers, QObject *parent = nullptr);
    ~OutboundWorker() override;

    void start() override;
    void shutdown() override;

    // The backoff before attempt `attempts + 1` (2^attempts seconds, capped).
    static qint64 backoffSeconds(int attempts, int capSeconds);
    // A claim older than this (seconds) can no longer be in flight anywhere.
    qint64 staleAfterSeconds() const;

signals:
    void finished(qint64 messageId, const QString &status);   // sent | pending | failed

private:
    void poll();
    // Start the send of a claimed message on its provider (m_busy until record() runs), or say
    // why it cannot be sent at all.
    std::optional<ProviderRefusal> startSend(const OutboxMessage &message);
    void record(const OutboxMessage &message, const GraphResult &result);

    Database &m_db;
    OutboundSettings m_settings;
    QTimer m_timer;
    ProviderRegistry m_providers;
    std::map<QString, std::unique_ptr<ProviderClient>> m_clients;   // by provider, made on this thread
    OutboxStore *m_outbox = nullptr;
    NumberStore *m_numbers = nullptr;
    qint64 m_lastSweep = 0;
    bool m_busy = false;
    bool m_stopping = false;
};

// The outbound sender on its own thread; stop() lets a send in flight finish.
class OutboundThread final : public QueueThread {
public:
    OutboundThread(Database &db, const OutboundSettings &settings,
                   const ProviderRegistry &providers = ProviderRegistry::builtIn());
    OutboundWorker *worker() const { return static_cast<OutboundWorker *>(queueWorker()); }
};

}   // namespace Conversa::Server
