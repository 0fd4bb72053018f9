#include "JsonWriter.h"

#include "core/PageRequest.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Conversa::Server {

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.isEmpty()) {
        if (m_first.last())
            m_first.last() = false;
        else
            m_out.append(',');
    }
}

JsonWriter &JsonWriter::beginObject()
{
    separate();
    m_out.append('{');
    m_first.append(true);
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    m_out.append('}');
    m_first.removeLast();
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    separate();
    m_out.append('[');
    m_first.append(true);
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    m_out.append(']');
    m_first.removeLast();
    return *this;
}

JsonWriter &JsonWriter::key(const char *name)
{
    separate();
    m_out.append('"').append(name).append("\":");
    m_afterKey = true;
    return *this;
}

void JsonWriter::appendString(QByteArray &out, const QString &s)
{
    // Straight from UTF-16 into the output, escaping as it goes: no UTF-8 copy of each string.
    static const char hex[] = "0123456789abcdef";
    const qsizetype start = out.size();
    out.resize(start + 2 + s.size() * 6);   // the worst case: every unit written as \u00XX
    char *p = out.data() + start;
    *p++ = '"';
    const char16_t *u = reinterpret_cast<const char16_t *>(s.utf16());
    const char16_t *const end = u + s.size();
    for (; u < end; ++u) {
        const char16_t c = *u;
        if (c < 0x80) {
            switch (c) {
            case '"':
                *p++ = '\\';
                *p++ = '"';
                break;
            case '\\':
                *p++ = '\\';
                *p++ = '\\';
                break;
            case '\n':
                *p++ = '\\';
                *p++ = 'n';
                break;
            case '\r':
                *p++ = '\\';
                *p++ = 'r';
                break;
            case '\t':
                *p++ = '\\';
                *p++ = 't';
                break;
            default:
                if (c < 0x20) {
                    *p++ = '\\';
                    *p++ = 'u';
                    *p++ = '0';
                    *p++ = '0';
                    *p++ = hex[c >> 4];
                    *p++ = hex[c & 0xf];
                } else {
                    *p++ = char(c);
                }
            }
        } else if (c < 0x800) {
            *p++ = char(0xc0 | (c >> 6));
            *p++ = char(0x80 | (c & 0x3f));
        } else if (QChar::isHighSurrogate(c) && u + 1 < end && QChar::isLowSurrogate(u[1])) {
            const char32_t cp = QChar::surrogateToUcs4(c, u[1]);
            ++u;
            *p++ = char(0xf0 | (cp >> 18));
            *p++ = char(0x80 | ((cp >> 12) & 0x3f));
            *p++ = char(0x80 | ((cp >> 6) & 0x3f));
            *p++ = char(0x80 | (cp & 0x3f));
        } else if (QChar::isSurrogate(c)) {
            *p++ = '?';   // a lone surrogate is no character: written as QString::toUtf8 writes it
        } else {
            *p++ = char(0xe0 | (c >> 12));
            *p++ = char(0x80 | ((c >> 6) & 0x3f));
            *p++ = char(0x80 | (c & 0x3f));
        }
    }
    *p++ = '"';
    out.truncate(p - out.constData());
}

JsonWriter &JsonWriter::value(const QString &s)
{
    separate();
    appendString(m_out, s);
    return *this;
}

JsonWriter &JsonWriter::value(const char *s)
{
    return value(QString::fromUtf8(s));
}

JsonWriter &JsonWriter::value(qint64 n)
{
    separate();
    m_out.append(QByteArray::number(n));
    return *this;
}

JsonWriter &JsonWriter::value(double d)
{
    separate();
    m_out.append(QByteArray::number(d, 'g', 15));
    return *this;
}

JsonWriter &JsonWriter::value(bool b)
{
    separate();
    m_out.append(b ? "true" : "false");
    return *this;
}

JsonWriter &JsonWriter::null()
{
    separate();
    m_out.append("null");
    return *this;
}

JsonWriter &JsonWriter::json(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Object: return raw(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array: return raw(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::String: return value(v.toString());
    case QJsonValue::Bool: return value(v.toBool());
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == double(qint64(d)))
            return value(qint64(d));
        return value(d);
    }
    default: return null();
    }
}

JsonWriter &JsonWriter::raw(const QByteArray &jsonText)
{
    separate();
    m_out.append(jsonText);
    return *this;
}

JsonWriter &JsonWriter::stringOrNull(const char *name, const QString &s)
{
    key(name);
    return s.isNull() ? null() : value(s);
}

JsonWriter &JsonWriter::timeOrNull(const char *name, qint64 epochSeconds)
{
    key(name);
    if (epochSeconds <= 0)
        return null();
    separate();
    m_out.append('"');
    appendIsoTime(m_out, epochSeconds);
    m_out.append('"');
    return *this;
}

JsonWriter &JsonWriter::pageMeta(const PageRequest &page, qint64 total)
{
    key("meta").beginObject();
    field("current_page", page.page).field("per_page", page.limit).field("total", total);
    field("total_pages", (total + page.limit - 1) / page.limit);
    return endObject();
}

void appendIsoTime(QByteArray &out, qint64 epochSeconds)
{
    // The proleptic Gregorian date of a day count (H. Hinnant's days-to-civil): QDateTime's
    // toString formats through QString::asprintf, a tenth of a chat list's time.
    const qint64 days = epochSeconds >= 0 ? epochSeconds / 86400 : (epochSeconds - 86399) / 86400;
    const qint64 secondOfDay = epochSeconds - days * 86400;
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 dayOfEra = z - era * 146097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 mp = (5 * dayOfYear + 2) / 153;
    const int day = int(dayOfYear - (153 * mp + 2) / 5 + 1);
    const int month = int(mp < 10 ? mp + 3 : mp - 9);
    const qint64 year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {   // outside ISO 8601's four digits: as Qt writes it
        out.append(QDateTime::fromSecsSinceEpoch(epochSeconds, Qt::UTC).toString(Qt::ISODate).toLatin1());
        return;
    }
    char text[20];
    auto two = [](char *at, int v) {
        at[0] = char('0' + v / 10);
        at[1] = char('0' + v % 10);
    };
    two(text, int(year / 100));
    two(text + 2, int(year % 100));
    text[4] = '-';
    two(text + 5, month);
    text[7] = '-';
    two(text + 8, day);
    text[10] = 'T';
    two(text + 11, int(secondOfDay / 3600));
    text[13] = ':';
    two(text + 14, int(secondOfDay / 60 % 60));
    text[16] = ':';
    two(text + 17, int(secondOfDay % 60));
    out.append(text, 19).append('Z');
}

QString isoTime(qint64 epochSeconds)
{
    QByteArray text;
    appendIsoTime(text, epochSeconds);
    return QString::fromLatin1(text);
}

JsonWriter &JsonWriter::textOrNull(const char *name, const QString &s)
{
    key(name);
    return s.isEmpty() ? null() : value(s);
}

QJsonValue JsonWriter::textOrNullValue(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

}   // namespace Conversa::Server
