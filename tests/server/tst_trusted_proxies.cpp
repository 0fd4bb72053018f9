// Who the client is behind reverse proxies (core/TrustedProxies, CONVERSA_TRUSTED_PROXIES): the
// forwarding headers count only from a trusted peer, the right-most untrusted hop is the client;
// and through the real server, the address a login attempt and its audit row are kept under.
#include "TestServer.h"

#include "config/ServerConfig.h"
#include "core/TrustedProxies.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

class tst_TrustedProxies : public QObject {
    Q_OBJECT

private slots:
    void clientAddress_data();
    void clientAddress();
    void scheme();
    void invalidEntries();
    void throughTheServer();
    void metricsAccess();
};

void tst_TrustedProxies::clientAddress_data()
{
    QTest::addColumn<QString>("trusted");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QByteArray>("forwardedFor");
    QTest::addColumn<QByteArray>("realIp");
    QTest::addColumn<QString>("client");

    QTest::addRow("nobody trusted: headers ignored")
        << ""
        << "127.0.0.1" << QByteArray("203.0.113.5") << QByteArray() << "127.0.0.1";
    QTest::addRow("untrusted peer: headers ignored")
        << "10.0.0.0/8"
        << "198.51.100.1" << QByteArray("203.0.113.5") << QByteArray("203.0.113.6") << "198.51.100.1";
    QTest::addRow("one proxy") << "127.0.0.1"
                               << "127.0.0.1" << QByteArray("203.0.113.5") << QByteArray() << "203.0.113.5";
    QTest::addRow("client's own claim to the left is not believed")
        << "127.0.0.1"
        << "127.0.0.1" << QByteArray("1.2.3.4, 203.0.113.5") << QByteArray() << "203.0.113.5";
    QTest::addRow("two trusted proxies") << "127.0.0.1,10.0.0.0/8"
                                         << "127.0.0.1" << QByteArray("1.2.3.4, 203.0.113.5, 10.1.2.3") << QByteArray()
                                         << "203.0.113.5";
    QTest::addRow("X-Real-IP when no X-Forwarded-For")
        << "127.0.0.1"
        << "127.0.0.1" << QByteArray() << QByteArray("203.0.113.9") << "203.0.113.9";
    QTest::addRow("every hop trusted: X-Real-IP")
        << "10.0.0.0/8,127.0.0.1"
        << "127.0.0.1" << QByteArray("10.9.9.9") << QByteArray("203.0.113.9") << "203.0.113.9";
    QTest::addRow("every hop trusted, nothing more: the nearest")
        << "10.0.0.0/8,127.0.0.1"
        << "127.0.0.1" << QByteArray("10.9.9.9") << QByteArray() << "10.9.9.9";
    QTest::addRow("garbage hop: the proxy that passed it")
        << "127.0.0.1"
        << "127.0.0.1" << QByteArray("203.0.113.5, not-an-ip") << QByteArray() << "127.0.0.1";
    QTest::addRow("IPv6 client") << "::1"
                                 << "::1" << QByteArray("2001:db8::7") << QByteArray() << "2001:db8::7";
    QTest::addRow("IPv4-mapped peer") << "127.0.0.1"
                                      << "::ffff:127.0.0.1" << QByteArray("203.0.113.5") << QByteArray()
                                      << "203.0.113.5";
    QTest::addRow("IPv4-mapped untrusted peer shown plain")
        << ""
        << "::ffff:198.51.100.1" << QByteArray() << QByteArray() << "198.51.100.1";
}

void tst_TrustedProxies::clientAddress()
{
    QFETCH(QString, trusted);
    QFETCH(QString, peer);
    QFETCH(QByteArray, forwardedFor);
    QFETCH(QByteArray, realIp);
    QFETCH(QString, client);
    QString bad;
    const std::optional<TrustedProxies> proxies = TrustedProxies::parse(trusted.split(u','), &bad);
    QVERIFY2(proxies, qPrintable(bad));
    QCOMPARE(proxies->clientAddress(QHostAddress(peer), forwardedFor, realIp), client);
}

void tst_TrustedProxies::scheme()
{
    QString bad;
    const TrustedProxies proxies = *TrustedProxies::parse({u"127.0.0.1"_s}, &bad);
    QCOMPARE(proxies.scheme(QHostAddress(u"127.0.0.1"_s), "https", u"http"_s), u"https"_s);
    QCOMPARE(proxies.scheme(QHostAddress(u"127.0.0.1"_s), "HTTPS, http", u"http"_s), u"https"_s);
    QCOMPARE(proxies.scheme(QHostAddress(u"127.0.0.1"_s), "gopher", u"http"_s), u"http"_s);
    QCOMPARE(proxies.scheme(QHostAddress(u"198.51.100.1"_s), "https", u"http"_s), u"http"_s);
}

void tst_TrustedProxies::invalidEntries()
{
    QString bad;
    QVERIFY(!TrustedProxies::parse({u"127.0.0.1"_s, u"nginx.local"_s}, &bad));
    QCOMPARE(bad, u"nginx.local"_s);
    QVERIFY(!TrustedProxies::parse({u"10.0.0.0/99"_s}, &bad));
    // The server's configuration refuses one, naming the setting.
    QTemporaryDir dataDir;
    const Result<ServerConfig> config =
        ServerConfig::load({},
                           {{u"CONVERSA_DATA_DIR"_s, dataDir.path()},
                            {u"CONVERSA_TRUSTED_PROXIES"_s, u"127.0.0.1, nginx.local"_s}});
    QVERIFY(!config);
    QCOMPARE(config.error().details().size(), 1);
    QCOMPARE(config.error().details().first().field, u"CONVERSA_TRUSTED_PROXIES"_s);
    QCOMPARE(config.error().details().first().args, QStringList{u"nginx.local"_s});
}

// Behind a trusted proxy the client's address is what the throttles and the audit keep; from an
// untrusted peer the header changes nothing.
void tst_TrustedProxies::throughTheServer()
{
    for (const bool trusted : {false, true}) {
        TestServer server;
        QHash<QString, QString> settings;
        if (trusted)
            settings.insert(u"CONVERSA_TRUSTED_PROXIES"_s, u"127.0.0.1,::1"_s);
        QVERIFY(server.start(settings));
        const QString email = u"proxied@example.com"_s;
        server.createUser(email, u"password-123"_s, u"agent"_s);
        const qint64 mark = server.auditMark();
        const ApiResponse r =
            server.request("POST", u"/v1/auth/login"_s, {{u"email"_s, email}, {u"password"_s, u"wrong-one"_s}}, {},
                           {{"X-Forwarded-For", "1.2.3.4, 203.0.113.77"}, {"X-Forwarded-Proto", "https"}});
        QCOMPARE(r.status, 401);
        const QString expected = trusted ? u"203.0.113.77"_s : u"127.0.0.1"_s;
        QCOMPARE(server.count(u"login_attempts"_s, u"email = '%1' AND ip_address = '%2'"_s.arg(email, expected)), 1);
        QCOMPARE(server.auditRowsSince(u"auth.login"_s, mark).size(), 1);
        QCOMPARE(server.count(u"audit_logs"_s, u"action = 'auth.login' AND ip_address = '%1'"_s.arg(expected)), 1);
    }
}

void tst_TrustedProxies::metricsAccess()
{
    // /metrics goes to CONVERSA_METRICS_ADDRESSES (the client's address, as the proxy says it) or
    // to whoever has the token; its labels are route patterns, never a client's raw path.
    TestServer server;
    const QByteArray token = "metrics-token-0123456789";
    QVERIFY(server.start({{u"CONVERSA_TRUSTED_PROXIES"_s, u"127.0.0.1,::1"_s},
                          {u"CONVERSA_METRICS_ADDRESSES"_s, u"10.0.0.0/8"_s},
                          {u"CONVERSA_METRICS_TOKEN"_s, QString::fromLatin1(token)}}));
    server.request("GET", u"/v1/no-such-route/secret-looking-path\"x"_s);
    server.request("OPTIONS", u"/v1/users"_s, {}, {}, {{"Origin", "https://x.example"}});
    const auto metrics = [&](QList<QPair<QByteArray, QByteArray>> headers) {
        return server.request("GET", u"/metrics"_s, {}, {}, headers);
    };
    QCOMPARE(metrics({}).status, 403);   // loopback, but not in the list
    QCOMPARE(metrics({{"Authorization", "Bearer wrong-token-0123456789"}}).status, 403);
    QCOMPARE(metrics({{"X-Forwarded-For", "203.0.113.5"}}).status, 403);
    QCOMPARE(metrics({{"X-Forwarded-For", "10.1.2.3"}}).status, 200);
    const ApiResponse r = metrics({{"Authorization", "Bearer " + token}});
    QCOMPARE(r.status, 200);
    QVERIFY(!r.body.contains("secret-looking-path"));
    QVERIFY(r.body.contains("route=\"unmatched\",method=\"GET\",status=\"404\""));
    QVERIFY(r.body.contains("route=\"preflight\",method=\"OPTIONS\""));

    // The liveness probe needs no database; the readiness probe says the database is there.
    const ApiResponse live = server.request("GET", u"/health/live"_s);
    QCOMPARE(live.status, 200);
    QCOMPARE(live.value(u"status"_s).toString(), u"ok"_s);
    QVERIFY(!live.object().contains(u"database"_s));
    QCOMPARE(server.request("GET", u"/health"_s).value(u"database"_s).toString(), u"ok"_s);
}

QTEST_MAIN(tst_TrustedProxies)
#include "tst_trusted_proxies.moc"
