#include "CampaignsApi.h"

#include "realtime/RealtimeBus.h"

#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "core/Validator.h"
#include "domain/RoutingTrigger.h"
#include "http/QueryReader.h"
#include "store/AuditStore.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTimeZone>

#include <limits>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

const QStringList kCampaignStatuses = {u"active"_s, u"inactive"_s, u"paused"_s};
const QStringList kStrategies = {u"round_robin"_s, u"least_busy"_s, u"priority"_s, u"skills"_s};
const QStringList kDays = {u"monday"_s, u"tuesday"_s,  u"wednesday"_s, u"thursday"_s,
                           u"friday"_s, u"saturday"_s, u"sunday"_s};
constexpr qint64 kMaxSlaSeconds = 365LL * 86400;
constexpr int kMessageLength = 4096;
constexpr int kCsatMessageLength = 1024;           // an interactive list's body text is at most 1024
constexpr int kMaxCsatTimeoutMinutes = 7 * 1440;   // a week
constexpr int kMaxSkills = 50;

// null, or all seven days each {start, end} ("HH:MM", start before end) or null (closed).
// Days left out are closed. Overnight shifts are not supported: end must follow start.
QJsonValue readBusinessHours(Validator &v, const QJsonValue &value)
{
    const QString field = u"business_hours"_s;
    if (value.isNull())
        return QJsonValue();
    if (!value.isObject()) {
        v.fail(field, QT_TRANSLATE_NOOP("Api", "Must be an object"));
        return QJsonValue();
    }
    static const QRegularExpression hhmm(u"^([01][0-9]|2[0-3]):[0-5][0-9]$"_s);
    const QJsonObject in = value.toObject();
    for (auto it = in.begin(); it != in.end(); ++it) {
        if (!kDays.contains(it.key()))
            v.fail(field + u'.' + it.key(), QT_TRANSLATE_NOOP("Api", "Unknown day; use monday to sunday"));
    }
    QJsonObject out;
    for (const QString &day : kDays) {
        const QJsonValue d = in.value(day);
        if (d.isUndefined() || d.isNull()) {
            out.insert(day, QJsonValue());
            continue;
        }
        const QString dayField = field + u'.' + day;
        if (!d.isObject()) {
            v.fail(dayField, QT_TRANSLATE_NOOP("Api", "Must be an object with start and end, or null"));
            continue;
        }
        const QJsonObject hours = d.toObject();
        const QString start = hours.value(u"start"_s).toString();
        const QString end = hours.value(u"end"_s).toString();
        bool ok = true;
        if (!hhmm.match(start).hasMatch()) {
            v.fail(dayField + u".start"_s, QT_TRANSLATE_NOOP("Api", "Must be a time as HH:MM"));
            ok = false;
        }
        if (!hhmm.match(end).hasMatch()) {
            v.fail(dayField + u".end"_s, QT_TRANSLATE_NOOP("Api", "Must be a time as HH:MM"));
            ok = false;
        }
        if (ok && start >= end)   // zero-padded HH:MM compares as text
            v.fail(dayField + u".end"_s, QT_TRANSLATE_NOOP("Api", "Must be after the start time"));
        out.insert(day, QJsonObject{{u"start"_s, start}, {u"end"_s, end}});
    }
    return out;
}

// The body of POST (creating) or PUT (partial) applied to `c`.
void applyCampaign(Validator &v, const QJsonObject &body, Campaign &c, bool creating)
{
    if (creating || v.has(u"name"_s)) {
        if (const auto s = v.string(u"name"_s, true, 150))
            c.name = *s;
    }
    if (creating || v.has(u"code"_s)) {
        if (const auto s = v.string(u"code"_s, true, 50)) {
            static const QRegularExpression code(u"^[A-Za-z0-9_-]+$"_s);
            if (code.match(*s).hasMatch())
                c.code = *s;
            else
                v.fail(u"code"_s, QT_TRANSLATE_NOOP("Api", "Use only letters, digits, - and _"));
        }
    }
    v.optionalText(u"description"_s, 1000, c.description);
    if (v.has(u"status"_s)) {
        if (const auto s = v.oneOf(u"status"_s, kCampaignStatuses, true))
            c.status = *s;
    }
    if (v.has(u"priority"_s)) {
        if (const auto n = v.integer(u"priority"_s, true, 0, 100))
            c.priority = int(*n);
    }
    if (v.has(u"business_hours"_s))
        c.businessHours = readBusinessHours(v, body.value(u"business_hours"_s));
    if (v.has(u"timezone"_s)) {
        if (const auto s = v.string(u"timezone"_s, true, 64)) {
            if (QTimeZone::isTimeZoneIdAvailable(s->toUtf8()))
                c.timezone = *s;
            else
                v.fail(u"timezone"_s, QT_TRANSLATE_NOOP("Api", "Must be a known IANA time zone, e.g. America/Bogota"));
        }
    }
    if (v.has(u"sla_first_response_seconds"_s)) {
        if (const auto n = v.integer(u"sla_first_response_seconds"_s, true, 1, kMaxSlaSeconds))
            c.slaFirstResponseSeconds = int(*n);
    }
    if (v.has(u"sla_resolution_seconds"_s)) {
        if (const auto n = v.integer(u"sla_resolution_seconds"_s, true, 1, kMaxSlaSeconds))
            c.slaResolutionSeconds = int(*n);
    }
    if (v.has(u"bot_enabled"_s)) {
        if (const auto b = v.boolean(u"bot_enabled"_s, true))
            c.botEnabled = *b;
    }
    if (v.has(u"bot_flow_id"_s)) {
        // That the flow exists is checked after the shape (checkBotFlow).
        if (v.isNull(u"bot_flow_id"_s))
            c.botFlowId = 0;
        else if (const auto n = v.integer(u"bot_flow_id"_s, true, 1, std::numeric_limits<qint64>::max() / 2))
            c.botFlowId = *n;
    }
    if (v.has(u"routing_strategy"_s)) {
        if (const auto s = v.oneOf(u"routing_strategy"_s, kStrategies, true))
            c.routingStrategy = *s;
    }
    if (v.has(u"sla_reassign_enabled"_s)) {
        if (const auto b = v.boolean(u"sla_reassign_enabled"_s, true))
            c.slaReassignEnabled = *b;
    }
    v.optionalText(u"welcome_message"_s, kMessageLength, c.welcomeMessage);
    v.optionalText(u"offline_message"_s, kMessageLength, c.offlineMessage);
    if (v.has(u"csat_enabled"_s)) {
        if (const auto b = v.boolean(u"csat_enabled"_s, true))
            c.csatEnabled = *b;
    }
    v.optionalText(u"csat_message"_s, kCsatMessageLength, c.csatMessage);
    if (v.has(u"csat_timeout_minutes"_s)) {
        if (const auto n = v.integer(u"csat_timeout_minutes"_s, true, 1, kMaxCsatTimeoutMinutes))
            c.csatTimeoutMinutes = int(*n);
    }
}

QJsonObject auditFields(const Campaign &c)
{
    return {{u"name"_s, c.name},
            {u"code"_s, c.code},
            {u"description"_s, JsonWriter::textOrNullValue(c.description)},
            {u"status"_s, c.status},
            {u"priority"_s, c.priority},
            {u"business_hours"_s, c.businessHours},
            {u"timezone"_s, c.timezone},
            {u"sla_first_response_seconds"_s, c.slaFirstResponseSeconds},
            {u"sla_resolution_seconds"_s, c.slaResolutionSeconds},
            {u"bot_enabled"_s, c.botEnabled},
            {u"bot_flow_id"_s, c.botFlowId > 0 ? QJsonValue(c.botFlowId) : QJsonValue()},
            {u"routing_strategy"_s, c.routingStrategy},
            {u"sla_reassign_enabled"_s, c.slaReassignEnabled},
            {u"welcome_message"_s, JsonWriter::textOrNullValue(c.welcomeMessage)},
            {u"offline_message"_s, JsonWriter::textOrNullValue(c.offlineMessage)},
            {u"csat_enabled"_s, c.csatEnabled},
            {u"csat_message"_s, JsonWriter::textOrNullValue(c.csatMessage)},
            {u"csat_timeout_minutes"_s, c.csatTimeoutMinutes}};
}

void writeNumbers(JsonWriter &w, const QList<CampaignNumber> &numbers, bool withPrimary)
{
    w.beginArray();
    for (const CampaignNumber &n : numbers) {
        w.beginObject().field("id", n.id).field("phone_number", n.phoneNumber).field("display_name", n.displayName);
        if (withPrimary)
            w.field("is_primary", n.isPrimary);
        w.endObject();
    }
    w.endArray();
}

void writeAgents(JsonWriter &w, const QList<CampaignAgent> &agents)
{
    w.beginArray();
    for (const CampaignAgent &a : agents) {
        w.beginObject().field("user_id", a.userId).field("email", a.email);
        w.field("first_name", a.firstName).field("last_name", a.lastName);
        w.field("max_concurrent_chats", a.maxConcurrentChats).field("priority", a.priority);
        w.key("skills").beginArray();
        for (const QString &s : a.skills)
            w.value(s);
        w.endArray().endObject();
    }
    w.endArray();
}

QString indexed(const QString &field, qsizetype i)
{
    return field + u'[' + QString::number(i) + u']';
}

// A JSON array of positive integer ids, each error named "<field>[i]".
QList<qint64> readIds(const QJsonArray &array, const QString &field, QList<FieldError> &errors)
{
    QList<qint64> ids;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue v = array.at(i);
        const double d = v.toDouble();
        if (!v.isDouble() || d < 1 || d != double(qint64(d))) {
            errors.append({indexed(field, i), QT_TRANSLATE_NOOP("Api", "Must be a positive whole number"), {}});
            continue;
        }
        if (ids.contains(qint64(d))) {
            errors.append({indexed(field, i), QT_TRANSLATE_NOOP("Api", "Listed more than once"), {}});
            continue;
        }
        ids.append(qint64(d));
    }
    return ids;
}

}   // namespace

CampaignsApi::CampaignsApi(Database &db, RoutingTrigger &routing, RealtimeBus &realtime)
    : m_routing(routing), m_realtime(realtime), m_campaigns(db), m_botFlows(db)
{}

Result<Ok> CampaignsApi::checkBotFlow(const Campaign &c, qint64 before)
{
    if (c.botFlowId <= 0 || c.botFlowId == before)
        return Ok{};
    const Result<bool> exists = m_botFlows.exists(c.botFlowId);
    if (!exists)
        return exists.error();
    if (!*exists)
        return ApiError::validation(u"bot_flow_id"_s, QT_TRANSLATE_NOOP("Api", "Unknown bot flow"));
    return Ok{};
}

void CampaignsApi::registerRoutes(HttpRouter &router)
{
    const QString entity = u"Campaign"_s;
    const QString update = Permissions::kCampaignsUpdate;
    router.get(u"/v1/campaigns"_s,
               {.permission = Permissions::kCampaignsRead, .action = u"campaign.list"_s, .entityType = entity},
               [this](RequestContext &ctx) { return list(ctx); });
    router.post(u"/v1/campaigns"_s,
                {.permission = Permissions::kCampaignsCreate, .action = u"campaign.create"_s, .entityType = entity},
                [this](RequestContext &ctx) { return create(ctx); });
    router.get(u"/v1/campaigns/{id}"_s,
               {.permission = Permissions::kCampaignsRead, .action = u"campaign.read"_s, .entityType = entity},
               [this](RequestContext &ctx) { return show(ctx); });
    router.put(u"/v1/campaigns/{id}"_s, {.permission = update, .action = u"campaign.update"_s, .entityType = entity},
               [this](RequestContext &ctx) { return this->update(ctx); });
    router.del(u"/v1/campaigns/{id}"_s,
               {.permission = Permissions::kCampaignsDelete, .action = u"campaign.delete"_s, .entityType = entity},
               [this](RequestContext &ctx) { return remove(ctx); });
    router.post(u"/v1/campaigns/{id}/numbers"_s,
                {.permission = update, .action = u"campaign.assign_numbers"_s, .entityType = entity},
                [this](RequestContext &ctx) { return assignNumbers(ctx); });
    router.post(u"/v1/campaigns/{id}/agents"_s,
                {.permission = update, .action = u"campaign.assign_agents"_s, .entityType = entity},
                [this](RequestContext &ctx) { return assignAgents(ctx); });
}

void CampaignsApi::routeAfterCommit(RequestContext &ctx, qint64 campaignId)
{
    ctx.afterCommit([&routing = m_routing, campaignId] { routing.campaigns({campaignId}); });
}

void CampaignsApi::revisitAfterCommit(RequestContext &ctx, const QList<qint64> &userIds)
{
    if (userIds.isEmpty())
        return;
    ctx.afterCommit([&realtime = m_realtime, userIds] {
        for (qint64 id : userIds)
            realtime.revisitUser(id);
    });
}

Result<HttpReply> CampaignsApi::detailReply(const Campaign &c, int status)
{
    Result<QList<CampaignNumber>> numbers = m_campaigns.numbers(c.id);
    if (!numbers)
        return numbers.error();
    Result<QList<CampaignAgent>> agents = m_campaigns.agents(c.id);
    if (!agents)
        return agents.error();
    const Result<QHash<qint64, qint64>> activeChats = m_campaigns.activeChats({c.id});
    if (!activeChats)
        return activeChats.error();
    JsonWriter w(2048);
    w.beginObject();
    w.field("id", c.id).field("name", c.name).field("code", c.code);
    w.textOrNull("description", c.description);
    w.field("status", c.status).field("priority", c.priority);
    w.key("business_hours").json(c.businessHours);
    w.field("timezone", c.timezone);
    w.field("sla_first_response_seconds", c.slaFirstResponseSeconds)
        .field("sla_resolution_seconds", c.slaResolutionSeconds);
    w.field("bot_enabled", c.botEnabled);
    w.key("bot_flow_id");
    if (c.botFlowId > 0)
        w.value(c.botFlowId);
    else
        w.null();
    w.field("routing_strategy", c.routingStrategy).field("sla_reassign_enabled", c.slaReassignEnabled);
    w.textOrNull("welcome_message", c.welcomeMessage);
    w.textOrNull("offline_message", c.offlineMessage);
    w.field("csat_enabled", c.csatEnabled);
    w.textOrNull("csat_message", c.csatMessage);
    w.field("csat_timeout_minutes", c.csatTimeoutMinutes);
    w.key("whatsapp_numbers");
    writeNumbers(w, *numbers, true);
    w.key("agents");
    writeAgents(w, *agents);
    w.field("agents_count", qint64(agents->size()));
    w.field("active_chats", activeChats->value(c.id));
    w.timeOrNull("created_at", c.createdAt);
    w.timeOrNull("updated_at", c.updatedAt);
    w.endObject();
    return HttpReply::json(w.take(), status);
}

Result<HttpReply> CampaignsApi::list(RequestContext &ctx)
{
    QueryReader in(ctx);
    const PageRequest page = in.page();
    CampaignFilter filter;
    filter.status = in.oneOf(u"status"_s, kCampaignStatuses);
    filter.search = in.text(u"search"_s);
    if (!in.ok())
        return in.error();
    filter.limit = page.limit;
    filter.offset = page.offset();

    Result<CampaignPage> result = m_campaigns.list(filter);
    if (!result)
        return result.error();
    JsonWriter w(512 + result->rows.size() * 512);
    w.beginObject().key("data").beginArray();
    for (const CampaignListItem &item : std::as_const(result->rows)) {
        const Campaign &c = item.campaign;
        w.beginObject();
        w.field("id", c.id).field("name", c.name).field("code", c.code);
        w.textOrNull("description", c.description);
        w.field("status", c.status).field("priority", c.priority).field("bot_enabled", c.botEnabled);
        w.field("routing_strategy", c.routingStrategy);
        w.field("csat_enabled", c.csatEnabled);
        w.textOrNull("csat_message", c.csatMessage);
        w.field("csat_timeout_minutes", c.csatTimeoutMinutes);
        w.key("whatsapp_numbers");
        writeNumbers(w, item.numbers, false);
        w.field("agents_count", item.agentsCount);
        w.field("active_chats", item.activeChats);
        w.timeOrNull("created_at", c.createdAt);
        w.endObject();
    }
    w.endArray();
    w.pageMeta(page, result->total);
    w.endObject();
    return HttpReply::json(w.take());
}

Result<HttpReply> CampaignsApi::show(RequestContext &ctx)
{
    Result<Campaign> c = m_campaigns.find(ctx.idParam());
    if (!c)
        return c.error();
    return detailReply(*c);
}

Result<HttpReply> CampaignsApi::create(RequestContext &ctx)
{
    Campaign c;
    Validator v(ctx.body);
    applyCampaign(v, ctx.body, c, true);
    if (!v.ok())
        return v.error();
    CONVERSA_TRY(checkBotFlow(c, 0));
    const Result<bool> taken = m_campaigns.codeTaken(c.code, 0);
    if (!taken)
        return taken.error();
    if (*taken)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A campaign with this code already exists"));
    const qint64 now = nowSeconds();
    Result<qint64> id = m_campaigns.insert(c, now);
    if (!id)
        return id.error();
    c.id = *id;
    c.createdAt = c.updatedAt = now;
    ctx.audit.entityId = c.id;
    ctx.audit.changes = AuditStore::diff({}, auditFields(c));
    return detailReply(c, 201);
}

Result<HttpReply> CampaignsApi::update(RequestContext &ctx)
{
    Result<Campaign> before = m_campaigns.find(ctx.idParam());
    if (!before)
        return before.error();
    Campaign after = *before;
    Validator v(ctx.body);
    applyCampaign(v, ctx.body, after, false);
    if (!v.ok())
        return v.error();
    CONVERSA_TRY(checkBotFlow(after, before->botFlowId));
    ctx.audit.changes = AuditStore::diff(auditFields(*before), auditFields(after));
    if (ctx.audit.changes.isEmpty())
        return detailReply(*before);
    if (after.code.compare(before->code, Qt::CaseInsensitive) != 0) {
        const Result<bool> taken = m_campaigns.codeTaken(after.code, after.id);
        if (!taken)
            return taken.error();
        if (*taken)
            return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A campaign with this code already exists"));
    }
    after.updatedAt = nowSeconds();
    CONVERSA_TRY(m_campaigns.update(after, after.updatedAt));
    routeAfterCommit(ctx, after.id);   // strategy, hours or status may let its queue move
    return detailReply(after);
}

Result<HttpReply> CampaignsApi::remove(RequestContext &ctx)
{
    Result<QList<CampaignAgent>> agents = m_campaigns.agents(ctx.idParam());
    if (!agents)
        return agents.error();
    CONVERSA_TRY(m_campaigns.softDelete(ctx.idParam(), nowSeconds()));
    QList<qint64> left;
    for (const CampaignAgent &a : std::as_const(*agents))
        left.append(a.userId);
    revisitAfterCommit(ctx, left);
    return HttpReply::noContent();
}

Result<HttpReply> CampaignsApi::assignNumbers(RequestContext &ctx)
{
    Result<Campaign> campaign = m_campaigns.find(ctx.idParam());
    if (!campaign)
        return campaign.error();
    QList<FieldError> errors;
    const QJsonValue idsValue = ctx.body.value(u"whatsapp_number_ids"_s);
    QList<qint64> ids;
    if (!idsValue.isArray())
        errors.append({u"whatsapp_number_ids"_s,
                       idsValue.isUndefined() || idsValue.isNull() ? QT_TRANSLATE_NOOP("Api", "This field is required")
                                                                   : QT_TRANSLATE_NOOP("Api", "Must be a list"),
                       {}});
    else
        ids = readIds(idsValue.toArray(), u"whatsapp_number_ids"_s, errors);
    qint64 primary = 0;
    const QJsonValue primaryValue = ctx.body.value(u"primary_number_id"_s);
    if (!primaryValue.isUndefined() && !primaryValue.isNull()) {
        const double d = primaryValue.toDouble();
        if (!primaryValue.isDouble() || d < 1 || d != double(qint64(d)))
            errors.append({u"primary_number_id"_s, QT_TRANSLATE_NOOP("Api", "Must be a positive whole number"), {}});
        else if (!ids.contains(qint64(d)))
            errors.append({u"primary_number_id"_s, QT_TRANSLATE_NOOP("Api", "Must be one of whatsapp_number_ids"), {}});
        else
            primary = qint64(d);
    } else if (!ids.isEmpty()) {
        primary = ids.first();   // a campaign with numbers always has a primary one
    }
    if (errors.isEmpty()) {
        const Result<QSet<qint64>> known = m_campaigns.liveNumbers(ids);
        if (!known)
            return known.error();
        const QJsonArray sent = idsValue.toArray();
        for (qsizetype i = 0; i < sent.size(); ++i) {
            if (!known->contains(sent.at(i).toInteger()))
                errors.append(
                    {indexed(u"whatsapp_number_ids"_s, i), QT_TRANSLATE_NOOP("Api", "Unknown WhatsApp number"), {}});
        }
    }
    if (!errors.isEmpty())
        return ApiError::validation(errors);

    Result<QList<CampaignNumber>> before = m_campaigns.numbers(campaign->id);
    if (!before)
        return before.error();
    QJsonArray beforeIds;
    qint64 beforePrimary = 0;
    for (const CampaignNumber &n : *before) {
        beforeIds.append(n.id);
        if (n.isPrimary)
            beforePrimary = n.id;
    }
    QJsonArray afterIds;
    for (qint64 id : ids)
        afterIds.append(id);
    ctx.audit.changes =
        AuditStore::diff({{u"whatsapp_number_ids"_s, beforeIds},
                          {u"primary_number_id"_s, beforePrimary ? QJsonValue(beforePrimary) : QJsonValue()}},
                         {{u"whatsapp_number_ids"_s, afterIds},
                          {u"primary_number_id"_s, primary ? QJsonValue(primary) : QJsonValue()}});

    CONVERSA_TRY(m_campaigns.replaceNumbers(campaign->id, ids, primary, nowSeconds()));
    Result<QList<CampaignNumber>> after = m_campaigns.numbers(campaign->id);
    if (!after)
        return after.error();
    JsonWriter w(512);
    w.beginObject().field("campaign_id", campaign->id).key("whatsapp_numbers");
    writeNumbers(w, *after, true);
    w.endObject();
    return HttpReply::json(w.take());
}

Result<HttpReply> CampaignsApi::assignAgents(RequestContext &ctx)
{
    Result<Campaign> campaign = m_campaigns.find(ctx.idParam());
    if (!campaign)
        return campaign.error();
    QList<FieldError> errors;
    const QJsonValue agentsValue = ctx.body.value(u"agents"_s);
    if (!agentsValue.isArray()) {
        return ApiError::validation(u"agents"_s,
                                    agentsValue.isUndefined() || agentsValue.isNull()
                                        ? QT_TRANSLATE_NOOP("Api", "This field is required")
                                        : QT_TRANSLATE_NOOP("Api", "Must be a list"));
    }
    const QJsonArray array = agentsValue.toArray();
    QList<CampaignAgent> agents;
    QList<qint64> userIds;
    QList<qsizetype> positions;   // index in the body of each agent read
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString prefix = indexed(u"agents"_s, i) + u'.';
        if (!array.at(i).isObject()) {
            errors.append({indexed(u"agents"_s, i), QT_TRANSLATE_NOOP("Api", "Must be an object"), {}});
            continue;
        }
        const QJsonObject item = array.at(i).toObject();
        Validator v(item);
        CampaignAgent a;
        if (const auto id = v.integer(u"user_id"_s, true, 1, std::numeric_limits<qint64>::max() / 2))
            a.userId = *id;
        if (const auto n = v.integer(u"max_concurrent_chats"_s, false, 1, 100))
            a.maxConcurrentChats = int(*n);
        if (const auto n = v.integer(u"priority"_s, false, 0, 100))
            a.priority = int(*n);
        const QJsonValue skills = item.value(u"skills"_s);
        if (skills.isArray()) {
            const QJsonArray list = skills.toArray();
            if (list.size() > kMaxSkills)
                v.fail(u"skills"_s, QT_TRANSLATE_NOOP("Api", "At most %1 items"), {QString::number(kMaxSkills)});
            for (const QJsonValue &s : list) {
                const QString skill = s.toString().trimmed();
                if (!s.isString() || skill.isEmpty() || skill.size() > 50) {
                    v.fail(u"skills"_s, QT_TRANSLATE_NOOP("Api", "Must be a list of texts of 1 to 50 characters"));
                    break;
                }
                if (!a.skills.contains(skill))
                    a.skills.append(skill);
            }
        } else if (!skills.isUndefined() && !skills.isNull()) {
            v.fail(u"skills"_s, QT_TRANSLATE_NOOP("Api", "Must be a list of texts of 1 to 50 characters"));
        }
        const ApiError agentErrors = v.error();   // a copy: details() of a temporary would dangle
        for (const FieldError &e : agentErrors.details())
            errors.append({prefix + e.field, e.message, e.args});
        if (!v.ok())
            continue;
        if (userIds.contains(a.userId)) {
            errors.append({prefix + u"user_id"_s, QT_TRANSLATE_NOOP("Api", "Listed more than once"), {}});
            continue;
        }
        userIds.append(a.userId);
        positions.append(i);
        agents.append(a);
    }
    const Result<QSet<qint64>> known = m_campaigns.liveUsers(userIds);
    if (!known)
        return known.error();
    for (qsizetype k = 0; k < userIds.size(); ++k) {
        if (!known->contains(userIds[k]))
            errors.append(
                {indexed(u"agents"_s, positions[k]) + u".user_id"_s, QT_TRANSLATE_NOOP("Api", "Unknown user"), {}});
    }
    if (!errors.isEmpty())
        return ApiError::validation(errors);

    auto summary = [](const QList<CampaignAgent> &list) {
        QJsonObject out;
        for (const CampaignAgent &a : list) {
            out.insert(QString::number(a.userId),
                       QJsonObject{{u"max_concurrent_chats"_s, a.maxConcurrentChats},
                                   {u"priority"_s, a.priority},
                                   {u"skills"_s, QJsonArray::fromStringList(a.skills)}});
        }
        return out;
    };
    Result<QList<CampaignAgent>> before = m_campaigns.agents(campaign->id);
    if (!before)
        return before.error();
    ctx.audit.changes = AuditStore::diff({{u"agents"_s, summary(*before)}}, {{u"agents"_s, summary(agents)}});
    routeAfterCommit(ctx, campaign->id);
    QList<qint64> left;
    for (const CampaignAgent &a : std::as_const(*before)) {
        if (std::none_of(agents.cbegin(), agents.cend(), [&a](const CampaignAgent &b) { return b.userId == a.userId; }))
            left.append(a.userId);
    }
    revisitAfterCommit(ctx, left);

    CONVERSA_TRY(m_campaigns.replaceAgents(campaign->id, agents, nowSeconds()));
    Result<QList<CampaignAgent>> after = m_campaigns.agents(campaign->id);
    if (!after)
        return after.error();
    JsonWriter w(1024);
    w.beginObject().field("campaign_id", campaign->id).key("agents");
    writeAgents(w, *after);
    w.endObject();
    return HttpReply::json(w.take());
}

}   // namespace Conversa::Server
