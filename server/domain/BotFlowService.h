#pragma once

#include "core/Actor.h"
#include "core/PageRequest.h"
#include "core/Result.h"
#include "domain/bot/FlowDefinition.h"
#include "store/BotFlowStore.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Conversa::Server {

class Database;

// A node as an edit sends it (POST, PUT, POST …/nodes), already checked for shape.
struct BotFlowNodeInput {
    QString key;
    QString type;
    QJsonObject config;
    QString nextNodeKey;   // config.next when it has one
    qint64 positionX = 0;
    qint64 positionY = 0;
};

// The draft's settings an edit sets; absent fields stay as they are ("" clears an optional text).
struct BotFlowSettingsInput {
    std::optional<QString> name;
    std::optional<QString> description;
    std::optional<QString> startNodeKey;
    std::optional<QJsonObject> variables;
    std::optional<qint64> timeoutSeconds;
    std::optional<qint64> maxInvalidAttempts;
    std::optional<QString> fallbackNodeKey;
};

struct CreateBotFlow {
    BotFlowSettingsInput settings;
    QList<BotFlowNodeInput> nodes;
};

// PUT: the settings given, and with nodes the draft's whole node list (nodes left out are removed).
// basedOn: the revision the editor started from; an older one is a 409 (docs/BOT_FLOWS.md).
struct SaveBotFlow {
    qint64 flowId = 0;
    BotFlowSettingsInput settings;
    std::optional<QList<BotFlowNodeInput>> nodes;
    std::optional<qint64> basedOn;
};

// POST …/nodes: adds these nodes or replaces those with the same node_key; the others stay.
struct UpsertBotFlowNodes {
    qint64 flowId = 0;
    QList<BotFlowNodeInput> nodes;
    std::optional<qint64> basedOn;
};

struct BotFlowDraft {
    BotFlowRow flow;
    QList<BotFlowNodeRow> nodes;
};

// A change to a flow: the audit changes ({"field": {"from", "to"}}) and the draft afterwards.
struct BotFlowChanged {
    QJsonObject changes;
    BotFlowDraft draft;
};

struct BotFlowPublished : BotFlowChanged {
    qint64 version = 0;
    QList<BotFlow::Issue> warnings;
};

// Bot flows' rules (docs/BOT_FLOWS.md): drafts and their revisions, publishing (checkFlow, then a
// frozen version), versions and restoring one. Runs inside the caller's transaction and never
// commits; the caller writes the audit row with `changes`. Reading needs bot_flows.read, changing
// bot_flows.manage (403 otherwise); a missing or deleted flow is 404.
class BotFlowService {
public:
    using Clock = std::function<qint64()>;
    explicit BotFlowService(Database &db, Clock clock = {});

    static constexpr int kMaxNodes = 500;               // per flow
    static constexpr int kMaxConfigBytes = 16 * 1024;   // one node's config, as compact JSON

    Result<BotFlowPage> list(const Actor &actor, const BotFlowFilter &filter);
    Result<BotFlowDraft> get(const Actor &actor, qint64 flowId);
    Result<BotFlowChanged> create(const Actor &actor, const CreateBotFlow &in);
    Result<BotFlowChanged> update(const Actor &actor, const SaveBotFlow &in);
    Result<BotFlowChanged> upsertNodes(const Actor &actor, const UpsertBotFlowNodes &in);
    // 409 while a live campaign names the flow.
    Result<BotFlowChanged> remove(const Actor &actor, qint64 flowId);
    // checkFlow's errors are a 422 naming each node and field; else the draft becomes version + 1.
    Result<BotFlowPublished> publish(const Actor &actor, qint64 flowId, std::optional<qint64> basedOn);
    Result<BotFlowVersionPage> versions(const Actor &actor, qint64 flowId, const PageRequest &page);
    Result<BotFlowVersionRow> version(const Actor &actor, qint64 flowId, qint64 version);
    // The version's settings and nodes become the draft (one more save); publishing it then is a rollback.
    Result<BotFlowChanged> restore(const Actor &actor, qint64 flowId, qint64 version, std::optional<qint64> basedOn);

    // The 409 of a save based on an older revision: who saved the draft last, when, and its revision.
    static ApiError revisionConflict(const BotFlowRow &current);

private:
    // Locks the flow's row for the rest of the transaction and reads it (404 when missing).
    Result<BotFlowRow> lockedFlow(qint64 flowId);
    Result<BotFlowChanged> save(const Actor &actor, const BotFlowRow &before, BotFlowRow after,
                                const QList<BotFlowNodeInput> &nodes, bool replaceNodes, std::optional<qint64> basedOn);
    Result<BotFlowDraft> draft(qint64 flowId);
    qint64 now() const;

    BotFlowStore m_flows;
    Clock m_clock;
};

}   // namespace Conversa::Server
