#pragma once

#include "FakeHttpServer.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QQueue>
#include <QString>

// A stand-in for the Meta Graph API (docs/PROVIDERS.md) on 127.0.0.1, port 0, answering
// as Meta documents: POST /v21.0/{phone_number_id}/messages →
// {"messaging_product":"whatsapp","contacts":[{"input","wa_id"}],"messages":[{"id":"wamid.…"}]},
// POST /v21.0/{phone_number_id}/media (multipart) → {"id":"…"}; for inbound media
// GET /v21.0/{media_id}?phone_number_id=… → {"messaging_product","url","mime_type","sha256",
// "file_size","id"} with a URL on this server (/lookaside/{media_id}, which redirects to
// /attachments/{media_id}) that answers the bytes with their Content-Type to the bearer token;
// unknown media ids answer 404 with Graph error 100. It records every request and can be scripted
// to answer the next message sends, media look-ups or downloads with a status and body, or to
// answer late. Phone numbers added with addPhoneNumber() answer the health check's
// GET /v21.0/{phone_number_id}?fields=… with the fields asked for (and id), to their token only;
// business accounts given templates answer GET /v21.0/{waba_id}/message_templates.
class FakeMetaGraph final : public FakeHttpServer {
    Q_OBJECT
public:
    // method, path (e.g. /v21.0/106540352242922/messages), authorization, contentType, body,
    // json, and:
    struct Request : HttpRequest {
        int status = 0;       // what was (or will be) answered
        QString answeredId;   // the wamid or media id answered, if any
    };

    explicit FakeMetaGraph(QObject *parent = nullptr);

    QString baseUrl() const;   // http://127.0.0.1:<port>/v21.0

    // The next `times` POST …/messages are answered with this status and body.
    void failNextMessages(int status, const QByteArray &body, int times = 1);
    // Media the GET endpoints serve.
    void addMedia(const QString &mediaId, const QByteArray &bytes, const QByteArray &mimeType);
    // A business phone number: its status (CONNECTED, FLAGGED, RESTRICTED…) and the token that may read it.
    void addPhoneNumber(const QString &phoneNumberId, const QString &status, const QString &token);
    QList<Request> phoneNumberLookups(const QString &phoneNumberId) const;
    // A business account's message templates (Graph objects: name, language, status, category,
    // components), served by GET /v21.0/{waba_id}/message_templates in pages of `limit` (Meta's
    // cursor paging: paging.cursors.after and paging.next while more remain), to its token only.
    void setMessageTemplates(const QString &businessAccountId, const QJsonArray &templates, const QString &token);
    QList<Request> templateLookups(const QString &businessAccountId) const;
    // The next `times` GET /{media_id} (look-ups) or downloads are answered with this status and body.
    void failNextMediaLookups(int status, const QByteArray &body, int times = 1);
    void failNextDownloads(int status, const QByteArray &body, int times = 1);
    QList<Request> mediaLookups() const;   // GET /v21.0/{media_id}
    QList<Request> downloads() const;      // GET /attachments/… (after the redirect)
    // Every answer is sent this late (the request is recorded at once).
    void setDelayMs(int ms) { m_delayMs = ms; }
    // The host the lookaside URL redirects to (127.0.0.1, this server, unless set).
    void setRedirectHost(const QByteArray &host) { m_redirectHost = host; }

    QList<Request> requests() const;
    QList<Request> messageRequests() const;   // POST …/messages only
    void clear();

    static QByteArray sample(const QString &name);   // tests/data/meta/<name>

signals:
    void received(int index);

private:
    void handle(QTcpSocket *socket, HttpRequest request) override;

    QList<Request> m_requests;
    QQueue<QPair<int, QByteArray>> m_scripted;
    QQueue<QPair<int, QByteArray>> m_scriptedLookups;
    QQueue<QPair<int, QByteArray>> m_scriptedDownloads;
    QHash<QString, QPair<QByteArray, QByteArray>> m_media;    // id → bytes, MIME type
    QHash<QString, QPair<QString, QString>> m_phoneNumbers;   // id → status, token
    QHash<QString, QPair<QJsonArray, QString>> m_templates;   // business account → templates, token
    int m_delayMs = 0;
    QByteArray m_redirectHost = "127.0.0.1";
    int m_seq = 0;
    // The listening socket and its connections live in FakeHttpServer, whose destructor stops
    // them from reaching handle() once the state above is gone.
};
