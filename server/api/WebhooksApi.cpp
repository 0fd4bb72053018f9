#include "WebhooksApi.h"

#include "ChatEffectsReply.h"

#include "config/ServerConfig.h"
#include "domain/RoutingTrigger.h"
#include "providers/ProviderRegistry.h"
#include "realtime/ChatEvents.h"
#include "realtime/NumberEvents.h"
#include "store/Database.h"

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {
WebhookRequest webhookRequest(const RequestContext &ctx)
{
    return {ctx.headers, [&ctx](const QString &name) { return ctx.queryValue(name); }, ctx.rawBody};
}
}   // namespace

WebhooksApi::WebhooksApi(Database &db, const ServerConfig &config, RoutingTrigger &routing, RealtimeBus &realtime,
                         const ProviderRegistry &providers)
    : m_db(db),
      m_config(config),
      m_routing(routing),
      m_realtime(realtime),
      m_providers(providers),
      m_numbers(db, config.secretKey),
      m_bot(db, providers, config.botEngineSettings()),
      m_pipeline(db, config.defaultRegion, &m_bot)
{
    m_pipeline.setMediaStorage(config.dataDir, config.maxUploadBytes);
    m_pipeline.setCustomerLanguage(config.customerLanguage);
}

void WebhooksApi::registerRoutes(HttpRouter &router)
{
    for (const WhatsAppProvider *provider : m_providers.all()) {
        const QString path = u"/v1/webhooks/whatsapp/"_s + provider->name() + u"/{number_id}"_s;
        if (provider->capabilities().webhookHandshake) {
            router.get(path, {.authenticated = false, .entityType = u"WhatsAppNumber"_s},
                       [this, provider](RequestContext &ctx) { return verify(*provider, ctx); });
        }
        // The router wants an audit action on a mutating route; the handler skips the row itself.
        // The handler opens its own transaction once the delivery is authenticated and read: on
        // SQLite every writer waits for the one before it, so only the writing happens inside.
        router.post(path,
                    {.authenticated = false,
                     .action = u"webhook."_s + provider->name(),
                     .entityType = u"WhatsAppNumber"_s,
                     .rawBody = true,
                     .transactional = false},
                    [this, provider](RequestContext &ctx) { return receive(*provider, ctx); });
    }
}

Result<NumberStore::WebhookAccount> WebhooksApi::account(const WhatsAppProvider &provider, const RequestContext &ctx)
{
    Result<std::optional<NumberStore::WebhookAccount>> account = m_numbers.webhookAccount(ctx.idParam(u"number_id"_s));
    if (!account)
        return account.error();
    if (!*account || (*account)->number.provider != provider.name())
        return ApiError::notFound();
    return **account;
}

Result<HttpReply> WebhooksApi::verify(const WhatsAppProvider &provider, RequestContext &ctx)
{
    ctx.audit.skip = true;
    Result<NumberStore::WebhookAccount> account = this->account(provider, ctx);
    if (!account)
        return account.error();
    Result<QByteArray> answer = provider.verifyHandshake(webhookRequest(ctx), account->secrets);
    if (!answer)
        return answer.error();
    return HttpReply::bytes(*answer, "text/plain; charset=utf-8");
}

Result<HttpReply> WebhooksApi::receive(const WhatsAppProvider &provider, RequestContext &ctx)
{
    ctx.audit.skip = true;
    Result<NumberStore::WebhookAccount> account = this->account(provider, ctx);
    if (!account)
        return account.error();
    const InboundNumber &n = account->number;
    ProviderSettings settings;
    settings.metaAppSecret = m_config.metaAppSecret;
    CONVERSA_TRY(provider.verifyWebhook(webhookRequest(ctx), account->secrets, settings));
    const WebhookContent content = provider.parseWebhook(ProviderAccount::of(n, account->secrets), ctx.rawBody);

    Transaction tx(m_db);
    if (!tx.isActive())
        return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The database is not available"));
    const qint64 now = nowSeconds();
    if (const std::optional<ConnectionChange> &change = content.connection) {
        if (!change->qrDataUrl.isEmpty())
            CONVERSA_TRY(m_numbers.storeQr(n.id, change->qrDataUrl, now + provider.qrLifetimeSeconds(), now));
        if (!change->status.isEmpty())
            CONVERSA_TRY(m_numbers.recordConnection(n.id, change->status, change->detail, now));
        // A QR also moves the number to qr_pending: both events then.
        NumberEvents::afterCommit(ctx, m_db, m_realtime, n.id,
                                  change->qrDataUrl.isEmpty() ? NumberEvents::Status
                                                              : NumberEvents::Status | NumberEvents::Qr);
    } else {
        Result<InboundSummary> summary = m_pipeline.handle(provider, n, content, ctx.rawBody, now);
        if (!summary)
            return summary.error();
        afterCommit(ctx, *summary);
    }
    if (!tx.commit())
        return ApiError::internal();
    return HttpReply::json(QJsonObject{{u"received"_s, true}});
}

void WebhooksApi::afterCommit(RequestContext &ctx, const InboundSummary &summary)
{
    if (!summary.queuedCampaigns.isEmpty())
        ctx.afterCommit([&routing = m_routing, campaigns = summary.queuedCampaigns] { routing.campaigns(campaigns); });
    if (!summary.openedChats.isEmpty() || !summary.storedMessages.isEmpty() || !summary.updatedMessages.isEmpty() ||
        !summary.updatedChats.isEmpty()) {
        ChatEvents::afterCommit(ctx, m_db, m_realtime, [summary](ChatEvents &events) {
            for (const qint64 chat : summary.openedChats)
                events.chatNew(chat);
            for (const StoredMessage &stored : summary.storedMessages) {
                if (stored.message)
                    events.chatMessage(*stored.message, stored.agentId);
                else
                    events.chatMessage(stored.id);
            }
            for (const qint64 message : summary.updatedMessages)
                events.messageUpdated(message);
            for (const qint64 chat : summary.updatedChats)
                events.chatUpdated(chat);
        });
    }
    // After the customer's message: what the bot answered, and where it sent the chat.
    if (!summary.botEvents.isEmpty())
        applyEffects(ctx, m_db, m_realtime, m_routing, ChatEffects{{}, summary.botEvents});
}

}   // namespace Conversa::Server
