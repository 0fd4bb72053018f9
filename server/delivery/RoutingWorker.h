#pragma once

#include "QueueThread.h"

#include <QTimer>

namespace Conversa::Server {

class ChatRouter;
class Database;
class RoutingTrigger;

// Runs routing (domain/ChatRouter) on its own thread: at once for the campaigns RoutingTrigger
// names (a new chat, an agent back or with room again, a chat closed or moved, a campaign's
// agents changed), and every sweep interval for every campaign with a queue — which routes what
// waited for business hours or for another server's notice — after taking back the chats whose
// agent did not answer in time (campaigns with sla_reassign_enabled). Several workers (threads or
// servers) may run: assignments are atomic in the database.
class RoutingWorker final : public QueueWorker {
    Q_OBJECT
public:
    RoutingWorker(Database &db, RoutingTrigger &trigger, int sweepMs, QObject *parent = nullptr);
    ~RoutingWorker() override;

    void start() override;
    void shutdown() override;

signals:
    void routed(qint64 chatId, qint64 agentId, qint64 campaignId);
    void reassigned(qint64 chatId, qint64 fromAgentId);   // back in the queue: its agent did not answer

private:
    void runPending();
    void sweep();
    void drain(const QList<qint64> &campaigns);

    Database &m_db;
    RoutingTrigger &m_trigger;
    QTimer m_timer;
    ChatRouter *m_router = nullptr;
    bool m_stopping = false;
};

// The routing worker on its own thread.
class RoutingThread final : public QueueThread {
public:
    RoutingThread(Database &db, RoutingTrigger &trigger, int sweepMs);
    RoutingWorker *worker() const { return static_cast<RoutingWorker *>(queueWorker()); }
};

}   // namespace Conversa::Server
