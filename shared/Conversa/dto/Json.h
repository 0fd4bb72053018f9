#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace Conversa {

// The keys a DTO was read from. The server answers the same entity in several shapes (a list item,
// the detail, a summary inside another entity), so toJson() writes back exactly the keys that were
// read; a DTO built in code has none recorded and writes every field.
using WireKeys = QSet<QString>;

namespace Json {

// Times on the wire: ISO 8601 UTC with "Z", whole seconds.
QDateTime parseTime(const QJsonValue &v);
QJsonValue timeValue(const QDateTime &t);   // null for an invalid time

// Reads typed fields and records which keys were present. Absent and null fields read as the
// type's empty value (nullopt, invalid QDateTime, 0, false).
class Reader {
public:
    Reader(const QJsonObject &object, WireKeys &keys);

    QJsonValue raw(const QString &key) const;
    QString string(const QString &key) const;
    std::optional<QString> optString(const QString &key) const;
    qint64 integer(const QString &key) const;
    std::optional<qint64> optInteger(const QString &key) const;
    std::optional<double> optNumber(const QString &key) const;
    bool boolean(const QString &key) const;
    QDateTime time(const QString &key) const;
    QStringList strings(const QString &key) const;
    QJsonObject object(const QString &key) const;                     // {} when absent or null
    std::optional<QJsonObject> optObject(const QString &key) const;   // nullopt when absent or null

    template <class T>
    QList<T> list(const QString &key) const
    {
        QList<T> out;
        const QJsonArray array = raw(key).toArray();
        out.reserve(array.size());
        for (const QJsonValue &v : array)
            out.append(T::fromJson(v.toObject()));
        return out;
    }
    template <class T>
    std::optional<T> nested(const QString &key) const
    {
        const QJsonValue v = raw(key);
        if (!v.isObject())
            return std::nullopt;
        return T::fromJson(v.toObject());
    }

private:
    const QJsonObject &m_object;
    WireKeys &m_keys;
};

// Writes the fields back, skipping the keys the DTO was not read from (see WireKeys).
class Writer {
public:
    explicit Writer(const WireKeys &keys) : m_keys(keys) {}

    void put(const QString &key, const QJsonValue &value);
    void put(const QString &key, const QString &value) { put(key, QJsonValue(value)); }
    void put(const QString &key, const char16_t *value) = delete;
    void put(const QString &key, qint64 value) { put(key, QJsonValue(value)); }
    void put(const QString &key, int value) { put(key, QJsonValue(value)); }
    void put(const QString &key, bool value) { put(key, QJsonValue(value)); }
    void put(const QString &key, const QDateTime &value) { put(key, timeValue(value)); }
    void put(const QString &key, const QStringList &value) { put(key, QJsonValue(QJsonArray::fromStringList(value))); }
    void put(const QString &key, const QJsonObject &value) { put(key, QJsonValue(value)); }
    void put(const QString &key, const std::optional<QString> &value)
    {
        put(key, value ? QJsonValue(*value) : QJsonValue());
    }
    void put(const QString &key, const std::optional<qint64> &value)
    {
        put(key, value ? QJsonValue(*value) : QJsonValue());
    }
    void put(const QString &key, const std::optional<double> &value)
    {
        put(key, value ? QJsonValue(*value) : QJsonValue());
    }
    void put(const QString &key, const std::optional<QJsonObject> &value)
    {
        put(key, value ? QJsonValue(*value) : QJsonValue());
    }

    template <class T>
    void putList(const QString &key, const QList<T> &items)
    {
        QJsonArray array;
        for (const T &item : items)
            array.append(item.toJson());
        put(key, QJsonValue(array));
    }
    template <class T>
    void putNested(const QString &key, const std::optional<T> &item)
    {
        put(key, item ? QJsonValue(item->toJson()) : QJsonValue());
    }

    QJsonObject result() const { return m_object; }

private:
    const WireKeys &m_keys;
    QJsonObject m_object;
};

}   // namespace Json
}   // namespace Conversa
