#pragma once

#include "BackgroundService.h"

#include <QTimer>

// One factory per background service of the server: each reads its settings, makes its object
// and connects its signals to ChatEvents, from what it is given and nothing else. A factory
// returns null when the settings switch the service off in this instance; ServiceList::add()
// skips it then. ServerApp::start() adds them in order (see "Adding a background service" in
// docs/ARCHITECTURE.md).

namespace Conversa::Server {

class BotThread;
class Database;
class HealthThread;
class LiveAnalytics;
class MediaThread;
class MemoryTrimmer;
class OutboundThread;
class ProviderRegistry;
class RealtimeBus;
class RealtimeRelay;
class ReminderScheduler;
class WalCheckpointer;
class RoutingThread;
class RoutingTrigger;
struct ServerConfig;

namespace BackgroundServices {

// Realtime events passed on to the other servers sharing the PostgreSQL; null on SQLite.
std::unique_ptr<OwnedService<RealtimeRelay>> realtimeRelay(Database &db, RealtimeBus &bus);
// SQLite's write-ahead log checkpointed from a thread of its own; null on PostgreSQL.
std::unique_ptr<OwnedService<WalCheckpointer>> walCheckpointer(Database &db);
// The message tallies' log folded into them every few seconds; null on SQLite (no log there).
std::unique_ptr<OwnedService<QTimer>> tallyFold(Database &db);
// Audit rows and login attempts past their retention deleted, a batch at a time; null when off.
std::unique_ptr<OwnedService<QTimer>> retention(const ServerConfig &config, Database &db);
// task.reminder events for due task reminders.
std::unique_ptr<OwnedService<ReminderScheduler>> reminders(const ServerConfig &config, Database &db, RealtimeBus &bus);
// analytics.update to this server's analytics room, while anyone is connected; null when off.
std::unique_ptr<OwnedService<QTimer>> analyticsPush(const ServerConfig &config, LiveAnalytics &analytics,
                                                    RealtimeBus &bus);
// Heap memory handed back after bursts of sockets.
std::unique_ptr<OwnedService<MemoryTrimmer>> memoryTrimmer(RealtimeBus &bus);
// The outbound message queue; null when polling is off.
std::unique_ptr<OwnedService<OutboundThread>> outbound(const ServerConfig &config, Database &db, RealtimeBus &bus,
                                                       const ProviderRegistry &providers);
// Inbound media downloads; null when polling is off.
std::unique_ptr<OwnedService<MediaThread>> media(const ServerConfig &config, Database &db, RealtimeBus &bus,
                                                 const ProviderRegistry &providers);
// Chats routed to agents; null when routing is off here.
std::unique_ptr<OwnedService<RoutingThread>> routing(const ServerConfig &config, Database &db, RealtimeBus &bus,
                                                     RoutingTrigger &trigger);
// Bot sessions' due delays, timeouts and calls; null when polling is off.
std::unique_ptr<OwnedService<BotThread>> bot(const ServerConfig &config, Database &db, RealtimeBus &bus,
                                             RoutingTrigger &trigger, const ProviderRegistry &providers);
// Each number's provider checked; null when checks are off.
std::unique_ptr<OwnedService<HealthThread>> health(const ServerConfig &config, Database &db, RealtimeBus &bus,
                                                   const ProviderRegistry &providers);

}   // namespace BackgroundServices

}   // namespace Conversa::Server
