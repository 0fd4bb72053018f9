#include "ChatJson.h"

#include "domain/SlaPolicy.h"
#include "http/JsonWriter.h"
#include "store/ChatStore.h"
#include "store/Database.h"
#include "store/InboundStore.h"
#include "store/RoutingStore.h"

#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

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

// The campaign's SLA for this chat (SlaPolicy).
void writeSla(JsonWriter &w, const Chat &c, const SlaTargets &targets, qint64 now)
{
    const SlaStatus s = SlaPolicy::evaluate({.createdAt = c.createdAt, .queuedAt = c.queuedAt, .assignedAt = c.assignedAt,
                                             .firstResponseAt = c.firstResponseAt, .closedAt = c.closedAt},
                                            targets, now);
    w.key("sla").beginObject();
    w.timeOrNull("first_response_due_at", s.firstResponseDueAt).field("first_response_breached", s.firstResponseBreached);
    w.timeOrNull("resolution_due_at", s.resolutionDueAt).field("resolution_breached", s.resolutionBreached);
    w.endObject();
}

} // namespace

// Seed §5.1.
void ChatJson::writeListItem(JsonWriter &w, const Chat &c)
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

Result<QByteArray> ChatJson::chatJson(Database &db, qint64 chatId)
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
    writeSla(w, *c, {sla->first, sla->second}, nowSeconds());
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
