#pragma once

#include <QList>
#include <QMutex>
#include <QSet>

#include <functional>

namespace Conversa::Server {

// The notice board between whatever frees or fills routing capacity (the API after its commit,
// the inbound pipeline's new chats) and this server's routing worker: which campaigns, and the
// campaigns of which agents, may now have a chat to route. Thread-safe. With no worker attached
// (routing off on this server) notices are dropped: the routing sweep of a server that routes
// finds every queued chat anyway.
class RoutingTrigger {
public:
    struct Pending {
        QSet<qint64> campaigns;
        QSet<qint64> agents;
    };

    void campaigns(const QList<qint64> &ids);
    void agent(qint64 userId);

    // The worker's side: `wake` is called (from any thread) when the first notice arrives after
    // a take(); take() hands over and clears what is pending.
    void attach(std::function<void()> wake);
    void detach();
    Pending take();

private:
    void notify(QMutexLocker<QMutex> &locked);

    QMutex m_mutex;
    Pending m_pending;
    std::function<void()> m_wake;
    bool m_woken = false;
};

}   // namespace Conversa::Server
