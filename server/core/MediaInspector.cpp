#include "MediaInspector.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>
#include <QPainter>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace MediaInspector {

namespace {

const QString kDocx = u"application/vnd.openxmlformats-officedocument.wordprocessingml.document"_s;
const QString kXlsx = u"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"_s;
const QString kPptx = u"application/vnd.openxmlformats-officedocument.presentationml.presentation"_s;
const QString kOdt = u"application/vnd.oasis.opendocument.text"_s;
const QString kOds = u"application/vnd.oasis.opendocument.spreadsheet"_s;
const QString kOdp = u"application/vnd.oasis.opendocument.presentation"_s;

bool at(const QByteArray &data, qsizetype offset, QByteArrayView magic)
{
    return data.size() >= offset + magic.size() && QByteArrayView(data).sliced(offset, magic.size()) == magic;
}

quint32 le(const QByteArray &data, qsizetype offset, int bytes)
{
    quint32 v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | quint8(data[offset + i]);
    return v;
}

// Office Open XML and OpenDocument are ZIP archives told apart by their entries: walk the central
// directory records and look at the names. Any other archive is refused (it may carry anything).
QString zipDocumentType(const QByteArray &data)
{
    // ODF stores an uncompressed "mimetype" entry first (ODF 1.2 §3.3).
    if (at(data, 30, "mimetypeapplication/vnd.oasis.opendocument.")) {
        const QByteArray rest = data.mid(38, 64);
        for (const QString &type : {kOdt, kOds, kOdp}) {
            if (rest.startsWith(type.toLatin1()))
                return type;
        }
    }
    qsizetype pos = 0;
    while ((pos = data.indexOf("PK\x01\x02", pos)) >= 0 && pos + 46 <= data.size()) {
        const qsizetype nameLength = le(data, pos + 28, 2);
        const QByteArrayView name = QByteArrayView(data).sliced(pos + 46, qMin(nameLength, data.size() - pos - 46));
        if (name == "word/document.xml")
            return kDocx;
        if (name == "xl/workbook.xml")
            return kXlsx;
        if (name == "ppt/presentation.xml")
            return kPptx;
        pos += 46;
    }
    return {};
}

// MPEG audio frame sync: 11 set bits. Layer bits 00 is ADTS AAC, anything else MP3.
QString mpegAudioType(const QByteArray &data)
{
    if (data.size() < 4 || quint8(data[0]) != 0xFF || (quint8(data[1]) & 0xE0) != 0xE0)
        return {};
    const int layer = (quint8(data[1]) >> 1) & 0x03;
    if (layer == 0)
        return (quint8(data[1]) & 0xF0) == 0xF0 ? u"audio/aac"_s : QString();
    return u"audio/mpeg"_s;
}

// ISO base media: "ftyp" at 4, the major brand says audio, 3GPP or video.
QString isoMediaType(const QByteArray &data)
{
    if (!at(data, 4, "ftyp") || data.size() < 12)
        return {};
    const QByteArray brand = data.mid(8, 4);
    if (brand == "M4A " || brand == "M4B ")
        return u"audio/mp4"_s;
    if (brand.startsWith("3gp") || brand.startsWith("3g2"))
        return u"video/3gpp"_s;
    if (brand == "qt  ")
        return {};   // QuickTime is not sent to WhatsApp as is
    return u"video/mp4"_s;
}

// Plain text: valid UTF-8 without NUL or other control characters but tab, CR, LF and FF.
// A "#!" script is an executable, not text.
bool isText(const QByteArray &data)
{
    if (data.startsWith("#!"))
        return false;
    for (const char c : data) {
        const auto b = quint8(c);
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f')
            return false;
        if (b == 0x7f)
            return false;
    }
    // Invalid UTF-8 decodes to U+FFFD, which does not encode back to the same bytes.
    return QString::fromUtf8(data).toUtf8() == data;
}

// The dimensions in a WebP header, for when no WebP decoder is installed.
void webpSize(const QByteArray &data, int *width, int *height)
{
    if (at(data, 12, "VP8X") && data.size() >= 30) {
        *width = int(le(data, 24, 3)) + 1;
        *height = int(le(data, 27, 3)) + 1;
    } else if (at(data, 12, "VP8 ") && data.size() >= 30 && at(data, 23, "\x9d\x01\x2a")) {
        *width = int(le(data, 26, 2) & 0x3FFF);
        *height = int(le(data, 28, 2) & 0x3FFF);
    } else if (at(data, 12, "VP8L") && data.size() >= 25 && quint8(data[20]) == 0x2F) {
        const quint32 bits = le(data, 21, 4);
        *width = int(bits & 0x3FFF) + 1;
        *height = int((bits >> 14) & 0x3FFF) + 1;
    }
}

QByteArray thumbnailOf(const QImage &image)
{
    QImage scaled = image;
    if (qMax(image.width(), image.height()) > kThumbnailSide)
        scaled = image.scaled(kThumbnailSide, kThumbnailSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    // JPEG has no alpha: flatten on white, or transparent areas turn black.
    QImage flat(scaled.size(), QImage::Format_RGB32);
    flat.fill(Qt::white);
    {
        QPainter painter(&flat);
        painter.drawImage(0, 0, scaled);
    }
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    if (!flat.save(&buffer, "JPEG", 80))
        return {};
    return out;
}

void inspectImage(const QByteArray &data, Media *media)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);   // EXIF orientation: the size and preview as people see it
    const QSize size = reader.size();
    if (!size.isValid())
        return;
    media->width = size.width();
    media->height = size.height();
    if (qint64(size.width()) * size.height() > kMaxPixels)
        return;
    const QImage image = reader.read();
    if (image.isNull())
        return;
    media->width = image.width();
    media->height = image.height();
    media->thumbnail = thumbnailOf(image);
}

}   // namespace

const QStringList &acceptedTypes()
{
    static const QStringList types = {
        u"image/jpeg"_s,
        u"image/png"_s,
        u"image/gif"_s,
        u"image/webp"_s,
        u"application/pdf"_s,
        u"video/mp4"_s,
        u"video/3gpp"_s,
        u"audio/ogg"_s,
        u"audio/mpeg"_s,
        u"audio/aac"_s,
        u"audio/mp4"_s,
        u"audio/amr"_s,
        u"audio/amr-wb"_s,
        kDocx,
        kXlsx,
        kPptx,
        kOdt,
        kOds,
        kOdp,
        u"text/plain"_s,
        u"text/csv"_s,
    };
    return types;
}

QString detectType(const QByteArray &data, const QString &clientName)
{
    if (data.isEmpty())
        return {};
    if (at(data, 0, "\xFF\xD8\xFF"))
        return u"image/jpeg"_s;
    if (at(data, 0, "\x89PNG\r\n\x1A\n"))
        return u"image/png"_s;
    if (at(data, 0, "GIF87a") || at(data, 0, "GIF89a"))
        return u"image/gif"_s;
    if (at(data, 0, "RIFF") && at(data, 8, "WEBP"))
        return u"image/webp"_s;
    if (at(data, 0, "%PDF-"))
        return u"application/pdf"_s;
    if (at(data, 0, "OggS"))
        return u"audio/ogg"_s;
    if (at(data, 0, "#!AMR-WB\n"))
        return u"audio/amr-wb"_s;
    if (at(data, 0, "#!AMR\n"))
        return u"audio/amr"_s;
    if (at(data, 0, "ID3"))
        return u"audio/mpeg"_s;
    if (const QString t = isoMediaType(data); !t.isEmpty())
        return t;
    if (at(data, 0, "PK\x03\x04"))
        return zipDocumentType(data);
    if (const QString t = mpegAudioType(data); !t.isEmpty())
        return t;
    if (isText(data))
        return clientName.endsWith(".csv"_L1, Qt::CaseInsensitive) ? u"text/csv"_s : u"text/plain"_s;
    return {};   // ELF, PE ("MZ"), Mach-O, archives, unknown binary data
}

Media inspect(const QByteArray &data, const QString &clientName)
{
    Media media;
    media.mimeType = detectType(data, clientName);
    if (media.mimeType.startsWith("image/"_L1))
        inspectImage(data, &media);
    // Without the WebP image plugin (qt6-image-formats-plugins) the header still gives the size.
    if (media.mimeType == "image/webp"_L1 && media.width == 0)
        webpSize(data, &media.width, &media.height);
    return media;
}

}   // namespace MediaInspector

}   // namespace Conversa::Server
