// The protocol library's wire types (issue 6) against the real server's JSON: every entity the
// server answers survives fromJson → toJson unchanged, typed fields read right, and nulls and
// missing fields parse — on SQLite and PostgreSQL.
#include "Fixtures.h"
#include "TestServer.h"

#include "api/TemplatesApi.h"
#include "store/Database.h"

#include <Conversa/ApiError.h>
#include <Conversa/dto/AuditEntryDto.h>
#include <Conversa/dto/AuthDto.h>
#include <Conversa/dto/CampaignDto.h>
#include <Conversa/dto/ChatDto.h>
#include <Conversa/dto/ClientDto.h>
#include <Conversa/dto/FileDto.h>
#include <Conversa/dto/LiveAnalyticsDto.h>
#include <Conversa/dto/MessageDto.h>
#include <Conversa/dto/Page.h>
#include <Conversa/dto/RoleDto.h>
#include <Conversa/dto/TaskDto.h>
#include <Conversa/dto/TemplateDto.h>
#include <Conversa/dto/TransferOptionsDto.h>
#include <Conversa/dto/UserDto.h>
#include <Conversa/dto/WhatsAppNumberDto.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;
using namespace Conversa;

namespace {

template <class T>
QJsonObject roundTrip(const QJsonObject &json)
{
    return T::fromJson(json).toJson();
}

// The DTO each row's answer is read into.
using RoundTrip = QJsonObject (*)(const QJsonObject &);
const QHash<QString, RoundTrip> &roundTrips()
{
    static const QHash<QString, RoundTrip> table{
        {u"Role[]"_s, &roundTrip<Page<RoleDto>>},
        {u"User"_s, &roundTrip<UserDto>},
        {u"User[]"_s, &roundTrip<Page<UserDto>>},
        {u"Campaign"_s, &roundTrip<CampaignDto>},
        {u"Campaign[]"_s, &roundTrip<Page<CampaignDto>>},
        {u"WhatsAppNumber"_s, &roundTrip<WhatsAppNumberDto>},
        {u"WhatsAppNumber[]"_s, &roundTrip<Page<WhatsAppNumberDto>>},
        {u"Client"_s, &roundTrip<ClientDto>},
        {u"Client[]"_s, &roundTrip<Page<ClientDto>>},
        {u"Chat"_s, &roundTrip<ChatDto>},
        {u"Chat[]"_s, &roundTrip<Page<ChatDto>>},
        {u"Message"_s, &roundTrip<MessageDto>},
        {u"Message[]"_s, &roundTrip<Page<MessageDto>>},
        {u"Task"_s, &roundTrip<TaskDto>},
        {u"Task[]"_s, &roundTrip<Page<TaskDto>>},
        {u"File"_s, &roundTrip<FileDto>},
        {u"AuditEntry[]"_s, &roundTrip<Page<AuditEntryDto>>},
        {u"LiveAnalytics"_s, &roundTrip<LiveAnalyticsDto>},
        {u"LiveQueueDetail"_s, &roundTrip<LiveQueueDetailDto>},
        {u"TransferOptions"_s, &roundTrip<TransferOptionsDto>},
    };
    return table;
}

}   // namespace

class tst_Dto : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void serverJsonRoundTrips_data();
    void serverJsonRoundTrips();
    void answersRoundTrip();
    void templatesRoundTrip();
    void typedFields();
    void nullsAndMissingFields();
    void builtInCodeWritesEveryField();
    void apiErrorParsing_data();
    void apiErrorParsing();

private:
    ApiResponse call(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        return m_server.request(method, path, body, m_admin);
    }
    qint64 created(const QString &path, const QJsonObject &body)
    {
        const ApiResponse r = call("POST", path, body);
        if (r.status != 201)
            qWarning("POST %s: %d %s", qPrintable(path), r.status, r.body.constData());
        return r.value(u"id"_s).toInteger();
    }
    qint64 chat(qint64 clientId, const QString &status, qint64 agentId)
    {
        const qint64 now = nowSeconds();
        return insertReturningId(m_server.db(),
                                 "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, "
                                 "status, created_at, queued_at, assigned_at, last_activity_at, last_inbound_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                 {clientId, m_campaign, m_number, nullIfZero(agentId), status, now - 120, now - 100,
                                  nullIfZero(agentId ? now - 90 : 0), now - 60, now - 60});
    }

    TestServer m_server;
    QByteArray m_admin;
    QByteArray m_agent;
    qint64 m_agentId = 0;
    qint64 m_campaign = 0;
    qint64 m_number = 0;
    qint64 m_client = 0;
    qint64 m_chat = 0;
    qint64 m_queuedChat = 0;
    qint64 m_message = 0;
    qint64 m_reply = 0;
    qint64 m_task = 0;
    qint64 m_file = 0;
};

void tst_Dto::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = m_server.tokenFor(u"admin"_s);
    m_agent = m_server.tokenFor(u"agent"_s, &m_agentId);
    QVERIFY(!m_admin.isEmpty() && !m_agent.isEmpty());

    m_number = created(u"/v1/whatsapp-numbers"_s,
                       {{u"phone_number"_s, u"+573001111111"_s},
                        {u"display_name"_s, u"Ventas"_s},
                        {u"provider"_s, u"meta"_s},
                        {u"meta_phone_number_id"_s, u"10291"_s},
                        {u"meta_access_token"_s, u"token-abc"_s},
                        {u"webhook_verify_token"_s, u"verify-abc"_s}});
    m_campaign = created(u"/v1/campaigns"_s,
                         {{u"name"_s, u"Ventas"_s},
                          {u"code"_s, u"VENTAS"_s},
                          {u"description"_s, QJsonValue()},
                          {u"business_hours"_s,
                           QJsonObject{{u"monday"_s, QJsonObject{{u"start"_s, u"08:00"_s}, {u"end"_s, u"18:00"_s}}}}}});
    QVERIFY(m_number && m_campaign);
    QCOMPARE(call("POST", u"/v1/campaigns/%1/numbers"_s.arg(m_campaign),
                  {{u"whatsapp_number_ids"_s, QJsonArray{m_number}}})
                 .status,
             200);
    QCOMPARE(call("POST", u"/v1/campaigns/%1/agents"_s.arg(m_campaign),
                  {{u"agents"_s,
                    QJsonArray{QJsonObject{{u"user_id"_s, m_agentId}, {u"skills"_s, QJsonArray{u"ventas"_s}}}}}})
                 .status,
             200);
    m_client = created(u"/v1/clients"_s,
                       {{u"phone_number"_s, u"+573009999999"_s},
                        {u"first_name"_s, u"Ana"_s},
                        {u"email"_s, u"ana@example.com"_s},
                        {u"tags"_s, QJsonArray{u"vip"_s}},
                        {u"custom_fields"_s, QJsonObject{{u"plan"_s, u"oro"_s}, {u"hijos"_s, 2}}}});
    const qint64 other = created(u"/v1/clients"_s, {{u"phone_number"_s, u"+573008888888"_s}});
    QVERIFY(m_client && other);

    m_chat = chat(m_client, u"assigned"_s, m_agentId);
    m_queuedChat = chat(other, u"queued"_s, 0);
    QVERIFY(m_chat && m_queuedChat);
    QCOMPARE(call("POST", u"/v1/chats/%1/tags"_s.arg(m_chat), {{u"tag"_s, u"Reclamo"_s}}).status, 200);
    QCOMPARE(call("POST", u"/v1/chats/%1/notes"_s.arg(m_chat), {{u"content"_s, u"Llamar mañana"_s}}).status, 201);

    const QByteArray png = pngBytes();
    const ApiResponse upload = uploadFile(m_server, m_agent, "b0undary", "foto.png", "image/png", png);
    QCOMPARE(upload.status, 201);
    m_file = upload.value(u"id"_s).toInteger();

    const ApiResponse text =
        m_server.request("POST", u"/v1/messages"_s,
                         {{u"chat_id"_s, m_chat}, {u"message_type"_s, u"text"_s}, {u"content"_s, u"Hola"_s}}, m_agent);
    QCOMPARE(text.status, 201);
    m_message = text.value(u"id"_s).toInteger();
    const ApiResponse reply = m_server.request("POST", u"/v1/messages"_s,
                                               {{u"chat_id"_s, m_chat},
                                                {u"message_type"_s, u"image"_s},
                                                {u"media_file_id"_s, m_file},
                                                {u"content"_s, u"Mira"_s},
                                                {u"reply_to_message_id"_s, m_message}},
                                               m_agent);
    QCOMPARE(reply.status, 201);
    m_reply = reply.value(u"id"_s).toInteger();

    m_task = created(u"/v1/tasks"_s,
                     {{u"client_id"_s, m_client},
                      {u"chat_id"_s, m_chat},
                      {u"assigned_to_user_id"_s, m_agentId},
                      {u"title"_s, u"Llamar"_s},
                      {u"due_date"_s, u"2035-11-15T10:00:00Z"_s},
                      {u"priority"_s, u"high"_s}});
    QVERIFY(m_task);
    QCOMPARE(call("POST", u"/v1/tasks/%1/comments"_s.arg(m_task), {{u"content"_s, u"Hecho a medias"_s}}).status, 201);
}

void tst_Dto::serverJsonRoundTrips_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("path");
    QTest::addRow("roles") << u"Role[]"_s << u"/v1/roles"_s;
    QTest::addRow("users") << u"User[]"_s << u"/v1/users"_s;
    QTest::addRow("user") << u"User"_s << u"/v1/users/%1"_s.arg(m_agentId);
    QTest::addRow("me") << u"User"_s << u"/v1/users/me"_s;
    QTest::addRow("campaigns") << u"Campaign[]"_s << u"/v1/campaigns"_s;
    QTest::addRow("campaign") << u"Campaign"_s << u"/v1/campaigns/%1"_s.arg(m_campaign);
    QTest::addRow("numbers") << u"WhatsAppNumber[]"_s << u"/v1/whatsapp-numbers"_s;
    QTest::addRow("number") << u"WhatsAppNumber"_s << u"/v1/whatsapp-numbers/%1"_s.arg(m_number);
    QTest::addRow("clients") << u"Client[]"_s << u"/v1/clients"_s;
    QTest::addRow("client") << u"Client"_s << u"/v1/clients/%1"_s.arg(m_client);
    QTest::addRow("chats") << u"Chat[]"_s << u"/v1/chats"_s;
    QTest::addRow("chat") << u"Chat"_s << u"/v1/chats/%1"_s.arg(m_chat);
    QTest::addRow("chat-queued") << u"Chat"_s << u"/v1/chats/%1"_s.arg(m_queuedChat);
    QTest::addRow("messages") << u"Message[]"_s << u"/v1/chats/%1/messages"_s.arg(m_chat);
    QTest::addRow("messages-before") << u"Message[]"_s
                                     << u"/v1/chats/%1/messages?before_id=%2"_s.arg(m_chat).arg(m_reply);
    QTest::addRow("message-reply") << u"Message"_s << u"/v1/messages/%1"_s.arg(m_reply);
    QTest::addRow("tasks") << u"Task[]"_s << u"/v1/tasks"_s;
    QTest::addRow("task") << u"Task"_s << u"/v1/tasks/%1"_s.arg(m_task);
    QTest::addRow("file") << u"File"_s << u"/v1/files/%1"_s.arg(m_file);
    QTest::addRow("audit") << u"AuditEntry[]"_s << u"/v1/audit-logs?limit=100"_s;
    QTest::addRow("live") << u"LiveAnalytics"_s << u"/v1/analytics/live"_s;
    QTest::addRow("queue") << u"LiveQueueDetail"_s << u"/v1/analytics/queues/%1"_s.arg(m_campaign);
    QTest::addRow("transfer-options") << u"TransferOptions"_s << u"/v1/chats/%1/transfer-options"_s.arg(m_queuedChat);
}

void tst_Dto::serverJsonRoundTrips()
{
    QFETCH(QString, type);
    QFETCH(QString, path);
    const ApiResponse r = call("GET", path);
    QCOMPARE(r.status, 200);
    const QJsonObject json = r.object();
    QVERIFY(!json.isEmpty());
    const QJsonObject back = roundTrips().value(type)(json);
    if (back != json) {
        qWarning("server: %s", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
        qWarning("dto:    %s", QJsonDocument(back).toJson(QJsonDocument::Compact).constData());
    }
    QCOMPARE(back, json);
}

void tst_Dto::templatesRoundTrip()
{
    // The server's own writer (no Meta here): a header, a footer, positional and named variables.
    const QJsonArray
        graph{QJsonObject{{u"name"_s, u"pago"_s},
                          {u"language"_s, u"es"_s},
                          {u"status"_s, u"APPROVED"_s},
                          {u"category"_s, u"UTILITY"_s},
                          {u"components"_s,
                           QJsonArray{QJsonObject{{u"type"_s, u"HEADER"_s},
                                                  {u"format"_s, u"TEXT"_s},
                                                  {u"text"_s, u"Aviso"_s}},
                                      QJsonObject{{u"type"_s, u"BODY"_s}, {u"text"_s, u"Hola {{1}}, debes {{2}}"_s}},
                                      QJsonObject{{u"type"_s, u"FOOTER"_s}, {u"text"_s, u"Contacto Sur"_s}}}}},
              QJsonObject{{u"name"_s, u"cita"_s},
                          {u"language"_s, u"es_CO"_s},
                          {u"status"_s, u"APPROVED"_s},
                          {u"category"_s, u"MARKETING"_s},
                          {u"components"_s,
                           QJsonArray{QJsonObject{{u"type"_s, u"BODY"_s}, {u"text"_s, u"{{nombre}}: {{fecha}}"_s}}}}}};
    const QJsonObject json = QJsonDocument::fromJson(TemplatesApi::catalogJson(graph)).object();
    const MessageTemplateListDto list = MessageTemplateListDto::fromJson(json);
    QCOMPARE(list.toJson(), json);
    QCOMPARE(list.data.size(), 2);
    QCOMPARE(list.data.at(0).header, std::optional<QString>(u"Aviso"_s));
    QCOMPARE(list.data.at(0).variables, (QStringList{u"1"_s, u"2"_s}));
    QCOMPARE(list.data.at(1).footer, std::nullopt);
    QCOMPARE(list.data.at(1).variables, (QStringList{u"nombre"_s, u"fecha"_s}));
}

void tst_Dto::answersRoundTrip()
{
    // Answers of mutating calls and of auth, which GETs do not show.
    const QString email = u"nuevo@example.com"_s;
    ApiResponse r =
        call("POST", u"/v1/users"_s,
             {{u"email"_s, email}, {u"password"_s, u"Secreto123"_s}, {u"first_name"_s, u"Nuevo"_s}, {u"role_id"_s, 3}});
    QCOMPARE(r.status, 201);
    QCOMPARE(UserDto::fromJson(r.object()).toJson(), r.object());

    r = m_server.request("POST", u"/v1/auth/login"_s, {{u"email"_s, email}, {u"password"_s, u"Secreto123"_s}});
    QCOMPARE(r.status, 200);
    const LoginResultDto login = LoginResultDto::fromJson(r.object());
    QCOMPARE(login.toJson(), r.object());
    QVERIFY(!login.accessToken.isEmpty() && !login.refreshToken.isEmpty());
    QCOMPARE(login.expiresIn, 3600);
    QVERIFY(login.user.has_value());
    QCOMPARE(login.user->email, email);
    QVERIFY(login.user->permissions.contains(u"chats.read"_s));
    QVERIFY(!login.twoFactorRequired);
    const QByteArray token = login.accessToken.toLatin1();

    r = m_server.request("POST", u"/v1/auth/refresh"_s, {{u"refresh_token"_s, login.refreshToken}});
    QCOMPARE(r.status, 200);
    QCOMPARE(AuthTokensDto::fromJson(r.object()).toJson(), r.object());

    r = m_server.request("POST", u"/v1/auth/2fa/enable"_s, {{u"password"_s, u"Secreto123"_s}}, token);
    QCOMPARE(r.status, 200);
    const TwoFactorSetupDto setup = TwoFactorSetupDto::fromJson(r.object());
    QCOMPARE(setup.toJson(), r.object());
    QCOMPARE(setup.backupCodes.size(), 10);

    r = m_server.request("POST", u"/v1/users/%1/agent-status"_s.arg(m_agentId),
                         {{u"agent_status"_s, u"paused"_s}, {u"agent_status_reason"_s, u"Almuerzo"_s}}, m_agent);
    QCOMPARE(r.status, 200);
    const AgentStatusDto status = AgentStatusDto::fromJson(r.object());
    QCOMPARE(status.toJson(), r.object());
    QCOMPARE(status.agentStatusReason, u"Almuerzo"_s);

    r = call("POST", u"/v1/chats/%1/notes"_s.arg(m_chat), {{u"content"_s, u"Otra nota"_s}});
    QCOMPARE(r.status, 201);
    QCOMPARE(ChatNoteDto::fromJson(r.object()).chatId, m_chat);
    QCOMPARE(ChatNoteDto::fromJson(r.object()).toJson(), r.object());

    const qint64 other = created(u"/v1/clients"_s, {{u"phone_number"_s, u"+573007777777"_s}});
    const qint64 chatId = chat(other, u"queued"_s, 0);
    r = call("POST", u"/v1/chats/%1/assign"_s.arg(chatId), {{u"agent_id"_s, m_agentId}});
    QCOMPARE(r.status, 200);
    ChatDto assigned = ChatDto::fromJson(r.object());
    QCOMPARE(assigned.toJson(), r.object());
    QCOMPARE(assigned.assignedAgent->id, m_agentId);
    r = call("POST", u"/v1/chats/%1/close"_s.arg(chatId), {{u"outcome"_s, u"sale"_s}, {u"outcome_value"_s, 150}});
    QCOMPARE(r.status, 200);
    const ChatDto closed = ChatDto::fromJson(r.object());
    QCOMPARE(closed.toJson(), r.object());
    QCOMPARE(closed.outcomeValue, 150);
    QVERIFY(!closed.closeReason.has_value());
    r = call("POST", u"/v1/chats/%1/reopen"_s.arg(chatId));
    QCOMPARE(r.status, 200);
    QCOMPARE(ChatDto::fromJson(r.object()).toJson(), r.object());
}

void tst_Dto::typedFields()
{
    const ChatDto c = ChatDto::fromJson(call("GET", u"/v1/chats/%1"_s.arg(m_chat)).object());
    QCOMPARE(c.id, m_chat);
    QCOMPARE(c.client.id, m_client);
    QCOMPARE(c.client.firstName, u"Ana"_s);
    QCOMPARE(c.client.customFields.value(u"hijos"_s).toInt(), 2);
    QCOMPARE(c.campaign->id, m_campaign);
    QCOMPARE(c.whatsappNumber->phoneNumber, u"+573001111111"_s);
    QCOMPARE(c.assignedAgent->id, m_agentId);
    QCOMPARE(c.status, u"active"_s);   // the first agent message made it active
    QCOMPARE(c.tags, QStringList{u"reclamo"_s});
    QCOMPARE(c.notes.size(), 2);   // one from initTestCase, one from answersRoundTrip
    const auto note = std::find_if(c.notes.cbegin(), c.notes.cend(),
                                   [](const ChatNoteDto &n) { return n.content == u"Llamar mañana"_s; });
    QVERIFY(note != c.notes.cend());
    QVERIFY(note->user.has_value());
    QVERIFY(note->createdAt.isValid());
    QCOMPARE(c.createdAt.timeSpec(), Qt::UTC);
    QCOMPARE(c.createdAt.secsTo(QDateTime::currentDateTimeUtc()) / 10, 12);   // created 120 s ago
    QVERIFY(c.firstResponseAt.isValid());
    QVERIFY(!c.closedAt.isValid());
    QVERIFY(!c.queuePosition.has_value());
    QVERIFY(c.metrics.firstResponseTimeSeconds.has_value());
    QVERIFY(!c.metrics.handlingTimeSeconds.has_value() || *c.metrics.handlingTimeSeconds >= 0);
    QVERIFY(c.whatsappWindow.open);

    const ChatDto queued = ChatDto::fromJson(call("GET", u"/v1/chats/%1"_s.arg(m_queuedChat)).object());
    QCOMPARE(queued.queuePosition, 1);
    QVERIFY(!queued.assignedAgent.has_value());

    const MessageDto m = MessageDto::fromJson(call("GET", u"/v1/messages/%1"_s.arg(m_reply)).object());
    QCOMPARE(m.messageType, u"image"_s);
    QCOMPARE(m.mediaFileId, m_file);
    QCOMPARE(m.replyTo->id, m_message);
    QCOMPARE(m.replyTo->content, u"Hola"_s);
    QCOMPARE(m.user->id, m_agentId);
    QVERIFY(!m.errorCode.has_value());
    QVERIFY(!m.sentAt.isValid());

    const auto history = Page<MessageDto>::fromJson(
        call("GET", u"/v1/chats/%1/messages?before_id=%2&limit=1"_s.arg(m_chat).arg(m_reply)).object());
    QCOMPARE(history.data.size(), 1);
    QCOMPARE(history.data.first().id, m_message);
    QVERIFY(!history.meta.hasMore);

    const UserDto agent = UserDto::fromJson(call("GET", u"/v1/users/%1"_s.arg(m_agentId)).object());
    QCOMPARE(agent.role.name, u"agent"_s);
    QCOMPARE(agent.campaigns.size(), 1);
    QCOMPARE(agent.campaigns.first().id, m_campaign);
    QVERIFY(!agent.phone.has_value());

    const CampaignDto campaign = CampaignDto::fromJson(call("GET", u"/v1/campaigns/%1"_s.arg(m_campaign)).object());
    QCOMPARE(campaign.agents.size(), 1);
    QCOMPARE(campaign.agents.first().skills, QStringList{u"ventas"_s});
    QCOMPARE(campaign.whatsappNumbers.first().id, m_number);
    QVERIFY(!campaign.description.has_value());
    QVERIFY(!campaign.botFlowId.has_value());
    QVERIFY(campaign.businessHours.has_value());

    const WhatsAppNumberDto number =
        WhatsAppNumberDto::fromJson(call("GET", u"/v1/whatsapp-numbers/%1"_s.arg(m_number)).object());
    QVERIFY(number.hasMetaAccessToken);
    QVERIFY(!number.hasWppconnectApiKey);
    QCOMPARE(number.metaPhoneNumberId, u"10291"_s);

    const TaskDto task = TaskDto::fromJson(call("GET", u"/v1/tasks/%1"_s.arg(m_task)).object());
    QCOMPARE(task.chatId, m_chat);
    QCOMPARE(task.dueDate, QDateTime(QDate(2035, 11, 15), QTime(10, 0), Qt::UTC));
    QCOMPARE(task.comments.size(), 1);
    QCOMPARE(task.assignedTo->id, m_agentId);

    const FileDto file = FileDto::fromJson(call("GET", u"/v1/files/%1"_s.arg(m_file)).object());
    QCOMPARE(file.mimeType, u"image/png"_s);
    QCOMPARE(file.width, 8);
    QCOMPARE(file.sizeBytes, pngBytes().size());

    const auto chats = Page<ChatDto>::fromJson(call("GET", u"/v1/chats?limit=1"_s).object());
    QCOMPARE(chats.meta.perPage, 1);
    QVERIFY(chats.meta.total >= 2);
    QCOMPARE(chats.meta.totalPages, chats.meta.total);
}

void tst_Dto::nullsAndMissingFields()
{
    // Nulls read as empty values and are written back as null; missing fields stay missing.
    const QJsonObject json{{u"id"_s, 7},
                           {u"chat_id"_s, 3},
                           {u"content"_s, QJsonValue()},
                           {u"user"_s, QJsonValue()},
                           {u"sent_at"_s, QJsonValue()},
                           {u"media_file_id"_s, QJsonValue()},
                           {u"reply_to"_s, QJsonValue()},
                           {u"created_at"_s, u"2025-11-14T10:00:00Z"_s}};
    const MessageDto m = MessageDto::fromJson(json);
    QCOMPARE(m.id, 7);
    QVERIFY(!m.content.has_value());
    QVERIFY(!m.user.has_value());
    QVERIFY(!m.sentAt.isValid());
    QVERIFY(!m.mediaFileId.has_value());
    QVERIFY(!m.replyTo.has_value());
    QVERIFY(m.status.isEmpty());
    QCOMPARE(m.toJson(), json);

    // An empty string is not null.
    const QJsonObject empty{{u"id"_s, 1}, {u"content"_s, u""_s}};
    QCOMPARE(MessageDto::fromJson(empty).content, u""_s);
    QCOMPARE(MessageDto::fromJson(empty).toJson(), empty);

    // Times with an offset come back as UTC "Z"; garbage is a null time.
    const QJsonObject offset{{u"id"_s, 1}, {u"created_at"_s, u"2025-11-14T05:00:00-05:00"_s}};
    const MessageDto o = MessageDto::fromJson(offset);
    QCOMPARE(o.createdAt, QDateTime(QDate(2025, 11, 14), QTime(10, 0), Qt::UTC));
    QCOMPARE(o.toJson().value(u"created_at"_s).toString(), u"2025-11-14T10:00:00Z"_s);
    QVERIFY(!MessageDto::fromJson({{u"created_at"_s, u"mañana"_s}}).createdAt.isValid());

    // A list without "meta" (roles) and one scrolling back (has_more, no pages).
    const QJsonObject roles{{u"data"_s, QJsonArray{QJsonObject{{u"id"_s, 1}, {u"name"_s, u"admin"_s}}}}};
    QCOMPARE(Page<RoleDto>::fromJson(roles).toJson(), roles);
    const QJsonObject back{{u"data"_s, QJsonArray{}},
                           {u"meta"_s, QJsonObject{{u"per_page"_s, 50}, {u"total"_s, 120}, {u"has_more"_s, true}}}};
    const auto page = Page<MessageDto>::fromJson(back);
    QVERIFY(page.meta.hasMore);
    QCOMPARE(page.meta.perPage, 50);
    QCOMPARE(page.toJson(), back);

    // Numbers that are not integers (SLA compliance) keep their value.
    const QJsonObject sla{{u"first_response_compliance"_s, 0.875}, {u"resolution_compliance"_s, QJsonValue()}};
    QCOMPARE(LiveSlaDto::fromJson(sla).firstResponseCompliance, 0.875);
    QCOMPARE(LiveSlaDto::fromJson(sla).toJson(), sla);
}

void tst_Dto::builtInCodeWritesEveryField()
{
    ClientDto c;
    c.id = 5;
    c.phoneNumber = u"+573001234567"_s;
    const QJsonObject json = c.toJson();
    QCOMPARE(json.value(u"id"_s).toInteger(), 5);
    QVERIFY(json.contains(u"email"_s));
    QVERIFY(json.value(u"email"_s).isNull());
    QVERIFY(json.value(u"created_at"_s).isNull());
    QCOMPARE(json.value(u"tags"_s).toArray().size(), 0);
    // And it reads back to the same.
    QCOMPARE(ClientDto::fromJson(json).toJson(), json);
}

void tst_Dto::apiErrorParsing_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("fields");
    QTest::addRow("validation") << u"/v1/clients"_s << QJsonObject{{u"phone_number"_s, u"no"_s}, {u"email"_s, u"x"_s}}
                                << 422 << u"VALIDATION_ERROR"_s << QStringList{u"email"_s, u"phone_number"_s};
    QTest::addRow("not-found") << u"/v1/chats/999999/notes"_s << QJsonObject{{u"content"_s, u"x"_s}} << 404
                               << u"NOT_FOUND"_s << QStringList{};
    QTest::addRow("conflict") << u"/v1/clients"_s << QJsonObject{{u"phone_number"_s, u"+573009999999"_s}} << 409
                              << u"CONFLICT"_s << QStringList{};
}

void tst_Dto::apiErrorParsing()
{
    QFETCH(QString, path);
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QStringList, fields);
    const ApiResponse r = call("POST", path, body);
    QCOMPARE(r.status, status);
    const Conversa::ApiError e = Conversa::ApiError::fromHttp(r.status, r.body, r.header("Retry-After"));
    QCOMPARE(e.httpStatus, status);
    QCOMPARE(e.code, code);
    QVERIFY(!e.message.isEmpty());
    QStringList got = e.fields();
    got.sort();
    QCOMPARE(got, fields);
    for (const QString &f : fields)
        QVERIFY(!e.messageFor(f).isEmpty());
    QVERIFY(!e.isNetworkError());
}

QTEST_GUILESS_MAIN(tst_Dto)
#include "tst_dto.moc"
