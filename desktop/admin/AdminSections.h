#pragma once

#include "AppContext.h"
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

// The admin page's sidebar: the sections the signed-in user's permissions open, in order, each
// {key, title} ("users": users.read, "campaigns": campaigns.read, "numbers":
// whatsapp.numbers.read, "clients": clients.read, "tasks": tasks.read (agents have these two),
// "audit": audit.read, "backups": backups.read).
// Follows sign-in and sign-out.
class AdminSections : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(AppContext *app READ app WRITE setApp NOTIFY appChanged)
    Q_PROPERTY(QVariantList sections READ sections NOTIFY sectionsChanged)
public:
    explicit AdminSections(QObject *parent = nullptr);

    AppContext *app() const { return m_app; }
    void setApp(AppContext *app);
    QVariantList sections() const;

    // The keys the permissions open; empty: no admin page at all.
    static QStringList keysFor(const QStringList &permissions);

signals:
    void appChanged();
    void sectionsChanged();

private:
    QPointer<AppContext> m_app;
};
