#pragma once

#include "core/Actor.h"
#include "core/Result.h"
#include "domain/bot/DefinitionCache.h"
#include "domain/bot/FlowDefinition.h"
#include "store/BotFlowStore.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace Conversa::Server {

class Database;

// One thing the customer does in a simulation: writes a text, taps a button or list row (its id,
// with the title as text when given), or stays silent past the flow's timeout.
struct SimulatedCustomerMessage {
    enum class Kind { Text, Reply, Timeout };
    Kind kind = Kind::Text;
    QString text;
    QString replyId;
};

// POST /v1/bot-flows/{id}/simulate, already checked for shape.
struct SimulateBotFlow {
    qint64 flowId = 0;
    std::optional<qint64> version;   // a published version; the draft when absent
    QList<SimulatedCustomerMessage> messages;
    QJsonObject variables;   // the session's starting variables
    QJsonObject client;      // the client fields templates see, over an example client's empty ones
    QString startNode;       // the flow's start node when empty
    bool interactive = false;
    QJsonObject mockResponses;   // node_key: the JSON answer, or {"error": true}
    QString listButton;          // a list message's button text
    int maxSteps = 50;           // CONVERSA_BOT_MAX_STEPS
    QString defaultRegion;       // the phone validation's
};

// One entry of the transcript: what happened (`type`), at which node, and its fields.
struct BotSimulationEntry {
    QString type;
    QString nodeKey;
    QJsonObject fields;
};

struct BotSimulationStep {
    QString nodeKey;
    QString nodeType;
    QString from;
    QString edge;
};

struct BotSimulation {
    QList<BotSimulationEntry> transcript;
    QList<BotSimulationStep> steps;
    QJsonObject variables;
    QString status;       // waiting, or how the session ended (bot_sessions.status's words)
    QString waitingFor;   // reply, while waiting
    QString nodeKey;      // where it waits or ended
    QString detail;
    QList<BotFlow::Issue> warnings;   // the draft's problems, unused mocks, messages left over
};

// Runs a flow's draft or one of its versions with Bot::FlowRunner against given customer messages,
// with no side effects at all (docs/BOT_FLOWS.md#simulation): nothing is sent, stored, tagged or
// called; delays are not waited for and http_request nodes answer from the given mocks. Needs
// bot_flows.manage; a missing flow or version is 404, an unknown start node 422.
class BotFlowSimulator {
public:
    explicit BotFlowSimulator(Database &db) : m_flows(db) {}

    static constexpr int kMaxMessages = 100;
    static constexpr int kMaxMessageBytes = 4096;

    Result<BotSimulation> simulate(const Actor &actor, const SimulateBotFlow &in);

private:
    BotFlowStore m_flows;
    BotFlow::DefinitionCache m_definitions;   // drafts by revision, versions by number
};

}   // namespace Conversa::Server
