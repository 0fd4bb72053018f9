#include "ChatStateMachine.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace ChatStateMachine {

const QStringList &statuses()
{
    static const QStringList all{u"new"_s,    u"bot"_s,     u"queued"_s, u"assigned"_s,
                                 u"active"_s, u"pending"_s, u"closed"_s};
    return all;
}

bool isOpen(const QString &status)
{
    return status != "closed"_L1 && statuses().contains(status);
}

std::optional<QString> next(const QString &status, Action action, bool agentAvailable, bool botRuns)
{
    if (!statuses().contains(status))
        return std::nullopt;
    const bool open = isOpen(status);
    switch (action) {
    case Action::StartBot: return status == "new"_L1 ? std::optional(u"bot"_s) : std::nullopt;
    case Action::Queue: return status == "new"_L1 || status == "bot"_L1 ? std::optional(u"queued"_s) : std::nullopt;
    case Action::Assign:
    case Action::TransferToAgent: return open ? std::optional(u"assigned"_s) : std::nullopt;
    case Action::Requeue: return open ? std::optional(u"queued"_s) : std::nullopt;
    case Action::AgentReply:
        if (!open)
            return std::nullopt;
        return status == "assigned"_L1 || status == "pending"_L1 ? u"active"_s : status;
    case Action::AwaitClient: return status == "active"_L1 ? std::optional(u"pending"_s) : std::nullopt;
    case Action::ClientReply:
        if (!open)
            return std::nullopt;
        return status == "pending"_L1 ? u"active"_s : status;
    case Action::Close: return open ? std::optional(u"closed"_s) : std::nullopt;
    case Action::Reopen:
        if (open)
            return std::nullopt;
        if (agentAvailable)
            return u"assigned"_s;
        return botRuns ? u"bot"_s : u"queued"_s;
    }
    return std::nullopt;
}

}   // namespace ChatStateMachine

}   // namespace Conversa::Server
