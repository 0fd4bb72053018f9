#include "TrustedProxies.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

QString text(const QHostAddress &address)
{
    return TrustedProxies::plain(address).toString();
}

}   // namespace

QHostAddress TrustedProxies::plain(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 && address.protocol() == QAbstractSocket::IPv6Protocol ? QHostAddress(v4) : address;
}

std::optional<TrustedProxies> TrustedProxies::parse(const QStringList &entries, QString *invalid)
{
    TrustedProxies proxies;
    for (const QString &raw : entries) {
        const QString entry = raw.trimmed();
        if (entry.isEmpty())
            continue;
        QPair<QHostAddress, int> range = entry.contains(u'/')
            ? QHostAddress::parseSubnet(entry)
            : QPair<QHostAddress, int>(QHostAddress(entry), entry.contains(u':') ? 128 : 32);
        if (range.first.isNull()) {
            *invalid = entry;
            return std::nullopt;
        }
        range.first = plain(range.first);
        if (range.first.protocol() == QAbstractSocket::IPv4Protocol && range.second > 32)
            range.second = 32;
        proxies.m_ranges.append(range);
    }
    return proxies;
}

bool TrustedProxies::trusts(const QHostAddress &address) const
{
    const QHostAddress a = plain(address);
    for (const auto &[network, prefix] : m_ranges) {
        if (a.isInSubnet(network, prefix))
            return true;
    }
    return false;
}

QString TrustedProxies::clientAddress(const QHostAddress &peer, QByteArrayView forwardedFor,
                                      QByteArrayView realIp) const
{
    if (!trusts(peer))
        return text(peer);
    QHostAddress nearest = peer;   // the last hop known to be a trusted proxy
    const QList<QByteArray> hops = forwardedFor.toByteArray().split(',');
    for (qsizetype i = hops.size() - 1; i >= 0; --i) {
        const QByteArray hop = hops.at(i).trimmed();
        if (hop.isEmpty())
            continue;
        const QHostAddress address(QString::fromLatin1(hop));
        if (address.isNull())
            return text(nearest);   // garbage a trusted proxy passed on: its sender is all we know
        if (!trusts(address))
            return text(address);
        nearest = address;
    }
    const QHostAddress real(QString::fromLatin1(realIp.trimmed()));
    return real.isNull() ? text(nearest) : text(real);
}

QString TrustedProxies::scheme(const QHostAddress &peer, QByteArrayView forwardedProto, const QString &direct) const
{
    if (!trusts(peer))
        return direct;
    const QByteArray first = forwardedProto.toByteArray().split(',').first().trimmed().toLower();
    return first == "https" || first == "http" ? QString::fromLatin1(first) : direct;
}

}   // namespace Conversa::Server
