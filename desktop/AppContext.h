#pragma once

#include <Conversa/api/ApiClient.h>
#include <Conversa/realtime/RealtimeEvents.h>
#include <Conversa/realtime/SocketIoClient.h>

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
// the server is reachable: every reply of the REST client is watched, one that gets no HTTP answer
// turns `online` off, and a probe of /health every few seconds (besides the socket's own
// reconnection) turns it on again.
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
        QString settingsFile;   // empty: the user's settings
        // Where unsent messages are kept: empty is outbox.json next to settingsFile when one is
        // given (tests), else in the app's data directory.
        QString outboxFile;
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
    Conversa::RealtimeEvents &events() { return m_events; }   // the socket's events, decoded
    QSettings &settings() { return *m_settings; }
    const Options &options() const { return m_options; }
    QString outboxFile() const;

    bool online() const { return m_online; }
    QString language() const { return m_language; }
    void setLanguage(const QString &language);   // "es" or "en": UI, server messages, saved

    // The bytes of a GET (files, thumbnails: the typed client has no call for them); `done` runs
    // unless `context` is gone by then, with an empty error on success.
    void download(const QString &path, QObject *context,
                  std::function<void(const QByteArray &, const QString &error)> done);

    // A text for the user: the field errors, else the server's message, or why there was no answer.
    static QString errorText(const Conversa::ApiError &error);

signals:
    void onlineChanged();
    void reconnected();   // the server answers again after being unreachable
    void languageChanged();

private:
    void watch(QNetworkReply *reply);
    void setOnline(bool online);
    void probe();

    Options m_options;
    std::unique_ptr<QSettings> m_settings;
    QNetworkAccessManager m_network;
    Conversa::ApiClient m_api{&m_network};
    Conversa::SocketIoClient m_socket;
    Conversa::RealtimeEvents m_events{m_socket};
    QTimer m_probe;
    bool m_online = true;
    QString m_language;
    QTranslator m_translator;
    std::unique_ptr<SessionController> m_session;
    std::unique_ptr<InboxController> m_inbox;
    std::unique_ptr<ConversationController> m_conversation;
};
