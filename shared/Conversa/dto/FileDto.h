#pragma once

#include "Json.h"

namespace Conversa {

// An uploaded file's metadata. file_path and thumbnail_path are API URLs needing the bearer token.
struct FileDto {
    qint64 id = 0;
    QString filename;
    QString originalFilename;
    QString mimeType;
    qint64 sizeBytes = 0;
    QString sha256;
    QString filePath;
    std::optional<QString> thumbnailPath;
    std::optional<qint64> width;
    std::optional<qint64> height;
    std::optional<QString> relatedEntityType;
    std::optional<qint64> relatedEntityId;
    std::optional<qint64> uploadedBy;
    QDateTime createdAt;
    WireKeys wireKeys;

    static FileDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
