#pragma once

#include "MessageListModel.h"
#include "Outbox.h"

#include <Conversa/api/ApiResult.h>
#include <Conversa/dto/ChatDto.h>

#include <QDateTime>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class AppContext;

// The open conversation: its details and messages, sending (through an outbox that survives the
// server being unreachable and the app being closed, and sends each message once, keyed by
// Idempotency-Key), retrying a
// failed message, marking what the agent sees as read, typing, the 24-hour window, and the chat's
// actions (assign, transfer, close, reopen, tag, note, priority).
class ConversationController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by AppContext")
    Q_PROPERTY(MessageListModel *messages READ messages CONSTANT)
    Q_PROPERTY(qint64 chatId READ chatId NOTIFY chatChanged)
    Q_PROPERTY(QString title READ title NOTIFY chatChanged)
    Q_PROPERTY(QString phoneNumber READ phoneNumber NOTIFY chatChanged)
    Q_PROPERTY(QString status READ status NOTIFY chatChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY chatChanged)
    Q_PROPERTY(QString priority READ priority NOTIFY chatChanged)
    Q_PROPERTY(QString campaignName READ campaignName NOTIFY chatChanged)
    Q_PROPERTY(QString assignedAgentName READ assignedAgentName NOTIFY chatChanged)
    Q_PROPERTY(QStringList tags READ tags NOTIFY chatChanged)
    Q_PROPERTY(QVariantList notes READ notes NOTIFY chatChanged)
    Q_PROPERTY(QVariantMap client READ client NOTIFY chatChanged)
    Q_PROPERTY(bool windowOpen READ windowOpen NOTIFY windowChanged)
    Q_PROPERTY(QString windowRemaining READ windowRemaining NOTIFY windowChanged)
    Q_PROPERTY(bool hasOlder READ hasOlder NOTIFY hasOlderChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
    Q_PROPERTY(QString typingText READ typingText NOTIFY typingTextChanged)
    Q_PROPERTY(int outboxCount READ outboxCount NOTIFY outboxCountChanged)
    Q_PROPERTY(bool viewActive MEMBER m_viewActive NOTIFY viewActiveChanged)
    Q_PROPERTY(bool uploading READ uploading NOTIFY uploadChanged)
    Q_PROPERTY(double uploadProgress READ uploadProgress NOTIFY uploadChanged)
    // Transfer and assignment targets, from the chat's transfer options (so agents get them too):
    // agents [{id, name, status, openChats, maxChats}] of the chat's campaign but its own agent,
    // available first; campaigns [{id, name}] other than the chat's. Loaded by loadChoices().
    Q_PROPERTY(QVariantList agentChoices READ agentChoices NOTIFY choicesChanged)
    Q_PROPERTY(QVariantList campaignChoices READ campaignChoices NOTIFY choicesChanged)
    // What may be sent outside the 24-hour window: [{name, language, category, body, variables}],
    // loaded when the window is found closed (or by loadTemplates()).
    Q_PROPERTY(QVariantList templates READ templates NOTIFY templatesChanged)
    Q_PROPERTY(QString templatesError READ templatesError NOTIFY templatesChanged)
    // The client panel's field errors from the last save: {wire field name: message}.
    Q_PROPERTY(QVariantMap clientErrors READ clientErrors NOTIFY clientErrorsChanged)
public:
    explicit ConversationController(AppContext &app, QObject *parent = nullptr);

    MessageListModel *messages() { return &m_messages; }
    qint64 chatId() const { return m_chatId; }
    QString title() const;
    QString phoneNumber() const;
    QString status() const { return m_chat.status; }
    QString statusText() const;
    QString priority() const { return m_chat.priority; }
    QString campaignName() const;
    QString assignedAgentName() const;
    QStringList tags() const;
    QVariantList notes() const;
    QVariantMap client() const;
    bool windowOpen() const;
    QString windowRemaining() const;
    bool hasOlder() const { return m_hasOlder; }
    bool busy() const { return m_busy > 0; }
    QString errorMessage() const { return m_error; }
    QString typingText() const { return m_typing; }
    int outboxCount() const { return m_outbox.count(); }
    bool uploading() const { return m_uploading; }
    double uploadProgress() const { return m_uploadProgress; }
    QVariantList agentChoices() const { return m_agentChoices; }
    QVariantList campaignChoices() const { return m_campaignChoices; }
    QVariantMap clientErrors() const { return m_clientErrors; }
    QVariantList templates() const { return m_templates; }
    QString templatesError() const { return m_templatesError; }

    Q_INVOKABLE void open(qint64 chatId);
    Q_INVOKABLE void closeView();
    Q_INVOKABLE void loadOlder();
    Q_INVOKABLE void sendText(const QString &text);
    Q_INVOKABLE void sendTemplate(const QString &name, const QString &language, const QVariantMap &variables);
    // Uploads a local file (progress in uploadProgress), then sends it as an image, video,
    // audio or document message with the caption.
    Q_INVOKABLE void sendFile(const QUrl &file, const QString &caption = {});
    Q_INVOKABLE void retry(qint64 messageId);
    Q_INVOKABLE void markSeen();
    Q_INVOKABLE void notifyTyping();
    Q_INVOKABLE void clearError() { setError({}); }

    // Changes the chat's client: the fields given, named as on the wire (first_name, last_name,
    // email, notes, tags [list], custom_fields {object}); a partial update.
    Q_INVOKABLE void saveClient(const QVariantMap &changes);
    Q_INVOKABLE void loadChoices();     // when a picker opens
    Q_INVOKABLE void loadTemplates();
    Q_INVOKABLE void assign(qint64 agentId);
    Q_INVOKABLE void transfer(const QString &targetType, qint64 targetId, const QString &reason);
    Q_INVOKABLE void closeChat(const QString &reason, const QString &outcome, qint64 outcomeValue, const QString &notes);
    Q_INVOKABLE void reopen();
    Q_INVOKABLE void addTag(const QString &tag);
    Q_INVOKABLE void addNote(const QString &content);
    Q_INVOKABLE void setPriority(const QString &priority);

signals:
    void chatChanged();
    void windowChanged();
    void hasOlderChanged();
    void busyChanged();
    void errorMessageChanged();
    void typingTextChanged();
    void outboxCountChanged();
    void uploadChanged();
    void viewActiveChanged();
    void choicesChanged();
    void clientErrorsChanged();
    void clientSaved();
    void templatesChanged();
    void messageSent(qint64 messageId);   // the server stored a message typed here
    void actionDone();

private:
    void onEvent(const QString &name, const QJsonValue &payload);
    void loadChat();
    void catchUp();   // the newest page again after a disconnection, merged in
    void enqueue(const QString &preview, Conversa::SendMessageRequest request);
    void flush();
    void showOutbox(qint64 chatId);   // the outbox's messages of this chat as local rows
    QString serverKey() const;
    // The answer of a chat action: the chat again, or the error.
    template<class T> Conversa::ApiCallback<T> actionAnswer();
    bool startAction();
    void setChat(const Conversa::ChatDto &chat);
    void setError(const QString &error);
    void setBusy(bool busy);

    AppContext &m_app;
    MessageListModel m_messages;
    qint64 m_chatId = 0;
    Conversa::ChatDto m_chat;
    bool m_hasOlder = false;
    int m_busy = 0;
    int m_generation = 0;
    QString m_error;
    QString m_typing;
    QTimer m_typingClear;
    QTimer m_windowTick;
    qint64 m_lastTypingSent = 0;
    bool m_viewActive = true;
    bool m_uploading = false;
    double m_uploadProgress = 0;
    Outbox m_outbox;
    QVariantList m_agentChoices;
    QVariantList m_campaignChoices;
    QVariantMap m_clientErrors;
    QVariantList m_templates;
    QString m_templatesError;
    qint64 m_templatesChat = 0;   // the chat m_templates are for
};
