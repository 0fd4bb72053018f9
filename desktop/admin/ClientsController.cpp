#include "ClientsController.h"

#include "AppContext.h"

#include <QFile>
#include <QJsonArray>
#include <QSaveFile>

using namespace Qt::StringLiterals;
using Conversa::ApiResult;

ClientsController::ClientsController(QObject *parent)
    : ResourceController(u"/v1/clients"_s, {u"clients.create"_s, u"clients.update"_s, u"clients.delete"_s}, parent)
{}

QStringList ClientsController::leadStatuses()
{
    return {u"new"_s, u"contacted"_s, u"qualified"_s, u"proposal"_s, u"negotiation"_s, u"won"_s, u"lost"_s};
}

QJsonObject ClientsController::body(const QVariantMap &form, bool creating) const
{
    QJsonObject out;
    if (form.contains(u"phone_number"_s))
        out.insert(u"phone_number"_s, form.value(u"phone_number"_s).toString().trimmed());
    if (form.contains(u"lead_status"_s))
        out.insert(u"lead_status"_s, form.value(u"lead_status"_s).toString());
    // Optional texts: empty clears them on an edit, and is left out of a new client.
    for (const QString &key : {u"first_name"_s, u"last_name"_s, u"email"_s, u"company"_s, u"city"_s, u"country"_s,
                               u"address"_s, u"segment"_s, u"notes"_s}) {
        if (!form.contains(key))
            continue;
        const QString text = form.value(key).toString().trimmed();
        if (!text.isEmpty())
            out.insert(key, text);
        else if (!creating)
            out.insert(key, QJsonValue::Null);
    }
    for (const QString &key : {u"opt_in"_s, u"is_blocked"_s}) {
        if (form.contains(key))
            out.insert(key, form.value(key).toBool());
    }
    // Normalised and sorted as the server answers them, so that unchanged tags compare equal and
    // are not sent.
    if (form.contains(u"tags"_s)) {
        QStringList tags;
        for (const QString &tag : form.value(u"tags"_s).toString().split(u',')) {
            const QString t = tag.simplified().toLower();
            if (!t.isEmpty() && !tags.contains(t))
                tags.append(t);
        }
        tags.sort();
        out.insert(u"tags"_s, QJsonArray::fromStringList(tags));
    }
    if (form.contains(u"custom_fields"_s)) {
        QJsonObject fields;
        for (const QVariant &row : form.value(u"custom_fields"_s).toList()) {
            const QVariantMap m = row.toMap();
            const QString key = m.value(u"key"_s).toString().trimmed();
            if (!key.isEmpty())
                fields.insert(key, m.value(u"value"_s).toString());
        }
        out.insert(u"custom_fields"_s, fields);
    }
    return out;
}

void ClientsController::exportTo(const QUrl &file)
{
    if (!app())
        return;
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    QList<QPair<QString, QString>> filters{{u"search"_s, model()->search().trimmed()}};
    const QVariantMap f = model()->filters();
    for (auto it = f.cbegin(); it != f.cend(); ++it)
        filters.append({it.key(), it.value().toString()});
    setMessages({}, tr("Exporting…"));
    app()->api().exportClients(filters, this, [this, path](const ApiResult<Conversa::CsvExport> &r) {
        if (!r)
            return setMessages(AppContext::errorText(r.error()), {});
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(r->csv) != r->csv.size() || !out.commit())
            return setMessages(tr("Could not write %1").arg(path), {});
        const QString rows = QString::number(r->rows);
        setMessages({},
                    r->truncated
                        ? tr("Exported to %1 (clients: %2, the server's limit: narrow the filters for the rest)")
                              .arg(path, rows)
                        : tr("Exported to %1 (clients: %2)").arg(path, rows));
        emit exported(path);
    });
}
