#pragma once

#include <QDate>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Conversa {

// GET /v1/chats filters. The inbox's views: View::Mine is assigned_agent_id = the signed-in user,
// View::Queued is status = queued; View::All leaves both to the other fields (the server itself
// limits an agent to their chats and their campaigns' queued chats).
struct ChatQuery {
    enum class View { All, Mine, Queued };
    View view = View::All;
    QString status;   // new, bot, queued, assigned, active, pending, closed
    std::optional<qint64> campaignId;
    std::optional<qint64> assignedAgentId;
    QString priority;   // low, normal, high, urgent
    QString search;
    QDate fromDate;
    QDate toDate;
    int page = 1;
    int limit = 20;
};

// GET /v1/chats/{id}/messages: either numbered pages (oldest first) or, with beforeId, the
// `limit` messages just before that one (scrolling back; meta.has_more).
struct MessageQuery {
    // beforeId for "everything up to the newest message": no id is larger (2^53 - 1, the largest
    // integer JSON carries exactly).
    static constexpr qint64 kNewest = 9007199254740991;
    std::optional<qint64> beforeId;
    int page = 1;
    int limit = 50;
};

// POST /v1/messages. text: content; image/document/audio/video: mediaFileId (content = caption);
// template: templateName, templateLanguage, templateVariables.
struct SendMessageRequest {
    qint64 chatId = 0;
    QString messageType = QStringLiteral("text");
    QString content;
    std::optional<qint64> mediaFileId;
    QString templateName;
    QString templateLanguage;
    QJsonObject templateVariables;
    std::optional<qint64> replyToMessageId;
    QByteArray idempotencyKey;   // sent as Idempotency-Key; makes the call safe to retry
};

// POST /v1/chats/{id}/close.
struct CloseChatRequest {
    QString closeReason;
    QString outcome;   // sale, no_sale, information, complaint or custom text
    std::optional<qint64> outcomeValue;
    QString notes;
};

// GET /v1/users filters.
struct UserQuery {
    QString role;     // admin, supervisor, agent
    QString status;   // active, inactive, suspended
    QString search;
    int page = 1;
    int limit = 20;
};

}   // namespace Conversa
