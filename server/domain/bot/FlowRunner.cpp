#include "FlowRunner.h"

#include "BotTemplate.h"
#include "ConditionRule.h"
#include "InputValidation.h"
#include "JsonPath.h"
#include "ReplyMatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Conversa::Server::Bot {

using namespace RunEffects;

namespace {

// Meta's limit for the body of an interactive message.
constexpr qsizetype kRunnerInteractiveBody = 1024;

QString runnerIndexed(const char *field, qsizetype i)
{
    return u"config."_s + QLatin1StringView(field) + u'[' + QString::number(i) + u"].next"_s;
}

qsizetype runnerCharacters(const QString &s)
{
    return s.toUcs4().size();
}

// update_client's fields with their texts rendered (custom_fields one level down).
QJsonObject runnerRenderFields(const QJsonObject &fields, const TemplateContext &context)
{
    QJsonObject out;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (it.value().isString())
            out.insert(it.key(), BotTemplate::render(it.value().toString(), context));
        else if (it.value().isObject())
            out.insert(it.key(), runnerRenderFields(it.value().toObject(), context));
        else
            out.insert(it.key(), it.value());
    }
    return out;
}

}   // namespace

QString outcomeName(Run::Outcome outcome)
{
    switch (outcome) {
    case Run::Outcome::Waiting: return u"waiting"_s;
    case Run::Outcome::Completed: return u"completed"_s;
    case Run::Outcome::Transferred: return u"transferred"_s;
    case Run::Outcome::TimedOut: return u"timed_out"_s;
    case Run::Outcome::InvalidAnswers: return u"invalid_answers"_s;
    case Run::Outcome::StepLimit: return u"step_limit"_s;
    case Run::Outcome::Failed: break;
    }
    return u"failed"_s;
}

// What one run works with besides the session: the client as templates see it (an update_client
// node changes it for the nodes after it) and the steps taken without waiting.
struct FlowRunner::Context {
    QJsonObject client;
    int steps = 0;
};

FlowRunner::FlowRunner(const BotFlow::Definition &flow, RunnerOptions options, QJsonObject client)
    : m_flow(flow), m_options(std::move(options)), m_client(std::move(client))
{}

Run FlowRunner::start(const QString &startNode) const
{
    Run run;
    Context ctx{m_client};
    enter(run, ctx, startNode.isEmpty() ? m_flow.startNode : startNode, {}, {});
    return run;
}

Run FlowRunner::reply(const SessionState &state, const QString &text, const QString &replyId) const
{
    Run run;
    run.state = state;
    run.waitFor = Run::WaitFor::Reply;
    Context ctx{m_client};
    const BotFlow::Node *node = m_flow.node(state.node);
    if (!node) {
        handOver(run, ctx, Run::Outcome::Failed, {}, u"no node \"%1\""_s.arg(state.node));
        return run;
    }
    if (const auto *menu = std::get_if<BotFlow::MenuConfig>(&node->config)) {
        if (const std::optional<qsizetype> i = ReplyMatcher::match(menu->options, text, node->key, replyId)) {
            enter(run, ctx, menu->options[*i].next, node->key, runnerIndexed("options", *i));
            return run;
        }
    } else if (const auto *input = std::get_if<BotFlow::InputConfig>(&node->config)) {
        if (const std::optional<QString> value =
                InputValidation::validate(input->validation, text, m_options.defaultRegion)) {
            if (!input->variable.isEmpty())
                run.state.variables.insert(input->variable, *value);
            enter(run, ctx, input->next, node->key, u"config.next"_s);
            return run;
        }
    } else {
        return run;   // not waiting for a reply: nothing to answer
    }
    ++run.state.invalidAttempts;
    if (run.state.invalidAttempts >= std::max<qint64>(1, m_flow.maxInvalidAttempts)) {
        handOver(run, ctx, Run::Outcome::InvalidAnswers, u"invalid"_s,
                 u"%1 invalid answers at \"%2\""_s.arg(run.state.invalidAttempts).arg(node->key));
        return run;
    }
    const QString invalid = std::visit(
        [](const auto &c) -> QString {
            if constexpr (requires { c.invalidMessage; })
                return c.invalidMessage;
            return {};
        },
        node->config);
    const TemplateContext templates{run.state.variables, m_flow.variables, ctx.client};
    const QString rendered = BotTemplate::render(invalid, templates);
    if (rendered.trimmed().isEmpty())
        ask(run, ctx, *node);   // no invalid_message: the question again
    else
        run.effects.append(SendText{node->key, rendered});
    return run;
}

Run FlowRunner::delayDone(const SessionState &state) const
{
    Run run;
    run.state = state;
    Context ctx{m_client};
    const BotFlow::Node *node = m_flow.node(state.node);
    const auto *delay = node ? std::get_if<BotFlow::DelayConfig>(&node->config) : nullptr;
    if (!delay) {
        handOver(run, ctx, Run::Outcome::Failed, {}, u"no delay at \"%1\""_s.arg(state.node));
        return run;
    }
    enter(run, ctx, delay->next, node->key, u"config.next"_s);
    return run;
}

Run FlowRunner::httpDone(const SessionState &state, const HttpAnswer &answer) const
{
    Run run;
    run.state = state;
    Context ctx{m_client};
    const BotFlow::Node *node = m_flow.node(state.node);
    const auto *http = node ? std::get_if<BotFlow::HttpRequestConfig>(&node->config) : nullptr;
    if (!http) {
        handOver(run, ctx, Run::Outcome::Failed, {}, u"no http_request at \"%1\""_s.arg(state.node));
        return run;
    }
    if (answer.ok && !answer.skipped) {
        for (const auto &[name, path] : http->save) {
            if (const std::optional<QString> value = JsonPath::extract(answer.json, path))
                run.state.variables.insert(name, *value);
        }
    }
    // A failure without on_error goes on by next, with nothing saved: the flow's own conditions
    // can tell (a saved variable that does not exist).
    if (!answer.ok && !answer.skipped && !http->onError.isEmpty())
        enter(run, ctx, http->onError, node->key, u"config.on_error"_s);
    else
        enter(run, ctx, http->next, node->key, u"config.next"_s);
    return run;
}

Run FlowRunner::timedOut(const SessionState &state) const
{
    Run run;
    run.state = state;
    Context ctx{m_client};
    handOver(run, ctx, Run::Outcome::TimedOut, u"timeout"_s,
             u"no reply within %1 s at \"%2\""_s.arg(m_flow.timeoutSeconds).arg(state.node));
    return run;
}

std::optional<HttpCallSpec> FlowRunner::httpCall(const SessionState &state) const
{
    const BotFlow::Node *node = m_flow.node(state.node);
    const auto *http = node ? std::get_if<BotFlow::HttpRequestConfig>(&node->config) : nullptr;
    if (!http)
        return std::nullopt;
    return renderCall(node->key, *http, {state.variables, m_flow.variables, m_client});
}

HttpCallSpec FlowRunner::renderCall(const QString &node, const BotFlow::HttpRequestConfig &c,
                                    const TemplateContext &templates)
{
    HttpCallSpec call;
    call.node = node;
    call.method = c.method.isEmpty() ? u"GET"_s : c.method.toUpper();
    call.url = BotTemplate::render(c.url, templates, BotTemplate::Escape::UrlComponent);
    for (auto it = c.headers.begin(); it != c.headers.end(); ++it)
        call.headers.append({it.key(), BotTemplate::render(it.value().toString(), templates)});
    if (c.body.isString()) {
        call.body = BotTemplate::render(c.body.toString(), templates, BotTemplate::Escape::JsonString).toUtf8();
    } else if (c.body.isObject() || c.body.isArray()) {
        const QByteArray json = c.body.isObject() ? QJsonDocument(c.body.toObject()).toJson(QJsonDocument::Compact)
                                                  : QJsonDocument(c.body.toArray()).toJson(QJsonDocument::Compact);
        call.body = BotTemplate::render(QString::fromUtf8(json), templates, BotTemplate::Escape::JsonString,
                                        std::numeric_limits<qsizetype>::max())
                        .toUtf8();
    }
    if (c.timeoutMs > 0)
        call.timeoutMs = c.timeoutMs;
    return call;
}

void FlowRunner::enter(Run &run, Context &ctx, QString node, QString from, QString edge) const
{
    for (;;) {
        const BotFlow::Node *n = m_flow.node(node);
        if (!n) {
            handOver(run, ctx, Run::Outcome::Failed, {},
                     node.isEmpty() ? u"\"%1\" leads nowhere"_s.arg(from) : u"no node \"%1\""_s.arg(node));
            return;
        }
        if (++ctx.steps > m_options.maxSteps) {
            handOver(run, ctx, Run::Outcome::StepLimit, {},
                     u"more than %1 steps without waiting for the customer"_s.arg(m_options.maxSteps));
            return;
        }
        run.visits.append({node, from, edge});
        run.state.node = node;
        run.state.invalidAttempts = 0;
        QString next;
        QString nextEdge;
        if (!step(run, ctx, *n, next, nextEdge))
            return;
        from = std::move(node);
        node = std::move(next);
        edge = std::move(nextEdge);
    }
}

void FlowRunner::handOver(Run &run, Context &ctx, Run::Outcome outcome, const QString &edge,
                          const QString &detail) const
{
    // A timeout or too many invalid answers go to the fallback node once; the second time, and
    // for anything else, the chat goes to the campaign's queue.
    const bool fallback = outcome == Run::Outcome::TimedOut || outcome == Run::Outcome::InvalidAnswers;
    if (fallback && !m_flow.fallbackNode.isEmpty() && !run.state.usedFallback && m_flow.node(m_flow.fallbackNode)) {
        run.state.usedFallback = true;
        enter(run, ctx, m_flow.fallbackNode, run.state.node, edge);
        return;
    }
    run.effects.append(Handover{run.state.node});
    run.outcome = outcome;
    run.waitFor = Run::WaitFor::Nothing;
    run.detail = detail;
}

void FlowRunner::ask(Run &run, Context &ctx, const BotFlow::Node &node) const
{
    const TemplateContext templates{run.state.variables, m_flow.variables, ctx.client};
    if (const auto *input = std::get_if<BotFlow::InputConfig>(&node.config)) {
        run.effects.append(SendText{node.key, BotTemplate::render(input->content, templates)});
        return;
    }
    const auto *menu = std::get_if<BotFlow::MenuConfig>(&node.config);
    if (!menu)
        return;
    QString text = BotTemplate::render(menu->content, templates);
    const bool shortLabels = std::all_of(menu->options.begin(), menu->options.end(), [](const MenuOption &o) {
        return runnerCharacters(o.label) <= BotFlow::kMaxButtonLabel;
    });
    QSet<QString> labels;
    for (const MenuOption &o : menu->options)
        labels.insert(o.label);
    // WhatsApp wants a body, and reply buttons with different titles.
    const bool hasBody = !text.trimmed().isEmpty();
    QString kind;
    if (hasBody && m_options.interactiveButtons && menu->options.size() <= BotFlow::kMaxButtons && shortLabels &&
        labels.size() == menu->options.size())
        kind = u"button"_s;
    else if (hasBody && m_options.interactiveLists && menu->options.size() <= BotFlow::kMaxOptions)
        kind = u"list"_s;
    if (kind.isEmpty()) {
        QStringList lines;
        for (qsizetype i = 0; i < menu->options.size(); ++i)
            lines.append(QString::number(i + 1) + u". "_s + menu->options[i].label);
        text = text.trimmed().isEmpty() ? lines.join(u'\n') : text + u"\n\n"_s + lines.join(u'\n');
        run.effects.append(SendMenu{node.key, text.left(BotTemplate::kMaxOutputChars), {}});
        return;
    }
    QJsonArray options;
    for (qsizetype i = 0; i < menu->options.size(); ++i)
        options.append(
            QJsonObject{{u"id"_s, ReplyMatcher::interactiveId(node.key, i)}, {u"title"_s, menu->options[i].label}});
    QJsonObject interactive{{u"type"_s, kind}, {u"options"_s, options}};
    if (kind == "list"_L1)
        interactive.insert(u"button"_s, m_options.listButton);
    run.effects.append(SendMenu{node.key, text.left(kRunnerInteractiveBody), interactive});
}

bool FlowRunner::step(Run &run, Context &ctx, const BotFlow::Node &node, QString &next, QString &edge) const
{
    const TemplateContext templates{run.state.variables, m_flow.variables, ctx.client};
    edge = u"config.next"_s;
    if (const auto *c = std::get_if<BotFlow::MessageConfig>(&node.config)) {
        const QString text = BotTemplate::render(c->content, templates);
        if (!text.trimmed().isEmpty() || c->mediaFileId > 0)
            run.effects.append(SendText{node.key, text, c->mediaFileId});
        next = c->next;
        return true;
    }
    if (std::holds_alternative<BotFlow::MenuConfig>(node.config) ||
        std::holds_alternative<BotFlow::InputConfig>(node.config)) {
        ask(run, ctx, node);
        run.waitFor = Run::WaitFor::Reply;
        return false;
    }
    if (const auto *c = std::get_if<BotFlow::ConditionConfig>(&node.config)) {
        QList<ConditionRuleSpec> rules;
        for (const BotFlow::ConditionRule &r : c->rules)
            rules.append({r.variable, r.op, JsonPath::toText(r.value), r.next});
        const ConditionRule::Choice choice = ConditionRule::choose(rules, templates, c->defaultNext);
        next = choice.next;
        edge = choice.ruleIndex >= 0 ? runnerIndexed("rules", choice.ruleIndex) : u"config.default"_s;
        return true;
    }
    if (const auto *c = std::get_if<BotFlow::SetVariableConfig>(&node.config)) {
        for (const auto &[name, value] : c->assign)
            run.state.variables.insert(name, BotTemplate::render(value, templates));
        next = c->next;
        return true;
    }
    if (const auto *c = std::get_if<BotFlow::HttpRequestConfig>(&node.config)) {
        run.http = renderCall(node.key, *c, templates);
        run.waitFor = Run::WaitFor::Http;
        return false;
    }
    if (const auto *c = std::get_if<BotFlow::TagConfig>(&node.config)) {
        QStringList chatTags;
        QStringList clientTags;
        for (const QString &t : c->chatTags)
            chatTags.append(BotTemplate::render(t, templates));
        for (const QString &t : c->clientTags)
            clientTags.append(BotTemplate::render(t, templates));
        run.effects.append(AddTags{node.key, chatTags, clientTags});
        next = c->next;
        return true;
    }
    if (const auto *c = std::get_if<BotFlow::UpdateClientConfig>(&node.config)) {
        const QJsonObject fields = runnerRenderFields(c->fields, templates);
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            if (it.key() == "custom_fields"_L1 && it.value().isObject()) {
                QJsonObject custom = ctx.client.value(it.key()).toObject();
                const QJsonObject add = it.value().toObject();
                for (auto f = add.begin(); f != add.end(); ++f)
                    custom.insert(f.key(), f.value());
                ctx.client.insert(it.key(), custom);
            } else {
                ctx.client.insert(it.key(), it.value());
            }
        }
        run.effects.append(UpdateClient{node.key, fields});
        next = c->next;
        return true;
    }
    if (const auto *c = std::get_if<BotFlow::DelayConfig>(&node.config)) {
        next = c->next;
        if (c->seconds <= 0)
            return true;
        run.delaySeconds = c->seconds;
        run.waitFor = Run::WaitFor::Delay;
        return false;
    }
    if (const auto *c = std::get_if<BotFlow::TransferConfig>(&node.config)) {
        const QString text = BotTemplate::render(c->content, templates);
        if (!text.trimmed().isEmpty())
            run.effects.append(SendText{node.key, text});
        run.effects.append(
            Handover{node.key, c->targetType.isEmpty() ? u"queue"_s : c->targetType, c->targetId, c->skills});
        run.outcome = Run::Outcome::Transferred;
        run.waitFor = Run::WaitFor::Nothing;
        return false;
    }
    if (const auto *c = std::get_if<BotFlow::EndConfig>(&node.config)) {
        const QString text = BotTemplate::render(c->content, templates);
        if (!text.trimmed().isEmpty())
            run.effects.append(SendText{node.key, text});
        if (c->close)
            run.effects.append(CloseChat{node.key, c->closeReason, c->outcome});
        run.outcome = Run::Outcome::Completed;
        run.waitFor = Run::WaitFor::Nothing;
        return false;
    }
    handOver(run, ctx, Run::Outcome::Failed, {}, u"unknown node type \"%1\" at \"%2\""_s.arg(node.type, node.key));
    return false;
}

}   // namespace Conversa::Server::Bot
