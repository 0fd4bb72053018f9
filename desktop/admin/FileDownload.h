#pragma once

#include "AppContext.h"

#include <QCryptographicHash>
#include <QObject>
#include <QPointer>
#include <QSaveFile>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

// One GET streamed into a local file, with its progress for a bar: the audit log's CSV export, a
// backup's archive. The file appears whole or not at all (QSaveFile), and never holds an error's
// body. The bytes are hashed as they arrive, so that the caller can check them (a backup's
// X-Backup-SHA256) before the file is kept. One transfer at a time.
class FileDownload : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by a controller")
    Q_PROPERTY(bool active READ active NOTIFY activeChanged)
    Q_PROPERTY(qint64 bytesReceived READ bytesReceived NOTIFY progressChanged)
    Q_PROPERTY(qint64 bytesTotal READ bytesTotal NOTIFY progressChanged)   // -1: not said
    Q_PROPERTY(qreal progress READ progress NOTIFY progressChanged)        // 0..1, or -1 when the total is unknown
public:
    // Empty when the file may be kept, else why not (the file is then discarded).
    using Check = std::function<QString(const Conversa::ApiResponse &answer, const QByteArray &sha256Hex)>;
    // error is empty on success; answer is the server's (status, headers), or null without one.
    using Done = std::function<void(const Conversa::ApiResponse *answer, const QString &error)>;

    explicit FileDownload(QObject *parent = nullptr);

    bool active() const { return m_file != nullptr; }
    qint64 bytesReceived() const { return m_received; }
    qint64 bytesTotal() const { return m_total; }
    qreal progress() const { return m_total > 0 ? qreal(m_received) / qreal(m_total) : -1; }

    // false (and nothing sent) when a transfer is under way or the file cannot be opened (`done`
    // then hears why).
    bool start(AppContext &app, const QString &path, const QList<QPair<QString, QString>> &query,
               const QString &filePath, Done done, Check check = {});

    // A chosen file as a path (QML's file dialogs give URLs).
    static QString localPath(const QUrl &file) { return file.isLocalFile() ? file.toLocalFile() : file.toString(); }

signals:
    void activeChanged();
    void progressChanged();

private:
    void finish();

    std::unique_ptr<QSaveFile> m_file;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    qint64 m_received = 0;
    qint64 m_total = -1;
};
