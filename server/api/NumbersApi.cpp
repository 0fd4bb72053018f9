#include "NumbersApi.h"

#include "config/ServerConfig.h"
#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "core/Validator.h"
#include "crypto/RandomToken.h"
#include "domain/PhoneNumbers.h"
#include "http/AuditRecordOf.h"
#include "http/QueryReader.h"
#include "providers/ProviderRegistry.h"
#include "realtime/NumberEvents.h"
#include "store/AuditStore.h"
#include "store/Database.h"

#include <QEventLoop>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

const QStringList kNumberStatuses = {u"pending"_s, u"active"_s, u"inactive"_s};
const QStringList kSettableStatuses = {u"active"_s, u"inactive"_s};   // pending is the server's

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
void applyFields(Validator &v, WhatsAppNumber &n, const WhatsAppProvider *provider, const QString &defaultRegion,
                 bool creating)
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
    if (provider)
        provider->readSettings(v, n, creating);
}

// The provider's secrets; returns the names of those sent (for the audit row).
QStringList applySecrets(Validator &v, const WhatsAppProvider *provider, NumberSecrets &s, bool creating)
{
    QStringList sent;
    if (provider)
        provider->readSecrets(v, s, creating, sent);
    return sent;
}

void writeCampaigns(JsonWriter &w, const WhatsAppNumber &n)
{
    w.key("campaigns").beginArray();
    for (const NumberCampaignRef &c : n.campaigns)
        w.beginObject().field("id", c.id).field("name", c.name).endObject();
    w.endArray();
}

// Runs one session call to its end on the calling worker-pool thread; the answer as a map for
// Deferred (ok, connection, detail, qr).
QVariantMap
sessionBlocking(const WhatsAppProvider *provider, const ProviderSettings &settings,
                const std::function<void(ProviderClient &, std::function<void(const SessionReply &)>)> &start)
{
    QEventLoop loop;
    const std::unique_ptr<ProviderClient> client = provider->client(settings);
    SessionReply reply;
    bool done = false;
    start(*client, [&](const SessionReply &r) {
        reply = r;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return {{u"ok"_s, reply.ok},
            {u"connection"_s, reply.connection},
            {u"detail"_s, reply.detail},
            {u"qr"_s, reply.qrDataUrl}};
}

}   // namespace

NumbersApi::NumbersApi(Database &db, const ServerConfig &config, const ProviderRegistry &providers,
                       RealtimeBus &realtime)
    : m_db(db), m_config(config), m_providers(providers), m_realtime(realtime), m_numbers(db, config.secretKey)
{}

void NumbersApi::registerRoutes(HttpRouter &router)
{
    const QString entity = u"WhatsAppNumber"_s;
    const QString read = Permissions::kWhatsappNumbersRead;
    const QString manage = Permissions::kWhatsappNumbersManage;
    router.get(u"/v1/whatsapp-numbers"_s,
               {.permission = read, .action = u"whatsapp_number.list"_s, .entityType = entity},
               [this](RequestContext &ctx) { return list(ctx); });
    // Deferred: a number with sessions starts its session at once (create()).
    router.addDeferred("POST", u"/v1/whatsapp-numbers"_s,
                       {.permission = manage, .action = u"whatsapp_number.create"_s, .entityType = entity},
                       [this](RequestContext &ctx) { return create(ctx); });
    router.get(u"/v1/whatsapp-numbers/{id}"_s,
               {.permission = read, .action = u"whatsapp_number.read"_s, .entityType = entity},
               [this](RequestContext &ctx) { return show(ctx); });
    router.put(u"/v1/whatsapp-numbers/{id}"_s,
               {.permission = manage, .action = u"whatsapp_number.update"_s, .entityType = entity},
               [this](RequestContext &ctx) { return update(ctx); });
    router.del(u"/v1/whatsapp-numbers/{id}"_s,
               {.permission = manage, .action = u"whatsapp_number.delete"_s, .entityType = entity},
               [this](RequestContext &ctx) { return remove(ctx); });
    router.get(u"/v1/whatsapp-numbers/{id}/status"_s,
               {.permission = read, .action = u"whatsapp_number.status"_s, .entityType = entity},
               [this](RequestContext &ctx) { return statusReply(ctx.idParam()); });
    // A QR links a phone to the number: for those who manage numbers only.
    router.addDeferred("GET", u"/v1/whatsapp-numbers/{id}/qr"_s,
                       {.permission = manage, .action = u"whatsapp_number.qr"_s, .entityType = entity},
                       [this](RequestContext &ctx) { return qr(ctx); });
    router.addDeferred("POST", u"/v1/whatsapp-numbers/{id}/disconnect"_s,
                       {.permission = manage, .action = u"whatsapp_number.disconnect"_s, .entityType = entity},
                       [this](RequestContext &ctx) { return disconnect(ctx); });
    router.addDeferred("POST", u"/v1/whatsapp-numbers/{id}/reconnect"_s,
                       {.permission = manage, .action = u"whatsapp_number.reconnect"_s, .entityType = entity},
                       [this](RequestContext &ctx) { return reconnect(ctx); });
}

const WhatsAppProvider *NumbersApi::provider(const WhatsAppNumber &n) const
{
    return m_providers.find(n.provider);
}

ProviderSettings NumbersApi::providerSettings() const
{
    ProviderSettings settings;
    settings.metaGraphUrl = m_config.metaGraphUrl;
    settings.timeoutMs = m_config.requestProviderTimeoutMs();
    return settings;
}

QString NumbersApi::webhookUrl(const WhatsAppNumber &n, const QString &webhookSecret) const
{
    const WhatsAppProvider *p = provider(n);
    return p ? p->webhookUrl(m_config.publicUrl, n.id, webhookSecret) : QString();
}

Result<HttpReply> NumbersApi::detailReply(const RequestContext &ctx, const WhatsAppNumber &n, int status,
                                          const CreatedQr &qr)
{
    QString url;
    if (ctx.user && ctx.user->can(Permissions::kWhatsappNumbersManage)) {
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
    if (qr.pairsByQr) {
        w.textOrNull("wppconnect_qr_code", qr.dataUrl);
        if (!qr.dataUrl.isEmpty())
            w.field("message", ctx.text(QT_TRANSLATE_NOOP("Api", "Scan the QR code with WhatsApp")));
    }
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
    filter.status = in.oneOf(u"status"_s, kNumberStatuses);
    filter.provider = in.oneOf(u"provider"_s, m_providers.names());
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

// Creating a number with sessions (WPPConnect) also starts its session, as reconnect does, and
// answers with the QR to scan when the provider shows one (the OpenAPI document). The provider
// needs the number's webhook URL, which names the number's id, so the number and its audit row
// are committed first; the session's outcome is recorded in the answer's own transaction.
Result<Deferred> NumbersApi::create(RequestContext &ctx)
{
    WhatsAppNumber n;
    n.status = u"pending"_s;
    n.connectionStatus = u"disconnected"_s;
    NumberSecrets secrets;
    Validator v(ctx.body);
    if (const auto provider = v.oneOf(u"provider"_s, m_providers.names(), true))
        n.provider = *provider;
    const WhatsAppProvider *p = provider(n);
    applyFields(v, n, p, m_config.defaultRegion, true);
    const QStringList sent = applySecrets(v, p, secrets, true);
    if (!v.ok())
        return v.error();
    if (n.displayName.isEmpty())
        n.displayName = n.phoneNumber;

    Transaction tx(m_db);
    if (!tx.isActive())
        return ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The database is not available"));
    CONVERSA_TRY(m_numbers.checkUnique(n, 0, p->uniqueKeys(n)));
    secrets.webhookSecret = QString::fromLatin1(RandomToken::urlSafe(32));
    Result<qint64> id = m_numbers.insert(n, secrets, nowSeconds());
    CONVERSA_TRY(id);
    n.id = *id;
    ctx.audit.entityId = *id;
    QJsonObject changes = AuditStore::diff({}, auditFields(n));
    for (const QString &field : sent)
        changes.insert(field, QJsonObject{{u"from"_s, u"***"_s}, {u"to"_s, u"***"_s}});
    ctx.audit.changes = changes;
    AuditStore(m_db).record(auditRecordOf(ctx, true, 201));
    if (!tx.commit())
        return ApiError::internal();
    ctx.audit.skip = true;   // written with the number

    Deferred d;
    if (!p->capabilities().sessions) {
        d.work = [] { return QVariant(); };
        d.finish = [this, id = n.id](RequestContext &ctx, const QVariant &) -> Result<HttpReply> {
            Result<WhatsAppNumber> created = m_numbers.find(id);
            CONVERSA_TRY(created);
            return detailReply(ctx, *created, 201);
        };
        return d;
    }
    const Session c{p, ProviderAccount::of(n, secrets)};
    const QString hook = webhookUrl(n, secrets.webhookSecret);
    // A new WPPConnect session answers before its QR exists; when it shows one at once, it is
    // asked for it, so that the answer carries it (later ones come by webhook: number.qr).
    d.work = [c, settings = providerSettings(), hook] {
        QVariantMap started = sessionBlocking(c.provider, settings, [&c, &hook](ProviderClient &client, auto done) {
            client.startSession(c.account, hook, std::move(done));
        });
        if (c.provider->capabilities().qrPairing && started.value(u"ok"_s).toBool() &&
            started.value(u"qr"_s).toString().isEmpty() &&
            started.value(u"connection"_s).toString() != "connected"_L1) {
            const QVariantMap shown = sessionBlocking(c.provider, settings, [&c](ProviderClient &client, auto done) {
                client.qrCode(c.account, std::move(done));
            });
            if (shown.value(u"ok"_s).toBool())
                started.insert(u"qr"_s, shown.value(u"qr"_s));
        }
        return QVariant(started);
    };
    d.finish = [this, id = n.id, lifetime = p->qrLifetimeSeconds()](RequestContext &ctx,
                                                                    const QVariant &v) -> Result<HttpReply> {
        const QVariantMap r = v.toMap();
        const bool ok = r.value(u"ok"_s).toBool();
        const QString qr = ok ? r.value(u"qr"_s).toString() : QString();
        const qint64 now = nowSeconds();
        CONVERSA_TRY(m_numbers.recordConnection(id, ok ? r.value(u"connection"_s).toString() : u"error"_s,
                                                r.value(u"detail"_s).toString(), now));
        if (!qr.isEmpty())
            CONVERSA_TRY(m_numbers.storeQr(id, qr, now + lifetime, now));
        NumberEvents::afterCommit(ctx, m_db, m_realtime, id,
                                  qr.isEmpty() ? NumberEvents::Status : NumberEvents::Status | NumberEvents::Qr);
        Result<WhatsAppNumber> created = m_numbers.find(id);
        CONVERSA_TRY(created);
        return detailReply(ctx, *created, 201, CreatedQr{true, qr});
    };
    return d;
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
        const auto provider = v.oneOf(u"provider"_s, m_providers.names(), true);
        if (provider && *provider != before->provider)
            v.fail(u"provider"_s, QT_TRANSLATE_NOOP("Api", "Cannot be changed; create a new number instead"));
    }
    const WhatsAppProvider *p = provider(after);
    applyFields(v, after, p, m_config.defaultRegion, false);
    const QStringList sent = applySecrets(v, p, *secrets, false);
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
    CONVERSA_TRY(
        m_numbers.checkUnique(after, after.id, p ? p->uniqueKeys(after) : QList<WhatsAppProvider::UniqueKey>()));
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

// ---- connection (the OpenAPI document) ----

Result<NumbersApi::Session> NumbersApi::session(const WhatsAppNumber &n, bool qr, const char *unsupported)
{
    const WhatsAppProvider *p = provider(n);
    if (!p || !(qr ? p->capabilities().qrPairing : p->capabilities().sessions))
        return ApiError::validation(u"provider"_s, unsupported);
    Result<NumberSecrets> secrets = m_numbers.secrets(n.id);
    if (!secrets)
        return secrets.error();
    const ProviderAccount account = ProviderAccount::of(n, *secrets);
    CONVERSA_TRY(p->checkConfigured(account));
    return Session{p, account};
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
    ctx.audit.changes =
        QJsonObject{{u"connection_status"_s, QJsonObject{{u"from"_s, before.connectionStatus}, {u"to"_s, status}}}};
    CONVERSA_TRY(m_numbers.recordConnection(before.id, status, detail, nowSeconds()));
    NumberEvents::afterCommit(ctx, m_db, m_realtime, before.id, NumberEvents::Status);
    return Ok{};
}

Result<Deferred> NumbersApi::qr(RequestContext &ctx)
{
    Result<WhatsAppNumber> n = m_numbers.find(ctx.idParam());
    if (!n)
        return n.error();
    Result<Session> c = session(*n, true, QT_TRANSLATE_NOOP("Api", "Only WPPConnect numbers connect by QR code"));
    if (!c)
        return c.error();
    Result<NumberQr> stored = m_numbers.qr(n->id);
    if (!stored)
        return stored.error();
    const qint64 now = nowSeconds();
    const bool fresh = !stored->dataUrl.isEmpty() && stored->expiresAt > now;
    Deferred d;
    // The provider's webhook keeps the latest QR; without a fresh one, the provider is asked.
    d.work = [c = *c, settings = providerSettings(), fresh] {
        if (fresh)
            return QVariant();
        return QVariant(sessionBlocking(c.provider, settings, [&c](ProviderClient &client, auto done) {
            client.qrCode(c.account, std::move(done));
        }));
    };
    d.finish = [stored = *stored, connection = n->connectionStatus,
                lifetime = c->provider->qrLifetimeSeconds()](RequestContext &, const QVariant &v) {
        const QVariantMap live = v.toMap();
        QString qr = stored.dataUrl;
        qint64 expires = stored.expiresAt;
        if (!live.isEmpty()) {
            qr = live.value(u"qr"_s).toString();
            expires = qr.isEmpty() ? 0 : nowSeconds() + lifetime;
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
    const WhatsAppNumber before = *n;
    const WhatsAppProvider *p = provider(before);
    if (!p || !p->capabilities().sessions) {
        // No session to close: the number is only marked (the outbound queue still sends).
        return markConnection(before, u"disconnected"_s, u"disconnected by a user"_s);
    }
    Result<Session> c = session(before, false, nullptr);
    if (!c)
        return c.error();
    Deferred d;
    d.work = [c = *c, settings = providerSettings()] {
        return QVariant(sessionBlocking(c.provider, settings, [&c](ProviderClient &client, auto done) {
            client.closeSession(c.account, std::move(done));
        }));
    };
    d.finish = [this, before](RequestContext &ctx, const QVariant &v) -> Result<HttpReply> {
        const QVariantMap r = v.toMap();
        const QString status = r.value(u"ok"_s).toBool() ? r.value(u"connection"_s).toString() : u"error"_s;
        CONVERSA_TRY(changeConnection(ctx, before, status, r.value(u"detail"_s).toString()));
        return statusReply(before.id);
    };
    return d;
}

Result<Deferred> NumbersApi::reconnect(RequestContext &ctx)
{
    Result<WhatsAppNumber> n = m_numbers.find(ctx.idParam());
    if (!n)
        return n.error();
    const WhatsAppNumber before = *n;
    const WhatsAppProvider *p = provider(before);
    if (!p)
        return ApiError::validation(u"provider"_s, nullptr);
    if (!p->capabilities().sessions) {
        // No session either: connected means configured.
        Result<NumberSecrets> secrets = m_numbers.secrets(before.id);
        if (!secrets)
            return secrets.error();
        CONVERSA_TRY(p->checkConfigured(ProviderAccount::of(before, *secrets)));
        return markConnection(before, u"connected"_s, u"reconnected by a user"_s);
    }
    Result<Session> c = session(before, false, nullptr);
    if (!c)
        return c.error();
    const QString hook = webhookUrl(before, c->account.secrets.webhookSecret);
    Deferred d;
    d.work = [c = *c, settings = providerSettings(), hook] {
        return QVariant(sessionBlocking(c.provider, settings, [&c, &hook](ProviderClient &client, auto done) {
            client.startSession(c.account, hook, std::move(done));
        }));
    };
    d.finish = [this, before, lifetime = c->provider->qrLifetimeSeconds()](RequestContext &ctx,
                                                                           const QVariant &v) -> Result<HttpReply> {
        const QVariantMap r = v.toMap();
        const QString detail = r.value(u"detail"_s).toString();
        if (!r.value(u"ok"_s).toBool()) {
            CONVERSA_TRY(changeConnection(ctx, before, u"error"_s, detail));
            return statusReply(before.id);
        }
        CONVERSA_TRY(changeConnection(ctx, before, r.value(u"connection"_s).toString(), detail));
        const QString qr = r.value(u"qr"_s).toString();
        if (!qr.isEmpty()) {
            CONVERSA_TRY(m_numbers.storeQr(before.id, qr, nowSeconds() + lifetime, nowSeconds()));
            NumberEvents::afterCommit(ctx, m_db, m_realtime, before.id, NumberEvents::Qr);
        }
        return statusReply(before.id);
    };
    return d;
}

}   // namespace Conversa::Server
