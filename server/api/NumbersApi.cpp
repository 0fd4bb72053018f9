#include "NumbersApi.h"

#include "app/ServerConfig.h"
#include "app/ServerContext.h"
#include "domain/PhoneNumbers.h"
#include "domain/RandomToken.h"
#include "http/JsonWriter.h"
#include "http/QueryReader.h"
#include "http/Validator.h"
#include "store/AuditStore.h"
#include "store/Database.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

const QStringList kProviders = {u"meta"_s, u"wppconnect"_s};
const QStringList kStatuses = {u"pending"_s, u"active"_s, u"inactive"_s};
const QStringList kSettableStatuses = {u"active"_s, u"inactive"_s};   // pending is the server's
constexpr int kSecretLength = 4096;
const QString kManage = u"whatsapp.numbers.manage"_s;

bool isHttpUrl(const QString &s)
{
    const QUrl url(s, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == "http"_L1 || url.scheme() == "https"_L1) && !url.host().isEmpty();
}

// A required text: on create it must be sent; on update, if sent, it must have a value.
void requiredText(Validator &v, const QString &field, int maxLength, bool creating, QString &target)
{
    if (creating || v.has(field)) {
        if (const auto s = v.string(field, true, maxLength))
            target = *s;
    }
}

// The non-secret columns as the audit log records them; secrets are added as masked markers.
QJsonObject auditFields(const WhatsAppNumber &n)
{
    return {{u"phone_number"_s, n.phoneNumber},
            {u"display_name"_s, n.displayName},
            {u"provider"_s, n.provider},
            {u"status"_s, n.status},
            {u"daily_message_limit"_s, n.dailyMessageLimit},
            {u"rate_limit_per_minute"_s, n.rateLimitPerMinute},
            {u"meta_phone_number_id"_s, JsonWriter::textOrNullValue(n.metaPhoneNumberId)},
            {u"meta_business_account_id"_s, JsonWriter::textOrNullValue(n.metaBusinessAccountId)},
            {u"wppconnect_session_name"_s, JsonWriter::textOrNullValue(n.wppconnectSessionName)},
            {u"wppconnect_server_url"_s, JsonWriter::textOrNullValue(n.wppconnectServerUrl)}};
}

// Everything but the secrets; `creating` makes the provider's required fields mandatory.
void applyFields(Validator &v, WhatsAppNumber &n, const QString &defaultRegion, bool creating)
{
    if (creating || v.has(u"phone_number"_s)) {
        if (const auto s = v.string(u"phone_number"_s, true, 32)) {
            if (const auto e164 = PhoneNumbers::toE164(*s, defaultRegion))
                n.phoneNumber = *e164;
            else
                v.fail(u"phone_number"_s, QT_TRANSLATE_NOOP("Api", "Must be a valid phone number"));
        }
    }
    if (v.has(u"display_name"_s)) {
        if (v.clears(u"display_name"_s))
            n.displayName.clear();
        else if (const auto s = v.string(u"display_name"_s, false, 100))
            n.displayName = *s;
    }
    if (!creating && v.has(u"status"_s)) {
        if (const auto s = v.oneOf(u"status"_s, kSettableStatuses, true))
            n.status = *s;
    }
    if (v.has(u"daily_message_limit"_s)) {
        if (const auto i = v.integer(u"daily_message_limit"_s, true, 1, 1000000))
            n.dailyMessageLimit = int(*i);
    }
    if (v.has(u"rate_limit_per_minute"_s)) {
        if (const auto i = v.integer(u"rate_limit_per_minute"_s, true, 1, 6000))
            n.rateLimitPerMinute = int(*i);
    }
    if (n.provider == "meta"_L1) {
        requiredText(v, u"meta_phone_number_id"_s, 64, creating, n.metaPhoneNumberId);
        v.optionalText(u"meta_business_account_id"_s, 64, n.metaBusinessAccountId);
    } else if (n.provider == "wppconnect"_L1) {
        requiredText(v, u"wppconnect_session_name"_s, 100, creating, n.wppconnectSessionName);
        // The session name becomes a path segment of every WPPConnect call.
        static const QRegularExpression sessionName(u"^[A-Za-z0-9_-]+$"_s);
        if (!v.failed(u"wppconnect_session_name"_s) && v.has(u"wppconnect_session_name"_s)
            && !sessionName.match(n.wppconnectSessionName).hasMatch())
            v.fail(u"wppconnect_session_name"_s, QT_TRANSLATE_NOOP("Api", "Use only letters, digits, - and _"));
        const QString before = n.wppconnectServerUrl;
        requiredText(v, u"wppconnect_server_url"_s, 2048, creating, n.wppconnectServerUrl);
        if (!v.failed(u"wppconnect_server_url"_s) && n.wppconnectServerUrl != before && !isHttpUrl(n.wppconnectServerUrl))
            v.fail(u"wppconnect_server_url"_s, QT_TRANSLATE_NOOP("Api", "Must be an http or https URL"));
        while (n.wppconnectServerUrl.endsWith(u'/'))
            n.wppconnectServerUrl.chop(1);
    }
}

// The provider's secrets; returns the names of those sent (for the audit row).
QStringList applySecrets(Validator &v, const QString &provider, NumberSecrets &s, bool creating)
{
    QStringList sent;
    auto required = [&](const QString &field, QString &target) {
        if (creating || v.has(field)) {
            if (const auto value = v.string(field, true, kSecretLength)) {
                target = *value;
                sent.append(field);
            }
        }
    };
    auto optional = [&](const QString &field, QString &target) {
        if (!v.has(field))
            return;
        if (v.clears(field)) {
            target.clear();
            sent.append(field);
        } else if (const auto value = v.string(field, false, kSecretLength)) {
            target = *value;
            sent.append(field);
        }
    };
    if (provider == "meta"_L1) {
        required(u"meta_access_token"_s, s.metaAccessToken);
        optional(u"meta_app_secret"_s, s.metaAppSecret);
        optional(u"webhook_verify_token"_s, s.webhookVerifyToken);
    } else if (provider == "wppconnect"_L1) {
        required(u"wppconnect_api_key"_s, s.wppconnectApiKey);
    }
    return sent;
}

void writeCampaigns(JsonWriter &w, const WhatsAppNumber &n)
{
    w.key("campaigns").beginArray();
    for (const NumberCampaignRef &c : n.campaigns)
        w.beginObject().field("id", c.id).field("name", c.name).endObject();
    w.endArray();
}

// Runs one WPPConnect request to its end on the calling worker-pool thread; the answer as a map
// for Deferred (ok, status, qr, error_code, error_message, response_time_ms).
QVariantMap wppBlocking(int timeoutMs,
                        const std::function<void(WppConnectClient &, std::function<void(const WppReply &)>)> &start)
{
    QEventLoop loop;
    WppConnectClient client(timeoutMs);
    WppReply reply;
    bool done = false;
    QElapsedTimer timer;
    timer.start();
    start(client, [&](const WppReply &r) {
        reply = r;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return {{u"ok"_s, reply.ok},
            {u"status"_s, reply.status},
            {u"qr"_s, reply.qrDataUrl},
            {u"error_code"_s, reply.errorCode},
            {u"error_message"_s, reply.errorMessage},
            {u"response_time_ms"_s, timer.elapsed()}};
}

} // namespace

NumbersApi::NumbersApi(ServerContext &context)
    : m_context(context), m_numbers(context.db, context.config.secretKey)
{
}

void NumbersApi::registerRoutes(HttpRouter &router)
{
    const QString entity = u"WhatsAppNumber"_s;
    const QString read = u"whatsapp.numbers.read"_s;
    router.get(u"/v1/whatsapp-numbers"_s, {.permission = read, .action = u"whatsapp_number.list"_s, .entityType = entity},
               [this](RequestContext &ctx) { return list(ctx); });
    router.post(u"/v1/whatsapp-numbers"_s, {.permission = kManage, .action = u"whatsapp_number.create"_s, .entityType = entity},
                [this](RequestContext &ctx) { return create(ctx); });
    router.get(u"/v1/whatsapp-numbers/{id}"_s, {.permission = read, .action = u"whatsapp_number.read"_s, .entityType = entity},
               [this](RequestContext &ctx) { return show(ctx); });
    router.put(u"/v1/whatsapp-numbers/{id}"_s, {.permission = kManage, .action = u"whatsapp_number.update"_s, .entityType = entity},
               [this](RequestContext &ctx) { return update(ctx); });
    router.del(u"/v1/whatsapp-numbers/{id}"_s, {.permission = kManage, .action = u"whatsapp_number.delete"_s, .entityType = entity},
               [this](RequestContext &ctx) { return remove(ctx); });
    router.get(u"/v1/whatsapp-numbers/{id}/status"_s,
               {.permission = read, .action = u"whatsapp_number.status"_s, .entityType = entity},
               [this](RequestContext &ctx) { return statusReply(ctx.idParam()); });
    // A QR links a phone to the number: for those who manage numbers only.
    router.addDeferred("GET", u"/v1/whatsapp-numbers/{id}/qr"_s,
                       {.permission = kManage, .action = u"whatsapp_number.qr"_s, .entityType = entity},
                       [this](RequestContext &ctx) { return qr(ctx); });
    router.addDeferred("POST", u"/v1/whatsapp-numbers/{id}/disconnect"_s,
                       {.permission = kManage, .action = u"whatsapp_number.disconnect"_s, .entityType = entity},
                       [this](RequestContext &ctx) { return disconnect(ctx); });
    router.addDeferred("POST", u"/v1/whatsapp-numbers/{id}/reconnect"_s,
                       {.permission = kManage, .action = u"whatsapp_number.reconnect"_s, .entityType = entity},
                       [this](RequestContext &ctx) { return reconnect(ctx); });
}

QString NumbersApi::webhookUrl(const WhatsAppNumber &n, const QString &webhookSecret) const
{
    QString base = m_context.config.publicUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    if (n.provider == "meta"_L1)
        return base + u"/v1/webhooks/whatsapp/meta/"_s + QString::number(n.id);
    return base + u"/v1/webhooks/whatsapp/wppconnect/"_s + QString::number(n.id) + u"?token="_s
        + QString::fromLatin1(QUrl::toPercentEncoding(webhookSecret));
}

Result<HttpReply> NumbersApi::detailReply(const RequestContext &ctx, const WhatsAppNumber &n, int status)
{
    QString url;
    if (ctx.user && ctx.user->can(kManage)) {
        Result<NumberSecrets> secrets = m_numbers.secrets(n.id);
        if (!secrets)
            return secrets.error();
        url = webhookUrl(n, secrets->webhookSecret);
    }
    JsonWriter w(1024);
    w.beginObject();
    w.field("id", n.id).field("phone_number", n.phoneNumber).field("display_name", n.displayName);
    w.field("provider", n.provider).field("status", n.status).field("connection_status", n.connectionStatus);
    w.timeOrNull("last_connected_at", n.lastConnectedAt);
    w.textOrNull("last_error", n.lastError);
    w.field("daily_message_limit", n.dailyMessageLimit).field("rate_limit_per_minute", n.rateLimitPerMinute);
    w.field("total_messages_sent", n.totalMessagesSent).field("total_messages_received", n.totalMessagesReceived);
    w.textOrNull("meta_phone_number_id", n.metaPhoneNumberId);
    w.textOrNull("meta_business_account_id", n.metaBusinessAccountId);
    w.textOrNull("wppconnect_session_name", n.wppconnectSessionName);
    w.textOrNull("wppconnect_server_url", n.wppconnectServerUrl);
    w.field("has_meta_access_token", n.hasMetaAccessToken).field("has_meta_app_secret", n.hasMetaAppSecret);
    w.field("has_webhook_verify_token", n.hasWebhookVerifyToken).field("has_wppconnect_api_key", n.hasWppconnectApiKey);
    w.textOrNull("webhook_url", url);
    writeCampaigns(w, n);
    w.timeOrNull("created_at", n.createdAt);
    w.timeOrNull("updated_at", n.updatedAt);
    w.endObject();
    return HttpReply::json(w.take(), status);
}

Result<HttpReply> NumbersApi::list(RequestContext &ctx)
{
    QueryReader in(ctx);
    const PageRequest page = in.page();
    NumberFilter filter;
    filter.status = in.oneOf(u"status"_s, kStatuses);
    filter.provider = in.oneOf(u"provider"_s, kProviders);
    if (!in.ok())
        return in.error();
    filter.limit = page.limit;
    filter.offset = page.offset();

    Result<NumberPage> result = m_numbers.list(filter);
    if (!result)
        return result.error();
    JsonWriter w(512 + result->rows.size() * 400);
    w.beginObject().key("data").beginArray();
    for (const WhatsAppNumber &n : std::as_const(result->rows)) {
        w.beginObject();
        w.field("id", n.id).field("phone_number", n.phoneNumber).field("display_name", n.displayName);
        w.field("provider", n.provider).field("status", n.status).field("connection_status", n.connectionStatus);
        w.timeOrNull("last_connected_at", n.lastConnectedAt);
        w.field("daily_message_limit", n.dailyMessageLimit);
        w.field("total_messages_sent", n.totalMessagesSent).field("total_messages_received", n.totalMessagesReceived);
        writeCampaigns(w, n);
        w.timeOrNull("created_at", n.createdAt);
        w.endObject();
    }
    w.endArray();
    w.pageMeta(page, result->total);
    w.endObject();
    return HttpReply::json(w.take());
}

Result<HttpReply> NumbersApi::show(RequestContext &ctx)
{
    Result<WhatsAppNumber> n = m_numbers.find(ctx.idParam());
    if (!n)
        return n.error();
    return detailReply(ctx, *n);
}

Result<HttpReply> NumbersApi::create(RequestContext &ctx)
{
    WhatsAppNumber n;
    n.status = u"pending"_s;
    n.connectionStatus = u"disconnected"_s;
    NumberSecrets secrets;
    Validator v(ctx.body);
    if (const auto provider = v.oneOf(u"provider"_s, kProviders, true))
        n.provider = *provider;
    applyFields(v, n, m_context.config.defaultRegion, true);
    const QStringList sent = applySecrets(v, n.provider, secrets, true);
    if (!v.ok())
        return v.error();
    if (n.displayName.isEmpty())
        n.displayName = n.phoneNumber;
    CONVERSA_TRY(m_numbers.checkUnique(n, 0));

    secrets.webhookSecret = QString::fromLatin1(RandomToken::urlSafe(32));
    const qint64 now = nowSeconds();
    Result<qint64> id = m_numbers.insert(n, secrets, now);
    if (!id)
        return id.error();
    ctx.audit.entityId = *id;
    QJsonObject changes = AuditStore::diff({}, auditFields(n));
    for (const QString &field : sent)
        changes.insert(field, QJsonObject{{u"from"_s, u"***"_s}, {u"to"_s, u"***"_s}});
    ctx.audit.changes = changes;

    Result<WhatsAppNumber> created = m_numbers.find(*id);
    if (!created)
        return created.error();
    return detailReply(ctx, *created, 201);
}

Result<HttpReply> NumbersApi::update(RequestContext &ctx)
{
    Result<WhatsAppNumber> before = m_numbers.find(ctx.idParam());
    if (!before)
        return before.error();
    Result<NumberSecrets> secrets = m_numbers.secrets(before->id);
    if (!secrets)
        return secrets.error();
    WhatsAppNumber after = *before;
    Validator v(ctx.body);
    if (v.has(u"provider"_s)) {
        const auto provider = v.oneOf(u"provider"_s, kProviders, true);
        if (provider && *provider != before->provider)
            v.fail(u"provider"_s, QT_TRANSLATE_NOOP("Api", "Cannot be changed; create a new number instead"));
    }
    applyFields(v, after, m_context.config.defaultRegion, false);
    const QStringList sent = applySecrets(v, after.provider, *secrets, false);
    if (!v.ok())
        return v.error();
    if (after.displayName.isEmpty())
        after.displayName = after.phoneNumber;

    QJsonObject changes = AuditStore::diff(auditFields(*before), auditFields(after));
    for (const QString &field : sent)
        changes.insert(field, QJsonObject{{u"from"_s, u"***"_s}, {u"to"_s, u"***"_s}});
    ctx.audit.changes = changes;
    if (changes.isEmpty())
        return detailReply(ctx, *before);
    CONVERSA_TRY(m_numbers.checkUnique(after, after.id));
    CONVERSA_TRY(m_numbers.update(after, nowSeconds()));
    if (!sent.isEmpty())
        CONVERSA_TRY(m_numbers.writeSecrets(after.id, *secrets));
    Result<WhatsAppNumber> updated = m_numbers.find(after.id);
    if (!updated)
        return updated.error();
    return detailReply(ctx, *updated);
}

Result<HttpReply> NumbersApi::remove(RequestContext &ctx)
{
    CONVERSA_TRY(m_numbers.softDelete(ctx.idParam(), nowSeconds()));
    return HttpReply::noContent();
}

// ---- connection (seed §4.4–4.7) ----

Result<WppConnection> NumbersApi::wppConnection(const WhatsAppNumber &n, const char *metaMessage)
{
    if (n.provider != "wppconnect"_L1)
        return ApiError::validation(u"provider"_s, metaMessage);
    Result<NumberSecrets> secrets = m_numbers.secrets(n.id);
    if (!secrets)
        return secrets.error();
    if (n.wppconnectServerUrl.isEmpty() || n.wppconnectSessionName.isEmpty() || secrets->wppconnectApiKey.isEmpty())
        return ApiError::validation(u"wppconnect_api_key"_s,
                                    QT_TRANSLATE_NOOP("Api", "The number needs a WPPConnect server URL, session name and secret key"));
    return WppConnection{n.wppconnectServerUrl, n.wppconnectSessionName, secrets->wppconnectApiKey};
}

Result<HttpReply> NumbersApi::statusReply(qint64 id)
{
    Result<WhatsAppNumber> n = m_numbers.find(id);
    if (!n)
        return n.error();
    Result<QList<NumberConnectionEvent>> history = m_numbers.connections(id, 20);
    if (!history)
        return history.error();
    const Result<NumberHealth> health = m_numbers.health(id);
    if (!health)
        return health.error();
    JsonWriter w(1024);
    w.beginObject();
    w.field("id", n->id).field("provider", n->provider).field("status", n->status);
    w.field("connection_status", n->connectionStatus);
    w.timeOrNull("last_connected_at", n->lastConnectedAt);
    w.textOrNull("last_error", n->lastError);
    // The latest periodic check (delivery/HealthMonitor); null until the first one.
    if (health->checkedAt == 0) {
        w.key("health").null();
    } else {
        w.key("health").beginObject();
        w.field("is_healthy", health->healthy).field("response_time_ms", health->responseTimeMs);
        w.timeOrNull("last_check_at", health->checkedAt);
        w.textOrNull("provider_status", health->providerStatus).textOrNull("error", health->error);
        w.endObject();
    }
    w.key("history").beginArray();
    for (const NumberConnectionEvent &e : std::as_const(*history)) {
        w.beginObject().field("status", e.status).textOrNull("detail", e.detail);
        w.timeOrNull("created_at", e.at).endObject();
    }
    w.endArray();
    w.endObject();
    return HttpReply::json(w.take());
}

Result<Ok> NumbersApi::changeConnection(RequestContext &ctx, const WhatsAppNumber &before, const QString &status,
                                        const QString &detail)
{
    ctx.audit.entityId = before.id;
    ctx.audit.changes = QJsonObject{
        {u"connection_status"_s, QJsonObject{{u"from"_s, before.connectionStatus}, {u"to"_s, status}}}};
    return m_numbers.recordConnection(before.id, status, detail, nowSeconds());
}

Result<Deferred> NumbersApi::qr(RequestContext &ctx)
{
    Result<WhatsAppNumber> n = m_numbers.find(ctx.idParam());
    if (!n)
        return n.error();
    Result<WppConnection> c =
        wppConnection(*n, QT_TRANSLATE_NOOP("Api", "Only WPPConnect numbers connect by QR code"));
    if (!c)
        return c.error();
    Result<NumberQr> stored = m_numbers.qr(n->id);
    if (!stored)
        return stored.error();
    const qint64 now = nowSeconds();
    const bool fresh = !stored->dataUrl.isEmpty() && stored->expiresAt > now;
    const int timeout = m_context.config.requestProviderTimeoutMs();
    Deferred d;
    // The qrcode webhook keeps the latest QR; without a fresh one, WPPConnect is asked.
    d.work = [c = *c, timeout, fresh] {
        if (fresh)
            return QVariant();
        return QVariant(wppBlocking(timeout, [&c](WppConnectClient &client, auto done) {
            client.qrcodeSession(c, std::move(done));
        }));
    };
    d.finish = [stored = *stored, connection = n->connectionStatus](RequestContext &, const QVariant &v) {
        const QVariantMap live = v.toMap();
        QString qr = stored.dataUrl;
        qint64 expires = stored.expiresAt;
        if (!live.isEmpty()) {
            qr = live.value(u"qr"_s).toString();
            expires = qr.isEmpty() ? 0 : nowSeconds() + WppConnectClient::kQrLifetimeSeconds;
        }
        JsonWriter w(qr.size() + 256);
        w.beginObject();
        w.textOrNull("qr_code", qr);
        w.timeOrNull("expires_at", expires);
        w.field("connection_status", connection);
        w.endObject();
        return Result<HttpReply>(HttpReply::json(w.take()));
    };
    return d;
}

// A connection change with nothing to call (Meta numbers have no session), answered like the others.
Deferred NumbersApi::markConnection(const WhatsAppNumber &before, const QString &status, const QString &detail)
{
    Deferred d;
    d.work = [] { return QVariant(); };
    d.finish = [this, before, status, detail](RequestContext &ctx, const QVariant &) -> Result<HttpReply> {
        CONVERSA_TRY(changeConnection(ctx, before, status, detail));
        return statusReply(before.id);
    };
    return d;
}

Result<Deferred> NumbersApi::disconnect(RequestContext &ctx)
{
    Result<WhatsAppNumber> n = m_numbers.find(ctx.idParam());
    if (!n)
        return n.error();
    Deferred d;
    const WhatsAppNumber before = *n;
    if (n->provider != "wppconnect"_L1) {
        // Meta has no session: the number is only marked (the outbound queue still sends).
        return markConnection(before, u"disconnected"_s, u"disconnected by a user"_s);
    }
    Result<WppConnection> c = wppConnection(*n, nullptr);
    if (!c)
        return c.error();
    const int timeout = m_context.config.requestProviderTimeoutMs();
    d.work = [c = *c, timeout] {
        return QVariant(wppBlocking(timeout, [&c](WppConnectClient &client, auto done) {
            client.closeSession(c, std::move(done));
        }));
    };
    d.finish = [this, before](RequestContext &ctx, const QVariant &v) -> Result<HttpReply> {
        const QVariantMap r = v.toMap();
        if (r.value(u"ok"_s).toBool())
            CONVERSA_TRY(changeConnection(ctx, before, u"disconnected"_s, u"close-session"_s));
        else
            CONVERSA_TRY(changeConnection(ctx, before, u"error"_s,
                                          u"close-session: "_s + r.value(u"error_message"_s).toString()));
        return statusReply(before.id);
    };
    return d;
}

Result<Deferred> NumbersApi::reconnect(RequestContext &ctx)
{
    Result<WhatsAppNumber> n = m_numbers.find(ctx.idParam());
    if (!n)
        return n.error();
    Deferred d;
    const WhatsAppNumber before = *n;
    if (n->provider != "wppconnect"_L1) {
        // Meta has no session either: connected means configured (phone number id and token).
        if (!n->hasMetaAccessToken || n->metaPhoneNumberId.isEmpty())
            return ApiError::validation(u"meta_access_token"_s,
                                        QT_TRANSLATE_NOOP("Api", "The number needs a Meta phone number id and access token"));
        return markConnection(before, u"connected"_s, u"reconnected by a user"_s);
    }
    Result<WppConnection> c = wppConnection(*n, nullptr);
    if (!c)
        return c.error();
    Result<NumberSecrets> secrets = m_numbers.secrets(n->id);
    if (!secrets)
        return secrets.error();
    const QString hook = webhookUrl(*n, secrets->webhookSecret);
    const int timeout = m_context.config.requestProviderTimeoutMs();
    d.work = [c = *c, timeout, hook] {
        return QVariant(wppBlocking(timeout, [&c, &hook](WppConnectClient &client, auto done) {
            client.startSession(c, hook, std::move(done));
        }));
    };
    d.finish = [this, before](RequestContext &ctx, const QVariant &v) -> Result<HttpReply> {
        const QVariantMap r = v.toMap();
        if (!r.value(u"ok"_s).toBool()) {
            CONVERSA_TRY(changeConnection(ctx, before, u"error"_s,
                                          u"start-session: "_s + r.value(u"error_message"_s).toString()));
            return statusReply(before.id);
        }
        // A new session answers CLOSED at once and starts in the background: connecting.
        QString status = WppConnectClient::connectionStatus(r.value(u"status"_s).toString());
        if (status == "disconnected"_L1)
            status = u"connecting"_s;
        CONVERSA_TRY(changeConnection(ctx, before, status, u"start-session: "_s + r.value(u"status"_s).toString()));
        const QString qr = r.value(u"qr"_s).toString();
        if (!qr.isEmpty())
            CONVERSA_TRY(m_numbers.storeQr(before.id, qr, nowSeconds() + WppConnectClient::kQrLifetimeSeconds,
                                           nowSeconds()));
        return statusReply(before.id);
    };
    return d;
}
