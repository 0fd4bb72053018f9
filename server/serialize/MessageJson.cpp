#include "MessageJson.h"

#include "http/JsonWriter.h"
#include "store/MessageStore.h"

void MessageJson::writeMessage(JsonWriter &w, const Message &m)
{
    w.beginObject().field("id", m.id).field("chat_id", m.chatId).field("direction", m.direction);
    w.field("message_type", m.messageType).stringOrNull("content", m.content).field("status", m.status);
    w.key("media_file_id");
    m.mediaFileId > 0 ? w.value(m.mediaFileId) : w.null();
    w.stringOrNull("template_name", m.templateName).stringOrNull("template_language", m.templateLanguage);
    w.key("template_variables");
    m.hasTemplateVariables ? w.json(m.templateVariables) : w.null();
    w.stringOrNull("error_code", m.errorCode).stringOrNull("error_message", m.errorMessage);
    w.key("user");
    if (m.userId > 0) {
        w.beginObject().field("id", m.userId).field("first_name", m.userFirstName);
        w.field("last_name", m.userLastName).endObject();
    } else {
        w.null();
    }
    w.field("is_bot_message", m.isBotMessage).timeOrNull("created_at", m.createdAt);
    w.timeOrNull("sent_at", m.sentAt).timeOrNull("delivered_at", m.deliveredAt).timeOrNull("read_at", m.readAt);
    w.key("reply_to");
    if (m.replyToId > 0) {
        w.beginObject().field("id", m.replyToId).field("direction", m.replyToDirection);
        w.field("message_type", m.replyToType).stringOrNull("content", m.replyToContent).endObject();
    } else {
        w.null();
    }
    w.endObject();
}
