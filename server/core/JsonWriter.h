#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QVarLengthArray>

namespace Conversa::Server {

struct PageRequest;

// Streams JSON text straight into a byte array. Hot list routes use it instead of QJsonObject,
// which costs several times more per row. Keys are ASCII literals.
class JsonWriter {
public:
    explicit JsonWriter(qsizetype reserve = 1024) { m_out.reserve(reserve); }

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    JsonWriter &key(const char *name);

    JsonWriter &value(const QString &s);
    JsonWriter &value(const char *s);
    JsonWriter &value(qint64 n);
    JsonWriter &value(int n) { return value(qint64(n)); }
    JsonWriter &value(double d);
    JsonWriter &value(bool b);
    JsonWriter &null();
    JsonWriter &json(const QJsonValue &v);         // any QJsonValue, serialised compactly
    JsonWriter &raw(const QByteArray &jsonText);   // already-serialised JSON

    // Convenience: key + value; a null QString or an id <= 0 given to *OrNull writes null.
    template <typename T>
    JsonWriter &field(const char *name, const T &v)
    {
        return key(name).value(v);
    }
    JsonWriter &stringOrNull(const char *name, const QString &s);
    JsonWriter &timeOrNull(const char *name, qint64 epochSeconds);   // ISO 8601 UTC or null
    // Optional texts are stored as NULL when empty and answered as null.
    JsonWriter &textOrNull(const char *name, const QString &s);
    static QJsonValue textOrNullValue(const QString &s);
    // "meta": {current_page, per_page, total, total_pages} of a list answer.
    JsonWriter &pageMeta(const PageRequest &page, qint64 total);

    QByteArray take() { return std::move(m_out); }
    const QByteArray &data() const { return m_out; }

    static void appendString(QByteArray &out, const QString &s);

private:
    void separate();

    QByteArray m_out;
    QVarLengthArray<bool, 16> m_first;   // per open container: no element written yet
    bool m_afterKey = false;
};

QString isoTime(qint64 epochSeconds);   // 2025-11-14T10:00:00Z
void appendIsoTime(QByteArray &out, qint64 epochSeconds);

}   // namespace Conversa::Server
