#include "OutboundTarget.h"

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace Conversa::Server::Bot {

namespace {

using OutboundTarget::AddressClass;

// One row of the address table: a subnet and the class of the addresses in it.
struct OutboundSubnet {
    QPair<QHostAddress, int> subnet;
    AddressClass kind;
};

const QList<OutboundSubnet> &outboundIpv4Subnets()
{
    static const QList<OutboundSubnet> subnets = [] {
        const QList<std::pair<QString, AddressClass>> table{
            {u"0.0.0.0/8"_s, AddressClass::Unspecified},   {u"127.0.0.0/8"_s, AddressClass::Loopback},
            {u"10.0.0.0/8"_s, AddressClass::Private},      {u"172.16.0.0/12"_s, AddressClass::Private},
            {u"192.168.0.0/16"_s, AddressClass::Private},  {u"169.254.0.0/16"_s, AddressClass::LinkLocal},
            {u"100.64.0.0/10"_s, AddressClass::SharedNat}, {u"224.0.0.0/4"_s, AddressClass::Multicast},
            {u"240.0.0.0/4"_s, AddressClass::Reserved},
        };
        QList<OutboundSubnet> out;
        for (const auto &[text, kind] : table)
            out.append(OutboundSubnet{QHostAddress::parseSubnet(text), kind});
        return out;
    }();
    return subnets;
}

const QList<OutboundSubnet> &outboundIpv6Subnets()
{
    static const QList<OutboundSubnet> subnets = [] {
        const QList<std::pair<QString, AddressClass>> table{
            // ::/96 after :: and ::1: the deprecated IPv4-compatible addresses.
            {u"::1/128"_s, AddressClass::Loopback},   {u"::/128"_s, AddressClass::Unspecified},
            {u"::/96"_s, AddressClass::Reserved},     {u"fc00::/7"_s, AddressClass::Private},
            {u"fec0::/10"_s, AddressClass::Private},  {u"fe80::/10"_s, AddressClass::LinkLocal},
            {u"ff00::/8"_s, AddressClass::Multicast},
        };
        QList<OutboundSubnet> out;
        for (const auto &[text, kind] : table)
            out.append(OutboundSubnet{QHostAddress::parseSubnet(text), kind});
        return out;
    }();
    return subnets;
}

// The IPv4 address inside an IPv4-mapped (::ffff:0:0/96) or NAT64 (64:ff9b::/96) IPv6 address.
std::optional<QHostAddress> outboundEmbeddedIpv4(const QHostAddress &address)
{
    const Q_IPV6ADDR a = address.toIPv6Address();
    static const quint8 mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    static const quint8 nat64[12] = {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    if (std::equal(mapped, mapped + 12, a.c) || std::equal(nat64, nat64 + 12, a.c)) {
        const quint32 v4 = (quint32(a[12]) << 24) | (quint32(a[13]) << 16) | (quint32(a[14]) << 8) | quint32(a[15]);
        return QHostAddress(v4);
    }
    return std::nullopt;
}

}   // namespace

namespace OutboundTarget {

AddressClass classify(const QHostAddress &address)
{
    switch (address.protocol()) {
    case QAbstractSocket::IPv4Protocol:
        for (const OutboundSubnet &s : outboundIpv4Subnets()) {
            if (address.isInSubnet(s.subnet))
                return s.kind;
        }
        return AddressClass::Public;
    case QAbstractSocket::IPv6Protocol: {
        if (const auto v4 = outboundEmbeddedIpv4(address))
            return classify(*v4);
        QHostAddress unscoped = address;
        unscoped.setScopeId(QString());
        for (const OutboundSubnet &s : outboundIpv6Subnets()) {
            if (unscoped.isInSubnet(s.subnet))
                return s.kind;
        }
        return AddressClass::Public;
    }
    default: return AddressClass::Reserved;
    }
}

bool isAllowed(const QHostAddress &address, bool allowPrivateTargets, const QList<Network> &allowedNetworks)
{
    switch (classify(address)) {
    case AddressClass::Public: return true;
    case AddressClass::Loopback:
    case AddressClass::Private:
    case AddressClass::LinkLocal:
    case AddressClass::SharedNat: {
        if (allowPrivateTargets)
            return true;
        QHostAddress plain = address;
        if (address.protocol() == QAbstractSocket::IPv6Protocol) {
            if (const auto v4 = outboundEmbeddedIpv4(address))
                plain = *v4;
            else
                plain.setScopeId(QString());
        }
        return std::any_of(allowedNetworks.begin(), allowedNetworks.end(),
                           [&plain](const Network &network) { return plain.isInSubnet(network); });
    }
    case AddressClass::Unspecified:
    case AddressClass::Multicast:
    case AddressClass::Reserved: return false;
    }
    return false;
}

Verdict check(const QUrl &url, const QList<QHostAddress> &resolved, bool allowPrivateTargets,
              const QList<Network> &allowedNetworks)
{
    if (!url.isValid() || url.isRelative())
        return Verdict::BadUrl;
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http"_s && scheme != u"https"_s)
        return Verdict::BadScheme;
    const QString host = url.host();
    if (host.isEmpty())
        return Verdict::BadUrl;
    QList<QHostAddress> addresses = resolved;
    if (QHostAddress literal; literal.setAddress(host))
        addresses.append(literal);
    if (addresses.isEmpty())
        return Verdict::NotResolved;
    for (const QHostAddress &address : addresses) {
        if (!isAllowed(address, allowPrivateTargets, allowedNetworks))
            return Verdict::BlockedAddress;
    }
    return Verdict::Allowed;
}

}   // namespace OutboundTarget

}   // namespace Conversa::Server::Bot
