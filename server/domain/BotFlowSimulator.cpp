#include "BotFlowSimulator.h"

#include "core/Permissions.h"
#include "domain/bot/FlowRunner.h"
#include "serialize/BotFlowJson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

using Bot::Run;

// The example client a simulation starts from: the fields templates name, all empty.
QJsonObject simulatedClient(const QJsonObject &given)
{
    QJsonObject client{{u"first_name"_s, QString()},   {u"last_name"_s, QString()},
                       {u"phone_number"_s, QString()}, {u"email"_s, QString()},
                       {u"company"_s, QString()},      {u"country"_s, QString()},
                       {u"address"_s, QString()},      {u"lead_status"_s, QString()},
                       {u"segment"_s, QString()},      {u"custom_fields"_s, QJsonObject()},
                       {u"tags"_s, QJsonArray()}};
    for (auto it = given.begin(); it != given.end(); ++it)
        client.insert(it.key(), it.value());
    return client;
}

QJsonObject simulatedEndFields(const Run &run)
{
    return {{u"status"_s, Bot::outcomeName(run.outcome)},
            {u"detail"_s, run.detail.isEmpty() ? QJsonValue() : QJsonValue(run.detail)}};
}

QJsonArray simulatedHeaders(const QList<QPair<QString, QString>> &headers)
{
    QJsonArray out;
    for (const auto &[name, value] : headers)
        out.append(QJsonObject{{u"name"_s, name}, {u"value"_s, value}});
    return out;
}

// A run of a simulation: the runner, what it wrote so far, and where the session is.
class SimulationRun {
public:
    SimulationRun(const BotFlow::Definition &flow, const Bot::RunnerOptions &options, const QJsonObject &client,
                  const QJsonObject &mocks, BotSimulation &out)
        : m_flow(flow), m_runner(flow, options, client), m_mocks(mocks), m_maxSteps(options.maxSteps), m_out(out)
    {}

    void start(const QString &node) { take(m_runner.start(node)); }
    bool ended() const { return m_run.ended(); }
    const Run &run() const { return m_run; }

    void customer(const SimulatedCustomerMessage &m)
    {
        if (m.kind == SimulatedCustomerMessage::Kind::Timeout) {
            m_out.transcript.append({u"timeout"_s, m_run.state.node, {{u"seconds"_s, m_flow.timeoutSeconds}}});
            take(m_runner.timedOut(m_run.state));
            return;
        }
        QJsonObject fields{{u"text"_s, m.text}};
        if (m.kind == SimulatedCustomerMessage::Kind::Reply)
            fields.insert(u"reply_id"_s, m.replyId);
        m_out.transcript.append({u"customer"_s, m_run.state.node, fields});
        take(m_runner.reply(m_run.state, m.text, m.replyId));
    }

private:
    // Writes a run down, then goes on through the waits that need no customer: delays (not waited
    // for) and http_request calls (answered by their mock, or skipped).
    void take(Run run)
    {
        int unattended = 0;
        for (;;) {
            record(run);
            m_run = std::move(run);
            if (m_run.ended() || m_run.waitFor == Run::WaitFor::Reply || m_run.waitFor == Run::WaitFor::Nothing)
                return;
            if (++unattended > m_maxSteps) {
                // A loop of delays or calls with no one to answer: what the engine's step limit would stop.
                m_run.outcome = Run::Outcome::StepLimit;
                m_run.waitFor = Run::WaitFor::Nothing;
                m_run.detail = u"more than %1 delays and calls without waiting for the customer"_s.arg(m_maxSteps);
                m_out.transcript.append({u"end"_s, m_run.state.node, simulatedEndFields(m_run)});
                return;
            }
            if (m_run.waitFor == Run::WaitFor::Delay) {
                m_out.transcript.append(
                    {u"delay"_s, m_run.state.node, {{u"seconds"_s, m_run.delaySeconds}, {u"waited"_s, false}}});
                run = m_runner.delayDone(m_run.state);
                continue;
            }
            run = m_runner.httpDone(m_run.state, httpAnswer(m_run.http));
        }
    }

    Bot::HttpAnswer httpAnswer(const Bot::HttpCallSpec &call)
    {
        QJsonObject fields{{u"method"_s, call.method},
                           {u"url"_s, call.url},
                           {u"headers"_s, simulatedHeaders(call.headers)},
                           {u"body"_s, QString::fromUtf8(call.body)},
                           {u"timeout_ms"_s, call.timeoutMs}};
        Bot::HttpAnswer answer;
        if (!m_mocks.contains(call.node)) {
            answer.skipped = true;
            fields.insert(u"result"_s, u"skipped"_s);
        } else {
            const QJsonValue mock = m_mocks.value(call.node);
            if (mock.isObject() && mock.toObject().value(u"error"_s) == QJsonValue(true)) {
                fields.insert(u"result"_s, u"failed"_s);
            } else {
                answer.ok = true;
                answer.json = mock;
                fields.insert(u"result"_s, u"mocked"_s);
                fields.insert(u"status_code"_s, 200);
                fields.insert(u"response"_s, mock);
            }
        }
        m_out.transcript.append({u"http_request"_s, call.node, fields});
        return answer;
    }

    void record(const Run &run)
    {
        for (const Bot::Visit &v : run.visits) {
            const BotFlow::Node *node = m_flow.node(v.node);
            m_out.steps.append({v.node, node ? node->type : QString(), v.from, v.edge});
        }
        for (const Bot::RunEffect &effect : run.effects)
            std::visit([this](const auto &e) { recordEffect(e); }, effect);
        if (run.ended())
            m_out.transcript.append({u"end"_s, run.state.node, simulatedEndFields(run)});
    }

    void recordEffect(const Bot::RunEffects::SendText &e)
    {
        QJsonObject fields{{u"text"_s, e.text}};
        if (e.mediaFileId > 0)
            fields.insert(u"media_file_id"_s, e.mediaFileId);
        m_out.transcript.append({u"message"_s, e.node, fields});
    }
    void recordEffect(const Bot::RunEffects::SendMenu &e)
    {
        QJsonArray options;
        const BotFlow::Node *node = m_flow.node(e.node);
        if (const auto *menu = node ? std::get_if<BotFlow::MenuConfig>(&node->config) : nullptr) {
            for (qsizetype i = 0; i < menu->options.size(); ++i)
                options.append(QJsonObject{{u"number"_s, i + 1},
                                           {u"label"_s, menu->options[i].label},
                                           {u"value"_s, menu->options[i].value},
                                           {u"next"_s, menu->options[i].next}});
        }
        m_out.transcript.append({u"menu"_s,
                                 e.node,
                                 {{u"text"_s, e.text},
                                  {u"options"_s, options},
                                  {u"interactive"_s, e.interactive.isEmpty() ? QJsonValue() : e.interactive}}});
    }
    void recordEffect(const Bot::RunEffects::AddTags &e)
    {
        m_out.transcript.append({u"tags"_s,
                                 e.node,
                                 {{u"chat_tags"_s, QJsonArray::fromStringList(e.chatTags)},
                                  {u"client_tags"_s, QJsonArray::fromStringList(e.clientTags)}}});
    }
    void recordEffect(const Bot::RunEffects::UpdateClient &e)
    {
        m_out.transcript.append({u"client_update"_s, e.node, {{u"fields"_s, e.fields}}});
    }
    void recordEffect(const Bot::RunEffects::Handover &e)
    {
        m_out.transcript.append({u"transfer"_s,
                                 e.node,
                                 {{u"target_type"_s, e.targetType},
                                  {u"target_id"_s, e.targetId > 0 ? QJsonValue(e.targetId) : QJsonValue()},
                                  {u"skills"_s, QJsonArray::fromStringList(e.skills)}}});
    }
    void recordEffect(const Bot::RunEffects::CloseChat &e)
    {
        m_out.transcript.append({u"close"_s,
                                 e.node,
                                 {{u"close_reason"_s, e.closeReason},
                                  {u"outcome"_s, e.outcome.isEmpty() ? QJsonValue() : QJsonValue(e.outcome)}}});
    }

    const BotFlow::Definition &m_flow;
    Bot::FlowRunner m_runner;
    const QJsonObject &m_mocks;
    int m_maxSteps;
    BotSimulation &m_out;
    Run m_run;
};

}   // namespace

Result<BotSimulation> BotFlowSimulator::simulate(const Actor &actor, const SimulateBotFlow &in)
{
    if (!actor.can(Permissions::kBotFlowsManage))
        return ApiError::forbidden();
    const Result<BotFlowRow> flow = m_flows.find(in.flowId);
    if (!flow)
        return flow.error();
    const BotFlow::DefinitionCache::Key key = in.version ? BotFlow::DefinitionCache::version(in.flowId, *in.version)
                                                         : BotFlow::DefinitionCache::draft(in.flowId, flow->revision);
    std::shared_ptr<const BotFlow::Definition> cached = m_definitions.find(key);
    if (!cached) {
        if (in.version) {
            const Result<BotFlowVersionRow> version = m_flows.version(in.flowId, *in.version);
            if (!version)
                return version.error();
            cached = std::make_shared<const BotFlow::Definition>(
                BotFlow::Definition::fromJson(QJsonDocument::fromJson(version->definition).object()));
        } else {
            const Result<QList<BotFlowNodeRow>> nodes = m_flows.nodes(in.flowId);
            if (!nodes)
                return nodes.error();
            cached = std::make_shared<const BotFlow::Definition>(
                BotFlow::Definition::fromJson(BotFlowJson::definitionOf(*flow, *nodes)));
        }
        m_definitions.insert(key, cached);
    }
    const BotFlow::Definition &definition = *cached;
    if (!in.startNode.isEmpty() && !definition.node(in.startNode))
        return ApiError::validation(u"start_node"_s, QT_TRANSLATE_NOOP("Api", "The flow has no node with this key"));

    BotSimulation out;
    // What publishing would refuse: the admin may be trying a draft out, but should know.
    for (const BotFlow::Issue &issue : BotFlow::checkFlow(definition).errors)
        out.warnings.append(issue);
    for (auto it = in.mockResponses.begin(); it != in.mockResponses.end(); ++it) {
        const BotFlow::Node *node = definition.node(it.key());
        if (!node || !std::holds_alternative<BotFlow::HttpRequestConfig>(node->config))
            out.warnings.append({it.key(),
                                 u"mock_responses."_s + it.key(),
                                 QT_TRANSLATE_NOOP("Api", "The flow has no http_request node with this key"),
                                 {}});
    }

    // The starting variables are read as the session's own: before the flow's, under what the
    // flow sets. Templates and conditions read a session variable first, then the flow's, so the
    // flow's variables with these over them read the same.
    BotFlow::Definition run = definition;
    for (auto it = in.variables.begin(); it != in.variables.end(); ++it)
        run.variables.insert(it.key(), it.value());

    Bot::RunnerOptions options;
    options.interactiveButtons = in.interactive;
    options.interactiveLists = in.interactive;
    options.listButton = in.listButton;
    options.maxSteps = in.maxSteps;
    if (!in.defaultRegion.isEmpty())
        options.defaultRegion = in.defaultRegion;

    SimulationRun session(run, options, simulatedClient(in.client), in.mockResponses, out);
    session.start(in.startNode);
    for (qsizetype i = 0; i < in.messages.size(); ++i) {
        if (session.ended()) {
            out.warnings.append({{},
                                 u"messages[%1]"_s.arg(i),
                                 QT_TRANSLATE_NOOP("Api", "The session had ended; this message was not read"),
                                 {}});
            continue;
        }
        session.customer(in.messages[i]);
    }

    const Run &last = session.run();
    out.variables = in.variables;
    for (auto it = last.state.variables.begin(); it != last.state.variables.end(); ++it)
        out.variables.insert(it.key(), it.value());
    out.status = Bot::outcomeName(last.outcome);
    out.nodeKey = last.state.node;
    out.detail = last.detail;
    if (!last.ended())
        out.waitingFor = u"reply"_s;
    return out;
}

}   // namespace Conversa::Server
