#include "GraphCycles.h"

#include <algorithm>
#include <functional>

namespace Conversa {

QList<QList<int>> graphCycles(const QList<QList<int>> &next)
{
    // Tarjan's strongly connected components.
    const qsizetype count = next.size();
    QList<int> order(count, -1), low(count, 0), stack;
    QList<bool> onStack(count, false);
    int counter = 0;
    QList<QList<int>> loops;
    std::function<void(int)> visit = [&](int v) {
        order[v] = low[v] = counter++;
        stack.append(v);
        onStack[v] = true;
        for (int w : std::as_const(next[v])) {
            if (order[w] < 0) {
                visit(w);
                low[v] = std::min(low[v], low[w]);
            } else if (onStack[w]) {
                low[v] = std::min(low[v], order[w]);
            }
        }
        if (low[v] != order[v])
            return;
        QList<int> component;
        int w = -1;
        do {
            w = stack.takeLast();
            onStack[w] = false;
            component.append(w);
        } while (w != v);
        if (component.size() > 1 || next[v].contains(v)) {
            std::sort(component.begin(), component.end());
            loops.append(component);
        }
    };
    for (int i = 0; i < count; ++i) {
        if (order[i] < 0)
            visit(i);
    }
    std::sort(loops.begin(), loops.end(),
              [](const QList<int> &a, const QList<int> &b) { return a.first() < b.first(); });
    return loops;
}

}   // namespace Conversa
