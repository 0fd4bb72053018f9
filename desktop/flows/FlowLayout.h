#pragma once

#include "FlowGraph.h"

#include <QHash>
#include <QSizeF>

// Auto-layout of a flow in layers: the start node in the first layer, each node one layer after
// the furthest node leading to it (edges that close a loop left aside), so every other edge points
// forward; the nodes no path from the start reaches come after, laid out the same way among
// themselves. Inside a layer, nodes follow the order of their predecessors (a barycenter sweep),
// so edges cross less. Layers run left to right or top to bottom.
class FlowLayout {
public:
    enum Direction { LeftToRight, TopToBottom };

    struct Options {
        Direction direction = LeftToRight;
        QSizeF nodeSize{240, 120};   // the cell every node is given
        QSizeF spacing{80, 40};      // between layers (along the direction), between nodes of a layer
    };

    // Every node's new top-left position, by key.
    static QHash<QString, QPointF> compute(const FlowGraph &graph, const Options &options);
    static QHash<QString, QPointF> compute(const FlowGraph &graph) { return compute(graph, Options{}); }
    // The layer of every node (as compute() places them), by row.
    static QList<int> layers(const FlowGraph &graph);
};
