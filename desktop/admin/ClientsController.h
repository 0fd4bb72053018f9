#pragma once

#include "ResourceController.h"

#include <QStringList>
#include <QUrl>
#include <QVariantList>

// The Clients screen (server/openapi/paths/clients.yaml): the paged list with search and the lead
// status, segment and tag filters (model.filters), a client's detail with their chats and tasks
// (`item.chats`, `item.tasks`), create and edit with tags and custom fields, delete, and the CSV
// export of what the list's filters match. Every role reads and edits clients; supervisors and
// admins also delete, import (ClientImport) and export them.
class ClientsController : public ResourceController {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool canImport READ canImport NOTIFY permissionsChanged)
    Q_PROPERTY(bool canExport READ canExport NOTIFY permissionsChanged)
    Q_PROPERTY(bool canCreateTasks READ canCreateTasks NOTIFY permissionsChanged)   // on a client
    Q_PROPERTY(QStringList leadStatuses READ leadStatuses CONSTANT)                 // the pipeline, in order
public:
    explicit ClientsController(QObject *parent = nullptr);

    bool canImport() const { return can(QStringLiteral("clients.import")); }
    bool canExport() const { return can(QStringLiteral("clients.export")); }
    bool canCreateTasks() const { return can(QStringLiteral("tasks.create")); }
    static QStringList leadStatuses();

    // The CSV of every client the list's search and filters match, written to `file`.
    Q_INVOKABLE void exportTo(const QUrl &file);

signals:
    void exported(const QString &path);

protected:
    // form: the wire's fields; `tags` as a comma-separated text, `custom_fields` as rows {key, value}.
    QJsonObject body(const QVariantMap &form, bool creating) const override;
};
