// Conversa::RealtimeEvents: each socket event the desktop listens to arrives as its typed DTO on
// its own signal, whatever other events come; unknown events are ignored.
#include <Conversa/realtime/RealtimeEvents.h>
#include <Conversa/realtime/SocketIoClient.h>

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_SocketEventDecoder : public QObject {
    Q_OBJECT

private slots:
    void decodesEachEvent();
    void ignoresUnknownEvents();
};

void tst_SocketEventDecoder::decodesEachEvent()
{
    Conversa::SocketIoClient socket;
    Conversa::RealtimeEvents events(socket);
    QSignalSpy news(&events, &Conversa::RealtimeEvents::chatNew);
    QSignalSpy updates(&events, &Conversa::RealtimeEvents::chatUpdated);
    QSignalSpy messages(&events, &Conversa::RealtimeEvents::chatMessage);
    QSignalSpy statuses(&events, &Conversa::RealtimeEvents::messageUpdated);
    QSignalSpy transfers(&events, &Conversa::RealtimeEvents::chatTransferred);
    QSignalSpy typing(&events, &Conversa::RealtimeEvents::agentTyping);

    const QJsonObject chat{{u"id"_s, 41},
                           {u"status"_s, u"assigned"_s},
                           {u"priority"_s, u"high"_s},
                           {u"client"_s, QJsonObject{{u"id"_s, 5}, {u"phone_number"_s, u"+573001112233"_s}}}};
    events.dispatch(u"chat.new"_s, QJsonObject{{u"chat"_s, chat}});
    events.dispatch(u"chat.updated"_s, QJsonObject{{u"chat"_s, chat}});
    const QJsonObject message{{u"id"_s, 900},
                              {u"chat_id"_s, 41},
                              {u"direction"_s, u"inbound"_s},
                              {u"message_type"_s, u"text"_s},
                              {u"content"_s, u"Hola"_s},
                              {u"status"_s, u"delivered"_s}};
    events.dispatch(u"chat.message"_s, QJsonObject{{u"chat_id"_s, 41}, {u"message"_s, message}});
    events.dispatch(u"message.updated"_s, QJsonObject{{u"chat_id"_s, 41}, {u"message"_s, message}});
    events.dispatch(u"chat.transferred"_s,
                    QJsonObject{{u"chat_id"_s, 41},
                                {u"from"_s, QJsonObject{{u"agent_id"_s, 7}, {u"campaign_id"_s, 2}}},
                                {u"to"_s,
                                 QJsonObject{{u"type"_s, u"queue"_s},
                                             {u"agent_id"_s, QJsonValue::Null},
                                             {u"campaign_id"_s, 2}}},
                                {u"reason"_s, u"Fin de turno"_s}});
    events
        .dispatch(u"agent.typing"_s,
                  QJsonObject{{u"chat_id"_s, 41},
                              {u"agent"_s,
                               QJsonObject{{u"id"_s, 7}, {u"first_name"_s, u"Sara"_s}, {u"last_name"_s, u"Luna"_s}}}});

    QCOMPARE(news.size(), 1);
    QCOMPARE(news.first().first().value<Conversa::ChatDto>().id, 41);
    QCOMPARE(updates.size(), 1);
    const auto updated = updates.first().first().value<Conversa::ChatDto>();
    QCOMPARE(updated.priority, u"high"_s);
    QCOMPARE(updated.client.phoneNumber, u"+573001112233"_s);
    QCOMPARE(messages.size(), 1);
    const auto inbound = messages.first().first().value<Conversa::ChatMessageEventDto>();
    QCOMPARE(inbound.chatId, 41);
    QCOMPARE(inbound.message.id, 900);
    QCOMPARE(inbound.message.content.value_or(QString()), u"Hola"_s);
    QCOMPARE(statuses.size(), 1);
    QCOMPARE(statuses.first().first().value<Conversa::ChatMessageEventDto>().message.status, u"delivered"_s);
    QCOMPARE(transfers.size(), 1);
    const auto transfer = transfers.first().first().value<Conversa::ChatTransferredEventDto>();
    QCOMPARE(transfer.chatId, 41);
    QCOMPARE(transfer.to.type.value_or(QString()), u"queue"_s);
    QVERIFY(!transfer.to.agentId.has_value());
    QCOMPARE(transfer.from.agentId.value_or(0), 7);
    QCOMPARE(transfer.reason.value_or(QString()), u"Fin de turno"_s);
    QCOMPARE(typing.size(), 1);
    const auto typist = typing.first().first().value<Conversa::AgentTypingEventDto>();
    QCOMPARE(typist.chatId, 41);
    QCOMPARE(typist.agent.firstName, u"Sara"_s);
}

void tst_SocketEventDecoder::ignoresUnknownEvents()
{
    Conversa::SocketIoClient socket;
    Conversa::RealtimeEvents events(socket);
    QSignalSpy news(&events, &Conversa::RealtimeEvents::chatNew);
    QSignalSpy updates(&events, &Conversa::RealtimeEvents::chatUpdated);
    events.dispatch(u"chat.renamed"_s, QJsonObject{{u"chat"_s, QJsonObject{{u"id"_s, 1}}}});
    events.dispatch(u"chat.updated"_s, QJsonObject{{u"chat"_s, QJsonObject{{u"id"_s, 2}}}});
    QCOMPARE(news.size(), 0);
    QCOMPARE(updates.size(), 1);
    QCOMPARE(updates.first().first().value<Conversa::ChatDto>().id, 2);
}

QTEST_GUILESS_MAIN(tst_SocketEventDecoder)
#include "tst_socket_event_decoder.moc"
