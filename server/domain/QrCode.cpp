#include "domain/QrCode.h"

#include <QBuffer>
#include <QImage>

#include <qrencode.h>

#include <cstring>
#include <memory>

namespace Conversa::Server {

namespace {

struct QrCodeDeleter {
    void operator()(QRcode *code) const { QRcode_free(code); }
};

}   // namespace

QByteArray QrCode::pngDataUrl(const QByteArray &text)
{
    // QRcode_encodeString reads a C string: a NUL would silently cut the text.
    if (text.isEmpty() || text.contains('\0'))
        return {};

    // version 0: the smallest that fits; level M survives ~15% damage
    const std::unique_ptr<QRcode, QrCodeDeleter> code(
        QRcode_encodeString(text.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!code)
        return {};

    const int modules = code->width + 2 * QuietZoneModules;
    const int side = modules * ModulePixels;
    QImage image(side, side, QImage::Format_Grayscale8);
    if (image.isNull())
        return {};
    image.fill(Qt::white);

    for (int my = 0; my < code->width; ++my) {
        // Build one module row as a pixel row, then copy it ModulePixels times.
        uchar *first = image.scanLine((my + QuietZoneModules) * ModulePixels);
        for (int mx = 0; mx < code->width; ++mx) {
            // bit 0 of each byte: 1 = dark module; the other bits are metadata
            if (code->data[my * code->width + mx] & 1)
                std::memset(first + (mx + QuietZoneModules) * ModulePixels, 0, ModulePixels);
        }
        for (int i = 1; i < ModulePixels; ++i)
            std::memcpy(image.scanLine((my + QuietZoneModules) * ModulePixels + i), first, size_t(side));
    }

    QByteArray png;
    QBuffer buffer(&png);
    if (!buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG"))
        return {};
    buffer.close();

    return QByteArrayLiteral("data:image/png;base64,") + png.toBase64();
}

}   // namespace Conversa::Server
