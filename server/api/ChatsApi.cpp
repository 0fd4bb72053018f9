#include "ChatsApi.h"

#include "ClientsApi.h"
#include "MessagesApi.h"
#include "app/ServerContext.h"
#include "domain/RoutingTrigger.h"
#include "realtime/ChatEvents.h"
#include "store/RoutingStore.h"
#include "domain/ChatStateMachine.h"
#include "http/JsonWriter.h"
#include "http/QueryReader.h"
#include "http/Validator.h"
#include "store/ClientStore.h"
#include "store/Database.h"
#include "store/InboundStore.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

using namespace Qt::StringLiterals;
using ChatStateMachine::Action;

namespace {

constexpr qint64 kMaxId = std::numeric_limits<qint64>::max();
constexpr int kMaxReason = 500;
constexpr int kMaxNote = 5000;

QJsonObject change(const QJsonValue &from, const QJsonValue &to)
{
    return {{u"from"_s, from}, {u"to"_s, to}};
}

QJsonValue idOrNull(qint64 id)
{
    return id > 0 ? QJsonValue(id) : QJsonValue();
}

QJsonValue textOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

void writePerson(JsonWriter &w, const char *name, const ChatPerson &p, bool agentStatus = false)
{
    w.key(name);
    if (p.id <= 0) {
        w.null();
        return;
    }
    w.beginObject().field("id", p.id).field("first_name", p.firstName).field("last_name", p.lastName);
    if (agentStatus)
        w.field("agent_status", p.agentStatus);
    w.endObject();
}

void writeRefs(JsonWriter &w, const Chat &c)
{
    w.key("campaign").beginObject().field("id", c.campaignId).field("name", c.campaignName).endObject();
    w.key("whatsapp_number").beginObject().field("id", c.numberId).field("phone_number", c.numberPhone).endObject();
}

// Seed §5.1.
void writeListItem(JsonWriter &w, const Chat &c)
{
    w.beginObject().field("id", c.id);
    w.key("client").beginObject().field("id", c.client.id);
    w.stringOrNull("first_name", c.client.firstName).stringOrNull("last_name", c.client.lastName);
    w.field("phone_number", c.client.phoneNumber).key("avatar_url").null().endObject();
    writeRefs(w, c);
    writePerson(w, "assigned_agent", c.agent);
    w.field("status", c.status).field("priority", c.priority).field("message_count", c.messageCount);
    w.key("last_message");
    if (c.lastMessageId > 0) {
        w.beginObject().field("id", c.lastMessageId).stringOrNull("content", c.lastMessageContent);
        w.field("direction", c.lastMessageDirection).timeOrNull("created_at", c.lastMessageCreatedAt).endObject();
    } else {
        w.null();
    }
    w.field("unread_count", c.unreadCount).timeOrNull("created_at", c.createdAt);
    w.timeOrNull("last_message_at", c.lastMessageAt);
    w.endObject();
}

void writeSeconds(JsonWriter &w, const char *name, qint64 from, qint64 to)
{
    w.key(name);
    from > 0 && to > 0 ? w.value(std::max<qint64>(0, to - from)) : w.null();
}

// CONTRACT §10: wait = queued → assigned, first response = assigned → first agent message,
// handling = assigned → closed (still running while open).
void writeMetrics(JsonWriter &w, const Chat &c)
{
    w.key("metrics").beginObject();
    writeSeconds(w, "wait_time_seconds", c.queuedAt > 0 ? c.queuedAt : c.createdAt, c.assignedAt);
    writeSeconds(w, "first_response_time_seconds", c.assignedAt, c.firstResponseAt);
    writeSeconds(w, "handling_time_seconds", c.assignedAt, c.closedAt > 0 ? c.closedAt : nowSeconds());
    w.endObject();
}

// The campaign's SLA for this chat (CONTRACT §4, §10): the first agent message is due within the
// first-response target of queueing, the close within the resolution target of creation. A due
// moment is breached once passed without it (an open chat is measured against now).
void writeSla(JsonWriter &w, const Chat &c, qint64 firstResponseTarget, qint64 resolutionTarget, qint64 now)
{
    const qint64 responseDue = (c.queuedAt > 0 ? c.queuedAt : c.createdAt) + firstResponseTarget;
    const qint64 responded = c.firstResponseAt > 0 ? c.firstResponseAt : c.closedAt > 0 ? c.closedAt : now;
    const qint64 resolutionDue = c.createdAt + resolutionTarget;
    const qint64 resolved = c.closedAt > 0 ? c.closedAt : now;
    w.key("sla").beginObject();
    w.timeOrNull("first_response_due_at", responseDue).field("first_response_breached", responded > responseDue);
    w.timeOrNull("resolution_due_at", resolutionDue).field("resolution_breached", resolved > resolutionDue);
    w.endObject();
}

std::optional<QString> reason(Validator &v)
{
    return v.string(u"reason"_s, false, kMaxReason);
}

} // namespace

ChatsApi::ChatsApi(ServerContext &context) : m_context(context), m_chats(context.db), m_messages(context.db) {}

void ChatsApi::registerRoutes(HttpRouter &router)
{
    const QString chat = u"Chat"_s;
    const auto route = [this](Result<HttpReply> (ChatsApi::*member)(RequestContext &)) {
        return [this, member](RequestContext &ctx) { return (this->*member)(ctx); };
    };
    router.get(u"/v1/chats"_s, {.permission = u"chats.read"_s, .action = u"chat.list"_s, .entityType = chat},
               route(&ChatsApi::list));
    router.get(u"/v1/chats/{id}"_s, {.permission = u"chats.read"_s, .action = u"chat.read"_s, .entityType = chat},
               route(&ChatsApi::show));
    router.post(u"/v1/chats/{id}/assign"_s, {.permission = u"chats.assign"_s, .action = u"chat.assign"_s, .entityType = chat},
                route(&ChatsApi::assign));
    router.post(u"/v1/chats/{id}/transfer"_s,
                {.permission = u"chats.transfer"_s, .action = u"chat.transfer"_s, .entityType = chat},
                route(&ChatsApi::transfer));
    router.get(u"/v1/chats/{id}/transfer-options"_s,
               {.permission = u"chats.transfer"_s, .action = u"chat.transfer_options"_s, .entityType = chat},
               route(&ChatsApi::transferOptions));
    router.post(u"/v1/chats/{id}/close"_s, {.permission = u"chats.close"_s, .action = u"chat.close"_s, .entityType = chat},
                route(&ChatsApi::close));
    router.post(u"/v1/chats/{id}/reopen"_s, {.permission = u"chats.close"_s, .action = u"chat.reopen"_s, .entityType = chat},
                route(&ChatsApi::reopen));
    router.post(u"/v1/chats/{id}/tags"_s, {.permission = u"chats.update"_s, .action = u"chat.tag_add"_s, .entityType = chat},
                route(&ChatsApi::addTag));
    router.del(u"/v1/chats/{id}/tags/{tag}"_s,
               {.permission = u"chats.update"_s, .action = u"chat.tag_remove"_s, .entityType = chat},
               route(&ChatsApi::removeTag));
    router.post(u"/v1/chats/{id}/notes"_s, {.permission = u"chats.update"_s, .action = u"chat.note_add"_s, .entityType = chat},
                route(&ChatsApi::addNote));
    router.put(u"/v1/chats/{id}/priority"_s,
               {.permission = u"chats.update"_s, .action = u"chat.priority"_s, .entityType = chat},
               route(&ChatsApi::setPriority));
    router.get(u"/v1/chats/{id}/messages"_s,
               {.permission = u"messages.read"_s, .action = u"chat.messages"_s, .entityType = chat},
               route(&ChatsApi::messages));
}

Result<Chat> ChatsApi::visibleChat(RequestContext &ctx)
{
    ctx.audit.entityId = ctx.idParam();
    return m_chats.findVisible(ctx.idParam(), *ctx.user);
}

Result<HttpReply> ChatsApi::list(RequestContext &ctx)
{
    QueryReader in(ctx);
    ChatFilter f;
    f.status = in.oneOf(u"status"_s, ChatStateMachine::statuses());
    f.agentId = in.id(u"assigned_agent_id"_s);
    f.campaignId = in.id(u"campaign_id"_s);
    f.priority = in.oneOf(u"priority"_s, ChatStore::priorities());
    f.search = in.text(u"search"_s);
    f.from = in.time(u"from_date"_s, false);
    f.to = in.time(u"to_date"_s, true);
    const PageRequest page = in.page();
    if (!in.ok())
        return in.error();
    f.limit = page.limit;
    f.offset = page.offset();
    if (!ctx.user->can(u"chats.read_all"_s))
        f.visibleTo = ctx.userId();
    Result<ChatPage> result = m_chats.list(f);
    if (!result)
        return result.error();
    JsonWriter w(512 + result->rows.size() * 640);
    w.beginObject().key("data").beginArray();
    for (const Chat &c : std::as_const(result->rows))
        writeListItem(w, c);
    w.endArray();
    w.pageMeta(page, result->total);
    w.endObject();
    return HttpReply::json(w.take());
}

Result<QByteArray> ChatsApi::chatJson(Database &db, qint64 chatId)
{
    ChatStore chats(db);
    Result<Chat> c = chats.find(chatId);
    if (!c)
        return c.error();
    Result<QJsonObject> client = chats.clientDetails(c->client.id);
    if (!client)
        return client.error();
    Result<QStringList> tags = chats.tags(chatId);
    if (!tags)
        return tags.error();
    Result<QList<ChatNote>> notes = chats.notes(chatId);
    if (!notes)
        return notes.error();
    const Result<std::optional<qint64>> position = RoutingStore(db).queuePosition(chatId);
    if (!position)
        return position.error();
    const Result<std::pair<qint64, qint64>> sla = chats.slaTargets(c->campaignId);
    if (!sla)
        return sla.error();

    JsonWriter w(2048);
    w.beginObject().field("id", c->id);
    w.key("client").json(*client);
    writeRefs(w, *c);
    writePerson(w, "assigned_agent", c->agent, true);
    w.field("status", c->status).field("priority", c->priority);
    w.key("queue_position");   // 1: the next chat its campaign routes; null unless queued
    *position ? w.value(**position) : w.null();
    w.key("tags").beginArray();
    for (const QString &t : std::as_const(*tags))
        w.value(t);
    w.endArray();
    w.key("notes").beginArray();
    for (const ChatNote &n : std::as_const(*notes)) {
        w.beginObject().field("id", n.id);
        w.key("user");
        if (n.user.id > 0)
            w.beginObject().field("id", n.user.id).field("first_name", n.user.firstName).endObject();
        else
            w.null();
        w.field("content", n.content).timeOrNull("created_at", n.createdAt).endObject();
    }
    w.endArray();
    w.key("bot_context").json(QJsonDocument::fromJson(c->botContext.toUtf8()).object());
    writeMetrics(w, *c);
    writeSla(w, *c, sla->first, sla->second, nowSeconds());
    w.field("message_count", c->messageCount).field("unread_count", c->unreadCount);
    w.timeOrNull("created_at", c->createdAt).timeOrNull("queued_at", c->queuedAt);
    w.timeOrNull("assigned_at", c->assignedAt).timeOrNull("first_response_at", c->firstResponseAt);
    w.timeOrNull("last_message_at", c->lastMessageAt).timeOrNull("closed_at", c->closedAt);
    w.stringOrNull("close_reason", c->closeReason).stringOrNull("outcome", c->outcome);
    w.key("outcome_value");
    c->outcomeValue ? w.value(*c->outcomeValue) : w.null();
    w.stringOrNull("close_notes", c->closeNotes);
    // Meta's 24-hour customer service window (CONTRACT §5); always open on other providers.
    const Result<WhatsAppWindow> window = InboundStore(db).window(chatId, nowSeconds());
    if (!window)
        return window.error();
    w.key("whatsapp_window").beginObject().field("open", window->open).timeOrNull("expires_at", window->expiresAt);
    w.endObject();
    w.endObject();
    return w.take();
}

Result<HttpReply> ChatsApi::detail(qint64 chatId)
{
    const Result<QByteArray> body = chatJson(m_context.db, chatId);
    if (!body)
        return body.error();
    return HttpReply::json(*body);
}

Result<HttpReply> ChatsApi::show(RequestContext &ctx)
{
    CONVERSA_TRY(visibleChat(ctx));
    return detail(ctx.idParam());
}

Result<HttpReply> ChatsApi::assign(RequestContext &ctx)
{
    Validator v(ctx.body);
    const auto agentId = v.integer(u"agent_id"_s, true, 1, kMaxId);
    const auto why = reason(v);
    if (!v.ok())
        return v.error();
    Result<Chat> c = visibleChat(ctx);
    if (!c)
        return c.error();
    const Result<ChatPerson> agent = m_chats.activeUser(*agentId);
    if (!agent)
        return ApiError::validation(u"agent_id"_s, QT_TRANSLATE_NOOP("Api", "Must be an active user"));
    const std::optional<QString> status = ChatStateMachine::next(c->status, Action::Assign);
    if (!status)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A closed chat cannot be assigned"));

    const qint64 now = nowSeconds();
    CONVERSA_TRY(m_chats.assign(c->id, agent->id, *status, now));
    CONVERSA_TRY(m_chats.addEvent(c->id, {.event = u"assign"_s, .fromStatus = c->status, .toStatus = *status,
                                          .fromAgentId = c->agent.id, .toAgentId = agent->id,
                                          .reason = why.value_or(QString()), .userId = ctx.userId()}, now));
    routeAfterCommit(ctx, {c->campaignId}, c->agent.id);   // the previous agent has room again
    ChatEvents::afterCommit(ctx, m_context, [id = c->id, previous = c->agent.id](ChatEvents &events) {
        events.chatAssigned(id, previous);
    });
    ctx.audit.changes = {{u"assigned_agent_id"_s, change(idOrNull(c->agent.id), agent->id)},
                         {u"status"_s, change(c->status, *status)}};
    JsonWriter w(256);
    w.beginObject().field("id", c->id);
    w.key("assigned_agent").beginObject().field("id", agent->id).field("first_name", agent->firstName);
    w.field("last_name", agent->lastName).endObject();
    w.field("status", *status).timeOrNull("assigned_at", now).endObject();
    return HttpReply::json(w.take());
}

Result<HttpReply> ChatsApi::transfer(RequestContext &ctx)
{
    Validator v(ctx.body);
    const auto type = v.oneOf(u"target_type"_s, {u"agent"_s, u"campaign"_s, u"queue"_s}, true);
    const bool needsTarget = type && *type != "queue"_L1;
    const auto targetId = v.integer(u"target_id"_s, needsTarget, 1, kMaxId);
    const auto why = reason(v);
    if (!v.ok())
        return v.error();
    Result<Chat> c = visibleChat(ctx);
    if (!c)
        return c.error();

    ChatEvent e{.event = u"transfer"_s, .fromStatus = c->status, .fromAgentId = c->agent.id,
                .fromCampaignId = c->campaignId, .reason = why.value_or(QString()), .userId = ctx.userId()};
    e.toCampaignId = c->campaignId;
    const qint64 now = nowSeconds();
    if (*type == "agent"_L1) {
        const Result<ChatPerson> agent = m_chats.activeUser(*targetId);
        if (!agent)
            return ApiError::validation(u"target_id"_s, QT_TRANSLATE_NOOP("Api", "Must be an active user"));
        const Result<bool> allowed = m_chats.isCampaignAgent(c->campaignId, agent->id);
        if (!allowed)
            return allowed.error();
        if (!*allowed)
            return ApiError::validation(u"target_id"_s,
                                        QT_TRANSLATE_NOOP("Api", "The agent does not work on this chat's campaign"));
        const auto status = ChatStateMachine::next(c->status, Action::TransferToAgent);
        if (!status)
            return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A closed chat cannot be transferred"));
        CONVERSA_TRY(m_chats.assign(c->id, agent->id, *status, now));
        e.toStatus = *status;
        e.toAgentId = agent->id;
    } else {
        if (*type == "campaign"_L1) {
            const Result<bool> exists = m_chats.campaignExists(*targetId);
            if (!exists)
                return exists.error();
            if (!*exists)
                return ApiError::validation(u"target_id"_s, QT_TRANSLATE_NOOP("Api", "No such campaign"));
            e.toCampaignId = *targetId;
        }
        const auto status = ChatStateMachine::next(c->status, Action::Requeue);
        if (!status)
            return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A closed chat cannot be transferred"));
        CONVERSA_TRY(m_chats.requeue(c->id, e.toCampaignId, now));
        e.toStatus = *status;
    }
    CONVERSA_TRY(m_chats.addEvent(c->id, e, now));
    routeAfterCommit(ctx, {e.toCampaignId}, e.fromAgentId);
    const QJsonObject from{{u"agent_id"_s, idOrNull(e.fromAgentId)}, {u"campaign_id"_s, e.fromCampaignId}};
    const QJsonObject to{{u"type"_s, *type}, {u"agent_id"_s, idOrNull(e.toAgentId)}, {u"campaign_id"_s, e.toCampaignId}};
    ChatEvents::afterCommit(ctx, m_context, [id = c->id, e, from, to](ChatEvents &events) {
        events.chatTransferred(id, e.fromAgentId, from, to, e.reason);
        if (e.toAgentId > 0)
            events.chatAssigned(id, e.fromAgentId);
        else
            events.chatUpdated(id, e.fromAgentId);
    });
    ctx.audit.changes = {{u"target_type"_s, change({}, *type)}};
    if (e.fromAgentId != e.toAgentId)
        ctx.audit.changes.insert(u"assigned_agent_id"_s, change(idOrNull(e.fromAgentId), idOrNull(e.toAgentId)));
    if (e.fromCampaignId != e.toCampaignId)
        ctx.audit.changes.insert(u"campaign_id"_s, change(e.fromCampaignId, e.toCampaignId));
    if (e.fromStatus != e.toStatus)
        ctx.audit.changes.insert(u"status"_s, change(e.fromStatus, e.toStatus));
    return detail(c->id);
}

Result<HttpReply> ChatsApi::close(RequestContext &ctx)
{
    Validator v(ctx.body);
    Chat closed;
    closed.closeReason = v.string(u"close_reason"_s, false, 100).value_or(QString());
    closed.outcome = v.string(u"outcome"_s, false, 100).value_or(QString());
    if (v.has(u"outcome_value"_s) && !v.isNull(u"outcome_value"_s))
        closed.outcomeValue = v.integer(u"outcome_value"_s, true, 0, 1'000'000'000'000'000);
    closed.closeNotes = v.string(u"notes"_s, false, kMaxNote).value_or(QString());
    if (!v.ok())
        return v.error();
    Result<Chat> c = visibleChat(ctx);
    if (!c)
        return c.error();
    const auto status = ChatStateMachine::next(c->status, Action::Close);
    if (!status)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "The chat is already closed"));

    const qint64 now = nowSeconds();
    closed.id = c->id;
    CONVERSA_TRY(m_chats.close(closed, now));
    CONVERSA_TRY(m_chats.addEvent(c->id, {.event = u"close"_s, .fromStatus = c->status, .toStatus = *status,
                                          .fromAgentId = c->agent.id, .toAgentId = c->agent.id,
                                          .reason = closed.closeReason, .userId = ctx.userId()}, now));
    routeAfterCommit(ctx, {c->campaignId}, c->agent.id);
    chatUpdatedAfterCommit(ctx, c->id);
    ctx.audit.changes = {{u"status"_s, change(c->status, *status)},
                         {u"close_reason"_s, change({}, textOrNull(closed.closeReason))},
                         {u"outcome"_s, change({}, textOrNull(closed.outcome))}};
    if (closed.outcomeValue)
        ctx.audit.changes.insert(u"outcome_value"_s, change({}, *closed.outcomeValue));
    JsonWriter w(256);
    w.beginObject().field("id", c->id).field("status", *status).timeOrNull("closed_at", now);
    w.stringOrNull("close_reason", closed.closeReason).stringOrNull("outcome", closed.outcome);
    w.key("outcome_value");
    closed.outcomeValue ? w.value(*closed.outcomeValue) : w.null();
    w.endObject();
    return HttpReply::json(w.take());
}

void ChatsApi::chatUpdatedAfterCommit(RequestContext &ctx, qint64 chatId)
{
    ChatEvents::afterCommit(ctx, m_context, [chatId](ChatEvents &events) { events.chatUpdated(chatId); });
}

void ChatsApi::routeAfterCommit(RequestContext &ctx, const QList<qint64> &campaigns, qint64 freedAgentId)
{
    ctx.afterCommit([&routing = m_context.routing, campaigns, freedAgentId] {
        routing.campaigns(campaigns);
        routing.agent(freedAgentId);
    });
}

Result<HttpReply> ChatsApi::reopen(RequestContext &ctx)
{
    Result<Chat> c = visibleChat(ctx);
    if (!c)
        return c.error();
    bool agentAble = false;
    if (c->agent.id > 0)
        agentAble = m_chats.activeUser(c->agent.id).ok();
    const auto status = ChatStateMachine::next(c->status, Action::Reopen, agentAble);
    if (!status)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "Only a closed chat can be reopened"));
    const Result<bool> blocked = m_chats.otherOpenChat(*c);
    if (!blocked)
        return blocked.error();
    if (*blocked)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "The client already has an open chat on this number"));

    const qint64 now = nowSeconds();
    const qint64 agentId = agentAble ? c->agent.id : 0;
    CONVERSA_TRY(m_chats.reopen(c->id, agentId, *status, now));
    CONVERSA_TRY(m_chats.addEvent(c->id, {.event = u"reopen"_s, .fromStatus = c->status, .toStatus = *status,
                                          .fromAgentId = c->agent.id, .toAgentId = agentId,
                                          .userId = ctx.userId()}, now));
    routeAfterCommit(ctx, {c->campaignId}, 0);
    chatUpdatedAfterCommit(ctx, c->id);
    ctx.audit.changes = {{u"status"_s, change(c->status, *status)}};
    if (agentId != c->agent.id)
        ctx.audit.changes.insert(u"assigned_agent_id"_s, change(idOrNull(c->agent.id), idOrNull(agentId)));
    return detail(c->id);
}

Result<HttpReply> ChatsApi::addTag(RequestContext &ctx)
{
    Validator v(ctx.body);
    const auto raw = v.string(u"tag"_s, true, 255);
    const QString tag = raw ? ClientsApi::readTag(v, u"tag"_s, *raw) : QString();
    if (!v.ok())
        return v.error();
    Result<Chat> c = visibleChat(ctx);
    if (!c)
        return c.error();
    const Result<QStringList> before = m_chats.tags(c->id);
    if (!before)
        return before.error();
    const Result<bool> added = m_chats.addTag(c->id, tag, nowSeconds());
    if (!added)
        return added.error();
    if (*added) {   // a tag the chat already has changes nothing
        QStringList after = *before;
        after.append(tag);
        after.sort();
        ctx.audit.changes = {{u"tags"_s, change(QJsonArray::fromStringList(*before), QJsonArray::fromStringList(after))}};
    }
    chatUpdatedAfterCommit(ctx, c->id);
    return detail(c->id);
}

Result<HttpReply> ChatsApi::transferOptions(RequestContext &ctx)
{
    // What POST …/transfer accepts, for a picker: agents of the chat's campaign (an agent may not
    // list users) and the other active campaigns (nor campaigns).
    Result<Chat> c = visibleChat(ctx);
    if (!c)
        return c.error();
    const Result<QList<TransferAgent>> agents = m_chats.transferAgents(c->campaignId, c->agent.id);
    if (!agents)
        return agents.error();
    const Result<QList<TransferCampaign>> campaigns = m_chats.transferCampaigns(c->campaignId);
    if (!campaigns)
        return campaigns.error();
    JsonWriter w(256 + agents->size() * 160 + campaigns->size() * 64);
    w.beginObject().key("agents").beginArray();
    for (const TransferAgent &a : *agents) {
        w.beginObject().field("id", a.id).field("first_name", a.firstName).field("last_name", a.lastName);
        w.field("agent_status", a.agentStatus).field("open_chats", a.openChats);
        w.field("max_concurrent_chats", a.maxConcurrentChats).endObject();
    }
    w.endArray().key("campaigns").beginArray();
    for (const TransferCampaign &t : *campaigns)
        w.beginObject().field("id", t.id).field("name", t.name).endObject();
    w.endArray().endObject();
    return HttpReply::json(w.take());
}

Result<HttpReply> ChatsApi::removeTag(RequestContext &ctx)
{
    // The router takes {tag} from the decoded path: "%C3%B1" arrives as "ñ".
    const QString tag = ClientStore::normalizeTag(ctx.params.value(u"tag"_s));
    Result<Chat> c = visibleChat(ctx);
    if (!c)
        return c.error();
    const Result<QStringList> before = m_chats.tags(c->id);
    if (!before)
        return before.error();
    const Result<bool> removed = m_chats.removeTag(c->id, tag);
    if (!removed)
        return removed.error();
    if (!*removed)
        return ApiError::notFound();
    QStringList after = *before;
    after.removeAll(tag);
    ctx.audit.changes = {{u"tags"_s, change(QJsonArray::fromStringList(*before), QJsonArray::fromStringList(after))}};
    chatUpdatedAfterCommit(ctx, c->id);
    return HttpReply::noContent();
}

Result<HttpReply> ChatsApi::addNote(RequestContext &ctx)
{
    Validator v(ctx.body);
    const auto content = v.string(u"content"_s, true, kMaxNote);
    if (!v.ok())
        return v.error();
    Result<Chat> c = visibleChat(ctx);
    if (!c)
        return c.error();
    const qint64 now = nowSeconds();
    const Result<qint64> id = m_chats.addNote(c->id, ctx.userId(), *content, now);
    if (!id)
        return id.error();
    ctx.audit.changes = {{u"note_id"_s, change({}, *id)}, {u"content"_s, change({}, *content)}};
    chatUpdatedAfterCommit(ctx, c->id);
    JsonWriter w(512);
    w.beginObject().field("id", *id).field("chat_id", c->id);
    w.key("user").beginObject().field("id", ctx.userId()).field("first_name", ctx.user->firstName).endObject();
    w.field("content", *content).timeOrNull("created_at", now).endObject();
    return HttpReply::json(w.take(), 201);
}

Result<HttpReply> ChatsApi::setPriority(RequestContext &ctx)
{
    Validator v(ctx.body);
    const auto priority = v.oneOf(u"priority"_s, ChatStore::priorities(), true);
    if (!v.ok())
        return v.error();
    Result<Chat> c = visibleChat(ctx);
    if (!c)
        return c.error();
    if (*priority != c->priority) {
        const qint64 now = nowSeconds();
        CONVERSA_TRY(m_chats.setPriority(c->id, *priority));
        CONVERSA_TRY(m_chats.addEvent(c->id, {.event = u"priority"_s, .fromStatus = c->status, .toStatus = c->status,
                                              .reason = c->priority + u" -> "_s + *priority, .userId = ctx.userId()},
                                      now));
        ctx.audit.changes = {{u"priority"_s, change(c->priority, *priority)}};
    }
    chatUpdatedAfterCommit(ctx, c->id);
    return detail(c->id);
}

Result<HttpReply> ChatsApi::messages(RequestContext &ctx)
{
    QueryReader in(ctx);
    const qint64 beforeId = in.id(u"before_id"_s);
    const PageRequest page = in.page();
    if (!in.ok())
        return in.error();
    Result<Chat> c = visibleChat(ctx);
    if (!c)
        return c.error();
    Result<MessagePage> result = beforeId > 0 ? m_messages.before(c->id, beforeId, page.limit)
                                              : m_messages.page(c->id, page.limit, page.offset());
    if (!result)
        return result.error();
    JsonWriter w(512 + result->rows.size() * 512);
    w.beginObject().key("data").beginArray();
    for (const Message &m : std::as_const(result->rows))
        MessagesApi::writeMessage(w, m);
    w.endArray();
    if (beforeId > 0) {
        w.key("meta").beginObject().field("per_page", page.limit).field("total", result->total);
        w.field("has_more", result->hasMore).endObject();
    } else {
        w.pageMeta(page, result->total);
    }
    w.endObject();
    return HttpReply::json(w.take());
}
