#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>
#include <map>
#include <memory>

class QHostInfo;

namespace Conversa::Server {

// One request of an http_request node, its templates already filled in.
struct BotHttpCall {
    QString method;   // GET, POST, PUT, PATCH or DELETE (any case)
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int timeoutMs = 10000;   // the whole call, every redirect included; clamped to 1..30000
};

// How it ended. `ok` means a 2xx answer; `status` and `body` are kept for any answer (the engine
// saves from the body only when ok). `error` is a short English reason for the log and the
// session's end_reason ("refused: private address", "timeout", "HTTP 500"...); it never carries a
// header value, the body or the URL.
struct BotHttpResult {
    bool ok = false;
    int status = 0;   // 0: no HTTP answer
    QByteArray body;
    QString error;
};

// What the caller may reach: ServerConfig's botHttpAllowPrivate and botHttpAllowedNetworks.
struct BotHttpPolicy {
    bool allowPrivateTargets = false;
    QList<QPair<QHostAddress, int>> allowedNetworks;   // private networks allowed all the same
    qint64 maxResponseBytes = 1 << 20;
    int maxRedirects = 5;
};

// The network side of the http_request node (docs/BOT_FLOWS.md#outbound-requests). Lives on the
// thread that calls it (the bot worker's queue thread), with its own network access.
//
// Every hop resolves the host once (asynchronously), checks each address with
// Bot::OutboundTarget::check() and connects to a checked address: the URL is requested with the
// host replaced by that address, the Host header set to the name, and for https the certificate
// checked against the name (which TLS also sends as SNI). Qt follows no redirect: 301, 302, 303,
// 307 and 308 are followed here, each new URL checked the same way, at most maxRedirects of them.
// No cookies, no proxy, no cache, no HTTP/2 (whose :authority would be the address).
class BotHttpCaller final : public QObject {
    Q_OBJECT
public:
    explicit BotHttpCaller(BotHttpPolicy policy, QObject *parent = nullptr);
    ~BotHttpCaller() override;   // calls in flight are dropped: their `done` is never called

    using Done = std::function<void(const BotHttpResult &)>;
    // Starts the call; `done` is called exactly once, later, on this thread (never from inside call()).
    void call(const BotHttpCall &request, Done done);

    int inFlight() const { return int(m_exchanges.size()); }
    const BotHttpPolicy &policy() const { return m_policy; }

private:
    struct Exchange;

    void hop(quint64 id);
    void resolved(quint64 id, const QHostInfo &info);
    void connectNext(quint64 id);
    void readSome(quint64 id);
    void replied(quint64 id);
    void redirect(quint64 id, int status, const QByteArray &location);
    void finish(quint64 id, BotHttpResult result);

    BotHttpPolicy m_policy;
    QNetworkAccessManager m_network;
    std::map<quint64, std::unique_ptr<Exchange>> m_exchanges;
    quint64 m_nextId = 1;
};

}   // namespace Conversa::Server
