#pragma once

#include "ApiModule.h"
#include "http/HttpRouter.h"
#include "store/NumberStore.h"
#include "providers/WppConnectClient.h"

#include <QVariantMap>

struct ServerContext;

// /v1/whatsapp-numbers (seed §4, CRUD part): the business numbers and their provider settings.
// Provider secrets are write-only: sealed at rest, answered as has_* flags, masked in the audit.
// Connection part (issue 4): status with a live health check, the WPPConnect QR, disconnect and
// reconnect; every change of connection_status is kept in whatsapp_number_connections.
class NumbersApi final : public ApiModule {
public:
    explicit NumbersApi(ServerContext &context);
    void registerRoutes(HttpRouter &router) override;

private:
    Result<HttpReply> list(RequestContext &ctx);
    Result<HttpReply> show(RequestContext &ctx);
    Result<HttpReply> create(RequestContext &ctx);
    Result<HttpReply> update(RequestContext &ctx);
    Result<HttpReply> remove(RequestContext &ctx);

    // Connection (seed §4.4–4.7). WPPConnect calls run on the worker pool (Deferred).
    Result<Deferred> qr(RequestContext &ctx);
    Result<Deferred> disconnect(RequestContext &ctx);
    Result<Deferred> reconnect(RequestContext &ctx);
    // The number's WPPConnect session, or a 422 naming what is missing (`what` for Meta numbers).
    Result<WppConnection> wppConnection(const WhatsAppNumber &n, const char *metaMessage);
    Result<HttpReply> statusReply(qint64 id);   // GET …/status, and the answer of disconnect/reconnect
    // connection_status set and kept in the history; audited on the request.
    Deferred markConnection(const WhatsAppNumber &before, const QString &status, const QString &detail);
    Result<Ok> changeConnection(RequestContext &ctx, const WhatsAppNumber &before, const QString &status,
                                const QString &detail);

    // The URL to give the provider; the WPPConnect one carries the number's webhook secret.
    QString webhookUrl(const WhatsAppNumber &n, const QString &webhookSecret) const;
    // The full number (GET /:id, POST, PUT); webhook_url only for callers who manage numbers.
    Result<HttpReply> detailReply(const RequestContext &ctx, const WhatsAppNumber &n, int status = 200);

    ServerContext &m_context;
    NumberStore m_numbers;
};
