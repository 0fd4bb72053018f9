// Multipart (RFC 7578) parsing and MediaInspector content typing: pure functions, no server.
#include "core/MediaInspector.h"
#include "domain/Multipart.h"

#include <QBuffer>
#include <QImage>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

QByteArray imageBytes(const QImage &image, const char *format)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return out;
}

QByteArray le16(int v)
{
    return QByteArray(1, char(v & 0xFF)) + char((v >> 8) & 0xFF);
}
QByteArray le32(quint32 v)
{
    return le16(int(v & 0xFFFF)) + le16(int(v >> 16));
}

// A ZIP whose central directory names `entry`: enough for the type check, which reads names only.
QByteArray zipNaming(const QByteArray &entry)
{
    QByteArray local = "PK\x03\x04" + QByteArray(22, '\0') + le16(int(entry.size())) + le16(0) + entry + "data";
    QByteArray central = "PK\x01\x02" + QByteArray(24, '\0') + le16(int(entry.size())) + QByteArray(16, '\0') + entry;
    return local + central + "PK\x05\x06" + QByteArray(18, '\0');
}

}   // namespace

class tst_Multipart : public QObject {
    Q_OBJECT

private slots:
    void boundary_data();
    void boundary();
    void parsesParts();
    void malformed_data();
    void malformed();
    void displayName_data();
    void displayName();
    void detectType_data();
    void detectType();
    void imageSizeAndThumbnail();
    void webpSizeFromHeader();
};

void tst_Multipart::boundary_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("boundary");   // empty: refused
    QTest::addRow("plain") << QByteArray("multipart/form-data; boundary=abc123") << QByteArray("abc123");
    QTest::addRow("quoted") << QByteArray("multipart/form-data; boundary=\"a b;c\"") << QByteArray("a b;c");
    QTest::addRow("case-and-params") << QByteArray("Multipart/Form-Data; charset=utf-8; BOUNDARY=----x")
                                     << QByteArray("----x");
    QTest::addRow("json") << QByteArray("application/json") << QByteArray();
    QTest::addRow("mixed") << QByteArray("multipart/mixed; boundary=abc") << QByteArray();
    QTest::addRow("no-boundary") << QByteArray("multipart/form-data") << QByteArray();
    QTest::addRow("empty-boundary") << QByteArray("multipart/form-data; boundary=\"\"") << QByteArray();
    QTest::addRow("too-long") << QByteArray("multipart/form-data; boundary=" + QByteArray(71, 'a')) << QByteArray();
    QTest::addRow("unclosed-quote") << QByteArray("multipart/form-data; boundary=\"abc") << QByteArray();
}

void tst_Multipart::boundary()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, boundary);
    const std::optional<QByteArray> b = Multipart::boundaryOf(contentType);
    QCOMPARE(b.has_value(), !boundary.isEmpty());
    if (b)
        QCOMPARE(*b, boundary);
}

void tst_Multipart::parsesParts()
{
    const QByteArray body = "preamble to ignore\r\n"
                            "--XX\r\n"
                            "Content-Disposition: form-data; name=\"related_entity_type\"\r\n\r\n"
                            "message\r\n"
                            "--XX  \r\n"
                            "Content-Disposition: form-data; name=\"file\"; filename=\"a \\\"q\\\"; b.txt\"; "
                            "filename*=UTF-8''%C3%B1and%C3%BA.txt\r\n"
                            "Content-Type: text/plain\r\n\r\n"
                            "line one --XX is not a delimiter here\r\nline two\r\n"
                            "--XX\r\n"
                            "content-disposition: form-data; name=legacy; filename=\"C:\\dir\\x.txt\"\r\n\r\n"
                            "\r\n"
                            "--XX--\r\nepilogue";
    const auto parts = Multipart::parse(body, "XX");
    QVERIFY(parts);
    QCOMPARE(parts->size(), 3);
    QCOMPARE(parts->at(0).name, u"related_entity_type"_s);
    QVERIFY(!parts->at(0).hasFilename);
    QCOMPARE(parts->at(0).body, QByteArray("message"));
    QCOMPARE(parts->at(1).name, u"file"_s);
    QVERIFY(parts->at(1).hasFilename);
    QCOMPARE(parts->at(1).filename, u"ñandú.txt"_s);   // filename* wins
    QCOMPARE(parts->at(1).headers.value("content-type"), QByteArray("text/plain"));
    QCOMPARE(parts->at(1).body, QByteArray("line one --XX is not a delimiter here\r\nline two"));
    QCOMPARE(parts->at(2).name, u"legacy"_s);
    QCOMPARE(parts->at(2).filename, u"C:\\dir\\x.txt"_s);   // unescaped backslashes kept
    QCOMPARE(parts->at(2).body, QByteArray());
}

void tst_Multipart::malformed_data()
{
    QTest::addColumn<QByteArray>("body");
    const QByteArray head = "--B\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n";
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("no-delimiter") << QByteArray("just some bytes");
    QTest::addRow("unterminated") << QByteArray(head + "data");
    QTest::addRow("missing-close") << QByteArray(head + "data\r\n--B\r\n");
    QTest::addRow("no-disposition") << QByteArray("--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--");
    QTest::addRow("not-form-data") << QByteArray(
        "--B\r\nContent-Disposition: attachment; name=\"f\"\r\n\r\nx\r\n--B--");
    QTest::addRow("no-name") << QByteArray("--B\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nx\r\n--B--");
    QTest::addRow("header-without-colon")
        << QByteArray("--B\r\nContent-Disposition: form-data; name=f\r\nbogus\r\n\r\nx\r\n--B--");
    QTest::addRow("unclosed-quote") << QByteArray("--B\r\nContent-Disposition: form-data; name=\"f\r\n\r\nx\r\n--B--");
    QTest::addRow("garbage-after-delimiter")
        << QByteArray("--Bxyz\r\nContent-Disposition: form-data; name=f\r\n\r\nx\r\n--B--");
    QTest::addRow("headers-never-end") << QByteArray("--B\r\nContent-Disposition: form-data; name=f\r\n" +
                                                     QByteArray(9000, 'a'));
}

void tst_Multipart::malformed()
{
    QFETCH(QByteArray, body);
    QVERIFY(!Multipart::parse(body, "B"));
}

void tst_Multipart::displayName_data()
{
    QTest::addColumn<QString>("client");
    QTest::addColumn<QString>("shown");
    QTest::addRow("plain") << u"factura 2025.pdf"_s << u"factura 2025.pdf"_s;
    QTest::addRow("traversal") << u"../../etc/passwd"_s << u"passwd"_s;
    QTest::addRow("windows") << u"C:\\Users\\ana\\..\\foto.jpg"_s << u"foto.jpg"_s;
    QTest::addRow("dots-only") << u"../.."_s << u"file"_s;
    QTest::addRow("empty") << QString() << u"file"_s;
    QTest::addRow("control-chars") << u"a\r\nContent-Type: x\u0007.txt"_s << u"aContent-Type: x.txt"_s;
    QTest::addRow("bidi-override") << u"invoice\u202Efdp.exe"_s << u"invoicefdp.exe"_s;
    QTest::addRow("quotes") << u"say \"hi\".txt"_s << u"say hi.txt"_s;
    QTest::addRow("unicode-kept") << u"cotización ñ.pdf"_s << u"cotización ñ.pdf"_s;
    QTest::addRow("long") << QString(300, u'x') << QString(255, u'x');
}

void tst_Multipart::displayName()
{
    QFETCH(QString, client);
    QFETCH(QString, shown);
    QCOMPARE(Multipart::displayName(client), shown);
}

void tst_Multipart::detectType_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");   // empty: refused

    QImage image(4, 3, QImage::Format_RGB32);
    image.fill(Qt::red);
    QTest::addRow("png-named-pdf") << imageBytes(image, "PNG") << u"x.pdf"_s << u"image/png"_s;
    QTest::addRow("jpeg") << imageBytes(image, "JPEG") << u"a.png"_s << u"image/jpeg"_s;
    QTest::addRow("gif") << QByteArray("GIF89a\x01\x00\x01\x00", 10) << QString() << u"image/gif"_s;
    QTest::addRow("webp") << QByteArray("RIFF\x10\0\0\0WEBPVP8 ", 16) << QString() << u"image/webp"_s;
    QTest::addRow("pdf") << QByteArray("%PDF-1.4\n%%EOF\n") << u"a.txt"_s << u"application/pdf"_s;
    QTest::addRow("ogg") << QByteArray("OggS\0\x02", 6) << QString() << u"audio/ogg"_s;
    QTest::addRow("mp3-id3") << QByteArray("ID3\x04\0\0\0\0\0\0", 10) << QString() << u"audio/mpeg"_s;
    QTest::addRow("mp3-frame") << QByteArray("\xFF\xFB\x90\x64", 4) << QString() << u"audio/mpeg"_s;
    QTest::addRow("aac-adts") << QByteArray("\xFF\xF1\x50\x80", 4) << QString() << u"audio/aac"_s;
    QTest::addRow("amr") << QByteArray("#!AMR\n\x3c", 7) << QString() << u"audio/amr"_s;
    QTest::addRow("mp4") << QByteArray("\0\0\0\x18"
                                       "ftypisom\0\0\0\0",
                                       16)
                         << QString() << u"video/mp4"_s;
    QTest::addRow("m4a") << QByteArray("\0\0\0\x18"
                                       "ftypM4A \0\0\0\0",
                                       16)
                         << QString() << u"audio/mp4"_s;
    QTest::addRow("3gp") << QByteArray("\0\0\0\x18"
                                       "ftyp3gp4\0\0\0\0",
                                       16)
                         << QString() << u"video/3gpp"_s;
    QTest::addRow("docx") << zipNaming("word/document.xml") << u"a.zip"_s
                          << u"application/vnd.openxmlformats-officedocument.wordprocessingml.document"_s;
    QTest::addRow("xlsx") << zipNaming("xl/workbook.xml") << QString()
                          << u"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"_s;
    QTest::addRow("odt") << QByteArray("PK\x03\x04" + QByteArray(26, '\0') +
                                       "mimetypeapplication/vnd.oasis.opendocument.text")
                         << QString() << u"application/vnd.oasis.opendocument.text"_s;
    QTest::addRow("text") << u"hola, ñandú\r\n\tfin"_s.toUtf8() << u"a.exe"_s << u"text/plain"_s;
    QTest::addRow("csv") << QByteArray("a,b\n1,2\n") << u"DATA.CSV"_s << u"text/csv"_s;
    QTest::addRow("plain-zip") << zipNaming("payload.exe") << u"a.docx"_s << QString();
    QTest::addRow("elf") << QByteArray("\x7f"
                                       "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                                       16)
                         << u"a.txt"_s << QString();
    QTest::addRow("exe") << QByteArray("MZ\x90\0\x03\0\0\0\x04\0", 10) << u"a.pdf"_s << QString();
    QTest::addRow("script") << QByteArray("#!/bin/sh\nrm -rf /\n") << u"a.txt"_s << QString();
    QTest::addRow("latin1-not-utf8") << QByteArray("caf\xe9\n") << u"a.txt"_s << QString();
    QTest::addRow("nul-bytes") << QByteArray("abc\0def", 7) << u"a.txt"_s << QString();
    QTest::addRow("empty") << QByteArray() << u"a.txt"_s << QString();
}

void tst_Multipart::detectType()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, name);
    QFETCH(QString, type);
    QCOMPARE(MediaInspector::detectType(data, name), type);
    if (!type.isEmpty())
        QVERIFY(MediaInspector::acceptedTypes().contains(type));
}

void tst_Multipart::imageSizeAndThumbnail()
{
    // A transparent PNG: the JPEG preview is flattened on white, not black.
    QImage image(1000, 400, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    const MediaInspector::Media media = MediaInspector::inspect(imageBytes(image, "PNG"));
    QCOMPARE(media.mimeType, u"image/png"_s);
    QCOMPARE(media.width, 1000);
    QCOMPARE(media.height, 400);
    QImage thumb;
    QVERIFY(thumb.loadFromData(media.thumbnail, "JPEG"));
    QCOMPARE(thumb.size(), QSize(320, 128));
    QVERIFY(qGray(thumb.pixel(10, 10)) > 240);

    // A small image keeps its size in the preview.
    QImage small(50, 80, QImage::Format_RGB32);
    small.fill(Qt::blue);
    const MediaInspector::Media s = MediaInspector::inspect(imageBytes(small, "JPEG"));
    QVERIFY(thumb.loadFromData(s.thumbnail, "JPEG"));
    QCOMPARE(thumb.size(), QSize(50, 80));

    // Not an image: no size, no preview.
    const MediaInspector::Media pdf = MediaInspector::inspect("%PDF-1.7\n");
    QCOMPARE(pdf.width, 0);
    QVERIFY(pdf.thumbnail.isEmpty());
}

void tst_Multipart::webpSizeFromHeader()
{
    // VP8X: 24-bit width-1 and height-1 at offsets 24 and 27.
    QByteArray vp8x = "RIFF" + le32(30) + "WEBPVP8X" + le32(10) + QByteArray(4, '\0');
    vp8x += QByteArray("\x7f\x07\0", 3);   // 1920 - 1
    vp8x += QByteArray("\x37\x04\0", 3);   // 1080 - 1
    const MediaInspector::Media media = MediaInspector::inspect(vp8x);
    QCOMPARE(media.mimeType, u"image/webp"_s);
    QCOMPARE(media.width, 1920);
    QCOMPARE(media.height, 1080);
}

QTEST_GUILESS_MAIN(tst_Multipart)
#include "tst_multipart.moc"
