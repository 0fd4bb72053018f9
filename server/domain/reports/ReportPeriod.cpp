#include "ReportPeriod.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

constexpr qint64 kBucketHourSeconds = 3600;

QString periodParam(const QUrlQuery &query, const QString &name)
{
    return query.queryItemValue(name, QUrl::FullyDecoded).trimmed();
}

// A required YYYY-MM-DD that is a real day; QDate alone would also take "2025-11-01T10:00".
QDate periodDate(const QUrlQuery &query, const QString &name, QList<FieldError> &errors)
{
    const QString s = periodParam(query, name);
    if (s.isEmpty()) {
        errors.append({name, QT_TRANSLATE_NOOP("Api", "This field is required"), {}});
        return {};
    }
    static const QRegularExpression shape(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
    const QDate date = shape.match(s).hasMatch() ? QDate::fromString(s, Qt::ISODate) : QDate();
    if (!date.isValid())
        errors.append({name, QT_TRANSLATE_NOOP("Api", "Must be a date as YYYY-MM-DD"), {}});
    return date;
}

// The instants in (from, to) where the zone's offset from UTC changes.
QList<qint64> periodOffsetChanges(const QTimeZone &zone, qint64 from, qint64 to)
{
    QList<qint64> out;
    if (!zone.hasTransitions())
        return out;
    const QTimeZone::OffsetDataList transitions =
        zone.transitions(QDateTime::fromSecsSinceEpoch(from, Qt::UTC), QDateTime::fromSecsSinceEpoch(to, Qt::UTC));
    for (const QTimeZone::OffsetData &t : transitions) {
        const qint64 at = t.atUtc.toSecsSinceEpoch();
        // A transition may change only the abbreviation; that is no bucket boundary.
        if (at > from && at < to &&
            zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(at - 1, Qt::UTC)) != t.offsetFromUtc)
            out.append(at);
    }
    return out;
}

}   // namespace

const QStringList &ReportPeriod::granularities()
{
    static const QStringList all{u"hour"_s, u"day"_s};
    return all;
}

Result<ReportPeriod> ReportPeriod::parse(const QUrlQuery &query, int maxDays)
{
    QList<FieldError> errors;
    ReportPeriod p;
    p.m_fromDate = periodDate(query, u"from_date"_s, errors);
    p.m_toDate = periodDate(query, u"to_date"_s, errors);
    if (p.m_fromDate.isValid() && p.m_toDate.isValid()) {
        if (p.m_toDate < p.m_fromDate)
            errors.append({u"to_date"_s, QT_TRANSLATE_NOOP("Api", "Must not be earlier than from_date"), {}});
        else if (p.m_fromDate.daysTo(p.m_toDate) + 1 > maxDays)
            errors.append({u"to_date"_s,
                           QT_TRANSLATE_NOOP("Api", "The period can be at most %1 days long"),
                           {QString::number(maxDays)}});
    }

    p.m_zoneId = periodParam(query, u"timezone"_s);
    if (p.m_zoneId.isEmpty())
        p.m_zoneId = u"UTC"_s;
    // Both checks: the tz backend would also build a zone out of a POSIX TZ rule.
    if (QTimeZone::isTimeZoneIdAvailable(p.m_zoneId.toUtf8()))
        p.m_zone = QTimeZone(p.m_zoneId.toUtf8());
    if (!p.m_zone.isValid())
        errors.append(
            {u"timezone"_s, QT_TRANSLATE_NOOP("Api", "Must be a known IANA time zone, e.g. America/Bogota"), {}});

    p.m_granularity = periodParam(query, u"granularity"_s);
    if (!p.m_granularity.isEmpty() && !granularities().contains(p.m_granularity))
        errors.append(
            {u"granularity"_s, QT_TRANSLATE_NOOP("Api", "Must be one of: %1"), {granularities().join(u", "_s)}});

    if (!errors.isEmpty())
        return ApiError::validation(errors);
    if (p.m_granularity.isEmpty())
        p.m_granularity = p.m_fromDate == p.m_toDate ? u"hour"_s : u"day"_s;
    // startOfDay, not QTime(0, 0): where DST starts at midnight the day starts at 01:00.
    p.m_fromUtc = p.m_fromDate.startOfDay(p.m_zone).toSecsSinceEpoch();
    p.m_toUtc = p.m_toDate.addDays(1).startOfDay(p.m_zone).toSecsSinceEpoch();
    p.buildBuckets();
    return p;
}

void ReportPeriod::buildBuckets()
{
    m_buckets.clear();
    if (m_granularity == "day"_L1) {
        m_buckets.reserve(m_fromDate.daysTo(m_toDate) + 1);
        qint64 start = m_fromUtc;
        for (QDate day = m_fromDate; day <= m_toDate; day = day.addDays(1)) {
            const qint64 end = day.addDays(1).startOfDay(m_zone).toSecsSinceEpoch();
            m_buckets.append({start, end, day, -1});
            start = end;
        }
        return;
    }
    m_buckets.reserve((m_toUtc - m_fromUtc) / kBucketHourSeconds + 1);
    // An hour bucket ends at the next local whole hour or at a change of offset, whichever comes
    // first. Madrid's changes fall on whole hours; Australia/Lord_Howe's half-hour one leaves a
    // 30-minute bucket.
    const QList<qint64> changes = periodOffsetChanges(m_zone, m_fromUtc, m_toUtc);
    auto change = changes.cbegin();
    for (qint64 start = m_fromUtc; start < m_toUtc;) {
        const QDateTime local = QDateTime::fromSecsSinceEpoch(start, m_zone);
        const qint64 sinceHour =
            ((start + local.offsetFromUtc()) % kBucketHourSeconds + kBucketHourSeconds) % kBucketHourSeconds;
        qint64 end = start + kBucketHourSeconds - sinceHour;
        while (change != changes.cend() && *change <= start)
            ++change;
        if (change != changes.cend())
            end = std::min(end, *change);
        end = std::min(end, m_toUtc);
        m_buckets.append({start, end, local.date(), local.time().hour()});
        start = end;
    }
}

int ReportPeriod::bucketOf(qint64 epochSeconds) const
{
    if (epochSeconds < m_fromUtc || epochSeconds >= m_toUtc)
        return -1;
    // The last bucket starting at or before the instant; the buckets leave no gaps.
    const auto after = std::upper_bound(m_buckets.cbegin(), m_buckets.cend(), epochSeconds,
                                        [](qint64 t, const ReportBucket &b) { return t < b.start; });
    return after == m_buckets.cbegin() ? -1 : int(after - m_buckets.cbegin()) - 1;
}

QString ReportPeriod::isoLocal(qint64 epochSeconds) const
{
    // Written by hand so that offset 0 is always "Z", as in the seed, whichever zone gives it.
    const QDateTime local = QDateTime::fromSecsSinceEpoch(epochSeconds, m_zone);
    QString s = local.date().toString(Qt::ISODate) + u'T' + local.time().toString(Qt::ISODate);
    const int offset = local.offsetFromUtc();
    if (offset == 0)
        return s + u'Z';
    const int minutes = qAbs(offset) / 60;
    return s + (offset < 0 ? u'-' : u'+') +
        u"%1:%2"_s.arg(minutes / 60, 2, 10, QChar(u'0')).arg(minutes % 60, 2, 10, QChar(u'0'));
}

QString ReportPeriod::isoFrom() const
{
    return isoLocal(m_fromUtc);
}

QString ReportPeriod::isoTo() const
{
    return isoLocal(m_toUtc - 1);
}

QString ReportPeriod::label() const
{
    return m_fromDate.toString(Qt::ISODate) + u" to "_s + m_toDate.toString(Qt::ISODate);
}

QString ReportPeriod::isoUtc(qint64 epochSeconds)
{
    return QDateTime::fromSecsSinceEpoch(epochSeconds, Qt::UTC).toString(Qt::ISODate);
}

}   // namespace Conversa::Server
