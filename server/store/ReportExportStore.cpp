#include "ReportExportStore.h"

#include "Database.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

// Rows (chat_id, tag) ordered by chat and tag, folded into "a|b" per chat.
Result<Ok> collectExportTags(SqlQuery &q, QHash<qint64, QString> &out)
{
    if (!q.exec())
        return q.failure();
    while (q.next()) {
        QString &tags = out[q.integer(0)];
        if (!tags.isEmpty())
            tags += u'|';
        tags += q.string(1);
    }
    return Ok{};
}

}   // namespace

Result<QHash<qint64, QString>> ReportExportStore::openedTags(ConversationScope scope, qint64 id, qint64 from, qint64 to)
{
    QVariantList values;
    const QString where = conversationScopeSql(scope, id, values);
    values << from << to;
    // Along the same indexes as ReportStore::opened, then chat_tags' primary key (chat_id, tag).
    SqlQuery q(m_db,
               u"SELECT t.chat_id, t.tag FROM chats c JOIN chat_tags t ON t.chat_id = c.id WHERE "_s + where +
                   u"c.created_at >= ? AND c.created_at < ? ORDER BY t.chat_id, t.tag"_s,
               values);
    QHash<qint64, QString> out;
    CONVERSA_TRY(collectExportTags(q, out));
    return out;
}

Result<QHash<qint64, QString>> ReportExportStore::tagsOf(const QList<qint64> &chatIds)
{
    QHash<qint64, QString> out;
    constexpr qsizetype kChunk = 500;
    for (qsizetype start = 0; start < chatIds.size(); start += kChunk) {
        const QList<qint64> chunk = chatIds.mid(start, kChunk);
        QVariantList values;
        for (qint64 id : chunk)
            values << id;
        SqlQuery q(m_db,
                   u"SELECT chat_id, tag FROM chat_tags WHERE chat_id IN ("_s + sqlPlaceholders(chunk.size()) +
                       u") ORDER BY chat_id, tag"_s,
                   values);
        CONVERSA_TRY(collectExportTags(q, out));
    }
    return out;
}

Result<QHash<qint64, QString>> ReportExportStore::userNames()
{
    SqlQuery q(m_db, "SELECT id, first_name, last_name FROM users");
    if (!q.exec())
        return q.failure();
    QHash<qint64, QString> out;
    while (q.next()) {
        out.insert(q.integer(0), personName(q.string(1), q.string(2)));
    }
    return out;
}

}   // namespace Conversa::Server
