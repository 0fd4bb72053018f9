#pragma once

#include "http/Result.h"

#include <QJsonObject>

class Database;
class RequestContext;

// The audit log (docs/API.md#audit): one row per mutating or refused request, never updated.
class AuditStore {
public:
    explicit AuditStore(Database &db) : m_db(db) {}

    // Called by the router inside the request's transaction (or its own, for failures).
    void record(const RequestContext &ctx, bool success, int status);

    // {"field": {"from": a, "to": b}} for the fields that differ; secrets masked.
    static QJsonObject diff(const QJsonObject &before, const QJsonObject &after);
    static QJsonObject masked(const QJsonObject &changes);
    static bool isSecretField(const QString &name);

private:
    Database &m_db;
};
