// Files (the OpenAPI document, docs/API.md): multipart uploads typed from their content, metadata, download,
// thumbnails, visibility and deletion — over real HTTP, on both engines.
#include "TestServer.h"

#include "config/ServerConfig.h"
#include "http/HttpRouter.h"
#include "store/Database.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

const QString kPublicUrl = u"https://crm.example.test"_s;
const QByteArray kBoundary = "----conversa-test-7MA4YWxkTrZu0gW";

struct FormPart {
    QByteArray name;
    QByteArray body;
    QByteArray filename;      // a file part when set
    QByteArray disposition;   // overrides the whole Content-Disposition value when set
};

QByteArray multipart(const QList<FormPart> &parts)
{
    QByteArray out;
    for (const FormPart &p : parts) {
        out += "--" + kBoundary + "\r\nContent-Disposition: ";
        if (!p.disposition.isEmpty())
            out += p.disposition;
        else
            out += "form-data; name=\"" + p.name + '"' +
                (p.filename.isNull() ? QByteArray() : "; filename=\"" + p.filename + '"');
        out += "\r\n";
        if (!p.filename.isNull() || !p.disposition.isEmpty())
            out += "Content-Type: application/octet-stream\r\n";   // ignored by the server
        out += "\r\n" + p.body + "\r\n";
    }
    return out + "--" + kBoundary + "--\r\n";
}

QByteArray imageBytes(int w, int h, const char *format)
{
    QImage image(w, h, QImage::Format_RGB32);
    image.fill(QColor(20, 120, 200));
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return out;
}

QByteArray pdfBytes()
{
    return "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
           "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
           "trailer << /Root 1 0 R >>\n%%EOF\n";
}

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

// Every regular file under dir, relative to it.
QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(QDir(dir).relativeFilePath(it.next()));
    out.sort();
    return out;
}

}   // namespace

class tst_Files : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void uploadTypes_data();
    void uploadTypes();
    void uploadWithEntity();
    void refusedTypes_data();
    void refusedTypes();
    void uploadValidation_data();
    void uploadValidation();
    void badRequests_data();
    void badRequests();
    void overTheLimit();
    void pathTraversalNeverReachesDisk_data();
    void pathTraversalNeverReachesDisk();
    void downloadBytesAndHeaders();
    void thumbnail();
    void unauthenticated_data();
    void unauthenticated();
    void visibility();
    void visibleThroughChat();
    void deleteRemovesBytes();
    void deleteRefusals();
    void clientGoneLeavesNoBytes();

private:
    ApiResponse upload(const QByteArray &token, const QList<FormPart> &parts)
    {
        return m_server.requestRaw("POST", u"/v1/files"_s, multipart(parts),
                                   "multipart/form-data; boundary=" + kBoundary, token);
    }
    ApiResponse uploadFile(const QByteArray &token, const QByteArray &bytes, const QByteArray &name)
    {
        return upload(token, {{"file", bytes, name, {}}});
    }
    QString filesDir() const { return m_server.dataDir() + u"/files"_s; }

    TestServer m_server;
    QByteArray m_admin;
    QByteArray m_supervisor;
    QByteArray m_agentA;
    QByteArray m_agentB;
    qint64 m_agentAId = 0;
    qint64 m_agentBId = 0;
};

void tst_Files::initTestCase()
{
    QVERIFY(m_server.start({{u"CONVERSA_PUBLIC_URL"_s, kPublicUrl}}));
    m_admin = m_server.tokenFor(u"admin"_s);
    m_supervisor = m_server.tokenFor(u"supervisor"_s);
    m_agentA = m_server.tokenFor(u"agent"_s, &m_agentAId);
    m_agentB = m_server.tokenFor(u"agent"_s, &m_agentBId);
    QVERIFY(!m_admin.isEmpty() && !m_supervisor.isEmpty() && !m_agentA.isEmpty() && !m_agentB.isEmpty());
}

void tst_Files::uploadTypes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QString>("mimeType");
    QTest::addColumn<int>("width");   // 0: not an image (null)
    QTest::addColumn<int>("height");

    QTest::addRow("png") << imageBytes(800, 400, "PNG") << QByteArray("logo.png") << u"image/png"_s << 800 << 400;
    QTest::addRow("jpeg") << imageBytes(640, 960, "JPEG") << QByteArray("foto.jpg") << u"image/jpeg"_s << 640 << 960;
    QTest::addRow("pdf") << pdfBytes() << QByteArray("factura.pdf") << u"application/pdf"_s << 0 << 0;
    QTest::addRow("text") << QByteArray("Hola, ¿cómo estás?\nLínea 2\n") << QByteArray("notas.txt") << u"text/plain"_s
                          << 0 << 0;
    // The name says PDF, the bytes say PNG: the bytes win.
    QTest::addRow("png-named-pdf") << imageBytes(10, 20, "PNG") << QByteArray("x.pdf") << u"image/png"_s << 10 << 20;
    QTest::addRow("pdf-named-jpg") << pdfBytes() << QByteArray("x.jpg") << u"application/pdf"_s << 0 << 0;
}

void tst_Files::uploadTypes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, name);
    QFETCH(QString, mimeType);
    QFETCH(int, width);
    QFETCH(int, height);

    const qint64 rowsBefore = m_server.count(u"files"_s);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = uploadFile(m_agentA, bytes, name);
    QCOMPARE(r.status, 201);
    const QJsonObject f = r.object();
    const qint64 id = f.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(f.value(u"original_filename"_s).toString(), QString::fromUtf8(name));
    QVERIFY2(QRegularExpression(u"^[0-9a-f]{32}-"_s + QRegularExpression::escape(QString::fromUtf8(name)) + u'$')
                 .match(f.value(u"filename"_s).toString())
                 .hasMatch(),
             qPrintable(f.value(u"filename"_s).toString()));
    QCOMPARE(f.value(u"mime_type"_s).toString(), mimeType);
    QCOMPARE(f.value(u"size_bytes"_s).toInteger(), bytes.size());
    QCOMPARE(f.value(u"sha256"_s).toString().toLatin1(), sha256(bytes));
    const QString base = kPublicUrl + u"/v1/files/"_s + QString::number(id);
    QCOMPARE(f.value(u"file_path"_s).toString(), base + u"/download"_s);
    QCOMPARE(f.value(u"uploaded_by"_s).toInteger(), m_agentAId);
    QVERIFY(f.value(u"related_entity_type"_s).isNull());
    QVERIFY(f.value(u"related_entity_id"_s).isNull());
    QVERIFY(QDateTime::fromString(f.value(u"created_at"_s).toString(), Qt::ISODate).isValid());
    if (width > 0) {
        QCOMPARE(f.value(u"width"_s).toInt(), width);
        QCOMPARE(f.value(u"height"_s).toInt(), height);
        QCOMPARE(f.value(u"thumbnail_path"_s).toString(), base + u"/thumbnail"_s);
    } else {
        QVERIFY(f.value(u"width"_s).isNull());
        QVERIFY(f.value(u"height"_s).isNull());
        QVERIFY(f.value(u"thumbnail_path"_s).isNull());
    }

    // Stored under files/YYYY/MM/<generated name>, byte for byte.
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QString stored = filesDir() + u"/%1/%2/"_s.arg(today.year()).arg(today.month(), 2, 10, QChar(u'0')) +
        f.value(u"filename"_s).toString();
    QFile file(stored);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(stored));
    QCOMPARE(file.readAll(), bytes);
    QCOMPARE(m_server.count(u"files"_s), rowsBefore + 1);

    // GET answers the same document.
    const ApiResponse got = m_server.request("GET", u"/v1/files/"_s + QString::number(id), {}, m_agentA);
    QCOMPARE(got.status, 200);
    QCOMPARE(got.object(), f);

    // Audited with what describes the file, never its bytes.
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"file.upload"_s, mark);
    QCOMPARE(audit.size(), 1);
    const QJsonObject row = audit.first();
    QCOMPARE(row.value(u"success"_s).toBool(), true);
    QCOMPARE(row.value(u"entity_type"_s).toString(), u"File"_s);
    QCOMPARE(row.value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(row.value(u"user_id"_s).toInteger(), m_agentAId);
    const QJsonObject changes = row.value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"mime_type"_s).toObject().value(u"to"_s).toString(), mimeType);
    QCOMPARE(changes.value(u"sha256"_s).toObject().value(u"to"_s).toString().toLatin1(), sha256(bytes));
    QCOMPARE(changes.value(u"original_filename"_s).toObject().value(u"to"_s).toString(), QString::fromUtf8(name));
    QVERIFY(!changes.contains(u"file"_s) && !changes.contains(u"bytes"_s) && !changes.contains(u"content"_s));
}

void tst_Files::uploadWithEntity()
{
    const ApiResponse r = upload(m_agentA,
                                 {{"related_entity_type", "message", {}, {}},
                                  {"related_entity_id", "789", {}, {}},
                                  {"file", "hola", "a.txt", {}}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.value(u"related_entity_type"_s).toString(), u"message"_s);
    QCOMPARE(r.value(u"related_entity_id"_s).toInteger(), 789);
    const qint64 id = r.value(u"id"_s).toInteger();
    QCOMPARE(m_server.count(u"files"_s,
                            u"id = %1 AND related_entity_type = 'message' AND related_entity_id = 789"_s.arg(id)),
             1);
}

void tst_Files::refusedTypes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("name");
    QTest::addRow("elf") << QByteArray("\x7f"
                                       "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0",
                                       20)
                         << QByteArray("report.pdf");
    QTest::addRow("exe") << QByteArray("MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0", 16) << QByteArray("setup.exe");
    QTest::addRow("script") << QByteArray("#!/bin/sh\necho hi\n") << QByteArray("notes.txt");
    QTest::addRow("zip") << QByteArray("PK\x03\x04\x14\0\0\0\0\0", 10) << QByteArray("doc.docx");
    QTest::addRow("binary") << QByteArray("\x01\x02\x03\x04\xfe\xfd\0\x10", 8) << QByteArray("data.bin");
}

void tst_Files::refusedTypes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, name);
    const qint64 rowsBefore = m_server.count(u"files"_s);
    const QStringList onDisk = filesUnder(filesDir());
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = uploadFile(m_agentA, bytes, name);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QCOMPARE(r.errorFields(), QStringList{u"file"_s});
    QCOMPARE(m_server.count(u"files"_s), rowsBefore);
    QCOMPARE(filesUnder(filesDir()), onDisk);   // nothing written
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"file.upload"_s, mark);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().value(u"success"_s).toBool(), false);
    QCOMPARE(audit.first().value(u"status_code"_s).toInt(), 422);
}

void tst_Files::uploadValidation_data()
{
    QTest::addColumn<QList<FormPart>>("parts");
    QTest::addColumn<QStringList>("fields");
    const FormPart file{"file", "hola", "a.txt", {}};
    QTest::addRow("no-file-part") << QList<FormPart>{{"other", "x", {}, {}}} << QStringList{u"file"_s};
    QTest::addRow("file-without-filename") << QList<FormPart>{{"file", "hola", {}, {}}} << QStringList{u"file"_s};
    QTest::addRow("empty-file") << QList<FormPart>{{"file", {}, "a.txt", {}}} << QStringList{u"file"_s};
    QTest::addRow("bad-entity-type") << QList<FormPart>{file,
                                                        {"related_entity_type", "user", {}, {}},
                                                        {"related_entity_id", "1", {}, {}}}
                                     << QStringList{u"related_entity_type"_s};
    QTest::addRow("bad-entity-id") << QList<FormPart>{file,
                                                      {"related_entity_type", "chat", {}, {}},
                                                      {"related_entity_id", "abc", {}, {}}}
                                   << QStringList{u"related_entity_id"_s};
    QTest::addRow("zero-entity-id") << QList<FormPart>{file,
                                                       {"related_entity_type", "chat", {}, {}},
                                                       {"related_entity_id", "0", {}, {}}}
                                    << QStringList{u"related_entity_id"_s};
    QTest::addRow("type-without-id") << QList<FormPart>{file, {"related_entity_type", "task", {}, {}}}
                                     << QStringList{u"related_entity_id"_s};
    QTest::addRow("id-without-type") << QList<FormPart>{file, {"related_entity_id", "5", {}, {}}}
                                     << QStringList{u"related_entity_type"_s};
    QTest::addRow("everything-wrong") << QList<FormPart>{{"related_entity_type", "x", {}, {}},
                                                         {"related_entity_id", "-3", {}, {}}}
                                      << QStringList{u"file"_s, u"related_entity_type"_s, u"related_entity_id"_s};
}

void tst_Files::uploadValidation()
{
    QFETCH(QList<FormPart>, parts);
    QFETCH(QStringList, fields);
    const qint64 rowsBefore = m_server.count(u"files"_s);
    const ApiResponse r = upload(m_agentA, parts);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QCOMPARE(r.errorFields(), fields);
    QCOMPARE(m_server.count(u"files"_s), rowsBefore);
}

void tst_Files::badRequests_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    const QByteArray good = multipart({{"file", "hola", "a.txt", {}}});
    QTest::addRow("json") << QByteArray("{\"file\":\"aG9sYQ==\"}") << QByteArray("application/json");
    QTest::addRow("no-boundary") << good << QByteArray("multipart/form-data");
    QTest::addRow("other-boundary") << good << QByteArray("multipart/form-data; boundary=nope");
    QTest::addRow("truncated") << good.left(good.size() - 30)
                               << QByteArray("multipart/form-data; boundary=" + kBoundary);
    QTest::addRow("no-disposition") << QByteArray("--" + kBoundary + "\r\nContent-Type: text/plain\r\n\r\nhola\r\n--" +
                                                  kBoundary + "--\r\n")
                                    << QByteArray("multipart/form-data; boundary=" + kBoundary);
}

void tst_Files::badRequests()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    const qint64 rowsBefore = m_server.count(u"files"_s);
    const ApiResponse r = m_server.requestRaw("POST", u"/v1/files"_s, body, contentType, m_agentA);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QByteArray("BAD_REQUEST"));
    QCOMPARE(m_server.count(u"files"_s), rowsBefore);
}

void tst_Files::overTheLimit()
{
    TestServer small;
    QVERIFY(small.start({{u"CONVERSA_MAX_UPLOAD_BYTES"_s, u"65536"_s}}));
    const QByteArray token = small.tokenFor(u"agent"_s);
    const QByteArray type = "multipart/form-data; boundary=" + kBoundary;

    // Under the limit: fine.
    QCOMPARE(small
                 .requestRaw("POST", u"/v1/files"_s, multipart({{"file", QByteArray(60000, 'a'), "a.txt", {}}}), type,
                             token)
                 .status,
             201);

    // Over the upload limit but under the JSON limit the listener enforces: refused by the route.
    const qint64 mark = small.auditMark();
    const ApiResponse r = small.requestRaw("POST", u"/v1/files"_s,
                                           multipart({{"file", QByteArray(100000, 'a'), "a.txt", {}}}), type, token);
    QCOMPARE(r.status, 413);
    QCOMPARE(r.errorCode(), QByteArray("PAYLOAD_TOO_LARGE"));
    QVERIFY(!r.object().value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
    QCOMPARE(small.count(u"files"_s), 1);
    const QList<QJsonObject> refused = small.auditRowsSince(u"file.upload"_s, mark);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().value(u"status_code"_s).toInt(), 413);

    // Declared far beyond every limit: the listener answers before reading the body.
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, small.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /v1/files HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\nContent-Type: " + type +
                 "\r\nContent-Length: 52428800\r\n\r\n--" + kBoundary);
    QByteArray answer;
    while (socket.waitForReadyRead(5000))
        answer += socket.readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
    QVERIFY(answer.contains("\"code\":\"PAYLOAD_TOO_LARGE\""));
    small.stop();
}

void tst_Files::pathTraversalNeverReachesDisk_data()
{
    QTest::addColumn<QByteArray>("disposition");
    QTest::addColumn<QString>("shown");
    QTest::addRow("unix") << QByteArray("form-data; name=\"file\"; filename=\"../../etc/passwd\"") << u"passwd"_s;
    QTest::addRow("windows") << QByteArray("form-data; name=\"file\"; filename=\"..\\..\\..\\boot.ini\"")
                             << u"boot.ini"_s;
    QTest::addRow("encoded") << QByteArray("form-data; name=\"file\"; filename*=UTF-8''..%2F..%2Fetc%2Fshadow")
                             << u"shadow"_s;
    QTest::addRow("absolute") << QByteArray("form-data; name=\"file\"; filename=\"/tmp/conversa-evil\"")
                              << u"conversa-evil"_s;
    QTest::addRow("only-dots") << QByteArray("form-data; name=\"file\"; filename=\"..\"") << u"file"_s;
}

void tst_Files::pathTraversalNeverReachesDisk()
{
    QFETCH(QByteArray, disposition);
    QFETCH(QString, shown);
    const QStringList outsideBefore = filesUnder(m_server.dataDir());
    const ApiResponse r = upload(m_agentA, {{{}, "root:x:0:0\n", {}, disposition}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.value(u"original_filename"_s).toString(), shown);
    const QString filename = r.value(u"filename"_s).toString();
    QVERIFY2(QRegularExpression(u"^[0-9a-f]{32}-[A-Za-z0-9._-]+$"_s).match(filename).hasMatch(), qPrintable(filename));
    QVERIFY(!QFile::exists(u"/tmp/conversa-evil"_s));

    // Exactly one new file, inside files/YYYY/MM, named as answered.
    QStringList added = filesUnder(m_server.dataDir());
    for (const QString &f : outsideBefore)
        added.removeOne(f);
    QCOMPARE(added.size(), 1);
    QVERIFY2(QRegularExpression(u"^files/\\d{4}/\\d{2}/"_s + QRegularExpression::escape(filename) + u'$')
                 .match(added.first())
                 .hasMatch(),
             qPrintable(added.first()));
}

void tst_Files::downloadBytesAndHeaders()
{
    const QByteArray bytes = pdfBytes();
    const ApiResponse up = uploadFile(m_agentA, bytes, "cotización ñ.pdf");
    QCOMPARE(up.status, 201);
    const QString path = u"/v1/files/"_s + QString::number(up.value(u"id"_s).toInteger()) + u"/download"_s;

    for (const QByteArray &token : {m_agentA, m_supervisor, m_admin}) {
        const ApiResponse r = m_server.request("GET", path, {}, token);
        QCOMPARE(r.status, 200);
        QCOMPARE(sha256(r.body), sha256(bytes));
        QCOMPARE(r.body, bytes);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/pdf"));
        QCOMPARE(r.header("Content-Length"), QByteArray::number(bytes.size()));
        QCOMPARE(r.header("X-Content-Type-Options"), QByteArray("nosniff"));
        QCOMPARE(r.header("Content-Disposition"),
                 QByteArray(
                     "attachment; filename=\"cotizaci_n _.pdf\"; filename*=UTF-8''cotizaci%C3%B3n%20%C3%B1.pdf"));
    }

    // An ASCII name needs no filename*.
    const ApiResponse plain = uploadFile(m_agentA, "hola", "notes.txt");
    const ApiResponse r =
        m_server.request("GET", u"/v1/files/"_s + QString::number(plain.value(u"id"_s).toInteger()) + u"/download"_s,
                         {}, m_agentA);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("text/plain"));
    QCOMPARE(r.header("Content-Disposition"), QByteArray("attachment; filename=\"notes.txt\""));
}

void tst_Files::thumbnail()
{
    const ApiResponse up = uploadFile(m_agentA, imageBytes(1280, 720, "JPEG"), "wide.jpg");
    QCOMPARE(up.status, 201);
    const QString base = u"/v1/files/"_s + QString::number(up.value(u"id"_s).toInteger());
    const ApiResponse r = m_server.request("GET", base + u"/thumbnail"_s, {}, m_agentA);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("image/jpeg"));
    QImage thumb;
    QVERIFY(thumb.loadFromData(r.body, "JPEG"));
    QCOMPARE(thumb.size(), QSize(320, 180));
    // Stored beside the files, under files/thumbs/.
    QVERIFY(!QDir(filesDir() + u"/thumbs"_s).entryList(QDir::Files).isEmpty());

    // No thumbnail for a PDF.
    const ApiResponse pdf = uploadFile(m_agentA, pdfBytes(), "a.pdf");
    const ApiResponse none =
        m_server.request("GET", u"/v1/files/"_s + QString::number(pdf.value(u"id"_s).toInteger()) + u"/thumbnail"_s, {},
                         m_agentA);
    QCOMPARE(none.status, 404);
    QCOMPARE(none.errorCode(), QByteArray("NOT_FOUND"));
}

void tst_Files::unauthenticated_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("suffix");
    QTest::addRow("upload") << QByteArray("POST") << QString();
    QTest::addRow("show") << QByteArray("GET") << u"/1"_s;
    QTest::addRow("download") << QByteArray("GET") << u"/1/download"_s;
    QTest::addRow("thumbnail") << QByteArray("GET") << u"/1/thumbnail"_s;
    QTest::addRow("delete") << QByteArray("DELETE") << u"/1"_s;
}

void tst_Files::unauthenticated()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, suffix);
    const ApiResponse r = m_server.requestRaw(method, u"/v1/files"_s + suffix,
                                              method == "POST" ? multipart({{"file", "x", "a.txt", {}}}) : QByteArray(),
                                              "multipart/form-data; boundary=" + kBoundary, "not-a-token");
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), QByteArray("UNAUTHENTICATED"));
}

void tst_Files::visibility()
{
    const ApiResponse up = uploadFile(m_agentA, imageBytes(40, 30, "PNG"), "mine.png");
    QCOMPARE(up.status, 201);
    const QString base = u"/v1/files/"_s + QString::number(up.value(u"id"_s).toInteger());

    // Another agent: as if the file did not exist, on every route.
    for (const QString &suffix : {QString(), u"/download"_s, u"/thumbnail"_s}) {
        const ApiResponse r = m_server.request("GET", base + suffix, {}, m_agentB);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errorCode(), QByteArray("NOT_FOUND"));
        QVERIFY(!r.body.contains("mine.png"));
        // The uploader, a supervisor and an admin see it.
        for (const QByteArray &token : {m_agentA, m_supervisor, m_admin})
            QCOMPARE(m_server.request("GET", base + suffix, {}, token).status, 200);
    }

    // Unknown ids are 404 too.
    QCOMPARE(m_server.request("GET", u"/v1/files/999999"_s, {}, m_admin).status, 404);
    QCOMPARE(m_server.request("GET", u"/v1/files/999999/download"_s, {}, m_admin).status, 404);
}

// A file on a message is visible to whoever may see the message's chat (docs/API.md).
void tst_Files::visibleThroughChat()
{
    // Chats arrive with inbound delivery: the campaign, number, client and A's chat go straight
    // into the database; the rest goes through the API.
    Database &db = m_server.db();
    const qint64 now = nowSeconds();
    const auto insertId = [&db](const char *sql, std::initializer_list<QVariant> values) {
        SqlQuery q(db, sql, values);
        return q.exec() && q.next() ? q.integer(0) : 0;
    };
    const qint64 clientId = insertId("INSERT INTO clients (phone_number, search_text, custom_fields, created_at, "
                                     "updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                                     {u"+573009990001"_s, u"573009990001"_s, u"{}"_s, now, now});
    const qint64 campaignId = insertId("INSERT INTO campaigns (name, code, search_text, created_at, updated_at) "
                                       "VALUES (?, ?, ?, ?, ?) RETURNING id",
                                       {u"Ventas"_s, u"FILES-CHAT"_s, u"ventas"_s, now, now});
    const qint64 numberId = insertId("INSERT INTO whatsapp_numbers (phone_number, provider, created_at, updated_at) "
                                     "VALUES (?, 'meta', ?, ?) RETURNING id",
                                     {u"+573009990002"_s, now, now});
    QVERIFY(clientId && campaignId && numberId);
    for (const qint64 agent : {m_agentAId, m_agentBId}) {
        SqlQuery q(db, "INSERT INTO campaign_agents (campaign_id, user_id, created_at) VALUES (?, ?, ?)",
                   {campaignId, agent, now});
        QVERIFY(q.exec());
    }
    const qint64 chatId =
        insertId("INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, "
                 "status, priority, created_at, queued_at, assigned_at, last_activity_at, last_inbound_at) "
                 "VALUES (?, ?, ?, ?, 'active', 'normal', ?, ?, ?, ?, ?) RETURNING id",
                 {clientId, campaignId, numberId, m_agentAId, now, now, now, now, now});   // Meta window open
    QVERIFY(chatId);

    const QByteArray bytes = imageBytes(64, 48, "PNG");
    const ApiResponse up = uploadFile(m_agentA, bytes, "catalogo.png");
    QCOMPARE(up.status, 201);
    const qint64 fileId = up.value(u"id"_s).toInteger();
    const QString base = u"/v1/files/"_s + QString::number(fileId);
    const QStringList suffixes{QString(), u"/download"_s, u"/thumbnail"_s};
    for (const QString &suffix : suffixes)
        QCOMPARE(m_server.request("GET", base + suffix, {}, m_agentB).status, 404);

    const ApiResponse sent = m_server.request("POST", u"/v1/messages"_s,
                                              {{u"chat_id"_s, chatId},
                                               {u"message_type"_s, u"image"_s},
                                               {u"media_file_id"_s, fileId},
                                               {u"content"_s, u"El catálogo"_s}},
                                              m_agentA);
    QCOMPARE(sent.status, 201);
    // Sent on A's chat: B still sees nothing (reads answered 404 leave no audit row).
    QCOMPARE(m_server.request("GET", base + u"/download"_s, {}, m_agentB).status, 404);

    const ApiResponse moved =
        m_server.request("POST", u"/v1/chats/%1/transfer"_s.arg(chatId),
                         {{u"target_type"_s, u"agent"_s}, {u"target_id"_s, m_agentBId}}, m_agentA);
    QCOMPARE(moved.status, 200);

    const ApiResponse download = m_server.request("GET", base + u"/download"_s, {}, m_agentB);
    QCOMPARE(download.status, 200);
    QCOMPARE(download.body, bytes);
    QCOMPARE(m_server.request("GET", base, {}, m_agentB).value(u"id"_s).toInteger(), fileId);
    QCOMPARE(m_server.request("GET", base + u"/thumbnail"_s, {}, m_agentB).status, 200);

    // B may send it on again (the same reading rule); an agent who cannot see it may not.
    const QJsonObject resend{{u"chat_id"_s, chatId}, {u"message_type"_s, u"image"_s}, {u"media_file_id"_s, fileId}};
    QCOMPARE(m_server.request("POST", u"/v1/messages"_s, resend, m_agentB).status, 201);

    // The uploader keeps it; an agent of another campaign still gets 404 everywhere.
    QCOMPARE(m_server.request("GET", base + u"/download"_s, {}, m_agentA).status, 200);
    const QByteArray other = m_server.tokenFor(u"agent"_s);
    for (const QString &suffix : suffixes)
        QCOMPARE(m_server.request("GET", base + suffix, {}, other).status, 404);
}

void tst_Files::deleteRemovesBytes()
{
    const ApiResponse up = uploadFile(m_agentA, imageBytes(500, 500, "PNG"), "gone.png");
    QCOMPARE(up.status, 201);
    const qint64 id = up.value(u"id"_s).toInteger();
    const QString base = u"/v1/files/"_s + QString::number(id);
    QStringList stored;
    for (const QString &f : filesUnder(filesDir())) {
        if (f.contains(up.value(u"filename"_s).toString().left(32)))
            stored.append(filesDir() + u'/' + f);
    }
    QCOMPARE(stored.size(), 2);   // the file and its thumbnail

    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.request("DELETE", base, {}, m_supervisor);
    QCOMPARE(r.status, 204);
    QVERIFY(r.body.isEmpty());
    for (const QString &path : stored)
        QTRY_VERIFY2(!QFile::exists(path), qPrintable(path));
    QCOMPARE(m_server.request("GET", base, {}, m_supervisor).status, 404);
    QCOMPARE(m_server.request("GET", base + u"/download"_s, {}, m_agentA).status, 404);
    QCOMPARE(m_server.request("DELETE", base, {}, m_supervisor).status, 404);
    // Soft delete: the row stays for history.
    QCOMPARE(m_server.count(u"files"_s, u"id = %1 AND deleted_at IS NOT NULL"_s.arg(id)), 1);

    const QList<QJsonObject> audit = m_server.auditRowsSince(u"file.delete"_s, mark);
    QCOMPARE(audit.size(), 2);
    const QJsonObject ok = audit.at(1);   // newest first: the repeated delete, then this one
    QCOMPARE(ok.value(u"success"_s).toBool(), true);
    QCOMPARE(ok.value(u"entity_type"_s).toString(), u"File"_s);
    QCOMPARE(ok.value(u"entity_id"_s).toInteger(), id);
    QVERIFY(ok.value(u"changes"_s).toObject().value(u"deleted_at"_s).toObject().value(u"to"_s).isString());
    QCOMPARE(audit.at(0).value(u"success"_s).toBool(), false);
    QCOMPARE(audit.at(0).value(u"status_code"_s).toInt(), 404);
}

void tst_Files::deleteRefusals()
{
    const ApiResponse up = uploadFile(m_agentA, "keep me", "keep.txt");
    QCOMPARE(up.status, 201);
    const QString base = u"/v1/files/"_s + QString::number(up.value(u"id"_s).toInteger());

    // Agents may not delete files, not even their own.
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.request("DELETE", base, {}, m_agentA);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), QByteArray("FORBIDDEN"));
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"file.delete"_s, mark);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().value(u"success"_s).toBool(), false);
    QCOMPARE(audit.first().value(u"status_code"_s).toInt(), 403);
    QCOMPARE(m_server.request("GET", base + u"/download"_s, {}, m_agentA).body, QByteArray("keep me"));

    QCOMPARE(m_server.request("DELETE", u"/v1/files/999999"_s, {}, m_admin).status, 404);
}

void tst_Files::clientGoneLeavesNoBytes()
{
    // A large image keeps the worker busy while the client hangs up: finish never runs, so no row
    // is written, and the bytes the worker stored must not stay behind.
    const QByteArray body = multipart({{"file", imageBytes(5000, 5000, "PNG"), "big.png", {}}});
    const qint64 rowsBefore = m_server.count(u"files"_s);
    const QStringList onDisk = filesUnder(filesDir());
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_server.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /v1/files HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + m_agentA +
                 "\r\nContent-Type: multipart/form-data; boundary=" + kBoundary +
                 "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QVERIFY(socket.waitForBytesWritten(5000));
    QTRY_COMPARE_WITH_TIMEOUT(m_server.app().router().pendingDeferred(), 1, 5000);
    socket.abort();
    QTRY_COMPARE_WITH_TIMEOUT(m_server.app().router().inFlight(), 0, 20000);
    QCOMPARE(m_server.count(u"files"_s), rowsBefore);
    QTRY_COMPARE(filesUnder(filesDir()), onDisk);
}

QTEST_GUILESS_MAIN(tst_Files)
#include "tst_files.moc"
