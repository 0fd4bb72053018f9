#pragma once

#include "ResourceController.h"

#include <QVariantList>

// The Users screen (server/openapi/paths/users.yaml): the paged list with search and the role and
// status filters (model.filters: {role, status}), a user's detail, create and edit (role, capacity
// `max_concurrent_chats`, `auto_assign_enabled`…), suspend and reactivate, delete, and clearing a
// locked login. Admins manage users (users.create/update/delete); supervisors only read them.
// Admins also choose which roles require two-factor authentication (roles.update).
class UsersController : public ResourceController {
    Q_OBJECT
    QML_ELEMENT
    // The roles a user may be given, {id, name, display_name, require_two_factor}, from GET /v1/roles.
    Q_PROPERTY(QVariantList roles READ roles NOTIFY rolesChanged)
    Q_PROPERTY(bool canEditRoles READ canEditRoles NOTIFY permissionsChanged)
public:
    explicit UsersController(QObject *parent = nullptr);

    QVariantList roles() const { return m_roles; }
    bool canEditRoles() const { return can(QStringLiteral("roles.update")); }

    // status: active (reactivate), suspended or inactive. Cuts the user's logins at once.
    Q_INVOKABLE void setStatus(qint64 id, const QString &status);
    Q_INVOKABLE void unlockLogin(qint64 id);
    // Its users without 2FA are then held at turning it on right after signing in.
    Q_INVOKABLE void setRoleRequiresTwoFactor(qint64 roleId, bool required);

signals:
    void rolesChanged();

protected:
    QJsonObject body(const QVariantMap &form, bool creating) const override;
    QJsonValue current(const QString &key) const override;
    void appReady() override;

private:
    QVariantList m_roles;
};
