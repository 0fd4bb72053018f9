#include "FileDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

FileDto FileDto::fromJson(const QJsonObject &json)
{
    FileDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.filename = r.string(u"filename"_s);
    x.originalFilename = r.string(u"original_filename"_s);
    x.mimeType = r.string(u"mime_type"_s);
    x.sizeBytes = r.integer(u"size_bytes"_s);
    x.sha256 = r.string(u"sha256"_s);
    x.filePath = r.string(u"file_path"_s);
    x.thumbnailPath = r.optString(u"thumbnail_path"_s);
    x.width = r.optInteger(u"width"_s);
    x.height = r.optInteger(u"height"_s);
    x.relatedEntityType = r.optString(u"related_entity_type"_s);
    x.relatedEntityId = r.optInteger(u"related_entity_id"_s);
    x.uploadedBy = r.optInteger(u"uploaded_by"_s);
    x.createdAt = r.time(u"created_at"_s);
    return x;
}

QJsonObject FileDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"filename"_s, filename);
    w.put(u"original_filename"_s, originalFilename);
    w.put(u"mime_type"_s, mimeType);
    w.put(u"size_bytes"_s, sizeBytes);
    w.put(u"sha256"_s, sha256);
    w.put(u"file_path"_s, filePath);
    w.put(u"thumbnail_path"_s, thumbnailPath);
    w.put(u"width"_s, width);
    w.put(u"height"_s, height);
    w.put(u"related_entity_type"_s, relatedEntityType);
    w.put(u"related_entity_id"_s, relatedEntityId);
    w.put(u"uploaded_by"_s, uploadedBy);
    w.put(u"created_at"_s, createdAt);
    return w.result();
}

}   // namespace Conversa
