#include "RealtimeBus.h"

#include "RealtimeHub.h"
#include <Conversa/realtime/SocketIoCodec.h>

#include <QMetaObject>

namespace Conversa::Server {

template <typename F>
void RealtimeBus::toEveryHub(const F &call)
{
    // Under the lock a hub cannot be destroyed; what is queued to a hub destroyed later is dropped
    // with it by Qt.
    QMutexLocker lock(&m_mutex);
    for (RealtimeHub *hub : std::as_const(m_hubs))
        QMetaObject::invokeMethod(
            hub, [hub, call] { call(*hub); }, Qt::QueuedConnection);
}

void RealtimeBus::publish(const QStringList &rooms, const QString &event, const QByteArray &jsonPayload,
                          qint64 exceptUserId)
{
    publishHere(rooms, event, jsonPayload, exceptUserId);
    if (m_relay && !rooms.isEmpty())
        m_relay({.kind = Relayed::Kind::Event,
                 .rooms = rooms,
                 .event = event,
                 .payload = jsonPayload,
                 .exceptUserId = exceptUserId});
}

void RealtimeBus::publishHere(const QStringList &rooms, const QString &event, const QByteArray &jsonPayload,
                              qint64 exceptUserId)
{
    if (rooms.isEmpty())
        return;
    // Serialised once; the QString copies handed to each hub share it.
    const QString frame = QString::fromUtf8(SocketIo::eventFrame(event, jsonPayload));
    toEveryHub([rooms, frame, exceptUserId](RealtimeHub &hub) { hub.deliver(rooms, frame, exceptUserId); });
}

void RealtimeBus::disconnectUser(qint64 userId, qint64 keepSessionId)
{
    disconnectUserHere(userId, keepSessionId);
    if (m_relay)
        m_relay({.kind = Relayed::Kind::User, .userId = userId, .sessionId = keepSessionId});
}

void RealtimeBus::disconnectSession(qint64 sessionId)
{
    disconnectSessionHere(sessionId);
    if (m_relay)
        m_relay({.kind = Relayed::Kind::Session, .sessionId = sessionId});
}

void RealtimeBus::disconnectUserHere(qint64 userId, qint64 keepSessionId)
{
    toEveryHub([userId, keepSessionId](RealtimeHub &hub) { hub.disconnectUser(userId, keepSessionId); });
}

void RealtimeBus::disconnectSessionHere(qint64 sessionId)
{
    toEveryHub([sessionId](RealtimeHub &hub) { hub.disconnectSession(sessionId); });
}

void RealtimeBus::databaseReplaced()
{
    databaseReplacedHere();
    if (m_relay)
        m_relay({.kind = Relayed::Kind::DatabaseReplaced});
}

void RealtimeBus::databaseReplacedHere()
{
    if (m_databaseReplaced)
        m_databaseReplaced();
}

void RealtimeBus::revisitChat(qint64 chatId)
{
    revisitChatHere(chatId);
    if (m_relay)
        m_relay({.kind = Relayed::Kind::ChatRooms, .chatId = chatId});
}

void RealtimeBus::revisitUser(qint64 userId)
{
    revisitUserHere(userId);
    if (m_relay)
        m_relay({.kind = Relayed::Kind::UserRooms, .userId = userId});
}

void RealtimeBus::revisitChatHere(qint64 chatId)
{
    toEveryHub([chatId](RealtimeHub &hub) { hub.revisitChat(chatId); });
}

void RealtimeBus::revisitUserHere(qint64 userId)
{
    toEveryHub([userId](RealtimeHub &hub) { hub.revisitUser(userId); });
}

QList<int> RealtimeBus::socketsPerHub() const
{
    QMutexLocker lock(&m_mutex);
    QList<int> counts;
    for (const RealtimeHub *hub : m_hubs)
        counts.append(hub->socketCount());
    return counts;
}

void RealtimeBus::addHub(RealtimeHub *hub)
{
    QMutexLocker lock(&m_mutex);
    m_hubs.append(hub);
}

void RealtimeBus::removeHub(RealtimeHub *hub)
{
    QMutexLocker lock(&m_mutex);
    m_hubs.removeOne(hub);
}

}   // namespace Conversa::Server
