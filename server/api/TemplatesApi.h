#pragma once

#include "ApiModule.h"
#include "http/HttpRouter.h"
#include "store/ChatStore.h"
#include "store/NumberStore.h"

#include <QHash>
#include <QJsonArray>
#include <QMutex>

namespace Conversa::Server {

class Database;
class ProviderRegistry;
struct MessageTemplate;
struct ServerConfig;

// GET /v1/chats/{id}/templates: the message templates an agent may send on a chat (the composer's
// picker, and the only thing Meta accepts once the 24-hour window has closed). For a number whose
// provider has templates, its account's approved templates from the provider, kept five minutes
// per account so that a busy floor does not ask on every chat it opens; other providers have none.
class TemplatesApi final : public ApiModule {
public:
    TemplatesApi(Database &db, const ServerConfig &config, const ProviderRegistry &providers);
    void registerRoutes(HttpRouter &router) override;

    // The answer's `data`: each template with its body text and the names of its variables in
    // order of first use ({{1}}, {{2}} or {{named}}).
    static QByteArray catalogJson(const QList<MessageTemplate> &templates);
    // The same from Graph's template objects (the approved ones).
    static QByteArray catalogJson(const QJsonArray &graphTemplates);

    static constexpr qint64 kCacheMs = 5 * 60 * 1000;

private:
    Result<Deferred> list(RequestContext &ctx);

    const ServerConfig &m_config;
    const ProviderRegistry &m_providers;
    ChatStore m_chats;
    NumberStore m_numbers;
    QMutex m_cacheMutex;
    struct Cached {
        qint64 fetchedAtMs = 0;
        QByteArray json;
    };
    QHash<QString, Cached> m_cache;   // by provider and account (routes run on every HTTP thread)
};

}   // namespace Conversa::Server
