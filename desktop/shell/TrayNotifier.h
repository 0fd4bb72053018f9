#pragma once

#include <QObject>
#include <QSystemTrayIcon>

class AppContext;

// The system tray: an icon that carries the number of unread messages as a badge, and an OS
// notification for a new chat or a client's message while the window is not the active one.
class TrayNotifier : public QObject {
    Q_OBJECT
public:
    explicit TrayNotifier(AppContext &app, QObject *parent = nullptr);

    static QIcon iconWithBadge(int count);

signals:
    void activated();   // the user clicked the icon or a notification: show the window

private:
    void updateBadge();

    AppContext &m_app;
    QSystemTrayIcon m_tray;
};
