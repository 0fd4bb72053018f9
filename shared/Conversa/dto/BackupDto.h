#pragma once

#include "Json.h"

namespace Conversa {

// A backup: the create body, its 201 answer (with message), an item of GET /backups and
// GET /backups/:id (the backup module, not implemented yet). backup_type full, …;
// storage_location local, …; status in_progress, completed or failed.
struct BackupDto {
    qint64 id = 0;
    QString backupType;
    QString storageLocation;
    QString status;
    QDateTime startedAt;
    std::optional<QString> message;   // the create answer's text for people
    WireKeys wireKeys;

    static BackupDto fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

}   // namespace Conversa
