#pragma once

#include <QList>

namespace Conversa {

// The cycles of a directed graph given as each node's successors (node indexes): its strongly
// connected components of more than one node, and single nodes with an edge to themselves; each
// sorted, the list by its first node. The server's publish check and the desktop's flow editor
// find a bot flow's waitless loops with it (docs/BOT_FLOWS.md), so both name the same nodes.
QList<QList<int>> graphCycles(const QList<QList<int>> &successors);

}   // namespace Conversa
