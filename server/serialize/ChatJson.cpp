#include "ChatJson.h"

#include "core/JsonWriter.h"
#include "core/SlaPolicy.h"
#include "providers/ProviderRegistry.h"
#include "store/ChatStore.h"
#include "store/Database.h"
#include "store/InboundStore.h"
#include "store/RoutingStore.h"

#include <Conversa/dto/WireKeyNames.h>

#include <QJsonDocument>

#include <algorithm>

namespace Conversa::Server {

using namespace Conversa;
using namespace Qt::StringLiterals;

namespace {

void writePerson(JsonWriter &w, const char *name, const ChatPerson &p, bool agentStatus = false)
{
    w.key(name);
    if (p.id <= 0) {
        w.null();
        return;
    }
    w.beginObject()
        .field(UserRefKeys::id, p.id)
        .field(UserRefKeys::firstName, p.firstName)
        .field(UserRefKeys::lastName, p.lastName);
    if (agentStatus)
        w.field(UserRefKeys::agentStatus, p.agentStatus);
    w.endObject();
}

void writeRefs(JsonWriter &w, const Chat &c)
{
    w.key(ChatKeys::campaign)
        .beginObject()
        .field(ChatKeys::id, c.campaignId)
        .field(ChatKeys::name, c.campaignName)
        .endObject();
    w.key(ChatKeys::whatsappNumber)
        .beginObject()
        .field(ChatKeys::id, c.numberId)
        .field(ChatKeys::phoneNumber, c.numberPhone)
        .endObject();
}

void writeSeconds(JsonWriter &w, const char *name, qint64 from, qint64 to)
{
    w.key(name);
    from > 0 && to > 0 ? w.value(std::max<qint64>(0, to - from)) : w.null();
}

// The chat's timings: wait = queued → assigned, first response = assigned → first agent message,
// handling = assigned → closed (still running while open).
void writeMetrics(JsonWriter &w, const Chat &c)
{
    w.key(ChatKeys::metrics).beginObject();
    writeSeconds(w, ChatKeys::waitTimeSeconds, c.queuedAt > 0 ? c.queuedAt : c.createdAt, c.assignedAt);
    writeSeconds(w, ChatKeys::firstResponseTimeSeconds, c.assignedAt, c.firstResponseAt);
    writeSeconds(w, ChatKeys::handlingTimeSeconds, c.assignedAt, c.closedAt > 0 ? c.closedAt : nowSeconds());
    w.endObject();
}

// The campaign's SLA for this chat (SlaPolicy).
void writeSla(JsonWriter &w, const Chat &c, const SlaTargets &targets, qint64 now)
{
    const SlaStatus s = SlaPolicy::evaluate({.createdAt = c.createdAt,
                                             .queuedAt = c.queuedAt,
                                             .assignedAt = c.assignedAt,
                                             .firstResponseAt = c.firstResponseAt,
                                             .closedAt = c.closedAt},
                                            targets, now);
    w.key(ChatKeys::sla).beginObject();
    w.timeOrNull(ChatKeys::firstResponseDueAt, s.firstResponseDueAt)
        .field(ChatKeys::firstResponseBreached, s.firstResponseBreached);
    w.timeOrNull(ChatKeys::resolutionDueAt, s.resolutionDueAt)
        .field(ChatKeys::resolutionBreached, s.resolutionBreached);
    w.endObject();
}

}   // namespace

// A chat as the inbox lists it.
void ChatJson::writeListItem(JsonWriter &w, const Chat &c)
{
    w.beginObject().field(ChatKeys::id, c.id);
    // The client's summary (ClientDto's keys).
    w.key(ChatKeys::client).beginObject().field("id", c.client.id);
    w.stringOrNull("first_name", c.client.firstName).stringOrNull("last_name", c.client.lastName);
    w.field("phone_number", c.client.phoneNumber).key("avatar_url").null().endObject();
    writeRefs(w, c);
    writePerson(w, ChatKeys::assignedAgent, c.agent);
    w.field(ChatKeys::status, c.status)
        .field(ChatKeys::priority, c.priority)
        .field(ChatKeys::messageCount, c.messageCount);
    w.key(ChatKeys::lastMessage);
    if (c.lastMessageId > 0) {
        w.beginObject().field(ChatKeys::id, c.lastMessageId).stringOrNull(ChatKeys::content, c.lastMessageContent);
        w.field(ChatKeys::direction, c.lastMessageDirection)
            .timeOrNull(ChatKeys::createdAt, c.lastMessageCreatedAt)
            .endObject();
    } else {
        w.null();
    }
    w.field(ChatKeys::unreadCount, c.unreadCount).timeOrNull(ChatKeys::createdAt, c.createdAt);
    w.timeOrNull(ChatKeys::lastMessageAt, c.lastMessageAt);
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
    w.beginObject().field(ChatKeys::id, c->id);
    w.key(ChatKeys::client).json(*client);
    writeRefs(w, *c);
    writePerson(w, ChatKeys::assignedAgent, c->agent, true);
    w.field(ChatKeys::status, c->status).field(ChatKeys::priority, c->priority);
    w.key(ChatKeys::queuePosition);   // 1: the next chat its campaign routes; null unless queued
    *position ? w.value(**position) : w.null();
    w.key(ChatKeys::tags).beginArray();
    for (const QString &t : std::as_const(*tags))
        w.value(t);
    w.endArray();
    w.key(ChatKeys::notes).beginArray();
    for (const ChatNote &n : std::as_const(*notes)) {
        w.beginObject().field(ChatKeys::id, n.id);
        w.key(ChatKeys::user);
        if (n.user.id > 0)
            w.beginObject()
                .field(UserRefKeys::id, n.user.id)
                .field(UserRefKeys::firstName, n.user.firstName)
                .endObject();
        else
            w.null();
        w.field(ChatKeys::content, n.content).timeOrNull(ChatKeys::createdAt, n.createdAt).endObject();
    }
    w.endArray();
    w.key(ChatKeys::botContext).json(QJsonDocument::fromJson(c->botContext.toUtf8()).object());
    writeMetrics(w, *c);
    writeSla(w, *c, {sla->first, sla->second}, nowSeconds());
    w.field(ChatKeys::messageCount, c->messageCount).field(ChatKeys::unreadCount, c->unreadCount);
    w.timeOrNull(ChatKeys::createdAt, c->createdAt).timeOrNull(ChatKeys::queuedAt, c->queuedAt);
    w.timeOrNull(ChatKeys::assignedAt, c->assignedAt).timeOrNull(ChatKeys::firstResponseAt, c->firstResponseAt);
    w.timeOrNull(ChatKeys::lastMessageAt, c->lastMessageAt).timeOrNull(ChatKeys::closedAt, c->closedAt);
    w.stringOrNull(ChatKeys::closeReason, c->closeReason).stringOrNull(ChatKeys::outcome, c->outcome);
    w.key(ChatKeys::outcomeValue);
    c->outcomeValue ? w.value(*c->outcomeValue) : w.null();
    w.stringOrNull(ChatKeys::closeNotes, c->closeNotes);
    w.key(ChatKeys::csatScore);
    c->csatScore > 0 ? w.value(qint64(c->csatScore)) : w.null();
    // Meta's 24-hour customer service window; always open on other providers.
    const Result<WhatsAppWindow> window =
        InboundStore(db).window(chatId, nowSeconds(),
                                ProviderRegistry::builtIn().namesWith(&ProviderCapabilities::customerServiceWindow));
    if (!window)
        return window.error();
    w.key(ChatKeys::whatsappWindow)
        .beginObject()
        .field(ChatKeys::open, window->open)
        .timeOrNull(ChatKeys::expiresAt, window->expiresAt);
    w.endObject();
    w.endObject();
    return w.take();
}

}   // namespace Conversa::Server
