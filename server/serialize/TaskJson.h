#pragma once

#include "core/Result.h"
#include "store/TaskStore.h"

#include <QByteArray>
#include <QList>

namespace Conversa::Server {

class Database;
class JsonWriter;

// The task wire type (GET /tasks/:id, list items, the `task` of task.reminder): the one place
// the server writes it.
namespace TaskJson {

// A task's fields, its object left open (the caller may add comments and must close it).
void writeTask(JsonWriter &w, const Task &t, qint64 now);
void writeComment(JsonWriter &w, const TaskComment &c);
// A whole task object, with its comments when given.
QByteArray taskJson(const Task &t, const QList<TaskComment> *comments = nullptr);
// GET /tasks/:id's body, read from the database.
Result<QByteArray> taskJsonOf(Database &db, qint64 taskId);

}   // namespace TaskJson

}   // namespace Conversa::Server
