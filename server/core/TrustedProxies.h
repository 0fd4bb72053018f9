#pragma once

#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace Conversa::Server {

// Who is at the other end of a request when reverse proxies may sit in between
// (CONVERSA_TRUSTED_PROXIES, docs/CONFIGURATION.md). Only a peer in the list may say, through
// X-Forwarded-For, X-Real-IP and X-Forwarded-Proto, who the client is and how it connected; from
// anyone else those headers are ignored, so a client cannot pick the address its throttles and
// audit rows are kept under.
class TrustedProxies {
public:
    TrustedProxies() = default;
    // Addresses or CIDR ranges ("127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"); nullopt with
    // *invalid set to the first entry that is neither.
    static std::optional<TrustedProxies> parse(const QStringList &entries, QString *invalid);

    bool isEmpty() const { return m_ranges.isEmpty(); }
    bool trusts(const QHostAddress &address) const;

    // The client's address: the peer itself unless trusted; from a trusted peer, the right-most
    // X-Forwarded-For hop that is not a trusted proxy (what the nearest proxy saw), or, when every
    // hop is trusted or there is no X-Forwarded-For, X-Real-IP; the peer when neither says more.
    QString clientAddress(const QHostAddress &peer, QByteArrayView forwardedFor, QByteArrayView realIp) const;
    // "https" or "http": X-Forwarded-Proto's first value from a trusted peer, else `direct`.
    QString scheme(const QHostAddress &peer, QByteArrayView forwardedProto, const QString &direct) const;

    // An IPv4 address mapped into IPv6 ("::ffff:1.2.3.4") as plain IPv4.
    static QHostAddress plain(const QHostAddress &address);

private:
    QList<QPair<QHostAddress, int>> m_ranges;
};

}   // namespace Conversa::Server
