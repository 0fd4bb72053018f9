#include "BotEngine.h"

#include "ClientFields.h"
#include "core/Validator.h"
#include "providers/ProviderRegistry.h"
#include "store/BotFlowStore.h"
#include "store/ClientStore.h"
#include "store/Database.h"
#include "store/FileStore.h"
#include "store/InboundStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcBot, "conversa.server.bot")

namespace {

// The client as templates read it ({{client.first_name}}, docs/BOT_FLOWS.md#templates): the
// fields the REST API writes, with the same names.
QJsonObject botClientFields(const Client &c)
{
    return {{u"id"_s, c.id},
            {u"phone_number"_s, c.phoneNumber},
            {u"first_name"_s, c.firstName},
            {u"last_name"_s, c.lastName},
            {u"email"_s, c.email},
            {u"company"_s, c.company},
            {u"city"_s, c.city},
            {u"country"_s, c.country},
            {u"address"_s, c.address},
            {u"lead_status"_s, c.leadStatus},
            {u"lead_score"_s, c.leadScore},
            {u"segment"_s, c.segment},
            {u"custom_fields"_s, c.customFields}};
}

QString botWaitName(Bot::Run::WaitFor wait)
{
    switch (wait) {
    case Bot::Run::WaitFor::Reply: return u"reply"_s;
    case Bot::Run::WaitFor::Delay: return u"delay"_s;
    case Bot::Run::WaitFor::Http: return u"http"_s;
    case Bot::Run::WaitFor::Nothing: break;
    }
    return {};
}

// A file's message type, from its MIME type (what the outbound worker sends it as).
QString botMediaType(const QString &mimeType)
{
    if (mimeType.startsWith("image/"_L1))
        return u"image"_s;
    if (mimeType.startsWith("video/"_L1))
        return u"video"_s;
    if (mimeType.startsWith("audio/"_L1))
        return u"audio"_s;
    return u"document"_s;
}

bool botSends(const Bot::Run &run)
{
    return std::any_of(run.effects.begin(), run.effects.end(), [](const Bot::RunEffect &e) {
        return std::holds_alternative<Bot::RunEffects::SendText>(e) ||
            std::holds_alternative<Bot::RunEffects::SendMenu>(e);
    });
}

}   // namespace

// The chat as the engine works on it: its row's facts, its client for templates.
struct BotEngine::Facts {
    BotChat chat;
    QJsonObject client;
    ProviderCapabilities capabilities;
};

BotEngine::BotEngine(Database &db, const ProviderRegistry &providers, BotEngineSettings settings,
                     ChatService::Clock clock)
    : m_db(db),
      m_providers(providers),
      m_settings(std::move(settings)),
      m_clock(clock),
      m_chats(db, clock, m_settings.customerLanguage, providers),
      m_sessions(db)
{}

BotEngine::~BotEngine() = default;

qint64 BotEngine::now() const
{
    return m_clock ? m_clock() : nowSeconds();
}

Result<std::optional<CampaignBot>> BotEngine::botOf(qint64 campaignId)
{
    return m_sessions.campaignBot(campaignId);
}

Result<ChatOutcome> BotEngine::reopen(const Actor &actor, qint64 chatId)
{
    Result<Chat> chat = m_chats.visibleChat(actor, chatId);
    if (!chat)
        return chat.error();
    Result<std::optional<CampaignBot>> bot = botOf(chat->campaignId);
    if (!bot)
        return bot.error();
    Result<ChatOutcome> reopened = m_chats.reopen(actor, chatId, bot->has_value());
    if (!reopened || reopened->status != "bot"_L1)
        return reopened;
    Result<ChatEffects> started = start(chatId, **bot, false);
    if (!started)
        return started.error();
    reopened->events += started->events;
    return reopened;
}

Result<BotEngine::Facts> BotEngine::facts(qint64 chatId)
{
    Result<BotChat> chat = m_sessions.chat(chatId);
    if (!chat)
        return chat.error();
    Facts f;
    f.chat = *chat;
    if (const WhatsAppProvider *provider = m_providers.find(chat->provider))
        f.capabilities = provider->capabilities();
    Result<Client> client = ClientStore(m_db).fields(chat->clientId);
    if (client)
        f.client = botClientFields(*client);
    return f;
}

Result<std::shared_ptr<const BotFlow::Definition>> BotEngine::definition(qint64 flowId, qint64 version)
{
    const BotFlow::DefinitionCache::Key key = BotFlow::DefinitionCache::version(flowId, version);
    if (std::shared_ptr<const BotFlow::Definition> cached = m_versions.find(key))
        return cached;
    Result<BotFlowVersionRow> row = BotFlowStore(m_db).version(flowId, version);
    if (!row)
        return row.error();
    auto parsed = std::make_shared<const BotFlow::Definition>(
        BotFlow::Definition::fromJson(QJsonDocument::fromJson(row->definition).object()));
    m_versions.insert(key, parsed);
    return std::shared_ptr<const BotFlow::Definition>(parsed);
}

Result<Bot::FlowRunner> BotEngine::runner(const Facts &chat, const BotFlow::Definition &flow)
{
    Bot::RunnerOptions options;
    options.interactiveButtons = chat.capabilities.interactiveButtons;
    options.interactiveLists = chat.capabilities.interactiveLists;
    options.maxSteps = m_settings.maxSteps;
    options.listButton = translated(m_settings.customerLanguage, "Bot", QT_TRANSLATE_NOOP("Bot", "Options"));
    options.defaultRegion = m_settings.defaultRegion;
    return Bot::FlowRunner(flow, options, chat.client);
}

Result<ChatEffects> BotEngine::start(qint64 chatId, const CampaignBot &bot, bool answering)
{
    Result<Facts> chat = facts(chatId);
    if (!chat)
        return chat.error();
    Result<std::shared_ptr<const BotFlow::Definition>> flow = definition(bot.flowId, bot.version);
    if (!flow)
        return flow.error();
    Result<Bot::FlowRunner> r = runner(*chat, **flow);
    if (!r)
        return r.error();
    const Bot::Run run = r->start();
    BotSession session;
    session.chatId = chatId;
    session.flowId = bot.flowId;
    session.flowVersion = bot.version;
    session.nodeKey = run.state.node;
    session.startedAt = now();
    Result<qint64> id = m_sessions.insert(session);
    if (!id)
        return id.error();
    session.id = *id;
    return apply(*chat, session, **flow, run, answering);
}

Result<ChatEffects> BotEngine::clientMessage(qint64 chatId, const QString &text, const QString &replyId)
{
    Result<std::optional<BotSession>> session = m_sessions.activeOfChat(chatId);
    if (!session)
        return session.error();
    // A message while a delay or a call runs starts no second path: it is in the chat, that is all.
    if (!*session || (*session)->waitingFor != "reply"_L1)
        return ChatEffects{};
    Result<Facts> chat = facts(chatId);
    if (!chat)
        return chat.error();
    Result<std::shared_ptr<const BotFlow::Definition>> flow = definition((*session)->flowId, (*session)->flowVersion);
    if (!flow)
        return flow.error();
    Result<Bot::FlowRunner> r = runner(*chat, **flow);
    if (!r)
        return r.error();
    const BotSession &s = **session;
    const Bot::Run run = r->reply({s.nodeKey, s.variables, s.invalidAttempts, s.usedFallback}, text, replyId);
    return apply(*chat, s, **flow, run, true);
}

Result<ChatEffects> BotEngine::due(qint64 sessionId)
{
    Result<std::optional<BotSession>> session = m_sessions.active(sessionId);
    if (!session)
        return session.error();
    const qint64 at = now();
    if (!*session || (*session)->dueAt == 0 || (*session)->dueAt > at || (*session)->waitingFor == "http"_L1)
        return ChatEffects{};   // answered, ended or moved on since it was claimed
    const BotSession &s = **session;
    Result<Facts> chat = facts(s.chatId);
    if (!chat)
        return chat.error();
    Result<std::shared_ptr<const BotFlow::Definition>> flow = definition(s.flowId, s.flowVersion);
    if (!flow)
        return flow.error();
    Result<Bot::FlowRunner> r = runner(*chat, **flow);
    if (!r)
        return r.error();
    const Bot::SessionState state{s.nodeKey, s.variables, s.invalidAttempts, s.usedFallback};
    const Bot::Run run = s.waitingFor == "delay"_L1 ? r->delayDone(state) : r->timedOut(state);
    return apply(*chat, s, **flow, run, false);
}

Result<std::optional<PendingCall>> BotEngine::pendingCall(qint64 sessionId)
{
    Result<std::optional<BotSession>> session = m_sessions.active(sessionId);
    if (!session)
        return session.error();
    if (!*session || (*session)->waitingFor != "http"_L1)
        return std::optional<PendingCall>();
    const BotSession &s = **session;
    Result<Facts> chat = facts(s.chatId);
    if (!chat)
        return chat.error();
    Result<std::shared_ptr<const BotFlow::Definition>> flow = definition(s.flowId, s.flowVersion);
    if (!flow)
        return flow.error();
    Result<Bot::FlowRunner> r = runner(*chat, **flow);
    if (!r)
        return r.error();
    // The call is rendered again from the stored session: the same variables give the same call.
    const std::optional<Bot::HttpCallSpec> call =
        r->httpCall({s.nodeKey, s.variables, s.invalidAttempts, s.usedFallback});
    if (!call)
        return std::optional<PendingCall>();
    return std::optional<PendingCall>(PendingCall{s.id, *call});
}

Result<ChatEffects> BotEngine::callAnswered(qint64 sessionId, const QString &node, const Bot::HttpAnswer &answer)
{
    Result<std::optional<BotSession>> session = m_sessions.active(sessionId);
    if (!session)
        return session.error();
    if (!*session || (*session)->waitingFor != "http"_L1 || (*session)->nodeKey != node)
        return ChatEffects{};
    const BotSession &s = **session;
    Result<Facts> chat = facts(s.chatId);
    if (!chat)
        return chat.error();
    Result<std::shared_ptr<const BotFlow::Definition>> flow = definition(s.flowId, s.flowVersion);
    if (!flow)
        return flow.error();
    Result<Bot::FlowRunner> r = runner(*chat, **flow);
    if (!r)
        return r.error();
    const Bot::Run run = r->httpDone({s.nodeKey, s.variables, s.invalidAttempts, s.usedFallback}, answer);
    return apply(*chat, s, **flow, run, false);
}

Result<ChatEffects> BotEngine::apply(const Facts &chat, BotSession session, const BotFlow::Definition &flow,
                                     const Bot::Run &given, bool answering)
{
    const QJsonObject before = session.variables;
    const qint64 at = now();
    Bot::Run run = given;
    // Outside the customer service window the bot cannot write: a run that would send hands the
    // chat to the queue instead (agents can still reach the client with a template). A run that
    // answers the customer's message is inside it.
    if (!answering && botSends(run)) {
        Result<WhatsAppWindow> window =
            InboundStore(m_db).window(chat.chat.chatId, at,
                                      m_providers.namesWith(&ProviderCapabilities::customerServiceWindow));
        if (!window)
            return window.error();
        if (!window->open) {
            run.effects = {Bot::RunEffects::Handover{run.state.node}};
            run.outcome = Bot::Run::Outcome::Failed;
            run.waitFor = Bot::Run::WaitFor::Nothing;
            run.detail = u"the customer service window is closed"_s;
        }
    }

    QList<BotStep> steps;
    for (const Bot::Visit &v : run.visits)
        steps.append({v.node, v.from, v.edge});
    CONVERSA_TRY(m_sessions.addSteps(session, steps, at));

    session.nodeKey = run.state.node;
    session.variables = run.state.variables;
    session.invalidAttempts = run.state.invalidAttempts;
    session.usedFallback = run.state.usedFallback;
    session.status = run.ended() ? Bot::outcomeName(run.outcome) : u"active"_s;
    session.waitingFor = botWaitName(run.waitFor);
    session.dueAt = 0;
    if (run.waitFor == Bot::Run::WaitFor::Reply && flow.timeoutSeconds > 0)
        session.dueAt = at + flow.timeoutSeconds;
    else if (run.waitFor == Bot::Run::WaitFor::Delay)
        session.dueAt = at + run.delaySeconds;
    else if (run.waitFor == Bot::Run::WaitFor::Http)
        session.dueAt = at;
    if (run.ended()) {
        session.endedAt = at;
        session.endReason = run.detail;
        if (run.outcome != Bot::Run::Outcome::Completed && run.outcome != Bot::Run::Outcome::Transferred)
            qCInfo(lcBot).noquote() << "bot session" << session.id << "of chat" << chat.chat.chatId
                                    << "handed over:" << run.detail;
    }
    // The session is written before its effects: a transfer or close that follows finds no
    // active session to interrupt.
    CONVERSA_TRY(m_sessions.update(session, at));

    QJsonObject context = run.state.variables;
    ChatEffects out;
    for (const Bot::RunEffect &effect : run.effects) {
        if (const auto *h = std::get_if<Bot::RunEffects::Handover>(&effect)) {
            if (!h->skills.isEmpty())
                context.insert(u"skills"_s, QJsonArray::fromStringList(h->skills));
        }
    }
    if (context != before)
        CONVERSA_TRY(m_sessions.setBotContext(chat.chat.chatId, context));

    for (const Bot::RunEffect &effect : run.effects)
        CONVERSA_TRY(doEffect(chat, effect, out));
    // An end without closing leaves the chat to the agents.
    if (run.outcome == Bot::Run::Outcome::Completed &&
        std::none_of(run.effects.begin(), run.effects.end(),
                     [](const Bot::RunEffect &e) { return std::holds_alternative<Bot::RunEffects::CloseChat>(e); }))
        CONVERSA_TRY(handOver(chat, Bot::RunEffects::Handover{run.state.node}, u"bot_completed"_s, out));
    // How the chat moved is told by the chat services' own events; a step that only talks is
    // told by its messages (bot_context is read with the chat).
    return out;
}

Result<Ok> BotEngine::doEffect(const Facts &chat, const Bot::RunEffect &effect, ChatEffects &out)
{
    using namespace Bot::RunEffects;
    const qint64 at = now();
    if (const auto *e = std::get_if<SendText>(&effect)) {
        BotOutbound m{.chatId = chat.chat.chatId, .numberId = chat.chat.numberId, .content = e->text, .at = at};
        if (e->mediaFileId > 0) {
            Result<FileRecord> file = FileStore(m_db).live(e->mediaFileId);
            if (file) {
                m.type = botMediaType(file->mimeType);
                m.mediaFileId = file->id;
            } else if (e->text.trimmed().isEmpty()) {
                return Ok{};   // the file is gone and there is nothing else to say
            }
        }
        Result<qint64> id = InboundStore(m_db).insertBotMessage(m);
        if (!id)
            return id.error();
        out.events.append(DomainEvents::MessageCreated{*id});
    } else if (const auto *e = std::get_if<SendMenu>(&effect)) {
        const BotOutbound m{.chatId = chat.chat.chatId,
                            .numberId = chat.chat.numberId,
                            .type = e->interactive.isEmpty() ? u"text"_s : u"interactive"_s,
                            .content = e->text,
                            .interactive = e->interactive,
                            .at = at};
        Result<qint64> id = InboundStore(m_db).insertBotMessage(m);
        if (!id)
            return id.error();
        out.events.append(DomainEvents::MessageCreated{*id});
    } else if (const auto *e = std::get_if<AddTags>(&effect)) {
        for (const QString &raw : e->chatTags) {
            const QString tag = ClientStore::normalizeTag(raw);
            if (tag.isEmpty() || tag.size() > ClientFields::kMaxTag || tag.contains(u'/'))
                continue;
            Result<ChatOutcome> tagged = m_chats.addTag(Actor::server(), chat.chat.chatId, tag);
            if (!tagged)
                return tagged.error();
            out.events += tagged->events;
        }
        ClientStore clients(m_db);
        for (const QString &raw : e->clientTags) {
            const QString tag = ClientStore::normalizeTag(raw);
            if (tag.isEmpty() || tag.size() > ClientFields::kMaxTag || tag.contains(u'/'))
                continue;
            Result<bool> added = clients.addTag(chat.chat.clientId, tag, at);
            if (!added)
                return added.error();
        }
    } else if (const auto *e = std::get_if<UpdateClient>(&effect)) {
        ClientStore clients(m_db);
        Result<Client> client = clients.find(chat.chat.clientId);
        if (!client)
            return Ok{};   // deleted meanwhile
        QJsonObject body = e->fields;
        body.remove(u"tags"_s);
        body.remove(u"phone_number"_s);                    // the chat is on this number
        if (body.value(u"custom_fields"_s).isObject()) {   // merged into the client's, not replacing them
            QJsonObject custom = client->customFields;
            const QJsonObject add = body.value(u"custom_fields"_s).toObject();
            for (auto it = add.begin(); it != add.end(); ++it)
                custom.insert(it.key(), it.value());
            body.insert(u"custom_fields"_s, custom);
        }
        Client after = *client;
        Validator v(body);
        ClientFields::apply(v, body, after, false, m_settings.defaultRegion);
        if (!v.ok()) {
            qCWarning(lcBot).noquote() << "bot node" << e->node << "left client" << client->id
                                       << "unchanged: a field is not valid";
            return Ok{};
        }
        CONVERSA_TRY(clients.update(after, at));
    } else if (const auto *e = std::get_if<Handover>(&effect)) {
        return handOver(chat, *e, u"bot"_s, out);
    } else if (const auto *e = std::get_if<Bot::RunEffects::CloseChat>(&effect)) {
        Result<Closed> closed = m_chats.close(Actor::server(),
                                              {.chatId = chat.chat.chatId,
                                               .closeReason = e->closeReason.isEmpty() ? u"bot"_s : e->closeReason,
                                               .outcome = e->outcome});
        if (!closed)
            return closed.error();
        out.events += closed->events;
    }
    return Ok{};
}

Result<Ok> BotEngine::handOver(const Facts &chat, const Bot::RunEffects::Handover &h, const QString &reason,
                               ChatEffects &out)
{
    TransferChat in{.chatId = chat.chat.chatId, .reason = reason};
    if (h.targetType == "agent"_L1) {
        in.target = TransferTarget::Agent;
        in.targetId = h.targetId;
    } else if (h.targetType == "campaign"_L1) {
        in.target = TransferTarget::Campaign;
        in.targetId = h.targetId;
    }
    Result<ChatOutcome> moved = m_chats.transfer(Actor::server(), in);
    if (!moved && in.target != TransferTarget::Queue) {
        // The agent left the campaign or the campaign is gone: the chat's own queue, never nowhere.
        qCWarning(lcBot).noquote() << "bot transfer of chat" << chat.chat.chatId << "to" << h.targetType << h.targetId
                                   << "refused; queued instead";
        moved = m_chats.transfer(Actor::server(), {.chatId = chat.chat.chatId, .reason = reason});
    }
    if (!moved)
        return moved.error();
    out.events += moved->events;
    return Ok{};
}

}   // namespace Conversa::Server
