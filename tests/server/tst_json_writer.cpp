// JsonWriter (server/core): its strings and times are what Qt's own serialisers write, for every
// kind of text a chat carries (accents, emoji, control characters, broken surrogates) and for
// every date from 1900 to 9999, and beyond four-digit years it falls back to Qt.
#include "core/JsonWriter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

class tst_JsonWriter : public QObject {
    Q_OBJECT

private slots:
    void stringsAsQtWritesThem_data();
    void stringsAsQtWritesThem();
    void stringsAppendToWhatIsThere();
    void timesAsQtWritesThem();
    void timesAtTheEdges_data();
    void timesAtTheEdges();
    void timeOrNull();
};

void tst_JsonWriter::stringsAsQtWritesThem_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("ascii") << u"Hola, ¿cómo estás?"_s;
    QTest::newRow("quotes and backslashes") << u"say \"hi\" \\ bye /"_s;
    QTest::newRow("line ends and tabs") << u"a\nb\r\nc\td"_s;
    QTest::newRow("control characters") << QString::fromUtf8("\x01\x02\x1f\x7f");
    QTest::newRow("two-byte") << u"Ñandú, José Martínez, Ärger"_s;
    QTest::newRow("three-byte") << u"価格は€20です"_s;
    QTest::newRow("emoji") << u"👍🏽 listo 🎉"_s;
    QTest::newRow("lone high surrogate") << QString(QChar(0xd83d)) + u"x"_s;
    QTest::newRow("lone low surrogate at the end") << u"x"_s + QString(QChar(0xdc4d));
    QTest::newRow("reversed surrogate pair") << QString(QChar(0xdc4d)) + QString(QChar(0xd83d));
}

void tst_JsonWriter::stringsAsQtWritesThem()
{
    QFETCH(QString, text);
    QByteArray ours;
    JsonWriter::appendString(ours, text);
    // QJsonDocument writes a one-element array as ["…"]: its string is what ours must be.
    // Qt escapes DEL where we don't (both valid JSON): there only what a reader gets back counts.
    const QByteArray qt = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    QByteArray expected = qt.mid(1, qt.size() - 2);
    const QJsonDocument back = QJsonDocument::fromJson('[' + ours + ']');
    QVERIFY2(back.isArray(), ours.constData());
    if (QTest::currentDataTag() && QByteArray(QTest::currentDataTag()).contains("surrogate")) {
        // A broken surrogate is no character: written as QString::toUtf8 writes it ('?').
        QCOMPARE(back.array().at(0).toString(), QString::fromUtf8(text.toUtf8()));
        return;
    }
    QCOMPARE(back.array().at(0).toString(), text);
    if (!text.contains(QChar(0x7f)))
        QCOMPARE(ours, expected);
}

void tst_JsonWriter::stringsAppendToWhatIsThere()
{
    QByteArray out = "{\"a\":";
    out.reserve(8);
    JsonWriter::appendString(out, u"ñ\"x"_s);
    QCOMPARE(out, QByteArray("{\"a\":\"\xc3\xb1\\\"x\""));
    JsonWriter w;
    w.beginObject().field("name", u"Ana"_s).field("n", 3).endObject();
    QCOMPARE(w.data(), QByteArray(R"({"name":"Ana","n":3})"));
}

void tst_JsonWriter::timesAsQtWritesThem()
{
    // 1900-01-01 to 9999-12-31, random seconds, plus every day boundary of a leap-year February.
    const qint64 first = QDateTime(QDate(1900, 1, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    const qint64 last = QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59), Qt::UTC).toSecsSinceEpoch();
    QRandomGenerator random(20261207);
    QList<qint64> samples;
    for (int i = 0; i < 20000; ++i)
        samples.append(first + qint64(random.bounded(double(last - first))));
    const qint64 feb2024 = QDateTime(QDate(2024, 2, 27), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    for (qint64 t = feb2024; t < feb2024 + 4 * 86400; t += 3600)
        samples.append(t);
    for (const qint64 t : samples)
        QCOMPARE(isoTime(t), QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODate));
}

void tst_JsonWriter::timesAtTheEdges_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("epoch") << qint64(0) << u"1970-01-01T00:00:00Z"_s;
    QTest::newRow("second before the epoch") << qint64(-1) << u"1969-12-31T23:59:59Z"_s;
    QTest::newRow("2000-02-29") << qint64(951782400) << u"2000-02-29T00:00:00Z"_s;
    QTest::newRow("2100-03-01, no leap day") << qint64(4107542400) << u"2100-03-01T00:00:00Z"_s;
    QTest::newRow("last second of 9999") << qint64(253402300799) << u"9999-12-31T23:59:59Z"_s;
    const qint64 year10000 = 253402300800;
    QTest::newRow("year 10000: Qt's spelling")
        << year10000 << QDateTime::fromSecsSinceEpoch(year10000, Qt::UTC).toString(Qt::ISODate);
}

void tst_JsonWriter::timesAtTheEdges()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(isoTime(seconds), text);
}

void tst_JsonWriter::timeOrNull()
{
    JsonWriter w;
    w.beginObject().timeOrNull("at", 1763114400).timeOrNull("never", 0).endObject();
    QCOMPARE(w.data(), QByteArray(R"({"at":"2025-11-14T10:00:00Z","never":null})"));
}

QTEST_GUILESS_MAIN(tst_JsonWriter)
#include "tst_json_writer.moc"
