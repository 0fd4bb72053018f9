#include "BackgroundServices.h"

#include "MemoryTrimmer.h"
#include "config/ServerConfig.h"
#include "delivery/HealthMonitor.h"
#include "delivery/MediaFetcher.h"
#include "delivery/OutboundWorker.h"
#include "delivery/RoutingWorker.h"
#include "domain/LiveAnalytics.h"
#include "domain/ReminderScheduler.h"
#include "delivery/BotWorker.h"
#include "domain/RoutingTrigger.h"
#include "realtime/ChatEvents.h"
#include "realtime/NumberEvents.h"
#include "realtime/RealtimeBus.h"
#include "realtime/RealtimeRelay.h"
#include "store/Database.h"
#include "store/MessageTallyStore.h"
#include "store/RetentionStore.h"
#include "store/WalCheckpointer.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace BackgroundServices {

namespace {
constexpr int kMemoryTrimCheckMs = 5000;
constexpr int kMemoryTrimSockets = 100;   // connected or gone since the last trim
constexpr int kTallyFoldMs = 2000;
constexpr int kCheckpointMs = 200;
}   // namespace

std::unique_ptr<OwnedService<RealtimeRelay>> realtimeRelay(Database &db, RealtimeBus &bus)
{
    if (db.dialect() != SqlDialect::Postgres)
        return nullptr;
    return std::make_unique<OwnedService<RealtimeRelay>>(u"realtime relay"_s, std::make_unique<RealtimeRelay>(db, bus));
}

std::unique_ptr<OwnedService<WalCheckpointer>> walCheckpointer(Database &db)
{
    if (db.dialect() != SqlDialect::Sqlite)
        return nullptr;
    return std::make_unique<OwnedService<WalCheckpointer>>(u"WAL checkpoints"_s,
                                                           std::make_unique<WalCheckpointer>(db, kCheckpointMs));
}

std::unique_ptr<OwnedService<QTimer>> tallyFold(Database &db)
{
    if (db.dialect() != SqlDialect::Postgres)
        return nullptr;
    auto timer = std::make_unique<QTimer>();
    timer->setInterval(kTallyFoldMs);
    // A failed fold (logged by the store) leaves the log as it was, which readers still count;
    // the next tick tries again.
    QObject::connect(timer.get(), &QTimer::timeout, timer.get(),
                     [&db] { static_cast<void>(MessageTallyStore(db).foldAll()); });
    return std::make_unique<OwnedService<QTimer>>(u"message tally fold"_s, std::move(timer));
}

std::unique_ptr<OwnedService<QTimer>> retention(const ServerConfig &config, Database &db)
{
    if (config.retentionSweepMs <= 0)
        return nullptr;
    auto timer = std::make_unique<QTimer>();
    timer->setInterval(config.retentionSweepMs);
    const qint64 auditDays = config.auditRetentionDays;
    const qint64 attemptDays = config.loginAttemptRetentionDays;
    // A failure is logged by the store and tried again at the next sweep; several servers
    // sweeping at once delete each row once.
    QObject::connect(timer.get(), &QTimer::timeout, timer.get(), [&db, auditDays, attemptDays] {
        RetentionStore store(db);
        constexpr qint64 kDay = 86400;
        if (auditDays > 0)
            static_cast<void>(store.deleteAllBefore(RetentionStore::Table::AuditLogs, nowSeconds() - auditDays * kDay));
        static_cast<void>(
            store.deleteAllBefore(RetentionStore::Table::LoginAttempts, nowSeconds() - attemptDays * kDay));
    });
    return std::make_unique<OwnedService<QTimer>>(u"retention sweep"_s, std::move(timer));
}

std::unique_ptr<OwnedService<ReminderScheduler>> reminders(const ServerConfig &config, Database &db, RealtimeBus &bus)
{
    auto scheduler = std::make_unique<ReminderScheduler>(db);
    scheduler->setInterval(config.reminderIntervalMs);
    QObject::connect(scheduler.get(), &ReminderScheduler::reminderFired, scheduler.get(),
                     [&db, &bus](qint64 taskId, qint64 userId) { ChatEvents(db, bus).taskReminder(taskId, userId); });
    return std::make_unique<OwnedService<ReminderScheduler>>(u"reminder scheduler"_s, std::move(scheduler));
}

std::unique_ptr<OwnedService<QTimer>> analyticsPush(const ServerConfig &config, LiveAnalytics &analytics,
                                                    RealtimeBus &bus)
{
    if (config.analyticsPushMs <= 0)
        return nullptr;
    auto timer = std::make_unique<QTimer>();
    timer->setInterval(qMax(1000, config.analyticsPushMs));   // at most once a second
    QObject::connect(timer.get(), &QTimer::timeout, timer.get(), [&analytics, &bus] {
        if (bus.connectedSockets() == 0)
            return;
        const Result<QByteArray> live = analytics.live(QDateTime::currentMSecsSinceEpoch());
        if (live)
            bus.publishHere({u"analytics"_s}, u"analytics.update"_s, *live);   // each server its own
    });
    return std::make_unique<OwnedService<QTimer>>(u"analytics push"_s, std::move(timer));
}

std::unique_ptr<OwnedService<MemoryTrimmer>> memoryTrimmer(RealtimeBus &bus)
{
    return std::make_unique<OwnedService<MemoryTrimmer>>(
        u"memory trimmer"_s,
        std::make_unique<MemoryTrimmer>([&bus] { return bus.connectedSockets(); }, kMemoryTrimCheckMs,
                                        kMemoryTrimSockets));
}

// The queue threads below publish the realtime events of their work from the worker's thread,
// on its database connection (a direct connection to the worker's signal).

std::unique_ptr<OwnedService<OutboundThread>> outbound(const ServerConfig &config, Database &db, RealtimeBus &bus,
                                                       const ProviderRegistry &providers)
{
    if (config.outboundPollMs <= 0)
        return nullptr;
    OutboundSettings settings;
    settings.metaGraphUrl = config.metaGraphUrl;
    settings.dataDir = config.dataDir;
    settings.secretKey = config.secretKey;
    settings.pollMs = config.outboundPollMs;
    settings.timeoutMs = config.outboundTimeoutMs;
    settings.maxAttempts = config.outboundMaxAttempts;
    auto thread = std::make_unique<OutboundThread>(db, settings, providers);
    QObject::connect(
        thread->worker(), &OutboundWorker::finished, thread->worker(),
        [&db, &bus](qint64 id, const QString &status) {
            if (status != "pending"_L1)
                ChatEvents(db, bus).messageUpdated(id);
        },
        Qt::DirectConnection);
    return std::make_unique<OwnedService<OutboundThread>>(u"outbound queue"_s, std::move(thread));
}

std::unique_ptr<OwnedService<MediaThread>> media(const ServerConfig &config, Database &db, RealtimeBus &bus,
                                                 const ProviderRegistry &providers)
{
    if (config.mediaPollMs <= 0)
        return nullptr;
    MediaSettings settings;
    settings.metaGraphUrl = config.metaGraphUrl;
    settings.dataDir = config.dataDir;
    settings.secretKey = config.secretKey;
    settings.pollMs = config.mediaPollMs;
    settings.timeoutMs = config.outboundTimeoutMs;
    settings.maxBytes = config.maxUploadBytes;
    auto thread = std::make_unique<MediaThread>(db, settings, providers);
    QObject::connect(
        thread->fetcher(), &MediaFetcher::finished, thread->fetcher(),
        [&db, &bus](qint64 id, const QString &outcome) {
            if (outcome == "stored"_L1)
                ChatEvents(db, bus).messageUpdated(id);
        },
        Qt::DirectConnection);
    return std::make_unique<OwnedService<MediaThread>>(u"media fetcher"_s, std::move(thread));
}

std::unique_ptr<OwnedService<RoutingThread>> routing(const ServerConfig &config, Database &db, RealtimeBus &bus,
                                                     RoutingTrigger &trigger)
{
    if (config.routingSweepMs <= 0)
        return nullptr;
    auto thread = std::make_unique<RoutingThread>(db, trigger, config.routingSweepMs);
    QObject::connect(
        thread->worker(), &RoutingWorker::routed, thread->worker(),
        [&db, &bus](qint64 chatId) { ChatEvents(db, bus).chatAssigned(chatId); }, Qt::DirectConnection);
    QObject::connect(
        thread->worker(), &RoutingWorker::reassigned, thread->worker(),
        [&db, &bus](qint64 chatId, qint64 from) { ChatEvents(db, bus).chatUpdated(chatId, from); },
        Qt::DirectConnection);
    return std::make_unique<OwnedService<RoutingThread>>(u"routing"_s, std::move(thread));
}

std::unique_ptr<OwnedService<BotThread>> bot(const ServerConfig &config, Database &db, RealtimeBus &bus,
                                             RoutingTrigger &trigger, const ProviderRegistry &providers)
{
    if (config.botPollMs <= 0)
        return nullptr;
    BotWorkerSettings settings;
    settings.engine = config.botEngineSettings();
    settings.http.allowPrivateTargets = config.botHttpAllowPrivate;
    settings.http.allowedNetworks = config.botHttpAllowedNetworks;
    settings.pollMs = config.botPollMs;
    // Runs on the bot thread after each step's commit, with that thread's database connection.
    auto publish = [&db, &bus, &trigger](const QList<DomainEvent> &events) {
        for (const DomainEvent &event : events) {
            if (const auto *wake = std::get_if<DomainEvents::RoutingNeeded>(&event)) {
                trigger.campaigns(wake->campaigns);
                trigger.agent(wake->freedAgentId);
            }
        }
        ChatEvents(db, bus).publish(events);
    };
    auto thread = std::make_unique<BotThread>(db, providers, settings, publish);
    return std::make_unique<OwnedService<BotThread>>(u"bot sessions"_s, std::move(thread));
}

std::unique_ptr<OwnedService<HealthThread>> health(const ServerConfig &config, Database &db, RealtimeBus &bus,
                                                   const ProviderRegistry &providers)
{
    if (config.healthCheckSeconds <= 0)
        return nullptr;
    HealthSettings settings;
    settings.metaGraphUrl = config.metaGraphUrl;
    settings.secretKey = config.secretKey;
    settings.intervalSeconds = config.healthCheckSeconds;
    settings.timeoutMs = qBound(1000, config.outboundTimeoutMs, 15000);
    auto thread = std::make_unique<HealthThread>(db, settings, providers);
    // On the health thread, after its commit, with its own database connection.
    QObject::connect(
        thread->monitor(), &HealthMonitor::connectionChanged, thread->monitor(),
        [&db, &bus](qint64 numberId) { NumberEvents::publish(db, bus, numberId, NumberEvents::Status); },
        Qt::DirectConnection);
    return std::make_unique<OwnedService<HealthThread>>(u"health monitor"_s, std::move(thread));
}

}   // namespace BackgroundServices

}   // namespace Conversa::Server
