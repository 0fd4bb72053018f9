#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Conversa::Server {

class Database;

// One messages row (the OpenAPI ChatMessage schema) with its sender's name.
struct Message {
    qint64 id = 0;
    qint64 chatId = 0;
    qint64 numberId = 0;
    QString direction;   // inbound | outbound
    QString messageType;
    QString content;   // empty: null
    qint64 mediaFileId = 0;
    QString templateName;
    QString templateLanguage;
    QJsonObject templateVariables;
    bool hasTemplateVariables = false;
    // A bot menu's options (messages.interactive, the shape of OutboundRequest::interactive in
    // server/providers/WhatsAppProvider.h); empty: none (null).
    QJsonObject interactive;
    QString status = QStringLiteral("pending");
    QString errorCode;
    QString errorMessage;
    qint64 userId = 0;   // the sending agent; 0 for inbound and bot messages
    QString userFirstName;
    QString userLastName;
    bool isBotMessage = false;
    qint64 createdAt = 0;
    qint64 sentAt = 0;
    qint64 deliveredAt = 0;
    qint64 readAt = 0;
    // The quoted message (0: not a reply), and enough of it to show the quote.
    qint64 replyToId = 0;
    QString replyToDirection;
    QString replyToType;
    QString replyToContent;
    QString idempotencyKey;   // the sender's Idempotency-Key; empty: none
};

struct MessagePage {
    QList<Message> rows;    // oldest first
    qint64 total = 0;       // every message of the chat
    bool hasMore = false;   // before_id: older messages remain
};

// SQL for messages. Chat counters are ChatStore's.
class MessageStore {
public:
    explicit MessageStore(Database &db) : m_db(db) {}

    static const QStringList &types();   // what POST /messages accepts

    Result<qint64> insert(const Message &message, qint64 now);
    Result<Message> find(qint64 id);   // 404 when missing
    // The message `userId` sent with that Idempotency-Key; 404 when none.
    Result<Message> findByIdempotencyKey(qint64 userId, const QString &key);
    // Page `offset / limit` of the chat's messages in order, oldest first.
    Result<MessagePage> page(qint64 chatId, int limit, qint64 offset);
    // The `limit` messages just before `beforeId`, oldest first.
    Result<MessagePage> before(qint64 chatId, qint64 beforeId, int limit);
    Result<Ok> markRead(qint64 id, qint64 now);
    Result<Ok> requeue(qint64 id);   // failed → pending, error cleared

private:
    Result<QList<Message>> select(const QString &where, const QVariantList &values);
    Database &m_db;
};

}   // namespace Conversa::Server
