#pragma once

#include <QByteArray>

namespace Conversa::Server {

// Renders text (an otpauth:// URI, typically) as a QR code PNG inside a data
// URL, ready for an <img src> or a QML Image.source. Needs QtGui but no
// QGuiApplication.
class QrCode {
public:
    static constexpr int ModulePixels = 6;
    static constexpr int QuietZoneModules = 4;   // the minimum ISO/IEC 18004 asks for

    // "data:image/png;base64,..." or an empty QByteArray if text is empty,
    // contains a NUL byte, or is too long for any QR code version.
    static QByteArray pngDataUrl(const QByteArray &text);
};

}   // namespace Conversa::Server
