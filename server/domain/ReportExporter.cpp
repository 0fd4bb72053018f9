#include "ReportExporter.h"

#include "CsvWriter.h"
#include "ReportPdf.h"
#include "ReportService.h"
#include "core/JsonWriter.h"
#include "reports/ReportTally.h"
#include "store/ReportExportStore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>
#include <QTemporaryFile>
#include <QTimeZone>

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>
#include <memory>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcReportExport, "conversa.server.reports.export")

namespace {

// ---------------------------------------------------------------------------------------------
// The JSON report, flattened in the order it was written: its objects become dotted figures
// ("metrics.satisfaction.avg_rating"), its top-level arrays tables whose rows are flattened the
// same way ("daily": date, hour, from, to, total_chats, …). QJsonObject would sort the keys.

struct ExportFigure {
    QString key;
    QJsonValue value;
};

struct ExportTable {
    QString key;
    QList<QList<ExportFigure>> rows;
};

struct ExportReport {
    QList<ExportFigure> figures;
    QList<ExportTable> tables;
};

class ExportJsonReader {
public:
    explicit ExportJsonReader(const QByteArray &json) : m_s(json) {}

    bool read(ExportReport &out)
    {
        space();
        if (!take('{'))
            return false;
        space();
        if (take('}'))
            return true;
        for (;;) {
            QString key;
            if (!string(key))
                return false;
            space();
            if (!take(':'))
                return false;
            space();
            if (peek() == '[') {
                ExportTable table{key, {}};
                if (!array(table))
                    return false;
                out.tables.append(std::move(table));
            } else if (!member(key, out.figures)) {
                return false;
            }
            space();
            if (take(',')) {
                space();
                continue;
            }
            return take('}');
        }
    }

private:
    char peek() const { return m_i < m_s.size() ? m_s.at(m_i) : '\0'; }
    bool take(char c)
    {
        if (peek() != c)
            return false;
        ++m_i;
        return true;
    }
    void space()
    {
        while (m_i < m_s.size() &&
               (m_s.at(m_i) == ' ' || m_s.at(m_i) == '\n' || m_s.at(m_i) == '\r' || m_s.at(m_i) == '\t'))
            ++m_i;
    }
    // One JSON scalar between [start, m_i), decoded by Qt.
    static QJsonValue decode(const QByteArray &token)
    {
        return QJsonDocument::fromJson('[' + token + ']').array().at(0);
    }
    bool skipString()
    {
        if (!take('"'))
            return false;
        while (m_i < m_s.size()) {
            const char c = m_s.at(m_i++);
            if (c == '\\')
                ++m_i;
            else if (c == '"')
                return true;
        }
        return false;
    }
    bool string(QString &out)
    {
        const qsizetype start = m_i;
        if (!skipString())
            return false;
        out = decode(m_s.sliced(start, m_i - start)).toString();
        return true;
    }
    // Any value, skipped (an array inside a figure is kept as its JSON text).
    bool skipValue()
    {
        if (peek() == '"')
            return skipString();
        if (peek() == '{' || peek() == '[') {
            int depth = 0;
            while (m_i < m_s.size()) {
                const char c = peek();
                if (c == '"') {
                    if (!skipString())
                        return false;
                    continue;
                }
                ++m_i;
                if (c == '{' || c == '[')
                    ++depth;
                else if ((c == '}' || c == ']') && --depth == 0)
                    return true;
            }
            return false;
        }
        const qsizetype start = m_i;
        while (m_i < m_s.size() && !std::strchr(",}] \t\r\n", m_s.at(m_i)))
            ++m_i;
        return m_i > start;
    }
    bool member(const QString &path, QList<ExportFigure> &out)
    {
        if (take('{')) {
            space();
            if (take('}'))
                return true;
            for (;;) {
                QString key;
                if (!string(key))
                    return false;
                space();
                if (!take(':'))
                    return false;
                space();
                if (!member(path.isEmpty() ? key : path + u'.' + key, out))
                    return false;
                space();
                if (take(',')) {
                    space();
                    continue;
                }
                return take('}');
            }
        }
        const qsizetype start = m_i;
        const bool isArray = peek() == '[';
        if (!skipValue())
            return false;
        const QByteArray token = m_s.sliced(start, m_i - start);
        out.append({path, isArray ? QJsonValue(QString::fromUtf8(token)) : decode(token)});
        return true;
    }
    bool array(ExportTable &table)
    {
        if (!take('['))
            return false;
        space();
        if (take(']'))
            return true;
        for (;;) {
            QList<ExportFigure> row;
            if (!member(QString(), row))
                return false;
            table.rows.append(std::move(row));
            space();
            if (take(',')) {
                space();
                continue;
            }
            return take(']');
        }
    }

    const QByteArray &m_s;
    qsizetype m_i = 0;
};

// A table's columns: every key of its rows, a key first seen in a later row placed after the key
// before it in that row (an outcome only the second day had goes with the other outcomes).
QStringList exportColumns(const ExportTable &table)
{
    QStringList columns;
    QSet<QString> seen;
    for (const QList<ExportFigure> &row : table.rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            const QString &key = row.at(i).key;
            if (seen.contains(key))
                continue;
            seen.insert(key);
            const qsizetype after = i > 0 ? columns.indexOf(row.at(i - 1).key) : -1;
            columns.insert(after + 1, key);
        }
    }
    return columns;
}

// ---------------------------------------------------------------------------------------------
// Names people read: the figures' and the columns', in the request's language.

struct ExportLabel {
    const char *key;
    const char *label;
};

const ExportLabel kExportLabels[] = {
    // heading
    {"report", QT_TRANSLATE_NOOP("Export", "Report")},
    {"exported_at", QT_TRANSLATE_NOOP("Export", "Exported at (UTC)")},
    {"conversation_rows", QT_TRANSLATE_NOOP("Export", "Conversations listed")},
    {"truncated", QT_TRANSLATE_NOOP("Export", "List cut short")},
    {"campaign.id", QT_TRANSLATE_NOOP("Export", "Campaign id")},
    {"campaign.name", QT_TRANSLATE_NOOP("Export", "Campaign")},
    {"agent.id", QT_TRANSLATE_NOOP("Export", "Agent id")},
    {"agent.first_name", QT_TRANSLATE_NOOP("Export", "First name")},
    {"agent.last_name", QT_TRANSLATE_NOOP("Export", "Last name")},
    {"whatsapp_number.id", QT_TRANSLATE_NOOP("Export", "WhatsApp number id")},
    {"whatsapp_number.phone_number", QT_TRANSLATE_NOOP("Export", "Phone number")},
    {"whatsapp_number.display_name", QT_TRANSLATE_NOOP("Export", "Display name")},
    {"period.from", QT_TRANSLATE_NOOP("Export", "From")},
    {"period.to", QT_TRANSLATE_NOOP("Export", "To")},
    {"period.timezone", QT_TRANSLATE_NOOP("Export", "Time zone")},
    {"granularity", QT_TRANSLATE_NOOP("Export", "Granularity")},
    // table headings
    {"date", QT_TRANSLATE_NOOP("Export", "Date")},
    {"hour", QT_TRANSLATE_NOOP("Export", "Hour")},
    {"from", QT_TRANSLATE_NOOP("Export", "From (UTC)")},
    {"to", QT_TRANSLATE_NOOP("Export", "To (UTC)")},
    {"id", QT_TRANSLATE_NOOP("Export", "Id")},
    {"name", QT_TRANSLATE_NOOP("Export", "Name")},
    // conversation figures
    {"total_chats", QT_TRANSLATE_NOOP("Export", "Total conversations")},
    {"chats_handled", QT_TRANSLATE_NOOP("Export", "Conversations handled")},
    {"chats_abandoned", QT_TRANSLATE_NOOP("Export", "Conversations abandoned")},
    {"chats_closed", QT_TRANSLATE_NOOP("Export", "Conversations closed")},
    {"avg_wait_time_seconds", QT_TRANSLATE_NOOP("Export", "Average wait (s)")},
    {"wait_time_sample", QT_TRANSLATE_NOOP("Export", "Waits measured")},
    {"avg_first_response_time_seconds", QT_TRANSLATE_NOOP("Export", "Average first response time (s)")},
    {"first_response_sample", QT_TRANSLATE_NOOP("Export", "First responses measured")},
    {"avg_handling_time_seconds", QT_TRANSLATE_NOOP("Export", "Average handling time (s)")},
    {"handling_time_sample", QT_TRANSLATE_NOOP("Export", "Handling times measured")},
    {"sla_first_response_compliance", QT_TRANSLATE_NOOP("Export", "First-response SLA compliance (%)")},
    {"sla_first_response_sample", QT_TRANSLATE_NOOP("Export", "First responses checked against the SLA")},
    {"sla_resolution_compliance", QT_TRANSLATE_NOOP("Export", "Resolution SLA compliance (%)")},
    {"sla_resolution_sample", QT_TRANSLATE_NOOP("Export", "Resolutions checked against the SLA")},
    {"total_messages", QT_TRANSLATE_NOOP("Export", "Messages")},
    {"avg_messages_per_chat", QT_TRANSLATE_NOOP("Export", "Messages per conversation")},
    {"satisfaction.avg_rating", QT_TRANSLATE_NOOP("Export", "Average CSAT")},
    {"satisfaction.total_ratings", QT_TRANSLATE_NOOP("Export", "CSAT answers")},
    {"total_revenue", QT_TRANSLATE_NOOP("Export", "Revenue")},
    {"bot.resolved_by_bot", QT_TRANSLATE_NOOP("Export", "Resolved by the bot")},
    {"bot.handed_over_by_bot", QT_TRANSLATE_NOOP("Export", "Handed over by the bot")},
    {"bot.still_in_bot", QT_TRANSLATE_NOOP("Export", "Still in the bot")},
    {"bot.handled_by_agents", QT_TRANSLATE_NOOP("Export", "Handled by agents")},
    // agent figures
    {"chats_transferred", QT_TRANSLATE_NOOP("Export", "Conversations transferred")},
    {"messages_sent", QT_TRANSLATE_NOOP("Export", "Messages sent")},
    {"chats_per_hour", QT_TRANSLATE_NOOP("Export", "Conversations per hour")},
    {"sla_compliance", QT_TRANSLATE_NOOP("Export", "SLA compliance (%)")},
    {"sla_sample", QT_TRANSLATE_NOOP("Export", "First responses checked against the SLA")},
    {"avg_csat_score", QT_TRANSLATE_NOOP("Export", "Average CSAT")},
    {"csat_sample", QT_TRANSLATE_NOOP("Export", "CSAT answers")},
    {"revenue_generated", QT_TRANSLATE_NOOP("Export", "Revenue")},
    {"time_breakdown.available_seconds", QT_TRANSLATE_NOOP("Export", "Available (s)")},
    {"time_breakdown.busy_seconds", QT_TRANSLATE_NOOP("Export", "Busy (s)")},
    {"time_breakdown.paused_seconds", QT_TRANSLATE_NOOP("Export", "Paused (s)")},
    {"time_breakdown.offline_seconds", QT_TRANSLATE_NOOP("Export", "Offline (s)")},
    // number figures
    {"messages_received", QT_TRANSLATE_NOOP("Export", "Messages received")},
    {"messages_failed", QT_TRANSLATE_NOOP("Export", "Messages failed")},
    {"messages_pending", QT_TRANSLATE_NOOP("Export", "Messages pending")},
    {"delivery_rate", QT_TRANSLATE_NOOP("Export", "Delivery rate (%)")},
    {"delivery_rate_sample", QT_TRANSLATE_NOOP("Export", "Messages sent, for the delivery rate")},
    {"read_rate", QT_TRANSLATE_NOOP("Export", "Read rate (%)")},
    {"read_rate_sample", QT_TRANSLATE_NOOP("Export", "Messages sent, for the read rate")},
    {"median_delivery_time_seconds", QT_TRANSLATE_NOOP("Export", "Median delivery time (s)")},
    {"median_delivery_sample", QT_TRANSLATE_NOOP("Export", "Deliveries measured")},
    {"chats_opened", QT_TRANSLATE_NOOP("Export", "Conversations opened")},
    {"connection.uptime_seconds", QT_TRANSLATE_NOOP("Export", "Connected (s)")},
    {"connection.uptime_percent", QT_TRANSLATE_NOOP("Export", "Uptime (%)")},
    {"connection.measured_seconds", QT_TRANSLATE_NOOP("Export", "Connection measured (s)")},
    {"connection.disconnects", QT_TRANSLATE_NOOP("Export", "Disconnects")},
};

QString exportText(Language language, const char *source, const QStringList &args = {})
{
    return translated(language, "Export", source, args);
}

// A figure's or a column's name; the key itself for one this list does not know yet.
QString exportLabel(Language language, const QString &key)
{
    QStringView k(key);
    if (k.startsWith(u"metrics."))
        k = k.sliced(8);
    if (k.startsWith(u"conversations."))   // the number report's conversation figures
        k = k.sliced(14);
    for (const ExportLabel &l : kExportLabels) {
        if (k == QLatin1StringView(l.key))
            return exportText(language, l.label);
    }
    if (k.startsWith(u"outcomes."))
        return exportText(language, QT_TRANSLATE_NOOP("Export", "Outcome: %1"), {k.sliced(9).toString()});
    if (k.startsWith(u"satisfaction.rating_distribution."))
        return exportText(language, QT_TRANSLATE_NOOP("Export", "CSAT answers of %1"), {k.sliced(33).toString()});
    return key;
}

QString exportTableTitle(Language language, const QString &key, const QString &granularity)
{
    if (key == "daily"_L1) {
        return granularity == "hour"_L1 ? exportText(language, QT_TRANSLATE_NOOP("Export", "Hourly"))
                                        : exportText(language, QT_TRANSLATE_NOOP("Export", "Daily"));
    }
    if (key == "campaigns"_L1)
        return exportText(language, QT_TRANSLATE_NOOP("Export", "Campaigns"));
    return key;
}

// ---------------------------------------------------------------------------------------------
// Cells, typed so that a spreadsheet keeps numbers, money and times as such.

struct ExportCell {
    enum class Kind { Empty, Text, Integer, Decimal, Money, Time, Day };
    Kind kind = Kind::Empty;
    QString text;
    double number = 0;
    qint64 time = 0;   // epoch seconds
    QDate day;

    static ExportCell empty() { return {}; }
    static ExportCell ofText(const QString &s) { return {Kind::Text, s, 0, 0, {}}; }
    static ExportCell ofInteger(qint64 n) { return {Kind::Integer, {}, double(n), 0, {}}; }
    static ExportCell ofMoney(qint64 n) { return {Kind::Money, {}, double(n), 0, {}}; }
    static ExportCell ofTime(qint64 t) { return t > 0 ? ExportCell{Kind::Time, {}, 0, t, {}} : empty(); }
    static ExportCell ofSeconds(const std::optional<qint64> &s) { return s ? ofInteger(*s) : empty(); }
    // A JSON figure: numbers as numbers (whole ones as integers), null as nothing.
    static ExportCell ofJson(const QJsonValue &v)
    {
        switch (v.type()) {
        case QJsonValue::Double: {
            const double d = v.toDouble();
            if (std::trunc(d) == d && std::abs(d) < 9007199254740992.0)
                return ofInteger(qint64(d));
            return {Kind::Decimal, {}, d, 0, {}};
        }
        case QJsonValue::String: return ofText(v.toString());
        case QJsonValue::Bool: return ofText(v.toBool() ? u"true"_s : u"false"_s);
        default: return empty();
        }
    }
};

using ExportRow = QList<ExportCell>;

// One conversation as a row, by the same measures as the report's figures (measure()).
struct ExportConversation {
    const ConversationFacts &facts;
    const ConversationMeasures &measures;
    const QHash<qint64, QString> &names;
    const QHash<qint64, QString> &tags;
};

struct ExportColumn {
    const char *label;
    ExportCell (*cell)(const ExportConversation &);
};

const ExportColumn kExportConversationColumns[] = {
    {QT_TRANSLATE_NOOP("Export", "Conversation"),
     [](const ExportConversation &c) { return ExportCell::ofInteger(c.facts.chatId); }},
    {QT_TRANSLATE_NOOP("Export", "Client"),
     [](const ExportConversation &c) { return ExportCell::ofText(c.facts.clientName); }},
    {QT_TRANSLATE_NOOP("Export", "Phone"),
     [](const ExportConversation &c) { return ExportCell::ofText(c.facts.clientPhone); }},
    {QT_TRANSLATE_NOOP("Export", "Agent"),
     [](const ExportConversation &c) { return ExportCell::ofText(c.facts.agentName); }},
    // Who gave the first response, when not the agent of the previous column (a transfer).
    {QT_TRANSLATE_NOOP("Export", "First response by"),
     [](const ExportConversation &c) {
         const qint64 by = c.facts.firstResponseAgentId;
         return by > 0 && by != c.facts.agentId ? ExportCell::ofText(c.names.value(by)) : ExportCell::empty();
     }},
    {QT_TRANSLATE_NOOP("Export", "Campaign"),
     [](const ExportConversation &c) { return ExportCell::ofText(c.facts.campaignName); }},
    {QT_TRANSLATE_NOOP("Export", "Status"),
     [](const ExportConversation &c) { return ExportCell::ofText(c.facts.status); }},
    {QT_TRANSLATE_NOOP("Export", "Opened"),
     [](const ExportConversation &c) { return ExportCell::ofTime(c.facts.openedAt); }},
    {QT_TRANSLATE_NOOP("Export", "First response"),
     [](const ExportConversation &c) { return ExportCell::ofTime(c.facts.firstResponseAt); }},
    {QT_TRANSLATE_NOOP("Export", "Closed"),
     [](const ExportConversation &c) { return ExportCell::ofTime(c.facts.closedAt); }},
    {QT_TRANSLATE_NOOP("Export", "Wait (s)"),
     [](const ExportConversation &c) { return ExportCell::ofSeconds(c.measures.waitSeconds); }},
    {QT_TRANSLATE_NOOP("Export", "First response time (s)"),
     [](const ExportConversation &c) { return ExportCell::ofSeconds(c.measures.firstResponseSeconds); }},
    {QT_TRANSLATE_NOOP("Export", "Handling time (s)"),
     [](const ExportConversation &c) { return ExportCell::ofSeconds(c.measures.handlingSeconds); }},
    {QT_TRANSLATE_NOOP("Export", "Outcome"),
     [](const ExportConversation &c) { return ExportCell::ofText(c.facts.outcome); }},
    {QT_TRANSLATE_NOOP("Export", "Value"),
     [](const ExportConversation &c) {
         return c.facts.outcomeValue ? ExportCell::ofMoney(*c.facts.outcomeValue) : ExportCell::empty();
     }},
    {QT_TRANSLATE_NOOP("Export", "CSAT"),
     [](const ExportConversation &c) {
         return c.facts.csatScore >= 1 && c.facts.csatScore <= 5 ? ExportCell::ofInteger(c.facts.csatScore)
                                                                 : ExportCell::empty();
     }},
    {QT_TRANSLATE_NOOP("Export", "Bot or human"),
     [](const ExportConversation &c) { return ExportCell::ofText(pathName(c.measures.path)); }},
    {QT_TRANSLATE_NOOP("Export", "Messages"),
     [](const ExportConversation &c) { return ExportCell::ofInteger(c.facts.messageCount); }},
    {QT_TRANSLATE_NOOP("Export", "Tags"),
     [](const ExportConversation &c) { return ExportCell::ofText(c.tags.value(c.facts.chatId)); }},
};

ExportRow exportConversationRow(const ConversationFacts &facts, const QHash<qint64, QString> &names,
                                const QHash<qint64, QString> &tags)
{
    const ConversationMeasures measures = measure(facts);
    const ExportConversation conversation{facts, measures, names, tags};
    ExportRow row;
    row.reserve(std::size(kExportConversationColumns));
    for (const ExportColumn &column : kExportConversationColumns)
        row.append(column.cell(conversation));
    return row;
}

// ---------------------------------------------------------------------------------------------
// The two file formats behind one interface: the conversations first, as they stream, then the
// tables (the summary first), in the order the file shows them.

// A finished export kept in `workDir` under a name of its own, written by `write`: the caller
// sends it and deletes it.
Result<QString> keptFile(const QString &workDir, const QString &suffix, const std::function<bool(QFile &)> &write)
{
    QTemporaryFile file(QDir(workDir).filePath(u"report-export-XXXXXX."_s + suffix));
    if (!file.open() || !write(file) || !file.flush()) {
        qCWarning(lcReportExport) << "cannot write" << file.fileName() << file.errorString();
        return ApiError::internal();
    }
    file.setAutoRemove(false);
    return file.fileName();
}

class ExportFileWriter {
public:
    virtual ~ExportFileWriter() = default;
    virtual Result<Ok> start(const QString &title, const QStringList &conversationHeader) = 0;
    virtual void conversation(const ExportRow &row) = 0;
    // keys: each column's key (the figure's path in the JSON report), for a writer that picks.
    virtual void table(const QString &key, const QString &title, const QStringList &header, const QStringList &keys,
                       const QList<ExportRow> &rows) = 0;
    // The finished file in `workDir`, the caller's to send and delete.
    virtual Result<QString> finish(const QString &workDir) = 0;
};

// RFC 4180 with a BOM, blocks one after another with an empty line between them: a title row,
// a header row, the rows. Summary, then the report's tables, then the conversations. The
// conversations come first and go to a spool file as they come, so memory stays flat at any count.
class ExportCsvWriter final : public ExportFileWriter {
public:
    ExportCsvWriter(const ReportPeriod &period, const QString &workDir)
        : m_period(period), m_rows({.byteOrderMark = false, .guardFormulas = true}),
          m_spool(QDir(workDir).filePath(u"report-rows-XXXXXX.csv"_s))
    {}

    Result<Ok> start(const QString &title, const QStringList &conversationHeader) override
    {
        if (!m_spool.open()) {
            qCWarning(lcReportExport) << "cannot create" << m_spool.fileTemplate() << m_spool.errorString();
            return ApiError::internal();
        }
        m_rows.row({title});
        m_rows.row(conversationHeader);
        return Ok{};
    }
    void conversation(const ExportRow &row) override
    {
        write(m_rows, row);
        if (++m_buffered == kRowsPerSpoolWrite) {
            m_spoolOk = m_spool.write(m_rows.take()) >= 0 && m_spoolOk;
            m_buffered = 0;
        }
    }
    void table(const QString &, const QString &title, const QStringList &header, const QStringList &,
               const QList<ExportRow> &rows) override
    {
        if (m_head.rows() > 0)
            m_head.endRow();
        m_head.row({title});
        m_head.row(header);
        for (const ExportRow &row : rows)
            write(m_head, row);
    }
    Result<QString> finish(const QString &workDir) override
    {
        m_head.endRow();
        if (!m_spoolOk || m_spool.write(m_rows.take()) < 0 || !m_spool.flush() || !m_spool.seek(0))
            return ApiError::internal();
        return keptFile(workDir, u"csv"_s, [this](QFile &out) {
            if (out.write(m_head.take()) < 0)
                return false;
            while (!m_spool.atEnd()) {
                const QByteArray chunk = m_spool.read(1 << 20);
                if (chunk.isEmpty() || out.write(chunk) != chunk.size())
                    return false;
            }
            return true;
        });
    }

private:
    static constexpr int kRowsPerSpoolWrite = 500;

    void write(CsvWriter &csv, const ExportRow &row) const
    {
        for (const ExportCell &cell : row) {
            switch (cell.kind) {
            case ExportCell::Kind::Empty: csv.empty(); break;
            case ExportCell::Kind::Text: csv.text(cell.text); break;
            case ExportCell::Kind::Integer:
            case ExportCell::Kind::Money: csv.number(qint64(cell.number)); break;
            case ExportCell::Kind::Decimal: csv.decimal(cell.number); break;
            case ExportCell::Kind::Time: csv.text(m_period.isoAt(cell.time)); break;
            case ExportCell::Kind::Day: csv.text(cell.day.toString(Qt::ISODate)); break;
            }
        }
        csv.endRow();
    }

    const ReportPeriod &m_period;
    CsvWriter m_head;
    CsvWriter m_rows;
    QTemporaryFile m_spool;
    int m_buffered = 0;
    bool m_spoolOk = true;
};

// An .xlsx by libxlsxwriter in constant-memory mode: each worksheet keeps one row in memory and
// the rest in a temporary file, so the conversations cost the same memory at any count. One sheet
// per table, header row in bold, frozen and under an autofilter; times as Excel dates in the
// period's time zone (Excel has no zones), money and counts as numbers.
class ExportXlsxWriter final : public ExportFileWriter {
public:
    ExportXlsxWriter(const QString &workDir, const QTimeZone &zone, const QList<QPair<QString, QString>> &sheets)
        : m_zone(zone), m_sheetPlan(sheets)
    {
        const QString dir = workDir.isEmpty() ? QDir::tempPath() : workDir;
        m_file.setFileTemplate(QDir(dir).filePath(u"report-export-XXXXXX.xlsx"_s));
        m_workDir = QFile::encodeName(dir);
    }
    ~ExportXlsxWriter() override
    {
        if (m_book)
            lxw_workbook_free(m_book);
    }

    Result<Ok> start(const QString &, const QStringList &conversationHeader) override
    {
        if (!m_file.open()) {
            qCWarning(lcReportExport) << "cannot create" << m_file.fileTemplate() << m_file.errorString();
            return ApiError::internal();
        }
        m_file.close();   // libxlsxwriter writes it by name; QTemporaryFile removes it at the end
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;
        options.tmpdir = m_workDir.data();
        const QByteArray path = QFile::encodeName(m_file.fileName());
        m_book = workbook_new_opt(path.constData(), &options);
        if (!m_book)
            return ApiError::internal();
        m_bold = workbook_add_format(m_book);
        format_set_bold(m_bold);
        m_dayFormat = workbook_add_format(m_book);
        format_set_num_format(m_dayFormat, "yyyy-mm-dd");
        m_timeFormat = workbook_add_format(m_book);
        format_set_num_format(m_timeFormat, "yyyy-mm-dd hh:mm:ss");
        m_moneyFormat = workbook_add_format(m_book);
        format_set_num_format(m_moneyFormat, "#,##0");
        // Every sheet now, in the order the file shows them; the conversations fill the last as they come.
        for (const auto &[key, name] : std::as_const(m_sheetPlan)) {
            if (!addSheet(key, name))
                return ApiError::internal();
        }
        Sheet &conversations = *sheet(u"conversations"_s);
        header(conversations, conversationHeader);
        worksheet_set_column(conversations.ws, 0, 0, 12, nullptr);
        worksheet_set_column(conversations.ws, 1, 9, 20, nullptr);
        worksheet_set_column(conversations.ws, 10, lxw_col_t(conversationHeader.size() - 1), 14, nullptr);
        return Ok{};
    }
    void conversation(const ExportRow &row) override { write(*sheet(u"conversations"_s), row); }
    void table(const QString &key, const QString &title, const QStringList &header, const QStringList &,
               const QList<ExportRow> &rows) override
    {
        Sheet *s = sheet(key);
        if (!s && !addSheet(key, title))
            return;
        s = sheet(key);
        this->header(*s, header);
        worksheet_set_column(s->ws, 0, 0, key == "summary"_L1 ? 40 : 14, nullptr);
        worksheet_set_column(s->ws, 1, lxw_col_t(qMax<qsizetype>(1, header.size() - 1)), key == "summary"_L1 ? 36 : 14,
                             nullptr);
        for (const ExportRow &row : rows)
            write(*s, row);
    }
    Result<QString> finish(const QString &) override
    {
        for (const Sheet &s : std::as_const(m_sheets)) {
            worksheet_freeze_panes(s.ws, 1, 0);
            if (s.columns > 0)
                worksheet_autofilter(s.ws, 0, 0, s.nextRow - 1, lxw_col_t(s.columns - 1));
        }
        const lxw_error closed = workbook_close(m_book);
        m_book = nullptr;   // workbook_close frees it
        if (closed != LXW_NO_ERROR) {
            qCWarning(lcReportExport) << "xlsx:" << lxw_strerror(closed);
            return ApiError::internal();
        }
        m_file.setAutoRemove(false);   // the caller's now
        return m_file.fileName();
    }

private:
    struct Sheet {
        QString key;
        lxw_worksheet *ws = nullptr;
        lxw_row_t nextRow = 0;
        qsizetype columns = 0;
    };

    Sheet *sheet(const QString &key)
    {
        for (Sheet &s : m_sheets) {
            if (s.key == key)
                return &s;
        }
        return nullptr;
    }
    bool addSheet(const QString &key, const QString &name)
    {
        // Excel's limits on a sheet's name: 31 characters, none of []:*?/\.
        QString safe = name.left(31);
        for (QChar &c : safe) {
            if (u"[]:*?/\\"_s.contains(c))
                c = u'_';
        }
        lxw_worksheet *ws = workbook_add_worksheet(m_book, safe.toUtf8().constData());
        if (!ws)
            return false;
        m_sheets.append({key, ws, 0, 0});
        return true;
    }
    void header(Sheet &s, const QStringList &names)
    {
        for (qsizetype c = 0; c < names.size(); ++c)
            worksheet_write_string(s.ws, s.nextRow, lxw_col_t(c), names.at(c).toUtf8().constData(), m_bold);
        s.columns = qMax(s.columns, names.size());
        ++s.nextRow;
    }
    void write(Sheet &s, const ExportRow &row)
    {
        for (qsizetype c = 0; c < row.size(); ++c) {
            const ExportCell &cell = row.at(c);
            const lxw_col_t col = lxw_col_t(c);
            switch (cell.kind) {
            case ExportCell::Kind::Empty: break;
            case ExportCell::Kind::Text:
                if (!cell.text.isEmpty())
                    worksheet_write_string(s.ws, s.nextRow, col, cell.text.toUtf8().constData(), nullptr);
                break;
            case ExportCell::Kind::Integer:
            case ExportCell::Kind::Decimal: worksheet_write_number(s.ws, s.nextRow, col, cell.number, nullptr); break;
            case ExportCell::Kind::Money:
                worksheet_write_number(s.ws, s.nextRow, col, cell.number, m_moneyFormat);
                break;
            case ExportCell::Kind::Time: {
                // The wall-clock time in the period's zone.
                const qint64 local =
                    cell.time + m_zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(cell.time, Qt::UTC));
                worksheet_write_unixtime(s.ws, s.nextRow, col, local, m_timeFormat);
                break;
            }
            case ExportCell::Kind::Day:
                worksheet_write_unixtime(s.ws, s.nextRow, col,
                                         QDateTime(cell.day, QTime(0, 0), Qt::UTC).toSecsSinceEpoch(), m_dayFormat);
                break;
            }
        }
        ++s.nextRow;
    }

    QTimeZone m_zone;
    QList<QPair<QString, QString>> m_sheetPlan;   // key, name
    QTemporaryFile m_file;
    QByteArray m_workDir;
    lxw_workbook *m_book = nullptr;
    lxw_format *m_bold = nullptr;
    lxw_format *m_dayFormat = nullptr;
    lxw_format *m_timeFormat = nullptr;
    lxw_format *m_moneyFormat = nullptr;
    QList<Sheet> m_sheets;
};

// A PDF (ReportPdf): the heading, three charts, the summary (name and value), the report's tables
// without the UTC bounds and sample sizes of each bucket, and the conversations (a readable
// choice of their columns), each paginated with its header on every page.
class ExportPdfWriter final : public ExportFileWriter {
public:
    ExportPdfWriter(Language language, ReportExportRequest::Type type, const ReportPeriod &period, qint64 now)
        : m_language(language), m_type(type), m_period(period), m_zone(period.timeZone().toUtf8()), m_now(now)
    {}

    Result<Ok> start(const QString &title, const QStringList &conversationHeader) override
    {
        m_conversations.title = title;
        for (const qsizetype c : kConversationColumns)
            m_conversations.header.append(conversationHeader.value(c));
        m_conversations.keyColumns = 2;   // id and client
        return Ok{};
    }
    void conversation(const ExportRow &row) override
    {
        QStringList cells;
        cells.reserve(qsizetype(std::size(kConversationColumns)));
        for (const qsizetype c : kConversationColumns)
            cells.append(text(row.value(c)));
        if (m_conversations.numeric.isEmpty()) {
            for (const qsizetype c : kConversationColumns)
                m_conversations.numeric.append(c == 0 || (c >= 10 && c <= 12) || c == 14 || c == 15 || c == 17);
        }
        m_conversations.rows.append(std::move(cells));
    }
    void table(const QString &key, const QString &title, const QStringList &header, const QStringList &keys,
               const QList<ExportRow> &rows) override
    {
        ReportPdf::Table t;
        t.title = title;
        if (key == "summary"_L1) {
            // figure, key, value: the name and the value.
            t.header = {header.value(0), header.value(2)};
            t.numeric = {false, true};
            t.maxColumnWidth = 320;
            for (const ExportRow &row : rows) {
                const QString figureKey = row.value(1).text;
                t.rows.append({row.value(0).text, text(row.value(2))});
                m_figures.append({figureKey, row.value(2)});
            }
            m_summary = std::move(t);
            return;
        }
        QList<qsizetype> columns;
        for (qsizetype c = 0; c < keys.size(); ++c) {
            const QString &k = keys.at(c);
            if (k == "from"_L1 || k == "to"_L1 || k.endsWith("_sample"_L1))
                continue;
            columns.append(c);
        }
        for (const qsizetype c : std::as_const(columns)) {
            t.header.append(header.value(c));
            bool number = false;
            for (const ExportRow &row : rows) {
                const ExportCell::Kind kind = row.value(c).kind;
                number = number || kind == ExportCell::Kind::Integer || kind == ExportCell::Kind::Decimal ||
                    kind == ExportCell::Kind::Money;
            }
            t.numeric.append(number);
        }
        for (const ExportRow &row : rows) {
            QStringList cells;
            for (const qsizetype c : std::as_const(columns))
                cells.append(text(row.value(c)));
            t.rows.append(std::move(cells));
        }
        t.keyColumns = key == "daily"_L1 ? (keys.contains(u"hour"_s) ? 2 : 1) : 2;
        if (key == "daily"_L1) {
            m_dailyTitle = title;
            m_dailyKeys = keys;
            m_daily = rows;
        }
        m_tables.append(std::move(t));
    }
    Result<QString> finish(const QString &workDir) override
    {
        ReportPdf pdf;
        pdf.title = reportTitle();
        pdf.headingLines = {subject(),
                            exportText(m_language, QT_TRANSLATE_NOOP("Export", "Period: %1 to %2"),
                                       {m_period.fromDate().toString(Qt::ISODate),
                                        m_period.toDate().toString(Qt::ISODate)}),
                            exportText(m_language, QT_TRANSLATE_NOOP("Export", "Time zone: %1"), {m_period.timeZone()}),
                            exportText(m_language, QT_TRANSLATE_NOOP("Export", "Generated at: %1"),
                                       {local(m_now)})};
        pdf.pageLabel = exportText(m_language, QT_TRANSLATE_NOOP("Export", "Page %1 of %2"));
        pdf.continuedLabel = exportText(m_language, QT_TRANSLATE_NOOP("Export", "(continued)"));
        pdf.noDataLabel = exportText(m_language, QT_TRANSLATE_NOOP("Export", "No data"));

        // Daily volume: one series per type of report; response times; outcomes.
        const QString volume = m_type == ReportExportRequest::Type::Agent ? u"chats_handled"_s
            : m_type == ReportExportRequest::Type::Number                ? u"messages_sent"_s
                                                                          : u"total_chats"_s;
        pdf.charts.append(series(volume));
        pdf.charts.append(series(u"avg_first_response_time_seconds"_s));
        ReportPdf::Chart outcomes;
        outcomes.title = exportText(m_language, QT_TRANSLATE_NOOP("Export", "Outcome"));
        outcomes.labelEveryBar = true;
        for (const auto &[key, value] : std::as_const(m_figures)) {
            const qsizetype at = key.indexOf("outcomes."_L1);
            if (at < 0 || key.contains("conversations.outcomes"_L1) != (m_type == ReportExportRequest::Type::Number))
                continue;
            outcomes.labels.append(key.sliced(at + 9));
            outcomes.values.append(number(value));
        }
        pdf.charts.append(std::move(outcomes));

        pdf.tables.append(m_summary);
        pdf.tables.append(m_tables);
        pdf.tables.append(m_conversations);
        // A few hundred kilobytes at most (the conversations listed are capped).
        const Result<QByteArray> rendered = pdf.render();
        if (!rendered)
            return rendered.error();
        return keptFile(workDir, u"pdf"_s, [&](QFile &out) { return out.write(*rendered) == rendered->size(); });
    }

    // What the PDF lists, more than which the summary's conversation_rows and truncated say.
    void setCut(qint64 listed, qint64 total)
    {
        if (listed < total) {
            m_conversations.note = exportText(
                m_language,
                QT_TRANSLATE_NOOP("Export",
                                  "Only the first %1 of %2 conversations are listed: the CSV and Excel exports list "
                                  "them all."),
                {QString::number(listed), QString::number(total)});
        }
    }

private:
    // Conversation, client, phone, agent, campaign, status, opened, wait, first response time,
    // handling time, outcome, value, CSAT, messages.
    static constexpr qsizetype kConversationColumns[] = {0, 1, 2, 3, 5, 6, 7, 10, 11, 12, 13, 14, 15, 17};

    static std::optional<double> number(const ExportCell &cell)
    {
        switch (cell.kind) {
        case ExportCell::Kind::Integer:
        case ExportCell::Kind::Decimal:
        case ExportCell::Kind::Money: return cell.number;
        default: return std::nullopt;
        }
    }
    QString local(qint64 t) const
    {
        return QDateTime::fromSecsSinceEpoch(t, m_zone).toString(u"yyyy-MM-dd HH:mm:ss"_s);
    }
    QString text(const ExportCell &cell) const
    {
        switch (cell.kind) {
        case ExportCell::Kind::Empty: return {};
        case ExportCell::Kind::Text: return cell.text;
        case ExportCell::Kind::Integer:
        case ExportCell::Kind::Money: return QString::number(qint64(cell.number));
        case ExportCell::Kind::Decimal: return QString::number(cell.number);
        case ExportCell::Kind::Time: return local(cell.time);
        case ExportCell::Kind::Day: return cell.day.toString(Qt::ISODate);
        }
        return {};
    }
    QString figure(const QString &key) const
    {
        for (const auto &[k, v] : m_figures) {
            if (k == key)
                return text(v);
        }
        return {};
    }
    QString reportTitle() const
    {
        switch (m_type) {
        case ReportExportRequest::Type::Campaign:
            return exportText(m_language, QT_TRANSLATE_NOOP("Export", "Campaign report"));
        case ReportExportRequest::Type::Agent: return exportText(m_language, QT_TRANSLATE_NOOP("Export", "Agent report"));
        case ReportExportRequest::Type::Number:
            return exportText(m_language, QT_TRANSLATE_NOOP("Export", "WhatsApp number report"));
        case ReportExportRequest::Type::Summary: break;
        }
        return exportText(m_language, QT_TRANSLATE_NOOP("Export", "Summary report"));
    }
    QString subject() const
    {
        switch (m_type) {
        case ReportExportRequest::Type::Campaign: return figure(u"campaign.name"_s);
        case ReportExportRequest::Type::Agent:
            return QString(figure(u"agent.first_name"_s) + u' ' + figure(u"agent.last_name"_s)).trimmed();
        case ReportExportRequest::Type::Number: {
            const QString name = figure(u"whatsapp_number.display_name"_s);
            const QString phone = figure(u"whatsapp_number.phone_number"_s);
            return name.isEmpty() ? phone : name + u" (" + phone + u')';
        }
        case ReportExportRequest::Type::Summary: break;
        }
        return exportText(m_language, QT_TRANSLATE_NOOP("Export", "Summary"));
    }
    // One figure of the daily table as bars, by bucket; the key alone or under an object
    // (the number's conversations.*).
    ReportPdf::Chart series(const QString &key) const
    {
        ReportPdf::Chart chart;
        qsizetype column = m_dailyKeys.indexOf(key);
        if (column < 0)
            column = m_dailyKeys.indexOf(u"conversations."_s + key);
        chart.title = m_dailyTitle + u": "_s + exportLabel(m_language, key);
        const qsizetype day = m_dailyKeys.indexOf(u"date"_s);
        const qsizetype hour = m_dailyKeys.indexOf(u"hour"_s);
        for (const ExportRow &row : m_daily) {
            QString label = text(row.value(day));
            if (hour >= 0)
                label += u' ' + text(row.value(hour));
            chart.labels.append(label);
            chart.values.append(column >= 0 ? number(row.value(column)) : std::nullopt);
        }
        return chart;
    }

    Language m_language;
    ReportExportRequest::Type m_type;
    const ReportPeriod &m_period;
    QTimeZone m_zone;
    qint64 m_now;
    ReportPdf::Table m_summary;
    QList<ReportPdf::Table> m_tables;
    ReportPdf::Table m_conversations;
    QList<QPair<QString, ExportCell>> m_figures;   // the summary's, by key
    QString m_dailyTitle;
    QStringList m_dailyKeys;
    QList<ExportRow> m_daily;
};

ConversationScope exportScope(ReportExportRequest::Type type)
{
    switch (type) {
    case ReportExportRequest::Type::Campaign: return ConversationScope::Campaign;
    case ReportExportRequest::Type::Number: return ConversationScope::Number;
    case ReportExportRequest::Type::Agent:
    case ReportExportRequest::Type::Summary: break;
    }
    return ConversationScope::All;
}

}   // namespace

QString ReportExporter::typeName(ReportExportRequest::Type type)
{
    switch (type) {
    case ReportExportRequest::Type::Campaign: return u"campaign"_s;
    case ReportExportRequest::Type::Agent: return u"agent"_s;
    case ReportExportRequest::Type::Number: return u"whatsapp_number"_s;
    case ReportExportRequest::Type::Summary: break;
    }
    return u"summary"_s;
}

QString ReportExporter::formatName(ReportExportRequest::Format format)
{
    switch (format) {
    case ReportExportRequest::Format::Xlsx: return u"xlsx"_s;
    case ReportExportRequest::Format::Pdf: return u"pdf"_s;
    case ReportExportRequest::Format::Csv: break;
    }
    return u"csv"_s;
}

Result<ReportExportFile> ReportExporter::run(const Actor &actor, const ReportExportRequest &request, qint64 now)
{
    const Language language = request.language;
    const ReportPeriod &period = request.period;
    const bool xlsx = request.format == ReportExportRequest::Format::Xlsx;
    const bool pdf = request.format == ReportExportRequest::Format::Pdf;
    const qint64 maxRows = pdf ? qMin(request.maxRows, kPdfExportMaxRows) : request.maxRows;

    // Read before the conversations stream: nothing may query the connection while they do.
    ReportExportStore extra(m_db);
    const Result<QHash<qint64, QString>> names = extra.userNames();
    if (!names)
        return names.error();
    QHash<qint64, QString> tags;
    if (request.type != ReportExportRequest::Type::Agent) {
        Result<QHash<qint64, QString>> opened =
            extra.openedTags(exportScope(request.type), request.id, period.fromUtc(), period.toUtc());
        if (!opened)
            return opened.error();
        tags = std::move(*opened);
    }

    const QString summaryTitle = exportText(language, QT_TRANSLATE_NOOP("Export", "Summary"));
    const QString conversationsTitle = exportText(language, QT_TRANSLATE_NOOP("Export", "Conversations"));
    const QString workDir = request.workDir.isEmpty() ? QDir::tempPath() : request.workDir;
    std::unique_ptr<ExportFileWriter> writer;
    ExportPdfWriter *pdfWriter = nullptr;
    if (pdf) {
        auto p = std::make_unique<ExportPdfWriter>(language, request.type, period, now);
        pdfWriter = p.get();
        writer = std::move(p);
    } else if (xlsx) {
        QList<QPair<QString, QString>> sheets{{u"summary"_s, summaryTitle}};
        if (request.type == ReportExportRequest::Type::Summary)
            sheets.append({u"campaigns"_s, exportTableTitle(language, u"campaigns"_s, period.granularity())});
        sheets.append({u"daily"_s, exportTableTitle(language, u"daily"_s, period.granularity())});
        sheets.append({u"conversations"_s, conversationsTitle});
        writer = std::make_unique<ExportXlsxWriter>(workDir, QTimeZone(period.timeZone().toUtf8()), sheets);
    } else {
        writer = std::make_unique<ExportCsvWriter>(period, workDir);
    }
    QStringList conversationHeader;
    for (const ExportColumn &column : kExportConversationColumns)
        conversationHeader.append(exportText(language, column.label));
    CONVERSA_TRY(writer->start(conversationsTitle, conversationHeader));

    ReportExportFile file;
    qint64 conversations = 0;   // listed or not
    const auto write = [&](const ConversationFacts &c) {
        ++conversations;
        if (file.rows >= maxRows) {
            file.truncated = true;
            return;
        }
        ++file.rows;
        writer->conversation(exportConversationRow(c, *names, tags));
    };

    ReportService reports(m_db);
    Result<QByteArray> json = ApiError::internal();
    switch (request.type) {
    case ReportExportRequest::Type::Campaign: json = reports.campaign(actor, request.id, period, write); break;
    case ReportExportRequest::Type::Number: json = reports.number(actor, request.id, period, now, write); break;
    case ReportExportRequest::Type::Summary: json = reports.summary(actor, period, write); break;
    case ReportExportRequest::Type::Agent: {
        // The chats it closed or gave the first response of in the period, each once, by opening.
        QList<ConversationFacts> chats;
        QSet<qint64> seen;
        json = reports.agent(actor, request.id, period, now, [&](const ConversationFacts &c) {
            if (!seen.contains(c.chatId)) {
                seen.insert(c.chatId);
                chats.append(c);
            }
        });
        if (!json)
            break;
        std::sort(chats.begin(), chats.end(), [](const ConversationFacts &a, const ConversationFacts &b) {
            return a.openedAt != b.openedAt ? a.openedAt < b.openedAt : a.chatId < b.chatId;
        });
        QList<qint64> ids;
        ids.reserve(chats.size());
        for (const ConversationFacts &c : std::as_const(chats))
            ids.append(c.chatId);
        Result<QHash<qint64, QString>> agentTags = extra.tagsOf(ids);
        if (!agentTags)
            return agentTags.error();
        tags = std::move(*agentTags);
        for (const ConversationFacts &c : std::as_const(chats))
            write(c);
        break;
    }
    }
    if (!json)
        return json.error();

    ExportReport report;
    if (!ExportJsonReader(*json).read(report)) {
        qCWarning(lcReportExport) << "cannot read the report's JSON";
        return ApiError::internal();
    }

    // The summary: what this file is, then every figure of the report, in its order.
    const QStringList summaryHeader{exportText(language, QT_TRANSLATE_NOOP("Export", "Figure")),
                                    exportText(language, QT_TRANSLATE_NOOP("Export", "Key")),
                                    exportText(language, QT_TRANSLATE_NOOP("Export", "Value"))};
    QList<ExportRow> summary;
    const auto figure = [&](const QString &key, const ExportCell &value) {
        summary.append({ExportCell::ofText(exportLabel(language, key)), ExportCell::ofText(key), value});
    };
    figure(u"report"_s, ExportCell::ofText(typeName(request.type)));
    figure(u"exported_at"_s, ExportCell::ofText(isoTime(now)));
    for (const ExportFigure &f : std::as_const(report.figures))
        figure(f.key, ExportCell::ofJson(f.value));
    figure(u"conversation_rows"_s, ExportCell::ofInteger(file.rows));
    if (file.truncated)
        figure(u"truncated"_s, ExportCell::ofText(u"true"_s));
    writer->table(u"summary"_s, summaryTitle, summaryHeader, {}, summary);

    for (const ExportTable &t : std::as_const(report.tables)) {
        const QStringList columns = exportColumns(t);
        QStringList header;
        for (const QString &c : columns)
            header.append(exportLabel(language, c));
        QList<ExportRow> rows;
        rows.reserve(t.rows.size());
        for (const QList<ExportFigure> &figures : t.rows) {
            ExportRow row(columns.size());
            for (const ExportFigure &f : figures) {
                const qsizetype c = columns.indexOf(f.key);
                const QDate day = f.key == "date"_L1 ? QDate::fromString(f.value.toString(), Qt::ISODate) : QDate();
                row[c] = day.isValid() ? ExportCell{ExportCell::Kind::Day, {}, 0, 0, day} : ExportCell::ofJson(f.value);
            }
            rows.append(std::move(row));
        }
        writer->table(t.key, exportTableTitle(language, t.key, period.granularity()), header, columns, rows);
    }
    if (pdfWriter)
        pdfWriter->setCut(file.rows, conversations);

    Result<QString> path = writer->finish(workDir);
    if (!path)
        return path.error();
    file.path = *path;
    file.contentType = pdf ? "application/pdf"
        : xlsx             ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                           : "text/csv; charset=utf-8";
    QString name = u"report-"_s + typeName(request.type);
    if (request.id > 0)
        name += u'-' + QString::number(request.id);
    name += u'-' + period.fromDate().toString(Qt::ISODate) + u'-' + period.toDate().toString(Qt::ISODate) + u'.' +
        formatName(request.format);
    file.fileName = name.toLatin1();
    return file;
}

}   // namespace Conversa::Server
