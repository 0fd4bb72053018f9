#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Conversa::Server {

class Database;

// A bot session (table bot_sessions, migration 0025): one run of a published flow version on a
// chat (docs/BOT_FLOWS.md#sessions). Times are epoch seconds; 0 is none.
struct BotSession {
    qint64 id = 0;
    qint64 chatId = 0;
    qint64 flowId = 0;
    qint64 flowVersion = 0;
    QString status = QStringLiteral("active");
    QString endReason;
    QString nodeKey;
    QString waitingFor;   // reply, delay, http; empty once ended
    QJsonObject variables;
    int invalidAttempts = 0;
    bool usedFallback = false;
    qint64 dueAt = 0;
    qint64 startedAt = 0;
    qint64 endedAt = 0;

    bool isActive() const { return status == QLatin1StringView("active"); }
};

// One node a session entered (bot_session_steps): where from and by which config field.
struct BotStep {
    QString node;
    QString from;
    QString edge;
};

// The published flow a campaign runs on its new chats: bot_enabled, a live flow, published.
struct CampaignBot {
    qint64 flowId = 0;
    qint64 version = 0;
};

// What the engine needs to know of a chat.
struct BotChat {
    qint64 chatId = 0;
    qint64 campaignId = 0;
    qint64 numberId = 0;
    qint64 clientId = 0;
    QString status;
    QString provider;   // the number's provider (server/providers)
};

// SQL of bot sessions and their steps.
class BotSessionStore {
public:
    explicit BotSessionStore(Database &db) : m_db(db) {}

    Result<std::optional<CampaignBot>> campaignBot(qint64 campaignId);
    Result<BotChat> chat(qint64 chatId);   // 404 when missing

    // The chat's active session, its row locked until the transaction ends (PostgreSQL; SQLite has
    // one writer), so a reply and a due timeout never both move it.
    Result<std::optional<BotSession>> activeOfChat(qint64 chatId);
    Result<std::optional<BotSession>> active(qint64 sessionId);   // locked likewise

    Result<qint64> insert(const BotSession &s);
    // Writes the session's state (node, wait, variables, status…) and frees its claim.
    Result<Ok> update(const BotSession &s, qint64 now);
    Result<Ok> addSteps(const BotSession &s, const QList<BotStep> &steps, qint64 at);
    // The chat's bot_context: what the session collected.
    Result<Ok> setBotContext(qint64 chatId, const QJsonObject &context);

    // Active sessions whose wait is due at `now` and that nobody holds, soonest first.
    Result<QList<qint64>> due(qint64 now, int limit);
    // Holds a due session until `until` (a conditional update: with several servers one wins);
    // false when another worker holds it or it is no longer due.
    Result<bool> claim(qint64 sessionId, qint64 now, qint64 until);
    // Ends the chat's active session as `interrupted` (an agent took the chat); whether there was one.
    Result<bool> interrupt(qint64 chatId, const QString &reason, qint64 now);

private:
    Database &m_db;
};

}   // namespace Conversa::Server
