#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace Conversa::Server {

class RealtimeHub;

// Server → client events, from any thread to every socket of the process. Each HTTP thread has a
// RealtimeHub owning that thread's sockets; the bus serialises a frame once and queues it to every
// hub, which writes it to its sockets in the rooms named. Owned by ServerApp, which hands it to
// whatever publishes, so domain code publishes without knowing which thread holds which socket.
class RealtimeBus {
public:
    // Rooms: "user:<id>", "chat:<id>", "supervisors" (chats.read_all), "analytics" (analytics.read),
    // "numbers" (whatsapp.numbers.manage). `jsonPayload` is the event's one argument,
    // serialised JSON (the REST API's shape). Sockets of `exceptUserId` (e.g. the typist) are skipped.
    void publish(const QStringList &rooms, const QString &event, const QByteArray &jsonPayload,
                 qint64 exceptUserId = 0);
    // Only to this server's sockets: what each server works out for itself (analytics.update),
    // and what another server relayed (RealtimeRelay).
    void publishHere(const QStringList &rooms, const QString &event, const QByteArray &jsonPayload,
                     qint64 exceptUserId = 0);

    // Ends every socket of the user (suspended, deleted, deactivated, logins revoked): Socket.IO
    // DISCONNECT, then close. Sockets of `keepSessionId` (the login that asked) stay.
    void disconnectUser(qint64 userId, qint64 keepSessionId = 0);
    // Ends the sockets opened with tokens of one login (logout).
    void disconnectSession(qint64 sessionId);
    void disconnectUserHere(qint64 userId, qint64 keepSessionId);
    void disconnectSessionHere(qint64 sessionId);

    // Rooms follow visibility (docs/REALTIME.md#rooms): every socket in chat:<id> is checked again
    // against the chat as it is now (after an assignment, transfer, close, reopen), and leaves the
    // room when its user may no longer see the chat. Queued to each hub before the event that
    // announces the change, so nothing published after it reaches a socket that lost the chat.
    void revisitChat(qint64 chatId);
    // The same for every chat room the user's sockets are in (the user left a campaign).
    void revisitUser(qint64 userId);
    void revisitChatHere(qint64 chatId);
    void revisitUserHere(qint64 userId);

    // A restore replaced the database (here or on another server sharing it): whatever a server
    // cached from it is forgotten, through the handler ServerApp sets once before serving.
    void databaseReplaced();
    void databaseReplacedHere();
    void setDatabaseReplacedHandler(std::function<void()> handler) { m_databaseReplaced = std::move(handler); }

    // What publish() and the disconnects also hand to the other servers (RealtimeRelay); set once,
    // before any socket is served.
    struct Relayed {
        enum class Kind { Event, User, Session, ChatRooms, UserRooms, DatabaseReplaced } kind = Kind::Event;
        QStringList rooms;
        QString event;
        QByteArray payload;
        qint64 exceptUserId = 0;
        qint64 userId = 0;
        qint64 sessionId = 0;   // keepSessionId for Kind::User
        qint64 chatId = 0;      // Kind::ChatRooms
    };
    void setRelay(std::function<void(const Relayed &)> relay) { m_relay = std::move(relay); }

    int openSockets() const { return m_open.load(); }             // WebSockets on /socket.io/
    int connectedSockets() const { return m_connected.load(); }   // of which authenticated
    QList<int> socketsPerHub() const;                             // one entry per HTTP thread

    // Hubs register themselves for their lifetime.
    void addHub(RealtimeHub *hub);
    void removeHub(RealtimeHub *hub);
    void countOpen(int delta) { m_open += delta; }
    void countConnected(int delta) { m_connected += delta; }
    void countSlowConsumer() { ++m_slowConsumers; }
    quint64 slowConsumers() const { return m_slowConsumers.load(); }   // sockets cut off for a backlog

private:
    template <typename F>
    void toEveryHub(const F &call);

    std::function<void(const Relayed &)> m_relay;
    std::function<void()> m_databaseReplaced;
    mutable QMutex m_mutex;
    QList<RealtimeHub *> m_hubs;
    std::atomic<int> m_open{0};
    std::atomic<int> m_connected{0};
    std::atomic<quint64> m_slowConsumers{0};
};

}   // namespace Conversa::Server
