#pragma once

#include <QQuickAsyncImageProvider>

class AppContext;

// Images of messages for QML, which cannot send the bearer token itself:
// image://conversa/thumbnail/<file id> (the server's 320 px JPEG) and image://conversa/file/<id>
// (the full image). Fetched through the app's API client on its thread.
class AttachmentImageProvider : public QQuickAsyncImageProvider {
public:
    explicit AttachmentImageProvider(AppContext &app) : m_app(app) {}
    QQuickImageResponse *requestImageResponse(const QString &id, const QSize &requestedSize) override;

private:
    AppContext &m_app;
};
