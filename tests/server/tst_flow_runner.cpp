// The bot flow runner (domain/bot/FlowRunner, docs/BOT_FLOWS.md): every node type, replies,
// invalid answers, timeouts, the fallback node, the step limit and menus by provider
// capabilities, as conversations written out step by step. No database, no socket.
#include "domain/bot/FlowRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Conversa::Server;
using namespace Conversa::Server::Bot;
using namespace Qt::StringLiterals;

namespace {

// One flow for most rows. welcome greets by name and asks the menu; "Ventas" asks for an e-mail
// and tags, "Soporte" asks for an order number, calls the shop and decides by its answer; "Hablar
// con alguien" transfers. The fallback node is `rescue`.
const char *kShopFlow = R"({
  "name": "Tienda", "start_node_id": "welcome", "fallback_node_id": "rescue",
  "variables": {"shop": "Tienda Sol"}, "timeout_seconds": 300, "max_invalid_attempts": 2,
  "nodes": [
    {"node_key": "welcome", "node_type": "message",
     "config": {"content": "Hola {{client.first_name}}, bienvenido a {{shop}}", "next": "menu"}},
    {"node_key": "menu", "node_type": "menu",
     "config": {"content": "¿Qué necesitas?", "invalid_message": "Elige una opción, {{client.first_name}}",
                "options": [{"label": "Ventas", "value": "sales", "next": "email"},
                            {"label": "Soporte", "value": "support", "next": "order"},
                            {"label": "Hablar con una persona", "value": "human", "next": "human"}]}},
    {"node_key": "email", "node_type": "input",
     "config": {"content": "¿Tu correo?", "variable": "email", "validation": "email", "next": "tagit"}},
    {"node_key": "tagit", "node_type": "tag",
     "config": {"chat_tags": ["ventas"], "client_tags": ["lead-{{shop}}"], "next": "lead"}},
    {"node_key": "lead", "node_type": "update_client",
     "config": {"fields": {"email": "{{email}}", "custom_fields": {"origen": "bot"}}, "next": "thanks"}},
    {"node_key": "thanks", "node_type": "end",
     "config": {"content": "Gracias, te escribimos a {{client.email}}", "close": {"close_reason": "bot", "outcome": "information"}}},
    {"node_key": "order", "node_type": "input",
     "config": {"content": "Número de pedido", "variable": "order", "validation": "number",
                "invalid_message": "Solo números, por favor", "next": "lookup"}},
    {"node_key": "lookup", "node_type": "http_request",
     "config": {"method": "post", "url": "https://shop.example/orders/{{order}}?q={{client.first_name}}",
                "headers": {"X-Shop": "{{shop}}"}, "body": {"order": "{{order}}"},
                "save": {"state": "$.order.state", "eta": "$.order.eta"}, "next": "route", "on_error": "human"}},
    {"node_key": "route", "node_type": "condition",
     "config": {"rules": [{"variable": "state", "operator": "eq", "value": "shipped", "next": "wait"}],
                "default": "human"}},
    {"node_key": "wait", "node_type": "delay", "config": {"seconds": 30, "next": "eta"}},
    {"node_key": "eta", "node_type": "set_variable", "config": {"assign": {"when": "el {{eta}}"}, "next": "say_eta"}},
    {"node_key": "say_eta", "node_type": "message", "config": {"content": "Llega {{when}}", "next": "bye"}},
    {"node_key": "bye", "node_type": "end", "config": {}},
    {"node_key": "human", "node_type": "transfer",
     "config": {"target_type": "queue", "skills": ["soporte"], "content": "Te paso con un asesor"}},
    {"node_key": "rescue", "node_type": "menu",
     "config": {"content": "¿Sigues ahí?", "options": [{"label": "Sí", "value": "si", "next": "menu"},
                                                    {"label": "Asesor", "value": "asesor", "next": "human"}]}}
  ]})";

// Two nodes sending to each other forever: what the step limit stops (publishing refuses it, but
// a runner must never spin).
const char *kLoopFlow = R"({
  "name": "Bucle", "start_node_id": "a",
  "nodes": [
    {"node_key": "a", "node_type": "message", "config": {"content": "a", "next": "b"}},
    {"node_key": "b", "node_type": "set_variable", "config": {"assign": {"n": "{{n}}x"}, "next": "a"}}
  ]})";

QString effectText(const RunEffect &effect)
{
    using namespace RunEffects;
    if (const auto *e = std::get_if<SendText>(&effect))
        return u"say %1: %2"_s.arg(e->node, e->text) + (e->mediaFileId ? u" +file"_s : QString());
    if (const auto *e = std::get_if<SendMenu>(&effect)) {
        if (e->interactive.isEmpty())
            return u"menu %1: %2"_s.arg(e->node, e->text);
        QStringList options;
        for (const QJsonValue &o : e->interactive.value(u"options"_s).toArray())
            options.append(o[u"id"_s].toString() + u'=' + o[u"title"_s].toString());
        const QString button = e->interactive.value(u"button"_s).toString();
        return u"menu %1: %2 [%3%4: %5]"_s.arg(e->node, e->text, e->interactive.value(u"type"_s).toString(),
                                                 button.isEmpty() ? QString() : u" \""_s + button + u'"',
                                                 options.join(u", "_s));
    }
    if (const auto *e = std::get_if<AddTags>(&effect))
        return u"tag %1: chat=%2 client=%3"_s.arg(e->node, e->chatTags.join(u','), e->clientTags.join(u','));
    if (const auto *e = std::get_if<UpdateClient>(&effect))
        return u"client %1: %2"_s.arg(e->node, QString::fromUtf8(QJsonDocument(e->fields).toJson(QJsonDocument::Compact)));
    if (const auto *e = std::get_if<Handover>(&effect))
        return u"handover %1: %2 %3 [%4]"_s.arg(e->node, e->targetType).arg(e->targetId).arg(e->skills.join(u','));
    if (const auto *e = std::get_if<CloseChat>(&effect))
        return u"close %1: %2/%3"_s.arg(e->node, e->closeReason, e->outcome);
    return u"?"_s;
}

QString outcomeText(const Run &run)
{
    switch (run.outcome) {
    case Run::Outcome::Waiting:
        switch (run.waitFor) {
        case Run::WaitFor::Reply: return u"wait reply at %1"_s.arg(run.state.node);
        case Run::WaitFor::Delay: return u"wait %1 s at %2"_s.arg(run.delaySeconds).arg(run.state.node);
        case Run::WaitFor::Http:
            return u"wait http %1 %2 at %3"_s.arg(run.http.method, run.http.url, run.state.node);
        case Run::WaitFor::Nothing: return u"wait nothing?"_s;
        }
        break;
    case Run::Outcome::Completed: return u"completed at %1"_s.arg(run.state.node);
    case Run::Outcome::Transferred: return u"transferred at %1"_s.arg(run.state.node);
    case Run::Outcome::TimedOut: return u"timed out: "_s + run.detail;
    case Run::Outcome::InvalidAnswers: return u"invalid answers: "_s + run.detail;
    case Run::Outcome::StepLimit: return u"step limit: "_s + run.detail;
    case Run::Outcome::Failed: return u"failed: "_s + run.detail;
    }
    return {};
}

// A run written as its effects and outcome, one line each.
QStringList runText(const Run &run)
{
    QStringList out;
    for (const RunEffect &e : run.effects)
        out.append(effectText(e));
    out.append(outcomeText(run));
    return out;
}

QJsonObject client()
{
    return {{u"first_name"_s, u"Ana"_s}, {u"email"_s, u"old@example.com"_s}, {u"custom_fields"_s, QJsonObject{}}};
}

BotFlow::Definition definition(const char *json)
{
    return BotFlow::Definition::fromJson(QJsonDocument::fromJson(json).object());
}

// Plays `events` ("start", "reply:<text>", "tap:<id>", "delay", "timeout", "http:<json>",
// "http-fail", "http-skip") and returns what each run did, runs separated by "--".
QStringList play(const FlowRunner &runner, const QStringList &events, SessionState *last = nullptr)
{
    QStringList out;
    SessionState state;
    for (const QString &event : events) {
        Run run;
        if (event == "start"_L1)
            run = runner.start();
        else if (event.startsWith("reply:"_L1))
            run = runner.reply(state, event.mid(6));
        else if (event.startsWith("tap:"_L1))
            run = runner.reply(state, u"(tapped)"_s, event.mid(4));
        else if (event == "delay"_L1)
            run = runner.delayDone(state);
        else if (event == "timeout"_L1)
            run = runner.timedOut(state);
        else if (event.startsWith("http:"_L1))
            run = runner.httpDone(state, {true, false, QJsonDocument::fromJson(event.mid(5).toUtf8()).object()});
        else if (event == "http-fail"_L1)
            run = runner.httpDone(state, {false, false, {}});
        else if (event == "http-skip"_L1)
            run = runner.httpDone(state, {false, true, {}});
        if (!out.isEmpty())
            out.append(u"--"_s);
        out += runText(run);
        state = run.state;
    }
    if (last)
        *last = state;
    return out;
}

}   // namespace

class TestFlowRunner : public QObject {
    Q_OBJECT

private slots:
    void conversations_data();
    void conversations();
    void httpCallIsRendered();
    void variablesAndVisits();
    void menuForms_data();
    void menuForms();
    void stepLimitStopsALoop();
    void missingNodeHandsOver();
};

void TestFlowRunner::conversations_data()
{
    QTest::addColumn<bool>("buttons");
    QTest::addColumn<QStringList>("events");
    QTest::addColumn<QStringList>("expected");

    const QString greet = u"say welcome: Hola Ana, bienvenido a Tienda Sol"_s;
    const QString menuText = u"menu menu: ¿Qué necesitas?\n\n1. Ventas\n2. Soporte\n3. Hablar con una persona"_s;

    QTest::newRow("numbered menu on a provider without buttons")
        << false << QStringList{u"start"_s} << QStringList{greet, menuText, u"wait reply at menu"_s};
    QTest::newRow("list when a label is too long for a button")
        << true << QStringList{u"start"_s}
        << QStringList{greet,
                       u"menu menu: ¿Qué necesitas? [list \"Opciones\": menu#1=Ventas, menu#2=Soporte, "
                       "menu#3=Hablar con una persona]"_s,
                       u"wait reply at menu"_s};
    QTest::newRow("sales: typed value, e-mail, tags, client, end with close")
        << false << QStringList{u"start"_s, u"reply:VENTAS"_s, u"reply:Ana@Example.COM "_s}
        << QStringList{greet,
                       menuText,
                       u"wait reply at menu"_s,
                       u"--"_s,
                       u"say email: ¿Tu correo?"_s,
                       u"wait reply at email"_s,
                       u"--"_s,
                       u"tag tagit: chat=ventas client=lead-Tienda Sol"_s,
                       u"client lead: {\"custom_fields\":{\"origen\":\"bot\"},\"email\":\"ana@example.com\"}"_s,
                       u"say thanks: Gracias, te escribimos a ana@example.com"_s,
                       u"close thanks: bot/information"_s,
                       u"completed at thanks"_s};
    QTest::newRow("tap on a list row, invalid number, then a call that goes on")
        << true
        << QStringList{u"start"_s, u"tap:menu#2"_s, u"reply:doce"_s, u"reply:12"_s,
                       u"http:{\"order\":{\"state\":\"shipped\",\"eta\":\"lunes\"}}"_s, u"delay"_s}
        << QStringList{greet,
                       u"menu menu: ¿Qué necesitas? [list \"Opciones\": menu#1=Ventas, menu#2=Soporte, "
                       "menu#3=Hablar con una persona]"_s,
                       u"wait reply at menu"_s,
                       u"--"_s,
                       u"say order: Número de pedido"_s,
                       u"wait reply at order"_s,
                       u"--"_s,
                       u"say order: Solo números, por favor"_s,
                       u"wait reply at order"_s,
                       u"--"_s,
                       u"wait http POST https://shop.example/orders/12?q=Ana at lookup"_s,
                       u"--"_s,
                       u"wait 30 s at wait"_s,
                       u"--"_s,
                       u"say say_eta: Llega el lunes"_s,
                       u"completed at bye"_s};
    QTest::newRow("a tap on another menu's button is read as its title")
        << true << QStringList{u"start"_s, u"tap:rescue#1"_s}
        << QStringList{greet,
                       u"menu menu: ¿Qué necesitas? [list \"Opciones\": menu#1=Ventas, menu#2=Soporte, "
                       "menu#3=Hablar con una persona]"_s,
                       u"wait reply at menu"_s,
                       u"--"_s,
                       u"say menu: Elige una opción, Ana"_s,
                       u"wait reply at menu"_s};
    QTest::newRow("a failed call goes to on_error")
        << false << QStringList{u"start"_s, u"reply:2"_s, u"reply:7"_s, u"http-fail"_s}
        << QStringList{greet,
                       menuText,
                       u"wait reply at menu"_s,
                       u"--"_s,
                       u"say order: Número de pedido"_s,
                       u"wait reply at order"_s,
                       u"--"_s,
                       u"wait http POST https://shop.example/orders/7?q=Ana at lookup"_s,
                       u"--"_s,
                       u"say human: Te paso con un asesor"_s,
                       u"handover human: queue 0 [soporte]"_s,
                       u"transferred at human"_s};
    QTest::newRow("a skipped call goes on by next; the condition's default")
        << false << QStringList{u"start"_s, u"reply:2"_s, u"reply:7"_s, u"http-skip"_s}
        << QStringList{greet,
                       menuText,
                       u"wait reply at menu"_s,
                       u"--"_s,
                       u"say order: Número de pedido"_s,
                       u"wait reply at order"_s,
                       u"--"_s,
                       u"wait http POST https://shop.example/orders/7?q=Ana at lookup"_s,
                       u"--"_s,
                       u"say human: Te paso con un asesor"_s,
                       u"handover human: queue 0 [soporte]"_s,
                       u"transferred at human"_s};
    QTest::newRow("too many invalid answers: the fallback node, then the queue")
        << false
        << QStringList{u"start"_s, u"reply:nada"_s, u"reply:quiero ventas"_s, u"reply:no sé"_s, u"reply:tal vez"_s}
        << QStringList{greet,
                       menuText,
                       u"wait reply at menu"_s,
                       u"--"_s,
                       u"say menu: Elige una opción, Ana"_s,
                       u"wait reply at menu"_s,
                       u"--"_s,
                       u"menu rescue: ¿Sigues ahí?\n\n1. Sí\n2. Asesor"_s,
                       u"wait reply at rescue"_s,
                       u"--"_s,
                       u"menu rescue: ¿Sigues ahí?\n\n1. Sí\n2. Asesor"_s,
                       u"wait reply at rescue"_s,
                       u"--"_s,
                       u"handover rescue: queue 0 []"_s,
                       u"invalid answers: 2 invalid answers at \"rescue\""_s};
    QTest::newRow("a timeout goes to the fallback once, the second hands over")
        << true << QStringList{u"start"_s, u"timeout"_s, u"tap:rescue#1"_s, u"timeout"_s}
        << QStringList{greet,
                       u"menu menu: ¿Qué necesitas? [list \"Opciones\": menu#1=Ventas, menu#2=Soporte, "
                       "menu#3=Hablar con una persona]"_s,
                       u"wait reply at menu"_s,
                       u"--"_s,
                       u"menu rescue: ¿Sigues ahí? [button: rescue#1=Sí, rescue#2=Asesor]"_s,
                       u"wait reply at rescue"_s,
                       u"--"_s,
                       u"menu menu: ¿Qué necesitas? [list \"Opciones\": menu#1=Ventas, menu#2=Soporte, "
                       "menu#3=Hablar con una persona]"_s,
                       u"wait reply at menu"_s,
                       u"--"_s,
                       u"handover menu: queue 0 []"_s,
                       u"timed out: no reply within 300 s at \"menu\""_s};
    QTest::newRow("transfer by number with an accent-free label")
        << false << QStringList{u"start"_s, u"reply: 3️⃣ "_s}
        << QStringList{greet, menuText, u"wait reply at menu"_s, u"--"_s, u"say human: Te paso con un asesor"_s,
                       u"handover human: queue 0 [soporte]"_s, u"transferred at human"_s};
}

void TestFlowRunner::conversations()
{
    QFETCH(bool, buttons);
    QFETCH(QStringList, events);
    QFETCH(QStringList, expected);
    RunnerOptions options;
    options.interactiveButtons = buttons;
    options.interactiveLists = buttons;
    options.listButton = u"Opciones"_s;
    const FlowRunner runner(definition(kShopFlow), options, client());
    const QStringList got = play(runner, events);
    if (got != expected)
        qWarning().noquote() << "got:\n" << got.join(u'\n');
    QCOMPARE(got, expected);
}

void TestFlowRunner::httpCallIsRendered()
{
    const FlowRunner runner(definition(kShopFlow), {}, client());
    SessionState state;
    play(runner, {u"start"_s, u"reply:2"_s}, &state);
    const Run run = runner.reply(state, u"12"_s);
    QCOMPARE(run.waitFor, Run::WaitFor::Http);
    QCOMPARE(run.http.node, u"lookup"_s);
    QCOMPARE(run.http.method, u"POST"_s);
    QCOMPARE(run.http.headers, (QList<QPair<QString, QString>>{{u"X-Shop"_s, u"Tienda Sol"_s}}));
    QCOMPARE(run.http.body, QByteArray(R"({"order":"12"})"));
    QCOMPARE(run.http.timeoutMs, 10000);

    // Values go into the URL percent-encoded and into the body escaped for JSON.
    QJsonObject tricky = client();
    tricky.insert(u"first_name"_s, u"a&b=\"c\""_s);
    const FlowRunner escaping(definition(kShopFlow), {}, tricky);
    play(escaping, {u"start"_s, u"reply:2"_s}, &state);
    state.variables.insert(u"order"_s, u"1\"}"_s);
    const Run escaped = escaping.reply(state, u"1"_s);
    QCOMPARE(escaped.http.url, u"https://shop.example/orders/1?q=a%26b%3D%22c%22"_s);
}

void TestFlowRunner::variablesAndVisits()
{
    const FlowRunner runner(definition(kShopFlow), {}, client());
    SessionState state;
    play(runner, {u"start"_s, u"reply:soporte"_s, u"reply:0012"_s}, &state);
    QCOMPARE(state.variables.value(u"order"_s).toString(), u"12"_s);
    const Run saved = runner.httpDone(state, {true, false, QJsonDocument::fromJson(R"({"order":{"state":"lost"}})").object()});
    QCOMPARE(saved.state.variables.value(u"state"_s).toString(), u"lost"_s);
    QVERIFY(!saved.state.variables.contains(u"eta"_s));   // a path that leads nowhere saves nothing
    QStringList visits;
    for (const Visit &v : saved.visits)
        visits.append(v.from + u" -" + v.edge + u"-> "_s + v.node);
    QCOMPARE(visits, (QStringList{u"lookup -config.next-> route"_s, u"route -config.default-> human"_s}));

    const Run first = runner.start();
    QCOMPARE(first.visits.size(), 2);
    QCOMPARE(first.visits[0].node, u"welcome"_s);
    QVERIFY(first.visits[0].from.isEmpty());
    QCOMPARE(first.visits[1].edge, u"config.next"_s);
    const Run chose = runner.reply(first.state, u"1"_s);
    QCOMPARE(chose.visits[0].edge, u"config.options[0].next"_s);
    const Run fallback = runner.timedOut(first.state);
    QCOMPARE(fallback.visits[0].node, u"rescue"_s);
    QCOMPARE(fallback.visits[0].edge, u"timeout"_s);
    QVERIFY(fallback.state.usedFallback);
}

// How a menu is put, by the provider's capabilities and what WhatsApp accepts.
void TestFlowRunner::menuForms_data()
{
    QTest::addColumn<QString>("content");
    QTest::addColumn<QStringList>("labels");
    QTest::addColumn<bool>("interactive");
    QTest::addColumn<QString>("form");   // button, list, or text

    const QStringList three{u"Ventas"_s, u"Soporte"_s, u"Otro"_s};
    QTest::newRow("three short labels: buttons") << u"¿Qué?"_s << three << true << u"button"_s;
    QTest::newRow("no interactive messages: text") << u"¿Qué?"_s << three << false << u"text"_s;
    QTest::newRow("four options: a list")
        << u"¿Qué?"_s << (QStringList{u"A"_s, u"B"_s, u"C"_s, u"D"_s}) << true << u"list"_s;
    QTest::newRow("a label over 20: a list")
        << u"¿Qué?"_s << (QStringList{u"Ventas"_s, u"Hablar con una persona"_s}) << true << u"list"_s;
    QTest::newRow("two equal labels: a list")
        << u"¿Qué?"_s << (QStringList{u"Sí"_s, u"Sí"_s}) << true << u"list"_s;
    QTest::newRow("no body: text") << u"  "_s << three << true << u"text"_s;
}

void TestFlowRunner::menuForms()
{
    QFETCH(QString, content);
    QFETCH(QStringList, labels);
    QFETCH(bool, interactive);
    QFETCH(QString, form);
    QJsonArray options;
    for (const QString &label : labels)
        options.append(QJsonObject{{u"label"_s, label}, {u"value"_s, label}, {u"next"_s, u"menu"_s}});
    const QJsonObject flow{{u"start_node_id"_s, u"menu"_s},
                           {u"nodes"_s, QJsonArray{QJsonObject{{u"node_key"_s, u"menu"_s},
                                                               {u"node_type"_s, u"menu"_s},
                                                               {u"config"_s, QJsonObject{{u"content"_s, content},
                                                                                         {u"options"_s, options}}}}}}};
    RunnerOptions runnerOptions;
    runnerOptions.interactiveButtons = interactive;
    runnerOptions.interactiveLists = interactive;
    runnerOptions.listButton = u"Opciones"_s;
    const Run run = FlowRunner(BotFlow::Definition::fromJson(flow), runnerOptions, client()).start();
    QCOMPARE(run.effects.size(), 1);
    const auto *menu = std::get_if<RunEffects::SendMenu>(&run.effects.first());
    QVERIFY(menu);
    QCOMPARE(menu->interactive.isEmpty() ? u"text"_s : menu->interactive.value(u"type"_s).toString(), form);
}

void TestFlowRunner::stepLimitStopsALoop()
{
    RunnerOptions options;
    options.maxSteps = 7;
    const Run run = FlowRunner(definition(kLoopFlow), options, client()).start();
    QCOMPARE(run.outcome, Run::Outcome::StepLimit);
    QCOMPARE(run.visits.size(), 7);
    int said = 0;
    for (const RunEffect &e : run.effects)
        said += std::holds_alternative<RunEffects::SendText>(e);
    QCOMPARE(said, 4);   // a, b, a, b, a, b, a
    QVERIFY(std::holds_alternative<RunEffects::Handover>(run.effects.last()));
}

void TestFlowRunner::missingNodeHandsOver()
{
    QJsonObject flow = QJsonDocument::fromJson(kShopFlow).object();
    flow.insert(u"start_node_id"_s, u"nowhere"_s);
    const Run run = FlowRunner(BotFlow::Definition::fromJson(flow), {}, client()).start();
    QCOMPARE(run.outcome, Run::Outcome::Failed);
    QCOMPARE(run.detail, u"no node \"nowhere\""_s);
    QVERIFY(std::holds_alternative<RunEffects::Handover>(run.effects.last()));
}

QTEST_GUILESS_MAIN(TestFlowRunner)
#include "tst_flow_runner.moc"
