#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

namespace Conversa::Server {

// A campaign's opening hours (docs/ROUTING.md#business-hours) as CampaignsApi validates them: null
// (always open) or an object with the seven days monday..sunday, each {start, end} ("HH:MM", start
// before end, end exclusive, no overnight shifts) or null (closed that day); a day left out is
// closed. Read in the campaign's IANA time zone.
namespace BusinessHours {
// Whether `at` falls inside the hours. `hours` may be the JSON value or its text as stored; an
// unknown time zone is read as UTC, and hours that do not parse count as always open (never keep
// a client waiting on a configuration error).
bool isOpen(const QJsonValue &hours, const QString &timeZone, const QDateTime &at);
bool isOpen(const QString &hoursJsonText, const QString &timeZone, const QDateTime &at);
}   // namespace BusinessHours

}   // namespace Conversa::Server
