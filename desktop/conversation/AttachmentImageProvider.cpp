#include "AttachmentImageProvider.h"

#include "AppContext.h"

#include <QImage>

using namespace Qt::StringLiterals;

namespace {

class AttachmentResponse : public QQuickImageResponse {
public:
    AttachmentResponse(AppContext &app, const QString &id, const QSize &requestedSize)
    {
        const QString kind = id.section(u'/', 0, 0);
        bool ok = false;
        const qint64 fileId = id.section(u'/', 1, 1).toLongLong(&ok);
        // Requests are made on the app's thread; this object goes there too so that its answer
        // arrives where it lives.
        moveToThread(app.thread());
        if (!ok || (kind != u"thumbnail"_s && kind != u"file"_s)) {
            m_error = u"unknown image %1"_s.arg(id);
            QMetaObject::invokeMethod(this, &QQuickImageResponse::finished, Qt::QueuedConnection);
            return;
        }
        const QString path =
            kind == u"thumbnail"_s ? u"/v1/files/%1/thumbnail"_s.arg(fileId) : u"/v1/files/%1/download"_s.arg(fileId);
        QMetaObject::invokeMethod(&app, [this, &app, path, requestedSize] {
            app.download(path, this, [this, requestedSize](const QByteArray &bytes, const QString &error) {
                m_image = QImage::fromData(bytes);
                if (m_image.isNull())
                    m_error = error.isEmpty() ? u"not an image"_s : error;
                else if (requestedSize.isValid())
                    m_image = m_image.scaled(requestedSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
                emit finished();
            });
        });
    }

    QQuickTextureFactory *textureFactory() const override
    {
        return QQuickTextureFactory::textureFactoryForImage(m_image);
    }
    QString errorString() const override { return m_error; }

private:
    QImage m_image;
    QString m_error;
};

}   // namespace

QQuickImageResponse *AttachmentImageProvider::requestImageResponse(const QString &id, const QSize &requestedSize)
{
    return new AttachmentResponse(m_app, id, requestedSize);
}
