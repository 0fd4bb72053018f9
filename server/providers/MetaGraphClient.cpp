#include "MetaGraphClient.h"

#include <QFile>
#include <algorithm>
#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <memory>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcGraph, "conversa.server.providers.meta")

using namespace Qt::StringLiterals;

namespace {

// Errors where the request never left this host: repeating it cannot send twice.
bool neverArrived(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::UnknownProxyError: return true;
    default: return false;
    }
}

QString parameterText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d);
    }
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    if (v.isNull() || v.isUndefined())
        return QString();
    return QString::fromUtf8(QJsonDocument(v.isObject() ? QJsonDocument(v.toObject()) : QJsonDocument(v.toArray()))
                                 .toJson(QJsonDocument::Compact));
}

// Characters as Meta counts them (code points: an emoji is one).
qsizetype characters(const QString &s)
{
    return s.toUcs4().size();
}

}   // namespace

MetaGraphClient::MetaGraphClient(const QString &baseUrl, int timeoutMs, QObject *parent)
    : QObject(parent), m_baseUrl(baseUrl), m_timeoutMs(timeoutMs), m_network(new QNetworkAccessManager(this))
{
    while (m_baseUrl.endsWith(u'/'))
        m_baseUrl.chop(1);
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);   // a POST is never replayed elsewhere
}

bool MetaGraphClient::isMedia(const QString &type)
{
    return type == "image"_L1 || type == "document"_L1 || type == "audio"_L1 || type == "video"_L1;
}

bool MetaGraphClient::isTransientCode(qint64 code)
{
    // 130429 throughput reached, 131056 pair rate limit, 131000 "something went wrong": retry later.
    return code == 130429 || code == 131056 || code == 131000;
}

QJsonArray MetaGraphClient::templateComponents(const QJsonObject &variables)
{
    if (variables.isEmpty())
        return {};
    const QStringList keys = variables.keys();
    const bool positional = std::all_of(keys.begin(), keys.end(), [](const QString &k) {
        bool ok = false;
        return k.toInt(&ok) > 0 && ok;
    });
    QJsonArray parameters;
    if (positional) {
        QStringList ordered = keys;
        std::sort(ordered.begin(), ordered.end(),
                  [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
        for (const QString &k : std::as_const(ordered))
            parameters.append(QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, parameterText(variables.value(k))}});
    } else {
        for (const QString &k : keys) {
            parameters.append(QJsonObject{{u"type"_s, u"text"_s},
                                          {u"parameter_name"_s, k},
                                          {u"text"_s, parameterText(variables.value(k))}});
        }
    }
    return QJsonArray{QJsonObject{{u"type"_s, u"body"_s}, {u"parameters"_s, parameters}}};
}

QJsonObject MetaGraphClient::interactiveObject(const QString &body, const QJsonObject &interactive)
{
    const QString kind = interactive.value(u"type"_s).toString();
    const QJsonArray options = interactive.value(u"options"_s).toArray();
    QJsonObject action;
    if (kind == "button"_L1) {
        QJsonArray buttons;
        for (const QJsonValue &v : options) {
            const QJsonObject o = v.toObject();
            buttons.append(QJsonObject{{u"type"_s, u"reply"_s},
                                       {u"reply"_s,
                                        QJsonObject{{u"id"_s, o.value(u"id"_s).toString()},
                                                    {u"title"_s, o.value(u"title"_s).toString()}}}});
        }
        action.insert(u"buttons"_s, buttons);
    } else {
        QJsonArray rows;
        for (const QJsonValue &v : options) {
            const QJsonObject o = v.toObject();
            rows.append(
                QJsonObject{{u"id"_s, o.value(u"id"_s).toString()}, {u"title"_s, o.value(u"title"_s).toString()}});
        }
        action.insert(u"button"_s, interactive.value(u"button"_s).toString());
        action.insert(u"sections"_s, QJsonArray{QJsonObject{{u"rows"_s, rows}}});
    }
    return {{u"type"_s, kind}, {u"body"_s, QJsonObject{{u"text"_s, body}}}, {u"action"_s, action}};
}

QString MetaGraphClient::interactiveProblem(const QString &body, const QJsonObject &interactive)
{
    // Meta's limits: reply buttons up to 3 (id 256, title 20 characters), list rows up to 10
    // (id 200, title 24), the list's button 20, the body 1024.
    const QString kind = interactive.value(u"type"_s).toString();
    const bool buttons = kind == "button"_L1;
    if (!buttons && kind != "list"_L1)
        return u"The menu's interactive type \"%1\" is neither button nor list"_s.arg(kind);
    if (body.trimmed().isEmpty())
        return u"The menu has no body text"_s;
    if (characters(body) > 1024)
        return u"The menu's body text has %1 characters; WhatsApp allows 1024"_s.arg(characters(body));
    const QJsonArray options = interactive.value(u"options"_s).toArray();
    const qsizetype maxOptions = buttons ? 3 : 10;
    if (options.isEmpty() || options.size() > maxOptions)
        return u"The menu has %1 options; WhatsApp %2 take 1 to %3"_s.arg(options.size())
            .arg(buttons ? u"reply buttons"_s : u"lists"_s)
            .arg(maxOptions);
    const qsizetype maxId = buttons ? 256 : 200;
    const qsizetype maxTitle = buttons ? 20 : 24;
    const QString what = buttons ? u"reply button"_s : u"list row"_s;
    QSet<QString> ids;
    QSet<QString> titles;
    for (qsizetype i = 0; i < options.size(); ++i) {
        const QJsonObject o = options.at(i).toObject();
        const QString id = o.value(u"id"_s).toString();
        const QString title = o.value(u"title"_s).toString();
        if (id.isEmpty() || characters(id) > maxId)
            return u"The %1 %2 has an id of %3 characters; WhatsApp takes 1 to %4"_s.arg(what)
                .arg(i + 1)
                .arg(characters(id))
                .arg(maxId);
        if (title.trimmed().isEmpty() || characters(title) > maxTitle)
            return u"The %1 %2 has a title of %3 characters (\"%4\"); WhatsApp takes 1 to %5"_s.arg(what)
                .arg(i + 1)
                .arg(characters(title))
                .arg(title)
                .arg(maxTitle);
        if (ids.contains(id))
            return u"Two options of the menu have the id \"%1\""_s.arg(id);
        if (buttons && titles.contains(title))
            return u"Two reply buttons of the menu have the title \"%1\""_s.arg(title);
        ids.insert(id);
        titles.insert(title);
    }
    if (!buttons) {
        const QString button = interactive.value(u"button"_s).toString();
        if (button.trimmed().isEmpty() || characters(button) > 20)
            return u"The list's button text has %1 characters (\"%2\"); WhatsApp takes 1 to 20"_s
                .arg(characters(button))
                .arg(button);
    }
    return {};
}

QJsonObject MetaGraphClient::messageBody(const GraphMessage &m, const QString &mediaId)
{
    QJsonObject body{{u"messaging_product"_s, u"whatsapp"_s},
                     {u"recipient_type"_s, u"individual"_s},
                     {u"to"_s, m.to},
                     {u"type"_s, m.type}};
    if (!m.replyToProviderId.isEmpty())
        body.insert(u"context"_s, QJsonObject{{u"message_id"_s, m.replyToProviderId}});
    if (m.type == "text"_L1) {
        body.insert(u"text"_s, QJsonObject{{u"body"_s, m.content}});
    } else if (m.type == "template"_L1) {
        QJsonObject t{{u"name"_s, m.templateName}, {u"language"_s, QJsonObject{{u"code"_s, m.templateLanguage}}}};
        const QJsonArray components = templateComponents(m.templateVariables);
        if (!components.isEmpty())
            t.insert(u"components"_s, components);
        body.insert(u"template"_s, t);
    } else if (m.type == "interactive"_L1) {
        body.insert(u"interactive"_s, interactiveObject(m.content, m.interactive));
    } else if (isMedia(m.type)) {
        QJsonObject media{{u"id"_s, mediaId}};
        if (!m.content.isEmpty() && m.type != "audio"_L1)
            media.insert(u"caption"_s, m.content);
        if (m.type == "document"_L1 && !m.mediaFilename.isEmpty())
            media.insert(u"filename"_s, m.mediaFilename);
        body.insert(m.type, media);
    }
    return body;
}

GraphResult MetaGraphClient::classify(int httpStatus, QNetworkReply::NetworkError error, const QString &errorString,
                                      const QByteArray &body, bool requestMayHaveArrived)
{
    GraphResult r;
    if (httpStatus == 0) {
        if (!requestMayHaveArrived || neverArrived(error)) {
            r.outcome = GraphResult::Outcome::Transient;
            r.errorCode = u"network"_s;
            r.errorMessage = errorString;
        } else {
            r.outcome = GraphResult::Outcome::Unknown;
            r.errorCode = u"outcome_unknown"_s;
            r.errorMessage =
                u"No answer from WhatsApp (%1); the message may have been sent. Retry to send it again."_s.arg(
                    errorString);
        }
        return r;
    }
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (httpStatus >= 200 && httpStatus < 300) {
        const QString wamid = json.value(u"messages"_s).toArray().at(0).toObject().value(u"id"_s).toString();
        const QString mediaId = json.value(u"id"_s).toString();
        r.providerMessageId = wamid.isEmpty() ? mediaId : wamid;
        if (!r.providerMessageId.isEmpty()) {
            r.outcome = GraphResult::Outcome::Sent;
            return r;
        }
        r.outcome = GraphResult::Outcome::Permanent;
        r.errorCode = u"invalid_response"_s;
        r.errorMessage = u"WhatsApp answered %1 without a message id"_s.arg(httpStatus);
        return r;
    }
    const QJsonObject err = json.value(u"error"_s).toObject();
    const QJsonValue code = err.value(u"code"_s);
    if (code.isDouble() || (code.isString() && !code.toString().isEmpty())) {
        const qint64 n = code.isDouble() ? qint64(code.toDouble()) : code.toString().toLongLong();
        r.errorCode = code.isDouble() ? QString::number(n) : code.toString();
        r.errorMessage = err.value(u"message"_s).toString();
        const QString details = err.value(u"error_data"_s).toObject().value(u"details"_s).toString();
        if (!details.isEmpty() && details != r.errorMessage)
            r.errorMessage = r.errorMessage.isEmpty() ? details : r.errorMessage + u": "_s + details;
        if (r.errorMessage.isEmpty())
            r.errorMessage = err.value(u"error_user_msg"_s).toString();
        r.outcome = isTransientCode(n) ? GraphResult::Outcome::Transient : GraphResult::Outcome::Permanent;
        return r;
    }
    r.errorCode = u"http_%1"_s.arg(httpStatus);
    r.errorMessage = u"WhatsApp answered HTTP %1"_s.arg(httpStatus);
    r.outcome = httpStatus >= 500 ? GraphResult::Outcome::Transient : GraphResult::Outcome::Permanent;
    return r;
}

QNetworkRequest MetaGraphClient::request(const QString &phoneNumberId, const char *edge, const QString &token) const
{
    QNetworkRequest req(QUrl(m_baseUrl + u'/' + QString::fromUtf8(QUrl::toPercentEncoding(phoneNumberId)) + u'/' +
                             QLatin1StringView(edge)));
    req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    return req;
}

void MetaGraphClient::watch(QNetworkReply *reply)
{
    // A whole-request deadline (setTransferTimeout only measures silence).
    QTimer::singleShot(m_timeoutMs, reply, [reply] {
        if (reply->isRunning())
            reply->abort();
    });
}

void MetaGraphClient::send(const GraphMessage &message, std::function<void(const GraphResult &)> done)
{
    if (!isMedia(message.type)) {
        postMessage(message, {}, std::move(done));
        return;
    }
    auto file = std::make_unique<QFile>(message.mediaPath);
    if (!file->open(QIODevice::ReadOnly)) {
        done(GraphResult{GraphResult::Outcome::Permanent,
                         {},
                         u"media_missing"_s,
                         u"The attached file is no longer stored on the server"_s});
        return;
    }
    auto *multi = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart product;
    product.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArray("form-data; name=\"messaging_product\""));
    product.setBody("whatsapp");
    multi->append(product);
    QHttpPart type;
    type.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArray("form-data; name=\"type\""));
    type.setBody(message.mediaMimeType.toUtf8());
    multi->append(type);
    QHttpPart filePart;
    QString name = message.mediaFilename.isEmpty() ? u"file"_s : message.mediaFilename;
    name.replace(u'"', u'_').replace(u'\r', u'_').replace(u'\n', u'_');
    filePart.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QByteArray("form-data; name=\"file\"; filename=\"" + name.toUtf8() + '"'));
    filePart.setHeader(QNetworkRequest::ContentTypeHeader, message.mediaMimeType.toUtf8());
    filePart.setBodyDevice(file.get());
    file.release()->setParent(multi);
    multi->append(filePart);

    QNetworkReply *reply = m_network->post(request(message.phoneNumberId, "media", message.accessToken), multi);
    multi->setParent(reply);
    watch(reply);
    connect(reply, &QNetworkReply::finished, this, [this, reply, message, done = std::move(done)]() mutable {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        // An upload sends nothing to the client: whatever happened, it may be repeated.
        GraphResult r = classify(status, reply->error(), reply->errorString(), reply->readAll(), false);
        if (r.outcome != GraphResult::Outcome::Sent) {
            qCInfo(lcGraph) << "media upload failed:" << r.errorCode << r.errorMessage;
            done(r);
            return;
        }
        postMessage(message, r.providerMessageId, std::move(done));
    });
}

void MetaGraphClient::postMessage(const GraphMessage &message, const QString &mediaId,
                                  std::function<void(const GraphResult &)> done)
{
    QNetworkRequest req = request(message.phoneNumberId, "messages", message.accessToken);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply =
        m_network->post(req, QJsonDocument(messageBody(message, mediaId)).toJson(QJsonDocument::Compact));
    watch(reply);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        done(classify(status, reply->error(), reply->errorString(), reply->readAll(), true));
    });
}

GraphMediaInfo MetaGraphClient::mediaInfoFrom(const QByteArray &body)
{
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    GraphMediaInfo info;
    info.url = json.value(u"url"_s).toString();
    info.mimeType = json.value(u"mime_type"_s).toString();
    info.sha256 = json.value(u"sha256"_s).toString();
    const QJsonValue size = json.value(u"file_size"_s);
    if (size.isDouble()) {
        info.fileSize = qint64(size.toDouble());
    } else if (size.isString()) {
        bool ok = false;
        const qint64 n = size.toString().toLongLong(&ok);
        info.fileSize = ok ? n : -1;
    }
    return info;
}

void MetaGraphClient::phoneNumberStatus(const QString &phoneNumberId, const QString &accessToken,
                                        std::function<void(const GraphResult &, const QString &)> done)
{
    QUrl url(m_baseUrl + u'/' + QString::fromUtf8(QUrl::toPercentEncoding(phoneNumberId)));
    url.setQuery(u"fields=status,quality_rating"_s);
    QNetworkRequest req(url);
    req.setRawHeader("Authorization", "Bearer " + accessToken.toUtf8());
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    QNetworkReply *reply = m_network->get(req);
    watch(reply);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        const GraphResult r = classify(status, reply->error(), reply->errorString(), body, false);
        done(r,
             r.outcome == GraphResult::Outcome::Sent
                 ? QJsonDocument::fromJson(body).object().value(u"status"_s).toString()
                 : QString());
    });
}

void MetaGraphClient::messageTemplates(const QString &businessAccountId, const QString &accessToken, int maxPages,
                                       std::function<void(const GraphResult &, const QJsonArray &)> done)
{
    struct Walk {
        QString account, token, after;
        int pagesLeft = 0;
        QJsonArray templates;
        std::function<void(const GraphResult &, const QJsonArray &)> done;
    };
    auto walk = std::make_shared<Walk>(Walk{businessAccountId, accessToken, {}, maxPages, {}, std::move(done)});
    auto next = std::make_shared<std::function<void()>>();
    *next = [this, walk, next] {
        QUrl url(m_baseUrl + u'/' + QString::fromUtf8(QUrl::toPercentEncoding(walk->account)) +
                 u"/message_templates"_s);
        QUrlQuery query;
        query.addQueryItem(u"fields"_s, u"name,language,status,category,components"_s);
        query.addQueryItem(u"limit"_s, u"100"_s);
        if (!walk->after.isEmpty())
            query.addQueryItem(u"after"_s, walk->after);
        url.setQuery(query);
        QNetworkRequest req(url);
        req.setRawHeader("Authorization", "Bearer " + walk->token.toUtf8());
        req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        QNetworkReply *reply = m_network->get(req);
        watch(reply);
        connect(reply, &QNetworkReply::finished, this, [reply, walk, next] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray body = reply->readAll();
            const QJsonObject page = QJsonDocument::fromJson(body).object();
            if (status / 100 != 2 || !page.value(u"data"_s).isArray()) {
                GraphResult r = classify(status, reply->error(), reply->errorString(), body, false);
                if (r.outcome == GraphResult::Outcome::Sent)   // a 2xx that is not a page
                    r = {GraphResult::Outcome::Permanent, {}, u"invalid_response"_s, u"Not a template page"_s};
                walk->done(r, {});
                *next = nullptr;   // ends the self-reference
                return;
            }
            for (const QJsonValue &t : page.value(u"data"_s).toArray())
                walk->templates.append(t);
            const QJsonObject paging = page.value(u"paging"_s).toObject();
            walk->after = paging.value(u"cursors"_s).toObject().value(u"after"_s).toString();
            if (--walk->pagesLeft > 0 && paging.contains(u"next"_s) && !walk->after.isEmpty()) {
                (*next)();
                return;
            }
            walk->done(GraphResult{GraphResult::Outcome::Sent, {}, {}, {}}, walk->templates);
            *next = nullptr;
        });
    };
    (*next)();
}

void MetaGraphClient::mediaInfo(const QString &mediaId, const QString &phoneNumberId, const QString &accessToken,
                                std::function<void(const GraphResult &, const GraphMediaInfo &)> done)
{
    QUrl url(m_baseUrl + u'/' + QString::fromUtf8(QUrl::toPercentEncoding(mediaId)));
    if (!phoneNumberId.isEmpty())
        url.setQuery(u"phone_number_id="_s + QString::fromUtf8(QUrl::toPercentEncoding(phoneNumberId)));
    QNetworkRequest req(url);
    req.setRawHeader("Authorization", "Bearer " + accessToken.toUtf8());
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    QNetworkReply *reply = m_network->get(req);
    watch(reply);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        // A GET changes nothing at Meta: whatever happened, it may be repeated.
        GraphResult r = classify(status, reply->error(), reply->errorString(), body, false);
        GraphMediaInfo info;
        if (r.outcome == GraphResult::Outcome::Sent) {
            info = mediaInfoFrom(body);
            if (info.url.isEmpty()) {
                r.outcome = GraphResult::Outcome::Transient;
                r.errorCode = u"invalid_response"_s;
                r.errorMessage = u"WhatsApp answered without a media URL"_s;
            }
        }
        done(r, info);
    });
}

bool MetaGraphClient::isMediaHost(const QUrl &url) const
{
    const QString host = url.host().toLower();
    if (host == QUrl(m_baseUrl).host().toLower())   // the Graph API's own host (a test's stand-in too)
        return url.scheme() == QUrl(m_baseUrl).scheme() || url.scheme() == u"https"_s;
    if (url.scheme() != u"https"_s)
        return false;
    static const QStringList kMetaDomains{u"fbsbx.com"_s, u"facebook.com"_s, u"fbcdn.net"_s, u"whatsapp.net"_s};
    return std::any_of(kMetaDomains.begin(), kMetaDomains.end(),
                       [&](const QString &domain) { return host == domain || host.endsWith(u'.' + domain); });
}

void MetaGraphClient::downloadMedia(
    const QString &url, const QString &accessToken, qint64 maxBytes,
    std::function<void(const GraphResult &, const QByteArray &, const QByteArray &)> done, int redirects)
{
    // Redirects are followed here, not by Qt: only to Meta's media hosts, and the token only to
    // the host it was first sent to (a signed CDN URL needs none).
    const QUrl target(url);
    if (!isMediaHost(target)) {
        done(GraphResult{GraphResult::Outcome::Permanent, {}, u"media_host_refused"_s,
                         u"The media URL points outside Meta's media hosts: %1"_s.arg(target.host())},
             {}, {});
        return;
    }
    QNetworkRequest req{target};
    if (!accessToken.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + accessToken.toUtf8());
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network->get(req);
    watch(reply);
    auto tooLarge = std::make_shared<bool>(false);
    connect(reply, &QNetworkReply::metaDataChanged, reply, [reply, maxBytes, tooLarge] {
        const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 200 && status < 300 && length > maxBytes) {
            *tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply, maxBytes, tooLarge](qint64 received, qint64) {
        if (received > maxBytes && !*tooLarge) {
            *tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, accessToken, maxBytes, redirects, tooLarge, done = std::move(done)]() mutable {
        reply->deleteLater();
        if (*tooLarge) {
            done(GraphResult{GraphResult::Outcome::Permanent,
                             {},
                             u"media_too_large"_s,
                             u"The media is larger than %1 bytes"_s.arg(maxBytes)},
                 {}, {});
            return;
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray location = reply->rawHeader("Location");
        if ((status == 301 || status == 302 || status == 303 || status == 307 || status == 308) && !location.isEmpty()) {
            if (redirects >= kMaxMediaRedirects) {
                done(GraphResult{GraphResult::Outcome::Permanent, {}, u"too_many_redirects"_s,
                                 u"The media download was redirected too often"_s},
                     {}, {});
                return;
            }
            const QUrl next = reply->url().resolved(QUrl::fromEncoded(location));
            const bool sameHost = next.host().compare(reply->url().host(), Qt::CaseInsensitive) == 0;
            downloadMedia(next.toString(), sameHost ? accessToken : QString(), maxBytes, std::move(done), redirects + 1);
            return;
        }
        const QByteArray body = reply->readAll();
        if (status >= 200 && status < 300 && reply->error() == QNetworkReply::NoError) {
            done(GraphResult{GraphResult::Outcome::Sent, {}, {}, {}}, body,
                 reply->header(QNetworkRequest::ContentTypeHeader).toByteArray());
            return;
        }
        GraphResult r = classify(status, reply->error(), reply->errorString(), body, false);
        if (status == 401 || status == 403 || status == 410 || status == 408 || status == 429)
            r.outcome = GraphResult::Outcome::Transient;   // an expired URL: ask for a new one
        done(r, {}, {});
    });
}

}   // namespace Conversa::Server
