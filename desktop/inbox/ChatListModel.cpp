#include "ChatListModel.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

QVariant ChatListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[index.row()];
    switch (role) {
    case IdRole: return r.id;
    case Qt::DisplayRole:
    case ClientNameRole: return r.clientName.isEmpty() ? r.phone : r.clientName;
    case PhoneNumberRole: return r.phone;
    case CampaignIdRole: return r.campaignId;
    case CampaignNameRole: return r.campaignName;
    case StatusRole: return r.status;
    case PriorityRole: return r.priority;
    case AssignedAgentIdRole: return r.agentId;
    case AssignedAgentNameRole: return r.agentName;
    case LastMessageRole: return r.lastMessage;
    case LastMessageInboundRole: return r.lastInbound;
    case LastActivityRole: return r.lastActivity;
    case UnreadCountRole: return r.unread;
    case TagsRole: return r.tags;
    case StatusTextRole: return statusText(r.status);
    }
    return {};
}

QHash<int, QByteArray> ChatListModel::roleNames() const
{
    return {{IdRole, "chatId"},
            {ClientNameRole, "clientName"},
            {PhoneNumberRole, "phoneNumber"},
            {CampaignIdRole, "campaignId"},
            {CampaignNameRole, "campaignName"},
            {StatusRole, "status"},
            {PriorityRole, "priority"},
            {AssignedAgentIdRole, "assignedAgentId"},
            {AssignedAgentNameRole, "assignedAgentName"},
            {LastMessageRole, "lastMessage"},
            {LastMessageInboundRole, "lastMessageInbound"},
            {LastActivityRole, "lastActivity"},
            {UnreadCountRole, "unreadCount"},
            {TagsRole, "tags"},
            {StatusTextRole, "statusText"}};
}

QString ChatListModel::statusText(const QString &status)
{
    static const char *const names[][2] = {{"new", QT_TRANSLATE_NOOP("ChatStatus", "New")},
                                           {"bot", QT_TRANSLATE_NOOP("ChatStatus", "With the bot")},
                                           {"queued", QT_TRANSLATE_NOOP("ChatStatus", "Queued")},
                                           {"assigned", QT_TRANSLATE_NOOP("ChatStatus", "Assigned")},
                                           {"active", QT_TRANSLATE_NOOP("ChatStatus", "Active")},
                                           {"pending", QT_TRANSLATE_NOOP("ChatStatus", "Waiting on the client")},
                                           {"closed", QT_TRANSLATE_NOOP("ChatStatus", "Closed")}};
    for (const auto &[key, text] : names) {
        if (status == QLatin1String(key))
            return QCoreApplication::translate("ChatStatus", text);
    }
    return status;
}

void ChatListModel::retranslate()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), {StatusTextRole});
}

int ChatListModel::totalUnread() const
{
    int total = 0;
    for (const Row &r : m_rows)
        total += r.unread;
    return total;
}

int ChatListModel::rowOf(qint64 chatId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == chatId)
            return i;
    }
    return -1;
}

void ChatListModel::fill(Row &row, const Conversa::ChatDto &chat)
{
    const auto has = [&chat](QStringView key) { return chat.wireKeys.contains(key.toString()); };
    row.id = chat.id;
    if (has(u"client")) {
        const Conversa::ClientDto &client = chat.client;
        row.clientName =
            QString(client.firstName.value_or(QString()) + u' ' + client.lastName.value_or(QString())).trimmed();
        row.phone = client.phoneNumber;
    }
    if (has(u"campaign")) {
        row.campaignId = chat.campaign ? chat.campaign->id : 0;
        row.campaignName = chat.campaign ? chat.campaign->name : QString();
    }
    if (has(u"assigned_agent")) {
        row.agentId = chat.assignedAgent ? chat.assignedAgent->id : 0;
        row.agentName = chat.assignedAgent
            ? QString(chat.assignedAgent->firstName + u' ' + chat.assignedAgent->lastName).trimmed()
            : QString();
    }
    if (has(u"status"))
        row.status = chat.status;
    if (has(u"priority"))
        row.priority = chat.priority;
    if (has(u"unread_count"))
        row.unread = int(chat.unreadCount);
    if (has(u"tags"))
        row.tags = chat.tags;
    if (has(u"created_at"))
        row.createdAt = chat.createdAt;
    if (chat.lastMessage) {
        row.lastMessageId = chat.lastMessage->id;
        row.lastMessage = chat.lastMessage->content.value_or(QString());
        row.lastInbound = chat.lastMessage->direction == u"inbound"_s;
    }
    row.lastActivity = chat.lastMessageAt.isValid() ? chat.lastMessageAt
                                                    : (row.lastActivity.isValid() ? row.lastActivity : row.createdAt);
}

void ChatListModel::reset(const QList<Conversa::ChatDto> &chats)
{
    const int before = totalUnread();
    beginResetModel();
    m_rows.clear();
    for (const Conversa::ChatDto &c : chats) {
        Row r;
        fill(r, c);
        m_rows.append(r);
    }
    endResetModel();
    emit countChanged();
    if (before != totalUnread())
        emit totalUnreadChanged();
}

void ChatListModel::append(const QList<Conversa::ChatDto> &chats)
{
    QList<Row> fresh;
    for (const Conversa::ChatDto &c : chats) {
        if (rowOf(c.id) >= 0)
            continue;
        Row r;
        fill(r, c);
        fresh.append(r);
    }
    if (fresh.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + fresh.size() - 1));
    m_rows.append(fresh);
    endInsertRows();
    emit countChanged();
    emit totalUnreadChanged();
}

int ChatListModel::insertionRow(const QDateTime &activity) const
{
    int row = 0;
    while (row < m_rows.size() && m_rows[row].lastActivity > activity)
        ++row;
    return row;
}

void ChatListModel::moveTo(int from, int to)
{
    if (from == to)
        return;
    // beginMoveRows wants the destination as the row before which the moved row lands.
    beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
    m_rows.move(from, to);
    endMoveRows();
}

void ChatListModel::upsert(const Conversa::ChatDto &chat)
{
    const qint64 id = chat.id;
    if (id <= 0)
        return;
    const int before = totalUnread();
    const int at = rowOf(id);
    if (at < 0) {
        Row r;
        fill(r, chat);
        const int row = insertionRow(r.lastActivity);
        beginInsertRows({}, row, row);
        m_rows.insert(row, r);
        endInsertRows();
        emit countChanged();
    } else {
        const QDateTime oldActivity = m_rows[at].lastActivity;
        fill(m_rows[at], chat);
        emit dataChanged(index(at), index(at));
        if (m_rows[at].lastActivity > oldActivity) {
            Row r = m_rows[at];
            int to = 0;
            while (to < at && m_rows[to].lastActivity > r.lastActivity)
                ++to;
            moveTo(at, to);
        }
    }
    if (before != totalUnread())
        emit totalUnreadChanged();
}

bool ChatListModel::applyMessage(qint64 chatId, const Conversa::MessageDto &message, bool countUnread)
{
    const int at = rowOf(chatId);
    if (at < 0)
        return false;
    Row &r = m_rows[at];
    const bool fresh = message.id > r.lastMessageId;
    if (fresh) {
        r.lastMessageId = message.id;
        r.lastMessage = message.content.value_or(QString());
        r.lastInbound = message.direction == u"inbound"_s;
        if (message.createdAt.isValid() && message.createdAt > r.lastActivity)
            r.lastActivity = message.createdAt;
        if (r.lastInbound && countUnread && !message.readAt.isValid()) {
            ++r.unread;
            emit totalUnreadChanged();
        }
    }
    emit dataChanged(index(at), index(at),
                     {LastMessageRole, LastMessageInboundRole, LastActivityRole, UnreadCountRole});
    if (fresh)
        moveTo(at, 0);
    return true;
}

void ChatListModel::setUnread(qint64 chatId, int unread)
{
    const int at = rowOf(chatId);
    if (at < 0 || m_rows[at].unread == unread)
        return;
    m_rows[at].unread = unread;
    emit dataChanged(index(at), index(at), {UnreadCountRole});
    emit totalUnreadChanged();
}

void ChatListModel::remove(qint64 chatId)
{
    const int at = rowOf(chatId);
    if (at < 0)
        return;
    const bool hadUnread = m_rows[at].unread > 0;
    beginRemoveRows({}, at, at);
    m_rows.removeAt(at);
    endRemoveRows();
    emit countChanged();
    if (hadUnread)
        emit totalUnreadChanged();
}
