#include "MessagesApi.h"

#include "ChatEffectsReply.h"
#include "FilesApi.h"
#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "core/Validator.h"
#include "domain/ChatStateMachine.h"
#include "http/ActorOf.h"
#include "providers/ProviderRegistry.h"
#include "realtime/ChatEvents.h"
#include "serialize/MessageJson.h"
#include "store/AuditStore.h"
#include "store/Database.h"
#include "store/InboundStore.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

constexpr int kMaxContent = 4096;
constexpr int kMaxIdempotencyKey = 128;

bool isMedia(const QString &type)
{
    return type == "image"_L1 || type == "document"_L1 || type == "audio"_L1 || type == "video"_L1;
}

}   // namespace

MessagesApi::MessagesApi(Database &db, RoutingTrigger &routing, RealtimeBus &realtime,
                         const ProviderRegistry &providers)
    : m_db(db),
      m_routing(routing),
      m_realtime(realtime),
      m_providers(providers),
      m_chats(db),
      m_messages(db),
      m_files(db),
      m_service(db, {}, Language::Spanish, providers)
{}

void MessagesApi::registerRoutes(HttpRouter &router)
{
    const QString entity = u"Message"_s;
    router.post(u"/v1/messages"_s,
                {.permission = Permissions::kMessagesCreate, .action = u"message.create"_s, .entityType = entity},
                [this](RequestContext &ctx) { return create(ctx); });
    router.get(u"/v1/messages/{id}"_s,
               {.permission = Permissions::kMessagesRead, .action = u"message.get"_s, .entityType = entity},
               [this](RequestContext &ctx) { return show(ctx); });
    router.post(u"/v1/messages/{id}/read"_s,
                {.permission = Permissions::kMessagesRead, .action = u"message.read"_s, .entityType = entity},
                [this](RequestContext &ctx) { return markRead(ctx); });
    router.post(u"/v1/messages/{id}/retry"_s,
                {.permission = Permissions::kMessagesCreate, .action = u"message.retry"_s, .entityType = entity},
                [this](RequestContext &ctx) { return retry(ctx); });
}

HttpReply MessagesApi::messageReply(const Message &m, int status)
{
    JsonWriter w(512);
    MessageJson::writeMessage(w, m);
    return HttpReply::json(w.take(), status);
}

Result<Message> MessagesApi::visibleMessage(const RequestContext &ctx)
{
    Result<Message> m = m_messages.find(ctx.idParam());
    if (!m)
        return m;
    CONVERSA_TRY(m_chats.findVisible(m->chatId, *ctx.user));
    return m;
}

Result<HttpReply> MessagesApi::create(RequestContext &ctx)
{
    Validator v(ctx.body);
    Message m;
    const auto chatId = v.integer(u"chat_id"_s, true, 1, std::numeric_limits<qint64>::max());
    m.messageType = v.oneOf(u"message_type"_s, MessageStore::types(), true).value_or(QString());
    const bool template_ = m.messageType == "template"_L1;
    if (const auto content = v.string(u"content"_s, m.messageType == "text"_L1, kMaxContent))
        m.content = *content;
    if (isMedia(m.messageType)) {
        if (const auto id = v.integer(u"media_file_id"_s, true, 1, std::numeric_limits<qint64>::max())) {
            // The same reading rule as GET /v1/files/:id: own or supervised uploads, or a file
            // already sent on a chat the caller may see (forwarding it).
            const Result<FileRecord> file = m_files.live(*id);
            bool visible = file && FilesApi::canSee(*ctx.user, *file);
            if (file && !visible) {
                const Result<bool> onChat = m_chats.fileOnVisibleChat(*id, *ctx.user);
                if (!onChat)
                    return onChat.error();
                visible = *onChat;
            }
            if (!visible)
                v.fail(u"media_file_id"_s, QT_TRANSLATE_NOOP("Api", "No such file"));
            else
                m.mediaFileId = *id;
        }
    }
    if (template_) {
        m.templateName = v.string(u"template_name"_s, true, 512).value_or(QString());
        m.templateLanguage = v.string(u"template_language"_s, true, 15).value_or(QString());
        if (const auto vars = v.object(u"template_variables"_s, true)) {
            m.templateVariables = *vars;
            m.hasTemplateVariables = true;
        }
    }
    const auto replyTo = v.integer(u"reply_to_message_id"_s, false, 1, std::numeric_limits<qint64>::max());
    if (!v.ok())
        return v.error();

    // A repeat of a request already carried out (the client lost the answer) gets the message it
    // created, as it is now, and changes nothing.
    const QByteArray key = ctx.header("idempotency-key");
    if (!key.isNull()) {
        const bool printable = std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7f; });
        if (key.isEmpty() || key.size() > kMaxIdempotencyKey || !printable)
            return ApiError::validation(u"Idempotency-Key"_s,
                                        QT_TRANSLATE_NOOP("Api", "Must be 1 to 128 visible ASCII characters"));
        m.idempotencyKey = QString::fromLatin1(key);
        Result<Message> earlier = m_messages.findByIdempotencyKey(ctx.userId(), m.idempotencyKey);
        if (earlier) {
            ctx.audit.entityId = earlier->id;
            if (earlier->chatId != *chatId)
                return ApiError::conflict(
                    QT_TRANSLATE_NOOP("Api", "This Idempotency-Key was used for a message to another chat"));
            ctx.audit.changes = {{u"idempotent_replay"_s, true}};
            return messageReply(*earlier, 201).withHeader("Idempotent-Replayed", "true");
        }
        if (earlier.error().status() != 404)
            return earlier.error();
    }

    // An agent writes only to its own chats (a queued one it sees is taken first).
    Result<Chat> chat = m_service.workableChat(actorOf(*ctx.user), Permissions::kMessagesCreate, *chatId);
    if (!chat)
        return chat.error();
    if (replyTo) {
        // A quote points at a message of the same chat; the caller already sees it.
        Result<Message> quoted = m_messages.find(*replyTo);
        if (!quoted && quoted.error().status() != 404)
            return quoted.error();
        if (!quoted || quoted->chatId != chat->id)
            return ApiError::validation(u"reply_to_message_id"_s,
                                        QT_TRANSLATE_NOOP("Api", "No such message in this chat"));
        m.replyToId = quoted->id;
        m.replyToDirection = quoted->direction;
        m.replyToType = quoted->messageType;
        m.replyToContent = quoted->content;
    }
    const std::optional<QString> status = ChatStateMachine::next(chat->status, ChatStateMachine::Action::AgentReply);
    if (!status)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "The chat is closed"));
    // docs/PROVIDERS.md: on Meta, a free-form message only inside 24 h of the client's last message.
    if (!template_) {
        const Result<WhatsAppWindow> window =
            InboundStore(m_db).window(chat->id, nowSeconds(),
                                      m_providers.namesWith(&ProviderCapabilities::customerServiceWindow));
        if (!window)
            return window.error();
        if (!window->open)
            return ApiError(
                422, "WINDOW_CLOSED",
                QT_TRANSLATE_NOOP(
                    "Api", "More than 24 hours have passed since the client's last message: send a template instead"));
    }

    const qint64 now = nowSeconds();
    m.chatId = chat->id;
    m.numberId = chat->numberId;
    m.direction = u"outbound"_s;
    m.userId = ctx.userId();
    m.userFirstName = ctx.user->firstName;
    m.userLastName = ctx.user->lastName;
    m.createdAt = now;
    const Result<qint64> id = m_messages.insert(m, now);
    if (!id)
        return id.error();
    m.id = *id;
    CONVERSA_TRY(m_chats.recordOutbound(chat->id, m.id, *status, m.userId, now));

    ctx.audit.entityId = m.id;
    ctx.audit.changes = {{u"chat_id"_s, AuditStore::change({}, chat->id)},
                         {u"message_type"_s, AuditStore::change({}, m.messageType)},
                         {u"status"_s, AuditStore::change({}, m.status)}};
    if (m.replyToId > 0)
        ctx.audit.changes.insert(u"reply_to_message_id"_s, AuditStore::change({}, m.replyToId));
    if (*status != chat->status)
        ctx.audit.changes.insert(u"chat_status"_s, AuditStore::change(chat->status, *status));
    const bool statusChanged = *status != chat->status;
    ChatEvents::afterCommit(ctx, m_db, m_realtime, [id = m.id, chatId = chat->id, statusChanged](ChatEvents &events) {
        events.chatMessage(id);
        if (statusChanged)
            events.chatUpdated(chatId);
    });
    return messageReply(m, 201);
}

Result<HttpReply> MessagesApi::show(RequestContext &ctx)
{
    Result<Message> m = visibleMessage(ctx);
    if (!m)
        return m.error();
    return messageReply(*m);
}

Result<HttpReply> MessagesApi::markRead(RequestContext &ctx)
{
    const Result<MessageRead> done = ChatService(m_db).markMessageRead(actorOf(*ctx.user), ctx.idParam());
    if (!done) {
        if (done.error().status() == 409)   // the message exists and is visible: it is the audit's entity
            ctx.audit.entityId = ctx.idParam();
        return done.error();
    }
    ctx.audit.entityId = done->message.id;
    applyEffects(ctx, m_db, m_realtime, m_routing, *done);
    return messageReply(done->message);
}

Result<HttpReply> MessagesApi::retry(RequestContext &ctx)
{
    Result<Message> m = m_messages.find(ctx.idParam());
    if (!m)
        return m.error();
    CONVERSA_TRY(m_service.workableChat(actorOf(*ctx.user), Permissions::kMessagesCreate, m->chatId));
    ctx.audit.entityId = m->id;
    if (m->status != "failed"_L1)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "Only a failed message can be retried"));
    CONVERSA_TRY(m_messages.requeue(m->id));
    ChatEvents::afterCommit(ctx, m_db, m_realtime, [id = m->id](ChatEvents &events) { events.messageUpdated(id); });
    ctx.audit.changes = {{u"status"_s, AuditStore::change(m->status, u"pending"_s)}};
    m->status = u"pending"_s;
    m->errorCode.clear();
    m->errorMessage.clear();
    return messageReply(*m);
}

}   // namespace Conversa::Server
