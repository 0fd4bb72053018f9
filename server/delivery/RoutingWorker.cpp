#include "RoutingWorker.h"

#include "domain/ChatRouter.h"
#include "domain/RoutingTrigger.h"
#include "store/Database.h"

#include <QLoggingCategory>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcRouting, "conversa.server.routing")

using namespace Qt::StringLiterals;

RoutingWorker::RoutingWorker(Database &db, RoutingTrigger &trigger, int sweepMs, QObject *parent)
    : QueueWorker(parent), m_db(db), m_trigger(trigger), m_timer(this)
{
    m_timer.setInterval(qMax(10, sweepMs));
    connect(&m_timer, &QTimer::timeout, this, &RoutingWorker::sweep);
}

RoutingWorker::~RoutingWorker()
{
    m_trigger.detach();
    delete m_router;
    if (m_router)   // it ran on this thread: its connection goes with it
        m_db.closeThreadConnection();
}

void RoutingWorker::start()
{
    if (!m_router)
        m_router = new ChatRouter(m_db);
    m_stopping = false;
    // Called from any thread, under the trigger's lock, which detach() (before this object goes) also takes.
    m_trigger.attach([this] { QMetaObject::invokeMethod(this, &RoutingWorker::runPending, Qt::QueuedConnection); });
    m_timer.start();
    QTimer::singleShot(0, this, &RoutingWorker::sweep);
}

void RoutingWorker::shutdown()
{
    m_stopping = true;
    m_timer.stop();
    m_trigger.detach();
    emit idle();   // every drain runs to its end inside one event: nothing is in flight between them
}

void RoutingWorker::runPending()
{
    if (m_stopping || !m_router)
        return;
    const RoutingTrigger::Pending pending = m_trigger.take();
    QSet<qint64> campaigns = pending.campaigns;
    for (const qint64 agent : pending.agents) {
        const Result<QList<qint64>> of = m_router->store().campaignsOfAgent(agent);
        if (of)
            campaigns.unite(QSet<qint64>(of->begin(), of->end()));
    }
    QList<qint64> ordered(campaigns.begin(), campaigns.end());
    std::sort(ordered.begin(), ordered.end());
    drain(ordered);
}

void RoutingWorker::sweep()
{
    if (m_stopping || !m_router)
        return;
    const Result<QList<ReassignedChat>> back = m_router->reassignUnanswered(nowSeconds());
    if (back) {
        for (const ReassignedChat &r : *back)
            emit reassigned(r.chatId, r.fromAgentId);
    }
    const Result<QList<qint64>> queued = m_router->store().campaignsWithQueue();
    if (queued)
        drain(*queued);
}

void RoutingWorker::drain(const QList<qint64> &campaigns)
{
    const qint64 now = nowSeconds();
    for (const qint64 campaign : campaigns) {
        const Result<QList<RoutedChat>> routed = m_router->drain(campaign, now);
        if (!routed) {
            qCWarning(lcRouting) << "routing campaign" << campaign << "failed:" << routed.error().code();
            continue;
        }
        for (const RoutedChat &r : *routed)
            emit this->routed(r.chatId, r.agentId, r.campaignId);
    }
}

RoutingThread::RoutingThread(Database &db, RoutingTrigger &trigger, int sweepMs)
    : QueueThread(new RoutingWorker(db, trigger, sweepMs), u"routing"_s, 10000)
{}

}   // namespace Conversa::Server
