#include "BotHttpCaller.h"

#include "domain/bot/OutboundTarget.h"

#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcBotHttp, "conversa.server.bot.http")

using namespace Qt::StringLiterals;

namespace {

constexpr int kBotHttpMaxTimeoutMs = 30000;

BotHttpResult botHttpFailure(const QString &error, int status = 0)
{
    BotHttpResult r;
    r.status = status;
    r.error = error;
    return r;
}

bool botHttpMethodAllowed(const QByteArray &method)
{
    return method == "GET" || method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// The connection's own headers, which a flow may not set: they are ignored.
bool botHttpHeaderIgnored(const QByteArray &name)
{
    const QByteArray n = name.toLower();
    return n == "host" || n == "content-length" || n == "transfer-encoding" || n == "connection";
}

// A header name is a token (RFC 9110), a value has no line break or NUL: nothing a template
// filled in can add a header or end the head early. Others are ignored.
bool botHttpHeaderWellFormed(const QByteArray &name, const QByteArray &value)
{
    if (name.isEmpty())
        return false;
    static const QByteArray punctuation = "!#$%&'*+-.^_`|~";
    for (const char c : name) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !punctuation.contains(c))
            return false;
    }
    return !value.contains('\r') && !value.contains('\n') && !value.contains('\0');
}

bool botHttpSameName(const QByteArray &a, const char *b)
{
    return a.compare(QByteArray(b), Qt::CaseInsensitive) == 0;
}

// Why addresses were refused: a private one is allowed by configuration, the others never.
QString botHttpRefusal(const QList<QHostAddress> &addresses, const BotHttpPolicy &policy)
{
    using Bot::OutboundTarget::AddressClass;
    for (const QHostAddress &address : addresses) {
        if (Bot::OutboundTarget::isAllowed(address, policy.allowPrivateTargets, policy.allowedNetworks))
            continue;
        switch (Bot::OutboundTarget::classify(address)) {
        case AddressClass::Loopback:
        case AddressClass::Private:
        case AddressClass::LinkLocal:
        case AddressClass::SharedNat: return u"refused: private address"_s;
        default: return u"refused: address not allowed"_s;
        }
    }
    return u"refused: address not allowed"_s;
}

// host[:port] as the Host header carries it: a name in ACE form, an IPv6 address in brackets.
QByteArray botHttpHostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (url.port() != -1)
        host += ':' + QByteArray::number(url.port());
    return host;
}

bool botHttpSameOrigin(const QUrl &a, const QUrl &b)
{
    const auto defaultPort = [](const QUrl &u) { return u.scheme().toLower() == "https"_L1 ? 443 : 80; };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
        a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && a.port(defaultPort(a)) == b.port(defaultPort(b));
}

// A short reason for a failure below HTTP; Qt's errorString() names the URL, which may carry a secret.
QString botHttpNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError: return u"connection refused"_s;
    case QNetworkReply::RemoteHostClosedError: return u"connection closed"_s;
    case QNetworkReply::HostNotFoundError: return u"could not resolve host"_s;
    case QNetworkReply::TimeoutError: return u"timeout"_s;
    case QNetworkReply::SslHandshakeFailedError: return u"TLS handshake failed"_s;
    case QNetworkReply::ProtocolFailure: return u"invalid HTTP response"_s;
    default: return u"network error"_s;
    }
}

}   // namespace

struct BotHttpCaller::Exchange {
    QByteArray method;   // upper case
    QUrl url;            // this hop's, with the name as written (never the address)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Done done;
    QList<QHostAddress> addresses;   // checked for this hop and not tried yet
    int lookupId = -1;
    QNetworkReply *reply = nullptr;
    QByteArray received;
    int redirects = 0;
};

BotHttpCaller::BotHttpCaller(BotHttpPolicy policy, QObject *parent)
    : QObject(parent), m_policy(std::move(policy)), m_network(this)
{
    // The connection goes to the checked address and nowhere else.
    m_network.setProxy(QNetworkProxy::NoProxy);
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

BotHttpCaller::~BotHttpCaller()
{
    for (auto &[id, exchange] : m_exchanges) {
        if (exchange->lookupId >= 0)
            QHostInfo::abortHostLookup(exchange->lookupId);
        if (exchange->reply) {
            exchange->reply->disconnect(this);
            exchange->reply->abort();
        }
    }
    m_exchanges.clear();
}

void BotHttpCaller::call(const BotHttpCall &request, Done done)
{
    const quint64 id = m_nextId++;
    auto exchange = std::make_unique<Exchange>();
    exchange->method = request.method.trimmed().toUpper().toLatin1();
    exchange->url = request.url;
    exchange->headers = request.headers;
    exchange->body = request.body;
    exchange->done = std::move(done);
    m_exchanges.emplace(id, std::move(exchange));
    // One deadline for every hop; a timer left by a call that ended finds nothing to end.
    QTimer::singleShot(qBound(1, request.timeoutMs, kBotHttpMaxTimeoutMs), Qt::PreciseTimer, this,
                       [this, id] { finish(id, botHttpFailure(u"timeout"_s)); });
    QMetaObject::invokeMethod(
        this, [this, id] { hop(id); }, Qt::QueuedConnection);
}

void BotHttpCaller::hop(quint64 id)
{
    const auto it = m_exchanges.find(id);
    if (it == m_exchanges.end())
        return;
    Exchange &exchange = *it->second;
    if (!botHttpMethodAllowed(exchange.method))
        return finish(id, botHttpFailure(u"refused: method not allowed"_s));
    using Bot::OutboundTarget::Verdict;
    switch (Bot::OutboundTarget::check(exchange.url, {}, m_policy.allowPrivateTargets, m_policy.allowedNetworks)) {
    case Verdict::BadScheme: return finish(id, botHttpFailure(u"refused: scheme not allowed"_s));
    case Verdict::BadUrl: return finish(id, botHttpFailure(u"refused: invalid URL"_s));
    case Verdict::BlockedAddress:   // an address written in the URL
        return finish(id, botHttpFailure(botHttpRefusal({QHostAddress(exchange.url.host())}, m_policy)));
    case Verdict::Allowed: exchange.addresses = {QHostAddress(exchange.url.host())}; return connectNext(id);
    case Verdict::NotResolved: break;   // a name: resolve it
    }
    exchange.lookupId =
        QHostInfo::lookupHost(exchange.url.host(), this, [this, id](const QHostInfo &info) { resolved(id, info); });
}

void BotHttpCaller::resolved(quint64 id, const QHostInfo &info)
{
    const auto it = m_exchanges.find(id);
    if (it == m_exchanges.end())
        return;
    Exchange &exchange = *it->second;
    exchange.lookupId = -1;
    const QList<QHostAddress> addresses = info.addresses();
    if (info.error() != QHostInfo::NoError || addresses.isEmpty())
        return finish(id, botHttpFailure(u"could not resolve host"_s));
    if (Bot::OutboundTarget::check(exchange.url, addresses, m_policy.allowPrivateTargets, m_policy.allowedNetworks) !=
        Bot::OutboundTarget::Verdict::Allowed)
        return finish(id, botHttpFailure(botHttpRefusal(addresses, m_policy)));
    exchange.addresses = addresses;
    connectNext(id);
}

void BotHttpCaller::connectNext(quint64 id)
{
    Exchange &exchange = *m_exchanges.at(id);
    const QHostAddress address = exchange.addresses.takeFirst();
    const bool literal = !QHostAddress(exchange.url.host()).isNull();

    // The URL with the checked address for its host: Qt connects to it without resolving anything.
    QUrl target = exchange.url;
    target.setHost(address.toString());
    QNetworkRequest request(target);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // HTTP/1.1 only: HTTP/2's :authority would be the address, and Qt drops a Host header there.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setRawHeader("Host", botHttpHostHeader(exchange.url));
    // The certificate is checked against the name, not the address, and TLS sends the name as SNI
    // (Qt's TLS backends take the SNI name from the peer verify name when it is set). Qt 6.4 keeps
    // a connection for each address, port and peer verify name: one made for a name is never
    // reused for another (tried: two names on one address make two connections).
    if (!literal && exchange.url.scheme().toLower() == "https"_L1)
        request.setPeerVerifyName(exchange.url.host());

    bool hasContentType = false;
    for (const auto &[name, value] : exchange.headers) {
        if (botHttpHeaderIgnored(name) || !botHttpHeaderWellFormed(name, value))
            continue;
        hasContentType = hasContentType || botHttpSameName(name, "content-type");
        request.setRawHeader(name, value);
    }
    if (!exchange.body.isEmpty() && !hasContentType) {
        QJsonParseError parsed;
        QJsonDocument::fromJson(exchange.body, &parsed);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          parsed.error == QJsonParseError::NoError ? "application/json"_ba
                                                                   : "text/plain; charset=utf-8"_ba);
    }

    QNetworkReply *reply = nullptr;
    if (exchange.method == "GET" && exchange.body.isEmpty())
        reply = m_network.get(request);
    else if (exchange.method == "DELETE" && exchange.body.isEmpty())
        reply = m_network.deleteResource(request);
    else if (exchange.method == "POST")
        reply = m_network.post(request, exchange.body);
    else if (exchange.method == "PUT")
        reply = m_network.put(request, exchange.body);
    else
        reply = m_network.sendCustomRequest(request, exchange.method, exchange.body);
    exchange.reply = reply;
    exchange.received.clear();

    connect(reply, &QNetworkReply::metaDataChanged, this, [this, id, reply] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > m_policy.maxResponseBytes)
            finish(id, botHttpFailure(u"response too large"_s));
    });
    connect(reply, &QNetworkReply::readyRead, this, [this, id] { readSome(id); });
    connect(reply, &QNetworkReply::finished, this, [this, id] { replied(id); });
}

void BotHttpCaller::readSome(quint64 id)
{
    const auto it = m_exchanges.find(id);
    if (it == m_exchanges.end() || !it->second->reply)
        return;
    Exchange &exchange = *it->second;
    exchange.received += exchange.reply->readAll();
    if (exchange.received.size() > m_policy.maxResponseBytes)
        finish(id, botHttpFailure(u"response too large"_s));
}

void BotHttpCaller::replied(quint64 id)
{
    const auto it = m_exchanges.find(id);
    if (it == m_exchanges.end() || !it->second->reply)
        return;
    Exchange &exchange = *it->second;
    QNetworkReply *reply = exchange.reply;
    exchange.reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();
    exchange.received += reply->readAll();
    if (exchange.received.size() > m_policy.maxResponseBytes)
        return finish(id, botHttpFailure(u"response too large"_s));

    const QVariant statusCode = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QNetworkReply::NetworkError error = reply->error();
    if (!statusCode.isValid()) {
        // Nothing reached the server: the next checked address of the name may answer.
        if ((error == QNetworkReply::ConnectionRefusedError || error == QNetworkReply::UnknownNetworkError) &&
            !exchange.addresses.isEmpty())
            return connectNext(id);
        return finish(id, botHttpFailure(botHttpNetworkError(error)));
    }
    const int status = statusCode.toInt();
    // Errors below 200 are the connection's (Qt numbers HTTP statuses' errors from 201): the body is cut short.
    if (error != QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied)
        return finish(id, botHttpFailure(botHttpNetworkError(error), status));
    const QByteArray location = reply->rawHeader("Location");
    const bool followed = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    if (followed && !location.isEmpty())
        return redirect(id, status, location);

    BotHttpResult result;
    result.status = status;
    result.body = exchange.received;
    result.ok = status >= 200 && status < 300;
    if (!result.ok)
        result.error = u"HTTP %1"_s.arg(status);
    finish(id, std::move(result));
}

void BotHttpCaller::redirect(quint64 id, int status, const QByteArray &location)
{
    Exchange &exchange = *m_exchanges.at(id);
    if (++exchange.redirects > m_policy.maxRedirects)
        return finish(id, botHttpFailure(u"too many redirects"_s, status));
    const QUrl next = exchange.url.resolved(QUrl::fromEncoded(location));
    if (exchange.url.scheme().toLower() == "https"_L1 && next.scheme().toLower() == "http"_L1)
        return finish(id, botHttpFailure(u"refused: redirect from https to http"_s, status));
    // Credentials go only where the flow sent them, as browsers do.
    if (!botHttpSameOrigin(exchange.url, next)) {
        exchange.headers.removeIf([](const QPair<QByteArray, QByteArray> &h) {
            return botHttpSameName(h.first, "authorization") || botHttpSameName(h.first, "proxy-authorization") ||
                botHttpSameName(h.first, "cookie");
        });
    }
    // 303, and 301 or 302 after a POST, become a GET without a body.
    if (status == 303 || ((status == 301 || status == 302) && exchange.method == "POST")) {
        exchange.method = "GET";
        exchange.body.clear();
        exchange.headers.removeIf(
            [](const QPair<QByteArray, QByteArray> &h) { return botHttpSameName(h.first, "content-type"); });
    }
    exchange.url = next;
    exchange.addresses.clear();
    hop(id);
}

void BotHttpCaller::finish(quint64 id, BotHttpResult result)
{
    const auto it = m_exchanges.find(id);
    if (it == m_exchanges.end())
        return;
    std::unique_ptr<Exchange> exchange = std::move(it->second);
    m_exchanges.erase(it);
    if (exchange->lookupId >= 0)
        QHostInfo::abortHostLookup(exchange->lookupId);
    if (exchange->reply) {
        exchange->reply->disconnect(this);
        exchange->reply->abort();
        exchange->reply->deleteLater();
    }
    if (!result.ok)
        qCDebug(lcBotHttp) << "http_request failed:" << result.error;
    Done done = std::move(exchange->done);
    exchange.reset();
    if (done)
        done(result);   // last: it may end the caller
}

}   // namespace Conversa::Server
