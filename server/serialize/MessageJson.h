#pragma once

class JsonWriter;
struct Message;

// The message wire type (GET /messages/:id, a chat's message list, the `message` of chat.message
// and message.updated): the one place the server writes it.
namespace MessageJson {

// Seed §5.10 item plus chat_id, media and template fields and the error of a failed message.
void writeMessage(JsonWriter &w, const Message &m);

} // namespace MessageJson
