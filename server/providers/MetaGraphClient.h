#pragma once

#include "ProviderResult.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkReply>
#include <QObject>
#include <QString>

#include <functional>

class QNetworkAccessManager;

namespace Conversa::Server {

// Everything needed to send one outbound message through the Meta Cloud API.
struct GraphMessage {
    QString phoneNumberId;   // the number's meta_phone_number_id
    QString accessToken;     // the number's meta_access_token, in clear
    QString to;              // the client's phone number (E.164)
    QString type;            // text | image | document | audio | video | template | interactive
    QString content;         // text body, the media caption, or an interactive message's body text
    QString templateName;
    QString templateLanguage;
    QJsonObject templateVariables;
    QJsonObject interactive;     // type interactive: the menu, as OutboundRequest::interactive
    QString replyToProviderId;   // context.message_id (the quoted wamid); empty: not a reply
    QString mediaPath;           // absolute path of the stored file
    QString mediaMimeType;
    QString mediaFilename;   // the original name (documents show it)
};

// Where an inbound media lives (docs/PROVIDERS.md, GET /{media_id}): a short-lived URL.
struct GraphMediaInfo {
    QString url;   // valid for about 5 minutes; needs the bearer token
    QString mimeType;
    QString sha256;         // base64 or hex of the SHA-256 digest, when given
    qint64 fileSize = -1;   // -1: not given (Meta sends a string, some proxies a number)
};

// The Meta Graph API client for outbound messages (docs/PROVIDERS.md):
// POST {base}/{phone_number_id}/messages, and for media first POST {base}/{phone_number_id}/media
// (multipart) then the message by media id. Errors are classified by error.code, never by HTTP status.
// Lives on one thread (it owns its QNetworkAccessManager); the callback runs on that thread.
class MetaGraphClient final : public QObject {
    Q_OBJECT
public:
    MetaGraphClient(const QString &baseUrl, int timeoutMs, QObject *parent = nullptr);

    void send(const GraphMessage &message, std::function<void(const GraphResult &)> done);

    // Inbound media, step 1: GET {base}/{media_id}?phone_number_id=… → the download URL. On
    // success the result is Sent with providerMessageId = the media id.
    void mediaInfo(const QString &mediaId, const QString &phoneNumberId, const QString &accessToken,
                   std::function<void(const GraphResult &, const GraphMediaInfo &)> done);
    // Step 2: GET url with the bearer token, following redirects (isMediaHost(); the token kept
    // for the first host only, at most kMaxMediaRedirects); at most maxBytes (larger:
    // Permanent "media_too_large", the transfer aborted). An expired URL (401/403/410) is
    // Transient: the next attempt asks for a new one; 404 is Permanent.
    void downloadMedia(
        const QString &url, const QString &accessToken, qint64 maxBytes,
        std::function<void(const GraphResult &, const QByteArray &bytes, const QByteArray &contentType)> done,
        int redirects = 0);
    // Where a media download may go: Meta's media domains over https, and the Graph API's own host.
    bool isMediaHost(const QUrl &url) const;
    static constexpr int kMaxMediaRedirects = 5;
    static GraphMediaInfo mediaInfoFrom(const QByteArray &body);
    // The health check: GET {base}/{phone_number_id}?fields=status,quality_rating. On success
    // the result is Sent and `status` is what Meta says of the number (CONNECTED, FLAGGED…).
    // The business account's message templates (Business Management API,
    // GET {base}/{waba_id}/message_templates), every page (at most `maxPages` of 100): the Graph
    // objects as sent. Later pages are asked for with the `after` cursor on our own base URL,
    // never by following a URL from the answer with the token.
    void messageTemplates(const QString &businessAccountId, const QString &accessToken, int maxPages,
                          std::function<void(const GraphResult &, const QJsonArray &)> done);
    void phoneNumberStatus(const QString &phoneNumberId, const QString &accessToken,
                           std::function<void(const GraphResult &, const QString &status)> done);

    // The JSON body of POST /messages; mediaId is the uploaded media for media types.
    static QJsonObject messageBody(const GraphMessage &message, const QString &mediaId = {});
    // A menu (OutboundRequest::interactive) as Meta's `interactive` object: reply buttons
    // (type "button") or a list with one section (type "list"); `body` is its body text.
    static QJsonObject interactiveObject(const QString &body, const QJsonObject &interactive);
    // Why Meta would refuse that menu (its type, number of options, and the lengths of the body,
    // ids, titles and list button, docs/PROVIDERS.md); empty when it may be sent.
    static QString interactiveProblem(const QString &body, const QJsonObject &interactive);
    // template_variables → components: {"1": "Carlos", "2": …} positional in number order;
    // named keys → parameters with parameter_name. Empty: no components.
    static QJsonArray templateComponents(const QJsonObject &variables);
    // Reads a Graph answer. requestMayHaveArrived: without an HTTP answer, whether the request
    // may have been received (then the outcome is Unknown rather than Transient).
    static GraphResult classify(int httpStatus, QNetworkReply::NetworkError error, const QString &errorString,
                                const QByteArray &body, bool requestMayHaveArrived);
    static bool isTransientCode(qint64 code);
    static bool isMedia(const QString &type);

private:
    QNetworkRequest request(const QString &phoneNumberId, const char *edge, const QString &token) const;
    void watch(QNetworkReply *reply);
    void postMessage(const GraphMessage &message, const QString &mediaId,
                     std::function<void(const GraphResult &)> done);

    QString m_baseUrl;
    int m_timeoutMs;
    QNetworkAccessManager *m_network;
};

}   // namespace Conversa::Server
