#pragma once

#include "Database.h"

#include <QString>

namespace Conversa::Server {

// The database part of a backup (docs/BACKUPS.md), per engine. SQLite: the online backup API, a
// consistent copy while the server keeps writing, and back into the live file in one atomic step.
// PostgreSQL: pg_dump -Fc, and back with pg_restore's script run by psql in one transaction.
// Each call runs on the calling thread with its own connection; failures say why in *error.
namespace BackupDump {

QString engineName(SqlDialect dialect);        // "sqlite", "postgresql"
QString entryName(SqlDialect dialect);         // the database's name inside the archive
int latestSchemaVersion(SqlDialect dialect);   // the newest migration this server knows

// Writes a consistent copy of the database to `path` (a new file).
bool dump(Database &db, const QString &path, QString *error);
// Checks a dumped database before it replaces anything: readable, intact; *schemaVersion from it
// (SQLite) or left as given (PostgreSQL: the dump is checked by pg_restore --list).
bool check(SqlDialect dialect, const QString &path, int *schemaVersion, QString *error);
// Replaces the live database with the dump, all or nothing.
bool load(Database &db, const QString &path, QString *error);

}   // namespace BackupDump

}   // namespace Conversa::Server
