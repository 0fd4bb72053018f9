#include "BotFlowService.h"

#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "serialize/BotFlowJson.h"
#include "store/AuditStore.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

QJsonValue botFlowAuditText(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

// The draft's settings as the audit log records them.
QJsonObject botFlowAuditSettings(const BotFlowRow &f)
{
    return {{u"name"_s, f.name},
            {u"description"_s, botFlowAuditText(f.description)},
            {u"start_node_id"_s, botFlowAuditText(f.startNodeKey)},
            {u"variables"_s, f.variables},
            {u"timeout_seconds"_s, f.timeoutSeconds},
            {u"max_invalid_attempts"_s, f.maxInvalidAttempts},
            {u"fallback_node_id"_s, botFlowAuditText(f.fallbackNodeKey)}};
}

void applyBotFlowSettings(const BotFlowSettingsInput &in, BotFlowRow &f)
{
    if (in.name)
        f.name = *in.name;
    if (in.description)
        f.description = *in.description;
    if (in.startNodeKey)
        f.startNodeKey = *in.startNodeKey;
    if (in.variables)
        f.variables = *in.variables;
    if (in.timeoutSeconds)
        f.timeoutSeconds = *in.timeoutSeconds;
    if (in.maxInvalidAttempts)
        f.maxInvalidAttempts = *in.maxInvalidAttempts;
    if (in.fallbackNodeKey)
        f.fallbackNodeKey = *in.fallbackNodeKey;
}

BotFlowNodeRow botFlowNodeRow(const BotFlowNodeInput &in)
{
    return {0, in.key, in.type, in.config, in.nextNodeKey, in.positionX, in.positionY};
}

bool sameBotFlowNode(const BotFlowNodeRow &a, const BotFlowNodeRow &b)
{
    return a.type == b.type && a.config == b.config && a.nextNodeKey == b.nextNodeKey && a.positionX == b.positionX &&
        a.positionY == b.positionY;
}

// The node part of an edit's audit changes: "nodes" (the keys, when the set changed) and
// "nodes_changed" (the keys kept whose type, config, next or position changed).
void auditBotFlowNodes(const QList<BotFlowNodeRow> &before, const QList<BotFlowNodeRow> &after, QJsonObject &changes)
{
    QHash<QString, const BotFlowNodeRow *> old;
    QStringList beforeKeys;
    for (const BotFlowNodeRow &n : before) {
        old.insert(n.key, &n);
        beforeKeys.append(n.key);
    }
    QStringList afterKeys;
    QJsonArray changed;
    for (const BotFlowNodeRow &n : after) {
        afterKeys.append(n.key);
        const BotFlowNodeRow *was = old.value(n.key);
        if (was && !sameBotFlowNode(*was, n))
            changed.append(n.key);
    }
    QStringList sortedBefore = beforeKeys, sortedAfter = afterKeys;
    sortedBefore.sort();
    sortedAfter.sort();
    if (sortedBefore != sortedAfter)
        changes.insert(u"nodes"_s,
                       QJsonObject{{u"from"_s, QJsonArray::fromStringList(beforeKeys)},
                                   {u"to"_s, QJsonArray::fromStringList(afterKeys)}});
    if (!changed.isEmpty())
        changes.insert(u"nodes_changed"_s, QJsonObject{{u"from"_s, QJsonValue()}, {u"to"_s, changed}});
}

QString botFlowSaverName(const BotFlowRow &f)
{
    const QString name = QString(f.savedByFirstName + u' ' + f.savedByLastName).trimmed();
    if (!name.isEmpty())
        return name;
    return f.savedBy > 0 ? u"#"_s + QString::number(f.savedBy) : u"-"_s;
}

}   // namespace

BotFlowService::BotFlowService(Database &db, Clock clock) : m_flows(db), m_clock(std::move(clock)) {}

qint64 BotFlowService::now() const
{
    return m_clock ? m_clock() : nowSeconds();
}

ApiError BotFlowService::revisionConflict(const BotFlowRow &current)
{
    const QString revision = QString::number(current.revision);
    const QString who = botFlowSaverName(current);
    const QString when = isoTime(current.savedAt);
    return ApiError::conflict(QT_TRANSLATE_NOOP("Api",
                                                "The draft changed meanwhile: %1 saved revision %2 at %3. "
                                                "Reload it before saving"),
                              {who, revision, when})
        .withDetails({{u"revision"_s, QT_TRANSLATE_NOOP("Api", "The draft is at revision %1"), {revision}},
                      {u"saved_by"_s, QT_TRANSLATE_NOOP("Api", "Saved last by %1"), {who}},
                      {u"saved_at"_s, QT_TRANSLATE_NOOP("Api", "Saved last at %1"), {when}}})
        .withHeader("ETag", QByteArray("\"") + revision.toLatin1() + QByteArray("\""));
}

Result<BotFlowDraft> BotFlowService::draft(qint64 flowId)
{
    Result<BotFlowRow> flow = m_flows.find(flowId);
    if (!flow)
        return flow.error();
    Result<QList<BotFlowNodeRow>> nodes = m_flows.nodes(flowId);
    if (!nodes)
        return nodes.error();
    return BotFlowDraft{std::move(*flow), std::move(*nodes)};
}

Result<BotFlowRow> BotFlowService::lockedFlow(qint64 flowId)
{
    const Result<bool> locked = m_flows.lock(flowId);
    if (!locked)
        return locked.error();
    if (!*locked)
        return ApiError::notFound();
    return m_flows.find(flowId);
}

Result<BotFlowPage> BotFlowService::list(const Actor &actor, const BotFlowFilter &filter)
{
    if (!actor.can(Permissions::kBotFlowsRead))
        return ApiError::forbidden();
    return m_flows.list(filter);
}

Result<BotFlowDraft> BotFlowService::get(const Actor &actor, qint64 flowId)
{
    if (!actor.can(Permissions::kBotFlowsRead))
        return ApiError::forbidden();
    return draft(flowId);
}

Result<BotFlowChanged> BotFlowService::create(const Actor &actor, const CreateBotFlow &in)
{
    if (!actor.can(Permissions::kBotFlowsManage))
        return ApiError::forbidden();
    if (in.nodes.size() > kMaxNodes)
        return ApiError::validation(u"nodes"_s, QT_TRANSLATE_NOOP("Api", "A flow has at most %1 nodes"),
                                    {QString::number(kMaxNodes)});
    BotFlowRow f;
    applyBotFlowSettings(in.settings, f);
    const qint64 at = now();
    const Result<qint64> id = m_flows.insert(f, actor.userId, at);
    if (!id)
        return id.error();
    for (const BotFlowNodeInput &n : in.nodes)
        CONVERSA_TRY(m_flows.upsertNode(*id, botFlowNodeRow(n)));
    Result<BotFlowDraft> after = draft(*id);
    if (!after)
        return after.error();
    BotFlowChanged out;
    out.changes = AuditStore::diff({}, botFlowAuditSettings(after->flow));
    auditBotFlowNodes({}, after->nodes, out.changes);
    out.draft = std::move(*after);
    return out;
}

Result<BotFlowChanged> BotFlowService::save(const Actor &actor, const BotFlowRow &before, BotFlowRow after,
                                            const QList<BotFlowNodeInput> &nodes, bool replaceNodes,
                                            std::optional<qint64> basedOn)
{
    if (basedOn && *basedOn != before.revision)
        return revisionConflict(before);
    Result<QList<BotFlowNodeRow>> nodesBefore = m_flows.nodes(before.id);
    if (!nodesBefore)
        return nodesBefore.error();
    QSet<QString> keys;
    if (!replaceNodes) {
        for (const BotFlowNodeRow &n : std::as_const(*nodesBefore))
            keys.insert(n.key);
    }
    for (const BotFlowNodeInput &n : nodes)
        keys.insert(n.key);
    if (keys.size() > kMaxNodes)
        return ApiError::validation(u"nodes"_s, QT_TRANSLATE_NOOP("Api", "A flow has at most %1 nodes"),
                                    {QString::number(kMaxNodes)});

    const Result<bool> saved = m_flows.saveSettings(after, before.revision, actor.userId, now());
    if (!saved)
        return saved.error();
    if (!*saved) {   // cannot happen under the row lock; kept so a missed lock is a 409, not a lost save
        const Result<BotFlowRow> current = m_flows.find(before.id);   // who saved, as it is now
        return revisionConflict(current ? *current : before);
    }
    if (replaceNodes) {
        QStringList keep;
        for (const BotFlowNodeInput &n : nodes)
            keep.append(n.key);
        CONVERSA_TRY(m_flows.removeNodesExcept(before.id, keep));
    }
    for (const BotFlowNodeInput &n : nodes)
        CONVERSA_TRY(m_flows.upsertNode(before.id, botFlowNodeRow(n)));

    Result<BotFlowDraft> result = draft(before.id);
    if (!result)
        return result.error();
    BotFlowChanged out;
    out.changes = AuditStore::diff(botFlowAuditSettings(before), botFlowAuditSettings(result->flow));
    auditBotFlowNodes(*nodesBefore, result->nodes, out.changes);
    out.changes.insert(u"revision"_s, AuditStore::change(before.revision, result->flow.revision));
    out.draft = std::move(*result);
    return out;
}

Result<BotFlowChanged> BotFlowService::update(const Actor &actor, const SaveBotFlow &in)
{
    if (!actor.can(Permissions::kBotFlowsManage))
        return ApiError::forbidden();
    const Result<BotFlowRow> before = lockedFlow(in.flowId);
    if (!before)
        return before.error();
    BotFlowRow after = *before;
    applyBotFlowSettings(in.settings, after);
    return save(actor, *before, after, in.nodes.value_or(QList<BotFlowNodeInput>()), in.nodes.has_value(), in.basedOn);
}

Result<BotFlowChanged> BotFlowService::upsertNodes(const Actor &actor, const UpsertBotFlowNodes &in)
{
    if (!actor.can(Permissions::kBotFlowsManage))
        return ApiError::forbidden();
    const Result<BotFlowRow> before = lockedFlow(in.flowId);
    if (!before)
        return before.error();
    return save(actor, *before, *before, in.nodes, false, in.basedOn);
}

Result<BotFlowChanged> BotFlowService::remove(const Actor &actor, qint64 flowId)
{
    if (!actor.can(Permissions::kBotFlowsManage))
        return ApiError::forbidden();
    const Result<BotFlowRow> flow = lockedFlow(flowId);
    if (!flow)
        return flow.error();
    const Result<qint64> using_ = m_flows.campaignsUsing(flowId);
    if (!using_)
        return using_.error();
    if (*using_ > 0)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api",
                                                    "%1 campaign(s) use this flow; choose another flow for "
                                                    "them first"),
                                  {QString::number(*using_)});
    CONVERSA_TRY(m_flows.softDelete(flowId, now()));
    BotFlowChanged out;
    out.changes = {{u"deleted"_s, AuditStore::change(false, true)}};
    out.draft.flow = *flow;
    return out;
}

Result<BotFlowPublished> BotFlowService::publish(const Actor &actor, qint64 flowId, std::optional<qint64> basedOn)
{
    if (!actor.can(Permissions::kBotFlowsManage))
        return ApiError::forbidden();
    const Result<BotFlowRow> flow = lockedFlow(flowId);
    if (!flow)
        return flow.error();
    if (basedOn && *basedOn != flow->revision)
        return revisionConflict(*flow);
    const Result<QList<BotFlowNodeRow>> nodes = m_flows.nodes(flowId);
    if (!nodes)
        return nodes.error();
    const QJsonObject definition = BotFlowJson::definitionOf(*flow, *nodes);
    const BotFlow::CheckResult check = BotFlow::checkFlow(BotFlow::Definition::fromJson(definition));
    if (!check.errors.isEmpty()) {
        QList<FieldError> details;
        for (const BotFlow::Issue &e : check.errors)
            details.append({e.field, e.message, e.args});
        return ApiError(422, "VALIDATION_ERROR",
                        QT_TRANSLATE_NOOP("Api", "The flow cannot be published until these problems are fixed"))
            .withDetails(details);
    }
    const qint64 version = flow->publishedVersion + 1;
    const qint64 at = now();
    CONVERSA_TRY(m_flows.insertVersion(flowId, version, QJsonDocument(definition).toJson(QJsonDocument::Compact),
                                       actor.userId, at));
    CONVERSA_TRY(m_flows.markPublished(flowId, version, flow->revision, at));
    Result<BotFlowDraft> after = draft(flowId);
    if (!after)
        return after.error();
    BotFlowPublished out;
    out.version = version;
    out.warnings = check.warnings;
    out.changes = {{u"version"_s,
                    AuditStore::change(flow->publishedVersion > 0 ? QJsonValue(flow->publishedVersion) : QJsonValue(),
                                       version)},
                   {u"revision"_s, AuditStore::change(QJsonValue(), flow->revision)}};
    out.draft = std::move(*after);
    return out;
}

Result<BotFlowVersionPage> BotFlowService::versions(const Actor &actor, qint64 flowId, const PageRequest &page)
{
    if (!actor.can(Permissions::kBotFlowsRead))
        return ApiError::forbidden();
    CONVERSA_TRY(m_flows.find(flowId));
    return m_flows.versions(flowId, page.limit, page.offset());
}

Result<BotFlowVersionRow> BotFlowService::version(const Actor &actor, qint64 flowId, qint64 version)
{
    if (!actor.can(Permissions::kBotFlowsRead))
        return ApiError::forbidden();
    CONVERSA_TRY(m_flows.find(flowId));
    return m_flows.version(flowId, version);
}

Result<BotFlowChanged> BotFlowService::restore(const Actor &actor, qint64 flowId, qint64 version,
                                               std::optional<qint64> basedOn)
{
    if (!actor.can(Permissions::kBotFlowsManage))
        return ApiError::forbidden();
    const Result<BotFlowRow> before = lockedFlow(flowId);
    if (!before)
        return before.error();
    const Result<BotFlowVersionRow> frozen = m_flows.version(flowId, version);
    if (!frozen)
        return frozen.error();
    const BotFlow::Definition d = BotFlow::Definition::fromJson(QJsonDocument::fromJson(frozen->definition).object());
    BotFlowRow after = *before;
    after.name = d.name;
    after.description = d.description;
    after.startNodeKey = d.startNode;
    after.variables = d.variables;
    after.timeoutSeconds = d.timeoutSeconds;
    after.maxInvalidAttempts = d.maxInvalidAttempts;
    after.fallbackNodeKey = d.fallbackNode;
    QList<BotFlowNodeInput> nodes;
    for (const BotFlow::Node &n : d.nodes)
        nodes.append({n.key, n.type, n.rawConfig, n.nextNodeKey, n.positionX, n.positionY});
    Result<BotFlowChanged> out = save(actor, *before, after, nodes, true, basedOn);
    if (out)
        out->changes.insert(u"restored_version"_s, AuditStore::change(QJsonValue(), version));
    return out;
}

}   // namespace Conversa::Server
