#pragma once

#include <QString>
#include <QStringList>

// Accent- and case-insensitive search: rows keep a normalised copy of their searchable text
// ("María Pérez" -> "maria perez"), and the query is normalised the same way. Works identically
// on SQLite and PostgreSQL, without extensions.
namespace SearchText {
QString normalize(const QString &text);
QString of(const QStringList &parts);
// A LIKE pattern matching `term` anywhere, with % and _ escaped (use ESCAPE '\').
QString containsPattern(const QString &term);
}
