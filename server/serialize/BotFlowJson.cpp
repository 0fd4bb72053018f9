#include "BotFlowJson.h"

#include "core/JsonWriter.h"

#include <Conversa/dto/WireKeyNames.h>

#include <QJsonArray>
#include <QJsonDocument>

namespace Conversa::Server {

using namespace Conversa;

namespace {

QString botFlowKey(WireKey key)
{
    return key;
}

QJsonValue botFlowTextOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

void writeBotFlowPerson(JsonWriter &w, const char *name, qint64 id, const QString &first, const QString &last)
{
    w.key(name);
    if (id <= 0) {
        w.null();
        return;
    }
    w.beginObject()
        .field(UserRefKeys::id, id)
        .field(UserRefKeys::firstName, first)
        .field(UserRefKeys::lastName, last)
        .endObject();
}

// The settings every flow answer has (list item and detail), without nodes and bookkeeping.
void writeBotFlowSettings(JsonWriter &w, const BotFlowRow &f)
{
    w.field(BotFlowKeys::id, f.id).field(BotFlowKeys::name, f.name);
    w.textOrNull(BotFlowKeys::description, f.description);
    w.textOrNull(BotFlowKeys::startNodeId, f.startNodeKey);
    w.key(BotFlowKeys::variables).json(f.variables);
    w.field(BotFlowKeys::timeoutSeconds, f.timeoutSeconds);
    w.field(BotFlowKeys::maxInvalidAttempts, f.maxInvalidAttempts);
    w.textOrNull(BotFlowKeys::fallbackNodeId, f.fallbackNodeKey);
}

void writeBotFlowState(JsonWriter &w, const BotFlowRow &f)
{
    w.field(BotFlowKeys::version, f.publishedVersion).field(BotFlowKeys::isPublished, f.isPublished());
    w.field(BotFlowKeys::revision, f.revision).field(BotFlowKeys::hasUnpublishedChanges, f.hasUnpublishedChanges());
    writeBotFlowPerson(w, BotFlowKeys::savedBy, f.savedBy, f.savedByFirstName, f.savedByLastName);
    w.timeOrNull(BotFlowKeys::savedAt, f.savedAt);
    w.timeOrNull(BotFlowKeys::createdAt, f.createdAt);
    w.timeOrNull(BotFlowKeys::updatedAt, f.updatedAt);
}

}   // namespace

void BotFlowJson::writeFlowFields(JsonWriter &w, const BotFlowRow &f, const QList<BotFlowNodeRow> &nodes)
{
    writeBotFlowSettings(w, f);
    w.key(BotFlowKeys::nodes).beginArray();
    for (const BotFlowNodeRow &n : nodes) {
        w.beginObject().field(BotNodeKeys::id, n.id).field(BotNodeKeys::nodeKey, n.key);
        w.field(BotNodeKeys::nodeType, n.type);
        w.key(BotNodeKeys::config).json(n.config);
        w.textOrNull(BotNodeKeys::nextNodeKey, n.nextNodeKey);
        w.field(BotNodeKeys::positionX, n.positionX).field(BotNodeKeys::positionY, n.positionY);
        w.endObject();
    }
    w.endArray();
    writeBotFlowState(w, f);
}

QByteArray BotFlowJson::flowJson(const BotFlowRow &f, const QList<BotFlowNodeRow> &nodes)
{
    JsonWriter w(1024 + nodes.size() * 256);
    w.beginObject();
    writeFlowFields(w, f, nodes);
    w.endObject();
    return w.take();
}

void BotFlowJson::writeListItem(JsonWriter &w, const BotFlowRow &f)
{
    w.beginObject();
    writeBotFlowSettings(w, f);
    w.field(BotFlowKeys::nodesCount, f.nodesCount);
    writeBotFlowState(w, f);
    w.endObject();
}

void BotFlowJson::writeVersionItem(JsonWriter &w, const BotFlowVersionRow &v)
{
    w.beginObject().field(BotFlowKeys::flowId, v.flowId).field(BotFlowKeys::version, v.version);
    writeBotFlowPerson(w, BotFlowKeys::publishedBy, v.publishedBy, v.publishedByFirstName, v.publishedByLastName);
    w.timeOrNull(BotFlowKeys::publishedAt, v.publishedAt);
    w.endObject();
}

QByteArray BotFlowJson::versionJson(const BotFlowVersionRow &v)
{
    const QJsonObject definition = QJsonDocument::fromJson(v.definition).object();
    JsonWriter w(512 + v.definition.size());
    w.beginObject().field(BotFlowKeys::flowId, v.flowId).field(BotFlowKeys::version, v.version);
    writeBotFlowPerson(w, BotFlowKeys::publishedBy, v.publishedBy, v.publishedByFirstName, v.publishedByLastName);
    w.timeOrNull(BotFlowKeys::publishedAt, v.publishedAt);
    for (auto it = definition.begin(); it != definition.end(); ++it) {
        const QByteArray name = it.key().toUtf8();
        w.key(name.constData()).json(it.value());
    }
    w.endObject();
    return w.take();
}

QJsonObject BotFlowJson::definitionOf(const BotFlowRow &f, const QList<BotFlowNodeRow> &nodes)
{
    QJsonArray nodeArray;
    for (const BotFlowNodeRow &n : nodes) {
        nodeArray.append(QJsonObject{{botFlowKey(BotNodeKeys::nodeKey), n.key},
                                     {botFlowKey(BotNodeKeys::nodeType), n.type},
                                     {botFlowKey(BotNodeKeys::config), n.config},
                                     {botFlowKey(BotNodeKeys::nextNodeKey), botFlowTextOrNull(n.nextNodeKey)},
                                     {botFlowKey(BotNodeKeys::positionX), n.positionX},
                                     {botFlowKey(BotNodeKeys::positionY), n.positionY}});
    }
    return {{botFlowKey(BotFlowKeys::name), f.name},
            {botFlowKey(BotFlowKeys::description), botFlowTextOrNull(f.description)},
            {botFlowKey(BotFlowKeys::startNodeId), botFlowTextOrNull(f.startNodeKey)},
            {botFlowKey(BotFlowKeys::variables), f.variables},
            {botFlowKey(BotFlowKeys::timeoutSeconds), f.timeoutSeconds},
            {botFlowKey(BotFlowKeys::maxInvalidAttempts), f.maxInvalidAttempts},
            {botFlowKey(BotFlowKeys::fallbackNodeId), botFlowTextOrNull(f.fallbackNodeKey)},
            {botFlowKey(BotFlowKeys::nodes), nodeArray}};
}

QByteArray BotFlowJson::statsJson(const BotFlowStats &stats)
{
    JsonWriter w(512 + stats.nodes.size() * 96 + stats.edges.size() * 128);
    w.beginObject();
    w.field(BotStatsKeys::totalSessions, stats.totalSessions);
    w.field(BotStatsKeys::totalCompletions, stats.totalCompletions);
    w.field(BotStatsKeys::completionRate, stats.completionRate);
    w.field(BotStatsKeys::avgCompletionTimeSeconds, stats.avgCompletionTimeSeconds);
    w.key(BotStatsKeys::nodeStats).beginArray();
    for (const BotNodeStats &n : stats.nodes) {
        w.beginObject().field(BotStatsKeys::nodeKey, n.nodeKey).field(BotStatsKeys::visits, n.visits);
        w.field(BotStatsKeys::exits, n.exits).field(BotStatsKeys::waiting, n.waiting).endObject();
    }
    w.endArray();
    w.key(BotStatsKeys::edges).beginArray();
    for (const BotStatsEdgeCount &e : stats.edges) {
        w.beginObject().field(BotStatsKeys::from, e.from).field(BotStatsKeys::to, e.to);
        w.textOrNull(BotStatsKeys::edge, e.edge).field(BotStatsKeys::count, e.steps).endObject();
    }
    w.endArray();
    w.key(BotStatsKeys::outcomes).beginObject();
    for (const auto &[status, sessions] : stats.outcomes) {
        const QByteArray name = status.toUtf8();
        w.field(name.constData(), sessions);
    }
    w.endObject();
    w.endObject();
    return w.take();
}

void BotFlowJson::writeSimulationFields(JsonWriter &w, const BotSimulation &simulation)
{
    w.field(BotSimulationKeys::status, simulation.status);
    w.textOrNull(BotSimulationKeys::waitingFor, simulation.waitingFor);
    w.textOrNull(BotSimulationKeys::nodeKey, simulation.nodeKey);
    w.textOrNull(BotSimulationKeys::detail, simulation.detail);
    w.key(BotSimulationKeys::variables).json(simulation.variables);
    w.key(BotSimulationKeys::transcript).beginArray();
    for (const BotSimulationEntry &e : simulation.transcript) {
        w.beginObject().field(BotSimulationKeys::type, e.type);
        if (!e.nodeKey.isEmpty())
            w.field(BotSimulationKeys::nodeKey, e.nodeKey);
        for (auto it = e.fields.begin(); it != e.fields.end(); ++it) {
            const QByteArray name = it.key().toUtf8();
            w.key(name.constData()).json(it.value());
        }
        w.endObject();
    }
    w.endArray();
    w.key(BotSimulationKeys::steps).beginArray();
    for (const BotSimulationStep &s : simulation.steps) {
        w.beginObject().field(BotSimulationKeys::nodeKey, s.nodeKey).field(BotSimulationKeys::nodeType, s.nodeType);
        w.textOrNull(BotSimulationKeys::from, s.from).textOrNull(BotSimulationKeys::edge, s.edge).endObject();
    }
    w.endArray();
}

}   // namespace Conversa::Server
