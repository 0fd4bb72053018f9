#pragma once

#include "core/Actor.h"
#include "core/Result.h"
#include "core/Translator.h"
#include "reports/ReportPeriod.h"

#include <QByteArray>
#include <QString>

namespace Conversa::Server {

class Database;

// One export of a period report (GET /v1/reports/export; docs/REPORTS.md#exports).
struct ReportExportRequest {
    enum class Type { Campaign, Agent, Number, Summary };
    enum class Format { Csv, Xlsx, Pdf };

    Type type = Type::Summary;
    Format format = Format::Csv;
    qint64 id = 0;   // the campaign, agent or number; 0 for the summary
    ReportPeriod period;
    Language language = Language::Spanish;   // titles, headers and figure names
    QString workDir;                         // where the file is written; the system's temporary folder when empty
    qint64 maxRows = 100000;                 // conversation rows listed; the figures always cover them all
};

// Conversation rows a PDF lists at most (a page holds about 40): the CSV and the .xlsx list them all.
inline constexpr qint64 kPdfExportMaxRows = 2000;

struct ReportExportFile {
    QString path;   // the finished file in the request's workDir: the caller sends it and deletes it
    QByteArray contentType;
    QByteArray fileName;   // report-campaign-3-2026-11-02-2026-11-03.csv
    qint64 rows = 0;       // conversation rows listed
    bool truncated = false;
};

// Writes a period report as a file: the JSON report's figures exactly as ReportService gives
// them (its text, flattened: a summary of figures, then its daily and per-campaign tables), and
// one row per conversation the report counted, handed over by ReportService while it tallies
// them, each measured by ReportTally's measure(). Nothing is computed twice or another way.
//
// A PDF (ReportPdf) shows the same figures: a heading, three charts drawn from the daily table
// and the outcomes, the summary, the daily table and at most kPdfExportMaxRows conversations.
//
// Runs on a worker thread. The conversations go straight into the file as the store streams them
// (an XLSX in libxlsxwriter's constant-memory mode, one row in memory; a CSV into its own
// buffer); the figures follow once the report is done. The file comes back whole, because the
// router answers a body, not a stream.
class ReportExporter {
public:
    explicit ReportExporter(Database &db) : m_db(db) {}

    Result<ReportExportFile> run(const Actor &actor, const ReportExportRequest &request, qint64 now);

    static QString typeName(ReportExportRequest::Type type);         // campaign, agent, whatsapp_number, summary
    static QString formatName(ReportExportRequest::Format format);   // csv, xlsx, pdf

private:
    Database &m_db;
};

}   // namespace Conversa::Server
