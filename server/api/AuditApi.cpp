#include "AuditApi.h"

#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "domain/CsvWriter.h"
#include "http/HttpRouter.h"
#include "http/QueryReader.h"
#include "store/AuditStore.h"
#include "store/Database.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

const QStringList &auditFilterNames()
{
    static const QStringList names{u"user_id"_s, u"action"_s,    u"entity_type"_s, u"entity_id"_s,
                                   u"success"_s, u"from_date"_s, u"to_date"_s};
    return names;
}

AuditFilter readAuditFilter(QueryReader &in)
{
    AuditFilter f;
    f.userId = in.id(u"user_id"_s);
    f.action = in.text(u"action"_s);
    f.entityType = in.text(u"entity_type"_s);
    f.entityId = in.id(u"entity_id"_s);
    f.success = in.boolean(u"success"_s);
    f.fromTime = in.time(u"from_date"_s, false);
    f.toTime = in.time(u"to_date"_s, true);
    if (f.fromTime && f.toTime && *f.toTime < *f.fromTime)
        in.fail(u"to_date"_s, QT_TRANSLATE_NOOP("Api", "Must not be earlier than from_date"));
    return f;
}

QJsonValue changesJson(const QString &stored)
{
    if (stored.isEmpty())
        return QJsonValue::Null;
    const QJsonDocument doc = QJsonDocument::fromJson(stored.toUtf8());
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(QJsonValue::Null);
}

void writeItem(JsonWriter &json, const AuditRow &row)
{
    json.beginObject().field("id", row.id).key("user");
    if (row.userId > 0) {
        json.beginObject()
            .field("id", row.userId)
            .stringOrNull("first_name", row.userFirstName)
            .stringOrNull("last_name", row.userLastName)
            .endObject();
    } else {
        json.null();
    }
    json.field("action", row.action).stringOrNull("entity_type", row.entityType).key("entity_id");
    if (row.entityId > 0)
        json.value(row.entityId);
    else
        json.null();
    json.key("changes").json(changesJson(row.changes));
    json.stringOrNull("ip_address", row.ipAddress)
        .stringOrNull("user_agent", row.userAgent)
        .field("success", row.success)
        .timeOrNull("created_at", row.createdAt)
        .endObject();
}

struct CsvExport {
    bool ok = false;
    QByteArray csv;
    qint64 rows = 0;
    bool truncated = false;
};

CsvExport buildCsv(const AuditQuery &query, const AuditFilter &filter, qint64 maxRows)
{
    CsvExport out;
    CsvWriter csv;
    csv.row({u"id"_s, u"created_at"_s, u"user_id"_s, u"user_name"_s, u"action"_s, u"entity_type"_s, u"entity_id"_s,
             u"success"_s, u"ip_address"_s, u"user_agent"_s, u"changes"_s});
    // One row past the cap tells whether the export was cut short.
    const Result<Ok> done = query.forEach(filter, maxRows + 1, 0, [&](const AuditRow &row) {
        if (out.rows == maxRows) {
            out.truncated = true;
            return;
        }
        ++out.rows;
        csv.number(row.id).text(isoTime(row.createdAt));
        if (row.userId > 0)
            csv.number(row.userId).text(QString(row.userFirstName + u' ' + row.userLastName).trimmed());
        else
            csv.empty().empty();
        csv.text(row.action).text(row.entityType);
        if (row.entityId > 0)
            csv.number(row.entityId);
        else
            csv.empty();
        csv.boolean(row.success).text(row.ipAddress).text(row.userAgent).text(row.changes).endRow();
    });
    out.ok = done.ok();
    out.csv = csv.take();
    return out;
}

}   // namespace

AuditApi::AuditApi(Database &db) : m_query(db) {}

void AuditApi::registerRoutes(HttpRouter &router)
{
    // The action names the 401/403 rows the router writes; a successful read is not audited.
    router.get(u"/v1/audit-logs"_s,
               {.permission = Permissions::kAuditRead, .action = u"audit.list"_s, .entityType = u"AuditLog"_s},
               [this](RequestContext &ctx) -> Result<HttpReply> {
                   QueryReader in(ctx);
                   const AuditFilter filter = readAuditFilter(in);
                   const PageRequest page = in.page();
                   if (!in.ok())
                       return in.error();

                   const Result<qint64> total = m_query.count(filter);
                   if (!total)
                       return total.error();
                   JsonWriter json(512 + page.limit * 512);
                   json.beginObject().key("data").beginArray();
                   CONVERSA_TRY(m_query.forEach(filter, page.limit, page.offset(),
                                                [&json](const AuditRow &row) { writeItem(json, row); }));
                   json.endArray();
                   json.pageMeta(page, *total);
                   json.endObject();
                   return HttpReply::json(json.take());
               });

    router.addDeferred(
        "GET", u"/v1/audit-logs/export"_s,
        {.permission = Permissions::kAuditExport,
         .action = u"audit.export"_s,
         .entityType = u"AuditLog"_s,
         .auditRead = true},
        [this](RequestContext &ctx) -> Result<Deferred> {
            QueryReader in(ctx);
            in.csvFormat();
            const AuditFilter filter = readAuditFilter(in);
            if (!in.ok())
                return in.error();
            const QJsonObject given = in.given(auditFilterNames());

            Deferred deferred;
            // Runs on a worker thread with that thread's own connection; it must not touch ctx.
            deferred.work = [this, filter] { return QVariant::fromValue(buildCsv(m_query, filter, kExportMaxRows)); };
            deferred.finish = [this, given](RequestContext &ctx, const QVariant &value) -> Result<HttpReply> {
                const auto result = value.value<CsvExport>();
                if (!result.ok)
                    return ApiError::internal();
                // Audited by the router (auditRead) in this request's transaction, before any byte leaves.
                ctx.audit.changes = {{u"format"_s, u"csv"_s}, {u"filters"_s, given}, {u"rows"_s, result.rows}};
                if (result.truncated)
                    ctx.audit.changes.insert(u"truncated"_s, true);
                return HttpReply::csvDownload("audit-logs", result.csv, result.rows, result.truncated);
            };
            return deferred;
        });
}

}   // namespace Conversa::Server
