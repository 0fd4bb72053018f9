#include "FileStore.h"

#include "Database.h"

#include "core/MediaInspector.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QUuid>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcFileStorage, "conversa.server.files.storage")

using namespace Qt::StringLiterals;

namespace {

constexpr int kSafeNameLength = 80;

bool writeFile(const QString &path, const QByteArray &bytes)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QSaveFile file(path);   // a temporary name, renamed into place on commit
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return false;
    return file.commit();
}

}   // namespace

// The client's name reduced to what is safe in a file system and a URL: ASCII letters, digits,
// '.', '-' and '_'; no leading dot. It follows a generated prefix, so it never names a path.
QString FileStorage::safeName(const QString &displayName)
{
    QString out;
    for (const QChar c : displayName) {
        const char16_t u = c.unicode();
        const bool plain = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '.' ||
            u == '-' || u == '_';
        if (plain)
            out += c;
        else if (!out.endsWith(u'_'))
            out += u'_';
    }
    while (out.startsWith(u'.') || out.startsWith(u'_'))
        out.remove(0, 1);
    if (out.size() > kSafeNameLength)
        out = out.right(kSafeNameLength);   // keep the extension
    return out.isEmpty() ? u"file"_s : out;
}

// Type from content, image size and preview, hash, then the bytes on disk.
FileStorage::Outcome FileStorage::write(const QString &dataDir, const QByteArray &bytes, const QString &originalName,
                                        FileRecord &f)
{
    const MediaInspector::Media media = MediaInspector::inspect(bytes, originalName);
    if (media.mimeType.isEmpty())
        return Outcome::Refused;
    const QString uuid = QUuid::createUuid().toString(QUuid::Id128);
    f.filename = uuid + u'-' + safeName(originalName);
    f.originalFilename = originalName;
    f.mimeType = media.mimeType;
    f.sizeBytes = bytes.size();
    f.sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    f.width = media.width;
    f.height = media.height;
    f.thumbnailPath.clear();
    const QDate today = QDateTime::currentDateTimeUtc().date();
    f.storagePath = u"files/%1/%2/%3"_s.arg(today.year()).arg(today.month(), 2, 10, QChar(u'0')).arg(f.filename);
    if (!writeFile(dataDir + u'/' + f.storagePath, bytes)) {
        qCWarning(lcFileStorage) << "cannot write" << f.storagePath;
        QFile::remove(dataDir + u'/' + f.storagePath);
        return Outcome::Failed;
    }
    if (!media.thumbnail.isEmpty()) {
        const QString thumb = u"files/thumbs/"_s + uuid + u".jpg"_s;
        if (writeFile(dataDir + u'/' + thumb, media.thumbnail))
            f.thumbnailPath = thumb;
        else
            qCWarning(lcFileStorage) << "cannot write" << thumb;   // the file itself is fine
    }
    return Outcome::Stored;
}

void FileStorage::remove(const QString &dataDir, const QString &storagePath, const QString &thumbnailPath)
{
    QFile::remove(dataDir + u'/' + storagePath);
    if (!thumbnailPath.isEmpty())
        QFile::remove(dataDir + u'/' + thumbnailPath);
}

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

}   // namespace Conversa::Server
