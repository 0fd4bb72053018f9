#include "Json.h"

namespace Conversa::Json {

QDateTime parseTime(const QJsonValue &v)
{
    if (!v.isString())
        return {};
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

QJsonValue timeValue(const QDateTime &t)
{
    if (!t.isValid())
        return QJsonValue();
    return t.toUTC().toString(Qt::ISODate);
}

Reader::Reader(const QJsonObject &object, WireKeys &keys) : m_object(object), m_keys(keys)
{
    const QStringList present = object.keys();
    m_keys = WireKeys(present.begin(), present.end());
}

QJsonValue Reader::raw(const QString &key) const
{
    return m_object.value(key);
}

QString Reader::string(const QString &key) const
{
    return raw(key).toString();
}

std::optional<QString> Reader::optString(const QString &key) const
{
    const QJsonValue v = raw(key);
    if (!v.isString())
        return std::nullopt;
    return v.toString();
}

qint64 Reader::integer(const QString &key) const
{
    return raw(key).toInteger();
}

std::optional<qint64> Reader::optInteger(const QString &key) const
{
    const QJsonValue v = raw(key);
    if (!v.isDouble())
        return std::nullopt;
    return v.toInteger();
}

std::optional<double> Reader::optNumber(const QString &key) const
{
    const QJsonValue v = raw(key);
    if (!v.isDouble())
        return std::nullopt;
    return v.toDouble();
}

bool Reader::boolean(const QString &key) const
{
    return raw(key).toBool();
}

QDateTime Reader::time(const QString &key) const
{
    return parseTime(raw(key));
}

QStringList Reader::strings(const QString &key) const
{
    QStringList out;
    const QJsonArray array = raw(key).toArray();
    for (const QJsonValue &v : array)
        out.append(v.toString());
    return out;
}

QJsonObject Reader::object(const QString &key) const
{
    return raw(key).toObject();
}

std::optional<QJsonObject> Reader::optObject(const QString &key) const
{
    const QJsonValue v = raw(key);
    if (!v.isObject())
        return std::nullopt;
    return v.toObject();
}

void Writer::put(const QString &key, const QJsonValue &value)
{
    if (m_keys.isEmpty() || m_keys.contains(key))
        m_object.insert(key, value);
}

}   // namespace Conversa::Json
