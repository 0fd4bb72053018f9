#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Conversa::Server {

// manifest.json of a backup archive (docs/BACKUPS.md#archive-format).
struct BackupManifest {
    static constexpr int kFormatVersion = 1;
    struct Entry {
        QString path;   // inside the archive: database/…, files/…
        qint64 size = 0;
        QByteArray sha256;   // hex
    };
    int formatVersion = kFormatVersion;
    int schemaVersion = 0;
    QString engine;      // sqlite, postgresql
    QString createdAt;   // ISO 8601 UTC
    QString serverVersion;
    QList<Entry> entries;

    QByteArray toJson() const;
    qint64 totalSize() const;
};

// What an archive may expand to before it is refused as a zip bomb.
struct ArchiveLimits {
    qint64 maxTotalBytes = qint64(64) << 30;   // all entries together, uncompressed
    qint64 maxRatio = 200;                     // uncompressed / compressed, for entries over ratioFloor
    qint64 ratioFloor = 1 << 20;
    int maxEntries = 1000000;
};

// The .zip of a backup: written from files on disk, read back with every check a restore needs.
namespace BackupArchive {

struct Source {
    QString entry;      // name inside the archive
    QString diskPath;   // where its bytes are now
    bool compress = true;
};

// Hashes each source, writes the archive (sources plus manifest.json) to `zipPath` (a new file)
// and fills manifest.entries. Leaves no file behind on failure.
Result<Ok> write(const QString &zipPath, BackupManifest &manifest, const QList<Source> &sources);

// Reads manifest.json and every entry: each name safe (no absolute path, no "..", no symlink),
// each entry listed in the manifest with its size and SHA-256 and nothing else in the archive,
// within the limits. With `extractDir`, writes the entries below it as they are checked.
// A bad archive is a 422 (field "archive") saying what is wrong.
Result<BackupManifest> read(const QString &zipPath, const ArchiveLimits &limits, const QString &extractDir = {});

// An entry name a restore accepts: database/… or files/… below them, relative, no "..", "." or "\\".
bool safeEntryName(const QString &name);

// SHA-256 of a file, hex; empty when it cannot be read.
QByteArray fileSha256(const QString &path);

}   // namespace BackupArchive

}   // namespace Conversa::Server
