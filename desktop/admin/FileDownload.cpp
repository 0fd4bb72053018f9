#include "FileDownload.h"

using Conversa::ApiResponse;
using Conversa::ApiResult;

FileDownload::FileDownload(QObject *parent) : QObject(parent) {}

bool FileDownload::start(AppContext &app, const QString &path, const QList<QPair<QString, QString>> &query,
                         const QString &filePath, Done done, Check check)
{
    if (active())
        return false;
    auto file = std::make_unique<QSaveFile>(filePath);
    if (!file->open(QIODevice::WriteOnly)) {
        done(nullptr, tr("Could not write %1").arg(filePath));
        return false;
    }
    m_file = std::move(file);
    m_hash.reset();
    m_received = 0;
    m_total = -1;
    emit activeChanged();
    emit progressChanged();
    // The client calls these as bytes arrive, whoever asked: they end the transfer once this is gone.
    const QPointer<FileDownload> guard(this);
    const auto sink = [guard](const QByteArray &chunk) {
        if (!guard)
            return false;
        guard->m_hash.addData(chunk);
        return guard->m_file->write(chunk) == chunk.size();
    };
    const auto progress = [guard](qint64 received, qint64 total) {
        if (!guard)
            return;
        guard->m_received = received;
        guard->m_total = total;
        emit guard->progressChanged();
    };
    app.api().download(
        path, query, sink, this,
        [this, filePath, done = std::move(done), check = std::move(check)](const ApiResult<ApiResponse> &r) {
            // A failed write aborts the transfer: that, not the network, is what the user must hear.
            const bool written = m_file->error() == QFileDevice::NoError;
            QString error;
            if (!written)
                error = tr("Could not write %1").arg(filePath);
            else if (!r)
                error = AppContext::errorText(r.error());
            else if (check)
                error = check(*r, m_hash.result().toHex());
            if (error.isEmpty() && !m_file->commit())
                error = tr("Could not write %1").arg(filePath);
            else if (!error.isEmpty())
                m_file->cancelWriting();
            finish();
            done(r ? &r.value() : nullptr, error);
        },
        progress);
    return true;
}

void FileDownload::finish()
{
    m_file.reset();   // a file not committed is removed
    emit activeChanged();
}
