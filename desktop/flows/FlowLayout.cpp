#include "FlowLayout.h"

#include <QSet>

#include <algorithm>

namespace {

struct Adjacency {
    QList<QList<int>> next;   // targets in port order, each once
    QList<QList<int>> prev;
};

Adjacency adjacency(const FlowGraph &graph)
{
    Adjacency a{QList<QList<int>>(graph.size()), QList<QList<int>>(graph.size())};
    for (int i = 0; i < graph.size(); ++i) {
        for (const FlowPort &p : FlowGraph::ports(graph.node(i))) {
            const int j = graph.indexOf(p.target);
            if (j >= 0 && !a.next[i].contains(j)) {
                a.next[i].append(j);
                a.prev[j].append(i);
            }
        }
    }
    return a;
}

// Depth-first from each root in turn over the nodes of `members` not yet visited: the preorder
// (appended to `order`) and the edges that go back to a node on the current path (`back`).
void explore(const Adjacency &a, const QList<int> &roots, const QList<bool> &members, QList<bool> &visited,
             QList<int> &order, QSet<QPair<int, int>> &back)
{
    QList<bool> onPath(members.size(), false);
    for (int root : roots) {
        if (visited[root])
            continue;
        // Iterative, so a long chain of nodes cannot exhaust the stack: (node, next child index).
        QList<QPair<int, int>> stack{{root, 0}};
        visited[root] = onPath[root] = true;
        order.append(root);
        while (!stack.isEmpty()) {
            auto &[v, child] = stack.last();
            if (child == a.next[v].size()) {
                onPath[v] = false;
                stack.removeLast();
                continue;
            }
            const int w = a.next[v][child++];
            if (!members[w])
                continue;
            if (onPath[w]) {
                back.insert({v, w});
            } else if (!visited[w]) {
                visited[w] = onPath[w] = true;
                order.append(w);
                stack.append({w, 0});
            }
        }
    }
}

// The layer of every node by row, and the rows in depth-first order (ports in wire order), which
// is the order nodes take inside a layer before the barycenter sweep.
QList<int> layering(const FlowGraph &graph, QList<int> *visitOrder);

}   // namespace

QList<int> FlowLayout::layers(const FlowGraph &graph)
{
    return layering(graph, nullptr);
}

namespace {

QList<int> layering(const FlowGraph &graph, QList<int> *visitOrder)
{
    const int count = graph.size();
    const Adjacency a = adjacency(graph);
    QList<int> layer(count, -1);
    QList<bool> visited(count, false);
    QSet<QPair<int, int>> back;

    // First what the start node reaches, then the rest, each part layered on its own.
    const int start = graph.indexOf(graph.startNode());
    QList<bool> reached(count, false);
    QList<int> order;
    if (start >= 0) {
        explore(a, {start}, QList<bool>(count, true), reached, order, back);
        visited = reached;
    }
    QList<QList<int>> parts{order};
    QList<bool> rest(count, false);
    QList<int> roots;
    for (int i = 0; i < count; ++i)
        rest[i] = !reached[i];
    for (int i = 0; i < count; ++i) {   // roots first: nodes nothing unreached leads to
        const bool led = std::any_of(a.prev[i].begin(), a.prev[i].end(), [&](int p) { return rest[p]; });
        if (rest[i] && !led)
            roots.append(i);
    }
    for (int i = 0; i < count; ++i) {
        if (rest[i])
            roots.append(i);
    }
    QList<int> restOrder;
    explore(a, roots, rest, visited, restOrder, back);
    parts.append(restOrder);

    // Longest path over the forward edges, in topological order (Kahn), one part after the other.
    int base = 0;
    for (const QList<int> &part : std::as_const(parts)) {
        QSet<int> inPart(part.begin(), part.end());
        QHash<int, int> pending;
        for (int v : part) {
            pending[v] = int(std::count_if(a.prev[v].begin(), a.prev[v].end(), [&](int p) {
                return inPart.contains(p) && !back.contains({p, v});
            }));
        }
        QList<int> ready;
        for (int v : part) {
            if (pending[v] == 0) {
                ready.append(v);
                layer[v] = base;
            }
        }
        int deepest = base - 1;
        while (!ready.isEmpty()) {
            const int v = ready.takeFirst();
            deepest = std::max(deepest, layer[v]);
            for (int w : a.next[v]) {
                if (!inPart.contains(w) || back.contains({v, w}))
                    continue;
                layer[w] = std::max(layer[w], layer[v] + 1);
                if (--pending[w] == 0)
                    ready.append(w);
            }
        }
        base = deepest + 1;
    }
    if (visitOrder)
        *visitOrder = order + restOrder;
    return layer;
}

}   // namespace

QHash<QString, QPointF> FlowLayout::compute(const FlowGraph &graph, const Options &options)
{
    QList<int> visitOrder;
    const QList<int> layer = layering(graph, &visitOrder);
    const Adjacency a = adjacency(graph);
    int layerCount = 0;
    for (int l : layer)
        layerCount = std::max(layerCount, l + 1);
    QList<QList<int>> rows(layerCount);
    for (int i : std::as_const(visitOrder))
        rows[layer[i]].append(i);

    // Barycenter sweep: a layer's nodes sorted by the mean slot of their predecessors in earlier
    // layers; nodes without one keep their place among the others.
    QList<double> slot(graph.size(), 0);
    for (int l = 0; l < layerCount; ++l) {
        QList<int> &row = rows[l];
        QHash<int, double> key;
        for (int k = 0; k < row.size(); ++k) {
            double sum = 0;
            int n = 0;
            for (int p : a.prev[row[k]]) {
                if (layer[p] < l) {
                    sum += slot[p];
                    ++n;
                }
            }
            key[row[k]] = n ? sum / n : k;
        }
        std::stable_sort(row.begin(), row.end(), [&](int x, int y) { return key[x] < key[y]; });
        for (int k = 0; k < row.size(); ++k)
            slot[row[k]] = k;
    }

    qsizetype widest = 0;
    for (const QList<int> &row : std::as_const(rows))
        widest = std::max(widest, row.size());
    const bool across = options.direction == LeftToRight;
    const double along = (across ? options.nodeSize.width() : options.nodeSize.height()) +
        (across ? options.spacing.width() : options.spacing.height());
    const double side = (across ? options.nodeSize.height() : options.nodeSize.width()) +
        (across ? options.spacing.height() : options.spacing.width());
    QHash<QString, QPointF> out;
    for (int l = 0; l < layerCount; ++l) {
        // Each layer centred on the widest one, on whole coordinates as the server keeps them.
        const double offset = (widest - rows[l].size()) * side / 2;
        for (int k = 0; k < rows[l].size(); ++k) {
            const double u = qRound(l * along), v = qRound(offset + k * side);
            out.insert(graph.node(rows[l][k]).key, across ? QPointF(u, v) : QPointF(v, u));
        }
    }
    return out;
}
