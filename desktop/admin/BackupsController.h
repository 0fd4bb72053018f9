#pragma once

#include "FileDownload.h"
#include "ResourceController.h"

#include <Conversa/dto/RealtimeEventDto.h>

#include <QHash>
#include <QUrl>

// The Backups screen (server/openapi/paths/backups.yaml, docs/BACKUPS.md), for administrators: the
// list with its status filter (model.filters: {status}); create, which answers at once with the
// backup `in_progress` and ends with the `notification` socket event (`creating` until then, no
// polling; a socket that was down meanwhile catches up once, on connecting again); download of a
// completed archive to a chosen file with its progress (`download`),
// checked against the server's SHA-256 before it is kept; upload of an archive from another
// machine with the upload's progress (a damaged one is the server's 422 on `archive`); restore,
// after which this app carries on with the fresh login the server hands back, or signs out with a
// message when none came; delete. Each action follows its permission (backups.create, .restore,
// .delete).
class BackupsController : public ResourceController {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool canRestore READ canRestore NOTIFY permissionsChanged)
    Q_PROPERTY(bool creating READ creating NOTIFY stateChanged)   // a backup asked for here is being written
    Q_PROPERTY(qint64 creatingId READ creatingId NOTIFY stateChanged)
    Q_PROPERTY(bool uploading READ uploading NOTIFY stateChanged)
    Q_PROPERTY(qreal uploadProgress READ uploadProgress NOTIFY uploadProgressChanged)   // 0..1
    Q_PROPERTY(bool restoring READ restoring NOTIFY stateChanged)
    Q_PROPERTY(FileDownload *download READ download CONSTANT)
public:
    explicit BackupsController(QObject *parent = nullptr);

    bool canRestore() const { return can(QStringLiteral("backups.restore")); }
    bool creating() const { return m_creatingId > 0; }
    qint64 creatingId() const { return m_creatingId; }
    bool uploading() const { return m_uploading; }
    qreal uploadProgress() const { return m_uploadProgress; }
    bool restoring() const { return m_restoring; }
    FileDownload *download() { return &m_download; }

    Q_INVOKABLE void create();
    Q_INVOKABLE void downloadTo(qint64 id, const QUrl &file);
    Q_INVOKABLE void upload(const QUrl &file);
    Q_INVOKABLE void restore(qint64 id);

    // The largest archive the server takes by default (CONVERSA_BACKUP_MAX_UPLOAD_BYTES): larger
    // ones are restored on the server's command line.
    static constexpr qint64 kMaxUploadBytes = 512LL * 1024 * 1024;

signals:
    void stateChanged();
    void uploadProgressChanged();
    void finished(qint64 id, bool completed);   // a backup asked for here
    void downloaded(const QString &path);
    void uploaded(qint64 id);
    // The restore went through; `signedIn`: this app carries on with the login it handed back.
    void restored(bool signedIn);

protected:
    QJsonObject body(const QVariantMap &, bool) const override { return {}; }
    void appReady() override;

private:
    void onNotification(const Conversa::NotificationEventDto &event);
    void catchUp();   // the backup being written, once, after the socket was down
    void setUploadProgress(qreal progress);

    QMetaObject::Connection m_events;
    QMetaObject::Connection m_connected;
    QHash<qint64, Conversa::NotificationEventDto> m_early;   // finished before their 201 was read
    qint64 m_creatingId = 0;
    bool m_uploading = false;
    qreal m_uploadProgress = 0;
    bool m_restoring = false;
    FileDownload m_download;
};
