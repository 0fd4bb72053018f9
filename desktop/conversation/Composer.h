#pragma once

#include "Outbox.h"
#include "TemplateListModel.h"

#include <QObject>
#include <QUrl>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

class AppContext;
class ConversationController;

// What the agent sends in the open conversation: text, a template (outside the 24-hour window) or
// a file (uploaded first, with progress). Every message goes through an outbox that survives the
// server being unreachable and the app being closed, and is sent once, keyed by Idempotency-Key;
// a failed one can be retried.
class Composer : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ConversationController")
    Q_PROPERTY(int outboxCount READ outboxCount NOTIFY outboxCountChanged)
    Q_PROPERTY(bool uploading READ uploading NOTIFY uploadChanged)
    Q_PROPERTY(double uploadProgress READ uploadProgress NOTIFY uploadChanged)
    // What may be sent outside the 24-hour window, loaded when the window is found closed (or by
    // loadTemplates()).
    Q_PROPERTY(TemplateListModel *templates READ templates CONSTANT)
    Q_PROPERTY(QString templatesError READ templatesError NOTIFY templatesChanged)
public:
    Composer(AppContext &app, ConversationController &conversation, QObject *parent = nullptr);

    int outboxCount() const { return m_outbox.count(); }
    bool uploading() const { return m_uploading; }
    double uploadProgress() const { return m_uploadProgress; }
    TemplateListModel *templates() { return &m_templates; }
    QString templatesError() const { return m_templatesError; }
    bool hasTemplatesFor(qint64 chatId) const { return m_templatesChat == chatId; }

    Q_INVOKABLE void sendText(const QString &text);
    // One of the templates (its row), with a value for each of its variables, in order.
    Q_INVOKABLE void sendTemplate(int row, const QStringList &values);
    // Uploads a local file (progress in uploadProgress), then sends it as an image, video,
    // audio or document message with the caption.
    Q_INVOKABLE void sendFile(const QUrl &file, const QString &caption = {});
    Q_INVOKABLE void retry(qint64 messageId);
    Q_INVOKABLE void loadTemplates();

    void forgetTemplates();           // another chat is open
    void showOutbox(qint64 chatId);   // the outbox's messages of this chat as local rows
    void flush();

signals:
    void outboxCountChanged();
    void uploadChanged();
    void templatesChanged();
    void messageSent(qint64 messageId);   // the server stored a message typed here

private:
    void enqueue(const QString &preview, Conversa::SendMessageRequest request);
    QString serverKey() const;

    AppContext &m_app;
    ConversationController &m_conversation;
    Outbox m_outbox;
    bool m_uploading = false;
    double m_uploadProgress = 0;
    TemplateListModel m_templates;
    QString m_templatesError;
    qint64 m_templatesChat = 0;   // the chat m_templates are for
};
