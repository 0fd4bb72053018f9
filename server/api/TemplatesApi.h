#pragma once

#include "ApiModule.h"
#include "http/HttpRouter.h"
#include "store/ChatStore.h"
#include "store/NumberStore.h"

#include <QHash>
#include <QJsonArray>
#include <QMutex>

struct ServerContext;

// GET /v1/chats/{id}/templates: the message templates an agent may send on a chat (the composer's
// picker, and the only thing Meta accepts once the 24-hour window has closed). For a Meta number,
// its business account's APPROVED templates from the Graph API, kept five minutes per account so
// that a busy floor does not ask Meta on every chat it opens; WPPConnect has no templates.
class TemplatesApi final : public ApiModule {
public:
    explicit TemplatesApi(ServerContext &context);
    void registerRoutes(HttpRouter &router) override;

    // The answer's `data` from Graph's template objects: approved ones, each with its BODY text
    // and the names of its variables in order of first use ({{1}}, {{2}} or {{named}}).
    static QByteArray catalogJson(const QJsonArray &graphTemplates);

    static constexpr qint64 kCacheMs = 5 * 60 * 1000;

private:
    Result<Deferred> list(RequestContext &ctx);

    ServerContext &m_context;
    ChatStore m_chats;
    NumberStore m_numbers;
    QMutex m_cacheMutex;
    struct Cached {
        qint64 fetchedAtMs = 0;
        QByteArray json;
    };
    QHash<QString, Cached> m_cache;   // by business account id (routes run on every HTTP thread)
};
