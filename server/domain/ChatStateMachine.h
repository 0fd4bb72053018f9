#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace Conversa::Server {

// docs/ROUTING.md: which status a chat moves to on each action, or none when the move is illegal
// (the API answers 409). Plain C++ with no database so its whole table is unit-tested.
//   new → bot → queued → assigned → active ⇄ pending → closed; reopen: closed → assigned | bot | queued.
namespace ChatStateMachine {

enum class Action {
    StartBot,          // new → bot (the campaign runs a published flow)
    Queue,             // new | bot → queued (routing takes over)
    Assign,            // any open status → assigned (manual assignment or routing)
    TransferToAgent,   // any open status → assigned (another agent)
    Requeue,           // any open status → queued (transfer to a campaign or back to the queue)
    AgentReply,        // assigned | pending → active; other open statuses unchanged
    AwaitClient,       // active → pending
    ClientReply,       // pending → active; other open statuses unchanged
    Close,             // any open status → closed
    Reopen,            // closed → assigned (previous agent still able), else bot (the campaign runs a flow) or queued
};

const QStringList &statuses();   // every status, in lifecycle order
bool isOpen(const QString &status);

// The status after `action`, or nullopt when it is illegal from `status`. For Reopen,
// `agentAvailable` tells whether the previous agent can take the chat back, and `botRuns` whether
// the chat's campaign runs a published bot flow.
std::optional<QString> next(const QString &status, Action action, bool agentAvailable = false, bool botRuns = false);

}   // namespace ChatStateMachine

}   // namespace Conversa::Server
