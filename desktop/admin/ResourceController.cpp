#include "ResourceController.h"

#include "AppContext.h"
#include "SessionController.h"

using namespace Qt::StringLiterals;
using Conversa::ApiResult;

ResourceController::ResourceController(const QString &path, const Permissions &permissions, QObject *parent)
    : QObject(parent), m_path(path), m_permissions(permissions)
{
    m_model.setPath(path);
}

void ResourceController::setApp(AppContext *app)
{
    if (m_app == app)
        return;
    if (m_app)
        disconnect(m_app->session(), nullptr, this, nullptr);
    m_app = app;
    if (app)
        connect(app->session(), &SessionController::userChanged, this, &ResourceController::permissionsChanged);
    emit appChanged();
    emit permissionsChanged();
    m_model.setApp(app);
    if (app)
        appReady();
}

bool ResourceController::can(const QString &permission) const
{
    return m_app && !permission.isEmpty() && m_app->session()->permissions().contains(permission);
}

void ResourceController::setBusy(bool busy)
{
    const bool was = this->busy();
    m_busy += busy ? 1 : -1;
    if (was != this->busy())
        emit busyChanged();
}

void ResourceController::setMessages(const QString &error, const QString &notice)
{
    m_error = error;
    m_notice = notice;
    emit messageChanged();
}

void ResourceController::clearMessages()
{
    setMessages({}, {});
    m_errors.clear();
}

void ResourceController::setItem(const QJsonObject &item)
{
    m_item = item;
    emit itemChanged();
}

void ResourceController::call(const QByteArray &method, const QString &path, const QJsonObject &body,
                              std::function<void(const QJsonObject &)> ok)
{
    if (!m_app)
        return;
    setBusy(true);
    m_app->api().writeResource(method, path, body, this, [this, ok](const ApiResult<QJsonObject> &r) {
        setBusy(false);
        if (!r) {
            m_errors.set(r.error());
            setMessages(m_errors.message(), {});
            return;
        }
        m_errors.clear();
        ok(*r);
    });
}

void ResourceController::open(qint64 id)
{
    if (!m_app)
        return;
    setBusy(true);
    m_app->api().getResource(itemPath(id), {}, this, [this](const ApiResult<QJsonObject> &r) {
        setBusy(false);
        if (!r)
            return setMessages(AppContext::errorText(r.error()), {});
        m_errors.clear();
        setMessages({}, m_notice);   // a save's "Created" stays
        setItem(*r);
        m_model.replace(*r);
    });
}

void ResourceController::startNew()
{
    clearMessages();   // and the last item's notice
    setItem({});
}

void ResourceController::save(const QVariantMap &form)
{
    const bool creating = itemId() == 0;
    QJsonObject changes = body(form, creating);
    if (!creating) {
        // A partial update: the audit row then names only what really changed.
        for (const QString &key : changes.keys()) {
            if (current(key) == changes.value(key))
                changes.remove(key);
        }
        if (changes.isEmpty()) {
            clearMessages();
            setMessages({}, tr("Nothing to save"));
            emit saved(itemId());
            return;
        }
    }
    call(creating ? "POST" : "PUT", creating ? m_path : itemPath(itemId()), changes,
         [this, creating](const QJsonObject &answer) {
             const qint64 id = answer.value(u"id"_s).toInteger();
             setMessages({}, creating ? tr("Created") : tr("Saved"));
             if (creating) {
                 m_model.refresh();
                 // A create may answer less than the detail (users): the form shows the whole item.
                 open(id);
             } else {
                 setItem(answer);
                 m_model.replace(answer);
             }
             emit saved(id);
         });
}

void ResourceController::remove(qint64 id)
{
    call("DELETE", itemPath(id), {}, [this, id](const QJsonObject &) {
        m_model.removeId(id);
        if (itemId() == id)
            setItem({});
        setMessages({}, tr("Deleted"));
        emit removed(id);
        // The page may now have room for the next one's first item.
        m_model.refresh();
    });
}
