#include "MessageDto.h"

#include "WireKeyNames.h"

namespace Conversa {

MessageQuoteDto MessageQuoteDto::fromJson(const QJsonObject &json)
{
    MessageQuoteDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(MessageKeys::id);
    x.direction = r.string(MessageKeys::direction);
    x.messageType = r.string(MessageKeys::messageType);
    x.content = r.optString(MessageKeys::content);
    return x;
}

QJsonObject MessageQuoteDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(MessageKeys::id, id);
    w.put(MessageKeys::direction, direction);
    w.put(MessageKeys::messageType, messageType);
    w.put(MessageKeys::content, content);
    return w.result();
}

MessageDto MessageDto::fromJson(const QJsonObject &json)
{
    MessageDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(MessageKeys::id);
    x.chatId = r.integer(MessageKeys::chatId);
    x.direction = r.string(MessageKeys::direction);
    x.messageType = r.string(MessageKeys::messageType);
    x.content = r.optString(MessageKeys::content);
    x.status = r.string(MessageKeys::status);
    x.mediaFileId = r.optInteger(MessageKeys::mediaFileId);
    x.templateName = r.optString(MessageKeys::templateName);
    x.templateLanguage = r.optString(MessageKeys::templateLanguage);
    x.templateVariables = r.optObject(MessageKeys::templateVariables);
    x.interactive = r.optObject(MessageKeys::interactive);
    x.errorCode = r.optString(MessageKeys::errorCode);
    x.errorMessage = r.optString(MessageKeys::errorMessage);
    x.user = r.nested<UserRefDto>(MessageKeys::user);
    x.isBotMessage = r.boolean(MessageKeys::isBotMessage);
    x.createdAt = r.time(MessageKeys::createdAt);
    x.sentAt = r.time(MessageKeys::sentAt);
    x.deliveredAt = r.time(MessageKeys::deliveredAt);
    x.readAt = r.time(MessageKeys::readAt);
    x.replyTo = r.nested<MessageQuoteDto>(MessageKeys::replyTo);
    return x;
}

QJsonObject MessageDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(MessageKeys::id, id);
    w.put(MessageKeys::chatId, chatId);
    w.put(MessageKeys::direction, direction);
    w.put(MessageKeys::messageType, messageType);
    w.put(MessageKeys::content, content);
    w.put(MessageKeys::status, status);
    w.put(MessageKeys::mediaFileId, mediaFileId);
    w.put(MessageKeys::templateName, templateName);
    w.put(MessageKeys::templateLanguage, templateLanguage);
    w.put(MessageKeys::templateVariables, templateVariables);
    w.put(MessageKeys::interactive, interactive);
    w.put(MessageKeys::errorCode, errorCode);
    w.put(MessageKeys::errorMessage, errorMessage);
    w.putNested(MessageKeys::user, user);
    w.put(MessageKeys::isBotMessage, isBotMessage);
    w.put(MessageKeys::createdAt, createdAt);
    w.put(MessageKeys::sentAt, sentAt);
    w.put(MessageKeys::deliveredAt, deliveredAt);
    w.put(MessageKeys::readAt, readAt);
    w.putNested(MessageKeys::replyTo, replyTo);
    return w.result();
}

}   // namespace Conversa
