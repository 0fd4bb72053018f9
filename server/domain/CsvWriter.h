#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Conversa::Server {

// Writes CSV as RFC 4180 describes it: comma-separated cells, CRLF after every record, a cell
// quoted when it holds a comma, a double quote, CR or LF, and quotes inside doubled. Output is
// UTF-8, by default behind a byte-order mark so that spreadsheet apps (Excel) detect the encoding.
//
// Formula-injection guard (on by default, OWASP "CSV injection"): a text cell starting with
// '=', '+', '-', '@', TAB or CR would run as a formula when the file is opened in a spreadsheet,
// so it gets a leading apostrophe ("=1+2" becomes "'=1+2"). Numbers and booleans written with
// number()/decimal()/boolean() are never altered, so -5 stays -5; text that merely looks numeric does.
//
//   CsvWriter csv;
//   csv.row({u"id"_s, u"name"_s});
//   csv.number(7).text(u"Pérez, Juan"_s).endRow();
//   QByteArray bytes = csv.take();
class CsvWriter {
public:
    struct Options {
        bool byteOrderMark = true;
        bool guardFormulas = true;
    };

    CsvWriter() : CsvWriter(Options{}) {}
    explicit CsvWriter(Options options);

    CsvWriter &text(const QString &value);   // a null or empty QString is an empty cell
    CsvWriter &number(qint64 value);
    CsvWriter &decimal(double value);   // shortest exact form: 33.3, 4, 0.25
    CsvWriter &boolean(bool value);     // true / false
    CsvWriter &empty();
    CsvWriter &endRow();
    CsvWriter &row(const QStringList &cells);   // text cells, then endRow()

    qsizetype rows() const { return m_rows; }
    qsizetype size() const { return m_out.size(); }
    QByteArray take() { return std::move(m_out); }

    // One cell as it appears in the file (guarded, quoted if needed), without separators.
    static QByteArray cell(const QString &value, bool guardFormulas = true);

private:
    void separate();

    Options m_options;
    QByteArray m_out;
    bool m_rowStarted = false;
    qsizetype m_rows = 0;
};

}   // namespace Conversa::Server
