#include "MessageDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

MessageQuoteDto MessageQuoteDto::fromJson(const QJsonObject &json)
{
    MessageQuoteDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.direction = r.string(u"direction"_s);
    x.messageType = r.string(u"message_type"_s);
    x.content = r.optString(u"content"_s);
    return x;
}

QJsonObject MessageQuoteDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"direction"_s, direction);
    w.put(u"message_type"_s, messageType);
    w.put(u"content"_s, content);
    return w.result();
}

MessageDto MessageDto::fromJson(const QJsonObject &json)
{
    MessageDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.chatId = r.integer(u"chat_id"_s);
    x.direction = r.string(u"direction"_s);
    x.messageType = r.string(u"message_type"_s);
    x.content = r.optString(u"content"_s);
    x.status = r.string(u"status"_s);
    x.mediaFileId = r.optInteger(u"media_file_id"_s);
    x.templateName = r.optString(u"template_name"_s);
    x.templateLanguage = r.optString(u"template_language"_s);
    x.templateVariables = r.optObject(u"template_variables"_s);
    x.errorCode = r.optString(u"error_code"_s);
    x.errorMessage = r.optString(u"error_message"_s);
    x.user = r.nested<UserRefDto>(u"user"_s);
    x.isBotMessage = r.boolean(u"is_bot_message"_s);
    x.createdAt = r.time(u"created_at"_s);
    x.sentAt = r.time(u"sent_at"_s);
    x.deliveredAt = r.time(u"delivered_at"_s);
    x.readAt = r.time(u"read_at"_s);
    x.replyTo = r.nested<MessageQuoteDto>(u"reply_to"_s);
    return x;
}

QJsonObject MessageDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"chat_id"_s, chatId);
    w.put(u"direction"_s, direction);
    w.put(u"message_type"_s, messageType);
    w.put(u"content"_s, content);
    w.put(u"status"_s, status);
    w.put(u"media_file_id"_s, mediaFileId);
    w.put(u"template_name"_s, templateName);
    w.put(u"template_language"_s, templateLanguage);
    w.put(u"template_variables"_s, templateVariables);
    w.put(u"error_code"_s, errorCode);
    w.put(u"error_message"_s, errorMessage);
    w.putNested(u"user"_s, user);
    w.put(u"is_bot_message"_s, isBotMessage);
    w.put(u"created_at"_s, createdAt);
    w.put(u"sent_at"_s, sentAt);
    w.put(u"delivered_at"_s, deliveredAt);
    w.put(u"read_at"_s, readAt);
    w.putNested(u"reply_to"_s, replyTo);
    return w.result();
}

} // namespace Conversa
