#pragma once

#include <QString>
#include <QtGlobal>
#include <QStringList>

namespace Conversa::Server {

// Accent- and case-insensitive search: rows keep a normalised copy of their searchable text
// ("María Pérez" -> "maria perez"), and the query is normalised the same way. Works identically
// on SQLite and PostgreSQL, without extensions.
namespace SearchText {
// Up to this many matches, a list page of a search is taken from the search index and sorted;
// beyond it, walking the list's order and testing each row finds a page sooner.
inline constexpr qint64 kIndexedPageMaxMatches = 2000;

QString normalize(const QString &text);
QString of(const QStringList &parts);
// Whether the trigram index can answer a search for `term`: three or more characters once
// normalised, and none of LIKE's special characters.
bool trigramSearchable(const QString &term);
// An FTS5 phrase query matching `term` anywhere in a trigram-indexed column (SQLite); for terms
// that trigramSearchable() accepts.
QString ftsPhrase(const QString &term);
// A LIKE pattern matching `term` anywhere, with % and _ escaped (use ESCAPE '\').
QString containsPattern(const QString &term);
}   // namespace SearchText

}   // namespace Conversa::Server
