#pragma once

#include "ProviderResult.h"
#include "core/Result.h"
#include "store/InboundStore.h"
#include "store/NumberStore.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <variant>

namespace Conversa::Server {

class Validator;

// What a provider can do; code outside server/providers asks these, never the provider's name.
struct ProviderCapabilities {
    bool templates = false;               // pre-approved message templates (listed per number, sent by name)
    bool interactiveButtons = false;      // reply buttons; without them a menu is numbered text
    bool interactiveLists = false;        // list messages
    bool qrPairing = false;               // a phone links to the number by scanning a QR code
    bool sessions = false;                // the provider keeps a session that is started and closed
    bool customerServiceWindow = false;   // free text only within 24 h of the client's last message
    bool mediaFetch = false;              // inbound media arrive as an id to download later (else inline)
    bool webhookHandshake = false;        // the provider verifies the webhook URL with a GET first
};

// Server-wide settings a provider may need (a new provider adds its own fields here).
struct ProviderSettings {
    QString metaGraphUrl;    // the Graph API base URL
    QString metaAppSecret;   // signs Meta webhooks when the number has no app secret of its own
    int timeoutMs = 30000;   // one provider request
};

// A number's provider settings, secrets in clear, as its provider uses them.
struct ProviderAccount {
    qint64 numberId = 0;
    QString metaPhoneNumberId;
    QString metaBusinessAccountId;
    QString wppconnectServerUrl;
    QString wppconnectSessionName;
    NumberSecrets secrets;

    static ProviderAccount of(const WhatsAppNumber &n, const NumberSecrets &secrets);
    static ProviderAccount of(const InboundNumber &n, const NumberSecrets &secrets);
};

// One outbound message as the outbound queue claimed it.
struct OutboundRequest {
    QString to;        // the client's phone number (E.164)
    QString type;      // text | image | document | audio | video | template | interactive
    QString content;   // text body, the media caption, or a menu's body text
    QString templateName;
    QString templateLanguage;
    QJsonObject templateVariables;
    QString replyToProviderId;   // empty: not a reply
    // type "interactive": a bot menu (docs/BOT_FLOWS.md#menus) on a provider with
    // interactiveButtons / interactiveLists, `content` its body text:
    //   {"type": "button", "options": [{"id": "menu#1", "title": "Ventas"}, …]}        up to 3
    //   {"type": "list", "button": "Opciones", "options": [{"id", "title"}, …]}        up to 10
    // The ids come back in the customer's reply (InboundDelivery::replyId). A provider without
    // interactive messages sends it as numbered text (menuAsText) rather than losing it.
    QJsonObject interactive;
    bool hasMedia = false;
    QString mediaPath;   // absolute path of the stored file
    QString mediaMimeType;
    QString mediaFilename;
};

// Why a message, a media fetch or a session call could not even start (never retried).
struct ProviderRefusal {
    QString code;   // number_not_configured, unsupported_type…
    QString text;
};

// One inbound message as any provider delivered it, mapped onto a messages row.
struct InboundDelivery {
    QString providerMessageId;
    QString from;          // the sender's phone digits, without "+"; empty: unusable
    QString profileName;   // names a new client
    QString type;          // the messages table's types
    QString content;
    QString providerMediaId;   // media fetched later by id
    QString mimeType;
    qint64 at = 0;               // the provider's timestamp; 0: now
    QString replyToProviderId;   // the message the client quoted
    QString replyId;             // a tapped reply button's or list row's id (type interactive); else empty
    // Media that came inside the webhook: stored as a file before the message (not for duplicates).
    bool mediaInline = false;
    QByteArray inlineMedia;   // empty: the file did not come
    QString inlineMediaName;
    QString missingMediaNote;   // kept when the file did not come
};

// A provider's word on an outbound message it sent.
struct StatusUpdate {
    QString providerMessageId;
    QString status;   // sent | delivered | read | failed
    static constexpr qint64 kReceived = -1;
    qint64 at = 0;       // the provider's timestamp; 0: none; kReceived: when it arrived
    QString errorCode;   // failed only
    QString errorText;
};

// Something in a webhook that was not understood: kept with the body in webhook_events.
struct WebhookNote {
    QString text;
};

using InboundItem = std::variant<InboundDelivery, StatusUpdate, WebhookNote>;

// For providers writing a message's text from parts (a location's name and address, a contact's
// name and phones): the non-empty parts, trimmed, joined with `separator`.
QString joinNonEmpty(const QStringList &parts, const QString &separator);

// A menu (OutboundRequest::interactive) as plain text: its body, a blank line, then one numbered
// line per option ("1. Ventas\n2. Soporte"), for providers without interactive messages.
QString menuAsText(const QString &content, const QJsonObject &interactive);

// A session event: the number's connection changed, or its session shows a new QR code.
struct ConnectionChange {
    QString status;   // connection_status; empty with a QR: qr_pending
    QString detail;
    QString qrDataUrl;   // non-empty: a new QR to keep
};

// A webhook body read by its provider: a connection change, or the messages, statuses and notes
// it carried in the order they came.
struct WebhookContent {
    std::optional<ConnectionChange> connection;
    QList<InboundItem> items;
};

// What a webhook request brings for verification.
struct WebhookRequest {
    QHash<QByteArray, QByteArray> headers;   // lower-case names
    std::function<QString(const QString &)> query;
    QByteArray rawBody;
};

// A number's health as its provider sees it.
struct HealthReport {
    bool contacted = false;   // false: the number is not configured, nothing was asked
    bool healthy = false;
    QString providerStatus;
    QString error;
    QString connection;   // the connection_status the check shows; empty: unknown
};

// A session call's answer (start, QR, close), already read into our terms.
struct SessionReply {
    bool ok = false;
    QString connection;   // connection_status it shows
    QString detail;       // for the connection history
    QString qrDataUrl;    // a QR as a PNG data URL, when the answer had one
};

// One approved message template.
struct MessageTemplate {
    QString name;
    QString language;
    QString category;
    QString header;   // empty: none
    QString body;
    QString footer;   // empty: none
};

// The network side of a provider. Lives on the thread that created it (it owns its network
// access); callbacks run on that thread. What the provider does not support answers at once.
class ProviderClient {
public:
    virtual ~ProviderClient() = default;

    // Starts a send; a refusal means nothing was sent and `done` is not called.
    virtual std::optional<ProviderRefusal> send(const ProviderAccount &account, const OutboundRequest &message,
                                                std::function<void(const GraphResult &)> done) = 0;
    virtual void checkHealth(const ProviderAccount &account, std::function<void(const HealthReport &)> done) = 0;
    // Downloads an inbound media by id, at most maxBytes; a refusal: nothing was asked.
    virtual std::optional<ProviderRefusal>
    fetchMedia(const ProviderAccount &account, const QString &mediaId, const QString &messageType, qint64 maxBytes,
               std::function<void(const GraphResult &, const QByteArray &)> done);
    virtual void startSession(const ProviderAccount &account, const QString &webhookUrl,
                              std::function<void(const SessionReply &)> done);
    virtual void qrCode(const ProviderAccount &account, std::function<void(const SessionReply &)> done);
    virtual void closeSession(const ProviderAccount &account, std::function<void(const SessionReply &)> done);
    virtual void templates(const ProviderAccount &account,
                           std::function<void(const GraphResult &, const QList<MessageTemplate> &)> done);
};

// One WhatsApp provider (Meta Cloud API, WPPConnect…). One object per provider, shared by every
// thread: everything here is const and thread-safe; network calls go through client().
class WhatsAppProvider {
public:
    virtual ~WhatsAppProvider() = default;

    virtual QString name() const = 0;   // as stored in whatsapp_numbers.provider
    virtual ProviderCapabilities capabilities() const = 0;
    // How long a QR stays scannable (seconds), for providers that pair by QR.
    virtual qint64 qrLifetimeSeconds() const { return 0; }

    virtual std::unique_ptr<ProviderClient> client(const ProviderSettings &settings) const = 0;

    // The number's provider columns from a create (`creating`: the required ones must be sent)
    // or update body, and its secrets (the names of those sent go to `sent`, for the audit).
    virtual void readSettings(Validator &v, WhatsAppNumber &n, bool creating) const = 0;
    virtual void readSecrets(Validator &v, NumberSecrets &s, bool creating, QStringList &sent) const = 0;
    // What makes two live numbers the same for this provider: column/value pairs, and the 409 text.
    using UniqueKey = NumberStore::UniqueColumns;
    virtual QList<UniqueKey> uniqueKeys(const WhatsAppNumber &n) const = 0;
    // Whether the number has what talking to the provider needs (a 422 naming what is missing).
    virtual Result<Ok> checkConfigured(const ProviderAccount &account) const = 0;
    // The account whose templates a number shares (the cache key), or why they cannot be listed.
    virtual Result<QString> templateSource(const ProviderAccount &account) const;

    // Where the provider posts its webhooks for a number (the WebhooksApi routes).
    QString webhookPath(qint64 numberId) const;
    virtual QString webhookUrl(const QString &publicBase, qint64 numberId, const QString &webhookSecret) const;
    // The GET handshake (webhookHandshake only): the body to answer, or 403.
    virtual Result<QByteArray> verifyHandshake(const WebhookRequest &request, const NumberSecrets &secrets) const;
    // Whether a POST really comes from the provider for this number; the 401 otherwise.
    virtual Result<Ok> verifyWebhook(const WebhookRequest &request, const NumberSecrets &secrets,
                                     const ProviderSettings &settings) const = 0;
    // The body read into provider-neutral records (nothing stored).
    virtual WebhookContent parseWebhook(const ProviderAccount &account, const QByteArray &rawBody) const = 0;
};

}   // namespace Conversa::Server
