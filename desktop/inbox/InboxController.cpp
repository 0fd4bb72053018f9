#include "InboxController.h"

#include "AppContext.h"
#include "SessionController.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QUrl>

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

QString nameOf(const QJsonObject &client)
{
    const QString name = QString(client.value(u"first_name"_s).toString() + u' ' + client.value(u"last_name"_s).toString()).trimmed();
    return name.isEmpty() ? client.value(u"phone_number"_s).toString() : name;
}

} // namespace

InboxController::InboxController(AppContext &app, QObject *parent) : QObject(parent), m_app(app)
{
    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(300);
    connect(&m_searchDelay, &QTimer::timeout, this, &InboxController::refresh);
    connect(&m_app, &AppContext::languageChanged, &m_model, &ChatListModel::retranslate);
    connect(&m_app.socket(), &Conversa::SocketIoClient::event, this, &InboxController::onEvent);
    // Events missed while the socket was down are caught up with a fresh load.
    connect(&m_app.socket(), &Conversa::SocketIoClient::disconnected, this, [this] { m_missed = true; });
    connect(&m_app.socket(), &Conversa::SocketIoClient::connected, this, [this] {
        if (m_missed && m_app.session()->stage() == SessionController::SignedIn)
            refresh();
        m_missed = false;
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

QString InboxController::query(int page) const
{
    QStringList q{u"page=%1"_s.arg(page), u"limit=50"_s};
    const auto add = [&q](const QString &key, const QString &value) {
        q.append(key + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    if (m_tab == Mine)
        add(u"assigned_agent_id"_s, QString::number(m_app.session()->userId()));
    if (m_tab == Queued)
        add(u"status"_s, u"queued"_s);
    else if (!m_status.isEmpty())
        add(u"status"_s, m_status);
    if (m_campaign > 0)
        add(u"campaign_id"_s, QString::number(m_campaign));
    if (!m_search.trimmed().isEmpty())
        add(u"search"_s, m_search.trimmed());
    return u"/v1/chats?"_s + q.join(u'&');
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
    m_app.request("GET", query(page), {}, this, [this, page, generation](const Conversa::ApiResponse &r) {
        if (generation != m_generation)
            return;
        m_busy = false;
        if (r.status != 200) {
            setError(AppContext::errorText(r));
            emit busyChanged();
            return;
        }
        setError({});
        QList<QJsonObject> chats;
        for (const QJsonValue &c : r.value(u"data"_s).toArray())
            chats.append(c.toObject());
        const QJsonObject meta = r.value(u"meta"_s).toObject();
        m_page = page;
        m_totalPages = meta.value(u"total_pages"_s).toInt();
        if (page == 1)
            m_model.reset(chats);
        else
            m_model.append(chats);
        emit busyChanged();
    });
}

void InboxController::loadCampaigns()
{
    m_app.request("GET", u"/v1/campaigns?limit=100"_s, {}, this, [this](const Conversa::ApiResponse &r) {
        if (r.status != 200)
            return;   // agents without campaigns.read filter by what they see
        m_campaigns.clear();
        for (const QJsonValue &c : r.value(u"data"_s).toArray()) {
            const QJsonObject o = c.toObject();
            m_campaigns.append(QVariantMap{{u"id"_s, o.value(u"id"_s).toInteger()}, {u"name"_s, o.value(u"name"_s).toString()}});
        }
        emit campaignsChanged();
    });
}

bool InboxController::matches(const QJsonObject &chat) const
{
    const QString status = chat.value(u"status"_s).toString();
    const qint64 agent = chat.value(u"assigned_agent"_s).toObject().value(u"id"_s).toInteger();
    if (m_tab == Mine && agent != m_app.session()->userId())
        return false;
    if (m_tab == Queued && status != u"queued"_s)
        return false;
    if (m_tab != Queued && !m_status.isEmpty() && status != m_status)
        return false;
    if (m_campaign > 0 && chat.value(u"campaign"_s).toObject().value(u"id"_s).toInteger() != m_campaign)
        return false;
    const QString needle = folded(m_search.trimmed());
    if (!needle.isEmpty()) {
        const QJsonObject client = chat.value(u"client"_s).toObject();
        const QString hay = folded(nameOf(client) + u' ' + client.value(u"phone_number"_s).toString());
        if (!hay.contains(needle))
            return false;
    }
    return true;
}

void InboxController::place(const QJsonObject &chat)
{
    const qint64 id = chat.value(u"id"_s).toInteger();
    if (!matches(chat)) {
        m_model.remove(id);
        return;
    }
    const bool fresh = m_model.rowOf(id) < 0;
    m_model.upsert(chat);
    // Events carry the chat's detail, which has no last message: fetch it for the preview.
    if (fresh && !chat.contains(u"last_message"_s) && chat.value(u"message_count"_s).toInt() > 0) {
        m_app.request("GET", u"/v1/chats/%1/messages?before_id=9007199254740991&limit=1"_s.arg(id), {}, this,
                      [this, id](const Conversa::ApiResponse &r) {
                          const QJsonArray data = r.value(u"data"_s).toArray();
                          if (r.status == 200 && !data.isEmpty())
                              m_model.applyMessage(id, data.first().toObject(), false);
                      });
    }
}

void InboxController::fetchChat(qint64 chatId, const QJsonObject &message)
{
    m_app.request("GET", u"/v1/chats/%1"_s.arg(chatId), {}, this, [this, chatId, message](const Conversa::ApiResponse &r) {
        if (r.status == 404) {
            m_model.remove(chatId);
            return;
        }
        if (r.status != 200)
            return;
        QJsonObject chat = r.object();
        if (chatId == m_openChat)
            chat.insert(u"unread_count"_s, 0);   // being read right now
        place(chat);
        if (!message.isEmpty())
            m_model.applyMessage(chatId, message, false);
    });
}

void InboxController::onEvent(const QString &name, const QJsonValue &payload)
{
    const QJsonObject p = payload.toObject();
    if (name == u"chat.new"_s || name == u"chat.updated"_s) {
        const QJsonObject chat = p.value(u"chat"_s).toObject();
        const qint64 id = chat.value(u"id"_s).toInteger();
        const bool mine = chat.value(u"assigned_agent"_s).toObject().value(u"id"_s).toInteger() == m_app.session()->userId();
        const bool wasListed = m_model.rowOf(id) >= 0;
        place(chat);
        if (id == m_openChat)
            m_model.setUnread(id, 0);
        if (name == u"chat.new"_s && (mine || !wasListed))
            emit activity(id, tr("New chat"), nameOf(chat.value(u"client"_s).toObject()));
    } else if (name == u"chat.transferred"_s) {
        fetchChat(p.value(u"chat_id"_s).toInteger());
    } else if (name == u"chat.message"_s) {
        const qint64 chatId = p.value(u"chat_id"_s).toInteger();
        const QJsonObject message = p.value(u"message"_s).toObject();
        const bool inbound = message.value(u"direction"_s).toString() == u"inbound"_s;
        // The preview and the move to the top at once; the unread count from the server, which
        // knows whether chat.new or chat.updated already counted this message.
        if (!m_model.applyMessage(chatId, message, false) || (inbound && chatId != m_openChat))
            fetchChat(chatId, message);
        if (inbound) {
            const int row = m_model.rowOf(chatId);
            const QString who = row >= 0 ? m_model.data(m_model.index(row), ChatListModel::ClientNameRole).toString()
                                         : tr("New message");
            emit activity(chatId, who, message.value(u"content"_s).toString());
        }
    }
}

void InboxController::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorMessageChanged();
}
