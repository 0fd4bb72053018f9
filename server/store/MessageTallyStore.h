#pragma once

#include "core/Result.h"

namespace Conversa::Server {

class Database;

// The message tallies of migration 0029 (docs/REPORTS.md#tallies). On PostgreSQL the triggers
// append every change to message_tally_log, so concurrent writers never queue on one hot tally
// row; fold() moves the log into the tallies. Readers add the log to the tallies, so a fold
// changes no figure. On SQLite the triggers update the tallies themselves and the log stays empty.
class MessageTallyStore {
public:
    explicit MessageTallyStore(Database &db) : m_db(db) {}

    // Folds up to `batch` of the oldest log rows, in one statement; returns how many it moved.
    // Safe on several servers at once: a log row is deleted, and so counted, by one fold only.
    Result<qint64> fold(int batch);
    // Folds until the log is empty (or a fold fails).
    Result<qint64> foldAll(int batch = 20000);

private:
    Database &m_db;
};

}   // namespace Conversa::Server
