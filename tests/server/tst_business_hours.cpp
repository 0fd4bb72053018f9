// BusinessHours: a campaign's opening hours (as CampaignsApi validates them) read in its time zone.
#include "domain/BusinessHours.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

// Monday to Friday 08:00–18:00, Saturday 09:00–13:00, Sunday closed.
const QString kWeek = uR"({"monday":{"start":"08:00","end":"18:00"},"tuesday":{"start":"08:00","end":"18:00"},
"wednesday":{"start":"08:00","end":"18:00"},"thursday":{"start":"08:00","end":"18:00"},
"friday":{"start":"08:00","end":"18:00"},"saturday":{"start":"09:00","end":"13:00"},"sunday":null})"_s;

QDateTime utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate);
}

}   // namespace

class tst_BusinessHours : public QObject {
    Q_OBJECT

private slots:
    void isOpen_data();
    void isOpen();
    void jsonValue();
};

void tst_BusinessHours::isOpen_data()
{
    QTest::addColumn<QString>("hours");
    QTest::addColumn<QString>("timeZone");
    QTest::addColumn<QString>("at");   // UTC
    QTest::addColumn<bool>("open");

    // 2026-11-23 is a Monday. Bogotá is UTC-5 all year.
    QTest::addRow("null-always-open") << QString() << u"America/Bogota"_s << u"2026-11-22T03:00:00Z"_s << true;
    QTest::addRow("monday-inside") << kWeek << u"America/Bogota"_s << u"2026-11-23T14:00:00Z"_s << true;     // 09:00
    QTest::addRow("monday-at-start") << kWeek << u"America/Bogota"_s << u"2026-11-23T13:00:00Z"_s << true;   // 08:00
    QTest::addRow("monday-before") << kWeek << u"America/Bogota"_s << u"2026-11-23T12:59:00Z"_s << false;    // 07:59
    QTest::addRow("monday-at-end") << kWeek << u"America/Bogota"_s << u"2026-11-23T23:00:00Z"_s << false;    // 18:00
    QTest::addRow("monday-late-utc-is-bogota-monday")
        << kWeek << u"America/Bogota"_s << u"2026-11-23T22:59:00Z"_s << true;   // 17:59
    QTest::addRow("same-instant-in-utc-closed") << kWeek << u"UTC"_s << u"2026-11-23T22:59:00Z"_s << false;
    QTest::addRow("tuesday-utc-but-monday-night-bogota")
        << kWeek << u"America/Bogota"_s << u"2026-11-24T02:00:00Z"_s << false;   // Mon 21:00
    QTest::addRow("saturday-morning") << kWeek << u"America/Bogota"_s << u"2026-11-28T15:00:00Z"_s << true;   // 10:00
    QTest::addRow("saturday-afternoon") << kWeek << u"America/Bogota"_s << u"2026-11-28T19:00:00Z"_s << false;
    QTest::addRow("sunday-null-closed") << kWeek << u"America/Bogota"_s << u"2026-11-29T15:00:00Z"_s << false;
    QTest::addRow("day-left-out-closed") << uR"({"monday":{"start":"08:00","end":"18:00"}})"_s << u"UTC"_s
                                         << u"2026-11-24T10:00:00Z"_s << false;
    QTest::addRow("all-days-null-closed")
        << uR"({"monday":null,"tuesday":null,"wednesday":null,"thursday":null,"friday":null,"saturday":null,"sunday":null})"_s
        << u"UTC"_s << u"2026-11-23T10:00:00Z"_s << false;
    QTest::addRow("madrid-summer-time") << kWeek << u"Europe/Madrid"_s << u"2026-07-06T06:30:00Z"_s
                                        << true;   // 08:30 CEST
    QTest::addRow("madrid-winter-time") << kWeek << u"Europe/Madrid"_s << u"2026-11-23T06:30:00Z"_s
                                        << false;   // 07:30 CET
    QTest::addRow("unknown-zone-is-utc") << kWeek << u"Nowhere/Nothing"_s << u"2026-11-23T08:30:00Z"_s << true;
    QTest::addRow("unparsable-is-open") << u"not json"_s << u"UTC"_s << u"2026-11-29T10:00:00Z"_s << true;
}

void tst_BusinessHours::isOpen()
{
    QFETCH(QString, hours);
    QFETCH(QString, timeZone);
    QFETCH(QString, at);
    QFETCH(bool, open);
    const QDateTime when = utc(at);
    QVERIFY(when.isValid());
    QCOMPARE(BusinessHours::isOpen(hours, timeZone, when), open);
}

void tst_BusinessHours::jsonValue()
{
    const QJsonObject week = QJsonDocument::fromJson(kWeek.toUtf8()).object();
    QVERIFY(!week.isEmpty());
    QVERIFY(BusinessHours::isOpen(QJsonValue(week), u"America/Bogota"_s, utc(u"2026-11-23T14:00:00Z"_s)));
    QVERIFY(!BusinessHours::isOpen(QJsonValue(week), u"America/Bogota"_s, utc(u"2026-11-29T14:00:00Z"_s)));
    QVERIFY(BusinessHours::isOpen(QJsonValue(), u"UTC"_s, utc(u"2026-11-29T14:00:00Z"_s)));
}

QTEST_GUILESS_MAIN(tst_BusinessHours)
#include "tst_business_hours.moc"
