#include "ResourceListModel.h"

#include "AppContext.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;
using Conversa::ApiResult;

ResourceListModel::ResourceListModel(QObject *parent) : QAbstractListModel(parent) {}

int ResourceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant ResourceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &item = m_items.at(index.row());
    switch (role) {
    case ItemIdRole: return item.value(u"id"_s).toInteger();
    case ItemRole: return item.toVariantMap();
    default: return {};
    }
}

QHash<int, QByteArray> ResourceListModel::roleNames() const
{
    return {{ItemIdRole, "itemId"}, {ItemRole, "item"}};
}

void ResourceListModel::setApp(AppContext *app)
{
    if (m_app == app)
        return;
    m_app = app;
    emit appChanged();
    refresh();
}

void ResourceListModel::setPath(const QString &path)
{
    if (m_path == path)
        return;
    m_path = path;
    queryEdited();
}

void ResourceListModel::setFilters(const QVariantMap &filters)
{
    if (m_filters == filters)
        return;
    m_filters = filters;
    queryEdited();
}

void ResourceListModel::setSearch(const QString &search)
{
    if (m_search == search)
        return;
    m_search = search;
    queryEdited();
}

void ResourceListModel::setPageSize(int size)
{
    size = qBound(1, size, 100);
    if (m_pageSize == size)
        return;
    m_pageSize = size;
    queryEdited();
}

void ResourceListModel::queryEdited()
{
    emit queryChanged();
    loadPage(1);
}

void ResourceListModel::refresh()
{
    loadPage(m_page);
}

void ResourceListModel::loadPage(int page)
{
    if (!m_app || m_path.isEmpty())
        return;
    page = m_totalPages > 0 ? qBound(1, page, m_totalPages) : qMax(1, page);
    QList<QPair<QString, QString>> query{{u"page"_s, QString::number(page)},
                                         {u"limit"_s, QString::number(m_pageSize)},
                                         {u"search"_s, m_search.trimmed()}};
    for (auto it = m_filters.cbegin(); it != m_filters.cend(); ++it)
        query.append({it.key(), it.value().toString()});
    const quint64 generation = ++m_generation;
    setBusy(true);
    m_app->api().getResource(m_path, query, this, [this, generation](const ApiResult<QJsonObject> &r) {
        if (generation != m_generation)
            return;
        setBusy(false);
        if (!r) {
            setError(AppContext::errorText(r.error()));
            return;
        }
        setError({});
        // A new page is a new list: rows are not updated one by one.
        beginResetModel();
        m_items.clear();
        for (const QJsonValue &v : r->value(u"data"_s).toArray())
            m_items.append(v.toObject());
        const QJsonObject meta = r->value(u"meta"_s).toObject();
        m_page = meta.value(u"current_page"_s).toInt(1);
        m_total = meta.value(u"total"_s).toInt(int(m_items.size()));
        m_totalPages = meta.value(u"total_pages"_s).toInt(m_items.isEmpty() ? 0 : 1);
        endResetModel();
        emit pageChanged();
        emit loaded();
    });
}

QVariantMap ResourceListModel::get(int row) const
{
    return row >= 0 && row < m_items.size() ? m_items.at(row).toVariantMap() : QVariantMap();
}

int ResourceListModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_items.at(row).value(u"id"_s).toInteger() == id)
            return row;
    }
    return -1;
}

void ResourceListModel::replace(const QJsonObject &item)
{
    const int row = rowOf(item.value(u"id"_s).toInteger());
    if (row < 0)
        return;
    // A detail answer may carry more than the list's items; the row keeps the list's keys.
    QJsonObject merged = m_items.at(row);
    for (auto it = item.begin(); it != item.end(); ++it)
        merged.insert(it.key(), it.value());
    m_items[row] = merged;
    const QModelIndex at = index(row);
    emit dataChanged(at, at, {ItemRole});
}

void ResourceListModel::removeId(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
    m_total = qMax(0, m_total - 1);
    emit pageChanged();
}

void ResourceListModel::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    emit busyChanged();
}

void ResourceListModel::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorMessageChanged();
}
