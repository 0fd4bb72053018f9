#include "BotFlowStore.h"

#include "Database.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

const char *const kBotFlowSelect =
    "SELECT f.id, f.name, f.description, f.start_node_key, f.variables, f.timeout_seconds, f.max_invalid_attempts, "
    "f.fallback_node_key, f.revision, f.saved_by, u.first_name, u.last_name, f.saved_at, f.published_version, "
    "f.published_revision, f.created_by, f.created_at, f.updated_at, "
    "(SELECT COUNT(*) FROM bot_flow_nodes n WHERE n.flow_id = f.id) "
    "FROM bot_flows f LEFT JOIN users u ON u.id = f.saved_by";

QByteArray botFlowJsonText(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject botFlowJsonObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

BotFlowRow readBotFlow(const SqlQuery &q)
{
    BotFlowRow f;
    f.id = q.integer(0);
    f.name = q.string(1);
    f.description = q.string(2);
    f.startNodeKey = q.string(3);
    f.variables = botFlowJsonObject(q.string(4));
    f.timeoutSeconds = q.integer(5);
    f.maxInvalidAttempts = q.integer(6);
    f.fallbackNodeKey = q.string(7);
    f.revision = q.integer(8);
    f.savedBy = q.integer(9);
    f.savedByFirstName = q.string(10);
    f.savedByLastName = q.string(11);
    f.savedAt = q.integer(12);
    f.publishedVersion = q.integer(13);
    f.publishedRevision = q.integer(14);
    f.createdBy = q.integer(15);
    f.createdAt = q.integer(16);
    f.updatedAt = q.integer(17);
    f.nodesCount = q.integer(18);
    return f;
}

}   // namespace

Result<BotFlowPage> BotFlowStore::list(const BotFlowFilter &filter)
{
    QString where = u" WHERE f.deleted_at IS NULL"_s;
    QVariantList values;
    if (filter.isPublished)
        where += *filter.isPublished ? u" AND f.published_version > 0"_s : u" AND f.published_version = 0"_s;
    BotFlowPage page;
    const Result<qint64> total = queryInteger(m_db, u"SELECT COUNT(*) FROM bot_flows f"_s + where, values);
    if (!total)
        return total.error();
    page.total = *total;
    if (page.total <= filter.offset)
        return page;
    values << filter.limit << filter.offset;
    SqlQuery q(m_db, QLatin1StringView(kBotFlowSelect) + where + u" ORDER BY f.name, f.id LIMIT ? OFFSET ?"_s, values);
    if (!q.exec())
        return q.failure();
    while (q.next())
        page.rows.append(readBotFlow(q));
    return page;
}

Result<BotFlowRow> BotFlowStore::find(qint64 id)
{
    SqlQuery q(m_db, QLatin1StringView(kBotFlowSelect) + u" WHERE f.id = ? AND f.deleted_at IS NULL"_s, {id});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    return readBotFlow(q);
}

Result<bool> BotFlowStore::exists(qint64 id)
{
    const Result<qint64> n =
        queryInteger(m_db, u"SELECT COUNT(*) FROM bot_flows WHERE id = ? AND deleted_at IS NULL"_s, {id});
    if (!n)
        return n.error();
    return *n > 0;
}

Result<bool> BotFlowStore::lock(qint64 id)
{
    SqlQuery q(m_db, "UPDATE bot_flows SET revision = revision WHERE id = ? AND deleted_at IS NULL", {id});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() > 0;
}

Result<QList<BotFlowNodeRow>> BotFlowStore::nodes(qint64 flowId)
{
    SqlQuery q(m_db,
               "SELECT id, node_key, node_type, config, next_node_key, position_x, position_y FROM bot_flow_nodes "
               "WHERE flow_id = ? ORDER BY id",
               {flowId});
    if (!q.exec())
        return q.failure();
    QList<BotFlowNodeRow> out;
    while (q.next())
        out.append({q.integer(0), q.string(1), q.string(2), botFlowJsonObject(q.string(3)), q.string(4), q.integer(5),
                    q.integer(6)});
    return out;
}

Result<qint64> BotFlowStore::nodeCount(qint64 flowId)
{
    return queryInteger(m_db, u"SELECT COUNT(*) FROM bot_flow_nodes WHERE flow_id = ?"_s, {flowId});
}

Result<qint64> BotFlowStore::insert(const BotFlowRow &f, qint64 userId, qint64 now)
{
    SqlQuery q(m_db,
               "INSERT INTO bot_flows (name, description, start_node_key, variables, timeout_seconds, "
               "max_invalid_attempts, fallback_node_key, revision, saved_by, saved_at, created_by, created_at, "
               "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?) RETURNING id",
               {f.name, nullIfEmpty(f.description), nullIfEmpty(f.startNodeKey),
                QString::fromUtf8(botFlowJsonText(f.variables)), f.timeoutSeconds, f.maxInvalidAttempts,
                nullIfEmpty(f.fallbackNodeKey), nullIfZero(userId), now, nullIfZero(userId), now, now});
    if (!q.exec() || !q.next())
        return q.failure();
    return q.integer(0);
}

Result<bool> BotFlowStore::saveSettings(const BotFlowRow &f, qint64 basedOn, qint64 userId, qint64 now)
{
    SqlQuery q(m_db,
               "UPDATE bot_flows SET name = ?, description = ?, start_node_key = ?, variables = ?, "
               "timeout_seconds = ?, max_invalid_attempts = ?, fallback_node_key = ?, revision = revision + 1, "
               "saved_by = ?, saved_at = ?, updated_at = ? WHERE id = ? AND revision = ? AND deleted_at IS NULL",
               {f.name, nullIfEmpty(f.description), nullIfEmpty(f.startNodeKey),
                QString::fromUtf8(botFlowJsonText(f.variables)), f.timeoutSeconds, f.maxInvalidAttempts,
                nullIfEmpty(f.fallbackNodeKey), nullIfZero(userId), now, now, f.id, basedOn});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() > 0;
}

Result<Ok> BotFlowStore::upsertNode(qint64 flowId, const BotFlowNodeRow &n)
{
    SqlQuery q(m_db,
               "INSERT INTO bot_flow_nodes (flow_id, node_key, node_type, config, next_node_key, position_x, "
               "position_y) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (flow_id, node_key) DO UPDATE SET "
               "node_type = excluded.node_type, config = excluded.config, next_node_key = excluded.next_node_key, "
               "position_x = excluded.position_x, position_y = excluded.position_y",
               {flowId, n.key, n.type, QString::fromUtf8(botFlowJsonText(n.config)), nullIfEmpty(n.nextNodeKey),
                n.positionX, n.positionY});
    return q.run();
}

Result<Ok> BotFlowStore::removeNodesExcept(qint64 flowId, const QStringList &keep)
{
    QVariantList values{flowId};
    QString sql = u"DELETE FROM bot_flow_nodes WHERE flow_id = ?"_s;
    if (!keep.isEmpty()) {
        sql += u" AND node_key NOT IN ("_s + sqlPlaceholders(keep.size()) + u')';
        for (const QString &k : keep)
            values << k;
    }
    SqlQuery q(m_db, sql, values);
    return q.run();
}

Result<Ok> BotFlowStore::softDelete(qint64 id, qint64 now)
{
    SqlQuery q(m_db, "UPDATE bot_flows SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
               {now, now, id});
    if (!q.exec())
        return q.failure();
    if (q.numRowsAffected() == 0)
        return ApiError::notFound();
    return Ok{};
}

Result<qint64> BotFlowStore::campaignsUsing(qint64 flowId)
{
    return queryInteger(m_db, u"SELECT COUNT(*) FROM campaigns WHERE bot_flow_id = ? AND deleted_at IS NULL"_s,
                        {flowId});
}

Result<Ok> BotFlowStore::insertVersion(qint64 flowId, qint64 version, const QByteArray &definition, qint64 userId,
                                       qint64 now)
{
    SqlQuery q(m_db,
               "INSERT INTO bot_flow_versions (flow_id, version, definition, published_by, published_at) "
               "VALUES (?, ?, ?, ?, ?)",
               {flowId, version, QString::fromUtf8(definition), nullIfZero(userId), now});
    if (!q.exec()) {
        if (q.isUniqueViolation())   // another publish of the same draft won the race
            return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "The flow was published meanwhile; reload it"));
        return q.failure();
    }
    return Ok{};
}

Result<Ok> BotFlowStore::markPublished(qint64 flowId, qint64 version, qint64 revision, qint64 now)
{
    SqlQuery q(m_db,
               "UPDATE bot_flows SET published_version = ?, published_revision = ?, updated_at = ? "
               "WHERE id = ? AND deleted_at IS NULL",
               {version, revision, now, flowId});
    return q.run();
}

Result<BotFlowVersionPage> BotFlowStore::versions(qint64 flowId, int limit, qint64 offset)
{
    BotFlowVersionPage page;
    const Result<qint64> total =
        queryInteger(m_db, u"SELECT COUNT(*) FROM bot_flow_versions WHERE flow_id = ?"_s, {flowId});
    if (!total)
        return total.error();
    page.total = *total;
    if (page.total <= offset)
        return page;
    SqlQuery q(m_db,
               "SELECT v.flow_id, v.version, v.published_by, u.first_name, u.last_name, v.published_at "
               "FROM bot_flow_versions v LEFT JOIN users u ON u.id = v.published_by WHERE v.flow_id = ? "
               "ORDER BY v.version DESC LIMIT ? OFFSET ?",
               {flowId, limit, offset});
    if (!q.exec())
        return q.failure();
    while (q.next())
        page.rows.append({q.integer(0), q.integer(1), {}, q.integer(2), q.string(3), q.string(4), q.integer(5)});
    return page;
}

Result<BotFlowVersionRow> BotFlowStore::version(qint64 flowId, qint64 version)
{
    SqlQuery q(m_db,
               "SELECT v.flow_id, v.version, v.definition, v.published_by, u.first_name, u.last_name, v.published_at "
               "FROM bot_flow_versions v LEFT JOIN users u ON u.id = v.published_by "
               "WHERE v.flow_id = ? AND v.version = ?",
               {flowId, version});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    return BotFlowVersionRow{q.integer(0), q.integer(1), q.string(2).toUtf8(), q.integer(3),
                             q.string(4),  q.string(5),  q.integer(6)};
}

}   // namespace Conversa::Server
