#include "ConversationController.h"

#include "AppContext.h"
#include "ChatListModel.h"
#include "InboxController.h"
#include "SessionController.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QNetworkReply>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QUuid>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcConversation, "conversa.desktop.conversation")

namespace {
// "Everything before the newest message": the server's before_id with no message after it.
constexpr qint64 kNewest = 9007199254740991;   // 2^53 - 1
constexpr int kPage = 50;
} // namespace

ConversationController::ConversationController(AppContext &app, QObject *parent) : QObject(parent), m_app(app)
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
    connect(&m_app, &AppContext::reconnected, this, [this] {
        flush();
        catchUp();
    });
    // Events missed while the socket was down (a tick that moved, a client's message): fetched.
    connect(&m_app.socket(), &Conversa::SocketIoClient::disconnected, this, [this] { m_missed = true; });
    connect(&m_app.socket(), &Conversa::SocketIoClient::connected, this, [this] {
        if (std::exchange(m_missed, false))
            catchUp();
    });
    connect(m_app.session(), &SessionController::signedOut, this, [this] {
        closeView();
        m_outbox.clear();
        emit outboxCountChanged();
    });
    connect(this, &ConversationController::viewActiveChanged, this, &ConversationController::markSeen);
    connect(&m_app, &AppContext::languageChanged, this, &ConversationController::chatChanged);
}

QString ConversationController::title() const
{
    const QJsonObject c = m_chat.value(u"client"_s).toObject();
    const QString name = QString(c.value(u"first_name"_s).toString() + u' ' + c.value(u"last_name"_s).toString()).trimmed();
    return name.isEmpty() ? c.value(u"phone_number"_s).toString() : name;
}

QString ConversationController::statusText() const
{
    return ChatListModel::statusText(status());
}

QString ConversationController::phoneNumber() const
{
    return m_chat.value(u"client"_s).toObject().value(u"phone_number"_s).toString();
}

QString ConversationController::campaignName() const
{
    return m_chat.value(u"campaign"_s).toObject().value(u"name"_s).toString();
}

QString ConversationController::assignedAgentName() const
{
    const QJsonObject a = m_chat.value(u"assigned_agent"_s).toObject();
    return QString(a.value(u"first_name"_s).toString() + u' ' + a.value(u"last_name"_s).toString()).trimmed();
}

QStringList ConversationController::tags() const
{
    QStringList out;
    for (const QJsonValue &t : m_chat.value(u"tags"_s).toArray())
        out.append(t.toString());
    return out;
}

QVariantList ConversationController::notes() const
{
    return m_chat.value(u"notes"_s).toArray().toVariantList();
}

QVariantMap ConversationController::client() const
{
    return m_chat.value(u"client"_s).toObject().toVariantMap();
}

bool ConversationController::windowOpen() const
{
    const QJsonObject w = m_chat.value(u"whatsapp_window"_s).toObject();
    if (w.isEmpty())
        return true;   // not known yet: let the server decide
    if (!w.value(u"open"_s).toBool())
        return false;
    const QDateTime expires = QDateTime::fromString(w.value(u"expires_at"_s).toString(), Qt::ISODate);
    return !expires.isValid() || expires > QDateTime::currentDateTimeUtc();
}

QString ConversationController::windowRemaining() const
{
    const QJsonObject w = m_chat.value(u"whatsapp_window"_s).toObject();
    const QDateTime expires = QDateTime::fromString(w.value(u"expires_at"_s).toString(), Qt::ISODate);
    if (w.isEmpty() || !expires.isValid())
        return {};
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
    m_app.request("GET", u"/v1/chats/%1/messages?before_id=%2&limit=%3"_s.arg(chatId).arg(kNewest).arg(kPage), {}, this,
                  [this, generation, chatId](const Conversa::ApiResponse &r) {
                      setBusy(false);
                      if (generation != m_generation)
                          return;
                      if (r.status != 200) {
                          setError(AppContext::errorText(r));
                          return;
                      }
                      QList<QJsonObject> list;
                      for (const QJsonValue &m : r.value(u"data"_s).toArray())
                          list.append(m.toObject());
                      m_messages.reset(list);
                      // What is still in the outbox for this chat shows as waiting.
                      for (const Outgoing &o : std::as_const(m_outbox)) {
                          if (o.chatId == chatId) {
                              m_messages.addLocal(o.key, o.type, o.preview);
                              m_messages.setLocalStatus(o.key, o.inFlight ? u"pending"_s : u"waiting"_s);
                          }
                      }
                      m_hasOlder = r.value(u"meta"_s).toObject().value(u"has_more"_s).toBool();
                      emit hasOlderChanged();
                      markSeen();
                  });
}

void ConversationController::catchUp()
{
    if (m_chatId <= 0)
        return;
    loadChat();
    const int generation = m_generation;
    m_app.request("GET", u"/v1/chats/%1/messages?before_id=%2&limit=%3"_s.arg(m_chatId).arg(kNewest).arg(kPage), {}, this,
                  [this, generation](const Conversa::ApiResponse &r) {
                      if (generation != m_generation || r.status != 200)
                          return;
                      // Row by row, so that what the agent is looking at does not jump.
                      for (const QJsonValue &m : r.value(u"data"_s).toArray())
                          m_messages.upsert(m.toObject());
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
    m_app.request("GET", u"/v1/chats/%1"_s.arg(m_chatId), {}, this, [this, generation](const Conversa::ApiResponse &r) {
        if (generation != m_generation)
            return;
        if (r.status != 200) {
            setError(AppContext::errorText(r));
            return;
        }
        setChat(r.object());
    });
}

void ConversationController::setChat(const QJsonObject &chat)
{
    m_chat = chat;
    emit chatChanged();
    emit windowChanged();
}

void ConversationController::loadOlder()
{
    const qint64 first = m_messages.firstId();
    if (!m_hasOlder || first <= 0 || busy())
        return;
    const int generation = m_generation;
    setBusy(true);
    m_app.request("GET", u"/v1/chats/%1/messages?before_id=%2&limit=%3"_s.arg(m_chatId).arg(first).arg(kPage), {}, this,
                  [this, generation](const Conversa::ApiResponse &r) {
                      setBusy(false);
                      if (generation != m_generation || r.status != 200)
                          return;
                      QList<QJsonObject> list;
                      for (const QJsonValue &m : r.value(u"data"_s).toArray())
                          list.append(m.toObject());
                      m_messages.prepend(list);
                      m_hasOlder = r.value(u"meta"_s).toObject().value(u"has_more"_s).toBool();
                      emit hasOlderChanged();
                  });
}

void ConversationController::sendText(const QString &text)
{
    const QString content = text.trimmed();
    if (content.isEmpty() || m_chatId <= 0)
        return;
    enqueue(u"text"_s, content,
            {{u"chat_id"_s, m_chatId}, {u"message_type"_s, u"text"_s}, {u"content"_s, content}});
}

void ConversationController::sendTemplate(const QString &name, const QString &language, const QVariantMap &variables)
{
    if (name.trimmed().isEmpty() || m_chatId <= 0)
        return;
    enqueue(u"template"_s, name,
            {{u"chat_id"_s, m_chatId}, {u"message_type"_s, u"template"_s}, {u"template_name"_s, name.trimmed()},
             {u"template_language"_s, language.isEmpty() ? u"es"_s : language},
             {u"template_variables"_s, QJsonObject::fromVariantMap(variables)}});
}

void ConversationController::enqueue(const QString &type, const QString &preview, QJsonObject body)
{
    Outgoing o;
    o.key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    o.chatId = body.value(u"chat_id"_s).toInteger();
    o.type = type;
    o.preview = preview;
    o.body = std::move(body);
    m_outbox.append(o);
    emit outboxCountChanged();
    if (o.chatId == m_chatId)
        m_messages.addLocal(o.key, type, preview);
    flush();
}

void ConversationController::flush()
{
    for (Outgoing &o : m_outbox) {
        if (o.inFlight)
            continue;
        o.inFlight = true;
        if (o.chatId == m_chatId)
            m_messages.setLocalStatus(o.key, u"pending"_s);
        const QString key = o.key;
        // The same key on every attempt: the server stores the message once however often it is sent.
        m_app.request("POST", u"/v1/messages"_s, o.body, this,
                      [this, key](const Conversa::ApiResponse &r) {
                          auto it = std::find_if(m_outbox.begin(), m_outbox.end(), [&](const Outgoing &x) { return x.key == key; });
                          if (it == m_outbox.end())
                              return;
                          const qint64 chatId = it->chatId;
                          if (r.status == 0 || r.status >= 500) {
                              it->inFlight = false;   // kept for after the reconnection
                              if (chatId == m_chatId)
                                  m_messages.setLocalStatus(key, u"waiting"_s);
                              return;
                          }
                          m_outbox.erase(it);
                          emit outboxCountChanged();
                          if (r.status == 201 || r.status == 200) {
                              if (chatId == m_chatId)
                                  m_messages.resolveLocal(key, r.object());
                              emit messageSent(r.value(u"id"_s).toInteger());
                              return;
                          }
                          const QString error = AppContext::errorText(r);
                          if (chatId == m_chatId) {
                              m_messages.setLocalStatus(key, u"failed"_s, error);
                              if (r.errorCode() == "WINDOW_CLOSED")
                                  loadChat();
                          }
                          setError(error);
                      },
                      {{"Idempotency-Key", key.toLatin1()}});
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
    const QByteArray boundary = "conversa-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    QByteArray name = QFileInfo(f.fileName()).fileName().toUtf8();
    name.replace('"', '_');
    const QByteArray body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + f.readAll() + "\r\n--" + boundary + "--\r\n";
    m_uploading = true;
    m_uploadProgress = 0;
    emit uploadChanged();
    setError({});
    const qint64 chatId = m_chatId;
    QNetworkReply *reply = m_app.requestRaw("POST", u"/v1/files"_s, body, "multipart/form-data; boundary=" + boundary, this,
                                            [this, chatId, caption](const Conversa::ApiResponse &r) {
        m_uploading = false;
        m_uploadProgress = r.status == 201 ? 1.0 : 0.0;
        emit uploadChanged();
        if (r.status != 201) {
            setError(AppContext::errorText(r));
            return;
        }
        const QString mime = r.value(u"mime_type"_s).toString();
        const QString type = mime.startsWith(u"image/"_s) ? u"image"_s
                           : mime.startsWith(u"video/"_s) ? u"video"_s
                           : mime.startsWith(u"audio/"_s) ? u"audio"_s : u"document"_s;
        QJsonObject message{{u"chat_id"_s, chatId}, {u"message_type"_s, type},
                            {u"media_file_id"_s, r.value(u"id"_s).toInteger()}};
        if (!caption.trimmed().isEmpty())
            message.insert(u"content"_s, caption.trimmed());
        enqueue(type, caption.trimmed(), message);
    });
    connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
        if (total <= 0)
            return;
        m_uploadProgress = double(sent) / double(total);
        emit uploadChanged();
    });
}

void ConversationController::retry(qint64 messageId)
{
    setError({});
    m_app.request("POST", u"/v1/messages/%1/retry"_s.arg(messageId), {}, this, [this](const Conversa::ApiResponse &r) {
        if (r.status != 200) {
            setError(AppContext::errorText(r));
            return;
        }
        if (r.value(u"chat_id"_s).toInteger() == m_chatId)
            m_messages.upsert(r.object());
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
    const QJsonObject p = payload.toObject();
    if (name == u"chat.message"_s || name == u"message.updated"_s) {
        if (p.value(u"chat_id"_s).toInteger() != m_chatId || m_chatId <= 0)
            return;
        const QJsonObject message = p.value(u"message"_s).toObject();
        m_messages.upsert(message);
        if (name == u"chat.message"_s && message.value(u"direction"_s).toString() == u"inbound"_s) {
            m_typing.clear();
            emit typingTextChanged();
            markSeen();
            loadChat();   // the client's message reopens the 24-hour window
        }
    } else if (name == u"chat.updated"_s) {
        const QJsonObject chat = p.value(u"chat"_s).toObject();
        if (chat.value(u"id"_s).toInteger() == m_chatId && m_chatId > 0)
            setChat(chat);
    } else if (name == u"agent.typing"_s) {
        if (p.value(u"chat_id"_s).toInteger() != m_chatId)
            return;
        m_typing = tr("%1 is typing…").arg(p.value(u"agent"_s).toObject().value(u"first_name"_s).toString());
        emit typingTextChanged();
        m_typingClear.start();
    }
}

void ConversationController::chatAction(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    if (m_chatId <= 0)
        return;
    setError({});
    setBusy(true);
    const int generation = m_generation;
    m_app.request(method, path, body, this, [this, generation](const Conversa::ApiResponse &r) {
        setBusy(false);
        if (r.status != 200 && r.status != 201) {
            setError(AppContext::errorText(r));
            return;
        }
        if (generation == m_generation)
            loadChat();
        emit actionDone();
    });
}

void ConversationController::assign(qint64 agentId)
{
    chatAction("POST", u"/v1/chats/%1/assign"_s.arg(m_chatId), {{u"agent_id"_s, agentId}});
}

void ConversationController::transfer(const QString &targetType, qint64 targetId, const QString &reason)
{
    QJsonObject body{{u"target_type"_s, targetType}};
    if (targetId > 0)
        body.insert(u"target_id"_s, targetId);
    if (!reason.trimmed().isEmpty())
        body.insert(u"reason"_s, reason.trimmed());
    chatAction("POST", u"/v1/chats/%1/transfer"_s.arg(m_chatId), body);
}

void ConversationController::closeChat(const QString &reason, const QString &outcome, qint64 outcomeValue, const QString &notes)
{
    QJsonObject body;
    if (!reason.trimmed().isEmpty())
        body.insert(u"close_reason"_s, reason.trimmed());
    if (!outcome.trimmed().isEmpty())
        body.insert(u"outcome"_s, outcome.trimmed());
    if (outcomeValue > 0)
        body.insert(u"outcome_value"_s, outcomeValue);
    if (!notes.trimmed().isEmpty())
        body.insert(u"notes"_s, notes.trimmed());
    chatAction("POST", u"/v1/chats/%1/close"_s.arg(m_chatId), body);
}

void ConversationController::reopen()
{
    chatAction("POST", u"/v1/chats/%1/reopen"_s.arg(m_chatId), {});
}

void ConversationController::addTag(const QString &tag)
{
    if (!tag.trimmed().isEmpty())
        chatAction("POST", u"/v1/chats/%1/tags"_s.arg(m_chatId), {{u"tag"_s, tag.trimmed()}});
}

void ConversationController::addNote(const QString &content)
{
    if (!content.trimmed().isEmpty())
        chatAction("POST", u"/v1/chats/%1/notes"_s.arg(m_chatId), {{u"content"_s, content.trimmed()}});
}

void ConversationController::setPriority(const QString &priority)
{
    chatAction("PUT", u"/v1/chats/%1/priority"_s.arg(m_chatId), {{u"priority"_s, priority}});
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
