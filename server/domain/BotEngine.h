#pragma once

#include "ChatService.h"
#include "bot/DefinitionCache.h"
#include "bot/FlowRunner.h"
#include "core/Result.h"
#include "core/Translator.h"
#include "store/BotSessionStore.h"

#include <QString>

#include <memory>
#include <optional>

namespace Conversa::Server {

class Database;
class ProviderRegistry;

struct BotEngineSettings {
    int maxSteps = 50;   // CONVERSA_BOT_MAX_STEPS
    QString defaultRegion = QStringLiteral("CO");
    Language customerLanguage = Language::Spanish;   // of the texts the server writes (a list's button, surveys)
};

// A bot session's run as the worker needs it: the call to make for a session waiting at an
// http_request node.
struct PendingCall {
    qint64 sessionId = 0;
    Bot::HttpCallSpec call;
};

// Runs the bot flows of campaigns on their chats (docs/BOT_FLOWS.md#sessions): starts a session on
// a chat opened in `bot`, feeds it the customer's messages, the due delays and timeouts and the
// answers of its calls, and does what the flow says through the chat services (messages go to the
// outbound queue as bot messages; tags, transfers and closes are ChatService's). The flow's steps
// are Bot::FlowRunner's; this class keeps the session (BotSessionStore) and the chat in step.
//
// Like every service it runs inside its caller's transaction and returns the events to publish
// after the commit. One object may serve several threads: it keeps nothing but a cache of
// published versions (immutable, so never stale).
class BotEngine {
public:
    BotEngine(Database &db, const ProviderRegistry &providers, BotEngineSettings settings,
              ChatService::Clock clock = {});
    ~BotEngine();

    // POST /chats/{id}/reopen: ChatService::reopen, and the campaign's bot flow starts again on a
    // chat its agent cannot take back.
    Result<ChatOutcome> reopen(const Actor &actor, qint64 chatId);
    // The published flow the campaign runs on its new chats, if any.
    Result<std::optional<CampaignBot>> botOf(qint64 campaignId);
    // Starts `bot` on a chat just put in the `bot` status; `answering`: by the customer's message.
    Result<ChatEffects> start(qint64 chatId, const CampaignBot &bot, bool answering = true);
    // A customer's message on a chat: the answer the session waits for, if it waits for one (a
    // message while a delay or a call runs, or on a chat with no session, changes nothing).
    Result<ChatEffects> clientMessage(qint64 chatId, const QString &text, const QString &replyId);
    // A session whose wait is due (claimed by the worker): the delay is over, or the customer did
    // not answer in time. Nothing when it moved on meanwhile.
    Result<ChatEffects> due(qint64 sessionId);
    // The call a session waiting at an http_request node makes (nullopt: it waits no more).
    Result<std::optional<PendingCall>> pendingCall(qint64 sessionId);
    // The call's answer; nothing when the session moved on meanwhile.
    Result<ChatEffects> callAnswered(qint64 sessionId, const QString &node, const Bot::HttpAnswer &answer);

private:
    struct Facts;
    Result<Facts> facts(qint64 chatId);
    Result<std::shared_ptr<const BotFlow::Definition>> definition(qint64 flowId, qint64 version);
    Result<Bot::FlowRunner> runner(const Facts &chat, const BotFlow::Definition &flow);
    // Stores the run's session state and steps, then does its effects.
    // `answering`: the run answers the customer's message (so the service window is open).
    Result<ChatEffects> apply(const Facts &chat, BotSession session, const BotFlow::Definition &flow,
                              const Bot::Run &run, bool answering);
    Result<Ok> doEffect(const Facts &chat, const Bot::RunEffect &effect, ChatEffects &out);
    Result<Ok> handOver(const Facts &chat, const Bot::RunEffects::Handover &h, const QString &reason, ChatEffects &out);
    qint64 now() const;

    Database &m_db;
    const ProviderRegistry &m_providers;
    BotEngineSettings m_settings;
    ChatService::Clock m_clock;
    ChatService m_chats;
    BotSessionStore m_sessions;

    BotFlow::DefinitionCache m_versions;
};

}   // namespace Conversa::Server
