#pragma once

#include <QString>
#include <QStringList>

// Accent- and case-insensitive search: rows keep a normalised copy of their searchable text
// ("María Pérez" -> "maria perez"), and the query is normalised the same way. Works identically
// on SQLite and PostgreSQL, without extensions.
namespace SearchText {
QString normalize(const QString &text);
QString of(const QStringList &parts);
// Whether the trigram index can answer a search for `term`: three or more characters once
// normalised, and none of LIKE's special characters.
bool trigramSearchable(const QString &term);
// A LIKE pattern matching `term` anywhere, with % and _ escaped (use ESCAPE '\').
QString containsPattern(const QString &term);
}
