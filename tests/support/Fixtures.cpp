#include "Fixtures.h"

#include "store/Database.h"

#include <QBuffer>
#include <QColor>
#include <QImage>

using namespace Qt::StringLiterals;

qint64 insertReturningId(Database &db, const char *sql, std::initializer_list<QVariant> values)
{
    SqlQuery q(db, sql, values);
    if (!q.exec() || !q.next()) {
        qWarning("fixture insert failed: %s", sql);
        return 0;
    }
    return q.integer(0);
}

QByteArray pngBytes()
{
    QImage image(8, 6, QImage::Format_RGB32);
    image.fill(QColor(20, 120, 200));
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return out;
}

ApiResponse uploadFile(TestServer &server, const QByteArray &token, const QByteArray &boundary,
                       const QByteArray &fileName, const QByteArray &mimeType, const QByteArray &bytes)
{
    const QByteArray form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: " + mimeType + "\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
    return server.requestRaw("POST", u"/v1/files"_s, form, "multipart/form-data; boundary=" + boundary, token);
}
