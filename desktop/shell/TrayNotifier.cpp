#include "TrayNotifier.h"

#include "AppContext.h"
#include "InboxController.h"

#include <QGuiApplication>
#include <QPainter>
#include <QPixmap>
#include <QWindow>

using namespace Qt::StringLiterals;

TrayNotifier::TrayNotifier(AppContext &app, QObject *parent) : QObject(parent), m_app(app)
{
    m_tray.setIcon(iconWithBadge(0));
    m_tray.setToolTip(tr("Conversa"));
    m_tray.show();
    ChatListModel *model = m_app.inbox()->model();
    connect(model, &ChatListModel::totalUnreadChanged, this, &TrayNotifier::updateBadge);
    connect(model, &ChatListModel::modelReset, this, &TrayNotifier::updateBadge);
    connect(m_app.inbox(), &InboxController::activity, this, [this](qint64, const QString &title, const QString &text) {
        // Only when the agent is looking elsewhere: in the window, the inbox already shows it.
        if (QGuiApplication::applicationState() != Qt::ApplicationActive)
            m_tray.showMessage(title, text, QSystemTrayIcon::Information, 5000);
    });
    connect(&m_tray, &QSystemTrayIcon::activated, this, &TrayNotifier::activated);
    connect(&m_tray, &QSystemTrayIcon::messageClicked, this, &TrayNotifier::activated);
}

void TrayNotifier::updateBadge()
{
    const int unread = m_app.inbox()->model()->totalUnread();
    m_tray.setIcon(iconWithBadge(unread));
    m_tray.setToolTip(unread > 0 ? tr("Conversa — %1 unread").arg(unread) : tr("Conversa"));
}

QIcon TrayNotifier::iconWithBadge(int count)
{
    QPixmap pixmap(64, 64);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(QColor(0x07, 0x5e, 0x54));
    p.setPen(Qt::NoPen);
    p.drawEllipse(4, 4, 56, 56);
    p.setPen(Qt::white);
    QFont font = p.font();
    font.setPixelSize(34);
    font.setBold(true);
    p.setFont(font);
    p.drawText(QRect(4, 4, 56, 56), Qt::AlignCenter, u"C"_s);
    if (count > 0) {
        p.setBrush(QColor(0xd9, 0x30, 0x25));
        p.setPen(Qt::NoPen);
        p.drawEllipse(30, 0, 34, 34);
        p.setPen(Qt::white);
        font.setPixelSize(count > 99 ? 13 : 20);
        p.setFont(font);
        p.drawText(QRect(30, 0, 34, 34), Qt::AlignCenter, count > 99 ? u"99+"_s : QString::number(count));
    }
    p.end();
    return QIcon(pixmap);
}
