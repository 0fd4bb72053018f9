#include "ReportPdf.h"

#include <QLoggingCategory>

#include <hpdf.h>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcReportPdf, "conversa.server.reports.pdf")

namespace {

// A4 landscape, in points.
constexpr float kPageWidth = 842;
constexpr float kPageHeight = 595;
constexpr float kMargin = 36;
constexpr float kFooter = 22;   // below the last row: the page's foot
constexpr float kBodySize = 7.5f;
constexpr float kRowHeight = 11;
constexpr float kPadding = 3;
constexpr float kMinColumn = 26;
constexpr int kMeasuredRows = 400;   // rows a column's width is measured on

// CP1252's 0x80-0x9F, the characters Latin-1 has not.
constexpr char16_t kWinAnsiHigh[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                       0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                       0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                       0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

class PdfDocument {
public:
    PdfDocument()
    {
        m_pdf = HPDF_New(&PdfDocument::onError, this);
        if (!m_pdf)
            return;
        HPDF_SetCompressionMode(m_pdf, HPDF_COMP_ALL);
        m_font = HPDF_GetFont(m_pdf, "Helvetica", "WinAnsiEncoding");
        m_bold = HPDF_GetFont(m_pdf, "Helvetica-Bold", "WinAnsiEncoding");
    }
    ~PdfDocument()
    {
        if (m_pdf)
            HPDF_Free(m_pdf);
    }
    bool ok() const { return m_pdf && m_font && m_bold && m_error == HPDF_OK; }

    HPDF_Page newPage()
    {
        HPDF_Page page = HPDF_AddPage(m_pdf);
        HPDF_Page_SetWidth(page, kPageWidth);
        HPDF_Page_SetHeight(page, kPageHeight);
        HPDF_Page_SetLineWidth(page, 0.5f);
        m_pages.append(page);
        m_page = page;
        m_y = kPageHeight - kMargin;
        return page;
    }
    HPDF_Page page() const { return m_page; }
    const QList<HPDF_Page> &pages() const { return m_pages; }
    float y() const { return m_y; }
    void down(float by) { m_y -= by; }
    float bottom() const { return kMargin + kFooter; }

    float width(const QByteArray &text, bool bold, float size) const
    {
        if (text.isEmpty())
            return 0;
        const HPDF_TextWidth w =
            HPDF_Font_TextWidth(bold ? m_bold : m_font, reinterpret_cast<const HPDF_BYTE *>(text.constData()),
                                HPDF_UINT(text.size()));
        return float(w.width) * size / 1000.f;
    }
    // The text cut to fit the width, with an ellipsis when cut.
    QByteArray fit(const QByteArray &text, bool bold, float size, float room) const
    {
        if (width(text, bold, size) <= room)
            return text;
        const float ellipsis = width("\x85", bold, size);
        qsizetype n = text.size();
        while (n > 0 && width(text.left(n), bold, size) + ellipsis > room)
            n = n > 12 ? n - qMax<qsizetype>(1, n / 8) : n - 1;
        return text.left(n) + "\x85";
    }
    void text(float x, float y, const QByteArray &text, bool bold, float size)
    {
        if (text.isEmpty())
            return;
        HPDF_Page_BeginText(m_page);
        HPDF_Page_SetFontAndSize(m_page, bold ? m_bold : m_font, size);
        HPDF_Page_TextOut(m_page, x, y, text.constData());
        HPDF_Page_EndText(m_page);
    }
    // Inside the caller's BeginText/EndText: one text block per table row.
    void textInBlock(HPDF_Page page, float x, float y, const QByteArray &text)
    {
        HPDF_Page_SetFontAndSize(page, m_font, kBodySize);
        HPDF_Page_TextOut(page, x, y, text.constData());
    }
    void textOn(HPDF_Page page, float x, float y, const QByteArray &text, bool bold, float size)
    {
        HPDF_Page keep = m_page;
        m_page = page;
        this->text(x, y, text, bold, size);
        m_page = keep;
    }
    void fill(float x, float y, float w, float h, float gray)
    {
        HPDF_Page_SetGrayFill(m_page, gray);
        HPDF_Page_Rectangle(m_page, x, y, w, h);
        HPDF_Page_Fill(m_page);
        HPDF_Page_SetGrayFill(m_page, 0);
    }
    void fillRgb(float x, float y, float w, float h, float r, float g, float b)
    {
        HPDF_Page_SetRGBFill(m_page, r, g, b);
        HPDF_Page_Rectangle(m_page, x, y, w, h);
        HPDF_Page_Fill(m_page);
        HPDF_Page_SetGrayFill(m_page, 0);
    }
    void line(float x1, float y1, float x2, float y2)
    {
        HPDF_Page_MoveTo(m_page, x1, y1);
        HPDF_Page_LineTo(m_page, x2, y2);
        HPDF_Page_Stroke(m_page);
    }

    Result<QByteArray> save()
    {
        if (!ok() || HPDF_SaveToStream(m_pdf) != HPDF_OK || m_error != HPDF_OK) {
            qCWarning(lcReportPdf) << "libharu error" << Qt::hex << m_error << "detail" << m_detail;
            return ApiError::internal();
        }
        QByteArray out(qsizetype(HPDF_GetStreamSize(m_pdf)), Qt::Uninitialized);
        qsizetype at = 0;
        while (at < out.size()) {
            HPDF_UINT32 n = HPDF_UINT32(out.size() - at);
            const HPDF_STATUS read = HPDF_ReadFromStream(m_pdf, reinterpret_cast<HPDF_BYTE *>(out.data() + at), &n);
            at += n;
            if (read == HPDF_STREAM_EOF || n == 0)
                break;
            if (read != HPDF_OK)
                return ApiError::internal();
        }
        out.truncate(at);
        return out;
    }

private:
    static void onError(HPDF_STATUS error, HPDF_STATUS detail, void *self)
    {
        auto *doc = static_cast<PdfDocument *>(self);
        if (doc->m_error == HPDF_OK) {
            doc->m_error = error;
            doc->m_detail = detail;
        }
    }

    HPDF_Doc m_pdf = nullptr;
    HPDF_Font m_font = nullptr;
    HPDF_Font m_bold = nullptr;
    HPDF_Page m_page = nullptr;
    QList<HPDF_Page> m_pages;
    float m_y = 0;
    HPDF_STATUS m_error = HPDF_OK;
    HPDF_STATUS m_detail = 0;
};

// A number for an axis: whole when it is, else one decimal.
QByteArray axisNumber(double v)
{
    return std::trunc(v) == v ? QByteArray::number(qint64(v)) : QByteArray::number(v, 'f', 1);
}

void drawChart(PdfDocument &doc, const ReportPdf::Chart &chart, const QString &noData, float x, float top, float w,
               float h)
{
    doc.text(x, top - 10, doc.fit(ReportPdf::toWinAnsi(chart.title), true, 9, w), true, 9);
    const float axisRoom = 30;                        // the left axis' numbers
    const float plotX = x + axisRoom;
    const float plotW = w - axisRoom - 4;
    const float plotBottom = top - h + 16;            // the x labels below
    const float plotTop = top - 22;
    const float plotH = plotTop - plotBottom;
    double max = 0;
    bool any = false;
    for (const std::optional<double> &v : chart.values) {
        if (v) {
            any = true;
            max = std::max(max, *v);
        }
    }
    HPDF_Page_SetGrayStroke(doc.page(), 0.4f);
    doc.line(plotX, plotBottom, plotX + plotW, plotBottom);
    doc.line(plotX, plotBottom, plotX, plotTop);
    HPDF_Page_SetGrayStroke(doc.page(), 0);
    if (!any) {
        doc.text(plotX + 8, plotBottom + plotH / 2, ReportPdf::toWinAnsi(noData), false, 8);
        return;
    }
    const QByteArray maxText = axisNumber(max);
    doc.text(plotX - 3 - doc.width(maxText, false, 6.5f), plotTop - 3, maxText, false, 6.5f);
    doc.text(plotX - 3 - doc.width("0", false, 6.5f), plotBottom - 2, "0", false, 6.5f);
    HPDF_Page_SetGrayStroke(doc.page(), 0.85f);
    doc.line(plotX, plotTop, plotX + plotW, plotTop);
    HPDF_Page_SetGrayStroke(doc.page(), 0);

    const qsizetype n = chart.values.size();
    const float slot = plotW / float(qMax<qsizetype>(1, n));
    const float bar = std::max(0.5f, slot * 0.7f);
    for (qsizetype i = 0; i < n; ++i) {
        const std::optional<double> &v = chart.values.at(i);
        const float bx = plotX + slot * float(i) + (slot - bar) / 2;
        if (v && max > 0 && *v > 0) {
            const float bh = float(*v / max) * plotH;
            doc.fillRgb(bx, plotBottom, bar, bh, 0.25f, 0.45f, 0.75f);
            if (chart.labelEveryBar) {
                const QByteArray value = axisNumber(*v);
                doc.text(bx + bar / 2 - doc.width(value, false, 6.5f) / 2, plotBottom + bh + 2, value, false, 6.5f);
            }
        }
        if (chart.labelEveryBar) {
            const QByteArray label = doc.fit(ReportPdf::toWinAnsi(chart.labels.value(i)), false, 6.5f, slot - 2);
            doc.text(bx + bar / 2 - doc.width(label, false, 6.5f) / 2, plotBottom - 9, label, false, 6.5f);
        }
    }
    if (!chart.labelEveryBar && n > 0) {
        const QByteArray first = ReportPdf::toWinAnsi(chart.labels.first());
        const QByteArray last = ReportPdf::toWinAnsi(chart.labels.last());
        doc.text(plotX, plotBottom - 9, first, false, 6.5f);
        if (n > 1)
            doc.text(plotX + plotW - doc.width(last, false, 6.5f), plotBottom - 9, last, false, 6.5f);
    }
}

// Greedy word wrap of a header to the column's width.
QList<QByteArray> wrap(const PdfDocument &doc, const QByteArray &text, float room)
{
    QList<QByteArray> lines;
    QByteArray line;
    for (const QByteArray &word : text.split(' ')) {
        const QByteArray candidate = line.isEmpty() ? word : line + ' ' + word;
        if (!line.isEmpty() && doc.width(candidate, true, kBodySize) > room) {
            lines.append(line);
            line = word;
        } else {
            line = candidate;
        }
    }
    if (!line.isEmpty())
        lines.append(line);
    for (QByteArray &l : lines)
        l = doc.fit(l, true, kBodySize, room);
    return lines;
}

void drawTable(PdfDocument &doc, const ReportPdf::Table &table, const QString &continued)
{
    const qsizetype columns = table.header.size();
    if (columns == 0)
        return;
    const float room = kPageWidth - 2 * kMargin;

    // The cells in CP1252, once.
    QList<QByteArray> header;
    for (const QString &h : table.header)
        header.append(ReportPdf::toWinAnsi(h));
    QList<QList<QByteArray>> rows;
    rows.reserve(table.rows.size());
    for (const QStringList &r : table.rows) {
        QList<QByteArray> row;
        row.reserve(columns);
        for (qsizetype c = 0; c < columns; ++c)
            row.append(ReportPdf::toWinAnsi(r.value(c)));
        rows.append(std::move(row));
    }

    // Widths: the widest cell of the first rows, or the header's longest word, within limits.
    QList<float> widths(columns, kMinColumn);
    for (qsizetype c = 0; c < columns; ++c) {
        float w = 0;
        for (const QByteArray &word : header.at(c).split(' '))
            w = std::max(w, doc.width(word, true, kBodySize));
        for (qsizetype r = 0; r < std::min<qsizetype>(rows.size(), kMeasuredRows); ++r)
            w = std::max(w, doc.width(rows.at(r).at(c), false, kBodySize));
        widths[c] = std::clamp(w + 2 * kPadding, kMinColumn, std::max(kMinColumn, table.maxColumnWidth));
    }
    // Groups of columns that fit the page, each starting with the key columns.
    const qsizetype keys = std::clamp<qsizetype>(table.keyColumns, 0, columns);
    float keyWidth = 0;
    for (qsizetype c = 0; c < keys; ++c)
        keyWidth += widths.at(c);
    QList<QList<qsizetype>> groups;
    QList<qsizetype> group;
    float used = keyWidth;
    for (qsizetype c = keys; c < columns; ++c) {
        if (!group.isEmpty() && used + widths.at(c) > room) {
            groups.append(group);
            group.clear();
            used = keyWidth;
        }
        group.append(c);
        used += widths.at(c);
    }
    if (!group.isEmpty() || groups.isEmpty())
        groups.append(group);

    for (QList<qsizetype> cols : std::as_const(groups)) {
        for (qsizetype c = keys - 1; c >= 0; --c)
            cols.prepend(c);
        float total = 0;
        for (qsizetype c : cols)
            total += widths.at(c);
        const float scale = total > room ? room / total : 1.f;   // the keys alone too wide
        QList<float> w;
        for (qsizetype c : cols)
            w.append(widths.at(c) * scale);
        QList<QList<QByteArray>> headerLines;
        qsizetype lineCount = 1;
        for (qsizetype i = 0; i < cols.size(); ++i) {
            headerLines.append(wrap(doc, header.at(cols.at(i)), w.at(i) - 2 * kPadding));
            lineCount = std::max(lineCount, headerLines.last().size());
        }
        const float headerHeight = float(lineCount) * 9 + 4;
        const float x0 = kMargin;

        bool first = true;
        const auto heading = [&] {
            // Title and header; a new page when not even one row would fit under them.
            if (doc.y() - (16 + headerHeight + kRowHeight) < doc.bottom())
                doc.newPage();
            const QByteArray title = ReportPdf::toWinAnsi(first ? table.title : table.title + u' ' + continued);
            doc.text(x0, doc.y() - 11, title, true, 11);
            doc.down(16);
            doc.fill(x0, doc.y() - headerHeight, std::min(total * scale, room), headerHeight, 0.88f);
            float x = x0;
            for (qsizetype i = 0; i < cols.size(); ++i) {
                float ly = doc.y() - 9;
                for (const QByteArray &l : headerLines.at(i)) {
                    const float tx = table.numeric.value(cols.at(i)) ? x + w.at(i) - kPadding - doc.width(l, true, kBodySize)
                                                                     : x + kPadding;
                    doc.text(tx, ly, l, true, kBodySize);
                    ly -= 9;
                }
                x += w.at(i);
            }
            doc.down(headerHeight);
            first = false;
        };
        heading();
        for (qsizetype r = 0; r < rows.size(); ++r) {
            if (doc.y() - kRowHeight < doc.bottom()) {
                doc.newPage();
                heading();
            }
            if (r % 2 == 1)
                doc.fill(x0, doc.y() - kRowHeight, std::min(total * scale, room), kRowHeight, 0.96f);
            float x = x0;
            HPDF_Page page = doc.page();
            HPDF_Page_BeginText(page);
            for (qsizetype i = 0; i < cols.size(); ++i) {
                const QByteArray cell = doc.fit(rows.at(r).at(cols.at(i)), false, kBodySize, w.at(i) - 2 * kPadding);
                if (!cell.isEmpty()) {
                    const float tx = table.numeric.value(cols.at(i))
                        ? x + w.at(i) - kPadding - doc.width(cell, false, kBodySize)
                        : x + kPadding;
                    doc.textInBlock(page, tx, doc.y() - 8, cell);
                }
                x += w.at(i);
            }
            HPDF_Page_EndText(page);
            doc.down(kRowHeight);
        }
        if (!table.note.isEmpty()) {
            if (doc.y() - 14 < doc.bottom())
                doc.newPage();
            doc.text(x0, doc.y() - 10, ReportPdf::toWinAnsi(table.note), false, 8);
            doc.down(14);
        }
        doc.down(14);
    }
}

}   // namespace

QByteArray ReportPdf::toWinAnsi(const QString &text)
{
    QByteArray out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t u = ch.unicode();
        if ((u >= 0x20 && u < 0x7F) || (u >= 0xA0 && u <= 0xFF)) {
            out.append(char(u));
        } else if (u == u'\t' || u == u'\n' || u == u'\r') {
            out.append(' ');
        } else {
            const auto *hit = std::find(std::begin(kWinAnsiHigh), std::end(kWinAnsiHigh), u);
            out.append(u != 0 && hit != std::end(kWinAnsiHigh) ? char(0x80 + (hit - std::begin(kWinAnsiHigh))) : '?');
        }
    }
    return out;
}

Result<QByteArray> ReportPdf::render() const
{
    PdfDocument doc;
    if (!doc.ok())
        return ApiError::internal();
    doc.newPage();

    // The heading.
    doc.text(kMargin, doc.y() - 16, toWinAnsi(title), true, 16);
    doc.down(24);
    for (const QString &line : headingLines) {
        doc.text(kMargin, doc.y() - 10, toWinAnsi(line), false, 10);
        doc.down(14);
    }
    doc.down(8);

    // The charts, side by side.
    if (!charts.isEmpty()) {
        const float gap = 18;
        const float w = (kPageWidth - 2 * kMargin - gap * float(charts.size() - 1)) / float(charts.size());
        const float h = 170;
        float x = kMargin;
        for (const Chart &chart : charts) {
            drawChart(doc, chart, noDataLabel, x, doc.y(), w, h);
            x += w + gap;
        }
        doc.down(h + 16);
    }

    for (const Table &table : tables)
        drawTable(doc, table, continuedLabel);

    // The foot of every page, now that their number is known.
    const QList<HPDF_Page> pages = doc.pages();
    const QByteArray foot = toWinAnsi(title);
    for (qsizetype i = 0; i < pages.size(); ++i) {
        const QByteArray number =
            toWinAnsi(QString(pageLabel).arg(QString::number(i + 1), QString::number(pages.size())));
        doc.textOn(pages.at(i), kMargin, kMargin - 4, foot, false, 7);
        doc.textOn(pages.at(i), kPageWidth - kMargin - doc.width(number, false, 7), kMargin - 4, number, false, 7);
    }
    return doc.save();
}

}   // namespace Conversa::Server
