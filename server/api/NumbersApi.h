#pragma once

#include "ApiModule.h"
#include "http/HttpRouter.h"
#include "providers/WhatsAppProvider.h"
#include "store/NumberStore.h"

#include <QVariantMap>

namespace Conversa::Server {

class Database;
class ProviderRegistry;
class RealtimeBus;
struct ServerConfig;

// The create answer's QR: wppconnect_qr_code (null when none) and the "scan it" message.
struct CreatedQr {
    bool pairsByQr = false;   // the provider pairs by QR: the answer has wppconnect_qr_code
    QString dataUrl;
};

// /v1/whatsapp-numbers (the OpenAPI document, CRUD part): the business numbers and their provider settings.
// Provider secrets are write-only: sealed at rest, answered as has_* flags, masked in the audit.
// Connection part (issue 4): status with a live health check, the WPPConnect QR, disconnect and
// reconnect; every change of connection_status is kept in whatsapp_number_connections and pushed
// to the sockets of those who manage numbers (number.status, number.qr). What a
// number's provider supports (sessions, QR pairing) and which settings it takes come from the
// provider (server/providers).
class NumbersApi final : public ApiModule {
public:
    NumbersApi(Database &db, const ServerConfig &config, const ProviderRegistry &providers, RealtimeBus &realtime);
    void registerRoutes(HttpRouter &router) override;

private:
    Result<HttpReply> list(RequestContext &ctx);
    Result<HttpReply> show(RequestContext &ctx);
    Result<Deferred> create(RequestContext &ctx);
    Result<HttpReply> update(RequestContext &ctx);
    Result<HttpReply> remove(RequestContext &ctx);

    // Connection (the OpenAPI document). Provider calls run on the worker pool (Deferred).
    Result<Deferred> qr(RequestContext &ctx);
    Result<Deferred> disconnect(RequestContext &ctx);
    Result<Deferred> reconnect(RequestContext &ctx);
    // The number's provider and account for a session call, or a 422: `unsupported` when the
    // provider has no sessions (or no QR pairing, with `qr`), else what the number is missing.
    struct Session {
        const WhatsAppProvider *provider = nullptr;
        ProviderAccount account;
    };
    Result<Session> session(const WhatsAppNumber &n, bool qr, const char *unsupported);
    const WhatsAppProvider *provider(const WhatsAppNumber &n) const;
    ProviderSettings providerSettings() const;   // session calls answer within the request timeout
    Result<HttpReply> statusReply(qint64 id);    // GET …/status, and the answer of disconnect/reconnect
    // connection_status set and kept in the history; audited on the request.
    Deferred markConnection(const WhatsAppNumber &before, const QString &status, const QString &detail);
    Result<Ok> changeConnection(RequestContext &ctx, const WhatsAppNumber &before, const QString &status,
                                const QString &detail);

    // The URL to give the provider; the WPPConnect one carries the number's webhook secret.
    QString webhookUrl(const WhatsAppNumber &n, const QString &webhookSecret) const;
    // The full number (GET /:id, POST, PUT); webhook_url only for callers who manage numbers.
    Result<HttpReply> detailReply(const RequestContext &ctx, const WhatsAppNumber &n, int status = 200,
                                  const CreatedQr &qr = {});

    Database &m_db;
    const ServerConfig &m_config;
    const ProviderRegistry &m_providers;
    RealtimeBus &m_realtime;   // number.status / number.qr after a connection change
    NumberStore m_numbers;
};

}   // namespace Conversa::Server
