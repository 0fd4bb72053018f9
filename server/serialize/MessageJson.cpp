#include "MessageJson.h"

#include "core/JsonWriter.h"
#include "store/MessageStore.h"

#include <Conversa/dto/WireKeyNames.h>

namespace Conversa::Server {

using namespace Conversa;

void MessageJson::writeMessage(JsonWriter &w, const Message &m)
{
    namespace K = MessageKeys;
    w.beginObject().field(K::id, m.id).field(K::chatId, m.chatId).field(K::direction, m.direction);
    w.field(K::messageType, m.messageType).stringOrNull(K::content, m.content).field(K::status, m.status);
    w.key(K::mediaFileId);
    m.mediaFileId > 0 ? w.value(m.mediaFileId) : w.null();
    w.stringOrNull(K::templateName, m.templateName).stringOrNull(K::templateLanguage, m.templateLanguage);
    w.key(K::templateVariables);
    m.hasTemplateVariables ? w.json(m.templateVariables) : w.null();
    w.key(K::interactive);
    m.interactive.isEmpty() ? w.null() : w.json(m.interactive);
    w.stringOrNull(K::errorCode, m.errorCode).stringOrNull(K::errorMessage, m.errorMessage);
    w.key(K::user);
    if (m.userId > 0) {
        w.beginObject().field(UserRefKeys::id, m.userId).field(UserRefKeys::firstName, m.userFirstName);
        w.field(UserRefKeys::lastName, m.userLastName).endObject();
    } else {
        w.null();
    }
    w.field(K::isBotMessage, m.isBotMessage).timeOrNull(K::createdAt, m.createdAt);
    w.timeOrNull(K::sentAt, m.sentAt).timeOrNull(K::deliveredAt, m.deliveredAt).timeOrNull(K::readAt, m.readAt);
    w.key(K::replyTo);
    if (m.replyToId > 0) {
        w.beginObject().field(K::id, m.replyToId).field(K::direction, m.replyToDirection);
        w.field(K::messageType, m.replyToType).stringOrNull(K::content, m.replyToContent).endObject();
    } else {
        w.null();
    }
    w.endObject();
}

}   // namespace Conversa::Server
