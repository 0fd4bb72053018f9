#pragma once

#include "ClientEditor.h"
#include "Composer.h"
#include "MessageListModel.h"
#include "TransferOptions.h"

#include <Conversa/api/ApiResult.h>
#include <Conversa/dto/ChatDto.h>
#include <Conversa/dto/RealtimeEventDto.h>

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class AppContext;

// The open conversation: its details and messages (older pages through the model's fetchMore),
// marking what the agent sees as read, who is typing, the 24-hour window, and the chat's actions
// (assign, transfer, close, reopen, tag, note, priority). What is sent, the client's details and
// the transfer targets are parts of their own: composer, clientEditor, transferOptions.
class ConversationController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by AppContext")
    Q_PROPERTY(MessageListModel *messages READ messages CONSTANT)
    Q_PROPERTY(Composer *composer READ composer CONSTANT)
    Q_PROPERTY(ClientEditor *clientEditor READ clientEditor CONSTANT)
    Q_PROPERTY(TransferOptions *transferOptions READ transferOptions CONSTANT)
    Q_PROPERTY(qint64 chatId READ chatId NOTIFY chatChanged)
    Q_PROPERTY(QString title READ title NOTIFY chatChanged)
    Q_PROPERTY(QString phoneNumber READ phoneNumber NOTIFY chatChanged)
    Q_PROPERTY(QString status READ status NOTIFY chatChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY chatChanged)
    Q_PROPERTY(QString priority READ priority NOTIFY chatChanged)
    Q_PROPERTY(QString campaignName READ campaignName NOTIFY chatChanged)
    Q_PROPERTY(QString assignedAgentName READ assignedAgentName NOTIFY chatChanged)
    Q_PROPERTY(QStringList tags READ tags NOTIFY chatChanged)
    // The chat's internal notes, oldest first: [{author, content}].
    Q_PROPERTY(QVariantList notes READ notes NOTIFY chatChanged)
    // An agent acts on a chat once it is theirs: a queued or bot chat of their campaign is taken first.
    Q_PROPERTY(bool mustTake READ mustTake NOTIFY chatChanged)
    Q_PROPERTY(bool windowOpen READ windowOpen NOTIFY windowChanged)
    Q_PROPERTY(QString windowRemaining READ windowRemaining NOTIFY windowChanged)
    Q_PROPERTY(bool hasOlder READ hasOlder NOTIFY hasOlderChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
    Q_PROPERTY(QString typingText READ typingText NOTIFY typingTextChanged)
    Q_PROPERTY(bool viewActive MEMBER m_viewActive NOTIFY viewActiveChanged)
public:
    explicit ConversationController(AppContext &app, QObject *parent = nullptr);

    MessageListModel *messages() { return &m_messages; }
    Composer *composer() { return &m_composer; }
    ClientEditor *clientEditor() { return &m_clientEditor; }
    TransferOptions *transferOptions() { return &m_transferOptions; }
    qint64 chatId() const { return m_chatId; }
    QString title() const;
    QString phoneNumber() const { return m_chat.client.phoneNumber; }
    QString status() const { return m_chat.status; }
    QString statusText() const;
    QString priority() const { return m_chat.priority; }
    QString campaignName() const;
    QString assignedAgentName() const;
    QStringList tags() const { return m_chat.tags; }
    QVariantList notes() const;
    bool mustTake() const;
    bool windowOpen() const;
    QString windowRemaining() const;
    bool hasOlder() const { return m_messages.hasOlder(); }
    bool busy() const { return m_busy > 0; }
    QString errorMessage() const { return m_error; }
    QString typingText() const { return m_typing; }

    Q_INVOKABLE void open(qint64 chatId);
    Q_INVOKABLE void closeView();
    Q_INVOKABLE void loadOlder();   // what the message model's fetchMore does
    Q_INVOKABLE void markSeen();
    Q_INVOKABLE void notifyTyping();
    Q_INVOKABLE void clearError() { reportError({}); }

    Q_INVOKABLE void loadChoices() { m_transferOptions.load(m_chatId); }   // when a picker opens
    Q_INVOKABLE void assign(qint64 agentId);
    Q_INVOKABLE void take();   // the chat to oneself (docs/API.md: taking is a transfer to oneself)
    Q_INVOKABLE void transferToQueue(const QString &reason);
    Q_INVOKABLE void transferToAgent(qint64 agentId, const QString &reason);
    Q_INVOKABLE void transferToCampaign(qint64 campaignId, const QString &reason);
    // outcome: sale, no_sale, information or complaint; outcomeValue 0 for none.
    Q_INVOKABLE void closeChat(const QString &reason, const QString &outcome, qint64 outcomeValue,
                               const QString &notes);
    Q_INVOKABLE void reopen();
    Q_INVOKABLE void addTag(const QString &tag);
    Q_INVOKABLE void addNote(const QString &content);
    Q_INVOKABLE void setPriority(const QString &priority);

    // For the parts: a message above the composer (empty clears it), the chat's detail again.
    void reportError(const QString &error);
    void reloadChat();

signals:
    void chatChanged();
    void windowChanged();
    void hasOlderChanged();
    void busyChanged();
    void errorMessageChanged();
    void typingTextChanged();
    void viewActiveChanged();
    void actionDone();

private:
    void onMessage(const Conversa::ChatMessageEventDto &event, bool isNew);
    void onChatUpdated(const Conversa::ChatDto &chat);
    void onTyping(const Conversa::AgentTypingEventDto &event);
    void catchUp();   // the newest page again after a disconnection, merged in
    void transfer(const QString &targetType, std::optional<qint64> targetId, const QString &reason);
    // The answer of a chat action: the chat again, or the error.
    template <class T>
    Conversa::ApiCallback<T> actionAnswer();
    bool startAction();
    void setChat(const Conversa::ChatDto &chat);
    void setBusy(bool busy);

    AppContext &m_app;
    MessageListModel m_messages;
    Composer m_composer;
    ClientEditor m_clientEditor;
    TransferOptions m_transferOptions;
    qint64 m_chatId = 0;
    Conversa::ChatDto m_chat;
    int m_busy = 0;
    int m_generation = 0;
    QString m_error;
    QString m_typing;
    QTimer m_typingClear;
    QTimer m_windowTick;
    qint64 m_lastTypingSent = 0;
    bool m_viewActive = true;
};
