#pragma once

#include "core/Actor.h"
#include "core/Result.h"
#include "store/AgentStatusStore.h"
#include "store/ReportStore.h"

#include <QByteArray>

#include <functional>

namespace Conversa::Server {

class Database;
class ReportPeriod;

// The period reports (seed §10; docs/REPORTS.md): each figure defined once (domain/reports/
// ReportTally), over the conversations the report covers or, for an agent, over what the agent did
// in the period; the whole period and each of its days (hours for a one-day period). Campaign,
// number and summary reports need reports.read; an agent may read its own agent report, and gets
// 404 for anyone else's, as for an unknown id.
class ReportService {
public:
    // Each conversation a report reads, as it reads it (an export's rows; ReportExporter). Called
    // while the store streams them: it must not query the database.
    using ConversationSink = std::function<void(const ConversationFacts &)>;

    explicit ReportService(Database &db) : m_reports(db), m_statuses(db) {}

    Result<QByteArray> campaign(const Actor &actor, qint64 campaignId, const ReportPeriod &period,
                                const ConversationSink &each = {});
    Result<QByteArray> number(const Actor &actor, qint64 numberId, const ReportPeriod &period, qint64 now,
                              const ConversationSink &each = {});
    Result<QByteArray> summary(const Actor &actor, const ReportPeriod &period, const ConversationSink &each = {});
    // `each` gets the chats the agent closed, then those it gave the first response of (a chat
    // in both comes twice).
    Result<QByteArray> agent(const Actor &actor, qint64 agentId, const ReportPeriod &period, qint64 now,
                             const ConversationSink &each = {});
    // The agent's statuses over one local day (a one-day period), for the supervisor's dashboard.
    Result<QByteArray> agentTimeline(const Actor &actor, qint64 agentId, const ReportPeriod &day, qint64 now);

private:
    Result<Ok> mayReadAgent(const Actor &actor, qint64 agentId);

    ReportStore m_reports;
    AgentStatusStore m_statuses;
};

}   // namespace Conversa::Server
