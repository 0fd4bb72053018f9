#pragma once

#include "core/Result.h"

#include <QString>

#include <optional>

namespace Conversa::Server {

class Database;

// What the survey after close needs to know of a chat that just closed.
struct SurveyTarget {
    qint64 chatId = 0;
    qint64 numberId = 0;
    QString provider;        // whatsapp_numbers.provider (a provider's name)
    bool enabled = false;    // the campaign's csat_enabled
    QString message;         // the campaign's csat_message; empty: the default text
    bool answered = false;   // the chat already has a score (closed again after a reopen)
};

// The client's latest closed chat on a number, as far as the survey goes.
struct SurveyedChat {
    qint64 chatId = 0;
    qint64 sentAt = 0;         // 0: no survey sent
    qint64 answeredAt = 0;     // 0: not answered
    int timeoutMinutes = 60;   // the campaign's csat_timeout_minutes
};

// SQL of the satisfaction survey after close (docs/ROUTING.md#satisfaction-survey): the
// campaign's settings for a chat, the survey and the acknowledgement queued as outbound bot
// messages, and the score stored on the chat.
class SatisfactionStore {
public:
    explicit SatisfactionStore(Database &db) : m_db(db) {}

    Result<SurveyTarget> target(qint64 chatId);   // 404 when unknown
    Result<Ok> markSent(qint64 chatId, qint64 now);
    // The latest closed chat of the client on the number (by closing time), whether or not it has a survey.
    Result<std::optional<SurveyedChat>> latestClosed(qint64 clientId, qint64 numberId);
    // Stores the score once: false when the chat already has one (another delivery won).
    Result<bool> recordScore(qint64 chatId, int score, qint64 now);

private:
    Database &m_db;
};

}   // namespace Conversa::Server
