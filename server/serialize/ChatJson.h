#pragma once

#include "core/Result.h"

#include <QByteArray>

namespace Conversa::Server {

class Database;
class JsonWriter;
struct Chat;

// The chat wire types: the one place the server writes them.
namespace ChatJson {

// An item of GET /chats.
void writeListItem(JsonWriter &w, const Chat &c);
// GET /chats/:id's body, also the `chat` of realtime events; read from the database.
Result<QByteArray> chatJson(Database &db, qint64 chatId);

}   // namespace ChatJson

}   // namespace Conversa::Server
