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
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = s.toUtf8();
    out.append('"');
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
            if (c < 0x20) {
                out.append("\\u00").append(hex[c >> 4]).append(hex[c & 0xf]);
            } else {
                out.append(ch);
            }
        }
    }
    out.append('"');
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
    return epochSeconds > 0 ? value(isoTime(epochSeconds)) : null();
}

JsonWriter &JsonWriter::pageMeta(const PageRequest &page, qint64 total)
{
    key("meta").beginObject();
    field("current_page", page.page).field("per_page", page.limit).field("total", total);
    field("total_pages", (total + page.limit - 1) / page.limit);
    return endObject();
}

QString isoTime(qint64 epochSeconds)
{
    return QDateTime::fromSecsSinceEpoch(epochSeconds, Qt::UTC).toString(Qt::ISODate);
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
