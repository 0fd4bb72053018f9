#include "ChatsApi.h"

#include "ChatEffectsReply.h"
#include "domain/ClientFields.h"
#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "core/Validator.h"
#include "domain/ChatStateMachine.h"
#include "http/ActorOf.h"
#include "http/QueryReader.h"
#include "serialize/ChatJson.h"
#include "serialize/MessageJson.h"
#include "store/ClientStore.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

constexpr qint64 kMaxTargetId = std::numeric_limits<qint64>::max();   // an agent or transfer target: any id
constexpr int kMaxReason = 500;
constexpr int kMaxNote = 5000;

std::optional<QString> reason(Validator &v)
{
    return v.string(u"reason"_s, false, kMaxReason);
}

}   // namespace

ChatsApi::ChatsApi(Database &db, RoutingTrigger &routing, RealtimeBus &realtime, const ProviderRegistry &providers,
                   BotEngineSettings bot)
    : m_db(db),
      m_routing(routing),
      m_realtime(realtime),
      m_chats(db),
      m_messages(db),
      m_service(db, {}, bot.customerLanguage, providers),
      m_bot(db, providers, bot)
{}

void ChatsApi::registerRoutes(HttpRouter &router)
{
    const QString chat = u"Chat"_s;
    const auto route = [this](Result<HttpReply> (ChatsApi::*member)(RequestContext &)) {
        return [this, member](RequestContext &ctx) { return (this->*member)(ctx); };
    };
    router.get(u"/v1/chats"_s, {.permission = Permissions::kChatsRead, .action = u"chat.list"_s, .entityType = chat},
               route(&ChatsApi::list));
    router.get(u"/v1/chats/{id}"_s,
               {.permission = Permissions::kChatsRead, .action = u"chat.read"_s, .entityType = chat},
               route(&ChatsApi::show));
    router.post(u"/v1/chats/{id}/assign"_s,
                {.permission = Permissions::kChatsAssign, .action = u"chat.assign"_s, .entityType = chat},
                route(&ChatsApi::assign));
    router.post(u"/v1/chats/{id}/transfer"_s,
                {.permission = Permissions::kChatsTransfer, .action = u"chat.transfer"_s, .entityType = chat},
                route(&ChatsApi::transfer));
    router.get(u"/v1/chats/{id}/transfer-options"_s,
               {.permission = Permissions::kChatsTransfer, .action = u"chat.transfer_options"_s, .entityType = chat},
               route(&ChatsApi::transferOptions));
    router.post(u"/v1/chats/{id}/close"_s,
                {.permission = Permissions::kChatsClose, .action = u"chat.close"_s, .entityType = chat},
                route(&ChatsApi::close));
    router.post(u"/v1/chats/{id}/reopen"_s,
                {.permission = Permissions::kChatsClose, .action = u"chat.reopen"_s, .entityType = chat},
                route(&ChatsApi::reopen));
    router.post(u"/v1/chats/{id}/tags"_s,
                {.permission = Permissions::kChatsUpdate, .action = u"chat.tag_add"_s, .entityType = chat},
                route(&ChatsApi::addTag));
    router.del(u"/v1/chats/{id}/tags/{tag}"_s,
               {.permission = Permissions::kChatsUpdate, .action = u"chat.tag_remove"_s, .entityType = chat},
               route(&ChatsApi::removeTag));
    router.post(u"/v1/chats/{id}/notes"_s,
                {.permission = Permissions::kChatsUpdate, .action = u"chat.note_add"_s, .entityType = chat},
                route(&ChatsApi::addNote));
    router.put(u"/v1/chats/{id}/priority"_s,
               {.permission = Permissions::kChatsUpdate, .action = u"chat.priority"_s, .entityType = chat},
               route(&ChatsApi::setPriority));
    router.get(u"/v1/chats/{id}/messages"_s,
               {.permission = Permissions::kMessagesRead, .action = u"chat.messages"_s, .entityType = chat},
               route(&ChatsApi::messages));
}

Actor ChatsApi::chatActor(RequestContext &ctx)
{
    ctx.audit.entityId = ctx.idParam();
    return actorOf(*ctx.user);
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
    if (!ctx.user->can(Permissions::kChatsReadAll))
        f.visibleTo = ctx.userId();
    Result<ChatPage> result = m_chats.list(f);
    if (!result)
        return result.error();
    JsonWriter w(512 + result->rows.size() * 640);
    w.beginObject().key("data").beginArray();
    for (const Chat &c : std::as_const(result->rows))
        ChatJson::writeListItem(w, c);
    w.endArray();
    w.pageMeta(page, result->total);
    w.endObject();
    return HttpReply::json(w.take());
}

Result<HttpReply> ChatsApi::detail(qint64 chatId)
{
    const Result<QByteArray> body = ChatJson::chatJson(m_db, chatId);
    if (!body)
        return body.error();
    return HttpReply::json(*body);
}

Result<HttpReply> ChatsApi::show(RequestContext &ctx)
{
    CONVERSA_TRY(m_service.visibleChat(chatActor(ctx), ctx.idParam()));
    return detail(ctx.idParam());
}

Result<HttpReply> ChatsApi::assign(RequestContext &ctx)
{
    Validator v(ctx.body);
    const auto agentId = v.integer(u"agent_id"_s, true, 1, kMaxTargetId);
    const auto why = reason(v);
    if (!v.ok())
        return v.error();
    const Result<Assigned> done =
        m_service.assign(chatActor(ctx),
                         {.chatId = ctx.idParam(), .agentId = *agentId, .reason = why.value_or(QString())});
    if (!done)
        return done.error();
    applyEffects(ctx, m_db, m_realtime, m_routing, *done);
    JsonWriter w(256);
    w.beginObject().field("id", done->chatId);
    w.key("assigned_agent").beginObject().field("id", done->agent.id).field("first_name", done->agent.firstName);
    w.field("last_name", done->agent.lastName).endObject();
    w.field("status", done->status).timeOrNull("assigned_at", done->assignedAt).endObject();
    return HttpReply::json(w.take());
}

Result<HttpReply> ChatsApi::transfer(RequestContext &ctx)
{
    Validator v(ctx.body);
    const auto type = v.oneOf(u"target_type"_s, {u"agent"_s, u"campaign"_s, u"queue"_s}, true);
    const bool needsTarget = type && *type != "queue"_L1;
    const auto targetId = v.integer(u"target_id"_s, needsTarget, 1, kMaxTargetId);
    const auto why = reason(v);
    if (!v.ok())
        return v.error();
    TransferChat in{.chatId = ctx.idParam(), .reason = why.value_or(QString())};
    in.target = *type == "agent"_L1 ? TransferTarget::Agent
        : *type == "campaign"_L1    ? TransferTarget::Campaign
                                    : TransferTarget::Queue;
    in.targetId = needsTarget ? *targetId : 0;
    const Result<ChatOutcome> done = m_service.transfer(chatActor(ctx), in);
    if (!done)
        return done.error();
    applyEffects(ctx, m_db, m_realtime, m_routing, *done);
    return detail(done->chatId);
}

Result<HttpReply> ChatsApi::close(RequestContext &ctx)
{
    Validator v(ctx.body);
    CloseChat in{.chatId = ctx.idParam()};
    in.closeReason = v.string(u"close_reason"_s, false, 100).value_or(QString());
    in.outcome = v.string(u"outcome"_s, false, 100).value_or(QString());
    if (v.has(u"outcome_value"_s) && !v.isNull(u"outcome_value"_s))
        in.outcomeValue = v.integer(u"outcome_value"_s, true, 0, 1'000'000'000'000'000);
    in.notes = v.string(u"notes"_s, false, kMaxNote).value_or(QString());
    if (!v.ok())
        return v.error();
    const Result<Closed> done = m_service.close(chatActor(ctx), in);
    if (!done)
        return done.error();
    applyEffects(ctx, m_db, m_realtime, m_routing, *done);
    JsonWriter w(256);
    w.beginObject().field("id", done->chatId).field("status", done->status).timeOrNull("closed_at", done->closedAt);
    w.stringOrNull("close_reason", done->closeReason).stringOrNull("outcome", done->outcome);
    w.key("outcome_value");
    done->outcomeValue ? w.value(*done->outcomeValue) : w.null();
    w.endObject();
    return HttpReply::json(w.take());
}

Result<HttpReply> ChatsApi::reopen(RequestContext &ctx)
{
    const Result<ChatOutcome> done = m_bot.reopen(chatActor(ctx), ctx.idParam());
    if (!done)
        return done.error();
    applyEffects(ctx, m_db, m_realtime, m_routing, *done);
    return detail(done->chatId);
}

Result<HttpReply> ChatsApi::addTag(RequestContext &ctx)
{
    Validator v(ctx.body);
    const auto raw = v.string(u"tag"_s, true, 255);
    const QString tag = raw ? ClientFields::readTag(v, u"tag"_s, *raw) : QString();
    if (!v.ok())
        return v.error();
    const Result<ChatOutcome> done = m_service.addTag(chatActor(ctx), ctx.idParam(), tag);
    if (!done)
        return done.error();
    applyEffects(ctx, m_db, m_realtime, m_routing, *done);
    return detail(done->chatId);
}

Result<HttpReply> ChatsApi::transferOptions(RequestContext &ctx)
{
    // What POST …/transfer accepts, for a picker: agents of the chat's campaign (an agent may not
    // list users) and the other active campaigns (nor campaigns).
    Result<Chat> c = m_service.visibleChat(chatActor(ctx), ctx.idParam());
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
    const Result<ChatOutcome> done = m_service.removeTag(chatActor(ctx), ctx.idParam(), tag);
    if (!done)
        return done.error();
    applyEffects(ctx, m_db, m_realtime, m_routing, *done);
    return HttpReply::noContent();
}

Result<HttpReply> ChatsApi::addNote(RequestContext &ctx)
{
    Validator v(ctx.body);
    const auto content = v.string(u"content"_s, true, kMaxNote);
    if (!v.ok())
        return v.error();
    const Result<NoteAdded> done = m_service.addNote(chatActor(ctx), ctx.idParam(), *content);
    if (!done)
        return done.error();
    applyEffects(ctx, m_db, m_realtime, m_routing, *done);
    JsonWriter w(512);
    w.beginObject().field("id", done->noteId).field("chat_id", done->chatId);
    w.key("user").beginObject().field("id", ctx.userId()).field("first_name", ctx.user->firstName).endObject();
    w.field("content", done->content).timeOrNull("created_at", done->createdAt).endObject();
    return HttpReply::json(w.take(), 201);
}

Result<HttpReply> ChatsApi::setPriority(RequestContext &ctx)
{
    Validator v(ctx.body);
    const auto priority = v.oneOf(u"priority"_s, ChatStore::priorities(), true);
    if (!v.ok())
        return v.error();
    const Result<ChatOutcome> done = m_service.setPriority(chatActor(ctx), ctx.idParam(), *priority);
    if (!done)
        return done.error();
    applyEffects(ctx, m_db, m_realtime, m_routing, *done);
    return detail(done->chatId);
}

Result<HttpReply> ChatsApi::messages(RequestContext &ctx)
{
    QueryReader in(ctx);
    const qint64 beforeId = in.id(u"before_id"_s);
    const PageRequest page = in.page();
    if (!in.ok())
        return in.error();
    Result<Chat> c = m_service.visibleChat(chatActor(ctx), ctx.idParam());
    if (!c)
        return c.error();
    Result<MessagePage> result = beforeId > 0 ? m_messages.before(c->id, beforeId, page.limit)
                                              : m_messages.page(c->id, page.limit, page.offset());
    if (!result)
        return result.error();
    JsonWriter w(512 + result->rows.size() * 512);
    w.beginObject().key("data").beginArray();
    for (const Message &m : std::as_const(result->rows))
        MessageJson::writeMessage(w, m);
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

}   // namespace Conversa::Server
