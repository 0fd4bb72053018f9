#include "BotFlowDto.h"

#include "WireKeyNames.h"

using namespace Qt::StringLiterals;

namespace Conversa {

BotMenuOptionDto BotMenuOptionDto::fromJson(const QJsonObject &json)
{
    BotMenuOptionDto x;
    const Json::Reader r(json, x.wireKeys);
    x.label = r.string(u"label"_s);
    x.value = r.string(u"value"_s);
    x.next = r.string(u"next"_s);
    return x;
}

QJsonObject BotMenuOptionDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"label"_s, label);
    w.put(u"value"_s, value);
    w.put(u"next"_s, next);
    return w.result();
}

BotConditionRuleDto BotConditionRuleDto::fromJson(const QJsonObject &json)
{
    BotConditionRuleDto x;
    const Json::Reader r(json, x.wireKeys);
    x.variable = r.string(u"variable"_s);
    x.op = r.string(u"operator"_s);
    x.value = r.raw(u"value"_s);
    x.next = r.string(u"next"_s);
    return x;
}

QJsonObject BotConditionRuleDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"variable"_s, variable);
    w.put(u"operator"_s, op);
    w.put(u"value"_s, value);
    w.put(u"next"_s, next);
    return w.result();
}

BotCloseDto BotCloseDto::fromJson(const QJsonObject &json)
{
    BotCloseDto x;
    const Json::Reader r(json, x.wireKeys);
    x.closeReason = r.string(u"close_reason"_s);
    x.outcome = r.optString(u"outcome"_s);
    return x;
}

QJsonObject BotCloseDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"close_reason"_s, closeReason);
    w.put(u"outcome"_s, outcome);
    return w.result();
}

QStringList BotNodeConfigDto::targets() const
{
    QStringList out;
    if (next)
        out.append(*next);
    for (const BotMenuOptionDto &o : options)
        out.append(o.next);
    for (const BotConditionRuleDto &rule : rules)
        out.append(rule.next);
    if (defaultNext)
        out.append(*defaultNext);
    if (onError)
        out.append(*onError);
    return out;
}

BotNodeConfigDto BotNodeConfigDto::fromJson(const QJsonObject &json)
{
    BotNodeConfigDto x;
    const Json::Reader r(json, x.wireKeys);
    x.content = r.optString(u"content"_s);
    x.mediaFileId = r.optInteger(u"media_file_id"_s);
    x.next = r.optString(u"next"_s);
    x.options = r.list<BotMenuOptionDto>(u"options"_s);
    x.invalidMessage = r.optString(u"invalid_message"_s);
    x.variable = r.optString(u"variable"_s);
    x.validation = r.optString(u"validation"_s);
    x.rules = r.list<BotConditionRuleDto>(u"rules"_s);
    x.defaultNext = r.optString(u"default"_s);
    x.assign = r.object(u"assign"_s);
    x.method = r.optString(u"method"_s);
    x.url = r.optString(u"url"_s);
    x.headers = r.object(u"headers"_s);
    x.body = r.raw(u"body"_s);
    x.timeoutMs = r.optInteger(u"timeout_ms"_s);
    x.save = r.object(u"save"_s);
    x.onError = r.optString(u"on_error"_s);
    x.chatTags = r.strings(u"chat_tags"_s);
    x.clientTags = r.strings(u"client_tags"_s);
    x.fields = r.object(u"fields"_s);
    x.targetType = r.optString(u"target_type"_s);
    x.targetId = r.optInteger(u"target_id"_s);
    x.skills = r.strings(u"skills"_s);
    x.seconds = r.optInteger(u"seconds"_s);
    x.close = r.nested<BotCloseDto>(u"close"_s);
    return x;
}

QJsonObject BotNodeConfigDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"content"_s, content);
    w.put(u"media_file_id"_s, mediaFileId);
    w.put(u"next"_s, next);
    w.putList(u"options"_s, options);
    w.put(u"invalid_message"_s, invalidMessage);
    w.put(u"variable"_s, variable);
    w.put(u"validation"_s, validation);
    w.putList(u"rules"_s, rules);
    w.put(u"default"_s, defaultNext);
    w.put(u"assign"_s, assign);
    w.put(u"method"_s, method);
    w.put(u"url"_s, url);
    w.put(u"headers"_s, headers);
    w.put(u"body"_s, body.isUndefined() ? QJsonValue() : body);
    w.put(u"timeout_ms"_s, timeoutMs);
    w.put(u"save"_s, save);
    w.put(u"on_error"_s, onError);
    w.put(u"chat_tags"_s, chatTags);
    w.put(u"client_tags"_s, clientTags);
    w.put(u"fields"_s, fields);
    w.put(u"target_type"_s, targetType);
    w.put(u"target_id"_s, targetId);
    w.put(u"skills"_s, skills);
    w.put(u"seconds"_s, seconds);
    w.putNested(u"close"_s, close);
    return w.result();
}

BotFlowNodeDto BotFlowNodeDto::fromJson(const QJsonObject &json)
{
    BotFlowNodeDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.nodeKey = r.string(u"node_key"_s);
    x.nodeType = r.string(u"node_type"_s);
    x.config = BotNodeConfigDto::fromJson(r.object(u"config"_s));
    x.nextNodeKey = r.optString(u"next_node_key"_s);
    x.positionX = r.optInteger(u"position_x"_s);
    x.positionY = r.optInteger(u"position_y"_s);
    return x;
}

QJsonObject BotFlowNodeDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"node_key"_s, nodeKey);
    w.put(u"node_type"_s, nodeType);
    w.put(u"config"_s, config.toJson());
    w.put(u"next_node_key"_s, nextNodeKey);
    w.put(u"position_x"_s, positionX);
    w.put(u"position_y"_s, positionY);
    return w.result();
}

BotFlowDto BotFlowDto::fromJson(const QJsonObject &json)
{
    BotFlowDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(BotFlowKeys::id);
    x.name = r.string(BotFlowKeys::name);
    x.description = r.optString(BotFlowKeys::description);
    x.startNodeId = r.string(BotFlowKeys::startNodeId);
    x.fallbackNodeId = r.optString(BotFlowKeys::fallbackNodeId);
    x.variables = r.object(BotFlowKeys::variables);
    x.timeoutSeconds = r.optInteger(BotFlowKeys::timeoutSeconds);
    x.maxInvalidAttempts = r.optInteger(BotFlowKeys::maxInvalidAttempts);
    x.nodes = r.list<BotFlowNodeDto>(BotFlowKeys::nodes);
    x.version = r.integer(BotFlowKeys::version);
    x.isPublished = r.boolean(BotFlowKeys::isPublished);
    x.revision = r.optInteger(BotFlowKeys::revision);
    x.hasUnpublishedChanges = r.boolean(BotFlowKeys::hasUnpublishedChanges);
    x.savedBy = r.nested<UserRefDto>(BotFlowKeys::savedBy);
    x.savedAt = r.time(BotFlowKeys::savedAt);
    x.createdAt = r.time(BotFlowKeys::createdAt);
    x.updatedAt = r.time(BotFlowKeys::updatedAt);
    return x;
}

QJsonObject BotFlowDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(BotFlowKeys::id, id);
    w.put(BotFlowKeys::name, name);
    w.put(BotFlowKeys::description, description);
    w.put(BotFlowKeys::startNodeId, startNodeId);
    w.put(BotFlowKeys::fallbackNodeId, fallbackNodeId);
    w.put(BotFlowKeys::variables, variables);
    w.put(BotFlowKeys::timeoutSeconds, timeoutSeconds);
    w.put(BotFlowKeys::maxInvalidAttempts, maxInvalidAttempts);
    w.putList(BotFlowKeys::nodes, nodes);
    w.put(BotFlowKeys::version, version);
    w.put(BotFlowKeys::isPublished, isPublished);
    w.put(BotFlowKeys::revision, revision);
    w.put(BotFlowKeys::hasUnpublishedChanges, hasUnpublishedChanges);
    w.putNested(BotFlowKeys::savedBy, savedBy);
    w.put(BotFlowKeys::savedAt, savedAt);
    w.put(BotFlowKeys::createdAt, createdAt);
    w.put(BotFlowKeys::updatedAt, updatedAt);
    return w.result();
}

BotFlowNodesDto BotFlowNodesDto::fromJson(const QJsonObject &json)
{
    BotFlowNodesDto x;
    const Json::Reader r(json, x.wireKeys);
    x.nodes = r.list<BotFlowNodeDto>(u"nodes"_s);
    return x;
}

QJsonObject BotFlowNodesDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.putList(u"nodes"_s, nodes);
    return w.result();
}

BotNodeStatDto BotNodeStatDto::fromJson(const QJsonObject &json)
{
    BotNodeStatDto x;
    const Json::Reader r(json, x.wireKeys);
    x.nodeKey = r.string(BotStatsKeys::nodeKey);
    x.visits = r.integer(BotStatsKeys::visits);
    x.exits = r.integer(BotStatsKeys::exits);
    x.waiting = r.integer(BotStatsKeys::waiting);
    return x;
}

QJsonObject BotNodeStatDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(BotStatsKeys::nodeKey, nodeKey);
    w.put(BotStatsKeys::visits, visits);
    w.put(BotStatsKeys::exits, exits);
    w.put(BotStatsKeys::waiting, waiting);
    return w.result();
}

BotEdgeStatDto BotEdgeStatDto::fromJson(const QJsonObject &json)
{
    BotEdgeStatDto x;
    const Json::Reader r(json, x.wireKeys);
    x.from = r.string(BotStatsKeys::from);
    x.to = r.string(BotStatsKeys::to);
    x.edge = r.optString(BotStatsKeys::edge);
    x.count = r.integer(BotStatsKeys::count);
    return x;
}

QJsonObject BotEdgeStatDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(BotStatsKeys::from, from);
    w.put(BotStatsKeys::to, to);
    w.put(BotStatsKeys::edge, edge);
    w.put(BotStatsKeys::count, count);
    return w.result();
}

BotFlowStatsDto BotFlowStatsDto::fromJson(const QJsonObject &json)
{
    BotFlowStatsDto x;
    const Json::Reader r(json, x.wireKeys);
    x.totalSessions = r.integer(BotStatsKeys::totalSessions);
    x.totalCompletions = r.integer(BotStatsKeys::totalCompletions);
    x.completionRate = r.optNumber(BotStatsKeys::completionRate);
    x.avgCompletionTimeSeconds = r.optInteger(BotStatsKeys::avgCompletionTimeSeconds);
    x.nodeStats = r.list<BotNodeStatDto>(BotStatsKeys::nodeStats);
    x.edges = r.list<BotEdgeStatDto>(BotStatsKeys::edges);
    x.outcomes = r.object(BotStatsKeys::outcomes);
    return x;
}

QJsonObject BotFlowStatsDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(BotStatsKeys::totalSessions, totalSessions);
    w.put(BotStatsKeys::totalCompletions, totalCompletions);
    w.put(BotStatsKeys::completionRate, completionRate);
    w.put(BotStatsKeys::avgCompletionTimeSeconds, avgCompletionTimeSeconds);
    w.putList(BotStatsKeys::nodeStats, nodeStats);
    w.putList(BotStatsKeys::edges, edges);
    w.put(BotStatsKeys::outcomes, outcomes);
    return w.result();
}

BotSimulationEntryDto BotSimulationEntryDto::fromJson(const QJsonObject &json)
{
    BotSimulationEntryDto x;
    x.fields = json;
    x.type = x.fields.take(BotSimulationKeys::type).toString();
    const QJsonValue node = x.fields.take(BotSimulationKeys::nodeKey);
    if (node.isString())
        x.nodeKey = node.toString();
    return x;
}

QJsonObject BotSimulationEntryDto::toJson() const
{
    QJsonObject out = fields;
    out.insert(BotSimulationKeys::type, type);
    if (nodeKey)
        out.insert(BotSimulationKeys::nodeKey, *nodeKey);
    return out;
}

BotSimulationStepDto BotSimulationStepDto::fromJson(const QJsonObject &json)
{
    BotSimulationStepDto x;
    const Json::Reader r(json, x.wireKeys);
    x.nodeKey = r.string(BotSimulationKeys::nodeKey);
    x.nodeType = r.string(BotSimulationKeys::nodeType);
    x.from = r.optString(BotSimulationKeys::from);
    x.edge = r.optString(BotSimulationKeys::edge);
    return x;
}

QJsonObject BotSimulationStepDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(BotSimulationKeys::nodeKey, nodeKey);
    w.put(BotSimulationKeys::nodeType, nodeType);
    w.put(BotSimulationKeys::from, from);
    w.put(BotSimulationKeys::edge, edge);
    return w.result();
}

BotFlowWarningDto BotFlowWarningDto::fromJson(const QJsonObject &json)
{
    BotFlowWarningDto x;
    const Json::Reader r(json, x.wireKeys);
    x.field = r.string(BotFlowKeys::field);
    x.message = r.string(BotFlowKeys::message);
    return x;
}

QJsonObject BotFlowWarningDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(BotFlowKeys::field, field);
    w.put(BotFlowKeys::message, message);
    return w.result();
}

BotSimulationDto BotSimulationDto::fromJson(const QJsonObject &json)
{
    BotSimulationDto x;
    const Json::Reader r(json, x.wireKeys);
    x.status = r.string(BotSimulationKeys::status);
    x.waitingFor = r.optString(BotSimulationKeys::waitingFor);
    x.nodeKey = r.optString(BotSimulationKeys::nodeKey);
    x.detail = r.optString(BotSimulationKeys::detail);
    x.variables = r.object(BotSimulationKeys::variables);
    x.transcript = r.list<BotSimulationEntryDto>(BotSimulationKeys::transcript);
    x.steps = r.list<BotSimulationStepDto>(BotSimulationKeys::steps);
    x.warnings = r.list<BotFlowWarningDto>(BotSimulationKeys::warnings);
    return x;
}

QJsonObject BotSimulationDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(BotSimulationKeys::status, status);
    w.put(BotSimulationKeys::waitingFor, waitingFor);
    w.put(BotSimulationKeys::nodeKey, nodeKey);
    w.put(BotSimulationKeys::detail, detail);
    w.put(BotSimulationKeys::variables, variables);
    w.putList(BotSimulationKeys::transcript, transcript);
    w.putList(BotSimulationKeys::steps, steps);
    w.putList(BotSimulationKeys::warnings, warnings);
    return w.result();
}

}   // namespace Conversa
