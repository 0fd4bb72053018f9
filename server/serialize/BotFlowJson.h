#pragma once

#include "domain/BotFlowSimulator.h"
#include "domain/BotFlowStatsService.h"
#include "store/BotFlowStore.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace Conversa::Server {

class JsonWriter;

// The bot flow wire types (docs/BOT_FLOWS.md): the one place the server writes them.
namespace BotFlowJson {

// GET /bot-flows/:id's keys, written into an object the caller opened (publish adds warnings).
void writeFlowFields(JsonWriter &w, const BotFlowRow &f, const QList<BotFlowNodeRow> &nodes);
// GET /bot-flows/:id's body.
QByteArray flowJson(const BotFlowRow &f, const QList<BotFlowNodeRow> &nodes);
// An item of GET /bot-flows: the settings without the nodes, with nodes_count.
void writeListItem(JsonWriter &w, const BotFlowRow &f);
// An item of GET /bot-flows/:id/versions.
void writeVersionItem(JsonWriter &w, const BotFlowVersionRow &v);
// GET /bot-flows/:id/versions/:version's body: the item's keys and the frozen definition's.
QByteArray versionJson(const BotFlowVersionRow &v);
// What publishing freezes: the draft's settings and nodes with GET /bot-flows/:id's keys (no ids,
// no bookkeeping). BotFlow::Definition::fromJson reads it, as it reads GET /bot-flows/:id.
QJsonObject definitionOf(const BotFlowRow &f, const QList<BotFlowNodeRow> &nodes);

// GET /bot-flows/:id/stats's body.
QByteArray statsJson(const BotFlowStats &stats);
// POST /bot-flows/:id/simulate's keys but `warnings` (whose messages the caller translates),
// written into an object the caller opened.
void writeSimulationFields(JsonWriter &w, const BotSimulation &simulation);

}   // namespace BotFlowJson

}   // namespace Conversa::Server
