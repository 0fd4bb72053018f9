#include "TransferOptionsDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

TransferAgentDto TransferAgentDto::fromJson(const QJsonObject &json)
{
    TransferAgentDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.firstName = r.string(u"first_name"_s);
    x.lastName = r.string(u"last_name"_s);
    x.agentStatus = r.string(u"agent_status"_s);
    x.openChats = r.integer(u"open_chats"_s);
    x.maxConcurrentChats = r.integer(u"max_concurrent_chats"_s);
    return x;
}

QJsonObject TransferAgentDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"first_name"_s, firstName);
    w.put(u"last_name"_s, lastName);
    w.put(u"agent_status"_s, agentStatus);
    w.put(u"open_chats"_s, openChats);
    w.put(u"max_concurrent_chats"_s, maxConcurrentChats);
    return w.result();
}

TransferOptionsDto TransferOptionsDto::fromJson(const QJsonObject &json)
{
    TransferOptionsDto x;
    const Json::Reader r(json, x.wireKeys);
    x.agents = r.list<TransferAgentDto>(u"agents"_s);
    x.campaigns = r.list<IdNameDto>(u"campaigns"_s);
    return x;
}

QJsonObject TransferOptionsDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.putList(u"agents"_s, agents);
    w.putList(u"campaigns"_s, campaigns);
    return w.result();
}

}   // namespace Conversa
