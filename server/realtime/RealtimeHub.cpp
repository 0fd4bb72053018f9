#include "RealtimeHub.h"

#include "ChatEvents.h"
#include "RealtimeBus.h"
#include "core/Permissions.h"
#include "core/Validator.h"
#include "crypto/RandomToken.h"
#include "domain/AuthService.h"
#include "domain/ChatService.h"
#include "http/ActorOf.h"
#include "http/AuditRecordOf.h"
#include "http/RateLimiter.h"
#include "store/AuditStore.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QWebSocket>

#include <limits>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcRealtime, "conversa.server.realtime")

using namespace Qt::StringLiterals;
using SocketIo::EngineType;
using SocketIo::Packet;
using SocketIo::PacketType;

namespace {

constexpr qint64 kCloseGraceMs = 2000;   // a peer that ignores our close frame is cut off after this
constexpr int kMaxReadIds = 100;         // chat.read messageIds per event
// A socket that lets this much pile up unread is cut off rather than let the server's memory grow;
// the client reconnects and catches up through the REST API.
constexpr qint64 kMaxBacklogBytes = 1 << 20;

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString chatRoom(qint64 chatId)
{
    return u"chat:"_s + QString::number(chatId);
}

}   // namespace

struct RealtimeHub::Session {
    QWebSocket *socket = nullptr;
    std::optional<AuthUser> user;   // set by a successful CONNECT
    qint64 expiresAt = 0;           // the token's exp (seconds since the epoch)
    qint64 lastPingMs = 0;          // hub clock: ping sent, or pong received
    qint64 sinceMs = 0;             // hub clock: opened (awaiting CONNECT) or closing started
    quint64 delivery = 0;
    QList<QString> rooms;
    Language language = Language::Spanish;
    QString ip;   // the client's, through trusted proxies, as the REST requests record it
    bool awaitingPong = false;
    bool closing = false;
};

RealtimeHub::RealtimeHub(RealtimeBus &bus, AuthService &auth, Database &db, AuditStore &audit, RateLimiter &limiter,
                         RealtimeSettings settings, QObject *parent)
    : QObject(parent),
      m_bus(bus),
      m_auth(auth),
      m_db(db),
      m_audit(audit),
      m_limiter(limiter),
      m_settings(settings),
      m_chats(db)
{
    m_clock.start();
    // A quarter of the shorter period keeps pings and timeouts within 25 % of their settings; at
    // most a second so an expired token is noticed within one.
    const int step = qBound(20, qMin(m_settings.pingIntervalMs, m_settings.pingTimeoutMs) / 4, 1000);
    m_timer.setInterval(step);
    connect(&m_timer, &QTimer::timeout, this, &RealtimeHub::tick);
    m_timer.start();
    m_bus.addHub(this);
}

RealtimeHub::~RealtimeHub()
{
    m_bus.removeHub(this);
    for (Session *s : std::as_const(m_sessions)) {
        s->socket->disconnect(this);
        if (s->user)
            m_bus.countConnected(-1);
        m_bus.countOpen(-1);
        delete s->socket;   // the stock client sees "transport close" and reconnects to the next server
        delete s;
    }
}

void RealtimeHub::accept(std::unique_ptr<QWebSocket> socket)
{
    if (!socket)
        return;
    QWebSocket *ws = socket.release();
    ws->setParent(this);
    ws->setMaxAllowedIncomingFrameSize(quint64(m_settings.maxMessageBytes));
    ws->setMaxAllowedIncomingMessageSize(quint64(m_settings.maxMessageBytes));
    auto *s = new Session;
    s->socket = ws;
    s->language = languageFromHeader(ws->request().rawHeader("Accept-Language"));
    s->ip = m_settings.trustedProxies.clientAddress(ws->peerAddress(), ws->request().rawHeader("X-Forwarded-For"),
                                                    ws->request().rawHeader("X-Real-IP"));
    s->lastPingMs = s->sinceMs = m_clock.elapsed();
    m_sessions.insert(s);
    ++m_count;
    m_bus.countOpen(1);
    connect(ws, &QWebSocket::textMessageReceived, this, [this, s](const QString &text) { onText(s, text); });
    connect(ws, &QWebSocket::binaryMessageReceived, this, [this, s](const QByteArray &) {
        // Binary attachments are not part of this API; a stray binary frame is invalid anyway.
        endSession(s);
    });
    connect(ws, &QWebSocket::disconnected, this, [this, s] { onDisconnected(s); });
    if (ws->state() != QAbstractSocket::ConnectedState) {
        onDisconnected(s);
        return;
    }
    const QJsonObject open{{u"sid"_s, QString::fromLatin1(RandomToken::urlSafe(15))},
                           {u"upgrades"_s, QJsonArray()},
                           {u"pingInterval"_s, m_settings.pingIntervalMs},
                           {u"pingTimeout"_s, m_settings.pingTimeoutMs},
                           {u"maxPayload"_s, m_settings.maxMessageBytes}};
    send(s, SocketIo::encodeEngine(EngineType::Open, compact(open)));
}

void RealtimeHub::onDisconnected(Session *s)
{
    if (!m_sessions.remove(s))
        return;
    signOut(s);
    --m_count;
    m_bus.countOpen(-1);
    s->socket->disconnect(this);
    s->socket->deleteLater();
    delete s;
}

void RealtimeHub::send(Session *s, const QByteArray &frame)
{
    if (s->closing)
        return;
    // Pongs and acks too: a client that keeps talking but never reads is closed, not buffered for.
    // Cut after this turn: callers may be iterating the sessions, and a close frame would only queue.
    if (s->socket->bytesToWrite() > kMaxBacklogBytes) {
        qCInfo(lcRealtime) << "cutting off a socket that reads too slowly";
        m_bus.countSlowConsumer();
        s->closing = true;
        s->sinceMs = m_clock.elapsed();
        QMetaObject::invokeMethod(s->socket, [socket = s->socket] { socket->abort(); }, Qt::QueuedConnection);
        return;
    }
    s->socket->sendTextMessage(QString::fromUtf8(frame));
}

void RealtimeHub::close(Session *s, int code, const QString &reason)
{
    if (s->closing)
        return;
    s->closing = true;
    s->sinceMs = m_clock.elapsed();
    s->socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void RealtimeHub::endSession(Session *s)
{
    if (s->user)
        send(s, SocketIo::encodePacket(Packet{PacketType::Disconnect}));
    close(s, QWebSocketProtocol::CloseCodeNormal);
}

void RealtimeHub::sendConnectError(Session *s, const char *message, const QByteArray &code, const QString &nsp)
{
    Packet p{PacketType::ConnectError};
    if (!nsp.isEmpty())
        p.nsp = nsp;
    p.data = QJsonObject{{u"message"_s, translated(s->language, "Api", message)},
                         {u"data"_s, QJsonObject{{u"code"_s, QString::fromLatin1(code)}}}};
    send(s, SocketIo::encodePacket(p));
}

void RealtimeHub::onText(Session *s, const QString &text)
{
    if (s->closing)
        return;
    const QByteArray frame = text.toUtf8();
    const std::optional<SocketIo::EnginePacket> packet = SocketIo::parseEngine(frame);
    if (!packet)
        return close(s, QWebSocketProtocol::CloseCodeProtocolError);
    switch (packet->type) {
    case EngineType::Ping: return send(s, SocketIo::encodeEngine(EngineType::Pong, packet->data));
    case EngineType::Pong:
        s->awaitingPong = false;
        s->lastPingMs = m_clock.elapsed();
        return;
    case EngineType::Message: {
        SocketIo::ParseError why = SocketIo::ParseError::None;
        const std::optional<Packet> p = SocketIo::parsePacket(packet->data, &why);
        if (!p) {
            qCDebug(lcRealtime) << "malformed packet, closing:" << int(why);
            if (why == SocketIo::ParseError::Binary)
                return endSession(s);
            return close(s, QWebSocketProtocol::CloseCodeProtocolError);
        }
        return onPacket(s, *p);
    }
    case EngineType::Close: return close(s, QWebSocketProtocol::CloseCodeNormal);
    case EngineType::Noop: return;
    case EngineType::Open:
    case EngineType::Upgrade: return close(s, QWebSocketProtocol::CloseCodeProtocolError);
    }
}

void RealtimeHub::onPacket(Session *s, const Packet &packet)
{
    switch (packet.type) {
    case PacketType::Connect: return onConnect(s, packet);
    case PacketType::Event:
        if (!s->user) {
            sendConnectError(s, QT_TRANSLATE_NOOP("Api", "Connect with an access token first"), "UNAUTHENTICATED");
            return close(s, QWebSocketProtocol::CloseCodePolicyViolated);
        }
        if (packet.nsp != "/"_L1)
            return close(s, QWebSocketProtocol::CloseCodeProtocolError);
        return onEvent(s, packet);
    case PacketType::Disconnect:
        // Leaves the namespace; the Engine.IO session may carry a new CONNECT.
        signOut(s);
        s->sinceMs = m_clock.elapsed();
        return;
    case PacketType::Ack: return;   // this server asks no acknowledgements
    case PacketType::ConnectError:
    case PacketType::BinaryEvent:
    case PacketType::BinaryAck: return close(s, QWebSocketProtocol::CloseCodeProtocolError);
    }
}

void RealtimeHub::onConnect(Session *s, const Packet &packet)
{
    if (packet.nsp != "/"_L1) {
        sendConnectError(s, QT_TRANSLATE_NOOP("Api", "Invalid namespace"), "NOT_FOUND", packet.nsp);
        if (!s->user)
            close(s, QWebSocketProtocol::CloseCodePolicyViolated);
        return;
    }
    if (s->user)
        return close(s, QWebSocketProtocol::CloseCodeProtocolError);   // one connection to "/" per socket

    const QJsonObject auth = packet.data.toObject();
    if (const QString lang = auth.value(u"lang"_s).toString(); !lang.isEmpty())
        s->language = languageFromHeader(lang.toLatin1());
    QByteArray token = auth.value(u"token"_s).toString().trimmed().toUtf8();
    if (token.size() > 7 && token.first(7).toLower() == "bearer ")
        token = token.sliced(7).trimmed();
    if (token.isEmpty()) {
        sendConnectError(s, QT_TRANSLATE_NOOP("Api", "Authentication is required"), "UNAUTHENTICATED");
        return close(s, QWebSocketProtocol::CloseCodePolicyViolated);
    }
    // The router's own check: signature, expiry, live login, active user.
    Result<AuthUser> user = m_auth.authenticate(token);
    if (!user || user->twoFactorSetupRequired) {   // no events before a required 2FA is on
        const ApiError error = user ? ApiError::twoFactorSetupRequired() : user.error();
        sendConnectError(s, error.message(), error.code());
        return close(s, QWebSocketProtocol::CloseCodePolicyViolated);
    }
    s->user = std::move(user.value());
    s->expiresAt = s->user->tokenExpiresAt;
    m_bus.countConnected(1);
    join(s, u"user:"_s + QString::number(s->user->id));
    // Those who see every chat in the list (chats.read_all) get what supervisors get.
    if (s->user->can(Permissions::kChatsReadAll))
        join(s, u"supervisors"_s);
    // analytics.update goes to those who may read /analytics/live (docs/REALTIME.md).
    if (s->user->can(Permissions::kAnalyticsRead))
        join(s, u"analytics"_s);
    // number.qr and number.status go to those who manage numbers (a QR links a phone to one).
    if (s->user->can(Permissions::kWhatsappNumbersManage))
        join(s, u"numbers"_s);
    Packet reply{PacketType::Connect};
    reply.data = QJsonObject{{u"sid"_s, QString::fromLatin1(RandomToken::urlSafe(15))}};
    send(s, SocketIo::encodePacket(reply));
}

void RealtimeHub::signOut(Session *s)
{
    const QList<QString> rooms = s->rooms;
    for (const QString &room : rooms)
        leave(s, room);
    if (s->user) {
        s->user.reset();
        m_bus.countConnected(-1);
    }
}

void RealtimeHub::join(Session *s, const QString &room)
{
    if (s->rooms.contains(room))
        return;
    s->rooms.append(room);
    m_rooms[room].insert(s);
}

void RealtimeHub::leave(Session *s, const QString &room)
{
    if (!s->rooms.removeOne(room))
        return;
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    it->remove(s);
    if (it->isEmpty())
        m_rooms.erase(it);
}

void RealtimeHub::deliver(const QStringList &rooms, const QString &frame, qint64 exceptUserId)
{
    const quint64 stamp = ++m_delivery;
    QList<Session *> slow;   // closed after the loop: the rooms must not change while iterated
    for (const QString &room : rooms) {
        const auto it = m_rooms.constFind(room);
        if (it == m_rooms.constEnd())
            continue;
        for (Session *s : *it) {
            if (s->delivery == stamp || s->closing || (exceptUserId && s->user && s->user->id == exceptUserId))
                continue;
            s->delivery = stamp;
            if (s->socket->bytesToWrite() > kMaxBacklogBytes) {
                slow.append(s);
                continue;
            }
            s->socket->sendTextMessage(frame);
        }
    }
    for (Session *s : std::as_const(slow)) {
        qCInfo(lcRealtime) << "closing a socket of user" << s->user->id << "that reads too slowly";
        m_bus.countSlowConsumer();
        close(s, QWebSocketProtocol::CloseCodePolicyViolated, u"too slow"_s);
    }
}

void RealtimeHub::revisitChat(qint64 chatId)
{
    const QString room = chatRoom(chatId);
    const auto it = m_rooms.constFind(room);
    if (it == m_rooms.constEnd())
        return;
    const QSet<Session *> sessions = *it;   // leave() changes the room
    // One lookup for the room; supervisors pass without a query. Fails closed: a check that
    // cannot be made removes the socket too (it may join again).
    const Result<Chat> chat = m_chats.find(chatId);
    for (Session *s : sessions) {
        if (!s->user)
            continue;
        const Result<bool> visible = chat
            ? m_chats.visibleTo(*chat, s->user->id, s->user->can(Permissions::kChatsReadAll))
            : Result<bool>(false);
        if (!visible || !*visible)
            leave(s, room);
    }
}

void RealtimeHub::revisitUser(qint64 userId)
{
    const auto it = m_rooms.constFind(u"user:"_s + QString::number(userId));
    if (it == m_rooms.constEnd())
        return;
    const QSet<Session *> sessions = *it;
    for (Session *s : sessions) {
        const QList<QString> rooms = s->rooms;
        for (const QString &room : rooms) {
            if (!room.startsWith("chat:"_L1))
                continue;
            if (!m_chats.findVisible(QStringView(room).sliced(5).toLongLong(), *s->user))
                leave(s, room);
        }
    }
}

void RealtimeHub::disconnectUser(qint64 userId, qint64 keepSessionId)
{
    const auto it = m_rooms.constFind(u"user:"_s + QString::number(userId));
    if (it == m_rooms.constEnd())
        return;
    const QSet<Session *> sessions = *it;
    for (Session *s : sessions) {
        if (!keepSessionId || s->user->sessionId != keepSessionId)
            endSession(s);
    }
}

void RealtimeHub::disconnectSession(qint64 sessionId)
{
    const QSet<Session *> sessions = m_sessions;
    for (Session *s : sessions) {
        if (s->user && s->user->sessionId == sessionId)
            endSession(s);
    }
}

void RealtimeHub::tick()
{
    const qint64 now = m_clock.elapsed();
    const qint64 nowSecs = nowSeconds();
    // Decide first, act after: ending a socket may delete its session.
    QList<Session *> cutOff, silent, expired, idle;
    for (Session *s : std::as_const(m_sessions)) {
        if (s->closing) {
            if (now - s->sinceMs > kCloseGraceMs)
                cutOff.append(s);
            continue;
        }
        if (s->awaitingPong) {
            if (now - s->lastPingMs >= m_settings.pingTimeoutMs) {
                silent.append(s);
                continue;
            }
        } else if (now - s->lastPingMs >= m_settings.pingIntervalMs) {
            s->awaitingPong = true;
            s->lastPingMs = now;
            send(s, SocketIo::encodeEngine(EngineType::Ping));
        }
        if (s->user) {
            if (s->expiresAt > 0 && nowSecs >= s->expiresAt)
                expired.append(s);
        } else if (now - s->sinceMs >= m_settings.connectTimeoutMs) {
            idle.append(s);
        }
    }
    for (Session *s : std::as_const(cutOff))
        s->socket->abort();
    for (Session *s : std::as_const(silent))
        close(s, QWebSocketProtocol::CloseCodeGoingAway, u"ping timeout"_s);
    for (Session *s : std::as_const(expired))
        endSession(s);   // the token's exp: as if it had been presented now
    for (Session *s : std::as_const(idle))
        close(s, QWebSocketProtocol::CloseCodePolicyViolated, u"no connect"_s);
}

// ---- Client events ----

void RealtimeHub::onEvent(Session *s, const Packet &packet)
{
    const QJsonArray args = packet.data.toArray();
    const QString name = args.first().toString();
    const QJsonValue arg = args.size() > 1 ? args.at(1) : QJsonValue(QJsonValue::Undefined);
    QJsonObject ack;
    int retryAfter = 0;
    // The same per-user budget as the REST API (HttpRouter), so a socket is no way around it.
    if (m_settings.eventsPerMinute > 0 &&
        !m_limiter.allow(u"user:"_s + QString::number(s->user->id), m_settings.eventsPerMinute, 60, &retryAfter))
        ack = refused(s, ApiError::rateLimited(retryAfter));
    else if (name == "chat.join"_L1)
        ack = chatJoin(s, arg);
    else if (name == "chat.leave"_L1)
        ack = chatLeave(s, arg);
    else if (name == "chat.typing"_L1)
        ack = chatTyping(s, arg);
    else if (name == "chat.read"_L1)
        ack = chatRead(s, arg);
    else
        ack = refused(s, ApiError::notFound());
    if (packet.ackId >= 0 && !s->closing)
        send(s, SocketIo::ackFrame(packet.ackId, compact(ack)));
}

QJsonObject RealtimeHub::refused(const Session *s, const ApiError &error) const
{
    QString text = translated(s->language, "Api", error.message(), error.args());
    if (!error.details().isEmpty()) {
        const FieldError &d = error.details().first();
        text = d.field + u": "_s + translated(s->language, "Api", d.message, d.args);
    }
    return QJsonObject{{u"ok"_s, false}, {u"error"_s, text}, {u"code"_s, QString::fromLatin1(error.code())}};
}

Result<qint64> RealtimeHub::chatIdOf(const QJsonValue &arg)
{
    if (!arg.isObject())
        return ApiError::validation(u"chatId"_s, QT_TRANSLATE_NOOP("Api", "This field is required"));
    const QJsonObject body = arg.toObject();
    Validator v(body);
    const std::optional<qint64> id = v.integer(u"chatId"_s, true, 1, std::numeric_limits<qint32>::max());
    if (!v.ok())
        return v.error();
    return *id;
}

QJsonObject RealtimeHub::chatJoin(Session *s, const QJsonValue &arg)
{
    const Result<qint64> chatId = chatIdOf(arg);
    if (!chatId)
        return refused(s, chatId.error());
    if (!s->user->can(Permissions::kChatsRead))
        return refused(s, ApiError::forbidden());
    // An agent may follow only the chats it may open (docs/API.md): 404 like GET /chats/:id.
    const Result<Chat> chat = m_chats.findVisible(*chatId, *s->user);
    if (!chat)
        return refused(s, chat.error());
    join(s, chatRoom(*chatId));
    return QJsonObject{{u"ok"_s, true}};
}

QJsonObject RealtimeHub::chatLeave(Session *s, const QJsonValue &arg)
{
    const Result<qint64> chatId = chatIdOf(arg);
    if (!chatId)
        return refused(s, chatId.error());
    leave(s, chatRoom(*chatId));
    return QJsonObject{{u"ok"_s, true}};
}

QJsonObject RealtimeHub::chatTyping(Session *s, const QJsonValue &arg)
{
    const Result<qint64> chatId = chatIdOf(arg);
    if (!chatId)
        return refused(s, chatId.error());
    // Joining checked that the chat is visible; typing needs no query of its own.
    if (!s->rooms.contains(chatRoom(*chatId)))
        return refused(s, ApiError::conflict(QT_TRANSLATE_NOOP("Api", "Join the chat first")));
    QJsonObject payload{{u"chat_id"_s, *chatId},
                        {u"agent"_s,
                         QJsonObject{{u"id"_s, s->user->id},
                                     {u"first_name"_s, s->user->firstName},
                                     {u"last_name"_s, s->user->lastName}}}};
    m_bus.publish({chatRoom(*chatId), u"supervisors"_s}, u"agent.typing"_s, compact(payload), s->user->id);
    return QJsonObject{{u"ok"_s, true}};
}

QJsonObject RealtimeHub::chatRead(Session *s, const QJsonValue &arg)
{
    const Result<qint64> chatId = chatIdOf(arg);
    if (!chatId)
        return refused(s, chatId.error());
    const QJsonValue idsValue = arg.toObject().value(u"messageIds"_s);
    QList<qint64> ids;
    bool idsOk = idsValue.isArray() && !idsValue.toArray().isEmpty() && idsValue.toArray().size() <= kMaxReadIds;
    for (const QJsonValue &v : idsValue.toArray()) {
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 1 || d > std::numeric_limits<qint32>::max() || d != double(qint64(d))) {
            idsOk = false;
            break;
        }
        if (!ids.contains(qint64(d)))
            ids.append(qint64(d));
    }
    if (!idsOk) {
        return refused(s,
                       ApiError::validation(u"messageIds"_s,
                                            QT_TRANSLATE_NOOP("Api", "Must be a list of 1 to %1 message ids"),
                                            {QString::number(kMaxReadIds)}));
    }
    // ChatService's rule, as POST /v1/messages/:id/read: the same writes and the same events
    // (message.updated for each, chat.updated for the unread count). One transaction with its audit row.
    Transaction tx(m_db);
    if (!tx.isActive())
        return refused(s, ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The database is not available")));
    const Result<MessagesRead> done = ChatService(m_db).markChatRead(actorOf(*s->user), *chatId, ids);
    if (!done)
        return refused(s, done.error());
    QJsonArray read;
    for (const qint64 id : done->read)
        read.append(id);
    if (!done->read.isEmpty()) {
        RequestContext ctx;
        ctx.method = "SOCKET";
        ctx.path = u"/socket.io/ chat.read"_s;
        ctx.ip = s->ip;
        ctx.userAgent = QString::fromUtf8(s->socket->request().rawHeader("User-Agent").left(512));
        ctx.user = *s->user;
        ctx.audit.action = u"chat.mark_read"_s;
        ctx.audit.entityType = u"Chat"_s;
        ctx.audit.entityId = *chatId;
        ctx.audit.changes = done->changes;
        m_audit.record(auditRecordOf(ctx, true, 200));
    }
    if (!tx.commit())
        return refused(s, ApiError::internal());
    // What the REST call publishes, except to this user's own sockets: they have the acknowledgement.
    if (!done->events.isEmpty()) {
        ChatEvents::soon(m_db, m_bus,
                         [events = done->events, reader = s->user->id](ChatEvents &e) { e.publish(events, reader); });
    }
    return QJsonObject{{u"ok"_s, true}, {u"read"_s, read}};
}

}   // namespace Conversa::Server
