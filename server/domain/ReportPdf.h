#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Conversa::Server {

// A report laid out as a PDF by libharu (docs/REPORTS.md#exports): a heading, bar charts, then
// tables, A4 landscape, paginated with each table's header (and title) repeated at the top of
// every page it continues on, and "page i of n" at the foot of each page. Knows nothing of
// reports: every text comes translated and every figure formatted; it only places them.
//
// The built-in Helvetica in WinAnsiEncoding (CP1252): Spanish letters render, anything outside
// CP1252 becomes '?'. Tables wider than the page are split into groups of columns, each repeating
// the table's first keyColumns columns.
class ReportPdf {
public:
    struct Chart {
        QString title;
        QStringList labels;                   // one per bar (x axis)
        QList<std::optional<double>> values;  // none: no bar
        bool labelEveryBar = false;           // every bar's label under it (outcomes), else first and last
    };
    struct Table {
        QString title;
        QStringList header;
        QList<QStringList> rows;
        QList<bool> numeric;   // right-aligned columns
        int keyColumns = 1;    // repeated in each group of columns when the table is too wide
        QString note;          // a line under the table (the list was cut short)
        float maxColumnWidth = 150;   // points; a longer cell is cut with an ellipsis
    };

    QString title;
    QStringList headingLines;   // subject, period, time zone, generated at
    QString pageLabel;          // "Page %1 of %2"
    QString continuedLabel;     // "(continued)"
    QString noDataLabel;        // a chart without values
    QList<Chart> charts;        // side by side under the heading
    QList<Table> tables;

    Result<QByteArray> render() const;

    static QByteArray toWinAnsi(const QString &text);   // CP1252, '?' for what it cannot hold
};

}   // namespace Conversa::Server
