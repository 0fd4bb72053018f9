#include "InboxController.h"

#include "AppContext.h"
#include "SessionController.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcInbox, "conversa.desktop.inbox")

namespace {

// Lower case without accents, as the server's search compares.
QString folded(const QString &s)
{
    QString out;
    const QString nfd = s.normalized(QString::NormalizationForm_D);
    for (const QChar c : nfd) {
        if (c.category() != QChar::Mark_NonSpacing)
            out.append(c.toLower());
    }
    return out;
}

QString nameOf(const Conversa::ClientDto &client)
{
    const QString name =
        QString(client.firstName.value_or(QString()) + u' ' + client.lastName.value_or(QString())).trimmed();
    return name.isEmpty() ? client.phoneNumber : name;
}

qint64 agentOf(const Conversa::ChatDto &chat)
{
    return chat.assignedAgent ? chat.assignedAgent->id : 0;
}

}   // namespace

InboxController::InboxController(AppContext &app, QObject *parent) : QObject(parent), m_app(app)
{
    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(300);
    connect(&m_searchDelay, &QTimer::timeout, this, &InboxController::refresh);
    connect(&m_app, &AppContext::languageChanged, &m_model, &ChatListModel::retranslate);
    Conversa::RealtimeEvents &events = m_app.events();
    connect(&events, &Conversa::RealtimeEvents::chatNew, this,
            [this](const Conversa::ChatDto &chat) { onChat(chat, true); });
    connect(&events, &Conversa::RealtimeEvents::chatUpdated, this,
            [this](const Conversa::ChatDto &chat) { onChat(chat, false); });
    connect(&events, &Conversa::RealtimeEvents::chatMessage, this, &InboxController::onMessage);
    connect(&events, &Conversa::RealtimeEvents::chatTransferred, this,
            [this](const Conversa::ChatTransferredEventDto &e) { fetchChat(e.chatId); });
    // Events missed while the socket was down are caught up with a fresh load.
    connect(&m_app.socket(), &Conversa::SocketIoClient::reconnected, this, [this] {
        if (m_app.session()->stage() == SessionController::SignedIn)
            refresh();
    });
    connect(m_app.session(), &SessionController::signedIn, this, [this] {
        m_tab = m_app.session()->isSupervisor() ? All : Mine;
        emit filtersChanged();
        refresh();
        loadCampaigns();
    });
    connect(m_app.session(), &SessionController::signedOut, this, [this] {
        ++m_generation;
        m_model.clear();
        m_campaigns.clear();
        emit campaignsChanged();
    });
}

void InboxController::setTab(Tab tab)
{
    if (m_tab == tab)
        return;
    m_tab = tab;
    emit filtersChanged();
    refresh();
}

void InboxController::setStatusFilter(const QString &status)
{
    if (m_status == status)
        return;
    m_status = status;
    emit filtersChanged();
    refresh();
}

void InboxController::setCampaignFilter(qint64 campaignId)
{
    if (m_campaign == campaignId)
        return;
    m_campaign = campaignId;
    emit filtersChanged();
    refresh();
}

void InboxController::setSearch(const QString &search)
{
    if (m_search == search)
        return;
    m_search = search;
    emit filtersChanged();
    m_searchDelay.start();
}

Conversa::ChatQuery InboxController::query(int page) const
{
    Conversa::ChatQuery q;
    q.page = page;
    q.limit = 50;
    if (m_tab == Mine)
        q.assignedAgentId = m_app.session()->userId();
    if (m_tab == Queued)
        q.view = Conversa::ChatQuery::View::Queued;
    else
        q.status = m_status;
    if (m_campaign > 0)
        q.campaignId = m_campaign;
    q.search = m_search.trimmed();
    return q;
}

void InboxController::refresh()
{
    m_searchDelay.stop();
    load(1);
}

void InboxController::loadMore()
{
    if (!m_busy && hasMore())
        load(m_page + 1);
}

void InboxController::load(int page)
{
    if (m_app.session()->stage() != SessionController::SignedIn)
        return;
    const int generation = ++m_generation;
    m_busy = true;
    emit busyChanged();
    m_app.api().listChats(query(page), this,
                          [this, page, generation](const Conversa::ApiResult<Conversa::Page<Conversa::ChatDto>> &r) {
                              if (generation != m_generation)
                                  return;
                              m_busy = false;
                              if (!r) {
                                  setError(AppContext::errorText(r.error()));
                                  emit busyChanged();
                                  return;
                              }
                              setError({});
                              m_page = page;
                              m_totalPages = int(r->meta.totalPages);
                              if (page == 1)
                                  m_model.reset(r->data);
                              else
                                  m_model.append(r->data);
                              emit busyChanged();
                          });
}

void InboxController::loadCampaigns()
{
    m_app.api().listCampaigns(1, 100, this,
                              [this](const Conversa::ApiResult<Conversa::Page<Conversa::CampaignDto>> &r) {
                                  if (!r)
                                      return;   // agents without campaigns.read filter by what they see
                                  m_campaigns.clear();
                                  for (const Conversa::CampaignDto &c : r->data)
                                      m_campaigns.append(QVariantMap{{u"id"_s, c.id}, {u"name"_s, c.name}});
                                  emit campaignsChanged();
                              });
}

bool InboxController::matches(const Conversa::ChatDto &chat) const
{
    if (m_tab == Mine && agentOf(chat) != m_app.session()->userId())
        return false;
    if (m_tab == Queued && chat.status != u"queued"_s)
        return false;
    if (m_tab != Queued && !m_status.isEmpty() && chat.status != m_status)
        return false;
    if (m_campaign > 0 && (!chat.campaign || chat.campaign->id != m_campaign))
        return false;
    const QString needle = folded(m_search.trimmed());
    if (!needle.isEmpty()) {
        const QString hay = folded(nameOf(chat.client) + u' ' + chat.client.phoneNumber);
        if (!hay.contains(needle))
            return false;
    }
    return true;
}

void InboxController::place(const Conversa::ChatDto &chat)
{
    const qint64 id = chat.id;
    if (!matches(chat)) {
        m_model.remove(id);
        return;
    }
    const bool fresh = m_model.rowOf(id) < 0;
    m_model.upsert(chat);
    // Events carry the chat's detail, which has no last message: fetch it for the preview.
    if (fresh && !chat.lastMessage && chat.messageCount > 0) {
        Conversa::MessageQuery q;
        q.beforeId = Conversa::MessageQuery::kNewest;
        q.limit = 1;
        m_app.api().listMessages(id, q, this,
                                 [this, id](const Conversa::ApiResult<Conversa::Page<Conversa::MessageDto>> &r) {
                                     if (r && !r->data.isEmpty())
                                         m_model.applyMessage(id, r->data.constFirst(), false);
                                 });
    }
}

void InboxController::fetchChat(qint64 chatId, const std::optional<Conversa::MessageDto> &message)
{
    m_app.api().getChat(chatId, this, [this, chatId, message](const Conversa::ApiResult<Conversa::ChatDto> &r) {
        if (!r) {
            if (r.error().httpStatus == 404)
                m_model.remove(chatId);
            return;
        }
        Conversa::ChatDto chat = *r;
        if (chatId == m_openChat)
            chat.unreadCount = 0;   // being read right now
        place(chat);
        if (message)
            m_model.applyMessage(chatId, *message, false);
    });
}

void InboxController::onChat(const Conversa::ChatDto &chat, bool isNew)
{
    const bool mine = agentOf(chat) == m_app.session()->userId();
    const bool wasListed = m_model.rowOf(chat.id) >= 0;
    place(chat);
    if (chat.id == m_openChat)
        m_model.setUnread(chat.id, 0);
    if (isNew && (mine || !wasListed))
        emit activity(chat.id, tr("New chat"), nameOf(chat.client));
}

void InboxController::onMessage(const Conversa::ChatMessageEventDto &event)
{
    const qint64 chatId = event.chatId;
    const Conversa::MessageDto &message = event.message;
    const bool inbound = message.direction == u"inbound"_s;
    // The preview and the move to the top at once; the unread count from the server, which
    // knows whether chat.new or chat.updated already counted this message.
    if (!m_model.applyMessage(chatId, message, false) || (inbound && chatId != m_openChat))
        fetchChat(chatId, message);
    if (inbound) {
        const int row = m_model.rowOf(chatId);
        const QString who =
            row >= 0 ? m_model.data(m_model.index(row), ChatListModel::ClientNameRole).toString() : tr("New message");
        emit activity(chatId, who, message.content.value_or(QString()));
    }
}

void InboxController::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorMessageChanged();
}
