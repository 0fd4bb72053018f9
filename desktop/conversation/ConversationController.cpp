#include "ConversationController.h"

#include "AppContext.h"
#include "ChatListModel.h"
#include "InboxController.h"
#include "SessionController.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUuid>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcConversation, "conversa.desktop.conversation")

namespace {
// "Everything before the newest message": the server's before_id with no message after it.
constexpr qint64 kNewest = 9007199254740991;   // 2^53 - 1
constexpr int kPage = 50;

Conversa::MessageQuery before(qint64 id)
{
    Conversa::MessageQuery q;
    q.beforeId = id;
    q.limit = kPage;
    return q;
}

QString personName(const std::optional<QString> &first, const std::optional<QString> &last)
{
    return QString(first.value_or(QString()) + u' ' + last.value_or(QString())).trimmed();
}
} // namespace

ConversationController::ConversationController(AppContext &app, QObject *parent)
    : QObject(parent), m_app(app), m_outbox(app.outboxFile())
{
    m_typingClear.setSingleShot(true);
    m_typingClear.setInterval(4000);
    connect(&m_typingClear, &QTimer::timeout, this, [this] {
        m_typing.clear();
        emit typingTextChanged();
    });
    m_windowTick.setInterval(30000);
    connect(&m_windowTick, &QTimer::timeout, this, &ConversationController::windowChanged);
    connect(&m_app.socket(), &Conversa::SocketIoClient::event, this, &ConversationController::onEvent);
    // The server answers again: what waited in the outbox goes.
    connect(&m_app, &AppContext::reconnected, this, &ConversationController::flush);
    // Events missed while the socket was down (a tick that moved, a client's message): fetched.
    connect(&m_app.socket(), &Conversa::SocketIoClient::reconnected, this, &ConversationController::catchUp);
    // Signed in (also at the next start): what this user left unsent goes now.
    connect(m_app.session(), &SessionController::signedIn, this, [this] {
        emit outboxCountChanged();
        flush();
    });
    connect(m_app.session(), &SessionController::signedOut, this, [this] {
        closeView();
        // Signing out gives up what this user had not sent (closing the app keeps it).
        m_outbox.removeFor(serverKey(), m_app.api().userId());
        emit outboxCountChanged();
    });
    connect(this, &ConversationController::viewActiveChanged, this, &ConversationController::markSeen);
    connect(&m_app, &AppContext::languageChanged, this, &ConversationController::chatChanged);
}

QString ConversationController::serverKey() const
{
    return m_app.api().baseUrl().toString();
}

QString ConversationController::title() const
{
    const QString name = personName(m_chat.client.firstName, m_chat.client.lastName);
    return name.isEmpty() ? m_chat.client.phoneNumber : name;
}

QString ConversationController::statusText() const
{
    return ChatListModel::statusText(status());
}

QString ConversationController::phoneNumber() const
{
    return m_chat.client.phoneNumber;
}

QString ConversationController::campaignName() const
{
    return m_chat.campaign ? m_chat.campaign->name : QString();
}

QString ConversationController::assignedAgentName() const
{
    return m_chat.assignedAgent ? personName(m_chat.assignedAgent->firstName, m_chat.assignedAgent->lastName) : QString();
}

QStringList ConversationController::tags() const
{
    return m_chat.tags;
}

QVariantList ConversationController::notes() const
{
    QVariantList out;
    for (const Conversa::ChatNoteDto &n : m_chat.notes)
        out.append(n.toJson().toVariantMap());
    return out;
}

QVariantMap ConversationController::client() const
{
    return m_chat.id > 0 ? m_chat.client.toJson().toVariantMap() : QVariantMap();
}

bool ConversationController::windowOpen() const
{
    if (!m_chat.wireKeys.contains(u"whatsapp_window"_s))
        return true;   // not known yet: let the server decide
    const Conversa::WhatsAppWindowDto &w = m_chat.whatsappWindow;
    return w.open && (!w.expiresAt.isValid() || w.expiresAt > QDateTime::currentDateTimeUtc());
}

QString ConversationController::windowRemaining() const
{
    const QDateTime expires = m_chat.whatsappWindow.expiresAt;
    if (!m_chat.wireKeys.contains(u"whatsapp_window"_s) || !expires.isValid())
        return windowOpen() ? QString() : tr("The 24-hour window is closed: only templates can be sent.");
    if (!windowOpen())
        return tr("The 24-hour window is closed: only templates can be sent.");
    const qint64 minutes = QDateTime::currentDateTimeUtc().secsTo(expires) / 60;
    return tr("24-hour window: %1 h %2 min left").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

void ConversationController::open(qint64 chatId)
{
    if (chatId == m_chatId)
        return;
    if (m_chatId > 0)
        m_app.socket().leaveChat(m_chatId);
    m_chatId = chatId;
    ++m_generation;
    m_chat = {};
    m_agentChoices.clear();
    m_campaignChoices.clear();
    emit choicesChanged();
    m_templates.clear();
    m_templatesError.clear();
    m_templatesChat = 0;
    emit templatesChanged();
    m_clientErrors.clear();
    emit clientErrorsChanged();
    m_typing.clear();
    m_messages.reset({});
    m_hasOlder = false;
    m_app.inbox()->setOpenChat(chatId);
    setError({});
    emit chatChanged();
    emit windowChanged();
    emit hasOlderChanged();
    emit typingTextChanged();
    if (chatId <= 0) {
        m_windowTick.stop();
        return;
    }
    m_windowTick.start();
    m_app.socket().joinChat(chatId);
    loadChat();
    const int generation = m_generation;
    setBusy(true);
    m_app.api().listMessages(chatId, before(kNewest), this,
                             [this, generation, chatId](const Conversa::ApiResult<Conversa::Page<Conversa::MessageDto>> &r) {
        setBusy(false);
        if (generation != m_generation)
            return;
        if (!r) {
            setError(AppContext::errorText(r.error()));
            return;
        }
        m_messages.reset(r->data);
        showOutbox(chatId);
        m_hasOlder = r->meta.hasMore;
        emit hasOlderChanged();
        markSeen();
    });
}

void ConversationController::showOutbox(qint64 chatId)
{
    for (const Outbox::Entry &e : m_outbox.entries()) {
        if (e.request.chatId != chatId || e.userId != m_app.api().userId())
            continue;
        const QString key = QString::fromLatin1(e.request.idempotencyKey);
        if (m_messages.rowOfKey(key) < 0)
            m_messages.addLocal(key, e.request.messageType, e.preview);
        m_messages.setLocalStatus(key, e.inFlight ? u"pending"_s : u"waiting"_s);
    }
}

void ConversationController::catchUp()
{
    if (m_chatId <= 0)
        return;
    loadChat();
    const int generation = m_generation;
    m_app.api().listMessages(m_chatId, before(kNewest), this,
                             [this, generation](const Conversa::ApiResult<Conversa::Page<Conversa::MessageDto>> &r) {
        if (generation != m_generation || !r)
            return;
        // Row by row, so that what the agent is looking at does not jump.
        for (const Conversa::MessageDto &m : r->data)
            m_messages.upsert(m);
        markSeen();
    });
}

void ConversationController::closeView()
{
    open(0);
}

void ConversationController::loadChat()
{
    const int generation = m_generation;
    m_app.api().getChat(m_chatId, this, [this, generation](const Conversa::ApiResult<Conversa::ChatDto> &r) {
        if (generation != m_generation)
            return;
        if (!r) {
            setError(AppContext::errorText(r.error()));
            return;
        }
        setChat(*r);
    });
}

void ConversationController::setChat(const Conversa::ChatDto &chat)
{
    m_chat = chat;
    emit chatChanged();
    emit windowChanged();
    if (!windowOpen() && m_templatesChat != m_chatId)
        loadTemplates();   // only templates may go now
}

void ConversationController::loadOlder()
{
    const qint64 first = m_messages.firstId();
    if (!m_hasOlder || first <= 0 || busy())
        return;
    const int generation = m_generation;
    setBusy(true);
    m_app.api().listMessages(m_chatId, before(first), this,
                             [this, generation](const Conversa::ApiResult<Conversa::Page<Conversa::MessageDto>> &r) {
        setBusy(false);
        if (generation != m_generation || !r)
            return;
        m_messages.prepend(r->data);
        m_hasOlder = r->meta.hasMore;
        emit hasOlderChanged();
    });
}

void ConversationController::sendText(const QString &text)
{
    const QString content = text.trimmed();
    if (content.isEmpty() || m_chatId <= 0)
        return;
    Conversa::SendMessageRequest request;
    request.chatId = m_chatId;
    request.content = content;
    enqueue(content, request);
}

void ConversationController::sendTemplate(const QString &name, const QString &language, const QVariantMap &variables)
{
    if (name.trimmed().isEmpty() || m_chatId <= 0)
        return;
    Conversa::SendMessageRequest request;
    request.chatId = m_chatId;
    request.messageType = u"template"_s;
    request.templateName = name.trimmed();
    request.templateLanguage = language.isEmpty() ? u"es"_s : language;
    request.templateVariables = QJsonObject::fromVariantMap(variables);
    enqueue(name.trimmed(), request);
}

void ConversationController::enqueue(const QString &preview, Conversa::SendMessageRequest request)
{
    Outbox::Entry e;
    e.server = serverKey();
    e.userId = m_app.api().userId();
    e.preview = preview;
    request.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
    e.request = std::move(request);
    m_outbox.add(e);
    emit outboxCountChanged();
    if (e.request.chatId == m_chatId)
        m_messages.addLocal(QString::fromLatin1(e.request.idempotencyKey), e.request.messageType, preview);
    flush();
}

void ConversationController::flush()
{
    if (m_app.session()->stage() != SessionController::SignedIn)
        return;
    for (const QByteArray &key : m_outbox.keysFor(serverKey(), m_app.api().userId())) {
        Outbox::Entry *e = m_outbox.find(key);
        if (!e || e->inFlight)
            continue;
        m_outbox.setInFlight(key, true);
        const QString localKey = QString::fromLatin1(key);
        if (e->request.chatId == m_chatId)
            m_messages.setLocalStatus(localKey, u"pending"_s);
        // The same key on every attempt: the server stores the message once however often it is sent.
        m_app.api().sendMessage(e->request, this, [this, key, localKey](const Conversa::ApiResult<Conversa::MessageDto> &r) {
            Outbox::Entry *sent = m_outbox.find(key);
            if (!sent)
                return;
            const qint64 chatId = sent->request.chatId;
            if (!r && (r.error().isNetworkError() || r.error().httpStatus >= 500)) {
                m_outbox.setInFlight(key, false);   // kept for when the server answers again
                if (chatId == m_chatId)
                    m_messages.setLocalStatus(localKey, u"waiting"_s);
                return;
            }
            m_outbox.remove(key);
            emit outboxCountChanged();
            if (r) {
                if (chatId == m_chatId)
                    m_messages.resolveLocal(localKey, *r);
                emit messageSent(r->id);
                return;
            }
            const QString error = AppContext::errorText(r.error());
            if (chatId == m_chatId) {
                m_messages.setLocalStatus(localKey, u"failed"_s, error);
                if (r.error().code == u"WINDOW_CLOSED"_s)
                    loadChat();
            }
            setError(error);
        });
    }
}

void ConversationController::sendFile(const QUrl &file, const QString &caption)
{
    if (m_chatId <= 0 || m_uploading)
        return;
    QFile f(file.toLocalFile());
    if (!f.open(QIODevice::ReadOnly)) {
        setError(tr("The file %1 cannot be read.").arg(file.toLocalFile()));
        return;
    }
    m_uploading = true;
    m_uploadProgress = 0;
    emit uploadChanged();
    setError({});
    const qint64 chatId = m_chatId;
    m_app.api().uploadFile(
        QFileInfo(f.fileName()).fileName(), f.readAll(), this,
        [this, chatId, caption](const Conversa::ApiResult<Conversa::FileDto> &r) {
            m_uploading = false;
            m_uploadProgress = r ? 1.0 : 0.0;
            emit uploadChanged();
            if (!r) {
                setError(AppContext::errorText(r.error()));
                return;
            }
            const QString mime = r->mimeType;
            Conversa::SendMessageRequest request;
            request.chatId = chatId;
            request.messageType = mime.startsWith(u"image/"_s) ? u"image"_s
                                : mime.startsWith(u"video/"_s) ? u"video"_s
                                : mime.startsWith(u"audio/"_s) ? u"audio"_s : u"document"_s;
            request.mediaFileId = r->id;
            request.content = caption.trimmed();
            enqueue(caption.trimmed(), request);
        },
        [this](qint64 sent, qint64 total) {
            m_uploadProgress = double(sent) / double(total);
            emit uploadChanged();
        });
}

void ConversationController::retry(qint64 messageId)
{
    setError({});
    m_app.api().retryMessage(messageId, this, [this](const Conversa::ApiResult<Conversa::MessageDto> &r) {
        if (!r) {
            setError(AppContext::errorText(r.error()));
            return;
        }
        if (r->chatId == m_chatId)
            m_messages.upsert(*r);
    });
}

void ConversationController::markSeen()
{
    if (!m_viewActive || m_chatId <= 0)
        return;
    const QList<qint64> ids = m_messages.unreadInbound().mid(0, 100);
    if (ids.isEmpty()) {
        m_app.inbox()->model()->setUnread(m_chatId, 0);
        return;
    }
    QJsonArray idArray;
    for (const qint64 id : ids)
        idArray.append(id);
    const qint64 chatId = m_chatId;
    const QPointer<ConversationController> self(this);
    m_app.socket().emitEvent(u"chat.read"_s, QJsonObject{{u"chatId"_s, chatId}, {u"messageIds"_s, idArray}},
                             [self, chatId, ids](const QJsonValue &ack) {
                                 if (!self || !ack.toObject().value(u"ok"_s).toBool())
                                     return;
                                 if (chatId == self->m_chatId)
                                     self->m_messages.markRead(ids);
                                 self->m_app.inbox()->model()->setUnread(chatId, 0);
                             });
}

void ConversationController::notifyTyping()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_chatId <= 0 || now - m_lastTypingSent < 3000)
        return;
    m_lastTypingSent = now;
    m_app.socket().emitEvent(u"chat.typing"_s, QJsonObject{{u"chatId"_s, m_chatId}});
}

void ConversationController::onEvent(const QString &name, const QJsonValue &payload)
{
    // Events carry the same JSON as the REST answers.
    const QJsonObject p = payload.toObject();
    if (name == u"chat.message"_s || name == u"message.updated"_s) {
        if (p.value(u"chat_id"_s).toInteger() != m_chatId || m_chatId <= 0)
            return;
        const Conversa::MessageDto message = Conversa::MessageDto::fromJson(p.value(u"message"_s).toObject());
        m_messages.upsert(message);
        if (name == u"chat.message"_s && message.direction == u"inbound"_s) {
            m_typing.clear();
            emit typingTextChanged();
            markSeen();
            loadChat();   // the client's message reopens the 24-hour window
        }
    } else if (name == u"chat.updated"_s) {
        const Conversa::ChatDto chat = Conversa::ChatDto::fromJson(p.value(u"chat"_s).toObject());
        if (chat.id == m_chatId && m_chatId > 0)
            setChat(chat);
    } else if (name == u"agent.typing"_s) {
        if (p.value(u"chat_id"_s).toInteger() != m_chatId)
            return;
        m_typing = tr("%1 is typing…").arg(p.value(u"agent"_s).toObject().value(u"first_name"_s).toString());
        emit typingTextChanged();
        m_typingClear.start();
    }
}

void ConversationController::saveClient(const QVariantMap &changes)
{
    if (m_chatId <= 0 || m_chat.client.id <= 0)
        return;
    setError({});
    m_clientErrors.clear();
    emit clientErrorsChanged();
    setBusy(true);
    const int generation = m_generation;
    m_app.api().updateClient(m_chat.client.id, QJsonObject::fromVariantMap(changes), this,
                             [this, generation](const Conversa::ApiResult<Conversa::ClientDto> &r) {
        setBusy(false);
        if (!r) {
            // Each field's message next to its field; the rest above the composer.
            for (const Conversa::ApiError::FieldError &d : r.error().details)
                m_clientErrors.insert(d.field.isEmpty() ? u"_"_s : d.field, d.message);
            emit clientErrorsChanged();
            if (m_clientErrors.isEmpty())
                setError(AppContext::errorText(r.error()));
            return;
        }
        if (generation == m_generation) {
            m_chat.client = *r;
            emit chatChanged();
        }
        emit clientSaved();
    });
}

void ConversationController::loadTemplates()
{
    if (m_chatId <= 0)
        return;
    const qint64 chatId = m_chatId;
    m_templatesChat = chatId;
    m_app.api().listTemplates(chatId, this, [this, chatId](const Conversa::ApiResult<Conversa::MessageTemplateListDto> &r) {
        if (chatId != m_chatId)
            return;
        m_templates.clear();
        m_templatesError.clear();
        if (!r) {
            m_templatesError = AppContext::errorText(r.error());
        } else {
            for (const Conversa::MessageTemplateDto &t : r->data) {
                m_templates.append(QVariantMap{{u"name"_s, t.name}, {u"language"_s, t.language}, {u"category"_s, t.category},
                                               {u"header"_s, t.header.value_or(QString())}, {u"body"_s, t.body},
                                               {u"footer"_s, t.footer.value_or(QString())}, {u"variables"_s, t.variables}});
            }
            if (m_templates.isEmpty())
                m_templatesError = tr("This chat's number has no approved templates.");
        }
        emit templatesChanged();
    });
}

void ConversationController::loadChoices()
{
    if (m_chatId <= 0)
        return;
    const qint64 chatId = m_chatId;
    // The server answers what this user may pick, agents included (who may list neither users nor
    // campaigns).
    m_app.api().transferOptions(chatId, this, [this, chatId](const Conversa::ApiResult<Conversa::TransferOptionsDto> &r) {
        if (chatId != m_chatId)
            return;
        m_agentChoices.clear();
        m_campaignChoices.clear();
        if (!r) {
            setError(AppContext::errorText(r.error()));   // the queue remains
        } else {
            for (const Conversa::TransferAgentDto &a : r->agents) {
                if (a.id == m_app.api().userId())
                    continue;   // a supervisor who is also on the campaign
                m_agentChoices.append(QVariantMap{{u"id"_s, a.id},
                                                  {u"name"_s, QString(a.firstName + u' ' + a.lastName).trimmed()},
                                                  {u"status"_s, a.agentStatus},
                                                  {u"openChats"_s, a.openChats},
                                                  {u"maxChats"_s, a.maxConcurrentChats}});
            }
            for (const Conversa::IdNameDto &c : r->campaigns)
                m_campaignChoices.append(QVariantMap{{u"id"_s, c.id}, {u"name"_s, c.name}});
        }
        emit choicesChanged();
    });
}

bool ConversationController::startAction()
{
    if (m_chatId <= 0)
        return false;
    setError({});
    setBusy(true);
    return true;
}

template<class T>
Conversa::ApiCallback<T> ConversationController::actionAnswer()
{
    return [this, generation = m_generation](const Conversa::ApiResult<T> &r) {
        setBusy(false);
        if (!r) {
            setError(AppContext::errorText(r.error()));
            return;
        }
        if (generation == m_generation)
            loadChat();   // the short answers (assign, close) are not the whole detail
        emit actionDone();
    };
}

void ConversationController::assign(qint64 agentId)
{
    if (startAction())
        m_app.api().assignChat(m_chatId, agentId, {}, this, actionAnswer<Conversa::ChatDto>());
}

void ConversationController::transfer(const QString &targetType, qint64 targetId, const QString &reason)
{
    if (startAction())
        m_app.api().transferChat(m_chatId, targetType, targetId > 0 ? std::optional<qint64>(targetId) : std::nullopt,
                                 reason.trimmed(), this, actionAnswer<Conversa::ChatDto>());
}

void ConversationController::closeChat(const QString &reason, const QString &outcome, qint64 outcomeValue, const QString &notes)
{
    Conversa::CloseChatRequest request;
    request.closeReason = reason.trimmed();
    request.outcome = outcome.trimmed();
    if (outcomeValue > 0)
        request.outcomeValue = outcomeValue;
    request.notes = notes.trimmed();
    if (startAction())
        m_app.api().closeChat(m_chatId, request, this, actionAnswer<Conversa::ChatDto>());
}

void ConversationController::reopen()
{
    if (startAction())
        m_app.api().reopenChat(m_chatId, this, actionAnswer<Conversa::ChatDto>());
}

void ConversationController::addTag(const QString &tag)
{
    if (!tag.trimmed().isEmpty() && startAction())
        m_app.api().addChatTag(m_chatId, tag.trimmed(), this, actionAnswer<Conversa::ChatDto>());
}

void ConversationController::addNote(const QString &content)
{
    if (!content.trimmed().isEmpty() && startAction())
        m_app.api().addChatNote(m_chatId, content.trimmed(), this, actionAnswer<Conversa::ChatNoteDto>());
}

void ConversationController::setPriority(const QString &priority)
{
    if (startAction())
        m_app.api().setChatPriority(m_chatId, priority, this, actionAnswer<Conversa::ChatDto>());
}

void ConversationController::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorMessageChanged();
}

void ConversationController::setBusy(bool busy)
{
    const bool before = this->busy();
    m_busy += busy ? 1 : -1;
    if (before != this->busy())
        emit busyChanged();
}
