#pragma once

#include "core/Result.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <QUrlQuery>

namespace Conversa::Server {

// One step of a report's time axis: [start, end) in UTC epoch seconds.
struct ReportBucket {
    qint64 start = 0;
    qint64 end = 0;
    QDate day;       // the local day the bucket starts in
    int hour = -1;   // the local hour it starts at; -1 for a daily bucket
};

// The period of a report or trend (docs/REPORTS.md), from the query parameters
//   from_date, to_date   YYYY-MM-DD, both required; to_date inclusive
//   timezone             an IANA name; UTC when absent
//   granularity          hour | day; hour when the period is one day, day otherwise
// The bounds are local days of the time zone: the period runs from local midnight of from_date to
// local midnight of the day after to_date, so a local day may last 23 or 25 hours across a DST
// change, and so may its hourly buckets number 23 or 25. Absent and empty parameters both mean
// "not given", as in the rest of the API's query strings.
class ReportPeriod {
public:
    static constexpr int kDefaultMaxDays = 366;

    ReportPeriod() = default;   // empty: no days, no buckets; parse() makes real ones
    // The period, or a 422 with one error per bad parameter.
    static Result<ReportPeriod> parse(const QUrlQuery &query, int maxDays = kDefaultMaxDays);

    static const QStringList &granularities();   // "hour", "day"

    QDate fromDate() const { return m_fromDate; }
    QDate toDate() const { return m_toDate; }      // inclusive
    qint64 fromUtc() const { return m_fromUtc; }   // local midnight of from_date
    qint64 toUtc() const { return m_toUtc; }       // exclusive: local midnight after to_date
    QString timeZone() const { return m_zoneId; }
    QString granularity() const { return m_granularity; }

    // Consecutive, covering [fromUtc, toUtc).
    const QList<ReportBucket> &buckets() const { return m_buckets; }
    // The bucket an instant falls in, or -1 outside the period.
    int bucketOf(qint64 epochSeconds) const;

    // The response's period {from, to}: the first and the last second, in local time with its
    // offset ("2025-11-01T00:00:00-05:00", "2025-11-14T23:59:59-05:00"; "Z" when the offset is 0).
    QString isoFrom() const;
    QString isoTo() const;
    // Any instant in the period's zone, as isoFrom writes it (an export's times).
    QString isoAt(qint64 epochSeconds) const { return isoLocal(epochSeconds); }
    // "2025-11-01 to 2025-11-14", as a trend's `period`.
    QString label() const;

    // A trend point's timestamp: "2025-11-01T08:00:00Z".
    static QString isoUtc(qint64 epochSeconds);

private:
    void buildBuckets();
    QString isoLocal(qint64 epochSeconds) const;

    QDate m_fromDate;
    QDate m_toDate;
    QString m_zoneId;
    QTimeZone m_zone;
    QString m_granularity;
    qint64 m_fromUtc = 0;
    qint64 m_toUtc = 0;
    QList<ReportBucket> m_buckets;
};

}   // namespace Conversa::Server
