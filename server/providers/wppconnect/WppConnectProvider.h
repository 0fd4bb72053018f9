#pragma once

#include "providers/WhatsAppProvider.h"

namespace Conversa::Server {

// WPPConnect Server (WhatsApp Web behind a REST API): a session per number, paired by scanning a
// QR code, started and closed on demand; free text and files at any time (no templates, no
// 24-hour window, no interactive messages); inbound media arrive inline in the webhook, which
// proves itself with the number's secret in the URL (WPPConnect signs nothing).
class WppConnectProvider final : public WhatsAppProvider {
public:
    QString name() const override;
    ProviderCapabilities capabilities() const override;
    qint64 qrLifetimeSeconds() const override;
    std::unique_ptr<ProviderClient> client(const ProviderSettings &settings) const override;

    void readSettings(Validator &v, WhatsAppNumber &n, bool creating) const override;
    void readSecrets(Validator &v, NumberSecrets &s, bool creating, QStringList &sent) const override;
    QList<UniqueKey> uniqueKeys(const WhatsAppNumber &n) const override;
    Result<Ok> checkConfigured(const ProviderAccount &account) const override;

    QString webhookUrl(const QString &publicBase, qint64 numberId, const QString &webhookSecret) const override;
    Result<Ok> verifyWebhook(const WebhookRequest &request, const NumberSecrets &secrets,
                             const ProviderSettings &settings) const override;
    WebhookContent parseWebhook(const ProviderAccount &account, const QByteArray &rawBody) const override;

    // WPPConnect's ack levels (ack-type.ts) as our statuses; empty for pending (0).
    static QString ackStatus(int ack);
};

}   // namespace Conversa::Server
