#pragma once

#include "core/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Conversa::Server {

class Database;

// One client (the OpenAPI Client schema). Optional texts are empty when unset (stored as NULL).
struct Client {
    qint64 id = 0;
    QString phoneNumber;   // E.164
    QString firstName;
    QString lastName;
    QString email;
    QString company;
    QString city;
    QString country;
    QString address;
    QString leadStatus = QStringLiteral("new");
    int leadScore = 0;
    qint64 ltv = 0;
    int totalPurchases = 0;
    qint64 lastPurchaseAt = 0;
    QString segment;
    QString notes;
    bool isBlocked = false;
    bool optIn = false;
    QJsonObject customFields;
    qint64 lastContactAt = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QStringList tags;        // normalised, sorted
    qint64 totalChats = 0;   // filled by list() and find()
};

struct ClientFilter {
    QString search;   // name, phone, email or company fragment; any case and accents
    QString leadStatus;
    QString segment;
    QString tag;   // normalised
    std::optional<bool> isBlocked;
    int limit = 20;
    qint64 offset = 0;
};

struct ClientPage {
    QList<Client> rows;
    qint64 total = 0;
};

// SQL for the clients aggregate (clients + client_tags). Every write keeps search_text in sync.
class ClientStore {
public:
    explicit ClientStore(Database &db) : m_db(db) {}

    static const QStringList &leadStatuses();
    // A tag as stored: trimmed, inner spaces collapsed, lower case. Empty when the input is blank.
    static QString normalizeTag(const QString &tag);
    // The editable fields (tags included) as the audit log records them; also tells what changed.
    static QJsonObject auditFields(const Client &client);

    // Live clients matching the filter, newest first, with their tags (one query for the page).
    Result<ClientPage> list(const ClientFilter &filter);
    // Every live client matching the filter (limit/offset ignored) in id order, in batches, until
    // `maxRows` were given; tags included.
    Result<Ok> forEach(const ClientFilter &filter, qint64 maxRows, const std::function<void(const Client &)> &visit);

    Result<Client> find(qint64 id);     // 404 when missing or deleted
    Result<Client> fields(qint64 id);   // find() without the tags and chat count: one query
    // Live clients by E.164 number, without tags; looked up in batches.
    Result<QHash<QString, Client>> findByPhones(const QStringList &phones);
    Result<bool> phoneTaken(const QString &phone, qint64 exceptId = 0);

    Result<qint64> insert(const Client &client, qint64 now);   // 409 when the number is taken
    Result<Ok> update(const Client &client, qint64 now);       // every editable column
    Result<Ok> softDelete(qint64 id, qint64 now);

    Result<bool> addTag(qint64 clientId, const QString &tag, qint64 now);   // false: already there
    Result<bool> removeTag(qint64 clientId, const QString &tag);            // false: wasn't there
    Result<Ok> setTags(qint64 clientId, const QStringList &tags, qint64 now);

private:
    Result<Ok> loadTags(QList<Client> &clients);
    Result<Ok> loadChatCounts(QList<Client> &clients);   // one grouped query

    Database &m_db;
};

}   // namespace Conversa::Server
