#include "BotSessionStore.h"

#include "Database.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

constexpr const char *kSessionColumns =
    "id, chat_id, flow_id, flow_version, status, end_reason, node_key, waiting_for, variables, invalid_attempts, "
    "used_fallback, due_at, started_at, ended_at";

BotSession sessionFromRow(const SqlQuery &q)
{
    BotSession s;
    s.id = q.integer(0);
    s.chatId = q.integer(1);
    s.flowId = q.integer(2);
    s.flowVersion = q.integer(3);
    s.status = q.string(4);
    s.endReason = q.string(5);
    s.nodeKey = q.string(6);
    s.waitingFor = q.string(7);
    s.variables = QJsonDocument::fromJson(q.string(8).toUtf8()).object();
    s.invalidAttempts = int(q.integer(9));
    s.usedFallback = q.boolean(10);
    s.dueAt = q.integer(11);
    s.startedAt = q.integer(12);
    s.endedAt = q.integer(13);
    return s;
}

QString sessionJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

}   // namespace

Result<std::optional<CampaignBot>> BotSessionStore::campaignBot(qint64 campaignId)
{
    SqlQuery q(m_db,
               "SELECT f.id, f.published_version FROM campaigns c JOIN bot_flows f ON f.id = c.bot_flow_id "
               "WHERE c.id = ? AND c.bot_enabled AND f.deleted_at IS NULL AND f.published_version > 0",
               {campaignId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return std::optional<CampaignBot>();
    return std::optional<CampaignBot>(CampaignBot{q.integer(0), q.integer(1)});
}

Result<BotChat> BotSessionStore::chat(qint64 chatId)
{
    SqlQuery q(m_db,
               "SELECT c.campaign_id, c.whatsapp_number_id, c.client_id, c.status, n.provider FROM chats c "
               "JOIN whatsapp_numbers n ON n.id = c.whatsapp_number_id WHERE c.id = ?",
               {chatId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    return BotChat{chatId, q.integer(0), q.integer(1), q.integer(2), q.string(3), q.string(4)};
}

Result<std::optional<BotSession>> BotSessionStore::activeOfChat(qint64 chatId)
{
    const bool pg = m_db.dialect() == SqlDialect::Postgres;
    SqlQuery q(m_db,
               u"SELECT %1 FROM bot_sessions WHERE chat_id = ? AND status = 'active'%2"_s
                   .arg(QLatin1StringView(kSessionColumns), pg ? u" FOR UPDATE"_s : QString()),
               {chatId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return std::optional<BotSession>();
    return std::optional<BotSession>(sessionFromRow(q));
}

Result<std::optional<BotSession>> BotSessionStore::active(qint64 sessionId)
{
    const bool pg = m_db.dialect() == SqlDialect::Postgres;
    SqlQuery q(m_db,
               u"SELECT %1 FROM bot_sessions WHERE id = ? AND status = 'active'%2"_s
                   .arg(QLatin1StringView(kSessionColumns), pg ? u" FOR UPDATE"_s : QString()),
               {sessionId});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return std::optional<BotSession>();
    return std::optional<BotSession>(sessionFromRow(q));
}

Result<qint64> BotSessionStore::insert(const BotSession &s)
{
    SqlQuery q(m_db,
               "INSERT INTO bot_sessions (chat_id, flow_id, flow_version, status, node_key, waiting_for, variables, "
               "started_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?) RETURNING id",
               {s.chatId, s.flowId, s.flowVersion, s.nodeKey, nullIfEmpty(s.waitingFor), sessionJson(s.variables),
                s.startedAt, s.startedAt});
    if (!q.exec() || !q.next())
        return q.failure();
    return q.integer(0);
}

Result<Ok> BotSessionStore::update(const BotSession &s, qint64 now)
{
    SqlQuery q(m_db,
               "UPDATE bot_sessions SET status = ?, end_reason = ?, node_key = ?, waiting_for = ?, variables = ?, "
               "invalid_attempts = ?, used_fallback = ?, due_at = ?, claimed_until = NULL, updated_at = ?, "
               "ended_at = ? WHERE id = ?",
               {s.status, nullIfEmpty(s.endReason), s.nodeKey, nullIfEmpty(s.waitingFor), sessionJson(s.variables),
                s.invalidAttempts, s.usedFallback, nullIfZero(s.dueAt), now, nullIfZero(s.endedAt), s.id});
    return q.run();
}

Result<Ok> BotSessionStore::addSteps(const BotSession &s, const QList<BotStep> &steps, qint64 at)
{
    if (steps.isEmpty())
        return Ok{};
    QString sql = u"INSERT INTO bot_session_steps (session_id, flow_id, flow_version, node_key, from_node_key, edge, "
                  "entered_at) VALUES "_s;
    QVariantList values;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        sql += i == 0 ? u"(?, ?, ?, ?, ?, ?, ?)"_s : u", (?, ?, ?, ?, ?, ?, ?)"_s;
        values << s.id << s.flowId << s.flowVersion << steps[i].node << nullIfEmpty(steps[i].from)
               << nullIfEmpty(steps[i].edge) << at;
    }
    return SqlQuery(m_db, sql, values).run();
}

Result<Ok> BotSessionStore::setBotContext(qint64 chatId, const QJsonObject &context)
{
    return SqlQuery(m_db, "UPDATE chats SET bot_context = ? WHERE id = ?", {sessionJson(context), chatId}).run();
}

Result<QList<qint64>> BotSessionStore::due(qint64 now, int limit)
{
    SqlQuery q(m_db,
               "SELECT id FROM bot_sessions WHERE status = 'active' AND due_at <= ? "
               "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY due_at, id LIMIT ?",
               {now, now, limit});
    if (!q.exec())
        return q.failure();
    QList<qint64> out;
    while (q.next())
        out.append(q.integer(0));
    return out;
}

Result<bool> BotSessionStore::claim(qint64 sessionId, qint64 now, qint64 until)
{
    SqlQuery q(m_db,
               "UPDATE bot_sessions SET claimed_until = ? WHERE id = ? AND status = 'active' AND due_at <= ? "
               "AND (claimed_until IS NULL OR claimed_until < ?)",
               {until, sessionId, now, now});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() == 1;
}

Result<bool> BotSessionStore::interrupt(qint64 chatId, const QString &reason, qint64 now)
{
    SqlQuery q(m_db,
               "UPDATE bot_sessions SET status = 'interrupted', end_reason = ?, waiting_for = NULL, due_at = NULL, "
               "claimed_until = NULL, updated_at = ?, ended_at = ? WHERE chat_id = ? AND status = 'active'",
               {nullIfEmpty(reason), now, now, chatId});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() > 0;
}

}   // namespace Conversa::Server
