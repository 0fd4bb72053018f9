#include "FileStore.h"

#include "Database.h"

using namespace Qt::StringLiterals;

Result<qint64> FileStore::insert(const FileRecord &f, qint64 now)
{
    SqlQuery q(m_db,
               "INSERT INTO files (filename, original_filename, mime_type, size_bytes, sha256, storage_path, "
               "thumbnail_path, width, height, related_entity_type, related_entity_id, uploaded_by, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {f.filename, f.originalFilename, f.mimeType, f.sizeBytes, f.sha256, f.storagePath,
                nullIfEmpty(f.thumbnailPath), nullIfZero(f.width), nullIfZero(f.height),
                nullIfEmpty(f.relatedEntityType), nullIfZero(f.relatedEntityId), nullIfZero(f.uploadedBy), now});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::internal();
    return q.integer(0);
}

Result<FileRecord> FileStore::live(qint64 id)
{
    SqlQuery q(m_db,
               "SELECT id, filename, original_filename, mime_type, size_bytes, sha256, storage_path, thumbnail_path, "
               "width, height, related_entity_type, related_entity_id, uploaded_by, created_at "
               "FROM files WHERE id = ? AND deleted_at IS NULL",
               {id});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    FileRecord f;
    f.id = q.integer(0);
    f.filename = q.string(1);
    f.originalFilename = q.string(2);
    f.mimeType = q.string(3);
    f.sizeBytes = q.integer(4);
    f.sha256 = q.string(5);
    f.storagePath = q.string(6);
    f.thumbnailPath = q.string(7);
    f.width = int(q.integer(8));
    f.height = int(q.integer(9));
    f.relatedEntityType = q.string(10);
    f.relatedEntityId = q.integer(11);
    f.uploadedBy = q.integer(12);
    f.createdAt = q.integer(13);
    return f;
}

Result<bool> FileStore::storagePathLive(const QString &storagePath)
{
    SqlQuery q(m_db, "SELECT 1 FROM files WHERE storage_path = ? AND deleted_at IS NULL", {storagePath});
    if (!q.exec())
        return q.failure();
    return q.next();
}

Result<Ok> FileStore::softDelete(qint64 id, qint64 now)
{
    SqlQuery q(m_db, "UPDATE files SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", {now, id});
    if (!q.exec())
        return q.failure();
    if (q.numRowsAffected() == 0)
        return ApiError::notFound();
    return Ok{};
}
