#include "RealtimeApi.h"

#include "http/HttpRouter.h"

#include <QHttpServerRequest>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

bool SocketIoUpgradeRule::isSocketIoPath(const QString &path)
{
    return path == "/socket.io/"_L1 || path == "/socket.io"_L1;
}

bool SocketIoUpgradeRule::isWebSocketQuery(const QUrlQuery &query)
{
    return query.queryItemValue(u"EIO"_s) == "4"_L1 && query.queryItemValue(u"transport"_s) == "websocket"_L1 &&
        !query.hasQueryItem(u"sid"_s);   // a sid means an upgrade from polling, never offered
}

bool SocketIoUpgradeRule::matches(const QHttpServerRequest &request, QRegularExpressionMatch *) const
{
    return request.method() == QHttpServerRequest::Method::Get && isSocketIoPath(request.url().path()) &&
        request.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0 && isWebSocketQuery(request.query());
}

void RealtimeApi::registerRoutes(HttpRouter &router)
{
    router.get(u"/socket.io/"_s, {.authenticated = false}, [](RequestContext &ctx) -> Result<HttpReply> {
        if (ctx.queryValue(u"transport"_s) == "polling"_L1)
            return ApiError::badRequest(
                QT_TRANSLATE_NOOP("Api", "HTTP long-polling is not supported: connect with transports: ['websocket']"));
        return ApiError::badRequest(
            QT_TRANSLATE_NOOP("Api", "Socket.IO needs a WebSocket upgrade with EIO=4 and transport=websocket"));
    });
}

}   // namespace Conversa::Server
