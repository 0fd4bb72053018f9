#include "FlowQueries.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace FlowQueries {

const QStringList &clientFields()
{
    static const QStringList fields{u"client.first_name"_s, u"client.last_name"_s, u"client.phone_number"_s,
                                    u"client.email"_s, u"client.company"_s};
    return fields;
}

namespace {

// What one node sets (docs/BOT_FLOWS.md#node-types).
QStringList setBy(const FlowNode &node)
{
    if (node.type == "input"_L1) {
        const QString v = node.config.value(u"variable"_s).toString().trimmed();
        return v.isEmpty() ? QStringList{} : QStringList{v};
    }
    if (node.type == "set_variable"_L1)
        return node.config.value(u"assign"_s).toObject().keys();
    if (node.type == "http_request"_L1)
        return node.config.value(u"save"_s).toObject().keys();
    return {};
}

bool containsText(const QJsonValue &value, const QString &text)
{
    if (value.isString())
        return value.toString().contains(text, Qt::CaseInsensitive);
    if (value.isArray()) {
        for (const QJsonValue &v : value.toArray()) {
            if (containsText(v, text))
                return true;
        }
    } else if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key().contains(text, Qt::CaseInsensitive) || containsText(it.value(), text))
                return true;
        }
    }
    return false;
}

}   // namespace

QStringList variablesInScope(const FlowGraph &graph, const QString &key)
{
    // The nodes that can lead to `key`: walk the edges backwards.
    QHash<QString, QStringList> into;
    for (const FlowEdge &e : graph.edges())
        into[e.to].append(e.from);
    QSet<QString> before;
    QStringList pending = into.value(key);
    while (!pending.isEmpty()) {
        const QString k = pending.takeLast();
        if (before.contains(k))
            continue;
        before.insert(k);
        pending += into.value(k);
    }

    QSet<QString> names;
    const QJsonObject variables = graph.settings().value(u"variables"_s).toObject();
    for (auto it = variables.begin(); it != variables.end(); ++it)
        names.insert(it.key());
    for (const FlowNode &n : graph.nodes()) {
        if (before.contains(n.key)) {
            for (const QString &v : setBy(n))
                names.insert(v);
        }
    }
    QStringList out(names.begin(), names.end());
    out.sort();
    return out + clientFields();
}

QStringList search(const FlowGraph &graph, const QString &text)
{
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return {};
    QStringList byKey;
    QStringList byText;
    for (const FlowNode &n : graph.nodes()) {
        if (n.key.contains(needle, Qt::CaseInsensitive))
            byKey.append(n.key);
        else if (containsText(n.config, needle))
            byText.append(n.key);
    }
    return byKey + byText;
}

QVariantMap testPattern(const QString &pattern, const QString &sample, bool whole)
{
    // QRegularExpression is PCRE2, as the server's patterns; (?i) is PCRE2's own syntax.
    const QRegularExpression re(whole ? QRegularExpression::anchoredPattern(pattern) : pattern);
    const bool valid = !pattern.isEmpty() && re.isValid();
    QString error;
    if (pattern.isEmpty())
        error = QCoreApplication::translate("FlowQueries", "The pattern is empty");
    else if (!re.isValid())
        error = re.errorString();
    return {{u"valid"_s, valid}, {u"error"_s, error}, {u"matched"_s, valid && re.match(sample).hasMatch()}};
}

}   // namespace FlowQueries
