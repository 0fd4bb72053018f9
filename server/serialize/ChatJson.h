#pragma once

#include "http/Result.h"

#include <QByteArray>

class Database;
class JsonWriter;
struct Chat;

// The chat wire types: the one place the server writes them.
namespace ChatJson {

// An item of GET /chats (seed §5.1).
void writeListItem(JsonWriter &w, const Chat &c);
// GET /chats/:id's body (seed §5.2), also the `chat` of realtime events; read from the database.
Result<QByteArray> chatJson(Database &db, qint64 chatId);

} // namespace ChatJson
