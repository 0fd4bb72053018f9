#include "FlowValidator.h"

#include <Conversa/GraphCycles.h>

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

QString indexed(const QString &list, qsizetype i, const QString &rest)
{
    return u"config."_s + list + u'[' + QString::number(i) + u"]."_s + rest;
}

// Characters as a person counts them (WhatsApp's limits): code points, not UTF-16 units.
qsizetype characters(const QString &s)
{
    return s.toUcs4().size();
}

const QStringList &plainValidations()
{
    static const QStringList names{u"text"_s, u"number"_s, u"email"_s, u"phone"_s, u"date"_s};
    return names;
}

const QStringList &operators()
{
    static const QStringList names{u"eq"_s, u"neq"_s, u"contains"_s, u"gt"_s, u"lt"_s, u"exists"_s, u"matches"_s};
    return names;
}

struct Collector {
    QList<FlowProblem> problems;

    void add(FlowProblem::Severity severity, const QString &kind, const QString &node, const QString &field,
             const QString &message)
    {
        problems.append({severity, kind, node, field, FlowValidator::portOf(field), message});
    }
    void error(const QString &kind, const QString &node, const QString &field, const QString &message)
    {
        add(FlowProblem::Error, kind, node, field, message);
    }
};

// A regular expression as the server reads it (PCRE2): empty or invalid is a problem.
void checkPattern(Collector &out, const QString &node, const QString &field, const QString &pattern)
{
    const QRegularExpression re(pattern);
    if (pattern.isEmpty())
        out.error(u"invalid_pattern"_s, node, field, FlowValidator::tr("The regular expression is empty"));
    else if (!re.isValid())
        out.error(u"invalid_pattern"_s, node, field,
                  FlowValidator::tr("Invalid regular expression: %1").arg(re.errorString()));
}

void checkMenu(Collector &out, const FlowNode &n)
{
    const QJsonArray options = n.config.value(u"options"_s).toArray();
    const qsizetype count = options.size();
    if (count == 0) {
        out.error(u"no_options"_s, n.key, u"config.options"_s, FlowValidator::tr("A menu needs at least one option"));
        return;
    }
    if (count > FlowValidator::kMaxOptions) {
        out.error(u"too_many_options"_s, n.key, u"config.options"_s,
                  FlowValidator::tr("A menu has at most %1 options").arg(FlowValidator::kMaxOptions));
        return;
    }
    const bool buttons = count <= FlowValidator::kMaxButtons;
    const int limit = buttons ? FlowValidator::kMaxButtonLabel : FlowValidator::kMaxListLabel;
    for (qsizetype i = 0; i < count; ++i) {
        const QJsonValue labelValue = options.at(i).toObject().value(u"label"_s);
        const QString label = labelValue.isString() ? labelValue.toString().trimmed() : QString();
        const QString field = indexed(u"options"_s, i, u"label"_s);
        if (label.isEmpty())
            out.error(u"missing_label"_s, n.key, field, FlowValidator::tr("An option needs a label"));
        else if (characters(label) > limit)
            out.error(u"label_too_long"_s, n.key, field,
                      buttons ? FlowValidator::tr("At most %1 characters: up to three options are sent as "
                                                  "WhatsApp reply buttons")
                                    .arg(limit)
                              : FlowValidator::tr("At most %1 characters: four to ten options are sent as a "
                                                  "WhatsApp list")
                                    .arg(limit));
    }
}

void checkCondition(Collector &out, const FlowNode &n)
{
    const QJsonArray rules = n.config.value(u"rules"_s).toArray();
    if (rules.isEmpty() && !n.config.value(u"default"_s).isString())
        out.error(u"empty_condition"_s, n.key, u"config.rules"_s,
                  FlowValidator::tr("A condition needs at least one rule or a default"));
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QJsonObject rule = rules.at(i).toObject();
        if (rule.value(u"variable"_s).toString().trimmed().isEmpty())
            out.error(u"missing_variable"_s, n.key, indexed(u"rules"_s, i, u"variable"_s),
                      FlowValidator::tr("A rule needs a variable"));
        const QString op = rule.value(u"operator"_s).toString();
        if (!operators().contains(op))
            out.error(u"unknown_operator"_s, n.key, indexed(u"rules"_s, i, u"operator"_s),
                      FlowValidator::tr("Must be one of: %1").arg(operators().join(u", "_s)));
        else if (op == "matches"_L1)
            checkPattern(out, n.key, indexed(u"rules"_s, i, u"value"_s), rule.value(u"value"_s).toString());
    }
}

void checkInput(Collector &out, const FlowNode &n)
{
    const QString v = n.config.value(u"validation"_s).toString();
    if (v.startsWith("regex:"_L1))
        checkPattern(out, n.key, u"config.validation"_s, v.mid(6));
    else if (!v.isEmpty() && !plainValidations().contains(v))
        out.error(u"invalid_validation"_s, n.key, u"config.validation"_s,
                  FlowValidator::tr("Must be one of: %1")
                      .arg(plainValidations().join(u", "_s) + u", regex:<pattern>"_s));
}

// A JSON path as an http_request's `save` may name (docs/BOT_FLOWS.md#json-paths): `$` or a first
// member name, then `.name`, `[n]`, `['name']` or `["name"]` steps; nothing else.
bool isJsonPath(const QString &path)
{
    static const QRegularExpression head(u"\\$|[^.\\[\\]'\"\\s]+"_s);
    static const QRegularExpression step(u"\\.[^.\\[\\]'\"\\s]+|\\[([0-9]{1,7})\\]|\\['[^']+'\\]|\\[\"[^\"]+\"\\]"_s);
    const QString p = path.trimmed();
    if (p.isEmpty() || p.size() > 512)
        return false;
    QRegularExpressionMatch m =
        head.match(p, 0, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
    if (!m.hasMatch())
        return false;
    qsizetype at = m.capturedEnd();
    while (at < p.size()) {
        m = step.match(p, at, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
        if (!m.hasMatch() || (m.hasCaptured(1) && m.captured(1).toLongLong() > 1'000'000))
            return false;
        at = m.capturedEnd();
    }
    return true;
}

void checkHttpRequest(Collector &out, const FlowNode &n)
{
    const QJsonObject save = n.config.value(u"save"_s).toObject();
    for (auto it = save.begin(); it != save.end(); ++it) {
        if (!isJsonPath(it.value().toString()))
            out.error(u"invalid_json_path"_s, n.key, u"config.save."_s + it.key(),
                      FlowValidator::tr("Invalid JSON path"));
    }
}

// The variables something in the flow sets: the flow's own, inputs' answers, set_variable's
// assignments and http_request's saves.
QSet<QString> setVariables(const FlowGraph &graph)
{
    QSet<QString> names;
    const QJsonObject variables = graph.settings().value(u"variables"_s).toObject();
    for (auto it = variables.begin(); it != variables.end(); ++it)
        names.insert(it.key());
    for (const FlowNode &n : graph.nodes()) {
        if (n.type == "input"_L1) {
            names.insert(n.config.value(u"variable"_s).toString());
        } else if (n.type == "set_variable"_L1 || n.type == "http_request"_L1) {
            const QJsonObject map = n.config.value(n.type == "set_variable"_L1 ? u"assign"_s : u"save"_s).toObject();
            for (auto it = map.begin(); it != map.end(); ++it)
                names.insert(it.key());
        }
    }
    return names;
}

// Strongly connected components (Tarjan) of the nodes that go on at once: a component of two or
// more, or a node leading to itself, loops without ever waiting for the customer.
QList<QList<int>> busyLoops(const FlowGraph &graph)
{
    const int count = graph.size();
    QList<QList<int>> next(count);
    QList<bool> busy(count, false);
    for (int i = 0; i < count; ++i)
        busy[i] = !FlowGraph::waits(graph.node(i).type) && FlowGraph::nodeTypes().contains(graph.node(i).type);
    for (int i = 0; i < count; ++i) {
        if (!busy[i])
            continue;
        for (const FlowPort &p : FlowGraph::ports(graph.node(i))) {
            const int j = graph.indexOf(p.target);
            if (j >= 0 && busy[j] && !next[i].contains(j))
                next[i].append(j);
        }
    }
    return Conversa::graphCycles(next);
}

}   // namespace

QString FlowValidator::portOf(const QString &field)
{
    static const QRegularExpression item(u"^config\\.(options|rules)\\[(\\d+)\\]"_s);
    if (field == "config.next"_L1 || field == "config.default"_L1 || field == "config.on_error"_L1)
        return field;
    const QRegularExpressionMatch m = item.match(field);
    return m.hasMatch() ? m.captured(0) + u".next"_s : QString();
}

QList<FlowProblem> FlowValidator::check(const FlowGraph &graph)
{
    Collector out;
    const QString start = graph.startNode();
    const QString fallback = graph.fallbackNode();
    if (start.isEmpty())
        out.error(u"missing_start"_s, {}, u"start_node_id"_s, tr("A start node is required"));
    else if (!graph.contains(start))
        out.error(u"unknown_start"_s, {}, u"start_node_id"_s,
                  tr("Names %1, which is not a node of the flow").arg(start));
    if (!fallback.isEmpty() && !graph.contains(fallback))
        out.error(u"unknown_fallback"_s, {}, u"fallback_node_id"_s,
                  tr("Names %1, which is not a node of the flow").arg(fallback));

    const QSet<QString> variables = setVariables(graph);
    for (const FlowNode &n : graph.nodes()) {
        if (!FlowGraph::nodeTypes().contains(n.type)) {
            out.error(u"unknown_type"_s, n.key, u"node_type"_s,
                      tr("Must be one of: %1").arg(FlowGraph::nodeTypes().join(u", "_s)));
            continue;
        }
        for (const FlowPort &p : FlowGraph::ports(n)) {
            // An option or rule must lead somewhere (publishing refuses it). A `next` left out is
            // accepted by the server, but a session that gets there fails and goes to the queue:
            // a warning. A default or on_error left out is fine.
            if (p.target.isEmpty() && (p.kind == "option"_L1 || p.kind == "rule"_L1))
                out.error(u"missing_next"_s, n.key, p.field, tr("Connect this to the node that follows"));
            else if (p.target.isEmpty() && p.kind == "next"_L1)
                out.add(FlowProblem::Warning, u"missing_next"_s, n.key, p.field,
                        tr("Nothing follows: a session that gets here goes to the queue"));
            else if (!p.target.isEmpty() && !graph.contains(p.target))
                out.error(u"dangling_next"_s, n.key, p.field,
                          tr("Leads to %1, which is not a node of the flow").arg(p.target));
        }
        if (n.type == "menu"_L1)
            checkMenu(out, n);
        else if (n.type == "condition"_L1)
            checkCondition(out, n);
        else if (n.type == "input"_L1)
            checkInput(out, n);
        else if (n.type == "http_request"_L1)
            checkHttpRequest(out, n);
        if (n.type == "condition"_L1) {
            const QJsonArray rules = n.config.value(u"rules"_s).toArray();
            for (qsizetype i = 0; i < rules.size(); ++i) {
                const QString variable = rules.at(i).toObject().value(u"variable"_s).toString().trimmed();
                if (variable.isEmpty() || variable.startsWith("client."_L1) || variables.contains(variable))
                    continue;
                out.add(FlowProblem::Warning, u"undefined_variable"_s, n.key, indexed(u"rules"_s, i, u"variable"_s),
                        tr("No node sets %1 and the flow's variables do not define it").arg(variable));
            }
        }
    }

    for (const QList<int> &loop : busyLoops(graph)) {
        QStringList keys;
        for (int i : loop)
            keys.append(graph.node(i).key);
        // Every node of the loop shows it; the server names the first.
        for (const QString &key : std::as_const(keys))
            out.error(u"busy_loop"_s, key, {},
                      tr("These nodes loop without ever waiting for the customer: %1").arg(keys.join(u", "_s)));
    }

    // Reachability, from the start node and the fallback node (where a timeout goes).
    if (graph.contains(start)) {
        QList<bool> seen(graph.size(), false);
        QList<int> todo{graph.indexOf(start)};
        if (graph.contains(fallback))
            todo.append(graph.indexOf(fallback));
        while (!todo.isEmpty()) {
            const int i = todo.takeLast();
            if (seen[i])
                continue;
            seen[i] = true;
            for (const FlowPort &p : FlowGraph::ports(graph.node(i))) {
                const int j = graph.indexOf(p.target);
                if (j >= 0 && !seen[j])
                    todo.append(j);
            }
        }
        for (int i = 0; i < graph.size(); ++i) {
            if (!seen[i])
                out.add(FlowProblem::Warning, u"unreachable"_s, graph.node(i).key, {},
                        tr("No path from the start node leads here"));
        }
    }
    return out.problems;
}

QList<FlowProblem> FlowValidator::fromServerDetails(const QJsonArray &details, FlowProblem::Severity severity)
{
    QList<FlowProblem> out;
    for (const QJsonValue &v : details) {
        const QJsonObject d = v.toObject();
        const QString field = d.value(u"field"_s).toString();
        FlowProblem p{severity, u"server"_s, {}, field, {}, d.value(u"message"_s).toString()};
        // Node keys have no dots (letters, digits, - and _): "nodes.<key>" or "nodes.<key>.<field>".
        if (field.startsWith("nodes."_L1)) {
            const qsizetype dot = field.indexOf(u'.', 6);
            p.nodeKey = field.mid(6, dot < 0 ? -1 : dot - 6);
            p.field = dot < 0 ? QString() : field.mid(dot + 1);
            p.port = portOf(p.field);
        }
        out.append(p);
    }
    return out;
}

QList<FlowProblem> FlowValidator::fromServerError(const QJsonObject &body)
{
    return fromServerDetails(body.value(u"error"_s).toObject().value(u"details"_s).toArray(), FlowProblem::Error);
}
