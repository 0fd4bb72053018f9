#include "BackupsController.h"

#include "AppContext.h"
#include "SessionController.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

using namespace Qt::StringLiterals;
using Conversa::ApiResult;

BackupsController::BackupsController(QObject *parent)
    : ResourceController(u"/v1/backups"_s, {u"backups.create"_s, {}, u"backups.delete"_s}, parent)
{}

void BackupsController::appReady()
{
    disconnect(m_events);
    disconnect(m_connected);
    m_events =
        connect(&app()->events(), &Conversa::RealtimeEvents::notification, this, &BackupsController::onNotification);
    // Events sent while the socket was down are lost (docs/REALTIME.md): caught up through REST.
    m_connected = connect(&app()->socket(), &Conversa::SocketIoClient::connected, this, &BackupsController::catchUp);
}

void BackupsController::catchUp()
{
    if (!creating())
        return;
    const qint64 id = m_creatingId;
    app()->api().getResource(itemPath(id), {}, this, [this, id](const ApiResult<QJsonObject> &r) {
        const QString status = r ? r->value(u"status"_s).toString() : QString();
        if (!r || id != m_creatingId || status == u"in_progress"_s)
            return;   // still being written: its event will come
        Conversa::NotificationEventDto missed;
        missed.type = status == u"completed"_s ? u"backup.completed"_s : u"backup.failed"_s;
        missed.details = {{u"backup_id"_s, id}, {u"status"_s, status}, {u"backup"_s, *r}};
        onNotification(missed);
    });
}

void BackupsController::create()
{
    if (!app() || creating())
        return;
    clearMessages();
    call("POST", path(), {}, [this](const QJsonObject &answer) {
        m_creatingId = answer.value(u"id"_s).toInteger();
        emit stateChanged();
        setMessages({}, answer.value(u"message"_s).toString());
        model()->refresh();
        // A small database may be written before its 201 was read.
        if (m_early.contains(m_creatingId))
            onNotification(m_early.take(m_creatingId));
    });
}

void BackupsController::onNotification(const Conversa::NotificationEventDto &event)
{
    if (event.type != u"backup.completed"_s && event.type != u"backup.failed"_s)
        return;
    const qint64 id = event.details.value(u"backup_id"_s).toInteger();
    const QJsonObject backup = event.details.value(u"backup"_s).toObject();
    if (!backup.isEmpty()) {
        model()->replace(backup);
        if (itemId() == id)
            setItem(backup);
    }
    if (id != m_creatingId) {
        m_early.insert(id, event);
        return;
    }
    m_early.clear();
    m_creatingId = 0;
    emit stateChanged();
    const bool completed = event.type == u"backup.completed"_s;
    // The server says it in both languages.
    const QString message =
        event.details.value(app() && app()->language() == u"en"_s ? u"message_en"_s : u"message"_s).toString();
    if (completed)
        setMessages({}, message.isEmpty() ? tr("The backup has been completed") : message);
    else
        setMessages(message.isEmpty() ? tr("The backup failed") : message, {});
    model()->refresh();
    emit finished(id, completed);
}

void BackupsController::downloadTo(qint64 id, const QUrl &file)
{
    if (!app())
        return;
    clearMessages();
    const QString path = FileDownload::localPath(file);
    const auto check = [](const Conversa::ApiResponse &answer, const QByteArray &sha256) {
        // The bytes written are the archive the server checked, or the file is not kept.
        const QByteArray expected = answer.header("X-Backup-SHA256").trimmed().toLower();
        return expected.isEmpty() || expected == sha256 ? QString()
                                                        : tr("The download was damaged on the way; try again");
    };
    m_download.start(
        *app(), itemPath(id) + u"/download"_s, {}, path,
        [this, path](const Conversa::ApiResponse *, const QString &error) {
            if (!error.isEmpty())
                return setMessages(error, {});
            setMessages({}, tr("Saved to %1").arg(path));
            emit downloaded(path);
        },
        check);
}

void BackupsController::upload(const QUrl &file)
{
    if (!app() || m_uploading)
        return;
    clearMessages();
    const QString filePath = FileDownload::localPath(file);
    QFile in(filePath);
    if (!in.open(QIODevice::ReadOnly))
        return setMessages(tr("Could not read %1").arg(filePath), {});
    if (in.size() > kMaxUploadBytes)
        return setMessages(tr("The archive is larger than 512 MB: restore it on the server with "
                              "\"conversa-server backup restore FILE\""),
                           {});
    m_uploading = true;
    setUploadProgress(0);
    emit stateChanged();
    app()->api().uploadResource(
        path() + u"/upload"_s, QFileInfo(filePath).fileName(), in.readAll(), this,
        [this](const ApiResult<QJsonObject> &r) {
            m_uploading = false;
            emit stateChanged();
            if (!r) {
                errors()->set(r.error());
                return setMessages(AppContext::errorText(r.error()), {});
            }
            setUploadProgress(1);
            setMessages({}, tr("The archive has been checked and kept: it can be restored now"));
            model()->refresh();
            emit uploaded(r->value(u"id"_s).toInteger());
        },
        [guard = QPointer<BackupsController>(this)](qint64 sent, qint64 total) {
            if (guard)
                guard->setUploadProgress(qreal(sent) / qreal(total));
        });
}

void BackupsController::restore(qint64 id)
{
    if (!app() || m_restoring)
        return;
    clearMessages();
    m_restoring = true;
    emit stateChanged();
    SessionController *session = app()->session();
    session->beginRestore();
    app()->api().writeResource(
        "POST", itemPath(id) + u"/restore"_s, {}, this, [this, session](const ApiResult<QJsonObject> &r) {
            m_restoring = false;
            emit stateChanged();
            if (!r) {
                session->endRestore({});
                errors()->set(r.error());
                return setMessages(AppContext::errorText(r.error()), {});
            }
            const bool signedIn = session->endRestore(*r);
            const QString when =
                QLocale().toString(QDateTime::fromString(r->value(u"archive_created_at"_s).toString(), Qt::ISODate)
                                       .toLocalTime(),
                                   QLocale::ShortFormat);
            setMessages({}, tr("The backup of %1 has been restored").arg(when));
            if (signedIn)
                model()->refresh();
            emit restored(signedIn);
        });
}

void BackupsController::setUploadProgress(qreal progress)
{
    if (qFuzzyCompare(m_uploadProgress + 1, progress + 1))
        return;
    m_uploadProgress = progress;
    emit uploadProgressChanged();
}
