#include "CampaignsController.h"

#include "AppContext.h"

#include <QJsonArray>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using Conversa::ApiResult;

CampaignsController::CampaignsController(QObject *parent)
    : ResourceController(u"/v1/campaigns"_s, {u"campaigns.create"_s, u"campaigns.update"_s, u"campaigns.delete"_s},
                         parent)
{}

QStringList CampaignsController::timeZones() const
{
    static const QStringList zones = [] {
        QStringList names;
        for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
            // Region/City names only: the server takes IANA names, not Qt's "UTC+05:00" offsets.
            if (id.contains('/') || id == "UTC")
                names.append(QString::fromLatin1(id));
        }
        names.sort();
        return names;
    }();
    return zones;
}

void CampaignsController::appReady()
{
    if (!can(u"bot_flows.read"_s))
        return;
    app()->api().listBotFlows(1, 100, this, [this](const ApiResult<QJsonObject> &r) {
        if (!r)
            return;
        m_botFlows.clear();
        for (const QJsonValue &v : r->value(u"data"_s).toArray()) {
            const QJsonObject flow = v.toObject();
            m_botFlows.append(
                QVariantMap{{u"id"_s, flow.value(u"id"_s).toInteger()}, {u"name"_s, flow.value(u"name"_s).toString()}});
        }
        emit botFlowsChanged();
    });
}

QJsonObject CampaignsController::body(const QVariantMap &form, bool creating) const
{
    Q_UNUSED(creating)
    QJsonObject out;
    for (const QString &key : {u"name"_s, u"code"_s, u"status"_s, u"timezone"_s, u"routing_strategy"_s}) {
        if (form.contains(key))
            out.insert(key, form.value(key).toString().trimmed());
    }
    // Empty clears them.
    for (const QString &key : {u"description"_s, u"welcome_message"_s, u"offline_message"_s, u"csat_message"_s}) {
        if (!form.contains(key))
            continue;
        const QString text = form.value(key).toString();
        out.insert(key, text.trimmed().isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text));
    }
    for (const QString &key :
         {u"priority"_s, u"sla_first_response_seconds"_s, u"sla_resolution_seconds"_s, u"csat_timeout_minutes"_s}) {
        if (form.contains(key))
            out.insert(key, form.value(key).toLongLong());
    }
    for (const QString &key : {u"bot_enabled"_s, u"sla_reassign_enabled"_s, u"csat_enabled"_s}) {
        if (form.contains(key))
            out.insert(key, form.value(key).toBool());
    }
    if (form.contains(u"bot_flow_id"_s)) {
        const qint64 flow = form.value(u"bot_flow_id"_s).toLongLong();
        out.insert(u"bot_flow_id"_s, flow > 0 ? QJsonValue(flow) : QJsonValue(QJsonValue::Null));
    }
    // {monday: {start, end} or null, …}, or null: no hours set.
    if (form.contains(u"business_hours"_s)) {
        const QVariant hours = form.value(u"business_hours"_s);
        out.insert(u"business_hours"_s,
                   hours.isNull() || !hours.isValid() ? QJsonValue(QJsonValue::Null)
                                                      : QJsonValue(QJsonObject::fromVariantMap(hours.toMap())));
    }
    return out;
}

void CampaignsController::setAgents(const QVariantList &agents)
{
    if (itemId() == 0)
        return;
    QJsonArray list;
    for (const QVariant &a : agents) {
        const QVariantMap m = a.toMap();
        list.append(QJsonObject{{u"user_id"_s, m.value(u"user_id"_s).toLongLong()},
                                {u"max_concurrent_chats"_s, m.value(u"max_concurrent_chats"_s, 5).toLongLong()},
                                {u"priority"_s, m.value(u"priority"_s, 0).toLongLong()},
                                {u"skills"_s, QJsonArray::fromStringList(m.value(u"skills"_s).toStringList())}});
    }
    const qint64 id = itemId();
    call("POST", itemPath(id) + u"/agents"_s, {{u"agents"_s, list}}, [this, id](const QJsonObject &) {
        setMessages({}, tr("Agents saved"));
        open(id);
    });
}

void CampaignsController::setNumbers(const QVariantList &numberIds, qint64 primaryId)
{
    if (itemId() == 0)
        return;
    QJsonArray ids;
    for (const QVariant &n : numberIds)
        ids.append(n.toLongLong());
    QJsonObject body{{u"whatsapp_number_ids"_s, ids}};
    if (primaryId > 0)
        body.insert(u"primary_number_id"_s, primaryId);
    const qint64 id = itemId();
    call("POST", itemPath(id) + u"/numbers"_s, body, [this, id](const QJsonObject &) {
        setMessages({}, tr("Numbers saved"));
        open(id);
    });
}

QVariantList CampaignsController::currentAgents() const
{
    QVariantList agents;
    for (const QJsonValue &v : currentItem().value(u"agents"_s).toArray()) {
        const QJsonObject a = v.toObject();
        agents.append(QVariantMap{{u"user_id"_s, a.value(u"user_id"_s).toInteger()},
                                  {u"max_concurrent_chats"_s, a.value(u"max_concurrent_chats"_s).toInt()},
                                  {u"priority"_s, a.value(u"priority"_s).toInt()},
                                  {u"skills"_s, a.value(u"skills"_s).toVariant()}});
    }
    return agents;
}

void CampaignsController::addAgent(qint64 userId, int maxConcurrentChats, int priority, const QString &skills)
{
    QStringList skillList;
    for (const QString &skill : skills.split(u',')) {
        if (!skill.trimmed().isEmpty())
            skillList.append(skill.trimmed());
    }
    const QVariantMap added{{u"user_id"_s, userId},
                            {u"max_concurrent_chats"_s, maxConcurrentChats},
                            {u"priority"_s, priority},
                            {u"skills"_s, skillList}};
    QVariantList agents = currentAgents();
    bool replaced = false;
    for (QVariant &a : agents) {
        if (a.toMap().value(u"user_id"_s).toLongLong() == userId) {
            a = added;
            replaced = true;
        }
    }
    if (!replaced)
        agents.append(added);
    setAgents(agents);
}

void CampaignsController::removeAgent(qint64 userId)
{
    QVariantList agents = currentAgents();
    agents.removeIf([userId](const QVariant &a) { return a.toMap().value(u"user_id"_s).toLongLong() == userId; });
    setAgents(agents);
}

void CampaignsController::addNumber(qint64 numberId, bool primary)
{
    QVariantList ids;
    qint64 primaryId = 0;
    for (const QJsonValue &v : currentItem().value(u"whatsapp_numbers"_s).toArray()) {
        const QJsonObject n = v.toObject();
        const qint64 id = n.value(u"id"_s).toInteger();
        if (id != numberId)
            ids.append(id);
        if (n.value(u"is_primary"_s).toBool())
            primaryId = id;
    }
    ids.append(numberId);
    setNumbers(ids, primary || primaryId == 0 ? numberId : primaryId);
}

void CampaignsController::removeNumber(qint64 numberId)
{
    QVariantList ids;
    qint64 primaryId = 0;
    for (const QJsonValue &v : currentItem().value(u"whatsapp_numbers"_s).toArray()) {
        const QJsonObject n = v.toObject();
        const qint64 id = n.value(u"id"_s).toInteger();
        if (id == numberId)
            continue;
        ids.append(id);
        if (n.value(u"is_primary"_s).toBool())
            primaryId = id;
    }
    setNumbers(ids, primaryId);   // 0 when the primary one left: the first becomes it
}
