#include "AppContext.h"

#include "ConversationController.h"
#include "InboxController.h"
#include "SessionController.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcApp, "conversa.desktop.app")

AppContext::AppContext(const Options &options, QObject *parent) : QObject(parent), m_options(options)
{
    m_settings = options.settingsFile.isEmpty() ? std::make_unique<QSettings>()
                                                : std::make_unique<QSettings>(options.settingsFile, QSettings::IniFormat);
    // The system language unless the user chose one.
    QString lang = m_settings->value(u"ui/language"_s).toString();
    if (lang.isEmpty())
        lang = QLocale::system().language() == QLocale::Spanish ? u"es"_s : u"en"_s;
    setLanguage(lang);

    m_probe.setInterval(options.probeIntervalMs);
    connect(&m_probe, &QTimer::timeout, this, &AppContext::probe);
    connect(&m_socket, &Conversa::SocketIoClient::connected, this, [this] { setOnline(true); });

    m_session = std::make_unique<SessionController>(*this);
    m_inbox = std::make_unique<InboxController>(*this);
    m_conversation = std::make_unique<ConversationController>(*this);
}

AppContext::~AppContext()
{
    m_socket.close();
}

void AppContext::setLanguage(const QString &language)
{
    const QString lang = language == u"es"_s ? u"es"_s : u"en"_s;
    if (lang == m_language)
        return;
    m_language = lang;
    QCoreApplication::removeTranslator(&m_translator);
    if (m_translator.load(u":/i18n/conversa_%1.qm"_s.arg(lang)))
        QCoreApplication::installTranslator(&m_translator);
    else
        qCWarning(lcApp) << "no translation for" << lang;
    m_api.setLanguage(lang.toLatin1());
    m_settings->setValue(u"ui/language"_s, lang);
    emit languageChanged();
}

void AppContext::request(const QByteArray &method, const QString &path, const QJsonObject &body, QObject *context,
                         Handler done, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    const QByteArray payload = body.isEmpty() && (method == "GET" || method == "DELETE")
                                   ? QByteArray()
                                   : QJsonDocument(body).toJson(QJsonDocument::Compact);
    QNetworkReply *reply = m_api.send(method, path, payload, "application/json", headers);
    const QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [this, reply, guard, done] { finished(reply, guard, done); });
}

QNetworkReply *AppContext::requestRaw(const QByteArray &method, const QString &path, const QByteArray &body,
                                      const QByteArray &contentType, QObject *context, Handler done)
{
    QNetworkReply *reply = m_api.send(method, path, body, contentType);
    const QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [this, reply, guard, done] { finished(reply, guard, done); });
    return reply;
}

void AppContext::finished(QNetworkReply *reply, const QPointer<QObject> &context, const Handler &done)
{
    reply->deleteLater();
    const Conversa::ApiResponse response = Conversa::ApiClient::read(reply);
    setOnline(!isNetworkFailure(response));
    if (context && done)
        done(response);
}

void AppContext::setOnline(bool online)
{
    if (online == m_online)
        return;
    m_online = online;
    if (online)
        m_probe.stop();
    else if (!m_api.baseUrl().isEmpty())
        m_probe.start();
    qCInfo(lcApp) << (online ? "server reachable" : "server unreachable");
    emit onlineChanged();
    if (online)
        emit reconnected();
}

void AppContext::probe()
{
    QNetworkReply *reply = m_api.send("GET", u"/health"_s);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() > 0)
            setOnline(true);
    });
}

QString AppContext::errorText(const Conversa::ApiResponse &response)
{
    if (response.status == 0)
        return tr("The server cannot be reached. Check the address and your connection.");
    const QJsonObject error = response.object().value(u"error"_s).toObject();
    // Field errors say what to fix; the general message only that something was wrong.
    QStringList details;
    for (const QJsonValue &d : error.value(u"details"_s).toArray())
        details.append(d.toObject().value(u"message"_s).toString());
    details.removeAll(QString());
    if (!details.isEmpty())
        return details.join(u'\n');
    const QString message = error.value(u"message"_s).toString();
    if (!message.isEmpty())
        return message;
    return tr("The server answered with an error (HTTP %1).").arg(response.status);
}
