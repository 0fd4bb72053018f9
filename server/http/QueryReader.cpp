#include "QueryReader.h"

#include "RequestContext.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

QString QueryReader::text(const QString &name, int maxLength)
{
    const QString s = m_ctx.queryValue(name).trimmed();
    if (s.size() > maxLength) {
        fail(name, QT_TRANSLATE_NOOP("Api", "Must be at most %1 characters"), {QString::number(maxLength)});
        return {};
    }
    return s;
}

std::optional<qint64> QueryReader::integer(const QString &name, qint64 min, qint64 max)
{
    const QString s = text(name);
    if (s.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 n = s.toLongLong(&ok);
    if (!ok) {
        fail(name, QT_TRANSLATE_NOOP("Api", "Must be a whole number"));
        return std::nullopt;
    }
    if (n < min || n > max) {
        fail(name, QT_TRANSLATE_NOOP("Api", "Must be between %1 and %2"), {QString::number(min), QString::number(max)});
        return std::nullopt;
    }
    return n;
}

qint64 QueryReader::id(const QString &name)
{
    const QString s = text(name);
    if (s.isEmpty())
        return 0;
    bool ok = false;
    const qint64 n = s.toLongLong(&ok);
    if (!ok || n < 1) {
        fail(name, QT_TRANSLATE_NOOP("Api", "Must be a positive whole number"));
        return 0;
    }
    return n;
}

std::optional<bool> QueryReader::boolean(const QString &name)
{
    const QString s = text(name).toLower();
    if (s.isEmpty())
        return std::nullopt;
    if (s == "true"_L1 || s == "false"_L1)
        return s == "true"_L1;
    fail(name, QT_TRANSLATE_NOOP("Api", "Must be true or false"));
    return std::nullopt;
}

std::optional<qint64> QueryReader::time(const QString &name, bool endOfDay)
{
    QString s = text(name);
    if (s.isEmpty())
        return std::nullopt;
    static const QRegularExpression day(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
    static const QRegularExpression stamp(
        u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}(:?\\d{2})?)?$"_s);
    if (day.match(s).hasMatch()) {
        const QDate date = QDate::fromString(s, Qt::ISODate);
        if (date.isValid()) {
            const qint64 start = QDateTime(date, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
            return endOfDay ? start + 86399 : start;
        }
    } else {
        s.replace(u' ', u'+');   // an unencoded "+01:00" in a query string arrives as " 01:00"
        if (stamp.match(s).hasMatch()) {
            QDateTime when = QDateTime::fromString(s, Qt::ISODateWithMs);
            if (when.isValid()) {
                if (when.timeSpec() == Qt::LocalTime)
                    when.setTimeSpec(Qt::UTC);
                return when.toSecsSinceEpoch();
            }
        }
    }
    fail(name, QT_TRANSLATE_NOOP("Api", "Must be a date (YYYY-MM-DD) or an ISO 8601 date and time"));
    return std::nullopt;
}

void QueryReader::fail(const QString &field, const char *message, QStringList args)
{
    m_errors.append(FieldError{field, message, std::move(args)});
}

QString QueryReader::oneOf(const QString &name, const QStringList &allowed)
{
    const QString s = text(name);
    if (!s.isEmpty() && !allowed.contains(s)) {
        fail(name, QT_TRANSLATE_NOOP("Api", "Must be one of: %1"), {allowed.join(u", "_s)});
        return {};
    }
    return s;
}

PageRequest QueryReader::page()
{
    PageRequest p;
    p.page = int(integer(u"page"_s, 1, 1000000).value_or(1));
    p.limit = int(integer(u"limit"_s, 1, 100).value_or(20));
    return p;
}

void QueryReader::csvFormat()
{
    const QString format = text(u"format"_s);
    if (!format.isEmpty() && format != "csv"_L1)
        fail(u"format"_s, QT_TRANSLATE_NOOP("Api", "Must be one of: %1"), {u"csv"_s});
}

QJsonObject QueryReader::given(const QStringList &names) const
{
    QJsonObject out;
    for (const QString &name : names) {
        const QString value = m_ctx.queryValue(name).trimmed();
        if (!value.isEmpty())
            out.insert(name, value);
    }
    return out;
}

}   // namespace Conversa::Server
