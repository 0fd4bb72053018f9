// The protocol library's wire types for what the customer's API design shows but the server
// does not answer yet — bot flows, reports, trends, backups — and
// the Socket.IO payloads of the realtime events of docs/REALTIME.md. No server: every file in tests/data/seed/ must
// survive fromJson → toJson unchanged, and typed fields must read right.
//
// The seed's examples of the entities the server already answers are checked too, seed shape
// against the same DTOs (tst_dto checks the server's shape).
//
// The seed's examples (every file but event-*.json) are copied verbatim
// from the seed's ```json blocks; all were valid JSON, so none needed fixing ("Mozilla/5.0..." in
// audit-logs.json is a string, not a placeholder). The event-*.json payloads are not in the seed
// as JSON: they follow docs/REALTIME.md and the server's own writers (ChatsApi, MessagesApi,
// RealtimeHub, ChatEvents), with realistic values.
#include <Conversa/dto/AuditEntryDto.h>
#include <Conversa/dto/BackupDto.h>
#include <Conversa/dto/BotFlowDto.h>
#include <Conversa/dto/CampaignDto.h>
#include <Conversa/dto/ClientDto.h>
#include <Conversa/dto/FileDto.h>
#include <Conversa/dto/LiveAnalyticsDto.h>
#include <Conversa/dto/Page.h>
#include <Conversa/dto/RealtimeEventDto.h>
#include <Conversa/dto/ReportDto.h>
#include <Conversa/dto/TrendDto.h>
#include <Conversa/dto/UserDto.h>
#include <Conversa/dto/WhatsAppNumberDto.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Conversa;

namespace {

QJsonObject load(const QString &name)
{
    QFile f(QStringLiteral(CONVERSA_SEED_DATA_DIR) + u'/' + name);
    if (!f.open(QIODevice::ReadOnly)) {
        qWarning("cannot open %s", qPrintable(f.fileName()));
        return {};
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("%s: %s", qPrintable(name), qPrintable(error.errorString()));
    return doc.object();
}

template <class T>
QJsonObject roundTrip(const QJsonObject &json)
{
    return T::fromJson(json).toJson();
}

using RoundTrip = QJsonObject (*)(const QJsonObject &);

// Every data file and the DTO it is read into.
const QList<std::pair<QString, RoundTrip>> &files()
{
    static const QList<std::pair<QString, RoundTrip>> table{
        // The seed's examples of entities the server answers.
        {u"user.json"_s, &roundTrip<UserDto>},
        {u"campaigns.json"_s, &roundTrip<Page<CampaignDto>>},
        {u"numbers.json"_s, &roundTrip<Page<WhatsAppNumberDto>>},
        {u"chats.json"_s, &roundTrip<Page<ChatDto>>},
        {u"chat.json"_s, &roundTrip<ChatDto>},
        {u"chat-messages.json"_s, &roundTrip<Page<MessageDto>>},
        {u"message-sent.json"_s, &roundTrip<MessageDto>},
        {u"clients.json"_s, &roundTrip<Page<ClientDto>>},
        {u"client.json"_s, &roundTrip<ClientDto>},
        {u"file.json"_s, &roundTrip<FileDto>},
        {u"bot-flow-create.json"_s, &roundTrip<BotFlowDto>},
        {u"bot-flow.json"_s, &roundTrip<BotFlowDto>},
        {u"bot-flow-nodes.json"_s, &roundTrip<BotFlowNodesDto>},
        {u"bot-flow-stats.json"_s, &roundTrip<BotFlowStatsDto>},
        {u"report-campaign.json"_s, &roundTrip<CampaignReportDto>},
        {u"report-agent.json"_s, &roundTrip<AgentReportDto>},
        {u"analytics-live.json"_s, &roundTrip<LiveAnalyticsDto>},
        {u"analytics-trends.json"_s, &roundTrip<TrendDto>},
        {u"audit-logs.json"_s, &roundTrip<Page<AuditEntryDto>>},
        {u"backup-create.json"_s, &roundTrip<BackupDto>},
        {u"backup-created.json"_s, &roundTrip<BackupDto>},
        {u"event-chat-new.json"_s, &roundTrip<ChatEventDto>},
        {u"event-chat-message.json"_s, &roundTrip<ChatMessageEventDto>},
        {u"event-message-updated.json"_s, &roundTrip<ChatMessageEventDto>},
        {u"event-chat-transferred.json"_s, &roundTrip<ChatTransferredEventDto>},
        {u"event-chat-transferred-queue.json"_s, &roundTrip<ChatTransferredEventDto>},
        {u"event-agent-typing.json"_s, &roundTrip<AgentTypingEventDto>},
        {u"event-task-reminder.json"_s, &roundTrip<TaskReminderEventDto>},
        {u"event-notification-backup.json"_s, &roundTrip<NotificationEventDto>},
        {u"event-chat-read.json"_s, &roundTrip<ChatReadRequestDto>},
        {u"event-chat-read-ack.json"_s, &roundTrip<SocketAckDto>},
        {u"event-chat-join-refused.json"_s, &roundTrip<SocketAckDto>},
    };
    return table;
}

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
}

}   // namespace

class tst_DtoSeed : public QObject {
    Q_OBJECT

private slots:
    void everyFileIsListed();
    void roundTrips_data();
    void roundTrips();
    void botFlow();
    void botNodeConfigs();
    void botFlowStats();
    void reports();
    void trendsAndBackups();
    void events();
    void builtInCodeWritesEveryField();
};

// A file added to tests/data/seed/ without a row here would go untested.
void tst_DtoSeed::everyFileIsListed()
{
    QStringList listed;
    for (const auto &[name, fn] : files())
        listed.append(name);
    listed.sort();
    QStringList onDisk = QDir(QStringLiteral(CONVERSA_SEED_DATA_DIR)).entryList({u"*.json"_s}, QDir::Files);
    onDisk.sort();
    QCOMPARE(onDisk, listed);
}

void tst_DtoSeed::roundTrips_data()
{
    QTest::addColumn<int>("row");
    for (qsizetype i = 0; i < files().size(); ++i)
        QTest::addRow("%s", qPrintable(files().at(i).first)) << int(i);
}

void tst_DtoSeed::roundTrips()
{
    QFETCH(int, row);
    const auto &[name, fn] = files().at(row);
    const QJsonObject original = load(name);
    QVERIFY(!original.isEmpty());
    const QJsonObject back = fn(original);
    if (back != original)
        qWarning("%s\n%s", QJsonDocument(original).toJson().constData(), QJsonDocument(back).toJson().constData());
    QCOMPARE(back, original);
}

void tst_DtoSeed::botFlow()
{
    const BotFlowDto flow = BotFlowDto::fromJson(load(u"bot-flow.json"_s));
    QCOMPARE(flow.id, 1);
    QCOMPARE(flow.startNodeId, u"node_welcome"_s);
    QCOMPARE(flow.description, std::optional<QString>(u"Flujo inicial"_s));
    QCOMPARE(flow.version, 1);
    QVERIFY(flow.isPublished);
    QCOMPARE(flow.createdAt, utc("2025-11-01T00:00:00Z"));
    QCOMPARE(flow.nodes.size(), 2);

    const BotFlowNodeDto &welcome = flow.nodes.at(0);
    QCOMPARE(welcome.id, 1);
    QCOMPARE(welcome.nodeType, u"message"_s);
    QCOMPARE(welcome.config.content, std::optional<QString>(u"¡Hola! Bienvenido a {{company_name}}"_s));
    QCOMPARE(welcome.nextNodeKey, std::optional<QString>(u"node_menu"_s));
    QCOMPARE(welcome.config.targets(), QStringList{u"node_menu"_s});
    QCOMPARE(welcome.positionY, std::optional<qint64>(100));

    const BotFlowNodeDto &menu = flow.nodes.at(1);
    QCOMPARE(menu.nodeKey, u"node_menu"_s);
    QCOMPARE(menu.config.options.size(), 3);
    QCOMPARE(menu.config.options.at(1).label, u"2. Soporte"_s);
    QCOMPARE(menu.config.options.at(2).value, u"agent"_s);
    QCOMPARE(menu.config.targets(), (QStringList{u"node_sales"_s, u"node_support"_s, u"node_agent"_s}));
    QVERIFY(!menu.nextNodeKey);   // absent in the seed, and not written back
    QVERIFY(!menu.toJson().contains(u"next_node_key"_s));

    const BotFlowDto body = BotFlowDto::fromJson(load(u"bot-flow-create.json"_s));
    QCOMPARE(body.variables.value(u"company_name"_s).toString(), u"MiEmpresa"_s);
    QCOMPARE(body.timeoutSeconds, std::optional<qint64>(300));
    QCOMPARE(body.maxInvalidAttempts, std::optional<qint64>(3));
    QVERIFY(!body.toJson().contains(u"id"_s));

    const BotFlowNodesDto nodes = BotFlowNodesDto::fromJson(load(u"bot-flow-nodes.json"_s));
    QCOMPARE(nodes.nodes.size(), 1);
    QVERIFY(!nodes.nodes.at(0).toJson().contains(u"id"_s));
    QCOMPARE(nodes.nodes.at(0).config.next, std::optional<QString>(u"node_menu"_s));
}

// The node types the seed does not show (docs/BOT_FLOWS.md): each reads its own keys and writes back only those.
void tst_DtoSeed::botNodeConfigs()
{
    const QJsonObject condition = QJsonDocument::fromJson(R"({
        "rules": [{"variable": "edad", "operator": "gt", "value": 17, "next": "node_adult"},
                  {"variable": "email", "operator": "exists", "value": null, "next": "node_known"}],
        "default": "node_minor"})")
                                      .object();
    const BotNodeConfigDto c = BotNodeConfigDto::fromJson(condition);
    QCOMPARE(c.rules.size(), 2);
    QCOMPARE(c.rules.at(0).op, u"gt"_s);
    QCOMPARE(c.rules.at(0).value.toInteger(), 17);
    QVERIFY(c.rules.at(1).value.isNull());
    QCOMPARE(c.targets(), (QStringList{u"node_adult"_s, u"node_known"_s, u"node_minor"_s}));
    QCOMPARE(c.toJson(), condition);

    const QJsonObject http = QJsonDocument::fromJson(R"({
        "method": "POST", "url": "https://crm.example.com/leads", "headers": {"X-Key": "{{api_key}}"},
        "body": {"phone": "{{client.phone_number}}"}, "timeout_ms": 5000,
        "save": {"lead_id": "$.id"}, "next": "node_ok", "on_error": "node_fail"})")
                                 .object();
    const BotNodeConfigDto h = BotNodeConfigDto::fromJson(http);
    QCOMPARE(h.timeoutMs, std::optional<qint64>(5000));
    QCOMPARE(h.save.value(u"lead_id"_s).toString(), u"$.id"_s);
    QCOMPARE(h.targets(), (QStringList{u"node_ok"_s, u"node_fail"_s}));
    QCOMPARE(h.toJson(), http);

    const QJsonObject transfer = QJsonDocument::fromJson(R"({
        "target_type": "campaign", "target_id": 2, "skills": ["ventas"], "content": "Te paso con un asesor"})")
                                     .object();
    const BotNodeConfigDto t = BotNodeConfigDto::fromJson(transfer);
    QCOMPARE(t.targetId, std::optional<qint64>(2));
    QCOMPARE(t.skills, QStringList{u"ventas"_s});
    QVERIFY(t.targets().isEmpty());
    QCOMPARE(t.toJson(), transfer);

    const QJsonObject end = QJsonDocument::fromJson(R"({
        "content": "¡Gracias!", "close": {"close_reason": "resolved", "outcome": null}})")
                                .object();
    const BotNodeConfigDto e = BotNodeConfigDto::fromJson(end);
    QVERIFY(e.close);
    QCOMPARE(e.close->closeReason, u"resolved"_s);
    QVERIFY(!e.close->outcome);
    QCOMPARE(e.toJson(), end);

    const QJsonObject others = QJsonDocument::fromJson(R"({
        "content": "¿Tu correo?", "variable": "email", "validation": "email", "invalid_message": "No parece un correo",
        "assign": {"saludo": "Hola {{nombre}}"}, "chat_tags": ["bot"], "client_tags": [],
        "fields": {"lead_status": "hot"}, "seconds": 30, "media_file_id": 9, "next": "node_x"})")
                                   .object();
    const BotNodeConfigDto o = BotNodeConfigDto::fromJson(others);
    QCOMPARE(o.validation, std::optional<QString>(u"email"_s));
    QCOMPARE(o.seconds, std::optional<qint64>(30));
    QCOMPARE(o.mediaFileId, std::optional<qint64>(9));
    QCOMPARE(o.chatTags, QStringList{u"bot"_s});
    QCOMPARE(o.toJson(), others);
}

void tst_DtoSeed::botFlowStats()
{
    const BotFlowStatsDto s = BotFlowStatsDto::fromJson(load(u"bot-flow-stats.json"_s));
    QCOMPARE(s.totalSessions, 523);
    QCOMPARE(s.totalCompletions, 401);
    QCOMPARE(s.completionRate, std::optional<double>(76.67));
    QCOMPARE(s.avgCompletionTimeSeconds, std::optional<qint64>(180));
    QCOMPARE(s.nodeStats.size(), 2);
    QCOMPARE(s.nodeStats.at(1).nodeKey, u"node_menu"_s);
    QCOMPARE(s.nodeStats.at(1).exits, 122);
}

void tst_DtoSeed::reports()
{
    const CampaignReportDto c = CampaignReportDto::fromJson(load(u"report-campaign.json"_s));
    QCOMPARE(c.campaign.id, 1);
    QCOMPARE(c.campaign.name, u"Campaña Ventas"_s);
    QCOMPARE(c.period.from, utc("2025-11-01T00:00:00Z"));
    QCOMPARE(c.period.to, utc("2025-11-14T23:59:59Z"));
    QCOMPARE(c.metrics.totalChats, 523);
    QCOMPARE(c.metrics.avgWaitTimeSeconds, std::optional<qint64>(45));
    QCOMPARE(c.metrics.slaFirstResponseCompliance, std::optional<double>(95.5));
    QCOMPARE(c.metrics.avgMessagesPerChat, std::optional<double>(15.6));
    QCOMPARE(c.metrics.satisfaction.avgRating, std::optional<double>(4.3));
    QCOMPARE(c.metrics.satisfaction.ratingDistribution.size(), 5);
    QCOMPARE(c.metrics.satisfaction.ratingDistribution.value(u"5"_s), 160);
    QCOMPARE(c.metrics.outcomes.size(), 4);
    QCOMPARE(c.metrics.outcomes.value(u"sale"_s), 234);
    QCOMPARE(c.metrics.totalRevenue, 15600000);

    const AgentReportDto a = AgentReportDto::fromJson(load(u"report-agent.json"_s));
    QCOMPARE(a.agent.id, 1);
    QCOMPARE(a.agent.lastName, u"Pérez"_s);
    QCOMPARE(a.period.to, utc("2025-11-14T23:59:59Z"));
    QCOMPARE(a.metrics.chatsHandled, 89);
    QCOMPARE(a.metrics.chatsPerHour, std::optional<double>(6.7));
    QCOMPARE(a.metrics.avgCsatScore, std::optional<double>(4.5));
    QCOMPARE(a.metrics.timeBreakdown.availableSeconds, 151200);
    QCOMPARE(a.metrics.timeBreakdown.offlineSeconds, 108000);
    QCOMPARE(a.metrics.outcomes.value(u"no_sale"_s), 28);
    QCOMPARE(a.metrics.revenueGenerated, 3200000);
}

void tst_DtoSeed::trendsAndBackups()
{
    const TrendDto t = TrendDto::fromJson(load(u"analytics-trends.json"_s));
    QCOMPARE(t.metric, u"chats_per_hour"_s);
    QCOMPARE(t.data.size(), 2);
    QCOMPARE(t.data.at(1).timestamp, utc("2025-11-01T09:00:00Z"));
    QCOMPARE(t.data.at(1).value, 18.0);

    const LiveAnalyticsDto live = LiveAnalyticsDto::fromJson(load(u"analytics-live.json"_s));
    QCOMPARE(live.timestamp, utc("2025-11-14T10:00:00Z"));
    QCOMPARE(live.agents.list.size(), 1);
    QCOMPARE(live.queues.at(0).waiting, 8);

    const auto audit = Page<AuditEntryDto>::fromJson(load(u"audit-logs.json"_s));
    QCOMPARE(audit.data.size(), 1);
    QCOMPARE(audit.data.at(0).id, 1234);

    const ChatDto chat = ChatDto::fromJson(load(u"chat.json"_s));
    QCOMPARE(chat.id, 123);
    QCOMPARE(chat.client.id, 45);
    const auto messages = Page<MessageDto>::fromJson(load(u"chat-messages.json"_s));
    QCOMPARE(messages.data.size(), 2);
    QVERIFY(!messages.data.at(0).user);
    QCOMPARE(messages.data.at(1).readAt, utc("2025-11-14T09:31:10Z"));

    const BackupDto created = BackupDto::fromJson(load(u"backup-created.json"_s));
    QCOMPARE(created.id, 45);
    QCOMPARE(created.status, u"in_progress"_s);
    QCOMPARE(created.startedAt, utc("2025-11-14T10:00:00Z"));
    QVERIFY(created.message);
    const BackupDto body = BackupDto::fromJson(load(u"backup-create.json"_s));
    QCOMPARE(body.storageLocation, u"local"_s);
    QCOMPARE(body.toJson().keys(), (QStringList{u"backup_type"_s, u"storage_location"_s}));
}

void tst_DtoSeed::events()
{
    const ChatEventDto chatNew = ChatEventDto::fromJson(load(u"event-chat-new.json"_s));
    QCOMPARE(chatNew.chat.id, 123);
    QCOMPARE(chatNew.chat.client.id, 456);
    QVERIFY(chatNew.chat.assignedAgent);
    QCOMPARE(chatNew.chat.assignedAgent->agentStatus, u"available"_s);
    QCOMPARE(chatNew.chat.assignedAt, utc("2025-11-14T09:31:00Z"));
    QVERIFY(!chatNew.chat.firstResponseAt.isValid());

    const ChatMessageEventDto m = ChatMessageEventDto::fromJson(load(u"event-chat-message.json"_s));
    QCOMPARE(m.chatId, 123);
    QCOMPARE(m.message.id, 790);
    QCOMPARE(m.message.sentAt, utc("2025-11-14T09:31:01Z"));
    QVERIFY(m.message.replyTo);
    QCOMPARE(m.message.replyTo->id, 789);
    const ChatMessageEventDto failed = ChatMessageEventDto::fromJson(load(u"event-message-updated.json"_s));
    QCOMPARE(failed.message.status, u"failed"_s);
    QCOMPARE(failed.message.mediaFileId, std::optional<qint64>(12));
    QVERIFY(!failed.message.replyTo);

    const ChatTransferredEventDto toAgent = ChatTransferredEventDto::fromJson(load(u"event-chat-transferred.json"_s));
    QCOMPARE(toAgent.from.agentId, std::optional<qint64>(1));
    QVERIFY(!toAgent.from.type);
    QCOMPARE(toAgent.to.type, std::optional<QString>(u"agent"_s));
    QCOMPARE(toAgent.to.agentId, std::optional<qint64>(2));
    QCOMPARE(toAgent.reason, std::optional<QString>(u"Cliente solicita supervisor"_s));
    const ChatTransferredEventDto toQueue =
        ChatTransferredEventDto::fromJson(load(u"event-chat-transferred-queue.json"_s));
    QVERIFY(!toQueue.from.agentId && !toQueue.to.agentId && !toQueue.reason);
    QCOMPARE(toQueue.to.campaignId, 1);

    const AgentTypingEventDto typing = AgentTypingEventDto::fromJson(load(u"event-agent-typing.json"_s));
    QCOMPARE(typing.chatId, 123);
    QCOMPARE(typing.agent.firstName, u"Juan"_s);

    const TaskReminderEventDto reminder = TaskReminderEventDto::fromJson(load(u"event-task-reminder.json"_s));
    QCOMPARE(reminder.task.id, 34);
    QCOMPARE(reminder.task.chatId, std::optional<qint64>(123));

    const NotificationEventDto note = NotificationEventDto::fromJson(load(u"event-notification-backup.json"_s));
    QCOMPARE(note.type, u"backup.completed"_s);
    QCOMPARE(note.details.value(u"backup_id"_s).toInteger(), 45);
    QVERIFY(!note.details.contains(u"type"_s));

    const ChatReadRequestDto read = ChatReadRequestDto::fromJson(load(u"event-chat-read.json"_s));
    QCOMPARE(read.chatId, 123);
    QCOMPARE(read.messageIds, (QList<qint64>{789, 790}));
    const SocketAckDto ack = SocketAckDto::fromJson(load(u"event-chat-read-ack.json"_s));
    QVERIFY(ack.ok);
    QCOMPARE(ack.read, QList<qint64>{789});
    const SocketAckDto refused = SocketAckDto::fromJson(load(u"event-chat-join-refused.json"_s));
    QVERIFY(!refused.ok);
    QCOMPARE(refused.code, std::optional<QString>(u"NOT_FOUND"_s));
}

// Built in code (nothing read): every field is written, nulls included, so a client can send them.
void tst_DtoSeed::builtInCodeWritesEveryField()
{
    ChatRoomRequestDto join;
    join.chatId = 7;
    QCOMPARE(join.toJson(), (QJsonObject{{u"chatId"_s, 7}}));

    BackupDto backup;
    backup.backupType = u"full"_s;
    const QJsonObject b = backup.toJson();
    QCOMPARE(b.value(u"backup_type"_s).toString(), u"full"_s);
    QVERIFY(b.contains(u"started_at"_s) && b.value(u"started_at"_s).isNull());
    QVERIFY(b.value(u"message"_s).isNull());

    ChatTransferredEventDto t;
    t.chatId = 5;
    t.to.type = u"queue"_s;
    const QJsonObject tj = t.toJson();
    QVERIFY(tj.value(u"reason"_s).isNull());
    QVERIFY(tj.value(u"to"_s).toObject().value(u"agent_id"_s).isNull());
    QCOMPARE(tj.value(u"to"_s).toObject().value(u"type"_s).toString(), u"queue"_s);

    TrendPointDto p;
    p.timestamp = utc("2025-11-01T08:00:00Z");
    p.value = 2.5;
    p.sample = 40;
    QCOMPARE(p.toJson(),
             (QJsonObject{{u"timestamp"_s, u"2025-11-01T08:00:00Z"_s}, {u"value"_s, 2.5}, {u"sample"_s, 40}}));
}

QTEST_GUILESS_MAIN(tst_DtoSeed)
#include "tst_dto_seed.moc"
