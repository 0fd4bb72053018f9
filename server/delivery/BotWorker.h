#pragma once

#include "BotHttpCaller.h"
#include "QueueThread.h"
#include "domain/BotEngine.h"
#include "domain/DomainEvents.h"

#include <QTimer>

#include <functional>
#include <memory>

namespace Conversa::Server {

class Database;
class ProviderRegistry;

struct BotWorkerSettings {
    BotEngineSettings engine;
    BotHttpPolicy http;
    int pollMs = 1000;
};

// The bot sessions' clock and calls (docs/BOT_FLOWS.md#sessions): every poll it claims the active
// sessions whose wait is due — a delay that is over, a reply that did not come in time, an
// http_request node's call — and runs each on the BotEngine in its own transaction. A claim is a
// conditional update (BotSessionStore::claim), so with several servers on one database, or across
// a restart, each due step runs once; a claim held by a server that died runs out and the step is
// taken again (a call may then be made twice). Calls run here, never on the request threads, through
// BotHttpCaller; their answers go back to the engine when they come.
// `publish` is called on this thread after each commit with what the step did (ServerApp turns it
// into socket events and routing).
//
// Lives on its own thread (BotThread) with its own database connection and network access.
class BotWorker final : public QueueWorker {
    Q_OBJECT
public:
    using Publish = std::function<void(const QList<DomainEvent> &)>;
    BotWorker(Database &db, const ProviderRegistry &providers, BotWorkerSettings settings, Publish publish,
              QObject *parent = nullptr);
    ~BotWorker() override;

    void start() override;
    void shutdown() override;

    // One pass at `now`: claims and runs what is due; how many steps it started.
    int runDue(qint64 now);

signals:
    void stepped(qint64 sessionId);   // a due step or a call's answer was run (tests wait on it)

private:
    void answer(qint64 sessionId, const QString &node, const BotHttpResult &result);
    void commitAndPublish(qint64 sessionId, const std::function<Result<ChatEffects>()> &step);

    Database &m_db;
    const ProviderRegistry &m_providers;
    BotWorkerSettings m_settings;
    Publish m_publish;
    QTimer m_timer;
    std::unique_ptr<BotEngine> m_engine;
    std::unique_ptr<BotHttpCaller> m_http;   // made on this thread
    bool m_stopping = false;
};

// The bot worker on its own thread.
class BotThread final : public QueueThread {
public:
    BotThread(Database &db, const ProviderRegistry &providers, const BotWorkerSettings &settings,
              BotWorker::Publish publish);
    BotWorker *worker() const { return static_cast<BotWorker *>(queueWorker()); }
};

}   // namespace Conversa::Server
