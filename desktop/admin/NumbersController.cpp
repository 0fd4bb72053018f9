#include "NumbersController.h"

using namespace Qt::StringLiterals;
using Conversa::ApiResult;

NumbersController::NumbersController(QObject *parent)
    : ResourceController(u"/v1/whatsapp-numbers"_s,
                         {u"whatsapp.numbers.manage"_s, u"whatsapp.numbers.manage"_s, u"whatsapp.numbers.manage"_s},
                         parent)
{
    // A number opened (or closed): its connection follows.
    connect(this, &ResourceController::itemChanged, this, [this] {
        if (m_connection.value(u"id"_s).toLongLong() != itemId())
            setQrCode({});
        if (itemId() == 0)
            setConnection({});
        else if (m_connection.value(u"id"_s).toLongLong() != itemId())
            loadConnection();
    });
}

QJsonObject NumbersController::body(const QVariantMap &form, bool creating) const
{
    QJsonObject out;
    const QString provider =
        creating ? form.value(u"provider"_s).toString() : currentItem().value(u"provider"_s).toString();
    if (creating)
        out.insert(u"provider"_s, provider);
    QStringList texts{u"phone_number"_s, u"display_name"_s};
    QStringList secrets;
    if (provider == "meta"_L1) {
        texts << u"meta_phone_number_id"_s;
        secrets << u"meta_access_token"_s << u"meta_app_secret"_s << u"webhook_verify_token"_s;
        if (form.contains(u"meta_business_account_id"_s)) {
            const QString waba = form.value(u"meta_business_account_id"_s).toString().trimmed();
            out.insert(u"meta_business_account_id"_s, waba.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(waba));
        }
    } else {
        texts << u"wppconnect_session_name"_s << u"wppconnect_server_url"_s;
        secrets << u"wppconnect_api_key"_s;
    }
    if (!creating)
        texts << u"status"_s;
    for (const QString &key : texts) {
        if (form.contains(key))
            out.insert(key, form.value(key).toString().trimmed());
    }
    // Never answered by the server: sent only when typed, else kept as they are.
    for (const QString &key : secrets) {
        const QString secret = form.value(key).toString().trimmed();
        if (!secret.isEmpty())
            out.insert(key, secret);
    }
    for (const QString &key : {u"daily_message_limit"_s, u"rate_limit_per_minute"_s}) {
        if (form.contains(key))
            out.insert(key, form.value(key).toLongLong());
    }
    return out;
}

void NumbersController::setConnection(const QJsonObject &connection)
{
    m_connection = connection.toVariantMap();
    emit connectionChanged();
}

void NumbersController::loadConnection()
{
    const qint64 id = itemId();
    if (!app() || id == 0)
        return;
    app()->api().getResource(itemPath(id) + u"/status"_s, {}, this, [this, id](const ApiResult<QJsonObject> &r) {
        if (id != itemId())
            return;
        if (!r)
            return setMessages(AppContext::errorText(r.error()), {});
        setConnection(*r);
    });
}

void NumbersController::connectionCall(const QString &action)
{
    const qint64 id = itemId();
    if (id == 0)
        return;
    call("POST", itemPath(id) + u'/' + action, {}, [this, id, action](const QJsonObject &answer) {
        setConnection(answer);
        // A WPPConnect session that starts shows a QR to scan.
        if (action == "reconnect"_L1 && isWppConnect() &&
            answer.value(u"connection_status"_s).toString() != "connected"_L1)
            loadQr();
        else
            setQrCode({});
        setMessages({},
                    answer.value(u"connection_status"_s).toString() == "connected"_L1 ? tr("Connected")
                                                                                      : tr("Connection changed"));
        open(id);   // the list's and the detail's connection status
    });
}

void NumbersController::reconnect()
{
    connectionCall(u"reconnect"_s);
}

void NumbersController::disconnectNumber()
{
    connectionCall(u"disconnect"_s);
}

void NumbersController::setQrCode(const QString &qrCode)
{
    if (m_qrCode == qrCode)
        return;
    m_qrCode = qrCode;
    emit qrCodeChanged();
}

void NumbersController::loadQr()
{
    const qint64 id = itemId();
    if (!app() || id == 0 || !isWppConnect())
        return;
    app()->api().getResource(itemPath(id) + u"/qr"_s, {}, this, [this, id](const ApiResult<QJsonObject> &r) {
        if (id != itemId())
            return;
        if (!r)
            return setMessages(AppContext::errorText(r.error()), {});
        setQrCode(r->value(u"qr_code"_s).toString());
        if (m_qrCode.isEmpty())
            setMessages({}, tr("No QR code now: connect the number first, or it is already linked"));
    });
}
