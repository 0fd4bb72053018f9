// Report exports over real HTTP (GET /v1/reports/export; docs/REPORTS.md#exports), on SQLite and
// PostgreSQL, on tst_reports' hand-worked data set: the CSV's figures are the JSON report's, figure
// by figure, for each type of report; its conversation rows, times in the period's zone, the
// formula guard, the BOM and the headers in Spanish and English; the .xlsx opened (libzip) with
// its sheets, summary values, typed date cells, frozen header and autofilter; who may export,
// unknown ids and bad parameters; the PDF (read back by poppler's pdftotext and pdfinfo) with its
// heading, figures, conversations, accents, two languages and repeated table headers; and the
// audit row each export leaves.
#include "Fixtures.h"
#include "ReportDataSet.h"
#include "TestServer.h"

#include "store/Database.h"

#include <QDir>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryFile>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

#include <zip.h>

#include <cmath>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

namespace {

const QString kPeriod = u"from_date=2026-11-02&to_date=2026-11-03"_s;
const QString kHyperlink = u"=HYPERLINK(\"http://evil.example\",\"Clic\")"_s;

using ReportDataSet::kDay;
using ReportDataSet::T;

// RFC 4180, as a spreadsheet app reads it: records of fields, quotes doubled inside quoted fields.
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            record.append(field);
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            record.append(field);
            records.append(record);
            record.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !record.isEmpty()) {
        record.append(field);
        records.append(record);
    }
    return records;
}

// The CSV's blocks: a title row, a header row, data rows, an empty row between blocks.
struct CsvBlock {
    QString title;
    QStringList header;
    QList<QStringList> rows;
    QString cell(qsizetype row, const QString &column) const { return rows.value(row).value(header.indexOf(column)); }
};

QList<CsvBlock> csvBlocks(const QByteArray &bytes)
{
    QList<CsvBlock> blocks;
    CsvBlock current;
    int line = 0;
    for (const QStringList &r : parseCsv(bytes)) {
        if (r == QStringList{QString()}) {
            blocks.append(current);
            current = {};
            line = 0;
            continue;
        }
        if (line == 0)
            current.title = r.value(0);
        else if (line == 1)
            current.header = r;
        else
            current.rows.append(r);
        ++line;
    }
    blocks.append(current);
    return blocks;
}

// A summary figure's value by its key.
QString figureOf(const CsvBlock &summary, const QString &key)
{
    for (const QStringList &r : summary.rows) {
        if (r.value(1) == key)
            return r.value(2);
    }
    return u"(none)"_s;
}

// Every scalar of a JSON object by its dotted path ("metrics.satisfaction.avg_rating").
void flatten(const QJsonObject &o, const QString &prefix, QHash<QString, QJsonValue> &out)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
        if (it->isObject())
            flatten(it->toObject(), key, out);
        else if (!it->isArray())
            out.insert(key, *it);
    }
}

// A CSV cell against a JSON figure: null is empty, numbers are equal as numbers, a text that a
// spreadsheet would take for a formula ("+57…") behind the guard's apostrophe.
bool sameFigure(const QString &cell, const QJsonValue &v)
{
    if (v.isNull())
        return cell.isEmpty();
    if (v.isDouble()) {
        bool ok = false;
        const double d = cell.toDouble(&ok);
        return ok && std::abs(d - v.toDouble()) < 1e-9;
    }
    const QString text = v.toString();
    static const QRegularExpression formula(u"^[=+\\-@\t\r]"_s);
    return cell == (formula.match(text).hasMatch() ? u'\'' + text : text);
}

// The entries of an .xlsx (a zip), read in memory.
class Xlsx {
public:
    explicit Xlsx(const QByteArray &bytes) : m_bytes(bytes)
    {
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t *source = zip_source_buffer_create(m_bytes.constData(), zip_uint64_t(m_bytes.size()), 0, &error);
        if (source) {
            m_zip = zip_open_from_source(source, ZIP_RDONLY, &error);
            if (!m_zip)
                zip_source_free(source);
        }
        zip_error_fini(&error);
    }
    ~Xlsx()
    {
        if (m_zip)
            zip_discard(m_zip);
    }
    bool isOpen() const { return m_zip; }
    QByteArray entry(const char *name) const
    {
        zip_stat_t st;
        if (!m_zip || zip_stat(m_zip, name, 0, &st) != 0)
            return {};
        zip_file_t *f = zip_fopen(m_zip, name, 0);
        if (!f)
            return {};
        QByteArray out(qsizetype(st.size), Qt::Uninitialized);
        const zip_int64_t n = zip_fread(f, out.data(), st.size);
        zip_fclose(f);
        return n == zip_int64_t(st.size) ? out : QByteArray();
    }

private:
    QByteArray m_bytes;
    zip_t *m_zip = nullptr;
};

// A worksheet's cells by reference ("C7"): the value (inline strings' text), the type, the style.
struct XlsxCell {
    QString value;
    QString type;   // empty for a number
    int style = 0;
};

QHash<QString, XlsxCell> sheetCells(const QByteArray &xml)
{
    QHash<QString, XlsxCell> cells;
    QXmlStreamReader r(xml);
    QString ref;
    XlsxCell cell;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement() && r.name() == "c"_L1) {
            ref = r.attributes().value("r"_L1).toString();
            cell = {{}, r.attributes().value("t"_L1).toString(), r.attributes().value("s"_L1).toInt()};
        } else if (r.isStartElement() && (r.name() == "v"_L1 || r.name() == "t"_L1)) {
            cell.value += r.readElementText();
        } else if (r.isEndElement() && r.name() == "c"_L1) {
            cells.insert(ref, cell);
        }
    }
    return cells;
}

// The number format of a cell style (styles.xml: cellXfs[style].numFmtId -> numFmts' formatCode).
QString styleFormat(const QByteArray &stylesXml, int style)
{
    QXmlStreamReader r(stylesXml);
    QHash<int, QString> formats;
    QList<int> xfFormats;
    bool inCellXfs = false;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement() && r.name() == "numFmt"_L1)
            formats.insert(r.attributes().value("numFmtId"_L1).toInt(),
                           r.attributes().value("formatCode"_L1).toString());
        else if (r.isStartElement() && r.name() == "cellXfs"_L1)
            inCellXfs = true;
        else if (r.isEndElement() && r.name() == "cellXfs"_L1)
            inCellXfs = false;
        else if (inCellXfs && r.isStartElement() && r.name() == "xf"_L1)
            xfFormats.append(r.attributes().value("numFmtId"_L1).toInt());
    }
    return formats.value(xfFormats.value(style, -1));
}

// A PDF's text as poppler's pdftotext -layout reads it: the whole file, or pages first to last.
QString pdfText(const QByteArray &pdf, int first = 0, int last = 0)
{
    QTemporaryFile file;
    if (!file.open())
        return {};
    file.write(pdf);
    file.flush();
    QStringList args{u"-layout"_s, u"-enc"_s, u"UTF-8"_s};
    if (first > 0)
        args << u"-f"_s << QString::number(first) << u"-l"_s << QString::number(last);
    args << file.fileName() << u"-"_s;
    QProcess p;
    p.start(u"pdftotext"_s, args);
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

int pdfPages(const QByteArray &pdf)
{
    QTemporaryFile file;
    if (!file.open())
        return -1;
    file.write(pdf);
    file.flush();
    QProcess p;
    p.start(u"pdfinfo"_s, {file.fileName()});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return -1;
    static const QRegularExpression pages(u"Pages:\\s+(\\d+)"_s);
    return pages.match(QString::fromUtf8(p.readAllStandardOutput())).captured(1).toInt();
}

}   // namespace

class tst_ReportExports : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void figuresAreTheJsonReport_data();
    void figuresAreTheJsonReport();
    void dailyBlockIsTheJsonDaily();
    void conversationRows();
    void agentRows();
    void timesInThePeriodsZone();
    void headersInTwoLanguages();
    void xlsx();
    void pdf();
    void pdfPagination();
    void access_data();
    void access();
    void audited();
    void streamedFromDisk();

private:
    ApiResponse get(const QString &path, const QByteArray &token = {}, const QByteArray &language = "es")
    {
        return m_server.request("GET", path, {}, token.isNull() ? m_supervisor : token,
                                {{"Accept-Language", language}});
    }
    QString exportPath(const QString &query) const { return u"/v1/reports/export?"_s + query; }
    void exec(const char *sql, std::initializer_list<QVariant> values)
    {
        SqlQuery q(m_server.db(), sql, values);
        QVERIFY2(q.exec(), sql);
    }

    TestServer m_server;
    QByteArray m_admin;
    QByteArray m_supervisor;
    QByteArray m_agentAToken;
    qint64 m_agentA = 0;
    qint64 m_agentB = 0;
    qint64 m_sales = 0;
    qint64 m_support = 0;
    qint64 m_number = 0;
    qint64 m_c1 = 0;
    qint64 m_c9 = 0;
};

// The reports' data set (ReportDataSet: C1-C8), with C1's client named as a formula, C2's with
// accents, C1 tagged, and C9: Soporte, 11-03 10:00, queued; A assigned +20, answers +40, transfers it to B, who closes
// it +500 (information): the agent is B, the first response A's.
void tst_ReportExports::initTestCase()
{
    QVERIFY(m_server.start());
    ReportDataSet::World w;
    QVERIFY(ReportDataSet::build(m_server, u"exports.example.com"_s, w, {{1, kHyperlink}, {2, u"José Peña"_s}}));
    m_admin = w.admin;
    m_supervisor = w.supervisor;
    m_agentAToken = w.agentAToken;
    m_agentA = w.agentA;
    m_agentB = w.agentB;
    m_sales = w.sales;
    m_support = w.support;
    m_number = w.number;
    m_c1 = w.chats[1];
    const qint64 t1 = w.opened[1];
    const qint64 t9 = T + kDay + 36000;
    m_c9 = ReportDataSet::addChat(m_server, w,
                                  {m_support, t9, t9, t9 + 20, t9 + 40, m_agentA, t9 + 500, m_agentB, u"information"_s,
                                   0, 0, 3});
    QVERIFY(m_c9);
    for (const QString &tag : {u"vip"_s, u"promo"_s})
        exec("INSERT INTO chat_tags (chat_id, tag, created_at) VALUES (?, ?, ?)", {m_c1, tag, t1});
    exec("INSERT INTO agent_status_history (user_id, agent_status, reason, started_at, ended_at) "
         "VALUES (?, 'available', NULL, ?, ?)",
         {m_agentA, T + 28800, T + 43200});
    exec("INSERT INTO whatsapp_number_connections (whatsapp_number_id, status, created_at) VALUES (?, ?, ?)",
         {m_number, u"connected"_s, T - kDay});
    exec("INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, status, user_id, "
         "is_bot_message, created_at, sent_at, delivered_at, read_at) VALUES (?, ?, 'outbound', 'text', 'x', 'read', "
         "?, FALSE, ?, ?, ?, ?)",
         {m_c1, m_number, m_agentA, t1 + 50, t1 + 51, t1 + 53, t1 + 60});
}

void tst_ReportExports::figuresAreTheJsonReport_data()
{
    QTest::addColumn<QString>("report");   // the JSON report's path
    QTest::addColumn<QString>("query");    // the export's type and id
    QTest::addColumn<int>("conversations");

    QTest::addRow("campaign") << u"campaigns/%1"_s.arg(m_sales) << u"type=campaign&campaign_id=%1"_s.arg(m_sales) << 5;
    QTest::addRow("agent") << u"agents/%1"_s.arg(m_agentA) << u"type=agent&agent_id=%1"_s.arg(m_agentA) << 4;
    QTest::addRow("number") << u"whatsapp-numbers/%1"_s.arg(m_number)
                            << u"type=whatsapp_number&whatsapp_number_id=%1"_s.arg(m_number) << 7;
    QTest::addRow("summary") << u"summary"_s << u"type=summary"_s << 7;
    QTest::addRow("summary, hourly in Bogotá")
        << u"summary"_s << u"type=summary&granularity=hour&timezone=America/Bogota"_s << 8;
}

// Every figure of the JSON report is in the CSV's summary under its own path, with the same value,
// and the summary holds nothing else but what says which file this is.
void tst_ReportExports::figuresAreTheJsonReport()
{
    QFETCH(QString, report);
    QFETCH(QString, query);
    QFETCH(int, conversations);
    QString period = kPeriod;
    if (query.contains(u"timezone"_s))
        period += u"&granularity=hour&timezone=America/Bogota"_s;
    const ApiResponse json = get(u"/v1/reports/"_s + report + u'?' + period);
    QCOMPARE(json.status, 200);
    const ApiResponse csv = get(exportPath(query + u'&' + kPeriod + u"&format=csv"_s));
    QCOMPARE(csv.status, 200);
    QVERIFY(csv.body.startsWith("\xEF\xBB\xBF"));
    QCOMPARE(csv.header("Content-Type"), QByteArray("text/csv; charset=utf-8"));
    QCOMPARE(csv.header("X-Export-Rows").toInt(), conversations);

    QHash<QString, QJsonValue> expected;
    flatten(json.object(), {}, expected);
    const QList<CsvBlock> blocks = csvBlocks(csv.body.mid(3));
    QVERIFY(blocks.size() >= 3);
    const CsvBlock &summary = blocks.first();
    QCOMPARE(summary.title, u"Resumen"_s);
    QHash<QString, QString> figures;
    for (const QStringList &row : summary.rows) {
        QCOMPARE(row.size(), 3);
        figures.insert(row.at(1), row.at(2));
    }
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        QVERIFY2(figures.contains(it.key()), qPrintable(u"missing "_s + it.key()));
        QVERIFY2(sameFigure(figures.value(it.key()), it.value()),
                 qPrintable(it.key() + u": "_s + figures.value(it.key()) + u" against "_s +
                            it.value().toVariant().toString()));
    }
    const QSet<QString> extra{u"report"_s, u"exported_at"_s, u"conversation_rows"_s};
    for (auto it = figures.cbegin(); it != figures.cend(); ++it)
        QVERIFY2(expected.contains(it.key()) || extra.contains(it.key()), qPrintable(it.key()));
    QCOMPARE(figures.value(u"conversation_rows"_s).toInt(), conversations);

    // The daily (hourly) block has one row per bucket; the conversations block one per conversation.
    const CsvBlock &daily = blocks.at(blocks.size() - 2);
    QCOMPARE(daily.rows.size(), json.value(u"daily"_s).toArray().size());
    QCOMPARE(blocks.last().title, u"Conversaciones"_s);
    QCOMPARE(blocks.last().rows.size(), conversations);
    if (report == "summary"_L1) {
        QCOMPARE(blocks.size(), 4);
        QCOMPARE(blocks.at(1).title, u"Campañas"_s);
        QCOMPARE(blocks.at(1).rows.size(), json.value(u"campaigns"_s).toArray().size());
    }
}

// The daily block, bucket by bucket and column by column, against the JSON's daily entries.
void tst_ReportExports::dailyBlockIsTheJsonDaily()
{
    const ApiResponse json = get(u"/v1/reports/campaigns/%1?"_s.arg(m_sales) + kPeriod);
    const ApiResponse csv =
        get(exportPath(u"type=campaign&campaign_id=%1&"_s.arg(m_sales) + kPeriod), {}, "en-US,en;q=0.9");
    QCOMPARE(csv.status, 200);
    const QList<CsvBlock> blocks = csvBlocks(csv.body.mid(3));
    const CsvBlock &daily = blocks.at(1);
    QCOMPARE(daily.title, u"Daily"_s);
    const QJsonArray days = json.value(u"daily"_s).toArray();
    QCOMPARE(daily.rows.size(), 2);
    const QList<QPair<QString, QString>> columns{{u"Date"_s, u"date"_s},
                                                 {u"From (UTC)"_s, u"from"_s},
                                                 {u"Total conversations"_s, u"total_chats"_s},
                                                 {u"Conversations handled"_s, u"chats_handled"_s},
                                                 {u"Conversations abandoned"_s, u"chats_abandoned"_s},
                                                 {u"Average wait (s)"_s, u"avg_wait_time_seconds"_s},
                                                 {u"Average handling time (s)"_s, u"avg_handling_time_seconds"_s},
                                                 {u"Revenue"_s, u"total_revenue"_s},
                                                 {u"Average CSAT"_s, u"satisfaction.avg_rating"_s},
                                                 {u"Outcome: sale"_s, u"outcomes.sale"_s},
                                                 {u"Resolved by the bot"_s, u"bot.resolved_by_bot"_s}};
    for (qsizetype i = 0; i < days.size(); ++i) {
        QHash<QString, QJsonValue> day;
        flatten(days.at(i).toObject(), {}, day);
        for (const auto &[label, key] : columns) {
            QVERIFY2(daily.header.contains(label), qPrintable(label));
            // An outcome only some days had is empty on the others.
            const QJsonValue v = day.value(key, key.startsWith(u"outcomes."_s) ? QJsonValue() : QJsonValue(u"?"_s));
            QVERIFY2(sameFigure(daily.cell(i, label), v), qPrintable(label + u" on day "_s + QString::number(i)));
        }
    }
}

void tst_ReportExports::conversationRows()
{
    const ApiResponse csv = get(exportPath(u"type=summary&"_s + kPeriod));
    QCOMPARE(csv.status, 200);
    const CsvBlock rows = csvBlocks(csv.body.mid(3)).last();
    QCOMPARE(rows.header,
             (QStringList{u"Conversación"_s, u"Cliente"_s, u"Teléfono"_s, u"Agente"_s, u"Primera respuesta de"_s,
                          u"Campaña"_s, u"Estado"_s, u"Abierta"_s, u"Primera respuesta"_s, u"Cerrada"_s,
                          u"Espera (s)"_s, u"Tiempo de primera respuesta (s)"_s, u"Tiempo de atención (s)"_s,
                          u"Resultado"_s, u"Valor"_s, u"CSAT"_s, u"Bot o humano"_s, u"Mensajes"_s, u"Etiquetas"_s}));
    // Oldest first: C1, C8, C2, C3, C4, C9, C5.
    QCOMPARE(rows.rows.size(), 7);
    const QStringList c1 = rows.rows.at(0);
    QCOMPARE(c1,
             (QStringList{QString::number(m_c1), u'\'' + kHyperlink, u"'+573110000001"_s, u"Ana Arias"_s, QString(),
                          u"Ventas"_s, u"closed"_s, u"2026-11-02T10:00:00Z"_s, u"2026-11-02T10:00:50Z"_s,
                          u"2026-11-02T10:10:50Z"_s, u"30"_s, u"20"_s, u"620"_s, u"sale"_s, u"1000"_s, u"5"_s,
                          u"human"_s, u"6"_s, u"promo|vip"_s}));
    // The raw bytes: the guarded formula, quoted because of its quotes and commas.
    QVERIFY(csv.body.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Clic\"\")\","));
    const auto row = [&](const QString &opened) {
        for (const QStringList &r : rows.rows) {
            if (r.value(7) == opened)
                return r;
        }
        return QStringList();
    };
    // C2: opened the first day's last second; B's from the first response on.
    const QStringList c2 = row(u"2026-11-02T23:59:59Z"_s);
    QCOMPARE(c2.value(3), u"Beto Bravo"_s);
    QCOMPARE(c2.value(4), QString());
    QCOMPARE(c2.value(10), u"90"_s);
    QCOMPARE(c2.value(12), u"3910"_s);
    QCOMPARE(c2.value(13), u"no_sale"_s);
    QCOMPARE(c2.value(14), QString());   // no value
    // C3 abandoned: nothing measured; C4 the bot's.
    const QStringList c3 = row(u"2026-11-03T08:00:00Z"_s);
    QCOMPARE(c3.mid(3, 2), (QStringList{QString(), QString()}));
    QCOMPARE(c3.mid(10, 3), (QStringList{QString(), QString(), QString()}));
    QCOMPARE(c3.value(16), u"human"_s);
    QCOMPARE(row(u"2026-11-03T09:00:00Z"_s).value(16), u"bot_resolved"_s);
    QCOMPARE(row(u"2026-11-03T12:00:00Z"_s).value(16), u"bot_handed_over"_s);
    QCOMPARE(row(u"2026-11-03T12:00:00Z"_s).value(9), QString());   // still open
    // C9: B's, first answered by A.
    const QStringList c9 = row(u"2026-11-03T10:00:00Z"_s);
    QCOMPARE(c9.value(0), QString::number(m_c9));
    QCOMPARE(c9.mid(3, 3), (QStringList{u"Beto Bravo"_s, u"Ana Arias"_s, u"Soporte"_s}));
    QCOMPARE(c9.value(11), u"20"_s);
}

// An agent's rows: the chats it closed or gave the first response of in the period, once each.
void tst_ReportExports::agentRows()
{
    const ApiResponse csv = get(exportPath(u"type=agent&agent_id=%1&"_s.arg(m_agentA) + kPeriod));
    QCOMPARE(csv.status, 200);
    QCOMPARE(csv.header("Content-Disposition"),
             "attachment; filename=\"report-agent-" + QByteArray::number(m_agentA) + "-2026-11-02-2026-11-03.csv\"");
    const CsvBlock rows = csvBlocks(csv.body.mid(3)).last();
    QStringList opened;
    for (const QStringList &r : rows.rows)
        opened.append(r.value(7));
    // C1 (closed, answered), C8 (closed, answered), C9 (answered), C5 (answered).
    QCOMPARE(opened,
             (QStringList{u"2026-11-02T10:00:00Z"_s, u"2026-11-02T15:00:00Z"_s, u"2026-11-03T10:00:00Z"_s,
                          u"2026-11-03T12:00:00Z"_s}));
}

void tst_ReportExports::timesInThePeriodsZone()
{
    const ApiResponse csv =
        get(exportPath(u"type=campaign&campaign_id=%1&timezone=America/Bogota&"_s.arg(m_sales) + kPeriod));
    QCOMPARE(csv.status, 200);
    const QList<CsvBlock> blocks = csvBlocks(csv.body.mid(3));
    QCOMPARE(blocks.last().rows.size(), 6);   // C6 is on 11-03 there
    QCOMPARE(blocks.last().rows.at(0).value(7), u"2026-11-02T05:00:00-05:00"_s);
    QCOMPARE(blocks.last().rows.at(0).value(9), u"2026-11-02T05:10:50-05:00"_s);
    QCOMPARE(figureOf(blocks.first(), u"period.from"_s), u"2026-11-02T00:00:00-05:00"_s);
    QCOMPARE(figureOf(blocks.first(), u"period.timezone"_s), u"America/Bogota"_s);
}

void tst_ReportExports::headersInTwoLanguages()
{
    const QString path = exportPath(u"type=campaign&campaign_id=%1&"_s.arg(m_sales) + kPeriod);
    const QList<CsvBlock> es = csvBlocks(get(path, {}, "es-CO,es;q=0.9").body.mid(3));
    const QList<CsvBlock> en = csvBlocks(get(path, {}, "en").body.mid(3));
    QCOMPARE(es.first().header, (QStringList{u"Cifra"_s, u"Clave"_s, u"Valor"_s}));
    QCOMPARE(en.first().header, (QStringList{u"Figure"_s, u"Key"_s, u"Value"_s}));
    QCOMPARE(es.first().rows.at(0), (QStringList{u"Informe"_s, u"report"_s, u"campaign"_s}));
    QCOMPARE(en.first().rows.at(0), (QStringList{u"Report"_s, u"report"_s, u"campaign"_s}));
    const auto label = [](const CsvBlock &b, const QString &key) {
        for (const QStringList &r : b.rows) {
            if (r.value(1) == key)
                return r.value(0);
        }
        return QString();
    };
    QCOMPARE(label(es.first(), u"metrics.total_chats"_s), u"Total de conversaciones"_s);
    QCOMPARE(label(en.first(), u"metrics.total_chats"_s), u"Total conversations"_s);
    QCOMPARE(label(es.first(), u"metrics.outcomes.sale"_s), u"Resultado: sale"_s);
    QCOMPARE(label(en.first(), u"metrics.satisfaction.rating_distribution.5"_s), u"CSAT answers of 5"_s);
    QCOMPARE(es.at(1).title, u"Por día"_s);
    QCOMPARE(en.at(1).title, u"Daily"_s);
    QCOMPARE(en.last().title, u"Conversations"_s);
    QCOMPARE(en.last().header.mid(0, 5),
             (QStringList{u"Conversation"_s, u"Client"_s, u"Phone"_s, u"Agent"_s, u"First response by"_s}));
    // Every label is translated: no Spanish header is left in English.
    QCOMPARE(es.first().rows.size(), en.first().rows.size());
    for (qsizetype i = 0; i < es.first().rows.size(); ++i) {
        const QString key = es.first().rows.at(i).value(1);
        QVERIFY2(es.first().rows.at(i).value(0) != en.first().rows.at(i).value(0), qPrintable(key));
    }
    for (qsizetype i = 0; i < es.at(1).header.size(); ++i)
        QVERIFY2(es.at(1).header.at(i) != en.at(1).header.at(i), qPrintable(en.at(1).header.at(i)));
}

void tst_ReportExports::xlsx()
{
    const ApiResponse json = get(u"/v1/reports/campaigns/%1?"_s.arg(m_sales) + kPeriod);
    for (const QString &format : {u"excel"_s, u"xlsx"_s}) {
        const ApiResponse r =
            get(exportPath(u"type=campaign&campaign_id=%1&format=%2&"_s.arg(m_sales).arg(format) + kPeriod), {}, "en");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"),
                 QByteArray("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        QCOMPARE(r.header("Content-Disposition"),
                 "attachment; filename=\"report-campaign-" + QByteArray::number(m_sales) +
                     "-2026-11-02-2026-11-03.xlsx\"");
        QCOMPARE(r.header("X-Export-Rows"), QByteArray("5"));
        QVERIFY(r.body.startsWith("PK"));
        const Xlsx book(r.body);
        QVERIFY(book.isOpen());

        // The sheets, in order.
        QStringList names;
        QXmlStreamReader wb(book.entry("xl/workbook.xml"));
        while (!wb.atEnd()) {
            if (wb.readNext() == QXmlStreamReader::StartElement && wb.name() == "sheet"_L1)
                names.append(wb.attributes().value("name"_L1).toString());
        }
        QCOMPARE(names, (QStringList{u"Summary"_s, u"Daily"_s, u"Conversations"_s}));

        // The summary: figure, key, value; numbers as numbers, equal to the JSON's.
        const QByteArray summaryXml = book.entry("xl/worksheets/sheet1.xml");
        const QHash<QString, XlsxCell> summary = sheetCells(summaryXml);
        QCOMPARE(summary.value(u"A1"_s).value, u"Figure"_s);
        QHash<QString, XlsxCell> byKey;
        for (int row = 2; summary.contains(u"B%1"_s.arg(row)); ++row)
            byKey.insert(summary.value(u"B%1"_s.arg(row)).value, summary.value(u"C%1"_s.arg(row)));
        QHash<QString, QJsonValue> expected;
        flatten(json.object(), {}, expected);
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            QVERIFY2(byKey.contains(it.key()) || it.value().isNull(), qPrintable(it.key()));
            if (it.value().isDouble()) {
                QVERIFY2(byKey.value(it.key()).type.isEmpty(), qPrintable(it.key()));   // a number cell
                QVERIFY2(sameFigure(byKey.value(it.key()).value, it.value()), qPrintable(it.key()));
            }
        }
        QCOMPARE(byKey.value(u"metrics.total_chats"_s).value, u"5"_s);
        QCOMPARE(byKey.value(u"metrics.sla_first_response_compliance"_s).value.toDouble(), 33.3);
        QCOMPARE(byKey.value(u"campaign.name"_s).value, u"Ventas"_s);

        // Frozen header and autofilter on every sheet.
        for (const char *sheet : {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"}) {
            const QByteArray xml = book.entry(sheet);
            QVERIFY2(xml.contains("state=\"frozen\"") && xml.contains("ySplit=\"1\""), sheet);
            QVERIFY2(xml.contains("<autoFilter ref=\"A1:"), sheet);
        }
        QVERIFY(book.entry("xl/worksheets/sheet3.xml").contains("<autoFilter ref=\"A1:S6\""));

        // Dates: Excel serial numbers with a date format, in the period's zone (UTC here).
        const QByteArray styles = book.entry("xl/styles.xml");
        const QHash<QString, XlsxCell> daily = sheetCells(book.entry("xl/worksheets/sheet2.xml"));
        QCOMPARE(daily.value(u"A1"_s).value, u"Date"_s);
        QVERIFY(daily.value(u"A2"_s).type.isEmpty());
        QCOMPARE(daily.value(u"A2"_s).value.toDouble(), double(T / kDay + 25569));
        QCOMPARE(styleFormat(styles, daily.value(u"A2"_s).style), u"yyyy-mm-dd"_s);
        const QHash<QString, XlsxCell> rows = sheetCells(book.entry("xl/worksheets/sheet3.xml"));
        QCOMPARE(rows.value(u"H1"_s).value, u"Opened"_s);
        const XlsxCell opened = rows.value(u"H2"_s);   // C1, 2026-11-02 10:00:00
        QVERIFY(opened.type.isEmpty());
        QVERIFY(std::abs(opened.value.toDouble() - (double(T + 36000) / kDay + 25569)) < 1e-6);
        QCOMPARE(styleFormat(styles, opened.style), u"yyyy-mm-dd hh:mm:ss"_s);
        QCOMPARE(rows.value(u"O2"_s).value, u"1000"_s);   // the sale's value, a number
        QVERIFY(rows.value(u"O2"_s).type.isEmpty());
        QCOMPARE(rows.value(u"B2"_s).value, kHyperlink);   // a string cell, never a formula
        QVERIFY(rows.value(u"B2"_s).type == "inlineStr"_L1 || rows.value(u"B2"_s).type == "s"_L1);
        QVERIFY(!book.entry("xl/worksheets/sheet3.xml").contains("<f>"));
    }

    // Nothing is left behind in the data dir, after a file or after a failure half-way.
    QCOMPARE(get(exportPath(u"type=campaign&campaign_id=999999&format=xlsx&"_s + kPeriod)).status, 404);
    QCOMPARE(QDir(m_server.dataDir() + u"/tmp"_s).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList());

    // The summary's workbook has the campaigns too; a zone moves the times.
    const ApiResponse summary =
        get(exportPath(u"type=summary&format=excel&timezone=America/Bogota&"_s + kPeriod), {}, "es");
    QCOMPARE(summary.status, 200);
    const Xlsx book(summary.body);
    QVERIFY(book.entry("xl/workbook.xml").contains("name=\"Campañas\""));
    const QHash<QString, XlsxCell> rows = sheetCells(book.entry("xl/worksheets/sheet4.xml"));
    QCOMPARE(rows.value(u"A2"_s).value.toLongLong(), m_c1);
    QVERIFY(std::abs(rows.value(u"H2"_s).value.toDouble() - (double(T + 36000 - 5 * 3600) / kDay + 25569)) < 1e-6);
}

// The PDF: the heading, the JSON report's figures, the conversations with their accents, in
// Spanish and in English.
void tst_ReportExports::pdf()
{
    const QString query = u"type=campaign&campaign_id=%1&format=pdf&timezone=America/Bogota&"_s.arg(m_sales) + kPeriod;
    const ApiResponse json = get(u"/v1/reports/campaigns/%1?timezone=America/Bogota&"_s.arg(m_sales) + kPeriod);
    QCOMPARE(json.status, 200);
    const QJsonObject metrics = json.value(u"metrics"_s).toObject();

    const qint64 mark = m_server.auditMark();
    const ApiResponse es = get(exportPath(query));
    QCOMPARE(es.status, 200);
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"report.export"_s, mark);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.at(0)[u"changes"_s].toObject()[u"format"_s].toString(), u"pdf"_s);
    QCOMPARE(audit.at(0)[u"changes"_s].toObject()[u"rows"_s].toInteger(), metrics.value(u"total_chats"_s).toInteger());
    QCOMPARE(es.header("Content-Type"), QByteArray("application/pdf"));
    QCOMPARE(es.header("Content-Disposition"),
             "attachment; filename=\"report-campaign-" + QByteArray::number(m_sales) + "-2026-11-02-2026-11-03.pdf\"");
    QCOMPARE(es.header("X-Export-Rows"), QByteArray::number(metrics.value(u"total_chats"_s).toInteger()));
    QVERIFY(es.body.startsWith("%PDF-"));
    QVERIFY(es.body.trimmed().endsWith("%%EOF"));
    const QString text = pdfText(es.body);
    QVERIFY2(!text.isEmpty(), "pdftotext read nothing");
    QVERIFY2(text.contains(u"Informe de campaña"_s), qPrintable(text));
    QVERIFY(text.contains(u"Ventas"_s));
    QVERIFY(text.contains(u"Periodo: del 2026-11-02 al 2026-11-03"_s));
    QVERIFY(text.contains(u"Zona horaria: America/Bogota"_s));
    QVERIFY(text.contains(u"Generado el: "_s));
    QVERIFY(text.contains(u"Página 1 de "_s));
    // The figures, as the JSON report has them, next to their names.
    const auto figureLine = [&](const QString &label, const QJsonValue &value) {
        const QString expected = value.isDouble() ? QString::number(value.toDouble()) : value.toString();
        const QRegularExpression line(u"^\\s*"_s + QRegularExpression::escape(label) + u"\\s{2,}"_s +
                                          QRegularExpression::escape(expected) + u"\\s*$"_s,
                                      QRegularExpression::MultilineOption);
        return line.match(text).hasMatch();
    };
    QVERIFY(figureLine(u"Total de conversaciones"_s, metrics.value(u"total_chats"_s)));
    QVERIFY(
        figureLine(u"Tiempo promedio de primera respuesta (s)"_s, metrics.value(u"avg_first_response_time_seconds"_s)));
    QVERIFY(figureLine(u"Ingresos"_s, metrics.value(u"total_revenue"_s)));
    QCOMPARE(metrics.value(u"total_revenue"_s).toInt(), 1000);
    // The conversations: the accented client, the headers in Spanish, times in the period's zone.
    QVERIFY(text.contains(u"José Peña"_s));
    QVERIFY(text.contains(u"Conversaciones"_s));
    QVERIFY(text.contains(u"atención"_s));              // "Tiempo de atención (s)", wrapped or not
    QVERIFY(text.contains(u"2026-11-02 05:00:00"_s));   // C1, 10:00Z in Bogotá
    QVERIFY(!text.contains(u"Only the first"_s) && !text.contains(u"Solo se listan"_s));

    const ApiResponse en = get(exportPath(query), {}, "en");
    QCOMPARE(en.status, 200);
    const QString english = pdfText(en.body);
    for (const QString &s : {u"Campaign report"_s, u"Period: 2026-11-02 to 2026-11-03"_s,
                             u"Time zone: America/Bogota"_s, u"Total conversations"_s, u"Revenue"_s, u"Summary"_s,
                             u"Conversations"_s, u"Client"_s, u"Page 1 of"_s, u"José Peña"_s})
        QVERIFY2(english.contains(s), qPrintable(s));
    QVERIFY(!english.contains(u"Informe de campaña"_s));

    // Each type of report has its PDF.
    for (const QString &q : {u"type=agent&agent_id=%1"_s.arg(m_agentA),
                             u"type=whatsapp_number&whatsapp_number_id=%1"_s.arg(m_number), u"type=summary"_s}) {
        const ApiResponse r = get(exportPath(q + u"&format=pdf&"_s + kPeriod), {}, "en");
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.startsWith("%PDF-"));
        const QString t = pdfText(r.body);
        QVERIFY2(t.contains(u"report"_s) && t.contains(u"Page 1 of"_s), qPrintable(q));
    }
    QVERIFY(pdfText(get(exportPath(u"type=agent&agent_id=%1&format=pdf&"_s.arg(m_agentA) + kPeriod), {}, "en").body)
                .contains(u"Ana Arias"_s));
}

// A table longer than a page goes on over the next with its title and header again: the hourly
// summary in Bogotá has 48 buckets.
void tst_ReportExports::pdfPagination()
{
    const ApiResponse r =
        get(exportPath(u"type=summary&format=pdf&granularity=hour&timezone=America/Bogota&"_s + kPeriod), {}, "en");
    QCOMPARE(r.status, 200);
    const int pages = pdfPages(r.body);
    QVERIFY2(pages >= 3, qPrintable(QString::number(pages)));
    QVERIFY(pdfText(r.body).contains(u"Page %1 of %1"_s.arg(pages)));
    // Pages holding the hourly table: at least two, each with the header above its rows.
    int hourly = 0;
    for (int page = 1; page <= pages; ++page) {
        const QString text = pdfText(r.body, page, page);
        static const QRegularExpression title(u"^\\s*Hourly( \\(continued\\))?\\s*$"_s,
                                              QRegularExpression::MultilineOption);
        if (!title.match(text).hasMatch())
            continue;
        ++hourly;
        QVERIFY2(text.contains(u"Date"_s) && text.contains(u"Hour"_s), qPrintable(text));
        if (hourly > 1)
            QVERIFY(text.contains(u"Hourly (continued)"_s));
    }
    QVERIFY2(hourly >= 2, qPrintable(QString::number(hourly)));
}

void tst_ReportExports::access_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("fields");

    const QString campaign = u"type=campaign&campaign_id=%1&"_s.arg(m_sales) + kPeriod;
    QTest::addRow("nobody") << u"none"_s << campaign << 401 << QStringList();
    QTest::addRow("agent") << u"agent"_s << campaign << 403 << QStringList();
    QTest::addRow("agent, its own") << u"agent"_s << u"type=agent&agent_id=%1&"_s.arg(m_agentA) + kPeriod << 403
                                    << QStringList();
    QTest::addRow("supervisor") << u"supervisor"_s << campaign << 200 << QStringList();
    QTest::addRow("admin, xlsx") << u"admin"_s << campaign + u"&format=xlsx"_s << 200 << QStringList();
    QTest::addRow("unknown campaign") << u"supervisor"_s << u"type=campaign&campaign_id=999999&"_s + kPeriod << 404
                                      << QStringList();
    QTest::addRow("unknown agent") << u"supervisor"_s << u"type=agent&agent_id=999999&"_s + kPeriod << 404
                                   << QStringList();
    QTest::addRow("unknown number") << u"supervisor"_s << u"type=whatsapp_number&whatsapp_number_id=999999&"_s + kPeriod
                                    << 404 << QStringList();
    QTest::addRow("no type") << u"supervisor"_s << kPeriod << 422 << QStringList{u"type"_s};
    QTest::addRow("unknown type") << u"supervisor"_s << u"type=client&"_s + kPeriod << 422 << QStringList{u"type"_s};
    QTest::addRow("unknown format") << u"supervisor"_s << campaign + u"&format=ods"_s << 422
                                    << QStringList{u"format"_s};
    QTest::addRow("supervisor, pdf") << u"supervisor"_s << campaign + u"&format=pdf"_s << 200 << QStringList();
    QTest::addRow("no campaign id") << u"supervisor"_s << u"type=campaign&"_s + kPeriod << 422
                                    << QStringList{u"campaign_id"_s};
    QTest::addRow("bad agent id") << u"supervisor"_s << u"type=agent&agent_id=x&"_s + kPeriod << 422
                                  << QStringList{u"agent_id"_s};
    QTest::addRow("no number id, bad zone")
        << u"supervisor"_s << u"type=whatsapp_number&timezone=Mars/Olympus&"_s + kPeriod << 422
        << QStringList{u"whatsapp_number_id"_s, u"timezone"_s};
    QTest::addRow("no period") << u"supervisor"_s << u"type=summary"_s << 422
                               << QStringList{u"from_date"_s, u"to_date"_s};
    QTest::addRow("reversed period") << u"supervisor"_s << u"type=summary&from_date=2026-11-03&to_date=2026-11-02"_s
                                     << 422 << QStringList{u"to_date"_s};
}

void tst_ReportExports::access()
{
    QFETCH(QString, who);
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QStringList, fields);
    const QByteArray token = who == "agent"_L1 ? m_agentAToken
        : who == "admin"_L1                    ? m_admin
        : who == "none"_L1                     ? QByteArray("")
                                               : m_supervisor;
    const ApiResponse r = get(exportPath(query), token, "en");
    QCOMPARE(r.status, status);
    if (status == 422) {
        QStringList got = r.errorFields();
        got.sort();
        fields.sort();
        QCOMPARE(got, fields);
    }
    if (status == 200 && query.contains(u"format=pdf"_s))
        QVERIFY(r.body.startsWith("%PDF-"));
}

// One row per export that succeeded: who, which report, which format and period, how many rows.
// A refused export is audited as such; an unknown id or a bad parameter leaves nothing.
void tst_ReportExports::audited()
{
    const qint64 mark = m_server.auditMark();
    QCOMPARE(get(exportPath(u"type=campaign&campaign_id=%1&format=excel&timezone=America/Bogota&"_s.arg(m_sales) +
                            kPeriod))
                 .status,
             200);
    QCOMPARE(get(exportPath(u"type=campaign&campaign_id=999999&"_s + kPeriod)).status, 404);
    QCOMPARE(get(exportPath(u"type=campaign&"_s + kPeriod)).status, 422);
    QCOMPARE(get(exportPath(u"type=summary&"_s + kPeriod), m_agentAToken).status, 403);

    const QList<QJsonObject> rows = m_server.auditRowsSince(u"report.export"_s, mark);
    QCOMPARE(rows.size(), 2);
    const QJsonObject refused = rows.at(0);
    QCOMPARE(refused[u"user_id"_s].toInteger(), m_agentA);
    QCOMPARE(refused[u"success"_s].toBool(), false);
    QCOMPARE(refused[u"status_code"_s].toInt(), 403);
    const QJsonObject done = rows.at(1);
    QCOMPARE(done[u"success"_s].toBool(), true);
    QCOMPARE(done[u"entity_type"_s].toString(), u"Report"_s);
    QCOMPARE(done[u"entity_id"_s].toInteger(), m_sales);
    const QJsonObject changes = done[u"changes"_s].toObject();
    QCOMPARE(changes[u"type"_s].toString(), u"campaign"_s);
    QCOMPARE(changes[u"format"_s].toString(), u"xlsx"_s);
    QCOMPARE(changes[u"id"_s].toInteger(), m_sales);
    QCOMPARE(changes[u"rows"_s].toInteger(), 6);
    QCOMPARE(changes[u"period"_s].toObject(),
             (QJsonObject{{u"from"_s, u"2026-11-02T00:00:00-05:00"_s},
                          {u"to"_s, u"2026-11-03T23:59:59-05:00"_s},
                          {u"timezone"_s, u"America/Bogota"_s},
                          {u"granularity"_s, u"day"_s}}));
    QCOMPARE(changes[u"parameters"_s].toObject(),
             (QJsonObject{{u"type"_s, u"campaign"_s},
                          {u"campaign_id"_s, QString::number(m_sales)},
                          {u"format"_s, u"excel"_s},
                          {u"timezone"_s, u"America/Bogota"_s},
                          {u"from_date"_s, u"2026-11-02"_s},
                          {u"to_date"_s, u"2026-11-03"_s}}));
}

// Every format is written to a file in the data dir's tmp/ by the worker and streamed from there
// with its length, then deleted: nothing of an export stays behind, and the server never holds
// the whole file in memory (bench/README.md measures the RSS of a 100,000-conversation export).
void tst_ReportExports::streamedFromDisk()
{
    const QDir tmp(m_server.dataDir() + u"/tmp"_s);
    for (const QString &format : {u"csv"_s, u"xlsx"_s, u"pdf"_s}) {
        const ApiResponse r = get(exportPath(u"type=summary&format=%1&"_s.arg(format) + kPeriod));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.size() > 100);
        QCOMPARE(r.header("Content-Length"), QByteArray::number(r.body.size()));
        QVERIFY(tmp.exists());   // where the worker wrote it
        QTRY_COMPARE(tmp.entryList(QDir::Files | QDir::Hidden).size(), 0);
    }
}

QTEST_MAIN(tst_ReportExports)
#include "tst_report_exports.moc"
