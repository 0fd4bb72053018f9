#pragma once

#include <Conversa/api/ApiClient.h>
#include <Conversa/realtime/SocketIoClient.h>

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QSettings>
#include <QTimer>
#include <QTranslator>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

class SessionController;
class InboxController;
class ConversationController;
Q_MOC_INCLUDE("SessionController.h")
Q_MOC_INCLUDE("InboxController.h")
Q_MOC_INCLUDE("ConversationController.h")

// Everything the app shares, built once by main.cpp (and by the tests) and handed to QML: the
// REST client, the socket, the settings, and the controllers QML talks to. It also knows whether
// the server is reachable: a request that gets no HTTP answer turns `online` off, and a probe of
// /health every few seconds (besides the socket's own reconnection) turns it on again.
class AppContext : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Built by main.cpp")
    Q_PROPERTY(SessionController *session READ session CONSTANT)
    Q_PROPERTY(InboxController *inbox READ inbox CONSTANT)
    Q_PROPERTY(ConversationController *conversation READ conversation CONSTANT)
    Q_PROPERTY(bool online READ online NOTIFY onlineChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
public:
    struct Options {
        QString settingsFile;                       // empty: the user's settings
        QString keychainService = QStringLiteral("Conversa");
        int probeIntervalMs = 3000;
    };
    explicit AppContext(const Options &options, QObject *parent = nullptr);
    ~AppContext() override;

    SessionController *session() const { return m_session.get(); }
    InboxController *inbox() const { return m_inbox.get(); }
    ConversationController *conversation() const { return m_conversation.get(); }
    Conversa::ApiClient &api() { return m_api; }
    Conversa::SocketIoClient &socket() { return m_socket; }
    QSettings &settings() { return *m_settings; }
    const Options &options() const { return m_options; }

    bool online() const { return m_online; }
    QString language() const { return m_language; }
    void setLanguage(const QString &language);   // "es" or "en": UI, server messages, saved

    using Handler = std::function<void(const Conversa::ApiResponse &)>;
    // One request to the API; `done` runs on the answer unless `context` is gone by then.
    void request(const QByteArray &method, const QString &path, const QJsonObject &body, QObject *context,
                 Handler done, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    // The same with a raw body (uploads); `progress` gets bytes sent and total.
    QNetworkReply *requestRaw(const QByteArray &method, const QString &path, const QByteArray &body,
                              const QByteArray &contentType, QObject *context, Handler done);

    // A text for the user: the server's error message, or why there was no answer.
    static QString errorText(const Conversa::ApiResponse &response);
    static bool isNetworkFailure(const Conversa::ApiResponse &response) { return response.status == 0; }

signals:
    void onlineChanged();
    void reconnected();          // the server answers again after being unreachable
    void languageChanged();

private:
    void finished(QNetworkReply *reply, const QPointer<QObject> &context, const Handler &done);
    void setOnline(bool online);
    void probe();

    Options m_options;
    std::unique_ptr<QSettings> m_settings;
    QNetworkAccessManager m_network;
    Conversa::ApiClient m_api{&m_network};
    Conversa::SocketIoClient m_socket;
    QTimer m_probe;
    bool m_online = true;
    QString m_language;
    QTranslator m_translator;
    std::unique_ptr<SessionController> m_session;
    std::unique_ptr<InboxController> m_inbox;
    std::unique_ptr<ConversationController> m_conversation;
};
