#include "WppConnectClient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QTimer>
#include <QUrl>

#include <optional>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcWpp, "conversa.server.providers.wppconnect")

using namespace Qt::StringLiterals;

namespace {

QString tokenKey(const WppConnection &c)
{
    return c.serverUrl + u'\n' + c.session + u'\n' + c.secretKey;
}

// Tokens of every client in the process: the outbound worker's and the API's short-lived ones.
class TokenCache {
public:
    std::optional<QString> find(const QString &key)
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_tokens.constFind(key);
        return it == m_tokens.cend() ? std::nullopt : std::optional<QString>(*it);
    }
    void insert(const QString &key, const QString &token)
    {
        QMutexLocker lock(&m_mutex);
        m_tokens.insert(key, token);
    }
    void remove(const QString &key)
    {
        QMutexLocker lock(&m_mutex);
        m_tokens.remove(key);
    }

private:
    QMutex m_mutex;
    QHash<QString, QString> m_tokens;
};

TokenCache &tokens()
{
    static TokenCache cache;
    return cache;
}

// WPPConnect's texts sit in "message" or "error" (a string or an object with a message).
QString errorText(const QJsonObject &json)
{
    QString text = json.value(u"message"_s).toString();
    const QJsonValue error = json.value(u"error"_s);
    if (text.isEmpty() && error.isString())
        text = error.toString();
    if (error.isObject()) {
        const QString inner = error.toObject().value(u"message"_s).toString();
        if (!inner.isEmpty())
            text = text.isEmpty() ? inner : text + u": "_s + inner;
    }
    return text;
}

QString serializedId(const QJsonValue &id)
{
    return id.isObject() ? id.toObject().value(u"_serialized"_s).toString() : id.toString();
}

}   // namespace

WppConnectClient::WppConnectClient(int timeoutMs, QObject *parent)
    : QObject(parent), m_timeoutMs(timeoutMs), m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);   // a POST is never replayed elsewhere
}

QString WppConnectClient::phoneDigits(const QString &phone)
{
    QString out;
    for (const QChar c : phone) {
        if (c.isDigit())
            out += c;
    }
    return out;
}

QString WppConnectClient::connectionStatus(const QString &sessionStatus)
{
    const QString s = sessionStatus.toUpper();
    if (s == "CONNECTED"_L1 || s == "INCHAT"_L1 || s == "ISLOGGED"_L1)
        return u"connected"_s;
    if (s == "QRCODE"_L1 || s == "PHONECODE"_L1 || s == "NOTLOGGED"_L1)
        return u"qr_pending"_s;
    if (s == "INITIALIZING"_L1 || s == "STARTING"_L1 || s == "OPENING"_L1)
        return u"connecting"_s;
    return u"disconnected"_s;   // CLOSED, null, anything else
}

QString WppConnectClient::statusFindConnection(const QString &statusFind)
{
    // wppconnect src/api/model/enum/status-find.ts
    if (statusFind == "isLogged"_L1 || statusFind == "inChat"_L1 || statusFind == "qrReadSuccess"_L1)
        return u"connected"_s;
    if (statusFind == "notLogged"_L1)
        return u"qr_pending"_s;
    if (statusFind == "qrReadError"_L1 || statusFind == "qrReadFail"_L1 || statusFind == "phoneNotConnected"_L1)
        return u"error"_s;
    if (statusFind == "browserClose"_L1 || statusFind == "autocloseCalled"_L1 ||
        statusFind == "disconnectedMobile"_L1 || statusFind == "serverClose"_L1)
        return u"disconnected"_s;
    return {};
}

QJsonObject WppConnectClient::messageBody(const WppMessage &m, const QByteArray &fileBytes)
{
    QJsonObject body{{u"phone"_s, phoneDigits(m.to)},
                     {u"isGroup"_s, false},
                     {u"isNewsletter"_s, false},
                     {u"isLid"_s, false}};
    if (m.type == "text"_L1) {
        body.insert(u"message"_s, m.content);
        if (!m.replyToProviderId.isEmpty())
            body.insert(u"options"_s, QJsonObject{{u"quotedMsg"_s, m.replyToProviderId}});
        return body;
    }
    // send-file: base64 must be a data URI (docs/PROVIDERS.md).
    const QString mime = m.mediaMimeType.isEmpty() ? u"application/octet-stream"_s : m.mediaMimeType;
    body.insert(u"base64"_s, QString(u"data:"_s + mime + u";base64,"_s + QString::fromLatin1(fileBytes.toBase64())));
    body.insert(u"filename"_s, m.mediaFilename.isEmpty() ? u"file"_s : m.mediaFilename);
    if (!m.content.isEmpty())
        body.insert(u"caption"_s, m.content);
    if (!m.replyToProviderId.isEmpty())
        body.insert(u"quotedMessageId"_s, m.replyToProviderId);
    return body;
}

GraphResult WppConnectClient::classifySend(int httpStatus, QNetworkReply::NetworkError error,
                                           const QString &errorString, const QByteArray &body,
                                           bool requestMayHaveArrived)
{
    if (httpStatus == 0)   // no answer: the same rules as Meta's (network vs outcome_unknown)
        return MetaGraphClient::classify(0, error, errorString, {}, requestMayHaveArrived);
    GraphResult r;
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (httpStatus >= 200 && httpStatus < 300) {
        const QJsonValue response = json.value(u"response"_s);
        const QJsonObject first = response.isArray() ? response.toArray().at(0).toObject() : response.toObject();
        r.providerMessageId = serializedId(first.value(u"id"_s));
        if (!r.providerMessageId.isEmpty()) {
            r.outcome = GraphResult::Outcome::Sent;
            return r;
        }
        r.outcome = GraphResult::Outcome::Permanent;
        r.errorCode = u"invalid_response"_s;
        r.errorMessage = u"WPPConnect answered %1 without a message id"_s.arg(httpStatus);
        return r;
    }
    r.errorMessage = errorText(json);
    if (r.errorMessage.isEmpty())
        r.errorMessage = u"WPPConnect answered HTTP %1"_s.arg(httpStatus);
    const QString status = json.value(u"status"_s).toString();
    if (httpStatus == 404 && status == "Disconnected"_L1) {
        // statusConnection: the session is not running; it may be reconnected meanwhile.
        r.outcome = GraphResult::Outcome::Transient;
        r.errorCode = u"session_disconnected"_s;
    } else if (httpStatus == 400 && status == "Connected"_L1) {
        r.outcome = GraphResult::Outcome::Permanent;
        r.errorCode = u"number_not_on_whatsapp"_s;
    } else if (httpStatus == 401) {
        r.outcome = GraphResult::Outcome::Permanent;
        r.errorCode = u"unauthorized"_s;
    } else {
        const QString code = json.value(u"error"_s).toObject().value(u"code"_s).toString();
        r.errorCode = code.isEmpty() ? u"http_%1"_s.arg(httpStatus) : code;
        // A library error code (empty_file…) is the request's fault; a bare 5xx is the server's.
        r.outcome =
            httpStatus >= 500 && code.isEmpty() ? GraphResult::Outcome::Transient : GraphResult::Outcome::Permanent;
    }
    return r;
}

QUrl WppConnectClient::url(const WppConnection &c, const QString &tail) const
{
    QString base = c.serverUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    return QUrl(base + u"/api/"_s + QString::fromLatin1(QUrl::toPercentEncoding(c.session)) + u'/' + tail);
}

void WppConnectClient::watch(QNetworkReply *reply)
{
    // A whole-request deadline (setTransferTimeout only measures silence).
    QTimer::singleShot(m_timeoutMs, reply, [reply] {
        if (reply->isRunning())
            reply->abort();
    });
}

WppConnectClient::Raw WppConnectClient::read(QNetworkReply *reply)
{
    Raw raw;
    raw.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    raw.error = reply->error();
    raw.errorString = reply->errorString();
    raw.body = reply->readAll();
    raw.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    return raw;
}

void WppConnectClient::token(const WppConnection &c, bool fresh, std::function<void(const QString &, const Raw &)> done)
{
    const QString key = tokenKey(c);
    if (!fresh) {
        if (const std::optional<QString> known = tokens().find(key)) {
            done(*known, Raw{});
            return;
        }
    }
    QNetworkRequest req(url(c, QString::fromLatin1(QUrl::toPercentEncoding(c.secretKey)) + u"/generate-token"_s));
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = m_network->post(req, QByteArray());
    watch(reply);
    connect(reply, &QNetworkReply::finished, this, [reply, key, done = std::move(done)] {
        reply->deleteLater();
        Raw raw = read(reply);
        const QJsonObject json = QJsonDocument::fromJson(raw.body).object();
        const QString token = json.value(u"token"_s).toString();
        const bool success = json.value(u"status"_s).toString().compare("success"_L1, Qt::CaseInsensitive) == 0;
        if (raw.httpStatus >= 200 && raw.httpStatus < 300 && success && !token.isEmpty()) {
            tokens().insert(key, token);
            done(token, Raw{});
            return;
        }
        tokens().remove(key);
        raw.tokenFailed = true;
        if (raw.httpStatus >= 400 && raw.httpStatus < 500)
            raw.httpStatus = 401;   // "The SECRET_KEY is incorrect" (400): not ours to retry
        qCInfo(lcWpp) << "generate-token failed:" << raw.httpStatus << raw.errorString;
        done(QString(), raw);
    });
}

void WppConnectClient::call(const WppConnection &c, const QByteArray &verb, const QString &route,
                            const QJsonObject &body, RawDone done, bool retried)
{
    token(c, retried,
          [this, c, verb, route, body, done = std::move(done), retried](const QString &token,
                                                                        const Raw &failure) mutable {
              if (token.isEmpty()) {
                  done(failure);
                  return;
              }
              QNetworkRequest req(url(c, route));
              req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
              req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
              QNetworkReply *reply = nullptr;
              if (verb == "GET") {
                  reply = m_network->get(req);
              } else {
                  // Exactly application/json: WPPConnect then adds "session" to its JSON answers.
                  req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
                  reply = m_network->post(req, QJsonDocument(body).toJson(QJsonDocument::Compact));
              }
              watch(reply);
              connect(reply, &QNetworkReply::finished, this,
                      [this, reply, c, verb, route, body, done = std::move(done), retried]() mutable {
                          reply->deleteLater();
                          const Raw raw = read(reply);
                          if (raw.httpStatus == 401 && !retried) {   // a token from before a secret change
                              call(c, verb, route, body, std::move(done), true);
                              return;
                          }
                          done(raw);
                      });
          });
}

void WppConnectClient::send(const WppConnection &c, const WppMessage &m, std::function<void(const GraphResult &)> done)
{
    QByteArray bytes;
    QString route = u"send-message"_s;
    if (m.type != "text"_L1) {
        QFile file(m.mediaPath);
        if (m.mediaPath.isEmpty() || !file.open(QIODevice::ReadOnly)) {
            done(GraphResult{GraphResult::Outcome::Permanent,
                             {},
                             u"media_missing"_s,
                             u"The attached file is no longer stored on the server"_s});
            return;
        }
        bytes = file.readAll();
        route = m.type == "image"_L1 ? u"send-image"_s : u"send-file-base64"_s;
    }
    call(c, "POST", route, messageBody(m, bytes), [done = std::move(done)](const Raw &raw) {
        // Only a request that got as far as the send route may have reached the client.
        done(classifySend(raw.httpStatus, raw.error, raw.errorString, raw.body, !raw.tokenFailed));
    });
}

WppReply WppConnectClient::sessionReply(const Raw &raw)
{
    WppReply r;
    r.httpStatus = raw.httpStatus;
    if (raw.contentType.startsWith("image/")) {
        r.ok = raw.httpStatus >= 200 && raw.httpStatus < 300;
        r.status = u"QRCODE"_s;
        r.qrDataUrl = u"data:"_s + QString::fromLatin1(raw.contentType.split(';').first().trimmed()) + u";base64,"_s +
            QString::fromLatin1(raw.body.toBase64());
        return r;
    }
    r.json = QJsonDocument::fromJson(raw.body).object();
    const QJsonValue status = r.json.value(u"status"_s);
    r.status = status.isBool() ? (status.toBool() ? u"CLOSED"_s : QString()) : status.toString();
    const QString qr = r.json.value(u"qrcode"_s).toString();
    if (!qr.isEmpty())
        r.qrDataUrl = qr.startsWith("data:"_L1) ? qr : u"data:image/png;base64,"_s + qr;
    if (raw.httpStatus >= 200 && raw.httpStatus < 300) {
        r.ok = true;
        return r;
    }
    if (raw.httpStatus == 0) {
        r.errorCode = u"network"_s;
        r.errorMessage = raw.errorString;
    } else {
        r.errorCode = raw.httpStatus == 401 ? u"unauthorized"_s : u"http_%1"_s.arg(raw.httpStatus);
        r.errorMessage = errorText(r.json);
        if (r.errorMessage.isEmpty())
            r.errorMessage = u"WPPConnect answered HTTP %1"_s.arg(raw.httpStatus);
    }
    return r;
}

void WppConnectClient::sessionCall(const WppConnection &c, const QByteArray &verb, const QString &route,
                                   const QJsonObject &body, std::function<void(const WppReply &)> done)
{
    call(c, verb, route, body, [done = std::move(done)](const Raw &raw) { done(sessionReply(raw)); });
}

void WppConnectClient::startSession(const WppConnection &c, const QString &webhookUrl,
                                    std::function<void(const WppReply &)> done)
{
    sessionCall(c, "POST", u"start-session"_s, QJsonObject{{u"webhook"_s, webhookUrl}, {u"waitQrCode"_s, false}},
                std::move(done));
}

void WppConnectClient::statusSession(const WppConnection &c, std::function<void(const WppReply &)> done)
{
    sessionCall(c, "GET", u"status-session"_s, {}, std::move(done));
}

void WppConnectClient::qrcodeSession(const WppConnection &c, std::function<void(const WppReply &)> done)
{
    sessionCall(c, "GET", u"qrcode-session"_s, {}, std::move(done));
}

void WppConnectClient::closeSession(const WppConnection &c, std::function<void(const WppReply &)> done)
{
    sessionCall(c, "POST", u"close-session"_s, {}, std::move(done));
}

}   // namespace Conversa::Server
