#include "MessageListModel.h"

using namespace Qt::StringLiterals;

MessageListModel::Row MessageListModel::rowFrom(const Conversa::MessageDto &m)
{
    Row r;
    r.id = m.id;
    r.inbound = m.direction == u"inbound"_s;
    r.type = m.messageType;
    r.content = m.content.value_or(QString());
    r.status = m.status;
    r.errorCode = m.errorCode.value_or(QString());
    r.errorMessage = m.errorMessage.value_or(QString());
    r.createdAt = m.createdAt;
    if (m.isBotMessage)
        r.sender = u"Bot"_s;
    else if (m.user)
        r.sender = QString(m.user->firstName + u' ' + m.user->lastName).trimmed();
    r.mediaFileId = m.mediaFileId.value_or(0);
    r.read = r.inbound && m.readAt.isValid();
    r.templateName = m.templateName.value_or(QString());
    return r;
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[index.row()];
    switch (role) {
    case IdRole: return r.id;
    case LocalKeyRole: return r.key;
    case InboundRole: return r.inbound;
    case MessageTypeRole: return r.type;
    case Qt::DisplayRole:
    case ContentRole: return r.content;
    case StatusRole: return r.status;
    case ErrorCodeRole: return r.errorCode;
    case ErrorMessageRole: return r.errorMessage;
    case CreatedAtRole: return r.createdAt;
    case SenderNameRole: return r.sender;
    case MediaFileIdRole: return r.mediaFileId;
    case ReadRole: return r.read;
    case TemplateNameRole: return r.templateName;
    case DayRole: return r.createdAt.toLocalTime().date().toString(Qt::ISODate);
    }
    return {};
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    return {{IdRole, "messageId"},
            {LocalKeyRole, "localKey"},
            {InboundRole, "inbound"},
            {MessageTypeRole, "messageType"},
            {ContentRole, "content"},
            {StatusRole, "status"},
            {ErrorCodeRole, "errorCode"},
            {ErrorMessageRole, "errorMessage"},
            {CreatedAtRole, "createdAt"},
            {SenderNameRole, "senderName"},
            {MediaFileIdRole, "mediaFileId"},
            {ReadRole, "read"},
            {TemplateNameRole, "templateName"},
            {DayRole, "day"}};
}

int MessageListModel::rowOfId(qint64 id) const
{
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (m_rows[i].id == id)
            return i;
    }
    return -1;
}

int MessageListModel::rowOfKey(const QString &key) const
{
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (m_rows[i].key == key)
            return i;
    }
    return -1;
}

qint64 MessageListModel::firstId() const
{
    for (const Row &r : m_rows) {
        if (r.id > 0)
            return r.id;
    }
    return 0;
}

void MessageListModel::reset(const QList<Conversa::MessageDto> &messages)
{
    beginResetModel();
    m_rows.clear();
    for (const Conversa::MessageDto &m : messages)
        m_rows.append(rowFrom(m));
    endResetModel();
    emit countChanged();
}

void MessageListModel::prepend(const QList<Conversa::MessageDto> &older)
{
    QList<Row> rows;
    for (const Conversa::MessageDto &m : older) {
        if (rowOfId(m.id) < 0)
            rows.append(rowFrom(m));
    }
    if (rows.isEmpty())
        return;
    beginInsertRows({}, 0, int(rows.size()) - 1);
    m_rows = rows + m_rows;
    endInsertRows();
    emit countChanged();
}

void MessageListModel::upsert(const Conversa::MessageDto &message)
{
    Row fresh = rowFrom(message);
    const int at = rowOfId(fresh.id);
    if (at >= 0) {
        fresh.key = m_rows[at].key;
        m_rows[at] = fresh;
        emit dataChanged(index(at), index(at));
        return;
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(fresh);
    endInsertRows();
    emit countChanged();
}

void MessageListModel::addLocal(const QString &key, const QString &type, const QString &content)
{
    Row r;
    r.key = key;
    r.type = type;
    r.content = content;
    r.status = u"pending"_s;
    r.createdAt = QDateTime::currentDateTimeUtc();
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(r);
    endInsertRows();
    emit countChanged();
}

void MessageListModel::resolveLocal(const QString &key, const Conversa::MessageDto &message)
{
    const int local = rowOfKey(key);
    if (local < 0) {
        upsert(message);
        return;
    }
    const int existing = rowOfId(message.id);
    if (existing >= 0 && existing != local) {
        // The socket brought it first: keep that row, drop the local one.
        m_rows[existing].key = key;
        emit dataChanged(index(existing), index(existing), {LocalKeyRole});
        beginRemoveRows({}, local, local);
        m_rows.removeAt(local);
        endRemoveRows();
        emit countChanged();
        return;
    }
    Row fresh = rowFrom(message);
    fresh.key = key;
    m_rows[local] = fresh;
    emit dataChanged(index(local), index(local));
}

void MessageListModel::setLocalStatus(const QString &key, const QString &status, const QString &error)
{
    const int at = rowOfKey(key);
    if (at < 0 || m_rows[at].id > 0)
        return;
    m_rows[at].status = status;
    m_rows[at].errorMessage = error;
    emit dataChanged(index(at), index(at), {StatusRole, ErrorMessageRole});
}

void MessageListModel::markRead(const QList<qint64> &ids)
{
    for (const qint64 id : ids) {
        const int at = rowOfId(id);
        if (at >= 0 && !m_rows[at].read) {
            m_rows[at].read = true;
            emit dataChanged(index(at), index(at), {ReadRole});
        }
    }
}

QList<qint64> MessageListModel::unreadInbound() const
{
    QList<qint64> ids;
    for (const Row &r : m_rows) {
        if (r.inbound && !r.read && r.id > 0)
            ids.append(r.id);
    }
    return ids;
}

bool MessageListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasOlder && m_nearTop && m_fetchOlder;
}

void MessageListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        m_fetchOlder();
}

void MessageListModel::setHasOlder(bool hasOlder)
{
    if (hasOlder == m_hasOlder)
        return;
    m_hasOlder = hasOlder;
    emit hasOlderChanged();
}

void MessageListModel::setNearTop(bool nearTop)
{
    if (nearTop == m_nearTop)
        return;
    m_nearTop = nearTop;
    emit nearTopChanged();
}
