#include "FlowNodeModel.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

QVariantMap problemMap(const FlowProblem &p)
{
    return {{u"severity"_s, p.severity == FlowProblem::Error ? u"error"_s : u"warning"_s},
            {u"kind"_s, p.kind},
            {u"field"_s, p.field},
            {u"port"_s, p.port},
            {u"message"_s, p.message}};
}

}   // namespace

FlowNodeModel::FlowNodeModel(const FlowGraph &graph, QObject *parent) : QAbstractListModel(parent), m_graph(graph) {}

int FlowNodeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_graph.size();
}

QString FlowNodeModel::portLabel(const FlowNode &node, const FlowPort &port)
{
    if (port.kind == "option"_L1)
        return node.config.value(u"options"_s).toArray().at(port.index).toObject().value(u"label"_s).toString();
    if (port.kind == "rule"_L1) {
        const QJsonObject rule = node.config.value(u"rules"_s).toArray().at(port.index).toObject();
        const QJsonValue value = rule.value(u"value"_s);
        QStringList parts{rule.value(u"variable"_s).toString(), rule.value(u"operator"_s).toString()};
        if (!value.isUndefined() && !value.isNull())
            parts.append(value.isString() ? value.toString() : value.toVariant().toString());
        return parts.join(u' ');
    }
    if (port.kind == "default"_L1)
        return tr("Otherwise");
    if (port.kind == "on_error"_L1)
        return tr("On error");
    return tr("Next");
}

QVariant FlowNodeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FlowNode &n = m_graph.node(index.row());
    const QList<FlowProblem> problems = m_problems.value(n.key);
    const auto has = [&problems](FlowProblem::Severity s) {
        return std::any_of(problems.begin(), problems.end(), [s](const FlowProblem &p) { return p.severity == s; });
    };
    switch (role) {
    case Qt::DisplayRole:
    case KeyRole: return n.key;
    case TypeRole: return n.type;
    case ConfigRole: return n.config.toVariantMap();
    case XRole: return n.position.x();
    case YRole: return n.position.y();
    case PortsRole: {
        QVariantList ports;
        for (const FlowPort &p : FlowGraph::ports(n)) {
            const bool error = std::any_of(problems.begin(), problems.end(), [&p](const FlowProblem &x) {
                return x.port == p.field && x.severity == FlowProblem::Error;
            });
            ports.append(QVariantMap{{u"field"_s, p.field},
                                     {u"kind"_s, p.kind},
                                     {u"index"_s, p.index},
                                     {u"label"_s, portLabel(n, p)},
                                     {u"target"_s, p.target},
                                     {u"connected"_s, m_graph.contains(p.target)},
                                     {u"hasError"_s, error}});
        }
        return ports;
    }
    case IsStartRole: return !n.key.isEmpty() && n.key == m_graph.startNode();
    case IsFallbackRole: return !n.key.isEmpty() && n.key == m_graph.fallbackNode();
    case ProblemsRole: {
        QVariantList out;
        for (const FlowProblem &p : problems)
            out.append(problemMap(p));
        return out;
    }
    case HasErrorsRole: return has(FlowProblem::Error);
    case HasWarningsRole: return has(FlowProblem::Warning);
    default: return {};
    }
}

QHash<int, QByteArray> FlowNodeModel::roleNames() const
{
    return {{KeyRole, "key"},
            {TypeRole, "type"},
            {ConfigRole, "config"},
            {XRole, "x"},
            {YRole, "y"},
            {PortsRole, "ports"},
            {IsStartRole, "isStart"},
            {IsFallbackRole, "isFallback"},
            {ProblemsRole, "problems"},
            {HasErrorsRole, "hasErrors"},
            {HasWarningsRole, "hasWarnings"}};
}

void FlowNodeModel::rowChanged(int row, const QList<int> &roles)
{
    const QModelIndex i = index(row);
    emit dataChanged(i, i, roles);
}

void FlowNodeModel::setProblems(const QHash<QString, QList<FlowProblem>> &byNode)
{
    QSet<QString> changed;
    for (auto it = byNode.begin(); it != byNode.end(); ++it) {
        if (m_problems.value(it.key()) != it.value())
            changed.insert(it.key());
    }
    for (auto it = m_problems.begin(); it != m_problems.end(); ++it) {
        if (!byNode.contains(it.key()))
            changed.insert(it.key());
    }
    m_problems = byNode;
    for (const QString &key : std::as_const(changed)) {
        const int row = m_graph.indexOf(key);
        if (row >= 0)
            rowChanged(row, {PortsRole, ProblemsRole, HasErrorsRole, HasWarningsRole});
    }
}

QVariantMap FlowNodeModel::get(int row) const
{
    QVariantMap out;
    const QModelIndex i = index(row);
    if (!i.isValid())
        return out;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        out.insert(QString::fromLatin1(it.value()), data(i, it.key()));
    return out;
}
