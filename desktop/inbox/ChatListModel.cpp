#include "ChatListModel.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

QDateTime timeOf(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODate);
}

QString personName(const QJsonObject &person)
{
    return QString(person.value(u"first_name"_s).toString() + u' ' + person.value(u"last_name"_s).toString()).trimmed();
}

} // namespace

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
    return {{IdRole, "chatId"}, {ClientNameRole, "clientName"}, {PhoneNumberRole, "phoneNumber"},
            {CampaignIdRole, "campaignId"}, {CampaignNameRole, "campaignName"}, {StatusRole, "status"},
            {PriorityRole, "priority"}, {AssignedAgentIdRole, "assignedAgentId"},
            {AssignedAgentNameRole, "assignedAgentName"}, {LastMessageRole, "lastMessage"},
            {LastMessageInboundRole, "lastMessageInbound"}, {LastActivityRole, "lastActivity"},
            {UnreadCountRole, "unreadCount"}, {TagsRole, "tags"}, {StatusTextRole, "statusText"}};
}

QString ChatListModel::statusText(const QString &status)
{
    static const char *const names[][2] = {
        {"new", QT_TRANSLATE_NOOP("ChatStatus", "New")},         {"bot", QT_TRANSLATE_NOOP("ChatStatus", "With the bot")},
        {"queued", QT_TRANSLATE_NOOP("ChatStatus", "Queued")},   {"assigned", QT_TRANSLATE_NOOP("ChatStatus", "Assigned")},
        {"active", QT_TRANSLATE_NOOP("ChatStatus", "Active")},   {"pending", QT_TRANSLATE_NOOP("ChatStatus", "Waiting on the client")},
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

void ChatListModel::fill(Row &row, const QJsonObject &chat)
{
    row.id = chat.value(u"id"_s).toInteger();
    const QJsonObject client = chat.value(u"client"_s).toObject();
    if (!client.isEmpty()) {
        row.clientName = personName(client);
        row.phone = client.value(u"phone_number"_s).toString();
    }
    if (chat.contains(u"campaign"_s)) {
        const QJsonObject campaign = chat.value(u"campaign"_s).toObject();
        row.campaignId = campaign.value(u"id"_s).toInteger();
        row.campaignName = campaign.value(u"name"_s).toString();
    }
    if (chat.contains(u"assigned_agent"_s)) {
        const QJsonObject agent = chat.value(u"assigned_agent"_s).toObject();
        row.agentId = agent.value(u"id"_s).toInteger();
        row.agentName = personName(agent);
    }
    if (chat.contains(u"status"_s))
        row.status = chat.value(u"status"_s).toString();
    if (chat.contains(u"priority"_s))
        row.priority = chat.value(u"priority"_s).toString();
    if (chat.contains(u"unread_count"_s))
        row.unread = chat.value(u"unread_count"_s).toInt();
    if (chat.contains(u"tags"_s)) {
        row.tags.clear();
        for (const QJsonValue &t : chat.value(u"tags"_s).toArray())
            row.tags.append(t.toString());
    }
    if (chat.contains(u"created_at"_s))
        row.createdAt = timeOf(chat.value(u"created_at"_s));
    const QJsonObject last = chat.value(u"last_message"_s).toObject();
    if (!last.isEmpty()) {
        row.lastMessageId = last.value(u"id"_s).toInteger();
        row.lastMessage = last.value(u"content"_s).toString();
        row.lastInbound = last.value(u"direction"_s).toString() == u"inbound"_s;
    }
    const QDateTime lastAt = timeOf(chat.value(u"last_message_at"_s));
    row.lastActivity = lastAt.isValid() ? lastAt : (row.lastActivity.isValid() ? row.lastActivity : row.createdAt);
}

void ChatListModel::reset(const QList<QJsonObject> &chats)
{
    const int before = totalUnread();
    beginResetModel();
    m_rows.clear();
    for (const QJsonObject &c : chats) {
        Row r;
        fill(r, c);
        m_rows.append(r);
    }
    endResetModel();
    emit countChanged();
    if (before != totalUnread())
        emit totalUnreadChanged();
}

void ChatListModel::append(const QList<QJsonObject> &chats)
{
    QList<Row> fresh;
    for (const QJsonObject &c : chats) {
        if (rowOf(c.value(u"id"_s).toInteger()) >= 0)
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

void ChatListModel::upsert(const QJsonObject &chat)
{
    const qint64 id = chat.value(u"id"_s).toInteger();
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

bool ChatListModel::applyMessage(qint64 chatId, const QJsonObject &message, bool countUnread)
{
    const int at = rowOf(chatId);
    if (at < 0)
        return false;
    Row &r = m_rows[at];
    const qint64 messageId = message.value(u"id"_s).toInteger();
    const bool fresh = messageId > r.lastMessageId;
    if (fresh) {
        r.lastMessageId = messageId;
        r.lastMessage = message.value(u"content"_s).toString();
        r.lastInbound = message.value(u"direction"_s).toString() == u"inbound"_s;
        const QDateTime at_ = timeOf(message.value(u"created_at"_s));
        if (at_.isValid() && at_ > r.lastActivity)
            r.lastActivity = at_;
        if (r.lastInbound && countUnread && message.value(u"read_at"_s).isNull()) {
            ++r.unread;
            emit totalUnreadChanged();
        }
    }
    emit dataChanged(index(at), index(at), {LastMessageRole, LastMessageInboundRole, LastActivityRole, UnreadCountRole});
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
