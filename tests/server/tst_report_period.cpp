// ReportPeriod (domain/reports, docs/REPORTS.md): a report's from_date/to_date/timezone/granularity
// read as local days, the UTC bounds and buckets they give across DST changes, and one field error
// per bad parameter. Expected instants were worked out with `date -u -d … +%s` and
// `TZ=Europe/Madrid date -d "2026-03-29 00:00" +%s`. No database, no socket.
#include "domain/reports/ReportPeriod.h"

#include <QDateTime>
#include <QTest>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

namespace {

Result<ReportPeriod> parsePeriod(const QString &query, int maxDays = ReportPeriod::kDefaultMaxDays)
{
    return ReportPeriod::parse(QUrlQuery(query), maxDays);
}

qint64 epoch(const QString &isoUtc)
{
    const QDateTime t = QDateTime::fromString(isoUtc, Qt::ISODate);
    Q_ASSERT(t.isValid());
    return t.toSecsSinceEpoch();
}

// "field: message [arg;arg]", one per error, in the order reported.
QStringList detailTexts(const ApiError &error)
{
    QStringList out;
    for (const FieldError &e : error.details()) {
        QString line = e.field + u": "_s + QString::fromUtf8(e.message);
        if (!e.args.isEmpty())
            line += u" ["_s + e.args.join(u';') + u']';
        out.append(line);
    }
    return out;
}

QList<int> hourRange(int from, int to)
{
    QList<int> out;
    for (int h = from; h <= to; ++h)
        out.append(h);
    return out;
}

const QString kMadridSpringDay = u"from_date=2026-03-29&to_date=2026-03-29&timezone=Europe/Madrid"_s;
const QString kMadridFallDay = u"from_date=2026-10-25&to_date=2026-10-25&timezone=Europe/Madrid"_s;
const QString kBogotaTwoWeeks = u"from_date=2025-11-01&to_date=2025-11-14&timezone=America%2FBogota"_s;
const QString kUtcTwoWeeks = u"from_date=2025-11-01&to_date=2025-11-14"_s;
const QString kMadridSpringDays = u"from_date=2026-03-28&to_date=2026-03-30&timezone=Europe/Madrid"_s;
const QString kMadridFallDays = u"from_date=2026-10-24&to_date=2026-10-26&timezone=Europe/Madrid"_s;

}   // namespace

class tst_ReportPeriod : public QObject {
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void hourlyBuckets_data();
    void hourlyBuckets();
    void dailyBuckets_data();
    void dailyBuckets();
    void bucketOf_data();
    void bucketOf();
    void validation_data();
    void validation();
    void labels();
};

void tst_ReportPeriod::parse_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<qint64>("fromUtc");
    QTest::addColumn<qint64>("toUtc");
    QTest::addColumn<QString>("timeZone");
    QTest::addColumn<QString>("granularity");
    QTest::addColumn<int>("bucketCount");
    QTest::addColumn<QString>("isoFrom");
    QTest::addColumn<QString>("isoTo");

    // 1761955200 = 2025-11-01T00:00:00Z, 1763164800 = 2025-11-15T00:00:00Z
    QTest::addRow("utc-two-weeks") << kUtcTwoWeeks << qint64(1761955200) << qint64(1763164800) << u"UTC"_s << u"day"_s
                                   << 14 << u"2025-11-01T00:00:00Z"_s << u"2025-11-14T23:59:59Z"_s;
    // 1762041600 = 2025-11-02T00:00:00Z
    QTest::addRow("utc-one-day-is-hourly")
        << u"from_date=2025-11-01&to_date=2025-11-01"_s << qint64(1761955200) << qint64(1762041600) << u"UTC"_s
        << u"hour"_s << 24 << u"2025-11-01T00:00:00Z"_s << u"2025-11-01T23:59:59Z"_s;
    QTest::addRow("utc-two-weeks-hourly-when-asked")
        << kUtcTwoWeeks + u"&granularity=hour"_s << qint64(1761955200) << qint64(1763164800) << u"UTC"_s << u"hour"_s
        << 14 * 24 << u"2025-11-01T00:00:00Z"_s << u"2025-11-14T23:59:59Z"_s;
    QTest::addRow("utc-one-day-daily-when-asked")
        << u"from_date=2025-11-01&to_date=2025-11-01&granularity=day"_s << qint64(1761955200) << qint64(1762041600)
        << u"UTC"_s << u"day"_s << 1 << u"2025-11-01T00:00:00Z"_s << u"2025-11-01T23:59:59Z"_s;
    QTest::addRow("utc-named") << kUtcTwoWeeks + u"&timezone=UTC"_s << qint64(1761955200) << qint64(1763164800)
                               << u"UTC"_s << u"day"_s << 14 << u"2025-11-01T00:00:00Z"_s << u"2025-11-14T23:59:59Z"_s;
    QTest::addRow("empty-parameters-not-given")
        << kUtcTwoWeeks + u"&timezone=&granularity="_s << qint64(1761955200) << qint64(1763164800) << u"UTC"_s
        << u"day"_s << 14 << u"2025-11-01T00:00:00Z"_s << u"2025-11-14T23:59:59Z"_s;
    QTest::addRow("spaces-trimmed") << u"from_date=%202025-11-01%20&to_date=2025-11-14"_s << qint64(1761955200)
                                    << qint64(1763164800) << u"UTC"_s << u"day"_s << 14 << u"2025-11-01T00:00:00Z"_s
                                    << u"2025-11-14T23:59:59Z"_s;
    // 366 days, the most: 1735689600 = 2025-01-01T00:00:00Z, 1767312000 = 2026-01-02T00:00:00Z
    QTest::addRow("longest-366-days") << u"from_date=2025-01-01&to_date=2026-01-01"_s << qint64(1735689600)
                                      << qint64(1767312000) << u"UTC"_s << u"day"_s << 366 << u"2025-01-01T00:00:00Z"_s
                                      << u"2026-01-01T23:59:59Z"_s;

    // Bogotá is UTC-5 all year: 1761973200 = 2025-11-01T05:00:00Z, 1763182800 = 2025-11-15T05:00:00Z
    QTest::addRow("bogota-two-weeks") << kBogotaTwoWeeks << qint64(1761973200) << qint64(1763182800)
                                      << u"America/Bogota"_s << u"day"_s << 14 << u"2025-11-01T00:00:00-05:00"_s
                                      << u"2025-11-14T23:59:59-05:00"_s;
    // 1762059600 = 2025-11-02T05:00:00Z
    QTest::addRow("bogota-one-day") << u"from_date=2025-11-01&to_date=2025-11-01&timezone=America/Bogota"_s
                                    << qint64(1761973200) << qint64(1762059600) << u"America/Bogota"_s << u"hour"_s
                                    << 24 << u"2025-11-01T00:00:00-05:00"_s << u"2025-11-01T23:59:59-05:00"_s;

    // Madrid springs forward at 02:00 CET on 2026-03-29: a 23-hour day.
    // 1774738800 = 2026-03-28T23:00:00Z (00:00 CET), 1774821600 = 2026-03-29T22:00:00Z (00:00 CEST)
    QTest::addRow("madrid-23-hour-day") << kMadridSpringDay << qint64(1774738800) << qint64(1774821600)
                                        << u"Europe/Madrid"_s << u"hour"_s << 23 << u"2026-03-29T00:00:00+01:00"_s
                                        << u"2026-03-29T23:59:59+02:00"_s;
    // And falls back at 03:00 CEST on 2026-10-25: a 25-hour day.
    // 1792879200 = 2026-10-24T22:00:00Z (00:00 CEST), 1792969200 = 2026-10-25T23:00:00Z (00:00 CET)
    QTest::addRow("madrid-25-hour-day") << kMadridFallDay << qint64(1792879200) << qint64(1792969200)
                                        << u"Europe/Madrid"_s << u"hour"_s << 25 << u"2026-10-25T00:00:00+02:00"_s
                                        << u"2026-10-25T23:59:59+01:00"_s;
    // 1774652400 = 2026-03-27T23:00:00Z, 1774908000 = 2026-03-30T22:00:00Z
    QTest::addRow("madrid-three-days-across-spring")
        << kMadridSpringDays << qint64(1774652400) << qint64(1774908000) << u"Europe/Madrid"_s << u"day"_s << 3
        << u"2026-03-28T00:00:00+01:00"_s << u"2026-03-30T23:59:59+02:00"_s;
    QTest::addRow("madrid-three-days-across-spring-hourly")
        << kMadridSpringDays + u"&granularity=hour"_s << qint64(1774652400) << qint64(1774908000) << u"Europe/Madrid"_s
        << u"hour"_s << 24 + 23 + 24 << u"2026-03-28T00:00:00+01:00"_s << u"2026-03-30T23:59:59+02:00"_s;
    // 1792792800 = 2026-10-23T22:00:00Z, 1793055600 = 2026-10-26T23:00:00Z
    QTest::addRow("madrid-three-days-across-fall-hourly")
        << kMadridFallDays + u"&granularity=hour"_s << qint64(1792792800) << qint64(1793055600) << u"Europe/Madrid"_s
        << u"hour"_s << 24 + 25 + 24 << u"2026-10-24T00:00:00+02:00"_s << u"2026-10-26T23:59:59+01:00"_s;

    // Offsets in minutes. Kolkata is UTC+05:30: 1761935400 = 2025-10-31T18:30:00Z, 1762021800 = +1 day.
    QTest::addRow("kolkata-half-hour-offset")
        << u"from_date=2025-11-01&to_date=2025-11-01&timezone=Asia/Kolkata"_s << qint64(1761935400)
        << qint64(1762021800) << u"Asia/Kolkata"_s << u"hour"_s << 24 << u"2025-11-01T00:00:00+05:30"_s
        << u"2025-11-01T23:59:59+05:30"_s;
    // Lord Howe Island goes back half an hour at 02:00 on 2026-04-05 (+11:00 -> +10:30): 24.5 hours.
    // 1775307600 = 2026-04-04T13:00:00Z, 1775395800 = 2026-04-05T13:30:00Z
    QTest::addRow("lord-howe-half-hour-dst")
        << u"from_date=2026-04-05&to_date=2026-04-05&timezone=Australia/Lord_Howe"_s << qint64(1775307600)
        << qint64(1775395800) << u"Australia/Lord_Howe"_s << u"hour"_s << 25 << u"2026-04-05T00:00:00+11:00"_s
        << u"2026-04-05T23:59:59+10:30"_s;
}

void tst_ReportPeriod::parse()
{
    QFETCH(QString, query);
    QFETCH(qint64, fromUtc);
    QFETCH(qint64, toUtc);
    QFETCH(QString, timeZone);
    QFETCH(QString, granularity);
    QFETCH(int, bucketCount);
    QFETCH(QString, isoFrom);
    QFETCH(QString, isoTo);

    const Result<ReportPeriod> period = parsePeriod(query);
    if (!period.ok())
        QFAIL(qPrintable(detailTexts(period.error()).join(u", "_s)));
    QCOMPARE(period->fromUtc(), fromUtc);
    QCOMPARE(period->toUtc(), toUtc);
    QCOMPARE(period->timeZone(), timeZone);
    QCOMPARE(period->granularity(), granularity);
    QCOMPARE(period->isoFrom(), isoFrom);
    QCOMPARE(period->isoTo(), isoTo);

    // The buckets tile the period exactly, in order, each in its local day.
    const QList<ReportBucket> &buckets = period->buckets();
    QCOMPARE(buckets.size(), bucketCount);
    QCOMPARE(buckets.first().start, fromUtc);
    QCOMPARE(buckets.last().end, toUtc);
    QCOMPARE(buckets.first().day, period->fromDate());
    QCOMPARE(buckets.last().day, period->toDate());
    const QTimeZone zone(timeZone.toUtf8());
    for (qsizetype i = 0; i < buckets.size(); ++i) {
        const ReportBucket &b = buckets.at(i);
        QVERIFY(b.start < b.end);
        if (i > 0)
            QCOMPARE(b.start, buckets.at(i - 1).end);
        const QDateTime local = QDateTime::fromSecsSinceEpoch(b.start, zone);
        QCOMPARE(b.day, local.date());
        QCOMPARE(b.hour, granularity == "hour"_L1 ? local.time().hour() : -1);
        QCOMPARE(period->bucketOf(b.start), int(i));
        QCOMPARE(period->bucketOf(b.end - 1), int(i));
    }
}

void tst_ReportPeriod::hourlyBuckets_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<int>>("hours");       // local hour of each bucket
    QTest::addColumn<QList<int>>("halfHours");   // the buckets 30 minutes long; all others last an hour

    QTest::addRow("utc") << u"from_date=2025-11-01&to_date=2025-11-01"_s << hourRange(0, 23) << QList<int>();
    QTest::addRow("bogota") << u"from_date=2025-11-01&to_date=2025-11-01&timezone=America/Bogota"_s << hourRange(0, 23)
                            << QList<int>();
    // 02:00 CET jumps to 03:00 CEST: no hour 2.
    QTest::addRow("madrid-spring") << kMadridSpringDay << QList<int>{0, 1} + hourRange(3, 23) << QList<int>();
    // 03:00 CEST goes back to 02:00 CET: hour 2 twice.
    QTest::addRow("madrid-fall") << kMadridFallDay << hourRange(0, 2) + hourRange(2, 23) << QList<int>();
    QTest::addRow("madrid-three-days-fall")
        << kMadridFallDays + u"&granularity=hour"_s
        << hourRange(0, 23) + hourRange(0, 2) + hourRange(2, 23) + hourRange(0, 23) << QList<int>();
    // 02:00 +11:00 goes back to 01:30 +10:30: 01:00-02:00 (+11), then 01:30-02:00 (+10:30).
    QTest::addRow("lord-howe-fall") << u"from_date=2026-04-05&to_date=2026-04-05&timezone=Australia/Lord_Howe"_s
                                    << hourRange(0, 1) + hourRange(1, 23) << QList<int>{2};
    // 02:00 +10:30 jumps to 02:30 +11:00: hour 2 is half an hour.
    QTest::addRow("lord-howe-spring") << u"from_date=2026-10-04&to_date=2026-10-04&timezone=Australia/Lord_Howe"_s
                                      << hourRange(0, 23) << QList<int>{2};
}

void tst_ReportPeriod::hourlyBuckets()
{
    QFETCH(QString, query);
    QFETCH(QList<int>, hours);
    QFETCH(QList<int>, halfHours);

    const Result<ReportPeriod> period = parsePeriod(query);
    QVERIFY(period.ok());
    QCOMPARE(period->granularity(), u"hour"_s);
    QList<int> actual;
    for (qsizetype i = 0; i < period->buckets().size(); ++i) {
        const ReportBucket &b = period->buckets().at(i);
        actual.append(b.hour);
        QCOMPARE(b.end - b.start, qint64(halfHours.contains(int(i)) ? 1800 : 3600));
    }
    QCOMPARE(actual, hours);
}

void tst_ReportPeriod::dailyBuckets_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<qint64>>("lengths");   // seconds

    QTest::addRow("utc") << u"from_date=2026-03-28&to_date=2026-03-30"_s << QList<qint64>{86400, 86400, 86400};
    QTest::addRow("madrid-spring") << kMadridSpringDays << QList<qint64>{86400, 23 * 3600, 86400};
    QTest::addRow("madrid-fall") << kMadridFallDays << QList<qint64>{86400, 25 * 3600, 86400};
}

void tst_ReportPeriod::dailyBuckets()
{
    QFETCH(QString, query);
    QFETCH(QList<qint64>, lengths);

    const Result<ReportPeriod> period = parsePeriod(query);
    QVERIFY(period.ok());
    QCOMPARE(period->granularity(), u"day"_s);
    QList<qint64> actual;
    QDate day = period->fromDate();
    for (const ReportBucket &b : period->buckets()) {
        actual.append(b.end - b.start);
        QCOMPARE(b.day, day);
        QCOMPARE(b.hour, -1);
        day = day.addDays(1);
    }
    QCOMPARE(actual, lengths);
}

void tst_ReportPeriod::bucketOf_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("at");   // UTC
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("hour");   // the bucket's local hour; -1 for daily or outside

    // to_date is inclusive: 23:59:59 local of to_date counts, 00:00 of the next day does not.
    const QString &utc = kUtcTwoWeeks;
    QTest::addRow("utc-first-second") << utc << u"2025-11-01T00:00:00Z"_s << 0 << -1;
    QTest::addRow("utc-before") << utc << u"2025-10-31T23:59:59Z"_s << -1 << -1;
    QTest::addRow("utc-last-second") << utc << u"2025-11-14T23:59:59Z"_s << 13 << -1;
    QTest::addRow("utc-next-day") << utc << u"2025-11-15T00:00:00Z"_s << -1 << -1;

    const QString &bogota = kBogotaTwoWeeks;
    QTest::addRow("bogota-before") << bogota << u"2025-11-01T04:59:59Z"_s << -1 << -1;        // Oct 31 23:59:59
    QTest::addRow("bogota-first-second") << bogota << u"2025-11-01T05:00:00Z"_s << 0 << -1;   // Nov 1 00:00
    QTest::addRow("bogota-next-utc-day") << bogota << u"2025-11-02T04:59:59Z"_s << 0 << -1;   // Nov 1 23:59:59
    QTest::addRow("bogota-second-day") << bogota << u"2025-11-02T05:00:00Z"_s << 1 << -1;     // Nov 2 00:00
    QTest::addRow("bogota-last-second") << bogota << u"2025-11-15T04:59:59Z"_s << 13 << -1;   // Nov 14 23:59:59
    QTest::addRow("bogota-next-day") << bogota << u"2025-11-15T05:00:00Z"_s << -1 << -1;      // Nov 15 00:00

    const QString &spring = kMadridSpringDay;
    QTest::addRow("madrid-spring-before") << spring << u"2026-03-28T22:59:59Z"_s << -1 << -1;        // 23:59:59 CET
    QTest::addRow("madrid-spring-first") << spring << u"2026-03-28T23:00:00Z"_s << 0 << 0;           // 00:00 CET
    QTest::addRow("madrid-spring-before-jump") << spring << u"2026-03-29T00:59:59Z"_s << 1 << 1;     // 01:59:59 CET
    QTest::addRow("madrid-spring-after-jump") << spring << u"2026-03-29T01:00:00Z"_s << 2 << 3;      // 03:00 CEST
    QTest::addRow("madrid-spring-last-second") << spring << u"2026-03-29T21:59:59Z"_s << 22 << 23;   // 23:59:59 CEST
    QTest::addRow("madrid-spring-next-day") << spring << u"2026-03-29T22:00:00Z"_s << -1 << -1;      // 00:00 CEST

    const QString &fall = kMadridFallDay;
    QTest::addRow("madrid-fall-before") << fall << u"2026-10-24T21:59:59Z"_s << -1 << -1;        // 23:59:59 CEST
    QTest::addRow("madrid-fall-first") << fall << u"2026-10-24T22:00:00Z"_s << 0 << 0;           // 00:00 CEST
    QTest::addRow("madrid-fall-first-2-30") << fall << u"2026-10-25T00:30:00Z"_s << 2 << 2;      // 02:30 CEST
    QTest::addRow("madrid-fall-second-2-30") << fall << u"2026-10-25T01:30:00Z"_s << 3 << 2;     // 02:30 CET
    QTest::addRow("madrid-fall-last-second") << fall << u"2026-10-25T22:59:59Z"_s << 24 << 23;   // 23:59:59 CET
    QTest::addRow("madrid-fall-next-day") << fall << u"2026-10-25T23:00:00Z"_s << -1 << -1;      // 00:00 CET

    // Daily across the change: the short day's bucket ends at its local midnight.
    const QString &days = kMadridSpringDays;
    QTest::addRow("madrid-days-first-day-end") << days << u"2026-03-28T22:59:59Z"_s << 0 << -1;   // 28th 23:59:59
    QTest::addRow("madrid-days-short-day") << days << u"2026-03-28T23:00:00Z"_s << 1 << -1;       // 29th 00:00
    QTest::addRow("madrid-days-short-day-end") << days << u"2026-03-29T21:59:59Z"_s << 1 << -1;   // 29th 23:59:59
    QTest::addRow("madrid-days-last-day") << days << u"2026-03-29T22:00:00Z"_s << 2 << -1;        // 30th 00:00
    QTest::addRow("madrid-days-last-second") << days << u"2026-03-30T21:59:59Z"_s << 2 << -1;     // 30th 23:59:59
    QTest::addRow("madrid-days-next-day") << days << u"2026-03-30T22:00:00Z"_s << -1 << -1;       // 31st 00:00
}

void tst_ReportPeriod::bucketOf()
{
    QFETCH(QString, query);
    QFETCH(QString, at);
    QFETCH(int, index);
    QFETCH(int, hour);

    const Result<ReportPeriod> period = parsePeriod(query);
    QVERIFY(period.ok());
    const int actual = period->bucketOf(epoch(at));
    QCOMPARE(actual, index);
    QCOMPARE(actual < 0 ? -1 : period->buckets().at(actual).hour, hour);
}

void tst_ReportPeriod::validation_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("maxDays");
    QTest::addColumn<QStringList>("details");   // "field: message [args]"

    const QString required = u"This field is required"_s;
    const QString notDate = u"Must be a date as YYYY-MM-DD"_s;
    const QString days366 = u"to_date: The period can be at most %1 days long [366]"_s;
    const QString zone = u"timezone: Must be a known IANA time zone, e.g. America/Bogota"_s;
    const QString granularity = u"granularity: Must be one of: %1 [hour, day]"_s;

    QTest::addRow("missing-both") << QString() << 366
                                  << QStringList{u"from_date: "_s + required, u"to_date: "_s + required};
    QTest::addRow("missing-from") << u"to_date=2025-11-14"_s << 366 << QStringList{u"from_date: "_s + required};
    QTest::addRow("missing-to") << u"from_date=2025-11-01"_s << 366 << QStringList{u"to_date: "_s + required};
    QTest::addRow("empty-from") << u"from_date=&to_date=2025-11-14"_s << 366
                                << QStringList{u"from_date: "_s + required};
    QTest::addRow("slashes") << u"from_date=2025/11/01&to_date=2025-11-14"_s << 366
                             << QStringList{u"from_date: "_s + notDate};
    QTest::addRow("day-first") << u"from_date=01-11-2025&to_date=2025-11-14"_s << 366
                               << QStringList{u"from_date: "_s + notDate};
    QTest::addRow("one-digit-day") << u"from_date=2025-11-01&to_date=2025-11-1"_s << 366
                                   << QStringList{u"to_date: "_s + notDate};
    QTest::addRow("date-and-time") << u"from_date=2025-11-01T00:00:00Z&to_date=2025-11-14"_s << 366
                                   << QStringList{u"from_date: "_s + notDate};
    QTest::addRow("words") << u"from_date=yesterday&to_date=2025-11-14"_s << 366
                           << QStringList{u"from_date: "_s + notDate};
    QTest::addRow("impossible-date") << u"from_date=2026-02-30&to_date=2026-03-01"_s << 366
                                     << QStringList{u"from_date: "_s + notDate};
    QTest::addRow("no-leap-day-2026") << u"from_date=2026-02-01&to_date=2026-02-29"_s << 366
                                      << QStringList{u"to_date: "_s + notDate};
    QTest::addRow("month-13") << u"from_date=2026-13-01&to_date=2026-12-01"_s << 366
                              << QStringList{u"from_date: "_s + notDate};
    QTest::addRow("reversed") << u"from_date=2025-11-14&to_date=2025-11-01"_s << 366
                              << QStringList{u"to_date: Must not be earlier than from_date"_s};
    QTest::addRow("367-days") << u"from_date=2025-01-01&to_date=2026-01-02"_s << 366 << QStringList{days366};
    QTest::addRow("over-a-smaller-limit") << u"from_date=2025-11-01&to_date=2025-12-01"_s << 30
                                          << QStringList{u"to_date: The period can be at most %1 days long [30]"_s};
    QTest::addRow("unknown-zone") << kUtcTwoWeeks + u"&timezone=Mars/Olympus"_s << 366 << QStringList{zone};
    QTest::addRow("offset-is-no-zone") << kUtcTwoWeeks + u"&timezone=-05:00"_s << 366 << QStringList{zone};
    QTest::addRow("bad-granularity") << kUtcTwoWeeks + u"&granularity=week"_s << 366 << QStringList{granularity};
    QTest::addRow("granularity-is-case-sensitive")
        << kUtcTwoWeeks + u"&granularity=Hour"_s << 366 << QStringList{granularity};
    QTest::addRow("everything-wrong")
        << u"from_date=2026-02-30&to_date=tomorrow&timezone=Mars%2FOlympus&granularity=minute"_s << 366
        << QStringList{u"from_date: "_s + notDate, u"to_date: "_s + notDate, zone, granularity};
}

void tst_ReportPeriod::validation()
{
    QFETCH(QString, query);
    QFETCH(int, maxDays);
    QFETCH(QStringList, details);

    const Result<ReportPeriod> period = parsePeriod(query, maxDays);
    QVERIFY(!period.ok());
    QCOMPARE(period.error().status(), 422);
    QCOMPARE(period.error().code(), QByteArray("VALIDATION_ERROR"));
    QCOMPARE(detailTexts(period.error()), details);
}

void tst_ReportPeriod::labels()
{
    // A trend point's timestamp: 1761984000 = 2025-11-01T08:00:00Z.
    QCOMPARE(ReportPeriod::isoUtc(1761984000), u"2025-11-01T08:00:00Z"_s);
    QCOMPARE(ReportPeriod::isoUtc(0), u"1970-01-01T00:00:00Z"_s);

    const Result<ReportPeriod> period = parsePeriod(kBogotaTwoWeeks);
    QVERIFY(period.ok());
    QCOMPARE(period->label(), u"2025-11-01 to 2025-11-14"_s);
    QCOMPARE(period->fromDate(), QDate(2025, 11, 1));
    QCOMPARE(period->toDate(), QDate(2025, 11, 14));

    const ReportPeriod empty;
    QVERIFY(empty.buckets().isEmpty());
    QCOMPARE(empty.bucketOf(0), -1);
    QCOMPARE(empty.bucketOf(1761984000), -1);
}

QTEST_GUILESS_MAIN(tst_ReportPeriod)
#include "tst_report_period.moc"
