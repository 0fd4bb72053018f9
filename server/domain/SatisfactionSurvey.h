#pragma once

#include "core/Result.h"
#include "core/Translator.h"
#include "providers/ProviderRegistry.h"
#include "store/SatisfactionStore.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Conversa::Server {

class Database;
struct InboundDelivery;
struct InboundNumber;
struct InboundSummary;

// The satisfaction survey after close (docs/ROUTING.md#satisfaction-survey), the one place its
// rules live. ChatService::close calls send(), so every way of closing a chat (REST, socket, a
// bot's end node) sends it; the inbound pipeline calls takeAnswer() before opening a new chat.
// Runs inside the caller's transaction; the texts it writes to customers are in `language`
// (CONVERSA_CUSTOMER_LANGUAGE).
class SatisfactionSurvey {
public:
    SatisfactionSurvey(Database &db, Language language,
                       const ProviderRegistry &providers = ProviderRegistry::builtIn());

    // After `chatId` closed: when its campaign has csat_enabled, the chat has no score yet and the
    // number's customer service window is open, queues the survey (an interactive list on providers
    // with interactiveLists, else text) and stamps csat_sent_at. The message's id, or 0 when none.
    Result<qint64> send(qint64 chatId, qint64 now);

    // A message from a client with no open chat on the number: when it answers (1-5) the survey of
    // the client's latest closed chat there, sent not answered and within csat_timeout_minutes,
    // the message is stored on that chat (which stays closed), the score is kept, an
    // acknowledgement is queued and `summary` tells chat.message and chat.updated. false: not an
    // answer, nothing done (the message opens a chat as any other).
    Result<bool> takeAnswer(qint64 clientId, const InboundNumber &number, const InboundDelivery &d, qint64 mediaFileId,
                            qint64 now, InboundSummary &summary);

    // The score a message gives, or nullopt: the list reply id "csat#n", or a text that is just the
    // digit ("4", " 4 ", "4.", "4⭐", "4️⃣", "４"), or the title of one of the list's rows.
    std::optional<int> score(const InboundDelivery &d) const;

    // The survey as sent: the question (the campaign's text, or the default one) and, for lists,
    // messages.interactive. For tests and the docs.
    QString question(const QString &campaignText, bool asList) const;
    QJsonObject list() const;
    QString acknowledgement() const;

    static QString replyId(int score);   // "csat#<score>"

private:
    Database &m_db;
    Language m_language;
    const ProviderRegistry &m_providers;
    SatisfactionStore m_store;
};

}   // namespace Conversa::Server
