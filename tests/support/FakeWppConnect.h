#pragma once

#include "FakeHttpServer.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QQueue>
#include <QSet>
#include <QString>

// A stand-in for a WPPConnect Server (docs/PROVIDERS.md) on 127.0.0.1, port 0, answering as
// its source does: POST /api/{session}/{secretkey}/generate-token → 201 {status,session,token,full}
// (400 for a wrong secret); every other route wants "Authorization: Bearer <token>" of that
// session (401 otherwise); start-session (records the webhook, answers {"status":"CLOSED"} at
// once and then shows a QR), status-session, qrcode-session (image/png while a QR shows),
// close-session, send-message (201 with the Message), send-image / send-file-base64 (201 with
// [{ack,id}]; a base64 that is not a data URI fails 500 empty_file). Sends on a session that is
// not CONNECTED answer 404 "Disconnected". It records every request and can be scripted.
class FakeWppConnect final : public FakeHttpServer {
    Q_OBJECT
public:
    // method, path (/api/<session>/<route>), authorization, contentType, body, json, and:
    struct Request : HttpRequest {
        QString session;
        QString route;   // generate-token, start-session, send-message…
        int status = 0;
        QString answeredId;
    };

    explicit FakeWppConnect(QObject *parent = nullptr);

    QString baseUrl() const;   // http://127.0.0.1:<port>
    void setSecretKey(const QString &key) { m_secretKey = key; }
    QString secretKey() const { return m_secretKey; }

    // CLOSED, INITIALIZING, QRCODE, CONNECTED.
    void setSessionState(const QString &session, const QString &state) { m_states.insert(session, state); }
    QString sessionState(const QString &session) const { return m_states.value(session); }
    QString webhookOf(const QString &session) const { return m_webhooks.value(session); }
    QSet<QString> issuedTokens(const QString &session) const { return m_tokens.value(session); }
    // Forget issued tokens (as after a SECRET_KEY change).
    void revokeTokens() { m_tokens.clear(); }
    // The next `times` requests to `route` are answered with this status and body.
    void failNext(const QString &route, int status, const QByteArray &body, int times = 1);

    QList<Request> requests() const { return m_requests; }
    QList<Request> requests(const QString &route) const;
    void clear()
    {
        m_requests.clear();
        m_scripted.clear();
    }

    static QByteArray qrPng();                       // the PNG qrcode-session answers
    static QByteArray sample(const QString &name);   // tests/data/wppconnect/<name>

private:
    void handle(QTcpSocket *socket, HttpRequest request) override;

    QString m_secretKey = QStringLiteral("THISISMYSECURETOKEN");
    QList<Request> m_requests;
    QHash<QString, QQueue<QPair<int, QByteArray>>> m_scripted;
    QHash<QString, QString> m_states;         // session → state
    QHash<QString, QString> m_webhooks;       // session → webhook URL
    QHash<QString, QSet<QString>> m_tokens;   // session → tokens
    int m_seq = 0;
    // The listening socket and its connections live in FakeHttpServer, whose destructor stops
    // them from reaching handle() once the state above is gone.
};
