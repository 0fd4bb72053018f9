#include "ClientImport.h"

#include "Multipart.h"

#include "core/Validator.h"
#include "domain/PhoneNumbers.h"
#include "store/ClientStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcImport, "conversa.server.clients.import")

using namespace Qt::StringLiterals;

namespace ClientImport {

namespace {

constexpr int kProgressEvery = 1000;
constexpr int kMaxCustomFields = 50;
constexpr int kMaxCustomValue = 1000;
constexpr int kMaxTag = 50;

// Text columns an import sets, with their length limits.
struct TextColumn {
    const char *name;
    int maxLength;
    QString Client::*member;
};
const TextColumn kTextColumns[] = {
    {"first_name", 100, &Client::firstName}, {"last_name", 100, &Client::lastName},
    {"company", 150, &Client::company},      {"city", 100, &Client::city},
    {"country", 100, &Client::country},      {"address", 255, &Client::address},
    {"segment", 50, &Client::segment},       {"notes", 5000, &Client::notes},
};

// Written by the export but not set by an import: never taken for custom fields.
const QSet<QString> &ignoredColumns()
{
    static const QSet<QString>
        names{u"id"_s,         u"lead_score"_s, u"ltv"_s,         u"total_purchases"_s, u"last_purchase_at"_s,
              u"is_blocked"_s, u"opt_in"_s,     u"total_chats"_s, u"last_contact_at"_s, u"created_at"_s,
              u"updated_at"_s};
    return names;
}

// RFC 4180 records out of decoded text; counts file lines so errors name the line a record starts on.
class CsvReader {
public:
    CsvReader(QStringView text, QChar separator) : m_text(text), m_separator(separator) {}

    bool next(Record &record)
    {
        const qsizetype n = m_text.size();
        if (m_pos >= n)
            return false;
        record.line = m_line;
        record.cells.clear();
        QString cell;
        bool quoted = false;
        bool wasQuoted = false;
        while (m_pos < n) {
            const QChar c = m_text[m_pos++];
            if (quoted) {
                if (c == u'"') {
                    if (m_pos < n && m_text[m_pos] == u'"') {
                        cell += u'"';
                        ++m_pos;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == u'\n' || (c == u'\r' && !(m_pos < n && m_text[m_pos] == u'\n')))
                        ++m_line;
                    cell += c;
                }
            } else if (c == u'"' && !wasQuoted && cell.trimmed().isEmpty()) {
                quoted = wasQuoted = true;
                cell.clear();
            } else if (c == m_separator) {
                record.cells.append(finished(cell));
                cell.clear();
                wasQuoted = false;
            } else if (c == u'\r' || c == u'\n') {
                if (c == u'\r' && m_pos < n && m_text[m_pos] == u'\n')
                    ++m_pos;
                ++m_line;
                break;
            } else {
                cell += c;
            }
        }
        record.cells.append(finished(cell));
        return true;
    }

private:
    // Trimmed, and without the apostrophe CsvWriter puts before formula-like text, so that an
    // export imports back as it was.
    static QString finished(const QString &cell)
    {
        QString s = cell.trimmed();
        if (s.size() > 1 && s.front() == u'\'' && QStringView(u"=+-@").contains(s[1]))
            s.remove(0, 1);
        return s;
    }

    QStringView m_text;
    QChar m_separator;
    qsizetype m_pos = 0;
    int m_line = 1;
};

// Whichever of ',' and ';' the header line holds more of (outside quotes); ',' on a tie.
QChar detectSeparator(QStringView text)
{
    int commas = 0;
    int semicolons = 0;
    bool quoted = false;
    for (const QChar c : text) {
        if (c == u'"')
            quoted = !quoted;
        else if (!quoted && (c == u'\n' || c == u'\r'))
            break;
        else if (!quoted && c == u',')
            ++commas;
        else if (!quoted && c == u';')
            ++semicolons;
    }
    return semicolons > commas ? u';' : u',';
}

QString normalizedHeader(const QString &name)
{
    QString s = name.simplified().toLower();
    s.replace(u' ', u'_');
    s.replace(u'-', u'_');
    return s;
}

bool isBlank(const Record &r)
{
    for (const QString &c : r.cells) {
        if (!c.isEmpty())
            return false;
    }
    return true;
}

// One record applied to `client` (a new one or a copy of the existing one); problems go to errors.
void applyRecord(const Table &table, const Record &record, Client &client, QStringList &tags, QList<RowError> &errors)
{
    const auto fail = [&](const QString &field, const char *message, QStringList args = {}) {
        errors.append(RowError{record.line, field, message, std::move(args)});
    };
    for (qsizetype i = 0; i < table.header.size() && i < record.cells.size(); ++i) {
        const QString &column = table.header[i];
        const QString &cell = record.cells[i];
        if (cell.isEmpty() || column.isEmpty() || column == "phone_number"_L1 || ignoredColumns().contains(column))
            continue;
        bool known = false;
        for (const TextColumn &text : kTextColumns) {
            if (column == QLatin1StringView(text.name)) {
                known = true;
                if (cell.size() > text.maxLength)
                    fail(column, QT_TRANSLATE_NOOP("Api", "Must be at most %1 characters"),
                         {QString::number(text.maxLength)});
                else
                    client.*text.member = cell;
            }
        }
        if (known)
            continue;
        if (column == "email"_L1) {
            if (Validator::isEmail(cell))
                client.email = cell.toLower();
            else
                fail(column, QT_TRANSLATE_NOOP("Api", "Must be a valid email address"));
        } else if (column == "lead_status"_L1) {
            const QString status = cell.toLower();
            if (ClientStore::leadStatuses().contains(status))
                client.leadStatus = status;
            else
                fail(column, QT_TRANSLATE_NOOP("Api", "Must be one of: %1"),
                     {ClientStore::leadStatuses().join(u", "_s)});
        } else if (column == "tags"_L1) {
            for (const QString &raw : cell.split(QRegularExpression(u"[|;]"_s))) {
                const QString tag = ClientStore::normalizeTag(raw);
                if (tag.isEmpty())
                    continue;
                if (tag.size() > kMaxTag)
                    fail(column, QT_TRANSLATE_NOOP("Api", "Must be at most %1 characters"), {QString::number(kMaxTag)});
                else if (tag.contains(u'/'))
                    fail(column, QT_TRANSLATE_NOOP("Api", "A tag must not contain a slash"));
                else if (!tags.contains(tag))
                    tags.append(tag);
            }
        } else if (column == "custom_fields"_L1) {
            // The export writes custom fields as one JSON object: merged back.
            const QJsonObject object = QJsonDocument::fromJson(cell.toUtf8()).object();
            bool scalars = !object.isEmpty();
            for (auto it = object.begin(); it != object.end(); ++it)
                scalars = scalars && !it.value().isObject() && !it.value().isArray();
            if (!scalars) {
                fail(column, QT_TRANSLATE_NOOP("Api", "Must be a JSON object of text, number or true/false values"));
                continue;
            }
            for (auto it = object.begin(); it != object.end(); ++it)
                client.customFields.insert(it.key(), it.value());
        } else {
            const QString key = table.rawHeader[i].trimmed();
            if (cell.size() > kMaxCustomValue)
                fail(key, QT_TRANSLATE_NOOP("Api", "Must be at most %1 characters"),
                     {QString::number(kMaxCustomValue)});
            else
                client.customFields.insert(key, cell);
        }
    }
    if (client.customFields.size() > kMaxCustomFields)
        fail(u"custom_fields"_s, QT_TRANSLATE_NOOP("Api", "At most %1 custom fields"),
             {QString::number(kMaxCustomFields)});
}

}   // namespace

Result<QByteArray> extractFile(const QByteArray &contentType, const QByteArray &body)
{
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    if (type == "text/csv" || type == "application/csv")
        return body;
    if (type != "multipart/form-data")
        return ApiError::badRequest(
            QT_TRANSLATE_NOOP("Api", "The body must be multipart/form-data with a file part, or text/csv"));
    const std::optional<QByteArray> boundary = Multipart::boundaryOf(contentType);
    if (!boundary)
        return ApiError::badRequest(QT_TRANSLATE_NOOP("Api", "The multipart body has no boundary"));
    const std::optional<QList<Multipart::Part>> parts = Multipart::parse(body, *boundary);
    if (!parts)
        return ApiError::badRequest(QT_TRANSLATE_NOOP("Api", "The multipart body is malformed"));
    for (const Multipart::Part &part : *parts) {
        if (part.name == "file"_L1)
            return part.body;
    }
    return ApiError::validation(u"file"_s, QT_TRANSLATE_NOOP("Api", "A CSV file is required"));
}

Result<Table> parse(const QByteArray &csv, bool headerOnly)
{
    QByteArrayView bytes(csv);
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.sliced(3);
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(headerOnly ? bytes.first(qMin<qsizetype>(bytes.size(), 64 * 1024)) : bytes);
    // A header cut at 64 KiB may end inside a character: only a full decode may fail the file.
    if (decoder.hasError() && !headerOnly)
        return ApiError::validation(u"file"_s, QT_TRANSLATE_NOOP("Api", "The file must be UTF-8 text"));

    CsvReader reader(text, detectSeparator(text));
    Table table;
    Record record;
    if (!reader.next(record) || isBlank(record))
        return ApiError::validation(u"file"_s, QT_TRANSLATE_NOOP("Api", "The file must start with a header row"));
    table.rawHeader = record.cells;
    for (const QString &name : std::as_const(record.cells))
        table.header.append(normalizedHeader(name));
    if (!table.header.contains(u"phone_number"_s))
        return ApiError::validation(u"file"_s, QT_TRANSLATE_NOOP("Api", "The header must name a phone_number column"));
    if (headerOnly)
        return table;
    while (reader.next(record)) {
        if (!isBlank(record))
            table.records.append(record);
    }
    return table;
}

Result<Summary> run(ClientStore &store, const Table &table, const QString &defaultRegion, qint64 now)
{
    const qsizetype phoneColumn = table.header.indexOf(u"phone_number"_s);
    // Every number normalised first, so existing clients are looked up in a few batched queries.
    QList<QString> phones(table.records.size());
    QStringList lookup;
    for (qsizetype i = 0; i < table.records.size(); ++i) {
        const QStringList &cells = table.records[i].cells;
        const QString raw = phoneColumn < cells.size() ? cells[phoneColumn] : QString();
        if (raw.isEmpty())
            continue;
        if (const auto e164 = PhoneNumbers::toE164(raw, defaultRegion)) {
            phones[i] = *e164;
            lookup.append(*e164);
        }
    }
    lookup.removeDuplicates();
    Result<QHash<QString, Client>> existingResult = store.findByPhones(lookup);
    if (!existingResult)
        return existingResult.error();
    QHash<QString, Client> &known = *existingResult;

    Summary summary;
    for (qsizetype i = 0; i < table.records.size(); ++i) {
        const Record &record = table.records[i];
        if (i > 0 && i % kProgressEvery == 0)
            qCInfo(lcImport) << "import:" << i << "of" << table.records.size() << "rows";
        QList<RowError> errors;
        const QString &phone = phones[i];
        const bool rawEmpty = phoneColumn >= record.cells.size() || record.cells[phoneColumn].isEmpty();
        if (rawEmpty)
            errors.append({record.line, u"phone_number"_s, QT_TRANSLATE_NOOP("Api", "This field is required"), {}});
        else if (phone.isEmpty())
            errors.append(
                {record.line, u"phone_number"_s, QT_TRANSLATE_NOOP("Api", "Must be a valid phone number"), {}});

        const auto it = known.constFind(phone);
        const bool exists = !phone.isEmpty() && it != known.cend();
        Client client = exists ? *it : Client{};
        client.phoneNumber = phone;
        QStringList tags;
        applyRecord(table, record, client, tags, errors);
        if (!errors.isEmpty()) {
            summary.errors.append(errors);
            ++summary.skipped;
            continue;
        }

        if (!exists) {
            const Result<qint64> id = store.insert(client, now);
            if (!id)
                return id.error();
            client.id = *id;
            client.createdAt = client.updatedAt = now;
            for (const QString &tag : std::as_const(tags))
                CONVERSA_TRY(store.addTag(client.id, tag, now));
            ++summary.imported;
        } else {
            bool changed = ClientStore::auditFields(*it) != ClientStore::auditFields(client);
            if (changed)
                CONVERSA_TRY(store.update(client, now));
            for (const QString &tag : std::as_const(tags)) {
                const Result<bool> added = store.addTag(client.id, tag, now);
                if (!added)
                    return added.error();
                changed = changed || *added;
            }
            changed ? ++summary.updated : ++summary.skipped;
        }
        known.insert(phone, client);   // a later row with the same number updates this client
    }
    qCInfo(lcImport) << "import done:" << summary.imported << "imported," << summary.updated << "updated,"
                     << summary.skipped << "skipped";
    return summary;
}

}   // namespace ClientImport

}   // namespace Conversa::Server
