#include "BackupDto.h"

using namespace Qt::StringLiterals;

namespace Conversa {

BackupDto BackupDto::fromJson(const QJsonObject &json)
{
    BackupDto x;
    const Json::Reader r(json, x.wireKeys);
    x.id = r.integer(u"id"_s);
    x.backupType = r.string(u"backup_type"_s);
    x.storageLocation = r.string(u"storage_location"_s);
    x.status = r.string(u"status"_s);
    x.startedAt = r.time(u"started_at"_s);
    x.message = r.optString(u"message"_s);
    return x;
}

QJsonObject BackupDto::toJson() const
{
    Json::Writer w(wireKeys);
    w.put(u"id"_s, id);
    w.put(u"backup_type"_s, backupType);
    w.put(u"storage_location"_s, storageLocation);
    w.put(u"status"_s, status);
    w.put(u"started_at"_s, startedAt);
    w.put(u"message"_s, message);
    return w.result();
}

}   // namespace Conversa
