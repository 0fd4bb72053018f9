// Settings: defaults < INI file < environment, and a clear refusal of every invalid value.
#include "config/ServerConfig.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

class tst_ServerConfig : public QObject {
    Q_OBJECT

private slots:
    void defaults();
    void iniThenEnvironment();
    void invalid_data();
    void invalid();
    void botHttp_data();
    void botHttp();
    void persistentKeys();
};

void tst_ServerConfig::defaults()
{
    const Result<ServerConfig> c = ServerConfig::load({}, {});
    QVERIFY(c.ok());
    QCOMPARE(c->listenAddress.toString(), u"127.0.0.1"_s);
    QCOMPARE(c->listenPort, quint16(8080));
    QCOMPARE(c->database.dialect, SqlDialect::Sqlite);
    QCOMPARE(c->database.path, u"./var/conversa.db"_s);
    QCOMPARE(c->dataDir, u"./var"_s);
    QCOMPARE(c->publicUrl, u"http://127.0.0.1:8080"_s);
    QCOMPARE(c->metaGraphUrl, u"https://graph.facebook.com/v21.0"_s);
    QCOMPARE(c->logLevel, u"info"_s);
    QCOMPARE(c->defaultRegion, u"CO"_s);
    QCOMPARE(c->customerLanguage, Language::Spanish);
    QVERIFY(c->httpThreads >= 1);
    QCOMPARE(c->socketPingIntervalMs, 25000);   // Engine.IO's reference defaults
    QCOMPARE(c->socketPingTimeoutMs, 20000);
    QCOMPARE(c->reminderIntervalMs, 5000);
    // Tests that run server processes pass reminders more often.
    const Result<ServerConfig> quick = ServerConfig::load({}, {{u"CONVERSA_REMINDER_INTERVAL_MS"_s, u"250"_s}});
    QVERIFY(quick.ok());
    QCOMPARE(quick->reminderIntervalMs, 250);
    QCOMPARE(c->botHttpAllowPrivate, false);
    QVERIFY(c->botHttpAllowedNetworks.isEmpty());
    const Result<ServerConfig> english = ServerConfig::load({}, {{u"CONVERSA_CUSTOMER_LANGUAGE"_s, u"EN"_s}});
    QVERIFY(english.ok());
    QCOMPARE(english->customerLanguage, Language::English);
}

void tst_ServerConfig::iniThenEnvironment()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(u"conversa.ini"_s);
    QFile f(ini);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("listen=127.0.0.1:9000\ndatabase_url=postgresql://app:s%40cret@db.local:6543/crm\nlog_level=debug\n"
            "cors_origins=https://a.example, https://b.example\n"
            "bot_http_allowed_networks = 10.1.2.0/24, 127.0.0.1/32\n");
    f.close();

    Result<ServerConfig> c = ServerConfig::load(ini, {});
    QVERIFY(c.ok());
    QCOMPARE(c->listenPort, quint16(9000));
    QCOMPARE(c->database.dialect, SqlDialect::Postgres);
    QCOMPARE(c->database.host, u"db.local"_s);
    QCOMPARE(c->database.port, 6543);
    QCOMPARE(c->database.user, u"app"_s);
    QCOMPARE(c->database.password, u"s@cret"_s);
    QCOMPARE(c->database.name, u"crm"_s);
    QVERIFY(!c->database.describe().contains(u"s@cret"_s));
    QCOMPARE(c->logLevel, u"debug"_s);
    // A comma-separated value, which QSettings reads as a list.
    QCOMPARE(c->corsOrigins, (QStringList{u"https://a.example"_s, u"https://b.example"_s}));
    QCOMPARE(c->botHttpAllowedNetworks.size(), 2);
    QCOMPARE(c->botHttpAllowedNetworks.at(1).first, QHostAddress(u"127.0.0.1"_s));

    // The environment wins over the file.
    c = ServerConfig::load(ini, {{u"CONVERSA_LISTEN"_s, u"127.0.0.1:9100"_s}, {u"CONVERSA_LOG_LEVEL"_s, u"warning"_s}});
    QVERIFY(c.ok());
    QCOMPARE(c->listenPort, quint16(9100));
    QCOMPARE(c->logLevel, u"warning"_s);
    QCOMPARE(c->database.name, u"crm"_s);
}

void tst_ServerConfig::invalid_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");

    QTest::addRow("listen-no-port") << u"CONVERSA_LISTEN"_s << u"127.0.0.1"_s;
    QTest::addRow("listen-bad-port") << u"CONVERSA_LISTEN"_s << u"127.0.0.1:99999"_s;
    QTest::addRow("listen-bad-host") << u"CONVERSA_LISTEN"_s << u"not a host:80"_s;
    QTest::addRow("db-scheme") << u"CONVERSA_DATABASE_URL"_s << u"mysql://x@y/z"_s;
    QTest::addRow("db-empty-sqlite") << u"CONVERSA_DATABASE_URL"_s << u"sqlite:"_s;
    QTest::addRow("db-no-name") << u"CONVERSA_DATABASE_URL"_s << u"postgresql://u@h:5432/"_s;
    QTest::addRow("public-url") << u"CONVERSA_PUBLIC_URL"_s << u"ftp://example.com"_s;
    QTest::addRow("jwt-short") << u"CONVERSA_JWT_SECRET"_s << u"short"_s;
    QTest::addRow("secret-key") << u"CONVERSA_SECRET_KEY"_s << u"abcd"_s;
    QTest::addRow("log-level") << u"CONVERSA_LOG_LEVEL"_s << u"verbose"_s;
    QTest::addRow("threads") << u"CONVERSA_HTTP_THREADS"_s << u"0"_s;
    QTest::addRow("region") << u"CONVERSA_DEFAULT_REGION"_s << u"XX"_s;
    QTest::addRow("customer-language") << u"CONVERSA_CUSTOMER_LANGUAGE"_s << u"fr"_s;
    QTest::addRow("body-limit") << u"CONVERSA_MAX_BODY_BYTES"_s << u"lots"_s;
    QTest::addRow("socket-ping-interval") << u"CONVERSA_SOCKET_PING_INTERVAL_MS"_s << u"10"_s;
    QTest::addRow("socket-ping-timeout") << u"CONVERSA_SOCKET_PING_TIMEOUT_MS"_s << u"soon"_s;
    QTest::addRow("reminder-interval") << u"CONVERSA_REMINDER_INTERVAL_MS"_s << u"0"_s;
    QTest::addRow("bot-http-allow-private") << u"CONVERSA_BOT_HTTP_ALLOW_PRIVATE"_s << u"maybe"_s;
    QTest::addRow("bot-http-network-word") << u"CONVERSA_BOT_HTTP_ALLOWED_NETWORKS"_s << u"intranet"_s;
    QTest::addRow("bot-http-network-no-prefix") << u"CONVERSA_BOT_HTTP_ALLOWED_NETWORKS"_s << u"10.1.2.3"_s;
    QTest::addRow("bot-http-network-prefix") << u"CONVERSA_BOT_HTTP_ALLOWED_NETWORKS"_s << u"10.1.2.0/33"_s;
    QTest::addRow("bot-http-network-one-bad")
        << u"CONVERSA_BOT_HTTP_ALLOWED_NETWORKS"_s << u"10.1.2.0/24, 192.168.0.0/x"_s;
}

void tst_ServerConfig::botHttp_data()
{
    QTest::addColumn<QString>("allowPrivate");
    QTest::addColumn<QString>("networks");
    QTest::addColumn<bool>("expectedAllowPrivate");
    QTest::addColumn<QStringList>("expectedNetworks");   // address/prefix

    QTest::addRow("true") << u"true"_s << QString() << true << QStringList{};
    QTest::addRow("one") << u"1"_s << QString() << true << QStringList{};
    QTest::addRow("yes-upper") << u"YES"_s << QString() << true << QStringList{};
    QTest::addRow("false") << u"false"_s << QString() << false << QStringList{};
    QTest::addRow("off") << u"off"_s << QString() << false << QStringList{};
    QTest::addRow("one-network") << u"0"_s << u"10.1.2.0/24"_s << false << QStringList{u"10.1.2.0/24"_s};
    QTest::addRow("networks") << QString() << u" 10.1.2.0/24 , 127.0.0.1/32,fd00::/8"_s << false
                              << QStringList{u"10.1.2.0/24"_s, u"127.0.0.1/32"_s, u"fd00::/8"_s};
}

void tst_ServerConfig::botHttp()
{
    QFETCH(QString, allowPrivate);
    QFETCH(QString, networks);
    QFETCH(bool, expectedAllowPrivate);
    QFETCH(QStringList, expectedNetworks);
    QHash<QString, QString> env;
    if (!allowPrivate.isNull())
        env.insert(u"CONVERSA_BOT_HTTP_ALLOW_PRIVATE"_s, allowPrivate);
    if (!networks.isNull())
        env.insert(u"CONVERSA_BOT_HTTP_ALLOWED_NETWORKS"_s, networks);
    const Result<ServerConfig> c = ServerConfig::load({}, env);
    QVERIFY(c.ok());
    QCOMPARE(c->botHttpAllowPrivate, expectedAllowPrivate);
    QStringList got;
    for (const auto &[address, prefix] : c->botHttpAllowedNetworks)
        got.append(address.toString() + u'/' + QString::number(prefix));
    QCOMPARE(got, expectedNetworks);
}

void tst_ServerConfig::invalid()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    const Result<ServerConfig> c = ServerConfig::load({}, {{variable, value}});
    QVERIFY(!c.ok());
    QCOMPARE(c.error().status(), 422);
    QCOMPARE(c.error().details().first().field, variable);

    QVERIFY(!ServerConfig::load(u"/nonexistent/conversa.ini"_s, {}).ok());
}

void tst_ServerConfig::persistentKeys()
{
    QTemporaryDir dir;
    Result<ServerConfig> c =
        ServerConfig::load({},
                           {{u"CONVERSA_DATA_DIR"_s, dir.path()},
                            {u"CONVERSA_DATABASE_URL"_s, u"sqlite:"_s + dir.filePath(u"db/c.db"_s)}});
    QVERIFY(c.ok());
    QVERIFY(c->prepareDataDir().ok());
    QCOMPARE(c->secretKey.size(), 32);
    QVERIFY(c->jwtSecret.size() >= 32);
    const QFileInfo key(dir.filePath(u"secret.key"_s));
    QCOMPARE(key.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());

    // Generated once: a second start reads the same keys.
    Result<ServerConfig> again = ServerConfig::load({}, {{u"CONVERSA_DATA_DIR"_s, dir.path()}});
    QVERIFY(again.ok());
    QVERIFY(again->prepareDataDir().ok());
    QCOMPARE(again->secretKey, c->secretKey);
    QCOMPARE(again->jwtSecret, c->jwtSecret);

    // A configured key wins; hex and base64 both work.
    Result<ServerConfig> configured =
        ServerConfig::load({}, {{u"CONVERSA_DATA_DIR"_s, dir.path()}, {u"CONVERSA_SECRET_KEY"_s, QString(64, u'a')}});
    QVERIFY(configured.ok());
    QCOMPARE(configured->secretKey, QByteArray(32, char(0xaa)));
}

QTEST_GUILESS_MAIN(tst_ServerConfig)
#include "tst_server_config.moc"
