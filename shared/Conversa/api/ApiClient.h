#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace Conversa {

// A finished HTTP exchange with the Conversa API.
struct ApiResponse {
    int status = 0;                 // 0 when the request never got an HTTP answer
    int networkError = 0;           // QNetworkReply::NetworkError
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    QByteArray header(const QByteArray &name) const;
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    QJsonValue value(const QString &key) const { return object().value(key); }
    QByteArray errorCode() const;   // "VALIDATION_ERROR", … or empty
    QStringList errorFields() const;
};

// Low-level REST client: base URL, bearer token, language; JSON in and out. Typed calls for the
// desktop app are built on send().
class ApiClient : public QObject {
    Q_OBJECT
public:
    explicit ApiClient(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    QUrl baseUrl() const { return m_baseUrl; }
    void setAccessToken(const QByteArray &token) { m_accessToken = token; }
    QByteArray accessToken() const { return m_accessToken; }
    void setLanguage(const QByteArray &language) { m_language = language; }

    // path is "/v1/…" and may carry a query string.
    QNetworkReply *send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                        const QByteArray &contentType = "application/json",
                        const QList<QPair<QByteArray, QByteArray>> &headers = {});
    QNetworkReply *sendJson(const QByteArray &method, const QString &path, const QJsonObject &body);

    static ApiResponse read(QNetworkReply *reply);

private:
    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QByteArray m_accessToken;
    QByteArray m_language = "es";
};

} // namespace Conversa
