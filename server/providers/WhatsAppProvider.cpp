#include "WhatsAppProvider.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

ProviderAccount ProviderAccount::of(const WhatsAppNumber &n, const NumberSecrets &secrets)
{
    return {n.id,   n.metaPhoneNumberId, n.metaBusinessAccountId, n.wppconnectServerUrl, n.wppconnectSessionName,
            secrets};
}

ProviderAccount ProviderAccount::of(const InboundNumber &n, const NumberSecrets &secrets)
{
    return {n.id, n.metaPhoneNumberId, {}, {}, n.wppconnectSession, secrets};
}

QString joinNonEmpty(const QStringList &parts, const QString &separator)
{
    QStringList kept;
    for (const QString &p : parts) {
        if (!p.trimmed().isEmpty())
            kept.append(p.trimmed());
    }
    return kept.join(separator);
}

QString menuAsText(const QString &content, const QJsonObject &interactive)
{
    QStringList lines;
    const QJsonArray options = interactive.value(u"options"_s).toArray();
    for (qsizetype i = 0; i < options.size(); ++i)
        lines.append(u"%1. %2"_s.arg(i + 1).arg(options.at(i).toObject().value(u"title"_s).toString().trimmed()));
    return joinNonEmpty({content, lines.join(u'\n')}, u"\n\n"_s);
}

// ---- what a provider does not support ----

std::optional<ProviderRefusal> ProviderClient::fetchMedia(const ProviderAccount &, const QString &, const QString &,
                                                          qint64,
                                                          std::function<void(const GraphResult &, const QByteArray &)>)
{
    return ProviderRefusal{u"media_unsupported"_s, u"Media of this provider is not fetched"_s};
}

void ProviderClient::startSession(const ProviderAccount &, const QString &,
                                  std::function<void(const SessionReply &)> done)
{
    done(SessionReply{});
}

void ProviderClient::qrCode(const ProviderAccount &, std::function<void(const SessionReply &)> done)
{
    done(SessionReply{});
}

void ProviderClient::closeSession(const ProviderAccount &, std::function<void(const SessionReply &)> done)
{
    done(SessionReply{});
}

void ProviderClient::templates(const ProviderAccount &,
                               std::function<void(const GraphResult &, const QList<MessageTemplate> &)> done)
{
    done(GraphResult{GraphResult::Outcome::Sent, {}, {}, {}}, {});
}

Result<QString> WhatsAppProvider::templateSource(const ProviderAccount &) const
{
    return QString();
}

QString WhatsAppProvider::webhookPath(qint64 numberId) const
{
    return u"/v1/webhooks/whatsapp/"_s + name() + u'/' + QString::number(numberId);
}

QString WhatsAppProvider::webhookUrl(const QString &publicBase, qint64 numberId, const QString &) const
{
    QString base = publicBase;
    while (base.endsWith(u'/'))
        base.chop(1);
    return base + webhookPath(numberId);
}

Result<QByteArray> WhatsAppProvider::verifyHandshake(const WebhookRequest &, const NumberSecrets &) const
{
    return ApiError::forbidden();
}

}   // namespace Conversa::Server
