#pragma once

#include <Conversa/dto/LiveAnalyticsDto.h>
#include <Conversa/dto/RealtimeEventDto.h>

#include <QJsonValue>
#include <QObject>

namespace Conversa {

class SocketIoClient;

// The server's socket events, decoded once into the protocol library's event types: every part of
// a client subscribes to the typed signal it needs instead of matching event names and reading
// JSON keys itself. Events it does not know are ignored (a newer server may send more).
class RealtimeEvents : public QObject {
    Q_OBJECT
public:
    explicit RealtimeEvents(SocketIoClient &socket, QObject *parent = nullptr);

    // The decoding on its own, for a payload that did not come through a SocketIoClient.
    void dispatch(const QString &name, const QJsonValue &payload);

signals:
    void chatNew(const Conversa::ChatDto &chat);
    void chatUpdated(const Conversa::ChatDto &chat);
    void chatMessage(const Conversa::ChatMessageEventDto &event);
    void messageUpdated(const Conversa::ChatMessageEventDto &event);
    void chatTransferred(const Conversa::ChatTransferredEventDto &event);
    void agentTyping(const Conversa::AgentTypingEventDto &event);
    void taskReminder(const Conversa::TaskReminderEventDto &event);
    void notification(const Conversa::NotificationEventDto &event);
    void analyticsUpdate(const Conversa::LiveAnalyticsDto &analytics);
};

}   // namespace Conversa
