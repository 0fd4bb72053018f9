#include "ApiClient.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Conversa {

using namespace Qt::StringLiterals;

QByteArray ApiResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray ApiResponse::errorCode() const
{
    return object().value(u"error"_s).toObject().value(u"code"_s).toString().toLatin1();
}

QStringList ApiResponse::errorFields() const
{
    QStringList fields;
    const QJsonArray details = object().value(u"error"_s).toObject().value(u"details"_s).toArray();
    for (const QJsonValue &d : details)
        fields.append(d.toObject().value(u"field"_s).toString());
    return fields;
}

ApiClient::ApiClient(QNetworkAccessManager *network, QObject *parent) : QObject(parent), m_network(network) {}

QNetworkReply *ApiClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                               const QByteArray &contentType, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QUrl url = m_baseUrl;
    const qsizetype q = path.indexOf(u'?');
    url.setPath(url.path() + (q < 0 ? path : path.left(q)));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!m_accessToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_accessToken);
    request.setRawHeader("Accept-Language", m_language);
    if (!body.isEmpty() && !contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return m_network->sendCustomRequest(request, method, body);
}

QNetworkReply *ApiClient::sendJson(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    return send(method, path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

ApiResponse ApiClient::read(QNetworkReply *reply)
{
    ApiResponse r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.networkError = int(reply->error());
    r.body = reply->readAll();
    r.headers = reply->rawHeaderPairs();
    return r;
}

} // namespace Conversa
