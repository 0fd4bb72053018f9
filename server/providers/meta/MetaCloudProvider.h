#pragma once

#include "providers/WhatsAppProvider.h"

#include <QJsonArray>

namespace Conversa::Server {

// The Meta WhatsApp Cloud API (Graph API): sends by phone number id with the number's access
// token, templates from the business account, inbound media fetched by id, webhooks signed with
// the app secret (X-Hub-Signature-256) and verified once with a GET handshake, and the 24-hour
// customer-service window outside which only templates go out.
class MetaCloudProvider final : public WhatsAppProvider {
public:
    QString name() const override;
    ProviderCapabilities capabilities() const override;
    std::unique_ptr<ProviderClient> client(const ProviderSettings &settings) const override;

    void readSettings(Validator &v, WhatsAppNumber &n, bool creating) const override;
    void readSecrets(Validator &v, NumberSecrets &s, bool creating, QStringList &sent) const override;
    QList<UniqueKey> uniqueKeys(const WhatsAppNumber &n) const override;
    Result<Ok> checkConfigured(const ProviderAccount &account) const override;
    Result<QString> templateSource(const ProviderAccount &account) const override;

    Result<QByteArray> verifyHandshake(const WebhookRequest &request, const NumberSecrets &secrets) const override;
    Result<Ok> verifyWebhook(const WebhookRequest &request, const NumberSecrets &secrets,
                             const ProviderSettings &settings) const override;
    WebhookContent parseWebhook(const ProviderAccount &account, const QByteArray &rawBody) const override;

    // Meta's size limit for an inbound media type.
    static qint64 mediaLimit(const QString &messageType);
    // Graph's template objects as ours: the approved ones only (Meta refuses anything else).
    static QList<MessageTemplate> templatesFromGraph(const QJsonArray &graphTemplates);
    // Meta's status vocabulary mapped onto ours ("played" is "read"); empty when unknown.
    static QString status(const QString &metaStatus);
};

}   // namespace Conversa::Server
