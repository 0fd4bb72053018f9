// ChatService, the chat aggregate's rules, called directly (no HTTP, no sockets) on the real
// database of either engine: which status each action moves a chat to and which moves it refuses
// (409), who may act (the permission, 403; the chat's visibility, 404), and the audit changes and
// domain events each returns for its caller to record and publish. SQLite and PostgreSQL.
#include "Fixtures.h"
#include "TestServer.h"

#include "domain/ChatService.h"
#include "store/Database.h"
#include "store/SearchText.h"

#include <QJsonArray>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;
using namespace DomainEvents;

Q_DECLARE_METATYPE(TransferTarget)

namespace {

// The permissions each kind of caller has here, written out (not read from the server's roles).
const QSet<QString> kAgentPermissions{u"chats.read"_s, u"chats.update"_s, u"chats.close"_s, u"chats.transfer"_s,
                                      u"messages.read"_s};
const QSet<QString> kSupervisorPermissions{u"chats.read"_s,   u"chats.read_all"_s, u"chats.update"_s,
                                           u"chats.close"_s,  u"chats.transfer"_s, u"chats.assign"_s,
                                           u"messages.read"_s};

QString eventName(const DomainEvent &e)
{
    return std::visit(
        [](const auto &x) -> QString {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, ChatUpdated>)
                return u"ChatUpdated(%1,%2)"_s.arg(x.chatId).arg(x.previousAgentId);
            else if constexpr (std::is_same_v<T, ChatAssigned>)
                return u"ChatAssigned(%1,%2)"_s.arg(x.chatId).arg(x.previousAgentId);
            else if constexpr (std::is_same_v<T, ChatTransferred>)
                return u"ChatTransferred(%1,%2)"_s.arg(x.chatId).arg(x.previousAgentId);
            else if constexpr (std::is_same_v<T, MessageCreated>)
                return u"MessageCreated(%1)"_s.arg(x.messageId);
            else if constexpr (std::is_same_v<T, MessageUpdated>)
                return u"MessageUpdated(%1)"_s.arg(x.messageId);
            else
                return u"RoutingNeeded(%1,%2)"_s.arg(x.campaigns.value(0)).arg(x.freedAgentId);
        },
        e);
}

QStringList names(const QList<DomainEvent> &events)
{
    QStringList out;
    for (const DomainEvent &e : events)
        out.append(eventName(e));
    return out;
}

QJsonObject change(const QJsonValue &from, const QJsonValue &to)
{
    return {{u"from"_s, from}, {u"to"_s, to}};
}

}   // namespace

class tst_ChatService : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void moves_data();
    void moves();
    void whoMayAct_data();
    void whoMayAct();
    void assignTellsAndAudits();
    void transferTellsAndAudits_data();
    void transferTellsAndAudits();
    void closeAndReopen();
    void reopenBlockedByAnotherOpenChat();
    void reopenWithoutTheAgent();
    void takeBackUnanswered();
    void tagsNotesPriority();
    void markMessageRead();
    void markChatRead();

private:
    Actor agent() const
    {
        return Actor{.userId = m_agentId, .roleName = u"agent"_s, .permissions = &kAgentPermissions};
    }
    Actor supervisor() const
    {
        return Actor{.userId = m_supervisorId, .roleName = u"supervisor"_s, .permissions = &kSupervisorPermissions};
    }
    qint64 chat(const QString &status, qint64 agentId = 0, qint64 clientId = 0);
    qint64 message(qint64 chatId, const QString &direction);
    QString statusOf(qint64 chatId);
    qint64 events(qint64 chatId, const QString &event);

    TestServer m_server;
    ChatService *m_service = nullptr;
    std::unique_ptr<ChatService> m_owned;
    qint64 m_supervisorId = 0, m_agentId = 0, m_otherAgentId = 0, m_suspendedId = 0;
    qint64 m_number = 0, m_campaign = 0, m_otherCampaign = 0;
    qint64 m_now = 1'800'000'000;
    int m_seq = 0;
};

void tst_ChatService::initTestCase()
{
    QVERIFY(m_server.start({{u"CONVERSA_ROUTING_SWEEP_MS"_s, u"3600000"_s}}));
    m_supervisorId = m_server.createUser(u"sup@svc.test"_s, u"Secret123!"_s, u"supervisor"_s);
    m_agentId = m_server.createUser(u"agent@svc.test"_s, u"Secret123!"_s, u"agent"_s);
    m_otherAgentId = m_server.createUser(u"other@svc.test"_s, u"Secret123!"_s, u"agent"_s);
    m_suspendedId = m_server.createUser(u"gone@svc.test"_s, u"Secret123!"_s, u"agent"_s, u"suspended"_s);
    const qint64 now = nowSeconds();
    m_number = insertReturningId(m_server.db(),
                                 "INSERT INTO whatsapp_numbers (phone_number, provider, created_at, updated_at) "
                                 "VALUES ('+573006666666', 'meta', ?, ?) RETURNING id",
                                 {now, now});
    m_campaign = insertReturningId(m_server.db(),
                                   "INSERT INTO campaigns (name, code, created_at, updated_at) "
                                   "VALUES ('Servicio', 'SERVICIO', ?, ?) RETURNING id",
                                   {now, now});
    m_otherCampaign = insertReturningId(m_server.db(),
                                        "INSERT INTO campaigns (name, code, created_at, updated_at) "
                                        "VALUES ('Ventas', 'VENTAS', ?, ?) RETURNING id",
                                        {now, now});
    QVERIFY(m_number && m_campaign && m_otherCampaign);
    for (const qint64 a : {m_agentId, m_otherAgentId}) {
        SqlQuery q(m_server.db(), "INSERT INTO campaign_agents (campaign_id, user_id, created_at) VALUES (?, ?, ?)",
                   {m_campaign, a, now});
        QVERIFY(q.exec());
    }
    m_owned = std::make_unique<ChatService>(m_server.db(), [this] { return m_now; });
    m_service = m_owned.get();
}

qint64 tst_ChatService::chat(const QString &status, qint64 agentId, qint64 clientId)
{
    const qint64 now = nowSeconds();
    if (clientId == 0) {
        const QString phone = u"+57313%1"_s.arg(++m_seq, 7, 10, QChar(u'0'));
        clientId =
            insertReturningId(m_server.db(),
                              "INSERT INTO clients (phone_number, first_name, search_text, created_at, updated_at) "
                              "VALUES (?, 'Ana', ?, ?, ?) RETURNING id",
                              {phone, SearchText::of({u"Ana"_s, phone}), now, now});
    }
    const bool closed = status == "closed"_L1;
    return insertReturningId(
        m_server.db(),
        "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, status, "
        "created_at, queued_at, assigned_at, closed_at, last_activity_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {clientId, m_campaign, m_number, agentId > 0 ? QVariant(agentId) : QVariant(QMetaType::fromType<qint64>()),
         status, now - 100, now - 90, agentId > 0 ? QVariant(now - 80) : QVariant(QMetaType::fromType<qint64>()),
         closed ? QVariant(now - 10) : QVariant(QMetaType::fromType<qint64>()), now - 10});
}

qint64 tst_ChatService::message(qint64 chatId, const QString &direction)
{
    return insertReturningId(m_server.db(),
                             "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, "
                             "status, created_at) VALUES (?, ?, ?, 'text', 'hola', 'delivered', ?) RETURNING id",
                             {chatId, m_number, direction, nowSeconds()});
}

QString tst_ChatService::statusOf(qint64 chatId)
{
    SqlQuery q(m_server.db(), "SELECT status FROM chats WHERE id = ?", {chatId});
    return q.exec() && q.next() ? q.string(0) : QString();
}

qint64 tst_ChatService::events(qint64 chatId, const QString &event)
{
    return m_server.count(u"chat_events"_s, u"chat_id = %1 AND event = '%2'"_s.arg(chatId).arg(event));
}

// Each action from each status: the status it leads to, or the 409 it is refused with.
void tst_ChatService::moves_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");   // empty: refused with 409, nothing written
    const QStringList open{u"new"_s, u"bot"_s, u"queued"_s, u"assigned"_s, u"active"_s, u"pending"_s};
    for (const QString &s : open) {
        QTest::addRow("assign from %s", qPrintable(s)) << u"assign"_s << s << u"assigned"_s;
        QTest::addRow("transfer to an agent from %s", qPrintable(s)) << u"transfer-agent"_s << s << u"assigned"_s;
        QTest::addRow("transfer to a campaign from %s", qPrintable(s)) << u"transfer-campaign"_s << s << u"queued"_s;
        QTest::addRow("back to the queue from %s", qPrintable(s)) << u"transfer-queue"_s << s << u"queued"_s;
        QTest::addRow("close from %s", qPrintable(s)) << u"close"_s << s << u"closed"_s;
        QTest::addRow("reopen from %s", qPrintable(s)) << u"reopen"_s << s << QString();
    }
    for (const QString &a : {u"assign"_s, u"transfer-agent"_s, u"transfer-campaign"_s, u"transfer-queue"_s, u"close"_s})
        QTest::addRow("%s a closed chat", qPrintable(a)) << a << u"closed"_s << QString();
    QTest::newRow("reopen a closed chat") << u"reopen"_s << u"closed"_s << u"assigned"_s;
}

void tst_ChatService::moves()
{
    QFETCH(QString, action);
    QFETCH(QString, from);
    QFETCH(QString, to);
    const bool assigned = from != "new"_L1 && from != "bot"_L1 && from != "queued"_L1;
    const qint64 id = chat(from, assigned ? m_agentId : 0);
    QVERIFY(id > 0);
    const qint64 eventsBefore = m_server.count(u"chat_events"_s, u"chat_id = %1"_s.arg(id));

    const Actor by = Actor::server();
    Result<Ok> done = Ok{};
    const auto keep = [&done](const auto &r) { done = r ? Result<Ok>(Ok{}) : Result<Ok>(r.error()); };
    if (action == "assign"_L1)
        keep(m_service->assign(by, {.chatId = id, .agentId = m_otherAgentId}));
    else if (action == "transfer-agent"_L1)
        keep(m_service->transfer(by, {.chatId = id, .target = TransferTarget::Agent, .targetId = m_otherAgentId}));
    else if (action == "transfer-campaign"_L1)
        keep(m_service->transfer(by, {.chatId = id, .target = TransferTarget::Campaign, .targetId = m_otherCampaign}));
    else if (action == "transfer-queue"_L1)
        keep(m_service->transfer(by, {.chatId = id, .target = TransferTarget::Queue}));
    else if (action == "close"_L1)
        keep(m_service->close(by, {.chatId = id}));
    else
        keep(m_service->reopen(by, id));

    if (to.isEmpty()) {
        QVERIFY(!done);
        QCOMPARE(done.error().status(), 409);
        QCOMPARE(statusOf(id), from);
        QCOMPARE(m_server.count(u"chat_events"_s, u"chat_id = %1"_s.arg(id)), eventsBefore);
    } else {
        QVERIFY2(done, done ? "" : done.error().code().constData());
        QCOMPARE(statusOf(id), to);
        QCOMPARE(m_server.count(u"chat_events"_s, u"chat_id = %1"_s.arg(id)), eventsBefore + 1);
    }
}

// Who may act on a chat: the permission first (403), then whether they see the chat (404).
void tst_ChatService::whoMayAct_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>(
        "chatOf");   // "agent": the acting agent's own; "other": another agent's; "queued": their campaign's queue
    QTest::addColumn<QString>("action");
    QTest::addColumn<int>("status");   // 0: done
    QTest::newRow("an agent may not assign") << u"agent"_s << u"agent"_s << u"assign"_s << 403;
    QTest::newRow("a supervisor assigns any chat") << u"supervisor"_s << u"other"_s << u"assign"_s << 0;
    QTest::newRow("the server itself assigns") << u"server"_s << u"other"_s << u"assign"_s << 0;
    QTest::newRow("an agent closes their own chat") << u"agent"_s << u"agent"_s << u"close"_s << 0;
    QTest::newRow("an agent may not see another's chat") << u"agent"_s << u"other"_s << u"close"_s << 404;
    // A queued chat of their campaign is seen, not worked, until the agent takes it (transfers it
    // to themselves).
    QTest::newRow("an agent may not tag a chat queued on their campaign")
        << u"agent"_s << u"queued"_s << u"tag"_s << 403;
    QTest::newRow("an agent may not close a chat queued on their campaign")
        << u"agent"_s << u"queued"_s << u"close"_s << 403;
    QTest::newRow("an agent may not requeue a chat queued on their campaign")
        << u"agent"_s << u"queued"_s << u"transfer"_s << 403;
    QTest::newRow("an agent takes a chat queued on their campaign") << u"agent"_s << u"queued"_s << u"take"_s << 0;
    QTest::newRow("an agent may not take another's chat") << u"agent"_s << u"other"_s << u"take"_s << 404;
    QTest::newRow("a supervisor closes a queued chat") << u"supervisor"_s << u"queued"_s << u"close"_s << 0;
    QTest::newRow("an agent transfers their own chat") << u"agent"_s << u"agent"_s << u"transfer"_s << 0;
    QTest::newRow("an agent may not transfer another's") << u"agent"_s << u"other"_s << u"transfer"_s << 404;
    QTest::newRow("nobody without chats.update adds a note") << u"nobody"_s << u"agent"_s << u"note"_s << 403;
    QTest::newRow("an agent adds a note to their chat") << u"agent"_s << u"agent"_s << u"note"_s << 0;
    QTest::newRow("a supervisor sets another's priority") << u"supervisor"_s << u"other"_s << u"priority"_s << 0;
}

void tst_ChatService::whoMayAct()
{
    QFETCH(QString, who);
    QFETCH(QString, chatOf);
    QFETCH(QString, action);
    QFETCH(int, status);
    const QSet<QString> none;
    const Actor by = who == "agent"_L1 ? agent()
        : who == "supervisor"_L1       ? supervisor()
        : who == "server"_L1           ? Actor::server()
                                       : Actor{.userId = m_agentId, .permissions = &none};
    const qint64 id = chatOf == "queued"_L1 ? chat(u"queued"_s)
                                            : chat(u"assigned"_s, chatOf == "agent"_L1 ? m_agentId : m_otherAgentId);
    Result<Ok> done = Ok{};
    const auto keep = [&done](const auto &r) { done = r ? Result<Ok>(Ok{}) : Result<Ok>(r.error()); };
    if (action == "assign"_L1)
        keep(m_service->assign(by, {.chatId = id, .agentId = m_agentId}));
    else if (action == "close"_L1)
        keep(m_service->close(by, {.chatId = id}));
    else if (action == "tag"_L1)
        keep(m_service->addTag(by, id, u"vip"_s));
    else if (action == "transfer"_L1)
        keep(m_service->transfer(by, {.chatId = id, .target = TransferTarget::Queue}));
    else if (action == "take"_L1) {
        // Room for it, whatever the earlier rows left the agent holding.
        QVERIFY(
            SqlQuery(m_server.db(), "UPDATE users SET max_concurrent_chats = 1000 WHERE id = ?", {m_agentId}).exec());
        QVERIFY(SqlQuery(m_server.db(), "UPDATE campaign_agents SET max_concurrent_chats = 1000 WHERE user_id = ?",
                         {m_agentId})
                    .exec());
        keep(m_service->transfer(by, {.chatId = id, .target = TransferTarget::Agent, .targetId = m_agentId}));
    } else if (action == "note"_L1)
        keep(m_service->addNote(by, id, u"Llamar mañana"_s));
    else
        keep(m_service->setPriority(by, id, u"high"_s));
    if (status == 0)
        QVERIFY2(done, done ? "" : done.error().code().constData());
    else
        QCOMPARE(done ? 0 : done.error().status(), status);
}

void tst_ChatService::assignTellsAndAudits()
{
    const qint64 id = chat(u"queued"_s);
    const Result<Assigned> done =
        m_service->assign(supervisor(), {.chatId = id, .agentId = m_agentId, .reason = u"VIP"_s});
    QVERIFY(done);
    QCOMPARE(done->chatId, id);
    QCOMPARE(done->agent.id, m_agentId);
    QCOMPARE(done->status, u"assigned"_s);
    QCOMPARE(done->assignedAt, m_now);
    QCOMPARE(done->changes,
             (QJsonObject{{u"assigned_agent_id"_s, change({}, m_agentId)},
                          {u"status"_s, change(u"queued"_s, u"assigned"_s)}}));
    QCOMPARE(names(done->events),
             (QStringList{u"RoutingNeeded(%1,0)"_s.arg(m_campaign), u"ChatAssigned(%1,0)"_s.arg(id)}));
    SqlQuery q(m_server.db(),
               "SELECT reason, user_id, to_agent_id FROM chat_events WHERE chat_id = ? AND event = 'assign'", {id});
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.string(0), u"VIP"_s);
    QCOMPARE(q.integer(1), m_supervisorId);
    QCOMPARE(q.integer(2), m_agentId);

    // To someone who is not an active user: a validation error on agent_id, nothing written.
    const Result<Assigned> refused = m_service->assign(supervisor(), {.chatId = id, .agentId = m_suspendedId});
    QVERIFY(!refused);
    QCOMPARE(refused.error().status(), 422);
    QCOMPARE(refused.error().details().first().field, u"agent_id"_s);
    QCOMPARE(events(id, u"assign"_s), 1);
}

void tst_ChatService::transferTellsAndAudits_data()
{
    QTest::addColumn<TransferTarget>("target");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("told");   // the last event
    QTest::addColumn<QStringList>("changed");
    QTest::newRow("agent") << TransferTarget::Agent << u"assigned"_s << u"ChatAssigned"_s
                           << QStringList{u"assigned_agent_id"_s, u"status"_s, u"target_type"_s};
    QTest::newRow("campaign") << TransferTarget::Campaign << u"queued"_s << u"ChatUpdated"_s
                              << QStringList{u"assigned_agent_id"_s, u"campaign_id"_s, u"status"_s, u"target_type"_s};
    QTest::newRow("queue") << TransferTarget::Queue << u"queued"_s << u"ChatUpdated"_s
                           << QStringList{u"assigned_agent_id"_s, u"status"_s, u"target_type"_s};
}

void tst_ChatService::transferTellsAndAudits()
{
    QFETCH(TransferTarget, target);
    QFETCH(QString, status);
    QFETCH(QString, told);
    QFETCH(QStringList, changed);
    const qint64 id = chat(u"active"_s, m_agentId);
    const qint64 targetId = target == TransferTarget::Agent ? m_otherAgentId
        : target == TransferTarget::Campaign                ? m_otherCampaign
                                                            : 0;
    const Result<ChatOutcome> done =
        m_service->transfer(agent(), {.chatId = id, .target = target, .targetId = targetId, .reason = u"turno"_s});
    QVERIFY2(done, done ? "" : done.error().code().constData());
    QCOMPARE(statusOf(id), status);
    QCOMPARE(done->changes.keys(), changed);
    QCOMPARE(done->changes.value(u"target_type"_s).toObject().value(u"to"_s).toString(),
             ChatService::targetName(target));
    const QStringList n = names(done->events);
    QCOMPARE(n.size(), 3);
    QCOMPARE(n.at(0),
             u"RoutingNeeded(%1,%2)"_s.arg(target == TransferTarget::Campaign ? m_otherCampaign : m_campaign)
                 .arg(m_agentId));
    QCOMPARE(n.at(1), u"ChatTransferred(%1,%2)"_s.arg(id).arg(m_agentId));
    QCOMPARE(n.at(2), u"%1(%2,%3)"_s.arg(told).arg(id).arg(m_agentId));
    const auto &transferred = std::get<ChatTransferred>(done->events.at(1));
    QCOMPARE(transferred.reason, u"turno"_s);
    QCOMPARE(transferred.to.value(u"type"_s).toString(), ChatService::targetName(target));

    // An agent who does not work on the campaign, or a campaign that does not exist: 422 on target_id.
    const qint64 another = chat(u"active"_s, m_agentId);
    const Result<ChatOutcome> stranger =
        m_service->transfer(supervisor(),
                            {.chatId = another, .target = TransferTarget::Agent, .targetId = m_supervisorId});
    QVERIFY(!stranger);
    QCOMPARE(stranger.error().status(), 422);
    const Result<ChatOutcome> nowhere =
        m_service->transfer(supervisor(), {.chatId = another, .target = TransferTarget::Campaign, .targetId = 999999});
    QVERIFY(!nowhere);
    QCOMPARE(nowhere.error().status(), 422);
    QCOMPARE(events(another, u"transfer"_s), 0);
}

void tst_ChatService::closeAndReopen()
{
    const qint64 id = chat(u"active"_s, m_agentId);
    const Result<Closed> closed = m_service->close(
        agent(),
        {.chatId = id, .closeReason = u"resuelto"_s, .outcome = u"venta"_s, .outcomeValue = 150000, .notes = u"ok"_s});
    QVERIFY(closed);
    QCOMPARE(closed->status, u"closed"_s);
    QCOMPARE(closed->closedAt, m_now);
    QCOMPARE(closed->changes,
             (QJsonObject{{u"status"_s, change(u"active"_s, u"closed"_s)},
                          {u"close_reason"_s, change({}, u"resuelto"_s)},
                          {u"outcome"_s, change({}, u"venta"_s)},
                          {u"outcome_value"_s, change({}, 150000)}}));
    QCOMPARE(names(closed->events),
             (QStringList{u"RoutingNeeded(%1,%2)"_s.arg(m_campaign).arg(m_agentId), u"ChatUpdated(%1,0)"_s.arg(id)}));

    // Its agent is still able: back to them.
    const Result<ChatOutcome> reopened = m_service->reopen(agent(), id);
    QVERIFY(reopened);
    QCOMPARE(statusOf(id), u"assigned"_s);
    QCOMPARE(reopened->changes, (QJsonObject{{u"status"_s, change(u"closed"_s, u"assigned"_s)}}));
    QCOMPARE(names(reopened->events),
             (QStringList{u"RoutingNeeded(%1,0)"_s.arg(m_campaign), u"ChatUpdated(%1,0)"_s.arg(id)}));
}

void tst_ChatService::reopenBlockedByAnotherOpenChat()
{
    const qint64 old = chat(u"closed"_s, m_agentId);
    SqlQuery client(m_server.db(), "SELECT client_id FROM chats WHERE id = ?", {old});
    QVERIFY(client.exec() && client.next());
    chat(u"queued"_s, 0, client.integer(0));
    const Result<ChatOutcome> r = m_service->reopen(supervisor(), old);
    QVERIFY(!r);
    QCOMPARE(r.error().status(), 409);
    QCOMPARE(statusOf(old), u"closed"_s);
}

void tst_ChatService::reopenWithoutTheAgent()
{
    // Its agent can no longer take it: it goes to the queue, unassigned.
    const qint64 id = chat(u"closed"_s, m_suspendedId);
    const Result<ChatOutcome> r = m_service->reopen(supervisor(), id);
    QVERIFY(r);
    QCOMPARE(statusOf(id), u"queued"_s);
    QCOMPARE(r->changes,
             (QJsonObject{{u"status"_s, change(u"closed"_s, u"queued"_s)},
                          {u"assigned_agent_id"_s, change(m_suspendedId, {})}}));
}

void tst_ChatService::takeBackUnanswered()
{
    // Only the server itself (routing's sweep) takes chats back.
    const qint64 id = chat(u"assigned"_s, m_agentId);
    const Result<TakenBack> refused = m_service->takeBackUnanswered(agent(), id, m_agentId, m_campaign);
    QVERIFY(!refused);
    QCOMPARE(refused.error().status(), 403);

    const Result<TakenBack> back = m_service->takeBackUnanswered(Actor::server(), id, m_agentId, m_campaign);
    QVERIFY(back);
    QVERIFY(back->done);
    QCOMPARE(statusOf(id), u"queued"_s);
    QCOMPARE(m_server.count(u"chats"_s,
                            u"id = %1 AND assigned_agent_id IS NULL AND routing_skip_agent_id = %2"_s.arg(id).arg(
                                m_agentId)),
             1);
    QCOMPARE(m_server.count(u"chat_events"_s,
                            u"chat_id = %1 AND event = 'reassign' AND reason = 'sla_reassign'"_s.arg(id)),
             1);
    QCOMPARE(back->changes,
             (QJsonObject{{u"status"_s, change(u"assigned"_s, u"queued"_s)},
                          {u"assigned_agent_id"_s, change(m_agentId, {})}}));
    QCOMPARE(names(back->events),
             (QStringList{u"RoutingNeeded(%1,%2)"_s.arg(m_campaign).arg(m_agentId),
                          u"ChatUpdated(%1,%2)"_s.arg(id).arg(m_agentId)}));

    // Again, or a chat its agent answered meanwhile: nothing written.
    const Result<TakenBack> again = m_service->takeBackUnanswered(Actor::server(), id, m_agentId, m_campaign);
    QVERIFY(again);
    QVERIFY(!again->done);
    QVERIFY(again->events.isEmpty());
    const qint64 answered = chat(u"assigned"_s, m_agentId);
    SqlQuery q(m_server.db(), "UPDATE chats SET first_response_at = ? WHERE id = ?", {nowSeconds(), answered});
    QVERIFY(q.exec());
    const Result<TakenBack> kept = m_service->takeBackUnanswered(Actor::server(), answered, m_agentId, m_campaign);
    QVERIFY(kept);
    QVERIFY(!kept->done);
    QCOMPARE(statusOf(answered), u"assigned"_s);
    QCOMPARE(events(answered, u"reassign"_s), 0);
}

void tst_ChatService::tagsNotesPriority()
{
    const qint64 id = chat(u"active"_s, m_agentId);
    const Result<ChatOutcome> added = m_service->addTag(agent(), id, u"vip"_s);
    QVERIFY(added);
    QCOMPARE(added->changes, (QJsonObject{{u"tags"_s, change(QJsonArray{}, QJsonArray{u"vip"_s})}}));
    QCOMPARE(names(added->events), QStringList{u"ChatUpdated(%1,0)"_s.arg(id)});
    // Again: nothing changes, the chat is still told.
    const Result<ChatOutcome> again = m_service->addTag(agent(), id, u"vip"_s);
    QVERIFY(again);
    QVERIFY(again->changes.isEmpty());
    QCOMPARE(names(again->events), QStringList{u"ChatUpdated(%1,0)"_s.arg(id)});

    const Result<ChatOutcome> removed = m_service->removeTag(agent(), id, u"vip"_s);
    QVERIFY(removed);
    QCOMPARE(removed->changes, (QJsonObject{{u"tags"_s, change(QJsonArray{u"vip"_s}, QJsonArray{})}}));
    const Result<ChatOutcome> absent = m_service->removeTag(agent(), id, u"vip"_s);
    QVERIFY(!absent);
    QCOMPARE(absent.error().status(), 404);

    const Result<NoteAdded> note = m_service->addNote(agent(), id, u"Llamar mañana"_s);
    QVERIFY(note);
    QVERIFY(note->noteId > 0);
    QCOMPARE(note->createdAt, m_now);
    QCOMPARE(note->changes,
             (QJsonObject{{u"note_id"_s, change({}, note->noteId)}, {u"content"_s, change({}, u"Llamar mañana"_s)}}));

    const Result<ChatOutcome> high = m_service->setPriority(agent(), id, u"high"_s);
    QVERIFY(high);
    QCOMPARE(high->changes, (QJsonObject{{u"priority"_s, change(u"normal"_s, u"high"_s)}}));
    QCOMPARE(events(id, u"priority"_s), 1);
    const Result<ChatOutcome> same = m_service->setPriority(agent(), id, u"high"_s);
    QVERIFY(same);
    QVERIFY(same->changes.isEmpty());
    QCOMPARE(events(id, u"priority"_s), 1);
    const Result<ChatOutcome> bad = m_service->setPriority(agent(), id, u"whenever"_s);
    QVERIFY(!bad);
    QCOMPARE(bad.error().status(), 422);
}

void tst_ChatService::markMessageRead()
{
    const qint64 id = chat(u"active"_s, m_agentId);
    SqlQuery unread(m_server.db(), "UPDATE chats SET unread_count = 1 WHERE id = ?", {id});
    QVERIFY(unread.exec());
    const qint64 in = message(id, u"inbound"_s);
    const qint64 out = message(id, u"outbound"_s);

    const Result<MessageRead> outbound = m_service->markMessageRead(agent(), out);
    QVERIFY(!outbound);
    QCOMPARE(outbound.error().status(), 409);
    const Result<MessageRead> hidden =
        m_service->markMessageRead(Actor{.userId = m_otherAgentId, .permissions = &kAgentPermissions}, in);
    QVERIFY(!hidden);
    QCOMPARE(hidden.error().status(), 404);

    const Result<MessageRead> read = m_service->markMessageRead(agent(), in);
    QVERIFY(read);
    QCOMPARE(read->message.readAt, m_now);
    QCOMPARE(read->changes,
             (QJsonObject{
                 {u"read_at"_s, change({}, QDateTime::fromSecsSinceEpoch(m_now, Qt::UTC).toString(Qt::ISODate))}}));
    QCOMPARE(names(read->events), (QStringList{u"MessageUpdated(%1)"_s.arg(in), u"ChatUpdated(%1,0)"_s.arg(id)}));
    QCOMPARE(m_server.count(u"chats"_s, u"id = %1 AND unread_count = 0"_s.arg(id)), 1);

    // Already read: nothing changes, nothing is told.
    const Result<MessageRead> again = m_service->markMessageRead(agent(), in);
    QVERIFY(again);
    QVERIFY(again->changes.isEmpty());
    QVERIFY(again->events.isEmpty());
}

void tst_ChatService::markChatRead()
{
    const qint64 id = chat(u"active"_s, m_agentId);
    const qint64 other = chat(u"active"_s, m_agentId);
    SqlQuery unread(m_server.db(), "UPDATE chats SET unread_count = 3 WHERE id IN (?, ?)", {id, other});
    QVERIFY(unread.exec());
    const qint64 in1 = message(id, u"inbound"_s);
    const qint64 in2 = message(id, u"inbound"_s);
    const qint64 out = message(id, u"outbound"_s);
    const qint64 foreign = message(other, u"inbound"_s);

    const Result<MessagesRead> r = m_service->markChatRead(agent(), id, {in1, out, foreign, 999999, in2, in1});
    QVERIFY(r);
    QCOMPARE(r->read, (QList<qint64>{in1, in2}));
    QCOMPARE(r->changes, (QJsonObject{{u"read_message_ids"_s, change({}, QJsonArray{in1, in2})}}));
    QCOMPARE(names(r->events),
             (QStringList{u"MessageUpdated(%1)"_s.arg(in1), u"MessageUpdated(%1)"_s.arg(in2),
                          u"ChatUpdated(%1,0)"_s.arg(id)}));
    QCOMPARE(m_server.count(u"chats"_s, u"id = %1 AND unread_count = 1"_s.arg(id)), 1);
    QCOMPARE(m_server.count(u"chats"_s, u"id = %1 AND unread_count = 3"_s.arg(other)), 1);

    const Result<MessagesRead> none = m_service->markChatRead(agent(), id, {in1, in2});
    QVERIFY(none);
    QVERIFY(none->read.isEmpty());
    QVERIFY(none->changes.isEmpty());
    QVERIFY(none->events.isEmpty());

    const QSet<QString> noRead{u"chats.read"_s};
    const Result<MessagesRead> forbidden =
        m_service->markChatRead(Actor{.userId = m_agentId, .permissions = &noRead}, id, {in1});
    QVERIFY(!forbidden);
    QCOMPARE(forbidden.error().status(), 403);
}

QTEST_MAIN(tst_ChatService)
#include "tst_chat_service.moc"
