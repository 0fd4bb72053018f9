#include "ChatService.h"

#include "core/Permissions.h"
#include "domain/ChatStateMachine.h"
#include "store/AuditStore.h"
#include "store/Database.h"

#include <QDateTime>
#include <QJsonArray>

using namespace Qt::StringLiterals;
namespace Conversa::Server {

using ChatStateMachine::Action;
using namespace DomainEvents;

namespace {

QJsonValue idOrNull(qint64 id)
{
    return id > 0 ? QJsonValue(id) : QJsonValue();
}

QJsonValue textOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

// A time as the API answers it ("2025-11-14T10:00:00Z").
QString isoSeconds(qint64 epochSeconds)
{
    return QDateTime::fromSecsSinceEpoch(epochSeconds, Qt::UTC).toString(Qt::ISODate);
}

}   // namespace

ChatService::ChatService(Database &db, Clock clock, Language customerLanguage, const ProviderRegistry &providers)
    : m_chats(db), m_messages(db), m_bots(db), m_clock(std::move(clock)), m_survey(db, customerLanguage, providers)
{}

Result<Ok> ChatService::leaveBot(const Chat &chat, const Actor &actor, const char *action)
{
    // The bot engine ends its own session before it moves the chat; anyone else interrupts it.
    if (chat.status != "bot"_L1)
        return Ok{};
    const QString reason = actor.system ? QString::fromLatin1(action)
                                        : u"%1 by user %2"_s.arg(QLatin1StringView(action)).arg(actor.userId);
    Result<bool> ended = m_bots.interrupt(chat.id, reason, now());
    if (!ended)
        return ended.error();
    return Ok{};
}

qint64 ChatService::now() const
{
    return m_clock ? m_clock() : nowSeconds();
}

QString ChatService::targetName(TransferTarget target)
{
    switch (target) {
    case TransferTarget::Agent: return u"agent"_s;
    case TransferTarget::Campaign: return u"campaign"_s;
    case TransferTarget::Queue: break;
    }
    return u"queue"_s;
}

Result<Chat> ChatService::visibleChat(const Actor &actor, qint64 chatId)
{
    if (actor.system)
        return m_chats.find(chatId);
    return m_chats.findVisible(chatId, actor.userId, actor.can(Permissions::kChatsReadAll));
}

Result<Chat> ChatService::permittedChat(const Actor &actor, const QString &permission, qint64 chatId)
{
    if (!actor.can(permission))
        return ApiError::forbidden();
    return visibleChat(actor, chatId);
}

namespace {

// Seen but not the actor's: a queued or bot chat of an agent's campaign.
bool chatTakenByOther(const Actor &actor, const Chat &chat)
{
    return !actor.system && !actor.can(Permissions::kChatsReadAll) && chat.agent.id != actor.userId;
}

ApiError chatNotYours()
{
    return ApiError(403, "FORBIDDEN",
                    QT_TRANSLATE_NOOP("Api",
                                      "This chat is not assigned to you: take it first (transfer it to yourself)"));
}

}   // namespace

Result<Chat> ChatService::workableChat(const Actor &actor, const QString &permission, qint64 chatId)
{
    Result<Chat> c = permittedChat(actor, permission, chatId);
    if (c && chatTakenByOther(actor, *c))
        return chatNotYours();
    return c;
}

Result<Assigned> ChatService::assign(const Actor &actor, const AssignChat &in)
{
    const Result<Chat> c = permittedChat(actor, Permissions::kChatsAssign, in.chatId);
    if (!c)
        return c.error();
    const Result<ChatPerson> agent = m_chats.activeUser(in.agentId);
    if (!agent)
        return ApiError::validation(u"agent_id"_s, QT_TRANSLATE_NOOP("Api", "Must be an active user"));
    const std::optional<QString> status = ChatStateMachine::next(c->status, Action::Assign);
    if (!status)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A closed chat cannot be assigned"));

    CONVERSA_TRY(leaveBot(*c, actor, "assign"));
    const qint64 at = now();
    CONVERSA_TRY(m_chats.assign(c->id, agent->id, *status, at));
    CONVERSA_TRY(m_chats.addEvent(c->id,
                                  {.event = u"assign"_s,
                                   .fromStatus = c->status,
                                   .toStatus = *status,
                                   .fromAgentId = c->agent.id,
                                   .toAgentId = agent->id,
                                   .reason = in.reason,
                                   .userId = actor.userId},
                                  at));
    Assigned out;
    out.chatId = c->id;
    out.agent = *agent;
    out.status = *status;
    out.assignedAt = at;
    out.changes = {{u"assigned_agent_id"_s, AuditStore::change(idOrNull(c->agent.id), agent->id)},
                   {u"status"_s, AuditStore::change(c->status, *status)}};
    // The previous agent has room again.
    out.events = {RoutingNeeded{{c->campaignId}, c->agent.id}, ChatAssigned{c->id, c->agent.id}};
    return out;
}

Result<ChatOutcome> ChatService::transfer(const Actor &actor, const TransferChat &in)
{
    const Result<Chat> c = permittedChat(actor, Permissions::kChatsTransfer, in.chatId);
    if (!c)
        return c.error();
    // The one move on a chat that is not yet the agent's: taking it, to itself.
    const bool take = in.target == TransferTarget::Agent && in.targetId == actor.userId;
    if (chatTakenByOther(actor, *c) && !take)
        return chatNotYours();

    ChatEvent e{.event = u"transfer"_s,
                .fromStatus = c->status,
                .fromAgentId = c->agent.id,
                .fromCampaignId = c->campaignId,
                .reason = in.reason,
                .userId = actor.userId};
    e.toCampaignId = c->campaignId;
    CONVERSA_TRY(leaveBot(*c, actor, "transfer"));
    const qint64 at = now();
    if (in.target == TransferTarget::Agent) {
        const Result<ChatPerson> agent = m_chats.activeUser(in.targetId);
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
        if (chatTakenByOther(actor, *c)) {
            // An agent taking a chat from the queue: within its limits, and only while no one
            // (another agent, routing) has taken it first.
            const Result<bool> full = m_chats.atChatLimit(actor.userId, c->campaignId);
            if (!full)
                return full.error();
            if (*full)
                return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "You already hold as many open chats as you may"));
            const Result<bool> taken = m_chats.take(c->id, agent->id, c->status, *status, at);
            if (!taken)
                return taken.error();
            if (!*taken)
                return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "Someone else took this chat first"));
        } else {
            CONVERSA_TRY(m_chats.assign(c->id, agent->id, *status, at));
        }
        e.toStatus = *status;
        e.toAgentId = agent->id;
    } else {
        if (in.target == TransferTarget::Campaign) {
            const Result<bool> exists = m_chats.campaignExists(in.targetId);
            if (!exists)
                return exists.error();
            if (!*exists)
                return ApiError::validation(u"target_id"_s, QT_TRANSLATE_NOOP("Api", "No such campaign"));
            e.toCampaignId = in.targetId;
        }
        const auto status = ChatStateMachine::next(c->status, Action::Requeue);
        if (!status)
            return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A closed chat cannot be transferred"));
        CONVERSA_TRY(m_chats.requeue(c->id, e.toCampaignId, at));
        e.toStatus = *status;
    }
    CONVERSA_TRY(m_chats.addEvent(c->id, e, at));

    const QString type = targetName(in.target);
    ChatOutcome out;
    out.chatId = c->id;
    out.changes = {{u"target_type"_s, AuditStore::change({}, type)}};
    if (e.fromAgentId != e.toAgentId)
        out.changes.insert(u"assigned_agent_id"_s, AuditStore::change(idOrNull(e.fromAgentId), idOrNull(e.toAgentId)));
    if (e.fromCampaignId != e.toCampaignId)
        out.changes.insert(u"campaign_id"_s, AuditStore::change(e.fromCampaignId, e.toCampaignId));
    if (e.fromStatus != e.toStatus)
        out.changes.insert(u"status"_s, AuditStore::change(e.fromStatus, e.toStatus));
    const QJsonObject from{{u"agent_id"_s, idOrNull(e.fromAgentId)}, {u"campaign_id"_s, e.fromCampaignId}};
    const QJsonObject to{{u"type"_s, type}, {u"agent_id"_s, idOrNull(e.toAgentId)}, {u"campaign_id"_s, e.toCampaignId}};
    out.events = {RoutingNeeded{{e.toCampaignId}, e.fromAgentId},
                  ChatTransferred{c->id, e.fromAgentId, from, to, e.reason}};
    if (e.toAgentId > 0)
        out.events.append(ChatAssigned{c->id, e.fromAgentId});
    else
        out.events.append(ChatUpdated{c->id, e.fromAgentId});
    return out;
}

Result<Closed> ChatService::close(const Actor &actor, const CloseChat &in)
{
    const Result<Chat> c = workableChat(actor, Permissions::kChatsClose, in.chatId);
    if (!c)
        return c.error();
    const auto status = ChatStateMachine::next(c->status, Action::Close);
    if (!status)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "The chat is already closed"));
    CONVERSA_TRY(leaveBot(*c, actor, "close"));

    const qint64 at = now();
    Chat closed;
    closed.id = c->id;
    closed.closeReason = in.closeReason;
    closed.outcome = in.outcome;
    closed.outcomeValue = in.outcomeValue;
    closed.closeNotes = in.notes;
    CONVERSA_TRY(m_chats.close(closed, at));
    CONVERSA_TRY(m_chats.addEvent(c->id,
                                  {.event = u"close"_s,
                                   .fromStatus = c->status,
                                   .toStatus = *status,
                                   .fromAgentId = c->agent.id,
                                   .toAgentId = c->agent.id,
                                   .reason = in.closeReason,
                                   .userId = actor.userId},
                                  at));
    const Result<qint64> survey = m_survey.send(c->id, at);
    if (!survey)
        return survey.error();
    Closed out;
    out.chatId = c->id;
    out.status = *status;
    out.closedAt = at;
    out.closeReason = in.closeReason;
    out.outcome = in.outcome;
    out.outcomeValue = in.outcomeValue;
    out.changes = {{u"status"_s, AuditStore::change(c->status, *status)},
                   {u"close_reason"_s, AuditStore::change({}, textOrNull(in.closeReason))},
                   {u"outcome"_s, AuditStore::change({}, textOrNull(in.outcome))}};
    if (in.outcomeValue)
        out.changes.insert(u"outcome_value"_s, AuditStore::change({}, *in.outcomeValue));
    out.events = {RoutingNeeded{{c->campaignId}, c->agent.id}, ChatUpdated{c->id}};
    if (*survey > 0)
        out.events.append(MessageCreated{*survey});
    return out;
}

Result<ChatOutcome> ChatService::reopen(const Actor &actor, qint64 chatId, bool botRuns)
{
    const Result<Chat> c = workableChat(actor, Permissions::kChatsClose, chatId);
    if (!c)
        return c.error();
    bool agentAble = false;
    if (c->agent.id > 0)
        agentAble = m_chats.activeUser(c->agent.id).ok();
    const auto status = ChatStateMachine::next(c->status, Action::Reopen, agentAble, botRuns);
    if (!status)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "Only a closed chat can be reopened"));
    const Result<bool> blocked = m_chats.otherOpenChat(*c);
    if (!blocked)
        return blocked.error();
    if (*blocked)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "The client already has an open chat on this number"));

    const qint64 at = now();
    const qint64 agentId = agentAble ? c->agent.id : 0;
    CONVERSA_TRY(m_chats.reopen(c->id, agentId, *status, at));
    CONVERSA_TRY(m_chats.addEvent(c->id,
                                  {.event = u"reopen"_s,
                                   .fromStatus = c->status,
                                   .toStatus = *status,
                                   .fromAgentId = c->agent.id,
                                   .toAgentId = agentId,
                                   .userId = actor.userId},
                                  at));
    ChatOutcome out;
    out.chatId = c->id;
    out.changes = {{u"status"_s, AuditStore::change(c->status, *status)}};
    if (agentId != c->agent.id)
        out.changes.insert(u"assigned_agent_id"_s, AuditStore::change(idOrNull(c->agent.id), idOrNull(agentId)));
    out.status = *status;
    out.events = {RoutingNeeded{{c->campaignId}, 0}, ChatUpdated{c->id}};
    return out;
}

Result<TakenBack> ChatService::takeBackUnanswered(const Actor &actor, qint64 chatId, qint64 agentId, qint64 campaignId)
{
    if (!actor.can(Permissions::kChatsAssign))
        return ApiError::forbidden();
    const QString from = u"assigned"_s;
    const std::optional<QString> status = ChatStateMachine::next(from, Action::Requeue);
    if (!status)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A closed chat cannot be transferred"));
    TakenBack out;
    const Result<bool> taken = m_chats.takeBackUnanswered(chatId, agentId);
    if (!taken)
        return taken.error();
    if (!*taken)
        return out;
    CONVERSA_TRY(m_chats.addEvent(chatId,
                                  {.event = u"reassign"_s,
                                   .fromStatus = from,
                                   .toStatus = *status,
                                   .fromAgentId = agentId,
                                   .fromCampaignId = campaignId,
                                   .toCampaignId = campaignId,
                                   .reason = u"sla_reassign"_s,
                                   .userId = actor.userId},
                                  now()));
    out.done = true;
    out.changes = {{u"status"_s, AuditStore::change(from, *status)},
                   {u"assigned_agent_id"_s, AuditStore::change(agentId, {})}};
    out.events = {RoutingNeeded{{campaignId}, agentId}, ChatUpdated{chatId, agentId}};
    return out;
}

Result<ChatOutcome> ChatService::addTag(const Actor &actor, qint64 chatId, const QString &tag)
{
    const Result<Chat> c = workableChat(actor, Permissions::kChatsUpdate, chatId);
    if (!c)
        return c.error();
    const Result<QStringList> before = m_chats.tags(c->id);
    if (!before)
        return before.error();
    const Result<bool> added = m_chats.addTag(c->id, tag, now());
    if (!added)
        return added.error();
    ChatOutcome out;
    out.chatId = c->id;
    if (*added) {   // a tag the chat already has changes nothing
        QStringList after = *before;
        after.append(tag);
        after.sort();
        out.changes = {
            {u"tags"_s, AuditStore::change(QJsonArray::fromStringList(*before), QJsonArray::fromStringList(after))}};
    }
    out.events = {ChatUpdated{c->id}};
    return out;
}

Result<ChatOutcome> ChatService::removeTag(const Actor &actor, qint64 chatId, const QString &tag)
{
    const Result<Chat> c = workableChat(actor, Permissions::kChatsUpdate, chatId);
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
    ChatOutcome out;
    out.chatId = c->id;
    out.changes = {
        {u"tags"_s, AuditStore::change(QJsonArray::fromStringList(*before), QJsonArray::fromStringList(after))}};
    out.events = {ChatUpdated{c->id}};
    return out;
}

Result<NoteAdded> ChatService::addNote(const Actor &actor, qint64 chatId, const QString &content)
{
    const Result<Chat> c = workableChat(actor, Permissions::kChatsUpdate, chatId);
    if (!c)
        return c.error();
    const qint64 at = now();
    const Result<qint64> id = m_chats.addNote(c->id, actor.userId, content, at);
    if (!id)
        return id.error();
    NoteAdded out;
    out.chatId = c->id;
    out.noteId = *id;
    out.content = content;
    out.createdAt = at;
    out.changes = {{u"note_id"_s, AuditStore::change({}, *id)}, {u"content"_s, AuditStore::change({}, content)}};
    out.events = {ChatUpdated{c->id}};
    return out;
}

Result<ChatOutcome> ChatService::setPriority(const Actor &actor, qint64 chatId, const QString &priority)
{
    const Result<Chat> c = workableChat(actor, Permissions::kChatsUpdate, chatId);
    if (!c)
        return c.error();
    if (!ChatStore::priorities().contains(priority))
        return ApiError::validation(u"priority"_s, QT_TRANSLATE_NOOP("Api", "Must be one of: %1"),
                                    {ChatStore::priorities().join(u", "_s)});
    ChatOutcome out;
    out.chatId = c->id;
    if (priority != c->priority) {
        CONVERSA_TRY(m_chats.setPriority(c->id, priority));
        CONVERSA_TRY(m_chats.addEvent(c->id,
                                      {.event = u"priority"_s,
                                       .fromStatus = c->status,
                                       .toStatus = c->status,
                                       .reason = c->priority + u" -> "_s + priority,
                                       .userId = actor.userId},
                                      now()));
        out.changes = {{u"priority"_s, AuditStore::change(c->priority, priority)}};
    }
    out.events = {ChatUpdated{c->id}};
    return out;
}

Result<bool> ChatService::readOne(const Message &m, qint64 at)
{
    if (m.direction != "inbound"_L1 || m.readAt > 0)
        return false;
    CONVERSA_TRY(m_messages.markRead(m.id, at));
    CONVERSA_TRY(m_chats.decrementUnread(m.chatId));
    return true;
}

Result<MessageRead> ChatService::markMessageRead(const Actor &actor, qint64 messageId)
{
    if (!actor.can(Permissions::kMessagesRead))
        return ApiError::forbidden();
    const Result<Message> m = m_messages.find(messageId);
    if (!m)
        return m.error();
    CONVERSA_TRY(visibleChat(actor, m->chatId));
    if (m->direction != "inbound"_L1)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "Only inbound messages can be marked as read"));
    MessageRead out;
    out.message = *m;
    const qint64 at = now();
    const Result<bool> read = readOne(*m, at);
    if (!read)
        return read.error();
    if (!*read)
        return out;   // already read: nothing changes
    out.message.readAt = at;
    out.changes = {{u"read_at"_s, AuditStore::change({}, isoSeconds(at))}};
    out.events = {MessageUpdated{m->id}, ChatUpdated{m->chatId}};   // the chat: its unread count
    return out;
}

Result<MessagesRead> ChatService::markChatRead(const Actor &actor, qint64 chatId, const QList<qint64> &messageIds)
{
    if (!actor.can(Permissions::kMessagesRead))
        return ApiError::forbidden();
    const Result<Chat> chat = visibleChat(actor, chatId);
    if (!chat)
        return chat.error();
    const qint64 at = now();
    MessagesRead out;
    for (const qint64 id : messageIds) {
        if (out.read.contains(id))
            continue;
        const Result<Message> m = m_messages.find(id);
        if (!m) {
            if (m.error().status() == 404)
                continue;
            return m.error();
        }
        if (m->chatId != chatId)
            continue;
        const Result<bool> read = readOne(*m, at);
        if (!read)
            return read.error();
        if (*read) {
            out.read.append(id);
            out.events.append(MessageUpdated{id});
        }
    }
    if (!out.read.isEmpty()) {
        QJsonArray ids;
        for (const qint64 id : std::as_const(out.read))
            ids.append(id);
        out.changes = {{u"read_message_ids"_s, AuditStore::change({}, ids)}};
        out.events.append(ChatUpdated{chatId});
    }
    return out;
}

}   // namespace Conversa::Server
