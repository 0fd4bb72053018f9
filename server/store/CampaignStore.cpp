#include "CampaignStore.h"

#include "Database.h"
#include "SearchText.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

const char *const kCampaignColumns =
    "id, name, code, description, status, priority, business_hours, timezone, sla_first_response_seconds, "
    "sla_resolution_seconds, bot_enabled, bot_flow_id, routing_strategy, welcome_message, offline_message, "
    "created_at, updated_at, sla_reassign_enabled, csat_enabled, csat_message, csat_timeout_minutes";

Campaign readCampaign(const SqlQuery &q)
{
    Campaign c;
    c.id = q.integer(0);
    c.name = q.string(1);
    c.code = q.string(2);
    c.description = q.string(3);
    c.status = q.string(4);
    c.priority = int(q.integer(5));
    if (!q.isNull(6))
        c.businessHours = QJsonDocument::fromJson(q.string(6).toUtf8()).object();
    c.timezone = q.string(7);
    c.slaFirstResponseSeconds = int(q.integer(8));
    c.slaResolutionSeconds = int(q.integer(9));
    c.botEnabled = q.boolean(10);
    c.botFlowId = q.integer(11);
    c.routingStrategy = q.string(12);
    c.welcomeMessage = q.string(13);
    c.offlineMessage = q.string(14);
    c.createdAt = q.integer(15);
    c.updatedAt = q.integer(16);
    c.slaReassignEnabled = q.boolean(17);
    c.csatEnabled = q.boolean(18);
    c.csatMessage = q.string(19);
    c.csatTimeoutMinutes = int(q.integer(20));
    return c;
}

QVariant hoursText(const Campaign &c)
{
    if (!c.businessHours.isObject())
        return QVariant(QMetaType::fromType<QString>());
    return QString::fromUtf8(QJsonDocument(c.businessHours.toObject()).toJson(QJsonDocument::Compact));
}

QString searchTextOf(const Campaign &c)
{
    return SearchText::of({c.name, c.code});
}

QVariantList idList(const QList<qint64> &ids)
{
    QVariantList out;
    out.reserve(ids.size());
    for (qint64 id : ids)
        out.append(id);
    return out;
}

}   // namespace

Result<CampaignPage> CampaignStore::list(const CampaignFilter &filter)
{
    QString conditions;
    QVariantList values;
    if (!filter.status.isEmpty()) {
        conditions += u" AND status = ?"_s;
        values.append(filter.status);
    }
    if (!filter.search.isEmpty()) {
        conditions += u" AND search_text LIKE ? ESCAPE '\\'"_s;
        values.append(SearchText::containsPattern(filter.search));
    }
    const QString where = u" FROM campaigns WHERE deleted_at IS NULL"_s + conditions;

    CampaignPage page;
    const Result<qint64> total = queryInteger(m_db, u"SELECT COUNT(*)"_s + where, values);
    if (!total)
        return total.error();
    page.total = *total;
    if (page.total <= filter.offset)
        return page;

    values.append(filter.limit);
    values.append(filter.offset);
    SqlQuery q(m_db, u"SELECT "_s + QLatin1StringView(kCampaignColumns) + where + u" ORDER BY id LIMIT ? OFFSET ?"_s,
               values);
    if (!q.exec())
        return q.failure();
    QHash<qint64, qsizetype> index;
    QVariantList ids;
    while (q.next()) {
        CampaignListItem &item = page.rows.emplace_back();
        item.campaign = readCampaign(q);
        index.insert(item.campaign.id, page.rows.size() - 1);
        ids.append(item.campaign.id);
    }
    if (ids.isEmpty())
        return page;

    const QString in = sqlPlaceholders(ids.size());
    SqlQuery
        numbers(m_db,
                u"SELECT cn.campaign_id, n.id, n.phone_number, n.display_name, cn.is_primary FROM campaign_numbers cn "
                "JOIN whatsapp_numbers n ON n.id = cn.number_id WHERE n.deleted_at IS NULL AND cn.campaign_id IN ("_s +
                    in + u") ORDER BY cn.is_primary DESC, n.id"_s,
                ids);
    if (!numbers.exec())
        return numbers.failure();
    while (numbers.next()) {
        page.rows[index.value(numbers.integer(0))].numbers.append(
            {numbers.integer(1), numbers.string(2), numbers.string(3), numbers.boolean(4)});
    }

    SqlQuery agents(m_db,
                    u"SELECT ca.campaign_id, COUNT(*) FROM campaign_agents ca JOIN users u ON u.id = ca.user_id "
                    "WHERE u.deleted_at IS NULL AND ca.campaign_id IN ("_s +
                        in + u") GROUP BY ca.campaign_id"_s,
                    ids);
    if (!agents.exec())
        return agents.failure();
    while (agents.next())
        page.rows[index.value(agents.integer(0))].agentsCount = agents.integer(1);

    const Result<QHash<qint64, qint64>> chats = activeChats(ids);
    if (!chats)
        return chats.error();
    for (auto it = chats->cbegin(); it != chats->cend(); ++it)
        page.rows[index.value(it.key())].activeChats = it.value();
    return page;
}

Result<QHash<qint64, qint64>> CampaignStore::activeChats(const QVariantList &campaignIds)
{
    QHash<qint64, qint64> out;
    if (campaignIds.isEmpty())
        return out;
    SqlQuery q(m_db,
               u"SELECT campaign_id, COUNT(*) FROM chats WHERE status <> 'closed' AND campaign_id IN ("_s +
                   sqlPlaceholders(campaignIds.size()) + u") GROUP BY campaign_id"_s,
               campaignIds);
    if (!q.exec())
        return q.failure();
    while (q.next())
        out.insert(q.integer(0), q.integer(1));
    return out;
}

Result<Campaign> CampaignStore::find(qint64 id)
{
    SqlQuery q(m_db,
               u"SELECT "_s + QLatin1StringView(kCampaignColumns) +
                   u" FROM campaigns WHERE id = ? AND deleted_at IS NULL"_s,
               {id});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    return readCampaign(q);
}

Result<QList<CampaignNumber>> CampaignStore::numbers(qint64 campaignId)
{
    SqlQuery q(m_db,
               "SELECT n.id, n.phone_number, n.display_name, cn.is_primary FROM campaign_numbers cn "
               "JOIN whatsapp_numbers n ON n.id = cn.number_id WHERE cn.campaign_id = ? AND n.deleted_at IS NULL "
               "ORDER BY cn.is_primary DESC, n.id",
               {campaignId});
    if (!q.exec())
        return q.failure();
    QList<CampaignNumber> out;
    while (q.next())
        out.append({q.integer(0), q.string(1), q.string(2), q.boolean(3)});
    return out;
}

Result<QList<CampaignAgent>> CampaignStore::agents(qint64 campaignId)
{
    SqlQuery
        q(m_db,
          "SELECT u.id, u.email, u.first_name, u.last_name, ca.max_concurrent_chats, ca.priority, ca.skills "
          "FROM campaign_agents ca JOIN users u ON u.id = ca.user_id WHERE ca.campaign_id = ? AND u.deleted_at IS NULL "
          "ORDER BY ca.priority DESC, u.id",
          {campaignId});
    if (!q.exec())
        return q.failure();
    QList<CampaignAgent> out;
    while (q.next()) {
        CampaignAgent &a = out.emplace_back();
        a.userId = q.integer(0);
        a.email = q.string(1);
        a.firstName = q.string(2);
        a.lastName = q.string(3);
        a.maxConcurrentChats = int(q.integer(4));
        a.priority = int(q.integer(5));
        for (const QJsonValue &v : QJsonDocument::fromJson(q.string(6).toUtf8()).array())
            a.skills.append(v.toString());
    }
    return out;
}

Result<bool> CampaignStore::codeTaken(const QString &code, qint64 exceptId)
{
    SqlQuery q(m_db, "SELECT 1 FROM campaigns WHERE UPPER(code) = UPPER(?) AND deleted_at IS NULL AND id <> ?",
               {code, exceptId});
    if (!q.exec())
        return q.failure();
    return q.next();
}

Result<qint64> CampaignStore::insert(const Campaign &c, qint64 now)
{
    SqlQuery q(m_db,
               "INSERT INTO campaigns (name, code, description, status, priority, business_hours, timezone, "
               "sla_first_response_seconds, sla_resolution_seconds, bot_enabled, bot_flow_id, routing_strategy, "
               "welcome_message, offline_message, search_text, created_at, updated_at, sla_reassign_enabled, "
               "csat_enabled, csat_message, csat_timeout_minutes) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {c.name,
                c.code,
                nullIfEmpty(c.description),
                c.status,
                c.priority,
                hoursText(c),
                c.timezone,
                c.slaFirstResponseSeconds,
                c.slaResolutionSeconds,
                c.botEnabled,
                nullIfZero(c.botFlowId),
                c.routingStrategy,
                nullIfEmpty(c.welcomeMessage),
                nullIfEmpty(c.offlineMessage),
                searchTextOf(c),
                now,
                now,
                c.slaReassignEnabled,
                c.csatEnabled,
                nullIfEmpty(c.csatMessage),
                c.csatTimeoutMinutes});
    if (!q.exec()) {
        if (q.isUniqueViolation())
            return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A campaign with this code already exists"));
        return q.failure();
    }
    if (!q.next())
        return ApiError::internal();
    return q.integer(0);
}

Result<Ok> CampaignStore::update(const Campaign &c, qint64 now)
{
    SqlQuery
        q(m_db,
          "UPDATE campaigns SET name = ?, code = ?, description = ?, status = ?, priority = ?, business_hours = ?, "
          "timezone = ?, sla_first_response_seconds = ?, sla_resolution_seconds = ?, bot_enabled = ?, "
          "bot_flow_id = ?, routing_strategy = ?, welcome_message = ?, offline_message = ?, search_text = ?, "
          "updated_at = ?, sla_reassign_enabled = ?, csat_enabled = ?, csat_message = ?, csat_timeout_minutes = ? "
          "WHERE id = ? AND deleted_at IS NULL",
          {c.name,
           c.code,
           nullIfEmpty(c.description),
           c.status,
           c.priority,
           hoursText(c),
           c.timezone,
           c.slaFirstResponseSeconds,
           c.slaResolutionSeconds,
           c.botEnabled,
           nullIfZero(c.botFlowId),
           c.routingStrategy,
           nullIfEmpty(c.welcomeMessage),
           nullIfEmpty(c.offlineMessage),
           searchTextOf(c),
           now,
           c.slaReassignEnabled,
           c.csatEnabled,
           nullIfEmpty(c.csatMessage),
           c.csatTimeoutMinutes,
           c.id});
    if (!q.exec()) {
        if (q.isUniqueViolation())
            return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A campaign with this code already exists"));
        return q.failure();
    }
    if (q.numRowsAffected() == 0)
        return ApiError::notFound();
    return Ok{};
}

Result<Ok> CampaignStore::softDelete(qint64 id, qint64 now)
{
    SqlQuery q(m_db, "UPDATE campaigns SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
               {now, now, id});
    if (!q.exec())
        return q.failure();
    if (q.numRowsAffected() == 0)
        return ApiError::notFound();
    // The row stays for history; its numbers are free for other campaigns' routing.
    SqlQuery numbers(m_db, "DELETE FROM campaign_numbers WHERE campaign_id = ?", {id});
    if (!numbers.exec())
        return numbers.failure();
    SqlQuery agents(m_db, "DELETE FROM campaign_agents WHERE campaign_id = ?", {id});
    if (!agents.exec())
        return agents.failure();
    return Ok{};
}

Result<QSet<qint64>> CampaignStore::live(const char *table, const QList<qint64> &ids)
{
    QSet<qint64> out;
    if (ids.isEmpty())
        return out;
    SqlQuery q(m_db,
               u"SELECT id FROM "_s + QLatin1StringView(table) + u" WHERE deleted_at IS NULL AND id IN ("_s +
                   sqlPlaceholders(ids.size()) + u')',
               idList(ids));
    if (!q.exec())
        return q.failure();
    while (q.next())
        out.insert(q.integer(0));
    return out;
}

Result<QSet<qint64>> CampaignStore::liveNumbers(const QList<qint64> &ids)
{
    return live("whatsapp_numbers", ids);
}

Result<QSet<qint64>> CampaignStore::liveUsers(const QList<qint64> &ids)
{
    return live("users", ids);
}

Result<Ok> CampaignStore::replaceNumbers(qint64 campaignId, const QList<qint64> &numberIds, qint64 primaryId,
                                         qint64 now)
{
    SqlQuery clear(m_db, "DELETE FROM campaign_numbers WHERE campaign_id = ?", {campaignId});
    if (!clear.exec())
        return clear.failure();
    for (qint64 id : numberIds) {
        SqlQuery q(m_db,
                   "INSERT INTO campaign_numbers (campaign_id, number_id, is_primary, created_at) VALUES (?, ?, ?, ?)",
                   {campaignId, id, id == primaryId, now});
        if (!q.exec())
            return q.failure();
    }
    return Ok{};
}

Result<Ok> CampaignStore::replaceAgents(qint64 campaignId, const QList<CampaignAgent> &agents, qint64 now)
{
    SqlQuery clear(m_db, "DELETE FROM campaign_agents WHERE campaign_id = ?", {campaignId});
    if (!clear.exec())
        return clear.failure();
    for (const CampaignAgent &a : agents) {
        const QByteArray skills = QJsonDocument(QJsonArray::fromStringList(a.skills)).toJson(QJsonDocument::Compact);
        SqlQuery
            q(m_db,
              "INSERT INTO campaign_agents (campaign_id, user_id, max_concurrent_chats, priority, skills, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?)",
              {campaignId, a.userId, a.maxConcurrentChats, a.priority, QString::fromUtf8(skills), now});
        if (!q.exec())
            return q.failure();
    }
    return Ok{};
}

Result<QList<UserCampaign>> CampaignStore::campaignsOfUser(qint64 userId)
{
    SqlQuery q(m_db,
               "SELECT c.id, c.name, ca.priority FROM campaign_agents ca JOIN campaigns c ON c.id = ca.campaign_id "
               "WHERE ca.user_id = ? AND c.deleted_at IS NULL ORDER BY c.id",
               {userId});
    if (!q.exec())
        return q.failure();
    QList<UserCampaign> out;
    while (q.next())
        out.append({q.integer(0), q.string(1), int(q.integer(2))});
    return out;
}

}   // namespace Conversa::Server
