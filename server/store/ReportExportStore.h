#pragma once

#include "ReportStore.h"
#include "core/Result.h"

#include <QHash>
#include <QList>
#include <QString>

namespace Conversa::Server {

class Database;

// What a report export reads besides the report itself (docs/REPORTS.md#exports): the chats' tags
// and the staff's names. Each is read in one go before or after the report's conversations stream
// (ReportStore::opened), never in the middle: on PostgreSQL a second query on the connection would
// discard the rows the stream has not read yet.
class ReportExportStore {
public:
    explicit ReportExportStore(Database &db) : m_db(db) {}

    // The tags of the conversations opened in [from, to) in the scope, joined with '|' in
    // alphabetical order, by chat id; chats without tags are left out.
    Result<QHash<qint64, QString>> openedTags(ConversationScope scope, qint64 id, qint64 from, qint64 to);
    // The same for the given chats.
    Result<QHash<qint64, QString>> tagsOf(const QList<qint64> &chatIds);
    // Every user's "first last" by id, deleted ones included (a closed chat keeps its agent).
    Result<QHash<qint64, QString>> userNames();

private:
    Database &m_db;
};

}   // namespace Conversa::Server
