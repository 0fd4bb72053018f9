#include "AuditStore.h"

#include "Database.h"

#include <QJsonDocument>
#include <QLoggingCategory>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcAudit, "conversa.server.audit")

using namespace Qt::StringLiterals;

bool AuditStore::isSecretField(const QString &name)
{
    // "code" alone is not here: it names campaign codes; 2FA codes are never put in changes.
    static const QStringList secrets = {u"password"_s,    u"token"_s,     u"secret"_s,  u"backup_codes"_s,
                                        u"backup_code"_s, u"totp_code"_s, u"api_key"_s, u"hash"_s};
    for (const QString &s : secrets) {
        if (name == s || name.endsWith(u'_' + s) || name.startsWith(s + u'_'))
            return true;
    }
    return false;
}

QJsonObject AuditStore::masked(const QJsonObject &changes)
{
    QJsonObject out = changes;
    for (auto it = out.begin(); it != out.end(); ++it) {
        if (isSecretField(it.key())) {
            it.value() = QJsonObject{{u"from"_s, u"***"_s}, {u"to"_s, u"***"_s}};
        } else if (it.value().isObject() && !it.value().toObject().contains(u"from"_s)) {
            it.value() = masked(it.value().toObject());
        }
    }
    return out;
}

QJsonObject AuditStore::change(const QJsonValue &from, const QJsonValue &to)
{
    return {{u"from"_s, from}, {u"to"_s, to}};
}

QJsonObject AuditStore::diff(const QJsonObject &before, const QJsonObject &after)
{
    QJsonObject out;
    for (auto it = after.begin(); it != after.end(); ++it) {
        const QJsonValue old = before.value(it.key());
        if (old != it.value()) {
            out.insert(it.key(), change(old.isUndefined() ? QJsonValue() : old, it.value()));
        }
    }
    return masked(out);
}

void AuditStore::record(const AuditRecord &row)
{
    const QByteArray changes =
        row.changes.isEmpty() ? QByteArray() : QJsonDocument(masked(row.changes)).toJson(QJsonDocument::Compact);
    SqlQuery q(m_db,
               "INSERT INTO audit_logs (user_id, action, entity_type, entity_id, changes, ip_address, "
               "user_agent, success, status_code, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               {nullIfZero(row.userId), row.action, nullIfEmpty(row.entityType), nullIfZero(row.entityId),
                changes.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(QString::fromUtf8(changes)),
                nullIfEmpty(row.ip), nullIfEmpty(row.userAgent), row.success, row.status,
                QString::fromLatin1(row.requestId), nowSeconds()});
    if (!q.exec())
        qCWarning(lcAudit) << "audit row not written for" << row.action << "status" << row.status;
}

}   // namespace Conversa::Server
