// The admin screens in the real app window against the real server, by mouse and keys: an
// administrator opens the workspace's "Administration" tab, whose sidebar has the sections the
// role may see; on Users fills the new-user form, gets the server's 422 under the email field,
// fixes it and creates the user, then suspends them and deletes them after the confirmation, and
// sees a switch per role for requiring 2FA; on Campaigns creates one with business hours and sees
// a day's error on that day. A supervisor sees the lists without the actions they may not take;
// an agent's tab has only their clients and tasks. Screenshots of each screen land in build/<preset>/artifacts/.
#include "CampaignsController.h"
#include "DesktopHarness.h"
#include "FakeWppConnect.h"
#include "NumbersController.h"
#include "QmlModules.h"
#include "TestServer.h"
#include "WindowProbe.h"
#include "UsersController.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>

using namespace Qt::StringLiterals;

class tst_AdminUi : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void usersScreen();
    void campaignsScreen();
    void numbersScreen();
    void supervisorSeesNoActions();
    void agentHasClientsAndTasksOnly();

private:
    QQuickWindow *window() const { return qobject_cast<QQuickWindow *>(m_engine->rootObjects().value(0)); }
    QQuickItem *item(const QString &name) const { return findItem(window()->contentItem(), name); }
    bool shown(const QString &name) const
    {
        QQuickItem *i = item(name);
        return i && i->isVisible();
    }
    // A form field's error label says something (it stays in the layout, empty, otherwise).
    bool hasError(const QString &name) const
    {
        QQuickItem *i = item(name);
        return i && i->isVisible() && !i->property("text").toString().isEmpty();
    }
    void click(const QString &name) { clickItem(window(), item(name), name); }
    void type(const QString &field, const QString &text) { typeInto(window(), item(field), field, text); }
    void signInAs(const QString &email, const QString &password)
    {
        if (item(u"workspacePage"_s)) {
            m_app->session()->logout();
            QTRY_VERIFY(!item(u"workspacePage"_s));
        }
        QVERIFY(signIn(*m_app, m_server.baseUrl(), email, password));
        QTRY_VERIFY(item(u"workspacePage"_s));
    }
    void openAdmin()
    {
        QTRY_VERIFY(shown(u"adminTab"_s));
        click(u"adminTab"_s);
        QTRY_VERIFY(item(u"adminPage"_s));
    }
    template <class T>
    T *controller(const QString &page) const
    {
        QQuickItem *p = item(page);
        return p ? qobject_cast<T *>(p->property("controller").value<QObject *>()) : nullptr;
    }
    void screenshot(const QString &name);

    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_app;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
};

void tst_AdminUi::initTestCase()
{
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    QVERIFY(m_server.start());
    m_server.createUser(u"jefa@example.com"_s, u"correct horse 1"_s, u"admin"_s, u"active"_s, u"Jefa"_s, u"Admin"_s);
    m_server.createUser(u"super@example.com"_s, u"correct horse 2"_s, u"supervisor"_s, u"active"_s, u"Sara"_s,
                        u"Super"_s);
    m_server.createUser(u"agente@example.com"_s, u"correct horse 3"_s, u"agent"_s, u"active"_s, u"Águeda"_s,
                        u"Agente"_s);
    QVERIFY(m_dir.isValid());
    m_app = makeContext(m_dir.filePath(u"settings.ini"_s), uniqueService());
    m_app->setLanguage(u"en"_s);
    m_engine = loadMainWindow(m_app.get());
    QVERIFY(window());
    window()->resize(1280, 860);
    window()->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(window()));
}

void tst_AdminUi::cleanupTestCase()
{
    m_engine.reset();
    m_app.reset();
    m_server.stop();
}

void tst_AdminUi::screenshot(const QString &name)
{
    QString why;
    QVERIFY2(saveScreenshot(window(), QStringLiteral(CONVERSA_ARTIFACTS_DIR),
                            u"desktop-admin-%1-%2"_s.arg(name, TestServer::engine()), &why),
             qPrintable(why));
}

void tst_AdminUi::usersScreen()
{
    signInAs(u"jefa@example.com"_s, u"correct horse 1"_s);
    openAdmin();
    QTRY_VERIFY(shown(u"section_users"_s));
    QVERIFY(shown(u"section_campaigns"_s));
    QTRY_VERIFY(item(u"usersPage"_s));
    auto *users = controller<UsersController>(u"usersPage"_s);
    QVERIFY(users);
    QTRY_COMPARE(users->model()->rowCount(), 3);
    QTRY_VERIFY(shown(u"userRow_super@example.com"_s));

    // A user's detail from the list.
    click(u"userRow_super@example.com"_s);
    QTRY_COMPARE(item(u"emailField"_s)->property("text").toString(), u"super@example.com"_s);
    QVERIFY(shown(u"suspendUserButton"_s));
    QVERIFY(shown(u"deleteUserButton"_s));
    screenshot(u"users"_s);

    // Which roles require 2FA: a switch per role, admins only.
    click(u"rolesTwoFactorButton"_s);
    QTRY_VERIFY(shown(u"requireTwoFactor_agent"_s));
    QVERIFY(shown(u"requireTwoFactor_admin"_s));
    QVERIFY(!item(u"requireTwoFactor_agent"_s)->property("checked").toBool());
    screenshot(u"roles-two-factor"_s);
    QTest::keyClick(window(), Qt::Key_Escape);
    QTRY_VERIFY(!shown(u"requireTwoFactor_agent"_s));

    // A new one, refused: the message under the email field.
    click(u"newUserButton"_s);
    QTRY_VERIFY(shown(u"passwordField"_s));
    QCOMPARE(item(u"emailField"_s)->property("text").toString(), QString());
    type(u"firstNameField"_s, u"Nuevo"_s);
    type(u"lastNameField"_s, u"Agente"_s);
    type(u"emailField"_s, u"nuevo-at-example.com"_s);
    type(u"passwordField"_s, u"correct horse 5"_s);
    click(u"saveUserButton"_s);
    QTRY_VERIFY(hasError(u"emailError"_s));
    QVERIFY(!item(u"emailError"_s)->property("text").toString().isEmpty());
    QVERIFY(!hasError(u"firstNameError"_s));
    QVERIFY(shown(u"userFormMessage"_s));
    screenshot(u"user-form-error"_s);

    type(u"emailField"_s, u"nuevo@example.com"_s);
    click(u"saveUserButton"_s);
    QTRY_VERIFY(users->itemId() > 0);
    const qint64 id = users->itemId();
    QTRY_VERIFY(!hasError(u"emailError"_s));
    QTRY_VERIFY(shown(u"userRow_nuevo@example.com"_s));
    QCOMPARE(users->item().value(u"role"_s).toMap().value(u"name"_s).toString(), u"agent"_s);

    // Suspended, then deleted after the confirmation.
    click(u"suspendUserButton"_s);
    QTRY_COMPARE(users->item().value(u"status"_s).toString(), u"suspended"_s);
    QTRY_VERIFY(shown(u"reactivateUserButton"_s));
    click(u"deleteUserButton"_s);
    QTRY_VERIFY(shown(u"confirmMessage"_s));
    QVERIFY(item(u"confirmMessage"_s)->property("text").toString().contains(u"nuevo@example.com"_s));
    click(u"confirmYes"_s);
    QTRY_COMPARE(users->itemId(), 0);
    QTRY_VERIFY(!item(u"userRow_nuevo@example.com"_s));
    QCOMPARE(m_server
                 .request("GET", u"/v1/users/%1"_s.arg(id), {},
                          m_server.login(u"jefa@example.com"_s, u"correct horse 1"_s))
                 .status,
             404);
}

void tst_AdminUi::campaignsScreen()
{
    QVERIFY(item(u"adminPage"_s));
    click(u"section_campaigns"_s);
    QTRY_VERIFY(item(u"campaignsPage"_s));
    auto *campaigns = controller<CampaignsController>(u"campaignsPage"_s);
    QVERIFY(campaigns);
    click(u"newCampaignButton"_s);
    type(u"campaignNameField"_s, u"Soporte"_s);
    type(u"campaignCodeField"_s, u"SOPORTE"_s);
    click(u"businessHoursSet"_s);
    QTRY_VERIFY(shown(u"dayOpen_monday"_s));
    QTest::qWait(100);   // the rows laid out
    click(u"dayOpen_monday"_s);
    click(u"dayOpen_tuesday"_s);
    // Tuesday closes before it opens: the server's message on Tuesday's row.
    QQuickItem *tuesdayStart = item(u"dayStart_tuesday"_s);
    tuesdayStart->setProperty("text", u"19:00"_s);
    click(u"saveCampaignButton"_s);
    QTRY_VERIFY(hasError(u"dayError_tuesday"_s));
    QVERIFY(!hasError(u"dayError_monday"_s));
    QCOMPARE(campaigns->itemId(), 0);
    screenshot(u"campaign-form-error"_s);

    tuesdayStart->setProperty("text", u"09:00"_s);
    click(u"saveCampaignButton"_s);
    QTRY_VERIFY(campaigns->itemId() > 0);
    QTRY_VERIFY(shown(u"campaignRow_SOPORTE"_s));
    const QVariantMap hours = campaigns->item().value(u"business_hours"_s).toMap();
    QCOMPARE(hours.value(u"tuesday"_s).toMap().value(u"start"_s).toString(), u"09:00"_s);
    QCOMPARE(hours.value(u"monday"_s).toMap().value(u"end"_s).toString(), u"18:00"_s);
    QVERIFY(hours.value(u"sunday"_s).isNull());

    // An agent, picked from the users, with a capacity and skills.
    QQuickItem *picker = item(u"agentPicker"_s);
    QVERIFY(picker);
    QTRY_COMPARE(picker->property("count").toInt(), 3);
    int agentRow = -1;
    for (int row = 0; row < 3; ++row) {
        QVariant entry;
        QMetaObject::invokeMethod(picker, "valueAt", Q_RETURN_ARG(QVariant, entry), Q_ARG(int, row));
        const qint64 id = entry.toLongLong();
        if (m_server
                .request("GET", u"/v1/users/%1"_s.arg(id), {},
                         m_server.login(u"jefa@example.com"_s, u"correct horse 1"_s))
                .value(u"email"_s)
                .toString() == u"agente@example.com"_s)
            agentRow = row;
    }
    QVERIFY(agentRow >= 0);
    picker->setProperty("currentIndex", agentRow);
    type(u"agentSkills"_s, u"soporte, ingles"_s);
    click(u"addAgentButton"_s);
    QTRY_COMPARE(campaigns->item().value(u"agents"_s).toList().size(), 1);
    const QVariantMap agent = campaigns->item().value(u"agents"_s).toList().at(0).toMap();
    QCOMPARE(agent.value(u"email"_s).toString(), u"agente@example.com"_s);
    QCOMPARE(agent.value(u"skills"_s).toStringList(), (QStringList{u"soporte"_s, u"ingles"_s}));
    QCOMPARE(agent.value(u"max_concurrent_chats"_s).toInt(), 5);
    screenshot(u"campaigns"_s);
    // The end of the form: its numbers and agents.
    auto *flick = item(u"campaignScroll"_s)->property("contentItem").value<QObject *>();
    QVERIFY(flick);
    flick->setProperty("contentY", flick->property("contentHeight").toReal() - flick->property("height").toReal());
    QTRY_VERIFY(shown(u"removeAgent_%1"_s.arg(agent.value(u"user_id"_s).toLongLong())));
    screenshot(u"campaign-agents"_s);
}

void tst_AdminUi::numbersScreen()
{
    click(u"section_numbers"_s);
    QTRY_VERIFY(item(u"numbersPage"_s));
    auto *numbers = controller<NumbersController>(u"numbersPage"_s);
    QVERIFY(numbers);
    click(u"newNumberButton"_s);
    QTRY_VERIFY(shown(u"metaTokenField"_s));
    QVERIFY(!shown(u"wppUrlField"_s));   // Meta's fields only
    type(u"numberPhoneField"_s, u"+573005550002"_s);
    type(u"numberNameField"_s, u"Soporte"_s);
    type(u"metaPhoneIdField"_s, u"555000222"_s);
    click(u"saveNumberButton"_s);
    QTRY_VERIFY(hasError(u"metaTokenError"_s));
    QVERIFY(!hasError(u"numberPhoneError"_s));
    type(u"metaTokenField"_s, u"EAAtoken"_s);
    click(u"saveNumberButton"_s);
    QTRY_VERIFY(numbers->itemId() > 0);
    QTRY_VERIFY(shown(u"webhookUrlField"_s));
    QVERIFY(item(u"webhookUrlField"_s)->property("text").toString().contains(u"/v1/webhooks/whatsapp/meta/"_s));
    QTRY_VERIFY(shown(u"numberRow_+573005550002"_s));
    click(u"reconnectNumberButton"_s);
    QTRY_COMPARE(item(u"connectionStatusLabel"_s)->property("text").toString(), u"Connected"_s);
    screenshot(u"numbers"_s);

    // A WPPConnect number: its own fields, and the QR to scan once connected.
    FakeWppConnect wpp;
    QVERIFY(wpp.listen());
    click(u"newNumberButton"_s);
    QTRY_COMPARE(numbers->itemId(), 0);
    item(u"providerField"_s)->setProperty("currentIndex", 1);
    QTRY_VERIFY(shown(u"wppUrlField"_s));
    QVERIFY(!shown(u"metaTokenField"_s));
    type(u"numberPhoneField"_s, u"+573005550003"_s);
    type(u"numberNameField"_s, u"Tienda"_s);
    type(u"wppUrlField"_s, wpp.baseUrl());
    type(u"wppSessionField"_s, u"tienda"_s);
    type(u"wppKeyField"_s, wpp.secretKey());
    click(u"saveNumberButton"_s);
    QTRY_VERIFY(numbers->itemId() > 0);
    QVERIFY(!shown(u"qrImage"_s));
    click(u"reconnectNumberButton"_s);
    QTRY_VERIFY(shown(u"qrImage"_s));
    QTRY_COMPARE(item(u"qrImage"_s)->property("status").toInt(), 1);   // Image.Ready
    screenshot(u"number-qr"_s);
}

void tst_AdminUi::supervisorSeesNoActions()
{
    signInAs(u"super@example.com"_s, u"correct horse 2"_s);
    openAdmin();
    QTRY_VERIFY(item(u"usersPage"_s));
    auto *users = controller<UsersController>(u"usersPage"_s);
    QVERIFY(users);
    QTRY_VERIFY(shown(u"userRow_agente@example.com"_s));
    QVERIFY(!shown(u"newUserButton"_s));
    QVERIFY(!shown(u"rolesTwoFactorButton"_s));
    click(u"userRow_agente@example.com"_s);
    QTRY_COMPARE(item(u"emailField"_s)->property("text").toString(), u"agente@example.com"_s);
    QVERIFY(!shown(u"saveUserButton"_s));
    QVERIFY(!shown(u"suspendUserButton"_s));
    QVERIFY(!shown(u"deleteUserButton"_s));
    QVERIFY(!item(u"emailField"_s)->isEnabled());
    screenshot(u"users-supervisor"_s);

    // Campaigns: edits them, neither creates nor deletes.
    click(u"section_campaigns"_s);
    QTRY_VERIFY(shown(u"campaignRow_SOPORTE"_s));
    QVERIFY(!shown(u"newCampaignButton"_s));
    click(u"campaignRow_SOPORTE"_s);
    QTRY_COMPARE(item(u"campaignCodeField"_s)->property("text").toString(), u"SOPORTE"_s);
    QVERIFY(shown(u"saveCampaignButton"_s));
    QVERIFY(!shown(u"deleteCampaignButton"_s));

    // Numbers: reads them, nothing more.
    click(u"section_numbers"_s);
    QTRY_VERIFY(shown(u"numberRow_+573005550002"_s));
    QVERIFY(!shown(u"newNumberButton"_s));
    click(u"numberRow_+573005550002"_s);
    QTRY_VERIFY(shown(u"connectionStatusLabel"_s));
    QVERIFY(!shown(u"saveNumberButton"_s));
    QVERIFY(!shown(u"reconnectNumberButton"_s));
    QVERIFY(!shown(u"deleteNumberButton"_s));
    QVERIFY(!shown(u"webhookUrlField"_s));   // not answered to who cannot manage numbers
}

void tst_AdminUi::agentHasClientsAndTasksOnly()
{
    signInAs(u"agente@example.com"_s, u"correct horse 3"_s);
    openAdmin();
    QCOMPARE(item(u"adminTab"_s)->property("text").toString(), u"Clients and tasks"_s);
    QTRY_VERIFY(shown(u"section_clients"_s));
    QVERIFY(shown(u"section_tasks"_s));
    QVERIFY(!item(u"section_users"_s));
    QVERIFY(!item(u"section_campaigns"_s));
    QVERIFY(!item(u"section_numbers"_s));
    QTRY_VERIFY(item(u"clientsPage"_s));
}

QTEST_MAIN(tst_AdminUi)
#include "tst_admin_ui.moc"
