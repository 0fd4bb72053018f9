#include "BusinessHours.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTime>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace BusinessHours {

bool isOpen(const QJsonValue &hours, const QString &timeZone, const QDateTime &at)
{
    if (!hours.isObject())
        return true;   // null: no hours set, always open
    static const QString days[] = {u"monday"_s, u"tuesday"_s,  u"wednesday"_s, u"thursday"_s,
                                   u"friday"_s, u"saturday"_s, u"sunday"_s};
    QTimeZone zone(timeZone.toUtf8());
    if (!zone.isValid())
        zone = QTimeZone::utc();
    const QDateTime local = at.toTimeZone(zone);
    const QJsonValue day = hours.toObject().value(days[local.date().dayOfWeek() - 1]);
    if (!day.isObject())
        return false;   // null or left out: closed that day
    const QTime start = QTime::fromString(day.toObject().value(u"start"_s).toString(), u"HH:mm"_s);
    const QTime end = QTime::fromString(day.toObject().value(u"end"_s).toString(), u"HH:mm"_s);
    if (!start.isValid() || !end.isValid())
        return true;
    const QTime now = local.time();
    return now >= start && now < end;
}

bool isOpen(const QString &hoursJsonText, const QString &timeZone, const QDateTime &at)
{
    if (hoursJsonText.trimmed().isEmpty())
        return true;
    const QJsonDocument doc = QJsonDocument::fromJson(hoursJsonText.toUtf8());
    if (doc.isNull())
        return true;
    return isOpen(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(), timeZone, at);
}

}   // namespace BusinessHours

}   // namespace Conversa::Server
