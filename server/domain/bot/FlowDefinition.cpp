#include "FlowDefinition.h"

#include <Conversa/GraphCycles.h>

#include "ConditionRule.h"
#include "InputValidation.h"
#include "JsonPath.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace Conversa::Server::BotFlow {

namespace {

QString flowText(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString() : QString();
}

qint64 flowInteger(const QJsonObject &o, const QString &key, qint64 fallback = 0)
{
    const QJsonValue v = o.value(key);
    return v.isDouble() ? v.toInteger(fallback) : fallback;
}

QStringList flowTexts(const QJsonObject &o, const QString &key)
{
    QStringList out;
    for (const QJsonValue &v : o.value(key).toArray()) {
        if (v.isString())
            out.append(v.toString());
    }
    return out;
}

QList<QPair<QString, QString>> flowPairs(const QJsonObject &o, const QString &key)
{
    QList<QPair<QString, QString>> out;
    const QJsonObject map = o.value(key).toObject();
    for (auto it = map.begin(); it != map.end(); ++it)
        out.append({it.key(), it.value().isString() ? it.value().toString() : QString()});
    return out;
}

QString flowIndexedField(const QString &field, qsizetype i, const QString &rest = {})
{
    return field + u'[' + QString::number(i) + u']' + rest;
}

// Characters as a person counts them (WhatsApp's limits): code points, not UTF-16 units.
qsizetype flowCharacters(const QString &s)
{
    return s.toUcs4().size();
}

}   // namespace

const QStringList &nodeTypes()
{
    static const QStringList types{u"message"_s,      u"menu"_s,         u"input"_s, u"condition"_s,
                                   u"set_variable"_s, u"http_request"_s, u"tag"_s,   u"update_client"_s,
                                   u"transfer"_s,     u"delay"_s,        u"end"_s};
    return types;
}

NodeConfig parseConfig(const QString &type, const QJsonObject &c)
{
    const QString next = flowText(c, u"next"_s);
    if (type == "message"_L1)
        return MessageConfig{flowText(c, u"content"_s), flowInteger(c, u"media_file_id"_s), next};
    if (type == "menu"_L1) {
        MenuConfig m{flowText(c, u"content"_s), {}, flowText(c, u"invalid_message"_s)};
        for (const QJsonValue &v : c.value(u"options"_s).toArray()) {
            const QJsonObject o = v.toObject();
            // A value may be written as a number ("value": 1); it matches as its text.
            const QJsonValue value = o.value(u"value"_s);
            m.options.append({flowText(o, u"label"_s),
                              value.isDouble() ? QString::number(value.toDouble()) : flowText(o, u"value"_s),
                              flowText(o, u"next"_s)});
        }
        return m;
    }
    if (type == "input"_L1)
        return InputConfig{flowText(c, u"content"_s), flowText(c, u"variable"_s), flowText(c, u"validation"_s),
                           flowText(c, u"invalid_message"_s), next};
    if (type == "condition"_L1) {
        ConditionConfig cond;
        for (const QJsonValue &v : c.value(u"rules"_s).toArray()) {
            const QJsonObject r = v.toObject();
            cond.rules.append(
                {flowText(r, u"variable"_s), flowText(r, u"operator"_s), r.value(u"value"_s), flowText(r, u"next"_s)});
        }
        cond.defaultNext = flowText(c, u"default"_s);
        return cond;
    }
    if (type == "set_variable"_L1)
        return SetVariableConfig{flowPairs(c, u"assign"_s), next};
    if (type == "http_request"_L1)
        return HttpRequestConfig{flowText(c, u"method"_s),
                                 flowText(c, u"url"_s),
                                 c.value(u"headers"_s).toObject(),
                                 c.value(u"body"_s),
                                 flowInteger(c, u"timeout_ms"_s),
                                 flowPairs(c, u"save"_s),
                                 next,
                                 flowText(c, u"on_error"_s)};
    if (type == "tag"_L1)
        return TagConfig{flowTexts(c, u"chat_tags"_s), flowTexts(c, u"client_tags"_s), next};
    if (type == "update_client"_L1)
        return UpdateClientConfig{c.value(u"fields"_s).toObject(), next};
    if (type == "transfer"_L1)
        return TransferConfig{flowText(c, u"target_type"_s), flowInteger(c, u"target_id"_s), flowTexts(c, u"skills"_s),
                              flowText(c, u"content"_s)};
    if (type == "delay"_L1)
        return DelayConfig{flowInteger(c, u"seconds"_s), next};
    if (type == "end"_L1) {
        const QJsonObject close = c.value(u"close"_s).toObject();
        return EndConfig{flowText(c, u"content"_s), c.value(u"close"_s).isObject(), flowText(close, u"close_reason"_s),
                         flowText(close, u"outcome"_s)};
    }
    return UnknownConfig{};
}

QList<Edge> Node::edges() const
{
    QList<Edge> out;
    const auto optional = [&out](const char *field, const QString &target) {
        if (!target.isEmpty())
            out.append({QString::fromLatin1(field), target});
    };
    std::visit(
        [&](const auto &c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, MenuConfig>) {
                for (qsizetype i = 0; i < c.options.size(); ++i)
                    out.append({flowIndexedField(u"config.options"_s, i, u".next"_s), c.options[i].next});
            } else if constexpr (std::is_same_v<T, ConditionConfig>) {
                for (qsizetype i = 0; i < c.rules.size(); ++i)
                    out.append({flowIndexedField(u"config.rules"_s, i, u".next"_s), c.rules[i].next});
                optional("config.default", c.defaultNext);
            } else if constexpr (std::is_same_v<T, HttpRequestConfig>) {
                optional("config.next", c.next);
                optional("config.on_error", c.onError);
            } else if constexpr (requires { c.next; }) {
                optional("config.next", c.next);
            }
        },
        config);
    return out;
}

bool Node::waits() const
{
    return std::holds_alternative<MenuConfig>(config) || std::holds_alternative<InputConfig>(config) ||
        std::holds_alternative<DelayConfig>(config) || std::holds_alternative<TransferConfig>(config) ||
        std::holds_alternative<EndConfig>(config);
}

Definition Definition::fromJson(const QJsonObject &json)
{
    Definition d;
    d.id = flowInteger(json, u"id"_s);
    d.name = flowText(json, u"name"_s);
    d.description = flowText(json, u"description"_s);
    d.startNode = flowText(json, u"start_node_id"_s);
    d.fallbackNode = flowText(json, u"fallback_node_id"_s);
    d.variables = json.value(u"variables"_s).toObject();
    d.timeoutSeconds = flowInteger(json, u"timeout_seconds"_s, d.timeoutSeconds);
    d.maxInvalidAttempts = flowInteger(json, u"max_invalid_attempts"_s, d.maxInvalidAttempts);
    for (const QJsonValue &v : json.value(u"nodes"_s).toArray()) {
        const QJsonObject o = v.toObject();
        Node n;
        n.id = flowInteger(o, u"id"_s);
        n.key = flowText(o, u"node_key"_s);
        n.type = flowText(o, u"node_type"_s);
        n.rawConfig = o.value(u"config"_s).toObject();
        n.config = parseConfig(n.type, n.rawConfig);
        n.nextNodeKey = flowText(o, u"next_node_key"_s);
        n.positionX = flowInteger(o, u"position_x"_s);
        n.positionY = flowInteger(o, u"position_y"_s);
        d.nodes.append(std::move(n));
    }
    return d;
}

const Node *Definition::node(const QString &key) const
{
    for (const Node &n : nodes) {
        if (n.key == key)
            return &n;
    }
    return nullptr;
}

namespace {

// The checks of one node that need no other node.
void flowCheckNode(const Node &n, const QString &prefix, QList<Issue> &errors)
{
    const auto fail = [&](const QString &field, const char *message, QStringList args = {}) {
        errors.append({n.key, prefix + field, message, std::move(args)});
    };
    if (const auto *menu = std::get_if<MenuConfig>(&n.config)) {
        const qsizetype count = menu->options.size();
        if (count == 0) {
            fail(u"config.options"_s, QT_TRANSLATE_NOOP("Api", "A menu needs at least one option"));
        } else if (count > kMaxOptions) {
            fail(u"config.options"_s, QT_TRANSLATE_NOOP("Api", "A menu has at most %1 options"),
                 {QString::number(kMaxOptions)});
        } else {
            const bool buttons = count <= kMaxButtons;
            const int limit = buttons ? kMaxButtonLabel : kMaxListLabel;
            for (qsizetype i = 0; i < count; ++i) {
                const QString label = menu->options[i].label.trimmed();
                const QString field = flowIndexedField(u"config.options"_s, i, u".label"_s);
                if (label.isEmpty())
                    fail(field, QT_TRANSLATE_NOOP("Api", "This field is required"));
                else if (flowCharacters(label) > limit)
                    fail(field,
                         buttons ? QT_TRANSLATE_NOOP("Api",
                                                     "At most %1 characters: up to three options are sent "
                                                     "as WhatsApp reply buttons")
                                 : QT_TRANSLATE_NOOP("Api",
                                                     "At most %1 characters: four to ten options are sent "
                                                     "as a WhatsApp list"),
                         {QString::number(limit)});
            }
        }
    } else if (const auto *input = std::get_if<InputConfig>(&n.config)) {
        const QString &v = input->validation;
        if (v.startsWith("regex:"_L1)) {
            const QRegularExpression re(v.mid(6));
            if (v.size() == 6)
                fail(u"config.validation"_s, QT_TRANSLATE_NOOP("Api", "The regular expression is empty"));
            else if (!re.isValid())
                fail(u"config.validation"_s, QT_TRANSLATE_NOOP("Api", "Invalid regular expression: %1"),
                     {re.errorString()});
        } else if (!v.isEmpty() && !Bot::InputValidation::plainValidations().contains(v)) {
            fail(u"config.validation"_s, QT_TRANSLATE_NOOP("Api", "Must be one of: %1"),
                 {Bot::InputValidation::plainValidations().join(u", "_s) + u", regex:<pattern>"_s});
        }
    } else if (const auto *http = std::get_if<HttpRequestConfig>(&n.config)) {
        for (const auto &[name, path] : http->save) {
            if (!Bot::JsonPath::isValid(path))
                fail(u"config.save."_s + name, QT_TRANSLATE_NOOP("Api", "Invalid JSON path"));
        }
    } else if (const auto *cond = std::get_if<ConditionConfig>(&n.config)) {
        if (cond->rules.isEmpty() && cond->defaultNext.isEmpty())
            fail(u"config.rules"_s, QT_TRANSLATE_NOOP("Api", "A condition needs at least one rule or a default"));
        for (qsizetype i = 0; i < cond->rules.size(); ++i) {
            const ConditionRule &rule = cond->rules[i];
            if (rule.variable.trimmed().isEmpty())
                fail(flowIndexedField(u"config.rules"_s, i, u".variable"_s),
                     QT_TRANSLATE_NOOP("Api", "This field is required"));
            if (!Bot::ConditionRule::isKnownOperator(rule.op)) {
                fail(flowIndexedField(u"config.rules"_s, i, u".operator"_s),
                     QT_TRANSLATE_NOOP("Api", "Must be one of: %1"), {Bot::ConditionRule::operators().join(u", "_s)});
            } else if (rule.op == "matches"_L1) {
                const QRegularExpression re(rule.value.toString());
                if (!rule.value.isString() || rule.value.toString().isEmpty())
                    fail(flowIndexedField(u"config.rules"_s, i, u".value"_s),
                         QT_TRANSLATE_NOOP("Api", "The regular expression is empty"));
                else if (!re.isValid())
                    fail(flowIndexedField(u"config.rules"_s, i, u".value"_s),
                         QT_TRANSLATE_NOOP("Api", "Invalid regular expression: %1"), {re.errorString()});
            }
        }
    }
}

// The variables something in the flow sets: the flow's own, inputs' answers, set_variable's
// assignments and http_request's saves.
QSet<QString> flowSetVariables(const Definition &flow)
{
    QSet<QString> names;
    for (auto it = flow.variables.begin(); it != flow.variables.end(); ++it)
        names.insert(it.key());
    for (const Node &n : flow.nodes) {
        if (const auto *input = std::get_if<InputConfig>(&n.config)) {
            names.insert(input->variable);
        } else if (const auto *set = std::get_if<SetVariableConfig>(&n.config)) {
            for (const auto &a : set->assign)
                names.insert(a.first);
        } else if (const auto *http = std::get_if<HttpRequestConfig>(&n.config)) {
            for (const auto &s : http->save)
                names.insert(s.first);
        }
    }
    return names;
}

// Strongly connected components (Tarjan) of the nodes that go on at once, over the edges between
// them: a component of two or more, or a node leading to itself, loops without ever waiting.
QList<QList<int>> flowBusyLoops(const Definition &flow, const QHash<QString, int> &index)
{
    const int count = int(flow.nodes.size());
    QList<QList<int>> next(count);
    QList<bool> busy(count, false);
    for (int i = 0; i < count; ++i)
        busy[i] = !flow.nodes[i].waits() && nodeTypes().contains(flow.nodes[i].type);
    for (int i = 0; i < count; ++i) {
        if (!busy[i])
            continue;
        for (const Edge &e : flow.nodes[i].edges()) {
            const int j = index.value(e.target, -1);
            if (j >= 0 && busy[j] && !next[i].contains(j))
                next[i].append(j);
        }
    }
    return Conversa::graphCycles(next);
}

}   // namespace

CheckResult checkFlow(const Definition &flow)
{
    CheckResult out;
    QHash<QString, int> index;
    for (int i = 0; i < flow.nodes.size(); ++i)
        index.insert(flow.nodes[i].key, i);

    if (flow.startNode.isEmpty())
        out.errors.append({{}, u"start_node_id"_s, QT_TRANSLATE_NOOP("Api", "A start node is required"), {}});
    else if (!index.contains(flow.startNode))
        out.errors.append({{},
                           u"start_node_id"_s,
                           QT_TRANSLATE_NOOP("Api", "Names %1, which is not a node of the flow"),
                           {flow.startNode}});
    if (!flow.fallbackNode.isEmpty() && !index.contains(flow.fallbackNode))
        out.errors.append({{},
                           u"fallback_node_id"_s,
                           QT_TRANSLATE_NOOP("Api", "Names %1, which is not a node of the flow"),
                           {flow.fallbackNode}});

    const QSet<QString> setVariables = flowSetVariables(flow);
    for (const Node &n : flow.nodes) {
        const QString prefix = u"nodes."_s + n.key + u'.';
        if (!nodeTypes().contains(n.type)) {
            out.errors.append({n.key,
                               prefix + u"node_type"_s,
                               QT_TRANSLATE_NOOP("Api", "Must be one of: %1"),
                               {nodeTypes().join(u", "_s)}});
            continue;
        }
        for (const Edge &e : n.edges()) {
            if (e.target.isEmpty())
                out.errors.append({n.key, prefix + e.field, QT_TRANSLATE_NOOP("Api", "This field is required"), {}});
            else if (!index.contains(e.target))
                out.errors.append({n.key,
                                   prefix + e.field,
                                   QT_TRANSLATE_NOOP("Api", "Leads to %1, which is not a node of the flow"),
                                   {e.target}});
        }
        flowCheckNode(n, prefix, out.errors);
        if (const auto *cond = std::get_if<ConditionConfig>(&n.config)) {
            for (qsizetype i = 0; i < cond->rules.size(); ++i) {
                const QString variable = cond->rules[i].variable.trimmed();
                if (variable.isEmpty() || variable.startsWith("client."_L1) || setVariables.contains(variable))
                    continue;
                out.warnings.append({n.key,
                                     prefix + flowIndexedField(u"config.rules"_s, i, u".variable"_s),
                                     QT_TRANSLATE_NOOP("Api",
                                                       "No node sets %1 and the flow's variables do not "
                                                       "define it"),
                                     {variable}});
            }
        }
    }

    for (const QList<int> &loop : flowBusyLoops(flow, index)) {
        QStringList keys;
        for (int i : loop)
            keys.append(flow.nodes[i].key);
        const Node &first = flow.nodes[loop.first()];
        out.errors.append({first.key,
                           u"nodes."_s + first.key,
                           QT_TRANSLATE_NOOP("Api", "These nodes loop without ever waiting for the customer: %1"),
                           {keys.join(u", "_s)}});
    }

    // Reachability, from the start node and the fallback node (where a timeout goes).
    if (index.contains(flow.startNode)) {
        QList<bool> seen(flow.nodes.size(), false);
        QList<int> todo{index.value(flow.startNode)};
        if (index.contains(flow.fallbackNode))
            todo.append(index.value(flow.fallbackNode));
        while (!todo.isEmpty()) {
            const int i = todo.takeLast();
            if (seen[i])
                continue;
            seen[i] = true;
            for (const Edge &e : flow.nodes[i].edges()) {
                const int j = index.value(e.target, -1);
                if (j >= 0 && !seen[j])
                    todo.append(j);
            }
        }
        for (int i = 0; i < flow.nodes.size(); ++i) {
            if (!seen[i])
                out.warnings.append({flow.nodes[i].key,
                                     u"nodes."_s + flow.nodes[i].key,
                                     QT_TRANSLATE_NOOP("Api", "No path from the start node leads here"),
                                     {}});
        }
    }
    return out;
}

}   // namespace Conversa::Server::BotFlow
