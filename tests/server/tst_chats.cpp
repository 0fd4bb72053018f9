// Chats (the OpenAPI document, docs/API.md, docs/ROUTING.md): list with combined filters and visibility, one chat, assign,
// transfer, close, reopen, tags, notes, priority and the chat's messages — over real HTTP, against
// SQLite and PostgreSQL. Fixtures go straight into the database (inbound chats arrive with the
// delivery increment).
#include "Fixtures.h"
#include "TestServer.h"

#include "store/Database.h"
#include "store/SearchText.h"

#include <QJsonArray>
#include <QMap>
#include <QSet>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

QSet<QString> keysOf(const QJsonObject &o)
{
    const QStringList keys = o.keys();
    return QSet<QString>(keys.begin(), keys.end());
}

QSet<QString> fieldsOf(const ApiResponse &r)
{
    const QStringList fields = r.errorFields();
    return QSet<QString>(fields.begin(), fields.end());
}

QList<qint64> idsOf(const ApiResponse &r)
{
    QList<qint64> out;
    for (const QJsonValue &v : r.value(u"data"_s).toArray())
        out.append(v.toObject().value(u"id"_s).toInteger());
    return out;
}

constexpr qint64 kDay = 86400;
constexpr qint64 kBase = 1763078400;   // 2025-11-14T00:00:00Z

}   // namespace

class tst_Chats : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void listShape();
    void listFilters_data();
    void listFilters();
    void listValidation_data();
    void listValidation();
    void visibility();
    void notVisibleIs404_data();
    void notVisibleIs404();
    void unauthenticated_data();
    void unauthenticated();

    void getChat();

    void assign();
    void assignRefusals_data();
    void assignRefusals();

    void transfer();
    void transferRefusals_data();
    void transferRefusals();

    void closeAndReopen();
    void reopenFallsBackToQueue();
    void reopenBlockedByOpenChat();
    void closeValidation();

    void tagsNotesPriority();
    void transferOptions();
    void tagsNotesPriorityValidation_data();
    void tagsNotesPriorityValidation();

    void messagesPaging();

    void listMatchesDatabase_data();
    void listMatchesDatabase();
    void chatCountsStayExact();

private:
    ApiResponse call(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                     const QByteArray &token = {})
    {
        return m_server.request(method, path, body, token.isNull() ? m_admin : token);
    }
    qint64 client(const QString &first, const QString &last, const QString &phone)
    {
        const qint64 now = nowSeconds();
        return insertReturningId(
            m_server.db(),
            "INSERT INTO clients (phone_number, first_name, last_name, search_text, custom_fields, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {phone, first, last, SearchText::of({first, last, phone}), u"{\"empresa\":\"Acme\"}"_s, now, now});
    }
    qint64 campaign(const QString &name)
    {
        const qint64 now = nowSeconds();
        return insertReturningId(m_server.db(),
                                 "INSERT INTO campaigns (name, code, search_text, created_at, updated_at) "
                                 "VALUES (?, ?, ?, ?, ?) RETURNING id",
                                 {name, u"C%1"_s.arg(++m_seq), SearchText::of({name}), now, now});
    }
    qint64 number(const QString &phone)
    {
        const qint64 now = nowSeconds();
        return insertReturningId(m_server.db(),
                                 "INSERT INTO whatsapp_numbers (phone_number, provider, created_at, updated_at) "
                                 "VALUES (?, 'meta', ?, ?) RETURNING id",
                                 {phone, now, now});
    }
    void campaignAgent(qint64 campaignId, qint64 userId)
    {
        SqlQuery q(m_server.db(), "INSERT INTO campaign_agents (campaign_id, user_id, created_at) VALUES (?, ?, ?)",
                   {campaignId, userId, nowSeconds()});
        QVERIFY(q.exec());
    }
    qint64 chat(qint64 clientId, qint64 campaignId, const QString &status, qint64 agentId = 0,
                const QString &priority = u"normal"_s, qint64 createdAt = kBase)
    {
        return insertReturningId(m_server.db(),
                                 "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, "
                                 "status, priority, created_at, queued_at, assigned_at, last_activity_at, closed_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                 {clientId, campaignId, m_number, nullIfZero(agentId), status, priority, createdAt,
                                  createdAt + 10, nullIfZero(agentId ? createdAt + 55 : 0), createdAt,
                                  nullIfZero(status == "closed"_L1 ? createdAt + 900 : 0)});
    }
    // A fresh open chat of the main campaign, on a new client.
    qint64 freshChat(const QString &status = u"queued"_s, qint64 agentId = 0)
    {
        const qint64 c = client(u"Fresh"_s, u"Client"_s, u"+57310%1"_s.arg(++m_seq, 7, 10, QChar(u'0')));
        return chat(c, m_campaign, status, agentId);
    }
    qint64 message(qint64 chatId, const QString &direction, qint64 at)
    {
        return insertReturningId(m_server.db(),
                                 "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, "
                                 "status, created_at) VALUES (?, ?, ?, 'text', ?, 'delivered', ?) RETURNING id",
                                 {chatId, m_number, direction, u"m%1"_s.arg(at), at});
    }
    QList<QJsonObject> auditFor(const QString &action, qint64 entityId)
    {
        QList<QJsonObject> out;
        for (const QJsonObject &row : m_server.auditRows(action)) {
            if (row.value(u"entity_id"_s).toInteger() == entityId)
                out.append(row);
        }
        return out;
    }
    QString chatPath(qint64 id, const QString &suffix = {}) const { return u"/v1/chats/%1"_s.arg(id) + suffix; }

    TestServer m_server;
    QByteArray m_admin;
    QByteArray m_supervisor;
    QByteArray m_agent;      // agent of m_campaign
    QByteArray m_agent2;     // agent of m_campaign too
    QByteArray m_outsider;   // an agent of no campaign
    qint64 m_adminId = 0;
    qint64 m_supervisorId = 0;
    qint64 m_agentId = 0;
    qint64 m_agent2Id = 0;
    qint64 m_outsiderId = 0;
    qint64 m_campaign = 0;
    qint64 m_otherCampaign = 0;
    qint64 m_listCampaign = 0;   // the list fixture, filtered on
    qint64 m_number = 0;
    int m_seq = 0;
    // The list fixture.
    qint64 m_jose = 0;
    qint64 m_maria = 0;
    qint64 m_pedro = 0;
    qint64 m_closed = 0;
    // The list at scale.
    qint64 m_scaleA = 0;
    qint64 m_scaleB = 0;
};

void tst_Chats::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = m_server.tokenFor(u"admin"_s, &m_adminId);
    m_supervisor = m_server.tokenFor(u"supervisor"_s, &m_supervisorId);
    m_agent = m_server.tokenFor(u"agent"_s, &m_agentId);
    m_agent2 = m_server.tokenFor(u"agent"_s, &m_agent2Id);
    m_outsider = m_server.tokenFor(u"agent"_s, &m_outsiderId);
    QVERIFY(!m_admin.isEmpty() && !m_supervisor.isEmpty() && !m_agent.isEmpty() && !m_agent2.isEmpty());
    m_number = number(u"+573001111111"_s);
    m_campaign = campaign(u"Campaña Ventas"_s);
    m_otherCampaign = campaign(u"Soporte"_s);
    m_listCampaign = campaign(u"Listas"_s);
    QVERIFY(m_number && m_campaign && m_otherCampaign && m_listCampaign);
    campaignAgent(m_campaign, m_agentId);
    campaignAgent(m_campaign, m_agent2Id);
    campaignAgent(m_listCampaign, m_agentId);

    // List fixture: four chats of m_listCampaign on three days.
    const qint64 jose = client(u"José"_s, u"Núñez"_s, u"+573201000001"_s);
    const qint64 maria = client(u"María"_s, u"Gómez"_s, u"+573201000002"_s);
    const qint64 pedro = client(u"Pedro"_s, u"Pérez"_s, u"+573201000003"_s);
    m_jose = chat(jose, m_listCampaign, u"active"_s, m_agentId, u"high"_s, kBase);
    m_maria = chat(maria, m_listCampaign, u"queued"_s, 0, u"normal"_s, kBase + kDay);
    m_pedro = chat(pedro, m_listCampaign, u"active"_s, m_agent2Id, u"urgent"_s, kBase + 2 * kDay);
    m_closed = chat(jose, m_listCampaign, u"closed"_s, m_agentId, u"high"_s, kBase - kDay);
    QVERIFY(m_jose && m_maria && m_pedro && m_closed);
    // José's chat has the latest activity: it comes first.
    const qint64 last = message(m_jose, u"inbound"_s, kBase + 3 * kDay);
    SqlQuery q(m_server.db(),
               "UPDATE chats SET last_message_id = ?, last_message_at = ?, last_activity_at = ?, message_count = 1, "
               "unread_count = 1 WHERE id = ?",
               {last, kBase + 3 * kDay, kBase + 3 * kDay, m_jose});
    QVERIFY(q.exec());
}

// ---- list ----

void tst_Chats::listShape()
{
    const ApiResponse r = call("GET", u"/v1/chats?campaign_id=%1"_s.arg(m_listCampaign));
    QCOMPARE(r.status, 200);
    QCOMPARE(idsOf(r), (QList<qint64>{m_jose, m_pedro, m_maria, m_closed}));
    const QJsonObject meta = r.value(u"meta"_s).toObject();
    QCOMPARE(meta.value(u"total"_s).toInteger(), 4);
    QCOMPARE(meta.value(u"per_page"_s).toInteger(), 20);
    QCOMPARE(meta.value(u"total_pages"_s).toInteger(), 1);

    const QJsonObject item = r.value(u"data"_s).toArray().first().toObject();
    QCOMPARE(keysOf(item),
             (QSet<QString>{u"id"_s, u"client"_s, u"campaign"_s, u"whatsapp_number"_s, u"assigned_agent"_s, u"status"_s,
                            u"priority"_s, u"message_count"_s, u"last_message"_s, u"unread_count"_s, u"created_at"_s,
                            u"last_message_at"_s}));
    const QJsonObject client = item.value(u"client"_s).toObject();
    QCOMPARE(keysOf(client),
             (QSet<QString>{u"id"_s, u"first_name"_s, u"last_name"_s, u"phone_number"_s, u"avatar_url"_s}));
    QCOMPARE(client.value(u"first_name"_s).toString(), u"José"_s);
    QCOMPARE(client.value(u"phone_number"_s).toString(), u"+573201000001"_s);
    QCOMPARE(item.value(u"campaign"_s).toObject().value(u"name"_s).toString(), u"Listas"_s);
    QCOMPARE(item.value(u"whatsapp_number"_s).toObject().value(u"phone_number"_s).toString(), u"+573001111111"_s);
    QCOMPARE(item.value(u"assigned_agent"_s).toObject().value(u"id"_s).toInteger(), m_agentId);
    QCOMPARE(item.value(u"status"_s).toString(), u"active"_s);
    QCOMPARE(item.value(u"priority"_s).toString(), u"high"_s);
    QCOMPARE(item.value(u"message_count"_s).toInteger(), 1);
    QCOMPARE(item.value(u"unread_count"_s).toInteger(), 1);
    const QJsonObject last = item.value(u"last_message"_s).toObject();
    QCOMPARE(last.value(u"direction"_s).toString(), u"inbound"_s);
    QCOMPARE(last.value(u"created_at"_s).toString(), u"2025-11-17T00:00:00Z"_s);
    QCOMPARE(item.value(u"created_at"_s).toString(), u"2025-11-14T00:00:00Z"_s);
    QCOMPARE(item.value(u"last_message_at"_s).toString(), u"2025-11-17T00:00:00Z"_s);
    // A chat without messages: null last message, unassigned.
    const QJsonObject maria = r.value(u"data"_s).toArray().at(2).toObject();
    QVERIFY(maria.value(u"last_message"_s).isNull());
    QVERIFY(maria.value(u"assigned_agent"_s).isNull());

    const ApiResponse page2 = call("GET", u"/v1/chats?campaign_id=%1&limit=3&page=2"_s.arg(m_listCampaign));
    QCOMPARE(idsOf(page2), (QList<qint64>{m_closed}));
    QCOMPARE(page2.value(u"meta"_s).toObject().value(u"total_pages"_s).toInteger(), 2);
}

void tst_Chats::listFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<int>>("expected");   // indexes: 0 José, 1 María, 2 Pedro, 3 closed

    QTest::addRow("status") << u"status=active"_s << QList<int>{0, 2};
    QTest::addRow("agent") << u"assigned_agent_id=AGENT"_s << QList<int>{0, 3};
    QTest::addRow("priority") << u"priority=urgent"_s << QList<int>{2};
    QTest::addRow("search-accents") << u"search=JOSE%20nunez"_s << QList<int>{0, 3};
    QTest::addRow("search-phone") << u"search=%2B573201000002"_s << QList<int>{1};
    QTest::addRow("search-fragment") << u"search=perez"_s << QList<int>{2};
    QTest::addRow("from") << u"from_date=2025-11-15"_s << QList<int>{2, 1};
    QTest::addRow("to") << u"to_date=2025-11-15"_s << QList<int>{0, 1, 3};
    QTest::addRow("day") << u"from_date=2025-11-15&to_date=2025-11-15"_s << QList<int>{1};
    QTest::addRow("status+agent") << u"status=active&assigned_agent_id=AGENT"_s << QList<int>{0};
    QTest::addRow("search+status") << u"search=jos&status=closed"_s << QList<int>{3};
    QTest::addRow("priority+to") << u"priority=high&to_date=2025-11-13"_s << QList<int>{3};
    QTest::addRow("none") << u"status=bot"_s << QList<int>{};
}

void tst_Chats::listFilters()
{
    QFETCH(QString, query);
    QFETCH(QList<int>, expected);
    const QList<qint64> fixture{m_jose, m_maria, m_pedro, m_closed};
    query.replace(u"AGENT"_s, QString::number(m_agentId));
    const ApiResponse r = call("GET", u"/v1/chats?campaign_id=%1&"_s.arg(m_listCampaign) + query);
    QCOMPARE(r.status, 200);
    QList<qint64> want;
    for (int i : expected)
        want.append(fixture.at(i));
    QCOMPARE(idsOf(r), want);
    QCOMPARE(r.value(u"meta"_s).toObject().value(u"total"_s).toInteger(), want.size());
}

void tst_Chats::listValidation_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::addRow("status") << u"status=open"_s << u"status"_s;
    QTest::addRow("priority") << u"priority=asap"_s << u"priority"_s;
    QTest::addRow("agent") << u"assigned_agent_id=x"_s << u"assigned_agent_id"_s;
    QTest::addRow("from") << u"from_date=yesterday"_s << u"from_date"_s;
    QTest::addRow("limit") << u"limit=101"_s << u"limit"_s;
}

void tst_Chats::listValidation()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    const ApiResponse r = call("GET", u"/v1/chats?"_s + query);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), "VALIDATION_ERROR");
    QVERIFY(fieldsOf(r).contains(field));
}

void tst_Chats::visibility()
{
    // The agent: own chats (any status) plus queued chats of their campaigns; not agent2's.
    const QString list = u"/v1/chats?campaign_id=%1"_s.arg(m_listCampaign);
    QCOMPARE(idsOf(call("GET", list, {}, m_agent)), (QList<qint64>{m_jose, m_maria, m_closed}));
    // agent2 is not an agent of m_listCampaign: only its own chat, not the queued one.
    QCOMPARE(idsOf(call("GET", list, {}, m_agent2)), (QList<qint64>{m_pedro}));
    QCOMPARE(idsOf(call("GET", list, {}, m_outsider)), QList<qint64>{});
    QCOMPARE(idsOf(call("GET", list, {}, m_supervisor)), (QList<qint64>{m_jose, m_pedro, m_maria, m_closed}));
    // Filters cannot widen it.
    QCOMPARE(idsOf(call("GET", list + u"&assigned_agent_id=%1"_s.arg(m_agent2Id), {}, m_agent)), QList<qint64>{});

    QCOMPARE(call("GET", chatPath(m_maria), {}, m_agent).status, 200);
    QCOMPARE(call("GET", chatPath(m_maria), {}, m_agent2).status, 404);
    QCOMPARE(call("GET", chatPath(m_pedro), {}, m_agent).status, 404);
    QCOMPARE(call("GET", chatPath(m_pedro), {}, m_agent2).status, 200);
    QCOMPARE(call("GET", chatPath(m_pedro), {}, m_supervisor).status, 200);
}

void tst_Chats::notVisibleIs404_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QJsonObject>("body");
    QTest::addRow("get") << QByteArray("GET") << QString() << QJsonObject();
    QTest::addRow("messages") << QByteArray("GET") << u"/messages"_s << QJsonObject();
    QTest::addRow("transfer") << QByteArray("POST") << u"/transfer"_s << QJsonObject{{u"target_type"_s, u"queue"_s}};
    QTest::addRow("close") << QByteArray("POST") << u"/close"_s << QJsonObject();
    QTest::addRow("reopen") << QByteArray("POST") << u"/reopen"_s << QJsonObject();
    QTest::addRow("tags") << QByteArray("POST") << u"/tags"_s << QJsonObject{{u"tag"_s, u"x"_s}};
    QTest::addRow("notes") << QByteArray("POST") << u"/notes"_s << QJsonObject{{u"content"_s, u"x"_s}};
    QTest::addRow("priority") << QByteArray("PUT") << u"/priority"_s << QJsonObject{{u"priority"_s, u"low"_s}};
}

void tst_Chats::notVisibleIs404()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, suffix);
    QFETCH(QJsonObject, body);
    const qint64 other = freshChat(u"active"_s, m_agent2Id);
    const ApiResponse r = call(method, chatPath(other, suffix), body, m_agent);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), "NOT_FOUND");
    QCOMPARE(call(method, chatPath(999999, suffix), body).status, 404);
    // Nothing changed.
    QCOMPARE(m_server.count(u"chat_notes"_s, u"chat_id = %1"_s.arg(other)), 0);
    QCOMPARE(m_server.count(u"chats"_s, u"id = %1 AND status = 'active' AND priority = 'normal'"_s.arg(other)), 1);
}

void tst_Chats::transferOptions()
{
    // An agent may list neither users nor campaigns, yet picks where a chat goes: the campaign's
    // other active agents (available first, with their load) and the other active campaigns.
    const qint64 id = freshChat(u"active"_s, m_agentId);
    const qint64 paused = campaign(u"Pausada"_s);
    QVERIFY(SqlQuery(m_server.db(), "UPDATE campaigns SET status = 'paused' WHERE id = ?", {paused}).exec());
    QVERIFY(SqlQuery(m_server.db(), "UPDATE users SET agent_status = 'available' WHERE id = ?", {m_agent2Id}).exec());
    const ApiResponse r = call("GET", chatPath(id, u"/transfer-options"_s), {}, m_agent);
    QCOMPARE(r.status, 200);
    const QJsonArray agents = r.value(u"agents"_s).toArray();
    QCOMPARE(agents.size(), 1);   // the chat's own agent is not offered
    const QJsonObject other = agents.first().toObject();
    QCOMPARE(other.value(u"id"_s).toInteger(), m_agent2Id);
    QCOMPARE(other.value(u"agent_status"_s).toString(), u"available"_s);
    QCOMPARE(other.value(u"open_chats"_s).toInteger(),
             m_server.count(u"chats"_s,
                            u"assigned_agent_id = %1 AND status IN ('assigned', 'active', 'pending')"_s.arg(
                                m_agent2Id)));
    QCOMPARE(other.value(u"max_concurrent_chats"_s).toInt(), 5);
    QVERIFY(other.contains(u"first_name"_s) && other.contains(u"last_name"_s));
    QList<qint64> campaigns;
    for (const QJsonValue &c : r.value(u"campaigns"_s).toArray())
        campaigns.append(c.toObject().value(u"id"_s).toInteger());
    QVERIFY(campaigns.contains(m_otherCampaign) && campaigns.contains(m_listCampaign));
    QVERIFY(!campaigns.contains(m_campaign));   // its own
    QVERIFY(!campaigns.contains(paused));
    // A suspended agent of the campaign is not offered; a chat the caller cannot see is a 404.
    const qint64 suspended =
        m_server.createUser(u"suspendida@example.com"_s, u"Passw0rd-123"_s, u"agent"_s, u"suspended"_s);
    campaignAgent(m_campaign, suspended);
    QCOMPARE(call("GET", chatPath(id, u"/transfer-options"_s), {}, m_agent).value(u"agents"_s).toArray().size(), 1);
    QCOMPARE(call("GET", chatPath(id, u"/transfer-options"_s), {}, m_outsider).status, 404);
    QCOMPARE(call("GET", chatPath(id, u"/transfer-options"_s), {}, m_supervisor).status, 200);
}

void tst_Chats::unauthenticated_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QString>("action");
    QTest::addRow("list") << QByteArray("GET") << u"-"_s << u"chat.list"_s;
    QTest::addRow("get") << QByteArray("GET") << QString() << u"chat.read"_s;
    QTest::addRow("assign") << QByteArray("POST") << u"/assign"_s << u"chat.assign"_s;
    QTest::addRow("transfer") << QByteArray("POST") << u"/transfer"_s << u"chat.transfer"_s;
    QTest::addRow("close") << QByteArray("POST") << u"/close"_s << u"chat.close"_s;
    QTest::addRow("reopen") << QByteArray("POST") << u"/reopen"_s << u"chat.reopen"_s;
    QTest::addRow("tags") << QByteArray("POST") << u"/tags"_s << u"chat.tag_add"_s;
    QTest::addRow("untag") << QByteArray("DELETE") << u"/tags/vip"_s << u"chat.tag_remove"_s;
    QTest::addRow("transfer-options") << QByteArray("GET") << u"/transfer-options"_s << u"chat.transfer_options"_s;
    QTest::addRow("notes") << QByteArray("POST") << u"/notes"_s << u"chat.note_add"_s;
    QTest::addRow("priority") << QByteArray("PUT") << u"/priority"_s << u"chat.priority"_s;
    QTest::addRow("messages") << QByteArray("GET") << u"/messages"_s << u"chat.messages"_s;
}

void tst_Chats::unauthenticated()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, suffix);
    QFETCH(QString, action);
    const QString path = suffix == "-"_L1 ? u"/v1/chats"_s : chatPath(m_jose, suffix);
    const qsizetype before = m_server.auditRows(action).size();
    const ApiResponse r = m_server.request(method, path, {}, QByteArray());
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), "UNAUTHENTICATED");
    const QList<QJsonObject> rows = m_server.auditRows(action);
    QCOMPARE(rows.size(), before + 1);
    QCOMPARE(rows.first().value(u"success"_s).toBool(), false);
}

// ---- one chat ----

void tst_Chats::getChat()
{
    const ApiResponse r = call("GET", chatPath(m_jose));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.object();
    for (const char *key :
         {"id", "client", "campaign", "whatsapp_number", "assigned_agent", "status", "priority", "tags", "notes",
          "bot_context", "metrics", "created_at", "assigned_at", "first_response_at", "last_message_at"})
        QVERIFY2(o.contains(QLatin1StringView(key)), key);
    const QJsonObject client = o.value(u"client"_s).toObject();
    for (const char *key :
         {"id", "first_name", "last_name", "phone_number", "email", "lead_status", "tags", "notes", "custom_fields"})
        QVERIFY2(client.contains(QLatin1StringView(key)), key);
    QCOMPARE(client.value(u"custom_fields"_s).toObject().value(u"empresa"_s).toString(), u"Acme"_s);
    QCOMPARE(client.value(u"lead_status"_s).toString(), u"new"_s);
    QVERIFY(o.value(u"assigned_agent"_s).toObject().contains(u"agent_status"_s));
    QVERIFY(o.value(u"bot_context"_s).isObject());
    const QJsonObject metrics = o.value(u"metrics"_s).toObject();
    QCOMPARE(metrics.value(u"wait_time_seconds"_s).toInteger(), 45);   // queued +10 → assigned +55
    QVERIFY(metrics.value(u"first_response_time_seconds"_s).isNull());
    QVERIFY(metrics.value(u"handling_time_seconds"_s).toInteger() > 0);
    QCOMPARE(o.value(u"assigned_at"_s).toString(), u"2025-11-14T00:00:55Z"_s);
    QVERIFY(o.value(u"first_response_at"_s).isNull());

    const QJsonObject closed = call("GET", chatPath(m_closed)).object();
    QCOMPARE(closed.value(u"metrics"_s).toObject().value(u"handling_time_seconds"_s).toInteger(), 900 - 55);
}

// ---- assign ----

void tst_Chats::assign()
{
    const qint64 id = freshChat();
    const ApiResponse r =
        call("POST", chatPath(id, u"/assign"_s),
             {{u"agent_id"_s, m_agentId}, {u"reason"_s, u"Asignación manual por supervisor"_s}}, m_supervisor);
    QCOMPARE(r.status, 200);
    QCOMPARE(keysOf(r.object()), (QSet<QString>{u"id"_s, u"assigned_agent"_s, u"status"_s, u"assigned_at"_s}));
    QCOMPARE(r.value(u"id"_s).toInteger(), id);
    QCOMPARE(r.value(u"assigned_agent"_s).toObject().value(u"id"_s).toInteger(), m_agentId);
    QCOMPARE(r.value(u"assigned_agent"_s).toObject().value(u"first_name"_s).toString(), u"Test"_s);
    QCOMPARE(r.value(u"status"_s).toString(), u"assigned"_s);
    QVERIFY(r.value(u"assigned_at"_s).toString().endsWith(u'Z'));
    // The agent now sees it as theirs.
    QCOMPARE(call("GET", chatPath(id), {}, m_agent).value(u"status"_s).toString(), u"assigned"_s);
    QCOMPARE(m_server.count(u"chat_events"_s,
                            u"chat_id = %1 AND event = 'assign' AND to_agent_id = %2 AND user_id = %3 "
                            "AND reason = 'Asignación manual por supervisor'"_s.arg(id)
                                .arg(m_agentId)
                                .arg(m_supervisorId)),
             1);
    const QList<QJsonObject> audit = auditFor(u"chat.assign"_s, id);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().value(u"success"_s).toBool(), true);
    QCOMPARE(audit.first().value(u"entity_type"_s).toString(), u"Chat"_s);
    QCOMPARE(audit.first().value(u"user_id"_s).toInteger(), m_supervisorId);
    const QJsonObject changes = audit.first().value(u"changes"_s).toObject();
    QVERIFY(changes.value(u"assigned_agent_id"_s).toObject().value(u"from"_s).isNull());
    QCOMPARE(changes.value(u"assigned_agent_id"_s).toObject().value(u"to"_s).toInteger(), m_agentId);
    QCOMPARE(changes.value(u"status"_s).toObject().value(u"from"_s).toString(), u"queued"_s);
    QCOMPARE(changes.value(u"status"_s).toObject().value(u"to"_s).toString(), u"assigned"_s);
}

void tst_Chats::assignRefusals_data()
{
    QTest::addColumn<QString>("caseName");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    QTest::addRow("missing-agent") << u"missing"_s << 422 << u"agent_id"_s;
    QTest::addRow("agent-not-integer") << u"string"_s << 422 << u"agent_id"_s;
    QTest::addRow("unknown-agent") << u"unknown"_s << 422 << u"agent_id"_s;
    QTest::addRow("suspended-agent") << u"suspended"_s << 422 << u"agent_id"_s;
    QTest::addRow("agent-role") << u"agent-role"_s << 403 << QString();
    QTest::addRow("closed") << u"closed"_s << 409 << QString();
    QTest::addRow("missing-chat") << u"no-chat"_s << 404 << QString();
}

void tst_Chats::assignRefusals()
{
    QFETCH(QString, caseName);
    QFETCH(int, status);
    QFETCH(QString, field);
    qint64 id = freshChat(caseName == "closed"_L1 ? u"closed"_s : u"queued"_s);
    QJsonObject body{{u"agent_id"_s, m_agentId}};
    QByteArray token = m_supervisor;
    if (caseName == "missing"_L1)
        body = {};
    else if (caseName == "string"_L1)
        body = {{u"agent_id"_s, u"1"_s}};
    else if (caseName == "unknown"_L1)
        body = {{u"agent_id"_s, 999999}};
    else if (caseName == "suspended"_L1)
        body = {
            {u"agent_id"_s,
             m_server.createUser(u"susp%1@test.local"_s.arg(++m_seq), u"Secret123!"_s, u"agent"_s, u"suspended"_s)}};
    else if (caseName == "agent-role"_L1)
        token = m_agent;
    else if (caseName == "no-chat"_L1)
        id = 999999;
    const qsizetype auditBefore = auditFor(u"chat.assign"_s, id).size();
    const ApiResponse r = call("POST", chatPath(id, u"/assign"_s), body, token);
    QCOMPARE(r.status, status);
    if (!field.isEmpty())
        QCOMPARE(fieldsOf(r), QSet<QString>{field});
    if (status == 409)
        QCOMPARE(r.errorCode(), "CONFLICT");
    QCOMPARE(m_server.count(u"chat_events"_s, u"chat_id = %1"_s.arg(id)), 0);
    const QList<QJsonObject> audit = auditFor(u"chat.assign"_s, id);
    if (status == 403) {
        QCOMPARE(audit.size(), auditBefore + 1);
        QCOMPARE(audit.first().value(u"success"_s).toBool(), false);
    }
}

// ---- transfer ----

void tst_Chats::transfer()
{
    // To an agent of the campaign.
    const qint64 id = freshChat(u"active"_s, m_agentId);
    ApiResponse r =
        call("POST", chatPath(id, u"/transfer"_s),
             {{u"target_type"_s, u"agent"_s}, {u"target_id"_s, m_agent2Id}, {u"reason"_s, u"Soporte técnico"_s}},
             m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"assigned"_s);
    QCOMPARE(r.value(u"assigned_agent"_s).toObject().value(u"id"_s).toInteger(), m_agent2Id);
    QCOMPARE(call("GET", chatPath(id), {}, m_agent).status, 404);   // no longer theirs
    QCOMPARE(call("GET", chatPath(id), {}, m_agent2).status, 200);
    QJsonObject changes = auditFor(u"chat.transfer"_s, id).first().value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"assigned_agent_id"_s).toObject().value(u"from"_s).toInteger(), m_agentId);
    QCOMPARE(changes.value(u"assigned_agent_id"_s).toObject().value(u"to"_s).toInteger(), m_agent2Id);
    QCOMPARE(changes.value(u"status"_s).toObject().value(u"to"_s).toString(), u"assigned"_s);

    // Back to the queue: unassigned, queued, still on its campaign.
    r = call("POST", chatPath(id, u"/transfer"_s), {{u"target_type"_s, u"queue"_s}}, m_agent2);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"queued"_s);
    QVERIFY(r.value(u"assigned_agent"_s).isNull());
    QCOMPARE(r.value(u"campaign"_s).toObject().value(u"id"_s).toInteger(), m_campaign);
    QVERIFY(!r.value(u"queued_at"_s).isNull());

    // To another campaign: re-queued there.
    r = call("POST", chatPath(id, u"/transfer"_s),
             {{u"target_type"_s, u"campaign"_s}, {u"target_id"_s, m_otherCampaign}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"campaign"_s).toObject().value(u"id"_s).toInteger(), m_otherCampaign);
    QCOMPARE(r.value(u"status"_s).toString(), u"queued"_s);
    changes = auditFor(u"chat.transfer"_s, id).first().value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"campaign_id"_s).toObject().value(u"from"_s).toInteger(), m_campaign);
    QCOMPARE(changes.value(u"campaign_id"_s).toObject().value(u"to"_s).toInteger(), m_otherCampaign);
    QCOMPARE(m_server.count(u"chat_events"_s, u"chat_id = %1 AND event = 'transfer'"_s.arg(id)), 3);
    QCOMPARE(m_server.count(u"chat_events"_s,
                            u"chat_id = %1 AND event = 'transfer' AND to_campaign_id = %2"_s.arg(id).arg(
                                m_otherCampaign)),
             1);
}

void tst_Chats::transferRefusals_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("chatStatus");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    QTest::addRow("no-type") << QJsonObject{} << u"active"_s << 422 << u"target_type"_s;
    QTest::addRow("bad-type") << QJsonObject{{u"target_type"_s, u"team"_s}} << u"active"_s << 422 << u"target_type"_s;
    QTest::addRow("agent-no-id") << QJsonObject{{u"target_type"_s, u"agent"_s}} << u"active"_s << 422 << u"target_id"_s;
    QTest::addRow("agent-not-on-campaign")
        << QJsonObject{{u"target_type"_s, u"agent"_s}, {u"target_id"_s, -1}} << u"active"_s << 422 << u"target_id"_s;
    QTest::addRow("unknown-campaign") << QJsonObject{{u"target_type"_s, u"campaign"_s}, {u"target_id"_s, 999999}}
                                      << u"active"_s << 422 << u"target_id"_s;
    QTest::addRow("closed") << QJsonObject{{u"target_type"_s, u"queue"_s}} << u"closed"_s << 409 << QString();
}

void tst_Chats::transferRefusals()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, chatStatus);
    QFETCH(int, status);
    QFETCH(QString, field);
    if (body.value(u"target_id"_s).toInteger() == -1)
        body.insert(u"target_id"_s, m_outsiderId);   // an active agent, but not of this campaign
    const qint64 id = freshChat(chatStatus, m_agentId);
    const ApiResponse r = call("POST", chatPath(id, u"/transfer"_s), body, m_agent);
    QCOMPARE(r.status, status);
    if (!field.isEmpty())
        QCOMPARE(fieldsOf(r), QSet<QString>{field});
    QCOMPARE(m_server.count(u"chats"_s,
                            u"id = %1 AND assigned_agent_id = %2 AND status = '%3'"_s.arg(id).arg(m_agentId).arg(
                                chatStatus)),
             1);
}

// ---- close / reopen ----

void tst_Chats::closeAndReopen()
{
    const qint64 id = freshChat(u"active"_s, m_agentId);
    ApiResponse r = call("POST", chatPath(id, u"/close"_s),
                         {{u"close_reason"_s, u"resolved"_s},
                          {u"outcome"_s, u"sale"_s},
                          {u"outcome_value"_s, 150000},
                          {u"notes"_s, u"Cliente compró plan premium anual"_s}},
                         m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"id"_s).toInteger(), id);
    QCOMPARE(r.value(u"status"_s).toString(), u"closed"_s);
    QCOMPARE(r.value(u"close_reason"_s).toString(), u"resolved"_s);
    QCOMPARE(r.value(u"outcome"_s).toString(), u"sale"_s);
    QCOMPARE(r.value(u"outcome_value"_s).toInteger(), 150000);
    QVERIFY(r.value(u"closed_at"_s).toString().endsWith(u'Z'));
    const QJsonObject detail = call("GET", chatPath(id), {}, m_agent).object();
    QCOMPARE(detail.value(u"close_notes"_s).toString(), u"Cliente compró plan premium anual"_s);
    QCOMPARE(auditFor(u"chat.close"_s, id)
                 .first()
                 .value(u"changes"_s)
                 .toObject()
                 .value(u"status"_s)
                 .toObject()
                 .value(u"to"_s)
                 .toString(),
             u"closed"_s);

    // Closing twice is a conflict; a custom outcome is fine elsewhere.
    r = call("POST", chatPath(id, u"/close"_s), {}, m_agent);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), "CONFLICT");

    // Reopen: the agent is still active, so it comes back assigned to them.
    r = call("POST", chatPath(id, u"/reopen"_s), {}, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"assigned"_s);
    QCOMPARE(r.value(u"assigned_agent"_s).toObject().value(u"id"_s).toInteger(), m_agentId);
    QVERIFY(r.value(u"closed_at"_s).isNull());
    const QList<QJsonObject> audit = auditFor(u"chat.reopen"_s, id);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().value(u"changes"_s).toObject().value(u"status"_s).toObject().value(u"from"_s).toString(),
             u"closed"_s);
    QCOMPARE(m_server.count(u"chat_events"_s, u"chat_id = %1 AND event IN ('close', 'reopen')"_s.arg(id)), 2);

    // Reopening an open chat is a conflict.
    r = call("POST", chatPath(id, u"/reopen"_s), {}, m_agent);
    QCOMPARE(r.status, 409);

    const qint64 custom = freshChat(u"pending"_s, m_agentId);
    r = call("POST", chatPath(custom, u"/close"_s), {{u"outcome"_s, u"callback_requested"_s}}, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"outcome"_s).toString(), u"callback_requested"_s);
    QVERIFY(r.value(u"outcome_value"_s).isNull());
}

void tst_Chats::reopenFallsBackToQueue()
{
    const qint64 gone = m_server.createUser(u"gone%1@test.local"_s.arg(++m_seq), u"Secret123!"_s, u"agent"_s);
    const qint64 id = freshChat(u"closed"_s, gone);
    SqlQuery q(m_server.db(), "UPDATE users SET status = 'inactive' WHERE id = ?", {gone});
    QVERIFY(q.exec());
    const ApiResponse r = call("POST", chatPath(id, u"/reopen"_s), {}, m_supervisor);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"queued"_s);
    QVERIFY(r.value(u"assigned_agent"_s).isNull());
    const QJsonObject changes = auditFor(u"chat.reopen"_s, id).first().value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"assigned_agent_id"_s).toObject().value(u"from"_s).toInteger(), gone);
    QVERIFY(changes.value(u"assigned_agent_id"_s).toObject().value(u"to"_s).isNull());
}

void tst_Chats::reopenBlockedByOpenChat()
{
    const qint64 c = client(u"Ana"_s, u"Reabre"_s, u"+573209999991"_s);
    const qint64 old = chat(c, m_campaign, u"closed"_s, m_agentId);
    const qint64 current = chat(c, m_campaign, u"active"_s, m_agentId);
    QVERIFY(old && current);
    const ApiResponse r = call("POST", chatPath(old, u"/reopen"_s), {}, m_agent);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), "CONFLICT");
    QCOMPARE(m_server.count(u"chats"_s, u"id = %1 AND status = 'closed'"_s.arg(old)), 1);
    // The partial unique index holds the same rule below the API.
    SqlQuery q(m_server.db(), "UPDATE chats SET status = 'queued' WHERE id = ?", {old});
    QVERIFY(!q.exec());
}

void tst_Chats::closeValidation()
{
    const qint64 id = freshChat(u"active"_s, m_agentId);
    const ApiResponse r = call("POST", chatPath(id, u"/close"_s),
                               {{u"outcome_value"_s, u"mucho"_s}, {u"close_reason"_s, QString(101, u'x')}}, m_agent);
    QCOMPARE(r.status, 422);
    QCOMPARE(fieldsOf(r), (QSet<QString>{u"outcome_value"_s, u"close_reason"_s}));
    QCOMPARE(m_server.count(u"chats"_s, u"id = %1 AND status = 'active'"_s.arg(id)), 1);
}

// ---- tags, notes, priority ----

void tst_Chats::tagsNotesPriority()
{
    const qint64 id = freshChat(u"active"_s, m_agentId);
    ApiResponse r = call("POST", chatPath(id, u"/tags"_s), {{u"tag"_s, u" Urgente "_s}}, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"tags"_s).toArray(), (QJsonArray{u"urgente"_s}));
    r = call("POST", chatPath(id, u"/tags"_s), {{u"tag"_s, u"precio"_s}}, m_agent);
    QCOMPARE(r.value(u"tags"_s).toArray(), (QJsonArray{u"precio"_s, u"urgente"_s}));
    r = call("POST", chatPath(id, u"/tags"_s), {{u"tag"_s, u"URGENTE"_s}}, m_agent);   // already there
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"tags"_s).toArray().size(), 2);
    const QList<QJsonObject> tagAudit = auditFor(u"chat.tag_add"_s, id);
    QCOMPARE(tagAudit.size(), 3);
    QCOMPARE(tagAudit.at(1).value(u"changes"_s).toObject().value(u"tags"_s).toObject().value(u"to"_s).toArray(),
             (QJsonArray{u"precio"_s, u"urgente"_s}));
    QVERIFY(tagAudit.at(0).value(u"changes"_s).toObject().isEmpty());

    // Removing: 204 and the chat's tags without it, audited; a tag it lacks, or a chat the caller
    // cannot see, is a 404 and changes nothing. {tag} is percent-decoded and any case.
    QCOMPARE(call("POST", chatPath(id, u"/tags"_s), {{u"tag"_s, u"añil"_s}}, m_agent).status, 200);
    QCOMPARE(call("DELETE", chatPath(id, u"/tags/AÑIL"_s), {}, m_agent).status, 204);   // travels as %C3%91
    QCOMPARE(call("DELETE", chatPath(id, u"/tags/URGENTE"_s), {}, m_agent).status, 204);
    QCOMPARE(call("GET", chatPath(id), {}, m_agent).value(u"tags"_s).toArray(), (QJsonArray{u"precio"_s}));
    const QList<QJsonObject> untagAudit = auditFor(u"chat.tag_remove"_s, id);
    QCOMPARE(untagAudit.size(), 2);
    QCOMPARE(untagAudit.first().value(u"changes"_s).toObject().value(u"tags"_s).toObject().value(u"from"_s).toArray(),
             (QJsonArray{u"precio"_s, u"urgente"_s}));
    QCOMPARE(untagAudit.first().value(u"changes"_s).toObject().value(u"tags"_s).toObject().value(u"to"_s).toArray(),
             (QJsonArray{u"precio"_s}));
    QCOMPARE(call("DELETE", chatPath(id, u"/tags/urgente"_s), {}, m_agent).status, 404);
    QCOMPARE(call("DELETE", chatPath(id, u"/tags/precio"_s), {}, m_agent2).status, 404);
    QCOMPARE(m_server.count(u"chat_tags"_s, u"chat_id = %1"_s.arg(id)), 1);
    // A tag with a slash could never be removed by name: refused when added.
    const ApiResponse slash = call("POST", chatPath(id, u"/tags"_s), {{u"tag"_s, u"a/b"_s}}, m_agent);
    QCOMPARE(slash.status, 422);
    QCOMPARE(fieldsOf(slash), QSet<QString>{u"tag"_s});

    r = call("POST", chatPath(id, u"/notes"_s), {{u"content"_s, u"Cliente solicita descuento del 20%"_s}}, m_agent);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.value(u"content"_s).toString(), u"Cliente solicita descuento del 20%"_s);
    QCOMPARE(r.value(u"user"_s).toObject().value(u"id"_s).toInteger(), m_agentId);
    const qint64 noteId = r.value(u"id"_s).toInteger();
    QVERIFY(noteId > 0);
    const QJsonArray notes = call("GET", chatPath(id), {}, m_agent).value(u"notes"_s).toArray();
    QCOMPARE(notes.size(), 1);
    QCOMPARE(notes.first().toObject().value(u"id"_s).toInteger(), noteId);
    QCOMPARE(notes.first().toObject().value(u"user"_s).toObject().value(u"first_name"_s).toString(), u"Test"_s);
    QCOMPARE(auditFor(u"chat.note_add"_s, id)
                 .first()
                 .value(u"changes"_s)
                 .toObject()
                 .value(u"note_id"_s)
                 .toObject()
                 .value(u"to"_s)
                 .toInteger(),
             noteId);

    r = call("PUT", chatPath(id, u"/priority"_s), {{u"priority"_s, u"high"_s}}, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"priority"_s).toString(), u"high"_s);
    const QJsonObject change =
        auditFor(u"chat.priority"_s, id).first().value(u"changes"_s).toObject().value(u"priority"_s).toObject();
    QCOMPARE(change.value(u"from"_s).toString(), u"normal"_s);
    QCOMPARE(change.value(u"to"_s).toString(), u"high"_s);
    QCOMPARE(m_server.count(u"chat_events"_s, u"chat_id = %1 AND event = 'priority'"_s.arg(id)), 1);
}

void tst_Chats::tagsNotesPriorityValidation_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("field");
    QTest::addRow("tag-missing") << QByteArray("POST") << u"/tags"_s << QJsonObject{} << u"tag"_s;
    QTest::addRow("tag-blank") << QByteArray("POST") << u"/tags"_s << QJsonObject{{u"tag"_s, u"  "_s}} << u"tag"_s;
    QTest::addRow("tag-long") << QByteArray("POST") << u"/tags"_s << QJsonObject{{u"tag"_s, QString(51, u'a')}}
                              << u"tag"_s;
    QTest::addRow("note-missing") << QByteArray("POST") << u"/notes"_s << QJsonObject{} << u"content"_s;
    QTest::addRow("note-long") << QByteArray("POST") << u"/notes"_s << QJsonObject{{u"content"_s, QString(5001, u'a')}}
                               << u"content"_s;
    QTest::addRow("priority-missing") << QByteArray("PUT") << u"/priority"_s << QJsonObject{} << u"priority"_s;
    QTest::addRow("priority-bad") << QByteArray("PUT") << u"/priority"_s << QJsonObject{{u"priority"_s, u"asap"_s}}
                                  << u"priority"_s;
}

void tst_Chats::tagsNotesPriorityValidation()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, suffix);
    QFETCH(QJsonObject, body);
    QFETCH(QString, field);
    const qint64 id = freshChat(u"active"_s, m_agentId);
    const ApiResponse r = call(method, chatPath(id, suffix), body, m_agent);
    QCOMPARE(r.status, 422);
    QCOMPARE(fieldsOf(r), QSet<QString>{field});
    QCOMPARE(m_server.count(u"chat_tags"_s, u"chat_id = %1"_s.arg(id)) +
                 m_server.count(u"chat_notes"_s, u"chat_id = %1"_s.arg(id)),
             0);
}

// ---- messages ----

void tst_Chats::messagesPaging()
{
    const qint64 id = freshChat(u"active"_s, m_agentId);
    QList<qint64> ids;
    for (int i = 0; i < 25; ++i)
        ids.append(message(id, i % 2 ? u"outbound"_s : u"inbound"_s, kBase + i));
    const QString path = chatPath(id, u"/messages"_s);

    ApiResponse r = call("GET", path + u"?page=1&limit=10"_s, {}, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(idsOf(r), ids.mid(0, 10));
    QCOMPARE(r.value(u"meta"_s).toObject().value(u"total"_s).toInteger(), 25);
    QCOMPARE(r.value(u"meta"_s).toObject().value(u"total_pages"_s).toInteger(), 3);
    const QJsonObject first = r.value(u"data"_s).toArray().first().toObject();
    for (const char *key :
         {"id", "direction", "message_type", "content", "status", "user", "is_bot_message", "created_at", "read_at"})
        QVERIFY2(first.contains(QLatin1StringView(key)), key);
    QCOMPARE(first.value(u"direction"_s).toString(), u"inbound"_s);
    QVERIFY(first.value(u"user"_s).isNull());
    QCOMPARE(first.value(u"created_at"_s).toString(), u"2025-11-14T00:00:00Z"_s);

    QCOMPARE(idsOf(call("GET", path + u"?page=3&limit=10"_s, {}, m_agent)), ids.mid(20, 5));
    QCOMPARE(idsOf(call("GET", path, {}, m_agent)), ids.mid(0, 20));

    r = call("GET", path + u"?before_id=%1&limit=5"_s.arg(ids.at(20)), {}, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(idsOf(r), ids.mid(15, 5));
    QCOMPARE(r.value(u"meta"_s).toObject().value(u"has_more"_s).toBool(), true);
    r = call("GET", path + u"?before_id=%1&limit=5"_s.arg(ids.at(3)), {}, m_agent);
    QCOMPARE(idsOf(r), ids.mid(0, 3));
    QCOMPARE(r.value(u"meta"_s).toObject().value(u"has_more"_s).toBool(), false);

    QCOMPARE(call("GET", path + u"?before_id=abc"_s, {}, m_agent).status, 422);
    QCOMPARE(call("GET", path, {}, m_agent2).status, 404);
}

// ---- the list at scale ----

namespace {

// What the list must show, worked out here from the chats rows themselves.
struct ChatRow {
    qint64 id = 0;
    qint64 campaign = 0;
    qint64 agent = 0;
    QString status;
    QString priority;
    QString searchText;
    bool liveClient = true;
    qint64 activity = 0;
    qint64 created = 0;
};

}   // namespace

void tst_Chats::listMatchesDatabase_data()
{
    QTest::addColumn<QString>("viewer");   // admin, agent2 or outsider
    QTest::addColumn<QString>("query");

    // The fixture, made once: 2,400 chats in two campaigns, activity times out of id order and
    // tied; "marta" matches more chats than a search page is looked up for, "gloria" fewer.
    const QStringList views{u"admin"_s, u"agent2"_s, u"outsider"_s};
    const QStringList queries{u""_s,
                              u"status=queued"_s,
                              u"status=active"_s,
                              u"priority=high&status=assigned"_s,
                              u"campaign_id=SCALE_A"_s,
                              u"assigned_agent_id=AGENT2"_s,
                              u"search=marta"_s,
                              u"search=gloria"_s,
                              u"search=GLORIA%20rios%2000"_s,
                              u"search=gl"_s,
                              u"search=marta&status=closed"_s,
                              u"search=gloria&campaign_id=SCALE_B"_s,
                              u"to_date=2025-11-15"_s,
                              u"from_date=2025-11-15&status=queued"_s};
    for (const QString &view : views) {
        for (const QString &query : queries)
            QTest::addRow("%s %s", qPrintable(view), qPrintable(query.isEmpty() ? u"all"_s : query)) << view << query;
    }
}

void tst_Chats::listMatchesDatabase()
{
    QFETCH(QString, viewer);
    QFETCH(QString, query);
    if (!m_scaleA) {
        m_scaleA = campaign(u"Escala A"_s);
        m_scaleB = campaign(u"Escala B"_s);
        campaignAgent(m_scaleA, m_agent2Id);
        const QStringList statuses{u"new"_s, u"queued"_s, u"assigned"_s, u"active"_s, u"pending"_s, u"closed"_s};
        const QStringList priorities{u"low"_s, u"normal"_s, u"high"_s, u"urgent"_s};
        Transaction tx(m_server.db());
        for (int i = 0; i < 2400; ++i) {
            const QString first = i % 10 == 3 ? u"Gloria"_s : u"Marta"_s;
            const QString last = u"Ríos %1"_s.arg(i, 4, 10, QChar(u'0'));
            const qint64 c = client(first, last, u"+57315%1"_s.arg(i, 7, 10, QChar(u'0')));
            const QString status = statuses.at(i % statuses.size());
            const qint64 agent =
                status == "new"_L1 || status == "queued"_L1 ? 0 : ((i / 7) % 2 ? m_agent2Id : m_outsiderId);
            const qint64 created = kBase + (i % 3) * kDay + i;
            const qint64 id = chat(c, i % 3 ? m_scaleA : m_scaleB, status, agent, priorities.at(i % 4), created);
            QVERIFY(id);
            SqlQuery activity(m_server.db(), "UPDATE chats SET last_activity_at = ? WHERE id = ?",
                              {kBase + 5 * kDay + (i * 7919) % 1500, id});   // out of order, with ties
            QVERIFY(activity.exec());
        }
        QVERIFY(tx.commit());
        // A deleted client's chat is still listed, but no search finds it.
        const qint64 gone = client(u"Gloria"_s, u"Borrada"_s, u"+573159999999"_s);
        QVERIFY(chat(gone, m_scaleB, u"queued"_s));
        QCOMPARE(call("DELETE", u"/v1/clients/%1"_s.arg(gone)).status, 204);
        // A renamed client is found by its new name only.
        SqlQuery renamed(m_server.db(), "SELECT client_id FROM chats WHERE campaign_id = ? ORDER BY id LIMIT 1",
                         {m_scaleB});
        QVERIFY(renamed.exec() && renamed.next());
        QCOMPARE(call("PUT", u"/v1/clients/%1"_s.arg(renamed.integer(0)), {{u"first_name"_s, u"Gloria"_s}}).status,
                 200);
    }

    // Every chat, and what the viewer may see of it.
    QList<ChatRow> rows;
    {
        SqlQuery
            q(m_server.db(),
              "SELECT c.id, c.campaign_id, COALESCE(c.assigned_agent_id, 0), c.status, c.priority, cl.search_text, "
              "cl.deleted_at, c.last_activity_at, c.created_at FROM chats c JOIN clients cl ON cl.id = c.client_id");
        QVERIFY(q.exec());
        while (q.next())
            rows.append({q.integer(0), q.integer(1), q.integer(2), q.string(3), q.string(4), q.string(5), q.isNull(6),
                         q.integer(7), q.integer(8)});
    }
    QByteArray token = m_admin;
    qint64 viewerId = 0;
    QSet<qint64> viewerCampaigns;
    if (viewer == "agent2"_L1) {
        token = m_agent2;
        viewerId = m_agent2Id;
        viewerCampaigns = {m_campaign, m_scaleA};
    } else if (viewer == "outsider"_L1) {
        token = m_outsider;
        viewerId = m_outsiderId;
    }
    query.replace(u"SCALE_A"_s, QString::number(m_scaleA)).replace(u"SCALE_B"_s, QString::number(m_scaleB));
    query.replace(u"AGENT2"_s, QString::number(m_agent2Id));

    QList<ChatRow> expected;
    const QUrlQuery params(query);
    for (const ChatRow &r : std::as_const(rows)) {
        if (viewerId && r.agent != viewerId && !(r.status == "queued"_L1 && viewerCampaigns.contains(r.campaign)))
            continue;
        if (params.hasQueryItem(u"status"_s) && r.status != params.queryItemValue(u"status"_s))
            continue;
        if (params.hasQueryItem(u"priority"_s) && r.priority != params.queryItemValue(u"priority"_s))
            continue;
        if (params.hasQueryItem(u"campaign_id"_s) && r.campaign != params.queryItemValue(u"campaign_id"_s).toLongLong())
            continue;
        if (params.hasQueryItem(u"assigned_agent_id"_s) &&
            r.agent != params.queryItemValue(u"assigned_agent_id"_s).toLongLong())
            continue;
        if (params.hasQueryItem(u"search"_s)) {
            const QString term = SearchText::normalize(params.queryItemValue(u"search"_s, QUrl::FullyDecoded));
            if (!r.liveClient || !r.searchText.contains(term))
                continue;
        }
        if (params.hasQueryItem(u"from_date"_s) && r.created < kBase + kDay)   // 2025-11-15
            continue;
        if (params.hasQueryItem(u"to_date"_s) && r.created >= kBase + 2 * kDay)   // through 2025-11-15
            continue;
        expected.append(r);
    }
    std::sort(expected.begin(), expected.end(), [](const ChatRow &a, const ChatRow &b) {
        return a.activity != b.activity ? a.activity > b.activity : a.id > b.id;
    });
    QList<qint64> expectedIds;
    for (const ChatRow &r : std::as_const(expected))
        expectedIds.append(r.id);
    QVERIFY2(expectedIds.size() > 0 || query.contains(u"assigned_agent_id"_s) || viewer == "outsider"_L1,
             "the fixture gives every case something to list");

    // The first page, one in the middle and the last, as the list's total says.
    const QString base = u"/v1/chats?"_s + (query.isEmpty() ? QString() : query + u'&');
    const ApiResponse first = call("GET", base + u"limit=25"_s, {}, token);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.value(u"meta"_s).toObject().value(u"total"_s).toInteger(), expectedIds.size());
    QCOMPARE(idsOf(first), expectedIds.mid(0, 25));
    const qint64 pages = first.value(u"meta"_s).toObject().value(u"total_pages"_s).toInteger();
    for (const qint64 page : {pages / 2 + 1, pages}) {
        if (page < 2)
            continue;
        const ApiResponse r = call("GET", base + u"limit=25&page=%1"_s.arg(page), {}, token);
        QCOMPARE(r.value(u"meta"_s).toObject().value(u"total"_s).toInteger(), expectedIds.size());
        QCOMPARE(idsOf(r), expectedIds.mid((page - 1) * 25, 25));
    }
}

void tst_Chats::chatCountsStayExact()
{
    // chat_counts (migration 0011) against the chats themselves, after every kind of change.
    const qint64 queued = freshChat(u"queued"_s);
    const qint64 active = freshChat(u"active"_s, m_agentId);
    const qint64 closing = freshChat(u"active"_s, m_agentId);
    QCOMPARE(call("POST", chatPath(queued, u"/assign"_s), {{u"agent_id"_s, m_agent2Id}}).status, 200);
    QCOMPARE(call("POST", chatPath(active, u"/transfer"_s),
                  {{u"target_type"_s, u"campaign"_s}, {u"target_id"_s, m_otherCampaign}, {u"reason"_s, u"Otra área"_s}})
                 .status,
             200);
    QCOMPARE(call("PUT", chatPath(active, u"/priority"_s), {{u"priority"_s, u"urgent"_s}}).status, 200);
    QCOMPARE(call("POST", chatPath(closing, u"/close"_s), {{u"close_reason"_s, u"resolved"_s}}).status, 200);
    QCOMPARE(call("POST", chatPath(closing, u"/reopen"_s)).status, 200);
    SqlQuery removed(m_server.db(), "DELETE FROM chats WHERE id = ?", {freshChat()});
    QVERIFY(removed.exec());

    const auto grouped = [this](const char *sql) {
        QMap<QString, qint64> out;
        SqlQuery q(m_server.db(), sql);
        if (!q.exec())
            return out;
        while (q.next()) {
            if (q.integer(4))
                out.insert(u"%1/%2/%3/%4"_s.arg(q.integer(0)).arg(q.string(1)).arg(q.integer(2)).arg(q.string(3)),
                           q.integer(4));
        }
        return out;
    };
    const QMap<QString, qint64> counted =
        grouped("SELECT campaign_id, status, COALESCE(assigned_agent_id, 0), priority, COUNT(*) FROM chats "
                "GROUP BY campaign_id, status, COALESCE(assigned_agent_id, 0), priority");
    QVERIFY(!counted.isEmpty());
    QCOMPARE(grouped("SELECT campaign_id, status, assigned_agent_id, priority, n FROM chat_counts"), counted);
}

QTEST_MAIN(tst_Chats)
#include "tst_chats.moc"
