#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Conversa::Server {

class Database;

// A bot flow's draft settings and bookkeeping (table bot_flows). Times are epoch seconds; node
// keys are '' when unset.
struct BotFlowRow {
    qint64 id = 0;
    QString name;
    QString description;
    QString startNodeKey;
    QJsonObject variables;
    qint64 timeoutSeconds = 300;
    qint64 maxInvalidAttempts = 3;
    QString fallbackNodeKey;
    qint64 revision = 1;
    qint64 savedBy = 0;
    QString savedByFirstName;
    QString savedByLastName;
    qint64 savedAt = 0;
    qint64 publishedVersion = 0;   // 0: never published
    qint64 publishedRevision = 0;
    qint64 createdBy = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 nodesCount = 0;   // filled by list()

    bool isPublished() const { return publishedVersion > 0; }
    bool hasUnpublishedChanges() const { return publishedVersion == 0 || revision != publishedRevision; }
};

// A node of the draft (table bot_flow_nodes).
struct BotFlowNodeRow {
    qint64 id = 0;
    QString key;
    QString type;
    QJsonObject config;
    QString nextNodeKey;
    qint64 positionX = 0;
    qint64 positionY = 0;
};

// A published version (table bot_flow_versions); definition is the frozen JSON text.
struct BotFlowVersionRow {
    qint64 flowId = 0;
    qint64 version = 0;
    QByteArray definition;
    qint64 publishedBy = 0;
    QString publishedByFirstName;
    QString publishedByLastName;
    qint64 publishedAt = 0;
};

struct BotFlowFilter {
    std::optional<bool> isPublished;
    int limit = 20;
    qint64 offset = 0;
};

struct BotFlowPage {
    QList<BotFlowRow> rows;
    qint64 total = 0;
};

struct BotFlowVersionPage {
    QList<BotFlowVersionRow> rows;   // without their definition
    qint64 total = 0;
};

// SQL for bot flows, their draft nodes and their versions.
class BotFlowStore {
public:
    explicit BotFlowStore(Database &db) : m_db(db) {}

    // Live flows by name, then id.
    Result<BotFlowPage> list(const BotFlowFilter &filter);
    // 404 when missing or deleted.
    Result<BotFlowRow> find(qint64 id);
    Result<bool> exists(qint64 id);   // a live flow
    // Takes the flow's row lock until the transaction ends (PostgreSQL; SQLite has one writer),
    // so two edits of one flow run one after the other. false when missing or deleted.
    Result<bool> lock(qint64 id);
    Result<QList<BotFlowNodeRow>> nodes(qint64 flowId);
    Result<qint64> nodeCount(qint64 flowId);

    Result<qint64> insert(const BotFlowRow &flow, qint64 userId, qint64 now);
    // Writes the draft's settings as one more save: revision + 1, saved by userId now, but only
    // while the revision is still `basedOn` (false otherwise: someone saved meanwhile).
    Result<bool> saveSettings(const BotFlowRow &flow, qint64 basedOn, qint64 userId, qint64 now);
    // Adds the node, or replaces the one with its key (keeping its id).
    Result<Ok> upsertNode(qint64 flowId, const BotFlowNodeRow &node);
    // Removes the draft's nodes whose key is not in `keep`.
    Result<Ok> removeNodesExcept(qint64 flowId, const QStringList &keep);
    Result<Ok> softDelete(qint64 id, qint64 now);
    // How many live campaigns name the flow.
    Result<qint64> campaignsUsing(qint64 flowId);

    Result<Ok> insertVersion(qint64 flowId, qint64 version, const QByteArray &definition, qint64 userId, qint64 now);
    // The draft at `revision` is now version `version`.
    Result<Ok> markPublished(qint64 flowId, qint64 version, qint64 revision, qint64 now);
    // Newest first.
    Result<BotFlowVersionPage> versions(qint64 flowId, int limit, qint64 offset);
    Result<BotFlowVersionRow> version(qint64 flowId, qint64 version);   // 404 when missing

private:
    Database &m_db;
};

}   // namespace Conversa::Server
