// What one connection may take (docs/CONFIGURATION.md#connections): the request guard's framing
// (as QHttpServer 6.4 reads it), the header, body, idle and send timeouts, the cap on connections
// per address and on unread answers — over raw TCP on loopback, with short timeouts.
#include "TestServer.h"

#include "api/ApiModule.h"
#include "http/HttpRouter.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QWebSocket>

#include <memory>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

namespace {

constexpr int kHeaderTimeoutMs = 400;
constexpr int kBodyTimeoutMs = 400;
constexpr int kIdleTimeoutMs = 700;
constexpr int kMaxPerAddress = 12;

// A route whose answer takes longer than every timeout: the connection waits for it.
class SlowApi final : public ApiModule {
public:
    void registerRoutes(HttpRouter &router) override
    {
        router.addDeferred("GET", u"/v1/probe/slow"_s, {.authenticated = false},
                           [](RequestContext &) -> Result<Deferred> {
                               return Deferred{[] {
                                                   QThread::msleep(2 * kIdleTimeoutMs);
                                                   return QVariant(true);
                                               },
                                               [](RequestContext &, const QVariant &) -> Result<HttpReply> {
                                                   return HttpReply::json(QJsonObject{{u"slow"_s, true}});
                                               }};
                           });
    }
};

const QByteArray kHealth = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";

}   // namespace

class tst_Connections : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }
    void init();
    void pipelinedRequestsAreAnsweredInOrder();
    void lineEndsAsQHttpServerReadsThem();
    void framingErrorsAreRefused_data();
    void framingErrorsAreRefused();
    void silentConnectionIsClosed();
    void slowHeadersAreCutWhileOthersAreServed();
    void stalledBodyIsCut();
    void idleKeepAliveIsClosedQuietly();
    void slowAnswerIsWaitedFor();
    void connectionsPerAddressAreCapped();
    void clientNotReadingItsAnswersIsCutOff();
    void deepPipelineIsCutOff();
    void webSocketOutlivesTheTimeouts();

private:
    // Connects, writes `request`, reads until the server closes or `waitMs` passes quietly.
    QByteArray exchange(const QByteArray &request, int waitMs = 3000);
    std::unique_ptr<QTcpSocket> open();
    // Whether a new connection gets an answer within timeoutMs (the server counts a closed
    // connection until it has let go of its socket, a moment after the client sees the close).
    bool admittedWithin(int timeoutMs);
    // Reads until the peer closes; false when it is still open after timeoutMs.
    static bool closedWithin(QTcpSocket &socket, int timeoutMs, QByteArray *answer = nullptr);

    TestServer m_server;
};

void tst_Connections::initTestCase()
{
    QVERIFY(m_server.start({{u"CONVERSA_HTTP_HEADER_TIMEOUT_MS"_s, QString::number(kHeaderTimeoutMs)},
                            {u"CONVERSA_HTTP_BODY_TIMEOUT_MS"_s, QString::number(kBodyTimeoutMs)},
                            {u"CONVERSA_HTTP_IDLE_TIMEOUT_MS"_s, QString::number(kIdleTimeoutMs)},
                            {u"CONVERSA_HTTP_SEND_TIMEOUT_MS"_s, u"5000"_s},
                            {u"CONVERSA_MAX_CONNECTIONS_PER_ADDRESS"_s, QString::number(kMaxPerAddress)}},
                           [](ServerApp &app) { app.addModule(new SlowApi); }));
}

void tst_Connections::init()
{
    // Connections of the previous test are closed by the server within its timeouts: wait until
    // a fresh one is admitted, so each test starts under the per-address cap.
    QVERIFY(admittedWithin(5000));
}

bool tst_Connections::admittedWithin(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (exchange("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 1000).startsWith("HTTP/1.1 200"))
            return true;
        QTest::qWait(50);
    }
    return false;
}

std::unique_ptr<QTcpSocket> tst_Connections::open()
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(u"127.0.0.1"_s, m_server.port());
    if (!socket->waitForConnected(3000))
        return {};
    return socket;
}

bool tst_Connections::closedWithin(QTcpSocket &socket, int timeoutMs, QByteArray *answer)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (socket.state() == QAbstractSocket::UnconnectedState) {
            if (answer)
                *answer += socket.readAll();
            return true;
        }
        socket.waitForReadyRead(50);
        const QByteArray bytes = socket.readAll();
        if (answer)
            *answer += bytes;
        if (socket.state() == QAbstractSocket::UnconnectedState)
            return true;
    }
    return socket.state() == QAbstractSocket::UnconnectedState;
}

QByteArray tst_Connections::exchange(const QByteArray &request, int waitMs)
{
    const auto socket = open();
    if (!socket)
        return {};
    socket->write(request);
    QByteArray answer;
    closedWithin(*socket, waitMs, &answer);
    return answer;
}

void tst_Connections::pipelinedRequestsAreAnsweredInOrder()
{
    // Three requests in one write, one with a body: the guard sees them all at once and again as
    // QHttpServer re-reads the rest, and must count each exactly once.
    const QByteArray post = "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            "Content-Length: 2\r\n\r\n{}";
    const QByteArray answer =
        exchange(kHealth + post + "GET /v1/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const qsizetype first = answer.indexOf("HTTP/1.1 200");
    const qsizetype second = answer.indexOf("HTTP/1.1 422");
    const qsizetype third = answer.indexOf("HTTP/1.1 404");
    QVERIFY2(first == 0 && second > first && third > second, answer.constData());
}

void tst_Connections::lineEndsAsQHttpServerReadsThem()
{
    // LF alone, and a stray CRLF before the request line, are read as QHttpServer reads them.
    QVERIFY(exchange("GET /health HTTP/1.1\nHost: x\nConnection: close\n\n").startsWith("HTTP/1.1 200"));
    QVERIFY(exchange("\r\nGET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"));
    // A body after LF-only headers is measured against the limit too.
    const QByteArray answer =
        exchange("POST /v1/auth/login HTTP/1.1\nHost: x\nContent-Length: 999999999999\n\n{", 2000);
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
}

void tst_Connections::framingErrorsAreRefused_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("status");

    // QHttpServer 6.4 misreads chunk trailers: a length is required, before any body is read.
    QTest::addRow("chunked") << QByteArray(
                                    "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                    "5\r\nhello\r\n0\r\nX-Trailer: 1\r\n\r\n")
                             << QByteArray("411");
    QTest::addRow("two-lengths") << QByteArray("POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                                               "Content-Length: 40\r\n\r\n{}")
                                 << QByteArray("400");
    QTest::addRow("length-not-a-number")
        << QByteArray("POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2x\r\n\r\n{}") << QByteArray("400");
    QTest::addRow("negative-length") << QByteArray(
                                            "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n")
                                     << QByteArray("400");
    QTest::addRow("crlf-stream") << QByteArray(2000, '\n').replace("\n", "\r\n") << QByteArray("400");
    QTest::addRow("endless-header") << ("GET /health HTTP/1.1\r\nX-Long: " + QByteArray(70 * 1024, 'a'))
                                    << QByteArray("431");
}

void tst_Connections::framingErrorsAreRefused()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, status);
    const QByteArray answer = exchange(request);
    QVERIFY2(answer.startsWith(QByteArray("HTTP/1.1 " + status)), answer.left(300).constData());
    QVERIFY(answer.contains("{\"error\":{\"code\":"));
    QVERIFY(answer.contains("Connection: close"));
}

void tst_Connections::silentConnectionIsClosed()
{
    const auto socket = open();
    QVERIFY(socket);
    QVERIFY(!closedWithin(*socket, kHeaderTimeoutMs / 2));
    QByteArray answer;
    QVERIFY(closedWithin(*socket, kHeaderTimeoutMs + 1500, &answer));
    QVERIFY2(answer.isEmpty(), answer.constData());   // nothing was asked: nothing to answer
}

void tst_Connections::slowHeadersAreCutWhileOthersAreServed()
{
    // Slowloris: many connections each sending a header byte now and then, within every gap the
    // server could allow, never finishing. The header time counts from the first byte.
    std::vector<std::unique_ptr<QTcpSocket>> slow;
    for (int i = 0; i < kMaxPerAddress / 2; ++i) {
        slow.push_back(open());
        QVERIFY(slow.back());
        slow.back()->write("GET /health HTTP/1.1\r\nHost: x\r\n");
    }
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < kHeaderTimeoutMs * 3) {
        for (auto &s : slow) {
            if (s->state() == QAbstractSocket::ConnectedState) {
                s->write("X");
                s->flush();
            }
        }
        // Everyone else is answered at once meanwhile.
        QElapsedTimer one;
        one.start();
        QVERIFY(exchange("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"));
        QVERIFY2(one.elapsed() < 1000, QByteArray::number(one.elapsed()).constData());
        QTest::qWait(50);
    }
    for (auto &s : slow) {
        QByteArray answer;
        QVERIFY(closedWithin(*s, 1000, &answer));
        QVERIFY2(answer.startsWith("HTTP/1.1 408"), answer.constData());
    }
}

void tst_Connections::stalledBodyIsCut()
{
    const auto socket = open();
    QVERIFY(socket);
    socket->write(
        "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"em");
    QVERIFY(!closedWithin(*socket, kBodyTimeoutMs / 2));
    QByteArray answer;
    QVERIFY(closedWithin(*socket, kBodyTimeoutMs + 1500, &answer));
    QVERIFY2(answer.startsWith("HTTP/1.1 408"), answer.constData());
}

void tst_Connections::idleKeepAliveIsClosedQuietly()
{
    const auto socket = open();
    QVERIFY(socket);
    socket->write(kHealth);
    QByteArray answer;
    QVERIFY(!closedWithin(*socket, kIdleTimeoutMs / 2, &answer));
    QVERIFY(answer.startsWith("HTTP/1.1 200"));
    // Still usable within the idle time, which starts again after each answer.
    socket->write(kHealth);
    answer.clear();
    QVERIFY(!closedWithin(*socket, kIdleTimeoutMs / 2, &answer));
    QVERIFY(answer.startsWith("HTTP/1.1 200"));
    answer.clear();
    QVERIFY(closedWithin(*socket, kIdleTimeoutMs + 1500, &answer));
    QVERIFY2(answer.isEmpty(), answer.constData());
}

void tst_Connections::slowAnswerIsWaitedFor()
{
    // The server's own work takes longer than the idle time: the client still gets its answer.
    const QByteArray answer = exchange("GET /v1/probe/slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5000);
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QVERIFY(answer.contains("\"slow\":true"));
}

void tst_Connections::connectionsPerAddressAreCapped()
{
    std::vector<std::unique_ptr<QTcpSocket>> held;
    for (int i = 0; i < kMaxPerAddress; ++i) {
        held.push_back(open());
        QVERIFY(held.back());
        held.back()->write("GET /health HTTP/1.1\r\nHost: x\r\n");   // busy, so none times out first
    }
    QTest::qWait(100);
    QByteArray answer = exchange(kHealth);
    QVERIFY2(answer.startsWith("HTTP/1.1 429"), answer.constData());
    QVERIFY(answer.contains("Retry-After: 1"));
    QVERIFY(answer.contains("RATE_LIMITED"));
    // One closes: the next is admitted.
    held.front()->abort();
    held.erase(held.begin());
    QVERIFY(admittedWithin(5000));
}

void tst_Connections::clientNotReadingItsAnswersIsCutOff()
{
    // Large answers (the OpenAPI document) asked for again and again, never read: once the kernel's
    // buffers are full the server's backlog passes its cap and the connection is cut.
    const auto socket = open();
    QVERIFY(socket);
    socket->setReadBufferSize(1);   // the test itself reads nothing either
    QByteArray batch;
    for (int i = 0; i < 8; ++i)
        batch += "GET /v1/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n";
    QElapsedTimer timer;
    timer.start();
    while (socket->state() == QAbstractSocket::ConnectedState && timer.elapsed() < 15000) {
        socket->write(batch);
        socket->waitForBytesWritten(100);
        QTest::qWait(100);
    }
    QCOMPARE(socket->state(), QAbstractSocket::UnconnectedState);
    QVERIFY(
        exchange(kHealth + "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"));
}

void tst_Connections::deepPipelineIsCutOff()
{
    QByteArray many;
    for (int i = 0; i < 40; ++i)
        many += kHealth;
    const auto socket = open();
    QVERIFY(socket);
    socket->write(many);
    QByteArray answer;
    QVERIFY(closedWithin(*socket, 3000, &answer));
    QVERIFY(answer.count("HTTP/1.1 200") < 40);
}

void tst_Connections::webSocketOutlivesTheTimeouts()
{
    // Once upgraded, Engine.IO's pings watch the connection, not the HTTP timeouts.
    QWebSocket ws;
    QStringList frames;
    bool closed = false;
    connect(&ws, &QWebSocket::textMessageReceived, this, [&](const QString &text) { frames << text; });
    connect(&ws, &QWebSocket::disconnected, this, [&] { closed = true; });
    ws.open(QUrl(u"ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket"_s.arg(m_server.port())));
    QTRY_VERIFY_WITH_TIMEOUT(!frames.isEmpty(), 3000);
    QVERIFY(frames.first().startsWith(u'0'));   // the Engine.IO open packet
    QTest::qWait(qMax(kHeaderTimeoutMs, kIdleTimeoutMs) * 2);
    QVERIFY(!closed);
    ws.sendTextMessage(u"2"_s);   // a client ping, answered with a pong
    QTRY_VERIFY_WITH_TIMEOUT(frames.contains(u"3"_s), 3000);
    QVERIFY(!closed);
    ws.close();
}

QTEST_MAIN(tst_Connections)
#include "tst_connections.moc"
