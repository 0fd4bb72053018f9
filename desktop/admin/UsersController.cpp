#include "UsersController.h"

#include "AppContext.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;
using Conversa::ApiResult;

UsersController::UsersController(QObject *parent)
    : ResourceController(u"/v1/users"_s, {u"users.create"_s, u"users.update"_s, u"users.delete"_s}, parent)
{}

void UsersController::appReady()
{
    if (!can(u"roles.read"_s))
        return;
    app()->api().getResource(u"/v1/roles"_s, {}, this, [this](const ApiResult<QJsonObject> &r) {
        if (!r)
            return;
        m_roles = r->value(u"data"_s).toArray().toVariantList();
        emit rolesChanged();
    });
}

QJsonObject UsersController::body(const QVariantMap &form, bool creating) const
{
    QJsonObject out;
    for (const QString &key : {u"email"_s, u"first_name"_s, u"last_name"_s, u"status"_s}) {
        if (form.contains(key))
            out.insert(key, form.value(key).toString().trimmed());
    }
    // Empty clears it.
    if (form.contains(u"phone"_s)) {
        const QString phone = form.value(u"phone"_s).toString().trimmed();
        out.insert(u"phone"_s, phone.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(phone));
    }
    for (const QString &key : {u"role_id"_s, u"max_concurrent_chats"_s}) {
        if (form.contains(key))
            out.insert(key, form.value(key).toLongLong());
    }
    if (form.contains(u"auto_assign_enabled"_s))
        out.insert(u"auto_assign_enabled"_s, form.value(u"auto_assign_enabled"_s).toBool());
    // The password is set on create only (then by its owner, /v1/auth/change-password).
    if (creating)
        out.insert(u"password"_s, form.value(u"password"_s).toString());
    return out;
}

QJsonValue UsersController::current(const QString &key) const
{
    if (key == "role_id"_L1)
        return currentItem().value(u"role"_s).toObject().value(u"id"_s);
    return ResourceController::current(key);
}

void UsersController::setStatus(qint64 id, const QString &status)
{
    call("PUT", itemPath(id), {{u"status"_s, status}}, [this, id, status](const QJsonObject &answer) {
        model()->replace(answer);
        if (itemId() == id)
            setItem(answer);
        setMessages({}, status == "active"_L1 ? tr("User reactivated") : tr("User suspended"));
    });
}

void UsersController::unlockLogin(qint64 id)
{
    call("POST", itemPath(id) + u"/unlock-login"_s, {},
         [this](const QJsonObject &) { setMessages({}, tr("Login unlocked")); });
}

void UsersController::setRoleRequiresTwoFactor(qint64 roleId, bool required)
{
    call("PUT", u"/v1/roles/%1"_s.arg(roleId), {{u"require_two_factor"_s, required}},
         [this, roleId](const QJsonObject &answer) {
             for (QVariant &role : m_roles) {
                 if (role.toMap().value(u"id"_s).toLongLong() == roleId)
                     role = answer.toVariantMap();
             }
             emit rolesChanged();
             setMessages({},
                         answer.value(u"require_two_factor"_s).toBool()
                             ? tr("Two-factor authentication is now required for this role")
                             : tr("Two-factor authentication is no longer required for this role"));
         });
}
