#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace Conversa::Server {

class Database;

// One row of the files table (the OpenAPI File schema). Paths are relative to the data dir.
struct FileRecord {
    qint64 id = 0;
    QString filename;           // generated: "<uuid>-<safe name>"
    QString originalFilename;   // the client's name, cleaned for display
    QString mimeType;
    qint64 sizeBytes = 0;
    QString sha256;          // lower-case hex
    QString storagePath;     // "files/2025/11/<filename>"
    QString thumbnailPath;   // "files/thumbs/<uuid>.jpg" or empty
    int width = 0;           // 0: not an image (answered as null)
    int height = 0;
    QString relatedEntityType;   // message | client | task | chat, or empty
    qint64 relatedEntityId = 0;
    qint64 uploadedBy = 0;
    qint64 createdAt = 0;
};

// The bytes of stored files under the data dir, shared by uploads (FilesApi) and inbound WhatsApp
// media (MediaFetcher): typed from their content, written under a generated name, images with a
// JPEG preview. Thread-safe, no database: callers insert the FileRecord themselves.
namespace FileStorage {

enum class Outcome { Stored, Refused, Failed };   // Refused: not an accepted type; Failed: disk error

// Fills file's filename, originalFilename, mimeType, sizeBytes, sha256, width, height,
// storagePath and thumbnailPath, and writes the bytes (and the preview) below dataDir.
Outcome write(const QString &dataDir, const QByteArray &bytes, const QString &originalName, FileRecord &file);
// Deletes stored bytes (and their preview); missing files are fine.
void remove(const QString &dataDir, const QString &storagePath, const QString &thumbnailPath);
// A display name reduced to what is safe in a file system and a URL.
QString safeName(const QString &displayName);

}   // namespace FileStorage

// SQL for uploaded files. The bytes on disk are FileStorage's business; this store keeps the rows.
class FileStore {
public:
    explicit FileStore(Database &db) : m_db(db) {}

    // Inserts the row (id and createdAt are ignored) and returns the new id.
    Result<qint64> insert(const FileRecord &file, qint64 now);

    // A live (not deleted) file; 404 otherwise.
    Result<FileRecord> live(qint64 id);

    // Whether a live row still points at this storage path.
    Result<bool> storagePathLive(const QString &storagePath);

    // Soft delete: deleted_at set; 404 when there is no live file with this id.
    Result<Ok> softDelete(qint64 id, qint64 now);

private:
    Database &m_db;
};

}   // namespace Conversa::Server
