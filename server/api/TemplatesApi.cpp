#include "TemplatesApi.h"

#include "config/ServerConfig.h"
#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "providers/ProviderRegistry.h"
#include "providers/meta/MetaCloudProvider.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

QStringList variablesOf(const QString &text)
{
    static const QRegularExpression placeholder(u"\\{\\{\\s*([A-Za-z0-9_]+)\\s*\\}\\}"_s);
    QStringList names;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!names.contains(name))
            names.append(name);
    }
    return names;
}

}   // namespace

TemplatesApi::TemplatesApi(Database &db, const ServerConfig &config, const ProviderRegistry &providers)
    : m_config(config), m_providers(providers), m_chats(db), m_numbers(db, config.secretKey)
{}

void TemplatesApi::registerRoutes(HttpRouter &router)
{
    router.addDeferred("GET", u"/v1/chats/{id}/templates"_s,
                       {.permission = Permissions::kMessagesCreate,
                        .action = u"chat.templates"_s,
                        .entityType = u"Chat"_s},
                       [this](RequestContext &ctx) { return list(ctx); });
}

QByteArray TemplatesApi::catalogJson(const QList<MessageTemplate> &templates)
{
    JsonWriter w(1024 + templates.size() * 256);
    w.beginObject().key("data").beginArray();
    for (const MessageTemplate &t : templates) {
        w.beginObject().field("name", t.name).field("language", t.language);
        w.field("category", t.category).stringOrNull("header", t.header).field("body", t.body);
        w.stringOrNull("footer", t.footer);
        w.key("variables").beginArray();
        for (const QString &name : variablesOf(t.body))
            w.value(name);
        w.endArray().endObject();
    }
    w.endArray().endObject();
    return w.take();
}

QByteArray TemplatesApi::catalogJson(const QJsonArray &graphTemplates)
{
    return catalogJson(MetaCloudProvider::templatesFromGraph(graphTemplates));
}

Result<Deferred> TemplatesApi::list(RequestContext &ctx)
{
    Result<Chat> chat = m_chats.findVisible(ctx.idParam(), *ctx.user);
    if (!chat)
        return chat.error();
    Result<WhatsAppNumber> number = m_numbers.find(chat->numberId);
    if (!number)
        return number.error();
    const WhatsAppProvider *provider = m_providers.find(number->provider);
    Deferred d;
    if (!provider || !provider->capabilities().templates) {
        // Free text at any time: nothing to pick from.
        d.work = [] { return QVariant(); };
        d.finish = [](RequestContext &, const QVariant &) {
            return Result<HttpReply>(HttpReply::json(QByteArrayLiteral("{\"data\":[]}")));
        };
        return d;
    }
    Result<NumberSecrets> secrets = m_numbers.secrets(number->id);
    if (!secrets)
        return secrets.error();
    const ProviderAccount account = ProviderAccount::of(*number, *secrets);
    Result<QString> source = provider->templateSource(account);
    if (!source)
        return source.error();
    const QString key = provider->name() + u':' + *source;
    {
        QMutexLocker lock(&m_cacheMutex);
        const auto it = m_cache.constFind(key);
        if (it != m_cache.cend() && QDateTime::currentMSecsSinceEpoch() - it->fetchedAtMs < kCacheMs) {
            d.work = [] { return QVariant(); };
            d.finish = [json = it->json](RequestContext &, const QVariant &) {
                return Result<HttpReply>(HttpReply::json(json));
            };
            return d;
        }
    }
    ProviderSettings settings;
    settings.metaGraphUrl = m_config.metaGraphUrl;
    settings.timeoutMs = m_config.requestProviderTimeoutMs();
    d.work = [provider, settings, account] {
        QEventLoop loop;
        const std::unique_ptr<ProviderClient> client = provider->client(settings);
        QVariant answer;
        bool done = false;
        client->templates(account, [&](const GraphResult &r, const QList<MessageTemplate> &templates) {
            if (r.outcome == GraphResult::Outcome::Sent)
                answer = catalogJson(templates);
            done = true;
            loop.quit();
        });
        if (!done)
            loop.exec();
        return answer;
    };
    d.finish = [this, key](RequestContext &, const QVariant &v) -> Result<HttpReply> {
        if (!v.isValid())
            return ApiError::unavailable(
                QT_TRANSLATE_NOOP("Api", "Meta did not answer with the message templates: try again shortly"));
        const QByteArray json = v.toByteArray();
        QMutexLocker lock(&m_cacheMutex);
        m_cache.insert(key, {QDateTime::currentMSecsSinceEpoch(), json});
        return HttpReply::json(json);
    };
    return d;
}

}   // namespace Conversa::Server
