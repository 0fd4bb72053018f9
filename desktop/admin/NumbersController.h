#pragma once

#include "ResourceController.h"

#include <QVariantMap>

// The WhatsApp numbers screen (server/openapi/paths/numbers.yaml, docs/PROVIDERS.md): the paged
// list with the provider and status filters, a number's detail with the webhook URL to paste at
// the provider, create and edit for Meta Cloud API and WPPConnect numbers, and its connection
// (`connection`: status, last error, the latest health check, the connection history) with
// reconnect and disconnect. Secrets (access token, app secret, verify token, API key) are never
// answered: an empty field leaves them as they are. Admins manage numbers; supervisors read them.
class NumbersController : public ResourceController {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVariantMap connection READ connection NOTIFY connectionChanged)
    // A WPPConnect number's QR code to link the phone, as a data URL an Image shows; empty when
    // there is none (connected, or not started). Loaded after a connect and by loadQr().
    Q_PROPERTY(QString qrCode READ qrCode NOTIFY qrCodeChanged)
public:
    explicit NumbersController(QObject *parent = nullptr);

    QVariantMap connection() const { return m_connection; }
    QString qrCode() const { return m_qrCode; }

    Q_INVOKABLE void loadConnection();   // of the open number
    Q_INVOKABLE void reconnect();
    Q_INVOKABLE void disconnectNumber();
    Q_INVOKABLE void loadQr();

signals:
    void connectionChanged();
    void qrCodeChanged();

protected:
    QJsonObject body(const QVariantMap &form, bool creating) const override;

private:
    void setConnection(const QJsonObject &connection);
    void connectionCall(const QString &action);

    void setQrCode(const QString &qrCode);
    bool isWppConnect() const
    {
        return currentItem().value(QStringLiteral("provider")).toString() == QStringLiteral("wppconnect");
    }

    QVariantMap m_connection;
    QString m_qrCode;
};
