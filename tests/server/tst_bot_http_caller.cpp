// BotHttpCaller (docs/BOT_FLOWS.md#outbound-requests): the http_request node's calls over real
// HTTP on loopback — what reaches the server, which targets are refused before any connection,
// redirects checked hop by hop, the timeout over the whole call, the size limit, non-2xx answers.
// No database. The https rows use tests/data/tls/localhost.crt, a self-signed certificate for the
// name localhost only (not for 127.0.0.1), trusted by this process alone.
#include "delivery/BotHttpCaller.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <memory>
#include <optional>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

// A small HTTP/1.1 server (or HTTPS, given a TLS configuration) on one loopback address that
// records every request it reads. Routes:
//   /echo                      200 {"ok":true}
//   /status/<n>                n, body "status body <n>"
//   /redirect?code=C&to=URL    C with Location: URL (no Location when `to` is absent)
//   /chain/<n>/<stop>          302 to /chain/<n+1>/<stop>, 200 at n == stop; ?delay=ms answers late
//   /slow                      never answers
//   /large?bytes=N&length=0|1  N bytes, with or without Content-Length (then until the connection closes)
class RecordingServer : public QObject {
public:
    struct Seen {
        QByteArray method;
        QByteArray path;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;

        QByteArray header(const QByteArray &name) const
        {
            for (const auto &[n, v] : headers) {
                if (n.compare(name, Qt::CaseInsensitive) == 0)
                    return v;
            }
            return {};
        }
        int count(const QByteArray &name) const
        {
            return int(std::count_if(headers.begin(), headers.end(), [&name](const auto &h) {
                return h.first.compare(name, Qt::CaseInsensitive) == 0;
            }));
        }
    };

    bool listen(const QHostAddress &address, const std::optional<QSslConfiguration> &tls = std::nullopt)
    {
        if (tls) {
            auto server = std::make_unique<QSslServer>();
            server->setSslConfiguration(*tls);
            m_server = std::move(server);
        } else {
            m_server = std::make_unique<QTcpServer>();
        }
        // After the handshake, for TLS.
        connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                read(socket);
            }
        });
        return m_server->listen(address, 0);
    }
    quint16 port() const { return m_server->serverPort(); }
    QList<Seen> seen;

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            Seen request;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.path = first.value(1);
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon <= 0)
                    continue;
                const QByteArray name = lines[i].left(colon).trimmed();
                const QByteArray value = lines[i].mid(colon + 1).trimmed();
                request.headers.append({name, value});
                if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                    length = value.toLongLong();
            }
            if (buffer.size() < end + 4 + length)
                return;
            request.body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            seen.append(request);
            answer(socket, request);
        }
    }

    void answer(QTcpSocket *socket, const Seen &request)
    {
        const QUrl url(QString::fromLatin1(request.path));
        const QUrlQuery query(url);
        const QStringList parts = url.path().split(u'/', Qt::SkipEmptyParts);
        const QString route = parts.value(0);
        if (route == "slow"_L1)
            return;
        if (route == "echo"_L1)
            return reply(socket, 200, "application/json", R"({"ok":true})");
        if (route == "status"_L1) {
            const int status = parts.value(1).toInt();
            return reply(socket, status, "text/plain", "status body " + QByteArray::number(status));
        }
        if (route == "redirect"_L1) {
            const QByteArray to = query.queryItemValue(u"to"_s, QUrl::FullyDecoded).toUtf8();
            return reply(socket, query.queryItemValue(u"code"_s).toInt(), "text/plain", "moved",
                         to.isEmpty() ? QByteArray() : "Location: " + to + "\r\n");
        }
        if (route == "chain"_L1) {
            const int n = parts.value(1).toInt();
            const int stop = parts.value(2).toInt();
            const int delay = query.queryItemValue(u"delay"_s).toInt();
            const QByteArray next = "/chain/" + QByteArray::number(n + 1) + '/' + QByteArray::number(stop) +
                (delay ? "?delay=" + QByteArray::number(delay) : QByteArray());
            QTimer::singleShot(delay, socket, [this, socket, n, stop, next] {
                if (n >= stop)
                    reply(socket, 200, "application/json", R"({"hop":)" + QByteArray::number(n) + '}');
                else
                    reply(socket, 302, "text/plain", "next", "Location: " + next + "\r\n");
            });
            return;
        }
        if (route == "large"_L1) {
            const QByteArray body(query.queryItemValue(u"bytes"_s).toLongLong(), 'x');
            if (query.queryItemValue(u"length"_s) == "1"_L1)
                return reply(socket, 200, "text/plain", body);
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n" + body);
            socket->disconnectFromHost();
            return;
        }
        reply(socket, 404, "text/plain", "no route");
    }

    void reply(QTcpSocket *socket, int status, const QByteArray &type, const QByteArray &body,
               const QByteArray &extraHeaders = {})
    {
        if (socket->state() != QAbstractSocket::ConnectedState)
            return;
        socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + type +
                      "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" + extraHeaders +
                      "Connection: close\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QHash<QTcpSocket *, QByteArray> m_buffers;
    std::unique_ptr<QTcpServer> m_server;
};

// One call's outcome, filled in by `done`.
struct Outcome {
    int calls = 0;
    BotHttpResult result;
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

}   // namespace

Q_DECLARE_METATYPE(Headers)

class tst_BotHttpCaller : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void sends_data();
    void sends();
    void refused_data();
    void refused();
    void statuses_data();
    void statuses();
    void redirects_data();
    void redirects();
    void redirectLimit_data();
    void redirectLimit();
    void timeout_data();
    void timeout();
    void sizeLimit_data();
    void sizeLimit();
    void tls_data();
    void tls();
    void droppedWithCaller();

private:
    // Calls and waits for `done`, checking it comes once and never from inside call().
    std::shared_ptr<Outcome> run(BotHttpCaller &caller, const BotHttpCall &call);
    QString local(const char *pathAndQuery) const
    {
        return u"http://127.0.0.1:%1%2"_s.arg(m_server.port()).arg(QLatin1StringView(pathAndQuery));
    }

    RecordingServer m_server;   // 127.0.0.1
    RecordingServer m_other;    // 127.0.0.2: loopback, but outside 127.0.0.1/32
    RecordingServer m_tls;      // 127.0.0.1, https, certificate for localhost
    bool m_haveOther = false;
};

void tst_BotHttpCaller::initTestCase()
{
    QVERIFY(m_server.listen(QHostAddress(u"127.0.0.1"_s)));
    m_haveOther = m_other.listen(QHostAddress(u"127.0.0.2"_s));

    QFile certificateFile(QStringLiteral(CONVERSA_TEST_DATA_DIR "/tls/localhost.crt"));
    QFile keyFile(QStringLiteral(CONVERSA_TEST_DATA_DIR "/tls/localhost.key"));
    QVERIFY(certificateFile.open(QIODevice::ReadOnly));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QSslCertificate certificate(&certificateFile);
    const QSslKey key(&keyFile, QSsl::Ec);
    QVERIFY(!certificate.isNull());
    QVERIFY(!key.isNull());
    QSslConfiguration server = QSslConfiguration::defaultConfiguration();
    server.setLocalCertificate(certificate);
    server.setPrivateKey(key);
    server.setPeerVerifyMode(QSslSocket::VerifyNone);
    QVERIFY(m_tls.listen(QHostAddress(u"127.0.0.1"_s), server));
    // The caller trusts what the process trusts: here, the test certificate too.
    QSslConfiguration client = QSslConfiguration::defaultConfiguration();
    client.addCaCertificate(certificate);
    QSslConfiguration::setDefaultConfiguration(client);
}

std::shared_ptr<Outcome> tst_BotHttpCaller::run(BotHttpCaller &caller, const BotHttpCall &call)
{
    auto outcome = std::make_shared<Outcome>();
    caller.call(call, [outcome](const BotHttpResult &r) {
        ++outcome->calls;
        outcome->result = r;
    });
    [&] { QCOMPARE(outcome->calls, 0); }();
    [&] { QTRY_COMPARE_WITH_TIMEOUT(outcome->calls, 1, 40000); }();
    QTest::qWait(20);   // and not a second time
    [&] { QCOMPARE(outcome->calls, 1); }();
    [&] { QCOMPARE(caller.inFlight(), 0); }();
    return outcome;
}

void tst_BotHttpCaller::sends_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<bool>("byName");   // localhost instead of 127.0.0.1
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("sentMethod");
    QTest::addColumn<QByteArray>("contentType");   // as the server saw it

    const Headers flowHeaders{{"X-Api-Key", "k-123"},           {"Accept", "application/json"},
                              {"Host", "evil.example"},         {"Content-Length", "999"},
                              {"Connection", "upgrade"},        {"Transfer-Encoding", "chunked"},
                              {"X-Injected", "a\r\nX-Evil: 1"}, {"Bad Name", "v"}};
    QTest::addRow("get") << u"GET"_s << false << flowHeaders << QByteArray() << "GET"_ba << QByteArray();
    QTest::addRow("get-by-name") << u"get"_s << true << flowHeaders << QByteArray() << "GET"_ba << QByteArray();
    QTest::addRow("post-json") << u"POST"_s << false << flowHeaders << R"({"name":"Ana","n":[1,2]})"_ba
                               << "POST"_ba
                               << "application/json"_ba;
    QTest::addRow("post-json-by-name") << u"POST"_s << true << flowHeaders << R"({"a":1})"_ba
                                       << "POST"_ba
                                       << "application/json"_ba;
    QTest::addRow("post-text") << u"POST"_s << false << flowHeaders << "plain words"_ba
                               << "POST"_ba
                               << "text/plain; charset=utf-8"_ba;
    QTest::addRow("put-own-type") << u"PUT"_s << false << Headers{{"content-type", "application/xml"}} << "<a>1</a>"_ba
                                  << "PUT"_ba
                                  << "application/xml"_ba;
    QTest::addRow("patch") << u"PATCH"_s << false << flowHeaders << R"([1,2,3])"_ba
                           << "PATCH"_ba
                           << "application/json"_ba;
    QTest::addRow("delete") << u"DELETE"_s << false << flowHeaders << QByteArray() << "DELETE"_ba << QByteArray();
}

void tst_BotHttpCaller::sends()
{
    QFETCH(QString, method);
    QFETCH(bool, byName);
    QFETCH(Headers, headers);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, sentMethod);
    QFETCH(QByteArray, contentType);

    BotHttpPolicy policy;
    policy.allowPrivateTargets = true;   // the server is on loopback
    BotHttpCaller caller(policy);
    const QString host = byName ? u"localhost"_s : u"127.0.0.1"_s;
    BotHttpCall call;
    call.method = method;
    call.url = QUrl(u"http://%1:%2/echo?q=a%20b&x=1"_s.arg(host).arg(m_server.port()));
    call.headers = headers;
    call.body = body;
    m_server.seen.clear();
    const auto outcome = run(caller, call);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(outcome->result.ok, qPrintable(outcome->result.error));
    QCOMPARE(outcome->result.status, 200);
    QCOMPARE(outcome->result.body, R"({"ok":true})"_ba);
    QCOMPARE(outcome->result.error, QString());

    QCOMPARE(m_server.seen.size(), 1);
    const RecordingServer::Seen &seen = m_server.seen.first();
    QCOMPARE(seen.method, sentMethod);
    QCOMPARE(seen.path, "/echo?q=a%20b&x=1"_ba);
    // The name the flow wrote, though the connection went to a checked address.
    QCOMPARE(seen.header("Host"), (host + u':' + QString::number(m_server.port())).toLatin1());
    QCOMPARE(seen.count("Host"), 1);
    QCOMPARE(seen.body, body);
    QCOMPARE(seen.header("Content-Type"), contentType);
    if (!body.isEmpty())
        QCOMPARE(seen.header("Content-Length"), QByteArray::number(body.size()));
    QCOMPARE(seen.count("Transfer-Encoding"), 0);
    QVERIFY(seen.header("Connection") != "upgrade");
    QCOMPARE(seen.count("X-Evil"), 0);
    QCOMPARE(seen.count("X-Injected"), 0);
    QCOMPARE(seen.count("Bad Name"), 0);
    QCOMPARE(seen.count("Cookie"), 0);
    for (const auto &[name, value] : headers) {
        if (name.startsWith("X-Api") || name == "Accept")
            QCOMPARE(seen.header(name), value);
    }
}

void tst_BotHttpCaller::refused_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");   // %1: the server's port
    QTest::addColumn<bool>("allowPrivate");
    QTest::addColumn<QString>("error");

    const QString privateAddress = u"refused: private address"_s;
    QTest::addRow("loopback") << u"GET"_s << u"http://127.0.0.1:%1/echo"_s << false << privateAddress;
    QTest::addRow("localhost") << u"GET"_s << u"http://localhost:%1/echo"_s << false << privateAddress;
    QTest::addRow("ipv6-loopback") << u"GET"_s << u"http://[::1]:%1/echo"_s << false << privateAddress;
    QTest::addRow("mapped-loopback") << u"POST"_s << u"http://[::ffff:127.0.0.1]:%1/echo"_s << false << privateAddress;
    QTest::addRow("metadata") << u"GET"_s << u"http://169.254.169.254/latest/meta-data/"_s << false << privateAddress;
    QTest::addRow("private") << u"GET"_s << u"http://10.0.0.1:%1/"_s << false << privateAddress;
    QTest::addRow("unspecified-even-allowed")
        << u"GET"_s << u"http://0.0.0.0:%1/echo"_s << true << u"refused: address not allowed"_s;
    QTest::addRow("ftp") << u"GET"_s << u"ftp://127.0.0.1:%1/file"_s << true << u"refused: scheme not allowed"_s;
    QTest::addRow("file") << u"GET"_s << u"file:///etc/passwd"_s << true << u"refused: scheme not allowed"_s;
    QTest::addRow("no-host") << u"GET"_s << u"http:///echo"_s << true << u"refused: invalid URL"_s;
    QTest::addRow("relative") << u"GET"_s << u"/echo"_s << true << u"refused: invalid URL"_s;
    QTest::addRow("trace") << u"TRACE"_s << u"http://127.0.0.1:%1/echo"_s << true << u"refused: method not allowed"_s;
    QTest::addRow("connect") << u"CONNECT"_s << u"http://127.0.0.1:%1/echo"_s << true
                             << u"refused: method not allowed"_s;
    QTest::addRow("empty-method") << QString() << u"http://127.0.0.1:%1/echo"_s << true
                                  << u"refused: method not allowed"_s;
    QTest::addRow("unknown-name") << u"GET"_s << u"http://no-such-host.invalid/"_s << true
                                  << u"could not resolve host"_s;
}

void tst_BotHttpCaller::refused()
{
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(bool, allowPrivate);
    QFETCH(QString, error);

    BotHttpPolicy policy;
    policy.allowPrivateTargets = allowPrivate;
    BotHttpCaller caller(policy);
    BotHttpCall call;
    call.method = method;
    call.url = QUrl(url.contains(u"%1"_s) ? url.arg(m_server.port()) : url);
    call.headers = {{"Authorization", "Bearer s3cret-token"}};
    call.body = R"({"card":"4111"})";
    m_server.seen.clear();
    const auto outcome = run(caller, call);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!outcome->result.ok);
    QCOMPARE(outcome->result.status, 0);
    QCOMPARE(outcome->result.error, error);
    QVERIFY(outcome->result.body.isEmpty());
    QVERIFY(!outcome->result.error.contains(u"s3cret"_s));
    QVERIFY(!outcome->result.error.contains(u"4111"_s));
    QCOMPARE(m_server.seen.size(), 0);   // refused before connecting
}

void tst_BotHttpCaller::statuses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("error");

    QTest::addRow("200") << 200 << true << QString();
    QTest::addRow("201") << 201 << true << QString();
    QTest::addRow("299") << 299 << true << QString();
    QTest::addRow("304") << 304 << false << u"HTTP 304"_s;
    QTest::addRow("400") << 400 << false << u"HTTP 400"_s;
    QTest::addRow("401") << 401 << false << u"HTTP 401"_s;
    QTest::addRow("404") << 404 << false << u"HTTP 404"_s;
    QTest::addRow("422") << 422 << false << u"HTTP 422"_s;
    QTest::addRow("500") << 500 << false << u"HTTP 500"_s;
    QTest::addRow("503") << 503 << false << u"HTTP 503"_s;
}

void tst_BotHttpCaller::statuses()
{
    QFETCH(int, status);
    QFETCH(bool, ok);
    QFETCH(QString, error);

    BotHttpPolicy policy;
    policy.allowPrivateTargets = true;
    BotHttpCaller caller(policy);
    BotHttpCall call;
    call.method = u"POST"_s;
    call.url = QUrl(local("/status/") + QString::number(status));
    call.body = R"({"a":1})";
    const auto outcome = run(caller, call);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(outcome->result.ok, ok);
    QCOMPARE(outcome->result.status, status);
    QCOMPARE(outcome->result.error, error);
    // The body is kept whatever the status (a 304 has none).
    QCOMPARE(outcome->result.body, status == 304 ? QByteArray() : "status body " + QByteArray::number(status));
}

void tst_BotHttpCaller::redirects_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("to");          // %1: 127.0.0.1's port, %2: 127.0.0.2's
    QTest::addColumn<bool>("allowPrivate");   // otherwise only 127.0.0.1/32 is allowed
    QTest::addColumn<QString>("error");       // empty: followed to a 200
    QTest::addColumn<QByteArray>("targetMethod");
    QTest::addColumn<bool>("targetBody");            // the body reached the target
    QTest::addColumn<bool>("targetAuthorization");   // and the Authorization header
    QTest::addColumn<int>("firstServerRequests");
    QTest::addColumn<int>("secondServerRequests");

    const QString echo = u"/echo"_s;
    QTest::addRow("302-get") << u"GET"_s << 302 << echo << false << QString() << "GET"_ba << false << true << 2 << 0;
    QTest::addRow("301-get-absolute") << u"GET"_s << 301 << u"http://127.0.0.1:%1/echo"_s << false << QString()
                                      << "GET"_ba << false << true << 2 << 0;
    QTest::addRow("303-post-becomes-get")
        << u"POST"_s << 303 << echo << false << QString() << "GET"_ba << false << true << 2 << 0;
    QTest::addRow("302-post-becomes-get")
        << u"POST"_s << 302 << echo << false << QString() << "GET"_ba << false << true << 2 << 0;
    QTest::addRow("301-post-becomes-get")
        << u"POST"_s << 301 << echo << false << QString() << "GET"_ba << false << true << 2 << 0;
    QTest::addRow("303-put-becomes-get") << u"PUT"_s << 303 << echo << false << QString() << "GET"_ba << false << true
                                         << 2 << 0;
    QTest::addRow("302-put-kept") << u"PUT"_s << 302 << echo << false << QString() << "PUT"_ba << true << true << 2
                                  << 0;
    QTest::addRow("307-post-kept") << u"POST"_s << 307 << echo << false << QString() << "POST"_ba << true << true << 2
                                   << 0;
    QTest::addRow("308-patch-kept") << u"PATCH"_s << 308 << echo << false << QString() << "PATCH"_ba << true << true
                                    << 2 << 0;
    // From an allowed address to one that is not: refused before connecting to it.
    QTest::addRow("to-other-loopback-refused")
        << u"POST"_s << 307 << u"http://127.0.0.2:%2/echo"_s << false << u"refused: private address"_s << QByteArray()
        << false << false << 1 << 0;
    QTest::addRow("to-metadata-refused") << u"GET"_s << 302 << u"http://169.254.169.254/latest/meta-data/"_s << false
                                         << u"refused: private address"_s << QByteArray() << false << false << 1 << 0;
    QTest::addRow("to-ftp-refused") << u"GET"_s << 302 << u"ftp://127.0.0.1:%1/x"_s << false
                                    << u"refused: scheme not allowed"_s << QByteArray() << false << false << 1 << 0;
    // The same redirect with every private target allowed reaches the other server, without the
    // credentials meant for the first.
    QTest::addRow("to-other-loopback-allowed") << u"POST"_s << 307 << u"http://127.0.0.2:%2/echo"_s << true << QString()
                                               << "POST"_ba << true << false << 1 << 1;
    QTest::addRow("no-location") << u"GET"_s << 302 << QString() << false << u"HTTP 302"_s << QByteArray() << false
                                 << false << 1 << 0;
}

void tst_BotHttpCaller::redirects()
{
    QFETCH(QString, method);
    QFETCH(int, code);
    QFETCH(QString, to);
    QFETCH(bool, allowPrivate);
    QFETCH(QString, error);
    QFETCH(QByteArray, targetMethod);
    QFETCH(bool, targetBody);
    QFETCH(bool, targetAuthorization);
    QFETCH(int, firstServerRequests);
    QFETCH(int, secondServerRequests);
    if (to.contains(u"%2"_s) && !m_haveOther)
        QSKIP("cannot listen on 127.0.0.2");

    BotHttpPolicy policy;
    policy.allowPrivateTargets = allowPrivate;
    policy.allowedNetworks = {QHostAddress::parseSubnet(u"127.0.0.1/32"_s)};
    BotHttpCaller caller(policy);
    BotHttpCall call;
    call.method = method;
    QByteArray path = "/redirect?code=" + QByteArray::number(code);
    if (!to.isEmpty()) {
        const QString target =
            to.replace(u"%1"_s, QString::number(m_server.port())).replace(u"%2"_s, QString::number(m_other.port()));
        path += "&to=" + QUrl::toPercentEncoding(target);
    }
    call.url = QUrl(local(path.constData()));
    call.headers = {{"Authorization", "Bearer s3cret"}, {"X-Trace", "t1"}};
    const QByteArray body = method == "GET"_L1 ? QByteArray() : R"({"order":7})"_ba;
    call.body = body;
    m_server.seen.clear();
    m_other.seen.clear();
    const auto outcome = run(caller, call);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(m_server.seen.size(), firstServerRequests);
    QCOMPARE(m_other.seen.size(), secondServerRequests);
    QCOMPARE(outcome->result.error, error);
    if (!error.isEmpty()) {
        QVERIFY(!outcome->result.ok);
        return;
    }
    QVERIFY(outcome->result.ok);
    QCOMPARE(outcome->result.status, 200);
    QCOMPARE(outcome->result.body, R"({"ok":true})"_ba);
    const RecordingServer::Seen &target = secondServerRequests ? m_other.seen.last() : m_server.seen.last();
    QCOMPARE(target.path, "/echo"_ba);
    QCOMPARE(target.method, targetMethod);
    QCOMPARE(target.body, targetBody ? body : QByteArray());
    QCOMPARE(target.count("Content-Type"), targetBody && !body.isEmpty() ? 1 : 0);
    QCOMPARE(target.header("Authorization"), targetAuthorization ? "Bearer s3cret"_ba : QByteArray());
    QCOMPARE(target.header("X-Trace"), "t1"_ba);
    const QByteArray expectedHost = secondServerRequests ? "127.0.0.2:" + QByteArray::number(m_other.port())
                                                         : "127.0.0.1:" + QByteArray::number(m_server.port());
    QCOMPARE(target.header("Host"), expectedHost);
}

void tst_BotHttpCaller::redirectLimit_data()
{
    QTest::addColumn<int>("stop");   // the hop that answers 200
    QTest::addColumn<int>("maxRedirects");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("requests");

    QTest::addRow("at-limit") << 3 << 3 << true << 4;
    QTest::addRow("one-over") << 4 << 3 << false << 4;
    QTest::addRow("endless") << 1000 << 5 << false << 6;
    QTest::addRow("none-allowed") << 1 << 0 << false << 1;
    QTest::addRow("none-needed") << 0 << 0 << true << 1;
}

void tst_BotHttpCaller::redirectLimit()
{
    QFETCH(int, stop);
    QFETCH(int, maxRedirects);
    QFETCH(bool, ok);
    QFETCH(int, requests);

    BotHttpPolicy policy;
    policy.allowPrivateTargets = true;
    policy.maxRedirects = maxRedirects;
    BotHttpCaller caller(policy);
    BotHttpCall call;
    call.method = u"GET"_s;
    call.url = QUrl(local("/chain/0/") + QString::number(stop));
    m_server.seen.clear();
    const auto outcome = run(caller, call);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(outcome->result.ok, ok);
    QCOMPARE(m_server.seen.size(), requests);
    if (ok) {
        QCOMPARE(outcome->result.body, R"({"hop":)" + QByteArray::number(stop) + '}');
    } else {
        QCOMPARE(outcome->result.error, u"too many redirects"_s);
        QCOMPARE(outcome->result.status, 302);
    }
}

void tst_BotHttpCaller::timeout_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<int>("atLeastMs");

    QTest::addRow("silent-server") << "/slow"_ba << 300 << 280;
    // Every hop answers in time; all of them together do not.
    QTest::addRow("across-redirects") << "/chain/0/20?delay=150"_ba << 500 << 480;
    QTest::addRow("clamped-to-1ms") << "/slow"_ba << 0 << 0;
    QTest::addRow("negative") << "/slow"_ba << -5 << 0;
}

void tst_BotHttpCaller::timeout()
{
    QFETCH(QByteArray, path);
    QFETCH(int, timeoutMs);
    QFETCH(int, atLeastMs);

    BotHttpPolicy policy;
    policy.allowPrivateTargets = true;
    policy.maxRedirects = 50;
    BotHttpCaller caller(policy);
    BotHttpCall call;
    call.method = u"GET"_s;
    call.url = QUrl(local(path.constData()));
    call.timeoutMs = timeoutMs;
    QElapsedTimer clock;
    clock.start();
    const auto outcome = run(caller, call);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!outcome->result.ok);
    QCOMPARE(outcome->result.error, u"timeout"_s);
    QCOMPARE(outcome->result.status, 0);
    QVERIFY2(clock.elapsed() >= atLeastMs, qPrintable(QString::number(clock.elapsed())));
    QVERIFY2(clock.elapsed() < qMax(timeoutMs, 1) + 2000, qPrintable(QString::number(clock.elapsed())));
}

void tst_BotHttpCaller::sizeLimit_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<bool>("withLength");   // a Content-Length header, or a body until the connection closes
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<bool>("ok");

    QTest::addRow("under") << qint64(1000) << true << qint64(1024) << true;
    QTest::addRow("exact") << qint64(1024) << true << qint64(1024) << true;
    QTest::addRow("exact-unannounced") << qint64(1024) << false << qint64(1024) << true;
    QTest::addRow("one-over") << qint64(1025) << true << qint64(1024) << false;
    QTest::addRow("one-over-unannounced") << qint64(1025) << false << qint64(1024) << false;
    QTest::addRow("large-announced") << qint64(4 << 20) << true << qint64(64 << 10) << false;
    QTest::addRow("large-unannounced") << qint64(4 << 20) << false << qint64(64 << 10) << false;
    QTest::addRow("default-limit") << qint64(2 << 20) << true << qint64(-1) << false;
}

void tst_BotHttpCaller::sizeLimit()
{
    QFETCH(qint64, bytes);
    QFETCH(bool, withLength);
    QFETCH(qint64, limit);
    QFETCH(bool, ok);

    BotHttpPolicy policy;
    policy.allowPrivateTargets = true;
    if (limit >= 0)
        policy.maxResponseBytes = limit;
    BotHttpCaller caller(policy);
    BotHttpCall call;
    call.method = u"GET"_s;
    call.url = QUrl(local("/large") + u"?bytes=%1&length=%2"_s.arg(bytes).arg(withLength ? 1 : 0));
    const auto outcome = run(caller, call);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(outcome->result.ok, ok);
    if (ok) {
        QCOMPARE(outcome->result.body.size(), bytes);
        QCOMPARE(outcome->result.error, QString());
    } else {
        QCOMPARE(outcome->result.error, u"response too large"_s);
        QVERIFY(outcome->result.body.isEmpty());
    }
}

void tst_BotHttpCaller::tls_data()
{
    QTest::addColumn<QString>("url");   // {tls}: the https server's port, {plain}: the plain one's
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("plainRequests");

    // The connection goes to 127.0.0.1, the certificate is checked against the name.
    QTest::addRow("name-verified") << u"https://localhost:{tls}/echo"_s << QString() << 0;
    // The certificate does not name the address: checking is on.
    QTest::addRow("address-not-named") << u"https://127.0.0.1:{tls}/echo"_s << u"TLS handshake failed"_s << 0;
    QTest::addRow("redirect-to-https")
        << u"https://localhost:{tls}/redirect?code=302&to=https%3A%2F%2Flocalhost%3A{tls}%2Fecho"_s << QString() << 0;
    QTest::addRow("redirect-to-http")
        << u"https://localhost:{tls}/redirect?code=302&to=http%3A%2F%2Flocalhost%3A{plain}%2Fecho"_s
        << u"refused: redirect from https to http"_s << 0;
}

void tst_BotHttpCaller::tls()
{
    QFETCH(QString, url);
    QFETCH(QString, error);
    QFETCH(int, plainRequests);

    BotHttpPolicy policy;
    policy.allowPrivateTargets = true;
    BotHttpCaller caller(policy);
    BotHttpCall call;
    call.method = u"GET"_s;
    call.url = QUrl(QString(url)
                        .replace(u"{tls}"_s, QString::number(m_tls.port()))
                        .replace(u"{plain}"_s, QString::number(m_server.port())));
    m_tls.seen.clear();
    m_server.seen.clear();
    const auto outcome = run(caller, call);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(outcome->result.error, error);
    QCOMPARE(m_server.seen.size(), plainRequests);
    if (!error.isEmpty()) {
        QVERIFY(!outcome->result.ok);
        return;
    }
    QVERIFY(outcome->result.ok);
    QCOMPARE(outcome->result.body, R"({"ok":true})"_ba);
    QVERIFY(!m_tls.seen.isEmpty());
    QCOMPARE(m_tls.seen.last().path, "/echo"_ba);
    QCOMPARE(m_tls.seen.last().header("Host"), "localhost:" + QByteArray::number(m_tls.port()));
}

void tst_BotHttpCaller::droppedWithCaller()
{
    // A caller destroyed with a call in flight drops it: `done` never comes.
    BotHttpPolicy policy;
    policy.allowPrivateTargets = true;
    int calls = 0;
    {
        BotHttpCaller caller(policy);
        BotHttpCall call;
        call.method = u"GET"_s;
        call.url = QUrl(local("/slow"));
        call.timeoutMs = 200;
        caller.call(call, [&calls](const BotHttpResult &) { ++calls; });
        QTest::qWait(50);
        QCOMPARE(caller.inFlight(), 1);
    }
    QTest::qWait(400);
    QCOMPARE(calls, 0);
}

QTEST_GUILESS_MAIN(tst_BotHttpCaller)
#include "tst_bot_http_caller.moc"
