// The Audit log and Backups screens in the real app window against the real server, by mouse and
// keys: an administrator opens the audit log, chooses a row and sees its change as from → to,
// filters by action; makes a backup and watches it finish, sees its details and the restore's
// confirmation naming what would be lost (and says no). A supervisor sees the audit log without
// its export, and no backups. Screenshots land in build/<preset>/artifacts/.
#include "AuditLogController.h"
#include "BackupsController.h"
#include "DesktopHarness.h"
#include "QmlModules.h"
#include "TestServer.h"
#include "WindowProbe.h"

#include <QJsonArray>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

namespace {

// Like findItem, but only among what is visible: both of a page's closed dialogs hold the same names.
QQuickItem *findVisible(QQuickItem *from, const QString &name)
{
    if (!from->isVisible())
        return nullptr;
    if (from->objectName() == name)
        return from;
    for (QQuickItem *child : from->childItems()) {
        if (QQuickItem *found = findVisible(child, name))
            return found;
    }
    return nullptr;
}

}   // namespace

class tst_AdminAuditBackupsUi : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void auditScreen();
    void backupsScreen();
    void supervisorSeesAuditOnly();

private:
    QQuickWindow *window() const { return qobject_cast<QQuickWindow *>(m_engine->rootObjects().value(0)); }
    QQuickItem *item(const QString &name) const { return findItem(window()->contentItem(), name); }
    // Popups (dialogs) are drawn over the window, outside the page's tree.
    QQuickItem *overlayItem(const QString &name) const
    {
        QQuickItem *overlay = window()->property("overlay").value<QQuickItem *>();
        QQuickItem *found = overlay ? findVisible(overlay, name) : nullptr;
        return found ? found : item(name);
    }
    bool shown(const QString &name) const
    {
        QQuickItem *i = overlayItem(name);
        return i && i->isVisible();
    }
    void click(const QString &name) { clickItem(window(), overlayItem(name), name); }
    void signInAs(const QString &email, const QString &password)
    {
        if (item(u"workspacePage"_s)) {
            m_app->session()->logout();
            QTRY_VERIFY(!item(u"workspacePage"_s));
        }
        QVERIFY(signIn(*m_app, m_server.baseUrl(), email, password));
        QTRY_VERIFY(item(u"workspacePage"_s));
    }
    void openSection(const QString &section)
    {
        QTRY_VERIFY(shown(u"adminTab"_s));
        click(u"adminTab"_s);
        QTRY_VERIFY(item(u"adminPage"_s));
        QTRY_VERIFY(shown(u"section_"_s + section));
        click(u"section_"_s + section);
    }
    template <class T>
    T *controller(const QString &name) const
    {
        QQuickItem *p = item(name);
        return p ? qobject_cast<T *>(p->property("controller").value<QObject *>()) : nullptr;
    }
    void screenshot(const QString &name)
    {
        QString why;
        QVERIFY2(saveScreenshot(window(), QStringLiteral(CONVERSA_ARTIFACTS_DIR),
                                u"desktop-admin-%1-%2"_s.arg(name, TestServer::engine()), &why),
                 qPrintable(why));
    }

    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_app;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    qint64 m_updateRowId = 0;   // the audit row of the client's edit
};

void tst_AdminAuditBackupsUi::initTestCase()
{
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    QVERIFY(m_server.start());
    m_server.createUser(u"jefa@example.com"_s, u"correct horse 1"_s, u"admin"_s, u"active"_s, u"Jefa"_s, u"Admin"_s);
    m_server.createUser(u"super@example.com"_s, u"correct horse 2"_s, u"supervisor"_s, u"active"_s, u"Susana"_s,
                        u"Supervisora"_s);
    const QByteArray admin = m_server.login(u"jefa@example.com"_s, u"correct horse 1"_s);
    const ApiResponse client =
        m_server.request("POST", u"/v1/clients"_s, {{u"phone_number"_s, u"+573001230001"_s}}, admin);
    QCOMPARE(client.status, 201);
    QCOMPARE(m_server
                 .request("PUT", u"/v1/clients/%1"_s.arg(client.value(u"id"_s).toInteger()), {{u"city"_s, u"Bogotá"_s}},
                          admin)
                 .status,
             200);
    const QJsonArray rows =
        m_server.request("GET", u"/v1/audit-logs?action=client.update"_s, {}, admin).value(u"data"_s).toArray();
    QCOMPARE(rows.size(), 1);
    m_updateRowId = rows.at(0).toObject().value(u"id"_s).toInteger();
    QVERIFY(m_updateRowId > 0);
    QVERIFY(m_dir.isValid());
    m_app = makeContext(m_dir.filePath(u"settings.ini"_s), uniqueService());
    m_app->setLanguage(u"en"_s);
    m_engine = loadMainWindow(m_app.get());
    QVERIFY(window());
    window()->resize(1280, 860);
    window()->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(window()));
}

void tst_AdminAuditBackupsUi::cleanupTestCase()
{
    m_engine.reset();
    m_app.reset();
    m_server.stop();
}

void tst_AdminAuditBackupsUi::auditScreen()
{
    signInAs(u"jefa@example.com"_s, u"correct horse 1"_s);
    openSection(u"audit"_s);
    QTRY_VERIFY(item(u"auditPage"_s));
    auto *audit = controller<AuditLogController>(u"auditPage"_s);
    QVERIFY(audit);
    QVERIFY(shown(u"exportAuditButton"_s));
    const QString row = u"auditRow_%1"_s.arg(m_updateRowId);
    QTRY_VERIFY(shown(row));
    click(row);
    QTRY_COMPARE(audit->itemId(), m_updateRowId);
    QTRY_VERIFY(shown(u"auditChange_city"_s));
    QQuickItem *change = findItem(item(u"auditChange_city"_s), u"auditChangeText"_s);
    QVERIFY(change);
    QCOMPARE(change->property("text").toString(), u"(empty)  →  Bogotá"_s);
    screenshot(u"audit"_s);

    // Filtered by action: the edit alone.
    QQuickItem *action = item(u"auditActionFilter"_s);
    typeInto(window(), action, u"auditActionFilter"_s, u"client.update"_s);
    QTest::keyClick(window(), Qt::Key_Return);
    QTRY_COMPARE(audit->model()->filters().value(u"action"_s).toString(), u"client.update"_s);
    QTRY_VERIFY(!audit->model()->busy());
    QCOMPARE(audit->model()->total(), 1);
}

void tst_AdminAuditBackupsUi::backupsScreen()
{
    openSection(u"backups"_s);
    QTRY_VERIFY(item(u"backupsPage"_s));
    auto *backups = controller<BackupsController>(u"backupsPage"_s);
    QVERIFY(backups);
    QVERIFY(shown(u"uploadBackupButton"_s));
    // A small database is written within a frame or two: the end is the server's event.
    QSignalSpy finished(backups, &BackupsController::finished);
    click(u"createBackupButton"_s);
    QVERIFY(finished.wait(60000) || !finished.isEmpty());
    const qint64 id = finished.at(0).at(0).toLongLong();
    QVERIFY(finished.at(0).at(1).toBool());
    QVERIFY(!backups->creating());
    QVERIFY2(backups->errorMessage().isEmpty(), qPrintable(backups->errorMessage()));
    QVERIFY(!shown(u"backupCreating"_s));
    const QString row = u"backupRow_%1"_s.arg(id);
    QTRY_VERIFY(shown(row));
    click(row);
    QTRY_COMPARE(backups->itemId(), id);
    QTRY_COMPARE(item(u"backupStatus"_s)->property("text").toString(), u"Completed"_s);
    QVERIFY(shown(u"downloadBackupButton"_s));
    QVERIFY(shown(u"restoreBackupButton"_s));
    QVERIFY(shown(u"deleteBackupButton"_s));
    screenshot(u"backups"_s);

    // The restore's confirmation says what would be lost; No changes nothing.
    click(u"restoreBackupButton"_s);
    QTRY_VERIFY(shown(u"confirmMessage"_s));
    const QString message = overlayItem(u"confirmMessage"_s)->property("text").toString();
    QVERIFY2(message.contains(u"Everything since"_s) && message.contains(u"chats, messages"_s) &&
                 message.contains(u"signed out"_s),
             qPrintable(message));
    screenshot(u"backup-restore-confirm"_s);
    click(u"confirmNo"_s);
    QTRY_VERIFY(!shown(u"confirmMessage"_s));
    QVERIFY(!backups->restoring());
    QCOMPARE(m_server.auditRows(u"backup.restore"_s).size(), 0);
}

void tst_AdminAuditBackupsUi::supervisorSeesAuditOnly()
{
    signInAs(u"super@example.com"_s, u"correct horse 2"_s);
    openSection(u"audit"_s);
    QTRY_VERIFY(item(u"auditPage"_s));
    QVERIFY(!shown(u"section_backups"_s));
    QTRY_VERIFY(shown(u"auditRow_%1"_s.arg(m_updateRowId)));
    QVERIFY(!shown(u"exportAuditButton"_s));
    screenshot(u"audit-supervisor"_s);
}

QTEST_MAIN(tst_AdminAuditBackupsUi)
#include "tst_admin_audit_backups_ui.moc"
