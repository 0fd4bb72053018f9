#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Conversa::Server {

// What an upload really is, judged from its bytes (never from its name), plus what images need:
// their size and a small JPEG preview. Thread-safe and free of any GUI: it runs on the workers.
namespace MediaInspector {

struct Media {
    QString mimeType;   // empty: not an accepted type
    int width = 0;      // images only; 0 when unknown
    int height = 0;
    QByteArray thumbnail;   // JPEG, longest side <= kThumbnailSide; empty when none
};

inline constexpr int kThumbnailSide = 320;

// The accepted MIME types (documented in the OpenAPI document); everything else is refused.
const QStringList &acceptedTypes();

// The MIME type from magic bytes; empty when the content is not one of acceptedTypes()
// (executables, archives, unknown binary data). `clientName` only refines text: a text body
// named *.csv is text/csv.
QString detectType(const QByteArray &data, const QString &clientName = {});

// detectType plus, for images, dimensions and the thumbnail. Images over kMaxPixels are not
// decoded (a decompression bomb): their size comes from the header and they get no thumbnail.
Media inspect(const QByteArray &data, const QString &clientName = {});

inline constexpr qint64 kMaxPixels = 50LL * 1000 * 1000;

}   // namespace MediaInspector

}   // namespace Conversa::Server
