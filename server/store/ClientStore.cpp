#include "ClientStore.h"

#include "Database.h"
#include "SearchText.h"
#include "core/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

// Large enough to amortise round trips, small enough for any engine's parameter limit.
constexpr qsizetype kBatch = 500;

const char *const kClientColumns =
    "id, phone_number, first_name, last_name, email, company, city, country, address, lead_status, lead_score, "
    "ltv, total_purchases, last_purchase_at, segment, notes, is_blocked, opt_in, custom_fields, last_contact_at, "
    "created_at, updated_at";

Client readClient(const SqlQuery &q)
{
    Client c;
    c.id = q.integer(0);
    c.phoneNumber = q.string(1);
    c.firstName = q.string(2);
    c.lastName = q.string(3);
    c.email = q.string(4);
    c.company = q.string(5);
    c.city = q.string(6);
    c.country = q.string(7);
    c.address = q.string(8);
    c.leadStatus = q.string(9);
    c.leadScore = int(q.integer(10));
    c.ltv = q.integer(11);
    c.totalPurchases = int(q.integer(12));
    c.lastPurchaseAt = q.integer(13);
    c.segment = q.string(14);
    c.notes = q.string(15);
    c.isBlocked = q.boolean(16);
    c.optIn = q.boolean(17);
    c.customFields = QJsonDocument::fromJson(q.string(18).toUtf8()).object();
    c.lastContactAt = q.integer(19);
    c.createdAt = q.integer(20);
    c.updatedAt = q.integer(21);
    return c;
}

QString searchTextOf(const Client &c)
{
    return SearchText::of({c.firstName, c.lastName, c.phoneNumber, c.email, c.company});
}

// Whether a search is looked up in clients_fts (SQLite's trigram index of live clients, migration
// 0011) rather than matched by LIKE on each row; PostgreSQL's planner picks its trigram index itself.
bool searchesIndex(const ClientFilter &f, SqlDialect dialect)
{
    return !f.search.isEmpty() && dialect == SqlDialect::Sqlite && SearchText::trigramSearchable(f.search);
}

// The WHERE conditions (after "deleted_at IS NULL") of a filter and their values. With
// `useSearchIndex`, the search asks clients_fts for its matches (cheap when few match); without,
// each row is tested (cheap while walking to the first page of a frequent term).
QString conditionsOf(const ClientFilter &f, QVariantList &values, bool useSearchIndex = false)
{
    QString sql;
    if (!f.search.isEmpty() && useSearchIndex) {
        sql += u" AND id IN (SELECT rowid FROM clients_fts WHERE clients_fts MATCH ?)"_s;
        values.append(SearchText::ftsPhrase(f.search));
    } else if (!f.search.isEmpty()) {
        sql += u" AND search_text LIKE ? ESCAPE '\\'"_s;
        values.append(SearchText::containsPattern(f.search));
    }
    if (!f.leadStatus.isEmpty()) {
        sql += u" AND lead_status = ?"_s;
        values.append(f.leadStatus);
    }
    if (!f.segment.isEmpty()) {
        sql += u" AND segment = ?"_s;
        values.append(f.segment);
    }
    if (!f.tag.isEmpty()) {
        sql += u" AND EXISTS (SELECT 1 FROM client_tags t WHERE t.client_id = clients.id AND t.tag = ?)"_s;
        values.append(f.tag);
    }
    if (f.isBlocked) {
        sql += u" AND is_blocked = ?"_s;
        values.append(*f.isBlocked);
    }
    return sql;
}

QList<QVariant> clientValues(const Client &c)
{
    return {c.phoneNumber,
            nullIfEmpty(c.firstName),
            nullIfEmpty(c.lastName),
            nullIfEmpty(c.email),
            nullIfEmpty(c.company),
            nullIfEmpty(c.city),
            nullIfEmpty(c.country),
            nullIfEmpty(c.address),
            c.leadStatus,
            c.leadScore,
            c.ltv,
            c.totalPurchases,
            nullIfZero(c.lastPurchaseAt),
            nullIfEmpty(c.segment),
            nullIfEmpty(c.notes),
            c.isBlocked,
            c.optIn,
            QString::fromUtf8(QJsonDocument(c.customFields).toJson(QJsonDocument::Compact)),
            searchTextOf(c)};
}

}   // namespace

const QStringList &ClientStore::leadStatuses()
{
    static const QStringList statuses{u"new"_s,         u"contacted"_s, u"qualified"_s, u"proposal"_s,
                                      u"negotiation"_s, u"won"_s,       u"lost"_s};
    return statuses;
}

QString ClientStore::normalizeTag(const QString &tag)
{
    return tag.simplified().toLower();
}

QJsonObject ClientStore::auditFields(const Client &c)
{
    const auto text = [](const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    return {{u"phone_number"_s, c.phoneNumber},
            {u"first_name"_s, text(c.firstName)},
            {u"last_name"_s, text(c.lastName)},
            {u"email"_s, text(c.email)},
            {u"company"_s, text(c.company)},
            {u"city"_s, text(c.city)},
            {u"country"_s, text(c.country)},
            {u"address"_s, text(c.address)},
            {u"lead_status"_s, c.leadStatus},
            {u"lead_score"_s, c.leadScore},
            {u"ltv"_s, c.ltv},
            {u"total_purchases"_s, c.totalPurchases},
            {u"last_purchase_at"_s, c.lastPurchaseAt ? QJsonValue(isoTime(c.lastPurchaseAt)) : QJsonValue()},
            {u"segment"_s, text(c.segment)},
            {u"notes"_s, text(c.notes)},
            {u"is_blocked"_s, c.isBlocked},
            {u"opt_in"_s, c.optIn},
            {u"custom_fields"_s, c.customFields},
            {u"tags"_s, QJsonArray::fromStringList(c.tags)}};
}

Result<Ok> ClientStore::loadTags(QList<Client> &clients)
{
    QHash<qint64, Client *> byId;
    for (Client &c : clients)
        byId.insert(c.id, &c);
    for (qsizetype from = 0; from < clients.size(); from += kBatch) {
        const qsizetype n = std::min(kBatch, clients.size() - from);
        QVariantList ids;
        ids.reserve(n);
        for (qsizetype i = 0; i < n; ++i)
            ids.append(clients[from + i].id);
        SqlQuery q(m_db,
                   u"SELECT client_id, tag FROM client_tags WHERE client_id IN ("_s + sqlPlaceholders(n) +
                       u") ORDER BY client_id, tag"_s,
                   ids);
        if (!q.exec())
            return q.failure();
        while (q.next()) {
            if (Client *c = byId.value(q.integer(0)))
                c->tags.append(q.string(1));
        }
    }
    return Ok{};
}

Result<Ok> ClientStore::loadChatCounts(QList<Client> &clients)
{
    if (clients.isEmpty())
        return Ok{};
    QHash<qint64, Client *> byId;
    QVariantList ids;
    for (Client &c : clients) {
        byId.insert(c.id, &c);
        ids.append(c.id);
    }
    // Pages and find() are far below kBatch: one query.
    SqlQuery q(m_db,
               u"SELECT client_id, COUNT(*) FROM chats WHERE client_id IN ("_s + sqlPlaceholders(ids.size()) +
                   u") GROUP BY client_id"_s,
               ids);
    if (!q.exec())
        return q.failure();
    while (q.next()) {
        if (Client *c = byId.value(q.integer(0)))
            c->totalChats = q.integer(1);
    }
    return Ok{};
}

Result<ClientPage> ClientStore::list(const ClientFilter &filter)
{
    ClientPage page;
    const bool indexed = searchesIndex(filter, m_db.dialect());
    {
        QVariantList values;
        const bool searchOnly =
            filter.leadStatus.isEmpty() && filter.segment.isEmpty() && filter.tag.isEmpty() && !filter.isBlocked;
        // clients_fts holds exactly the live clients: a search alone is counted in the index.
        const QString sql = indexed && searchOnly
            ? u"SELECT COUNT(*) FROM clients_fts WHERE clients_fts MATCH ?"_s
            : u"SELECT COUNT(*) FROM clients WHERE deleted_at IS NULL"_s + conditionsOf(filter, values, indexed);
        if (indexed && searchOnly)
            values.append(SearchText::ftsPhrase(filter.search));
        const Result<qint64> total = queryInteger(m_db, sql, values);
        if (!total)
            return total.error();
        page.total = *total;
        if (page.total <= filter.offset)
            return page;
    }

    QVariantList values;
    const QString where = u" FROM clients WHERE deleted_at IS NULL"_s +
        conditionsOf(filter, values, indexed && page.total <= SearchText::kIndexedPageMaxMatches);
    values.append(filter.limit);
    values.append(filter.offset);
    SqlQuery q(m_db, u"SELECT "_s + QLatin1StringView(kClientColumns) + where + u" ORDER BY id DESC LIMIT ? OFFSET ?"_s,
               values);
    if (!q.exec())
        return q.failure();
    while (q.next())
        page.rows.append(readClient(q));
    CONVERSA_TRY(loadTags(page.rows));
    CONVERSA_TRY(loadChatCounts(page.rows));
    return page;
}

Result<Ok> ClientStore::forEach(const ClientFilter &filter, qint64 maxRows,
                                const std::function<void(const Client &)> &visit)
{
    QVariantList base;
    const QString conditions = conditionsOf(filter, base);
    const QString sql = u"SELECT "_s + QLatin1StringView(kClientColumns) +
        u" FROM clients WHERE deleted_at IS NULL AND id > ?"_s + conditions + u" ORDER BY id LIMIT ?"_s;
    qint64 afterId = 0;
    qint64 given = 0;
    while (given < maxRows) {
        // Keyset batches: each one a short query, whatever the table size.
        QVariantList values{afterId};
        values.append(base);
        values.append(std::min<qint64>(kBatch, maxRows - given));
        QList<Client> batch;
        {
            SqlQuery q(m_db, sql, values);
            if (!q.exec())
                return q.failure();
            while (q.next())
                batch.append(readClient(q));
        }
        if (batch.isEmpty())
            break;
        CONVERSA_TRY(loadTags(batch));
        for (const Client &c : std::as_const(batch))
            visit(c);
        given += batch.size();
        afterId = batch.last().id;
    }
    return Ok{};
}

Result<Client> ClientStore::fields(qint64 id)
{
    SqlQuery q(m_db,
               u"SELECT "_s + QLatin1StringView(kClientColumns) +
                   u" FROM clients WHERE id = ? AND deleted_at IS NULL"_s,
               {id});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    return readClient(q);
}

Result<Client> ClientStore::find(qint64 id)
{
    Result<Client> client = fields(id);
    if (!client)
        return client.error();
    QList<Client> found{*client};
    CONVERSA_TRY(loadTags(found));
    CONVERSA_TRY(loadChatCounts(found));
    return found.first();
}

Result<QHash<QString, Client>> ClientStore::findByPhones(const QStringList &phones)
{
    QHash<QString, Client> out;
    for (qsizetype from = 0; from < phones.size(); from += kBatch) {
        const qsizetype n = std::min(kBatch, phones.size() - from);
        QVariantList values;
        values.reserve(n);
        for (qsizetype i = 0; i < n; ++i)
            values.append(phones[from + i]);
        SqlQuery q(m_db,
                   u"SELECT "_s + QLatin1StringView(kClientColumns) +
                       u" FROM clients WHERE deleted_at IS NULL AND phone_number IN ("_s + sqlPlaceholders(n) + u")"_s,
                   values);
        if (!q.exec())
            return q.failure();
        while (q.next()) {
            Client c = readClient(q);
            out.insert(c.phoneNumber, std::move(c));
        }
    }
    return out;
}

Result<bool> ClientStore::phoneTaken(const QString &phone, qint64 exceptId)
{
    SqlQuery q(m_db, "SELECT 1 FROM clients WHERE phone_number = ? AND deleted_at IS NULL AND id <> ?",
               {phone, exceptId});
    if (!q.exec())
        return q.failure();
    return q.next();
}

Result<qint64> ClientStore::insert(const Client &c, qint64 now)
{
    QVariantList values = clientValues(c);
    values.append(now);
    values.append(now);
    SqlQuery q(m_db,
               u"INSERT INTO clients (phone_number, first_name, last_name, email, company, city, country, address, "
               "lead_status, lead_score, ltv, total_purchases, last_purchase_at, segment, notes, is_blocked, opt_in, "
               "custom_fields, search_text, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
               values);
    if (!q.exec()) {
        if (q.isUniqueViolation())
            return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A client with this phone number already exists"));
        return q.failure();
    }
    if (!q.next())
        return ApiError::internal();
    return q.integer(0);
}

Result<Ok> ClientStore::update(const Client &c, qint64 now)
{
    QVariantList values = clientValues(c);
    values.append(now);
    values.append(c.id);
    SqlQuery q(m_db,
               u"UPDATE clients SET phone_number = ?, first_name = ?, last_name = ?, email = ?, company = ?, city = ?, "
               "country = ?, address = ?, lead_status = ?, lead_score = ?, ltv = ?, total_purchases = ?, "
               "last_purchase_at = ?, segment = ?, notes = ?, is_blocked = ?, opt_in = ?, custom_fields = ?, "
               "search_text = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL"_s,
               values);
    if (!q.exec()) {
        if (q.isUniqueViolation())
            return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A client with this phone number already exists"));
        return q.failure();
    }
    if (q.numRowsAffected() == 0)
        return ApiError::notFound();
    return Ok{};
}

Result<Ok> ClientStore::softDelete(qint64 id, qint64 now)
{
    SqlQuery q(m_db, "UPDATE clients SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
               {now, now, id});
    if (!q.exec())
        return q.failure();
    if (q.numRowsAffected() == 0)
        return ApiError::notFound();
    return Ok{};
}

Result<bool> ClientStore::addTag(qint64 clientId, const QString &tag, qint64 now)
{
    SqlQuery q(
        m_db,
        "INSERT INTO client_tags (client_id, tag, created_at) VALUES (?, ?, ?) ON CONFLICT (client_id, tag) DO NOTHING",
        {clientId, tag, now});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() > 0;
}

Result<bool> ClientStore::removeTag(qint64 clientId, const QString &tag)
{
    SqlQuery q(m_db, "DELETE FROM client_tags WHERE client_id = ? AND tag = ?", {clientId, tag});
    if (!q.exec())
        return q.failure();
    return q.numRowsAffected() > 0;
}

Result<Ok> ClientStore::setTags(qint64 clientId, const QStringList &tags, qint64 now)
{
    SqlQuery clear(m_db, "DELETE FROM client_tags WHERE client_id = ?", {clientId});
    if (!clear.exec())
        return clear.failure();
    for (const QString &tag : tags)
        CONVERSA_TRY(addTag(clientId, tag, now));
    return Ok{};
}

}   // namespace Conversa::Server
