// Streamed file replies (HttpReply::file, used by backup downloads): chunked writes with
// Content-Length, single ranges (206/416), HEAD, temporary files removed once sent or abandoned,
// and clients that leave mid-transfer — over real HTTP on loopback.
#include "TestServer.h"

#include "api/ApiModule.h"
#include "http/HttpRouter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

// GET /v1/probe/file/big: a file kept; /v1/probe/file/temp-N: a temporary one, deleted after.
class FileProbeApi final : public ApiModule {
public:
    explicit FileProbeApi(QString dir) : m_dir(std::move(dir)) {}
    void registerRoutes(HttpRouter &router) override
    {
        router.get(u"/v1/probe/file/{name}"_s, {.authenticated = false},
                   [this](RequestContext &ctx) -> Result<HttpReply> {
                       const QString name = ctx.params.value(u"name"_s);
                       return HttpReply::file(QDir(m_dir).filePath(name), "application/octet-stream", name + u".bin"_s,
                                              name.startsWith("temp-"_L1));
                   });
    }

private:
    QString m_dir;
};

struct RawAnswer {
    QByteArray head;
    QByteArray body;
    int status() const { return head.mid(9, 3).toInt(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            if (line.toLower().startsWith(QByteArray(name.toLower() + ':')))
                return line.mid(name.size() + 1).trimmed();
        }
        return {};
    }
};

}   // namespace

class tst_BackupStream : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }
    void wholeFileIsByteIdentical();
    void ranges_data();
    void ranges();
    void headSendsLengthOnly();
    void temporaryFileGoesAfterSending();
    void earlyDisconnectsLeaveTheServerWell();
    void missingFileIs500();

private:
    RawAnswer exchange(const QByteArray &path, const QByteArray &extraHeaders = {}, const QByteArray &method = "GET");
    QString writeFile(const QString &name, qint64 size);

    QTemporaryDir m_files;
    TestServer m_server;
    QByteArray m_big;
};

void tst_BackupStream::initTestCase()
{
    QVERIFY(m_files.isValid());
    const QString dir = m_files.path();
    QVERIFY(m_server.start({}, [dir](ServerApp &app) { app.addModule(new FileProbeApi(dir)); }));
    // 24 MiB and a bit, random: many chunks, not a multiple of the chunk size.
    writeFile(u"big"_s, 24 * 1024 * 1024 + 12345);
    QFile f(QDir(dir).filePath(u"big"_s));
    QVERIFY(f.open(QIODevice::ReadOnly));
    m_big = f.readAll();
}

QString tst_BackupStream::writeFile(const QString &name, qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator rng(42);
    for (qint64 i = 0; i + 4 <= size; i += 4) {
        const quint32 v = rng.generate();
        memcpy(bytes.data() + i, &v, 4);
    }
    const QString path = QDir(m_files.path()).filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return path;
}

RawAnswer tst_BackupStream::exchange(const QByteArray &path, const QByteArray &extraHeaders, const QByteArray &method)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_server.port());
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(method + ' ' + path + " HTTP/1.1\r\nHost: x\r\n" + extraHeaders + "\r\n");
    QByteArray data;
    RawAnswer answer;
    qint64 length = -1;
    while (socket.waitForReadyRead(5000)) {
        data += socket.readAll();
        if (length < 0) {
            const qsizetype end = data.indexOf("\r\n\r\n");
            if (end < 0)
                continue;
            answer.head = data.left(end);
            data = data.mid(end + 4);
            length = method == "HEAD" ? 0 : answer.header("Content-Length").toLongLong();
        }
        if (data.size() >= length)
            break;
    }
    answer.body = data;
    return answer;
}

void tst_BackupStream::wholeFileIsByteIdentical()
{
    const RawAnswer r = exchange("/v1/probe/file/big");
    QCOMPARE(r.status(), 200);
    QCOMPARE(r.header("Content-Length").toLongLong(), m_big.size());
    QCOMPARE(r.header("Content-Type"), QByteArray("application/octet-stream"));
    QCOMPARE(r.header("Accept-Ranges"), QByteArray("bytes"));
    QCOMPARE(r.header("Content-Disposition"), QByteArray("attachment; filename=\"big.bin\""));
    QCOMPARE(r.body.size(), m_big.size());
    QCOMPARE(QCryptographicHash::hash(r.body, QCryptographicHash::Sha256),
             QCryptographicHash::hash(m_big, QCryptographicHash::Sha256));

    // The same through the test client (QNetworkAccessManager), keep-alive afterwards.
    const ApiResponse again = m_server.request("GET", u"/v1/probe/file/big"_s);
    QCOMPARE(again.status, 200);
    QVERIFY(again.body == m_big);
    QCOMPARE(m_server.request("GET", u"/health"_s).status, 200);
}

void tst_BackupStream::ranges_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("length");   // -1: to the end
    const qint64 size = 24 * 1024 * 1024 + 12345;
    QTest::addRow("first-100") << QByteArray("bytes=0-99") << 206 << qint64(0) << qint64(100);
    QTest::addRow("middle") << QByteArray("bytes=1000000-3000000") << 206 << qint64(1000000) << qint64(2000001);
    QTest::addRow("open-ended") << QByteArray("bytes=20000000-") << 206 << qint64(20000000) << qint64(-1);
    QTest::addRow("suffix") << QByteArray("bytes=-10") << 206 << size - 10 << qint64(10);
    QTest::addRow("end-past-size") << QByteArray("bytes=5-999999999999") << 206 << qint64(5) << qint64(-1);
    QTest::addRow("unsatisfiable") << QByteArray("bytes=999999999-") << 416 << qint64(0) << qint64(0);
    QTest::addRow("empty-suffix") << QByteArray("bytes=-0") << 416 << qint64(0) << qint64(0);
    QTest::addRow("several-ranges-whole") << QByteArray("bytes=0-1,5-6") << 200 << qint64(0) << qint64(-1);
    QTest::addRow("other-unit-whole") << QByteArray("items=0-5") << 200 << qint64(0) << qint64(-1);
    QTest::addRow("reversed-whole") << QByteArray("bytes=10-5") << 200 << qint64(0) << qint64(-1);
    QTest::addRow("garbage-whole") << QByteArray("bytes=a-b") << 200 << qint64(0) << qint64(-1);
}

void tst_BackupStream::ranges()
{
    QFETCH(QByteArray, range);
    QFETCH(int, status);
    QFETCH(qint64, first);
    QFETCH(qint64, length);
    const RawAnswer r = exchange("/v1/probe/file/big", "Range: " + range + "\r\n");
    QCOMPARE(r.status(), status);
    const qint64 size = m_big.size();
    if (status == 416) {
        QCOMPARE(r.header("Content-Range"), "bytes */" + QByteArray::number(size));
        QCOMPARE(r.header("Content-Length"), QByteArray("0"));
        QVERIFY(r.body.isEmpty());
        return;
    }
    if (length < 0)
        length = size - first;
    QCOMPARE(r.header("Content-Length").toLongLong(), length);
    QCOMPARE(r.body.size(), length);
    QVERIFY(r.body == m_big.mid(first, length));
    if (status == 206) {
        QCOMPARE(r.header("Content-Range"),
                 "bytes " + QByteArray::number(first) + '-' + QByteArray::number(first + length - 1) + '/' +
                     QByteArray::number(size));
    } else {
        QVERIFY(r.header("Content-Range").isEmpty());
    }
}

void tst_BackupStream::headSendsLengthOnly()
{
    const RawAnswer r = exchange("/v1/probe/file/big", {}, "HEAD");
    QCOMPARE(r.status(), 200);
    QCOMPARE(r.header("Content-Length").toLongLong(), m_big.size());
    QVERIFY(r.body.isEmpty());
}

void tst_BackupStream::temporaryFileGoesAfterSending()
{
    const QString path = writeFile(u"temp-1"_s, 3 * 1024 * 1024);
    const RawAnswer r = exchange("/v1/probe/file/temp-1");
    QCOMPARE(r.status(), 200);
    QCOMPARE(r.body.size(), 3 * 1024 * 1024);
    QTRY_VERIFY(!QFile::exists(path));
}

void tst_BackupStream::earlyDisconnectsLeaveTheServerWell()
{
    // Clients that read a little and vanish, mid-stream: no crash, temporary files removed.
    for (int i = 0; i < 20; ++i) {
        const QString name = u"temp-gone-%1"_s.arg(i);
        const QString path = writeFile(name, 8 * 1024 * 1024);
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, m_server.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /v1/probe/file/" + name.toLatin1() + " HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(socket.waitForReadyRead(5000));
        socket.read(i * 1000);
        if (i % 2)
            socket.abort();
        else
            socket.disconnectFromHost();
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(path), 10000);
    }
    // And one that never reads while the server keeps serving others.
    QTcpSocket stalled;
    stalled.connectToHost(u"127.0.0.1"_s, m_server.port());
    QVERIFY(stalled.waitForConnected(5000));
    stalled.write("GET /v1/probe/file/big HTTP/1.1\r\nHost: x\r\n\r\n");
    stalled.flush();
    QTest::qWait(200);
    QCOMPARE(m_server.request("GET", u"/health"_s).status, 200);
    stalled.abort();
    QCOMPARE(exchange("/v1/probe/file/big", "Range: bytes=0-9\r\n").status(), 206);
}

void tst_BackupStream::missingFileIs500()
{
    const RawAnswer r = exchange("/v1/probe/file/nothing-here");
    QCOMPARE(r.status(), 500);
    QVERIFY(r.body.contains("INTERNAL_ERROR"));
}

QTEST_GUILESS_MAIN(tst_BackupStream)
#include "tst_backup_stream.moc"
