#pragma once

#include "BotTemplate.h"
#include "FlowDefinition.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace Conversa::Server::Bot {

// What a session holds between two runs (docs/BOT_FLOWS.md#sessions): the node it waits at, what
// it collected (the chat's bot_context), the invalid answers given there, and whether it already
// went to the flow's fallback node once (a second timeout or run of invalid answers hands over).
struct SessionState {
    QString node;
    QJsonObject variables;
    int invalidAttempts = 0;
    bool usedFallback = false;
};

// What a run asks its caller to do, in order. The engine does it (sends through the outbound
// queue, tags through ChatService…); the simulator writes it into its transcript.
namespace RunEffects {
struct SendText {
    QString node;
    QString text;
    qint64 mediaFileId = 0;
};
// A menu: `interactive` in OutboundRequest::interactive's shape with `text` as its body, or empty
// for a provider without interactive messages, when `text` already lists the options by number.
struct SendMenu {
    QString node;
    QString text;
    QJsonObject interactive;
};
struct AddTags {
    QString node;
    QStringList chatTags;
    QStringList clientTags;
};
struct UpdateClient {
    QString node;
    QJsonObject fields;   // rendered
};
// The bot lets go of the chat: to routing (`queue`: the chat's own campaign), a campaign or an agent.
struct Handover {
    QString node;
    QString targetType = QStringLiteral("queue");
    qint64 targetId = 0;
    QStringList skills;
};
struct CloseChat {
    QString node;
    QString closeReason;
    QString outcome;
};
}   // namespace RunEffects

using RunEffect = std::variant<RunEffects::SendText, RunEffects::SendMenu, RunEffects::AddTags,
                               RunEffects::UpdateClient, RunEffects::Handover, RunEffects::CloseChat>;

// One node entered: the statistics' visits and edges, the simulator's steps. `edge` is the config
// field that led there ("config.next", "config.options[1].next", "config.default", …), or
// "timeout" / "invalid" for the fallback node; both are empty for the first node.
struct Visit {
    QString node;
    QString from;
    QString edge;
};

// An http_request node's call, rendered: values in the URL percent-encoded, in the body escaped
// for JSON strings. The caller makes it and gives the answer to FlowRunner::httpDone().
struct HttpCallSpec {
    QString node;
    QString method;
    QString url;
    QList<QPair<QString, QString>> headers;
    QByteArray body;
    qint64 timeoutMs = 10000;
};

// An http_request's answer as the runner needs it: whether it succeeded (a 2xx within the limits)
// and its body read as JSON. `skipped`: the simulator had no mock for it; the flow goes on by `next`
// without saving.
struct HttpAnswer {
    bool ok = false;
    bool skipped = false;
    QJsonValue json;
};

struct Run {
    enum class Outcome {
        Waiting,          // for the customer (Reply), the clock (Delay) or a call (Http)
        Completed,        // reached an end node
        Transferred,      // reached a transfer node
        TimedOut,         // no reply in time: handed to the queue
        InvalidAnswers,   // too many invalid answers: handed to the queue
        StepLimit,        // too many steps without waiting for the customer: handed to the queue
        Failed,           // the flow cannot go on (a missing node): handed to the queue
    };
    enum class WaitFor { Nothing, Reply, Delay, Http };

    SessionState state;
    QList<RunEffect> effects;
    QList<Visit> visits;
    Outcome outcome = Outcome::Waiting;
    WaitFor waitFor = WaitFor::Nothing;
    qint64 delaySeconds = 0;   // Delay
    HttpCallSpec http;         // Http
    QString detail;            // why it failed or handed over, for the session's end_reason

    bool ended() const { return outcome != Outcome::Waiting; }
    bool completed() const { return outcome == Outcome::Completed || outcome == Outcome::Transferred; }
};

// An outcome in the words of the API and of bot_sessions.status: waiting, completed, transferred,
// timed_out, invalid_answers, step_limit, failed (a stored session that waits is `active`).
QString outcomeName(Run::Outcome outcome);

struct RunnerOptions {
    bool interactiveButtons = false;   // the number's provider capabilities
    bool interactiveLists = false;
    int maxSteps = 50;                              // nodes entered in one run without waiting for the customer
    QString listButton;                             // the text of a list message's button
    QString defaultRegion = QStringLiteral("CO");   // the `phone` validation's
};

// docs/BOT_FLOWS.md: runs a flow's nodes from one wait to the next, as plain C++ with no database
// or network, so the live engine and the simulator run the same code. Each call takes the session
// as it was and answers what to do and the session as it is afterwards.
class FlowRunner {
public:
    FlowRunner(const BotFlow::Definition &flow, RunnerOptions options, QJsonObject client);

    // A new session, at the flow's start node (or `startNode`, for the simulator).
    Run start(const QString &startNode = {}) const;
    // The customer's message while the session waits for a reply (menu or input).
    Run reply(const SessionState &state, const QString &text, const QString &replyId = {}) const;
    // The delay the session waits at has passed.
    Run delayDone(const SessionState &state) const;
    // The answer to the http_request the session waits at.
    Run httpDone(const SessionState &state, const HttpAnswer &answer) const;
    // No reply within the flow's timeout.
    Run timedOut(const SessionState &state) const;
    // The call of the http_request node the session waits at, rendered with its variables
    // (nullopt: it does not wait at one).
    std::optional<HttpCallSpec> httpCall(const SessionState &state) const;

    const BotFlow::Definition &flow() const { return m_flow; }

private:
    struct Context;
    void enter(Run &run, Context &ctx, QString node, QString from, QString edge) const;
    void handOver(Run &run, Context &ctx, Run::Outcome outcome, const QString &edge, const QString &detail) const;
    void ask(Run &run, Context &ctx, const BotFlow::Node &node) const;
    bool step(Run &run, Context &ctx, const BotFlow::Node &node, QString &next, QString &edge) const;
    static HttpCallSpec renderCall(const QString &node, const BotFlow::HttpRequestConfig &config,
                                   const TemplateContext &templates);

    BotFlow::Definition m_flow;
    RunnerOptions m_options;
    QJsonObject m_client;
};

}   // namespace Conversa::Server::Bot
