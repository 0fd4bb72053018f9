#pragma once

#include "core/Result.h"

#include <QJsonObject>

namespace Conversa::Server {

class Database;

// One audit row as written: who did what to which entity, from where, and how it ended.
struct AuditRecord {
    qint64 userId = 0;
    QString action;
    QString entityType;
    qint64 entityId = 0;
    QJsonObject changes;
    QString ip;
    QString userAgent;
    QByteArray requestId;
    bool success = true;
    int status = 200;
};

// The audit log (docs/API.md#audit): one row per mutating or refused request, never updated.
class AuditStore {
public:
    explicit AuditStore(Database &db) : m_db(db) {}

    // Called by the router inside the request's transaction (or its own, for failures).
    void record(const AuditRecord &row);

    // One field's change as the audit log keeps it: {"from": from, "to": to}.
    static QJsonObject change(const QJsonValue &from, const QJsonValue &to);
    // {"field": {"from": a, "to": b}} for the fields that differ; secrets masked.
    static QJsonObject diff(const QJsonObject &before, const QJsonObject &after);
    static QJsonObject masked(const QJsonObject &changes);
    static bool isSecretField(const QString &name);

private:
    Database &m_db;
};

}   // namespace Conversa::Server
