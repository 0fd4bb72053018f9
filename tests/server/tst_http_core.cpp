// The router and server core: errors in the contract's shape, body handling, headers, health,
// metrics, OpenAPI, transactions and audit rows — over real HTTP on loopback.
#include "TestServer.h"

#include "api/ApiModule.h"
#include "http/HttpRouter.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QSet>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

// Probe routes to exercise the router on its own: one that writes and then fails, one that echoes.
class ProbeApi final : public ApiModule {
public:
    explicit ProbeApi(ServerApp &app) : m_app(app) {}
    void registerRoutes(HttpRouter &router) override
    {
        router.post(u"/v1/probe/echo"_s,
                    {.permission = u"users.create"_s, .action = u"probe.echo"_s, .entityType = u"Probe"_s},
                    [](RequestContext &ctx) -> Result<HttpReply> {
                        ctx.audit.changes = {{u"password"_s, QJsonObject{{u"from"_s, u"a"_s}, {u"to"_s, u"b"_s}}},
                                             {u"name"_s, QJsonObject{{u"from"_s, u"x"_s}, {u"to"_s, u"y"_s}}}};
                        return HttpReply::json(QJsonObject{{u"echo"_s, ctx.body}}, 201);
                    });
        router.post(u"/v1/probe/fail-after-write"_s, {.authenticated = false, .action = u"probe.fail"_s},
                    [this](RequestContext &) -> Result<HttpReply> {
                        SqlQuery q(m_app.database(),
                                   "INSERT INTO login_attempts (email, ip_address, success, created_at) "
                                   "VALUES ('rollback@probe', '127.0.0.1', FALSE, 1)");
                        if (!q.exec())
                            return q.failure();
                        return ApiError::validation(u"name"_s, QT_TRANSLATE_NOOP("Api", "This field is required"));
                    });
        router.get(u"/v1/probe/items/{id}"_s, {.authenticated = false}, [](RequestContext &ctx) -> Result<HttpReply> {
            return HttpReply::json(QJsonObject{{u"id"_s, ctx.idParam()}});
        });
    }

private:
    ServerApp &m_app;
};

}   // namespace

class tst_HttpCore : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }
    void health();
    void errorShape_data();
    void errorShape();
    void securityHeadersAndRequestId();
    void languages();
    void oversizedBodyIsRefusedBeforeBuffering();
    void chunkedBodyOverLimitIsRefused();
    void expectContinueIsAnswered();
    void connectionCloseAndHead();
    void transactionRollsBackOnError();
    void refusedRequestsAreAudited();
    void successfulMutationIsAuditedWithSecretsMasked();
    void metricsCountRequests();
    void openApiListsEveryRoute();
    void cors();

private:
    QByteArray rawExchange(const QByteArray &request);

    TestServer m_server;
    QByteArray m_adminToken;
};

void tst_HttpCore::initTestCase()
{
    QVERIFY(m_server.start({}, [](ServerApp &app) { app.addModule(new ProbeApi(app)); }));
}

void tst_HttpCore::health()
{
    const ApiResponse r = m_server.request("GET", u"/health"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"ok"_s);
    QCOMPARE(r.value(u"database"_s).toString(), u"ok"_s);
    QVERIFY(r.object().contains(u"version"_s));
}

void tst_HttpCore::errorShape_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("code");

    QTest::addRow("unknown-route") << QByteArray("GET") << u"/v1/nothing-here"_s << QByteArray() << QByteArray() << 404
                                   << QByteArray("NOT_FOUND");
    QTest::addRow("id-not-a-number") << QByteArray("GET") << u"/v1/probe/items/abc"_s << QByteArray() << QByteArray()
                                     << 404 << QByteArray("NOT_FOUND");
    QTest::addRow("wrong-method") << QByteArray("DELETE") << u"/v1/probe/items/3"_s << QByteArray() << QByteArray()
                                  << 405 << QByteArray("METHOD_NOT_ALLOWED");
    QTest::addRow("missing-token") << QByteArray("POST") << u"/v1/probe/echo"_s << QByteArray("{}")
                                   << QByteArray("application/json") << 401 << QByteArray("UNAUTHENTICATED");
    QTest::addRow("garbage-token") << QByteArray("POST") << u"/v1/probe/echo"_s << QByteArray("{}")
                                   << QByteArray("application/json") << 401 << QByteArray("UNAUTHENTICATED");
    QTest::addRow("malformed-json") << QByteArray("POST") << u"/v1/probe/fail-after-write"_s << QByteArray("{\"a\":")
                                    << QByteArray("application/json") << 400 << QByteArray("BAD_REQUEST");
    QTest::addRow("json-not-object") << QByteArray("POST") << u"/v1/probe/fail-after-write"_s << QByteArray("[1,2]")
                                     << QByteArray("application/json") << 400 << QByteArray("BAD_REQUEST");
    QTest::addRow("wrong-content-type") << QByteArray("POST") << u"/v1/probe/fail-after-write"_s << QByteArray("name=x")
                                        << QByteArray("application/x-www-form-urlencoded") << 400
                                        << QByteArray("BAD_REQUEST");
}

void tst_HttpCore::errorShape()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QByteArray, code);

    const QByteArray token =
        QByteArray(QTest::currentDataTag()) == "garbage-token" ? QByteArray("abc.def.ghi") : QByteArray();
    const ApiResponse r = m_server.requestRaw(method, path, body, contentType, token);
    QCOMPARE(r.status, status);
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
    QCOMPARE(r.errorCode(), code);
    QVERIFY(!r.object().value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
}

void tst_HttpCore::securityHeadersAndRequestId()
{
    ApiResponse r = m_server.request("GET", u"/v1/probe/items/7"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"id"_s).toInteger(), 7);
    QCOMPARE(r.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(r.header("X-Frame-Options"), QByteArray("DENY"));
    QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
    QVERIFY(!r.header("X-Request-Id").isEmpty());

    r = m_server.request("GET", u"/v1/probe/items/7"_s, {}, {}, {{"X-Request-Id", "trace-42"}});
    QCOMPARE(r.header("X-Request-Id"), QByteArray("trace-42"));
    r = m_server.request("GET", u"/v1/probe/items/7"_s, {}, {}, {{"X-Request-Id", "bad id with spaces"}});
    QVERIFY(r.header("X-Request-Id") != "bad id with spaces");
}

void tst_HttpCore::languages()
{
    const ApiResponse es = m_server.request("GET", u"/v1/nothing"_s);
    QCOMPARE(es.object().value(u"error"_s).toObject().value(u"message"_s).toString(), u"No se encontró el recurso"_s);
    const ApiResponse en = m_server.request("GET", u"/v1/nothing"_s, {}, {}, {{"Accept-Language", "en-US,en;q=0.9"}});
    QCOMPARE(en.object().value(u"error"_s).toObject().value(u"message"_s).toString(), u"The resource was not found"_s);
}

QByteArray tst_HttpCore::rawExchange(const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_server.port());
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);
    QByteArray answer;
    while (socket.waitForReadyRead(5000))
        answer += socket.readAll();
    return answer;
}

void tst_HttpCore::oversizedBodyIsRefusedBeforeBuffering()
{
    // Declares 200 MB and sends only the headers: the answer must come without the body.
    const QByteArray answer =
        rawExchange("POST /v1/probe/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    "Content-Length: 209715200\r\n\r\n{");
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
    QVERIFY(answer.contains("PAYLOAD_TOO_LARGE"));

    // Over the JSON limit but under the upload limit: refused by the router, same shape.
    const QByteArray big(2 * 1024 * 1024, 'a');
    const ApiResponse r =
        m_server.requestRaw("POST", u"/v1/probe/fail-after-write"_s, "{\"a\":\"" + big + "\"}", "application/json");
    QCOMPARE(r.status, 413);
    QCOMPARE(r.errorCode(), QByteArray("PAYLOAD_TOO_LARGE"));
}

void tst_HttpCore::chunkedBodyOverLimitIsRefused()
{
    // No Content-Length: refused before any chunk is read (tst_connections covers the framing).
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_server.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /v1/probe/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n");
    const QByteArray chunk = QByteArray::number(1 << 20, 16) + "\r\n" + QByteArray(1 << 20, 'a') + "\r\n";
    QByteArray answer;
    for (int i = 0; i < 40 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
        socket.write(chunk);
        socket.waitForBytesWritten(2000);
        if (socket.waitForReadyRead(20))
            answer += socket.readAll();
    }
    while (socket.waitForReadyRead(2000))
        answer += socket.readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 411"), answer.left(200).constData());
}

void tst_HttpCore::expectContinueIsAnswered()
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_server.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /v1/probe/fail-after-write HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 "Content-Length: 2\r\nExpect: 100-continue\r\n\r\n");
    QVERIFY(socket.waitForReadyRead(2000));
    QVERIFY(socket.readAll().startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    socket.write("{}");
    QByteArray answer;
    while (!answer.contains("}}") && socket.waitForReadyRead(2000))
        answer += socket.readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 422"), answer.constData());
}

void tst_HttpCore::connectionCloseAndHead()
{
    // Connection: close is honoured (QHttpServer 6.4 ignores it on its own).
    QByteArray answer = rawExchange("GET /v1/probe/items/5 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QVERIFY(answer.contains("Connection: close"));
    QVERIFY(answer.endsWith("{\"id\":5}"));

    // HEAD answers the headers of GET without a body.
    answer = rawExchange("HEAD /v1/probe/items/5 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QVERIFY(answer.endsWith("\r\n\r\n"));
}

void tst_HttpCore::transactionRollsBackOnError()
{
    const qint64 before = m_server.count(u"login_attempts"_s);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.request("POST", u"/v1/probe/fail-after-write"_s, {{u"x"_s, 1}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"name"_s});
    QCOMPARE(m_server.count(u"login_attempts"_s), before);
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"probe.fail"_s, mark);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().value(u"success"_s).toBool(), false);
    QCOMPARE(audit.first().value(u"status_code"_s).toInteger(), 422);
}

void tst_HttpCore::refusedRequestsAreAudited()
{
    const int before = m_server.auditRows(u"probe.echo"_s).size();
    const ApiResponse r = m_server.request("POST", u"/v1/probe/echo"_s, {{u"a"_s, 1}});
    QCOMPARE(r.status, 401);
    const QList<QJsonObject> rows = m_server.auditRows(u"probe.echo"_s);
    QCOMPARE(rows.size(), before + 1);
    QCOMPARE(rows.first().value(u"status_code"_s).toInteger(), 401);
    QCOMPARE(rows.first().value(u"success"_s).toBool(), false);
}

void tst_HttpCore::successfulMutationIsAuditedWithSecretsMasked()
{
    qint64 agentId = 0;
    const QByteArray agent = m_server.tokenFor(u"agent"_s, &agentId);
    if (agent.isEmpty())
        QSKIP("needs POST /v1/auth/login");
    qint64 mark = m_server.auditMark();
    ApiResponse r = m_server.request("POST", u"/v1/probe/echo"_s, {{u"a"_s, 1}}, agent);
    QCOMPARE(r.status, 403);
    QList<QJsonObject> rows = m_server.auditRowsSince(u"probe.echo"_s, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"user_id"_s).toInteger(), agentId);

    qint64 adminId = 0;
    const QByteArray admin = m_server.tokenFor(u"admin"_s, &adminId);
    mark = m_server.auditMark();
    r = m_server.request("POST", u"/v1/probe/echo"_s, {{u"a"_s, 1}}, admin);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.value(u"echo"_s).toObject().value(u"a"_s).toInt(), 1);
    rows = m_server.auditRowsSince(u"probe.echo"_s, mark);
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first();
    QCOMPARE(row.value(u"user_id"_s).toInteger(), adminId);
    QCOMPARE(row.value(u"success"_s).toBool(), true);
    const QJsonObject changes = row.value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"password"_s).toObject().value(u"to"_s).toString(), u"***"_s);
    QCOMPARE(changes.value(u"name"_s).toObject().value(u"to"_s).toString(), u"y"_s);
}

void tst_HttpCore::metricsCountRequests()
{
    m_server.request("GET", u"/v1/probe/items/1"_s);
    const ApiResponse r = m_server.request("GET", u"/metrics"_s);
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Content-Type").startsWith("text/plain"));
    QVERIFY(
        r.body.contains("conversa_http_requests_total{route=\"/v1/probe/items/{id}\",method=\"GET\",status=\"200\"}"));
    QVERIFY(r.body.contains(
        "conversa_http_request_duration_seconds_bucket{route=\"/v1/probe/items/{id}\",method=\"GET\",le=\"+Inf\"}"));
    QVERIFY(r.body.contains("conversa_worker_jobs_pending"));
    QVERIFY(r.body.contains("conversa_db_connections"));
}

void tst_HttpCore::openApiListsEveryRoute()
{
    const ApiResponse r = m_server.request("GET", u"/v1/openapi.json"_s);
    QCOMPARE(r.status, 200);
    const QJsonObject doc = r.object();
    QVERIFY(doc.value(u"openapi"_s).toString().startsWith(u"3."_s));
    const QJsonObject paths = doc.value(u"paths"_s).toObject();
    QStringList missing;
    for (const HttpRouter::RouteInfo &route : m_server.app().router().routes()) {
        if (route.pattern.startsWith("/v1/probe/"_L1))
            continue;   // this test's own routes
        const QJsonObject item = paths.value(route.pattern).toObject();
        if (!item.contains(QString::fromLatin1(route.method.toLower())))
            missing.append(QString::fromLatin1(route.method) + u' ' + route.pattern);
    }
    QVERIFY2(missing.isEmpty(), qPrintable(u"not in openapi.yaml: "_s + missing.join(u", "_s)));

    // Every operation's tag is declared (tools group the operations by the declared tags).
    QSet<QString> declared;
    for (const QJsonValue &tag : doc.value(u"tags"_s).toArray())
        declared.insert(tag.toObject().value(u"name"_s).toString());
    QStringList undeclared;
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject item = path.value().toObject();
        for (auto op = item.begin(); op != item.end(); ++op) {
            for (const QJsonValue &tag : op.value().toObject().value(u"tags"_s).toArray()) {
                if (!declared.contains(tag.toString()) && !undeclared.contains(tag.toString()))
                    undeclared.append(tag.toString());
            }
        }
    }
    QVERIFY2(undeclared.isEmpty(), qPrintable(u"tags not declared in openapi.yaml: "_s + undeclared.join(u", "_s)));
}

void tst_HttpCore::cors()
{
    // Only configured origins get CORS headers.
    ApiResponse r = m_server.request("GET", u"/v1/probe/items/1"_s, {}, {}, {{"Origin", "https://evil.example"}});
    QVERIFY(r.header("Access-Control-Allow-Origin").isEmpty());

    TestServer withCors;
    QVERIFY(withCors.start({{u"CONVERSA_CORS_ORIGINS"_s, u"https://crm.example.com, https://app.example.com"_s}},
                           [](ServerApp &app) { app.addModule(new ProbeApi(app)); }));
    r = withCors.request("GET", u"/v1/probe/items/1"_s, {}, {}, {{"Origin", "https://app.example.com"}});
    QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("https://app.example.com"));
    QCOMPARE(r.header("Vary"), QByteArray("Origin"));
    r = withCors.request("OPTIONS", u"/v1/probe/echo"_s, {}, {},
                         {{"Origin", "https://crm.example.com"}, {"Access-Control-Request-Method", "POST"}});
    QCOMPARE(r.status, 204);
    QVERIFY(r.header("Access-Control-Allow-Methods").contains("POST"));
    QVERIFY(r.header("Access-Control-Allow-Headers").contains("Authorization"));
    r = withCors.request("GET", u"/v1/probe/items/1"_s, {}, {}, {{"Origin", "https://evil.example"}});
    QVERIFY(r.header("Access-Control-Allow-Origin").isEmpty());
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    tst_HttpCore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_http_core.moc"
