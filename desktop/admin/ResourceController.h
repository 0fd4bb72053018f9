#pragma once

#include "AppContext.h"
#include "FormErrors.h"
#include "ResourceListModel.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <functional>

// What every admin screen does with one REST resource (users, campaigns, …): its list (`model`,
// paged and searchable), the item open in the detail/form (`item`, empty for a new one), save
// (POST to create, PUT of only the changed fields to edit), delete, and the form's errors from a
// 422 (`errors`). What the session's role may do (`canCreate`, `canUpdate`, `canDelete`) follows
// its permissions, so that QML hides what the role cannot do. A screen's controller names its
// path and permissions and turns its form's values into the wire's JSON (body()).
class ResourceController : public QObject {
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(AppContext *app READ app WRITE setApp NOTIFY appChanged)
    Q_PROPERTY(ResourceListModel *model READ model CONSTANT)
    Q_PROPERTY(FormErrors *errors READ errors CONSTANT)
    Q_PROPERTY(QVariantMap item READ item NOTIFY itemChanged)
    Q_PROPERTY(qint64 itemId READ itemId NOTIFY itemChanged)   // 0: a new item
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY messageChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY messageChanged)
    Q_PROPERTY(bool canCreate READ canCreate NOTIFY permissionsChanged)
    Q_PROPERTY(bool canUpdate READ canUpdate NOTIFY permissionsChanged)
    Q_PROPERTY(bool canDelete READ canDelete NOTIFY permissionsChanged)
public:
    struct Permissions {
        QString create, update, remove;
    };
    ResourceController(const QString &path, const Permissions &permissions, QObject *parent = nullptr);

    AppContext *app() const { return m_app; }
    void setApp(AppContext *app);
    ResourceListModel *model() { return &m_model; }
    FormErrors *errors() { return &m_errors; }
    QVariantMap item() const { return m_item.toVariantMap(); }
    qint64 itemId() const { return m_item.value(QStringLiteral("id")).toInteger(); }
    bool busy() const { return m_busy > 0; }
    QString errorMessage() const { return m_error; }
    QString notice() const { return m_notice; }
    bool canCreate() const { return can(m_permissions.create); }
    bool canUpdate() const { return can(m_permissions.update); }
    bool canDelete() const { return can(m_permissions.remove); }
    Q_INVOKABLE bool can(const QString &permission) const;

    Q_INVOKABLE void open(qint64 id);   // the item's detail, from the server
    Q_INVOKABLE void startNew();        // an empty form
    // The form's values by wire name; a new item is created, else only what differs is sent.
    Q_INVOKABLE void save(const QVariantMap &form);
    Q_INVOKABLE void remove(qint64 id);
    Q_INVOKABLE void clearMessages();

signals:
    void appChanged();
    void itemChanged();
    void busyChanged();
    void messageChanged();
    void permissionsChanged();
    void saved(qint64 id);
    void removed(qint64 id);

protected:
    // The form's values as the wire wants them (types, nulls), without the keys it does not edit.
    virtual QJsonObject body(const QVariantMap &form, bool creating) const = 0;
    // The item's value that a form's key edits, to leave unchanged ones out of an update (a user's
    // role_id is its role.id).
    virtual QJsonValue current(const QString &key) const { return m_item.value(key); }
    // After sign-in or a change of app: what the screen loads besides the list (roles, flows…).
    virtual void appReady() {}

    QString path() const { return m_path; }
    const QJsonObject &currentItem() const { return m_item; }
    QString itemPath(qint64 id) const { return m_path + u'/' + QString::number(id); }
    // One call; on success `ok` gets the answer, on failure the form's errors are set.
    void call(const QByteArray &method, const QString &path, const QJsonObject &body,
              std::function<void(const QJsonObject &)> ok);
    void setItem(const QJsonObject &item);
    void setMessages(const QString &error, const QString &notice);

private:
    void setBusy(bool busy);

    QString m_path;
    Permissions m_permissions;
    QPointer<AppContext> m_app;
    ResourceListModel m_model;
    FormErrors m_errors;
    QJsonObject m_item;
    int m_busy = 0;
    QString m_error;
    QString m_notice;
};
