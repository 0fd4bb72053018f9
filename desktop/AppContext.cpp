#include "AppContext.h"

#include "ConversationController.h"
#include "InboxController.h"
#include "SessionController.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QStandardPaths>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcApp, "conversa.desktop.app")

AppContext::AppContext(const Options &options, QObject *parent) : QObject(parent), m_options(options)
{
    m_settings = options.settingsFile.isEmpty()
        ? std::make_unique<QSettings>()
        : std::make_unique<QSettings>(options.settingsFile, QSettings::IniFormat);
    // The system language unless the user chose one.
    QString lang = m_settings->value(u"ui/language"_s).toString();
    if (lang.isEmpty())
        lang = QLocale::system().language() == QLocale::Spanish ? u"es"_s : u"en"_s;
    setLanguage(lang);

    m_probe.setInterval(options.probeIntervalMs);
    connect(&m_probe, &QTimer::timeout, this, &AppContext::probe);
    connect(&m_socket, &Conversa::SocketIoClient::connected, this, [this] { setOnline(true); });
    // Every REST exchange (typed calls, retries, refreshes, downloads, the probe) says whether the
    // server answered.
    connect(&m_network, &QNetworkAccessManager::finished, this, &AppContext::watch);

    m_session = std::make_unique<SessionController>(*this);
    m_inbox = std::make_unique<InboxController>(*this);
    m_conversation = std::make_unique<ConversationController>(*this);
}

AppContext::~AppContext()
{
    m_socket.close();
}

QString AppContext::outboxFile() const
{
    if (!m_options.outboxFile.isEmpty())
        return m_options.outboxFile;
    const QString dir = m_options.settingsFile.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        : QFileInfo(m_options.settingsFile).absolutePath();
    return dir + u"/outbox.json"_s;
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

void AppContext::watch(QNetworkReply *reply)
{
    setOnline(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() > 0);
}

void AppContext::download(const QString &path, QObject *context,
                          std::function<void(const QByteArray &, const QString &)> done)
{
    QNetworkReply *reply = m_api.send("GET", path, {}, {});
    const QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [reply, guard, done] {
        reply->deleteLater();
        const Conversa::ApiResponse r = Conversa::ApiClient::read(reply);
        if (!guard || !done)
            return;
        if (r.status == 200)
            done(r.body, {});
        else
            done({},
                 errorText(r.status == 0 ? Conversa::ApiError::network({})
                                         : Conversa::ApiError::fromHttp(r.status, r.body)));
    });
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
    // Its answer (or none) is seen by watch() like any other.
    QNetworkReply *reply = m_api.send("GET", u"/health"_s);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

QString AppContext::errorText(const Conversa::ApiError &error)
{
    if (error.isNetworkError())
        return tr("The server cannot be reached. Check the address and your connection.");
    // Field errors say what to fix; the general message only that something was wrong.
    QStringList details;
    for (const Conversa::ApiError::FieldError &d : error.details)
        details.append(d.message);
    details.removeAll(QString());
    if (!details.isEmpty())
        return details.join(u'\n');
    if (!error.message.isEmpty())
        return error.message;
    return tr("The server answered with an error (HTTP %1).").arg(error.httpStatus);
}
