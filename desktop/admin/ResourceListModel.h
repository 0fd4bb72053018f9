#pragma once

#include "AppContext.h"
#include <QAbstractListModel>
#include <QJsonObject>
#include <QPointer>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

// One page of a REST collection (GET <path>?page=&limit=&search=&<filters>, answered as
// {"data":[…],"meta":{current_page, per_page, total, total_pages}}), for the admin screens' lists.
// Each row is one item of `data` as the server sent it. Roles:
//   itemId (qint64) — the item's `id`;
//   item (QVariantMap) — the whole item, e.g. item.first_name, item.role.name.
// Changing path, filters, search or pageSize goes back to page 1 and loads; an answer that arrives
// after a newer request was made is dropped. Items changed here (a save) are replaced in place.
class ResourceListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(AppContext *app READ app WRITE setApp NOTIFY appChanged)
    Q_PROPERTY(QString path READ path WRITE setPath NOTIFY queryChanged)
    // Query parameters besides page, limit and search; empty values are left out.
    Q_PROPERTY(QVariantMap filters READ filters WRITE setFilters NOTIFY queryChanged)
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY queryChanged)
    Q_PROPERTY(int pageSize READ pageSize WRITE setPageSize NOTIFY queryChanged)
    Q_PROPERTY(int page READ page NOTIFY pageChanged)
    Q_PROPERTY(int totalPages READ totalPages NOTIFY pageChanged)
    Q_PROPERTY(int total READ total NOTIFY pageChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY pageChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
public:
    enum Role { ItemIdRole = Qt::UserRole + 1, ItemRole };
    Q_ENUM(Role)

    explicit ResourceListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    AppContext *app() const { return m_app; }
    void setApp(AppContext *app);
    QString path() const { return m_path; }
    void setPath(const QString &path);
    QVariantMap filters() const { return m_filters; }
    void setFilters(const QVariantMap &filters);
    QString search() const { return m_search; }
    void setSearch(const QString &search);
    int pageSize() const { return m_pageSize; }
    void setPageSize(int size);
    int page() const { return m_page; }
    int totalPages() const { return m_totalPages; }
    int total() const { return m_total; }
    bool busy() const { return m_busy; }
    QString errorMessage() const { return m_error; }

    Q_INVOKABLE void refresh();   // the current page again
    Q_INVOKABLE void loadPage(int page);
    Q_INVOKABLE void nextPage() { loadPage(m_page + 1); }
    Q_INVOKABLE void previousPage() { loadPage(m_page - 1); }
    Q_INVOKABLE QVariantMap get(int row) const;
    Q_INVOKABLE int rowOf(qint64 id) const;   // -1 when not on this page

    // The item as the server answers it now: its row is updated (dataChanged) if it is on the page.
    void replace(const QJsonObject &item);
    // The item is gone (deleted): its row is removed and the total lowered.
    void removeId(qint64 id);

signals:
    void appChanged();
    void queryChanged();
    void pageChanged();
    void busyChanged();
    void errorMessageChanged();
    void loaded();

private:
    void queryEdited();
    void setBusy(bool busy);
    void setError(const QString &error);

    QPointer<AppContext> m_app;
    QString m_path;
    QVariantMap m_filters;
    QString m_search;
    int m_pageSize = 20;
    int m_page = 1;
    int m_totalPages = 0;
    int m_total = 0;
    bool m_busy = false;
    QString m_error;
    quint64 m_generation = 0;   // the newest request; older answers are dropped
    QList<QJsonObject> m_items;
};
