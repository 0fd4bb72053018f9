// Bot flows running on real chats (docs/BOT_FLOWS.md#sessions): whole conversations through
// signed Meta webhooks with the Graph stand-in receiving what the bot sends (buttons, typed and
// tapped answers, invalid answers), an http_request node calling a server over loopback, a delay
// with the customer writing meanwhile, a transfer into routing with the agent told over its
// socket, a supervisor taking a chat out of the bot, a timeout across a restart, the same menu as
// numbered text on WPPConnect, and due delays run once by two servers on one database.
// Over real HTTP, against SQLite and PostgreSQL.
#include "FakeHttpServer.h"
#include "FakeMetaGraph.h"
#include "FakeWppConnect.h"
#include "TestServer.h"

#include "app/ServerApp.h"
#include "crypto/WebhookSignature.h"
#include "store/Database.h"

#include <Conversa/realtime/SocketIoClient.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kBotSecret = "bot-secret-0123456789";

// The shop's order API: GET /orders/<n> answers the order's state; /orders/0 is a 500.
class OrderApi final : public FakeHttpServer {
public:
    QList<QByteArray> paths;

protected:
    void handle(QTcpSocket *socket, HttpRequest request) override
    {
        paths.append(request.path);
        if (request.path == "/orders/0")
            reply(socket, 500, "Internal Server Error", "application/json", R"({"error":"down"})");
        else
            reply(socket, 200, "OK", "application/json", R"({"order":{"state":"enviado","items":2}})");
    }
};

QJsonObject node(const QString &key, const QString &type, const QJsonObject &config)
{
    return {{u"node_key"_s, key}, {u"node_type"_s, type}, {u"config"_s, config}};
}

QJsonObject option(const QString &label, const QString &next)
{
    return {{u"label"_s, label}, {u"value"_s, label.toLower()}, {u"next"_s, next}};
}

// The shop's flow: a greeting, a menu of three (reply buttons on Meta), then sales (an e-mail,
// tags, the client updated, a transfer with a skill), an order look-up (a call, then the end
// that closes the chat) or a pause (a delay, then an end that leaves the chat to the agents).
QJsonObject shopFlow(const QString &name, const QString &ordersUrl, int timeoutSeconds = 300)
{
    const QJsonArray nodes{
        node(u"welcome"_s, u"message"_s, {{u"content"_s, u"Hola {{client.first_name}}"_s}, {u"next"_s, u"menu"_s}}),
        node(u"menu"_s, u"menu"_s,
             {{u"content"_s, u"¿En qué te ayudamos?"_s},
              {u"invalid_message"_s, u"Toca una opción"_s},
              {u"options"_s,
               QJsonArray{option(u"Ventas"_s, u"email"_s), option(u"Pedido"_s, u"order"_s),
                          option(u"Esperar"_s, u"pause"_s)}}}),
        node(u"email"_s, u"input"_s,
             {{u"content"_s, u"¿Tu correo?"_s},
              {u"variable"_s, u"email"_s},
              {u"validation"_s, u"email"_s},
              {u"invalid_message"_s, u"Ese correo no parece válido"_s},
              {u"next"_s, u"mark"_s}}),
        node(u"mark"_s, u"tag"_s,
             {{u"chat_tags"_s, QJsonArray{u"lead"_s}},
              {u"client_tags"_s, QJsonArray{u"bot-lead"_s}},
              {u"next"_s, u"save"_s}}),
        node(u"save"_s, u"update_client"_s,
             {{u"fields"_s,
               QJsonObject{{u"email"_s, u"{{email}}"_s},
                           {u"lead_status"_s, u"contacted"_s},
                           {u"custom_fields"_s, QJsonObject{{u"origen"_s, u"bot"_s}}}}},
              {u"next"_s, u"sales"_s}}),
        node(u"sales"_s, u"transfer"_s,
             {{u"target_type"_s, u"queue"_s},
              {u"skills"_s, QJsonArray{u"ventas"_s}},
              {u"content"_s, u"Te paso con ventas"_s}}),
        node(u"order"_s, u"input"_s,
             {{u"content"_s, u"Número de pedido"_s},
              {u"variable"_s, u"order"_s},
              {u"validation"_s, u"number"_s},
              {u"next"_s, u"lookup"_s}}),
        node(u"lookup"_s, u"http_request"_s,
             {{u"method"_s, u"GET"_s},
              {u"url"_s, QString(ordersUrl + u"/orders/{{order}}"_s)},
              {u"timeout_ms"_s, 5000},
              {u"save"_s, QJsonObject{{u"state"_s, u"$.order.state"_s}}},
              {u"next"_s, u"tell"_s},
              {u"on_error"_s, u"sorry"_s}}),
        node(u"tell"_s, u"message"_s, {{u"content"_s, u"Tu pedido está {{state}}"_s}, {u"next"_s, u"done"_s}}),
        node(u"sorry"_s, u"message"_s, {{u"content"_s, u"No pude consultar tu pedido"_s}, {u"next"_s, u"done"_s}}),
        node(u"done"_s, u"end"_s,
             {{u"content"_s, u"¡Hasta pronto!"_s},
              {u"close"_s, QJsonObject{{u"close_reason"_s, u"resuelto_por_bot"_s}, {u"outcome"_s, u"information"_s}}}}),
        node(u"pause"_s, u"delay"_s, {{u"seconds"_s, 1}, {u"next"_s, u"back"_s}}),
        node(u"back"_s, u"end"_s, {{u"content"_s, u"Ya volví"_s}}),
    };
    return {{u"name"_s, name},
            {u"start_node_id"_s, u"welcome"_s},
            {u"timeout_seconds"_s, timeoutSeconds},
            {u"max_invalid_attempts"_s, 2},
            {u"nodes"_s, nodes}};
}

QByteArray metaEnvelope(const QString &phoneNumberId, const QString &from, const QJsonObject &message)
{
    QJsonObject msg = message;
    msg.insert(u"from"_s, from);
    const QJsonObject value{{u"messaging_product"_s, u"whatsapp"_s},
                            {u"metadata"_s,
                             QJsonObject{{u"display_phone_number"_s, u"15550001111"_s},
                                         {u"phone_number_id"_s, phoneNumberId}}},
                            {u"contacts"_s,
                             QJsonArray{QJsonObject{{u"profile"_s, QJsonObject{{u"name"_s, u"Ana Cliente"_s}}},
                                                    {u"wa_id"_s, from}}}},
                            {u"messages"_s, QJsonArray{msg}}};
    const QJsonObject root{{u"object"_s, u"whatsapp_business_account"_s},
                           {u"entry"_s,
                            QJsonArray{QJsonObject{{u"id"_s, u"1"_s},
                                                   {u"changes"_s,
                                                    QJsonArray{QJsonObject{{u"value"_s, value},
                                                                           {u"field"_s, u"messages"_s}}}}}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QJsonObject text(const QString &body)
{
    return {{u"type"_s, u"text"_s}, {u"text"_s, QJsonObject{{u"body"_s, body}}}};
}

QJsonObject listPick(const QString &id, const QString &title)
{
    return {{u"type"_s, u"interactive"_s},
            {u"interactive"_s,
             QJsonObject{{u"type"_s, u"list_reply"_s},
                         {u"list_reply"_s, QJsonObject{{u"id"_s, id}, {u"title"_s, title}}}}}};
}

QJsonObject buttonTap(const QString &id, const QString &title)
{
    return {{u"type"_s, u"interactive"_s},
            {u"interactive"_s,
             QJsonObject{{u"type"_s, u"button_reply"_s},
                         {u"button_reply"_s, QJsonObject{{u"id"_s, id}, {u"title"_s, title}}}}}};
}

}   // namespace

class tst_BotEngine : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void buttonsInputsAndTransferToAnAgent();
    void callAnswerEndsAndCloses();
    void failedCallGoesToOnError();
    void delayIgnoresMessagesMeanwhile();
    void closedServiceWindowHandsOver();
    void agentsSeeTheBotsChats();
    void invalidAnswersHandOver();
    void supervisorTakesTheChatOver();
    void timeoutAcrossARestart();
    void wppConnectMenuIsNumberedText();
    void listRepliesAndTypedAnswers();
    void dueDelaysRunOnceOnTwoServers();

private:
    struct Number {
        qint64 id = 0;
        QString metaId;
        qint64 campaign = 0;
    };
    qint64 publish(const QJsonObject &flow)
    {
        const ApiResponse created = m_server.request("POST", u"/v1/bot-flows"_s, flow, m_admin);
        if (created.status != 201) {
            qWarning("flow create: %d %s", created.status, created.body.constData());
            return 0;
        }
        const qint64 id = created.value(u"id"_s).toInteger();
        const ApiResponse published = m_server.request("POST", u"/v1/bot-flows/%1/publish"_s.arg(id), {}, m_admin);
        if (published.status != 200) {
            qWarning("flow publish: %d %s", published.status, published.body.constData());
            return 0;
        }
        return id;
    }
    // A Meta number whose primary campaign runs `flowId`.
    Number metaNumber(qint64 flowId)
    {
        Number n;
        const int seq = ++m_seq;
        n.metaId = u"40000000000%1"_s.arg(seq, 4, 10, QChar(u'0'));
        const ApiResponse r = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                               {{u"phone_number"_s, u"+5730040%1"_s.arg(seq, 5, 10, QChar(u'0'))},
                                                {u"provider"_s, u"meta"_s},
                                                {u"meta_phone_number_id"_s, n.metaId},
                                                {u"meta_access_token"_s, u"EAAB-bot-token"_s},
                                                {u"meta_app_secret"_s, QString::fromLatin1(kBotSecret)}},
                                               m_admin);
        if (r.status != 201)
            qWarning("number create: %d %s", r.status, r.body.constData());
        n.id = r.value(u"id"_s).toInteger();
        n.campaign = campaign(flowId, n.id);
        return n;
    }
    qint64 campaign(qint64 flowId, qint64 numberId)
    {
        const int seq = ++m_seq;
        const ApiResponse r = m_server.request("POST", u"/v1/campaigns"_s,
                                               {{u"name"_s, u"Bot %1"_s.arg(seq)},
                                                {u"code"_s, u"BOT%1"_s.arg(seq)},
                                                {u"welcome_message"_s, u"Bienvenido (sin bot)"_s},
                                                {u"bot_enabled"_s, true},
                                                {u"bot_flow_id"_s, flowId}},
                                               m_admin);
        if (r.status != 201)
            qWarning("campaign create: %d %s", r.status, r.body.constData());
        const qint64 id = r.value(u"id"_s).toInteger();
        SqlQuery link(m_server.db(),
                      "INSERT INTO campaign_numbers (campaign_id, number_id, is_primary, created_at) "
                      "VALUES (?, ?, TRUE, ?)",
                      {id, numberId, nowSeconds()});
        if (!link.exec())
            qWarning("campaign_numbers insert failed");
        return id;
    }
    ApiResponse inbound(const Number &n, const QString &from, QJsonObject message, TestServer *server = nullptr)
    {
        message.insert(u"id"_s, u"wamid.bot-%1"_s.arg(++m_seq));
        message.insert(u"timestamp"_s, QString::number(nowSeconds()));
        const QByteArray body = metaEnvelope(n.metaId, from, message);
        return (server ? *server : m_server)
            .requestRaw("POST", u"/v1/webhooks/whatsapp/meta/%1"_s.arg(n.id), body, "application/json", {},
                        {{"X-Hub-Signature-256", "sha256=" + WebhookSignature::hmacSha256Hex(kBotSecret, body)}});
    }
    QString newPhone() { return u"57316%1"_s.arg(++m_seq, 7, 10, QChar(u'0')); }
    QVariant scalar(const QString &sql, const QVariantList &values = {})
    {
        SqlQuery q(m_server.db(), sql, values);
        if (!q.exec() || !q.next())
            return {};
        return q.value(0);
    }
    qint64 chatOf(const QString &from)
    {
        return scalar(u"SELECT c.id FROM chats c JOIN clients cl ON cl.id = c.client_id "
                      "WHERE cl.phone_number = ? ORDER BY c.id DESC LIMIT 1"_s,
                      {QString(u'+' + from)})
            .toLongLong();
    }
    QString status(qint64 chat) { return scalar(u"SELECT status FROM chats WHERE id = ?"_s, {chat}).toString(); }
    QString session(qint64 chat)
    {
        return scalar(u"SELECT status FROM bot_sessions WHERE chat_id = ? ORDER BY id DESC LIMIT 1"_s, {chat})
            .toString();
    }
    // The bot's messages on the chat, oldest first: "<type>: <content>".
    QStringList botSaid(qint64 chat)
    {
        SqlQuery q(m_server.db(),
                   "SELECT message_type, content FROM messages WHERE chat_id = ? AND is_bot_message ORDER BY id",
                   {chat});
        QStringList out;
        if (q.exec()) {
            while (q.next())
                out.append(q.string(0) + u": "_s + q.string(1));
        }
        return out;
    }
    // What the Graph stand-in was asked to send to `to`.
    QList<QJsonObject> sentTo(const QString &to)
    {
        QList<QJsonObject> out;
        for (const FakeMetaGraph::Request &r : m_graph.messageRequests()) {
            if (r.json.value(u"to"_s).toString() == to)
                out.append(r.json);
        }
        return out;
    }

    FakeMetaGraph m_graph;
    FakeWppConnect m_wpp;
    OrderApi m_orders;
    TestServer m_server;
    QByteArray m_admin;
    QByteArray m_supervisor;
    qint64 m_flow = 0;
    Number m_shop;
    int m_seq = 0;
};

void tst_BotEngine::initTestCase()
{
    QVERIFY(m_graph.listen());
    QVERIFY(m_orders.listen());
    QVERIFY(m_wpp.listen());
    QVERIFY(m_server.start({{u"CONVERSA_META_GRAPH_URL"_s, m_graph.baseUrl()},
                            {u"CONVERSA_OUTBOUND_POLL_MS"_s, u"50"_s},
                            {u"CONVERSA_OUTBOUND_TIMEOUT_MS"_s, u"3000"_s},
                            {u"CONVERSA_BOT_POLL_MS"_s, u"50"_s},
                            {u"CONVERSA_ROUTING_SWEEP_MS"_s, u"200"_s},
                            {u"CONVERSA_BOT_HTTP_ALLOW_PRIVATE"_s, u"true"_s}}));
    m_admin = m_server.tokenFor(u"admin"_s);
    m_supervisor = m_server.tokenFor(u"supervisor"_s);
    QVERIFY(!m_admin.isEmpty() && !m_supervisor.isEmpty());
    m_flow = publish(shopFlow(u"Tienda"_s, u"http://127.0.0.1:%1"_s.arg(m_orders.port())));
    QVERIFY(m_flow > 0);
    m_shop = metaNumber(m_flow);
    QVERIFY(m_shop.id > 0 && m_shop.campaign > 0);
}

void tst_BotEngine::buttonsInputsAndTransferToAnAgent()
{
    // An agent of the campaign with the sales skill, listening on its socket.
    const qint64 agent = m_server.createUser(u"vendedora@tienda.example.com"_s, u"Agente-Passw0rd-1"_s, u"agent"_s);
    SqlQuery ready(m_server.db(),
                   "UPDATE users SET agent_status = 'available', auto_assign_enabled = TRUE WHERE id = ?", {agent});
    QVERIFY(ready.exec());
    SqlQuery
        join(m_server.db(),
             "INSERT INTO campaign_agents (campaign_id, user_id, max_concurrent_chats, priority, skills, created_at) "
             "VALUES (?, ?, 50, 0, '[\"ventas\"]', ?)",
             {m_shop.campaign, agent, nowSeconds()});
    QVERIFY(join.exec());
    Conversa::SocketIoClient socket;
    QList<QPair<QString, QJsonObject>> events;
    connect(&socket, &Conversa::SocketIoClient::event, this, [&events](const QString &name, const QJsonValue &payload) {
        events.append({name, payload.toObject()});
    });
    QSignalSpy up(&socket, &Conversa::SocketIoClient::connected);
    socket.open(m_server.baseUrl(), m_server.login(u"vendedora@tienda.example.com"_s, u"Agente-Passw0rd-1"_s));
    QVERIFY(up.wait(5000));

    const QString from = newPhone();
    QCOMPARE(inbound(m_shop, from, text(u"hola"_s)).status, 200);
    const qint64 chat = chatOf(from);
    QVERIFY(chat > 0);
    // The chat is the bot's, invisible to routing; the flow greets instead of the welcome message.
    QCOMPARE(status(chat), u"bot"_s);
    QCOMPARE(session(chat), u"active"_s);
    QCOMPARE(botSaid(chat), (QStringList{u"text: Hola Ana"_s, u"interactive: ¿En qué te ayudamos?"_s}));
    // Meta receives the greeting and the menu as reply buttons.
    QTRY_COMPARE_WITH_TIMEOUT(sentTo(QString(u'+' + from)).size(), 2, 5000);
    const QJsonObject menu = sentTo(QString(u'+' + from)).at(1);
    QCOMPARE(menu.value(u"type"_s).toString(), u"interactive"_s);
    QCOMPARE(menu[u"interactive"_s][u"type"_s].toString(), u"button"_s);
    QCOMPARE(menu[u"interactive"_s][u"body"_s][u"text"_s].toString(), u"¿En qué te ayudamos?"_s);
    const QJsonArray buttons = menu[u"interactive"_s][u"action"_s][u"buttons"_s].toArray();
    QCOMPARE(buttons.size(), 3);
    QCOMPARE(buttons.at(0)[u"reply"_s][u"id"_s].toString(), u"menu#1"_s);
    QCOMPARE(buttons.at(2)[u"reply"_s][u"title"_s].toString(), u"Esperar"_s);

    // A tap on "Ventas", a wrong e-mail, a right one.
    QCOMPARE(inbound(m_shop, from, buttonTap(u"menu#1"_s, u"Ventas"_s)).status, 200);
    QCOMPARE(botSaid(chat).last(), u"text: ¿Tu correo?"_s);
    QCOMPARE(inbound(m_shop, from, text(u"ana arroba correo"_s)).status, 200);
    QCOMPARE(botSaid(chat).last(), u"text: Ese correo no parece válido"_s);
    QCOMPARE(status(chat), u"bot"_s);
    QCOMPARE(inbound(m_shop, from, text(u"Ana@Example.COM"_s)).status, 200);
    QCOMPARE(botSaid(chat).last(), u"text: Te paso con ventas"_s);
    QCOMPARE(session(chat), u"transferred"_s);

    // What it did: tags, the client, the context routing reads, and the agent gets the chat.
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM chat_tags WHERE chat_id = ? AND tag = 'lead'"_s, {chat}).toInt(), 1);
    const qint64 client = scalar(u"SELECT client_id FROM chats WHERE id = ?"_s, {chat}).toLongLong();
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM client_tags WHERE client_id = ? AND tag = 'bot-lead'"_s, {client}).toInt(),
             1);
    const QJsonObject clientJson = m_server.request("GET", u"/v1/clients/%1"_s.arg(client), {}, m_admin).object();
    QCOMPARE(clientJson.value(u"email"_s).toString(), u"ana@example.com"_s);
    QCOMPARE(clientJson.value(u"lead_status"_s).toString(), u"contacted"_s);
    QCOMPARE(clientJson[u"custom_fields"_s][u"origen"_s].toString(), u"bot"_s);
    QTRY_COMPARE_WITH_TIMEOUT(status(chat), u"assigned"_s, 5000);
    QCOMPARE(scalar(u"SELECT assigned_agent_id FROM chats WHERE id = ?"_s, {chat}).toLongLong(), agent);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(events.begin(), events.end(),
                                         [chat](const QPair<QString, QJsonObject> &e) {
                                             return e.first == "chat.new"_L1 &&
                                                 e.second[u"chat"_s][u"id"_s].toInteger() == chat;
                                         }),
                             5000);

    // Agents see the bot's messages and what it collected.
    const QJsonObject chatJson = m_server.request("GET", u"/v1/chats/%1"_s.arg(chat), {}, m_supervisor).object();
    QCOMPARE(chatJson[u"bot_context"_s][u"email"_s].toString(), u"ana@example.com"_s);
    QCOMPARE(chatJson[u"bot_context"_s][u"skills"_s].toArray(), QJsonArray{u"ventas"_s});
    const QJsonArray messages = m_server.request("GET", u"/v1/chats/%1/messages?limit=50"_s.arg(chat), {}, m_supervisor)
                                    .object()[u"data"_s]
                                    .toArray();
    int bot = 0;
    for (const QJsonValue &m : messages)
        bot += m[u"is_bot_message"_s].toBool();
    QCOMPARE(bot, 5);   // the greeting, the menu, the question, the invalid answer's message, the transfer's
    // Every node entered is a step: welcome, menu, email, mark, save, sales.
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM bot_session_steps s JOIN bot_sessions b ON b.id = s.session_id "
                    "WHERE b.chat_id = ?"_s,
                    {chat})
                 .toInt(),
             6);
    // The agent's own chats: no more bot; a message now is the agent's to answer.
    QCOMPARE(inbound(m_shop, from, text(u"¿hola?"_s)).status, 200);
    QCOMPARE(botSaid(chat).size(), 5);
    SqlQuery away(m_server.db(), "UPDATE users SET agent_status = 'offline' WHERE id = ?", {agent});
    QVERIFY(away.exec());
}

void tst_BotEngine::callAnswerEndsAndCloses()
{
    const QString from = newPhone();
    QCOMPARE(inbound(m_shop, from, text(u"buenas"_s)).status, 200);
    const qint64 chat = chatOf(from);
    QCOMPARE(inbound(m_shop, from, text(u"pedido"_s)).status, 200);   // the option's value, typed
    QCOMPARE(botSaid(chat).last(), u"text: Número de pedido"_s);
    QCOMPARE(inbound(m_shop, from, text(u"0012"_s)).status, 200);
    // The call runs on the bot worker, off the webhook's request.
    QTRY_COMPARE_WITH_TIMEOUT(status(chat), u"closed"_s, 5000);
    QVERIFY(m_orders.paths.contains("/orders/12"));
    QCOMPARE(botSaid(chat).mid(3), (QStringList{u"text: Tu pedido está enviado"_s, u"text: ¡Hasta pronto!"_s}));
    QCOMPARE(session(chat), u"completed"_s);
    QCOMPARE(scalar(u"SELECT close_reason FROM chats WHERE id = ?"_s, {chat}).toString(), u"resuelto_por_bot"_s);
    QCOMPARE(scalar(u"SELECT outcome FROM chats WHERE id = ?"_s, {chat}).toString(), u"information"_s);

    // Reopened with no agent to take it back: the bot again, with a new session.
    const ApiResponse reopened = m_server.request("POST", u"/v1/chats/%1/reopen"_s.arg(chat), {}, m_supervisor);
    QCOMPARE(reopened.status, 200);
    QCOMPARE(reopened.value(u"status"_s).toString(), u"bot"_s);
    QCOMPARE(session(chat), u"active"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM bot_sessions WHERE chat_id = ?"_s, {chat}).toInt(), 2);
    QCOMPARE(botSaid(chat).mid(5), (QStringList{u"text: Hola Ana"_s, u"interactive: ¿En qué te ayudamos?"_s}));
}

void tst_BotEngine::failedCallGoesToOnError()
{
    const QString from = newPhone();
    QCOMPARE(inbound(m_shop, from, text(u"hola"_s)).status, 200);
    const qint64 chat = chatOf(from);
    QCOMPARE(inbound(m_shop, from, text(u"2"_s)).status, 200);
    QCOMPARE(inbound(m_shop, from, text(u"0"_s)).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(status(chat), u"closed"_s, 5000);
    QCOMPARE(botSaid(chat).mid(3), (QStringList{u"text: No pude consultar tu pedido"_s, u"text: ¡Hasta pronto!"_s}));
}

void tst_BotEngine::delayIgnoresMessagesMeanwhile()
{
    const QString from = newPhone();
    QCOMPARE(inbound(m_shop, from, text(u"hola"_s)).status, 200);
    const qint64 chat = chatOf(from);
    QCOMPARE(inbound(m_shop, from, text(u"3"_s)).status, 200);
    QCOMPARE(botSaid(chat).size(), 2);   // waiting, silent
    // The customer writes while the delay runs: kept in the chat, no second path.
    QCOMPARE(inbound(m_shop, from, text(u"1"_s)).status, 200);
    QCOMPARE(botSaid(chat).size(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(session(chat), u"completed"_s, 5000);
    QCOMPARE(botSaid(chat).last(), u"text: Ya volví"_s);
    QCOMPARE(botSaid(chat).size(), 3);
    // An end without closing leaves the chat to the agents.
    QTRY_VERIFY_WITH_TIMEOUT(status(chat) == "queued"_L1 || status(chat) == "assigned"_L1, 5000);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM messages WHERE chat_id = ? AND direction = 'inbound'"_s, {chat}).toInt(), 3);
}

void tst_BotEngine::closedServiceWindowHandsOver()
{
    const QString from = newPhone();
    QCOMPARE(inbound(m_shop, from, text(u"hola"_s)).status, 200);
    const qint64 chat = chatOf(from);
    QCOMPARE(inbound(m_shop, from, text(u"esperar"_s)).status, 200);
    // As if the customer had last written 25 hours ago: when the delay ends the bot may not write.
    {
        SqlQuery old(m_server.db(), "UPDATE chats SET last_inbound_at = ? WHERE id = ?",
                     {nowSeconds() - 25 * 3600, chat});
        QVERIFY(old.exec());
    }
    QTRY_COMPARE_WITH_TIMEOUT(session(chat), u"failed"_s, 5000);
    QCOMPARE(scalar(u"SELECT end_reason FROM bot_sessions WHERE chat_id = ?"_s, {chat}).toString(),
             u"the customer service window is closed"_s);
    QCOMPARE(botSaid(chat).size(), 2);   // no "Ya volví"
    QVERIFY(status(chat) == "queued"_L1 || status(chat) == "assigned"_L1);
}

void tst_BotEngine::agentsSeeTheBotsChats()
{
    const QString email = u"agente.bot%1@tienda.example.com"_s.arg(++m_seq);
    const qint64 agent = m_server.createUser(email, u"Agente-Passw0rd-1"_s, u"agent"_s);
    {
        SqlQuery join(m_server.db(),
                      "INSERT INTO campaign_agents (campaign_id, user_id, max_concurrent_chats, priority, skills, "
                      "created_at) VALUES (?, ?, 5, 0, '[]', ?)",
                      {m_shop.campaign, agent, nowSeconds()});
        QVERIFY(join.exec());
    }
    const QByteArray token = m_server.login(email, u"Agente-Passw0rd-1"_s);
    const QString from = newPhone();
    QCOMPARE(inbound(m_shop, from, text(u"hola"_s)).status, 200);
    const qint64 chat = chatOf(from);
    QCOMPARE(status(chat), u"bot"_s);
    // An agent of the campaign follows the bot's chats: in its list, readable with its messages.
    const QJsonArray listed =
        m_server.request("GET", u"/v1/chats?status=bot&limit=100"_s, {}, token).object()[u"data"_s].toArray();
    QVERIFY(std::any_of(listed.begin(), listed.end(),
                        [chat](const QJsonValue &c) { return c[u"id"_s].toInteger() == chat; }));
    QCOMPARE(m_server.request("GET", u"/v1/chats/%1"_s.arg(chat), {}, token).status, 200);
    QCOMPARE(m_server.request("GET", u"/v1/chats/%1/messages"_s.arg(chat), {}, token).status, 200);
    // Another campaign's agent does not.
    const qint64 other =
        m_server.createUser(u"otra%1@tienda.example.com"_s.arg(++m_seq), u"Agente-Passw0rd-1"_s, u"agent"_s);
    Q_UNUSED(other);
    const QByteArray otherToken = m_server.login(u"otra%1@tienda.example.com"_s.arg(m_seq), u"Agente-Passw0rd-1"_s);
    QCOMPARE(m_server.request("GET", u"/v1/chats/%1"_s.arg(chat), {}, otherToken).status, 404);
}

void tst_BotEngine::invalidAnswersHandOver()
{
    const QString from = newPhone();
    QCOMPARE(inbound(m_shop, from, text(u"hola"_s)).status, 200);
    const qint64 chat = chatOf(from);
    QCOMPARE(inbound(m_shop, from, text(u"quiero ventas"_s)).status, 200);
    QCOMPARE(botSaid(chat).last(), u"text: Toca una opción"_s);
    QCOMPARE(inbound(m_shop, from, text(u"cuatro"_s)).status, 200);
    QCOMPARE(session(chat), u"invalid_answers"_s);
    QVERIFY(status(chat) == "queued"_L1 || status(chat) == "assigned"_L1);
    QCOMPARE(scalar(u"SELECT end_reason FROM bot_sessions WHERE chat_id = ?"_s, {chat}).toString(),
             u"2 invalid answers at \"menu\""_s);
    QCOMPARE(scalar(u"SELECT reason FROM chat_events WHERE chat_id = ? AND event = 'transfer'"_s, {chat}).toString(),
             u"bot"_s);
}

void tst_BotEngine::supervisorTakesTheChatOver()
{
    const QString from = newPhone();
    QCOMPARE(inbound(m_shop, from, text(u"hola"_s)).status, 200);
    const qint64 chat = chatOf(from);
    qint64 supervisorId = 0;
    m_server.tokenFor(u"supervisor"_s, &supervisorId);
    const ApiResponse r =
        m_server.request("POST", u"/v1/chats/%1/transfer"_s.arg(chat),
                         {{u"target_type"_s, u"queue"_s}, {u"reason"_s, u"lo tomo yo"_s}}, m_supervisor);
    QCOMPARE(r.status, 200);
    QCOMPARE(session(chat), u"interrupted"_s);
    QVERIFY(scalar(u"SELECT end_reason FROM bot_sessions WHERE chat_id = ?"_s, {chat})
                .toString()
                .startsWith(u"transfer by user"_s));
    QCOMPARE(inbound(m_shop, from, text(u"1"_s)).status, 200);
    QCOMPARE(botSaid(chat).size(), 2);   // the bot is gone
}

void tst_BotEngine::timeoutAcrossARestart()
{
    const qint64 flow = publish(shopFlow(u"Tienda rápida"_s, u"http://127.0.0.1:%1"_s.arg(m_orders.port()), 10));
    QVERIFY(flow > 0);
    const Number quick = metaNumber(flow);
    const QString from = newPhone();
    QCOMPARE(inbound(quick, from, text(u"hola"_s)).status, 200);
    const qint64 chat = chatOf(from);
    QCOMPARE(session(chat), u"active"_s);
    const qint64 due = scalar(u"SELECT due_at FROM bot_sessions WHERE chat_id = ?"_s, {chat}).toLongLong();
    QVERIFY(due >= nowSeconds() + 9);
    // As if eight of the ten seconds had passed; then the server goes away before the timeout and
    // comes back after it: the wait is in the database.
    {   // a query must not outlive the server's database
        SqlQuery sooner(m_server.db(), "UPDATE bot_sessions SET due_at = ? WHERE chat_id = ?",
                        {nowSeconds() + 2, chat});
        QVERIFY(sooner.exec());
    }
    QVERIFY(m_server.restart());
    m_admin = m_server.tokenFor(u"admin"_s);
    m_supervisor = m_server.tokenFor(u"supervisor"_s);
    QTRY_COMPARE_WITH_TIMEOUT(session(chat), u"timed_out"_s, 8000);
    QVERIFY(status(chat) == "queued"_L1 || status(chat) == "assigned"_L1);
    QCOMPARE(scalar(u"SELECT end_reason FROM bot_sessions WHERE chat_id = ?"_s, {chat}).toString(),
             u"no reply within 10 s at \"menu\""_s);
}

// Five options go to Meta as a list message; the customer's pick is matched by its row id (whatever
// title comes with it), a typed answer by number or by label ignoring case and accents.
void tst_BotEngine::listRepliesAndTypedAnswers()
{
    QJsonArray options;
    QJsonArray nodes;
    const QStringList labels{u"Facturación"_s, u"Envíos"_s, u"Devoluciones"_s, u"Garantía"_s, u"Atención humana"_s};
    for (qsizetype i = 0; i < labels.size(); ++i) {
        options.append(option(labels.at(i), u"picked%1"_s.arg(i)));
        nodes.append(node(u"picked%1"_s.arg(i), u"end"_s, {{u"content"_s, QString(u"Elegiste "_s + labels.at(i))}}));
    }
    nodes.append(node(u"menu"_s, u"menu"_s, {{u"content"_s, u"Elige un tema"_s}, {u"options"_s, options}}));
    const qint64 flow = publish({{u"name"_s, u"Temas"_s}, {u"start_node_id"_s, u"menu"_s}, {u"nodes"_s, nodes}});
    QVERIFY(flow > 0);
    const Number topics = metaNumber(flow);

    const QString from = newPhone();
    QCOMPARE(inbound(topics, from, text(u"hola"_s)).status, 200);
    const qint64 chat = chatOf(from);
    QTRY_COMPARE_WITH_TIMEOUT(sentTo(QString(u'+' + from)).size(), 1, 5000);
    const QJsonObject list = sentTo(QString(u'+' + from)).at(0);
    QCOMPARE(list[u"interactive"_s][u"type"_s].toString(), u"list"_s);
    const QJsonArray rows = list[u"interactive"_s][u"action"_s][u"sections"_s][0][u"rows"_s].toArray();
    QCOMPARE(rows.size(), 5);
    QCOMPARE(rows.at(3)[u"id"_s].toString(), u"menu#4"_s);
    QCOMPARE(rows.at(3)[u"title"_s].toString(), u"Garantía"_s);
    QCOMPARE(inbound(topics, from, listPick(u"menu#4"_s, u"un título cualquiera"_s)).status, 200);
    QCOMPARE(botSaid(chat).last(), u"text: Elegiste Garantía"_s);
    QCOMPARE(session(chat), u"completed"_s);

    const QString typist = newPhone();
    QCOMPARE(inbound(topics, typist, text(u"hola"_s)).status, 200);
    QCOMPARE(inbound(topics, typist, text(u"  ATENCION humana "_s)).status, 200);
    QCOMPARE(botSaid(chatOf(typist)).last(), u"text: Elegiste Atención humana"_s);
    const QString counter = newPhone();
    QCOMPARE(inbound(topics, counter, text(u"hola"_s)).status, 200);
    QCOMPARE(inbound(topics, counter, text(u"2"_s)).status, 200);
    QCOMPARE(botSaid(chatOf(counter)).last(), u"text: Elegiste Envíos"_s);
}

void tst_BotEngine::wppConnectMenuIsNumberedText()
{
    const ApiResponse created = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                                 {{u"phone_number"_s, u"+573004099999"_s},
                                                  {u"provider"_s, u"wppconnect"_s},
                                                  {u"wppconnect_session_name"_s, u"bot_session"_s},
                                                  {u"wppconnect_server_url"_s, m_wpp.baseUrl()},
                                                  {u"wppconnect_api_key"_s, m_wpp.secretKey()}},
                                                 m_admin);
    QCOMPARE(created.status, 201);
    const qint64 number = created.value(u"id"_s).toInteger();
    QVERIFY(campaign(m_flow, number) > 0);
    const QUrl url(created.value(u"webhook_url"_s).toString());
    const QString token = QUrlQuery(url.query()).queryItemValue(u"token"_s, QUrl::FullyDecoded);
    QVERIFY2(!token.isEmpty(), qPrintable(url.toString()));
    const auto hook = [&](const QString &id, const QString &body) {
        const QJsonObject message{{u"event"_s, u"onmessage"_s},
                                  {u"session"_s, u"bot_session"_s},
                                  {u"id"_s, id},
                                  {u"body"_s, body},
                                  {u"type"_s, u"chat"_s},
                                  {u"t"_s, nowSeconds()},
                                  {u"notifyName"_s, u"Luis"_s},
                                  {u"from"_s, u"573169990001@c.us"_s},
                                  {u"isGroupMsg"_s, false},
                                  {u"fromMe"_s, false}};
        return m_server
            .requestRaw("POST",
                        u"/v1/webhooks/whatsapp/wppconnect/%1?token=%2"_s.arg(number).arg(
                            QString::fromLatin1(QUrl::toPercentEncoding(token))),
                        QJsonDocument(message).toJson(QJsonDocument::Compact), "application/json")
            .status;
    };
    QCOMPARE(hook(u"false_573169990001@c.us_A1"_s, u"hola"_s), 200);
    const qint64 chat = chatOf(u"573169990001"_s);
    QVERIFY(chat > 0);
    QCOMPARE(botSaid(chat),
             (QStringList{u"text: Hola Luis"_s, u"text: ¿En qué te ayudamos?\n\n1. Ventas\n2. Pedido\n3. Esperar"_s}));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM messages WHERE chat_id = ? AND interactive IS NOT NULL"_s, {chat}).toInt(),
             0);
    // The stand-in receives the menu as the text it is.
    m_wpp.setSessionState(u"bot_session"_s, u"CONNECTED"_s);
    const auto menuSent = [this] {
        const QList<FakeWppConnect::Request> sent = m_wpp.requests(u"send-message"_s);
        return std::any_of(sent.begin(), sent.end(), [](const FakeWppConnect::Request &r) {
            return r.json.value(u"message"_s).toString().endsWith(u"3. Esperar"_s);
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(menuSent(), 5000);
    QCOMPARE(hook(u"false_573169990001@c.us_A2"_s, u"Pedido"_s), 200);
    QCOMPARE(botSaid(chat).last(), u"text: Número de pedido"_s);
}

void tst_BotEngine::dueDelaysRunOnceOnTwoServers()
{
    // A second server on the same database, both polling for due steps.
    ServerConfig config = m_server.app().config();
    config.listenPort = 0;   // its own port (the first server's is fixed since its restart)
    ServerApp other(config);
    QVERIFY(other.start().ok());
    QVERIFY(other.bot());
    QList<qint64> chats;
    QStringList phones;
    for (int i = 0; i < 8; ++i) {
        const QString from = newPhone();
        QCOMPARE(inbound(m_shop, from, text(u"hola"_s)).status, 200);
        QCOMPARE(inbound(m_shop, from, text(u"esperar"_s)).status, 200);
        chats.append(chatOf(from));
    }
    for (const qint64 chat : chats)
        QTRY_COMPARE_WITH_TIMEOUT(session(chat), u"completed"_s, 8000);
    for (const qint64 chat : chats) {
        QCOMPARE(botSaid(chat).count(u"text: Ya volví"_s), 1);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM bot_session_steps s JOIN bot_sessions b ON b.id = s.session_id "
                        "WHERE b.chat_id = ? AND s.node_key = 'back'"_s,
                        {chat})
                     .toInt(),
                 1);
    }
    other.stop();
    other.database().closeThreadConnection();
}

QTEST_MAIN(tst_BotEngine)
#include "tst_bot_engine.moc"
