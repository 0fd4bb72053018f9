#include "BotFlowsApi.h"

#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "core/Translator.h"
#include "config/ServerConfig.h"
#include "core/Validator.h"
#include "http/ActorOf.h"
#include "http/QueryReader.h"
#include "serialize/BotFlowJson.h"

#include <Conversa/dto/WireKeyNames.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <limits>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

constexpr int kBotFlowNameLength = 150;
constexpr int kBotFlowDescriptionLength = 1000;
constexpr int kBotNodeKeyLength = 64;
constexpr int kBotNodeTypeLength = 32;
constexpr int kBotFlowMaxVariables = 100;
constexpr int kBotFlowVariableLength = 1000;
constexpr qint64 kBotFlowMinTimeout = 10;
constexpr qint64 kBotFlowMaxTimeout = 7 * 86400;
constexpr qint64 kBotFlowMaxAttempts = 20;
constexpr qint64 kBotNodeMaxPosition = 1'000'000;
constexpr int kBotSimulationReplyIdLength = 256;
constexpr qsizetype kBotSimulationClientBytes = 16 * 1024;

// Node keys name nodes in field paths ("nodes.<node_key>.config.next"), so no dots.
bool isBotNodeKey(const QString &s)
{
    static const QRegularExpression re(u"^[A-Za-z0-9_-]+$"_s);
    return !s.isEmpty() && s.size() <= kBotNodeKeyLength && re.match(s).hasMatch();
}

QString botFlowIndexed(const QString &field, qsizetype i)
{
    return field + u'[' + QString::number(i) + u']';
}

// start_node_id / fallback_node_id: a node key, or null / "" for none.
void readBotNodeRef(Validator &v, const QString &field, std::optional<QString> &target)
{
    if (!v.has(field))
        return;
    if (v.clears(field)) {
        target = QString();
        return;
    }
    if (const auto s = v.string(field, false, kBotNodeKeyLength)) {
        if (isBotNodeKey(*s))
            target = *s;
        else
            v.fail(field, QT_TRANSLATE_NOOP("Api", "Use only letters, digits, - and _"));
    }
}

// variables: {name: text, number or true/false}; names as in templates ({{name}}).
void readBotFlowVariables(Validator &v, std::optional<QJsonObject> &target)
{
    const QString field = u"variables"_s;
    if (!v.has(field))
        return;
    if (v.isNull(field)) {
        target = QJsonObject();
        return;
    }
    const auto vars = v.object(field, true);
    if (!vars)
        return;
    if (vars->size() > kBotFlowMaxVariables) {
        v.fail(field, QT_TRANSLATE_NOOP("Api", "At most %1 items"), {QString::number(kBotFlowMaxVariables)});
        return;
    }
    static const QRegularExpression name(u"^[A-Za-z_][A-Za-z0-9_]{0,63}$"_s);
    for (auto it = vars->begin(); it != vars->end(); ++it) {
        const QString itemField = field + u'.' + it.key();
        if (!name.match(it.key()).hasMatch())
            v.fail(itemField, QT_TRANSLATE_NOOP("Api", "Use only letters, digits and _, not starting with a digit"));
        else if (!it.value().isString() && !it.value().isDouble() && !it.value().isBool())
            v.fail(itemField, QT_TRANSLATE_NOOP("Api", "Must be a text, a number, true or false"));
        else if (it.value().isString() && it.value().toString().size() > kBotFlowVariableLength)
            v.fail(itemField, QT_TRANSLATE_NOOP("Api", "Must be at most %1 characters"),
                   {QString::number(kBotFlowVariableLength)});
    }
    target = *vars;
}

// The settings of POST (creating: name required) and PUT (partial).
BotFlowSettingsInput readBotFlowSettings(Validator &v, bool creating)
{
    BotFlowSettingsInput s;
    if (creating || v.has(u"name"_s))
        s.name = v.string(u"name"_s, true, kBotFlowNameLength);
    if (v.has(u"description"_s)) {
        QString description;
        v.optionalText(u"description"_s, kBotFlowDescriptionLength, description);
        s.description = description;
    }
    readBotNodeRef(v, u"start_node_id"_s, s.startNodeKey);
    readBotNodeRef(v, u"fallback_node_id"_s, s.fallbackNodeKey);
    readBotFlowVariables(v, s.variables);
    if (v.has(u"timeout_seconds"_s))
        s.timeoutSeconds = v.integer(u"timeout_seconds"_s, true, kBotFlowMinTimeout, kBotFlowMaxTimeout);
    if (v.has(u"max_invalid_attempts"_s))
        s.maxInvalidAttempts = v.integer(u"max_invalid_attempts"_s, true, 1, kBotFlowMaxAttempts);
    return s;
}

// A list of nodes (POST and PUT's `nodes`, POST …/nodes): each error named "<field>[i].<key>".
QList<BotFlowNodeInput> readBotNodes(const QJsonValue &value, const QString &field, QList<FieldError> &errors)
{
    QList<BotFlowNodeInput> out;
    if (!value.isArray()) {
        errors.append({field,
                       value.isUndefined() || value.isNull() ? QT_TRANSLATE_NOOP("Api", "This field is required")
                                                             : QT_TRANSLATE_NOOP("Api", "Must be a list"),
                       {}});
        return out;
    }
    const QJsonArray array = value.toArray();
    if (array.size() > BotFlowService::kMaxNodes) {
        errors.append(
            {field, QT_TRANSLATE_NOOP("Api", "At most %1 items"), {QString::number(BotFlowService::kMaxNodes)}});
        return out;
    }
    QSet<QString> keys;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString prefix = botFlowIndexed(field, i);
        if (!array.at(i).isObject()) {
            errors.append({prefix, QT_TRANSLATE_NOOP("Api", "Must be an object"), {}});
            continue;
        }
        const QJsonObject item = array.at(i).toObject();
        Validator v(item);
        BotFlowNodeInput n;
        if (const auto key = v.string(u"node_key"_s, true, kBotNodeKeyLength)) {
            if (!isBotNodeKey(*key))
                v.fail(u"node_key"_s, QT_TRANSLATE_NOOP("Api", "Use only letters, digits, - and _"));
            else if (keys.contains(*key))
                v.fail(u"node_key"_s, QT_TRANSLATE_NOOP("Api", "Listed more than once"));
            n.key = *key;
        }
        // Any text: an unknown type is kept in the draft and named by publishing's check.
        if (const auto type = v.string(u"node_type"_s, true, kBotNodeTypeLength))
            n.type = *type;
        if (v.has(u"config"_s) && !v.isNull(u"config"_s)) {
            if (const auto config = v.object(u"config"_s, true)) {
                if (QJsonDocument(*config).toJson(QJsonDocument::Compact).size() > BotFlowService::kMaxConfigBytes)
                    v.fail(u"config"_s, QT_TRANSLATE_NOOP("Api", "At most %1 bytes as JSON"),
                           {QString::number(BotFlowService::kMaxConfigBytes)});
                else
                    n.config = *config;
            }
        }
        if (v.has(u"next_node_key"_s) && !v.clears(u"next_node_key"_s)) {
            if (const auto next = v.string(u"next_node_key"_s, false, kBotNodeKeyLength)) {
                // The editor's copy of config.next: it fills a config without one.
                if (!n.config.contains(u"next"_s))
                    n.config.insert(u"next"_s, *next);
            }
        }
        const QJsonValue next = n.config.value(u"next"_s);
        n.nextNodeKey = next.isString() ? next.toString() : QString();
        n.positionX = v.integer(u"position_x"_s, false, -kBotNodeMaxPosition, kBotNodeMaxPosition).value_or(0);
        n.positionY = v.integer(u"position_y"_s, false, -kBotNodeMaxPosition, kBotNodeMaxPosition).value_or(0);
        const ApiError nodeErrors = v.error();   // a copy: details() of a temporary would dangle
        for (const FieldError &e : nodeErrors.details())
            errors.append({prefix + u'.' + e.field, e.message, e.args});
        if (!v.ok())
            continue;
        keys.insert(n.key);
        out.append(n);
    }
    return out;
}

// The revision an edit is based on: the body's `revision`, else `If-Match: "<revision>"`; none
// when neither is given (or If-Match is *).
std::optional<qint64> readBasedOn(const RequestContext &ctx, Validator &v)
{
    if (v.has(u"revision"_s) && !v.isNull(u"revision"_s))
        return v.integer(u"revision"_s, true, 0, std::numeric_limits<qint64>::max() / 2);
    QByteArray tag = ctx.header("if-match").trimmed();
    if (tag.isEmpty() || tag == "*")
        return std::nullopt;
    if (tag.startsWith("W/"))
        tag = tag.mid(2);
    if (tag.size() >= 2 && tag.startsWith('"') && tag.endsWith('"'))
        tag = tag.mid(1, tag.size() - 2);
    bool ok = false;
    const qint64 revision = tag.toLongLong(&ok);
    if (!ok || revision < 0) {
        v.fail(u"If-Match"_s, QT_TRANSLATE_NOOP("Api", "Must be a revision of the draft in quotes, e.g. \"3\""));
        return std::nullopt;
    }
    return revision;
}

// A simulation's `messages`: texts, or {"text"}, {"reply_id", "text"?} or {"timeout": true}.
QList<SimulatedCustomerMessage> readSimulatedMessages(const QJsonValue &value, QList<FieldError> &errors)
{
    const QString field = u"messages"_s;
    QList<SimulatedCustomerMessage> out;
    if (!value.isArray()) {
        errors.append({field,
                       value.isUndefined() || value.isNull() ? QT_TRANSLATE_NOOP("Api", "This field is required")
                                                             : QT_TRANSLATE_NOOP("Api", "Must be a list"),
                       {}});
        return out;
    }
    const QJsonArray array = value.toArray();
    if (array.size() > BotFlowSimulator::kMaxMessages) {
        errors.append(
            {field, QT_TRANSLATE_NOOP("Api", "At most %1 items"), {QString::number(BotFlowSimulator::kMaxMessages)}});
        return out;
    }
    const QString tooLong = QString::number(BotFlowSimulator::kMaxMessageBytes);
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString item = botFlowIndexed(field, i);
        const QJsonValue m = array.at(i);
        SimulatedCustomerMessage message;
        if (m.isString()) {
            message.text = m.toString();
            if (message.text.toUtf8().size() > BotFlowSimulator::kMaxMessageBytes)
                errors.append({item, QT_TRANSLATE_NOOP("Api", "At most %1 bytes"), {tooLong}});
            out.append(message);
            continue;
        }
        const QJsonObject o = m.toObject();
        const QJsonValue text = o.value(u"text"_s);
        const QJsonValue replyId = o.value(u"reply_id"_s);
        const QJsonValue timeout = o.value(u"timeout"_s);
        if (!m.isObject() || (text.isUndefined() && replyId.isUndefined() && timeout.isUndefined())) {
            errors.append(
                {item,
                 QT_TRANSLATE_NOOP("Api", "Must be a text, or an object with text, reply_id or timeout: true"),
                 {}});
            continue;
        }
        if (!timeout.isUndefined()) {
            if (timeout != QJsonValue(true) || !text.isUndefined() || !replyId.isUndefined())
                errors.append(
                    {item + u".timeout"_s, QT_TRANSLATE_NOOP("Api", "Must be true, without text or reply_id"), {}});
            message.kind = SimulatedCustomerMessage::Kind::Timeout;
            out.append(message);
            continue;
        }
        if (!text.isUndefined()) {
            if (!text.isString())
                errors.append({item + u".text"_s, QT_TRANSLATE_NOOP("Api", "Must be a text"), {}});
            else if (text.toString().toUtf8().size() > BotFlowSimulator::kMaxMessageBytes)
                errors.append({item + u".text"_s, QT_TRANSLATE_NOOP("Api", "At most %1 bytes"), {tooLong}});
            message.text = text.toString();
        }
        if (!replyId.isUndefined()) {
            if (!replyId.isString() || replyId.toString().trimmed().isEmpty())
                errors.append({item + u".reply_id"_s, QT_TRANSLATE_NOOP("Api", "Must be a text"), {}});
            else if (replyId.toString().size() > kBotSimulationReplyIdLength)
                errors.append({item + u".reply_id"_s,
                               QT_TRANSLATE_NOOP("Api", "Must be at most %1 characters"),
                               {QString::number(kBotSimulationReplyIdLength)}});
            message.kind = SimulatedCustomerMessage::Kind::Reply;
            message.replyId = replyId.toString();
        }
        out.append(message);
    }
    return out;
}

QByteArray botFlowETag(qint64 revision)
{
    return QByteArray("\"") + QByteArray::number(revision) + QByteArray("\"");
}

}   // namespace

BotFlowsApi::BotFlowsApi(Database &db, const ServerConfig &config)
    : m_service(db), m_stats(db), m_simulator(db), m_config(config)
{}

void BotFlowsApi::registerRoutes(HttpRouter &router)
{
    const QString entity = u"BotFlow"_s;
    const QString read = Permissions::kBotFlowsRead;
    const QString manage = Permissions::kBotFlowsManage;
    const auto route = [this](Result<HttpReply> (BotFlowsApi::*member)(RequestContext &)) {
        return [this, member](RequestContext &ctx) { return (this->*member)(ctx); };
    };
    router.get(u"/v1/bot-flows"_s, {.permission = read, .action = u"bot_flow.list"_s, .entityType = entity},
               route(&BotFlowsApi::list));
    router.post(u"/v1/bot-flows"_s, {.permission = manage, .action = u"bot_flow.create"_s, .entityType = entity},
                route(&BotFlowsApi::create));
    router.get(u"/v1/bot-flows/{id}"_s, {.permission = read, .action = u"bot_flow.read"_s, .entityType = entity},
               route(&BotFlowsApi::show));
    router.put(u"/v1/bot-flows/{id}"_s, {.permission = manage, .action = u"bot_flow.update"_s, .entityType = entity},
               route(&BotFlowsApi::update));
    router.del(u"/v1/bot-flows/{id}"_s, {.permission = manage, .action = u"bot_flow.delete"_s, .entityType = entity},
               route(&BotFlowsApi::remove));
    router.post(u"/v1/bot-flows/{id}/nodes"_s,
                {.permission = manage, .action = u"bot_flow.nodes"_s, .entityType = entity},
                route(&BotFlowsApi::upsertNodes));
    router.post(u"/v1/bot-flows/{id}/publish"_s,
                {.permission = manage, .action = u"bot_flow.publish"_s, .entityType = entity},
                route(&BotFlowsApi::publish));
    router.get(u"/v1/bot-flows/{id}/versions"_s,
               {.permission = read, .action = u"bot_flow.versions"_s, .entityType = entity},
               route(&BotFlowsApi::versions));
    router.get(u"/v1/bot-flows/{id}/versions/{version}"_s,
               {.permission = read, .action = u"bot_flow.version"_s, .entityType = entity},
               route(&BotFlowsApi::version));
    router.post(u"/v1/bot-flows/{id}/versions/{version}/restore"_s,
                {.permission = manage, .action = u"bot_flow.restore"_s, .entityType = entity},
                route(&BotFlowsApi::restore));
    router.get(u"/v1/bot-flows/{id}/stats"_s, {.permission = read, .action = u"bot_flow.stats"_s, .entityType = entity},
               route(&BotFlowsApi::stats));
    // A simulation changes nothing: no transaction, and no audit row once it runs (refusals
    // before it, 401 and 403, have theirs).
    router.post(u"/v1/bot-flows/{id}/simulate"_s,
                {.permission = manage, .action = u"bot_flow.simulate"_s, .entityType = entity, .transactional = false},
                route(&BotFlowsApi::simulate));
}

HttpReply BotFlowsApi::changedReply(RequestContext &ctx, const BotFlowChanged &done, int status)
{
    ctx.audit.entityId = done.draft.flow.id;
    ctx.audit.changes = done.changes;
    return HttpReply::json(BotFlowJson::flowJson(done.draft.flow, done.draft.nodes), status)
        .withHeader("ETag", botFlowETag(done.draft.flow.revision));
}

Result<HttpReply> BotFlowsApi::list(RequestContext &ctx)
{
    QueryReader in(ctx);
    BotFlowFilter filter;
    filter.isPublished = in.boolean(u"is_published"_s);
    const PageRequest page = in.page();
    if (!in.ok())
        return in.error();
    filter.limit = page.limit;
    filter.offset = page.offset();
    const Result<BotFlowPage> result = m_service.list(actorOf(*ctx.user), filter);
    if (!result)
        return result.error();
    JsonWriter w(512 + result->rows.size() * 512);
    w.beginObject().key("data").beginArray();
    for (const BotFlowRow &f : result->rows)
        BotFlowJson::writeListItem(w, f);
    w.endArray();
    w.pageMeta(page, result->total);
    w.endObject();
    return HttpReply::json(w.take());
}

Result<HttpReply> BotFlowsApi::show(RequestContext &ctx)
{
    ctx.audit.entityId = ctx.idParam();
    const Result<BotFlowDraft> draft = m_service.get(actorOf(*ctx.user), ctx.idParam());
    if (!draft)
        return draft.error();
    return HttpReply::json(BotFlowJson::flowJson(draft->flow, draft->nodes))
        .withHeader("ETag", botFlowETag(draft->flow.revision));
}

Result<HttpReply> BotFlowsApi::create(RequestContext &ctx)
{
    Validator v(ctx.body);
    CreateBotFlow in;
    in.settings = readBotFlowSettings(v, true);
    QList<FieldError> errors = v.error().details();
    if (v.has(u"nodes"_s) && !v.isNull(u"nodes"_s))
        in.nodes = readBotNodes(ctx.body.value(u"nodes"_s), u"nodes"_s, errors);
    if (!errors.isEmpty())
        return ApiError::validation(errors);
    const Result<BotFlowChanged> done = m_service.create(actorOf(*ctx.user), in);
    if (!done)
        return done.error();
    return changedReply(ctx, *done, 201);
}

Result<HttpReply> BotFlowsApi::update(RequestContext &ctx)
{
    ctx.audit.entityId = ctx.idParam();
    Validator v(ctx.body);
    SaveBotFlow in{.flowId = ctx.idParam()};
    in.settings = readBotFlowSettings(v, false);
    in.basedOn = readBasedOn(ctx, v);
    QList<FieldError> errors = v.error().details();
    if (v.has(u"nodes"_s) && !v.isNull(u"nodes"_s))
        in.nodes = readBotNodes(ctx.body.value(u"nodes"_s), u"nodes"_s, errors);
    if (!errors.isEmpty())
        return ApiError::validation(errors);
    const Result<BotFlowChanged> done = m_service.update(actorOf(*ctx.user), in);
    if (!done)
        return done.error();
    return changedReply(ctx, *done);
}

Result<HttpReply> BotFlowsApi::upsertNodes(RequestContext &ctx)
{
    ctx.audit.entityId = ctx.idParam();
    Validator v(ctx.body);
    UpsertBotFlowNodes in{.flowId = ctx.idParam()};
    in.basedOn = readBasedOn(ctx, v);
    QList<FieldError> errors = v.error().details();
    in.nodes = readBotNodes(ctx.body.value(u"nodes"_s), u"nodes"_s, errors);
    if (!errors.isEmpty())
        return ApiError::validation(errors);
    const Result<BotFlowChanged> done = m_service.upsertNodes(actorOf(*ctx.user), in);
    if (!done)
        return done.error();
    return changedReply(ctx, *done);
}

Result<HttpReply> BotFlowsApi::remove(RequestContext &ctx)
{
    ctx.audit.entityId = ctx.idParam();
    const Result<BotFlowChanged> done = m_service.remove(actorOf(*ctx.user), ctx.idParam());
    if (!done)
        return done.error();
    ctx.audit.changes = done->changes;
    return HttpReply::noContent();
}

Result<HttpReply> BotFlowsApi::publish(RequestContext &ctx)
{
    ctx.audit.entityId = ctx.idParam();
    Validator v(ctx.body);
    const std::optional<qint64> basedOn = readBasedOn(ctx, v);
    if (!v.ok())
        return v.error();
    const Result<BotFlowPublished> done = m_service.publish(actorOf(*ctx.user), ctx.idParam(), basedOn);
    if (!done)
        return done.error();
    ctx.audit.changes = done->changes;
    JsonWriter w(2048 + done->draft.nodes.size() * 256);
    w.beginObject();
    BotFlowJson::writeFlowFields(w, done->draft.flow, done->draft.nodes);
    w.key(Conversa::BotFlowKeys::warnings).beginArray();
    for (const BotFlow::Issue &warning : done->warnings) {
        w.beginObject().field(Conversa::BotFlowKeys::field, warning.field);
        w.field(Conversa::BotFlowKeys::message, ctx.text(warning.message, warning.args)).endObject();
    }
    w.endArray().endObject();
    return HttpReply::json(w.take()).withHeader("ETag", botFlowETag(done->draft.flow.revision));
}

Result<HttpReply> BotFlowsApi::versions(RequestContext &ctx)
{
    ctx.audit.entityId = ctx.idParam();
    QueryReader in(ctx);
    const PageRequest page = in.page();
    if (!in.ok())
        return in.error();
    const Result<BotFlowVersionPage> result = m_service.versions(actorOf(*ctx.user), ctx.idParam(), page);
    if (!result)
        return result.error();
    JsonWriter w(256 + result->rows.size() * 192);
    w.beginObject().key("data").beginArray();
    for (const BotFlowVersionRow &row : result->rows)
        BotFlowJson::writeVersionItem(w, row);
    w.endArray();
    w.pageMeta(page, result->total);
    w.endObject();
    return HttpReply::json(w.take());
}

Result<HttpReply> BotFlowsApi::version(RequestContext &ctx)
{
    ctx.audit.entityId = ctx.idParam();
    const Result<BotFlowVersionRow> row =
        m_service.version(actorOf(*ctx.user), ctx.idParam(), ctx.idParam(u"version"_s));
    if (!row)
        return row.error();
    return HttpReply::json(BotFlowJson::versionJson(*row));
}

Result<HttpReply> BotFlowsApi::restore(RequestContext &ctx)
{
    ctx.audit.entityId = ctx.idParam();
    Validator v(ctx.body);
    const std::optional<qint64> basedOn = readBasedOn(ctx, v);
    if (!v.ok())
        return v.error();
    const Result<BotFlowChanged> done =
        m_service.restore(actorOf(*ctx.user), ctx.idParam(), ctx.idParam(u"version"_s), basedOn);
    if (!done)
        return done.error();
    return changedReply(ctx, *done);
}

Result<HttpReply> BotFlowsApi::stats(RequestContext &ctx)
{
    QueryReader in(ctx);
    BotStatsFilter filter{.flowId = ctx.idParam()};
    filter.from = in.time(u"from_date"_s, false);
    filter.to = in.time(u"to_date"_s, true);
    if (filter.from && filter.to && *filter.to < *filter.from)
        in.fail(u"to_date"_s, QT_TRANSLATE_NOOP("Api", "Must not be earlier than from_date"));
    filter.version = in.integer(u"version"_s, 1, std::numeric_limits<int>::max());
    if (!in.ok())
        return in.error();
    const Result<BotFlowStats> result = m_stats.stats(actorOf(*ctx.user), filter);
    if (!result)
        return result.error();
    return HttpReply::json(BotFlowJson::statsJson(*result));
}

Result<HttpReply> BotFlowsApi::simulate(RequestContext &ctx)
{
    ctx.audit.skip = true;   // nothing changes, so nothing is audited
    Validator v(ctx.body);
    SimulateBotFlow in{.flowId = ctx.idParam()};
    std::optional<QJsonObject> variables;
    readBotFlowVariables(v, variables);
    in.variables = variables.value_or(QJsonObject());
    if (const auto client = v.object(u"client"_s, false)) {
        if (QJsonDocument(*client).toJson(QJsonDocument::Compact).size() > kBotSimulationClientBytes)
            v.fail(u"client"_s, QT_TRANSLATE_NOOP("Api", "At most %1 bytes as JSON"),
                   {QString::number(kBotSimulationClientBytes)});
        else
            in.client = *client;
    }
    if (const auto start = v.string(u"start_node"_s, false, kBotNodeKeyLength); start && !start->isEmpty()) {
        if (isBotNodeKey(*start))
            in.startNode = *start;
        else
            v.fail(u"start_node"_s, QT_TRANSLATE_NOOP("Api", "Use only letters, digits, - and _"));
    }
    in.version = v.integer(u"version"_s, false, 1, std::numeric_limits<int>::max());
    in.interactive = v.boolean(u"interactive"_s, false).value_or(false);
    if (const auto mocks = v.object(u"mock_responses"_s, false)) {
        if (mocks->size() > BotFlowService::kMaxNodes)
            v.fail(u"mock_responses"_s, QT_TRANSLATE_NOOP("Api", "At most %1 items"),
                   {QString::number(BotFlowService::kMaxNodes)});
        for (auto it = mocks->begin(); it != mocks->end(); ++it) {
            if (!isBotNodeKey(it.key()))
                v.fail(u"mock_responses."_s + it.key(), QT_TRANSLATE_NOOP("Api", "Use only letters, digits, - and _"));
        }
        in.mockResponses = *mocks;
    }
    QList<FieldError> errors = v.error().details();
    in.messages = readSimulatedMessages(ctx.body.value(u"messages"_s), errors);
    if (!errors.isEmpty())
        return ApiError::validation(errors);
    // What the customer would see: the server's customer language and step limit, as the engine's.
    in.listButton = translated(m_config.customerLanguage, "Bot", QT_TRANSLATE_NOOP("Bot", "Options"));
    in.maxSteps = m_config.botMaxSteps;
    in.defaultRegion = m_config.defaultRegion;

    const Result<BotSimulation> done = m_simulator.simulate(actorOf(*ctx.user), in);
    if (!done)
        return done.error();
    JsonWriter w(4096 + done->transcript.size() * 256);
    w.beginObject();
    BotFlowJson::writeSimulationFields(w, *done);
    w.key(Conversa::BotSimulationKeys::warnings).beginArray();
    for (const BotFlow::Issue &warning : done->warnings) {
        w.beginObject().field(Conversa::BotFlowKeys::field, warning.field);
        w.field(Conversa::BotFlowKeys::message, ctx.text(warning.message, warning.args)).endObject();
    }
    w.endArray().endObject();
    return HttpReply::json(w.take());
}

}   // namespace Conversa::Server
