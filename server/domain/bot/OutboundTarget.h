#pragma once

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QUrl>

namespace Conversa::Server::Bot {

// docs/BOT_FLOWS.md#outbound-requests: whether an http_request node may call a URL (the guard
// against making the server reach what only it can reach). Pure: the engine resolves the host,
// asks check() with every address the name resolved to, connects only to an address it checked
// (never resolving again: a second answer may differ), and asks again for each redirect's URL.
namespace OutboundTarget {

// The kind of an address, from the guard's point of view.
enum class AddressClass {
    Public,        // anything not below
    Loopback,      // 127.0.0.0/8, ::1
    Private,       // 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7 (unique local), fec0::/10
    LinkLocal,     // 169.254.0.0/16 (cloud metadata lives here), fe80::/10
    SharedNat,     // 100.64.0.0/10 (carrier-grade NAT)
    Unspecified,   // 0.0.0.0/8, ::
    Multicast,     // 224.0.0.0/4, ff00::/8
    Reserved,      // 240.0.0.0/4 with 255.255.255.255, ::/96 (IPv4-compatible), not an IP address
};

// An IPv6 address that carries an IPv4 one (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d)
// is classed as that IPv4 address.
AddressClass classify(const QHostAddress &address);

// A network an integrator allows although it is not public, e.g. their CRM's 10.1.2.0/24
// (QHostAddress::parseSubnet's result).
using Network = QPair<QHostAddress, int>;

// Allowed only with the setting that allows private targets, or when inside one of
// `allowedNetworks`: loopback, private, link-local and shared NAT addresses. Unspecified, multicast
// and reserved addresses are never called, whatever the networks say. An IPv6 address that carries
// an IPv4 one is matched against the networks as that IPv4 address.
bool isAllowed(const QHostAddress &address, bool allowPrivateTargets, const QList<Network> &allowedNetworks = {});

enum class Verdict {
    Allowed,
    BadScheme,        // not http or https
    BadUrl,           // not a valid absolute URL, or no host
    NotResolved,      // a host name with no addresses given
    BlockedAddress,   // one of the addresses is not allowed
};

// Whether `url` may be called, given the addresses its host resolved to (an IP literal host is
// checked itself, with or without `resolved`). Every address must be allowed: the connection
// could use any of them.
Verdict check(const QUrl &url, const QList<QHostAddress> &resolved, bool allowPrivateTargets,
              const QList<Network> &allowedNetworks = {});

}   // namespace OutboundTarget

}   // namespace Conversa::Server::Bot
