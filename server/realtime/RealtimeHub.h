#pragma once

#include <Conversa/realtime/SocketIoCodec.h>
#include "core/Result.h"
#include "core/TrustedProxies.h"
#include "http/RequestContext.h"
#include "store/ChatStore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <atomic>
#include <memory>
#include <optional>

class QWebSocket;

namespace Conversa::Server {

class AuditStore;
class AuthService;
class Database;
class RateLimiter;
class RealtimeBus;

struct RealtimeSettings {
    int pingIntervalMs = 25000;
    int pingTimeoutMs = 20000;
    int connectTimeoutMs = 45000;         // from the open packet to the Socket.IO CONNECT
    qint64 maxMessageBytes = 64 * 1024;   // per WebSocket frame and message; more closes the socket
    int eventsPerMinute = 3000;           // client events per user, counted with its REST requests; 0 = off
    TrustedProxies trustedProxies;        // who may say who the client is (X-Forwarded-For)
};

// The Socket.IO sockets of one HTTP thread: Engine.IO session (open packet, server pings, pong
// timeout), Socket.IO CONNECT with the access token, rooms, the client events (chat.join,
// chat.leave, chat.typing, chat.read) and delivery of what the RealtimeBus publishes. Lives in,
// and is only ever called on, its thread; the database work runs on that thread's connection.
class RealtimeHub final : public QObject {
    Q_OBJECT
public:
    RealtimeHub(RealtimeBus &bus, AuthService &auth, Database &db, AuditStore &audit, RateLimiter &limiter,
                RealtimeSettings settings, QObject *parent = nullptr);
    ~RealtimeHub() override;

    // Takes a socket QHttpServer upgraded on this thread.
    void accept(std::unique_ptr<QWebSocket> socket);

    // Writes an already encoded frame to the sockets in any of the rooms, once per socket.
    void deliver(const QStringList &rooms, const QString &frame, qint64 exceptUserId);
    // Each socket in the chat's room (or each chat room of the user's sockets) checked again;
    // those that may no longer see the chat leave the room (RealtimeBus::revisitChat).
    void revisitChat(qint64 chatId);
    void revisitUser(qint64 userId);
    void disconnectUser(qint64 userId, qint64 keepSessionId);
    void disconnectSession(qint64 sessionId);

    int socketCount() const { return m_count.load(); }   // any thread

private:
    struct Session;

    void onText(Session *s, const QString &text);
    void onPacket(Session *s, const SocketIo::Packet &packet);
    void onConnect(Session *s, const SocketIo::Packet &packet);
    void onEvent(Session *s, const SocketIo::Packet &packet);
    void onDisconnected(Session *s);
    void tick();

    // Client events; each answers what its acknowledgement carries.
    QJsonObject chatJoin(Session *s, const QJsonValue &arg);
    QJsonObject chatLeave(Session *s, const QJsonValue &arg);
    QJsonObject chatTyping(Session *s, const QJsonValue &arg);
    QJsonObject chatRead(Session *s, const QJsonValue &arg);
    Result<qint64> chatIdOf(const QJsonValue &arg);
    QJsonObject refused(const Session *s, const ApiError &error) const;

    void send(Session *s, const QByteArray &frame);
    void sendConnectError(Session *s, const char *message, const QByteArray &code, const QString &nsp = {});
    // Socket.IO DISCONNECT (the stock client then does not reconnect), then close.
    void endSession(Session *s);
    void close(Session *s, int code, const QString &reason = {});
    void join(Session *s, const QString &room);
    void leave(Session *s, const QString &room);
    void signOut(Session *s);

    RealtimeBus &m_bus;
    AuthService &m_auth;
    Database &m_db;
    AuditStore &m_audit;
    RateLimiter &m_limiter;
    RealtimeSettings m_settings;
    ChatStore m_chats;
    QSet<Session *> m_sessions;
    QHash<QString, QSet<Session *>> m_rooms;
    QTimer m_timer;   // one timer for every socket: pings, timeouts, token expiry
    QElapsedTimer m_clock;
    quint64 m_delivery = 0;   // stamps sessions already written in one deliver()
    std::atomic<int> m_count{0};
};

}   // namespace Conversa::Server
