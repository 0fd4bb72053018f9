#include "TemplatesApi.h"

#include "app/ServerConfig.h"
#include "app/ServerContext.h"
#include "http/JsonWriter.h"
#include "providers/MetaGraphClient.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

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

QString componentText(const QJsonArray &components, QLatin1StringView type)
{
    for (const QJsonValue &c : components) {
        const QJsonObject o = c.toObject();
        if (o.value(u"type"_s).toString().compare(type, Qt::CaseInsensitive) == 0)
            return o.value(u"text"_s).toString();
    }
    return {};
}

} // namespace

TemplatesApi::TemplatesApi(ServerContext &context)
    : m_context(context), m_chats(context.db), m_numbers(context.db, context.config.secretKey)
{
}

void TemplatesApi::registerRoutes(HttpRouter &router)
{
    router.addDeferred("GET", u"/v1/chats/{id}/templates"_s,
                       {.permission = u"messages.create"_s, .action = u"chat.templates"_s, .entityType = u"Chat"_s},
                       [this](RequestContext &ctx) { return list(ctx); });
}

QByteArray TemplatesApi::catalogJson(const QJsonArray &graphTemplates)
{
    JsonWriter w(1024 + graphTemplates.size() * 256);
    w.beginObject().key("data").beginArray();
    for (const QJsonValue &v : graphTemplates) {
        const QJsonObject t = v.toObject();
        if (t.value(u"status"_s).toString() != "APPROVED"_L1)
            continue;   // Meta refuses anything else
        const QJsonArray components = t.value(u"components"_s).toArray();
        const QString body = componentText(components, "BODY"_L1);
        const QString header = componentText(components, "HEADER"_L1);
        w.beginObject().field("name", t.value(u"name"_s).toString()).field("language", t.value(u"language"_s).toString());
        w.field("category", t.value(u"category"_s).toString()).stringOrNull("header", header).field("body", body);
        w.stringOrNull("footer", componentText(components, "FOOTER"_L1));
        w.key("variables").beginArray();
        for (const QString &name : variablesOf(body))
            w.value(name);
        w.endArray().endObject();
    }
    w.endArray().endObject();
    return w.take();
}

Result<Deferred> TemplatesApi::list(RequestContext &ctx)
{
    Result<Chat> chat = m_chats.findVisible(ctx.idParam(), *ctx.user);
    if (!chat)
        return chat.error();
    Result<WhatsAppNumber> number = m_numbers.find(chat->numberId);
    if (!number)
        return number.error();
    Deferred d;
    if (number->provider != "meta"_L1) {
        // WPPConnect sends free text at any time: nothing to pick from.
        d.work = [] { return QVariant(); };
        d.finish = [](RequestContext &, const QVariant &) {
            return Result<HttpReply>(HttpReply::json(QByteArrayLiteral("{\"data\":[]}")));
        };
        return d;
    }
    if (number->metaBusinessAccountId.isEmpty())
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "The chat's WhatsApp number has no Meta business account id: an administrator must set meta_business_account_id"));
    Result<NumberSecrets> secrets = m_numbers.secrets(number->id);
    if (!secrets)
        return secrets.error();
    if (secrets->metaAccessToken.isEmpty())
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "The chat's WhatsApp number has no Meta access token"));

    const QString account = number->metaBusinessAccountId;
    {
        QMutexLocker lock(&m_cacheMutex);
        const auto it = m_cache.constFind(account);
        if (it != m_cache.cend() && QDateTime::currentMSecsSinceEpoch() - it->fetchedAtMs < kCacheMs) {
            d.work = [] { return QVariant(); };
            d.finish = [json = it->json](RequestContext &, const QVariant &) {
                return Result<HttpReply>(HttpReply::json(json));
            };
            return d;
        }
    }
    const QString graphUrl = m_context.config.metaGraphUrl;
    const int timeoutMs = m_context.config.requestProviderTimeoutMs();
    d.work = [graphUrl, timeoutMs, account, token = secrets->metaAccessToken] {
        QEventLoop loop;
        MetaGraphClient graph(graphUrl, timeoutMs);
        QVariant answer;
        graph.messageTemplates(account, token, 10, [&](const GraphResult &r, const QJsonArray &templates) {
            if (r.outcome == GraphResult::Outcome::Sent)
                answer = catalogJson(templates);
            loop.quit();
        });
        loop.exec();
        return answer;
    };
    d.finish = [this, account](RequestContext &, const QVariant &v) -> Result<HttpReply> {
        if (!v.isValid())
            return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "Meta did not answer with the message templates: try again shortly"));
        const QByteArray json = v.toByteArray();
        QMutexLocker lock(&m_cacheMutex);
        m_cache.insert(account, {QDateTime::currentMSecsSinceEpoch(), json});
        return HttpReply::json(json);
    };
    return d;
}
