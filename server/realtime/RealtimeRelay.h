#pragma once

#include "RealtimeBus.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QThread>
#include <QTimer>

namespace Conversa::Server {

class Database;

// Realtime events between servers sharing one PostgreSQL (docs/REALTIME.md, issue 5). What a server
// publishes or disconnects on its RealtimeBus is also sent to the others with pg_notify on the
// channel conversa_events, from the relay's own thread and connection, in publishing order.
// Each server LISTENs on a connection of its own thread and hands the others' notices to
// its hubs. Notices waiting for the relay's thread go out together, several per statement: each
// NOTIFY commit takes a cluster-wide lock, so under load one commit carries many. NOTIFY carries at most 8,000 bytes: a larger event waits a minute in
// realtime_events and the notice names its id. A listening connection that drops is opened again
// and LISTEN issued anew (checked every second); what was sent meanwhile is not replayed — the
// clients fetch what they missed when their socket comes back.
class RealtimeRelay final : public QObject {
    Q_OBJECT
public:
    static constexpr auto kChannel = "conversa_events";

    RealtimeRelay(Database &db, RealtimeBus &bus);
    ~RealtimeRelay() override;

    void start();   // installs the bus's relay and starts listening
    void stop();
    const QString &origin() const { return m_origin; }

signals:
    void listening();   // LISTEN issued (again)

private:
    void send(const RealtimeBus::Relayed &r);           // any thread: queued to the relay's thread
    void flush();                                       // the relay's thread: sends what is queued, in order
    QByteArray notice(const RealtimeBus::Relayed &r);   // "" when it could not be made
    void listen();                                      // the listener's thread from here on
    void check();
    void received(const QString &channel, const QVariant &payload);
    void deliver(const QByteArray &body);

    Database &m_db;
    RealtimeBus &m_bus;
    QString m_origin;
    QByteArray m_ownPrefix;   // how this server's notices begin: skipped when they come back
    QMutex m_queueLock;
    QList<RealtimeBus::Relayed> m_queue;   // guarded by m_queueLock
    qint64 m_sequence = 0;                 // the relay's thread: keeps equal notices of one commit distinct
    QThread m_thread;
    QObject *m_anchor = nullptr;   // lives in m_thread: the listener's timer and connections
    QTimer *m_timer = nullptr;
    QMetaObject::Connection m_notices;
    bool m_subscribed = false;
    qint64 m_lastCleanup = 0;
};

}   // namespace Conversa::Server
