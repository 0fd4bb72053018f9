#include "WebhooksApi.h"

#include "app/ServerConfig.h"
#include "app/ServerContext.h"
#include "domain/WebhookSignature.h"
#include "store/Database.h"

using namespace Qt::StringLiterals;

WebhooksApi::WebhooksApi(ServerContext &context)
    : m_context(context),
      m_numbers(context.db, context.config.secretKey),
      m_inbound(context.db),
      m_pipeline(context.db, context.config.defaultRegion)
{
}

void WebhooksApi::registerRoutes(HttpRouter &router)
{
    const QString path = u"/v1/webhooks/whatsapp/meta/{number_id}"_s;
    router.get(path, {.authenticated = false, .entityType = u"WhatsAppNumber"_s},
               [this](RequestContext &ctx) { return verifyMeta(ctx); });
    // The router wants an audit action on a mutating route; the handler skips the row itself.
    router.post(path,
                {.authenticated = false, .action = u"webhook.meta"_s, .entityType = u"WhatsAppNumber"_s,
                 .rawBody = true, .transactional = true},
                [this](RequestContext &ctx) { return receiveMeta(ctx); });
}

Result<InboundNumber> WebhooksApi::metaNumber(const RequestContext &ctx)
{
    Result<std::optional<InboundNumber>> n = m_inbound.number(ctx.idParam(u"number_id"_s));
    if (!n)
        return n.error();
    if (!*n || (*n)->provider != "meta"_L1)
        return ApiError::notFound();
    return **n;
}

Result<HttpReply> WebhooksApi::verifyMeta(RequestContext &ctx)
{
    ctx.audit.skip = true;
    Result<InboundNumber> n = metaNumber(ctx);
    if (!n)
        return n.error();
    Result<NumberSecrets> secrets = m_numbers.secrets(n->id);
    if (!secrets)
        return secrets.error();
    const QByteArray expected = secrets->webhookVerifyToken.toUtf8();
    const QByteArray given = ctx.queryValue(u"hub.verify_token"_s).toUtf8();
    const bool tokenOk = !expected.isEmpty() && WebhookSignature::constantTimeEquals(given, expected);
    if (ctx.queryValue(u"hub.mode"_s) != "subscribe"_L1 || !tokenOk)
        return ApiError::forbidden();
    return HttpReply::bytes(ctx.queryValue(u"hub.challenge"_s).toUtf8(), "text/plain; charset=utf-8");
}

Result<HttpReply> WebhooksApi::receiveMeta(RequestContext &ctx)
{
    ctx.audit.skip = true;
    Result<InboundNumber> n = metaNumber(ctx);
    if (!n)
        return n.error();
    Result<NumberSecrets> secrets = m_numbers.secrets(n->id);
    if (!secrets)
        return secrets.error();
    const QString appSecret = secrets->metaAppSecret.isEmpty() ? m_context.config.metaAppSecret : secrets->metaAppSecret;
    if (!WebhookSignature::verifyMeta(ctx.header("x-hub-signature-256"), ctx.rawBody, appSecret.toUtf8()))
        return ApiError::unauthenticated(QT_TRANSLATE_NOOP("Api", "The webhook signature is missing or wrong"));
    Result<InboundSummary> summary = m_pipeline.handleMeta(*n, ctx.rawBody, nowSeconds());
    if (!summary)
        return summary.error();
    return HttpReply::json(QJsonObject{{u"received"_s, true}});
}
