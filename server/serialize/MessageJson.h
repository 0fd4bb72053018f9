#pragma once

namespace Conversa::Server {

class JsonWriter;
struct Message;

// The message wire type (GET /messages/:id, a chat's message list, the `message` of chat.message
// and message.updated): the one place the server writes it.
namespace MessageJson {

// A message: who sent it and when, its content, media or template, its delivery status (with the
// error of a failed one) and the message it quotes.
void writeMessage(JsonWriter &w, const Message &m);

}   // namespace MessageJson

}   // namespace Conversa::Server
