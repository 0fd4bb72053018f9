#include "CsvWriter.h"

#include <QLocale>

namespace Conversa::Server {

CsvWriter::CsvWriter(Options options) : m_options(options)
{
    if (m_options.byteOrderMark)
        m_out.append("\xEF\xBB\xBF");
}

QByteArray CsvWriter::cell(const QString &value, bool guardFormulas)
{
    QByteArray utf8 = value.toUtf8();
    if (guardFormulas && !utf8.isEmpty()) {
        const char first = utf8.front();
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
            utf8.prepend('\'');
    }
    bool needsQuotes = false;
    for (const char c : std::as_const(utf8)) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            needsQuotes = true;
            break;
        }
    }
    if (!needsQuotes)
        return utf8;
    QByteArray quoted;
    quoted.reserve(utf8.size() + 8);
    quoted.append('"');
    for (const char c : std::as_const(utf8)) {
        if (c == '"')
            quoted.append('"');
        quoted.append(c);
    }
    quoted.append('"');
    return quoted;
}

void CsvWriter::separate()
{
    if (m_rowStarted)
        m_out.append(',');
    m_rowStarted = true;
}

CsvWriter &CsvWriter::text(const QString &value)
{
    separate();
    m_out.append(cell(value, m_options.guardFormulas));
    return *this;
}

CsvWriter &CsvWriter::number(qint64 value)
{
    separate();
    m_out.append(QByteArray::number(value));
    return *this;
}

CsvWriter &CsvWriter::decimal(double value)
{
    separate();
    m_out.append(QByteArray::number(value, 'g', QLocale::FloatingPointShortest));
    return *this;
}

CsvWriter &CsvWriter::boolean(bool value)
{
    separate();
    m_out.append(value ? "true" : "false");
    return *this;
}

CsvWriter &CsvWriter::empty()
{
    separate();
    return *this;
}

CsvWriter &CsvWriter::endRow()
{
    m_out.append("\r\n");
    m_rowStarted = false;
    ++m_rows;
    return *this;
}

CsvWriter &CsvWriter::row(const QStringList &cells)
{
    for (const QString &c : cells)
        text(c);
    return endRow();
}

}   // namespace Conversa::Server
