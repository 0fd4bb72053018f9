#pragma once

#include "FileDownload.h"
#include "ResourceController.h"

#include <QUrl>
#include <QVariantList>

// The Audit log screen (server/openapi/paths/audit.yaml): the paged list, newest first, with the
// filters the server offers (model.filters: user_id, action, entity_type, entity_id, success,
// from_date, to_date; a bad date is the list's error), the row chosen in the list shown with its
// changes as field: from → to (`changes`), and the CSV export of what the filters match, streamed
// to a chosen file with the bytes received (`download`). Reading needs audit.read (administrators,
// supervisors given it), exporting audit.export. Rows are never edited: there is no form.
class AuditLogController : public ResourceController {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool canExport READ canExport NOTIFY permissionsChanged)
    // {id, name} of the users to filter by (users.read), by name.
    Q_PROPERTY(QVariantList users READ users NOTIFY usersChanged)
    // The shown row's changes, one per field: {field, from, to, pair}; `pair` false for a value
    // that is not a from/to pair (an export row's `filters`, `rows`), shown in `to`.
    Q_PROPERTY(QVariantList changes READ changes NOTIFY itemChanged)
    Q_PROPERTY(FileDownload *download READ download CONSTANT)
public:
    explicit AuditLogController(QObject *parent = nullptr);

    bool canExport() const { return can(QStringLiteral("audit.export")); }
    QVariantList users() const { return m_users; }
    QVariantList changes() const { return changeRows(currentItem().value(QStringLiteral("changes"))); }
    FileDownload *download() { return &m_download; }

    // The list's row in the detail (the server has no route for a single row).
    Q_INVOKABLE void show(int row);
    // The CSV of every row the filters match, written to `file` as it arrives.
    Q_INVOKABLE void exportTo(const QUrl &file);

    static QVariantList changeRows(const QJsonValue &changes);

signals:
    void usersChanged();
    void exported(const QString &path, int rows);

protected:
    QJsonObject body(const QVariantMap &, bool) const override { return {}; }
    void appReady() override;

private:
    QVariantList m_users;
    FileDownload m_download;
};
