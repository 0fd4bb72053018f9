#include "WppConnectProvider.h"

#include "core/Validator.h"
#include "crypto/WebhookSignature.h"
#include "providers/NumberFields.h"
#include "providers/WppConnectClient.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

bool hasWppSession(const ProviderAccount &a)
{
    return !a.wppconnectServerUrl.isEmpty() && !a.wppconnectSessionName.isEmpty() &&
        !a.secrets.wppconnectApiKey.isEmpty();
}

WppConnection connection(const ProviderAccount &a)
{
    return {a.wppconnectServerUrl, a.wppconnectSessionName, a.secrets.wppconnectApiKey};
}

// onmessage (docs/PROVIDERS.md): text, and media that arrive inline as base64.
InboundItem onMessageItem(const QJsonObject &e)
{
    const QString id = e.value(u"id"_s).toString();
    const QString type = e.value(u"type"_s).toString();
    if (e.value(u"fromMe"_s).toBool())
        return WebhookNote{u"message %1 is our own"_s.arg(id)};
    const QString from = e.value(u"from"_s).toString();
    if (e.value(u"isGroupMsg"_s).toBool() || !from.endsWith("@c.us"_L1)) {
        // Groups, channels and @lid senders (no phone number) are not clients.
        return WebhookNote{u"message %1 from %2 is not from a person's phone number"_s.arg(id, from)};
    }
    InboundDelivery d;
    d.providerMessageId = id;
    d.from = from.left(from.indexOf(u'@'));
    const QJsonObject sender = e.value(u"sender"_s).toObject();
    d.profileName = sender.value(u"pushname"_s).toString();
    if (d.profileName.isEmpty())
        d.profileName = e.value(u"notifyName"_s).toString();
    d.at = qint64(e.value(u"t"_s).toDouble());
    const QJsonValue quoted = e.value(u"quotedMsgId"_s);
    d.replyToProviderId = quoted.isObject() ? quoted.toObject().value(u"_serialized"_s).toString() : quoted.toString();
    const QString body = e.value(u"body"_s).toString();
    const QString caption = e.value(u"caption"_s).toString();
    if (type == "chat"_L1) {
        if (body.isEmpty())
            return WebhookNote{u"message %1 has no text"_s.arg(id)};
        d.type = u"text"_s;
        d.content = body;
    } else if (type == "image"_L1 || type == "video"_L1 || type == "audio"_L1 || type == "ptt"_L1 ||
               type == "sticker"_L1 || type == "document"_L1) {
        d.type = type == "ptt"_L1 ? u"audio"_s : type;
        d.content = caption;
        if (d.content.isEmpty() && type == "document"_L1)
            d.content = e.value(u"filename"_s).toString();
        d.mimeType = e.value(u"mimetype"_s).toString();
        // autoDownload (the default) puts the whole file in body as base64.
        d.mediaInline = true;
        d.inlineMedia = QByteArray::fromBase64(body.toLatin1());
        d.inlineMediaName = e.value(u"filename"_s).toString();
        if (d.inlineMediaName.isEmpty())
            d.inlineMediaName = d.type;
        d.missingMediaNote = u"message %1 of type %2 arrived without its file"_s.arg(id, type);
    } else if (type == "location"_L1) {
        const QJsonValue lat = e.value(u"lat"_s);
        const QJsonValue lng = e.value(u"lng"_s);
        if (!lat.isDouble() || !lng.isDouble())
            return WebhookNote{u"location %1 without coordinates"_s.arg(id)};
        d.type = u"location"_s;
        d.content = joinNonEmpty({QString::number(lat.toDouble(), 'g', QLocale::FloatingPointShortest) + u',' +
                                      QString::number(lng.toDouble(), 'g', QLocale::FloatingPointShortest),
                                  e.value(u"loc"_s).toString()},
                                 u" "_s);
    } else if (type == "list_response"_L1 || type == "buttons_response"_L1 || type == "template_button_reply"_L1) {
        if (body.isEmpty())
            return WebhookNote{u"reply %1 has no text"_s.arg(id)};
        d.type = u"interactive"_s;
        d.content = body;
    } else {
        return WebhookNote{u"message %1 of type %2 not understood"_s.arg(id, type)};
    }
    return d;
}

// qrcode, status-find, closesession, logoutsession: the number's connection; nullopt: not one of them.
std::optional<ConnectionChange> connectionChange(const QJsonObject &event)
{
    const QString name = event.value(u"event"_s).toString();
    if (name == "qrcode"_L1) {
        const QString qr = event.value(u"qrcode"_s).toString();
        if (qr.isEmpty())
            return std::nullopt;
        return ConnectionChange{{}, {}, qr.startsWith("data:"_L1) ? qr : u"data:image/png;base64,"_s + qr};
    }
    if (name == "status-find"_L1) {
        const QString value = event.value(u"status"_s).toString();
        const QString status = WppConnectClient::statusFindConnection(value);
        if (status.isEmpty())
            return std::nullopt;
        return ConnectionChange{status, value, {}};
    }
    if (name == "closesession"_L1 || name == "logoutsession"_L1)
        return ConnectionChange{u"disconnected"_s, name, {}};
    return std::nullopt;
}

SessionReply reply(const WppReply &r, const QString &call)
{
    SessionReply s;
    s.ok = r.ok;
    s.connection = WppConnectClient::connectionStatus(r.status);
    s.detail = r.ok ? call + u": "_s + r.status : call + u": "_s + r.errorMessage;
    s.qrDataUrl = r.qrDataUrl;
    return s;
}

class WppClient final : public ProviderClient {
public:
    explicit WppClient(const ProviderSettings &settings) : m_wpp(settings.timeoutMs) {}

    std::optional<ProviderRefusal> send(const ProviderAccount &a, const OutboundRequest &m,
                                        std::function<void(const GraphResult &)> done) override
    {
        if (!hasWppSession(a))
            return ProviderRefusal{u"number_not_configured"_s,
                                   u"The WhatsApp number has no WPPConnect server URL, session name or secret key"_s};
        // WPPConnect sends free text and files; templates are Meta's. A menu (queued before the
        // number changed provider, say) goes as numbered text, which the bot reads replies to too.
        const bool menu = m.type == "interactive"_L1;
        if (m.type != "text"_L1 && !menu && !(MetaGraphClient::isMedia(m.type) && m.hasMedia))
            return ProviderRefusal{u"unsupported_type"_s, u"This message type cannot be sent through WPPConnect"_s};
        WppMessage w;
        w.to = m.to;
        w.type = menu ? u"text"_s : m.type;
        w.content = menu ? menuAsText(m.content, m.interactive) : m.content;
        if (menu && w.content.isEmpty())
            return ProviderRefusal{u"invalid_interactive"_s, u"The menu has neither body text nor options"_s};
        w.replyToProviderId = m.replyToProviderId;
        if (m.hasMedia) {
            w.mediaPath = m.mediaPath;
            w.mediaMimeType = m.mediaMimeType;
            w.mediaFilename = m.mediaFilename;
        }
        m_wpp.send(connection(a), w, std::move(done));
        return std::nullopt;
    }

    void checkHealth(const ProviderAccount &a, std::function<void(const HealthReport &)> done) override
    {
        if (!hasWppSession(a)) {
            HealthReport r;
            r.error = u"The number has no WPPConnect server URL, session name or secret key"_s;
            done(r);
            return;
        }
        m_wpp.statusSession(connection(a), [done = std::move(done)](const WppReply &r) {
            HealthReport h;
            h.contacted = true;
            h.providerStatus = r.status;
            if (r.ok) {
                h.connection = WppConnectClient::connectionStatus(r.status);
                h.healthy = h.connection == "connected"_L1;
                if (!h.healthy)
                    h.error = u"The WPPConnect session is %1"_s.arg(r.status.isEmpty() ? u"closed"_s : r.status);
            } else {
                h.error = r.errorCode.isEmpty() ? r.errorMessage : r.errorCode + u": "_s + r.errorMessage;
            }
            done(h);
        });
    }

    void startSession(const ProviderAccount &a, const QString &webhookUrl,
                      std::function<void(const SessionReply &)> done) override
    {
        m_wpp.startSession(connection(a), webhookUrl, [done = std::move(done)](const WppReply &r) {
            SessionReply s = reply(r, u"start-session"_s);
            // A new session answers CLOSED at once and starts in the background: connecting.
            if (s.connection == "disconnected"_L1)
                s.connection = u"connecting"_s;
            done(s);
        });
    }

    void qrCode(const ProviderAccount &a, std::function<void(const SessionReply &)> done) override
    {
        m_wpp.qrcodeSession(connection(a),
                            [done = std::move(done)](const WppReply &r) { done(reply(r, u"qrcode-session"_s)); });
    }

    void closeSession(const ProviderAccount &a, std::function<void(const SessionReply &)> done) override
    {
        m_wpp.closeSession(connection(a), [done = std::move(done)](const WppReply &r) {
            SessionReply s = reply(r, u"close-session"_s);
            s.connection = r.ok ? u"disconnected"_s : u"error"_s;
            if (r.ok)
                s.detail = u"close-session"_s;
            done(s);
        });
    }

private:
    WppConnectClient m_wpp;
};

}   // namespace

QString WppConnectProvider::name() const
{
    return u"wppconnect"_s;
}

ProviderCapabilities WppConnectProvider::capabilities() const
{
    ProviderCapabilities c;
    c.qrPairing = true;
    c.sessions = true;
    return c;
}

qint64 WppConnectProvider::qrLifetimeSeconds() const
{
    return WppConnectClient::kQrLifetimeSeconds;
}

std::unique_ptr<ProviderClient> WppConnectProvider::client(const ProviderSettings &settings) const
{
    return std::make_unique<WppClient>(settings);
}

void WppConnectProvider::readSettings(Validator &v, WhatsAppNumber &n, bool creating) const
{
    NumberFields::requiredText(v, u"wppconnect_session_name"_s, 100, creating, n.wppconnectSessionName);
    // The session name becomes a path segment of every WPPConnect call.
    static const QRegularExpression sessionName(u"^[A-Za-z0-9_-]+$"_s);
    if (!v.failed(u"wppconnect_session_name"_s) && v.has(u"wppconnect_session_name"_s) &&
        !sessionName.match(n.wppconnectSessionName).hasMatch())
        v.fail(u"wppconnect_session_name"_s, QT_TRANSLATE_NOOP("Api", "Use only letters, digits, - and _"));
    const QString before = n.wppconnectServerUrl;
    NumberFields::requiredText(v, u"wppconnect_server_url"_s, 2048, creating, n.wppconnectServerUrl);
    if (!v.failed(u"wppconnect_server_url"_s) && n.wppconnectServerUrl != before &&
        !NumberFields::isHttpUrl(n.wppconnectServerUrl))
        v.fail(u"wppconnect_server_url"_s, QT_TRANSLATE_NOOP("Api", "Must be an http or https URL"));
    while (n.wppconnectServerUrl.endsWith(u'/'))
        n.wppconnectServerUrl.chop(1);
}

void WppConnectProvider::readSecrets(Validator &v, NumberSecrets &s, bool creating, QStringList &sent) const
{
    NumberFields::requiredSecret(v, u"wppconnect_api_key"_s, creating, s.wppconnectApiKey, sent);
}

QList<WhatsAppProvider::UniqueKey> WppConnectProvider::uniqueKeys(const WhatsAppNumber &n) const
{
    return {{{{"wppconnect_server_url", n.wppconnectServerUrl}, {"wppconnect_session_name", n.wppconnectSessionName}},
             QT_TRANSLATE_NOOP("Api", "This WPPConnect server already has a number with this session name")}};
}

Result<Ok> WppConnectProvider::checkConfigured(const ProviderAccount &a) const
{
    if (!hasWppSession(a))
        return ApiError::validation(
            u"wppconnect_api_key"_s,
            QT_TRANSLATE_NOOP("Api", "The number needs a WPPConnect server URL, session name and secret key"));
    return Ok{};
}

QString WppConnectProvider::webhookUrl(const QString &publicBase, qint64 numberId, const QString &webhookSecret) const
{
    return WhatsAppProvider::webhookUrl(publicBase, numberId, webhookSecret) + u"?token="_s +
        QString::fromLatin1(QUrl::toPercentEncoding(webhookSecret));
}

Result<Ok> WppConnectProvider::verifyWebhook(const WebhookRequest &request, const NumberSecrets &secrets,
                                             const ProviderSettings &) const
{
    const QByteArray expected = secrets.webhookSecret.toUtf8();
    // The header keeps the secret out of proxies' access logs where something in front can add
    // it; WPPConnect itself can only call the URL with ?token=.
    const QByteArray header = request.headers.value("x-webhook-token");
    const QByteArray given = header.isEmpty() ? request.query(u"token"_s).toUtf8() : header;
    if (expected.isEmpty() || !WebhookSignature::constantTimeEquals(given, expected))
        return ApiError::unauthenticated(QT_TRANSLATE_NOOP("Api", "The webhook token is missing or wrong"));
    return Ok{};
}

WebhookContent WppConnectProvider::parseWebhook(const ProviderAccount &account, const QByteArray &rawBody) const
{
    WebhookContent content;
    auto note = [&content](const QString &text) { content.items.append(WebhookNote{text}); };
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(rawBody, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        note(u"body is not a JSON object"_s);
        return content;
    }
    const QJsonObject event = doc.object();
    const QString name = event.value(u"event"_s).toString();
    const QString session = event.value(u"session"_s).toString();
    if (!account.wppconnectSessionName.isEmpty() && !session.isEmpty() && session != account.wppconnectSessionName) {
        note(u"session %1 is not this number's"_s.arg(session));
        return content;
    }
    content.connection = connectionChange(event);
    if (content.connection)
        return content;
    if (name == "onmessage"_L1) {
        content.items.append(onMessageItem(event));
    } else if (name == "onack"_L1) {
        const QJsonValue id = event.value(u"id"_s);
        const QString providerId = id.isObject() ? id.toObject().value(u"_serialized"_s).toString() : id.toString();
        const QJsonValue ackValue = event.value(u"ack"_s);
        const int ack = ackValue.toInt(0);
        const QString next = ackStatus(ack);
        if (providerId.isEmpty() || !ackValue.isDouble()) {
            note(u"onack without id or ack"_s);
        } else if (!next.isEmpty()) {
            StatusUpdate u;
            u.providerMessageId = providerId;
            u.status = next;
            u.at = StatusUpdate::kReceived;   // acks carry no time
            if (next == "failed"_L1) {
                u.errorCode = u"ack_%1"_s.arg(ack);
                u.errorText = u"WPPConnect reported the message as not delivered (ack %1)"_s.arg(ack);
            }
            content.items.append(u);
        }
    } else {
        note(u"event %1 not handled"_s.arg(name.isEmpty() ? u"(none)"_s : name));
    }
    return content;
}

QString WppConnectProvider::ackStatus(int ack)
{
    // ack-type.ts: <= -1 failed, 0 pending (clock), 1 sent, 2 received, 3 read, 4 played, 5 peer.
    if (ack <= -1)
        return u"failed"_s;
    if (ack == 1)
        return u"sent"_s;
    if (ack == 2)
        return u"delivered"_s;
    if (ack == 3 || ack == 4)
        return u"read"_s;
    return {};
}

}   // namespace Conversa::Server
