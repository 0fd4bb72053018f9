// OutboundTarget (docs/BOT_FLOWS.md#outbound-requests): which URLs and addresses an http_request
// node may call, with and without the setting that allows private targets. No server, no DNS:
// the addresses a name resolved to are given.
#include "domain/bot/OutboundTarget.h"

#include <QTest>

using namespace Conversa::Server;
using namespace Conversa::Server::Bot;

using namespace Qt::StringLiterals;

using OutboundTarget::AddressClass;
using OutboundTarget::Verdict;

class tst_OutboundTarget : public QObject {
    Q_OBJECT

private slots:
    void classify_data();
    void classify();
    void check_data();
    void check();
    void allowedNetworks_data();
    void allowedNetworks();
};

void tst_OutboundTarget::classify_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<AddressClass>("expected");

    const QList<std::pair<QString, AddressClass>> rows{
        {u"8.8.8.8"_s, AddressClass::Public},
        {u"93.184.216.34"_s, AddressClass::Public},
        {u"127.0.0.1"_s, AddressClass::Loopback},
        {u"127.255.255.254"_s, AddressClass::Loopback},
        {u"10.0.0.1"_s, AddressClass::Private},
        {u"10.255.255.255"_s, AddressClass::Private},
        {u"172.16.0.1"_s, AddressClass::Private},
        {u"172.31.255.255"_s, AddressClass::Private},
        {u"172.15.255.255"_s, AddressClass::Public},
        {u"172.32.0.0"_s, AddressClass::Public},
        {u"192.168.1.1"_s, AddressClass::Private},
        {u"192.169.0.1"_s, AddressClass::Public},
        {u"169.254.169.254"_s, AddressClass::LinkLocal},
        {u"100.64.0.1"_s, AddressClass::SharedNat},
        {u"100.127.255.255"_s, AddressClass::SharedNat},
        {u"100.128.0.0"_s, AddressClass::Public},
        {u"100.63.255.255"_s, AddressClass::Public},
        {u"0.0.0.0"_s, AddressClass::Unspecified},
        {u"0.1.2.3"_s, AddressClass::Unspecified},
        {u"224.0.0.1"_s, AddressClass::Multicast},
        {u"239.255.255.250"_s, AddressClass::Multicast},
        {u"240.0.0.1"_s, AddressClass::Reserved},
        {u"255.255.255.255"_s, AddressClass::Reserved},
        {u"2001:4860:4860::8888"_s, AddressClass::Public},
        {u"::1"_s, AddressClass::Loopback},
        {u"::"_s, AddressClass::Unspecified},
        {u"fc00::1"_s, AddressClass::Private},
        {u"fd12:3456::1"_s, AddressClass::Private},
        {u"fec0::1"_s, AddressClass::Private},
        {u"fe80::1"_s, AddressClass::LinkLocal},
        {u"fe80::1%lo"_s, AddressClass::LinkLocal},
        {u"febf::1"_s, AddressClass::LinkLocal},
        {u"ff02::1"_s, AddressClass::Multicast},
        {u"::ffff:127.0.0.1"_s, AddressClass::Loopback},
        {u"::ffff:10.1.2.3"_s, AddressClass::Private},
        {u"::ffff:169.254.169.254"_s, AddressClass::LinkLocal},
        {u"::ffff:8.8.8.8"_s, AddressClass::Public},
        {u"64:ff9b::192.168.0.1"_s, AddressClass::Private},
        {u"64:ff9b::8.8.8.8"_s, AddressClass::Public},
        {u"::127.0.0.1"_s, AddressClass::Reserved},
    };
    for (const auto &[address, expected] : rows)
        QTest::addRow("%s", qPrintable(address)) << address << expected;
}

void tst_OutboundTarget::classify()
{
    QFETCH(QString, address);
    QFETCH(AddressClass, expected);
    const QHostAddress a(address);
    QVERIFY2(!a.isNull(), qPrintable(address));
    QCOMPARE(OutboundTarget::classify(a), expected);
    QCOMPARE(OutboundTarget::isAllowed(a, false), expected == AddressClass::Public);
    const bool neverCalled = expected == AddressClass::Unspecified || expected == AddressClass::Multicast ||
        expected == AddressClass::Reserved;
    QCOMPARE(OutboundTarget::isAllowed(a, true), !neverCalled);
}

void tst_OutboundTarget::check_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("resolved");
    QTest::addColumn<Verdict>("strict");     // without the setting
    QTest::addColumn<Verdict>("allowing");   // with private targets allowed

    const QStringList none;
    QTest::addRow("https-public") << u"https://api.example.com/v1/x?y=1"_s << QStringList{u"93.184.216.34"_s}
                                  << Verdict::Allowed << Verdict::Allowed;
    QTest::addRow("http-public-port") << u"http://api.example.com:8080/"_s << QStringList{u"93.184.216.34"_s}
                                      << Verdict::Allowed << Verdict::Allowed;
    QTest::addRow("scheme-case") << u"HTTPS://api.example.com/"_s << QStringList{u"93.184.216.34"_s} << Verdict::Allowed
                                 << Verdict::Allowed;
    QTest::addRow("name-to-loopback") << u"http://evil.example.com/"_s << QStringList{u"127.0.0.1"_s}
                                      << Verdict::BlockedAddress << Verdict::Allowed;
    QTest::addRow("localhost") << u"http://localhost:5432/"_s << QStringList{u"::1"_s, u"127.0.0.1"_s}
                               << Verdict::BlockedAddress << Verdict::Allowed;
    QTest::addRow("one-bad-of-two") << u"https://mixed.example.com/"_s << QStringList{u"93.184.216.34"_s, u"10.0.0.5"_s}
                                    << Verdict::BlockedAddress << Verdict::Allowed;
    QTest::addRow("metadata") << u"http://169.254.169.254/latest/meta-data/"_s << none << Verdict::BlockedAddress
                              << Verdict::Allowed;
    QTest::addRow("literal-private") << u"http://192.168.0.10/hook"_s << none << Verdict::BlockedAddress
                                     << Verdict::Allowed;
    QTest::addRow("literal-public") << u"http://8.8.8.8/"_s << none << Verdict::Allowed << Verdict::Allowed;
    QTest::addRow("literal-ipv6-loopback")
        << u"http://[::1]:8080/"_s << none << Verdict::BlockedAddress << Verdict::Allowed;
    QTest::addRow("literal-mapped") << u"http://[::ffff:127.0.0.1]/"_s << none << Verdict::BlockedAddress
                                    << Verdict::Allowed;
    QTest::addRow("literal-ula") << u"http://[fd00::1]/"_s << none << Verdict::BlockedAddress << Verdict::Allowed;
    QTest::addRow("literal-cgnat") << u"http://100.100.100.100/"_s << none << Verdict::BlockedAddress
                                   << Verdict::Allowed;
    // A literal host is checked even when the resolver's answer (given) looks harmless.
    QTest::addRow("literal-and-resolved")
        << u"http://127.0.0.1/"_s << QStringList{u"8.8.8.8"_s} << Verdict::BlockedAddress << Verdict::Allowed;
    QTest::addRow("decimal-host-resolved")
        << u"http://2130706433/"_s << QStringList{u"127.0.0.1"_s} << Verdict::BlockedAddress << Verdict::Allowed;
    QTest::addRow("unspecified") << u"http://0.0.0.0:8080/"_s << none << Verdict::BlockedAddress
                                 << Verdict::BlockedAddress;
    QTest::addRow("multicast") << u"http://239.255.255.250:1900/"_s << none << Verdict::BlockedAddress
                               << Verdict::BlockedAddress;
    QTest::addRow("broadcast") << u"http://255.255.255.255/"_s << none << Verdict::BlockedAddress
                               << Verdict::BlockedAddress;
    QTest::addRow("not-resolved") << u"https://api.example.com/"_s << none << Verdict::NotResolved
                                  << Verdict::NotResolved;
    QTest::addRow("ftp") << u"ftp://files.example.com/"_s << QStringList{u"93.184.216.34"_s} << Verdict::BadScheme
                         << Verdict::BadScheme;
    QTest::addRow("file") << u"file:///etc/passwd"_s << none << Verdict::BadScheme << Verdict::BadScheme;
    QTest::addRow("gopher") << u"gopher://127.0.0.1:6379/_x"_s << none << Verdict::BadScheme << Verdict::BadScheme;
    QTest::addRow("javascript") << u"javascript:alert(1)"_s << none << Verdict::BadScheme << Verdict::BadScheme;
    QTest::addRow("relative") << u"/v1/x"_s << none << Verdict::BadUrl << Verdict::BadUrl;
    QTest::addRow("no-host") << u"http:///path"_s << none << Verdict::BadUrl << Verdict::BadUrl;
    QTest::addRow("empty") << QString() << none << Verdict::BadUrl << Verdict::BadUrl;
}

void tst_OutboundTarget::check()
{
    QFETCH(QString, url);
    QFETCH(QStringList, resolved);
    QFETCH(Verdict, strict);
    QFETCH(Verdict, allowing);
    QList<QHostAddress> addresses;
    for (const QString &a : resolved)
        addresses.append(QHostAddress(a));
    const QUrl target(url, QUrl::StrictMode);
    QCOMPARE(OutboundTarget::check(target, addresses, false), strict);
    QCOMPARE(OutboundTarget::check(target, addresses, true), allowing);
}

void tst_OutboundTarget::allowedNetworks_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("resolved");
    QTest::addColumn<QStringList>("networks");
    QTest::addColumn<Verdict>("expected");   // without the setting that allows every private target

    const QStringList none;
    const QStringList crm{u"10.1.2.0/24"_s};
    QTest::addRow("inside") << u"http://10.1.2.3/"_s << none << crm << Verdict::Allowed;
    QTest::addRow("outside") << u"http://10.1.3.3/"_s << none << crm << Verdict::BlockedAddress;
    QTest::addRow("name-inside") << u"https://crm.internal/"_s << QStringList{u"10.1.2.40"_s} << crm
                                 << Verdict::Allowed;
    QTest::addRow("name-one-outside") << u"https://crm.internal/"_s << QStringList{u"10.1.2.40"_s, u"10.9.9.9"_s} << crm
                                      << Verdict::BlockedAddress;
    QTest::addRow("metadata-not-listed") << u"http://169.254.169.254/"_s << none << crm << Verdict::BlockedAddress;
    QTest::addRow("mapped-inside") << u"http://[::ffff:10.1.2.3]/"_s << none << crm << Verdict::Allowed;
    QTest::addRow("loopback-host") << u"http://127.0.0.1:8080/"_s << none << QStringList{u"127.0.0.1/32"_s}
                                   << Verdict::Allowed;
    QTest::addRow("loopback-other") << u"http://127.0.0.2:8080/"_s << none << QStringList{u"127.0.0.1/32"_s}
                                    << Verdict::BlockedAddress;
    QTest::addRow("ipv6-ula") << u"http://[fd00:1::5]/"_s << none << QStringList{u"fd00:1::/64"_s} << Verdict::Allowed;
    QTest::addRow("public-unaffected") << u"http://8.8.8.8/"_s << none << crm << Verdict::Allowed;
    // A network never makes an address that is never called callable.
    QTest::addRow("unspecified-listed") << u"http://0.0.0.0/"_s << none << QStringList{u"0.0.0.0/8"_s}
                                        << Verdict::BlockedAddress;
    QTest::addRow("multicast-listed") << u"http://224.0.0.1/"_s << none << QStringList{u"224.0.0.0/4"_s}
                                      << Verdict::BlockedAddress;
    QTest::addRow("no-networks") << u"http://10.1.2.3/"_s << none << none << Verdict::BlockedAddress;
}

void tst_OutboundTarget::allowedNetworks()
{
    QFETCH(QString, url);
    QFETCH(QStringList, resolved);
    QFETCH(QStringList, networks);
    QFETCH(Verdict, expected);
    QList<QHostAddress> addresses;
    for (const QString &a : resolved)
        addresses.append(QHostAddress(a));
    QList<OutboundTarget::Network> allowed;
    for (const QString &n : networks) {
        allowed.append(QHostAddress::parseSubnet(n));
        QVERIFY2(allowed.last().second >= 0, qPrintable(n));
    }
    const QUrl target(url, QUrl::StrictMode);
    QCOMPARE(OutboundTarget::check(target, addresses, false, allowed), expected);
    // The setting that allows every private target still decides alone when it is on.
    QCOMPARE(OutboundTarget::check(target, addresses, true, allowed), OutboundTarget::check(target, addresses, true));
}

QTEST_APPLESS_MAIN(tst_OutboundTarget)
#include "tst_outbound_target.moc"
