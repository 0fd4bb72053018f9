#include "RealtimeEvents.h"

#include "SocketIoClient.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Conversa {

RealtimeEvents::RealtimeEvents(SocketIoClient &socket, QObject *parent) : QObject(parent)
{
    connect(&socket, &SocketIoClient::event, this, &RealtimeEvents::dispatch);
}

void RealtimeEvents::dispatch(const QString &name, const QJsonValue &payload)
{
    const QJsonObject p = payload.toObject();
    if (name == u"chat.new"_s)
        emit chatNew(ChatEventDto::fromJson(p).chat);
    else if (name == u"chat.updated"_s)
        emit chatUpdated(ChatEventDto::fromJson(p).chat);
    else if (name == u"chat.message"_s)
        emit chatMessage(ChatMessageEventDto::fromJson(p));
    else if (name == u"message.updated"_s)
        emit messageUpdated(ChatMessageEventDto::fromJson(p));
    else if (name == u"chat.transferred"_s)
        emit chatTransferred(ChatTransferredEventDto::fromJson(p));
    else if (name == u"agent.typing"_s)
        emit agentTyping(AgentTypingEventDto::fromJson(p));
    else if (name == u"task.reminder"_s)
        emit taskReminder(TaskReminderEventDto::fromJson(p));
    else if (name == u"notification"_s)
        emit notification(NotificationEventDto::fromJson(p));
    else if (name == u"analytics.update"_s)
        emit analyticsUpdate(LiveAnalyticsDto::fromJson(p));
}

}   // namespace Conversa
