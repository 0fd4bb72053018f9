#pragma once

#include "MetaGraphClient.h"   // GraphResult: how a send ended, whatever the provider

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QNetworkReply>
#include <QObject>
#include <QString>

#include <functional>

class QNetworkAccessManager;

namespace Conversa::Server {

// Where one number's WPPConnect session lives (wppconnect_server_url, wppconnect_session_name,
// and its wppconnect_api_key, the server's SECRET_KEY, in clear).
struct WppConnection {
    QString serverUrl;
    QString session;
    QString secretKey;
};

// One outbound message for WPPConnect: text through send-message, media as a data URI through
// send-image (images) or send-file-base64 (everything else).
struct WppMessage {
    QString to;                  // E.164 or digits; WPPConnect keeps the digits
    QString type;                // text | image | document | audio | video
    QString content;             // text, or the caption
    QString replyToProviderId;   // options.quotedMsg; empty: not a reply
    QString mediaPath;           // absolute path of the stored file
    QString mediaMimeType;
    QString mediaFilename;
};

// A WPPConnect answer to a session request (start, status, QR, close).
struct WppReply {
    bool ok = false;
    int httpStatus = 0;   // 0: no answer
    QString status;       // the session status WPPConnect named (CONNECTED, QRCODE, CLOSED…)
    QString qrDataUrl;    // a QR as a PNG data URL, when the answer had one
    QString errorCode;    // network, unauthorized, http_<n>, invalid_response
    QString errorMessage;
    QJsonObject json;
};

// The WPPConnect Server REST client (docs/PROVIDERS.md). Every call first obtains the session's
// bearer token (POST /api/{session}/{secretkey}/generate-token; tokens never expire, so one is
// kept per server and session, shared by every client in the process, and asked again only
// after a 401). Sends are classified like
// Meta's: network errors before the request left and 5xx are transient, a request that may have
// arrived without an answer is unknown (never repeated on its own), the rest permanent.
// Lives on one thread (it owns its QNetworkAccessManager); callbacks run on that thread.
class WppConnectClient final : public QObject {
    Q_OBJECT
public:
    explicit WppConnectClient(int timeoutMs, QObject *parent = nullptr);

    // How long a QR stays scannable: WhatsApp Web shows a new one about every 20 s (the first
    // lasts longer); past this the qrcode webhook has sent a newer one or the session gave up.
    static constexpr qint64 kQrLifetimeSeconds = 60;

    void send(const WppConnection &c, const WppMessage &message, std::function<void(const GraphResult &)> done);
    // POST start-session with our webhook URL (waitQrCode false: the QR arrives by webhook).
    void startSession(const WppConnection &c, const QString &webhookUrl, std::function<void(const WppReply &)> done);
    void statusSession(const WppConnection &c, std::function<void(const WppReply &)> done);
    // GET qrcode-session: a PNG when the session shows a QR, else JSON with the status.
    void qrcodeSession(const WppConnection &c, std::function<void(const WppReply &)> done);
    void closeSession(const WppConnection &c, std::function<void(const WppReply &)> done);

    // The body of send-message / send-image / send-file-base64 (base64: the file's bytes).
    static QJsonObject messageBody(const WppMessage &message, const QByteArray &fileBytes = {});
    static QString phoneDigits(const QString &phone);
    // Reads a send answer: 201 {"status":"success","response":[{"id":…}]} (id a string, or an
    // object with _serialized).
    static GraphResult classifySend(int httpStatus, QNetworkReply::NetworkError error, const QString &errorString,
                                    const QByteArray &body, bool requestMayHaveArrived);
    // WPPConnect's session status (status-session, start-session) as a connection_status.
    static QString connectionStatus(const QString &sessionStatus);
    // A status-find webhook value as a connection_status; empty when it changes nothing.
    static QString statusFindConnection(const QString &statusFind);

private:
    struct Raw {
        int httpStatus = 0;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QString errorString;
        QByteArray body;
        QByteArray contentType;
        bool tokenFailed = false;   // generate-token failed: the request itself never left
    };
    using RawDone = std::function<void(const Raw &)>;

    void token(const WppConnection &c, bool fresh, std::function<void(const QString &token, const Raw &failure)> done);
    // An authenticated call; after a 401 the token is asked again once.
    void call(const WppConnection &c, const QByteArray &verb, const QString &route, const QJsonObject &body,
              RawDone done, bool retried = false);
    void sessionCall(const WppConnection &c, const QByteArray &verb, const QString &route, const QJsonObject &body,
                     std::function<void(const WppReply &)> done);
    QUrl url(const WppConnection &c, const QString &tail) const;
    void watch(QNetworkReply *reply);
    static Raw read(QNetworkReply *reply);
    static WppReply sessionReply(const Raw &raw);

    int m_timeoutMs;
    QNetworkAccessManager *m_network;
};

}   // namespace Conversa::Server
