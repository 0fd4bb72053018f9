#pragma once

#include "ApiModule.h"
#include "http/HttpRouter.h"
#include "store/NumberStore.h"

struct ServerContext;

// /v1/whatsapp-numbers (seed §4, CRUD part): the business numbers and their provider settings.
// Provider secrets are write-only: sealed at rest, answered as has_* flags, masked in the audit.
// Connecting, QR codes, status/health and sending arrive with the delivery issue.
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

    // The URL to give the provider; the WPPConnect one carries the number's webhook secret.
    QString webhookUrl(const WhatsAppNumber &n, const QString &webhookSecret) const;
    // The full number (GET /:id, POST, PUT); webhook_url only for callers who manage numbers.
    Result<HttpReply> detailReply(const RequestContext &ctx, const WhatsAppNumber &n, int status = 200);

    ServerContext &m_context;
    NumberStore m_numbers;
};
