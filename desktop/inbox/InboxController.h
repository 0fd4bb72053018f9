#pragma once

#include "ChatListModel.h"

#include <Conversa/api/ApiRequests.h>
#include <Conversa/dto/RealtimeEventDto.h>

#include <QObject>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class AppContext;

// The inbox view: which chats (tab, status, campaign, search), loading them, and keeping them
// current from the socket (chat.new, chat.updated, chat.message, chat.transferred) without a
// reload. Tells the shell about activity worth a notification.
class InboxController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by AppContext")
    Q_PROPERTY(ChatListModel *model READ model CONSTANT)
    Q_PROPERTY(Tab tab READ tab WRITE setTab NOTIFY filtersChanged)
    Q_PROPERTY(QString statusFilter READ statusFilter WRITE setStatusFilter NOTIFY filtersChanged)
    Q_PROPERTY(qint64 campaignFilter READ campaignFilter WRITE setCampaignFilter NOTIFY filtersChanged)
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY filtersChanged)
    Q_PROPERTY(QVariantList campaigns READ campaigns NOTIFY campaignsChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(bool hasMore READ hasMore NOTIFY busyChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
public:
    enum Tab { Mine, Queued, All };
    Q_ENUM(Tab)

    explicit InboxController(AppContext &app, QObject *parent = nullptr);

    ChatListModel *model() { return &m_model; }
    Tab tab() const { return m_tab; }
    void setTab(Tab tab);
    QString statusFilter() const { return m_status; }
    void setStatusFilter(const QString &status);
    qint64 campaignFilter() const { return m_campaign; }
    void setCampaignFilter(qint64 campaignId);
    QString search() const { return m_search; }
    void setSearch(const QString &search);                   // applied after a short pause in typing
    QVariantList campaigns() const { return m_campaigns; }   // [{id, name}] for the filter
    bool busy() const { return m_busy; }
    bool hasMore() const { return m_page < m_totalPages; }
    QString errorMessage() const { return m_error; }

    Q_INVOKABLE void refresh();
    Q_INVOKABLE void loadMore();
    // The conversation that is open: its messages do not count as unread.
    void setOpenChat(qint64 chatId) { m_openChat = chatId; }

    // Whether a chat (as the API shows it) belongs in the current view.
    bool matches(const Conversa::ChatDto &chat) const;

signals:
    void filtersChanged();
    void campaignsChanged();
    void busyChanged();
    void errorMessageChanged();
    // Something the agent should notice: a chat given to them, or a client's message.
    void activity(qint64 chatId, const QString &title, const QString &text);

private:
    void onChat(const Conversa::ChatDto &chat, bool isNew);   // chat.new, chat.updated
    void onMessage(const Conversa::ChatMessageEventDto &event);
    void fetchChat(qint64 chatId, const std::optional<Conversa::MessageDto> &message = std::nullopt);
    void place(const Conversa::ChatDto &chat);
    void load(int page);
    void loadCampaigns();
    Conversa::ChatQuery query(int page) const;
    void setError(const QString &error);

    AppContext &m_app;
    ChatListModel m_model;
    Tab m_tab = Mine;
    QString m_status;
    qint64 m_campaign = 0;
    QString m_search;
    QTimer m_searchDelay;
    QVariantList m_campaigns;
    bool m_busy = false;
    int m_page = 0;
    int m_totalPages = 0;
    int m_generation = 0;   // answers to an older query are dropped
    qint64 m_openChat = 0;
    QString m_error;
};
