#include "Composer.h"

#include "AppContext.h"
#include "ConversationController.h"
#include "SessionController.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QUuid>

using namespace Qt::StringLiterals;

Composer::Composer(AppContext &app, ConversationController &conversation, QObject *parent)
    : QObject(parent), m_app(app), m_conversation(conversation), m_outbox(app.outboxFile())
{
    // The server answers again: what waited in the outbox goes.
    connect(&m_app, &AppContext::reconnected, this, &Composer::flush);
    // Signed in (also at the next start): what this user left unsent goes now.
    connect(m_app.session(), &SessionController::signedIn, this, [this] {
        emit outboxCountChanged();
        flush();
    });
    connect(m_app.session(), &SessionController::signedOut, this, [this] {
        // Signing out gives up what this user had not sent (closing the app keeps it).
        m_outbox.removeFor(serverKey(), m_app.api().userId());
        emit outboxCountChanged();
    });
}

QString Composer::serverKey() const
{
    return m_app.api().baseUrl().toString();
}

void Composer::forgetTemplates()
{
    m_templates.set({});
    m_templatesError.clear();
    m_templatesChat = 0;
    emit templatesChanged();
}

void Composer::showOutbox(qint64 chatId)
{
    MessageListModel *messages = m_conversation.messages();
    for (const Outbox::Entry &e : m_outbox.entries()) {
        if (e.request.chatId != chatId || e.userId != m_app.api().userId())
            continue;
        const QString key = QString::fromLatin1(e.request.idempotencyKey);
        if (messages->rowOfKey(key) < 0)
            messages->addLocal(key, e.request.messageType, e.preview);
        messages->setLocalStatus(key, e.inFlight ? u"pending"_s : u"waiting"_s);
    }
}

void Composer::sendText(const QString &text)
{
    const QString content = text.trimmed();
    if (content.isEmpty() || m_conversation.chatId() <= 0)
        return;
    Conversa::SendMessageRequest request;
    request.chatId = m_conversation.chatId();
    request.content = content;
    enqueue(content, request);
}

void Composer::sendTemplate(int row, const QStringList &values)
{
    if (row < 0 || row >= m_templates.count() || m_conversation.chatId() <= 0)
        return;
    const Conversa::MessageTemplateDto &t = m_templates.at(row);
    Conversa::SendMessageRequest request;
    request.chatId = m_conversation.chatId();
    request.messageType = u"template"_s;
    request.templateName = t.name;
    request.templateLanguage = t.language.isEmpty() ? u"es"_s : t.language;
    QJsonObject variables;
    for (qsizetype i = 0; i < t.variables.size(); ++i)
        variables.insert(t.variables.at(i), values.value(i).trimmed());
    request.templateVariables = variables;
    enqueue(t.name, request);
}

void Composer::enqueue(const QString &preview, Conversa::SendMessageRequest request)
{
    Outbox::Entry e;
    e.server = serverKey();
    e.userId = m_app.api().userId();
    e.preview = preview;
    request.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
    e.request = std::move(request);
    m_outbox.add(e);
    emit outboxCountChanged();
    if (e.request.chatId == m_conversation.chatId())
        m_conversation.messages()->addLocal(QString::fromLatin1(e.request.idempotencyKey), e.request.messageType,
                                            preview);
    flush();
}

void Composer::flush()
{
    if (m_app.session()->stage() != SessionController::SignedIn)
        return;
    for (const QByteArray &key : m_outbox.keysFor(serverKey(), m_app.api().userId())) {
        Outbox::Entry *e = m_outbox.find(key);
        if (!e || e->inFlight)
            continue;
        m_outbox.setInFlight(key, true);
        const QString localKey = QString::fromLatin1(key);
        if (e->request.chatId == m_conversation.chatId())
            m_conversation.messages()->setLocalStatus(localKey, u"pending"_s);
        // The same key on every attempt: the server stores the message once however often it is sent.
        m_app.api().sendMessage(e->request, this,
                                [this, key, localKey](const Conversa::ApiResult<Conversa::MessageDto> &r) {
                                    Outbox::Entry *sent = m_outbox.find(key);
                                    if (!sent)
                                        return;
                                    const qint64 chatId = sent->request.chatId;
                                    const bool shown = chatId == m_conversation.chatId();
                                    if (!r && (r.error().isNetworkError() || r.error().httpStatus >= 500)) {
                                        m_outbox.setInFlight(key, false);   // kept for when the server answers again
                                        if (shown)
                                            m_conversation.messages()->setLocalStatus(localKey, u"waiting"_s);
                                        return;
                                    }
                                    m_outbox.remove(key);
                                    emit outboxCountChanged();
                                    if (r) {
                                        if (shown)
                                            m_conversation.messages()->resolveLocal(localKey, *r);
                                        emit messageSent(r->id);
                                        return;
                                    }
                                    const QString error = AppContext::errorText(r.error());
                                    if (shown) {
                                        m_conversation.messages()->setLocalStatus(localKey, u"failed"_s, error);
                                        if (r.error().code == u"WINDOW_CLOSED"_s)
                                            m_conversation.reloadChat();
                                    }
                                    m_conversation.reportError(error);
                                });
    }
}

void Composer::sendFile(const QUrl &file, const QString &caption)
{
    if (m_conversation.chatId() <= 0 || m_uploading)
        return;
    QFile f(file.toLocalFile());
    if (!f.open(QIODevice::ReadOnly)) {
        m_conversation.reportError(tr("The file %1 cannot be read.").arg(file.toLocalFile()));
        return;
    }
    m_uploading = true;
    m_uploadProgress = 0;
    emit uploadChanged();
    m_conversation.reportError({});
    const qint64 chatId = m_conversation.chatId();
    m_app.api().uploadFile(
        QFileInfo(f.fileName()).fileName(), f.readAll(), this,
        [this, chatId, caption](const Conversa::ApiResult<Conversa::FileDto> &r) {
            m_uploading = false;
            m_uploadProgress = r ? 1.0 : 0.0;
            emit uploadChanged();
            if (!r) {
                m_conversation.reportError(AppContext::errorText(r.error()));
                return;
            }
            const QString mime = r->mimeType;
            Conversa::SendMessageRequest request;
            request.chatId = chatId;
            request.messageType = mime.startsWith(u"image/"_s) ? u"image"_s
                : mime.startsWith(u"video/"_s)                 ? u"video"_s
                : mime.startsWith(u"audio/"_s)                 ? u"audio"_s
                                                               : u"document"_s;
            request.mediaFileId = r->id;
            request.content = caption.trimmed();
            enqueue(caption.trimmed(), request);
        },
        [this](qint64 sent, qint64 total) {
            m_uploadProgress = double(sent) / double(total);
            emit uploadChanged();
        });
}

void Composer::retry(qint64 messageId)
{
    m_conversation.reportError({});
    m_app.api().retryMessage(messageId, this, [this](const Conversa::ApiResult<Conversa::MessageDto> &r) {
        if (!r) {
            m_conversation.reportError(AppContext::errorText(r.error()));
            return;
        }
        if (r->chatId == m_conversation.chatId())
            m_conversation.messages()->upsert(*r);
    });
}

void Composer::loadTemplates()
{
    const qint64 chatId = m_conversation.chatId();
    if (chatId <= 0)
        return;
    m_templatesChat = chatId;
    m_app.api().listTemplates(chatId, this,
                              [this, chatId](const Conversa::ApiResult<Conversa::MessageTemplateListDto> &r) {
                                  if (chatId != m_conversation.chatId())
                                      return;
                                  m_templatesError.clear();
                                  if (!r) {
                                      m_templates.set({});
                                      m_templatesError = AppContext::errorText(r.error());
                                  } else {
                                      m_templates.set(r->data);
                                      if (m_templates.count() == 0)
                                          m_templatesError = tr("This chat's number has no approved templates.");
                                  }
                                  emit templatesChanged();
                              });
}
