// POST /v1/bot-flows/{id}/simulate over real HTTP (docs/BOT_FLOWS.md#simulation): the draft and a
// version, menus as numbered text and as interactive lists, http_request answered by a mock,
// failed or skipped, delays, timeouts to the fallback node, the step limit — and that a
// simulation leaves no trace — against SQLite and PostgreSQL.
#include "TestServer.h"

#include <Conversa/dto/BotFlowDto.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

namespace {

// welcome greets by name and asks the menu; "Ventas" asks for an e-mail, tags and updates the
// client, then ends closing the chat; "Soporte" asks for an order number, calls the shop and
// decides by its answer (a delay, then the ETA); "Hablar con una persona" transfers; "Salir" ends. The fallback
// node is `rescue`.
const char *kSimulatedFlow =
    "{"
    "  \"name\": \"Tienda\", \"start_node_id\": \"welcome\", \"fallback_node_id\": \"rescue\","
    "  \"variables\": {\"shop\": \"Tienda Sol\"}, \"timeout_seconds\": 300, \"max_invalid_attempts\": 2,"
    "  \"nodes\": ["
    "    {\"node_key\": \"welcome\", \"node_type\": \"message\","
    "     \"config\": {\"content\": \"Hola {{client.first_name}}, bienvenido a {{shop}}\", \"next\": \"menu\"}},"
    "    {\"node_key\": \"menu\", \"node_type\": \"menu\","
    "     \"config\": {\"content\": \"¿Qué necesitas?\", \"invalid_message\": \"Elige una opción\","
    "                \"options\": [{\"label\": \"Ventas\", \"value\": \"sales\", \"next\": \"email\"},"
    "                            {\"label\": \"Soporte\", \"value\": \"support\", \"next\": \"order\"},"
    "                            {\"label\": \"Hablar con una persona\", \"value\": \"human\", \"next\": \"human\"},"
    "                            {\"label\": \"Salir\", \"value\": \"exit\", \"next\": \"bye\"}]}},"
    "    {\"node_key\": \"email\", \"node_type\": \"input\","
    "     \"config\": {\"content\": \"¿Tu correo?\", \"variable\": \"email\", \"validation\": \"email\", \"next\": \"tagit\"}},"
    "    {\"node_key\": \"tagit\", \"node_type\": \"tag\","
    "     \"config\": {\"chat_tags\": [\"ventas\"], \"client_tags\": [\"lead-{{shop}}\"], \"next\": \"lead\"}},"
    "    {\"node_key\": \"lead\", \"node_type\": \"update_client\","
    "     \"config\": {\"fields\": {\"email\": \"{{email}}\", \"custom_fields\": {\"origen\": \"bot\"}}, \"next\": \"thanks\"}},"
    "    {\"node_key\": \"thanks\", \"node_type\": \"end\","
    "     \"config\": {\"content\": \"Gracias, te escribimos a {{client.email}}\", \"close\": {\"close_reason\": \"bot\", \"outcome\": \"information\"}}},"
    "    {\"node_key\": \"order\", \"node_type\": \"input\","
    "     \"config\": {\"content\": \"Número de pedido\", \"variable\": \"order\", \"validation\": \"number\","
    "                \"invalid_message\": \"Solo números, por favor\", \"next\": \"lookup\"}},"
    "    {\"node_key\": \"lookup\", \"node_type\": \"http_request\","
    "     \"config\": {\"method\": \"post\", \"url\": \"https://shop.example/orders/{{order}}?q={{client.first_name}}\","
    "                \"headers\": {\"X-Shop\": \"{{shop}}\"}, \"body\": {\"order\": \"{{order}}\"},"
    "                \"save\": {\"state\": \"$.order.state\", \"eta\": \"$.order.eta\"}, \"next\": \"route\", \"on_error\": \"human\"}},"
    "    {\"node_key\": \"route\", \"node_type\": \"condition\","
    "     \"config\": {\"rules\": [{\"variable\": \"state\", \"operator\": \"eq\", \"value\": \"shipped\", \"next\": \"wait\"}],"
    "                \"default\": \"human\"}},"
    "    {\"node_key\": \"wait\", \"node_type\": \"delay\", \"config\": {\"seconds\": 30, \"next\": \"eta\"}},"
    "    {\"node_key\": \"eta\", \"node_type\": \"set_variable\", \"config\": {\"assign\": {\"when\": \"el {{eta}}\"}, \"next\": \"say_eta\"}},"
    "    {\"node_key\": \"say_eta\", \"node_type\": \"message\", \"config\": {\"content\": \"Llega {{when}}\", \"next\": \"bye\"}},"
    "    {\"node_key\": \"bye\", \"node_type\": \"end\", \"config\": {}},"
    "    {\"node_key\": \"human\", \"node_type\": \"transfer\","
    "     \"config\": {\"target_type\": \"queue\", \"skills\": [\"soporte\"], \"content\": \"Te paso con un asesor\"}},"
    "    {\"node_key\": \"rescue\", \"node_type\": \"menu\","
    "     \"config\": {\"content\": \"¿Sigues ahí?\", \"options\": [{\"label\": \"Sí\", \"value\": \"si\", \"next\": \"menu\"},"
    "                                                    {\"label\": \"Asesor\", \"value\": \"asesor\", \"next\": \"human\"}]}}"
    "  ]}";

QJsonObject simulatedFlowBody()
{
    return QJsonDocument::fromJson(kSimulatedFlow).object();
}

// The transcript's entries of one type.
QList<QJsonObject> entriesOf(const ApiResponse &r, const QString &type)
{
    QList<QJsonObject> out;
    for (const QJsonValue &e : r.value(u"transcript"_s).toArray()) {
        if (e.toObject().value(u"type"_s).toString() == type)
            out.append(e.toObject());
    }
    return out;
}

QStringList typesOf(const ApiResponse &r)
{
    QStringList out;
    for (const QJsonValue &e : r.value(u"transcript"_s).toArray())
        out.append(e.toObject().value(u"type"_s).toString());
    return out;
}

// "node_key<edge" per step: where the simulation went and by which edge.
QStringList stepsOf(const ApiResponse &r)
{
    QStringList out;
    for (const QJsonValue &s : r.value(u"steps"_s).toArray()) {
        const QJsonObject o = s.toObject();
        out.append(o.value(u"node_key"_s).toString() + u'<' + o.value(u"edge"_s).toString());
    }
    return out;
}

QStringList warningFields(const ApiResponse &r)
{
    QStringList out;
    for (const QJsonValue &w : r.value(u"warnings"_s).toArray())
        out.append(w.toObject().value(u"field"_s).toString());
    return out;
}

}   // namespace

class tst_BotFlowSimulate : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void numberedMenuMockedCall();
    void interactiveList();
    void skippedAndFailedCalls();
    void timeoutToFallback();
    void draftAndVersion();
    void startNodeAndVariables();
    void draftWithProblems();
    void stepLimit();
    void leavesNoTrace();
    void validation_data();
    void validation();
    void refusals_data();
    void refusals();

private:
    ApiResponse simulate(const QJsonObject &body, qint64 flow = 0, const QByteArray &token = {})
    {
        return m_server.request("POST", u"/v1/bot-flows/%1/simulate"_s.arg(flow ? flow : m_flow), body,
                                token.isNull() ? m_admin : token);
    }
    qint64 createFlow(const QJsonObject &body);

    TestServer m_server;
    QByteArray m_admin;
    QByteArray m_supervisor;
    QByteArray m_agent;
    qint64 m_flow = 0;   // kSimulatedFlow, published as version 1
};

void tst_BotFlowSimulate::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = m_server.tokenFor(u"admin"_s);
    m_supervisor = m_server.tokenFor(u"supervisor"_s);
    m_agent = m_server.tokenFor(u"agent"_s);
    QVERIFY(!m_admin.isEmpty() && !m_supervisor.isEmpty() && !m_agent.isEmpty());
    m_flow = createFlow(simulatedFlowBody());
    QVERIFY(m_flow);
    QCOMPARE(m_server.request("POST", u"/v1/bot-flows/%1/publish"_s.arg(m_flow), {}, m_admin).status, 200);
}

qint64 tst_BotFlowSimulate::createFlow(const QJsonObject &body)
{
    const ApiResponse r = m_server.request("POST", u"/v1/bot-flows"_s, body, m_admin);
    if (r.status != 201)
        qWarning("flow create failed: %d %s", r.status, r.body.constData());
    return r.status == 201 ? r.value(u"id"_s).toInteger() : 0;
}

void tst_BotFlowSimulate::numberedMenuMockedCall()
{
    const QJsonObject mock{{u"order"_s, QJsonObject{{u"state"_s, u"shipped"_s}, {u"eta"_s, u"lunes"_s}}}};
    const ApiResponse r = simulate({{u"messages"_s, QJsonArray{u"2"_s, QJsonObject{{u"text"_s, u"123"_s}}}},
                                    {u"client"_s, QJsonObject{{u"first_name"_s, u"Ana María"_s}}},
                                    {u"mock_responses"_s, QJsonObject{{u"lookup"_s, mock}}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"completed"_s);
    QVERIFY(r.value(u"waiting_for"_s).isNull());
    QCOMPARE(r.value(u"node_key"_s).toString(), u"bye"_s);
    QVERIFY(r.value(u"detail"_s).isNull());
    QCOMPARE(r.value(u"variables"_s).toObject(),
             (QJsonObject{{u"order"_s, u"123"_s},
                          {u"state"_s, u"shipped"_s},
                          {u"eta"_s, u"lunes"_s},
                          {u"when"_s, u"el lunes"_s}}));
    QCOMPARE(typesOf(r),
             (QStringList{u"message"_s, u"menu"_s, u"customer"_s, u"message"_s, u"customer"_s, u"http_request"_s,
                          u"delay"_s, u"message"_s, u"end"_s}));
    const QList<QJsonObject> messages = entriesOf(r, u"message"_s);
    QCOMPARE(messages[0].value(u"text"_s).toString(), u"Hola Ana María, bienvenido a Tienda Sol"_s);
    QCOMPARE(messages[0].value(u"node_key"_s).toString(), u"welcome"_s);
    QCOMPARE(messages[1].value(u"node_key"_s).toString(), u"order"_s);
    QCOMPARE(messages[2].value(u"text"_s).toString(), u"Llega el lunes"_s);
    // Numbered text without interactive messages.
    const QJsonObject menu = entriesOf(r, u"menu"_s).value(0);
    QCOMPARE(menu.value(u"node_key"_s).toString(), u"menu"_s);
    QCOMPARE(menu.value(u"text"_s).toString(),
             u"¿Qué necesitas?\n\n1. Ventas\n2. Soporte\n3. Hablar con una persona\n4. Salir"_s);
    QVERIFY(menu.value(u"interactive"_s).isNull());
    QCOMPARE(menu.value(u"options"_s).toArray().size(), 4);
    QCOMPARE(menu.value(u"options"_s).toArray().at(1).toObject().value(u"value"_s).toString(), u"support"_s);
    const QList<QJsonObject> customer = entriesOf(r, u"customer"_s);
    QCOMPARE(customer[0].value(u"text"_s).toString(), u"2"_s);
    QCOMPARE(customer[0].value(u"node_key"_s).toString(), u"menu"_s);
    // The call it would make, rendered, and the mock's answer.
    const QJsonObject http = entriesOf(r, u"http_request"_s).value(0);
    QCOMPARE(http.value(u"node_key"_s).toString(), u"lookup"_s);
    QCOMPARE(http.value(u"method"_s).toString(), u"POST"_s);
    QCOMPARE(http.value(u"url"_s).toString(), u"https://shop.example/orders/123?q=Ana%20Mar%C3%ADa"_s);
    QCOMPARE(http.value(u"headers"_s).toArray(),
             (QJsonArray{QJsonObject{{u"name"_s, u"X-Shop"_s}, {u"value"_s, u"Tienda Sol"_s}}}));
    QCOMPARE(http.value(u"body"_s).toString(), u"{\"order\":\"123\"}"_s);
    QCOMPARE(http.value(u"result"_s).toString(), u"mocked"_s);
    QCOMPARE(http.value(u"response"_s).toObject(), mock);
    const QJsonObject delay = entriesOf(r, u"delay"_s).value(0);
    QCOMPARE(delay.value(u"seconds"_s).toInt(), 30);
    QCOMPARE(delay.value(u"waited"_s).toBool(true), false);
    QCOMPARE(entriesOf(r, u"end"_s).value(0).value(u"status"_s).toString(), u"completed"_s);
    QCOMPARE(stepsOf(r),
             (QStringList{u"welcome<"_s, u"menu<config.next"_s, u"order<config.options[1].next"_s,
                          u"lookup<config.next"_s, u"route<config.next"_s, u"wait<config.rules[0].next"_s,
                          u"eta<config.next"_s, u"say_eta<config.next"_s, u"bye<config.next"_s}));
    const QJsonObject first = r.value(u"steps"_s).toArray().at(0).toObject();
    QVERIFY(first.value(u"from"_s).isNull());
    QCOMPARE(first.value(u"node_type"_s).toString(), u"message"_s);
    QCOMPARE(r.value(u"steps"_s).toArray().at(3).toObject().value(u"from"_s).toString(), u"order"_s);
    QVERIFY(r.value(u"warnings"_s).toArray().isEmpty());

    // The protocol library reads the answer with the server's key names.
    const Conversa::BotSimulationDto dto = Conversa::BotSimulationDto::fromJson(r.object());
    QCOMPARE(dto.status, u"completed"_s);
    QCOMPARE(dto.nodeKey, std::optional<QString>(u"bye"_s));
    QCOMPARE(dto.transcript.size(), 9);
    QCOMPARE(dto.transcript.at(5).type, u"http_request"_s);
    QCOMPARE(dto.transcript.at(5).fields.value(u"result"_s).toString(), u"mocked"_s);
    QCOMPARE(dto.steps.size(), 9);
    QCOMPARE(dto.steps.at(2).edge, std::optional<QString>(u"config.options[1].next"_s));
    QCOMPARE(dto.variables.value(u"when"_s).toString(), u"el lunes"_s);
    QCOMPARE(dto.toJson(), r.object());
}

void tst_BotFlowSimulate::interactiveList()
{
    // Four options: a list, not buttons. A tap on its first row,
    // an e-mail in capitals, then the tags, the client's update and the close.
    const ApiResponse r = simulate({{u"messages"_s,
                                     QJsonArray{QJsonObject{{u"reply_id"_s, u"menu#1"_s}, {u"text"_s, u"Ventas"_s}},
                                                u"no-es-correo"_s, u" Ana@Example.COM "_s}},
                                    {u"interactive"_s, true}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"completed"_s);
    const QJsonObject menu = entriesOf(r, u"menu"_s).value(0);
    const QJsonObject interactive = menu.value(u"interactive"_s).toObject();
    QCOMPARE(interactive.value(u"type"_s).toString(), u"list"_s);
    QCOMPARE(interactive.value(u"button"_s).toString(), u"Opciones"_s);
    QCOMPARE(interactive.value(u"options"_s).toArray().at(0).toObject().value(u"id"_s).toString(), u"menu#1"_s);
    QCOMPARE(menu.value(u"text"_s).toString(), u"¿Qué necesitas?"_s);
    QCOMPARE(entriesOf(r, u"customer"_s).value(0).value(u"reply_id"_s).toString(), u"menu#1"_s);
    // The invalid e-mail: the question again (no invalid_message), still waiting there.
    QCOMPARE(typesOf(r),
             (QStringList{u"message"_s, u"menu"_s, u"customer"_s, u"message"_s, u"customer"_s, u"message"_s,
                          u"customer"_s, u"tags"_s, u"client_update"_s, u"message"_s, u"close"_s, u"end"_s}));
    QCOMPARE(entriesOf(r, u"message"_s).value(2).value(u"text"_s).toString(), u"¿Tu correo?"_s);
    // Without `client`, an example client whose fields are empty.
    QCOMPARE(entriesOf(r, u"message"_s).value(0).value(u"text"_s).toString(), u"Hola , bienvenido a Tienda Sol"_s);
    const QJsonObject tags = entriesOf(r, u"tags"_s).value(0);
    QCOMPARE(tags.value(u"chat_tags"_s).toArray(), QJsonArray{u"ventas"_s});
    QCOMPARE(tags.value(u"client_tags"_s).toArray(), QJsonArray{u"lead-Tienda Sol"_s});
    const QJsonObject update = entriesOf(r, u"client_update"_s).value(0);
    QCOMPARE(update.value(u"fields"_s).toObject(),
             (QJsonObject{{u"email"_s, u"ana@example.com"_s},
                          {u"custom_fields"_s, QJsonObject{{u"origen"_s, u"bot"_s}}}}));
    // The end node reads the client as updated.
    QCOMPARE(entriesOf(r, u"message"_s).value(3).value(u"text"_s).toString(),
             u"Gracias, te escribimos a ana@example.com"_s);
    const QJsonObject close = entriesOf(r, u"close"_s).value(0);
    QCOMPARE(close.value(u"close_reason"_s).toString(), u"bot"_s);
    QCOMPARE(close.value(u"outcome"_s).toString(), u"information"_s);
    QCOMPARE(r.value(u"variables"_s).toObject(), (QJsonObject{{u"email"_s, u"ana@example.com"_s}}));

    // Buttons when the menu fits them: the rescue menu's two short options.
    const ApiResponse b =
        simulate({{u"messages"_s, QJsonArray{}}, {u"start_node"_s, u"rescue"_s}, {u"interactive"_s, true}});
    QCOMPARE(b.status, 200);
    QCOMPARE(b.value(u"status"_s).toString(), u"waiting"_s);
    QCOMPARE(b.value(u"waiting_for"_s).toString(), u"reply"_s);
    QCOMPARE(b.value(u"node_key"_s).toString(), u"rescue"_s);
    QCOMPARE(entriesOf(b, u"menu"_s).value(0).value(u"interactive"_s).toObject().value(u"type"_s).toString(),
             u"button"_s);
}

void tst_BotFlowSimulate::skippedAndFailedCalls()
{
    // No mock: the call is skipped and the flow goes on by next with nothing saved, so the
    // condition falls to its default (a transfer).
    ApiResponse r = simulate({{u"messages"_s, QJsonArray{u"soporte"_s, u"55"_s}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"transferred"_s);
    QCOMPARE(r.value(u"node_key"_s).toString(), u"human"_s);
    QCOMPARE(entriesOf(r, u"http_request"_s).value(0).value(u"result"_s).toString(), u"skipped"_s);
    QVERIFY(!entriesOf(r, u"http_request"_s).value(0).contains(u"response"_s));
    QCOMPARE(r.value(u"variables"_s).toObject(), (QJsonObject{{u"order"_s, u"55"_s}}));
    QVERIFY(stepsOf(r).contains(u"route<config.next"_s));
    QVERIFY(stepsOf(r).contains(u"human<config.default"_s));
    const QJsonObject transfer = entriesOf(r, u"transfer"_s).value(0);
    QCOMPARE(transfer.value(u"target_type"_s).toString(), u"queue"_s);
    QVERIFY(transfer.value(u"target_id"_s).isNull());
    QCOMPARE(transfer.value(u"skills"_s).toArray(), QJsonArray{u"soporte"_s});
    QCOMPARE(entriesOf(r, u"message"_s).last().value(u"text"_s).toString(), u"Te paso con un asesor"_s);

    // A mocked failure: on_error.
    r = simulate({{u"messages"_s, QJsonArray{u"2"_s, u"55"_s}},
                  {u"mock_responses"_s, QJsonObject{{u"lookup"_s, QJsonObject{{u"error"_s, true}}}}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"transferred"_s);
    QCOMPARE(entriesOf(r, u"http_request"_s).value(0).value(u"result"_s).toString(), u"failed"_s);
    QVERIFY(stepsOf(r).contains(u"human<config.on_error"_s));
    QVERIFY(!stepsOf(r).contains(u"route<config.next"_s));

    // A mock for a node that makes no call is told, not used.
    r = simulate({{u"messages"_s, QJsonArray{}}, {u"mock_responses"_s, QJsonObject{{u"menu"_s, QJsonObject()}}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(warningFields(r), QStringList{u"mock_responses.menu"_s});
    QVERIFY(!r.value(u"warnings"_s).toArray().at(0).toObject().value(u"message"_s).toString().isEmpty());
}

void tst_BotFlowSimulate::timeoutToFallback()
{
    // The first silence goes to the fallback node, the second hands over; what comes after is left over.
    const QJsonObject timeout{{u"timeout"_s, true}};
    ApiResponse r = simulate({{u"messages"_s, QJsonArray{timeout}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"waiting"_s);
    QCOMPARE(r.value(u"node_key"_s).toString(), u"rescue"_s);
    QCOMPARE(stepsOf(r).last(), u"rescue<timeout"_s);
    const QJsonObject t = entriesOf(r, u"timeout"_s).value(0);
    QCOMPARE(t.value(u"node_key"_s).toString(), u"menu"_s);
    QCOMPARE(t.value(u"seconds"_s).toInt(), 300);

    r = simulate({{u"messages"_s, QJsonArray{timeout, timeout, u"hola"_s, u"1"_s}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"timed_out"_s);
    QCOMPARE(r.value(u"node_key"_s).toString(), u"rescue"_s);
    QVERIFY(!r.value(u"detail"_s).toString().isEmpty());
    QCOMPARE(entriesOf(r, u"customer"_s).size(), 0);
    QCOMPARE(typesOf(r).mid(typesOf(r).size() - 2), (QStringList{u"transfer"_s, u"end"_s}));
    QCOMPARE(warningFields(r), (QStringList{u"messages[2]"_s, u"messages[3]"_s}));

    // Too many invalid answers go to the fallback node too.
    r = simulate({{u"messages"_s, QJsonArray{u"nada"_s, u"tampoco"_s}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"node_key"_s).toString(), u"rescue"_s);
    QCOMPARE(stepsOf(r).last(), u"rescue<invalid"_s);
    QCOMPARE(entriesOf(r, u"message"_s).value(1).value(u"text"_s).toString(), u"Elige una opción"_s);
}

void tst_BotFlowSimulate::draftAndVersion()
{
    const qint64 flow = createFlow(simulatedFlowBody());
    QVERIFY(flow);
    QCOMPARE(m_server.request("POST", u"/v1/bot-flows/%1/publish"_s.arg(flow), {}, m_admin).status, 200);
    const QJsonArray changed{
        QJsonObject{{u"node_key"_s, u"welcome"_s},
                    {u"node_type"_s, u"message"_s},
                    {u"config"_s, QJsonObject{{u"content"_s, u"Borrador"_s}, {u"next"_s, u"menu"_s}}}}};
    QCOMPARE(m_server.request("POST", u"/v1/bot-flows/%1/nodes"_s.arg(flow), {{u"nodes"_s, changed}}, m_admin).status,
             200);
    const QJsonObject body{{u"messages"_s, QJsonArray{}}, {u"client"_s, QJsonObject{{u"first_name"_s, u"Leo"_s}}}};
    ApiResponse r = simulate(body, flow);
    QCOMPARE(r.status, 200);
    QCOMPARE(entriesOf(r, u"message"_s).value(0).value(u"text"_s).toString(), u"Borrador"_s);
    QJsonObject versioned = body;
    versioned.insert(u"version"_s, 1);
    r = simulate(versioned, flow);
    QCOMPARE(r.status, 200);
    QCOMPARE(entriesOf(r, u"message"_s).value(0).value(u"text"_s).toString(), u"Hola Leo, bienvenido a Tienda Sol"_s);
    // A version that does not exist is 404, as GET …/versions/{version}.
    versioned.insert(u"version"_s, 2);
    QCOMPARE(simulate(versioned, flow).status, 404);
    QCOMPARE(m_server.request("GET", u"/v1/bot-flows/%1/versions/2"_s.arg(flow), {}, m_admin).status, 404);
}

void tst_BotFlowSimulate::startNodeAndVariables()
{
    // Starting at the call with the order already known: the URL has it.
    const ApiResponse r = simulate({{u"messages"_s, QJsonArray{}},
                                    {u"start_node"_s, u"lookup"_s},
                                    {u"variables"_s, QJsonObject{{u"order"_s, u"77"_s}, {u"shop"_s, u"Otra"_s}}},
                                    {u"mock_responses"_s, QJsonObject{{u"lookup"_s, QJsonObject{{u"order"_s, 1}}}}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(stepsOf(r).first(), u"lookup<"_s);
    const QJsonObject http = entriesOf(r, u"http_request"_s).value(0);
    QCOMPARE(http.value(u"url"_s).toString(), u"https://shop.example/orders/77?q="_s);
    // A starting variable is the session's: over the flow's own.
    QCOMPARE(http.value(u"headers"_s).toArray().at(0).toObject().value(u"value"_s).toString(), u"Otra"_s);
    QCOMPARE(r.value(u"status"_s).toString(), u"transferred"_s);   // no state saved: the default
    QCOMPARE(r.value(u"variables"_s).toObject(), (QJsonObject{{u"order"_s, u"77"_s}, {u"shop"_s, u"Otra"_s}}));

    const ApiResponse bad = simulate({{u"messages"_s, QJsonArray{}}, {u"start_node"_s, u"nowhere"_s}});
    QCOMPARE(bad.status, 422);
    QCOMPARE(bad.errorFields(), QStringList{u"start_node"_s});
}

void tst_BotFlowSimulate::draftWithProblems()
{
    // Publishing would refuse it (a next naming no node); it still runs, and says why it stops.
    const QJsonArray nodes{QJsonObject{{u"node_key"_s, u"a"_s},
                                       {u"node_type"_s, u"message"_s},
                                       {u"config"_s, QJsonObject{{u"content"_s, u"uno"_s}, {u"next"_s, u"zzz"_s}}}}};
    const qint64 flow = createFlow({{u"name"_s, u"Roto"_s}, {u"start_node_id"_s, u"a"_s}, {u"nodes"_s, nodes}});
    QVERIFY(flow);
    const ApiResponse r = simulate({{u"messages"_s, QJsonArray{u"hola"_s}}}, flow);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"failed"_s);
    QVERIFY(r.value(u"detail"_s).toString().contains(u"zzz"_s));
    QCOMPARE(entriesOf(r, u"message"_s).value(0).value(u"text"_s).toString(), u"uno"_s);
    QCOMPARE(warningFields(r), (QStringList{u"nodes.a.config.next"_s, u"messages[0]"_s}));
}

void tst_BotFlowSimulate::stepLimit()
{
    // Two messages sending to each other forever (publishing refuses it): the step limit stops it.
    const QJsonArray nodes{QJsonObject{{u"node_key"_s, u"a"_s},
                                       {u"node_type"_s, u"message"_s},
                                       {u"config"_s, QJsonObject{{u"next"_s, u"b"_s}}}},
                           QJsonObject{{u"node_key"_s, u"b"_s},
                                       {u"node_type"_s, u"message"_s},
                                       {u"config"_s, QJsonObject{{u"next"_s, u"a"_s}}}}};
    qint64 flow = createFlow({{u"name"_s, u"Bucle"_s}, {u"start_node_id"_s, u"a"_s}, {u"nodes"_s, nodes}});
    QVERIFY(flow);
    ApiResponse r = simulate({{u"messages"_s, QJsonArray{}}}, flow);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"step_limit"_s);
    QCOMPARE(r.value(u"steps"_s).toArray().size(), 50);
    // A loop through a delay waits each time; with no one to wait for, the simulation stops it too.
    const QJsonArray delays{QJsonObject{{u"node_key"_s, u"a"_s},
                                        {u"node_type"_s, u"delay"_s},
                                        {u"config"_s, QJsonObject{{u"seconds"_s, 5}, {u"next"_s, u"a"_s}}}}};
    flow = createFlow({{u"name"_s, u"Espera"_s}, {u"start_node_id"_s, u"a"_s}, {u"nodes"_s, delays}});
    QVERIFY(flow);
    r = simulate({{u"messages"_s, QJsonArray{}}}, flow);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"step_limit"_s);
    QCOMPARE(entriesOf(r, u"delay"_s).size(), 50);
}

void tst_BotFlowSimulate::leavesNoTrace()
{
    const QStringList tables{u"messages"_s,    u"chats"_s,          u"chat_tags"_s,         u"clients"_s,
                             u"client_tags"_s, u"bot_sessions"_s,   u"bot_session_steps"_s, u"audit_logs"_s,
                             u"bot_flows"_s,   u"bot_flow_nodes"_s, u"bot_flow_versions"_s, u"chat_events"_s};
    QHash<QString, qint64> before;
    for (const QString &t : tables)
        before.insert(t, m_server.count(t));
    const QJsonObject mock{{u"order"_s, QJsonObject{{u"state"_s, u"shipped"_s}}}};
    for (const QJsonObject &body : {QJsonObject{{u"messages"_s, QJsonArray{u"1"_s, u"ana@example.com"_s}}},
                                    QJsonObject{{u"messages"_s, QJsonArray{u"2"_s, u"9"_s}},
                                                {u"mock_responses"_s, QJsonObject{{u"lookup"_s, mock}}}},
                                    QJsonObject{{u"messages"_s, QJsonArray{u"3"_s}}, {u"version"_s, 1}}}) {
        const ApiResponse r = simulate(body);
        QCOMPARE(r.status, 200);
    }
    // A refused one leaves no row either (it changed nothing and is no permission refusal).
    QCOMPARE(simulate({{u"messages"_s, u"x"_s}}).status, 422);
    QCOMPARE(simulate({{u"messages"_s, QJsonArray{}}}, 999999).status, 404);
    for (const QString &t : tables)
        QVERIFY2(m_server.count(t) == before.value(t), qPrintable(t));
    QVERIFY(m_server.auditRows(u"bot_flow.simulate"_s).isEmpty());
}

void tst_BotFlowSimulate::validation_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QStringList>("fields");
    const QJsonArray none;
    QTest::addRow("messages-missing") << QJsonObject{} << QStringList{u"messages"_s};
    QTest::addRow("messages-type") << QJsonObject{{u"messages"_s, u"hola"_s}} << QStringList{u"messages"_s};
    QJsonArray many;
    for (int i = 0; i < 101; ++i)
        many.append(u"x"_s);
    QTest::addRow("messages-too-many") << QJsonObject{{u"messages"_s, many}} << QStringList{u"messages"_s};
    QTest::addRow("message-number") << QJsonObject{{u"messages"_s, QJsonArray{u"ok"_s, 5}}}
                                    << QStringList{u"messages[1]"_s};
    QTest::addRow("message-empty-object")
        << QJsonObject{{u"messages"_s, QJsonArray{QJsonObject{}}}} << QStringList{u"messages[0]"_s};
    QTest::addRow("message-too-long") << QJsonObject{{u"messages"_s, QJsonArray{QString(4097, u'a')}}}
                                      << QStringList{u"messages[0]"_s};
    QTest::addRow("message-too-many-bytes")
        << QJsonObject{{u"messages"_s, QJsonArray{QString(2049, u'ñ')}}} << QStringList{u"messages[0]"_s};
    QTest::addRow("text-type") << QJsonObject{{u"messages"_s, QJsonArray{QJsonObject{{u"text"_s, 1}}}}}
                               << QStringList{u"messages[0].text"_s};
    QTest::addRow("reply-id-empty") << QJsonObject{{u"messages"_s, QJsonArray{QJsonObject{{u"reply_id"_s, u""_s}}}}}
                                    << QStringList{u"messages[0].reply_id"_s};
    QTest::addRow("timeout-false") << QJsonObject{{u"messages"_s, QJsonArray{QJsonObject{{u"timeout"_s, false}}}}}
                                   << QStringList{u"messages[0].timeout"_s};
    QTest::addRow("timeout-with-text")
        << QJsonObject{{u"messages"_s, QJsonArray{QJsonObject{{u"timeout"_s, true}, {u"text"_s, u"x"_s}}}}}
        << QStringList{u"messages[0].timeout"_s};
    QTest::addRow("variables-type") << QJsonObject{{u"messages"_s, none}, {u"variables"_s, u"x"_s}}
                                    << QStringList{u"variables"_s};
    QTest::addRow("variable-name") << QJsonObject{{u"messages"_s, none},
                                                  {u"variables"_s, QJsonObject{{u"1a"_s, u"x"_s}}}}
                                   << QStringList{u"variables.1a"_s};
    QTest::addRow("client-type") << QJsonObject{{u"messages"_s, none}, {u"client"_s, QJsonArray{}}}
                                 << QStringList{u"client"_s};
    QTest::addRow("start-node-chars") << QJsonObject{{u"messages"_s, none}, {u"start_node"_s, u"a.b"_s}}
                                      << QStringList{u"start_node"_s};
    QTest::addRow("version-zero") << QJsonObject{{u"messages"_s, none}, {u"version"_s, 0}} << QStringList{u"version"_s};
    QTest::addRow("interactive-type") << QJsonObject{{u"messages"_s, none}, {u"interactive"_s, u"yes"_s}}
                                      << QStringList{u"interactive"_s};
    QTest::addRow("mocks-type") << QJsonObject{{u"messages"_s, none}, {u"mock_responses"_s, QJsonArray{}}}
                                << QStringList{u"mock_responses"_s};
    QTest::addRow("mock-key") << QJsonObject{{u"messages"_s, none}, {u"mock_responses"_s, QJsonObject{{u"a b"_s, 1}}}}
                              << QStringList{u"mock_responses.a b"_s};
    QTest::addRow("several") << QJsonObject{{u"messages"_s, QJsonArray{true}}, {u"version"_s, u"1"_s}}
                             << QStringList{u"version"_s, u"messages[0]"_s};
}

void tst_BotFlowSimulate::validation()
{
    QFETCH(QJsonObject, body);
    QFETCH(QStringList, fields);
    const ApiResponse r = simulate(body);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QCOMPARE(r.errorFields(), fields);
}

void tst_BotFlowSimulate::refusals_data()
{
    QTest::addColumn<QString>("role");   // "" for no token
    QTest::addColumn<bool>("existing");
    QTest::addColumn<int>("status");
    QTest::addRow("anonymous") << QString() << true << 401;
    QTest::addRow("agent") << u"agent"_s << true << 403;
    QTest::addRow("supervisor") << u"supervisor"_s << true << 403;   // simulate is bot_flows.manage
    QTest::addRow("missing") << u"admin"_s << false << 404;
}

void tst_BotFlowSimulate::refusals()
{
    QFETCH(QString, role);
    QFETCH(bool, existing);
    QFETCH(int, status);
    const QByteArray token = role.isEmpty() ? QByteArray("")
        : role == "agent"_L1                ? m_agent
        : role == "supervisor"_L1           ? m_supervisor
                                            : m_admin;
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = simulate({{u"messages"_s, QJsonArray{u"hola"_s}}}, existing ? m_flow : 987654, token);
    QCOMPARE(r.status, status);
    // A refused caller leaves its audit row, as on every route; a simulation that ran does not.
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"bot_flow.simulate"_s, mark);
    QCOMPARE(rows.size(), status == 401 || status == 403 ? 1 : 0);
}

QTEST_GUILESS_MAIN(tst_BotFlowSimulate)
#include "tst_bot_flow_simulate.moc"
