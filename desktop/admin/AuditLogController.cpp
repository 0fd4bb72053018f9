#include "AuditLogController.h"

#include "AppContext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using Conversa::ApiResult;

namespace {

// A value as the detail shows it: text as it is, anything else as its JSON.
QString valueText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: return QCoreApplication::translate("AuditLogController", "(empty)");
    case QJsonValue::String: return v.toString();
    case QJsonValue::Bool: return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: return QString::number(v.toDouble());
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

}   // namespace

AuditLogController::AuditLogController(QObject *parent) : ResourceController(u"/v1/audit-logs"_s, {}, parent)
{
    model()->setPageSize(50);
}

void AuditLogController::appReady()
{
    if (!can(u"users.read"_s))
        return;
    app()->api().getResource(u"/v1/users"_s, {{u"limit"_s, u"100"_s}}, this, [this](const ApiResult<QJsonObject> &r) {
        if (!r)
            return;
        m_users.clear();
        for (const QJsonValue &v : r->value(u"data"_s).toArray()) {
            const QJsonObject u = v.toObject();
            const QString name =
                QString(u.value(u"first_name"_s).toString() + u' ' + u.value(u"last_name"_s).toString()).trimmed();
            m_users.append(QVariantMap{{u"id"_s, u.value(u"id"_s).toInteger()},
                                       {u"name"_s, name.isEmpty() ? u.value(u"email"_s).toString() : name}});
        }
        std::sort(m_users.begin(), m_users.end(), [](const QVariant &a, const QVariant &b) {
            return a.toMap().value(u"name"_s).toString().localeAwareCompare(b.toMap().value(u"name"_s).toString()) < 0;
        });
        emit usersChanged();
    });
}

QVariantList AuditLogController::changeRows(const QJsonValue &changes)
{
    QVariantList rows;
    const QJsonObject all = changes.toObject();
    for (auto it = all.begin(); it != all.end(); ++it) {   // QJsonObject keeps its keys sorted
        const QJsonObject change = it.value().toObject();
        const bool pair =
            it.value().isObject() && (change.contains(u"from"_s) || change.contains(u"to"_s)) && change.size() <= 2;
        rows.append(QVariantMap{{u"field"_s, it.key()},
                                {u"from"_s, pair ? valueText(change.value(u"from"_s)) : QString()},
                                {u"to"_s, pair ? valueText(change.value(u"to"_s)) : valueText(it.value())},
                                {u"pair"_s, pair}});
    }
    return rows;
}

void AuditLogController::show(int row)
{
    clearMessages();
    setItem(QJsonObject::fromVariantMap(model()->get(row)));
}

void AuditLogController::exportTo(const QUrl &file)
{
    if (!app())
        return;
    const QString path = FileDownload::localPath(file);
    QList<QPair<QString, QString>> query{{u"format"_s, u"csv"_s}};
    const QVariantMap filters = model()->filters();
    for (auto it = filters.cbegin(); it != filters.cend(); ++it)
        query.append({it.key(), it.value().toString()});
    setMessages({}, tr("Exporting…"));
    m_download.start(*app(), u"/v1/audit-logs/export"_s, query, path,
                     [this, path](const Conversa::ApiResponse *answer, const QString &error) {
                         if (!error.isEmpty())
                             return setMessages(error, {});
                         const int rows = answer->header("X-Export-Rows").toInt();
                         const QString count = QString::number(rows);
                         setMessages({},
                                     answer->header("X-Export-Truncated") == "true"
                                         ? tr("Exported to %1 (rows: %2, the server's limit: narrow the dates "
                                              "for the rest)")
                                               .arg(path, count)
                                         : tr("Exported to %1 (rows: %2)").arg(path, count));
                         emit exported(path, rows);
                     });
}
