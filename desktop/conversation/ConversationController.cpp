#include "ConversationController.h"

#include "AppContext.h"
#include "ChatListModel.h"
#include "InboxController.h"
#include "SessionController.h"

#include <Conversa/realtime/RealtimeEvents.h>

#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcConversation, "conversa.desktop.conversation")

namespace {
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
}   // namespace

ConversationController::ConversationController(AppContext &app, QObject *parent)
    : QObject(parent), m_app(app), m_composer(app, *this), m_clientEditor(app), m_transferOptions(app)
{
    m_typingClear.setSingleShot(true);
    m_typingClear.setInterval(4000);
    connect(&m_typingClear, &QTimer::timeout, this, [this] {
        m_typing.clear();
        emit typingTextChanged();
    });
    m_windowTick.setInterval(30000);
    connect(&m_windowTick, &QTimer::timeout, this, &ConversationController::windowChanged);
    m_messages.setOlderFetcher([this] { loadOlder(); });
    connect(&m_messages, &MessageListModel::hasOlderChanged, this, &ConversationController::hasOlderChanged);

    Conversa::RealtimeEvents &events = m_app.events();
    connect(&events, &Conversa::RealtimeEvents::chatMessage, this, [this](const auto &e) { onMessage(e, true); });
    connect(&events, &Conversa::RealtimeEvents::messageUpdated, this, [this](const auto &e) { onMessage(e, false); });
    connect(&events, &Conversa::RealtimeEvents::chatUpdated, this, &ConversationController::onChatUpdated);
    connect(&events, &Conversa::RealtimeEvents::agentTyping, this, &ConversationController::onTyping);
    // Events missed while the socket was down (a tick that moved, a client's message): fetched.
    connect(&m_app.socket(), &Conversa::SocketIoClient::reconnected, this, &ConversationController::catchUp);
    connect(m_app.session(), &SessionController::signedOut, this, &ConversationController::closeView);
    connect(this, &ConversationController::viewActiveChanged, this, &ConversationController::markSeen);
    connect(&m_app, &AppContext::languageChanged, this, &ConversationController::chatChanged);
    connect(&m_clientEditor, &ClientEditor::saved, this, [this] {
        m_chat.client = m_clientEditor.client();
        emit chatChanged();
    });
    connect(&m_clientEditor, &ClientEditor::failed, this, &ConversationController::reportError);
    connect(&m_transferOptions, &TransferOptions::failed, this, &ConversationController::reportError);
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

QString ConversationController::campaignName() const
{
    return m_chat.campaign ? m_chat.campaign->name : QString();
}

QString ConversationController::assignedAgentName() const
{
    return m_chat.assignedAgent ? personName(m_chat.assignedAgent->firstName, m_chat.assignedAgent->lastName)
                                : QString();
}

QVariantList ConversationController::notes() const
{
    QVariantList out;
    for (const Conversa::ChatNoteDto &n : m_chat.notes)
        out.append(QVariantMap{{u"author"_s, n.user ? n.user->firstName : QString()}, {u"content"_s, n.content}});
    return out;
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
    m_transferOptions.clear();
    m_composer.forgetTemplates();
    m_clientEditor.setClient({});
    m_typing.clear();
    m_messages.reset({});
    m_messages.setHasOlder(false);
    m_messages.setNearTop(false);   // until the view, showing this chat, says so
    m_app.inbox()->setOpenChat(chatId);
    reportError({});
    emit chatChanged();
    emit windowChanged();
    emit typingTextChanged();
    if (chatId <= 0) {
        m_windowTick.stop();
        return;
    }
    m_windowTick.start();
    m_app.socket().joinChat(chatId);
    reloadChat();
    const int generation = m_generation;
    setBusy(true);
    m_app.api().listMessages(chatId, before(Conversa::MessageQuery::kNewest), this,
                             [this, generation,
                              chatId](const Conversa::ApiResult<Conversa::Page<Conversa::MessageDto>> &r) {
                                 setBusy(false);
                                 if (generation != m_generation)
                                     return;
                                 if (!r) {
                                     reportError(AppContext::errorText(r.error()));
                                     return;
                                 }
                                 m_messages.reset(r->data);
                                 m_composer.showOutbox(chatId);
                                 m_messages.setHasOlder(r->meta.hasMore);
                                 markSeen();
                             });
}

void ConversationController::catchUp()
{
    if (m_chatId <= 0)
        return;
    reloadChat();
    const int generation = m_generation;
    m_app.api().listMessages(m_chatId, before(Conversa::MessageQuery::kNewest), this,
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

void ConversationController::reloadChat()
{
    const int generation = m_generation;
    m_app.api().getChat(m_chatId, this, [this, generation](const Conversa::ApiResult<Conversa::ChatDto> &r) {
        if (generation != m_generation)
            return;
        if (!r) {
            reportError(AppContext::errorText(r.error()));
            return;
        }
        setChat(*r);
    });
}

void ConversationController::setChat(const Conversa::ChatDto &chat)
{
    m_chat = chat;
    m_clientEditor.setClient(chat.client, true);
    emit chatChanged();
    emit windowChanged();
    if (!windowOpen() && !m_composer.hasTemplatesFor(m_chatId))
        m_composer.loadTemplates();   // only templates may go now
}

void ConversationController::loadOlder()
{
    const qint64 first = m_messages.firstId();
    if (!m_messages.hasOlder() || first <= 0 || busy())
        return;
    const int generation = m_generation;
    setBusy(true);
    m_app.api().listMessages(m_chatId, before(first), this,
                             [this, generation](const Conversa::ApiResult<Conversa::Page<Conversa::MessageDto>> &r) {
                                 setBusy(false);
                                 if (generation != m_generation || !r)
                                     return;
                                 m_messages.prepend(r->data);
                                 m_messages.setHasOlder(r->meta.hasMore);
                             });
}

void ConversationController::markSeen()
{
    if (!m_viewActive || m_chatId <= 0)
        return;
    Conversa::ChatReadRequestDto read;
    read.chatId = m_chatId;
    read.messageIds = m_messages.unreadInbound().mid(0, 100);
    if (read.messageIds.isEmpty()) {
        m_app.inbox()->model()->setUnread(m_chatId, 0);
        return;
    }
    const QPointer<ConversationController> self(this);
    m_app.socket().emitEvent(u"chat.read"_s, read.toJson(), [self, read](const QJsonValue &ack) {
        if (!self || !Conversa::SocketAckDto::fromJson(ack.toObject()).ok)
            return;
        if (read.chatId == self->m_chatId)
            self->m_messages.markRead(read.messageIds);
        self->m_app.inbox()->model()->setUnread(read.chatId, 0);
    });
}

void ConversationController::notifyTyping()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_chatId <= 0 || now - m_lastTypingSent < 3000)
        return;
    m_lastTypingSent = now;
    Conversa::ChatRoomRequestDto typing;
    typing.chatId = m_chatId;
    m_app.socket().emitEvent(u"chat.typing"_s, typing.toJson());
}

void ConversationController::onMessage(const Conversa::ChatMessageEventDto &event, bool isNew)
{
    if (event.chatId != m_chatId || m_chatId <= 0)
        return;
    m_messages.upsert(event.message);
    if (isNew && event.message.direction == u"inbound"_s) {
        m_typing.clear();
        emit typingTextChanged();
        markSeen();
        reloadChat();   // the client's message reopens the 24-hour window
    }
}

void ConversationController::onChatUpdated(const Conversa::ChatDto &chat)
{
    if (chat.id == m_chatId && m_chatId > 0)
        setChat(chat);
}

void ConversationController::onTyping(const Conversa::AgentTypingEventDto &event)
{
    if (event.chatId != m_chatId)
        return;
    m_typing = tr("%1 is typing…").arg(event.agent.firstName);
    emit typingTextChanged();
    m_typingClear.start();
}

bool ConversationController::startAction()
{
    if (m_chatId <= 0)
        return false;
    reportError({});
    setBusy(true);
    return true;
}

template <class T>
Conversa::ApiCallback<T> ConversationController::actionAnswer()
{
    return [this, generation = m_generation](const Conversa::ApiResult<T> &r) {
        setBusy(false);
        if (!r) {
            reportError(AppContext::errorText(r.error()));
            return;
        }
        if (generation == m_generation)
            reloadChat();   // the short answers (assign, close) are not the whole detail
        emit actionDone();
    };
}

void ConversationController::assign(qint64 agentId)
{
    if (agentId > 0 && startAction())
        m_app.api().assignChat(m_chatId, agentId, {}, this, actionAnswer<Conversa::ChatDto>());
}

void ConversationController::transfer(const QString &targetType, std::optional<qint64> targetId, const QString &reason)
{
    if (startAction())
        m_app.api().transferChat(m_chatId, targetType, targetId, reason.trimmed(), this,
                                 actionAnswer<Conversa::ChatDto>());
}

void ConversationController::transferToQueue(const QString &reason)
{
    transfer(u"queue"_s, std::nullopt, reason);
}

bool ConversationController::mustTake() const
{
    const SessionController *session = m_app.session();
    if (m_chatId == 0 || !session || session->isSupervisor())
        return false;
    const bool open = m_chat.status == u"queued"_s || m_chat.status == u"bot"_s;
    return open && (!m_chat.assignedAgent || m_chat.assignedAgent->id != session->userId());
}

void ConversationController::take()
{
    if (const SessionController *session = m_app.session())
        transfer(u"agent"_s, session->userId(), {});
}

void ConversationController::transferToAgent(qint64 agentId, const QString &reason)
{
    if (agentId > 0)
        transfer(u"agent"_s, agentId, reason);
}

void ConversationController::transferToCampaign(qint64 campaignId, const QString &reason)
{
    if (campaignId > 0)
        transfer(u"campaign"_s, campaignId, reason);
}

void ConversationController::closeChat(const QString &reason, const QString &outcome, qint64 outcomeValue,
                                       const QString &notes)
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

void ConversationController::reportError(const QString &error)
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
