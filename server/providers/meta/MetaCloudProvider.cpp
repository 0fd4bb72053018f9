#include "MetaCloudProvider.h"

#include "core/Validator.h"
#include "crypto/WebhookSignature.h"
#include "providers/MetaGraphClient.h"
#include "providers/NumberFields.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

// ---- webhooks (docs/PROVIDERS.md) ----

struct Parsed {
    QString type;
    QString content;
    QString mediaId;
    QString mimeType;
    QString replyId;   // a tapped button's or list row's id (InboundDelivery::replyId)
};

QString coordinate(const QJsonValue &v)
{
    // Numbers on receive; tolerate strings.
    if (v.isString())
        return v.toString();
    return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
}

// Meta message types as messages rows. A reaction is stored as a text message with its emoji, so
// the agent sees it in the conversation; removing a reaction (an empty emoji) is not a message.
// nullopt: not understood (kept in webhook_events).
std::optional<Parsed> parseMessage(const QJsonObject &m)
{
    const QString type = m.value(u"type"_s).toString();
    const QJsonObject body = m.value(type).toObject();
    if (type == "text"_L1) {
        const QString text = body.value(u"body"_s).toString();
        if (text.isEmpty())
            return std::nullopt;
        return Parsed{u"text"_s, text, {}, {}};
    }
    if (type == "image"_L1 || type == "video"_L1 || type == "audio"_L1 || type == "sticker"_L1 ||
        type == "document"_L1) {
        const QString mediaId = body.value(u"id"_s).toString();
        if (mediaId.isEmpty())
            return std::nullopt;
        QString content = body.value(u"caption"_s).toString();
        if (content.isEmpty() && type == "document"_L1)
            content = body.value(u"filename"_s).toString();
        return Parsed{type, content, mediaId, body.value(u"mime_type"_s).toString()};
    }
    if (type == "location"_L1) {
        if (!body.contains(u"latitude"_s) || !body.contains(u"longitude"_s))
            return std::nullopt;
        const QString where = coordinate(body.value(u"latitude"_s)) + u',' + coordinate(body.value(u"longitude"_s));
        QString content = joinNonEmpty({where, body.value(u"name"_s).toString()}, u" "_s);
        content = joinNonEmpty({content, body.value(u"address"_s).toString()}, u", "_s);
        return Parsed{u"location"_s, content, {}, {}};
    }
    if (type == "contacts"_L1) {
        QStringList cards;
        for (const QJsonValue &c : m.value(u"contacts"_s).toArray()) {
            const QJsonObject contact = c.toObject();
            QStringList phones;
            for (const QJsonValue &p : contact.value(u"phones"_s).toArray())
                phones.append(p.toObject().value(u"phone"_s).toString());
            cards.append(joinNonEmpty({contact.value(u"name"_s).toObject().value(u"formatted_name"_s).toString(),
                                       joinNonEmpty(phones, u", "_s)},
                                      u" "_s));
        }
        const QString content = joinNonEmpty(cards, u"; "_s);
        if (content.isEmpty())
            return std::nullopt;
        return Parsed{u"contact"_s, content, {}, {}};
    }
    if (type == "interactive"_L1) {
        const QString kind = body.value(u"type"_s).toString();
        const QJsonObject reply = body.value(kind).toObject();
        QString content;
        QString replyId;
        if (kind == "button_reply"_L1 || kind == "list_reply"_L1) {
            content = reply.value(u"title"_s).toString();
            replyId = reply.value(u"id"_s).toString();
        } else if (kind == "nfm_reply"_L1) {   // a WhatsApp Flow's answer
            content = reply.value(u"body"_s).toString();
        }
        if (content.isEmpty())
            return std::nullopt;
        return Parsed{u"interactive"_s, content, {}, {}, replyId};
    }
    if (type == "button"_L1) {   // a quick-reply tap on a template button: its payload is the id
        const QString text = body.value(u"text"_s).toString();
        const QString payload = body.value(u"payload"_s).toString();
        const QString content = text.isEmpty() ? payload : text;
        if (content.isEmpty())
            return std::nullopt;
        return Parsed{u"interactive"_s, content, {}, {}, payload};
    }
    if (type == "reaction"_L1) {
        const QString emoji = body.value(u"emoji"_s).toString();
        if (emoji.isEmpty())
            return std::nullopt;
        return Parsed{u"text"_s, emoji, {}, {}};
    }
    return std::nullopt;
}

// "1749416383" → seconds; Meta sends strings, tolerate numbers. 0 when absent or invalid.
qint64 unixSeconds(const QJsonValue &v)
{
    if (v.isDouble())
        return qint64(v.toDouble());
    bool ok = false;
    const qint64 n = v.toString().toLongLong(&ok);
    return ok && n > 0 ? n : 0;
}

InboundItem messageItem(const QJsonObject &value, const QJsonObject &message)
{
    const QString wamid = message.value(u"id"_s).toString();
    const std::optional<Parsed> parsed = parseMessage(message);
    if (!parsed)
        return WebhookNote{u"message %1 of type %2 not understood"_s.arg(wamid, message.value(u"type"_s).toString())};
    InboundDelivery d;
    d.providerMessageId = wamid;
    d.from = message.value(u"from"_s).toString();
    // Named from the sender's profile (contacts[] names the wa_id; a single contact is the sender).
    const QJsonArray contacts = value.value(u"contacts"_s).toArray();
    for (const QJsonValue &c : contacts) {
        const QJsonObject contact = c.toObject();
        if (contact.value(u"wa_id"_s).toString() == d.from || contacts.size() == 1)
            d.profileName = contact.value(u"profile"_s).toObject().value(u"name"_s).toString();
    }
    d.type = parsed->type;
    d.content = parsed->content;
    d.providerMediaId = parsed->mediaId;
    d.mimeType = parsed->mimeType;
    d.replyId = parsed->replyId;
    d.at = unixSeconds(message.value(u"timestamp"_s));
    // A forwarded message's context has no id; a reply's names the quoted wamid.
    d.replyToProviderId = message.value(u"context"_s).toObject().value(u"id"_s).toString();
    return d;
}

InboundItem statusUpdate(const QJsonObject &status)
{
    const QString wamid = status.value(u"id"_s).toString();
    const QString next = MetaCloudProvider::status(status.value(u"status"_s).toString());
    if (next.isEmpty())
        return WebhookNote{u"status %1 of %2 not understood"_s.arg(status.value(u"status"_s).toString(), wamid)};
    StatusUpdate u;
    u.providerMessageId = wamid;
    u.status = next;
    u.at = unixSeconds(status.value(u"timestamp"_s));
    if (next == "failed"_L1) {
        const QJsonObject err = status.value(u"errors"_s).toArray().first().toObject();
        if (err.contains(u"code"_s))
            u.errorCode = QString::number(err.value(u"code"_s).toInteger());
        u.errorText = err.value(u"title"_s).toString();
        if (u.errorText.isEmpty())
            u.errorText = err.value(u"message"_s).toString();
    }
    return u;
}

// Meta gives the digest as base64 (webhooks) or hex; either must match when given.
bool digestMatches(const QString &expected, const QByteArray &bytes)
{
    if (expected.isEmpty())
        return true;
    const QByteArray digest = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
    return expected.compare(QString::fromLatin1(digest.toHex()), Qt::CaseInsensitive) == 0 ||
        expected == QString::fromLatin1(digest.toBase64());
}

bool hasMetaCredentials(const ProviderAccount &a)
{
    return !a.metaPhoneNumberId.isEmpty() && !a.secrets.metaAccessToken.isEmpty();
}

// ---- the network side ----

class MetaClient final : public ProviderClient {
public:
    explicit MetaClient(const ProviderSettings &settings) : m_graph(settings.metaGraphUrl, settings.timeoutMs) {}

    std::optional<ProviderRefusal> send(const ProviderAccount &a, const OutboundRequest &m,
                                        std::function<void(const GraphResult &)> done) override
    {
        if (!hasMetaCredentials(a))
            return ProviderRefusal{u"number_not_configured"_s,
                                   u"The WhatsApp number has no Meta phone number id or access token"_s};
        GraphMessage g;
        g.phoneNumberId = a.metaPhoneNumberId;
        g.accessToken = a.secrets.metaAccessToken;
        g.to = m.to;
        g.type = m.type;
        g.content = m.content;
        g.templateName = m.templateName;
        g.templateLanguage = m.templateLanguage;
        g.templateVariables = m.templateVariables;
        g.replyToProviderId = m.replyToProviderId;
        g.interactive = m.interactive;
        if (m.hasMedia) {
            g.mediaPath = m.mediaPath;
            g.mediaMimeType = m.mediaMimeType;
            g.mediaFilename = m.mediaFilename;
        }
        if (g.type != "text"_L1 && g.type != "template"_L1 && g.type != "interactive"_L1 &&
            !MetaGraphClient::isMedia(g.type))
            return ProviderRefusal{u"unsupported_type"_s, u"This message type cannot be sent through WhatsApp yet"_s};
        if (g.type == "interactive"_L1) {
            // Over one of Meta's limits it would be refused every time: not sent at all.
            const QString problem = MetaGraphClient::interactiveProblem(g.content, g.interactive);
            if (!problem.isEmpty())
                return ProviderRefusal{u"invalid_interactive"_s, problem};
        }
        m_graph.send(g, std::move(done));
        return std::nullopt;
    }

    void checkHealth(const ProviderAccount &a, std::function<void(const HealthReport &)> done) override
    {
        if (!hasMetaCredentials(a)) {
            HealthReport r;
            r.error = u"The number has no Meta phone number id or access token"_s;
            done(r);
            return;
        }
        m_graph.phoneNumberStatus(a.metaPhoneNumberId, a.secrets.metaAccessToken,
                                  [done = std::move(done)](const GraphResult &r, const QString &status) {
                                      HealthReport h;
                                      h.contacted = true;
                                      h.providerStatus = status;
                                      if (r.outcome == GraphResult::Outcome::Sent) {
                                          // Graph's own word on the number; no status at all still means it answers.
                                          const QString s = status.toUpper();
                                          h.healthy = s.isEmpty() || s == "CONNECTED"_L1;
                                          h.connection = h.healthy     ? u"connected"_s
                                              : s == "DISCONNECTED"_L1 ? u"disconnected"_s
                                                                       : u"error"_s;
                                          if (!h.healthy)
                                              h.error = u"WhatsApp reports the number as %1"_s.arg(status);
                                      } else {
                                          h.error = r.errorCode.isEmpty() ? r.errorMessage
                                                                          : r.errorCode + u": "_s + r.errorMessage;
                                          // A refused token or number cannot send until someone acts; a network blip says nothing.
                                          if (r.outcome == GraphResult::Outcome::Permanent)
                                              h.connection = u"error"_s;
                                      }
                                      done(h);
                                  });
    }

    std::optional<ProviderRefusal>
    fetchMedia(const ProviderAccount &a, const QString &mediaId, const QString &messageType, qint64 maxBytes,
               std::function<void(const GraphResult &, const QByteArray &)> done) override
    {
        if (a.secrets.metaAccessToken.isEmpty())
            return ProviderRefusal{u"number_not_configured"_s, u"The number has no Meta access token"_s};
        const QString token = a.secrets.metaAccessToken;
        const qint64 limit = qMin(maxBytes, MetaCloudProvider::mediaLimit(messageType));
        m_graph.mediaInfo(
            mediaId, a.metaPhoneNumberId, token,
            [this, token, limit, done = std::move(done)](const GraphResult &r, const GraphMediaInfo &info) {
                if (r.outcome != GraphResult::Outcome::Sent) {
                    done(r, {});
                    return;
                }
                if (info.fileSize > limit) {
                    done(GraphResult{GraphResult::Outcome::Permanent,
                                     {},
                                     u"media_too_large"_s,
                                     u"The media is larger than %1 bytes"_s.arg(limit)},
                         {});
                    return;
                }
                m_graph.downloadMedia(info.url, token, limit,
                                      [info, done](const GraphResult &d, const QByteArray &bytes, const QByteArray &) {
                                          if (d.outcome != GraphResult::Outcome::Sent) {
                                              done(d, {});
                                              return;
                                          }
                                          if (!digestMatches(info.sha256, bytes)) {
                                              done(GraphResult{GraphResult::Outcome::Transient,
                                                               {},
                                                               u"media_corrupt"_s,
                                                               u"The downloaded media does not match its SHA-256"_s},
                                                   {});
                                              return;
                                          }
                                          done(d, bytes);
                                      });
            });
        return std::nullopt;
    }

    void templates(const ProviderAccount &a,
                   std::function<void(const GraphResult &, const QList<MessageTemplate> &)> done) override
    {
        m_graph.messageTemplates(a.metaBusinessAccountId, a.secrets.metaAccessToken, 10,
                                 [done = std::move(done)](const GraphResult &r, const QJsonArray &templates) {
                                     done(r, MetaCloudProvider::templatesFromGraph(templates));
                                 });
    }

private:
    MetaGraphClient m_graph;
};

}   // namespace

QString MetaCloudProvider::name() const
{
    return u"meta"_s;
}

ProviderCapabilities MetaCloudProvider::capabilities() const
{
    ProviderCapabilities c;
    c.templates = true;
    c.interactiveButtons = true;
    c.interactiveLists = true;
    c.customerServiceWindow = true;
    c.mediaFetch = true;
    c.webhookHandshake = true;
    return c;
}

std::unique_ptr<ProviderClient> MetaCloudProvider::client(const ProviderSettings &settings) const
{
    return std::make_unique<MetaClient>(settings);
}

void MetaCloudProvider::readSettings(Validator &v, WhatsAppNumber &n, bool creating) const
{
    NumberFields::requiredText(v, u"meta_phone_number_id"_s, 64, creating, n.metaPhoneNumberId);
    v.optionalText(u"meta_business_account_id"_s, 64, n.metaBusinessAccountId);
}

void MetaCloudProvider::readSecrets(Validator &v, NumberSecrets &s, bool creating, QStringList &sent) const
{
    NumberFields::requiredSecret(v, u"meta_access_token"_s, creating, s.metaAccessToken, sent);
    NumberFields::optionalSecret(v, u"meta_app_secret"_s, s.metaAppSecret, sent);
    NumberFields::optionalSecret(v, u"webhook_verify_token"_s, s.webhookVerifyToken, sent);
}

QList<WhatsAppProvider::UniqueKey> MetaCloudProvider::uniqueKeys(const WhatsAppNumber &n) const
{
    return {{{{"meta_phone_number_id", n.metaPhoneNumberId}},
             QT_TRANSLATE_NOOP("Api", "A WhatsApp number with this Meta phone number ID already exists")}};
}

Result<Ok> MetaCloudProvider::checkConfigured(const ProviderAccount &a) const
{
    // Meta has no session: connected means configured (phone number id and token).
    if (!hasMetaCredentials(a))
        return ApiError::validation(u"meta_access_token"_s,
                                    QT_TRANSLATE_NOOP("Api",
                                                      "The number needs a Meta phone number id and access token"));
    return Ok{};
}

Result<QString> MetaCloudProvider::templateSource(const ProviderAccount &a) const
{
    if (a.metaBusinessAccountId.isEmpty())
        return ApiError::conflict(QT_TRANSLATE_NOOP(
            "Api",
            "The chat's WhatsApp number has no Meta business account id: an administrator must set meta_business_account_id"));
    if (a.secrets.metaAccessToken.isEmpty())
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "The chat's WhatsApp number has no Meta access token"));
    return a.metaBusinessAccountId;
}

Result<QByteArray> MetaCloudProvider::verifyHandshake(const WebhookRequest &request, const NumberSecrets &secrets) const
{
    const QByteArray expected = secrets.webhookVerifyToken.toUtf8();
    const QByteArray given = request.query(u"hub.verify_token"_s).toUtf8();
    const bool tokenOk = !expected.isEmpty() && WebhookSignature::constantTimeEquals(given, expected);
    if (request.query(u"hub.mode"_s) != "subscribe"_L1 || !tokenOk)
        return ApiError::forbidden();
    return request.query(u"hub.challenge"_s).toUtf8();
}

Result<Ok> MetaCloudProvider::verifyWebhook(const WebhookRequest &request, const NumberSecrets &secrets,
                                            const ProviderSettings &settings) const
{
    const QString appSecret = secrets.metaAppSecret.isEmpty() ? settings.metaAppSecret : secrets.metaAppSecret;
    if (!WebhookSignature::verifyMeta(request.headers.value("x-hub-signature-256"), request.rawBody,
                                      appSecret.toUtf8()))
        return ApiError::unauthenticated(QT_TRANSLATE_NOOP("Api", "The webhook signature is missing or wrong"));
    return Ok{};
}

WebhookContent MetaCloudProvider::parseWebhook(const ProviderAccount &account, const QByteArray &rawBody) const
{
    WebhookContent content;
    auto note = [&content](const QString &text) { content.items.append(WebhookNote{text}); };
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(rawBody, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        note(u"body is not a JSON object"_s);
        return content;
    }
    const QJsonValue entries = doc.object().value(u"entry"_s);
    if (!entries.isArray())
        note(u"no entry array"_s);
    for (const QJsonValue &entry : entries.toArray()) {
        for (const QJsonValue &c : entry.toObject().value(u"changes"_s).toArray()) {
            const QJsonObject change = c.toObject();
            const QString field = change.value(u"field"_s).toString();
            if (field != "messages"_L1) {
                note(u"field %1 not handled"_s.arg(field));
                continue;
            }
            const QJsonObject value = change.value(u"value"_s).toObject();
            const QString phoneNumberId = value.value(u"metadata"_s).toObject().value(u"phone_number_id"_s).toString();
            if (!account.metaPhoneNumberId.isEmpty() && phoneNumberId != account.metaPhoneNumberId) {
                note(u"phone_number_id %1 is not this number's"_s.arg(phoneNumberId));
                continue;
            }
            for (const QJsonValue &m : value.value(u"messages"_s).toArray())
                content.items.append(messageItem(value, m.toObject()));
            for (const QJsonValue &s : value.value(u"statuses"_s).toArray())
                content.items.append(statusUpdate(s.toObject()));
            for (const QJsonValue &e : value.value(u"errors"_s).toArray()) {
                const QJsonObject err = e.toObject();
                note(u"error %1: %2"_s.arg(err.value(u"code"_s).toInteger()).arg(err.value(u"title"_s).toString()));
            }
        }
    }
    return content;
}

qint64 MetaCloudProvider::mediaLimit(const QString &type)
{
    constexpr qint64 MB = 1000 * 1000;
    if (type == "image"_L1)
        return 5 * MB;
    if (type == "sticker"_L1)
        return MB / 2;
    if (type == "audio"_L1 || type == "video"_L1)
        return 16 * MB;
    return 100 * MB;   // documents
}

namespace {
QString componentText(const QJsonArray &components, QLatin1StringView type)
{
    for (const QJsonValue &c : components) {
        const QJsonObject o = c.toObject();
        if (o.value(u"type"_s).toString().compare(type, Qt::CaseInsensitive) == 0)
            return o.value(u"text"_s).toString();
    }
    return {};
}
}   // namespace

QList<MessageTemplate> MetaCloudProvider::templatesFromGraph(const QJsonArray &graphTemplates)
{
    QList<MessageTemplate> list;
    for (const QJsonValue &v : graphTemplates) {
        const QJsonObject t = v.toObject();
        if (t.value(u"status"_s).toString() != "APPROVED"_L1)
            continue;   // Meta refuses anything else
        const QJsonArray components = t.value(u"components"_s).toArray();
        list.append({t.value(u"name"_s).toString(), t.value(u"language"_s).toString(),
                     t.value(u"category"_s).toString(), componentText(components, "HEADER"_L1),
                     componentText(components, "BODY"_L1), componentText(components, "FOOTER"_L1)});
    }
    return list;
}

QString MetaCloudProvider::status(const QString &status)
{
    if (status == "sent"_L1 || status == "delivered"_L1 || status == "read"_L1 || status == "failed"_L1)
        return status;
    if (status == "played"_L1)
        return u"read"_s;
    return {};
}

}   // namespace Conversa::Server
