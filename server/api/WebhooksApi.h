#pragma once

#include "ApiModule.h"
#include "domain/InboundPipeline.h"
#include "http/HttpRouter.h"
#include "store/InboundStore.h"
#include "store/NumberStore.h"

#include <QJsonObject>

struct ServerContext;

// /v1/webhooks/whatsapp/meta/{number_id} (seed §15.1, CONTRACT §5): Meta's verification GET and
// its signed notification POSTs. No bearer token: the GET proves itself with the number's verify
// token, the POST with X-Hub-Signature-256 over the raw body. Neither writes an audit row (one
// per inbound message would flood audit_logs); a POST runs in one transaction and is answered
// 200 only after it committed.
// /v1/webhooks/whatsapp/wppconnect/{number_id}?token=… (seed §15.2): WPPConnect signs nothing, so
// the URL carries the number's webhook secret, compared in constant time (401 otherwise).
class WebhooksApi final : public ApiModule {
public:
    explicit WebhooksApi(ServerContext &context);
    void registerRoutes(HttpRouter &router) override;

private:
    Result<HttpReply> verifyMeta(RequestContext &ctx);
    Result<HttpReply> receiveMeta(RequestContext &ctx);
    Result<InboundNumber> metaNumber(const RequestContext &ctx);   // live and meta, else 404
    Result<HttpReply> receiveWppConnect(RequestContext &ctx);
    // qrcode, status-find, closesession, logoutsession: the number's connection. False: not one of them.
    Result<bool> wppConnection(const InboundNumber &number, const QJsonObject &event, qint64 now);
    // Once the delivery is committed: routing looks at new chats, and the realtime events go out.
    void afterCommit(RequestContext &ctx, const InboundSummary &summary);

    ServerContext &m_context;
    NumberStore m_numbers;
    InboundStore m_inbound;
    InboundPipeline m_pipeline;
};
