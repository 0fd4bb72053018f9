#pragma once

#include <Conversa/dto/ChatDto.h>
#include <Conversa/dto/MessageDto.h>

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

// The inbox: one row per chat, newest activity first. Filled from GET /v1/chats pages, then kept
// current row by row from socket events: a chat's fields change in place (dataChanged), a chat
// with a new message moves to the top (beginMoveRows), a chat that appears is inserted where its
// activity puts it, and one that leaves the view is removed. Never reset except for a fresh load.
class ChatListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by InboxController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int totalUnread READ totalUnread NOTIFY totalUnreadChanged)
public:
    enum Role {
        IdRole = Qt::UserRole + 1,   // qint64 chat id
        ClientNameRole,              // QString: first and last name, else the phone number
        PhoneNumberRole,             // QString: E.164
        CampaignIdRole,              // qint64
        CampaignNameRole,            // QString
        StatusRole,                  // QString: new, bot, queued, assigned, active, pending, closed
        PriorityRole,                // QString: low, normal, high, urgent
        AssignedAgentIdRole,         // qint64, 0 when unassigned
        AssignedAgentNameRole,       // QString
        LastMessageRole,             // QString: the last message's text (or empty for media)
        LastMessageInboundRole,      // bool: the last message came from the client
        LastActivityRole,            // QDateTime: the last message's time, else the creation time
        UnreadCountRole,             // int: inbound messages not read yet
        TagsRole,                    // QStringList
        StatusTextRole,              // QString: the status in the UI's language
    };
    Q_ENUM(Role)

    explicit ChatListModel(QObject *parent = nullptr) : QAbstractListModel(parent) {}

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_rows.size()); }
    int totalUnread() const;
    int rowOf(qint64 chatId) const;
    Q_INVOKABLE qint64 chatIdAt(int row) const { return row >= 0 && row < m_rows.size() ? m_rows[row].id : 0; }

    // A fresh list (list items of GET /v1/chats), in the server's order.
    void reset(const QList<Conversa::ChatDto> &chats);
    // More rows of a later page, at the end (chats already listed are skipped).
    void append(const QList<Conversa::ChatDto> &chats);
    // A chat as the API or an event shows it (list item or detail): updated in place, or inserted
    // in activity order. Fields it was not read with (the detail has no last_message) are kept.
    void upsert(const Conversa::ChatDto &chat);
    // A new message on a listed chat: its preview and time change and it moves to the top;
    // an inbound message not already read adds one unread.
    bool applyMessage(qint64 chatId, const Conversa::MessageDto &message, bool countUnread);
    void setUnread(qint64 chatId, int unread);
    void remove(qint64 chatId);
    void clear() { reset({}); }
    // The language changed: the translated roles of every row.
    void retranslate();

    static QString statusText(const QString &status);   // "queued" -> "En cola" / "Queued"

signals:
    void countChanged();
    void totalUnreadChanged();

private:
    struct Row {
        qint64 id = 0;
        QString clientName, phone, campaignName, status, priority, agentName, lastMessage;
        qint64 campaignId = 0, agentId = 0, lastMessageId = 0;
        bool lastInbound = false;
        QDateTime createdAt, lastActivity;
        int unread = 0;
        QStringList tags;
    };
    static void fill(Row &row, const Conversa::ChatDto &chat);
    int insertionRow(const QDateTime &activity) const;
    void moveTo(int from, int to);

    QList<Row> m_rows;
};
