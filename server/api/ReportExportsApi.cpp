#include "ReportExportsApi.h"

#include "config/ServerConfig.h"
#include "core/Clock.h"
#include "core/Permissions.h"
#include "domain/ReportExporter.h"
#include "http/ActorOf.h"
#include "http/QueryReader.h"

#include <QDir>
#include <QLoggingCategory>

#include <memory>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

using ExportType = ReportExportRequest::Type;
using ExportFormat = ReportExportRequest::Format;

// The finished file, deleted with the last copy of the outcome unless the reply took it over
// (the client may be gone before the answer, and then no reply is made).
struct ExportFileGuard {
    QString path;
    ~ExportFileGuard()
    {
        if (!path.isEmpty())
            QFile::remove(path);
    }
};

// What the worker hands back to the request's thread.
struct ReportExportOutcome {
    std::optional<ApiError> error;
    ReportExportFile file;
    std::shared_ptr<ExportFileGuard> guard;
};

const QStringList &reportExportTypes()
{
    static const QStringList names{u"campaign"_s, u"agent"_s, u"whatsapp_number"_s, u"summary"_s};
    return names;
}

// The seed's names (pdf, excel, csv) and xlsx, the file's own, for excel.
const QStringList &reportExportFormats()
{
    static const QStringList names{u"csv"_s, u"excel"_s, u"xlsx"_s, u"pdf"_s};
    return names;
}

// Everything an export reads from the query string, named in its audit row as given.
const QStringList &reportExportParameters()
{
    static const QStringList
        names{u"type"_s,      u"format"_s,  u"campaign_id"_s, u"agent_id"_s,   u"whatsapp_number_id"_s,
              u"from_date"_s, u"to_date"_s, u"timezone"_s,    u"granularity"_s};
    return names;
}

}   // namespace

ReportExportsApi::ReportExportsApi(Database &db, const ServerConfig &config) : m_db(db), m_config(config) {}

void ReportExportsApi::registerRoutes(HttpRouter &router)
{
    router.addDeferred("GET", u"/v1/reports/export"_s,
                       {.permission = Permissions::kReportsExport,
                        .action = u"report.export"_s,
                        .entityType = u"Report"_s,
                        .auditRead = true},
                       [this](RequestContext &ctx) { return exportReport(ctx); });
}

Result<Deferred> ReportExportsApi::exportReport(RequestContext &ctx)
{
    QueryReader in(ctx);
    ReportExportRequest request;

    // type: required, one of four; the id its type names, required for that type.
    const QString type = in.oneOf(u"type"_s, reportExportTypes());
    if (type.isEmpty() && ctx.queryValue(u"type"_s).trimmed().isEmpty())
        in.fail(u"type"_s, QT_TRANSLATE_NOOP("Api", "This field is required"));
    request.type = type == "campaign"_L1 ? ExportType::Campaign
        : type == "agent"_L1             ? ExportType::Agent
        : type == "whatsapp_number"_L1   ? ExportType::Number
                                         : ExportType::Summary;
    if (!type.isEmpty() && request.type != ExportType::Summary) {
        const QString idName = type + u"_id"_s;
        const bool given = !ctx.queryValue(idName).trimmed().isEmpty();
        request.id = in.id(idName);
        if (!given)
            in.fail(idName, QT_TRANSLATE_NOOP("Api", "This field is required"));
    }

    // format: csv when absent; excel and xlsx are the same file.
    const QString format = in.oneOf(u"format"_s, reportExportFormats());
    request.format = format == "excel"_L1 || format == "xlsx"_L1 ? ExportFormat::Xlsx
        : format == "pdf"_L1                                     ? ExportFormat::Pdf
                                                                 : ExportFormat::Csv;

    Result<ReportPeriod> period = ReportPeriod::parse(ctx.query);
    if (!period) {
        for (const FieldError &e : period.error().details())
            in.fail(e.field, e.message, e.args);
    }
    if (!in.ok())
        return in.error();
    request.period = std::move(*period);
    request.language = ctx.language;
    request.workDir = QDir(m_config.dataDir).filePath(u"tmp"_s);
    request.maxRows = kExportMaxRows;
    const QJsonObject given = in.given(reportExportParameters());

    // The caller's permissions, copied: the worker must not lean on the request or the role cache.
    auto permissions =
        std::make_shared<const QSet<QString>>(ctx.user->permissions ? *ctx.user->permissions : QSet<QString>());
    const Actor caller = actorOf(*ctx.user);

    Deferred deferred;
    deferred.work = [this, request, permissions, caller] {
        Actor actor = caller;
        actor.permissions = permissions.get();
        ReportExportOutcome out;
        if (!QDir().mkpath(request.workDir)) {
            out.error = ApiError::internal();
            return QVariant::fromValue(out);
        }
        Result<ReportExportFile> file = ReportExporter(m_db).run(actor, request, nowSeconds());
        if (file) {
            out.file = std::move(*file);
            out.guard = std::make_shared<ExportFileGuard>();
            out.guard->path = out.file.path;
        } else
            out.error = file.error();
        return QVariant::fromValue(out);
    };
    deferred.finish = [request, given](RequestContext &ctx, const QVariant &value) -> Result<HttpReply> {
        const auto out = value.value<ReportExportOutcome>();
        if (out.error)
            return *out.error;
        // Audited by the router (auditRead) in this request's transaction, before any byte leaves.
        ctx.audit.entityId = request.id;
        ctx.audit.changes = {{u"type"_s, ReportExporter::typeName(request.type)},
                             {u"format"_s, ReportExporter::formatName(request.format)},
                             {u"id"_s, request.id > 0 ? QJsonValue(request.id) : QJsonValue()},
                             {u"period"_s,
                              QJsonObject{{u"from"_s, request.period.isoFrom()},
                                          {u"to"_s, request.period.isoTo()},
                                          {u"timezone"_s, request.period.timeZone()},
                                          {u"granularity"_s, request.period.granularity()}}},
                             {u"parameters"_s, given},
                             {u"rows"_s, out.file.rows}};
        if (out.file.truncated)
            ctx.audit.changes.insert(u"truncated"_s, true);
        // Streamed from disk as the client reads, then deleted by the router (docs/REPORTS.md#exports).
        HttpReply reply =
            HttpReply::file(out.file.path, out.file.contentType, QString::fromLatin1(out.file.fileName), true);
        out.guard->path.clear();
        reply.withHeader("X-Export-Rows", QByteArray::number(out.file.rows));
        if (out.file.truncated)
            reply.withHeader("X-Export-Truncated", "true");
        return reply;
    };
    return deferred;
}

}   // namespace Conversa::Server
