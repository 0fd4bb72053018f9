#include "BotStatsStore.h"

#include "Database.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

// The filter as a WHERE over bot_sessions aliased `s`, with its values.
QString botStatsWhere(const BotStatsFilter &f, QVariantList &values)
{
    QString where = u" WHERE s.flow_id = ?"_s;
    values.append(f.flowId);
    if (f.from) {
        where += u" AND s.started_at >= ?"_s;
        values.append(*f.from);
    }
    if (f.to) {
        where += u" AND s.started_at <= ?"_s;
        values.append(*f.to);
    }
    if (f.version) {
        where += u" AND s.flow_version = ?"_s;
        values.append(*f.version);
    }
    return where;
}

}   // namespace

Result<BotStatsFigures> BotStatsStore::figures(const BotStatsFilter &filter)
{
    BotStatsFigures out;
    QVariantList values;
    const QString where = botStatsWhere(filter, values);

    // Where sessions wait or ended, by status: the outcomes, the exits and the waiting.
    {
        SqlQuery q(m_db,
                   u"SELECT s.node_key, s.status, COUNT(*) FROM bot_sessions s"_s + where +
                       u" GROUP BY s.node_key, s.status"_s,
                   values);
        if (!q.exec())
            return q.failure();
        while (q.next())
            out.statuses.append({q.string(0), q.string(1), q.integer(2)});
    }
    // How long the completions took.
    {
        SqlQuery q(m_db,
                   u"SELECT COUNT(*), COALESCE(SUM(s.ended_at - s.started_at), 0) FROM bot_sessions s"_s + where +
                       u" AND s.status IN ('completed', 'transferred') AND s.ended_at IS NOT NULL"_s,
                   values);
        if (!q.exec())
            return q.failure();
        if (q.next()) {
            out.completedSessions = q.integer(0);
            out.completedSeconds = q.integer(1);
        }
    }
    // The steps: distinct sessions per node entered, and how often each edge was taken. Without
    // dates the steps' own flow_id and flow_version select them (from the indexes of migration
    // 0027 alone); a date range needs their sessions' started_at.
    QString steps = u" FROM bot_session_steps st"_s;
    QVariantList stepValues;
    if (filter.from || filter.to) {
        steps += u" JOIN bot_sessions s ON s.id = st.session_id"_s + where + u" AND st.flow_id = ?"_s;
        stepValues = values;
        stepValues.append(filter.flowId);
    } else {
        steps += u" WHERE st.flow_id = ?"_s;
        stepValues.append(filter.flowId);
        if (filter.version) {
            steps += u" AND st.flow_version = ?"_s;
            stepValues.append(*filter.version);
        }
    }
    {
        SqlQuery q(m_db, u"SELECT st.node_key, COUNT(DISTINCT st.session_id)"_s + steps + u" GROUP BY st.node_key"_s,
                   stepValues);
        if (!q.exec())
            return q.failure();
        while (q.next())
            out.visits.append({q.string(0), q.integer(1)});
    }
    {
        SqlQuery q(m_db,
                   u"SELECT st.from_node_key, st.node_key, st.edge, COUNT(*)"_s + steps +
                       u" AND st.from_node_key IS NOT NULL"
                       u" GROUP BY st.from_node_key, st.node_key, st.edge"
                       u" ORDER BY st.from_node_key, st.node_key, st.edge"_s,
                   stepValues);
        if (!q.exec())
            return q.failure();
        while (q.next())
            out.edges.append({q.string(0), q.string(1), q.string(2), q.integer(3)});
    }
    return out;
}

}   // namespace Conversa::Server
