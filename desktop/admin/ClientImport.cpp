#include "ClientImport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>

using namespace Qt::StringLiterals;
using Conversa::ApiResult;

namespace {

// The server refuses larger uploads (CONVERSA_MAX_UPLOAD_BYTES' default); said here before sending.
constexpr qint64 kMaxBytes = 16 * 1024 * 1024;
constexpr int kPreviewRows = 5;

// The export's columns the import ignores (server/openapi/paths/clients.yaml): left out by default
// rather than kept as custom fields.
const QStringList
    kIgnoredColumns{u"id"_s,         u"lead_score"_s, u"ltv"_s,         u"total_purchases"_s, u"last_purchase_at"_s,
                    u"is_blocked"_s, u"opt_in"_s,     u"total_chats"_s, u"last_contact_at"_s, u"created_at"_s,
                    u"updated_at"_s};

struct ParsedRecord {
    int line;
    QStringList cells;
};

// RFC 4180: quoted cells may hold the separator, doubled quotes and line breaks. Lines count from 1.
QList<ParsedRecord> parseCsv(const QString &text, QChar separator)
{
    QList<ParsedRecord> records;
    QStringList cells;
    QString cell;
    bool quoted = false;
    bool wasQuoted = false;
    int line = 1;
    int recordLine = 1;
    const auto endRecord = [&] {
        cells.append(cell);
        // A blank line is no record.
        if (!(cells.size() == 1 && cells.first().trimmed().isEmpty() && !wasQuoted))
            records.append({recordLine, cells});
        cells.clear();
        cell.clear();
        wasQuoted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    cell += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                cell += c;
            }
        } else if (c == u'"') {
            quoted = true;
            wasQuoted = true;
        } else if (c == separator) {
            cells.append(cell);
            cell.clear();
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
            endRecord();
            ++line;
            recordLine = line;
        } else {
            cell += c;
        }
    }
    if (!cell.isEmpty() || !cells.isEmpty() || wasQuoted)
        endRecord();
    return records;
}

QString csvCell(const QString &cell)
{
    if (!cell.contains(u',') && !cell.contains(u'"') && !cell.contains(u'\n') && !cell.contains(u'\r'))
        return cell;
    return u'"' + QString(cell).replace(u"\""_s, u"\"\""_s) + u'"';
}

QString csvLine(const QStringList &cells)
{
    QStringList out;
    for (const QString &c : cells)
        out.append(csvCell(c));
    return out.join(u',') + u"\r\n"_s;
}

QString normalisedHeader(const QString &header)
{
    return header.trimmed().toLower().replace(u' ', u'_');
}

}   // namespace

ClientImport::ClientImport(QObject *parent) : QObject(parent) {}

void ClientImport::setApp(AppContext *app)
{
    if (m_app == app)
        return;
    m_app = app;
    emit appChanged();
}

QStringList ClientImport::fields()
{
    return {u"phone_number"_s, u"first_name"_s, u"last_name"_s,    u"email"_s,       u"company"_s,
            u"city"_s,         u"country"_s,    u"address"_s,      u"lead_status"_s, u"segment"_s,
            u"notes"_s,        u"tags"_s,       u"custom_fields"_s};
}

QVariantList ClientImport::previewRows() const
{
    QVariantList rows;
    for (qsizetype i = 0; i < m_records.size() && i < kPreviewRows; ++i)
        rows.append(m_records.at(i).cells);
    return rows;
}

bool ClientImport::load(const QUrl &file)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        setError(tr("Could not read %1").arg(path));
        return false;
    }
    if (in.size() > kMaxBytes) {
        setError(tr("The file is larger than 16 MB"));
        return false;
    }
    return loadData(in.readAll(), QFileInfo(path).fileName());
}

bool ClientImport::loadData(const QByteArray &csv, const QString &fileName)
{
    reset();
    QString text = QString::fromUtf8(csv);
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    // The separator the header line holds more of, as the server decides.
    const QString headerLine = text.section(u'\n', 0, 0);
    const QChar separator = headerLine.count(u';') > headerLine.count(u',') ? u';' : u',';
    QList<ParsedRecord> parsed = parseCsv(text, separator);
    if (parsed.isEmpty()) {
        setError(tr("The file is empty"));
        return false;
    }
    m_fileName = fileName;
    m_headers = parsed.takeFirst().cells;
    for (QString &h : m_headers)
        h = h.trimmed();
    for (const ParsedRecord &r : parsed)
        m_records.append({r.line, r.cells});
    // The server's own reading of the headers: known fields by name, the export's extra columns
    // left out, anything else a custom field.
    const QStringList known = fields();
    for (const QString &h : m_headers) {
        const QString name = normalisedHeader(h);
        if (known.contains(name))   // a second column of the same field is left out
            m_mapping.append(m_mapping.contains(name) ? QString() : name);
        else
            m_mapping.append(kIgnoredColumns.contains(name) || h.isEmpty() ? QString() : u"custom"_s);
    }
    setError({});
    emit loadedChanged();
    emit mappingChanged();
    setStage(Loaded);
    return true;
}

void ClientImport::setColumnField(int column, const QString &field)
{
    if (column < 0 || column >= m_mapping.size() || m_stage == Checking || m_stage == Importing)
        return;
    if (field != u"custom"_s && !field.isEmpty()) {
        for (QString &other : m_mapping) {
            if (other == field)
                other.clear();
        }
    }
    m_mapping[column] = field;
    emit mappingChanged();
    // A new mapping needs a new dry run.
    if (m_stage != Loaded) {
        m_summary.clear();
        m_rowErrors.clear();
        emit resultChanged();
        setStage(Loaded);
    }
}

QByteArray ClientImport::mappedCsv() const
{
    QStringList header;
    for (qsizetype c = 0; c < m_mapping.size(); ++c) {
        if (!m_mapping.at(c).isEmpty())
            header.append(m_mapping.at(c) == u"custom"_s ? m_headers.at(c) : m_mapping.at(c));
    }
    QString out = csvLine(header);
    for (const Record &r : m_records) {
        QStringList cells;
        for (qsizetype c = 0; c < m_mapping.size(); ++c) {
            if (!m_mapping.at(c).isEmpty())
                cells.append(c < r.cells.size() ? r.cells.at(c) : QString());
        }
        out += csvLine(cells);
    }
    return out.toUtf8();
}

void ClientImport::check()
{
    send(true);
}

void ClientImport::run()
{
    send(false);
}

void ClientImport::send(bool dryRun)
{
    if (!m_app || m_stage == Empty || m_stage == Checking || m_stage == Importing)
        return;
    if (!m_mapping.contains(u"phone_number"_s)) {
        setError(tr("Choose the column that holds the phone number"));
        return;
    }
    // The server names rows by the line of the file it gets: the mapped file's lines are mapped
    // back to the loaded file's (a cell with line breaks spans several).
    QHash<int, int> lines;
    int sentLine = 2;
    for (const Record &r : m_records) {
        lines.insert(sentLine, r.line);
        int breaks = 0;
        for (qsizetype c = 0; c < m_mapping.size() && c < r.cells.size(); ++c) {
            if (!m_mapping.at(c).isEmpty())
                breaks += int(r.cells.at(c).count(u'\n'));
        }
        sentLine += 1 + breaks;
    }
    setError({});
    setProgress(0);
    setStage(dryRun ? Checking : Importing);
    const quint64 generation = ++m_generation;
    m_app->api().importClients(
        mappedCsv(), dryRun, this,
        [this, dryRun, generation, lines](const ApiResult<QJsonObject> &r) {
            if (generation != m_generation)
                return;
            if (!r) {
                setError(AppContext::errorText(r.error()));
                setStage(dryRun ? Loaded : Checked);
                return;
            }
            setProgress(1);
            m_summary = QVariantMap{{u"dry_run"_s, dryRun},
                                    {u"imported"_s, r->value(u"imported"_s).toInt()},
                                    {u"updated"_s, r->value(u"updated"_s).toInt()},
                                    {u"skipped"_s, r->value(u"skipped"_s).toInt()}};
            m_rowErrors.clear();
            for (const QJsonValue &v : r->value(u"errors"_s).toArray()) {
                const QJsonObject e = v.toObject();
                const int row = e.value(u"row"_s).toInt();
                m_rowErrors.append(QVariantMap{{u"row"_s, lines.value(row, row)},
                                               {u"field"_s, e.value(u"field"_s).toString()},
                                               {u"error"_s, e.value(u"error"_s).toString()}});
            }
            emit resultChanged();
            setStage(dryRun ? Checked : Done);
            if (!dryRun)
                emit imported();
        },
        [this, generation](qint64 sent, qint64 total) {
            if (generation == m_generation && total > 0)
                setProgress(qreal(sent) / qreal(total));
        });
}

bool ClientImport::saveErrors(const QUrl &file)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    // Each refused row with its reason, then its cells as loaded: fixed, it imports again.
    QString out = csvLine(QStringList{tr("Row"), tr("Field"), tr("Error")} + m_headers);
    for (const QVariant &v : m_rowErrors) {
        const QVariantMap e = v.toMap();
        const int row = e.value(u"row"_s).toInt();
        QStringList cells{QString::number(row), e.value(u"field"_s).toString(), e.value(u"error"_s).toString()};
        for (const Record &r : m_records) {
            if (r.line == row) {
                cells += r.cells;
                break;
            }
        }
        out += csvLine(cells);
    }
    QSaveFile save(path);
    const QByteArray bytes = "\xEF\xBB\xBF" + out.toUtf8();   // a BOM: spreadsheets then read UTF-8
    if (!save.open(QIODevice::WriteOnly) || save.write(bytes) != bytes.size() || !save.commit()) {
        setError(tr("Could not write %1").arg(path));
        return false;
    }
    return true;
}

void ClientImport::reset()
{
    ++m_generation;
    m_fileName.clear();
    m_headers.clear();
    m_records.clear();
    m_mapping.clear();
    m_summary.clear();
    m_rowErrors.clear();
    setProgress(0);
    setError({});
    emit loadedChanged();
    emit mappingChanged();
    emit resultChanged();
    setStage(Empty);
}

void ClientImport::setStage(Stage stage)
{
    if (m_stage == stage)
        return;
    m_stage = stage;
    emit stageChanged();
}

void ClientImport::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorMessageChanged();
}

void ClientImport::setProgress(qreal progress)
{
    if (qFuzzyCompare(m_progress + 1, progress + 1))
        return;
    m_progress = progress;
    emit progressChanged();
}
