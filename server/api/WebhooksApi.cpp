#include "WebhooksApi.h"

#include "app/ServerConfig.h"
#include "app/ServerContext.h"
#include "domain/RoutingTrigger.h"
#include "domain/WebhookSignature.h"
#include "realtime/ChatEvents.h"
#include "providers/WppConnectClient.h"
#include "store/Database.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

WebhooksApi::WebhooksApi(ServerContext &context)
    : m_context(context),
      m_numbers(context.db, context.config.secretKey),
      m_inbound(context.db),
      m_pipeline(context.db, context.config.defaultRegion)
{
    m_pipeline.setMediaStorage(context.config.dataDir, context.config.maxUploadBytes);
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
    router.post(u"/v1/webhooks/whatsapp/wppconnect/{number_id}"_s,
                {.authenticated = false, .action = u"webhook.wppconnect"_s, .entityType = u"WhatsAppNumber"_s,
                 .rawBody = true, .transactional = true},
                [this](RequestContext &ctx) { return receiveWppConnect(ctx); });
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
    afterCommit(ctx, *summary);
    return HttpReply::json(QJsonObject{{u"received"_s, true}});
}

void WebhooksApi::afterCommit(RequestContext &ctx, const InboundSummary &summary)
{
    if (!summary.queuedCampaigns.isEmpty())
        ctx.afterCommit([&routing = m_context.routing, campaigns = summary.queuedCampaigns] { routing.campaigns(campaigns); });
    if (summary.openedChats.isEmpty() && summary.storedMessages.isEmpty() && summary.updatedMessages.isEmpty())
        return;
    ChatEvents::afterCommit(ctx, m_context, [summary](ChatEvents &events) {
        for (const qint64 chat : summary.openedChats)
            events.chatNew(chat);
        for (const qint64 message : summary.storedMessages)
            events.chatMessage(message);
        for (const qint64 message : summary.updatedMessages)
            events.messageUpdated(message);
    });
}

Result<HttpReply> WebhooksApi::receiveWppConnect(RequestContext &ctx)
{
    ctx.audit.skip = true;
    Result<std::optional<InboundNumber>> found = m_inbound.number(ctx.idParam(u"number_id"_s));
    if (!found)
        return found.error();
    if (!*found || (*found)->provider != "wppconnect"_L1)
        return ApiError::notFound();
    const InboundNumber &n = **found;
    Result<NumberSecrets> secrets = m_numbers.secrets(n.id);
    if (!secrets)
        return secrets.error();
    const QByteArray expected = secrets->webhookSecret.toUtf8();
    const QByteArray given = ctx.queryValue(u"token"_s).toUtf8();
    if (expected.isEmpty() || !WebhookSignature::constantTimeEquals(given, expected))
        return ApiError::unauthenticated(QT_TRANSLATE_NOOP("Api", "The webhook token is missing or wrong"));

    const qint64 now = nowSeconds();
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(ctx.rawBody, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        CONVERSA_TRY(m_inbound.recordEvent(u"wppconnect"_s, n.id, ctx.rawBody, u"body is not a JSON object"_s, now));
        return HttpReply::json(QJsonObject{{u"received"_s, true}});
    }
    const QJsonObject event = doc.object();
    Result<bool> handled = wppConnection(n, event, now);
    if (!handled)
        return handled.error();
    if (!*handled) {
        Result<InboundSummary> summary = m_pipeline.handleWppConnect(n, event, ctx.rawBody, now);
        if (!summary)
            return summary.error();
        afterCommit(ctx, *summary);
    }
    return HttpReply::json(QJsonObject{{u"received"_s, true}});
}

Result<bool> WebhooksApi::wppConnection(const InboundNumber &n, const QJsonObject &event, qint64 now)
{
    const QString name = event.value(u"event"_s).toString();
    const QString session = event.value(u"session"_s).toString();
    if (!n.wppconnectSession.isEmpty() && !session.isEmpty() && session != n.wppconnectSession)
        return false;   // the pipeline keeps it as another session's
    if (name == "qrcode"_L1) {
        const QString qr = event.value(u"qrcode"_s).toString();
        if (qr.isEmpty())
            return false;
        const QString dataUrl = qr.startsWith("data:"_L1) ? qr : u"data:image/png;base64,"_s + qr;
        CONVERSA_TRY(m_numbers.storeQr(n.id, dataUrl, now + WppConnectClient::kQrLifetimeSeconds, now));
        return true;
    }
    if (name == "status-find"_L1) {
        const QString value = event.value(u"status"_s).toString();
        const QString status = WppConnectClient::statusFindConnection(value);
        if (status.isEmpty())
            return false;
        CONVERSA_TRY(m_numbers.recordConnection(n.id, status, value, now));
        return true;
    }
    if (name == "closesession"_L1 || name == "logoutsession"_L1) {
        CONVERSA_TRY(m_numbers.recordConnection(n.id, u"disconnected"_s, name, now));
        return true;
    }
    return false;
}
